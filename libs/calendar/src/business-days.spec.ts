import { DomainError, ErrorCode } from '@gwaje/common';
import {
  addDays,
  calendarDays,
  daysBetween,
  describeBusinessDays,
  isBusinessDay,
  MAX_CALENDAR_RANGE_DAYS,
  nthBusinessDayAfter,
  nthBusinessDayBefore,
  seoulDate,
  weekday,
} from './business-days.js';
import { HOLIDAY_YEARS, holidayNames, holidaysKnownFor } from './holidays.js';

/**
 * Every expected date below was counted by hand on a real calendar against the gazette data of
 * @hyunbinseo/holidays-kr (dist/2024–2027-*.js); the comment on each case shows the counting.
 * Business days are numbered (1), (2)…; skipped days are in [brackets].
 */

/** The error a call throws, for asserting on its fields. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

function expectDomainError(fn: () => unknown, code: ErrorCode): DomainError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

describe('holiday data', () => {
  it('covers 2018 to 2027, the years the package has published', () => {
    expect(HOLIDAY_YEARS).toEqual({ first: 2018, last: 2027 });
    expect(holidaysKnownFor(2017)).toBe(false);
    expect(holidaysKnownFor(2018)).toBe(true);
    expect(holidaysKnownFor(2027)).toBe(true);
    expect(holidaysKnownFor(2028)).toBe(false);
  });

  it('names holidays as the gazette does, including substitute and temporary ones', () => {
    expect(holidayNames('2026-02-17')).toEqual(['설날']);
    expect(holidayNames('2026-10-05')).toEqual(['대체공휴일(개천절)']);
    expect(holidayNames('2025-10-08')).toEqual(['대체공휴일(추석)']);
    expect(holidayNames('2025-01-27')).toEqual(['임시공휴일']);
    expect(holidayNames('2025-05-05')).toEqual(['어린이날', '부처님 오신 날']);
    expect(holidayNames('2026-01-07')).toEqual([]);
  });
});

describe('date arithmetic', () => {
  it.each([
    ['2024-02-28', '2024-03-01', 2], // 2024 is a leap year: 2/28 → 2/29 → 3/1
    ['2025-02-28', '2025-03-01', 1], // 2025 is not: 2/28 → 3/1
    ['2025-12-31', '2026-01-01', 1], // across the year end
    ['2026-01-31', '2026-02-01', 1], // across a month end
    ['2026-03-01', '2026-02-28', -1], // backwards is negative
    ['2026-01-07', '2026-01-07', 0],
    ['2026-01-01', '2027-01-01', 365], // a common year
    ['2024-01-01', '2025-01-01', 366], // a leap year
  ])('daysBetween(%s, %s) = %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'], // leap day exists in 2024
    ['2024-02-28', 2, '2024-03-01'], // 2/29, 3/1
    ['2025-02-28', 1, '2025-03-01'], // no 2/29 in 2025
    ['2024-03-01', -1, '2024-02-29'], // back over the leap day
    ['2026-03-01', -1, '2026-02-28'], // back over a common February end
    ['2025-12-31', 1, '2026-01-01'], // across the year end
    ['2026-01-01', -1, '2025-12-31'], // and back
    ['2026-01-30', 3, '2026-02-02'], // 1/31, 2/1, 2/2
    ['2026-01-07', 0, '2026-01-07'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-01-01', 4], // Thursday (New Year 2026)
    ['2026-01-03', 6], // Saturday
    ['2026-01-04', 0], // Sunday
    ['2026-01-05', 1], // Monday
    ['2024-02-29', 4], // Thursday: 2024-01-01 Mon + 59 days (59 = 8·7 + 3) → Thu
    ['2025-09-30', 2], // Tuesday: 2025-10-01 is a Wednesday
  ])('weekday(%s) = %i (0 = Sunday)', (date, day) => {
    expect(weekday(date)).toBe(day);
  });

  it('gives the date in Asia/Seoul (UTC+9, no daylight saving) of an instant', () => {
    expect(seoulDate(new Date('2026-01-01T14:59:59Z'))).toBe('2026-01-01'); // 23:59:59 KST
    expect(seoulDate(new Date('2026-01-01T15:00:00Z'))).toBe('2026-01-02'); // 00:00 KST next day
    expect(seoulDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('isBusinessDay', () => {
  it.each([
    ['2026-01-07', true], // an ordinary Wednesday
    ['2026-01-03', false], // Saturday
    ['2026-01-04', false], // Sunday
    ['2026-02-17', false], // Tuesday, 설날
    ['2026-10-05', false], // Monday, 대체공휴일(개천절): 개천절 10/3 fell on a Saturday
    ['2025-01-27', false], // Monday, 임시공휴일 before 설날 2025
    ['2026-05-01', false], // Friday, 노동절 (a public holiday from 2026 in the package)
    ['2026-01-02', true], // Friday after 1월 1일
  ])('isBusinessDay(%s) = %s', (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });

  it.each(['2017-12-29', '2028-01-03'])(
    'refuses %s with CALENDAR_UNAVAILABLE instead of guessing',
    (date) => {
      const error = expectDomainError(() => isBusinessDay(date), ErrorCode.CALENDAR_UNAVAILABLE);
      const year = date.slice(0, 4);
      expect(error.text.ko).toContain(`${year}년`);
      expect(error.text.en).toContain(`Public holidays of ${year}`);
      expect(error.text.en).toContain('2018–2027');
    },
  );
});

describe('nthBusinessDayAfter', () => {
  it.each([
    // 1/9 Fri → [1/10 Sat, 1/11 Sun] 1/12 Mon(1)
    ['2026-01-09', 1, '2026-01-12'],
    // 1/9 Fri → [1/10 Sat, 1/11 Sun] 1/12(1) 1/13(2) 1/14(3)
    ['2026-01-09', 3, '2026-01-14'],
    // 1/5 Mon → 1/6 Tue(1) 1/7 Wed(2)
    ['2026-01-05', 2, '2026-01-07'],
    // 1/10 Sat → [1/11 Sun] 1/12(1) … 1/16 Fri(5)
    ['2026-01-10', 5, '2026-01-16'],
  ])('skips weekends: %s + %i business days = %s', (date, n, expected) => {
    expect(nthBusinessDayAfter(date, n)).toBe(expected);
  });

  it.each([
    // 2/13 Fri → [2/14 Sat, 2/15 Sun, 2/16 설날 전날, 2/17 설날, 2/18 설날 다음 날] 2/19 Thu(1)
    ['2026-02-13', 1, '2026-02-19'],
    // 2/13 Fri → [2/14–2/18] 2/19 Thu(1) 2/20 Fri(2) [2/21 Sat, 2/22 Sun] 2/23 Mon(3)
    ['2026-02-13', 3, '2026-02-23'],
    // 2/12 Thu → 2/13 Fri(1) [2/14 Sat, 2/15 Sun, 2/16–2/18 설날] 2/19 Thu(2)
    ['2026-02-12', 2, '2026-02-19'],
  ])('skips 설날 2026 (2/16–2/18): %s + %i = %s', (date, n, expected) => {
    expect(nthBusinessDayAfter(date, n)).toBe(expected);
  });

  it.each([
    // 9/30 Tue → 10/1 Wed(1) 10/2 Thu(2) [10/3 Fri 개천절, 10/4 Sat, 10/5 Sun 추석 전날, 10/6 Mon 추석,
    // 10/7 Tue 추석 다음 날, 10/8 Wed 대체공휴일(추석), 10/9 Thu 한글날] 10/10 Fri(3) [10/11 Sat, 10/12 Sun]
    // 10/13 Mon(4) 10/14 Tue(5)
    ['2025-09-30', 5, '2025-10-14'],
    // 10/2 Thu → [10/3 Fri … 10/9 Thu: 개천절, weekend, 추석 ×3, 대체공휴일, 한글날] 10/10 Fri(1)
    ['2025-10-02', 1, '2025-10-10'],
  ])('skips 추석 2025 with 개천절, 대체공휴일 and 한글날: %s + %i = %s', (date, n, expected) => {
    expect(nthBusinessDayAfter(date, n)).toBe(expected);
  });

  it.each([
    // 9/30 Wed → 10/1 Thu(1) 10/2 Fri(2) [10/3 Sat 개천절, 10/4 Sun, 10/5 Mon 대체공휴일(개천절)]
    // 10/6 Tue(3) 10/7 Wed(4) 10/8 Thu(5)
    ['2026-09-30', 5, '2026-10-08'],
    // 10/2 Fri → [10/3 Sat, 10/4 Sun, 10/5 Mon 대체공휴일(개천절)] 10/6 Tue(1)
    ['2026-10-02', 1, '2026-10-06'],
  ])('skips the substitute holiday 2026-10-05: %s + %i = %s', (date, n, expected) => {
    expect(nthBusinessDayAfter(date, n)).toBe(expected);
  });

  it.each([
    // 1/24 Fri → [1/25 Sat, 1/26 Sun, 1/27 Mon 임시공휴일, 1/28 Tue 설날 전날, 1/29 Wed 설날,
    // 1/30 Thu 설날 다음 날] 1/31 Fri(1)
    ['2025-01-24', 1, '2025-01-31'],
    // 1/23 Thu → 1/24 Fri(1) [1/25 Sat … 1/30 Thu] 1/31 Fri(2)
    ['2025-01-23', 2, '2025-01-31'],
  ])('skips the temporary holiday 2025-01-27: %s + %i = %s', (date, n, expected) => {
    expect(nthBusinessDayAfter(date, n)).toBe(expected);
  });

  // 2025-12-31 Wed → [1/1 Thu 1월 1일] 1/2 Fri(1) [1/3 Sat, 1/4 Sun] 1/5 Mon(2) 1/6(3) 1/7(4) 1/8 Thu(5)
  it('crosses the year end over 1월 1일: 2025-12-31 + 5 = 2026-01-08', () => {
    expect(nthBusinessDayAfter('2025-12-31', 5)).toBe('2026-01-08');
  });

  // 2026-12-31 Thu → [2027-01-01 Fri 1월 1일, 1/2 Sat, 1/3 Sun] 1/4 Mon(1)
  it('crosses into 2027: 2026-12-31 + 1 = 2027-01-04', () => {
    expect(nthBusinessDayAfter('2026-12-31', 1)).toBe('2027-01-04');
  });

  // 2027-12-30 Thu → 12/31 Fri(1), then 2028-01-01 has no holiday data
  it('refuses to count into a year without holiday data', () => {
    expect(nthBusinessDayAfter('2027-12-30', 1)).toBe('2027-12-31');
    expectDomainError(() => nthBusinessDayAfter('2027-12-30', 2), ErrorCode.CALENDAR_UNAVAILABLE);
    expectDomainError(() => nthBusinessDayAfter('2028-03-01', 1), ErrorCode.CALENDAR_UNAVAILABLE);
  });

  it.each([0, -1, 1.5, Number.NaN])('throws RangeError for n = %p', (n) => {
    expect(() => nthBusinessDayAfter('2026-01-07', n)).toThrow(RangeError);
  });
});

describe('nthBusinessDayBefore', () => {
  it.each([
    // 1/12 Mon → [1/11 Sun, 1/10 Sat] 1/9 Fri(1)
    ['2026-01-12', 1, '2026-01-09'],
    // 1/7 Wed → 1/6 Tue(1) 1/5 Mon(2) [1/4 Sun, 1/3 Sat] 1/2 Fri(3)
    ['2026-01-07', 3, '2026-01-02'],
    // 2/19 Thu → [2/18, 2/17, 2/16 설날, 2/15 Sun, 2/14 Sat] 2/13 Fri(1)
    ['2026-02-19', 1, '2026-02-13'],
    // 10/14 Tue → 10/13 Mon(1) [10/12 Sun, 10/11 Sat] 10/10 Fri(2) [10/9 한글날 … 10/3 개천절]
    // 10/2 Thu(3) 10/1 Wed(4) 9/30 Tue(5)
    ['2025-10-14', 5, '2025-09-30'],
    // 10/8 Thu → 10/7 Wed(1) 10/6 Tue(2) [10/5 대체공휴일(개천절), 10/4 Sun, 10/3 Sat 개천절]
    // 10/2 Fri(3) 10/1 Thu(4) 9/30 Wed(5)
    ['2026-10-08', 5, '2026-09-30'],
    // 1/2 Fri → [1/1 Thu 1월 1일] 2025-12-31 Wed(1)
    ['2026-01-02', 1, '2025-12-31'],
    // 1/31 Fri → [1/30 … 1/27: 설날 ×3, 임시공휴일, 1/26 Sun, 1/25 Sat] 1/24 Fri(1)
    ['2025-01-31', 1, '2025-01-24'],
  ])('%s − %i business days = %s', (date, n, expected) => {
    expect(nthBusinessDayBefore(date, n)).toBe(expected);
  });

  // 2018-01-02 Tue → [1/1 Mon 1월 1일], then 2017-12-31 has no holiday data
  it('refuses to count back into a year without holiday data', () => {
    expectDomainError(() => nthBusinessDayBefore('2018-01-02', 1), ErrorCode.CALENDAR_UNAVAILABLE);
  });

  it.each([0, -3, 2.5])('throws RangeError for n = %p', (n) => {
    expect(() => nthBusinessDayBefore('2026-01-07', n)).toThrow(RangeError);
  });
});

/** Where a day's holiday comes from: nothing declared in these cases. */
const PACKAGE = { source: 'package', declarationId: null, declaredFor: null } as const;
const ORDINARY = { source: null, declarationId: null, declaredFor: null } as const;

describe('calendarDays', () => {
  it('lists each day of 추석 2025 with its weekday, business flag and holiday names', () => {
    expect(calendarDays('2025-10-03', '2025-10-10')).toEqual([
      { date: '2025-10-03', weekday: 5, businessDay: false, holidays: ['개천절'], ...PACKAGE },
      { date: '2025-10-04', weekday: 6, businessDay: false, holidays: [], ...ORDINARY },
      { date: '2025-10-05', weekday: 0, businessDay: false, holidays: ['추석 전날'], ...PACKAGE },
      { date: '2025-10-06', weekday: 1, businessDay: false, holidays: ['추석'], ...PACKAGE },
      {
        date: '2025-10-07',
        weekday: 2,
        businessDay: false,
        holidays: ['추석 다음 날'],
        ...PACKAGE,
      },
      {
        date: '2025-10-08',
        weekday: 3,
        businessDay: false,
        holidays: ['대체공휴일(추석)'],
        ...PACKAGE,
      },
      { date: '2025-10-09', weekday: 4, businessDay: false, holidays: ['한글날'], ...PACKAGE },
      { date: '2025-10-10', weekday: 5, businessDay: true, holidays: [], ...ORDINARY },
    ]);
  });

  it('keeps every name of a day that is two holidays at once', () => {
    // 2025-05-05 Mon is both 어린이날 and 부처님 오신 날; 5/6 Tue substitutes for the latter
    expect(calendarDays('2025-05-05', '2025-05-06')).toEqual([
      {
        date: '2025-05-05',
        weekday: 1,
        businessDay: false,
        holidays: ['어린이날', '부처님 오신 날'],
        ...PACKAGE,
      },
      {
        date: '2025-05-06',
        weekday: 2,
        businessDay: false,
        holidays: ['대체공휴일(부처님 오신 날)'],
        ...PACKAGE,
      },
    ]);
  });

  it('includes both ends and crosses month and year ends', () => {
    expect(calendarDays('2026-01-07', '2026-01-07')).toHaveLength(1);
    // 2025-12-30 Tue, 12/31 Wed, 2026-01-01 Thu 1월 1일, 1/2 Fri
    expect(calendarDays('2025-12-30', '2026-01-02').map((d) => [d.date, d.businessDay])).toEqual([
      ['2025-12-30', true],
      ['2025-12-31', true],
      ['2026-01-01', false],
      ['2026-01-02', true],
    ]);
    // 2024-02-28 Wed, 2/29 Thu (leap day), 3/1 Fri 3ㆍ1절
    expect(calendarDays('2024-02-28', '2024-03-01').map((d) => d.date)).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });
});

describe('describeBusinessDays', () => {
  it('counts the business days of a range: 2026-09-21..2026-10-12 has 12', () => {
    // 9/21 Mon(1) 9/22(2) 9/23(3) [9/24 추석 전날, 9/25 추석, 9/26 Sat 추석 다음 날, 9/27 Sun]
    // 9/28 Mon(4) 9/29(5) 9/30(6) 10/1(7) 10/2 Fri(8) [10/3 Sat 개천절, 10/4 Sun,
    // 10/5 Mon 대체공휴일(개천절)] 10/6(9) 10/7(10) 10/8(11) [10/9 Fri 한글날, 10/10 Sat, 10/11 Sun]
    // 10/12 Mon(12)
    const result = describeBusinessDays('2026-09-21', '2026-10-12');
    expect(result).toMatchObject({
      from: '2026-09-21',
      to: '2026-10-12',
      businessDays: 12,
      timeZone: 'Asia/Seoul',
      source: '@hyunbinseo/holidays-kr (관보), 2018–2027',
    });
    expect(result.days).toHaveLength(22);
    expect(result.days.filter((d) => d.businessDay).map((d) => d.date)).toEqual([
      '2026-09-21',
      '2026-09-22',
      '2026-09-23',
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-01',
      '2026-10-02',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-12',
    ]);
    expect(result.days.find((d) => d.date === '2026-10-05')?.holidays).toEqual([
      '대체공휴일(개천절)',
    ]);
  });

  it('counts a whole year: 2026 has 245 business days', () => {
    // 2026-01-01 is a Thursday and 2026 has 365 days = 52 weeks + Thu 12/31 → 52·5 + 1 = 261 weekdays.
    // Weekday holidays: 1/1 Thu, 2/16 Mon, 2/17 Tue, 2/18 Wed, 3/2 Mon, 5/1 Fri, 5/5 Tue, 5/25 Mon,
    // 6/3 Wed, 7/17 Fri, 8/17 Mon, 9/24 Thu, 9/25 Fri, 10/5 Mon, 10/9 Fri, 12/25 Fri = 16
    // (3/1, 5/24, 8/15, 9/26, 10/3 fall on weekends; 6/6 Sat). 261 − 16 = 245.
    const result = describeBusinessDays('2026-01-01', '2026-12-31');
    expect(result.days).toHaveLength(365);
    expect(result.businessDays).toBe(245);
  });

  it('accepts a whole leap year, the largest range: 2024 has 246 business days', () => {
    // 2024-01-01 is a Monday and 2024 has 366 days = 52 weeks + Mon 12/30, Tue 12/31 → 262 weekdays.
    // Weekday holidays: 1/1 Mon, 2/9 Fri, 2/12 Mon, 3/1 Fri, 4/10 Wed, 5/6 Mon, 5/15 Wed, 6/6 Thu,
    // 8/15 Thu, 9/16 Mon, 9/17 Tue, 9/18 Wed, 10/1 Tue, 10/3 Thu, 10/9 Wed, 12/25 Wed = 16
    // (2/10 Sat, 2/11 Sun, 5/5 Sun). 262 − 16 = 246.
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(MAX_CALENDAR_RANGE_DAYS - 1);
    const result = describeBusinessDays('2024-01-01', '2024-12-31');
    expect(result.days).toHaveLength(366);
    expect(result.businessDays).toBe(246);
  });

  it('counts a single day', () => {
    expect(describeBusinessDays('2026-01-07', '2026-01-07').businessDays).toBe(1); // Wednesday
    expect(describeBusinessDays('2026-02-17', '2026-02-17').businessDays).toBe(0); // 설날
  });

  it('refuses an end before the start with a 400 about `to`', () => {
    const error = expectDomainError(
      () => describeBusinessDays('2026-01-02', '2026-01-01'),
      ErrorCode.VALIDATION_FAILED,
    );
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatchObject({ field: 'to', code: 'notBeforeFrom' });
    expect(error.details[0].message.en).toBe('must not be before from');
  });

  it('refuses a range longer than a year and a day with a 400 about `to`', () => {
    expect(MAX_CALENDAR_RANGE_DAYS).toBe(366);
    // 2026-01-01 + 365 days = 2027-01-01 (366 days listed): the longest range allowed
    expect(describeBusinessDays('2026-01-01', '2027-01-01').days).toHaveLength(366);
    // 2026-01-01 + 366 days = 2027-01-02: one too many
    const error = expectDomainError(
      () => describeBusinessDays('2026-01-01', '2027-01-02'),
      ErrorCode.VALIDATION_FAILED,
    );
    expect(error.details[0]).toMatchObject({ field: 'to', code: 'maxRange' });
  });

  it('refuses a range touching a year without holiday data', () => {
    expectDomainError(
      () => describeBusinessDays('2030-01-01', '2030-01-31'),
      ErrorCode.CALENDAR_UNAVAILABLE,
    );
    expectDomainError(
      () => describeBusinessDays('2017-12-25', '2018-01-05'),
      ErrorCode.CALENDAR_UNAVAILABLE,
    );
    expectDomainError(
      () => describeBusinessDays('2027-12-20', '2028-01-05'),
      ErrorCode.CALENDAR_UNAVAILABLE,
    );
  });
});
