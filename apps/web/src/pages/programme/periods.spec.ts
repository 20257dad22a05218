import { lastQuarter, thisYear, yearParam } from './periods';

describe('programme periods', () => {
  it('reads the year of the URL, falling back to this year in Seoul', () => {
    const today = '2026-12-07';
    expect(yearParam(new URLSearchParams('year=2025'), today)).toBe(2025);
    expect(yearParam(new URLSearchParams(''), today)).toBe(2026);
    expect(yearParam(new URLSearchParams('year='), today)).toBe(2026);
    expect(yearParam(new URLSearchParams('year=20x5'), today)).toBe(2026);
    expect(yearParam(new URLSearchParams('year=2025.5'), today)).toBe(2026);
    expect(yearParam(new URLSearchParams('year=1999'), today)).toBe(2026);
    expect(yearParam(new URLSearchParams('year=2101'), today)).toBe(2026);
    expect(thisYear('2027-01-01')).toBe(2027);
  });

  it('names the last quarter that ended, the year before in its first quarter', () => {
    expect(lastQuarter('2026-12-07')).toEqual({ year: 2026, quarter: 3 });
    expect(lastQuarter('2026-10-01')).toEqual({ year: 2026, quarter: 3 });
    expect(lastQuarter('2026-09-30')).toEqual({ year: 2026, quarter: 2 });
    expect(lastQuarter('2026-04-10')).toEqual({ year: 2026, quarter: 1 });
    expect(lastQuarter('2026-03-31')).toEqual({ year: 2025, quarter: 4 });
    expect(lastQuarter('2026-01-05')).toEqual({ year: 2025, quarter: 4 });
  });
});
