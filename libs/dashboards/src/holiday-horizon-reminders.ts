import { Injectable, type OnModuleInit } from '@nestjs/common';
import { holidayHorizon, isBusinessDay, weekday } from '@gwaje/calendar';
import {
  type NotificationDescription,
  type NotificationRef,
  type ReminderRunContext,
  type ReminderSource,
  ReminderSources,
} from '@gwaje/notifications';

/** Mondays, while the holiday data ends within 9 months: every active ADMIN of the organisation. */
const ADMIN_WEEKLY = `
  SELECT u.organisation_id, u.id, 'admin.weekly', 'ACTION_REQUIRED', false, 'holiday_data', u.organisation_id,
         $2::date, $2::date
    FROM users u
   WHERE u.organisation_id = $1 AND u.active AND 'ADMIN' = ANY(u.roles)`;

/**
 * The administrators' weekly summary (issue 25): on Mondays, while the holiday package's data ends
 * within 9 months, each organisation's administrators are told to have it upgraded before the next
 * year's deadlines are needed. Nothing is sent while the data reaches further.
 */
@Injectable()
export class HolidayHorizonReminders implements ReminderSource, OnModuleInit {
  readonly order = 91;
  readonly recordTypes = ['holiday_data'] as const;
  readonly labels = [
    ['admin.weekly', { ko: '관리자 주간 요약', en: 'Administrators’ weekly summary' }],
  ] as const;

  constructor(private readonly sources: ReminderSources) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  daily({ today }: ReminderRunContext) {
    return weekday(today) === 1 && isBusinessDay(today) && holidayHorizon(today).warning
      ? [{ rule: 'admin.weekly', select: ADMIN_WEEKLY, params: [] }]
      : [];
  }

  describe(refs: NotificationRef[]): Promise<Map<string, NotificationDescription>> {
    const described = new Map<string, NotificationDescription>();
    for (const ref of refs) {
      // Seen from the run's day with the package this process has: an upgrade ends the warning.
      const { dataUntil, warning } = holidayHorizon(ref.dueDate);
      described.set(ref.id, {
        title: warning?.ko ?? `공휴일 자료: ${dataUntil}까지`,
        path: '/admin/holidays',
        stillOpen: warning !== null,
      });
    }
    return Promise.resolve(described);
  }
}
