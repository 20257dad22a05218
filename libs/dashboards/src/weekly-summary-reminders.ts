import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CheckpointRecord, LedgerCheckpointsService } from '@gwaje/audit';
import { isBusinessDay, weekday } from '@gwaje/calendar';
import {
  type NotificationDescription,
  type NotificationRef,
  type ReminderRunContext,
  type ReminderSource,
  ReminderSources,
} from '@gwaje/notifications';
import { DataSource } from 'typeorm';

/** Mondays: auditors and the office get the week's summary (overdue reports, late opinions, delayed tasks). */
const WEEKLY_SUMMARY = `
  SELECT u.organisation_id, u.id, 'weekly.summary', 'ACTION_REQUIRED', false, 'organisation', u.organisation_id,
         $2::date, $2::date
    FROM users u
   WHERE u.organisation_id = $1 AND u.active AND ('AUDITOR' = ANY(u.roles) OR 'PROACTIVE_OFFICE' = ANY(u.roles))`;

/** The summary's figures as of its day ($2), for organisations $1. */
const FIGURES = `
  SELECT o.id,
         (SELECT count(*) FROM reports x WHERE x.organisation_id = o.id
             AND x.first_submitted_at IS NULL AND x.due_date < o.day) AS reports,
         (SELECT count(*) FROM consultations y WHERE y.organisation_id = o.id
             AND ((y.state IN ('SUBMITTED', 'SCREENING') AND y.screening_due_date < o.day)
               OR (y.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')
                   AND y.opinion_due_date + y.extension_days < o.day))) AS consultations,
         (SELECT count(*) FROM tasks z WHERE z.organisation_id = o.id
             AND z.status IN ('SELECTED', 'IN_PROGRESS')
             AND (z.due_date < o.day OR EXISTS (SELECT 1 FROM milestones zm
                  WHERE zm.task_id = z.id AND zm.status = 'PLANNED' AND zm.due_date < o.day))) AS tasks
    FROM unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS o(id, day, n)
   ORDER BY o.n`;

const SEOUL_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * The Monday summary for the auditors and the office (DOMAIN.md §6), with the newest signed ledger
 * checkpoint's root, so they hold a copy of it outside the database (issue 15).
 */
@Injectable()
export class WeeklySummaryReminders implements ReminderSource, OnModuleInit {
  readonly order = 90;
  readonly recordTypes = ['organisation'] as const;
  readonly labels = [['weekly.summary', { ko: '주간 요약', en: 'Weekly summary' }]] as const;

  constructor(
    private readonly sources: ReminderSources,
    private readonly checkpoints: LedgerCheckpointsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  daily({ today }: ReminderRunContext) {
    return weekday(today) === 1 && isBusinessDay(today)
      ? [{ rule: 'weekly.summary', select: WEEKLY_SUMMARY, params: [] }]
      : [];
  }

  async describe(refs: NotificationRef[]): Promise<Map<string, NotificationDescription>> {
    const rows = await this.dataSource.query<
      Array<{ id: string; reports: string; consultations: string; tasks: string }>
    >(FIGURES, [refs.map((r) => r.recordId), refs.map((r) => r.dueDate)]);
    const described = new Map<string, NotificationDescription>();
    // One checkpoint per organisation, however many of its people get the summary.
    const latestOf = new Map<string, Promise<CheckpointRecord | null>>();
    for (const [i, ref] of refs.entries()) {
      const f = rows[i];
      if (!latestOf.has(ref.recordId))
        latestOf.set(
          ref.recordId,
          this.checkpoints.latestExport(ref.recordId, 'history').then((e) => e.checkpoint),
        );
      const latest = await latestOf.get(ref.recordId)!;
      const sealed = latest
        ? ` · 이력 체크포인트 #${latest.seq} (${latest.treeSize}건, ${SEOUL_MINUTE.format(new Date(latest.sealedAt))} 봉인, 루트 ${latest.rootHash})`
        : '';
      described.set(ref.id, {
        title: `미제출 이행실적 ${f.reports}건 · 기한 경과 사전컨설팅 ${f.consultations}건 · 지연 과제 ${f.tasks}건${sealed}`,
        path: '/dashboards',
        stillOpen: true,
      });
    }
    return described;
  }
}
