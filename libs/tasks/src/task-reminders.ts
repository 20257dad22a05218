import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  dueRules,
  type NotificationDescription,
  type NotificationRef,
  type ReminderRunContext,
  type ReminderSource,
  ReminderSources,
} from '@gwaje/notifications';
import { DataSource } from 'typeorm';

const OWNER_AND_MEMBERS = `SELECT t.owner_id AS id UNION SELECT tm.user_id FROM task_members tm WHERE tm.task_id = t.id`;
const ACTIVE = `t.status IN ('SELECTED', 'IN_PROGRESS')`;

/** Milestone due D-n (tasks SELECTED or IN_PROGRESS): the owner and the members. */
const milestoneDue = (rule: string) => `
  SELECT t.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'milestone', m.id, m.due_date, $2::date
    FROM milestones m JOIN tasks t ON t.id = m.task_id
    CROSS JOIN LATERAL (${OWNER_AND_MEMBERS}) x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE t.organisation_id = $1 AND ${ACTIVE} AND m.status = 'PLANNED'
     AND m.due_date = ANY($3::date[])`;

/** Task due D-n: the owner and the members. */
const taskDue = (rule: string) => `
  SELECT t.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'task', t.id, t.due_date, $2::date
    FROM tasks t
    CROSS JOIN LATERAL (${OWNER_AND_MEMBERS}) x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE t.organisation_id = $1 AND ${ACTIVE} AND t.due_date = ANY($3::date[])`;

/** Priority tasks' reminders (DOMAIN.md §6), registered with notifications. */
@Injectable()
export class TaskReminders implements ReminderSource, OnModuleInit {
  readonly order = 30;
  readonly recordTypes = ['milestone', 'task'] as const;
  readonly labels = [
    ['milestone.due', { ko: '단계별 추진계획 기한 임박', en: 'Milestone due soon' }],
    ['task.due', { ko: '중점과제 종료일 임박', en: 'Task due soon' }],
  ] as const;

  constructor(
    private readonly sources: ReminderSources,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  daily({ today, settings }: ReminderRunContext) {
    const days = settings['notifications.milestoneDueDays'];
    return [
      ...dueRules(today, days, 'milestone.due', milestoneDue),
      ...dueRules(today, days, 'task.due', taskDue),
    ];
  }

  async describe(refs: NotificationRef[]): Promise<Map<string, NotificationDescription>> {
    const rows = await this.dataSource.query<
      Array<{ id: string; task_id: string; title: string; still_open: boolean }>
    >(
      `SELECT n.id, t.id AS task_id,
              CASE WHEN n.record_type = 'milestone' THEN t.title || ' · ' || m.title ELSE t.title END AS title,
              CASE WHEN n.record_type = 'milestone' THEN m.status = 'PLANNED' AND ${ACTIVE}
                   ELSE ${ACTIVE} END AS still_open
         FROM unnest($1::bigint[], $2::text[], $3::uuid[]) AS n(id, record_type, record_id)
         LEFT JOIN milestones m ON n.record_type = 'milestone' AND m.id = n.record_id
         JOIN tasks t ON t.id = CASE WHEN n.record_type = 'milestone' THEN m.task_id ELSE n.record_id END`,
      [refs.map((r) => r.id), refs.map((r) => r.recordType), refs.map((r) => r.recordId)],
    );
    return new Map(
      rows.map((r) => [
        String(r.id),
        { title: r.title, path: `/tasks/${r.task_id}`, stillOpen: r.still_open },
      ]),
    );
  }
}
