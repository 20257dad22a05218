import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { DomainError, type LocalText } from '@gwaje/common';
import type { Tx } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import {
  ANCESTORS_CTE,
  ENTRY_COLUMNS,
  ENTRY_FROM,
  ENTRY_SCOPE,
  type EntryRow,
  ROUND_COLUMNS,
  ROUND_FROM,
  ROUND_SCOPE,
  type RoundRow,
  scoped,
} from './contest-query.js';
import {
  allowedEntryActions,
  allowedRoundActions,
  type ContestActor,
  type ContestEntryState,
  type ContestRoundStatus,
} from './contest-workflow.js';

/** How the caller stands to a round. */
export interface RoundRelation {
  /** PROACTIVE_OFFICE or AUDITOR of the organiser: sees everything of the round. */
  full: boolean;
  /** PROACTIVE_OFFICE of the organiser: runs the round. */
  organiser: boolean;
  /** A panel member of the round. */
  judge: boolean;
  /** PROACTIVE_OFFICE of an organisation that may enter (the organiser or one below it). */
  entrant: boolean;
}

/**
 * Access to contest rounds and entries, decided in SQL (ARCHITECTURE.md convention 7): a record
 * the caller may not read is a 404, whatever it is; the caller's relation to a readable round
 * decides what it may do (403/409 otherwise) and what it sees of the entries.
 */
@Injectable()
export class ContestAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
  ) {}

  /** Contests are read by the business roles; an ADMIN-only account reads none. */
  isBusinessUser(user: AuthUser): boolean {
    return this.policy.hasRole(
      user,
      Role.STAFF,
      Role.DEPT_HEAD,
      Role.AUDITOR,
      Role.PROACTIVE_OFFICE,
      Role.COMMITTEE,
    );
  }

  /** 404 for an account that reads no contests (isBusinessUser). */
  assertBusinessUser(user: AuthUser): void {
    if (!this.isBusinessUser(user)) throw DomainError.notFound();
  }

  isOffice(user: AuthUser): boolean {
    return this.policy.hasRole(user, Role.PROACTIVE_OFFICE);
  }

  isFullReader(user: AuthUser): boolean {
    return this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR);
  }

  async readableRound(user: AuthUser, id: string, executor?: Tx): Promise<RoundRow> {
    const [row] = await this.readableRounds(user, 'r.id = $X', [id], executor);
    if (!row) throw DomainError.notFound();
    return row;
  }

  async readableRounds(
    user: AuthUser,
    where: string,
    values: unknown[],
    executor?: Tx,
  ): Promise<RoundRow[]> {
    this.assertBusinessUser(user);
    const params: unknown[] = [];
    const cte = scoped(ANCESTORS_CTE, params, { ORG: user.organisationId });
    const scope = scoped(ROUND_SCOPE, params, { ORG: user.organisationId });
    let i = 0;
    const filter = where.replace(/\$X/g, () => {
      params.push(values[i++]);
      return `$${params.length}`;
    });
    const sql = `WITH ${cte} SELECT ${ROUND_COLUMNS} FROM ${ROUND_FROM}
      WHERE ${scope} AND ${filter} ORDER BY r.year DESC, r.entries_open DESC, r.id`;
    return executor
      ? executor.manager.query<RoundRow[]>(sql, params)
      : this.dataSource.query<RoundRow[]>(sql, params);
  }

  /** An organisation that may enter the round: the organiser itself or one below it. */
  /** The organisation and every one above it: the organisers whose rounds it may enter. */
  async organisersOf(organisationId: string): Promise<Set<string>> {
    const params: unknown[] = [];
    const cte = scoped(ANCESTORS_CTE, params, { ORG: organisationId });
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `WITH ${cte} SELECT id FROM up`,
      params,
    );
    return new Set(rows.map((r) => r.id));
  }

  async mayEnter(organisationId: string, round: { organisation_id: string }): Promise<boolean> {
    return (await this.organisersOf(organisationId)).has(round.organisation_id);
  }

  /** `organisers`: the caller's organisersOf, when already read (a list of rounds reads it once). */
  async relation(
    user: AuthUser,
    round: RoundRow,
    organisers?: Set<string>,
  ): Promise<RoundRelation> {
    const own = round.organisation_id === user.organisationId;
    const office = this.isOffice(user);
    const entrant =
      office &&
      round.status !== 'DRAFT' &&
      (organisers
        ? organisers.has(round.organisation_id)
        : await this.mayEnter(user.organisationId, round));
    return {
      full: own && this.isFullReader(user),
      organiser: own && office,
      judge: own && this.policy.hasRole(user, Role.COMMITTEE) && round.panel_ids.includes(user.id),
      entrant,
    };
  }

  actors(rel: RoundRelation): ContestActor[] {
    const out: ContestActor[] = [];
    if (rel.organiser) out.push('ORGANISER');
    if (rel.entrant) out.push('ENTRANT');
    if (rel.judge) out.push('JUDGE');
    return out;
  }

  async readableEntry(user: AuthUser, id: string): Promise<EntryRow> {
    const [row] = await this.readableEntries(user, 'e.id = $X', [id]);
    if (!row) throw DomainError.notFound();
    return row;
  }

  async readableEntries(user: AuthUser, where: string, values: unknown[]): Promise<EntryRow[]> {
    this.assertBusinessUser(user);
    const params: unknown[] = [];
    const scope = scoped(ENTRY_SCOPE, params, {
      ORG: user.organisationId,
      USER: user.id,
      DEPT: user.departmentId,
      FULL: this.isFullReader(user),
    });
    let i = 0;
    const filter = where.replace(/\$X/g, () => {
      params.push(values[i++]);
      return `$${params.length}`;
    });
    return this.dataSource.query<EntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} JOIN contest_rounds r ON r.id = e.round_id
        WHERE ${scope} AND ${filter}
        ORDER BY e.field, e.rank NULLS LAST, e.submitted_at, e.id`,
      params,
    );
  }

  /** Rows of a round by id without access checks: for a round the caller already reached. */
  async roundById(tx: Tx | undefined, id: string): Promise<RoundRow | undefined> {
    const sql = `SELECT ${ROUND_COLUMNS} FROM ${ROUND_FROM} WHERE r.id = $1`;
    const [row] = tx
      ? await tx.manager.query<RoundRow[]>(sql, [id])
      : await this.dataSource.query<RoundRow[]>(sql, [id]);
    return row;
  }

  /**
   * Locks the round's row and reads its status and version as they are now (every change checks
   * again under this lock). Lock order: a lower round before the higher round it feeds, a round
   * before its entries.
   */
  async lockRound(
    tx: Tx,
    id: string,
    mode: 'FOR SHARE' | 'FOR NO KEY UPDATE',
  ): Promise<{ status: ContestRoundStatus; version: number }> {
    const [row] = await tx.manager.query<Array<{ status: ContestRoundStatus; version: number }>>(
      `SELECT status, version FROM contest_rounds WHERE id = $1 ${mode}`,
      [id],
    );
    if (!row) throw DomainError.notFound();
    return row;
  }

  roundRefusal(
    round: { status: ContestRoundStatus },
    rel: RoundRelation,
    text?: LocalText,
  ): DomainError {
    return DomainError.illegalTransition(
      {
        resource: 'contestRound',
        currentStatus: round.status,
        allowedActions: allowedRoundActions(round.status, this.actors(rel)),
      },
      text,
    );
  }

  entryRefusal(
    round: { status: ContestRoundStatus },
    state: ContestEntryState,
    rel: RoundRelation,
    text?: LocalText,
  ): DomainError {
    return DomainError.illegalTransition(
      {
        resource: 'contestEntry',
        currentStatus: state,
        allowedActions: allowedEntryActions(round.status, state, this.actors(rel)),
      },
      text,
    );
  }

  record(
    tx: Tx,
    user: { id: string } | null,
    organisationId: string,
    recordType: 'contest_round' | 'contest_entry' | 'contest_award',
    recordId: string,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason: string | null = null,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId,
      recordType,
      recordId,
      action,
      actorId: user?.id ?? null,
      changes,
      reason,
    });
  }
}
