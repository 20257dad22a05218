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

/** Scoring due D-n: committee members who still owe a sheet. */
const scoringDue = (rule: string) => `
  SELECT r.organisation_id, m.user_id, '${rule}', 'DUE_SOON', false, 'evaluation_round', r.id, r.scoring_due, $2::date
    FROM evaluation_rounds r JOIN evaluation_members m ON m.round_id = r.id
    JOIN users ru ON ru.id = m.user_id AND ru.active
   WHERE r.organisation_id = $1 AND r.status = 'SCORING' AND r.scoring_due = ANY($3::date[])
     AND EXISTS (
       SELECT 1 FROM nominations n
        WHERE n.round_id = r.id AND n.state IN ('VERIFIED', 'SCORED', 'GRADED')
          AND NOT EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.nomination_id = n.id AND s.member_id = m.user_id)
          AND NOT EXISTS (SELECT 1 FROM evaluation_conflicts k WHERE k.nomination_id = n.id AND k.member_id = m.user_id))`;

/** Year-end evaluation's reminders (DOMAIN.md §6), registered with notifications. */
@Injectable()
export class EvaluationReminders implements ReminderSource, OnModuleInit {
  readonly order = 40;
  readonly recordTypes = ['evaluation_round'] as const;
  readonly labels = [
    ['scoring.due', { ko: '평가 채점 기한 임박', en: 'Scoring due soon' }],
  ] as const;

  constructor(
    private readonly sources: ReminderSources,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  daily({ today, settings }: ReminderRunContext) {
    return dueRules(today, settings['notifications.scoringDueDays'], 'scoring.due', scoringDue);
  }

  async describe(refs: NotificationRef[]): Promise<Map<string, NotificationDescription>> {
    const rows = await this.dataSource.query<
      Array<{ id: string; record_id: string; title: string; still_open: boolean }>
    >(
      `SELECT n.id, n.record_id, er.title, er.status = 'SCORING' AS still_open
         FROM unnest($1::bigint[], $2::uuid[]) AS n(id, record_id)
         JOIN evaluation_rounds er ON er.id = n.record_id`,
      [refs.map((r) => r.id), refs.map((r) => r.recordId)],
    );
    return new Map(
      rows.map((r) => [
        String(r.id),
        { title: r.title, path: `/evaluations/${r.record_id}`, stillOpen: r.still_open },
      ]),
    );
  }
}
