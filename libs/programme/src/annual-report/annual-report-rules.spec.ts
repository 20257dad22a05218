import { allowedAnnualReportActions, formatFigure } from './annual-report-rules.js';

describe('allowedAnnualReportActions', () => {
  it.each([
    [true, 'DRAFT', true, ['generate', 'submit']],
    [true, 'DRAFT', false, ['generate']],
    [true, 'SUBMITTED', true, ['generate']],
    [true, 'SUBMITTED', false, ['generate']],
    [false, 'DRAFT', true, []],
    [false, 'SUBMITTED', true, []],
  ] as const)('office %s, %s, latest %s → %j', (isOffice, status, latest, actions) =>
    expect(allowedAnnualReportActions(isOffice, { status, latest })).toEqual(actions),
  );
});

describe('formatFigure', () => {
  it.each([
    [7, 'COUNT', '7건'],
    [0, 'COUNT', '0건'],
    [3, 'PEOPLE', '3명'],
    [0.7778, 'SHARE', '77.8%'],
    [1, 'SHARE', '100.0%'],
    [0, 'SHARE', '0.0%'],
    [1.25, 'DAYS', '1.3일'],
    [12, 'HOURS', '12시간'],
    [1200000, 'WON', '1,200,000원'],
    [null, 'SHARE', '-'],
    [null, 'COUNT', '-'],
  ] as const)('%s %s → %s', (value, unit, text) => expect(formatFigure(value, unit)).toBe(text));
});
