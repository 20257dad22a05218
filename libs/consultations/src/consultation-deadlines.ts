import { addDays, daysBetween, nthBusinessDayAfter, seoulDate } from '@gwaje/calendar';
import type { ConsultationState } from './consultation.entity.js';
import { OPINION_PENDING_STATES, SCREENING_PENDING_STATES } from './consultation-workflow.js';

/** Screening is due on the N-th business day after the day of submission (Asia/Seoul). */
export function screeningDueDate(submittedAt: Date, businessDays: number): string {
  return nthBusinessDayAfter(seoulDate(submittedAt), businessDays);
}

/** The opinion is due N calendar days after the day of acceptance (Asia/Seoul). */
export function opinionDueDate(acceptedAt: Date, days: number): string {
  return addDays(seoulDate(acceptedAt), days);
}

export interface DeadlineView {
  /** The deadline that runs now: screening or opinion (with its extension); null when none. */
  dueDate: string | null;
  overdue: boolean;
  /** Days past the running deadline (0 when not overdue). */
  daysOverdue: number;
}

/** Computed when read, so it is never stale (issue: overdue is not stored). */
export function consultationDeadline(
  c: {
    status: ConsultationState;
    screeningDueDate: string | null;
    opinionDueDate: string | null;
    extensionDays: number;
  },
  today: string,
): DeadlineView {
  let due: string | null = null;
  if (SCREENING_PENDING_STATES.includes(c.status)) due = c.screeningDueDate;
  else if (OPINION_PENDING_STATES.includes(c.status) && c.opinionDueDate)
    due = addDays(c.opinionDueDate, c.extensionDays);
  if (!due || today <= due) return { dueDate: due, overdue: false, daysOverdue: 0 };
  return { dueDate: due, overdue: true, daysOverdue: daysBetween(due, today) };
}

/** Submission → opinion in calendar days, Asia/Seoul. */
export function turnaroundDays(submittedAt: Date, opinionAt: Date): number {
  return daysBetween(seoulDate(submittedAt), seoulDate(opinionAt));
}

/** The same rule in SQL over alias `c` for the `overdue` filter (today as a parameter). */
export const overdueSql = (today: string): string =>
  `((c.state IN ('SUBMITTED', 'SCREENING') AND c.screening_due_date < ${today}::date)
    OR (c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')
        AND c.opinion_due_date + c.extension_days < ${today}::date))`;
