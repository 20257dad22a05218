import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError } from '@gwaje/common';
import { AppConfig, webUrl } from '@gwaje/config';
import { TransactionService } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { DataSource } from 'typeorm';
import {
  afterFailedAttempt,
  type CompileAction,
  type CompileState,
  compileErrorText,
  compileStatesAllowing,
} from './dashboard-compile-states.js';
import {
  FAIL_SQL,
  OUTBOX_ROW_SQL,
  REQUEST_SQL,
  RETRY_SQL,
  START_SQL,
  SUCCEED_SQL,
  VIEW_SQL,
} from './dashboard-compiles-query.js';
import type { DashboardData, SectionFigures } from './dashboard-figures.js';
import { DashboardsService } from './dashboards.service.js';

/** The outbox event of a compile the office asked for (the worker routes `dashboard.*` here). */
export const DASHBOARD_COMPILE_EVENT = 'dashboard.compile';

/** The API path of a compile request's handle. */
export const compileHref = (id: string): string => `/api/v1/dashboards/compiles/${id}`;

/** The snapshot a DONE request produced, with its figures as compiled. */
export interface CompiledSnapshotView {
  compiledAt: Date;
  asOf: string;
  /** The organisation's history sequence the compile saw. */
  highWaterMark: string;
  durationMs: number;
  /** Still the dashboard's latest snapshot (false: compiled again since, or a later one was kept). */
  current: boolean;
  /** The dashboard (its latest snapshot) in the API. */
  href: string;
  figures: SectionFigures & { evaluations?: DashboardData['organisation']['evaluations'] };
  departments: DashboardData['departments'];
}

export interface CompileRequestView {
  id: string;
  organisationId: string;
  year: number;
  status: CompileState;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Runs of its job so far. */
  attempts: number;
  /** Why the last attempt failed (RUNNING: it is retried; FAILED: it was given up). */
  error: string | null;
  /** This handle in the API. */
  href: string;
  /** The dashboard page of the year in the web app, for a person. */
  webUrl: string;
  /** The snapshot it produced; null until DONE. */
  snapshot: CompiledSnapshotView | null;
}

/** What the worker did with a relayed `dashboard.compile` row. */
export type CompileRunOutcome =
  | { outcome: 'done'; requestId: string | null; durationMs: number; highWaterMark: string }
  | { outcome: 'skipped'; reason: string };

/** A compile attempt failed; `final`: the request is FAILED now (no retry will change it). */
export class CompileAttemptFailed extends Error {
  constructor(
    message: string,
    readonly final: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CompileAttemptFailed';
  }
}

interface ViewRow {
  id: string;
  organisation_id: string;
  year: number;
  state: CompileState;
  attempts: number;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  compiled_at: Date | null;
  as_of: string | null;
  high_water_mark: string | null;
  duration_ms: number | null;
  data: DashboardData | null;
  current: boolean;
}

/** Attempts at recording a request when a concurrent one keeps colliding with it (never seen twice). */
const REQUEST_ATTEMPTS = 3;

/**
 * Compiles on request as handles (issue 17): the office asks (`POST /dashboards/compile`), the
 * request is recorded with its outbox row in one transaction and answered at once (202) with its
 * handle; the worker moves it through dashboard-compile-states.ts and records the snapshot it
 * produced; auditors and the office read it (`GET /dashboards/compiles/{id}`). A request changes
 * no business record, so it writes no history entry (one would move the organisation's history
 * mark and make its dashboard stale).
 */
@Injectable()
export class DashboardCompiles {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxService,
    private readonly dashboards: DashboardsService,
    private readonly accessLog: AccessLogService,
    private readonly config: AppConfig,
  ) {}

  /**
   * PROACTIVE_OFFICE asks for a compile of its organisation's `year`. While a request of that year
   * is still QUEUED, that one is answered (`coalesced: true`): it has not started, so its compile
   * will see everything this caller saw.
   */
  async request(
    user: AuthUser,
    year: number,
  ): Promise<CompileRequestView & { coalesced: boolean }> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
    return this.tx.run(async (tx) => {
      const { manager } = tx;
      for (let attempt = 1; attempt <= REQUEST_ATTEMPTS; attempt++) {
        const [found] = await manager.query<Array<{ id: string; coalesced: boolean }>>(
          REQUEST_SQL,
          [user.organisationId, year, user.id],
        );
        if (!found) continue;
        if (!found.coalesced) {
          await this.outbox.emit(tx, {
            organisationId: user.organisationId,
            event: DASHBOARD_COMPILE_EVENT,
            recordType: 'dashboard_compile_request',
            recordId: found.id,
            payload: { requestId: found.id, year },
          });
        }
        const [row] = await manager.query<ViewRow[]>(VIEW_SQL, [found.id, user.organisationId]);
        return { ...this.view(row), coalesced: found.coalesced };
      }
      throw new Error('a queued compile request kept colliding with this one');
    });
  }

  /**
   * A request's handle, for those who read the organisation's dashboard (AUDITOR and
   * PROACTIVE_OFFICE: it carries the whole organisation's figures); another organisation's is not
   * found. Reading the figures of a DONE request is recorded like reading the dashboard.
   */
  async get(user: AuthUser, id: string): Promise<CompileRequestView> {
    if (!this.policy.hasRole(user, Role.AUDITOR, Role.PROACTIVE_OFFICE))
      throw DomainError.forbidden();
    const [row] = await this.dataSource.query<ViewRow[]>(VIEW_SQL, [id, user.organisationId]);
    if (!row) throw DomainError.notFound();
    const view = this.view(row);
    if (view.snapshot) {
      await this.accessLog.record({
        organisationId: user.organisationId,
        userId: user.id,
        action: AccessAction.READ,
        recordType: 'dashboard',
        recordId: `${view.year}`,
        filter: { compileRequestId: id },
      });
    }
    return view;
  }

  /**
   * The worker's part: runs the request a relayed `dashboard.compile` outbox row names. `attempt`
   * is the job's (from 1, of its attempts). A finished request is left as it is. A failure is
   * recorded on the request and thrown as CompileAttemptFailed: retried (the request stays
   * RUNNING with the error) while it is passing and attempts are left, else the request is FAILED.
   * A row of before compile requests existed (payload `{ year }` only) is simply compiled.
   */
  async runFromOutbox(
    outboxId: string,
    attempt: { number: number; of: number },
  ): Promise<CompileRunOutcome> {
    const [row] = await this.dataSource.query<
      Array<{ organisation_id: string; payload: { requestId?: unknown; year?: unknown } }>
    >(OUTBOX_ROW_SQL, [outboxId]);
    if (!row) return { outcome: 'skipped', reason: 'no such outbox row' };
    const { requestId, year } = row.payload;
    if (typeof requestId === 'string') return this.run(requestId, attempt);
    if (typeof year !== 'number') return { outcome: 'skipped', reason: 'no year to compile' };
    const done = await this.dashboards.compile(row.organisation_id, year);
    return { outcome: 'done', requestId: null, ...done };
  }

  private async run(
    requestId: string,
    attempt: { number: number; of: number },
  ): Promise<CompileRunOutcome> {
    // An UPDATE answers [rows, affected] through TypeORM.
    const [[started]] = await this.dataSource.query<
      [Array<{ organisation_id: string; year: number }>, number]
    >(START_SQL, [requestId, compileStatesAllowing('start')]);
    if (!started) return { outcome: 'skipped', reason: 'request finished or unknown' };
    try {
      const done = await this.dashboards.compile(
        started.organisation_id,
        started.year,
        seoulDate(),
        async (m, compiled) => {
          await m.query(SUCCEED_SQL, [
            requestId,
            compiled.asOf,
            compiled.highWaterMark,
            compiled.durationMs,
            JSON.stringify(compiled.data),
            compileStatesAllowing('succeed'),
          ]);
        },
      );
      return {
        outcome: 'done',
        requestId,
        durationMs: done.durationMs,
        highWaterMark: done.highWaterMark,
      };
    } catch (error) {
      const action: CompileAction = afterFailedAttempt(error, attempt);
      const message = compileErrorText(error);
      await this.dataSource.query(action === 'retry' ? RETRY_SQL : FAIL_SQL, [
        requestId,
        message,
        compileStatesAllowing(action),
      ]);
      throw new CompileAttemptFailed(message, action === 'fail', { cause: error });
    }
  }

  private view(r: ViewRow): CompileRequestView {
    const dashboard = `/dashboards?year=${r.year}`;
    return {
      id: r.id,
      organisationId: r.organisation_id,
      year: r.year,
      status: r.state,
      requestedAt: r.requested_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      attempts: r.attempts,
      error: r.error,
      href: compileHref(r.id),
      webUrl: webUrl(this.config, dashboard),
      snapshot:
        r.state === 'DONE' && r.data && r.compiled_at
          ? {
              compiledAt: r.compiled_at,
              asOf: r.as_of!,
              highWaterMark: r.high_water_mark!,
              durationMs: r.duration_ms!,
              current: r.current,
              href: `/api/v1${dashboard}`,
              figures: r.data.organisation,
              departments: r.data.departments,
            }
          : null,
    };
  }
}
