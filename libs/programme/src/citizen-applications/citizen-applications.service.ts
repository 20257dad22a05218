import { receivedOnProblems } from '../shared/receipt-rules.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, type HistoryRecord, HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type ErrorDetail, type LocalText } from '@gwaje/common';
import { pgErrorCode, TransactionService, type Tx, updateRowWithVersion } from '@gwaje/db';
import { type AuthUser, Role, SettingsService } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ApplicationFilter,
  type ApplicationRow,
  buildApplicationList,
  YEAR_APPLICATIONS,
  type YearApplicationRow,
} from './citizen-applications-query.js';
import { APPLICATION_RECORD_TYPE, ApplicationEvent } from './citizen-applications-reminders.js';
import {
  allowedApplicationActions,
  type ApplicationAction,
  type ApplicationChannel,
  type ApplicationDecision,
  applicationDueDate,
  type ApplicationStatus,
  applicationTransition,
  contactProblems,
  dateProblems,
  mayEverTakeApplicationAction,
  readsApplication,
  readsPersonalData,
  type ReplyMethod,
} from './citizen-applications-rules.js';
import {
  applicationFacts,
  type ApplicationStatistics,
  applicationStatistics,
  type ApplicationView,
  applicationView,
} from './citizen-applications-views.js';

export interface RegisterApplicationInput {
  applicationNumber: string;
  channel: ApplicationChannel;
  receivedOn: string;
  applicantName: string;
  applicantPhone?: string;
  applicantEmail?: string;
  content: string;
  challengedRule: string;
  /** Assign at once (optional). */
  departmentId?: string;
}

export interface ApplicationActionInput {
  version: number;
  departmentId?: string;
  /** assign: why (re)assigned; startReview/recordReview: review notes; requestOpinion: what is asked. */
  text?: string;
  /** requestOpinion, recordOpinion, decide, reply: the day it happened (today when left out). */
  on?: string;
  decision?: ApplicationDecision;
  method?: ReplyMethod;
}

type Changes = Record<string, { from: unknown; to: unknown }>;
type Db = DataSource | EntityManager;

const REFUSALS: Record<ApplicationAction, LocalText> = {
  assign: {
    ko: '결정 전의 신청만 배정(재배정)할 수 있습니다.',
    en: 'Only an application not yet decided can be assigned (again).',
  },
  startReview: {
    ko: '배정된(ASSIGNED) 신청만 검토를 시작할 수 있습니다.',
    en: 'Only an assigned application can be taken up for review.',
  },
  recordReview: {
    ko: '검토 중(UNDER_REVIEW)인 신청에만 검토 의견을 적습니다.',
    en: 'Review notes are recorded on an application under review.',
  },
  requestOpinion: {
    ko: '검토 중(UNDER_REVIEW)인 신청만 적극행정위원회 의견을 요청할 수 있습니다.',
    en: 'The committee’s opinion is asked on an application under review.',
  },
  recordOpinion: {
    ko: '위원회 의견을 요청한 신청에만 의견을 기록합니다.',
    en: 'The committee’s opinion is recorded on an application it was asked about.',
  },
  decide: {
    ko: '검토 중(UNDER_REVIEW)인 신청만 결정할 수 있습니다(위원회 의견 요청 중이면 의견을 먼저 기록하세요).',
    en: 'Only an application under review can be decided (record the committee’s opinion first).',
  },
  reply: {
    ko: '결정된(DECIDED) 신청만 회신할 수 있습니다.',
    en: 'Only a decided application can be replied to.',
  },
};

const RECORD = APPLICATION_RECORD_TYPE;

/**
 * 적극행정 국민신청 (DOMAIN.md §9, issue 22 part 3). The proactive office registers an application
 * (received at the office or from 국민신문고), assigns it to a department (again until the
 * decision); the department reviews it, the office may ask the 적극행정위원회 for its opinion, the
 * department head (or the office) decides 수용/불수용 with reasons, and the reply to the applicant
 * is recorded (and e-mailed to the applicant's address when one was given, through the
 * notifications' direct e-mail port). The applicant's name and contact are read only by the office
 * and the assigned department, each such read access-logged; auditors read the rest masked,
 * other departments and other organisations get a 404. Every change is one transaction with its
 * history entry (which never holds the applicant's personal data).
 */
@Injectable()
export class CitizenApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly settings: SettingsService,
    private readonly outbox: OutboxService,
  ) {}

  // ── Reads ─────────────────────────────────────────────────────────────────────────────────

  /**
   * The office and the auditors: the organisation's applications; STAFF and DEPT_HEAD: those
   * assigned to their department; anyone else: 403. One access-log entry with the filter.
   */
  async list(
    user: AuthUser,
    filter: Omit<ApplicationFilter, 'id'> = {},
  ): Promise<ApplicationView[]> {
    const own = this.listScope(user);
    const rows = await this.rows(this.dataSource, user.organisationId, own, filter);
    const views = rows.map((r) => this.view(user, r));
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: RECORD,
      filter: {
        ...filter,
        personalData: views.some((v) => v.personalDataVisible),
        count: views.length,
      },
    });
    return views;
  }

  async get(user: AuthUser, id: string): Promise<ApplicationView> {
    const row = await this.readable(user, id);
    return this.present(user, row);
  }

  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const row = await this.readable(user, id);
    return this.history.forRecord([row.organisation_id], RECORD, id);
  }

  /** The year's figures (the office and the auditors of the organisation). */
  async statistics(user: AuthUser, year: number): Promise<ApplicationStatistics> {
    if (!user.roles.includes(Role.PROACTIVE_OFFICE) && !user.roles.includes(Role.AUDITOR))
      throw DomainError.forbidden();
    return this.statisticsOf(this.dataSource, user.organisationId, year);
  }

  /** The year's figures of an organisation, with the given manager (the annual report's). */
  async statisticsOf(db: Db, organisationId: string, year: number): Promise<ApplicationStatistics> {
    const rows = await db.query<YearApplicationRow[]>(YEAR_APPLICATIONS, [organisationId, year]);
    return applicationStatistics(year, rows, seoulDate());
  }

  // ── Writes ────────────────────────────────────────────────────────────────────────────────

  /** The office registers an application (and may assign it at once). */
  async register(user: AuthUser, input: RegisterApplicationInput): Promise<ApplicationView> {
    if (!user.roles.includes(Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
    const today = seoulDate();
    const phone = input.applicantPhone?.trim() || null;
    const email = input.applicantEmail?.trim() || null;
    this.assertValid([
      ...receivedOnProblems(input.receivedOn, today),
      ...contactProblems({ phone, email }),
    ]);
    if (input.departmentId) await this.assertDepartment(user.organisationId, input.departmentId);
    const number = input.applicationNumber.trim();
    await this.assertNewNumber(user.organisationId, number);
    const days = (await this.settings.values(user.organisationId))[
      'citizenApplications.processingBusinessDays'
    ];
    const dueDate = applicationDueDate(input.receivedOn, days);
    const status: ApplicationStatus = input.departmentId ? 'ASSIGNED' : 'RECEIVED';
    let id: string;
    try {
      id = await this.tx.run(async (tx) => {
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO citizen_applications (organisation_id, application_number, channel, received_on,
                  applicant_name, applicant_phone, applicant_email, content, challenged_rule, status,
                  processing_business_days, due_date, department_id, assigned_at, assigned_by, registered_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                   CASE WHEN $13::uuid IS NULL THEN NULL ELSE now() END,
                   CASE WHEN $13::uuid IS NULL THEN NULL ELSE $14::uuid END, $14)
           RETURNING id`,
          [
            user.organisationId,
            number,
            input.channel,
            input.receivedOn,
            input.applicantName.trim(),
            phone,
            email,
            input.content.trim(),
            input.challengedRule.trim(),
            status,
            days,
            dueDate,
            input.departmentId ?? null,
            user.id,
          ],
        );
        await this.history.record(tx, {
          organisationId: user.organisationId,
          recordType: RECORD,
          recordId: row.id,
          action: 'register',
          actorId: user.id,
          // The applicant's name and contact stay out of the ledger (auditors read it).
          changes: {
            status: { from: null, to: status },
            applicationNumber: { from: null, to: number },
            channel: { from: null, to: input.channel },
            receivedOn: { from: null, to: input.receivedOn },
            content: { from: null, to: input.content.trim() },
            challengedRule: { from: null, to: input.challengedRule.trim() },
            departmentId: { from: null, to: input.departmentId ?? null },
            dueDate: { from: null, to: dueDate },
          },
          reason: null,
        });
        if (input.departmentId) await this.emitAssigned(tx, user.organisationId, row.id);
        return row.id;
      });
    } catch (error) {
      if (pgErrorCode(error) === '23505') throw duplicateNumber();
      throw error;
    }
    return this.present(user, await this.rowOf(this.dataSource, user.organisationId, id));
  }

  /** One step of the application's course, checked against the state table and the version. */
  async act(
    user: AuthUser,
    id: string,
    action: ApplicationAction,
    input: ApplicationActionInput,
  ): Promise<ApplicationView> {
    const row = await this.readable(user, id);
    this.check(user, row, action);
    const today = seoulDate();
    const text = input.text?.trim() || null;
    const on = input.on ?? today;
    // Rule checks on what was read (again on the locked row below); bad input changes nothing.
    if (action === 'assign') {
      if (!input.departmentId)
        throw DomainError.invalidField('departmentId', 'required', {
          ko: '배정할 부서를 고르세요.',
          en: 'the department is required',
        });
      await this.assertDepartment(row.organisation_id, input.departmentId);
      if (input.departmentId === row.department_id)
        throw DomainError.invalidField('departmentId', 'sameDepartment', {
          ko: '이미 그 부서에 배정되어 있습니다.',
          en: 'the application is already assigned to that department',
        });
    }
    if (action === 'recordReview' && !text)
      throw DomainError.invalidField('notes', 'required', {
        ko: '검토 의견을 입력하세요.',
        en: 'the review notes are required',
      });
    if (action === 'recordOpinion' && !text)
      throw DomainError.invalidField('opinion', 'required', {
        ko: '위원회 의견을 입력하세요.',
        en: 'the committee’s opinion is required',
      });
    if (action === 'decide' && !text)
      throw DomainError.invalidField('reasons', 'required', {
        ko: '결정 사유를 입력하세요.',
        en: 'the reasons of the decision are required',
      });
    if (action === 'reply' && !text)
      throw DomainError.invalidField('text', 'required', {
        ko: '회신 내용을 입력하세요.',
        en: 'the reply text is required',
      });
    this.assertValid(this.dateChecks(action, row, on, today));
    await this.transition(user, row, action, input.version, async (tx, now, to) => {
      this.assertValid(this.dateChecks(action, now, on, today));
      const set: Record<string, unknown> = { status: to };
      const changes: Changes = now.status !== to ? { status: { from: now.status, to } } : {};
      let reason: string | null = null;
      let after: (() => Promise<void>) | undefined;
      switch (action) {
        case 'assign':
          Object.assign(set, {
            department_id: input.departmentId,
            assigned_at: 'now()',
            assigned_by: user.id,
            reassigned_count: now.department_id ? now.reassigned_count + 1 : 0,
            review_started_at: null,
          });
          changes.departmentId = { from: now.department_id, to: input.departmentId };
          reason = text;
          after = () => this.emitAssigned(tx, now.organisation_id, now.id);
          break;
        case 'startReview':
          Object.assign(set, {
            review_started_at: 'now()',
            review_notes: text ?? now.review_notes,
          });
          if (text) changes.reviewNotes = { from: now.review_notes, to: text };
          break;
        case 'recordReview':
          set.review_notes = text;
          changes.reviewNotes = { from: now.review_notes, to: text };
          break;
        case 'requestOpinion':
          Object.assign(set, {
            opinion_requested_on: on,
            opinion_request_note: text,
            opinion_on: null,
            opinion: null,
          });
          changes.opinionRequestedOn = { from: now.opinion_requested_on, to: on };
          changes.opinionRequestNote = { from: now.opinion_request_note, to: text };
          break;
        case 'recordOpinion':
          Object.assign(set, { opinion_on: on, opinion: text });
          changes.opinionOn = { from: now.opinion_on, to: on };
          changes.opinion = { from: now.opinion, to: text };
          break;
        case 'decide':
          if (!input.decision)
            throw DomainError.invalidField('decision', 'required', {
              ko: '수용·불수용을 고르세요.',
              en: 'the decision is required',
            });
          Object.assign(set, {
            decision: input.decision,
            decision_reasons: text,
            decided_on: on,
            decided_by: user.id,
          });
          changes.decision = { from: null, to: input.decision };
          changes.decisionReasons = { from: null, to: text };
          changes.decidedOn = { from: null, to: on };
          break;
        case 'reply': {
          if (!input.method)
            throw DomainError.invalidField('method', 'required', {
              ko: '회신 방법을 고르세요.',
              en: 'the reply method is required',
            });
          const mail = now.applicant_email ? 'PENDING' : null;
          Object.assign(set, {
            replied_on: on,
            reply_method: input.method,
            reply_text: text,
            replied_by: user.id,
            reply_email_status: mail,
          });
          changes.repliedOn = { from: null, to: on };
          changes.replyMethod = { from: null, to: input.method };
          changes.replyText = { from: null, to: text };
          if (mail) {
            changes.replyEmail = { from: null, to: mail };
            after = () =>
              this.outbox.emit(tx, {
                organisationId: now.organisation_id,
                event: ApplicationEvent.REPLY_EMAIL,
                recordType: RECORD,
                recordId: now.id,
              });
          }
          break;
        }
      }
      return Promise.resolve({ set, changes, reason, after });
    });
    return this.present(user, await this.rowOf(this.dataSource, row.organisation_id, id));
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  /** Whose list: the whole organisation (null), or the reader's department. */
  private listScope(user: AuthUser): string | null {
    if (user.roles.includes(Role.PROACTIVE_OFFICE) || user.roles.includes(Role.AUDITOR))
      return null;
    if (user.roles.includes(Role.STAFF) || user.roles.includes(Role.DEPT_HEAD))
      return user.departmentId;
    throw DomainError.forbidden();
  }

  /** The application, or a 404 for who may not read it (another organisation, another department). */
  private async readable(user: AuthUser, id: string): Promise<ApplicationRow> {
    const [row] = await this.rows(this.dataSource, user.organisationId, null, { id });
    if (!row || !readsApplication(user, applicationFacts(row))) throw DomainError.notFound();
    return row;
  }

  private rows(
    db: Db,
    organisationId: string,
    ownDepartmentId: string | null,
    filter: ApplicationFilter,
  ) {
    const [sql, values] = buildApplicationList(
      organisationId,
      seoulDate(),
      ownDepartmentId,
      filter,
    );
    return db.query<ApplicationRow[]>(sql, values);
  }

  private async rowOf(db: Db, organisationId: string, id: string): Promise<ApplicationRow> {
    const [row] = await this.rows(db, organisationId, null, { id });
    if (!row) throw DomainError.notFound();
    return row;
  }

  private view(user: AuthUser, row: ApplicationRow): ApplicationView {
    const facts = applicationFacts(row);
    return applicationView(
      row,
      readsPersonalData(user, facts),
      allowedApplicationActions(user, facts),
    );
  }

  /** One application as the reader sees it, its read recorded (with whether it held personal data). */
  private async present(user: AuthUser, row: ApplicationRow): Promise<ApplicationView> {
    const view = this.view(user, row);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: RECORD,
      recordId: row.id,
      filter: { personalData: view.personalDataVisible },
    });
    return view;
  }

  /** The dates of the step in order: not before what they follow, not in the future. */
  private dateChecks(
    action: ApplicationAction,
    row: ApplicationRow,
    on: string,
    today: string,
  ): ErrorDetail[] {
    const received = { date: row.received_on, ko: '접수일', en: 'the receipt date' };
    switch (action) {
      case 'requestOpinion':
        return dateProblems('requestedOn', on, received, today);
      case 'recordOpinion':
        return dateProblems(
          'opinionOn',
          on,
          {
            date: row.opinion_requested_on ?? row.received_on,
            ko: '의견 요청일',
            en: 'the day the opinion was asked',
          },
          today,
        );
      case 'decide':
        return dateProblems(
          'decidedOn',
          on,
          row.opinion_on && row.opinion_on > row.received_on
            ? { date: row.opinion_on, ko: '위원회 의견일', en: 'the committee’s opinion' }
            : received,
          today,
        );
      case 'reply':
        return dateProblems(
          'repliedOn',
          on,
          { date: row.decided_on ?? row.received_on, ko: '결정일', en: 'the decision date' },
          today,
        );
      case 'assign':
      case 'startReview':
      case 'recordReview':
        return [];
    }
  }

  /** An active department of the organisation, else a 400 naming departmentId. */
  private async assertDepartment(organisationId: string, departmentId: string): Promise<void> {
    const [dept] = await this.dataSource.query<Array<{ active: boolean }>>(
      `SELECT active FROM departments WHERE id = $1 AND organisation_id = $2`,
      [departmentId, organisationId],
    );
    if (dept?.active) return;
    throw new DomainError(ErrorCode.INVALID_REFERENCE, undefined, [
      {
        field: 'departmentId',
        code: dept ? 'inactiveDepartment' : 'unknownDepartment',
        message: dept
          ? { ko: '비활성화된 부서입니다.', en: 'departmentId: the department is inactive' }
          : {
              ko: '이 기관의 부서가 아닙니다.',
              en: 'departmentId: not a department of this organisation',
            },
      },
    ]);
  }

  private async assertNewNumber(organisationId: string, number: string): Promise<void> {
    const [taken] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM citizen_applications WHERE organisation_id = $1 AND application_number = $2`,
      [organisationId, number],
    );
    if (taken) throw duplicateNumber();
  }

  /** 403 for who may never do this; 409 with allowedActions for a state that refuses it. */
  private check(user: AuthUser, row: ApplicationRow, action: ApplicationAction): void {
    const facts = applicationFacts(row);
    const allowed = allowedApplicationActions(user, facts);
    if (allowed.includes(action)) return;
    const context = {
      resource: 'citizenApplication',
      currentStatus: row.status,
      allowedActions: allowed,
    };
    if (!mayEverTakeApplicationAction(user, facts, action)) throw DomainError.forbidden(context);
    throw DomainError.illegalTransition(context, REFUSALS[action]);
  }

  private assertValid(problems: ErrorDetail[]): void {
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
  }

  /** The assigned department is told at once (an urgent event of the organisation). */
  private emitAssigned(tx: Tx, organisationId: string, id: string): Promise<void> {
    return this.outbox.emit(tx, {
      organisationId,
      event: ApplicationEvent.ASSIGNED,
      recordType: RECORD,
      recordId: id,
    });
  }

  /**
   * One change of an application: its row locked and its version checked, the transition
   * checked again on what the row holds now, the change written with the version bumped, its
   * history entry and its events.
   */
  private async transition(
    user: AuthUser,
    row: ApplicationRow,
    action: ApplicationAction,
    version: number,
    change: (
      tx: Tx,
      now: ApplicationRow,
      to: ApplicationStatus,
    ) => Promise<{
      set: Record<string, unknown>;
      changes: Changes;
      reason?: string | null;
      after?: () => Promise<void>;
    }>,
  ): Promise<void> {
    await this.tx.run(async (tx) => {
      const [locked] = await tx.manager.query<Array<{ version: number }>>(
        `SELECT version FROM citizen_applications WHERE id = $1 FOR NO KEY UPDATE`,
        [row.id],
      );
      if (!locked) throw DomainError.notFound();
      if (locked.version !== version) throw DomainError.conflict(locked.version);
      const now = await this.rowOf(tx.manager, row.organisation_id, row.id);
      this.check(user, now, action);
      const t = applicationTransition(now.status, action);
      if (!t) throw new Error('unreachable: checked above');
      const result = await change(tx, now, t.to);
      await updateRowWithVersion(tx.manager, 'citizen_applications', row.id, version, result.set);
      await this.history.record(tx, {
        organisationId: row.organisation_id,
        recordType: RECORD,
        recordId: row.id,
        action,
        actorId: user.id,
        changes: result.changes,
        reason: result.reason ?? null,
      });
      await result.after?.();
    });
  }
}

function duplicateNumber(): DomainError {
  // A 400 naming the field (issue 22: a duplicate application number is bad input).
  return new DomainError(ErrorCode.VALIDATION_FAILED, undefined, [
    {
      field: 'applicationNumber',
      code: 'duplicate',
      message: {
        ko: '이미 등록된 신청번호입니다.',
        en: 'applicationNumber: that application number is already registered',
      },
    },
  ]);
}
