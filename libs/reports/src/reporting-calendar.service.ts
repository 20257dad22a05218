import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import {
  parsePeriod,
  periodsOfYear,
  REPORTING_CADENCES,
  type ReportingCadence,
  type ReportingPeriod,
  calendarUnavailable,
  holidaysKnownFor,
  inOrganisationCalendar,
  seoulDate,
  withDueDate,
} from '@gwaje/calendar';
import { DomainError, ErrorCode } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role, SettingsService } from '@gwaje/identity';
import { DataSource, type EntityManager } from 'typeorm';
import { taskReportingCadenceSql } from './task-reporting-cadence.js';

export interface EffectiveCalendar {
  year: number;
  cadence: ReportingCadence;
  dueBusinessDays: number;
  /** SET: the year has its own calendar; DEFAULT: the organisation's settings apply. */
  source: 'SET' | 'DEFAULT';
  version: number | null;
}

export type CalendarPeriod = ReportingPeriod & { dueDate: string | null };

/**
 * Why a period is not open for a task's report (PERIOD_NOT_OPEN): not a period of the task's
 * reporting cadence at that time (the year's calendar's, unless a registered override such as a
 * 중점 협업과제's monthly reports applies: `cadence` is then the task's and `taskOwn` true), not
 * begun yet, or the task was neither SELECTED nor IN_PROGRESS at any time during it.
 */
export type PeriodRefusal =
  | { cause: 'notInCalendar'; cadence?: ReportingCadence; taskOwn?: boolean }
  | { cause: 'notStarted'; periodStart: string }
  | { cause: 'taskNotActive' }
  /** A past report entered later must be of its task's year. */
  | { cause: 'otherYear'; taskYear: number };

export interface CalendarView extends EffectiveCalendar {
  periods: CalendarPeriod[];
}

/**
 * Reporting calendars (DOMAIN.md §3) and the expected reports they imply. A report is expected for
 * every task that was SELECTED or IN_PROGRESS at some time during a period that has begun and is of
 * the task's cadence at the period's start: the calendar's, unless an override registered with the
 * cadence port (task-reporting-cadence.ts) answers another. The rows are generated with one
 * INSERT … SELECT per organisation and year, ON CONFLICT DO NOTHING, so generating again changes
 * nothing and reports once expected stay when a task's cadence changes later.
 */
@Injectable()
export class ReportingCalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly settings: SettingsService,
    private readonly history: HistoryService,
  ) {}

  async effective(
    organisationId: string,
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EffectiveCalendar> {
    const [row] = await manager.query<
      Array<{ cadence: ReportingCadence; due_business_days: number; version: number }>
    >(
      `SELECT cadence, due_business_days, version FROM reporting_calendars WHERE organisation_id = $1 AND year = $2`,
      [organisationId, year],
    );
    if (row) {
      return {
        year,
        cadence: row.cadence,
        dueBusinessDays: row.due_business_days,
        source: 'SET',
        version: row.version,
      };
    }
    const values = await this.settings.values(organisationId, manager);
    return {
      year,
      cadence: values['reports.defaultCadence'],
      dueBusinessDays: values['reports.dueBusinessDays'],
      source: 'DEFAULT',
      version: null,
    };
  }

  /**
   * The year's periods with their due dates. A due date that falls in a year without holiday data
   * yet (the last period's, early in January of the next year) is null until the data arrives.
   */
  periods(calendar: EffectiveCalendar): CalendarPeriod[] {
    return periodsOfYear(calendar.year, calendar.cadence).map((p) => {
      try {
        return withDueDate(p, calendar.dueBusinessDays);
      } catch (e) {
        if (e instanceof DomainError && e.code === ErrorCode.CALENDAR_UNAVAILABLE) {
          return { ...p, dueDate: null };
        }
        throw e;
      }
    });
  }

  async view(user: AuthUser, year: number): Promise<CalendarView> {
    this.assertCanRead(user);
    const calendar = await this.effective(user.organisationId, year);
    return { ...calendar, periods: this.periods(calendar) };
  }

  /**
   * PROACTIVE_OFFICE sets a year's calendar. Allowed while no report of that year has been
   * touched (edited, submitted or given an attachment): untouched expected reports are then
   * replaced by those of the new calendar in the same transaction.
   */
  async set(
    user: AuthUser,
    year: number,
    input: { cadence: ReportingCadence; dueBusinessDays: number; version?: number },
  ): Promise<CalendarView> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
    const organisationId = user.organisationId;
    const next = {
      year,
      cadence: input.cadence,
      dueBusinessDays: input.dueBusinessDays,
    };
    // A year without holiday data fails before anything changes.
    if (!holidaysKnownFor(year)) throw calendarUnavailable(year);
    await this.tx.run(async (tx) => {
      await this.lockYear(tx, organisationId, year);
      const before = await this.effective(organisationId, year, tx.manager);
      if (
        input.version !== undefined &&
        before.version !== null &&
        input.version !== before.version
      ) {
        throw DomainError.conflict(before.version);
      }
      const [touched] = await tx.manager.query<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM reports WHERE organisation_id = $1 AND year = $2
            AND (author_id IS NOT NULL OR state <> 'DRAFT')`,
        [organisationId, year],
      );
      if (Number(touched.n) > 0 && this.differs(before, next)) {
        throw new DomainError(ErrorCode.CALENDAR_IN_USE, undefined, [], {
          reportsInUse: Number(touched.n),
        });
      }
      await tx.manager.query(
        `INSERT INTO reporting_calendars (organisation_id, year, cadence, due_business_days, updated_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organisation_id, year) DO UPDATE
            SET cadence = EXCLUDED.cadence, due_business_days = EXCLUDED.due_business_days,
                updated_by = EXCLUDED.updated_by, version = reporting_calendars.version + 1, updated_at = now()`,
        [organisationId, year, next.cadence, next.dueBusinessDays, user.id],
      );
      let replaced = 0;
      if (this.differs(before, next)) {
        const [, deleted] = await tx.manager.query<[unknown[], number]>(
          `DELETE FROM reports WHERE organisation_id = $1 AND year = $2 AND state = 'DRAFT' AND author_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.owner_type = 'report' AND a.owner_id = reports.id)`,
          [organisationId, year],
        );
        replaced = deleted;
      }
      const created = replaced
        ? await this.insertExpected(tx.manager, organisationId, {
            ...next,
            source: 'SET',
            version: null,
          })
        : 0;
      await this.history.record(tx, {
        organisationId,
        recordType: 'reporting_calendar',
        recordId: `${organisationId}:${year}`,
        action: 'set',
        actorId: user.id,
        changes: {
          cadence: { from: before.cadence, to: next.cadence },
          dueBusinessDays: { from: before.dueBusinessDays, to: next.dueBusinessDays },
          ...(replaced ? { expectedReports: { from: replaced, to: created } } : {}),
        },
        reason: null,
      });
    });
    return this.view(user, year);
  }

  /** PROACTIVE_OFFICE: generate the expected reports of a year now (the worker does it daily). */
  async generateFor(user: AuthUser, year: number): Promise<{ year: number; created: number }> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
    return { year, created: await this.generate(user.organisationId, year, user.id) };
  }

  /**
   * Generates the expected reports of an organisation's year: fixes the year's calendar (from the
   * defaults when it has none), then inserts the missing rows. Returns how many were created.
   */
  async generate(organisationId: string, year: number, actorId: string | null): Promise<number> {
    return this.tx.run(async (tx) => {
      await this.lockYear(tx, organisationId, year);
      const calendar = await this.freeze(tx, organisationId, year);
      const created = await this.insertExpected(tx.manager, organisationId, calendar);
      if (created) {
        await this.history.record(tx, {
          organisationId,
          recordType: 'reporting_calendar',
          recordId: `${organisationId}:${year}`,
          action: 'generate',
          actorId,
          changes: { expectedReports: { from: null, to: created } },
          reason: null,
        });
      }
      return created;
    });
  }

  /** Every active organisation's current year (the worker's daily job); returns rows created. */
  async generateAll(today = seoulDate()): Promise<{ organisations: number; created: number }> {
    const year = Number(today.slice(0, 4));
    const orgs = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM organisations WHERE active ORDER BY id`,
    );
    let created = 0;
    for (const org of orgs) created += await this.generate(org.id, year, null);
    return { organisations: orgs.length, created };
  }

  /**
   * The expected report of one task and period, created if it is expected and missing; else why
   * the period is not one to report on for this task (PeriodRefusal).
   */
  async ensureExpected(
    tx: Tx,
    organisationId: string,
    taskId: string,
    periodLabel: string,
  ): Promise<{ id: string } | PeriodRefusal> {
    const period = parsePeriod(periodLabel);
    if (!period) return { cause: 'notInCalendar' };
    if (period.start > seoulDate()) return { cause: 'notStarted', periodStart: period.start };
    await this.lockYear(tx, organisationId, period.year);
    const calendar = await this.freeze(tx, organisationId, period.year);
    const existing = () =>
      tx.manager.query<Array<{ id: string }>>(
        `SELECT id FROM reports WHERE task_id = $1 AND period = $2`,
        [taskId, periodLabel],
      );
    // A report once expected stays open, even when the task's cadence has changed since.
    const [before] = await existing();
    if (before) return { id: before.id };
    const cadence = await this.taskCadence(tx.manager, taskId, period.start, calendar.cadence);
    if (cadence !== period.cadence) {
      return cadence === calendar.cadence
        ? { cause: 'notInCalendar', cadence }
        : { cause: 'notInCalendar', cadence, taskOwn: true };
    }
    await this.insertExpected(tx.manager, organisationId, calendar, taskId, periodLabel);
    const [row] = await existing();
    return row ? { id: row.id } : { cause: 'taskNotActive' };
  }

  private async freeze(tx: Tx, organisationId: string, year: number): Promise<EffectiveCalendar> {
    const calendar = await this.effective(organisationId, year, tx.manager);
    if (calendar.source === 'DEFAULT') {
      // A year without holiday data is refused before its calendar is fixed.
      if (!holidaysKnownFor(year)) throw calendarUnavailable(year);
      await tx.manager.query(
        `INSERT INTO reporting_calendars (organisation_id, year, cadence, due_business_days)
         VALUES ($1, $2, $3, $4) ON CONFLICT (organisation_id, year) DO NOTHING`,
        [organisationId, year, calendar.cadence, calendar.dueBusinessDays],
      );
    }
    return calendar;
  }

  /**
   * The cadence a task reports in for a period beginning on `periodStart`: a registered override's
   * (the cadence port) or else the calendar's.
   */
  async taskCadence(
    manager: EntityManager,
    taskId: string,
    periodStart: string,
    calendarCadence: ReportingCadence,
  ): Promise<ReportingCadence> {
    const [row] = await manager.query<Array<{ cadence: ReportingCadence }>>(
      `SELECT ${taskReportingCadenceSql('t', '$2::date', '$3::text')} AS cadence
         FROM tasks t WHERE t.id = $1`,
      [taskId, periodStart, calendarCadence],
    );
    return row?.cadence ?? calendarCadence;
  }

  /**
   * One INSERT … SELECT over the year's begun periods of every cadence and the organisation's task
   * activity, keeping for each task the periods of its cadence at their start (the calendar's,
   * unless the cadence port answers another).
   */
  private async insertExpected(
    manager: EntityManager,
    organisationId: string,
    calendar: Omit<EffectiveCalendar, 'source' | 'version'> & Partial<EffectiveCalendar>,
    taskId?: string,
    periodLabel?: string,
  ): Promise<number> {
    const today = seoulDate();
    // The organisation's own closures count, also in the worker's daily run (no request context).
    const periods = inOrganisationCalendar(organisationId, () =>
      REPORTING_CADENCES.flatMap((cadence) => periodsOfYear(calendar.year, cadence))
        .filter((p) => p.start <= today && (!periodLabel || p.period === periodLabel))
        .map((p) => withDueDate(p, calendar.dueBusinessDays)),
    );
    if (!periods.length) return 0;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO reports (organisation_id, task_id, year, period, period_start, period_end, due_date)
       SELECT t.organisation_id, t.id, $2, p.period, p.period_start, p.period_end, p.due_date
         FROM unnest($3::text[], $4::date[], $5::date[], $6::date[], $8::text[])
              AS p(period, period_start, period_end, due_date, cadence)
         JOIN tasks t ON t.organisation_id = $1 AND ($7::uuid IS NULL OR t.id = $7::uuid)
        WHERE p.cadence = ${taskReportingCadenceSql('t', 'p.period_start', '$9::text')}
          AND EXISTS (
                SELECT 1 FROM task_active_spans s
                 WHERE s.task_id = t.id
                   AND s.active_from < ((p.period_end + 1)::timestamp AT TIME ZONE 'Asia/Seoul')
                   AND (s.active_until IS NULL
                        OR s.active_until >= (p.period_start::timestamp AT TIME ZONE 'Asia/Seoul')))
       ON CONFLICT (task_id, period) DO NOTHING
       RETURNING id`,
      [
        organisationId,
        calendar.year,
        periods.map((p) => p.period),
        periods.map((p) => p.start),
        periods.map((p) => p.end),
        periods.map((p) => p.dueDate),
        taskId ?? null,
        periods.map((p) => p.cadence),
        calendar.cadence,
      ],
    );
    return inserted.length;
  }

  /** Serialises generation and calendar changes of one organisation's year. */
  private async lockYear(tx: Tx, organisationId: string, year: number): Promise<void> {
    await tx.manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('reports-year:' || $1 || ':' || $2, 0))`,
      [organisationId, year],
    );
  }

  private differs(a: { cadence: string; dueBusinessDays: number }, b: typeof a): boolean {
    return a.cadence !== b.cadence || a.dueBusinessDays !== b.dueBusinessDays;
  }

  private assertCanRead(user: AuthUser): void {
    if (
      !this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD, Role.AUDITOR, Role.PROACTIVE_OFFICE)
    ) {
      throw DomainError.forbidden();
    }
  }
}
