import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, type HistoryRecord, HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type InterestedParty, type LocalText } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { AccessPolicy, type AuthUser, SettingsService } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { TasksService } from '@gwaje/tasks';
import { DataSource } from 'typeorm';
import type { OpinionAnswerSource, OpinionRequestStatus } from './opinion-request.entity.js';
import {
  buildOpinionRequestById,
  buildOpinionRequestList,
  OPINION_REQUEST_READERS,
  type OpinionRequestFilter,
  type OpinionRequestRow,
} from './opinion-request-query.js';
import { OpinionRequestEvent } from './opinion-request-reminders.js';
import {
  allowedOpinionRequestActions,
  daysOverdue,
  opinionDueDate,
  type OpinionRequestAction,
  opinionRequestActors,
  opinionRequestTransition,
} from './opinion-request-workflow.js';

export interface FileOpinionRequestInput {
  taskId: string;
  question: string;
  background?: string;
}

export interface OpinionRequestView {
  id: string;
  organisationId: string;
  task: { id: string; code: string; title: string; year: number };
  requester: { id: string; name: string; departmentId: string; departmentName: string };
  question: string;
  background: string;
  status: OpinionRequestStatus;
  receivedAt: Date;
  /** The day of receipt (Asia/Seoul); the period runs from the next day. */
  receivedOn: string;
  answerDays: number;
  dueDate: string;
  overdue: boolean;
  daysOverdue: number;
  extension: { days: number; reason: string; extendedAt: Date; extendedBy: string } | null;
  referral: { referredAt: Date; referredBy: string; note: string | null } | null;
  committeeOutcome: { passed: boolean; text: string | null; meetingDate: string } | null;
  answer: {
    text: string;
    source: OpinionAnswerSource;
    answeredAt: Date;
    answeredBy: string | null;
    answeredByName: string | null;
  } | null;
  withdrawal: { withdrawnAt: Date; reason: string | null } | null;
  allowedActions: OpinionRequestAction[];
  version: number;
}

export interface OpinionRequestPage {
  items: OpinionRequestView[];
  total: number;
  limit: number;
  offset: number;
}

export interface OpinionRequestActionInput {
  version: number;
  /** extend: why (required); withdraw: why (optional) */
  reason?: string;
  /** answer: the opinion (required) */
  answer?: string;
  /** refer: a note for the committee (optional) */
  note?: string;
}

/** A committee agenda item's facts about a request (the committee context's port). */
export interface OpinionRequestAgendaFacts {
  title: string;
  interestedParties: Array<InterestedParty & { role: 'REQUESTER'; userId: string }>;
}

const RECORD_TYPE = 'opinion_request';

/**
 * 의견제시 (DOMAIN.md §9): any official asks the audit office for its opinion on a priority task
 * they can read; the opinion is due `opinionRequests.answerDays` calendar days after receipt,
 * extendable once by `opinionRequests.extensionDays`; the office may put it before the committee.
 * Every change is one transaction with its history entry and, where someone must hear of it, an
 * outbox event (e-mails go out through the reminder source's events).
 */
@Injectable()
export class OpinionRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly settings: SettingsService,
    private readonly outbox: OutboxService,
    private readonly tasks: TasksService,
  ) {}

  async file(user: AuthUser, input: FileOpinionRequestInput): Promise<OpinionRequestView> {
    if (!this.policy.hasRole(user, ...OPINION_REQUEST_READERS)) throw DomainError.forbidden();
    const task = await this.tasks.readableRow(user, input.taskId).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) return null;
      throw e;
    });
    // A task of the official's own organisation (the committee and audit office are its own).
    if (!task || task.organisation_id !== user.organisationId) {
      throw DomainError.invalidField(
        'taskId',
        'readableTask',
        {
          ko: '읽을 수 있는 이 기관의 중점과제를 지정하세요.',
          en: 'must be a priority task of your organisation that you can read',
        },
        ErrorCode.INVALID_REFERENCE,
      );
    }
    const s = await this.settings.values(user.organisationId);
    const answerDays = s['opinionRequests.answerDays'];
    const id = await this.tx.run(async (tx) => {
      const [{ now }] = await tx.manager.query<Array<{ now: Date }>>(`SELECT now() AS now`);
      const receivedOn = seoulDate(new Date(now));
      const dueDate = opinionDueDate(receivedOn, answerDays);
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO opinion_requests (organisation_id, task_id, requester_id, requester_department_id, question,
                background, received_at, received_on, answer_days, due_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          user.organisationId,
          input.taskId,
          user.id,
          user.departmentId,
          input.question,
          input.background ?? '',
          now,
          receivedOn,
          answerDays,
          dueDate,
        ],
      );
      await this.record(tx, user.id, user.organisationId, row.id, 'submit', {
        taskId: { from: null, to: input.taskId },
        question: { from: null, to: input.question },
        background: { from: null, to: input.background ?? '' },
        status: { from: null, to: 'SUBMITTED' },
        dueDate: { from: null, to: dueDate },
      });
      await this.outbox.emit(tx, {
        organisationId: user.organisationId,
        event: OpinionRequestEvent.SUBMITTED,
        recordType: RECORD_TYPE,
        recordId: row.id,
      });
      return row.id;
    });
    return this.view(user, await this.readableRow(user, id));
  }

  async list(
    user: AuthUser,
    filter: OpinionRequestFilter,
    page: { limit: number; offset: number },
  ): Promise<OpinionRequestPage> {
    const q = buildOpinionRequestList(user, filter, page, seoulDate());
    const rows = await this.dataSource.query<OpinionRequestRow[]>(q.sql, q.values);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: RECORD_TYPE,
      filter: { ...filter },
    });
    return {
      items: rows.map((r) => this.view(user, r)),
      total: rows[0]?.total ?? 0,
      limit: page.limit,
      offset: page.offset,
    };
  }

  async get(user: AuthUser, id: string): Promise<OpinionRequestView> {
    const row = await this.readableRow(user, id);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: RECORD_TYPE,
      recordId: id,
    });
    return this.view(user, row);
  }

  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const row = await this.readableRow(user, id);
    return this.history.forRecord([row.organisation_id], RECORD_TYPE, id);
  }

  /** extend, answer, refer or withdraw, checked against the state table and the version read. */
  async act(
    user: AuthUser,
    id: string,
    action: 'extend' | 'answer' | 'refer' | 'withdraw',
    input: OpinionRequestActionInput,
  ): Promise<OpinionRequestView> {
    const row = await this.readableRow(user, id);
    this.check(user, row, action);
    const extensionDays =
      action === 'extend'
        ? (await this.settings.values(row.organisation_id))['opinionRequests.extensionDays']
        : 0;
    await this.tx.run(async (tx) => {
      const [now] = await tx.manager.query<
        Array<{ status: OpinionRequestStatus; version: number; extension_days: number | null }>
      >(
        `SELECT status, version, extension_days FROM opinion_requests WHERE id = $1 FOR NO KEY UPDATE`,
        [id],
      );
      if (now.version !== input.version) throw DomainError.conflict(now.version);
      this.check(user, { ...row, status: now.status, extension_days: now.extension_days }, action);
      const t = opinionRequestTransition(now.status, action, now.extension_days !== null);
      if (!t) throw new Error('unreachable: checked above');
      const set: Record<string, unknown> = { status: t.to };
      const changes: Record<string, { from: unknown; to: unknown }> = {
        status: { from: now.status, to: t.to },
      };
      let reason: string | null = null;
      switch (action) {
        case 'extend': {
          const due = opinionDueDate(row.due_date, extensionDays);
          Object.assign(set, {
            extension_days: extensionDays,
            extension_reason: input.reason,
            extended_at: 'now()',
            extended_by: user.id,
            due_date: due,
          });
          changes.dueDate = { from: row.due_date, to: due };
          changes.extensionDays = { from: null, to: extensionDays };
          reason = input.reason ?? null;
          break;
        }
        case 'answer':
          Object.assign(set, {
            answer: input.answer,
            answer_source: 'AUDIT',
            answered_at: 'now()',
            answered_by: user.id,
          });
          changes.answer = { from: null, to: input.answer };
          break;
        case 'refer':
          Object.assign(set, {
            referred_at: 'now()',
            referred_by: user.id,
            referral_note: input.note ?? null,
          });
          reason = input.note ?? null;
          break;
        case 'withdraw':
          Object.assign(set, { withdrawn_at: 'now()', withdrawal_reason: input.reason ?? null });
          reason = input.reason ?? null;
          break;
      }
      await this.update(tx, id, now.version, set);
      await this.record(tx, user.id, row.organisation_id, id, action, changes, reason);
      if (action === 'answer') {
        await this.outbox.emit(tx, {
          organisationId: row.organisation_id,
          event: OpinionRequestEvent.ANSWERED,
          recordType: RECORD_TYPE,
          recordId: id,
        });
      }
    });
    return this.view(user, await this.readableRow(user, id));
  }

  // ── The committee's port (registered by the committee context) ─────────────────────────────

  /** What a committee agenda item of kind OPINION_REQUEST shows and who is interested (제척). */
  async agendaFacts(
    tx: Tx,
    id: string,
    organisationId: string,
  ): Promise<OpinionRequestAgendaFacts | null> {
    const [r] = await tx.manager.query<
      Array<{
        requester_id: string;
        code: string;
        title: string;
        question: string;
        status: OpinionRequestStatus;
      }>
    >(
      `SELECT r.requester_id, t.code, t.title, r.question, r.status FROM opinion_requests r JOIN tasks t ON t.id = r.task_id
        WHERE r.id = $1 AND r.organisation_id = $2`,
      [id, organisationId],
    );
    if (!r) return null;
    // Only what the audit office referred goes before the committee.
    if (r.status !== 'REFERRED') {
      throw DomainError.illegalTransition(
        { resource: 'opinionRequest', currentStatus: r.status, allowedActions: [] },
        {
          ko: '감사부서가 위원회에 부친 의견제시만 안건으로 올릴 수 있습니다.',
          en: 'Only a request the audit office referred to the committee can be put on its agenda.',
        },
      );
    }
    const question = r.question.length > 80 ? `${r.question.slice(0, 80)}…` : r.question;
    return {
      title: `의견제시: [${r.code}] ${r.title} — ${question}`,
      interestedParties: [{ role: 'REQUESTER', userId: r.requester_id }],
    };
  }

  /**
   * The committee resolved a REFERRED request: passed, its text is the opinion (ANSWERED, the
   * requester is told); not passed, the request goes back to the audit office as it was
   * (SUBMITTED, or EXTENDED when the deadline was extended). In the caller's transaction.
   */
  async committeeResolved(
    tx: Tx,
    id: string,
    outcome: { passed: boolean; text?: string; meetingDate: string; actorId?: string },
  ): Promise<void> {
    const [now] = await tx.manager.query<
      Array<{
        organisation_id: string;
        status: OpinionRequestStatus;
        version: number;
        extension_days: number | null;
      }>
    >(
      `SELECT organisation_id, status, version, extension_days FROM opinion_requests WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    if (!now) throw DomainError.notFound();
    const action = outcome.passed ? 'committeeAnswer' : 'committeeReturn';
    const t = opinionRequestTransition(now.status, action, now.extension_days !== null);
    if (!t) {
      throw DomainError.illegalTransition(
        { resource: 'opinionRequest', currentStatus: now.status, allowedActions: [] },
        {
          ko: '위원회에 부친 의견제시만 의결 결과를 기록할 수 있습니다.',
          en: 'Only a request referred to the committee takes its resolution.',
        },
      );
    }
    const committeeOutcome = {
      passed: outcome.passed,
      text: outcome.text ?? null,
      meetingDate: outcome.meetingDate,
    };
    const set: Record<string, unknown> = {
      status: t.to,
      committee_outcome: JSON.stringify(committeeOutcome),
    };
    if (outcome.passed) {
      Object.assign(set, {
        answer:
          outcome.text?.trim() ||
          `적극행정위원회 의결(${outcome.meetingDate})로 의견을 제시합니다.`,
        answer_source: 'COMMITTEE',
        answered_at: 'now()',
        answered_by: null,
      });
    }
    await this.update(tx, id, now.version, set);
    await this.history.record(tx, {
      organisationId: now.organisation_id,
      recordType: RECORD_TYPE,
      recordId: id,
      action: outcome.passed ? 'committee.answer' : 'committee.return',
      actorId: outcome.actorId ?? null,
      changes: {
        status: { from: now.status, to: t.to },
        committeeOutcome: { from: null, to: committeeOutcome },
      },
      reason: null,
    });
    if (outcome.passed) {
      await this.outbox.emit(tx, {
        organisationId: now.organisation_id,
        event: OpinionRequestEvent.ANSWERED,
        recordType: RECORD_TYPE,
        recordId: id,
      });
    }
  }

  // ── Helpers ─────────────────────────────────────────────────────────────────────────────────

  async readableRow(user: AuthUser, id: string): Promise<OpinionRequestRow> {
    const q = buildOpinionRequestById(user, id);
    const [row] = await this.dataSource.query<OpinionRequestRow[]>(q.sql, q.values);
    if (!row) throw DomainError.notFound();
    return row;
  }

  /** 403 for who may read but never do this; 409 for a state that refuses (a 2nd extension: LIMIT_REACHED). */
  private check(user: AuthUser, row: OpinionRequestRow, action: OpinionRequestAction): void {
    const extended = row.extension_days !== null;
    const allowed = allowedOpinionRequestActions(user, this.facts(row));
    if (allowed.includes(action)) return;
    const actors = opinionRequestActors(user, this.facts(row));
    const who = action === 'withdraw' ? 'REQUESTER' : 'AUDIT';
    const context = {
      resource: 'opinionRequest',
      currentStatus: row.status,
      allowedActions: allowed,
    };
    if (!actors.has(who)) throw DomainError.forbidden(context);
    if (action === 'extend' && extended) {
      throw new DomainError(
        ErrorCode.LIMIT_REACHED,
        {
          ko: '의견제시 회신 기한은 한 번만 연장할 수 있습니다.',
          en: 'The answer deadline can be extended only once.',
        },
        [],
        { limit: 'opinionRequestExtensions', max: 1, used: 1, ...context },
      );
    }
    throw DomainError.illegalTransition(context, REFUSALS[action]);
  }

  private facts(row: OpinionRequestRow) {
    return {
      organisationId: row.organisation_id,
      requesterId: row.requester_id,
      status: row.status,
      extended: row.extension_days !== null,
    };
  }

  /** `UPDATE ... WHERE version = $n`; values 'now()' are written as now(). */
  private async update(
    tx: Tx,
    id: string,
    version: number,
    set: Record<string, unknown>,
  ): Promise<void> {
    const params: unknown[] = [id, version];
    const sets = Object.entries(set).map(([column, value]) => {
      if (value === 'now()') return `${column} = now()`;
      params.push(value);
      return `${column} = $${params.length}`;
    });
    const [, affected] = await tx.manager.query<[unknown[], number]>(
      `UPDATE opinion_requests SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND version = $2`,
      params,
    );
    if (!affected) throw DomainError.conflict(version);
  }

  private record(
    tx: Tx,
    actorId: string,
    organisationId: string,
    id: string,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason: string | null = null,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId,
      recordType: RECORD_TYPE,
      recordId: id,
      action,
      actorId,
      changes,
      reason,
    });
  }

  private view(user: AuthUser, r: OpinionRequestRow): OpinionRequestView {
    const late = daysOverdue(r.status, r.due_date, seoulDate());
    return {
      id: r.id,
      organisationId: r.organisation_id,
      task: { id: r.task_id, code: r.task_code, title: r.task_title, year: r.task_year },
      requester: {
        id: r.requester_id,
        name: r.requester_name,
        departmentId: r.requester_department_id,
        departmentName: r.requester_department_name,
      },
      question: r.question,
      background: r.background,
      status: r.status,
      receivedAt: r.received_at,
      receivedOn: r.received_on,
      answerDays: r.answer_days,
      dueDate: r.due_date,
      overdue: late > 0,
      daysOverdue: late,
      extension:
        r.extension_days !== null && r.extended_at && r.extended_by
          ? {
              days: r.extension_days,
              reason: r.extension_reason ?? '',
              extendedAt: r.extended_at,
              extendedBy: r.extended_by,
            }
          : null,
      referral:
        r.referred_at && r.referred_by
          ? { referredAt: r.referred_at, referredBy: r.referred_by, note: r.referral_note }
          : null,
      committeeOutcome: r.committee_outcome,
      answer:
        r.answer !== null && r.answered_at && r.answer_source
          ? {
              text: r.answer,
              source: r.answer_source,
              answeredAt: r.answered_at,
              answeredBy: r.answered_by,
              answeredByName: r.answered_by_name,
            }
          : null,
      withdrawal: r.withdrawn_at
        ? { withdrawnAt: r.withdrawn_at, reason: r.withdrawal_reason }
        : null,
      allowedActions: allowedOpinionRequestActions(user, this.facts(r)),
      version: r.version,
    };
  }
}

const REFUSALS: Record<OpinionRequestAction, LocalText> = {
  extend: {
    ko: '회신 전인 의견제시만 기한을 연장할 수 있습니다.',
    en: 'Only a request not yet answered, referred or withdrawn can be extended.',
  },
  answer: {
    ko: '회신 전인 의견제시만 의견을 제시할 수 있습니다.',
    en: 'Only a pending request (not referred to the committee) can be answered.',
  },
  refer: {
    ko: '회신 전인 의견제시만 위원회에 부칠 수 있습니다.',
    en: 'Only a pending request can be referred to the committee.',
  },
  withdraw: {
    ko: '회신 전인 의견제시만 철회할 수 있습니다.',
    en: 'Only a request not yet answered or referred can be withdrawn.',
  },
  committeeAnswer: { ko: '위원회에 부친 의견제시가 아닙니다.', en: 'Not referred.' },
  committeeReturn: { ko: '위원회에 부친 의견제시가 아닙니다.', en: 'Not referred.' },
};
