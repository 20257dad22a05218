import { Injectable } from '@nestjs/common';
import {
  DESCRIBED,
  dueRules,
  type ReminderRunContext,
  ReminderSourceBase,
} from '@gwaje/notifications';

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
export class TaskReminders extends ReminderSourceBase {
  readonly order = 30;
  readonly recordTypes = ['milestone', 'task'] as const;
  readonly labels = [
    ['milestone.due', { ko: '단계별 추진계획 기한 임박', en: 'Milestone due soon' }],
    ['task.due', { ko: '중점과제 완료 예정일 임박', en: 'Task due soon' }],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id, '/tasks/' || t.id AS path,
           CASE WHEN n.record_type = 'milestone' THEN t.title || ' · ' || m.title ELSE t.title END AS title,
           CASE WHEN n.record_type = 'milestone' THEN m.status = 'PLANNED' AND ${ACTIVE}
                ELSE ${ACTIVE} END AS still_open
      FROM ${DESCRIBED}
      LEFT JOIN milestones m ON n.record_type = 'milestone' AND m.id = n.record_id
      JOIN tasks t ON t.id = CASE WHEN n.record_type = 'milestone' THEN m.task_id ELSE n.record_id END`;

  daily({ today, settings }: ReminderRunContext) {
    const days = settings['notifications.milestoneDueDays'];
    return [
      ...dueRules(today, days, 'milestone.due', milestoneDue),
      ...dueRules(today, days, 'task.due', taskDue),
    ];
  }
}
