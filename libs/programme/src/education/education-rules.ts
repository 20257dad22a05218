import { addDays, isBusinessDay, weekday } from '@gwaje/calendar';
import type { ErrorDetail, LocalText } from '@gwaje/common';

/** What a session is (DOMAIN.md §9): 전 직원 교육, 리더십 과정, 신규자 교육, 기타. */
export const EDUCATION_KINDS = ['ALL_STAFF', 'LEADERSHIP', 'NEW_STAFF', 'OTHER'] as const;
export type EducationKind = (typeof EDUCATION_KINDS)[number];
export const EDUCATION_KIND_LABELS: Readonly<Record<EducationKind, string>> = {
  ALL_STAFF: '전 직원 교육',
  LEADERSHIP: '리더십 과정',
  NEW_STAFF: '신규자 교육',
  OTHER: '기타',
};

export const EDUCATION_DELIVERIES = ['ONLINE', 'OFFLINE'] as const;
export type EducationDelivery = (typeof EDUCATION_DELIVERIES)[number];

/** Where attendance came from: entered by the office, or imported from a roster file. */
export type AttendanceSource = 'ENTERED' | 'ROSTER';

/** A session lasts at most this many hours, in half hours (0.5, 1, 1.5, …). */
export const MAX_SESSION_HOURS = 40;

export const EDUCATION_SESSION_RECORD_TYPE = 'education_session';
/** Access-log record type of the completion figures (people's hours) and of the reminders. */
export const EDUCATION_COMPLETION_RECORD_TYPE = 'education_completion';

/** Whether `hours` is a positive number of half hours up to `max`. */
export function isHalfHours(hours: number, max = MAX_SESSION_HOURS): boolean {
  return (
    Number.isFinite(hours) &&
    hours > 0 &&
    hours <= max &&
    Math.abs(hours * 2 - Math.round(hours * 2)) < 1e-9
  );
}

/** Problems of hours attended at `field`: half hours, more than zero, at most the session's. */
export function attendedHoursProblem(
  field: string,
  hours: number,
  sessionHours: number,
): ErrorDetail | null {
  if (!isHalfHours(hours))
    return {
      field,
      code: 'halfHours',
      message: {
        ko: `이수시간은 0.5시간 단위로 0보다 크고 ${MAX_SESSION_HOURS}시간 이하여야 합니다.`,
        en: `hours must be half hours above 0 and at most ${MAX_SESSION_HOURS}`,
      },
    };
  if (hours > sessionHours)
    return {
      field,
      code: 'overSessionHours',
      message: {
        ko: `이수시간은 교육 시간(${fmtHours(sessionHours)}시간)을 넘을 수 없습니다.`,
        en: `hours cannot exceed the session's ${fmtHours(sessionHours)} hours`,
      },
    };
  return null;
}

/** 1.5 → "1.5", 2 → "2". */
export const fmtHours = (h: number): string => String(Math.round(h * 10) / 10);

/** One user's completion of a year: hours attended against the required hours. */
export interface Completion {
  hours: number;
  required: number;
  completed: boolean;
  /** Hours still missing (0 when completed). */
  shortfall: number;
}

export function completionOf(hours: number, required: number): Completion {
  const h = Math.round(hours * 10) / 10;
  const completed = h >= required;
  return {
    hours: h,
    required,
    completed,
    shortfall: completed ? 0 : Math.round((required - h) * 10) / 10,
  };
}

/** A share 0–1 rounded to four places; null without a denominator. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** What the ranking of departments is computed from. */
export interface DepartmentParticipation {
  departmentId: string;
  activeUsers: number;
  completedUsers: number;
  attendanceHours: number;
}

/**
 * Ranks departments for the department incentives: by completion rate (users completed / active
 * users), then by attendance hours per active user; equal figures share a rank (1, 1, 3).
 * Departments without active users have no rate and no rank.
 */
export function rankDepartments<T extends DepartmentParticipation>(
  rows: readonly T[],
): Array<T & { completionRate: number | null; hoursPerUser: number | null; rank: number | null }> {
  const scored = rows.map((r) => ({
    ...r,
    completionRate: rate(r.completedUsers, r.activeUsers),
    hoursPerUser:
      r.activeUsers > 0 ? Math.round((r.attendanceHours / r.activeUsers) * 100) / 100 : null,
    rank: null as number | null,
  }));
  const ranked = scored
    .filter((r) => r.completionRate !== null)
    .sort((a, b) => b.completionRate! - a.completionRate! || b.hoursPerUser! - a.hoursPerUser!);
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank =
      prev && prev.completionRate === r.completionRate && prev.hoursPerUser === r.hoursPerUser
        ? prev.rank
        : i + 1;
  });
  return [...ranked, ...scored.filter((r) => r.completionRate === null)];
}

/**
 * Reminder days of a year (DOMAIN.md §6 style): from the setting `education.reminderFrom` (MM-DD,
 * default 12-01) to 31 December, the first business day on or after that day, then the first
 * business day of every following week (Monday, or the next business day when Monday is a
 * holiday), as long as it falls in the same year.
 */
export function isEducationReminderDay(today: string, reminderFrom: string): boolean {
  if (!isBusinessDay(today)) return false;
  const start = `${today.slice(0, 4)}-${reminderFrom}`;
  if (today < start) return false;
  // The first business day of the window.
  let first = start;
  while (!isBusinessDay(first)) first = addDays(first, 1);
  if (today === first) return true;
  // The first business day of today's week (weeks start on Monday), after the window's first day.
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  let firstOfWeek = monday;
  while (!isBusinessDay(firstOfWeek)) firstOfWeek = addDays(firstOfWeek, 1);
  return firstOfWeek === today && today > first;
}

/** The reminder's text for one user: hours attended, required and short. */
export function reminderText(year: number, c: Completion): LocalText {
  return {
    ko: `${year}년 적극행정 교육 이수 안내: 이수 ${fmtHours(c.hours)}시간 / 기준 ${fmtHours(c.required)}시간, ${fmtHours(c.shortfall)}시간 부족`,
    en: `Proactive administration education ${year}: ${fmtHours(c.hours)} of ${fmtHours(c.required)} hours, ${fmtHours(c.shortfall)} short`,
  };
}
