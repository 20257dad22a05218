import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  dueRules,
  type NotificationDescription,
  type NotificationRef,
  overdueRemindedOn,
  type ReminderRunContext,
  type ReminderSource,
  ReminderSources,
  usersWithRole,
} from '@gwaje/notifications';
import { DataSource } from 'typeorm';

/** Outbox events of reports that notify at once. */
export const ReportEvent = {
  RETURNED: 'report.returned',
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

/** Reports' reminders (DOMAIN.md §6), registered with notifications. */
@Injectable()
export class ReportReminders implements ReminderSource, OnModuleInit {
  readonly order = 10;
  readonly recordTypes = ['report'] as const;
  readonly labels = [
    ['report.due', { ko: '이행실적 제출 기한 임박', en: 'Report due soon' }],
    ['report.overdue', { ko: '이행실적 미제출', en: 'Report overdue' }],
    ['report.returned', { ko: '이행실적 반려', en: 'Report returned' }],
  ] as const;

  constructor(
    private readonly sources: ReminderSources,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

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
    if (event !== ReportEvent.RETURNED) return null;
    // Each return is its own event: the rule carries how many resubmissions came before it.
    const count = Number(payload.resubmissionCount ?? 0);
    return {
      owed: { rule: 'report.returned', select: REPORT_RETURNED, params: [count, recordId] },
      rules: [`report.returned#${count}`],
    };
  }

  async describe(refs: NotificationRef[]): Promise<Map<string, NotificationDescription>> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        title: string;
        still_open: boolean;
        record_id: string;
        note: string | null;
      }>
    >(
      `SELECT n.id, n.record_id, rt.title || ' (' || r.period || ')' AS title,
              CASE WHEN n.rule LIKE 'report.returned%' THEN r.review_comment END AS note,
              CASE WHEN n.rule LIKE 'report.returned%' THEN r.state = 'RETURNED'
                   ELSE r.first_submitted_at IS NULL END AS still_open
         FROM unnest($1::bigint[], $2::text[], $3::uuid[]) AS n(id, rule, record_id)
         JOIN reports r ON r.id = n.record_id JOIN tasks rt ON rt.id = r.task_id`,
      [refs.map((r) => r.id), refs.map((r) => r.rule), refs.map((r) => r.recordId)],
    );
    return new Map(
      rows.map((r) => [
        String(r.id),
        {
          title: r.title,
          path: `/reports/${r.record_id}`,
          stillOpen: r.still_open,
          note: r.note,
        },
      ]),
    );
  }
}
