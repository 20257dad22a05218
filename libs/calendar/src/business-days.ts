import { DomainError, ErrorCode } from '@gwaje/common';
import {
  currentCalendarOrganisation,
  type DeclaredDay,
  DeclaredDays,
  declaredDays,
} from './declared-days.js';
import { HOLIDAY_YEARS, holidayNames, holidaysKnownFor } from './holidays.js';

/**
 * Business-day arithmetic in Asia/Seoul on calendar dates (YYYY-MM-DD strings, no time of day):
 * a business day is Monday to Friday, not a public holiday (holidays.ts) and not a day declared
 * closed (declared-days.ts) for the organisation of the lens.
 */

/**
 * Which declarations a computation sees: by default those in force in this process and the
 * organisation of the current context; a recomputation passes the before and after of a change.
 */
export interface CalendarLens {
  declared: DeclaredDays;
  organisationId?: string | null;
}

const currentLens = (): CalendarLens => ({
  declared: declaredDays(),
  organisationId: currentCalendarOrganisation(),
});

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
  return new DomainError(
    ErrorCode.CALENDAR_UNAVAILABLE,
    {
      ko: `${year}년 공휴일 자료가 없어 근무일을 계산할 수 없습니다(제공 범위: ${HOLIDAY_YEARS.first}–${HOLIDAY_YEARS.last}년).`,
      en: `Public holidays of ${year} are not known yet, so business days cannot be computed (known: ${HOLIDAY_YEARS.first}–${HOLIDAY_YEARS.last}).`,
    },
    [],
    { missingYear: year },
  );
}

/** Throws CALENDAR_UNAVAILABLE for a year without holiday data instead of guessing. */
export function isBusinessDay(date: string, lens: CalendarLens = currentLens()): boolean {
  const year = Number(date.slice(0, 4));
  if (!holidaysKnownFor(year)) throw calendarUnavailable(year);
  const day = weekday(date);
  return (
    day !== 0 &&
    day !== 6 &&
    holidayNames(date).length === 0 &&
    !lens.declared.of(date, lens.organisationId)
  );
}

/** The n-th business day strictly after `date` (n ≥ 1): "due on the 5th business day after". */
export function nthBusinessDayAfter(
  date: string,
  n: number,
  lens: CalendarLens = currentLens(),
): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
  let day = date;
  for (let found = 0; found < n;) {
    day = addDays(day, 1);
    if (isBusinessDay(day, lens)) found++;
  }
  return day;
}

/** The n-th business day strictly before `date` (n ≥ 1): "remind D-5 business days". */
export function nthBusinessDayBefore(
  date: string,
  n: number,
  lens: CalendarLens = currentLens(),
): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
  let day = date;
  for (let found = 0; found < n;) {
    day = addDays(day, -1);
    if (isBusinessDay(day, lens)) found++;
  }
  return day;
}

/** Business days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function businessDaysBetween(
  from: string,
  to: string,
  lens: CalendarLens = currentLens(),
): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1))
    if (isBusinessDay(day, lens)) n++;
  return n;
}

/**
 * Where a deadline counted in business days from `basis` lands once the declarations change from
 * `before` to `after`: as many business days after `basis` as it was. A due date that was not a
 * business day count (none is) stays where it was.
 */
export function movedDueDate(
  basis: string,
  due: string,
  before: CalendarLens,
  after: CalendarLens,
): string {
  const n = businessDaysBetween(basis, due, before);
  return n < 1 ? due : nthBusinessDayAfter(basis, n, after);
}

export interface CalendarDay {
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  businessDay: boolean;
  /**
   * Holiday names, e.g. ["설날"], ["대체공휴일(개천절)"]: a declared day's name first, then the
   * gazette's.
   */
  holidays: readonly string[];
  /** What makes it a holiday: a declaration (which wins where both speak), the package, or none. */
  source: 'declared' | 'package' | null;
  /** The declaration's id when `source` is declared. */
  declarationId: string | null;
  /** A declared day's reach: every organisation, or the reader's organisation only. */
  declaredFor: 'national' | 'organisation' | null;
}

/** Every day from `from` to `to` inclusive, as the calendar sees it. */
export function calendarDays(
  from: string,
  to: string,
  lens: CalendarLens = currentLens(),
): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const declared: DeclaredDay | undefined = lens.declared.of(day, lens.organisationId);
    const gazette = holidayNames(day);
    days.push({
      date: day,
      weekday: weekday(day),
      businessDay: isBusinessDay(day, lens),
      holidays: declared ? [declared.name, ...gazette.filter((n) => n !== declared.name)] : gazette,
      source: declared ? 'declared' : gazette.length ? 'package' : null,
      declarationId: declared?.id ?? null,
      declaredFor: declared ? (declared.organisationId ? 'organisation' : 'national') : null,
    });
  }
  return days;
}

/** At most a year and a day per request: enough for any reporting year, bounded work. */
export const MAX_CALENDAR_RANGE_DAYS = 366;

/** The calendar of a date range with its business-day count, for the API. */
export function describeBusinessDays(from: string, to: string, lens: CalendarLens = currentLens()) {
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
  const days = calendarDays(from, to, lens);
  return {
    from,
    to,
    businessDays: days.filter((d) => d.businessDay).length,
    timeZone: 'Asia/Seoul',
    source: `@hyunbinseo/holidays-kr (관보), ${HOLIDAY_YEARS.first}–${HOLIDAY_YEARS.last}`,
    days,
  };
}
