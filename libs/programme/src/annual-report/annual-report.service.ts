import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { annualFiguresSections } from '@gwaje/annual-figures';
import { AccessAction, AccessLogService, HistoryService } from '@gwaje/audit';
import { DomainError } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import {
  ANNUAL_REPORT_LOCK_SQL,
  type AnnualReportRow,
  buildAnnualReport,
  buildAnnualReportVersions,
  buildSubordinateReports,
  INSERT_ANNUAL_REPORT_SQL,
  type OrganisationReportRow,
} from './annual-report-query.js';
import {
  allowedAnnualReportActions,
  ANNUAL_REPORT_RECORD_TYPE,
  type AnnualReportFacts,
} from './annual-report-rules.js';
import {
  type AnnualReportSection,
  type AnnualReportSummary,
  annualReportSummary,
  type AnnualReportView,
  annualReportView,
  type OrganisationAnnualReport,
  organisationAnnualReport,
} from './annual-report-views.js';

export type AnnualReportScope = 'own' | 'subordinates';

/**
 * The annual 적극행정 추진실적 report upward (DOMAIN.md §9, issue 22 part 7). The organisation's
 * PROACTIVE_OFFICE generates it for a year: every section registered through @gwaje/annual-figures
 * is computed from the capabilities' own records in one REPEATABLE READ snapshot and stored as the
 * next version (never overwriting an older one), then may submit the latest version upward (DRAFT →
 * SUBMITTED, who and when). Read by the organisation's office, auditors and administrators; a parent
 * organisation's readers see the latest figures of the organisations below it side by side (figures
 * only, nobody's name). Another organisation's report cannot be named: routes take the caller's own.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly policy: AccessPolicy,
  ) {}

  // ── Reads ─────────────────────────────────────────────────────────────────────────────────

  /** The organisation's report of the year: the given version, or the latest. */
  async get(user: AuthUser, year: number, version?: number): Promise<AnnualReportView> {
    const row = await this.row(user, year, version);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: ANNUAL_REPORT_RECORD_TYPE,
      recordId: row.id,
    });
    return this.view(user, row);
  }

  /** Every version of the organisation's report of the year, newest first. */
  async versions(user: AuthUser, year: number): Promise<AnnualReportSummary[]> {
    this.assertReader(user);
    const rows = await this.dataSource.query<AnnualReportRow[]>(
      ...buildAnnualReportVersions(user.organisationId, year),
    );
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: ANNUAL_REPORT_RECORD_TYPE,
      filter: { year, view: 'versions' },
    });
    return rows.map(annualReportSummary);
  }

  /**
   * The latest figures of the year side by side: the caller's own organisation (`own`), or every
   * organisation below it in the organisation tree (`subordinates`), with or without a report.
   */
  async list(
    user: AuthUser,
    year: number,
    scope: AnnualReportScope = 'own',
  ): Promise<OrganisationAnnualReport[]> {
    this.assertReader(user);
    let result: OrganisationAnnualReport[];
    if (scope === 'subordinates') {
      const rows = await this.dataSource.query<OrganisationReportRow[]>(
        ...buildSubordinateReports(user.organisationId, year),
      );
      result = rows.map(organisationAnnualReport);
    } else {
      const [row] = await this.dataSource.query<AnnualReportRow[]>(
        ...buildAnnualReport(user.organisationId, year, null),
      );
      const [org] = await this.dataSource.query<
        Array<{ id: string; name: string; kind: string; parent_id: string | null }>
      >(`SELECT id, name, kind, parent_id FROM organisations WHERE id = $1`, [user.organisationId]);
      result = [
        organisationAnnualReport({
          organisation_id: org.id,
          organisation_name: org.name,
          organisation_kind: org.kind,
          parent_id: org.parent_id,
          depth: 0,
          version: row?.version ?? null,
          status: row?.status ?? null,
          generated_at: row?.generated_at ?? null,
          submitted_at: row?.submitted_at ?? null,
          figures: row?.figures ?? null,
        }),
      ];
    }
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: ANNUAL_REPORT_RECORD_TYPE,
      filter: { year, scope },
    });
    return result;
  }

  /** A version for an export (the caller's own organisation; recorded by the export). */
  async forExport(user: AuthUser, year: number, version?: number): Promise<AnnualReportView> {
    return this.view(user, await this.row(user, year, version));
  }

  // ── Writes ────────────────────────────────────────────────────────────────────────────────

  /**
   * Generates the organisation's report of the year: computes every registered section in one
   * consistent snapshot, then stores it as the next version (DRAFT) with its history entry.
   */
  async generate(user: AuthUser, year: number): Promise<AnnualReportView> {
    this.assertOffice(user);
    const sections = await this.compute(user.organisationId, year);
    const version = await this.tx.run(async (tx) => {
      await tx.manager.query(ANNUAL_REPORT_LOCK_SQL, [user.organisationId, year]);
      const [row] = await tx.manager.query<Array<{ id: string; version: number }>>(
        INSERT_ANNUAL_REPORT_SQL,
        [user.organisationId, year, JSON.stringify({ sections }), user.id],
      );
      await this.history.record(tx, {
        organisationId: user.organisationId,
        recordType: ANNUAL_REPORT_RECORD_TYPE,
        recordId: row.id,
        action: 'generate',
        actorId: user.id,
        changes: {
          year: { from: null, to: year },
          version: { from: null, to: row.version },
          status: { from: null, to: 'DRAFT' },
          sections: { from: null, to: sections.map((s) => s.name) },
        },
      });
      return row.version;
    });
    return this.view(user, await this.row(user, year, version));
  }

  /**
   * Submits the latest version upward (DRAFT → SUBMITTED). `version` is the version the caller
   * read: an older one (a newer was generated since) is a 409 VERSION_CONFLICT, a submitted one a
   * 409 ILLEGAL_TRANSITION.
   */
  async submit(user: AuthUser, year: number, version: number): Promise<AnnualReportView> {
    this.assertReader(user);
    const current = await this.row(user, year);
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE))
      throw DomainError.forbidden(this.context(user, current));
    await this.tx.run(async (tx) => {
      await tx.manager.query(ANNUAL_REPORT_LOCK_SQL, [user.organisationId, year]);
      const [latest] = await tx.manager.query<
        Array<{ id: string; version: number; status: string }>
      >(
        `SELECT id, version, status FROM annual_reports WHERE organisation_id = $1 AND year = $2
          ORDER BY version DESC LIMIT 1`,
        [user.organisationId, year],
      );
      if (latest.version !== version) throw DomainError.conflict(latest.version);
      if (latest.status !== 'DRAFT')
        throw DomainError.illegalTransition(
          {
            resource: 'annualReport',
            currentStatus: latest.status,
            allowedActions: allowedAnnualReportActions(true, {
              status: 'SUBMITTED',
              latest: true,
            }),
          },
          {
            ko: '이미 제출한 추진실적입니다. 다시 생성하면 새 판을 제출할 수 있습니다.',
            en: 'This report was already submitted; generate it again to submit a new version.',
          },
        );
      await tx.manager.query(
        `UPDATE annual_reports SET status = 'SUBMITTED', submitted_at = now(), submitted_by = $2
          WHERE id = $1`,
        [latest.id, user.id],
      );
      await this.history.record(tx, {
        organisationId: user.organisationId,
        recordType: ANNUAL_REPORT_RECORD_TYPE,
        recordId: latest.id,
        action: 'submit',
        actorId: user.id,
        changes: { status: { from: 'DRAFT', to: 'SUBMITTED' } },
      });
    });
    return this.view(user, await this.row(user, year, version));
  }

  // ── Internals ─────────────────────────────────────────────────────────────────────────────

  /** Every registered section, computed in one REPEATABLE READ snapshot (a consistent picture). */
  async compute(organisationId: string, year: number): Promise<AnnualReportSection[]> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const sections: AnnualReportSection[] = [];
      for (const s of annualFiguresSections())
        sections.push({
          name: s.name,
          titleKo: s.titleKo,
          titleEn: s.titleEn,
          figures: await s.compute(m, { organisationId, year }),
        });
      return sections;
    });
  }

  private async row(user: AuthUser, year: number, version?: number): Promise<AnnualReportRow> {
    this.assertReader(user);
    const [row] = await this.dataSource.query<AnnualReportRow[]>(
      ...buildAnnualReport(user.organisationId, year, version ?? null),
    );
    if (!row) throw DomainError.notFound();
    return row;
  }

  private view(user: AuthUser, row: AnnualReportRow): AnnualReportView {
    return annualReportView(
      row,
      allowedAnnualReportActions(this.policy.hasRole(user, Role.PROACTIVE_OFFICE), facts(row)),
    );
  }

  private context(user: AuthUser, row: AnnualReportRow) {
    return {
      resource: 'annualReport',
      currentStatus: row.status,
      allowedActions: allowedAnnualReportActions(
        this.policy.hasRole(user, Role.PROACTIVE_OFFICE),
        facts(row),
      ),
    };
  }

  /** The organisation's office, auditors and administrators read its reports; others get a 403. */
  private assertReader(user: AuthUser): void {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR, Role.ADMIN))
      throw DomainError.forbidden();
  }

  private assertOffice(user: AuthUser): void {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
  }
}

const facts = (row: AnnualReportRow): AnnualReportFacts => ({
  status: row.status,
  latest: row.version === row.latest_version,
});
