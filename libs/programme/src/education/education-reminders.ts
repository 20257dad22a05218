import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SettingsService } from '@gwaje/identity';
import {
  DESCRIBED,
  type NotificationDescription,
  type NotificationRef,
  type OwedNotifications,
  type ReminderRunContext,
  ReminderSourceBase,
  ReminderSources,
} from '@gwaje/notifications';
import { DataSource } from 'typeorm';
import { COUNTED_USER } from './education-query.js';
import {
  completionOf,
  EDUCATION_COMPLETION_RECORD_TYPE,
  isEducationReminderDay,
  reminderText,
} from './education-rules.js';

export const EDUCATION_SHORT_RULE = 'education.short';

/** Hours of user `u` in the year of `$2` (the run's day) in its organisation `$1`. */
const HOURS_OF_YEAR = `(
  SELECT COALESCE(sum(a.hours), 0) FROM education_attendances a
    JOIN education_sessions s ON s.id = a.session_id AND s.organisation_id = $1
   WHERE a.user_id = u.id AND s.session_date >= date_trunc('year', $2::date)::date
     AND s.session_date <= make_date(extract(year FROM $2::date)::int, 12, 31))`;

/**
 * Counted users of organisation $1 short of the required hours ($4) on the run's day $2: one
 * notification each, of this week's rule $3, due at the year's end.
 */
const SHORT = `
  SELECT $1::uuid, u.id, $3::text, 'DUE_SOON', false, '${EDUCATION_COMPLETION_RECORD_TYPE}', u.id,
         make_date(extract(year FROM $2::date)::int, 12, 31), $2::date
    FROM users u
   WHERE u.organisation_id = $1 AND ${COUNTED_USER} AND ${HOURS_OF_YEAR} < $4`;

/**
 * 적극행정 education reminders (issue 22 part 2), through the reminder engine: from the setting
 * `education.reminderFrom` (MM-DD, default 12-01) to the year's end, on the first business day on
 * or after that day and then the first business day of every week (business Mondays), every
 * counted user still short of `education.requiredHoursPerYear` hours gets a reminder with the
 * hours attended and the shortfall. Each week's rule is its own (`education.short.MMDD`), so a
 * user is reminded once a week, never twice the same day; a user who completes in between is
 * dropped from the e-mail (still_open false).
 */
@Injectable()
export class EducationReminders extends ReminderSourceBase {
  readonly order = 60;
  readonly recordTypes = [EDUCATION_COMPLETION_RECORD_TYPE] as const;
  readonly labels = [
    [EDUCATION_SHORT_RULE, { ko: '적극행정 교육 미이수 안내', en: 'Education hours short' }],
  ] as const;

  /** The user's organisation and hours in the year of the due date (31 December). */
  protected readonly describeSql = `
    SELECT n.id, u.organisation_id, extract(year FROM n.due_date)::int AS year,
           (SELECT COALESCE(sum(a.hours), 0)::float8 FROM education_attendances a
              JOIN education_sessions s ON s.id = a.session_id AND s.organisation_id = u.organisation_id
             WHERE a.user_id = u.id AND extract(year FROM s.session_date) = extract(year FROM n.due_date)) AS hours
      FROM ${DESCRIBED} JOIN users u ON u.id = n.record_id`;

  constructor(
    registry: ReminderSources,
    @InjectDataSource() dataSource: DataSource,
    private readonly settings: SettingsService,
  ) {
    super(registry, dataSource);
  }

  daily({ today, settings }: ReminderRunContext): OwedNotifications[] {
    if (!isEducationReminderDay(today, settings['education.reminderFrom'])) return [];
    const rule = `${EDUCATION_SHORT_RULE}.${today.slice(5, 7)}${today.slice(8, 10)}`;
    return [{ rule, select: SHORT, params: [rule, settings['education.requiredHoursPerYear']] }];
  }

  /** The text says the hours and the shortfall with the organisation's required hours now. */
  override async describe(refs: NotificationRef[]): Promise<Map<string, NotificationDescription>> {
    const rows = await this.dataSource.query<
      Array<{ id: string; organisation_id: string; year: number; hours: number }>
    >(this.describeSql, [
      refs.map((r) => r.id),
      refs.map((r) => r.rule),
      refs.map((r) => r.recordType),
      refs.map((r) => r.recordId),
      refs.map((r) => r.dueDate),
    ]);
    const required = new Map<string, number>();
    const out = new Map<string, NotificationDescription>();
    for (const r of rows) {
      if (!required.has(r.organisation_id))
        required.set(
          r.organisation_id,
          (await this.settings.values(r.organisation_id))['education.requiredHoursPerYear'],
        );
      const c = completionOf(r.hours, required.get(r.organisation_id)!);
      const text = reminderText(r.year, c);
      out.set(String(r.id), {
        title: text.ko,
        path: `/education/completion?year=${r.year}`,
        stillOpen: !c.completed,
        note: text.en,
      });
    }
    return out;
  }
}
