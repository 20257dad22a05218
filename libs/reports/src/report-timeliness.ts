import { daysBetween, seoulDate } from '@gwaje/calendar';

/**
 * Whether a report came in on time (DOMAIN.md §3), judged on its first submission in Asia/Seoul:
 * PENDING (not submitted, not yet due), MISSING (not submitted, past due), ON_TIME or LATE.
 * Days are calendar days: a report due on Friday and submitted on Monday is 3 days late.
 */
export const Timeliness = {
  PENDING: 'PENDING',
  MISSING: 'MISSING',
  ON_TIME: 'ON_TIME',
  LATE: 'LATE',
} as const;
export type Timeliness = (typeof Timeliness)[keyof typeof Timeliness];

export interface TimelinessView {
  timeliness: Timeliness;
  /** LATE: days after the due date of the first submission; otherwise 0. */
  daysLate: number;
  /** MISSING: days since the due date; otherwise 0. */
  daysOverdue: number;
}

export function reportTimeliness(
  dueDate: string,
  firstSubmittedAt: Date | null,
  today: string,
): TimelinessView {
  if (!firstSubmittedAt) {
    return today > dueDate
      ? { timeliness: 'MISSING', daysLate: 0, daysOverdue: daysBetween(dueDate, today) }
      : { timeliness: 'PENDING', daysLate: 0, daysOverdue: 0 };
  }
  const submitted = seoulDate(firstSubmittedAt);
  return submitted > dueDate
    ? { timeliness: 'LATE', daysLate: daysBetween(dueDate, submitted), daysOverdue: 0 }
    : { timeliness: 'ON_TIME', daysLate: 0, daysOverdue: 0 };
}

/** The same rules in SQL over the reports alias `r`, for filters (today as a parameter). */
export const LATE_SQL = `(r.first_submitted_at IS NOT NULL AND (r.first_submitted_at AT TIME ZONE 'Asia/Seoul')::date > r.due_date)`;
export const missingSql = (today: string): string =>
  `(r.first_submitted_at IS NULL AND r.due_date < ${today}::date)`;
