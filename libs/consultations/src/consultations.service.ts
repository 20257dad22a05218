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
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type ErrorDetail, type LocalText } from '@gwaje/common';
import { onReplica, TransactionService, type Tx } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role, SettingsService } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { TasksService } from '@gwaje/tasks';
import { DataSource } from 'typeorm';
import {
  ALL_REJECTION_REASONS,
  type ConsultationAdvice,
  type ConsultationOption,
  type FollowUp,
  type OpinionType,
  type RejectionReason,
} from './consultation.entity.js';
import { opinionDueDate, screeningDueDate, turnaroundDays } from './consultation-deadlines.js';
import {
  buildConsultationQuery,
  type ConsultationFilter,
  type ConsultationPageRequest,
  type ConsultationRow,
} from './consultation-query.js';
import {
  consultationFacts,
  type ConsultationDetail,
  type ConsultationSummary,
  toConsultationDetail,
  toConsultationSummary,
} from './consultation-views.js';
import {
  allowedConsultationActions,
  type ConsultationAction,
  type ConsultationFacts,
  consultationRuleRefusal,
  consultationTransitionFor,
  nextEscalationTarget,
  OPINION_PENDING_STATES,
} from './consultation-workflow.js';
import { ConsultationEvent } from './consultation-reminders.js';
import {
  type EscalationHop,
  type ExternalEscalationDestination,
  immunityPresumed,
} from './consultation-immunity.js';

export interface ConsultationContent {
  subject?: string;
  facts?: string;
  question?: string;
  relevantLaws?: string;
  ownReview?: string;
  options?: ConsultationOption[];
  desiredAnswerDate?: string | null;
  privateInterest?: boolean;
  privateInterestNote?: string | null;
  taskId?: string | null;
}

export interface CreateConsultationInput extends ConsultationContent {
  subject: string;
}

export interface ConsultationActionInput {
  version?: number;
  /** escalate / requestCommitteeAdvice: what is asked; extend: why; close: why not followed; reject: a note */
  reason?: string;
  rejectionReason?: RejectionReason;
  assignedAuditorId?: string;
  advice?: string;
  opinion?: string;
  opinionType?: OpinionType;
  days?: number;
  followUp?: FollowUp;
  /** escalate: the head who approved the hop (required beyond the first level and out of Gwaje). */
  approverName?: string;
  approverTitle?: string;
  /** escalate: YYYY-MM-DD, not after today. */
  approvedOn?: string;
  /** escalate: out of Gwaje, to 감사원 or a ministry's audit body (named in externalName). */
  externalDestination?: ExternalEscalationDestination;
  externalName?: string;
  /** issueOpinion: the requester withheld information the audit unit needed. */
  informationWithheld?: boolean;
}

const EXTERNAL_NAMES: Record<ExternalEscalationDestination, string> = {
  BOARD_OF_AUDIT: '감사원',
  MINISTRY_AUDIT: '중앙행정기관 감사기구',
};

export interface ConsultationPage {
  items: ConsultationSummary[];
  total: number;
  limit: number;
  offset: number;
}

const CONTENT: Array<keyof ConsultationContent> = [
  'subject',
  'facts',
  'question',
  'relevantLaws',
  'ownReview',
  'options',
  'desiredAnswerDate',
  'privateInterest',
  'privateInterestNote',
  'taskId',
];
const COLUMN: Record<keyof ConsultationContent, string> = {
  subject: 'subject',
  facts: 'facts',
  question: 'question',
  relevantLaws: 'relevant_laws',
  ownReview: 'own_review',
  options: 'options',
  desiredAnswerDate: 'desired_answer_date',
  privateInterest: 'private_interest',
  privateInterestNote: 'private_interest_note',
  taskId: 'task_id',
};

/** Which inputs each action takes; any other given field is a 400. */
const ACTION_FIELDS: Record<ConsultationAction, Array<keyof ConsultationActionInput>> = {
  submit: [],
  startScreening: [],
  reject: ['rejectionReason', 'reason'],
  accept: ['assignedAuditorId'],
  startReview: [],
  escalate: [
    'reason',
    'approverName',
    'approverTitle',
    'approvedOn',
    'externalDestination',
    'externalName',
  ],
  returnAdvice: ['advice'],
  requestCommitteeAdvice: ['reason'],
  recordCommitteeAdvice: ['advice'],
  issueOpinion: ['opinion', 'opinionType', 'informationWithheld'],
  extend: ['days', 'reason'],
  close: ['followUp', 'reason'],
};

const ATTACHMENT_OWNER = 'consultation';

const detail = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});
const required = (field: string, ko: string): ErrorDetail =>
  detail(field, 'required', { ko, en: `${field} is required` });

/**
 * Pre-consultations (사전컨설팅, DOMAIN.md §4): drafting by the department, submission by its head,
 * screening against the rejection checklist, review, escalation to the parent organisation's audit
 * unit or committee advice, the opinion and the department's follow-up, from which the immunity
 * presumption follows. Each step is one transaction with its history entry.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly settings: SettingsService,
    private readonly tasks: TasksService,
    private readonly attachments: AttachmentsService,
    private readonly outbox: OutboxService,
  ) {}

  // ── Reading ──────────────────────────────────────────────────────────────────────────────────

  async list(
    user: AuthUser,
    filter: ConsultationFilter,
    page: ConsultationPageRequest,
  ): Promise<ConsultationPage> {
    const today = seoulDate();
    // The audit unit's queue may lag behind the latest write by the replica's delay (README: Scale-out).
    const query = buildConsultationQuery(this.policy, user, filter, today, page);
    const rows = await onReplica<ConsultationRow[]>(this.dataSource, query.sql, query.values);
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && page.offset > 0) {
      const first = buildConsultationQuery(this.policy, user, filter, today, {
        ...page,
        limit: 1,
        offset: 0,
      });
      const [row] = await onReplica<ConsultationRow[]>(this.dataSource, first.sql, first.values);
      total = row ? Number(row.total) : 0;
    }
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: 'consultation',
      filter: { ...filter, ...page },
    });
    return {
      items: rows.map((r) => toConsultationSummary(user, r, today)),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  /**
   * One batch of the requests the user may read, filtered like the list (the same query), in id
   * order after `afterId` (keyset): for streaming exports. No access-log entry (the export writes one).
   */
  batchAfter(
    user: AuthUser,
    filter: ConsultationFilter,
    afterId: string | null,
    limit: number,
    today: string,
  ): Promise<ConsultationRow[]> {
    const query = buildConsultationQuery(this.policy, user, filter, today, undefined, {
      afterId,
      limit,
    });
    return this.dataSource.query<ConsultationRow[]>(query.sql, query.values);
  }

  /** The consultations of a task the user may read, those the user may read (with the flag). */
  async ofTask(user: AuthUser, taskId: string): Promise<ConsultationSummary[]> {
    await this.tasks.readableRow(user, taskId);
    const page = await this.list(
      user,
      { taskId },
      {
        sort: 'createdAt',
        order: 'asc',
        limit: 200,
        offset: 0,
      },
    );
    return page.items;
  }

  async get(user: AuthUser, id: string): Promise<ConsultationDetail> {
    const row = await this.readableRow(user, id);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: 'consultation',
      recordId: id,
    });
    return this.detail(user, row);
  }

  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const row = await this.readableRow(user, id);
    return this.history.forRecord([row.organisation_id], 'consultation', id);
  }

  async readableRow(user: AuthUser, id: string): Promise<ConsultationRow> {
    const query = buildConsultationQuery(this.policy, user, { id }, seoulDate());
    const [row] = await this.dataSource.query<ConsultationRow[]>(query.sql, query.values);
    if (!row) throw DomainError.notFound();
    return row;
  }

  private async detail(user: AuthUser, row: ConsultationRow): Promise<ConsultationDetail> {
    const files = await this.attachments.list(ATTACHMENT_OWNER, row.id);
    return toConsultationDetail(user, row, files, seoulDate());
  }

  // ── Drafting ─────────────────────────────────────────────────────────────────────────────────

  /** STAFF or DEPT_HEAD draft a request of their own department. */
  async create(user: AuthUser, input: CreateConsultationInput): Promise<ConsultationDetail> {
    if (!this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD)) throw DomainError.forbidden();
    const task = await this.checkTask(user, input.taskId ?? null);
    const values = this.contentValues(input);
    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO consultations (organisation_id, requesting_department_id, drafter_id, year,
                                    ${Object.keys(values)
                                      .map((k) => COLUMN[k as keyof ConsultationContent])
                                      .join(', ')})
         VALUES ($1, $2, $3, $4, ${Object.keys(values)
           .map((_, i) => `$${i + 5}`)
           .join(', ')}) RETURNING id`,
        [
          user.organisationId,
          user.departmentId,
          user.id,
          // A request about a task counts in the task's year; else in the year it is drafted.
          task?.year ?? Number(seoulDate().slice(0, 4)),
          ...Object.values(values),
        ],
      );
      await this.record(
        tx,
        user,
        user.organisationId,
        row.id,
        'create',
        diffFields<ConsultationContent>(null, input, CONTENT),
      );
      return row.id;
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  async update(
    user: AuthUser,
    id: string,
    input: ConsultationContent & { version: number },
  ): Promise<ConsultationDetail> {
    const row = await this.readableRow(user, id);
    this.assertAllowed(user, row, 'edit');
    const { version, ...fields } = input;
    const relinked = fields.taskId !== undefined && fields.taskId !== row.task_id;
    const task = relinked ? await this.checkTask(user, fields.taskId ?? null) : null;
    const values = this.contentValues(fields);
    if (!Object.keys(values).length) {
      if (version !== row.version) throw DomainError.conflict(row.version);
      return this.detail(user, row);
    }
    const before = this.contentOf(row);
    await this.tx.run(async (tx) => {
      const params: unknown[] = [id, version];
      const sets = Object.entries(values).map(([k, v]) => {
        params.push(v);
        return `${COLUMN[k as keyof ConsultationContent]} = $${params.length}`;
      });
      if (relinked) {
        params.push(task?.year ?? null);
        sets.push(
          `year = COALESCE($${params.length}::smallint, EXTRACT(year FROM created_at AT TIME ZONE 'Asia/Seoul')::smallint)`,
        );
      }
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE consultations SET ${sets.join(', ')}, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND state = 'DRAFT'`,
        params,
      );
      if (!affected) throw await this.conflictOf(tx, id);
      await this.record(
        tx,
        user,
        row.organisation_id,
        id,
        'update',
        diffFields<ConsultationContent>(before, { ...before, ...fields }, CONTENT),
      );
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  // ── Workflow ─────────────────────────────────────────────────────────────────────────────────

  async transition(
    user: AuthUser,
    id: string,
    action: ConsultationAction,
    input: ConsultationActionInput,
  ): Promise<ConsultationDetail> {
    const row = await this.readableRow(user, id);
    const facts: ConsultationFacts = {
      ...consultationFacts(row),
      externalHop: action === 'escalate' && input.externalDestination !== undefined,
    };
    const allowed = allowedConsultationActions(user, facts);
    const transition = consultationTransitionFor(row.state, action);
    if (!transition || !allowed.includes(action)) {
      const rule = consultationRuleRefusal(user, facts, action);
      if (rule === 'noParentOrganisation') throw new DomainError(ErrorCode.NO_PARENT_ORGANISATION);
      if (rule === 'extendedOnce') {
        throw new DomainError(
          ErrorCode.LIMIT_REACHED,
          {
            ko: '의견 기한은 한 번만 연장할 수 있습니다.',
            en: 'The opinion deadline can be extended only once.',
          },
          [],
          { limit: 'opinionExtensions', max: 1, used: 1 },
        );
      }
      throw DomainError.illegalTransition({
        resource: 'consultation',
        currentStatus: row.state,
        allowedActions: allowed,
      });
    }
    const problems = [
      ...this.unexpectedFields(action, input),
      ...(await this.missingInputs(user, row, action, input)),
    ];
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);

    const now = new Date();
    const patch = await this.patchFor(user, row, facts, action, input, now);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (transition.to !== row.state) changes.state = { from: row.state, to: transition.to };
    for (const [column, value] of Object.entries(patch)) {
      if (column === 'advice') continue;
      changes[column] = {
        from: (row as unknown as Record<string, unknown>)[column] ?? null,
        to: value,
      };
    }
    await this.tx.run(async (tx) => {
      const params: unknown[] = [id, transition.to, row.state, input.version ?? null];
      const sets = Object.entries(patch).map(([column, value]) => {
        params.push(
          column === 'advice' || column === 'screening_checklist' || column === 'escalation_hops'
            ? JSON.stringify(value)
            : value,
        );
        return `${column} = $${params.length}`;
      });
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE consultations SET state = $2, ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          WHERE id = $1 AND state = $3 AND ($4::int IS NULL OR version = $4::int)`,
        params,
      );
      if (!affected) throw await this.conflictOf(tx, id);
      await this.record(
        tx,
        user,
        row.organisation_id,
        id,
        action,
        changes,
        input.reason?.trim() || input.advice?.trim() || null,
      );
      const event =
        action === 'submit'
          ? ConsultationEvent.SUBMITTED
          : action === 'issueOpinion'
            ? ConsultationEvent.OPINION_ISSUED
            : null;
      if (event) {
        await this.outbox.emit(tx, {
          organisationId: row.organisation_id,
          event,
          recordType: 'consultation',
          recordId: id,
        });
      }
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /** The columns an action writes, besides the state. */
  private async patchFor(
    user: AuthUser,
    row: ConsultationRow,
    facts: ConsultationFacts,
    action: ConsultationAction,
    input: ConsultationActionInput,
    now: Date,
  ): Promise<Record<string, unknown>> {
    const reason = input.reason?.trim() || null;
    const advice = [...row.advice];
    switch (action) {
      case 'submit': {
        const days = await this.settings.get(
          row.organisation_id,
          'consultations.screeningBusinessDays',
        );
        return {
          requester_id: user.id,
          submitted_at: now,
          screening_due_date: screeningDueDate(now, days),
        };
      }
      case 'startScreening':
        return { screener_id: user.id };
      case 'reject':
        return {
          screened_at: now,
          screener_id: user.id,
          rejection_reason: input.rejectionReason,
          rejection_note: reason,
          screening_checklist: Object.fromEntries(
            ALL_REJECTION_REASONS.map((r) => [r, r === input.rejectionReason]),
          ),
        };
      case 'accept': {
        const days = await this.settings.get(row.organisation_id, 'consultations.opinionDays');
        return {
          screened_at: now,
          screener_id: user.id,
          screening_checklist: Object.fromEntries(ALL_REJECTION_REASONS.map((r) => [r, false])),
          accepted_at: now,
          assigned_auditor_id: input.assignedAuditorId ?? user.id,
          opinion_due_date: opinionDueDate(now, days),
        };
      }
      case 'startReview':
        return row.assigned_auditor_id ? {} : { assigned_auditor_id: user.id };
      case 'escalate':
      case 'requestCommitteeAdvice': {
        const entry: ConsultationAdvice = {
          kind: action === 'escalate' ? 'ESCALATION' : 'COMMITTEE',
          requestedAt: now.toISOString(),
          requestedBy: user.id,
          request: reason ?? '',
          advisedAt: null,
          advisedBy: null,
          advice: null,
        };
        if (action === 'requestCommitteeAdvice') return { advice: [...advice, entry] };
        // One hop of the chain (issue 22 part 6): to the holder's parent, or out of Gwaje.
        const external = input.externalDestination ?? null;
        const target = external ? null : nextEscalationTarget(facts);
        const toName = external
          ? input.externalName?.trim() || EXTERNAL_NAMES[external]
          : await this.organisationName(target);
        const hop: EscalationHop = {
          seq: row.escalation_hops.length + 1,
          fromOrganisationId:
            row.state === 'ESCALATED'
              ? (row.escalated_to_organisation_id ?? row.organisation_id)
              : row.organisation_id,
          toOrganisationId: target,
          destination: external ?? 'PARENT',
          toName,
          approvedByName: input.approverName?.trim() || null,
          approvedByTitle: input.approverTitle?.trim() || null,
          approvedOn: input.approvedOn ?? null,
          requestedBy: user.id,
          requestedAt: now.toISOString(),
          request: reason ?? '',
        };
        return {
          advice: [...advice, entry],
          escalation_hops: [...row.escalation_hops, hop],
          escalated_at: now,
          ...(external
            ? { escalated_external: external, escalated_external_name: toName }
            : { escalated_to_organisation_id: target }),
        };
      }
      case 'returnAdvice':
      case 'recordCommitteeAdvice': {
        const kind = action === 'returnAdvice' ? 'ESCALATION' : 'COMMITTEE';
        const index = advice.map((a) => a.kind === kind && a.advice === null).lastIndexOf(true);
        const answered = {
          advisedAt: now.toISOString(),
          advisedBy: user.id,
          advice: input.advice?.trim() ?? '',
        };
        if (index >= 0) advice[index] = { ...advice[index], ...answered };
        return { advice };
      }
      case 'issueOpinion':
        return {
          opinion: input.opinion?.trim(),
          opinion_type: input.opinionType,
          opinion_at: now,
          opinion_by: user.id,
          opinion_organisation_id: user.organisationId,
          information_withheld: input.informationWithheld ?? false,
          turnaround_days: row.submitted_at ? turnaroundDays(row.submitted_at, now) : null,
        };
      case 'extend':
        return { extension_days: input.days, extension_reason: reason, extended_at: now };
      case 'close':
        return {
          follow_up: input.followUp,
          follow_up_reason: reason,
          closed_at: now,
          // DOMAIN.md §4, issue 22 part 6: followed, no private interest, no information withheld.
          immunity_presumed: immunityPresumed({
            followUp: input.followUp ?? null,
            privateInterest: row.private_interest,
            informationWithheld: row.information_withheld,
          }),
        };
    }
  }

  private unexpectedFields(
    action: ConsultationAction,
    input: ConsultationActionInput,
  ): ErrorDetail[] {
    const accepted = new Set<string>([...ACTION_FIELDS[action], 'version']);
    return Object.entries(input)
      .filter(([k, v]) => v !== undefined && !accepted.has(k))
      .map(([k]) =>
        detail(k, 'notForAction', {
          ko: `'${action}' 처리에는 이 항목을 쓰지 않습니다.`,
          en: `not used by the action ${action}`,
        }),
      );
  }

  private async missingInputs(
    user: AuthUser,
    row: ConsultationRow,
    action: ConsultationAction,
    input: ConsultationActionInput,
  ): Promise<ErrorDetail[]> {
    const blank = (v: string | undefined) => !v?.trim();
    switch (action) {
      case 'submit':
        return [
          ...(blank(row.facts) ? [required('facts', '사실관계를 입력하세요.')] : []),
          ...(blank(row.question) ? [required('question', '질의 내용을 입력하세요.')] : []),
          ...(blank(row.own_review)
            ? [required('ownReview', '부서 자체 검토 의견을 입력하세요.')]
            : []),
        ];
      case 'reject':
        return input.rejectionReason
          ? []
          : [required('rejectionReason', '반려 사유(체크리스트 항목)를 고르세요.')];
      case 'accept':
        return input.assignedAuditorId ? this.checkAuditor(row, input.assignedAuditorId) : [];
      case 'escalate':
        return [
          ...(blank(input.reason)
            ? [required('reason', '상급기관에 요청할 내용을 입력하세요.')]
            : []),
          ...this.hopApprovalProblems(row, input),
        ];
      case 'requestCommitteeAdvice':
        return blank(input.reason) ? [required('reason', '위원회에 물을 내용을 입력하세요.')] : [];
      case 'returnAdvice':
      case 'recordCommitteeAdvice':
        return blank(input.advice) ? [required('advice', '자문 의견을 입력하세요.')] : [];
      case 'issueOpinion':
        return [
          ...(blank(input.opinion) ? [required('opinion', '컨설팅 의견을 입력하세요.')] : []),
          ...(input.opinionType ? [] : [required('opinionType', '의견 유형을 고르세요.')]),
        ];
      case 'extend': {
        const max = await this.settings.get(row.organisation_id, 'consultations.maxExtensionDays');
        return [
          ...(input.days === undefined
            ? [required('days', '연장 일수를 입력하세요.')]
            : input.days > max
              ? [
                  detail('days', 'max', {
                    ko: `연장 일수는 최대 ${max}일입니다.`,
                    en: `at most ${max} days`,
                  }),
                ]
              : []),
          ...(blank(input.reason) ? [required('reason', '연장 사유를 입력하세요.')] : []),
        ];
      }
      case 'close':
        if (!input.followUp) return [required('followUp', '의견 이행 여부를 입력하세요.')];
        return input.followUp === 'NOT_FOLLOWED' && blank(input.reason)
          ? [required('reason', '의견을 따르지 않은 사유를 입력하세요.')]
          : [];
      case 'startScreening':
      case 'startReview':
        void user;
        return [];
    }
  }

  // ── Attachments ──────────────────────────────────────────────────────────────────────────────

  /** The department while drafting; the reviewing auditors (own or parent) while the opinion is pending. */
  async addAttachment(user: AuthUser, id: string, upload: Upload): Promise<ConsultationDetail> {
    const row = await this.readableRow(user, id);
    this.assertCanAttach(user, row);
    const file = await this.attachments.receive(row.organisation_id, upload);
    // A file staged on disk that the transaction did not keep is removed (attachments.discard).
    try {
      await this.tx.run(async (tx) => {
        const [, affected] = await tx.manager.query<[unknown[], number]>(
          `UPDATE consultations SET version = version + 1, updated_at = now() WHERE id = $1 AND state = $2`,
          [id, row.state],
        );
        if (!affected) throw await this.conflictOf(tx, id);
        const attachmentId = await this.attachments.save(
          tx,
          { organisationId: row.organisation_id, ownerType: ATTACHMENT_OWNER, ownerId: id },
          file,
          user.id,
        );
        await this.record(
          tx,
          user,
          row.organisation_id,
          id,
          'attachment.add',
          attachmentAdded(attachmentId, file),
        );
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

  async download(user: AuthUser, id: string, attachmentId: string): Promise<AttachmentDownload> {
    await this.readableRow(user, id);
    return this.attachments.download(user, ATTACHMENT_OWNER, id, attachmentId);
  }

  async removeAttachment(user: AuthUser, id: string, attachmentId: string): Promise<void> {
    const row = await this.readableRow(user, id);
    this.assertCanAttach(user, row);
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE consultations SET version = version + 1, updated_at = now() WHERE id = $1 AND state = $2`,
        [id, row.state],
      );
      if (!affected) throw await this.conflictOf(tx, id);
      const removed = await this.attachments.remove(tx, ATTACHMENT_OWNER, id, attachmentId);
      await this.record(tx, user, row.organisation_id, id, 'attachment.remove', {
        [`attachment:${attachmentId}`]: { from: removed, to: null },
      });
    });
  }

  // ── Rules ────────────────────────────────────────────────────────────────────────────────────

  private assertAllowed(user: AuthUser, row: ConsultationRow, needed: 'edit'): void {
    const allowed = allowedConsultationActions(user, consultationFacts(row));
    if (allowed.includes(needed)) return;
    const ownDepartment =
      user.departmentId === row.requesting_department_id &&
      this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD);
    const context = { resource: 'consultation', currentStatus: row.state, allowedActions: allowed };
    if (!ownDepartment) throw DomainError.forbidden(context);
    throw DomainError.illegalTransition(context, {
      ko: '제출된 사전컨설팅 신청은 수정할 수 없습니다.',
      en: 'A submitted request can no longer be edited.',
    });
  }

  private assertCanAttach(user: AuthUser, row: ConsultationRow): void {
    const facts = consultationFacts(row);
    const allowed = allowedConsultationActions(user, facts);
    const drafting = allowed.includes('edit');
    const reviewing =
      OPINION_PENDING_STATES.includes(row.state) &&
      this.policy.hasRole(user, Role.AUDITOR) &&
      (user.organisationId === row.organisation_id ||
        user.organisationId === row.escalated_to_organisation_id);
    if (!drafting && !reviewing) {
      throw DomainError.forbidden({
        resource: 'consultation',
        currentStatus: row.state,
        allowedActions: allowed,
      });
    }
  }

  /** A linked task must be one the user may read (400 otherwise, without saying whether it exists). */
  /** The linked task, one the caller may read (null when unlinked). */
  private async checkTask(user: AuthUser, taskId: string | null): Promise<{ year: number } | null> {
    if (!taskId) return null;
    try {
      return await this.tasks.readableRow(user, taskId);
    } catch (e) {
      if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) {
        throw DomainError.invalidField(
          'taskId',
          'readableTask',
          { ko: '조회할 수 있는 과제가 아닙니다.', en: 'no task you can read has this id' },
          ErrorCode.INVALID_REFERENCE,
        );
      }
      throw e;
    }
  }

  /**
   * The approval of the head the statute names (issue 22 part 6): required on a hop beyond the first
   * level and on a hop out of Gwaje (감사원, a ministry's audit body); on a first hop to the parent it
   * is recorded when given. Given at all, it is complete and not dated after today.
   */
  private hopApprovalProblems(row: ConsultationRow, input: ConsultationActionInput): ErrorDetail[] {
    const blank = (v: string | undefined) => !v?.trim();
    const needed =
      row.state === 'ESCALATED' ||
      input.externalDestination !== undefined ||
      !blank(input.approverName) ||
      !blank(input.approverTitle) ||
      input.approvedOn !== undefined;
    if (!needed) return [];
    const problems: ErrorDetail[] = [];
    if (blank(input.approverName))
      problems.push(required('approverName', '승인한 기관장(감사기구의 장)의 이름을 입력하세요.'));
    if (blank(input.approverTitle))
      problems.push(required('approverTitle', '승인한 사람의 직위를 입력하세요.'));
    if (!input.approvedOn) problems.push(required('approvedOn', '승인일을 입력하세요.'));
    else if (input.approvedOn > seoulDate())
      problems.push(
        detail('approvedOn', 'notFuture', {
          ko: '승인일은 오늘 이후일 수 없습니다.',
          en: 'approvedOn cannot be after today',
        }),
      );
    if (input.externalDestination === 'MINISTRY_AUDIT' && blank(input.externalName))
      problems.push(required('externalName', '의견을 요청할 중앙행정기관 감사기구를 입력하세요.'));
    return problems;
  }

  private async organisationName(id: string | null): Promise<string> {
    if (!id) return '';
    const [org] = await this.dataSource.query<Array<{ name: string }>>(
      `SELECT name FROM organisations WHERE id = $1`,
      [id],
    );
    return org?.name ?? '';
  }

  private async checkAuditor(row: ConsultationRow, userId: string): Promise<ErrorDetail[]> {
    const [ok] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM users WHERE id = $1 AND organisation_id = $2 AND active AND 'AUDITOR' = ANY(roles)`,
      [userId, row.organisation_id],
    );
    return ok
      ? []
      : [
          detail('assignedAuditorId', 'organisationAuditor', {
            ko: '담당 감사관은 이 기관의 감사담당관(AUDITOR)이어야 합니다.',
            en: 'must be an active AUDITOR of the organisation',
          }),
        ];
  }

  private contentValues(input: ConsultationContent): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const key of CONTENT) {
      const v = input[key];
      if (v === undefined) continue;
      values[key] = key === 'options' ? JSON.stringify(v) : v;
    }
    return values;
  }

  private contentOf(row: ConsultationRow): ConsultationContent {
    return {
      subject: row.subject,
      facts: row.facts,
      question: row.question,
      relevantLaws: row.relevant_laws,
      ownReview: row.own_review,
      options: row.options,
      desiredAnswerDate: row.desired_answer_date,
      privateInterest: row.private_interest,
      privateInterestNote: row.private_interest_note,
      taskId: row.task_id,
    };
  }

  private async conflictOf(tx: Tx, id: string): Promise<DomainError> {
    const [current] = await tx.manager.query<Array<{ version: number }>>(
      `SELECT version FROM consultations WHERE id = $1`,
      [id],
    );
    return DomainError.conflict(current?.version ?? 0);
  }

  private record(
    tx: Tx,
    user: AuthUser,
    organisationId: string,
    id: string,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason: string | null = null,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId,
      recordType: 'consultation',
      recordId: id,
      action,
      actorId: user.id,
      changes,
      reason,
    });
  }
}
