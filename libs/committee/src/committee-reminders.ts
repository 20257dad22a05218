import { Injectable } from '@nestjs/common';
import {
  DESCRIBED,
  dueRules,
  type ReminderRunContext,
  ReminderSourceBase,
} from '@gwaje/notifications';

/** A scheduled meeting D-n: every member sitting on its date (as last computed for it). */
const meetingDue = (rule: string) => `
  SELECT mt.organisation_id, s.user_id, '${rule}', 'DUE_SOON', false, 'committee_meeting', mt.id, mt.meeting_date, $2::date
    FROM committee_meetings mt CROSS JOIN LATERAL unnest(mt.sitting_member_ids) AS s(user_id)
    JOIN users u ON u.id = s.user_id AND u.active AND u.organisation_id = mt.organisation_id
   WHERE mt.organisation_id = $1 AND mt.status = 'SCHEDULED' AND mt.meeting_date = ANY($3::date[])`;

/** The committee's reminders (DOMAIN.md §6, §9), registered with notifications. */
@Injectable()
export class CommitteeReminders extends ReminderSourceBase {
  readonly order = 45;
  readonly recordTypes = ['committee_meeting'] as const;
  readonly labels = [
    ['committee.meeting', { ko: '적극행정위원회 회의 임박', en: 'Committee meeting soon' }],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id, mt.title, '/committee/meetings/' || mt.id AS path, mt.status = 'SCHEDULED' AS still_open
      FROM ${DESCRIBED} JOIN committee_meetings mt ON mt.id = n.record_id`;

  daily({ today, settings }: ReminderRunContext) {
    return dueRules(
      today,
      settings['notifications.committeeMeetingDays'],
      'committee.meeting',
      meetingDue,
    );
  }
}
