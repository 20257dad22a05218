import { receivedOnProblems } from '../shared/receipt-rules.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, type HistoryRecord, HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { PG_UNIQUE_VIOLATION, pgErrorCode, TransactionService } from '@gwaje/db';
import { type AuthUser, Role, SettingsService } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { DataSource, type EntityManager } from 'typeorm';
import {
  buildPassiveReportList,
  PASSIVE_REPORT_RECORD_TYPE,
  PASSIVE_REPORT_REPORTER_RECORD_TYPE,
  PASSIVE_REPORT_YEAR_SQL,
  type PassiveReportFilter,
  type PassiveReportRow,
  type PassiveReportScope,
  type PassiveReportYearRow,
} from './passive-report-query.js';
import { PassiveReportEvent } from './passive-report-reminders.js';
import {
  allowedPassiveReportActions,
  type PassiveReportChannel,
  passiveReportDueDate,
  type PassiveReportStatus,
  passiveReportVisibility,
  reporterProblems,
} from './passive-report-rules.js';
import {
  passiveReportFacts,
  type PassiveReportStatistics,
  type PassiveReportView,
  passiveReportView,
} from './passive-report-views.js';

export interface ReceivePassiveReportInput {
  receiptNumber: string;
  receivedOn: string;
  channel: PassiveReportChannel;
  anonymous: boolean;
  reporter?: { name?: string; contact?: string } | null;
  content: string;
  departmentId: string;
  officialIds?: string[];
}

type Db = DataSource | EntityManager;

const invalid = (details: ErrorDetail[]) =>
  new DomainError(ErrorCode.INVALID_REFERENCE, undefined, details);
const detail = (field: string, code: string, ko: string, en: string): ErrorDetail => ({
  field,
  code,
  message: { ko, en },
});
const duplicateNumber = () =>
  new DomainError(ErrorCode.VALIDATION_FAILED, undefined, [
    detail(
      'receiptNumber',
      'duplicate',
      '이미 쓰인 접수번호입니다.',
      'this receipt number is already used in the organisation',
    ),
  ]);

/**
 * 소극행정 신고 (DOMAIN.md §9, issue 22 part 4): a report of passive administration received by the
 * audit unit (AUDITOR) or the proactive office (PROACTIVE_OFFICE), investigated by an auditor within
 * `passiveReports.investigationBusinessDays` business days (one extension of up to
 * `passiveReports.maxExtensionBusinessDays`), concluded with an outcome and findings or closed with a
 * reason. Who sees what is passiveReportVisibility's (the reporter and the officials concerned: the
 * audit unit only, each read of the reporter access-logged); queries are scoped in SQL; every change
 * is one transaction with its history entry, which holds no reporter identity nor officials. This
 * service receives and reads; the investigation is PassiveReportInvestigationService's.
 */
@Injectable()
export class PassiveReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly settings: SettingsService,
    private readonly outbox: OutboxService,
  ) {}

  // ── Reads ─────────────────────────────────────────────────────────────────────────────────

  /** The reports the user may read (no identities in lists), one access-log entry with the filter. */
  async list(
    user: AuthUser,
    filter: { year?: number; status?: PassiveReportStatus[] } = {},
  ): Promise<PassiveReportView[]> {
    const scope = scopeOf(user, false);
    const rows = await this.rows(this.dataSource, scope, filter);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: PASSIVE_REPORT_RECORD_TYPE,
      filter: { ...filter },
    });
    return rows.flatMap((r) => {
      const v = passiveReportVisibility(user, passiveReportFacts(r));
      return v
        ? [
            passiveReportView(r, v, allowedPassiveReportActions(user, passiveReportFacts(r)), {
              identities: false,
            }),
          ]
        : [];
    });
  }

  /**
   * One report. The audit unit reads the reporter and the officials concerned too: that read is an
   * access-log entry of its own (record type passive_report_reporter), besides the read of the report.
   */
  async get(user: AuthUser, id: string): Promise<PassiveReportView> {
    const identities = user.roles.includes(Role.AUDITOR);
    const { row, visibility } = await this.readable(user, id, identities);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: PASSIVE_REPORT_RECORD_TYPE,
      recordId: id,
    });
    const shown = identities && visibility === 'AUDIT';
    if (shown && (!row.anonymous || (row.officials?.length ?? 0) > 0))
      await this.accessLog.record({
        organisationId: user.organisationId,
        userId: user.id,
        action: AccessAction.READ,
        recordType: PASSIVE_REPORT_REPORTER_RECORD_TYPE,
        recordId: id,
      });
    return passiveReportView(
      row,
      visibility,
      allowedPassiveReportActions(user, passiveReportFacts(row)),
      { identities: shown },
    );
  }

  /** The report's history: the audit unit and the office (the department concerned: 403). */
  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const { row, visibility } = await this.readable(user, id, false);
    if (visibility === 'DEPARTMENT')
      throw DomainError.forbidden({
        resource: 'passiveReport',
        currentStatus: row.status,
        allowedActions: [],
      });
    return this.history.forRecord([row.organisation_id], PASSIVE_REPORT_RECORD_TYPE, id);
  }

  /** One year's figures: the audit unit and the office (403 for anyone else). */
  async statistics(user: AuthUser, year: number): Promise<PassiveReportStatistics> {
    if (!user.roles.includes(Role.AUDITOR) && !user.roles.includes(Role.PROACTIVE_OFFICE))
      throw DomainError.forbidden();
    return this.yearFigures(this.dataSource, user.organisationId, year, seoulDate());
  }

  /** The figures of a year (the statistics route and the annual report's section). */
  async yearFigures(
    db: Db,
    organisationId: string,
    year: number,
    today: string,
  ): Promise<PassiveReportStatistics> {
    const [r] = await db.query<PassiveReportYearRow[]>(PASSIVE_REPORT_YEAR_SQL, [
      organisationId,
      year,
      today,
    ]);
    return {
      year,
      received: r.received,
      anonymous: r.anonymous,
      anonymousShare: r.received ? Math.round((r.anonymous / r.received) * 1000) / 1000 : null,
      open: r.open,
      overdue: r.overdue,
      closed: r.closed,
      concluded: r.concluded,
      concludedLate: r.concluded_late,
      averageDays: r.average_days === null ? null : Number(r.average_days),
      byOutcome: {
        NO_ACTION: r.no_action,
        NOT_PASSIVE: r.not_passive,
        CAUTION: r.caution,
        WARNING: r.warning,
        DISCIPLINE_REQUESTED: r.discipline_requested,
        TRANSFERRED: r.transferred,
      },
    };
  }

  // ── Writes ────────────────────────────────────────────────────────────────────────────────

  /**
   * Receives a report (AUDITOR or PROACTIVE_OFFICE of the organisation): its deadline is the
   * organisation's `passiveReports.investigationBusinessDays`-th business day after receipt; the
   * audit unit is told at once.
   */
  async receive(user: AuthUser, input: ReceivePassiveReportInput): Promise<PassiveReportView> {
    if (!user.roles.includes(Role.AUDITOR) && !user.roles.includes(Role.PROACTIVE_OFFICE))
      throw DomainError.forbidden();
    const today = seoulDate();
    const problems = [
      ...receivedOnProblems(input.receivedOn, today),
      ...reporterProblems(input.anonymous, input.reporter),
    ];
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const officialIds = [...new Set(input.officialIds ?? [])];
    await this.assertReferences(user.organisationId, input.departmentId, officialIds);
    const receiptNumber = input.receiptNumber.trim();
    const [taken] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM passive_reports WHERE organisation_id = $1 AND receipt_number = $2`,
      [user.organisationId, receiptNumber],
    );
    if (taken) throw duplicateNumber();
    const s = await this.settings.values(user.organisationId);
    const days = s['passiveReports.investigationBusinessDays'];
    const dueDate = passiveReportDueDate(input.receivedOn, days);
    const reporter = input.anonymous
      ? { name: null, contact: null }
      : {
          name: input.reporter?.name?.trim() || null,
          contact: input.reporter?.contact?.trim() || null,
        };
    let id: string;
    try {
      id = await this.tx.run(async (tx) => {
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO passive_reports (organisation_id, receipt_number, received_on, channel, anonymous,
                  reporter_name, reporter_contact, content, department_id, received_by,
                  investigation_business_days, due_date)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [
            user.organisationId,
            receiptNumber,
            input.receivedOn,
            input.channel,
            input.anonymous,
            reporter.name,
            reporter.contact,
            input.content.trim(),
            input.departmentId,
            user.id,
            days,
            dueDate,
          ],
        );
        if (officialIds.length)
          await tx.manager.query(
            `INSERT INTO passive_report_officials (report_id, user_id) SELECT $1, unnest($2::uuid[])`,
            [row.id, officialIds],
          );
        // No reporter identity nor officials in the ledger: only that they were given.
        await this.history.record(tx, {
          organisationId: user.organisationId,
          recordType: PASSIVE_REPORT_RECORD_TYPE,
          recordId: row.id,
          action: 'receive',
          actorId: user.id,
          changes: {
            status: { from: null, to: 'RECEIVED' },
            receiptNumber: { from: null, to: receiptNumber },
            receivedOn: { from: null, to: input.receivedOn },
            channel: { from: null, to: input.channel },
            anonymous: { from: null, to: input.anonymous },
            departmentId: { from: null, to: input.departmentId },
            officialsCount: { from: null, to: officialIds.length },
            dueDate: { from: null, to: dueDate },
          },
          reason: null,
        });
        await this.outbox.emit(tx, {
          organisationId: user.organisationId,
          event: PassiveReportEvent.RECEIVED,
          recordType: PASSIVE_REPORT_RECORD_TYPE,
          recordId: row.id,
        });
        return row.id;
      });
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw duplicateNumber();
      throw err;
    }
    return this.viewOf(user, id);
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  /** The report as the user may read it; a 404 for who may not (also for the investigation). */
  async readable(
    user: AuthUser,
    id: string,
    identities: boolean,
    db: Db = this.dataSource,
  ): Promise<{
    row: PassiveReportRow;
    visibility: NonNullable<ReturnType<typeof passiveReportVisibility>>;
  }> {
    const [row] = await this.rows(db, scopeOf(user, identities), { id });
    const visibility = row ? passiveReportVisibility(user, passiveReportFacts(row)) : null;
    if (!row || !visibility) throw DomainError.notFound();
    return { row, visibility };
  }

  private rows(db: Db, scope: PassiveReportScope, filter: PassiveReportFilter) {
    const [sql, values] = buildPassiveReportList(scope, seoulDate(), filter);
    return db.query<PassiveReportRow[]>(sql, values);
  }

  /** The report as the user reads it after a change (no identities). */
  async viewOf(user: AuthUser, id: string): Promise<PassiveReportView> {
    const { row, visibility } = await this.readable(user, id, false);
    return passiveReportView(
      row,
      visibility,
      allowedPassiveReportActions(user, passiveReportFacts(row)),
      { identities: false },
    );
  }

  /** The department concerned is an active one of the organisation; the officials are its users. */
  async assertReferences(
    organisationId: string,
    departmentId: string,
    officialIds: string[],
  ): Promise<void> {
    const [dept] = await this.dataSource.query<Array<{ active: boolean }>>(
      `SELECT active FROM departments WHERE id = $1 AND organisation_id = $2`,
      [departmentId, organisationId],
    );
    if (!dept?.active)
      throw invalid([
        detail(
          'departmentId',
          'unknownDepartment',
          '이 기관의 활성 부서가 아닙니다.',
          'not an active department of the organisation',
        ),
      ]);
    if (!officialIds.length) return;
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND department_id = $2 AND organisation_id = $3`,
      [officialIds, departmentId, organisationId],
    );
    const known = new Set(rows.map((r) => r.id));
    const outside = officialIds.findIndex((u) => !known.has(u));
    if (outside >= 0)
      throw invalid([
        detail(
          `officialIds[${outside}]`,
          'notInDepartment',
          '관련 공무원은 신고 대상 부서의 직원이어야 합니다.',
          'the officials concerned must be users of the department concerned',
        ),
      ]);
  }
}

/** The SQL scope of a user: the whole organisation (AUDITOR, PROACTIVE_OFFICE) or its department. */
function scopeOf(user: AuthUser, identities: boolean): PassiveReportScope {
  const whole = user.roles.includes(Role.AUDITOR) || user.roles.includes(Role.PROACTIVE_OFFICE);
  const member = user.roles.includes(Role.STAFF) || user.roles.includes(Role.DEPT_HEAD);
  return {
    organisationId: user.organisationId,
    wholeOrganisation: whole,
    departmentId: !whole && member ? user.departmentId : null,
    identities: identities && user.roles.includes(Role.AUDITOR),
  };
}
