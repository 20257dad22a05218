import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { AppConfig } from '@gwaje/config';
import { DomainError } from '@gwaje/common';
import { onReplica } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CONSULTATIONS_SQL,
  consultationFigures,
  type DashboardData,
  EVALUATIONS_SQL,
  REPORTS_SQL,
  reportFigures,
  RETURNS_SQL,
  type SectionFigures,
  TASKS_SQL,
  taskFigures,
} from './dashboard-figures.js';
import {
  DRILLDOWN_SQL,
  type DrilldownKind,
  type DrilldownRecordType,
  recordLinks,
} from './drilldown-query.js';
import { computeSections, historyMarkSql } from './dashboard-sections.js';

export interface DashboardView {
  organisationId: string;
  year: number;
  /** ORGANISATION for auditors and the office; DEPARTMENT for a department's staff. */
  scope: 'ORGANISATION' | 'DEPARTMENT';
  compiledAt: Date | null;
  ageSeconds: number | null;
  asOf: string | null;
  /** The history sequence the snapshot saw, and whether changes came after it. */
  highWaterMark: string | null;
  stale: boolean;
  figures: (SectionFigures & { evaluations?: DashboardData['organisation']['evaluations'] }) | null;
  departments: DashboardData['departments'];
  /**
   * The registered sections' figures (dashboard-sections.ts), by name: the organisation's only
   * (empty for a department's view and before the first compile).
   */
  sections: Record<string, unknown>;
}

type Row = Record<string, unknown> & { dept: string | null; is_total: boolean };

/** A compile's result, as `compile` hands it to the work done in the transaction storing it. */
export interface CompiledSnapshot {
  compiledAt: Date;
  asOf: string;
  highWaterMark: string;
  durationMs: number;
  data: DashboardData;
  /** false: a snapshot with a later history mark was already stored (this one was not). */
  stored: boolean;
}

export interface DrilldownItem {
  id: string;
  recordType: DrilldownRecordType;
  title: string;
  departmentName: string;
  dueDate: string;
  /** The record's page in the web app, for a person (absolute under PUBLIC_URL). */
  webUrl: string;
  /** The record's API resource. */
  href: string;
}

/**
 * Progress dashboards (DOMAIN.md §7): compiled from Postgres with set-based SQL into one snapshot
 * per organisation and year, read with how old it is, drilled into with live scoped lists. A
 * compile on request is a handle of its own (DashboardCompiles).
 */
@Injectable()
export class DashboardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly accessLog: AccessLogService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Compiles every figure in one REPEATABLE READ transaction (a consistent picture), then stores it
   * with the organisation's history high-water mark read in the same snapshot. A snapshot older
   * (by mark) than the one already stored is not stored (`stored: false`). `alsoInTransaction` runs
   * in the transaction that stores it (a compile request records what it produced there), where
   * `now()` is the snapshot's `compiledAt`.
   */
  async compile(
    organisationId: string,
    year: number,
    asOf = seoulDate(),
    alsoInTransaction?: (m: EntityManager, compiled: CompiledSnapshot) => Promise<void>,
  ): Promise<{ durationMs: number; highWaterMark: string; compiledAt: Date; stored: boolean }> {
    const started = Date.now();
    const result = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [hwm] = await m.query<Array<{ seq: string | null }>>(
        `SELECT ${historyMarkSql('$1::uuid')}::text AS seq`,
        [organisationId],
      );
      const params = [organisationId, year, asOf];
      const [tasks, reports, returns, consultations, rounds, departments] = [
        await m.query<Row[]>(TASKS_SQL, params),
        await m.query<Row[]>(REPORTS_SQL, params),
        await m.query<Row[]>(RETURNS_SQL, params),
        await m.query<Row[]>(CONSULTATIONS_SQL, params),
        await m.query<
          Array<{
            id: string;
            kind: string;
            title: string;
            status: string;
            by_state: Record<string, number>;
            owed: number;
            scored: number;
          }>
        >(EVALUATIONS_SQL, [organisationId, year]),
        await m.query<Array<{ id: string; name: string }>>(
          `SELECT id, name FROM departments WHERE organisation_id = $1 ORDER BY name`,
          [organisationId],
        ),
      ];
      const total = (rows: Row[]) => rows.find((r) => r.is_total);
      const of = (rows: Row[], dept: string) => rows.find((r) => !r.is_total && r.dept === dept);
      const present = new Set(
        [...tasks, ...reports, ...returns, ...consultations]
          .filter((r) => !r.is_total)
          .map((r) => r.dept),
      );
      const data: DashboardData = {
        asOf,
        organisation: {
          tasks: taskFigures(total(tasks)),
          reports: reportFigures(total(reports), total(returns)),
          consultations: consultationFigures(total(consultations)),
          evaluations: {
            rounds: rounds.map((r) => ({
              id: r.id,
              kind: r.kind,
              title: r.title,
              status: r.status,
              nominationsByState: r.by_state,
              sheetsOwed: r.owed,
              sheetsScored: r.scored,
              scoringCompletion: r.owed ? Math.round((1000 * r.scored) / r.owed) / 10 : null,
            })),
          },
        },
        departments: departments
          .filter((d) => present.has(d.id))
          .map((d) => ({
            departmentId: d.id,
            departmentName: d.name,
            tasks: taskFigures(of(tasks, d.id)),
            reports: reportFigures(of(reports, d.id), of(returns, d.id)),
            consultations: consultationFigures(of(consultations, d.id)),
          })),
        sections: await computeSections(m, { organisationId, year, asOf }),
      };
      return { data, hwm: hwm.seq ?? '0' };
    });
    const durationMs = Date.now() - started;
    return this.dataSource.transaction(async (m) => {
      const [saved] = await m.query<Array<{ compiled_at: Date; stored: boolean }>>(
        `WITH stored AS (
           INSERT INTO dashboard_snapshots (organisation_id, year, compiled_at, high_water_mark, as_of, duration_ms, data)
           VALUES ($1, $2, now(), $3, $4, $5, $6)
           ON CONFLICT (organisation_id, year) DO UPDATE
              SET compiled_at = EXCLUDED.compiled_at, high_water_mark = EXCLUDED.high_water_mark,
                  as_of = EXCLUDED.as_of, duration_ms = EXCLUDED.duration_ms, data = EXCLUDED.data
            WHERE dashboard_snapshots.high_water_mark <= EXCLUDED.high_water_mark
           RETURNING 1)
         SELECT now() AS compiled_at, EXISTS (SELECT 1 FROM stored) AS stored`,
        [organisationId, year, result.hwm, asOf, durationMs, JSON.stringify(result.data)],
      );
      const compiled = {
        compiledAt: saved.compiled_at,
        asOf,
        highWaterMark: result.hwm,
        durationMs,
        data: result.data,
        stored: saved.stored,
      };
      await alsoInTransaction?.(m, compiled);
      return {
        durationMs,
        highWaterMark: result.hwm,
        compiledAt: saved.compiled_at,
        stored: saved.stored,
      };
    });
  }

  /**
   * Organisation-years whose data changed since their snapshot (history moved past its mark), for
   * this year and last year. A burst of changes makes one pair, however many changes it holds.
   */
  async dirty(
    today = seoulDate(),
  ): Promise<Array<{ organisationId: string; year: number; highWaterMark: string }>> {
    const year = Number(today.slice(0, 4));
    return this.dataSource.query(
      `SELECT o.id AS "organisationId", y.year, h.seq::text AS "highWaterMark"
         FROM organisations o
         CROSS JOIN (VALUES ($1::int), ($1::int - 1)) AS y(year)
         JOIN LATERAL (SELECT ${historyMarkSql('o.id')} AS seq) h ON h.seq IS NOT NULL
         LEFT JOIN dashboard_snapshots s ON s.organisation_id = o.id AND s.year = y.year
        WHERE o.active AND (s.organisation_id IS NULL OR s.high_water_mark < h.seq)
        ORDER BY o.id, y.year`,
      [year],
    );
  }

  async organisations(): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM organisations WHERE active ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }

  /** The latest snapshot: the organisation's for AUDITOR and PROACTIVE_OFFICE, a department's for its staff. */
  async read(user: AuthUser, year: number, departmentId?: string): Promise<DashboardView> {
    const whole = this.policy.hasRole(user, Role.AUDITOR, Role.PROACTIVE_OFFICE);
    if (!whole && !this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD))
      throw DomainError.forbidden();
    const department = whole ? departmentId : (departmentId ?? user.departmentId);
    if (!whole && department !== user.departmentId) throw DomainError.forbidden();
    // Dashboards read from a replica when one is configured (README: Scale-out and read replica).
    const [snap] = await onReplica<
      Array<{
        compiled_at: Date;
        high_water_mark: string;
        as_of: string;
        data: DashboardData;
        current: string | null;
      }>
    >(
      this.dataSource,
      `SELECT s.compiled_at, s.high_water_mark::text AS high_water_mark, to_char(s.as_of, 'YYYY-MM-DD') AS as_of, s.data,
              ${historyMarkSql('s.organisation_id')}::text AS current
         FROM dashboard_snapshots s WHERE s.organisation_id = $1 AND s.year = $2`,
      [user.organisationId, year],
    );
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: 'dashboard',
      recordId: `${year}`,
      filter: { departmentId: department ?? null },
    });
    const base = {
      organisationId: user.organisationId,
      year,
      scope: department ? ('DEPARTMENT' as const) : ('ORGANISATION' as const),
    };
    if (!snap) {
      return {
        ...base,
        compiledAt: null,
        ageSeconds: null,
        asOf: null,
        highWaterMark: null,
        stale: true,
        figures: null,
        departments: [],
        sections: {},
      };
    }
    const dept = department
      ? snap.data.departments.find((d) => d.departmentId === department)
      : undefined;
    return {
      ...base,
      compiledAt: snap.compiled_at,
      ageSeconds: Math.round((Date.now() - new Date(snap.compiled_at).getTime()) / 1000),
      asOf: snap.as_of,
      highWaterMark: snap.high_water_mark,
      stale: snap.current !== null && BigInt(snap.current) > BigInt(snap.high_water_mark),
      figures: department
        ? dept
          ? { tasks: dept.tasks, reports: dept.reports, consultations: dept.consultations }
          : null
        : snap.data.organisation,
      departments: department ? [] : snap.data.departments,
      sections: department ? {} : (snap.data.sections ?? {}),
    };
  }

  /**
   * The records behind a figure, live and scoped like the dashboard, each with its web page
   * (`webUrl`) and API resource (`href`).
   */
  async drilldown(
    user: AuthUser,
    input: {
      year: number;
      kind: DrilldownKind;
      departmentId?: string;
      limit: number;
      offset: number;
    },
  ) {
    const whole = this.policy.hasRole(user, Role.AUDITOR, Role.PROACTIVE_OFFICE);
    if (!whole && !this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD))
      throw DomainError.forbidden();
    const department = whole
      ? (input.departmentId ?? null)
      : (input.departmentId ?? user.departmentId);
    if (!whole && department !== user.departmentId) throw DomainError.forbidden();
    const today = seoulDate();
    const rows = await onReplica<
      Array<{
        id: string;
        recordType: DrilldownRecordType;
        title: string;
        departmentName: string;
        dueDate: string;
        total: string;
      }>
    >(this.dataSource, `${DRILLDOWN_SQL[input.kind]} LIMIT $5 OFFSET $6`, [
      user.organisationId,
      input.year,
      department,
      today,
      input.limit,
      input.offset,
    ]);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: 'dashboard',
      filter: { ...input, departmentId: department },
    });
    return {
      kind: input.kind,
      items: rows.map((r): DrilldownItem => ({
        id: r.id,
        recordType: r.recordType,
        title: r.title,
        departmentName: r.departmentName,
        dueDate: r.dueDate,
        ...recordLinks(this.config, r.recordType, r.id),
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      limit: input.limit,
      offset: input.offset,
    };
  }
}
