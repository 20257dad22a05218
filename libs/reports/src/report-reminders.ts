import { Injectable } from '@nestjs/common';
import {
  DESCRIBED,
  dueRules,
  overdueRemindedOn,
  type ReminderRunContext,
  ReminderSourceBase,
  usersWithRole,
} from '@gwaje/notifications';

/** Outbox events of reports that notify at once. */
export const ReportEvent = {
  RETURNED: 'report.returned',
  APPROVAL_REQUESTED: 'report.approval-requested',
} as const;

/** The task owner and the lead department's heads of report `r` (task `t`). */
const OWNER_AND_HEADS = `SELECT t.owner_id AS id
      UNION SELECT u.id FROM users u WHERE u.department_id = t.lead_department_id AND 'DEPT_HEAD' = ANY(u.roles)`;

/** D-n business days before a report is due: the task owner and the lead department's heads. */
const reportDue = (rule: string) => `
  SELECT r.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'report', r.id, r.due_date, $2::date
    FROM reports r JOIN tasks t ON t.id = r.task_id
    CROSS JOIN LATERAL (${OWNER_AND_HEADS}) x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE r.organisation_id = $1 AND r.first_submitted_at IS NULL AND r.due_date = ANY($3::date[])`;

/**
 * Overdue reports on D+1, then every N business days ($3 due dates, $4 their business days late):
 * owner, lead department heads and the proactive-administration office.
 */
const REPORT_OVERDUE = `
  SELECT r.organisation_id, x.id, 'report.overdue+' || d.late, 'OVERDUE', false, 'report', r.id, r.due_date, $2::date
    FROM unnest($3::date[], $4::int[]) AS d(due, late)
    JOIN reports r ON r.due_date = d.due
    JOIN tasks t ON t.id = r.task_id
    CROSS JOIN LATERAL (
      ${OWNER_AND_HEADS}
      UNION ${usersWithRole('PROACTIVE_OFFICE', 'r.organisation_id')}
    ) x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE r.organisation_id = $1 AND r.first_submitted_at IS NULL`;

/** A returned report, at once: its author and the task owner ($3: resubmissions before it). */
const REPORT_RETURNED = `
  SELECT r.organisation_id, x.id, 'report.returned#' || $3::int, 'ACTION_REQUIRED', true, 'report', r.id, r.due_date, $2::date
    FROM reports r JOIN tasks t ON t.id = r.task_id
    CROSS JOIN LATERAL (SELECT r.author_id AS id WHERE r.author_id IS NOT NULL UNION SELECT t.owner_id) x
    JOIN users u ON u.id = x.id AND u.active
   WHERE r.organisation_id = $1 AND r.id = $4::uuid`;

/** A 결재 요청, at once: the lead department's heads ($3: the request's number). */
const REPORT_APPROVAL_REQUESTED = `
  SELECT r.organisation_id, u.id, 'report.approval#' || $3::int, 'ACTION_REQUIRED', true, 'report', r.id, r.due_date, $2::date
    FROM reports r JOIN tasks t ON t.id = r.task_id
    JOIN users u ON u.department_id = t.lead_department_id AND 'DEPT_HEAD' = ANY(u.roles) AND u.active
   WHERE r.organisation_id = $1 AND r.id = $4::uuid`;

/** Reports' reminders (DOMAIN.md §6), registered with notifications. */
@Injectable()
export class ReportReminders extends ReminderSourceBase {
  readonly order = 10;
  readonly recordTypes = ['report'] as const;
  readonly labels = [
    ['report.due', { ko: '이행실적 제출 기한 임박', en: 'Report due soon' }],
    ['report.overdue', { ko: '이행실적 미제출', en: 'Report overdue' }],
    ['report.returned', { ko: '이행실적 반려', en: 'Report returned' }],
    ['report.approval', { ko: '이행실적 결재 요청', en: 'Report approval requested' }],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id, rt.title || ' (' || r.period || ')' AS title, '/reports/' || r.id AS path,
           CASE WHEN n.rule LIKE 'report.returned%' THEN r.state = 'RETURNED'
                WHEN n.rule LIKE 'report.approval%' THEN r.approval_requested_at IS NOT NULL
                ELSE r.first_submitted_at IS NULL END AS still_open,
           CASE WHEN n.rule LIKE 'report.returned%' THEN r.review_comment
                WHEN n.rule LIKE 'report.approval%' THEN
                  apr.name || COALESCE(' · ' || r.approval_request_note, '')
           END AS note
      FROM ${DESCRIBED} JOIN reports r ON r.id = n.record_id JOIN tasks rt ON rt.id = r.task_id
      LEFT JOIN users apr ON apr.id = r.approval_requested_by`;

  daily({ today, settings }: ReminderRunContext) {
    const overdue = overdueRemindedOn(today, settings['notifications.reportOverdueEveryDays']);
    return [
      ...dueRules(today, settings['notifications.reportDueDays'], 'report.due', reportDue),
      ...(overdue.length
        ? [
            {
              rule: 'report.overdue',
              select: REPORT_OVERDUE,
              params: [overdue.map((o) => o.dueDate), overdue.map((o) => o.businessDaysLate)],
            },
          ]
        : []),
    ];
  }

  event(event: string, recordId: string, payload: Record<string, unknown>) {
    if (event === ReportEvent.APPROVAL_REQUESTED) {
      const n = Number(payload.requestCount ?? 1);
      return {
        owed: {
          rule: 'report.approval',
          select: REPORT_APPROVAL_REQUESTED,
          params: [n, recordId],
        },
        rules: [`report.approval#${n}`],
      };
    }
    if (event !== ReportEvent.RETURNED) return null;
    // Each return is its own event: the rule carries how many resubmissions came before it.
    const count = Number(payload.resubmissionCount ?? 0);
    return {
      owed: { rule: 'report.returned', select: REPORT_RETURNED, params: [count, recordId] },
      rules: [`report.returned#${count}`],
    };
  }
}
