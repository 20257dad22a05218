import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type ErrorDetail, type LocalText } from '@gwaje/common';
import { TransactionService, type Tx, updateRowWithVersion } from '@gwaje/db';
import { type AuthUser, SettingsService } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { DataSource } from 'typeorm';
import { PASSIVE_REPORT_RECORD_TYPE, type PassiveReportRow } from './passive-report-query.js';
import { PassiveReportEvent } from './passive-report-reminders.js';
import {
  allowedPassiveReportActions,
  conclusionProblems,
  extendedDueDate,
  extensionProblems,
  mayEverTakePassiveReportAction,
  type PassiveReportAction,
  type PassiveReportOutcome,
  type PassiveReportStatus,
  passiveReportTransition,
} from './passive-report-rules.js';
import { passiveReportFacts, type PassiveReportView } from './passive-report-views.js';
import { PassiveReportsService } from './passive-reports.service.js';

type Changes = Record<string, { from: unknown; to: unknown }>;

const REFUSALS: Record<PassiveReportAction, LocalText> = {
  edit: {
    ko: '종결·종료된 신고는 고칠 수 없습니다.',
    en: 'A concluded or closed report cannot be changed.',
  },
  assign: {
    ko: '접수되었거나 조사 중인 신고에만 조사자를 지정할 수 있습니다.',
    en: 'Only a received report or one under investigation can be assigned.',
  },
  extend: {
    ko: '조사 중인 신고의 기한을 한 번만 연장할 수 있습니다.',
    en: 'The deadline of a report under investigation can be extended once.',
  },
  conclude: {
    ko: '조사 중(INVESTIGATING)인 신고만 종결 처리할 수 있습니다.',
    en: 'Only a report under investigation can be concluded.',
  },
  close: {
    ko: '종결된 신고는 종료할 수 없습니다.',
    en: 'A concluded or closed report cannot be closed.',
  },
};

const invalid = (details: ErrorDetail[]) =>
  new DomainError(ErrorCode.INVALID_REFERENCE, undefined, details);
const detail = (field: string, code: string, ko: string, en: string): ErrorDetail => ({
  field,
  code,
  message: { ko, en },
});

/**
 * The audit unit's investigation of a 소극행정 report (DOMAIN.md §9, issue 22 part 4): assigning
 * the investigator, the one extension of the deadline, the conclusion with its outcome and
 * findings, and closing a report before its conclusion. Each is checked against the state table
 * (403 for who may never, 409 for a state that refuses) and the version read, and is one
 * transaction with its history entry and events.
 */
@Injectable()
export class PassiveReportInvestigationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly settings: SettingsService,
    private readonly outbox: OutboxService,
    private readonly reports: PassiveReportsService,
  ) {}

  /**
   * Corrects what was received while the report is open: the content, the department concerned
   * and the officials concerned (users of that department: a new department without new officials
   * keeps only those of it, else a 400). The history records that the officials changed, not who.
   */
  async edit(
    user: AuthUser,
    id: string,
    input: { version: number; content?: string; departmentId?: string; officialIds?: string[] },
  ): Promise<PassiveReportView> {
    const { row } = await this.reports.readable(user, id, true);
    this.check(user, row, 'edit');
    const departmentId = input.departmentId ?? row.department_id;
    const current = (row.officials ?? []).map((o) => o.id);
    const officialIds = input.officialIds ? [...new Set(input.officialIds)] : current;
    await this.reports.assertReferences(user.organisationId, departmentId, officialIds);
    const content = input.content?.trim();
    await this.transition(user, row, 'edit', input.version, async (tx, now) => {
      const set: Record<string, unknown> = {};
      const changes: Changes = {};
      if (content !== undefined && content !== now.content) {
        set.content = content;
        changes.content = { from: now.content, to: content };
      }
      if (departmentId !== now.department_id) {
        set.department_id = departmentId;
        changes.departmentId = { from: now.department_id, to: departmentId };
      }
      const same =
        officialIds.length === current.length && officialIds.every((o) => current.includes(o));
      if (!same) {
        await tx.manager.query(`DELETE FROM passive_report_officials WHERE report_id = $1`, [id]);
        if (officialIds.length)
          await tx.manager.query(
            `INSERT INTO passive_report_officials (report_id, user_id) SELECT $1, unnest($2::uuid[])`,
            [id, officialIds],
          );
        changes.officialsCount = { from: current.length, to: officialIds.length };
      }
      return { set, changes };
    });
    return this.reports.viewOf(user, id);
  }

  /** Assigns (or reassigns) the investigator: an active AUDITOR of the organisation. */
  async assign(
    user: AuthUser,
    id: string,
    input: { version: number; investigatorId: string },
  ): Promise<PassiveReportView> {
    const { row } = await this.reports.readable(user, id, false);
    this.check(user, row, 'assign');
    const [auditor] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM users WHERE id = $1 AND organisation_id = $2 AND active AND 'AUDITOR' = ANY(roles)`,
      [input.investigatorId, user.organisationId],
    );
    if (!auditor)
      throw invalid([
        detail(
          'investigatorId',
          'notAuditor',
          '이 기관 감사담당관(AUDITOR)이 아닙니다.',
          'not an active AUDITOR of the organisation',
        ),
      ]);
    await this.transition(user, row, 'assign', input.version, (tx, now, to) => {
      const set: Record<string, unknown> = { status: to, investigator_id: input.investigatorId };
      const changes: Changes = {
        investigatorId: { from: now.investigator_id, to: input.investigatorId },
      };
      if (now.status !== to) {
        set.investigation_started_at = 'now()';
        changes.status = { from: now.status, to };
      }
      return Promise.resolve({
        set,
        changes,
        after: () =>
          this.outbox.emit(tx, {
            organisationId: now.organisation_id,
            event: PassiveReportEvent.ASSIGNED,
            recordType: PASSIVE_REPORT_RECORD_TYPE,
            recordId: id,
            payload: { by: user.id },
          }),
      });
    });
    return this.reports.viewOf(user, id);
  }

  /** The one extension of the deadline, by up to the organisation's maximum, with the reason. */
  async extend(
    user: AuthUser,
    id: string,
    input: { version: number; businessDays: number; reason: string },
  ): Promise<PassiveReportView> {
    const { row } = await this.reports.readable(user, id, false);
    this.check(user, row, 'extend');
    const s = await this.settings.values(row.organisation_id);
    const problems = extensionProblems(
      input.businessDays,
      s['passiveReports.maxExtensionBusinessDays'],
      input.reason,
    );
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const reason = input.reason.trim();
    await this.transition(user, row, 'extend', input.version, (_tx, now) => {
      const to = extendedDueDate(now.due_date, input.businessDays);
      return Promise.resolve({
        set: {
          extended_due_date: to,
          extension_business_days: input.businessDays,
          extension_reason: reason,
          extended_at: 'now()',
          extended_by: user.id,
        },
        changes: { dueDate: { from: now.due_date, to } },
        reason,
      });
    });
    return this.reports.viewOf(user, id);
  }

  /** Concludes the investigation with its outcome and findings (on concludedOn, default today). */
  async conclude(
    user: AuthUser,
    id: string,
    input: {
      version: number;
      outcome: PassiveReportOutcome;
      findings: string;
      concludedOn?: string;
    },
  ): Promise<PassiveReportView> {
    const { row } = await this.reports.readable(user, id, false);
    this.check(user, row, 'conclude');
    const today = seoulDate();
    const concludedOn = input.concludedOn ?? today;
    const problems = conclusionProblems({ ...input, concludedOn }, row.received_on, today);
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const findings = input.findings.trim();
    await this.transition(user, row, 'conclude', input.version, (_tx, now, to) =>
      Promise.resolve({
        set: {
          status: to,
          outcome: input.outcome,
          findings,
          concluded_on: concludedOn,
          concluded_at: 'now()',
          concluded_by: user.id,
        },
        changes: {
          status: { from: now.status, to },
          outcome: { from: null, to: input.outcome },
          findings: { from: null, to: findings },
          concludedOn: { from: null, to: concludedOn },
        },
      }),
    );
    return this.reports.viewOf(user, id);
  }

  /** Closes a report before its conclusion (withdrawn, not a matter for the audit unit), with the reason. */
  async close(
    user: AuthUser,
    id: string,
    input: { version: number; reason: string },
  ): Promise<PassiveReportView> {
    const { row } = await this.reports.readable(user, id, false);
    this.check(user, row, 'close');
    const reason = input.reason?.trim();
    if (!reason)
      throw DomainError.invalidField('reason', 'required', {
        ko: '종료 사유를 입력하세요.',
        en: 'a reason is required',
      });
    await this.transition(user, row, 'close', input.version, (_tx, now, to) =>
      Promise.resolve({
        set: { status: to, closed_at: 'now()', closed_by: user.id, close_reason: reason },
        changes: { status: { from: now.status, to } },
        reason,
      }),
    );
    return this.reports.viewOf(user, id);
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────

  /** 403 for who may never do this; 409 with allowedActions for a state that refuses it. */
  private check(user: AuthUser, row: PassiveReportRow, action: PassiveReportAction): void {
    const facts = passiveReportFacts(row);
    const allowed = allowedPassiveReportActions(user, facts);
    if (allowed.includes(action)) return;
    const context = {
      resource: 'passiveReport',
      currentStatus: row.status,
      allowedActions: allowed,
    };
    if (!mayEverTakePassiveReportAction(user, facts, action)) throw DomainError.forbidden(context);
    throw DomainError.illegalTransition(context, REFUSALS[action]);
  }

  /**
   * One change of a report: its row locked and its version checked, the transition checked again
   * on what the row holds now, the change written with the version bumped, its history entry and
   * its events.
   */
  private async transition(
    user: AuthUser,
    row: PassiveReportRow,
    action: PassiveReportAction,
    version: number,
    change: (
      tx: Tx,
      now: PassiveReportRow,
      to: PassiveReportStatus,
    ) => Promise<{
      set: Record<string, unknown>;
      changes: Changes;
      reason?: string | null;
      after?: () => Promise<void>;
    }>,
  ): Promise<void> {
    await this.tx.run(async (tx) => {
      const [locked] = await tx.manager.query<Array<{ version: number }>>(
        `SELECT version FROM passive_reports WHERE id = $1 FOR NO KEY UPDATE`,
        [row.id],
      );
      if (!locked) throw DomainError.notFound();
      if (locked.version !== version) throw DomainError.conflict(locked.version);
      const { row: now } = await this.reports.readable(user, row.id, false, tx.manager);
      this.check(user, now, action);
      const t = passiveReportTransition(passiveReportFacts(now), action);
      if (!t) throw new Error('unreachable: checked above');
      const result = await change(tx, now, t.to);
      await updateRowWithVersion(tx.manager, 'passive_reports', row.id, version, result.set);
      await this.history.record(tx, {
        organisationId: now.organisation_id,
        recordType: PASSIVE_REPORT_RECORD_TYPE,
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
