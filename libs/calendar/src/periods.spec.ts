import { DomainError, ErrorCode } from '@gwaje/common';
import { addDays } from './business-days.js';
import {
  parsePeriod,
  periodsOfYear,
  REPORTING_CADENCES,
  ReportingCadence,
  withDueDate,
} from './periods.js';

/** The last day of February: 2024 is a leap year, 2026 is not. */
const FEBRUARY = { 2024: '29', 2026: '28' } as const;

describe('periodsOfYear', () => {
  it('has the three cadences', () => {
    expect([...REPORTING_CADENCES].sort()).toEqual(['HALF_YEARLY', 'MONTHLY', 'QUARTERLY']);
  });

  it('splits a year into 4 quarters', () => {
    expect(periodsOfYear(2026, ReportingCadence.QUARTERLY)).toEqual([
      {
        period: '2026-Q1',
        year: 2026,
        cadence: 'QUARTERLY',
        start: '2026-01-01',
        end: '2026-03-31',
      },
      {
        period: '2026-Q2',
        year: 2026,
        cadence: 'QUARTERLY',
        start: '2026-04-01',
        end: '2026-06-30',
      },
      {
        period: '2026-Q3',
        year: 2026,
        cadence: 'QUARTERLY',
        start: '2026-07-01',
        end: '2026-09-30',
      },
      {
        period: '2026-Q4',
        year: 2026,
        cadence: 'QUARTERLY',
        start: '2026-10-01',
        end: '2026-12-31',
      },
    ]);
  });

  it('splits a year into 12 months with real month ends', () => {
    const months = periodsOfYear(2026, ReportingCadence.MONTHLY);
    expect(months).toHaveLength(12);
    expect(months.map((p) => p.period)).toEqual([
      '2026-M01',
      '2026-M02',
      '2026-M03',
      '2026-M04',
      '2026-M05',
      '2026-M06',
      '2026-M07',
      '2026-M08',
      '2026-M09',
      '2026-M10',
      '2026-M11',
      '2026-M12',
    ]);
    // 31 28 31 30 31 30 31 31 30 31 30 31 (2026 is a common year)
    expect(months.map((p) => p.end)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
    ]);
    expect(months.every((p) => p.cadence === 'MONTHLY' && p.year === 2026)).toBe(true);
  });

  it.each([2024, 2026] as const)('ends February %i on the right day (leap years too)', (year) => {
    const february = periodsOfYear(year, ReportingCadence.MONTHLY)[1];
    expect(february).toMatchObject({
      period: `${year}-M02`,
      start: `${year}-02-01`,
      end: `${year}-02-${FEBRUARY[year]}`,
    });
  });

  it('splits a year into 2 halves', () => {
    expect(periodsOfYear(2026, ReportingCadence.HALF_YEARLY)).toEqual([
      {
        period: '2026-H1',
        year: 2026,
        cadence: 'HALF_YEARLY',
        start: '2026-01-01',
        end: '2026-06-30',
      },
      {
        period: '2026-H2',
        year: 2026,
        cadence: 'HALF_YEARLY',
        start: '2026-07-01',
        end: '2026-12-31',
      },
    ]);
  });

  it.each(REPORTING_CADENCES)(
    'covers the year with %s periods, without gaps or overlaps',
    (cadence) => {
      for (const year of [2024, 2026]) {
        const periods = periodsOfYear(year, cadence);
        expect(periods[0].start).toBe(`${year}-01-01`);
        expect(periods[periods.length - 1].end).toBe(`${year}-12-31`);
        for (let i = 1; i < periods.length; i++) {
          expect(periods[i].start).toBe(addDays(periods[i - 1].end, 1));
        }
      }
    },
  );
});

describe('parsePeriod', () => {
  it.each(REPORTING_CADENCES)('round-trips every %s label', (cadence) => {
    for (const year of [2024, 2026]) {
      for (const period of periodsOfYear(year, cadence)) {
        expect(parsePeriod(period.period)).toEqual(period);
      }
    }
  });

  it('reads each kind of label', () => {
    expect(parsePeriod('2026-Q3')).toEqual({
      period: '2026-Q3',
      year: 2026,
      cadence: 'QUARTERLY',
      start: '2026-07-01',
      end: '2026-09-30',
    });
    expect(parsePeriod('2024-M02')).toMatchObject({
      cadence: 'MONTHLY',
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(parsePeriod('2026-H2')).toMatchObject({
      cadence: 'HALF_YEARLY',
      start: '2026-07-01',
      end: '2026-12-31',
    });
  });

  it.each([
    '2026-Q5',
    '2026-Q0',
    '2026-M13',
    '2026-M00',
    '2026-M1',
    '2026-H3',
    '2026-H0',
    '2026-07',
    '2026-q1',
    ' 2026-Q1',
    '2026-Q1 ',
    '26-Q1',
    '',
    'x',
  ])('returns null for %p', (label) => {
    expect(parsePeriod(label)).toBeNull();
  });
});

describe('withDueDate', () => {
  it.each([
    // Q3 ends 9/30 Wed → 10/1 Thu(1) 10/2 Fri(2) [10/3 Sat 개천절, 10/4 Sun, 10/5 Mon 대체공휴일(개천절)]
    // 10/6 Tue(3) 10/7 Wed(4) 10/8 Thu(5)
    ['2026-Q3', 5, '2026-10-08'],
    // Q3 ends 9/30 Tue → 10/1(1) 10/2(2) [10/3 개천절, 10/4 Sat, 10/5–10/7 추석, 10/8 대체공휴일,
    // 10/9 한글날] 10/10 Fri(3) [10/11 Sat, 10/12 Sun] 10/13 Mon(4) 10/14 Tue(5)
    ['2025-Q3', 5, '2025-10-14'],
    // Q4 ends 12/31 Wed → [1/1 Thu 1월 1일] 1/2 Fri(1) [1/3 Sat, 1/4 Sun] 1/5(2) 1/6(3) 1/7(4) 1/8 Thu(5)
    ['2025-Q4', 5, '2026-01-08'],
    // M01 ends 1/31 Sat → [2/1 Sun] 2/2 Mon(1) … 2/6 Fri(5) [2/7, 2/8] 2/9(6) … 2/13 Fri(10)
    // [2/14 Sat, 2/15 Sun, 2/16–2/18 설날] 2/19 Thu(11)
    ['2026-M01', 11, '2026-02-19'],
    // M02 ends 2/28 Sat → [3/1 Sun 3ㆍ1절, 3/2 Mon 대체공휴일(3ㆍ1절)] 3/3 Tue(1)
    ['2026-M02', 1, '2026-03-03'],
    // H2 ends 12/31 Thu → [2027-01-01 Fri 1월 1일, 1/2 Sat, 1/3 Sun] 1/4 Mon(1)
    ['2026-H2', 1, '2027-01-04'],
  ])('%s due %i business days after its end is %s', (label, n, due) => {
    const period = parsePeriod(label)!;
    expect(withDueDate(period, n)).toEqual({ ...period, dueDate: due });
  });

  it('refuses a due date in a year without holiday data', () => {
    // 2027-Q4 ends 12/31 Fri; the next business day would be in 2028
    let error: unknown;
    try {
      withDueDate(parsePeriod('2027-Q4')!, 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.CALENDAR_UNAVAILABLE);
  });

  it('throws RangeError for fewer than one business day', () => {
    expect(() => withDueDate(parsePeriod('2026-Q1')!, 0)).toThrow(RangeError);
  });
});
