import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode, type LocalText } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { calendarUnavailable, movedDueDate, seoulDate } from '../business-days.js';
import { businessDayDeadlines } from '../deadline-port.js';
import type { DeclaredDay, DeclaredDays } from '../declared-days.js';
import { holidaysKnownFor } from '../holidays.js';
import { holidayHorizon, type HolidayHorizon } from '../horizon.js';
import {
  DECLARED_DAYS_CHANNEL,
  DeclaredDaysRegistry,
  loadDeclaredDays,
} from './declared-days.registry.js';

export const DECLARED_DAY_RECORD_TYPE = 'declared_day';
/** The history action on a record whose deadline a declaration moved. */
export const DUE_DATE_MOVED = 'dueDateMoved';

export type DeclarationScope = 'NATIONAL' | 'ORGANISATION';

export interface NewDeclaration {
  scope: DeclarationScope;
  /** ORGANISATION: whose closure (default: the caller's organisation). */
  organisationId?: string;
  date: string;
  name: string;
  /** The legal basis or the announcement (관보, 보도자료, 교육감 결재 …). */
  basis: string;
  reason: string;
}

/** The deadlines one declaration or withdrawal moved, per kind of record. */
export interface MovedDeadlines {
  total: number;
  byRecordType: Record<string, number>;
}

export interface Declaration {
  id: string;
  scope: DeclarationScope;
  organisation: { id: string; name: string } | null;
  date: string;
  name: string;
  basis: string;
  reason: string;
  declaredBy: { id: string; name: string } | null;
  declaredAt: Date;
  /** Deadlines the declaration moved when it was made. */
  moved: number;
  withdrawnAt: Date | null;
  withdrawnBy: { id: string; name: string } | null;
  withdrawalReason: string | null;
  /** The caller may withdraw it now (in force, not past, and theirs to administer). */
  withdrawable: boolean;
}

interface Row {
  id: string;
  organisation_id: string | null;
  organisation_name: string | null;
  day: string;
  name: string;
  basis: string;
  reason: string;
  declared_by: string | null;
  declared_by_name: string | null;
  declared_at: Date;
  moved: number;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_by_name: string | null;
  withdrawal_reason: string | null;
}

const SELECT = `SELECT d.id, d.organisation_id, o.name AS organisation_name, d.day::text AS day, d.name,
                       d.basis, d.reason, d.declared_by, du.name AS declared_by_name, d.declared_at,
                       d.moved, d.withdrawn_at, d.withdrawn_by, wu.name AS withdrawn_by_name,
                       d.withdrawal_reason
                  FROM declared_days d
                  LEFT JOIN organisations o ON o.id = d.organisation_id
                  LEFT JOIN users du ON du.id = d.declared_by
                  LEFT JOIN users wu ON wu.id = d.withdrawn_by`;

const PAST_DAY: LocalText = {
  ko: '지난 날짜의 휴일은 지정하거나 철회할 수 없습니다. 그날로 계산된 기한은 이미 지났습니다.',
  en: 'a day already past cannot be declared or withdrawn: the deadlines counted over it have run',
};

/**
 * Declared days (issue 25): a system administrator declares or withdraws a national holiday, an
 * organisation's administrator a closure of that organisation. Each change, in one transaction
 * under one lock: the declaration row, a history entry on it, and every open deadline counted in
 * business days over that date (the capabilities' registered sources) moved to where the same count
 * now lands, each with a history entry saying why. After the commit every process reloads its
 * calendar (NOTIFY), so reminders follow the new dates.
 */
@Injectable()
export class DeclaredDaysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly registry: DeclaredDaysRegistry,
  ) {}

  /** What the holiday data covers, seen today (the admin screen's warning). */
  horizon(today = seoulDate()): HolidayHorizon {
    return holidayHorizon(today);
  }

  /**
   * National declarations and the closures of the caller's organisation (an ADMIN: also of the
   * organisations it administers), withdrawn ones included, by date.
   */
  async list(user: AuthUser, year?: number): Promise<Declaration[]> {
    const administered = new Set(await this.policy.administeredOrganisationIds(user));
    const orgs = new Set([user.organisationId, ...administered]);
    const rows = await this.dataSource.query<Row[]>(
      `${SELECT}
        WHERE (d.organisation_id IS NULL OR d.organisation_id = ANY($1::uuid[]))
          AND ($2::int IS NULL OR extract(year FROM d.day) = $2::int)
        ORDER BY d.day, d.declared_at`,
      [[...orgs], year ?? null],
    );
    return rows.map((r) => this.view(r, user, administered));
  }

  async declare(
    user: AuthUser,
    input: NewDeclaration,
  ): Promise<{ declaration: Declaration; moved: MovedDeadlines }> {
    const organisationId = await this.assertMayDeclare(user, input);
    this.assertDayOpenToChange(input.date);
    const year = Number(input.date.slice(0, 4));
    if (!holidaysKnownFor(year)) throw calendarUnavailable(year);
    const { id, moved } = await this.tx.run(async (tx) => {
      await this.lock(tx);
      const [existing] = await tx.manager.query<Array<{ id: string }>>(
        `SELECT id FROM declared_days
          WHERE day = $1 AND withdrawn_at IS NULL AND organisation_id IS NOT DISTINCT FROM $2::uuid`,
        [input.date, organisationId],
      );
      if (existing) {
        throw new DomainError(
          ErrorCode.DUPLICATE,
          {
            ko: `${input.date}은(는) 이미 휴일로 지정되어 있습니다.`,
            en: `${input.date} is already declared.`,
          },
          [],
          { declarationId: existing.id },
        );
      }
      const before = await loadDeclaredDays(tx.manager);
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO declared_days (organisation_id, day, name, basis, reason, declared_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [organisationId, input.date, input.name, input.basis, input.reason, user.id],
      );
      const day: DeclaredDay = { id: row.id, date: input.date, name: input.name, organisationId };
      const moved = await this.moveDeadlines(
        tx,
        user,
        day,
        before,
        before.with(day),
        `${input.date} ${input.name} ${organisationId ? '휴무일' : '공휴일'} 지정 (${input.basis}): ${input.reason}`,
      );
      await tx.manager.query(`UPDATE declared_days SET moved = $2 WHERE id = $1`, [
        row.id,
        moved.total,
      ]);
      await this.history.record(tx, {
        organisationId: organisationId ?? user.organisationId,
        recordType: DECLARED_DAY_RECORD_TYPE,
        recordId: row.id,
        action: 'declare',
        actorId: user.id,
        changes: {
          scope: { from: null, to: input.scope },
          date: { from: null, to: input.date },
          name: { from: null, to: input.name },
          basis: { from: null, to: input.basis },
          movedDeadlines: { from: null, to: moved.total },
        },
        reason: input.reason,
      });
      await this.announce(tx);
      return { id: row.id, moved };
    });
    await this.registry.reload();
    return { declaration: await this.one(user, id), moved };
  }

  async withdraw(
    user: AuthUser,
    id: string,
    reason: string,
  ): Promise<{ declaration: Declaration; moved: MovedDeadlines }> {
    // Who may is decided before the transaction (the policy reads through the pool; a
    // declaration's organisation never changes).
    const [found] = await this.dataSource.query<Row[]>(`${SELECT} WHERE d.id = $1`, [id]);
    if (!found || !(await this.mayRead(user, found.organisation_id))) throw DomainError.notFound();
    await this.assertMayChange(user, found.organisation_id);
    const moved = await this.tx.run(async (tx) => {
      await this.lock(tx);
      const [row] = await tx.manager.query<Row[]>(`${SELECT} WHERE d.id = $1`, [id]);
      if (row.withdrawn_at) {
        throw DomainError.illegalTransition(
          { resource: DECLARED_DAY_RECORD_TYPE, currentStatus: 'WITHDRAWN', allowedActions: [] },
          { ko: '이미 철회된 지정입니다.', en: 'The declaration is already withdrawn.' },
        );
      }
      this.assertDayOpenToChange(row.day);
      const before = await loadDeclaredDays(tx.manager);
      const moved = await this.moveDeadlines(
        tx,
        user,
        { id: row.id, date: row.day, name: row.name, organisationId: row.organisation_id },
        before,
        before.without(row.id),
        `${row.day} ${row.name} ${row.organisation_id ? '휴무일' : '공휴일'} 지정 철회: ${reason}`,
      );
      await tx.manager.query(
        `UPDATE declared_days SET withdrawn_at = now(), withdrawn_by = $2, withdrawal_reason = $3
          WHERE id = $1`,
        [id, user.id, reason],
      );
      await this.history.record(tx, {
        organisationId: row.organisation_id ?? user.organisationId,
        recordType: DECLARED_DAY_RECORD_TYPE,
        recordId: id,
        action: 'withdraw',
        actorId: user.id,
        changes: { movedDeadlines: { from: null, to: moved.total } },
        reason,
      });
      await this.announce(tx);
      return moved;
    });
    await this.registry.reload();
    return { declaration: await this.one(user, id), moved };
  }

  /**
   * Moves every open deadline the change of `day` shifts: each registered source's rows that count
   * over the date, recounted under `after`, with a history entry on each moved record.
   */
  private async moveDeadlines(
    tx: Tx,
    user: AuthUser,
    day: DeclaredDay,
    before: DeclaredDays,
    after: DeclaredDays,
    /** The history entries' reason: which declaration moved the date. */
    why: string,
  ): Promise<MovedDeadlines> {
    const moved: MovedDeadlines = { total: 0, byRecordType: {} };
    for (const source of businessDayDeadlines()) {
      const rows = await tx.manager.query<
        Array<{
          id: string;
          organisation_id: string;
          history_organisation_id: string;
          basis: string;
          due: string;
        }>
      >(source.openSql, [day.date, day.organisationId]);
      for (const r of rows) {
        const to = movedDueDate(
          r.basis,
          r.due,
          { declared: before, organisationId: r.organisation_id },
          { declared: after, organisationId: r.organisation_id },
        );
        if (to === r.due) continue;
        await tx.manager.query(source.updateSql, [r.id, to]);
        await this.history.record(tx, {
          organisationId: r.history_organisation_id,
          recordType: source.recordType,
          recordId: r.id,
          action: DUE_DATE_MOVED,
          actorId: user.id,
          changes: { [source.field]: { from: r.due, to } },
          reason: why,
        });
        moved.total++;
        moved.byRecordType[source.recordType] = (moved.byRecordType[source.recordType] ?? 0) + 1;
      }
    }
    return moved;
  }

  /** National declarations are public; a closure to its organisation and those administering it. */
  private async mayRead(user: AuthUser, organisationId: string | null): Promise<boolean> {
    if (!organisationId || organisationId === user.organisationId) return true;
    return (await this.policy.administeredOrganisationIds(user)).includes(organisationId);
  }

  private async one(user: AuthUser, id: string): Promise<Declaration> {
    const [row] = await this.dataSource.query<Row[]>(`${SELECT} WHERE d.id = $1`, [id]);
    const administered = new Set(await this.policy.administeredOrganisationIds(user));
    return this.view(row, user, administered);
  }

  private view(r: Row, user: AuthUser, administered: Set<string>): Declaration {
    const mayChange = r.organisation_id
      ? administered.has(r.organisation_id)
      : this.policy.isSystemAdministrator(user);
    return {
      id: r.id,
      scope: r.organisation_id ? 'ORGANISATION' : 'NATIONAL',
      organisation: r.organisation_id
        ? { id: r.organisation_id, name: r.organisation_name ?? '' }
        : null,
      date: r.day,
      name: r.name,
      basis: r.basis,
      reason: r.reason,
      declaredBy: r.declared_by ? { id: r.declared_by, name: r.declared_by_name ?? '' } : null,
      declaredAt: r.declared_at,
      moved: r.moved,
      withdrawnAt: r.withdrawn_at,
      withdrawnBy: r.withdrawn_by ? { id: r.withdrawn_by, name: r.withdrawn_by_name ?? '' } : null,
      withdrawalReason: r.withdrawal_reason,
      withdrawable: mayChange && !r.withdrawn_at && r.day >= seoulDate(),
    };
  }

  /** The organisation of the declaration (null: national), after checking the caller may make it. */
  private async assertMayDeclare(user: AuthUser, input: NewDeclaration): Promise<string | null> {
    if (input.scope === 'NATIONAL') {
      if (input.organisationId) {
        throw DomainError.invalidField('organisationId', 'notWithNational', {
          ko: '전국 공휴일에는 기관을 지정하지 않습니다.',
          en: 'a national holiday names no organisation',
        });
      }
      await this.assertMayChange(user, null);
      return null;
    }
    const organisationId = input.organisationId ?? user.organisationId;
    await this.assertMayChange(user, organisationId);
    return organisationId;
  }

  /**
   * National: the system administrator alone (403 otherwise). An organisation's closure: an ADMIN
   * administering it (403 for other roles, 404 for an organisation it does not administer).
   */
  private async assertMayChange(user: AuthUser, organisationId: string | null): Promise<void> {
    if (!this.policy.hasRole(user, Role.ADMIN)) throw DomainError.forbidden();
    if (organisationId === null) {
      if (!this.policy.isSystemAdministrator(user)) throw DomainError.forbidden();
      return;
    }
    await this.policy.assertAdministers(user, organisationId);
  }

  private assertDayOpenToChange(date: string): void {
    if (date < seoulDate()) throw DomainError.invalidField('date', 'past', PAST_DAY);
  }

  /** One change of declarations at a time, everywhere: each recount sees the one before it. */
  private async lock(tx: Tx): Promise<void> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('declared-days', 0))`);
  }

  /** Every process reloads its calendar once this transaction commits (NOTIFY is delivered then). */
  private announce(tx: Tx): Promise<unknown> {
    return tx.manager.query(`SELECT pg_notify($1, '')`, [DECLARED_DAYS_CHANNEL]);
  }
}
