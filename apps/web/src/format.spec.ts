import {
  formatDate,
  formatDateTime,
  formatPercent,
  formatWon,
  isoDate,
  seoulToday,
} from './format';

describe('Korean formats', () => {
  it('shows calendar days as Seoul dates, whatever the machine zone', () => {
    expect(formatDate('2026-11-22')).toBe('2026. 11. 22.');
    // 15:30 UTC is 00:30 the next day in Seoul.
    expect(formatDate('2026-11-22T15:30:00Z')).toBe('2026. 11. 23.');
    expect(formatDate(null)).toBe('');
  });

  it('shows times in Seoul with a 24-hour clock', () => {
    expect(formatDateTime('2026-11-22T05:05:00Z')).toBe('2026. 11. 22. 14:05');
    expect(formatDateTime('2026-12-31T15:00:00Z')).toBe('2027. 01. 01. 00:00');
  });

  it('gives input values and today in Seoul', () => {
    expect(isoDate('2026-11-22T23:59:59+09:00')).toBe('2026-11-22');
    expect(seoulToday(new Date('2026-11-22T15:00:00Z'))).toBe('2026-11-23');
  });

  it('formats money and percentages', () => {
    expect(formatWon(200000)).toBe('200,000원');
    expect(formatWon(200000, 'en')).toBe('KRW 200,000');
    expect(formatPercent(7 / 9)).toBe('77.8%');
    expect(formatPercent(50, { isPercent: true })).toBe('50%');
    expect(formatPercent(null)).toBe('–');
  });
});
