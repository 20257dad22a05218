import { Injectable } from '@nestjs/common';
import {
  DESCRIBED,
  dueRules,
  type ReminderRunContext,
  ReminderSourceBase,
} from '@gwaje/notifications';
import { disqualifiedSql } from './nomination-disqualification.js';

/**
 * Scoring due D-n: committee members who still owe a sheet, on a nomination they neither declared
 * a conflict with (회피) nor are disqualified from (제척: nominee, team or department member,
 * nominator; the member's department is their users row).
 */
const scoringDue = (rule: string) => `
  SELECT r.organisation_id, m.user_id, '${rule}', 'DUE_SOON', false, 'evaluation_round', r.id, r.scoring_due, $2::date
    FROM evaluation_rounds r JOIN evaluation_members m ON m.round_id = r.id
    JOIN users ru ON ru.id = m.user_id AND ru.active
   WHERE r.organisation_id = $1 AND r.status = 'SCORING' AND r.scoring_due = ANY($3::date[])
     AND EXISTS (
       SELECT 1 FROM nominations n
        WHERE n.round_id = r.id AND n.state IN ('VERIFIED', 'SCORED', 'GRADED')
          AND NOT EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.nomination_id = n.id AND s.member_id = m.user_id)
          AND NOT EXISTS (SELECT 1 FROM evaluation_conflicts k WHERE k.nomination_id = n.id AND k.member_id = m.user_id)
          AND NOT ${disqualifiedSql('m.user_id', 'ru.department_id')})`;

/** Year-end evaluation's reminders (DOMAIN.md §6), registered with notifications. */
@Injectable()
export class EvaluationReminders extends ReminderSourceBase {
  readonly order = 40;
  readonly recordTypes = ['evaluation_round'] as const;
  readonly labels = [
    ['scoring.due', { ko: '평가 채점 기한 임박', en: 'Scoring due soon' }],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id, er.title, '/evaluations/' || er.id AS path, er.status = 'SCORING' AS still_open
      FROM ${DESCRIBED} JOIN evaluation_rounds er ON er.id = n.record_id`;

  daily({ today, settings }: ReminderRunContext) {
    return dueRules(today, settings['notifications.scoringDueDays'], 'scoring.due', scoringDue);
  }
}
