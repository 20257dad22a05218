import { DomainError, ErrorCode } from '@gwaje/common';
import { HOLIDAY_YEARS, holidayNames, holidaysKnownFor } from './holidays.js';

/**
 * Business-day arithmetic in Asia/Seoul on calendar dates (YYYY-MM-DD strings, no time of day):
 * a business day is Monday to Friday and not a public holiday (holidays.ts).
 */

const DAY_MS = 86_400_000;

const toUtc = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

// One formatter for the process: building one costs about 70 µs, formatting with it about 1 µs.
const SEOUL_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date in Asia/Seoul of an instant (today by default). */
export function seoulDate(instant: Date = new Date()): string {
  return SEOUL_DATE.format(instant);
}

export function calendarUnavailable(year: number): DomainError {
  return new DomainError(ErrorCode.CALENDAR_UNAVAILABLE, {
    ko: `${year}년 공휴일 자료가 없어 근무일을 계산할 수 없습니다(제공 범위: ${HOLIDAY_YEARS.first}–${HOLIDAY_YEARS.last}년).`,
    en: `Public holidays of ${year} are not known yet, so business days cannot be computed (known: ${HOLIDAY_YEARS.first}–${HOLIDAY_YEARS.last}).`,
  });
}

/** Throws CALENDAR_UNAVAILABLE for a year without holiday data instead of guessing. */
export function isBusinessDay(date: string): boolean {
  const year = Number(date.slice(0, 4));
  if (!holidaysKnownFor(year)) throw calendarUnavailable(year);
  const day = weekday(date);
  return day !== 0 && day !== 6 && holidayNames(date).length === 0;
}

/** The n-th business day strictly after `date` (n ≥ 1): "due on the 5th business day after". */
export function nthBusinessDayAfter(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
  let day = date;
  for (let found = 0; found < n;) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) found++;
  }
  return day;
}

/** The n-th business day strictly before `date` (n ≥ 1): "remind D-5 business days". */
export function nthBusinessDayBefore(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
  let day = date;
  for (let found = 0; found < n;) {
    day = addDays(day, -1);
    if (isBusinessDay(day)) found++;
  }
  return day;
}

export interface CalendarDay {
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  businessDay: boolean;
  /** Public holiday names from the gazette, e.g. ["설날"], ["대체공휴일(개천절)"]. */
  holidays: readonly string[];
}

/** Every day from `from` to `to` inclusive, as the calendar sees it. */
export function calendarDays(from: string, to: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push({
      date: day,
      weekday: weekday(day),
      businessDay: isBusinessDay(day),
      holidays: holidayNames(day),
    });
  }
  return days;
}

/** At most a year and a day per request: enough for any reporting year, bounded work. */
export const MAX_CALENDAR_RANGE_DAYS = 366;

/** The calendar of a date range with its business-day count, for the API. */
export function describeBusinessDays(from: string, to: string) {
  const span = daysBetween(from, to);
  if (span < 0) {
    throw DomainError.invalidField('to', 'notBeforeFrom', {
      ko: '종료일은 시작일보다 빠를 수 없습니다.',
      en: 'must not be before from',
    });
  }
  if (span >= MAX_CALENDAR_RANGE_DAYS) {
    throw DomainError.invalidField('to', 'maxRange', {
      ko: `한 번에 ${MAX_CALENDAR_RANGE_DAYS}일까지 조회할 수 있습니다.`,
      en: `at most ${MAX_CALENDAR_RANGE_DAYS} days per request`,
    });
  }
  const days = calendarDays(from, to);
  return {
    from,
    to,
    businessDays: days.filter((d) => d.businessDay).length,
    timeZone: 'Asia/Seoul',
    source: `@hyunbinseo/holidays-kr (관보), ${HOLIDAY_YEARS.first}–${HOLIDAY_YEARS.last}`,
    days,
  };
}
