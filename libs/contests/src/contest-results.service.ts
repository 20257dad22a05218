import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { ContestAccess } from './contest-access.js';
import type { RoundRow } from './contest-query.js';
import {
  type AwardRow,
  awardFor,
  type BudgetCheck,
  budgetCheck,
  meanTotal,
  prizeShares,
  rankPerField,
} from './contest-rules.js';
import { type ContestRoundStatus, roundTransition } from './contest-workflow.js';

export interface RankedEntry {
  entryId: string;
  field: string;
  title: string;
  entrantOrganisationId: string;
  entrantOrganisationName: string;
  rank: number;
  /** The organiser only (office, auditors, panel); null for the entrants. */
  finalScore: number | null;
  award: AwardRow | null;
  advances: boolean;
}

export interface ContestResultsView {
  roundId: string;
  status: ContestRoundStatus;
  published: boolean;
  /** Ranked accepted entries per field; before publication the organiser's provisional ranks only. */
  entries: RankedEntry[];
  /** The organiser only: the prize money the awards pay against the budget. */
  budget: BudgetCheck | null;
}

interface Computed {
  id: string;
  field: string;
  finalScore: number;
  rank: number;
  award: AwardRow | null;
}

/**
 * Ranking, publication and awards of a contest round. Publication recomputes the ranks under the
 * round's lock, refuses a prize total above the budget (409 CONTEST_BUDGET_EXCEEDED), creates an
 * award record per named official (포상금 share, 근평 가점, HR status PENDING), moves advancing
 * entries into the accepted next-level round, and writes the result back onto the lower level's
 * entries when this round is itself a higher level.
 */
@Injectable()
export class ContestResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: ContestAccess,
  ) {}

  /** Provisional ranks and awards while judging (the organiser); recomputed at publication. */
  async rank(user: AuthUser, roundId: string): Promise<ContestResultsView> {
    const round = await this.access.readableRound(user, roundId);
    const rel = await this.access.relation(user, round);
    if (!rel.organiser) throw DomainError.forbidden();
    if (roundTransition(round.status, 'rank') === null) throw this.access.roundRefusal(round, rel);
    await this.tx.run(async (tx) => {
      const now = await this.access.lockRound(tx, roundId, 'FOR NO KEY UPDATE');
      if (roundTransition(now.status, 'rank') === null) throw this.access.roundRefusal(now, rel);
      const computed = await this.compute(tx, round);
      await this.store(tx, user, round, computed);
    });
    return this.results(user, roundId);
  }

  async publish(user: AuthUser, roundId: string, version: number): Promise<ContestResultsView> {
    const round = await this.access.readableRound(user, roundId);
    const rel = await this.access.relation(user, round);
    if (!rel.organiser) throw DomainError.forbidden();
    if (roundTransition(round.status, 'publish') === null)
      throw this.access.roundRefusal(round, rel);
    await this.tx.run(async (tx) => {
      const now = await this.access.lockRound(tx, roundId, 'FOR NO KEY UPDATE');
      if (now.version !== version) throw DomainError.conflict(now.version);
      if (roundTransition(now.status, 'publish') === null) throw this.access.roundRefusal(now, rel);
      const fresh = (await this.access.roundById(tx, roundId))!;
      const computed = await this.compute(tx, fresh);
      const check = budgetCheck(
        computed.map((c) => ({ prizeKrw: c.award?.prizeKrw ?? 0 })),
        Number(fresh.budget_krw),
      );
      if (!check.withinBudget)
        throw new DomainError(ErrorCode.CONTEST_BUDGET_EXCEEDED, undefined, [], {
          prizeTotalKrw: check.prizeTotalKrw,
          budgetKrw: check.budgetKrw,
        });
      const advancing = computed.filter((c) => c.award?.advances);
      let next: RoundRow | undefined;
      if (advancing.length) {
        if (!fresh.next_round_id || fresh.next_round_status !== 'ACCEPTED')
          throw new DomainError(ErrorCode.CONTEST_ADVANCEMENT_UNAVAILABLE, undefined, [], {
            entryIds: advancing.map((c) => c.id),
          });
        // Lock order: this (lower) round, then the higher one.
        const higher = await this.access.lockRound(tx, fresh.next_round_id, 'FOR SHARE');
        if (!['DRAFT', 'OPEN', 'SCREENING'].includes(higher.status))
          throw new DomainError(ErrorCode.CONTEST_ADVANCEMENT_UNAVAILABLE, undefined, [], {
            entryIds: advancing.map((c) => c.id),
          });
        next = await this.access.roundById(tx, fresh.next_round_id);
      }
      await this.store(tx, user, fresh, computed);
      await this.finalise(tx, user, fresh, computed, next);
      await tx.manager.query(
        `UPDATE contest_rounds SET status = 'RESULTS_PUBLISHED', published_at = now(), version = version + 1,
                updated_at = now() WHERE id = $1`,
        [roundId],
      );
      await this.access.record(
        tx,
        user,
        fresh.organisation_id,
        'contest_round',
        roundId,
        'publish',
        {
          status: { from: now.status, to: 'RESULTS_PUBLISHED' },
          prizeTotalKrw: { from: null, to: check.prizeTotalKrw },
          advanced: { from: null, to: advancing.length },
        },
      );
    });
    return this.results(user, roundId);
  }

  /**
   * The ranked list. The organiser's office, auditors and panel see provisional ranks with scores
   * at any time. Everyone else who reads the round sees, once published, every accepted entry's
   * title, entrant organisation, field, rank and award (public among the round's entrants) but no
   * scores; before publication an empty list.
   */
  async results(user: AuthUser, roundId: string): Promise<ContestResultsView> {
    const round = await this.access.readableRound(user, roundId);
    const rel = await this.access.relation(user, round);
    const organiserView = rel.full || rel.judge;
    const published = round.status === 'RESULTS_PUBLISHED' || round.status === 'CLOSED';
    if (!organiserView && !published)
      return { roundId, status: round.status, published, entries: [], budget: null };
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        field: string;
        title: string;
        entrant_organisation_id: string;
        entrant_organisation_name: string;
        rank: number;
        final_score: string | null;
        award: AwardRow | null;
        advances: boolean;
      }>
    >(
      `SELECT e.id, e.field, e.title, e.entrant_organisation_id, o.name AS entrant_organisation_name, e.rank,
              e.final_score, e.award, e.advances
         FROM contest_entries e JOIN organisations o ON o.id = e.entrant_organisation_id
        WHERE e.round_id = $1 AND e.rank IS NOT NULL AND e.state IN ('ACCEPTED', 'AWARDED', 'NOT_AWARDED')
        ORDER BY e.field, e.rank, e.id`,
      [roundId],
    );
    const entries = rows.map((r) => ({
      entryId: r.id,
      field: r.field,
      title: r.title,
      entrantOrganisationId: r.entrant_organisation_id,
      entrantOrganisationName: r.entrant_organisation_name,
      rank: r.rank,
      finalScore: organiserView && r.final_score !== null ? Number(r.final_score) : null,
      award: r.award,
      advances: r.advances,
    }));
    return {
      roundId,
      status: round.status,
      published,
      entries,
      budget: organiserView
        ? budgetCheck(
            entries.map((e) => ({ prizeKrw: e.award?.prizeKrw ?? 0 })),
            Number(round.budget_krw),
          )
        : null,
    };
  }

  /** Final scores (mean of the sheets), ranks per field and the awards they earn. */
  private async compute(tx: Tx, round: RoundRow): Promise<Computed[]> {
    const first = round.criteria[0]?.key ?? '';
    const rows = await tx.manager.query<
      Array<{
        id: string;
        field: string;
        submitted_at: Date;
        totals: string[] | null;
        firsts: string[] | null;
      }>
    >(
      `SELECT e.id, e.field, e.submitted_at,
              array_agg(s.total) FILTER (WHERE s.member_id IS NOT NULL) AS totals,
              array_agg((s.scores->>$2)::numeric) FILTER (WHERE s.member_id IS NOT NULL) AS firsts
         FROM contest_entries e LEFT JOIN contest_scores s ON s.entry_id = e.id
        WHERE e.round_id = $1 AND e.state = 'ACCEPTED'
        GROUP BY e.id ORDER BY e.id`,
      [round.id, first],
    );
    const unscored = rows.filter((r) => !r.totals?.length).map((r) => r.id);
    if (unscored.length)
      throw new DomainError(ErrorCode.CONTEST_ENTRIES_UNDECIDED, undefined, [], {
        entryIds: unscored,
      });
    const rankable = rows.map((r) => ({
      id: r.id,
      field: r.field,
      finalScore: meanTotal(r.totals!.map(Number))!,
      tieBreak: meanTotal((r.firsts ?? []).map(Number)) ?? 0,
      submittedAt: new Date(r.submitted_at),
    }));
    const ranks = rankPerField(rankable);
    return rankable.map((e) => {
      const rank = ranks.get(e.id)!;
      return {
        id: e.id,
        field: e.field,
        finalScore: e.finalScore,
        rank,
        award: awardFor(round.award_table, e.field, rank),
      };
    });
  }

  private async store(
    tx: Tx,
    user: AuthUser,
    round: RoundRow,
    computed: Computed[],
  ): Promise<void> {
    for (const c of computed) {
      const [before] = await tx.manager.query<
        Array<{ rank: number | null; final_score: string | null }>
      >(`SELECT rank, final_score FROM contest_entries WHERE id = $1 FOR NO KEY UPDATE`, [c.id]);
      await tx.manager.query(
        `UPDATE contest_entries SET final_score = $2, rank = $3, award = $4, advances = $5,
                version = version + 1, updated_at = now() WHERE id = $1`,
        [
          c.id,
          c.finalScore,
          c.rank,
          c.award ? JSON.stringify(c.award) : null,
          c.award?.advances ?? false,
        ],
      );
      if (before.rank !== c.rank || Number(before.final_score) !== c.finalScore)
        await this.access.record(tx, user, round.organisation_id, 'contest_entry', c.id, 'rank', {
          finalScore: {
            from: before.final_score === null ? null : Number(before.final_score),
            to: c.finalScore,
          },
          rank: { from: before.rank, to: c.rank },
          award: { from: null, to: c.award?.award ?? null },
        });
    }
  }

  /** Awarded or not, award records, advancement, and the result flowing back to the lower level. */
  private async finalise(
    tx: Tx,
    user: AuthUser,
    round: RoundRow,
    computed: Computed[],
    next: RoundRow | undefined,
  ): Promise<void> {
    const entries = await tx.manager.query<
      Array<{
        id: string;
        entrant_organisation_id: string;
        field: string;
        title: string;
        summary: string;
        department_id: string;
        official_ids: string[];
        task_id: string | null;
        nomination_id: string | null;
        advanced_from_entry_id: string | null;
      }>
    >(
      `SELECT id, entrant_organisation_id, field, title, summary, department_id, official_ids, task_id,
              nomination_id, advanced_from_entry_id
         FROM contest_entries WHERE round_id = $1 AND state = 'ACCEPTED' ORDER BY id`,
      [round.id],
    );
    const byId = new Map(computed.map((c) => [c.id, c]));
    for (const e of entries) {
      const c = byId.get(e.id)!;
      const state = c.award ? 'AWARDED' : 'NOT_AWARDED';
      await tx.manager.query(
        `UPDATE contest_entries SET state = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [e.id, state],
      );
      await this.access.record(tx, user, round.organisation_id, 'contest_entry', e.id, 'result', {
        state: { from: 'ACCEPTED', to: state },
        rank: { from: null, to: c.rank },
        award: { from: null, to: c.award?.award ?? null },
        commendation: { from: null, to: c.award?.commendation ?? null },
        advances: { from: null, to: c.award?.advances ?? false },
      });
      if (c.award) {
        const shares = prizeShares(c.award.prizeKrw, e.official_ids.length);
        for (const [i, official] of e.official_ids.entries()) {
          const [award] = await tx.manager.query<Array<{ id: string; organisation_id: string }>>(
            `INSERT INTO contest_awards (round_id, entry_id, user_id, organisation_id, award, commendation,
                    prize_share_krw, bonus_points)
             SELECT $1, $2, u.id, u.organisation_id, $4, $5, $6, $7 FROM users u WHERE u.id = $3
             RETURNING id, organisation_id`,
            [
              round.id,
              e.id,
              official,
              c.award.award,
              c.award.commendation,
              shares[i],
              c.award.bonusPoints,
            ],
          );
          await this.access.record(
            tx,
            user,
            award.organisation_id,
            'contest_award',
            award.id,
            'create',
            {
              entryId: { from: null, to: e.id },
              userId: { from: null, to: official },
              award: { from: null, to: c.award.award },
              commendation: { from: null, to: c.award.commendation },
              prizeShareKrw: { from: null, to: shares[i] },
              bonusPoints: { from: null, to: c.award.bonusPoints },
              hrStatus: { from: null, to: 'PENDING' },
            },
          );
        }
      }
      if (c.award?.advances && next) {
        const field = next.fields.some((f) => f.key === e.field) ? e.field : next.fields[0].key;
        const [copy] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO contest_entries (round_id, entrant_organisation_id, field, title, summary, department_id,
                  official_ids, task_id, nomination_id, advanced_from_entry_id, submitted_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            next.id,
            e.entrant_organisation_id,
            field,
            e.title,
            e.summary,
            e.department_id,
            e.official_ids,
            e.task_id,
            e.nomination_id,
            e.id,
            user.id,
          ],
        );
        await this.access.record(
          tx,
          user,
          next.organisation_id,
          'contest_entry',
          copy.id,
          'advance.in',
          {
            roundId: { from: null, to: next.id },
            advancedFromEntryId: { from: null, to: e.id },
            entrantOrganisationId: { from: null, to: e.entrant_organisation_id },
            field: { from: null, to: field },
            title: { from: null, to: e.title },
          },
        );
        await this.access.record(
          tx,
          user,
          round.organisation_id,
          'contest_entry',
          e.id,
          'advance.out',
          {
            advancedToEntryId: { from: null, to: copy.id },
            nextRoundId: { from: null, to: next.id },
          },
        );
      }
      // This round is a higher level: its result flows back onto the lower level's entry.
      if (e.advanced_from_entry_id) {
        const [src] = await tx.manager.query<Array<{ organisation_id: string }>>(
          `SELECT r.organisation_id FROM contest_entries x JOIN contest_rounds r ON r.id = x.round_id WHERE x.id = $1`,
          [e.advanced_from_entry_id],
        );
        await this.access.record(
          tx,
          user,
          src.organisation_id,
          'contest_entry',
          e.advanced_from_entry_id,
          'nextLevel.result',
          {
            nextLevelRoundId: { from: null, to: round.id },
            nextLevelRank: { from: null, to: c.rank },
            nextLevelAward: { from: null, to: c.award?.award ?? null },
            nextLevelCommendation: { from: null, to: c.award?.commendation ?? null },
          },
        );
      }
    }
  }
}
