import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { addDays, seoulDate } from '@gwaje/calendar';
import { TransactionService, type Tx } from '@gwaje/db';
import { demoActor } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import type { PastReportEvent } from '../past-report-events.js';
import { PastReportsService } from '../past-reports.service.js';
import { ReportingCalendarService } from '../reporting-calendar.service.js';

const NOWON = '노원구';
const SEOUL = '서울특별시';
const HEAD = 'head@nowon.demo.gwaje.kr';
const AUDITOR = 'auditor@nowon.demo.gwaje.kr';
const OFFICE = 'office@nowon.demo.gwaje.kr';
const LATE_ENTRY_REASON = 'Gwaje 도입 전 지난해 이행실적을 전담부서가 옮겨 적음';

interface ExpectedRow {
  id: string;
  task_id: string;
  title: string;
  status: string;
  period: string;
  due_date: string;
  period_end: string;
  author: string;
}

/**
 * Demo reports (DOMAIN.md §10) for 노원구 after the tasks seed: the expected reports of last year
 * and this year are generated as the worker would, then filled in. Last year's are entered as an
 * office adopting Gwaje would, through PastReportsService (사후 입력, with the days each step
 * happened): all accepted, two of them submitted late and one returned and resubmitted first. This
 * year's earlier periods are accepted, the last ended period shows the review queue (submitted,
 * returned with a comment, one missing), and the current period is a draft in progress. Each year
 * is filled once: when one of its 노원구 reports has content, it is left as it is.
 */
@Injectable()
export class ReportsDemoSeed {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly calendars: ReportingCalendarService,
    private readonly history: HistoryService,
    private readonly pastReports: PastReportsService,
  ) {}

  async run(now: Date = new Date()): Promise<{ created: number }> {
    const today = seoulDate(now);
    const year = Number(today.slice(0, 4));
    const nowon = await this.organisation();
    if (!nowon)
      throw new Error('ReportsDemoSeed needs the demo organisations: run the seeds in order');
    const created =
      (await this.calendars.generate(nowon, year - 1, null)) +
      (await this.calendars.generate(nowon, year, null));
    await this.previousYear(nowon, year - 1, today);

    await this.tx.run(async (tx) => {
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('seed-demo', 0))`);
      const [filled] = await tx.manager.query<unknown[]>(
        `SELECT 1 FROM reports WHERE organisation_id = $1 AND year = $2 AND author_id IS NOT NULL LIMIT 1`,
        [nowon, year],
      );
      if (filled) return;
      const users = await tx.manager.query<Array<{ id: string; email: string }>>(
        `SELECT id, email FROM users WHERE email = ANY($1::text[])`,
        [[HEAD, AUDITOR]],
      );
      const head = users.find((u) => u.email === HEAD)?.id;
      const auditor = users.find((u) => u.email === AUDITOR)?.id;
      if (!head || !auditor) throw new Error('ReportsDemoSeed: demo head and auditor are missing');
      const rows = await tx.manager.query<ExpectedRow[]>(
        `SELECT r.id, r.task_id, t.title, t.status, r.period, to_char(r.due_date, 'YYYY-MM-DD') AS due_date,
                to_char(r.period_end, 'YYYY-MM-DD') AS period_end, t.owner_id AS author
           FROM reports r JOIN tasks t ON t.id = r.task_id
          WHERE r.organisation_id = $1 AND r.year = $2 ORDER BY t.code, r.period_start`,
        [nowon, year],
      );
      const ended = rows.filter((r) => r.period_end < today);
      // The last period of this year that has ended; last year's reports are all settled.
      const lastEnded = ended
        .filter((r) => r.period_end >= `${year}-01-01`)
        .reduce((p, r) => (r.period_end > p ? r.period_end : p), '');
      const settled = (r: ExpectedRow) =>
        r.period_end < `${year}-01-01` || r.period_end < lastEnded;
      let lateBudget = 2;
      for (const [i, r] of rows.entries()) {
        const earlier = ended.filter((e) => e.task_id === r.task_id && e.period_end < r.period_end);
        const progress = Math.min(
          100,
          25 * (earlier.length + 1) - (r.status === 'COMPLETED' ? 0 : 5),
        );
        if (r.period_end >= today) {
          // The current period: a draft being written.
          await this.fill(tx, r, { progress, status: 'DRAFT' });
          continue;
        }
        const late = settled(r) && lateBudget > 0 && i % 5 === 2;
        if (late) lateBudget--;
        const submittedOn = late ? addDays(r.due_date, 3) : addDays(r.due_date, -1);
        if (settled(r)) {
          await this.fill(tx, r, {
            progress,
            status: 'ACCEPTED',
            submittedOn,
            submitter: head,
            reviewer: auditor,
            reviewedOn: addDays(submittedOn, 2),
          });
          continue;
        }
        // The last ended period: what the audit office works on now.
        const kind = i % 4;
        if (kind === 0) continue; // missing: nobody has written it
        if (kind === 1) {
          await this.fill(tx, r, {
            progress,
            status: 'RETURNED',
            submittedOn: submittedOn <= today ? submittedOn : today,
            submitter: head,
            reviewer: auditor,
            reviewedOn: today,
            comment: '분기 목표 대비 실적 근거(사진·공문)를 첨부하여 다시 제출하여 주십시오.',
          });
        } else {
          await this.fill(tx, r, {
            progress,
            status: 'SUBMITTED',
            submittedOn: submittedOn <= today ? submittedOn : today,
            submitter: head,
          });
        }
      }
      // Tasks follow their latest accepted report (completed tasks show 100 regardless).
      await tx.manager.query(
        `UPDATE tasks t SET reported_progress = latest.progress
           FROM (SELECT DISTINCT ON (task_id) task_id, progress FROM reports
                  WHERE organisation_id = $1 AND state = 'ACCEPTED'
                  ORDER BY task_id, period_end DESC) latest
          WHERE t.id = latest.task_id`,
        [nowon],
      );
    });
    return { created };
  }

  /**
   * Last year's reports, entered afterwards by the office with the days each step happened: all
   * accepted; two submitted late and one returned and resubmitted (among the first three quarters,
   * so the days lie in the past whatever today is). Skipped once any of them has content.
   */
  private async previousYear(nowon: string, year: number, today: string): Promise<void> {
    const [filled] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM reports WHERE organisation_id = $1 AND year = $2 AND author_id IS NOT NULL LIMIT 1`,
      [nowon, year],
    );
    if (filled) return;
    const office = await demoActor(this.dataSource, OFFICE);
    const auditor = await demoActor(this.dataSource, AUDITOR);
    const rows = await this.dataSource.query<Array<ExpectedRow & { period_start: string }>>(
      `SELECT r.id, r.task_id, t.title, t.status, r.period, to_char(r.due_date, 'YYYY-MM-DD') AS due_date,
              to_char(r.period_start, 'YYYY-MM-DD') AS period_start,
              to_char(r.period_end, 'YYYY-MM-DD') AS period_end, t.owner_id AS author
         FROM reports r JOIN tasks t ON t.id = r.task_id
        WHERE r.organisation_id = $1 AND r.year = $2 ORDER BY t.code, r.period_start`,
      [nowon, year],
    );
    const early = `${year}-10-01`;
    let lateBudget = 2;
    let returnBudget = 1;
    const done = new Map<string, number>();
    for (const [i, r] of rows.entries()) {
      const n = (done.get(r.task_id) ?? 0) + 1;
      done.set(r.task_id, n);
      // Never later than today, never before the period began (a first quarter due early).
      const day = (d: string) => (d > today ? today : d < r.period_start ? r.period_start : d);
      const late = r.period_end < early && lateBudget > 0 && i % 5 === 2;
      const returned = !late && r.period_end < early && returnBudget > 0 && i % 7 === 3;
      if (late) lateBudget--;
      if (returned) returnBudget--;
      const submitOn = day(late ? addDays(r.due_date, 3) : addDays(r.due_date, -1));
      const events: PastReportEvent[] = returned
        ? [
            { action: 'submit', on: submitOn },
            {
              action: 'return',
              on: day(addDays(submitOn, 2)),
              comment: '분기 목표 대비 실적 근거(사진·공문)를 첨부하여 다시 제출하여 주십시오.',
            },
            { action: 'submit', on: day(addDays(submitOn, 5)) },
            { action: 'accept', on: day(addDays(submitOn, 6)) },
          ]
        : [
            { action: 'submit', on: submitOn },
            { action: 'accept', on: day(addDays(submitOn, 2)) },
          ];
      const progress = Math.min(100, 25 * n - (r.status === 'COMPLETED' ? 0 : 5));
      await this.pastReports.record(office, {
        taskId: r.task_id,
        period: r.period,
        progress,
        achievements: `${r.period} ${r.title}: 계획된 단계별 추진 일정에 따라 사업을 진행하였습니다.`,
        issuesAndRisks: progress < 60 ? '관계기관 협의 일정 지연 우려' : '특이사항 없음',
        nextSteps: '다음 분기 세부 추진계획에 따라 진행',
        reviewedBy: auditor.id,
        events,
        lateEntryReason: LATE_ENTRY_REASON,
      });
    }
  }

  private async fill(
    tx: Tx,
    r: ExpectedRow,
    o: {
      progress: number;
      status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';
      submittedOn?: string;
      submitter?: string;
      reviewer?: string;
      reviewedOn?: string;
      comment?: string;
    },
  ): Promise<void> {
    // Submitted and reviewed at 10:00 Seoul time on the given days.
    const at = (day: string | undefined) => (day ? `${day}T10:00:00+09:00` : null);
    const content = {
      achievements: `${r.period} ${r.title}: 계획된 단계별 추진 일정에 따라 사업을 진행하였습니다.`,
      issuesAndRisks: o.progress < 60 ? '관계기관 협의 일정 지연 우려' : '특이사항 없음',
      nextSteps: '다음 분기 세부 추진계획에 따라 진행',
    };
    await tx.manager.query(
      `UPDATE reports SET state = $2, progress = $3, achievements = $4, issues_and_risks = $5, next_steps = $6,
              author_id = $7, submitted_by = $8, first_submitted_at = $9, submitted_at = $9,
              reviewer_id = $10, reviewed_at = $11, review_comment = $12
        WHERE id = $1`,
      [
        r.id,
        o.status,
        o.progress,
        content.achievements,
        content.issuesAndRisks,
        content.nextSteps,
        r.author,
        o.submitter ?? null,
        at(o.submittedOn),
        o.reviewer ?? null,
        at(o.reviewedOn),
        o.comment ?? null,
      ],
    );
    const [org] = await tx.manager.query<Array<{ organisation_id: string }>>(
      `SELECT organisation_id FROM reports WHERE id = $1`,
      [r.id],
    );
    if (o.status === 'RETURNED') {
      // The year's count of returns reads report_returns (as a live return writes it), so the
      // dashboard's "returns this year" includes the ones waiting for resubmission.
      await tx.manager.query(
        `INSERT INTO report_returns (organisation_id, report_id, returned_at) VALUES ($1, $2, $3)`,
        [org.organisation_id, r.id, at(o.reviewedOn)],
      );
    }
    await this.history.record(tx, {
      organisationId: org.organisation_id,
      recordType: 'report',
      recordId: r.id,
      action: 'seed',
      actorId: null,
      changes: {
        state: { from: 'DRAFT', to: o.status },
        progress: { from: null, to: o.progress },
        ...(o.comment ? { reviewComment: { from: null, to: o.comment } } : {}),
      },
      reason: null,
    });
  }

  private async organisation(): Promise<string | undefined> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT o.id FROM organisations o JOIN organisations p ON p.id = o.parent_id
        WHERE o.name = $1 AND p.name = $2 AND p.parent_id IS NULL`,
      [NOWON, SEOUL],
    );
    return row?.id;
  }
}
