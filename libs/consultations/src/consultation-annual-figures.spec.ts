import { averageTurnaroundBusinessDays } from './consultation-annual-figures.js';

describe('averageTurnaroundBusinessDays', () => {
  it('averages business days from submission to opinion, one decimal', () => {
    // 1 (Fri → Mon), 3 (across 추석 2025 and 한글날), 0 (same day): 4 / 3 = 1.3
    expect(
      averageTurnaroundBusinessDays([
        ['2025-03-07', '2025-03-10'],
        ['2025-09-30', '2025-10-10'],
        ['2025-06-02', '2025-06-02'],
      ]),
    ).toBe(1.3);
  });

  it('is null when nothing was answered', () => {
    expect(averageTurnaroundBusinessDays([])).toBeNull();
  });
});
