import { averageOf, businessDaysBetween, shareOf } from './annual-figure-math.js';

describe('shareOf: part of whole, 0–1 with four decimals', () => {
  it.each([
    [7, 9, 0.7778],
    [2, 3, 0.6667],
    [1, 3, 0.3333],
    [0, 5, 0],
    [5, 5, 1],
  ])('%i of %i is %d', (part, whole, share) => expect(shareOf(part, whole)).toBe(share));

  it('is null (not computable) for a whole of 0, never 0', () => {
    expect(shareOf(0, 0)).toBeNull();
  });

  it('refuses negative or non-finite counts', () => {
    expect(() => shareOf(-1, 3)).toThrow(RangeError);
    expect(() => shareOf(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('averageOf: the mean with one decimal', () => {
  it.each([
    [[3, 4], 3.5],
    [[1, 2, 2], 1.7],
    [[0], 0],
    [[10, 0, 0], 3.3],
  ])('%j → %d', (values, mean) => expect(averageOf(values)).toBe(mean));

  it('is null for no values', () => expect(averageOf([])).toBeNull());
});

describe('businessDaysBetween: business days after the first date up to the second', () => {
  it.each([
    // Same day: nothing elapsed.
    ['2025-03-04', '2025-03-04', 0],
    // Friday → Monday: the weekend does not count.
    ['2025-03-07', '2025-03-10', 1],
    // A plain week: Monday → next Monday.
    ['2025-03-10', '2025-03-17', 5],
    // 추석 2025 (10-05…10-07, substitute 10-08) and 개천절 (10-03), 한글날 (10-09) all fall out:
    // 2025-09-30 (Tue) → 2025-10-10 (Fri) counts 10-01, 10-02 and 10-10 only.
    ['2025-09-30', '2025-10-10', 3],
    // 삼일절 2025 fell on a Saturday, its substitute holiday is Monday 03-03.
    ['2025-02-28', '2025-03-04', 1],
    // An answer dated before the request (bad data) counts as 0, not negative.
    ['2025-03-10', '2025-03-07', 0],
  ])('%s → %s is %i', (from, to, n) => expect(businessDaysBetween(from, to)).toBe(n));
});
