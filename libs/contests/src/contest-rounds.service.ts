import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Criterion,
  criteriaProblem,
  DomainError,
  ErrorCode,
  type ErrorDetail,
} from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { type AuthUser, SettingsService } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { ContestAccess, type RoundRelation } from './contest-access.js';
import { ENTRANTS_SQL, type RoundRow } from './contest-query.js';
import {
  type AwardRow,
  awardTableProblems,
  type ContestField,
  fieldsProblems,
} from './contest-rules.js';
import {
  allowedRoundActions,
  type ContestRoundAction,
  type ContestRoundStatus,
  type ContestRoundTransition,
  roundTransition,
} from './contest-workflow.js';

export interface ContestRoundInput {
  year: number;
  title: string;
  description?: string;
  entriesOpen: string;
  entriesClose: string;
  judgingDue: string;
  resultsDate: string;
  fields: ContestField[];
  /** Left out: the organisation's evaluation criteria setting (DOMAIN.md §5, weights total 100). */
  criteria?: Criterion[];
  awardTable?: AwardRow[];
  budgetKrw?: number;
  acceptsAdvancement?: boolean;
}

export type ContestRoundPatch = Partial<ContestRoundInput> & { version: number };

export interface RoundLinkView {
  roundId: string;
  title: string;
  year: number;
  organisationId: string;
  organisationName: string;
  status: ContestRoundStatus;
  linkStatus: 'PROPOSED' | 'ACCEPTED' | 'DECLINED';
}

export interface ContestRoundView {
  id: string;
  organisationId: string;
  organisationName: string;
  year: number;
  title: string;
  description: string;
  entriesOpen: string;
  entriesClose: string;
  judgingDue: string;
  resultsDate: string;
  fields: ContestField[];
  criteria: Criterion[];
  awardTable: AwardRow[];
  budgetKrw: number;
  acceptsAdvancement: boolean;
  status: ContestRoundStatus;
  publishedAt: Date | null;
  /** The judging panel: the organiser's office and auditors and the panel itself; [] for others. */
  panelMemberIds: string[];
  /** The next level's round: the organiser sees it in any state, others once it is accepted. */
  nextRound: RoundLinkView | null;
  /** Rounds proposing to feed this one or fed by it: the organiser only. */
  feeders: RoundLinkView[];
  relation: RoundRelation;
  allowedActions: ContestRoundAction[];
  version: number;
}

const COLUMNS: Record<Exclude<keyof ContestRoundInput, never>, string> = {
  year: 'year',
  title: 'title',
  description: 'description',
  entriesOpen: 'entries_open',
  entriesClose: 'entries_close',
  judgingDue: 'judging_due',
  resultsDate: 'results_date',
  fields: 'fields',
  criteria: 'criteria',
  awardTable: 'award_table',
  budgetKrw: 'budget_krw',
  acceptsAdvancement: 'accepts_advancement',
};
const JSON_COLUMNS = new Set(['fields', 'criteria', 'awardTable']);
/** What stops changing once entries are accepted: the fields and criteria entries are made for. */
const DRAFT_ONLY = new Set<keyof ContestRoundInput>(['fields', 'criteria', 'year']);

/** An award table as stored: every key present, nothing else (a left-out field or commendation is null). */
/** A round's next round (NEXT) or one of its feeder rounds (FEEDER), for round `for_round`. */
interface LinkRow {
  for_round: string;
  id: string;
  title: string;
  year: number;
  organisation_id: string;
  organisation_name: string;
  status: ContestRoundStatus;
  link_status: RoundLinkView['linkStatus'];
  kind: 'NEXT' | 'FEEDER';
}

export function normaliseAwardTable(rows: readonly AwardRow[]): AwardRow[] {
  return rows.map((r) => ({
    fromRank: r.fromRank,
    toRank: r.toRank,
    field: r.field ?? null,
    award: r.award,
    commendation: r.commendation ?? null,
    prizeKrw: r.prizeKrw,
    bonusPoints: r.bonusPoints,
    advances: r.advances,
  }));
}

const invalid = (details: ErrorDetail[]) =>
  new DomainError(ErrorCode.VALIDATION_FAILED, undefined, details);

/**
 * Contest rounds (경진대회 회차, DOMAIN.md §9) of an organising body: schedule, fields, criteria,
 * award table and budget, the judging panel, and the link to the next level's round, which the
 * lower organiser proposes and the higher organiser accepts.
 */
@Injectable()
export class ContestRoundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: ContestAccess,
    private readonly settings: SettingsService,
  ) {}

  async createRound(user: AuthUser, given: ContestRoundInput): Promise<ContestRoundView> {
    if (!this.access.isOffice(user)) throw DomainError.forbidden();
    let input = given;
    // Left out: the organisation's evaluation criteria (setting evaluations.criteria, DOMAIN.md §5).
    const criteria =
      input.criteria ?? (await this.settings.values(user.organisationId))['evaluations.criteria'];
    const awardTable = normaliseAwardTable(input.awardTable ?? []);
    input = {
      ...input,
      fields: input.fields.map((f) => ({ key: f.key, label: f.label })),
      criteria: criteria.map((c) => ({ key: c.key, label: c.label, weight: c.weight })),
      awardTable,
    };
    this.validate({ ...input, criteria, awardTable });
    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO contest_rounds (organisation_id, year, title, description, entries_open, entries_close,
                judging_due, results_date, fields, criteria, award_table, budget_krw, accepts_advancement, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          user.organisationId,
          input.year,
          input.title,
          input.description ?? '',
          input.entriesOpen,
          input.entriesClose,
          input.judgingDue,
          input.resultsDate,
          JSON.stringify(input.fields),
          JSON.stringify(criteria),
          JSON.stringify(awardTable),
          input.budgetKrw ?? 0,
          input.acceptsAdvancement ?? false,
          user.id,
        ],
      );
      const created = { ...input, criteria, awardTable };
      await this.access.record(
        tx,
        user,
        user.organisationId,
        'contest_round',
        row.id,
        'create',
        Object.fromEntries(Object.entries(created).map(([k, v]) => [k, { from: null, to: v }])),
      );
      return row.id;
    });
    return this.getRound(user, id);
  }

  async listRounds(user: AuthUser, year?: number): Promise<ContestRoundView[]> {
    const rows = await this.access.readableRounds(user, `($X::int IS NULL OR r.year = $X::int)`, [
      year ?? null,
      year ?? null,
    ]);
    const page = rows.slice(0, 200);
    // One read of the caller's organisers and one of every round's links, for the whole page.
    const [organisers, links] = await Promise.all([
      this.access.isOffice(user)
        ? this.access.organisersOf(user.organisationId)
        : new Set<string>(),
      this.links(page),
    ]);
    return Promise.all(page.map((r) => this.view(user, r, { organisers, links })));
  }

  async getRound(user: AuthUser, id: string): Promise<ContestRoundView> {
    return this.view(user, await this.access.readableRound(user, id));
  }

  /** The organisations that may enter: the organiser and every active organisation below it. */
  async entrants(
    user: AuthUser,
    id: string,
  ): Promise<Array<{ id: string; name: string; kind: string; parentId: string | null }>> {
    const round = await this.access.readableRound(user, id);
    const rel = await this.access.relation(user, round);
    if (!rel.full) throw DomainError.forbidden();
    const rows = await this.dataSource.query<
      Array<{ id: string; name: string; kind: string; parent_id: string | null }>
    >(ENTRANTS_SQL, [round.organisation_id]);
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id }));
  }

  async updateRound(
    user: AuthUser,
    id: string,
    patch: ContestRoundPatch,
  ): Promise<ContestRoundView> {
    const round = await this.access.readableRound(user, id);
    const rel = await this.assertOrganiser(user, round, 'update');
    const { version, ...changes } = patch;
    if (changes.awardTable) changes.awardTable = normaliseAwardTable(changes.awardTable);
    if (changes.fields)
      changes.fields = changes.fields.map((f) => ({ key: f.key, label: f.label }));
    if (changes.criteria)
      changes.criteria = changes.criteria.map((c) => ({
        key: c.key,
        label: c.label,
        weight: c.weight,
      }));
    const keys = (Object.keys(changes) as Array<keyof ContestRoundInput>).filter(
      (k) => changes[k] !== undefined,
    );
    const late = keys.filter((k) => DRAFT_ONLY.has(k));
    if (round.status !== 'DRAFT' && late.length)
      throw this.access.roundRefusal(round, rel, {
        ko: '출품 접수가 시작된 회차의 연도·분야·평가 항목은 바꿀 수 없습니다.',
        en: 'The year, fields and criteria cannot change once the round has opened.',
      });
    const next: ContestRoundInput = {
      year: round.year,
      title: round.title,
      description: round.description,
      entriesOpen: round.entries_open,
      entriesClose: round.entries_close,
      judgingDue: round.judging_due,
      resultsDate: round.results_date,
      fields: round.fields,
      criteria: round.criteria,
      awardTable: round.award_table,
      budgetKrw: Number(round.budget_krw),
      acceptsAdvancement: round.accepts_advancement,
      ...Object.fromEntries(keys.map((k) => [k, changes[k]])),
    };
    this.validate(next);
    if (!keys.length) return this.view(user, round);
    await this.tx.run(async (tx) => {
      const params: unknown[] = [id, version];
      const sets = keys.map((k) => {
        params.push(JSON_COLUMNS.has(k) ? JSON.stringify(changes[k]) : changes[k]);
        return `${COLUMNS[k]} = $${params.length}`;
      });
      // Under the row's own update: the state still allows the change (and a draft-only one).
      const states = late.length ? `('DRAFT')` : `('DRAFT', 'OPEN', 'SCREENING', 'JUDGING')`;
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE contest_rounds SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          WHERE id = $1 AND version = $2 AND status IN ${states}`,
        params,
      );
      if (!affected) throw DomainError.conflict(round.version);
      const before = this.inputOf(round);
      await this.access.record(
        tx,
        user,
        round.organisation_id,
        'contest_round',
        id,
        'update',
        Object.fromEntries(keys.map((k) => [k, { from: before[k], to: changes[k] }])),
      );
    });
    return this.getRound(user, id);
  }

  /** open, closeEntries, startJudging, close (publication has its own service). */
  async transition(
    user: AuthUser,
    id: string,
    action: ContestRoundTransition,
    version: number,
  ): Promise<ContestRoundView> {
    const round = await this.access.readableRound(user, id);
    const rel = await this.assertOrganiser(user, round, action);
    const to = roundTransition(round.status, action)!;
    await this.tx.run(async (tx) => {
      const now = await this.access.lockRound(tx, id, 'FOR NO KEY UPDATE');
      if (now.version !== version) throw DomainError.conflict(now.version);
      if (roundTransition(now.status, action) === null) throw this.access.roundRefusal(now, rel);
      if (action === 'startJudging') await this.assertReadyToJudge(tx, id);
      await tx.manager.query(
        `UPDATE contest_rounds SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, to],
      );
      await this.access.record(tx, user, round.organisation_id, 'contest_round', id, action, {
        status: { from: now.status, to },
      });
    });
    return this.getRound(user, id);
  }

  /** The judging panel: active COMMITTEE users of the organiser; a member who scored stays. */
  async setPanel(user: AuthUser, id: string, memberIds: string[]): Promise<ContestRoundView> {
    const round = await this.access.readableRound(user, id);
    await this.assertOrganiser(user, round, 'setPanel');
    const unique = [...new Set(memberIds)];
    const found = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND active AND 'COMMITTEE' = ANY(roles)`,
      [unique, round.organisation_id],
    );
    const ok = new Set(found.map((r) => r.id));
    const problems = memberIds.flatMap((m, i) =>
      ok.has(m)
        ? []
        : [
            {
              field: `memberIds.${i}`,
              code: 'committeeMember',
              message: {
                ko: '심사위원은 주최 기관의 활성 위원(COMMITTEE)이어야 합니다.',
                en: 'must be an active COMMITTEE user of the organising body',
              },
            },
          ],
    );
    if (problems.length) throw invalid(problems);
    await this.tx.run(async (tx) => {
      const now = await this.access.lockRound(tx, id, 'FOR NO KEY UPDATE');
      if (roundTransition(now.status, 'setPanel') === null)
        throw this.access.roundRefusal(now, await this.access.relation(user, round));
      const removed = round.panel_ids.filter((m) => !ok.has(m));
      if (removed.length) {
        const scored = await tx.manager.query<Array<{ member_id: string }>>(
          `SELECT DISTINCT s.member_id FROM contest_scores s JOIN contest_entries e ON e.id = s.entry_id
            WHERE e.round_id = $1 AND s.member_id = ANY($2::uuid[]) ORDER BY s.member_id`,
          [id, removed],
        );
        if (scored.length)
          throw new DomainError(ErrorCode.MEMBER_HAS_SCORED, undefined, [], {
            memberIds: scored.map((r) => r.member_id),
          });
      }
      await tx.manager.query(`DELETE FROM contest_panel_members WHERE round_id = $1`, [id]);
      if (unique.length)
        await tx.manager.query(
          `INSERT INTO contest_panel_members (round_id, user_id) SELECT $1, unnest($2::uuid[])`,
          [id, unique],
        );
      await tx.manager.query(
        `UPDATE contest_rounds SET version = version + 1, updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.access.record(tx, user, round.organisation_id, 'contest_round', id, 'panel.set', {
        panelMemberIds: { from: round.panel_ids, to: [...unique].sort() },
      });
    });
    return this.getRound(user, id);
  }

  /** Each round's next round and feeder rounds, in one query for all of `rounds`. */
  private async links(rounds: readonly RoundRow[]): Promise<LinkRow[]> {
    if (!rounds.length) return [];
    return this.dataSource.query<LinkRow[]>(
      `SELECT r.id AS for_round, n.id, n.title, n.year, n.organisation_id, o.name AS organisation_name,
              n.status, r.next_round_status AS link_status, 'NEXT' AS kind
         FROM contest_rounds r JOIN contest_rounds n ON n.id = r.next_round_id
         JOIN organisations o ON o.id = n.organisation_id
        WHERE r.id = ANY($1::uuid[])
       UNION ALL
       SELECT f.next_round_id, f.id, f.title, f.year, f.organisation_id, o.name, f.status,
              f.next_round_status, 'FEEDER'
         FROM contest_rounds f JOIN organisations o ON o.id = f.organisation_id
        WHERE f.next_round_id = ANY($1::uuid[])
       ORDER BY kind, title, id`,
      [rounds.map((r) => r.id)],
    );
  }

  async view(
    user: AuthUser,
    r: RoundRow,
    read?: { organisers: Set<string>; links: LinkRow[] },
  ): Promise<ContestRoundView> {
    const [rel, all] = await Promise.all([
      this.access.relation(user, r, read?.organisers),
      read ? read.links : this.links([r]),
    ]);
    const links = all.filter((l) => l.for_round === r.id);
    const link = (l: LinkRow): RoundLinkView => ({
      roundId: l.id,
      title: l.title,
      year: l.year,
      organisationId: l.organisation_id,
      organisationName: l.organisation_name,
      status: l.status,
      linkStatus: l.link_status,
    });
    const next = links.find((l) => l.kind === 'NEXT');
    const seesPanel = rel.full || rel.judge;
    return {
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      year: r.year,
      title: r.title,
      description: r.description,
      entriesOpen: r.entries_open,
      entriesClose: r.entries_close,
      judgingDue: r.judging_due,
      resultsDate: r.results_date,
      fields: r.fields,
      criteria: r.criteria,
      awardTable: r.award_table,
      budgetKrw: Number(r.budget_krw),
      acceptsAdvancement: r.accepts_advancement,
      status: r.status,
      publishedAt: r.published_at,
      panelMemberIds: seesPanel ? r.panel_ids : [],
      nextRound: next && (rel.full || next.link_status === 'ACCEPTED') ? link(next) : null,
      feeders: rel.full ? links.filter((l) => l.kind === 'FEEDER').map(link) : [],
      relation: rel,
      allowedActions: allowedRoundActions(r.status, this.access.actors(rel)),
      version: r.version,
    };
  }

  private inputOf(r: RoundRow): Record<keyof ContestRoundInput, unknown> {
    return {
      year: r.year,
      title: r.title,
      description: r.description,
      entriesOpen: r.entries_open,
      entriesClose: r.entries_close,
      judgingDue: r.judging_due,
      resultsDate: r.results_date,
      fields: r.fields,
      criteria: r.criteria,
      awardTable: r.award_table,
      budgetKrw: Number(r.budget_krw),
      acceptsAdvancement: r.accepts_advancement,
    };
  }

  /** The organiser's office, in a state that allows the action (403 / 409 otherwise). */
  async assertOrganiser(
    user: AuthUser,
    round: RoundRow,
    action: ContestRoundAction,
  ): Promise<RoundRelation> {
    const rel = await this.access.relation(user, round);
    if (!rel.organiser) throw DomainError.forbidden();
    if (roundTransition(round.status, action) === null) throw this.access.roundRefusal(round, rel);
    return rel;
  }

  /** Judging starts when every entry is screened (accepted or rejected). */
  private async assertReadyToJudge(tx: Tx, id: string): Promise<void> {
    const rows = await tx.manager.query<Array<{ id: string }>>(
      `SELECT id FROM contest_entries WHERE round_id = $1 AND state = 'SUBMITTED' ORDER BY id`,
      [id],
    );
    if (rows.length)
      throw new DomainError(ErrorCode.CONTEST_ENTRIES_UNDECIDED, undefined, [], {
        entryIds: rows.map((r) => r.id),
      });
  }

  private validate(input: ContestRoundInput): void {
    const problems: ErrorDetail[] = [];
    const order: Array<[keyof ContestRoundInput, string, string]> = [
      ['entriesClose', input.entriesOpen, input.entriesClose],
      ['judgingDue', input.entriesClose, input.judgingDue],
      ['resultsDate', input.judgingDue, input.resultsDate],
    ];
    for (const [field, before, after] of order)
      if (after < before)
        problems.push({
          field,
          code: 'scheduleOrder',
          message: {
            ko: '일정은 접수 시작 ≤ 접수 마감 ≤ 심사 마감 ≤ 결과 발표 순이어야 합니다.',
            en: 'must not be before the previous date (entriesOpen ≤ entriesClose ≤ judgingDue ≤ resultsDate)',
          },
        });
    problems.push(...fieldsProblems(input.fields));
    const c = criteriaProblem(input.criteria);
    if (c) problems.push({ field: 'criteria', code: 'criteria', message: c });
    problems.push(
      ...awardTableProblems(
        input.awardTable ?? [],
        input.fields.map((f) => f.key),
      ),
    );
    if (problems.length) throw invalid(problems);
  }
}
