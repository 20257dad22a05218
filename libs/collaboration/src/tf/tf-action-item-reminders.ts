import { Injectable } from '@nestjs/common';
import { addDays, isBusinessDay } from '@gwaje/calendar';
import {
  DESCRIBED,
  dueRules,
  type OwedNotifications,
  type ReminderRunContext,
  ReminderSourceBase,
} from '@gwaje/notifications';

/** The record type of an action item's notifications. */
export const ACTION_ITEM_RECORD_TYPE = 'collaboration_action_item';

/** The D-n business days before an action item's due date on which its owner is reminded. */
export const ACTION_ITEM_DUE_DAYS = [3] as const;

/**
 * Open action items of owners of organisation $1 (runs are per organisation: an item is chased in
 * its owner's organisation's run, whichever organisation leads the collaboration), to the owner.
 */
const owned = (rule: string, section: string, dueCondition: string) => `
  SELECT u.organisation_id, a.owner_id, ${rule}, '${section}', false, '${ACTION_ITEM_RECORD_TYPE}', a.id,
         a.due_date, $2::date
    FROM collaboration_tf_action_items a JOIN users u ON u.id = a.owner_id AND u.active
   WHERE u.organisation_id = $1 AND a.status = 'OPEN' AND ${dueCondition}`;

const dueSoon = (rule: string) => owned(`'${rule}'`, 'DUE_SOON', 'a.due_date = ANY($3::date[])');
const DUE_TODAY = owned(`'tf-action.due-0'`, 'DUE_SOON', 'a.due_date = ANY($3::date[])');
/** Every business day while open, counted in calendar days late (a new reminder each day). */
const OVERDUE = owned(
  `'tf-action.overdue+' || ($2::date - a.due_date)`,
  'OVERDUE',
  'a.due_date < $2::date',
);

/** The due dates a run on `today` reminds of on their day: today and the days off until the next business day. */
export function actionItemsDueToday(today: string): string[] {
  if (!isBusinessDay(today)) return [];
  const dates = [today];
  for (let d = addDays(today, 1); !isBusinessDay(d); d = addDays(d, 1)) dates.push(d);
  return dates;
}

/**
 * TF action items (협업과제 TF 실행과제) reminded to their owner: D-3 business days, on the day, and
 * every business day while overdue (DOMAIN.md §6), until the owner (or the TF lead) marks it done.
 */
@Injectable()
export class TfActionItemReminders extends ReminderSourceBase {
  readonly order = 45;
  readonly recordTypes = [ACTION_ITEM_RECORD_TYPE] as const;
  readonly labels = [
    ['tf-action.due-0', { ko: '협업 TF 실행과제 기한 당일', en: 'TF action item due today' }],
    ['tf-action.due', { ko: '협업 TF 실행과제 기한 임박', en: 'TF action item due soon' }],
    ['tf-action.overdue', { ko: '협업 TF 실행과제 기한 경과', en: 'TF action item overdue' }],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id, '[' || t.code || '] ' || a.title AS title, '/collaborations/' || a.collaboration_id AS path,
           a.status = 'OPEN' AS still_open
      FROM ${DESCRIBED}
      JOIN collaboration_tf_action_items a ON a.id = n.record_id
      JOIN collaboration_tasks ct ON ct.id = a.collaboration_id
      JOIN tasks t ON t.id = ct.task_id`;

  daily({ today }: ReminderRunContext): OwedNotifications[] {
    const todayDates = actionItemsDueToday(today);
    return [
      ...dueRules(today, [...ACTION_ITEM_DUE_DAYS], 'tf-action.due', dueSoon),
      ...(todayDates.length
        ? [{ rule: 'tf-action.due-0', select: DUE_TODAY, params: [todayDates] }]
        : []),
      ...(isBusinessDay(today) ? [{ rule: 'tf-action.overdue', select: OVERDUE, params: [] }] : []),
    ];
  }
}
