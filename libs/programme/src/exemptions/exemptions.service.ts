import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, type HistoryRecord, HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { ConsultationsService } from '@gwaje/consultations';
import { TransactionService, type Tx, updateRowWithVersion } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { DataSource } from 'typeorm';
import {
  buildExemptionList,
  EXEMPTION_RECORD_TYPE,
  type ExemptionFilter,
  type ExemptionRow,
} from './exemptions-query.js';
import {
  type ChecklistAnswer,
  decisionProblems,
  EMPTY_CHECKLIST,
  type ExemptionCondition,
  type ExemptionDecision,
  type ExemptionKind,
  mergeChecklist,
  notificationProblems,
  registrationProblems,
} from './exemptions-rules.js';
import {
  allowedExemptionActions,
  type ExemptionAction,
  type ExemptionView,
  exemptionView,
} from './exemptions-views.js';

/** Outbox event: the applicant (a user) is told of the decision, in the app and by e-mail. */
export const EXEMPTION_NOTIFIED_EVENT = 'exemption.notified';

export type ChecklistInput = Partial<Record<ExemptionCondition, Partial<ChecklistAnswer>>>;

export interface RegisterExemptionInput {
  kind: ExemptionKind;
  applicantId?: string;
  subjectName?: string;
  title: string;
  auditReference: string;
  finding?: string;
  appliedOn: string;
  consultationId?: string;
  checklist?: ChecklistInput;
}

export interface UpdateExemptionInput {
  version: number;
  title?: string;
  auditReference?: string;
  finding?: string;
  subjectName?: string;
  /** null unlinks. */
  consultationId?: string | null;
  checklist?: ChecklistInput;
}

export interface DecideExemptionInput {
  version: number;
  decision: ExemptionDecision;
  reasons: string;
  decidedOn: string;
  committeeAgendaItemId?: string;
}

export interface NotifyExemptionInput {
  version: number;
  /** Default today. */
  notifiedOn?: string;
  note?: string;
}

type Changes = Record<string, { from: unknown; to: unknown }>;

const invalidRef = (field: string, ko: string, en: string) =>
  DomainError.invalidField(field, 'unknownReference', { ko, en }, ErrorCode.INVALID_REFERENCE);

/**
 * The 면책 register (issue 22 part 5, DOMAIN.md §9): cases registered by the organisation's audit
 * unit (an official's application after an audit finding, or ex officio), the checklist of the
 * statutory conditions, the link to a pre-consultation whose presumption libs/consultations computes,
 * the decision with its reasons and the applicant's notification (through the outbox when the
 * applicant is a user). AUDITOR and PROACTIVE_OFFICE read the organisation's register, an applicant
 * their own cases, anyone else gets a 404; only the audit unit writes. Each change is one
 * transaction with its history entry.
 */
@Injectable()
export class ExemptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly outbox: OutboxService,
    private readonly consultations: ConsultationsService,
  ) {}

  // ── Reads ─────────────────────────────────────────────────────────────────────────────────

  async list(user: AuthUser, filter: Omit<ExemptionFilter, 'id'>): Promise<ExemptionView[]> {
    const rows = await this.rows(this.dataSource, user, filter);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: EXEMPTION_RECORD_TYPE,
      filter: { ...filter },
    });
    return rows.map((r) => exemptionView(user, r));
  }

  async get(user: AuthUser, id: string): Promise<ExemptionView> {
    const row = await this.readable(user, id);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: EXEMPTION_RECORD_TYPE,
      recordId: id,
    });
    return exemptionView(user, row);
  }

  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const row = await this.readable(user, id);
    return this.history.forRecord([row.organisation_id], EXEMPTION_RECORD_TYPE, id);
  }

  /** Cases of the organisation decided within [from, to], for the quarterly report (the register's readers). */
  decidedWithin(user: AuthUser, from: string, to: string): Promise<ExemptionRow[]> {
    return this.rows(this.dataSource, user, {
      decidedFrom: from,
      decidedTo: to,
      status: ['DECIDED', 'NOTIFIED'],
      limit: 10_000,
    });
  }

  /** Whether the user reads the organisation's whole register (AUDITOR, PROACTIVE_OFFICE). */
  readsRegister(user: AuthUser): boolean {
    return this.policy.hasRole(user, Role.AUDITOR, Role.PROACTIVE_OFFICE);
  }

  // ── Writes ────────────────────────────────────────────────────────────────────────────────

  async register(user: AuthUser, input: RegisterExemptionInput): Promise<ExemptionView> {
    if (!this.policy.hasRole(user, Role.AUDITOR)) throw DomainError.forbidden();
    const today = seoulDate();
    this.assertValid(registrationProblems(input, today));
    if (input.applicantId) await this.checkApplicant(user, input.applicantId);
    if (input.consultationId) await this.checkConsultation(user, input.consultationId);
    const checklist = mergeChecklist(EMPTY_CHECKLIST, input.checklist ?? {});
    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO exemption_cases (organisation_id, kind, applicant_id, subject_name, title, audit_reference,
                finding, applied_on, consultation_id, checklist, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          user.organisationId,
          input.kind,
          input.applicantId ?? null,
          input.subjectName?.trim() || null,
          input.title.trim(),
          input.auditReference.trim(),
          input.finding?.trim() ?? '',
          input.appliedOn,
          input.consultationId ?? null,
          JSON.stringify(checklist),
          user.id,
        ],
      );
      await this.record(tx, user, row.id, 'register', {
        status: { from: null, to: 'OPEN' },
        kind: { from: null, to: input.kind },
        applicantId: { from: null, to: input.applicantId ?? null },
        title: { from: null, to: input.title.trim() },
        auditReference: { from: null, to: input.auditReference.trim() },
        appliedOn: { from: null, to: input.appliedOn },
        consultationId: { from: null, to: input.consultationId ?? null },
        checklist: { from: null, to: checklist },
      });
      return row.id;
    });
    return this.viewOf(user, id);
  }

  /** The audit unit fills in the checklist and corrects the case while it is undecided. */
  async update(user: AuthUser, id: string, input: UpdateExemptionInput): Promise<ExemptionView> {
    const row = await this.readable(user, id);
    this.check(user, row, 'update');
    if (input.consultationId) await this.checkConsultation(user, input.consultationId);
    await this.change(user, row, 'update', input.version, (now) => {
      const set: Record<string, unknown> = {};
      const changes: Changes = {};
      const put = (column: string, field: string, before: unknown, after: unknown) => {
        if (after === undefined || after === before) return;
        set[column] = after;
        changes[field] = { from: before, to: after };
      };
      put('title', 'title', now.title, input.title?.trim());
      put('audit_reference', 'auditReference', now.audit_reference, input.auditReference?.trim());
      put('finding', 'finding', now.finding, input.finding?.trim());
      put('subject_name', 'subjectName', now.subject_name, input.subjectName?.trim());
      put('consultation_id', 'consultationId', now.consultation_id, input.consultationId);
      if (input.checklist) {
        const before = { ...EMPTY_CHECKLIST, ...now.checklist };
        const after = mergeChecklist(before, input.checklist);
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          set.checklist = JSON.stringify(after);
          changes.checklist = { from: before, to: after };
        }
      }
      return { set, changes };
    });
    return this.viewOf(user, id);
  }

  /** The decision (once): 면책 / 감경 / 불인정 with reasons and date, the checklist complete. */
  async decide(user: AuthUser, id: string, input: DecideExemptionInput): Promise<ExemptionView> {
    const row = await this.readable(user, id);
    this.check(user, row, 'decide');
    if (input.committeeAgendaItemId) await this.checkAgendaItem(user, input.committeeAgendaItemId);
    const reasons = input.reasons.trim();
    await this.change(user, row, 'decide', input.version, (now) => {
      const checklist = { ...EMPTY_CHECKLIST, ...now.checklist };
      this.assertValid(
        decisionProblems(
          { ...input, reasons },
          { appliedOn: now.applied_on, checklist },
          seoulDate(),
        ),
      );
      return {
        set: {
          status: 'DECIDED',
          decision: input.decision,
          decision_reasons: reasons,
          decided_on: input.decidedOn,
          decided_by: user.id,
          decided_at: 'now()',
          committee_agenda_item_id: input.committeeAgendaItemId ?? null,
        },
        changes: {
          status: { from: now.status, to: 'DECIDED' },
          decision: { from: null, to: input.decision },
          decidedOn: { from: null, to: input.decidedOn },
          committeeAgendaItemId: { from: null, to: input.committeeAgendaItemId ?? null },
        },
        reason: reasons,
      };
    });
    return this.viewOf(user, id);
  }

  /**
   * The applicant is told of the decision, recorded with its date: a user applicant in the app and
   * by e-mail (an outbox event), anyone else by document (공문), recorded only.
   */
  async notify(user: AuthUser, id: string, input: NotifyExemptionInput): Promise<ExemptionView> {
    const row = await this.readable(user, id);
    this.check(user, row, 'notify');
    const notifiedOn = input.notifiedOn ?? seoulDate();
    const note = input.note?.trim() || null;
    await this.change(user, row, 'notify', input.version, (now, tx) => {
      this.assertValid(notificationProblems(notifiedOn, now.decided_on ?? notifiedOn, seoulDate()));
      const channel = now.applicant_id ? 'IN_APP_EMAIL' : 'DOCUMENT';
      return {
        set: {
          status: 'NOTIFIED',
          notified_on: notifiedOn,
          notified_by: user.id,
          notification_channel: channel,
          notification_note: note,
        },
        changes: {
          status: { from: now.status, to: 'NOTIFIED' },
          notifiedOn: { from: null, to: notifiedOn },
          channel: { from: null, to: channel },
        },
        reason: note,
        after: now.applicant_id
          ? () =>
              this.outbox.emit(tx, {
                organisationId: now.organisation_id,
                event: EXEMPTION_NOTIFIED_EVENT,
                recordType: EXEMPTION_RECORD_TYPE,
                recordId: id,
              })
          : undefined,
      };
    });
    return this.viewOf(user, id);
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  private rows(
    db: DataSource | Tx['manager'],
    user: AuthUser,
    filter: ExemptionFilter,
  ): Promise<ExemptionRow[]> {
    const [sql, values] = buildExemptionList(
      {
        organisationId: user.organisationId,
        userId: user.id,
        readsRegister: this.readsRegister(user),
      },
      filter,
    );
    return db.query<ExemptionRow[]>(sql, values);
  }

  private async readable(user: AuthUser, id: string): Promise<ExemptionRow> {
    const [row] = await this.rows(this.dataSource, user, { id });
    if (!row) throw DomainError.notFound();
    return row;
  }

  private async viewOf(user: AuthUser, id: string): Promise<ExemptionView> {
    return exemptionView(user, await this.readable(user, id));
  }

  /** 403 for a reader who may not act (PROACTIVE_OFFICE, the applicant); 409 for the state. */
  private check(user: AuthUser, row: ExemptionRow, action: ExemptionAction): void {
    const allowed = allowedExemptionActions(user, row);
    if (allowed.includes(action)) return;
    const context = { resource: 'exemption', currentStatus: row.status, allowedActions: allowed };
    if (!this.policy.hasRole(user, Role.AUDITOR)) throw DomainError.forbidden(context);
    throw DomainError.illegalTransition(context, {
      ko:
        action === 'notify'
          ? '결정된(DECIDED) 면책 사건만 통지할 수 있습니다.'
          : '결정 전(OPEN)인 면책 사건만 고치거나 결정할 수 있습니다.',
      en:
        action === 'notify'
          ? 'Only a decided case can be notified.'
          : 'Only an undecided (OPEN) case can be changed or decided.',
    });
  }

  private assertValid(problems: ErrorDetail[]): void {
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
  }

  /** The applicant: an active user of the organisation. */
  private async checkApplicant(user: AuthUser, applicantId: string): Promise<void> {
    const [ok] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM users WHERE id = $1 AND organisation_id = $2 AND active`,
      [applicantId, user.organisationId],
    );
    if (!ok)
      throw invalidRef(
        'applicantId',
        '신청인은 이 기관의 재직 중인 사용자여야 합니다.',
        'the applicant must be an active user of the organisation',
      );
  }

  /** A pre-consultation of the organisation that the auditor reads (libs/consultations decides). */
  private async checkConsultation(user: AuthUser, consultationId: string): Promise<void> {
    const unknown = () =>
      invalidRef(
        'consultationId',
        '이 기관의 사전컨설팅이 아닙니다.',
        'no pre-consultation of the organisation has this id',
      );
    try {
      const c = await this.consultations.readableRow(user, consultationId);
      if (c.organisation_id !== user.organisationId) throw unknown();
    } catch (e) {
      if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) throw unknown();
      throw e;
    }
  }

  /** A committee agenda item (면책 건의) of the organisation. */
  private async checkAgendaItem(user: AuthUser, itemId: string): Promise<void> {
    const [ok] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM committee_agenda_items WHERE id = $1 AND organisation_id = $2`,
      [itemId, user.organisationId],
    );
    if (!ok)
      throw invalidRef(
        'committeeAgendaItemId',
        '이 기관 적극행정위원회의 안건이 아닙니다.',
        'no committee agenda item of the organisation has this id',
      );
  }

  /**
   * One change of a case: its row locked and its version checked, the action checked again on what
   * the row holds now, the change written with the version bumped, its history entry and events.
   */
  private async change(
    user: AuthUser,
    row: ExemptionRow,
    action: ExemptionAction,
    version: number,
    make: (
      now: ExemptionRow,
      tx: Tx,
    ) => {
      set: Record<string, unknown>;
      changes: Changes;
      reason?: string | null;
      after?: () => Promise<void>;
    },
  ): Promise<void> {
    await this.tx.run(async (tx) => {
      const [locked] = await tx.manager.query<Array<{ version: number }>>(
        `SELECT version FROM exemption_cases WHERE id = $1 FOR NO KEY UPDATE`,
        [row.id],
      );
      if (!locked) throw DomainError.notFound();
      if (locked.version !== version) throw DomainError.conflict(locked.version);
      const [now] = await this.rows(tx.manager, user, { id: row.id });
      if (!now) throw DomainError.notFound();
      this.check(user, now, action);
      const result = make(now, tx);
      if (!Object.keys(result.set).length) return;
      await updateRowWithVersion(tx.manager, 'exemption_cases', row.id, version, result.set);
      await this.record(tx, user, row.id, action, result.changes, result.reason ?? null);
      await result.after?.();
    });
  }

  private record(
    tx: Tx,
    user: AuthUser,
    id: string,
    action: string,
    changes: Changes,
    reason: string | null = null,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId: user.organisationId,
      recordType: EXEMPTION_RECORD_TYPE,
      recordId: id,
      action,
      actorId: user.id,
      changes,
      reason,
    });
  }
}
