import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, type HistoryRecord, HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type ErrorDetail, type LocalText } from '@gwaje/common';
import { TransactionService, type Tx, updateRowWithVersion } from '@gwaje/db';
import { type AuthUser, SettingsService } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { DataSource, type EntityManager } from 'typeorm';
import { invalid } from '../collaboration-references.js';
import type { CollaborationRow } from '../collaboration-query.js';
import { CollaborationsService } from '../collaborations.service.js';
import { buildSosList, type SosRow } from './collaboration-sos-query.js';
import { SOS_RECORD_TYPE, SosEvent } from './collaboration-sos-reminders.js';
import {
  allowedSosActions,
  blockingProblems,
  mayEverTake,
  type SosAction,
  sosDueDate,
  type SosNeedKind,
  type SosStatus,
  sosTransition,
  type StaffDecision,
  staffDecisionProblems,
  type StaffRequestInput,
  staffRequestProblems,
} from './collaboration-sos-rules.js';
import { sosFacts, type SosView, sosView } from './collaboration-sos-views.js';

export interface FileSosInput {
  blocked: string;
  blockingOrganisationId?: string;
  needKind: SosNeedKind;
  details?: string;
  staffRequest?: StaffRequestInput;
}

export interface UpdateSosInput {
  version: number;
  blocked?: string;
  blockingOrganisationId?: string;
  details?: string;
  staffRequest?: StaffRequestInput;
}

export interface SosActionInput {
  version: number;
  /** answer: the answer; resolve: a note; reopen, close: the reason. */
  text?: string;
}

export interface StaffDecisionInput {
  version: number;
  decision: StaffDecision;
  approvedCount?: number;
  reason: string;
}

type Changes = Record<string, { from: unknown; to: unknown }>;
type Db = DataSource | EntityManager;

const REFUSALS: Record<SosAction, LocalText> = {
  edit: { ko: '접수 중(OPEN)인 SOS만 고칠 수 있습니다.', en: 'Only an open SOS can be edited.' },
  answer: {
    ko: '답변을 기다리는(OPEN) SOS만 답변할 수 있습니다.',
    en: 'Only an SOS awaiting its answer (OPEN) can be answered.',
  },
  decideStaff: {
    ko: '결정하지 않은 협업정원 요청만, 해결·종결 전에 결정할 수 있습니다.',
    en: 'Only an undecided 협업정원 request, before it is resolved or closed, can be decided.',
  },
  resolve: {
    ko: '해결·종결된 SOS는 다시 해결 처리할 수 없습니다.',
    en: 'A resolved or closed SOS cannot be resolved again.',
  },
  reopen: {
    ko: '답변된(ANSWERED) SOS만 다시 요청할 수 있습니다.',
    en: 'Only an answered SOS can be reopened.',
  },
  close: {
    ko: '해결·종결된 SOS는 종결할 수 없습니다.',
    en: 'A resolved or closed SOS cannot be closed.',
  },
};

/**
 * 협업SOS (DOMAIN.md §9, issue 21 item 5): a participant (or the coordinator) files a difficulty
 * on a collaboration task; it goes at once to the coordinator and the blocking organisation (an
 * outbox event per recipient organisation, sent by the reminder source), has an answer deadline in
 * business days (the coordinator's setting), is answered visibly to every participant, and is
 * resolved, reopened or closed. A 협업정원 (STAFF) request carries its own fields and the
 * coordinator's decision. Every reader of the collaboration reads all its SOS (scoped through the
 * collaboration, a 404 otherwise); every change is one transaction with its history entry.
 */
@Injectable()
export class CollaborationSosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly settings: SettingsService,
    private readonly outbox: OutboxService,
    private readonly core: CollaborationsService,
  ) {}

  // ── Reads ─────────────────────────────────────────────────────────────────────────────────

  async list(
    user: AuthUser,
    collaborationId: string,
    filter: { status?: SosStatus[] } = {},
  ): Promise<SosView[]> {
    await this.core.readableRow(user, collaborationId);
    const rows = await this.rows(this.dataSource, collaborationId, { status: filter.status });
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: SOS_RECORD_TYPE,
      filter: { collaborationId, ...filter },
    });
    return rows.map((r) => sosView(r, allowedSosActions(user, sosFacts(r))));
  }

  async get(user: AuthUser, collaborationId: string, sosId: string): Promise<SosView> {
    const { sos } = await this.readable(user, collaborationId, sosId);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: SOS_RECORD_TYPE,
      recordId: sosId,
    });
    return sosView(sos, allowedSosActions(user, sosFacts(sos)));
  }

  async historyOf(
    user: AuthUser,
    collaborationId: string,
    sosId: string,
  ): Promise<HistoryRecord[]> {
    const { sos } = await this.readable(user, collaborationId, sosId);
    return this.history.forRecord([sos.lead_organisation_id], SOS_RECORD_TYPE, sosId);
  }

  // ── Writes ────────────────────────────────────────────────────────────────────────────────

  /**
   * Files an SOS: any reader of the collaboration (a participant's people or the coordinator's).
   * `opts.filedOn` back-dates the filing (the demo seed only; never from the API).
   */
  async file(
    user: AuthUser,
    collaborationId: string,
    input: FileSosInput,
    opts: { filedOn?: string } = {},
  ): Promise<SosView> {
    const row = await this.core.readableRow(user, collaborationId);
    const { facts } = await this.core.facts(row);
    const refs = blockingProblems(
      input.blockingOrganisationId,
      facts.participants.map((p) => p.organisationId),
      facts.coordinatorOrganisationId,
    );
    if (refs.length) throw invalid(refs);
    const today = seoulDate();
    const filedOn = opts.filedOn ?? today;
    this.assertValid(staffRequestProblems(input.needKind, input.staffRequest, filedOn));
    const days = await this.answerDays(row);
    const dueDate = sosDueDate(filedOn, days);
    const id = await this.tx.run(async (tx) => {
      const [sos] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO collaboration_sos (collaboration_id, filed_by, filed_by_organisation_id, blocked,
                blocking_organisation_id, need_kind, details, filed_at, filed_on, answer_business_days, due_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::timestamptz, now()), $9, $10, $11) RETURNING id`,
        [
          collaborationId,
          user.id,
          user.organisationId,
          input.blocked,
          input.blockingOrganisationId ?? null,
          input.needKind,
          input.details ?? '',
          opts.filedOn ? `${opts.filedOn}T09:00:00+09:00` : null,
          filedOn,
          days,
          dueDate,
        ],
      );
      const changes: Changes = {
        status: { from: null, to: 'OPEN' },
        blocked: { from: null, to: input.blocked },
        blockingOrganisationId: { from: null, to: input.blockingOrganisationId ?? null },
        needKind: { from: null, to: input.needKind },
        details: { from: null, to: input.details ?? '' },
        dueDate: { from: null, to: dueDate },
      };
      if (input.staffRequest) {
        await this.insertStaff(tx, sos.id, input.staffRequest);
        changes.staffRequest = { from: null, to: staffRecord(input.staffRequest) };
      }
      await this.history.record(tx, {
        organisationId: row.lead_organisation_id,
        recordType: SOS_RECORD_TYPE,
        recordId: sos.id,
        action: 'file',
        actorId: user.id,
        changes,
        reason: null,
        ...(opts.filedOn && opts.filedOn !== today
          ? {
              effectiveAt: new Date(`${opts.filedOn}T09:00:00+09:00`),
              lateEntryReason: 'back-dated filing',
            }
          : {}),
      });
      await this.notifyAnswerers(
        tx,
        row,
        input.blockingOrganisationId ?? null,
        sos.id,
        SosEvent.FILED,
      );
      return sos.id;
    });
    return this.viewOf(user, collaborationId, id);
  }

  /** The filer changes what it filed while it is open (a newly named blocking organisation is told). */
  async update(
    user: AuthUser,
    collaborationId: string,
    sosId: string,
    input: UpdateSosInput,
  ): Promise<SosView> {
    const { row, sos } = await this.readable(user, collaborationId, sosId);
    this.check(user, sos, 'edit');
    if (input.blockingOrganisationId !== undefined) {
      const { facts } = await this.core.facts(row);
      const refs = blockingProblems(
        input.blockingOrganisationId,
        facts.participants.map((p) => p.organisationId),
        facts.coordinatorOrganisationId,
      );
      if (refs.length) throw invalid(refs);
    }
    if (input.staffRequest !== undefined)
      this.assertValid(staffRequestProblems(sos.need_kind, input.staffRequest, sos.filed_on));
    await this.transition(user, row, sos, 'edit', input.version, async (tx, now) => {
      const set: Record<string, unknown> = {};
      const changes: Changes = {};
      const put = (column: string, field: string, before: unknown, after: unknown) => {
        if (after === undefined || after === before) return;
        set[column] = after;
        changes[field] = { from: before, to: after };
      };
      put('blocked', 'blocked', now.blocked, input.blocked);
      put('details', 'details', now.details, input.details);
      put(
        'blocking_organisation_id',
        'blockingOrganisationId',
        now.blocking_organisation_id,
        input.blockingOrganisationId,
      );
      if (input.staffRequest) {
        const s = input.staffRequest;
        await tx.manager.query(
          `UPDATE collaboration_staff_requests SET staff_count = $2, grade = $3, months = $4, until_date = $5, reason = $6
            WHERE sos_id = $1`,
          [
            sosId,
            s.count,
            s.grade?.trim(),
            s.months ?? null,
            s.untilDate ?? null,
            s.reason?.trim(),
          ],
        );
        changes.staffRequest = { from: staffOf(now), to: staffRecord(s) };
      }
      const newBlocking =
        changes.blockingOrganisationId !== undefined
          ? (input.blockingOrganisationId ?? null)
          : null;
      return {
        set,
        changes,
        after: async () => {
          if (newBlocking && newBlocking !== now.coordinator_organisation_id) {
            await this.outbox.emit(tx, {
              organisationId: newBlocking,
              event: SosEvent.FILED,
              recordType: SOS_RECORD_TYPE,
              recordId: sosId,
            });
          }
        },
      };
    });
    return this.viewOf(user, collaborationId, sosId);
  }

  /** answer, resolve, reopen or close, checked against the state table and the version read. */
  async act(
    user: AuthUser,
    collaborationId: string,
    sosId: string,
    action: 'answer' | 'resolve' | 'reopen' | 'close',
    input: SosActionInput,
  ): Promise<SosView> {
    const { row, sos } = await this.readable(user, collaborationId, sosId);
    this.check(user, sos, action);
    const text = input.text?.trim() || null;
    if ((action === 'answer' || action === 'reopen' || action === 'close') && !text) {
      const field = action === 'answer' ? 'answer' : 'reason';
      throw DomainError.invalidField(field, 'required', {
        ko: action === 'answer' ? '답변을 입력하세요.' : '사유를 입력하세요.',
        en: action === 'answer' ? 'the answer is required' : 'a reason is required',
      });
    }
    const reopenDays = action === 'reopen' ? await this.answerDays(row) : 0;
    await this.transition(user, row, sos, action, input.version, (tx, now, to) => {
      const set: Record<string, unknown> = { status: to };
      const changes: Changes = { status: { from: now.status, to } };
      let reason: string | null = null;
      let event: string | null = null;
      switch (action) {
        case 'answer':
          Object.assign(set, {
            answer: text,
            answered_at: 'now()',
            answered_by: user.id,
            answered_by_organisation_id: user.organisationId,
          });
          changes.answer = { from: now.answer, to: text };
          event = SosEvent.ANSWERED;
          break;
        case 'resolve':
          Object.assign(set, { resolved_at: 'now()', resolved_by: user.id, resolution_note: text });
          reason = text;
          break;
        case 'reopen': {
          const today = seoulDate();
          const due = sosDueDate(today, reopenDays);
          Object.assign(set, {
            answer: null,
            answered_at: null,
            answered_by: null,
            answered_by_organisation_id: null,
            due_date: due,
            answer_business_days: reopenDays,
            reopened_count: now.reopened_count + 1,
          });
          changes.answer = { from: now.answer, to: null };
          changes.dueDate = { from: now.due_date, to: due };
          reason = text;
          event = SosEvent.REOPENED;
          break;
        }
        case 'close':
          Object.assign(set, { closed_at: 'now()', closed_by: user.id, close_reason: text });
          reason = text;
          break;
      }
      return Promise.resolve({
        set,
        changes,
        reason,
        after: async () => {
          if (event === SosEvent.ANSWERED) {
            await this.outbox.emit(tx, {
              organisationId: now.filed_by_organisation_id,
              event,
              recordType: SOS_RECORD_TYPE,
              recordId: sosId,
            });
          } else if (event === SosEvent.REOPENED) {
            await this.notifyAnswerers(tx, row, now.blocking_organisation_id, sosId, event);
          }
        },
      });
    });
    return this.viewOf(user, collaborationId, sosId);
  }

  /**
   * The coordinator's decision on a 협업정원 request (once): APPROVED, PARTLY_APPROVED with the
   * number granted, or REJECTED, with the reason. An SOS still awaiting its answer counts as
   * answered by it (the reason is the answer). The filer is told.
   */
  async decideStaff(
    user: AuthUser,
    collaborationId: string,
    sosId: string,
    input: StaffDecisionInput,
  ): Promise<SosView> {
    const { row, sos } = await this.readable(user, collaborationId, sosId);
    this.check(user, sos, 'decideStaff');
    const { problems, granted } = staffDecisionProblems(
      input.decision,
      input.approvedCount,
      sos.staff_count ?? 0,
    );
    this.assertValid(problems);
    const reason = input.reason.trim();
    await this.transition(user, row, sos, 'decideStaff', input.version, async (tx, now, to) => {
      await tx.manager.query(
        `UPDATE collaboration_staff_requests SET decision = $2, approved_count = $3, decision_reason = $4,
                decided_by = $5, decided_at = now()
          WHERE sos_id = $1 AND decision IS NULL`,
        [sosId, input.decision, granted, reason, user.id],
      );
      const set: Record<string, unknown> = { status: to };
      const changes: Changes = {
        staffDecision: {
          from: null,
          to: { decision: input.decision, approvedCount: granted, reason },
        },
      };
      if (now.status !== to) changes.status = { from: now.status, to };
      if (!now.answered_at) {
        Object.assign(set, {
          answer: reason,
          answered_at: 'now()',
          answered_by: user.id,
          answered_by_organisation_id: user.organisationId,
        });
        changes.answer = { from: null, to: reason };
      }
      return {
        set,
        changes,
        reason,
        after: () =>
          this.outbox.emit(tx, {
            organisationId: now.filed_by_organisation_id,
            event: SosEvent.DECIDED,
            recordType: SOS_RECORD_TYPE,
            recordId: sosId,
          }),
      };
    });
    return this.viewOf(user, collaborationId, sosId);
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  /** The collaboration (a 404 for who may not read it) and its SOS (a 404 when not of it). */
  private async readable(
    user: AuthUser,
    collaborationId: string,
    sosId: string,
  ): Promise<{ row: CollaborationRow; sos: SosRow }> {
    const row = await this.core.readableRow(user, collaborationId);
    const [sos] = await this.rows(this.dataSource, collaborationId, { id: sosId });
    if (!sos) throw DomainError.notFound();
    return { row, sos };
  }

  private rows(db: Db, collaborationId: string, filter: { id?: string; status?: string[] }) {
    const [sql, values] = buildSosList(collaborationId, seoulDate(), filter);
    return db.query<SosRow[]>(sql, values);
  }

  private async viewOf(user: AuthUser, collaborationId: string, sosId: string): Promise<SosView> {
    const [sos] = await this.rows(this.dataSource, collaborationId, { id: sosId });
    if (!sos) throw DomainError.notFound();
    return sosView(sos, allowedSosActions(user, sosFacts(sos)));
  }

  /** The coordinator's answer deadline setting (read before any transaction: the pool). */
  private async answerDays(row: CollaborationRow): Promise<number> {
    const s = await this.settings.values(row.coordinator_organisation_id);
    return s['collaboration.sosAnswerBusinessDays'];
  }

  /** 403 for who may never do this; 409 with allowedActions for a state that refuses it. */
  private check(user: AuthUser, sos: SosRow, action: SosAction): void {
    const facts = sosFacts(sos);
    const allowed = allowedSosActions(user, facts);
    if (allowed.includes(action)) return;
    const context = {
      resource: 'collaborationSos',
      currentStatus: sos.status,
      allowedActions: allowed,
    };
    if (!mayEverTake(user, facts, action)) throw DomainError.forbidden(context);
    throw DomainError.illegalTransition(context, REFUSALS[action]);
  }

  private assertValid(problems: ErrorDetail[]): void {
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
  }

  /**
   * One change of an SOS: its row locked and its version checked, the transition checked again
   * on what the row holds now, the change written with the version bumped, its history entry and
   * its events.
   */
  private async transition(
    user: AuthUser,
    row: CollaborationRow,
    sos: SosRow,
    action: SosAction,
    version: number,
    change: (
      tx: Tx,
      now: SosRow,
      to: SosStatus,
    ) => Promise<{
      set: Record<string, unknown>;
      changes: Changes;
      reason?: string | null;
      after?: () => Promise<void>;
    }>,
  ): Promise<void> {
    await this.tx.run(async (tx) => {
      const [locked] = await tx.manager.query<Array<{ version: number }>>(
        `SELECT version FROM collaboration_sos WHERE id = $1 FOR NO KEY UPDATE`,
        [sos.id],
      );
      if (!locked) throw DomainError.notFound();
      if (locked.version !== version) throw DomainError.conflict(locked.version);
      const [now] = await this.rows(tx.manager, sos.collaboration_id, { id: sos.id });
      this.check(user, now, action);
      const t = sosTransition(sosFacts(now), action);
      if (!t) throw new Error('unreachable: checked above');
      const result = await change(tx, now, t.to);
      await updateRowWithVersion(tx.manager, 'collaboration_sos', sos.id, version, result.set);
      await this.history.record(tx, {
        organisationId: row.lead_organisation_id,
        recordType: SOS_RECORD_TYPE,
        recordId: sos.id,
        action,
        actorId: user.id,
        changes: result.changes,
        reason: result.reason ?? null,
      });
      await result.after?.();
    });
  }

  private async insertStaff(tx: Tx, sosId: string, s: StaffRequestInput): Promise<void> {
    await tx.manager.query(
      `INSERT INTO collaboration_staff_requests (sos_id, staff_count, grade, months, until_date, reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [sosId, s.count, s.grade?.trim(), s.months ?? null, s.untilDate ?? null, s.reason?.trim()],
    );
  }

  /**
   * The coordinator and the blocking organisation are told at once: one outbox event per
   * recipient organisation (notifications belong to the recipient's organisation).
   */
  private async notifyAnswerers(
    tx: Tx,
    row: CollaborationRow,
    blockingOrganisationId: string | null,
    sosId: string,
    event: string,
  ): Promise<void> {
    const orgs = new Set([row.coordinator_organisation_id]);
    if (blockingOrganisationId) orgs.add(blockingOrganisationId);
    for (const organisationId of orgs) {
      await this.outbox.emit(tx, {
        organisationId,
        event,
        recordType: SOS_RECORD_TYPE,
        recordId: sosId,
      });
    }
  }
}

function staffRecord(s: StaffRequestInput) {
  return {
    count: s.count,
    grade: s.grade?.trim(),
    months: s.months ?? null,
    untilDate: s.untilDate ?? null,
    reason: s.reason?.trim(),
  };
}

function staffOf(r: SosRow) {
  return {
    count: r.staff_count,
    grade: r.staff_grade,
    months: r.staff_months,
    untilDate: r.staff_until_date,
    reason: r.staff_reason,
  };
}
