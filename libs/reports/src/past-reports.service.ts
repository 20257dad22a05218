import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { parsePeriod, seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type ErrorDetail, seoulStartOfDay } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { TasksService } from '@gwaje/tasks';
import { DataSource } from 'typeorm';
import { type PastReportEvent, replayPastEvents } from './past-report-events.js';
import type { ReportDetail } from './report-views.js';
import { ReportingCalendarService } from './reporting-calendar.service.js';
import { periodNotOpen, ReportsService } from './reports.service.js';

export interface PastReportInput {
  taskId: string;
  period: string;
  progress?: number | null;
  achievements?: string;
  issuesAndRisks?: string;
  nextSteps?: string;
  supportNeeded?: string;
  /** Who submitted it then: a user of the lead department (unknown when absent). */
  submittedBy?: string | null;
  /** Who reviewed it then: an AUDITOR or PROACTIVE_OFFICE member of the organisation. */
  reviewedBy?: string | null;
  events: PastReportEvent[];
  lateEntryReason: string;
}

/**
 * Reports of past periods entered afterwards (사후 입력, issue 19): the office records a report as
 * it went — content, submission, returns and resubmissions, review — with the days each step
 * happened. The steps go through the report state machine; the report is flagged entered later,
 * and every history entry keeps when it happened beside when it was entered, with the reason.
 * Nothing is sent: these are not events of today.
 */
@Injectable()
export class PastReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly tasks: TasksService,
    private readonly calendars: ReportingCalendarService,
    private readonly reports: ReportsService,
  ) {}

  async record(user: AuthUser, input: PastReportInput): Promise<ReportDetail> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
    const task = await this.tasks.readableRow(user, input.taskId).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) {
        throw DomainError.invalidField(
          'taskId',
          'readableTask',
          { ko: '조회할 수 있는 과제가 아닙니다.', en: 'no task you can read has this id' },
          ErrorCode.INVALID_REFERENCE,
        );
      }
      throw e;
    });
    if (task.organisation_id !== user.organisationId) throw DomainError.forbidden();

    const today = seoulDate();
    const period = parsePeriod(input.period);
    if (period && period.year !== task.year) {
      throw periodNotOpen(input.period, { cause: 'otherYear', taskYear: task.year });
    }
    const problems: ErrorDetail[] = [];
    const { problems: steps, outcome } = replayPastEvents(
      input.events,
      period?.start ?? `${task.year}-01-01`,
      today,
    );
    problems.push(...steps);
    if (outcome.firstSubmittedOn) {
      if (input.progress === null || input.progress === undefined)
        problems.push({
          field: 'progress',
          code: 'requiredToSubmit',
          message: {
            ko: '제출된 보고는 추진률(%)이 있어야 합니다.',
            en: 'a submitted report states progress',
          },
        });
      if (!input.achievements?.trim())
        problems.push({
          field: 'achievements',
          code: 'requiredToSubmit',
          message: {
            ko: '제출된 보고는 추진실적이 있어야 합니다.',
            en: 'a submitted report states achievements',
          },
        });
    }
    problems.push(...(await this.checkPeople(input, task.lead_department_id, outcome.reviewedOn)));
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);

    const reason = input.lateEntryReason.trim();
    const at = (day: string | null) => (day ? seoulStartOfDay(day) : null);
    const id = await this.tx.run(async (tx) => {
      // Lock order: the task before its report (an acceptance writes the task's progress).
      await this.tasks.lockForWrite(tx, task.id);
      const expected = await this.calendars.ensureExpected(
        tx,
        task.organisation_id,
        task.id,
        input.period,
      );
      if ('cause' in expected) throw periodNotOpen(input.period, expected);
      const [untouched] = await tx.manager.query<Array<{ id: string }>>(
        `SELECT id FROM reports WHERE id = $1 AND state = 'DRAFT' AND author_id IS NULL
            AND first_submitted_at IS NULL FOR UPDATE`,
        [expected.id],
      );
      if (!untouched) {
        throw new DomainError(
          ErrorCode.DUPLICATE,
          {
            ko: `이 과제의 ${input.period} 이행실적은 이미 작성되었거나 제출되었습니다. 사후 입력은 아직 손대지 않은 보고에만 할 수 있습니다.`,
            en: `The task's ${input.period} report has already been written or submitted; only an untouched report can be entered afterwards.`,
          },
          [
            {
              field: 'period',
              code: 'untouchedReport',
              message: {
                ko: '이미 작성되었거나 제출된 보고입니다.',
                en: 'this report has already been written or submitted',
              },
            },
          ],
        );
      }
      const content = {
        progress: input.progress ?? null,
        achievements: input.achievements ?? '',
        issuesAndRisks: input.issuesAndRisks ?? '',
        nextSteps: input.nextSteps ?? '',
        supportNeeded: input.supportNeeded ?? '',
      };
      const reviewer = outcome.reviewedOn ? (input.reviewedBy ?? null) : null;
      await tx.manager.query(
        `UPDATE reports SET progress = $2, achievements = $3, issues_and_risks = $4, next_steps = $5,
                support_needed = $6, author_id = $7, state = $8, submitted_by = $9,
                first_submitted_at = $10, submitted_at = $11, reviewer_id = $12, reviewed_at = $13,
                review_comment = $14, resubmission_count = $15, entered_later = true,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [
          expected.id,
          content.progress,
          content.achievements,
          content.issuesAndRisks,
          content.nextSteps,
          content.supportNeeded,
          user.id,
          outcome.state,
          outcome.firstSubmittedOn ? (input.submittedBy ?? null) : null,
          at(outcome.firstSubmittedOn),
          at(outcome.lastSubmittedOn),
          reviewer,
          at(outcome.reviewedOn),
          outcome.reviewComment,
          outcome.resubmissionCount,
        ],
      );
      for (const day of outcome.returnedOn) {
        await tx.manager.query(
          `INSERT INTO report_returns (organisation_id, report_id, returned_at, entered_later)
           VALUES ($1, $2, $3, true)`,
          [task.organisation_id, expected.id, at(day)],
        );
      }
      const entry = (
        action: string,
        on: string,
        changes: Record<string, { from: unknown; to: unknown }>,
        comment: string | null = null,
      ) =>
        this.history.record(tx, {
          organisationId: task.organisation_id,
          recordType: 'report',
          recordId: expected.id,
          action,
          actorId: user.id,
          changes,
          reason: comment,
          effectiveAt: seoulStartOfDay(on),
          lateEntryReason: reason,
        });
      const first = input.events[0]?.on ?? today;
      await entry(
        'update',
        first,
        Object.fromEntries(
          Object.entries(content)
            .filter(([, v]) => v !== null && v !== '')
            .map(([k, v]) => [k, { from: null, to: v }]),
        ),
      );
      let state: string = 'DRAFT';
      for (const event of input.events) {
        const to =
          event.action === 'submit'
            ? 'SUBMITTED'
            : event.action === 'accept'
              ? 'ACCEPTED'
              : 'RETURNED';
        await entry(
          event.action,
          event.on,
          { state: { from: state, to } },
          event.comment?.trim() || null,
        );
        state = to;
      }
      if (outcome.state === 'ACCEPTED') {
        await this.reports.applyLatestAcceptedProgress(tx, user, { task_id: task.id });
      }
      return expected.id;
    });
    return this.reports.view(user, id);
  }

  /** Who submitted and reviewed then, when named: people who could have. */
  private async checkPeople(
    input: PastReportInput,
    leadDepartmentId: string,
    reviewedOn: string | null,
  ): Promise<ErrorDetail[]> {
    const problems: ErrorDetail[] = [];
    if (input.submittedBy) {
      const [ok] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM users WHERE id = $1 AND department_id = $2`,
        [input.submittedBy, leadDepartmentId],
      );
      if (!ok)
        problems.push({
          field: 'submittedBy',
          code: 'leadDepartmentUser',
          message: {
            ko: '제출자는 주관부서의 사용자여야 합니다.',
            en: 'must be a user of the lead department',
          },
        });
    }
    if (input.reviewedBy) {
      const [ok] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM users u
          WHERE u.id = $1 AND u.organisation_id = (SELECT organisation_id FROM departments WHERE id = $2)
            AND u.roles && ARRAY['AUDITOR', 'PROACTIVE_OFFICE']::user_role[]`,
        [input.reviewedBy, leadDepartmentId],
      );
      if (!ok || input.reviewedBy === input.submittedBy)
        problems.push({
          field: 'reviewedBy',
          code: 'reviewer',
          message: {
            ko: '검토자는 같은 기관의 감사담당관이나 적극행정 전담부서 직원이어야 하고, 제출자가 아니어야 합니다.',
            en: 'must be an AUDITOR or PROACTIVE_OFFICE member of the organisation other than the submitter',
          },
        });
      if (!reviewedOn)
        problems.push({
          field: 'reviewedBy',
          code: 'onlyWhenReviewed',
          message: {
            ko: '검토(승인·반려)한 보고에만 검토자를 적을 수 있습니다.',
            en: 'only a reviewed report has a reviewer',
          },
        });
    }
    return problems;
  }
}
