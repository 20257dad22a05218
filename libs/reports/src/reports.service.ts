import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccessAction,
  AccessLogService,
  diffFields,
  HistoryService,
  type HistoryRecord,
} from '@gwaje/audit';
import {
  type AttachmentDownload,
  attachmentAdded,
  AttachmentsService,
  type AttachmentView,
  type Upload,
} from '@gwaje/attachments';
import { type ReportingCadence, seoulDate } from '@gwaje/calendar';
import { ConsultationsService } from '@gwaje/consultations';
import { OutboxService } from '@gwaje/outbox';
import {
  DomainError,
  ErrorCode,
  type ErrorDetail,
  type LocalText,
  withParticle,
} from '@gwaje/common';
import { onReplica, TransactionService, type Tx } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { TasksService } from '@gwaje/tasks';
import { DataSource } from 'typeorm';
import {
  buildReportQuery,
  type ReportFilter,
  type ReportPageRequest,
  type ReportRow,
} from './report-query.js';
import type { MilestoneResult } from './report.entity.js';
import {
  type ReportDetail,
  reportFacts,
  type ReportSummary,
  toReportDetail,
  toReportSummary,
} from './report-views.js';
import {
  allowedReportActions,
  type ReportAction,
  type ReportAllowedAction,
  type ReportHandOff,
  reportTransitionFor,
} from './report-workflow.js';
import { type PeriodRefusal, ReportingCalendarService } from './reporting-calendar.service.js';
import { ReportEvent } from './report-reminders.js';

export interface UpdateReportInput {
  version: number;
  progress?: number | null;
  achievements?: string;
  milestoneResults?: MilestoneResult[];
  issuesAndRisks?: string;
  nextSteps?: string;
  supportNeeded?: string;
  /** The pre-consultation the support request refers to: one the editor may read. */
  consultationId?: string | null;
}

export interface ReportPage {
  items: ReportSummary[];
  total: number;
  limit: number;
  offset: number;
}

const CONTENT_FIELDS = [
  'progress',
  'achievements',
  'milestoneResults',
  'issuesAndRisks',
  'nextSteps',
  'supportNeeded',
  'consultationId',
] as const;

const COLUMN_OF: Record<(typeof CONTENT_FIELDS)[number], string> = {
  progress: 'progress',
  achievements: 'achievements',
  milestoneResults: 'milestone_results',
  issuesAndRisks: 'issues_and_risks',
  nextSteps: 'next_steps',
  supportNeeded: 'support_needed',
  consultationId: 'consultation_id',
};

const CADENCE_NAMES: Record<ReportingCadence, LocalText> = {
  MONTHLY: { ko: '월별', en: 'monthly' },
  QUARTERLY: { ko: '분기별', en: 'quarterly' },
  HALF_YEARLY: { ko: '반기별', en: 'half-yearly' },
};

/** The refusal as the error's details (which cadence was refused is in `cadence` already). */
function withoutTaskOwn(refusal: PeriodRefusal): Omit<PeriodRefusal, 'taskOwn'> {
  if (refusal.cause !== 'notInCalendar') return refusal;
  const { taskOwn: _taskOwn, ...shown } = refusal;
  return shown;
}

/** PERIOD_NOT_OPEN: the cause as the detail's code and in `cause`, in words of its own. */
export function periodNotOpen(period: string, refusal: PeriodRefusal): DomainError {
  const year = period.slice(0, 4);
  const topic = withParticle(period, '은/는');
  const text: LocalText =
    refusal.cause === 'notStarted'
      ? {
          ko: `${topic} 아직 시작되지 않은 기간입니다(${refusal.periodStart} 시작). 기간이 시작된 뒤에 작성하세요.`,
          en: `${period} has not begun yet (it starts on ${refusal.periodStart}).`,
        }
      : refusal.cause === 'otherYear'
        ? {
            ko: `${topic} 과제 연도(${refusal.taskYear}년)의 보고 기간이 아닙니다.`,
            en: `${period} is not a period of the task's year (${refusal.taskYear}).`,
          }
        : refusal.cause === 'taskNotActive'
          ? {
              ko: `이 과제는 ${period} 기간에 선정되었거나 추진 중인 적이 없어 보고 대상이 아닙니다.`,
              en: `The task was neither selected nor in progress during ${period}, so no report is expected.`,
            }
          : refusal.cadence && refusal.taskOwn
            ? {
                ko: `${topic} 이 과제의 ${year}년 보고 주기(${CADENCE_NAMES[refusal.cadence].ko})의 기간이 아닙니다. 이 과제는 기관의 보고 일정과 다른 주기로 보고합니다.`,
                en: `${period} is not a period of this task's ${CADENCE_NAMES[refusal.cadence].en} reporting in ${year}; the task reports at another cadence than the organisation's calendar.`,
              }
            : refusal.cadence
              ? {
                  ko: `${topic} ${year}년 보고 주기(${CADENCE_NAMES[refusal.cadence].ko})의 기간이 아닙니다.`,
                  en: `${period} is not a period of ${year}'s ${CADENCE_NAMES[refusal.cadence].en} reporting calendar.`,
                }
              : {
                  ko: `${topic} 보고 기간이 아닙니다.`,
                  en: `${period} is not a reporting period.`,
                };
  return new DomainError(
    ErrorCode.PERIOD_NOT_OPEN,
    text,
    [{ field: 'period', code: refusal.cause, message: text }],
    { ...withoutTaskOwn(refusal), period },
  );
}

/** The owner type of report attachments (attachments are shared with other records). */
const ATTACHMENT_OWNER = 'report';

/**
 * Milestone reports (이행실적, DOMAIN.md §3): reading under the task's scope, editing by the lead
 * department, submission by its head, review by auditors and the proactive-administration office,
 * attachments. Every change writes the report and its history entry in one transaction.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly tasks: TasksService,
    private readonly calendars: ReportingCalendarService,
    private readonly attachments: AttachmentsService,
    private readonly consultations: ConsultationsService,
    private readonly outbox: OutboxService,
  ) {}

  // ── Reading ──────────────────────────────────────────────────────────────────────────────────

  async list(user: AuthUser, filter: ReportFilter, page: ReportPageRequest): Promise<ReportPage> {
    const today = seoulDate();
    // The review queue may lag behind the latest write by the replica's delay (README: Scale-out).
    const query = buildReportQuery(this.policy, user, filter, today, page);
    const rows = await onReplica<ReportRow[]>(this.dataSource, query.sql, query.values);
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && page.offset > 0) {
      const first = buildReportQuery(this.policy, user, filter, today, {
        ...page,
        limit: 1,
        offset: 0,
      });
      const [row] = await onReplica<ReportRow[]>(this.dataSource, first.sql, first.values);
      total = row ? Number(row.total) : 0;
    }
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: 'report',
      filter: { ...filter, ...page },
    });
    return {
      items: rows.map((r) => toReportSummary(user, r, today)),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  /**
   * One batch of the reports the user may read, filtered like the list (the same query), in id
   * order after `afterId` (keyset): for streaming exports. No access-log entry (the export writes one).
   */
  batchAfter(
    user: AuthUser,
    filter: ReportFilter,
    afterId: string | null,
    limit: number,
    today: string,
  ): Promise<ReportRow[]> {
    const query = buildReportQuery(this.policy, user, filter, today, undefined, { afterId, limit });
    return this.dataSource.query<ReportRow[]>(query.sql, query.values);
  }

  async get(user: AuthUser, id: string): Promise<ReportDetail> {
    const row = await this.readableRow(user, id);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: 'report',
      recordId: id,
    });
    return this.detail(user, row);
  }

  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const row = await this.readableRow(user, id);
    return this.history.forRecord([row.organisation_id], 'report', id);
  }

  /** 404 unless the caller may read the report's task. */
  async readableRow(user: AuthUser, id: string): Promise<ReportRow> {
    const query = buildReportQuery(this.policy, user, { id }, seoulDate());
    const [row] = await this.dataSource.query<ReportRow[]>(query.sql, query.values);
    if (!row) throw DomainError.notFound();
    return row;
  }

  /** The report as its detail shows it, without an access-log entry (the caller just wrote it). */
  async view(user: AuthUser, id: string): Promise<ReportDetail> {
    return this.detail(user, await this.readableRow(user, id));
  }

  private async detail(user: AuthUser, row: ReportRow): Promise<ReportDetail> {
    const files = await this.attachments.list(ATTACHMENT_OWNER, row.id);
    return toReportDetail(user, row, files, seoulDate());
  }

  // ── Writing ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Opens the report of a task for a period: the expected row, created now if the daily generation
   * has not yet. 400 PERIOD_NOT_OPEN, with its cause, when the period is not in the year's
   * calendar, has not begun, or the task was not SELECTED or IN_PROGRESS during it.
   */
  async open(user: AuthUser, input: { taskId: string; period: string }): Promise<ReportDetail> {
    const task = await this.tasks.readableRow(user, input.taskId).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) {
        throw DomainError.invalidField(
          'taskId',
          'readableTask',
          {
            ko: '조회할 수 있는 과제가 아닙니다.',
            en: 'no task you can read has this id',
          },
          ErrorCode.INVALID_REFERENCE,
        );
      }
      throw e;
    });
    const mayWrite =
      this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD) &&
      user.departmentId === task.lead_department_id;
    if (!mayWrite) throw DomainError.forbidden();
    const expected = await this.tx.run((tx) =>
      this.calendars.ensureExpected(tx, task.organisation_id, task.id, input.period),
    );
    if ('cause' in expected) throw periodNotOpen(input.period, expected);
    return this.detail(user, await this.readableRow(user, expected.id));
  }

  async update(user: AuthUser, id: string, input: UpdateReportInput): Promise<ReportDetail> {
    const row = await this.readableRow(user, id);
    this.assertAllowed(user, row, 'edit');
    const { version, ...fields } = input;
    const touched = CONTENT_FIELDS.filter((k) => fields[k] !== undefined);
    const problems = [
      ...(input.milestoneResults
        ? await this.checkMilestoneResults(row.task_id, input.milestoneResults)
        : []),
      ...(input.consultationId
        ? await this.checkConsultation(user, row, input.consultationId)
        : []),
    ];
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    if (!touched.length) {
      if (version !== row.version) throw DomainError.conflict(row.version);
      return this.detail(user, row);
    }
    const before = this.contentOf(row);
    const after = { ...before, ...Object.fromEntries(touched.map((k) => [k, fields[k]])) };
    await this.tx.run(async (tx) => {
      const values: unknown[] = [id, version, user.id];
      const sets = touched.map((k) => {
        const value = k === 'milestoneResults' ? JSON.stringify(fields[k]) : fields[k];
        values.push(value);
        return `${COLUMN_OF[k]} = $${values.length}`;
      });
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE reports SET ${sets.join(', ')}, author_id = $3, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND state IN ('DRAFT', 'RETURNED')`,
        values,
      );
      if (!affected) throw await this.conflictOf(tx, id);
      await this.record(tx, user, row, 'update', diffFields(before, after, [...CONTENT_FIELDS]));
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /** submit, accept or return; an action not possible now is a 409 with what the user may do. */
  async transition(
    user: AuthUser,
    id: string,
    action: ReportAction,
    input: { comment?: string; version?: number },
  ): Promise<ReportDetail> {
    const row = await this.readableRow(user, id);
    const allowed = allowedReportActions(user, reportFacts(row));
    const transition = reportTransitionFor(row.state, action);
    if (!transition || !allowed.includes(action)) {
      throw DomainError.illegalTransition({
        resource: 'report',
        currentStatus: row.state,
        allowedActions: allowed,
      });
    }
    const comment = input.comment?.trim() || null;
    if (transition.commentRequired && !comment) {
      throw DomainError.invalidField('comment', 'required', {
        ko: '반려 사유(검토 의견)를 입력하세요.',
        en: 'a comment is required to return a report',
      });
    }
    if (action === 'submit') {
      const missing = this.incompleteForSubmission(row);
      if (missing.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, missing);
    }
    await this.tx.run(async (tx) => {
      // Lock order (libs/db/src/transaction.service.ts): an acceptance writes the task's progress,
      // so it locks the task row before the report's, as every task write does.
      if (action === 'accept') await this.tasks.lockForWrite(tx, row.task_id);
      const set =
        action === 'submit'
          ? `submitted_by = $4, submitted_at = now(), first_submitted_at = COALESCE(first_submitted_at, now()),
             resubmission_count = resubmission_count + CASE WHEN state = 'RETURNED' THEN 1 ELSE 0 END,
             reviewer_id = NULL, reviewed_at = NULL,
             approval_requested_by = NULL, approval_requested_at = NULL, approval_request_note = NULL`
          : `reviewer_id = $4, reviewed_at = now(), review_comment = $6`;
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE reports SET state = $2, ${set}, version = version + 1, updated_at = now()
          WHERE id = $1 AND state = $3 AND ($5::int IS NULL OR version = $5::int)`,
        action === 'submit'
          ? [id, transition.to, row.state, user.id, input.version ?? null]
          : [id, transition.to, row.state, user.id, input.version ?? null, comment],
      );
      if (!affected) throw await this.conflictOf(tx, id);
      await this.record(
        tx,
        user,
        row,
        action,
        {
          state: { from: row.state, to: transition.to },
          ...(comment && action !== 'submit'
            ? { reviewComment: { from: row.review_comment, to: comment } }
            : {}),
        },
        comment,
      );
      if (action === 'accept') await this.applyLatestAcceptedProgress(tx, user, row);
      if (action === 'return') {
        await tx.manager.query(
          `INSERT INTO report_returns (organisation_id, report_id, returned_at) VALUES ($1, $2, now())`,
          [row.organisation_id, id],
        );
        // The author and the owner hear at once (DOMAIN.md §6), relayed by the worker.
        await this.outbox.emit(tx, {
          organisationId: row.organisation_id,
          event: ReportEvent.RETURNED,
          recordType: 'report',
          recordId: id,
          payload: { resubmissionCount: row.resubmission_count },
        });
      }
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /**
   * 결재 요청: lead-department staff ask the department's heads to submit the report (it must be
   * complete enough to submit); the heads are notified at once and find it in their queue.
   */
  async requestApproval(
    user: AuthUser,
    id: string,
    input: { version: number; note?: string },
  ): Promise<ReportDetail> {
    const row = await this.readableRow(user, id);
    this.assertHandOff(user, row, 'requestApproval');
    const missing = this.incompleteForSubmission(row);
    if (missing.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, missing);
    const note = input.note?.trim() || null;
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE reports SET approval_requested_by = $3, approval_requested_at = now(), approval_request_note = $4,
                approval_request_count = approval_request_count + 1, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND approval_requested_at IS NULL AND state IN ('DRAFT', 'RETURNED')`,
        [id, input.version, user.id, note],
      );
      if (!affected) throw await this.conflictOf(tx, id);
      // Who asked is the entry's actor; the note its reason.
      await this.record(tx, user, row, 'request-approval', {}, note);
      await this.outbox.emit(tx, {
        organisationId: row.organisation_id,
        event: ReportEvent.APPROVAL_REQUESTED,
        recordType: 'report',
        recordId: id,
        payload: { requestCount: row.approval_request_count + 1 },
      });
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /** The requester takes a pending 결재 요청 back, or a head declines it (with a reason). */
  async withdrawApprovalRequest(
    user: AuthUser,
    id: string,
    input: { version: number; reason?: string },
  ): Promise<ReportDetail> {
    const row = await this.readableRow(user, id);
    this.assertHandOff(user, row, 'withdrawApprovalRequest');
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE reports SET approval_requested_by = NULL, approval_requested_at = NULL, approval_request_note = NULL,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND approval_requested_at IS NOT NULL`,
        [id, input.version],
      );
      if (!affected) throw await this.conflictOf(tx, id);
      await this.record(
        tx,
        user,
        row,
        'withdraw-approval-request',
        {},
        input.reason?.trim() || null,
      );
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /** The task's progress follows its latest accepted report (by period). */
  async applyLatestAcceptedProgress(
    tx: Tx,
    user: AuthUser,
    row: Pick<ReportRow, 'task_id'>,
  ): Promise<void> {
    const [latest] = await tx.manager.query<
      Array<{ id: string; period: string; progress: number | null }>
    >(
      `SELECT id, period, progress FROM reports
        WHERE task_id = $1 AND state = 'ACCEPTED' ORDER BY period_end DESC, id LIMIT 1`,
      [row.task_id],
    );
    if (!latest) return;
    await this.tasks.applyReportedProgress(tx, {
      actorId: user.id,
      taskId: row.task_id,
      progress: latest.progress,
      reportId: latest.id,
      period: latest.period,
    });
  }

  // ── Attachments ──────────────────────────────────────────────────────────────────────────────

  /** The lead department attaches files while the report is editable. */
  async addAttachment(user: AuthUser, id: string, upload: Upload): Promise<ReportDetail> {
    const row = await this.readableRow(user, id);
    this.assertAllowed(user, row, 'edit');
    const file = await this.attachments.receive(row.organisation_id, upload);
    // A file staged on disk that the transaction did not keep is removed (attachments.discard).
    try {
      await this.tx.run(async (tx) => {
        // The report must still be editable when the file lands (a submission may have raced us).
        const [, affected] = await tx.manager.query<[unknown[], number]>(
          `UPDATE reports SET author_id = $2, version = version + 1, updated_at = now()
          WHERE id = $1 AND state IN ('DRAFT', 'RETURNED')`,
          [id, user.id],
        );
        if (!affected) throw await this.conflictOf(tx, id);
        const attachmentId = await this.attachments.save(
          tx,
          { organisationId: row.organisation_id, ownerType: ATTACHMENT_OWNER, ownerId: id },
          file,
          user.id,
        );
        await this.record(tx, user, row, 'attachment.add', attachmentAdded(attachmentId, file));
      });
    } finally {
      await this.attachments.discard(file);
    }
    return this.detail(user, await this.readableRow(user, id));
  }

  async listAttachments(user: AuthUser, id: string): Promise<AttachmentView[]> {
    await this.readableRow(user, id);
    return this.attachments.list(ATTACHMENT_OWNER, id);
  }

  /** Anyone who may read the report may download its files; each download is access-logged. */
  async download(user: AuthUser, id: string, attachmentId: string): Promise<AttachmentDownload> {
    await this.readableRow(user, id);
    return this.attachments.download(user, ATTACHMENT_OWNER, id, attachmentId);
  }

  async removeAttachment(user: AuthUser, id: string, attachmentId: string): Promise<void> {
    const row = await this.readableRow(user, id);
    this.assertAllowed(user, row, 'edit');
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE reports SET author_id = $2, version = version + 1, updated_at = now()
          WHERE id = $1 AND state IN ('DRAFT', 'RETURNED')`,
        [id, user.id],
      );
      if (!affected) throw await this.conflictOf(tx, id);
      const removed = await this.attachments.remove(tx, ATTACHMENT_OWNER, id, attachmentId);
      await this.record(tx, user, row, 'attachment.remove', {
        [`attachment:${attachmentId}`]: { from: removed, to: null },
      });
    });
  }

  // ── Rules ────────────────────────────────────────────────────────────────────────────────────

  /** 403 (the caller can read the report) with what they may do instead. */
  private assertAllowed(user: AuthUser, row: ReportRow, needed: ReportAllowedAction): void {
    const allowed = allowedReportActions(user, reportFacts(row));
    const author =
      user.departmentId === row.lead_department_id &&
      this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD);
    if (needed === 'edit' && author && !allowed.includes('edit')) {
      // Their report, but submitted or accepted: read-only until it is returned (409, not 403).
      throw DomainError.illegalTransition(
        { resource: 'report', currentStatus: row.state, allowedActions: allowed },
        {
          ko: '제출된 이행실적은 수정할 수 없습니다. 반려된 경우에만 다시 고칠 수 있습니다.',
          en: 'A submitted report is read-only; it can be changed again only once returned.',
        },
      );
    }
    if (!allowed.includes(needed)) {
      throw DomainError.forbidden({
        resource: 'report',
        currentStatus: row.state,
        allowedActions: allowed,
      });
    }
  }

  /**
   * A hand-off not possible now: 409 for the report's own department (submitted already, or a
   * request pending or none to withdraw), 403 for anyone else.
   */
  private assertHandOff(user: AuthUser, row: ReportRow, needed: ReportHandOff): void {
    const allowed = allowedReportActions(user, reportFacts(row));
    if (allowed.includes(needed)) return;
    const ownDepartment =
      user.departmentId === row.lead_department_id &&
      this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD);
    const details = { resource: 'report', currentStatus: row.state, allowedActions: allowed };
    if (!ownDepartment) throw DomainError.forbidden(details);
    const head = this.policy.hasRole(user, Role.DEPT_HEAD);
    throw DomainError.illegalTransition(
      details,
      needed === 'requestApproval'
        ? row.approval_requested_at
          ? { ko: '이미 결재 요청된 이행실적입니다.', en: 'Approval has already been requested.' }
          : head && !allowed.includes('requestApproval') && allowed.includes('submit')
            ? {
                ko: '부서장은 결재 요청 없이 바로 제출할 수 있습니다.',
                en: 'A head of the department submits it directly.',
              }
            : {
                ko: '작성 중이거나 반려된 이행실적만 결재 요청할 수 있습니다.',
                en: 'Only a draft or returned report can be sent for approval.',
              }
        : row.approval_requested_at
          ? {
              ko: '결재 요청은 요청한 사람이나 부서장만 철회할 수 있습니다.',
              en: 'Only the requester or a head of the department can withdraw the request.',
            }
          : { ko: '결재 요청된 이행실적이 아닙니다.', en: 'No approval request is pending.' },
    );
  }

  /** A submission states progress and achievements. */
  private incompleteForSubmission(row: ReportRow): ErrorDetail[] {
    const problems: ErrorDetail[] = [];
    if (row.progress === null) {
      problems.push({
        field: 'progress',
        code: 'requiredToSubmit',
        message: { ko: '제출하려면 추진률(%)을 입력하세요.', en: 'progress is required to submit' },
      });
    }
    if (!row.achievements.trim()) {
      problems.push({
        field: 'achievements',
        code: 'requiredToSubmit',
        message: {
          ko: '제출하려면 추진실적을 입력하세요.',
          en: 'achievements are required to submit',
        },
      });
    }
    return problems;
  }

  private async checkMilestoneResults(
    taskId: string,
    results: MilestoneResult[],
  ): Promise<ErrorDetail[]> {
    const found = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM milestones WHERE task_id = $1 AND id = ANY($2::uuid[])`,
      [taskId, results.map((r) => r.milestoneId)],
    );
    const ok = new Set(found.map((r) => r.id));
    const seen = new Set<string>();
    return results.flatMap((r, i) => {
      const field = `milestoneResults.${i}.milestoneId`;
      if (!ok.has(r.milestoneId)) {
        return [
          {
            field,
            code: 'taskMilestone',
            message: {
              ko: '이 과제의 단계별 계획이 아닙니다.',
              en: 'not a milestone of this task',
            },
          },
        ];
      }
      if (seen.has(r.milestoneId)) {
        return [
          {
            field,
            code: 'unique',
            message: { ko: '같은 단계를 두 번 적었습니다.', en: 'this milestone is listed twice' },
          },
        ];
      }
      seen.add(r.milestoneId);
      return [];
    });
  }

  /** A referenced pre-consultation must be one of the report's organisation the editor may read. */
  private async checkConsultation(
    user: AuthUser,
    row: ReportRow,
    consultationId: string,
  ): Promise<ErrorDetail[]> {
    const found = await this.consultations
      .readableRow(user, consultationId)
      .then((c) => c.organisation_id === row.organisation_id)
      .catch((e: unknown) => {
        if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) return false;
        throw e;
      });
    return found
      ? []
      : [
          {
            field: 'consultationId',
            code: 'readableConsultation',
            message: {
              ko: '조회할 수 있는 이 기관의 사전컨설팅이 아닙니다.',
              en: 'no pre-consultation of this organisation you can read has this id',
            },
          },
        ];
  }

  /** After a guarded UPDATE matched nothing: a stale version, or the state moved on meanwhile. */
  private async conflictOf(tx: Tx, id: string): Promise<DomainError> {
    const [current] = await tx.manager.query<Array<{ version: number }>>(
      `SELECT version FROM reports WHERE id = $1`,
      [id],
    );
    return DomainError.conflict(current?.version ?? 0);
  }

  private contentOf(row: ReportRow): Record<(typeof CONTENT_FIELDS)[number], unknown> {
    return {
      progress: row.progress,
      achievements: row.achievements,
      milestoneResults: row.milestone_results,
      issuesAndRisks: row.issues_and_risks,
      nextSteps: row.next_steps,
      supportNeeded: row.support_needed,
      consultationId: row.consultation_id,
    };
  }

  private record(
    tx: Tx,
    user: AuthUser,
    row: ReportRow,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason: string | null = null,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId: row.organisation_id,
      recordType: 'report',
      recordId: row.id,
      action,
      actorId: user.id,
      changes,
      reason,
    });
  }
}
