import { Injectable } from '@nestjs/common';
import { isBusinessDay } from '@gwaje/calendar';
import {
  DESCRIBED,
  dueRules,
  type OwedNotifications,
  type ReminderRunContext,
  ReminderSourceBase,
} from '@gwaje/notifications';

/** Outbox events of opinion requests that notify at once. */
export const OpinionRequestEvent = {
  SUBMITTED: 'opinion-request.submitted',
  ANSWERED: 'opinion-request.answered',
} as const;

const PENDING = `r.status IN ('SUBMITTED', 'EXTENDED', 'REFERRED')`;

/**
 * Who owes the opinion: the organisation's auditors (AUDITOR, who record it) and the audit unit's
 * head (the DEPT_HEAD of the department flagged 감사담당관).
 */
const AUDIT_RECIPIENTS = `(
      SELECT u.id FROM users u
       WHERE u.organisation_id = r.organisation_id AND u.active AND 'AUDITOR' = ANY(u.roles)
      UNION SELECT u.id FROM departments d JOIN users u ON u.department_id = d.id
       WHERE d.organisation_id = r.organisation_id AND d.is_audit_unit AND u.active
         AND 'DEPT_HEAD' = ANY(u.roles)
    )`;

/** Answer due D-n business days (D-2 by default): the audit office while unanswered. */
const answerDue = (rule: string) => `
  SELECT r.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'opinion_request', r.id, r.due_date, $2::date
    FROM opinion_requests r CROSS JOIN LATERAL ${AUDIT_RECIPIENTS} x
   WHERE r.organisation_id = $1 AND ${PENDING} AND r.due_date = ANY($3::date[])`;

/** D-day: the due date is today, or falls on the days off before the next business day. */
const ANSWER_DUE_TODAY = `
  SELECT r.organisation_id, x.id, 'opinion-request.due-0', 'DUE_SOON', false, 'opinion_request', r.id, r.due_date, $2::date
    FROM opinion_requests r CROSS JOIN LATERAL ${AUDIT_RECIPIENTS} x
   WHERE r.organisation_id = $1 AND ${PENDING} AND r.due_date = ANY($3::date[])`;

/** Overdue: every business day while unanswered, counted in calendar days late. */
const OVERDUE = `
  SELECT r.organisation_id, x.id, 'opinion-request.overdue+' || ($2::date - r.due_date), 'OVERDUE', false,
         'opinion_request', r.id, r.due_date, $2::date
    FROM opinion_requests r CROSS JOIN LATERAL ${AUDIT_RECIPIENTS} x
   WHERE r.organisation_id = $1 AND ${PENDING} AND r.due_date < $2::date`;

/** A filed request, at once: the audit office ($3: the request). */
const SUBMITTED = `
  SELECT r.organisation_id, x.id, 'opinion-request.submitted', 'ACTION_REQUIRED', true, 'opinion_request', r.id,
         r.due_date, $2::date
    FROM opinion_requests r CROSS JOIN LATERAL ${AUDIT_RECIPIENTS} x
   WHERE r.organisation_id = $1 AND r.id = $3::uuid`;

/** An answer, at once: the requester ($3: the request). */
const ANSWERED = `
  SELECT r.organisation_id, r.requester_id, 'opinion-request.answered', 'ACTION_REQUIRED', true, 'opinion_request',
         r.id, (r.answered_at AT TIME ZONE 'Asia/Seoul')::date, $2::date
    FROM opinion_requests r JOIN users u ON u.id = r.requester_id AND u.active
   WHERE r.organisation_id = $1 AND r.id = $3::uuid AND r.status = 'ANSWERED'`;

/** The deadlines a run on `today` reminds of on their day: today and the days off until the next business day. */
export function dueTodayDates(today: string): string[] {
  if (!isBusinessDay(today)) return [];
  const dates = [today];
  const d = new Date(`${today}T00:00:00Z`);
  for (;;) {
    d.setUTCDate(d.getUTCDate() + 1);
    const next = d.toISOString().slice(0, 10);
    if (isBusinessDay(next)) return dates;
    dates.push(next);
  }
}

/** The D-n business days before the due date on which the audit office is reminded. */
export const OPINION_REQUEST_DUE_DAYS = [2] as const;

/** 의견제시 reminders and events (DOMAIN.md §6, §9), registered with notifications. */
@Injectable()
export class OpinionRequestReminders extends ReminderSourceBase {
  readonly order = 25;
  readonly recordTypes = ['opinion_request'] as const;
  readonly labels = [
    ['opinion-request.submitted', { ko: '의견제시 요청 접수', en: 'Opinion request received' }],
    ['opinion-request.answered', { ko: '의견제시 회신', en: 'Opinion given' }],
    ['opinion-request.overdue', { ko: '의견제시 회신 기한 경과', en: 'Opinion request overdue' }],
    ['opinion-request.due-0', { ko: '의견제시 회신 기한 당일', en: 'Opinion request due today' }],
    ['opinion-request.due', { ko: '의견제시 회신 기한 임박', en: 'Opinion request due soon' }],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id, '[' || t.code || '] ' || t.title AS title, '/opinion-requests/' || r.id AS path,
           CASE WHEN n.rule LIKE 'opinion-request.answered%' THEN true
                ELSE r.status IN ('SUBMITTED', 'EXTENDED', 'REFERRED') END AS still_open
      FROM ${DESCRIBED} JOIN opinion_requests r ON r.id = n.record_id JOIN tasks t ON t.id = r.task_id`;

  daily({ today }: ReminderRunContext): OwedNotifications[] {
    const todayDates = dueTodayDates(today);
    return [
      ...dueRules(today, [...OPINION_REQUEST_DUE_DAYS], 'opinion-request.due', answerDue),
      ...(todayDates.length
        ? [{ rule: 'opinion-request.due-0', select: ANSWER_DUE_TODAY, params: [todayDates] }]
        : []),
      ...(isBusinessDay(today)
        ? [{ rule: 'opinion-request.overdue', select: OVERDUE, params: [] }]
        : []),
    ];
  }

  event(event: string, recordId: string) {
    if (event === OpinionRequestEvent.SUBMITTED)
      return {
        owed: { rule: event, select: SUBMITTED, params: [recordId] },
        rules: ['opinion-request.submitted'],
      };
    if (event === OpinionRequestEvent.ANSWERED)
      return {
        owed: { rule: event, select: ANSWERED, params: [recordId] },
        rules: ['opinion-request.answered'],
      };
    return null;
  }
}
