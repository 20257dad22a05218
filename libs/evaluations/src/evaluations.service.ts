import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, HistoryService } from '@gwaje/audit';
import {
  DomainError,
  ErrorCode,
  type ErrorDetail,
  type InterestedRole,
  type LocalText,
} from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role, SettingsService } from '@gwaje/identity';
import { seoulDate } from '@gwaje/calendar';
import { CommitteeMembersService } from '@gwaje/committee';
import { DataSource } from 'typeorm';
import {
  type IncentiveStatus,
  type IncentiveType,
  type NominationSource,
  type QualifyingTaskOwner,
  type NominationState,
  type NominationType,
  type RoundKind,
  type RoundStatus,
} from './evaluation.entity.js';
import { type Criterion, criteriaProblem, type GradeBand, gradesProblem } from '@gwaje/common';
import {
  criterionMean,
  finalScore,
  gradeFor,
  memberTotal,
  rank,
  sheetProblems,
} from './evaluation-scoring.js';
import {
  incentiveAllowance,
  isSelectedNomination,
  qualifyingTaskOwners,
  SELECTED_NOMINATION_TYPES,
} from './incentive-rules.js';
import { disqualifiedSql, nominationDisqualification } from './nomination-disqualification.js';
import {
  allowedNominationActions,
  allowedRoundActions,
  nominationStateAllows,
  type RoundFacts,
  roundStateAllows,
} from './evaluation-workflow.js';

export interface RoundInput {
  kind: RoundKind;
  year: number;
  title: string;
  nominationsOpen: string;
  nominationsClose: string;
  scoringDue: string;
  resolutionDate: string;
}

export interface RoundRulesInput {
  criteria?: Criterion[];
  grades?: GradeBand[];
  trimMinMembers?: number;
  incentivesMin?: number;
  incentivesMax?: number;
  incentivesMaxTaskOwner?: number;
}

export interface RoundView {
  id: string;
  organisationId: string;
  kind: RoundKind;
  year: number;
  title: string;
  nominationsOpen: string;
  nominationsClose: string;
  scoringDue: string;
  resolutionDate: string;
  criteria: Criterion[];
  grades: GradeBand[];
  trimMinMembers: number;
  incentivesMin: number;
  incentivesMax: number;
  incentivesMaxTaskOwner: number;
  status: RoundStatus;
  memberIds: string[];
  isMember: boolean;
  /** The committee's agenda item that approved the criteria (지방 13조②); null until then. */
  criteriaApprovedItemId: string | null;
  resolution: {
    meetingDate: string;
    presentMemberIds: string[];
    votesFor: number;
    votesAgainst: number;
    /**
     * The committee's agenda item that confirmed the results; null only for results recorded before
     * the standing committee resolved them (the removed evaluation-round resolution route).
     */
    agendaItemId: string | null;
  } | null;
  version: number;
}

/** The committee's resolution that confirms a round's results. */
export interface ResultsResolution {
  meetingDate: string;
  presentMemberIds: string[];
  votesFor: number;
  votesAgainst: number;
  agendaItemId: string;
}

export interface NominationInput {
  type: NominationType;
  source: NominationSource;
  title: string;
  nomineeUserIds?: string[];
  nomineeDepartmentIds?: string[];
  taskIds?: string[];
  narrative?: string;
}

/** Why an exclusion happens. A FAILURE_CASE is never excluded for a missed target (DOMAIN.md §5). */
export const EXCLUSION_REASONS = [
  'INELIGIBLE',
  'DUPLICATE',
  'INSUFFICIENT_EVIDENCE',
  'TARGET_NOT_MET',
  'OTHER',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface ScoreSheet {
  memberId: string;
  memberName: string;
  scores: Record<string, number>;
  total: number;
  submittedAt: Date;
}

export interface NominationView {
  id: string;
  roundId: string;
  type: NominationType;
  source: NominationSource;
  title: string;
  nominees: Array<{ kind: 'USER' | 'DEPARTMENT'; id: string; name: string }>;
  taskIds: string[];
  /**
   * The linked tasks by code and title, for every reader of the nomination: a committee member
   * scores the nomination on them without being able to open the tasks themselves.
   */
  tasks: Array<{ id: string; code: string; title: string }>;
  narrative: string;
  nominatedBy: string;
  departmentId: string;
  status: NominationState;
  exclusionReason: string | null;
  submittedAt: Date;
  /** Present only to those who may see results: the office and auditors, committee members without a conflict, everyone once confirmed. */
  results: {
    finalScore: number | null;
    rank: number | null;
    grade: string | null;
    gradeLabel: string | null;
  } | null;
  /** The members' sheets: the office, auditors and non-conflicted members only. */
  sheets: ScoreSheet[] | null;
  /** For a committee member: whether they declared a conflict and whether they scored it. */
  myConflict: boolean;
  myScored: boolean;
  /** For a committee member of the round: why they may not score it (제척), or null. */
  myDisqualification: InterestedRole | null;
  /** Members of the round disqualified from it (제척) and why: shown to those who see the sheets. */
  disqualifiedMembers: Array<{ memberId: string; role: InterestedRole }> | null;
  /** What the reader may do to it now (verify, exclude, declareConflict, score, recordPreference). */
  allowedActions: string[];
  version: number;
}

export interface RoundRow {
  id: string;
  organisation_id: string;
  kind: RoundKind;
  year: number;
  title: string;
  nominations_open: string;
  nominations_close: string;
  scoring_due: string;
  resolution_date: string;
  criteria: Criterion[];
  grades: GradeBand[];
  trim_min_members: number;
  incentives_min: number;
  incentives_max: number;
  incentives_max_task_owner: number;
  status: RoundStatus;
  version: number;
  member_ids: string[];
  criteria_approved_item_id: string | null;
}

interface NominationRow {
  id: string;
  round_id: string;
  organisation_id: string;
  type: NominationType;
  source: NominationSource;
  title: string;
  nominee_user_ids: string[];
  nominee_department_ids: string[];
  task_ids: string[];
  narrative: string;
  qualifying_task_owners: QualifyingTaskOwner[];
  nominated_by: string;
  department_id: string;
  state: NominationState;
  exclusion_reason: string | null;
  final_score: string | null;
  rank: number | null;
  grade: string | null;
  submitted_at: Date;
  version: number;
}

const detail = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});

/**
 * Year-end evaluation and contests (DOMAIN.md §5): rounds with their rules, nominations and their
 * verification, the committee's conflicts and score sheets, aggregation into ranks and grades, the
 * resolution that confirms them, and incentives. Every change is one transaction with history.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly settings: SettingsService,
    private readonly committee: CommitteeMembersService,
  ) {}

  // ── Rounds ───────────────────────────────────────────────────────────────────────────────────

  async createRound(user: AuthUser, input: RoundInput): Promise<RoundView> {
    this.assertOffice(user);
    this.checkSchedule(input);
    const s = await this.settings.values(user.organisationId);
    const scorers = await this.defaultScorers(user.organisationId);
    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO evaluation_rounds (organisation_id, kind, year, title, nominations_open, nominations_close,
                scoring_due, resolution_date, criteria, grades, trim_min_members, incentives_min, incentives_max,
                incentives_max_task_owner, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
        [
          user.organisationId,
          input.kind,
          input.year,
          input.title,
          input.nominationsOpen,
          input.nominationsClose,
          input.scoringDue,
          input.resolutionDate,
          JSON.stringify(s['evaluations.criteria']),
          JSON.stringify(s['evaluations.grades']),
          s['evaluations.trimMinMembers'],
          s['evaluations.incentivesMin'],
          s['evaluations.incentivesMax'],
          s['evaluations.incentivesMaxTaskOwner'],
          user.id,
        ],
      );
      await this.addDefaultScorers(tx, row.id, scorers);
      await this.record(
        tx,
        user,
        user.organisationId,
        'evaluation_round',
        row.id,
        'create',
        Object.fromEntries(
          Object.entries(input as unknown as Record<string, unknown>).map(([k, v]) => [
            k,
            { from: null, to: v },
          ]),
        ),
      );
      return row.id;
    });
    return this.getRound(user, id);
  }

  async listRounds(user: AuthUser, year?: number): Promise<RoundView[]> {
    this.assertOrganisationUser(user);
    const rows = await this.roundRows(
      `r.organisation_id = $1 AND ($2::int IS NULL OR r.year = $2::int)`,
      [user.organisationId, year ?? null],
    );
    // Rounds per organisation and year are few (the 우수공무원 selection and a few contests).
    return Promise.all(
      rows.map(async (r) => this.roundView(user, r, await this.resolutionOf(r.id))),
    );
  }

  async getRound(user: AuthUser, id: string): Promise<RoundView> {
    return this.roundView(user, await this.readableRound(user, id), await this.resolutionOf(id));
  }

  /** PROACTIVE_OFFICE changes a round's rules while nominations are open (scores not yet given). */
  async updateRules(
    user: AuthUser,
    id: string,
    input: RoundRulesInput & { version: number },
  ): Promise<RoundView> {
    const round = await this.readableRound(user, id);
    this.assertOffice(user);
    if (!roundStateAllows(round.status, 'updateRules')) {
      throw this.roundRefusal(user, round, {
        ko: '채점이 시작된 평가의 기준은 바꿀 수 없습니다.',
        en: 'The rules cannot change once scoring has started.',
      });
    }
    if (round.criteria_approved_item_id) throw this.criteriaFrozen(round);
    const problems: ErrorDetail[] = [];
    if (input.criteria !== undefined) {
      const p = criteriaProblem(input.criteria);
      if (p) problems.push(detail('criteria', 'criteria', p));
    }
    if (input.grades !== undefined) {
      const p = gradesProblem(input.grades);
      if (p) problems.push(detail('grades', 'grades', p));
    }
    const min = input.incentivesMin ?? round.incentives_min;
    const max = input.incentivesMax ?? round.incentives_max;
    const ownerMax = input.incentivesMaxTaskOwner ?? round.incentives_max_task_owner;
    if (min > max || max > ownerMax) {
      problems.push(
        detail('incentivesMax', 'order', {
          ko: '최소 ≤ 최대 ≤ 과제 주담당자 최대 순이어야 합니다.',
          en: 'must satisfy incentivesMin ≤ incentivesMax ≤ incentivesMaxTaskOwner',
        }),
      );
    }
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const columns: Record<keyof RoundRulesInput, string> = {
      criteria: 'criteria',
      grades: 'grades',
      trimMinMembers: 'trim_min_members',
      incentivesMin: 'incentives_min',
      incentivesMax: 'incentives_max',
      incentivesMaxTaskOwner: 'incentives_max_task_owner',
    };
    const { version, ...rules } = input;
    const entries = Object.entries(rules).filter(([, v]) => v !== undefined) as Array<
      [keyof RoundRulesInput, unknown]
    >;
    await this.tx.run(async (tx) => {
      const params: unknown[] = [id, version];
      const sets = entries.map(([k, v]) => {
        params.push(k === 'criteria' || k === 'grades' ? JSON.stringify(v) : v);
        return `${columns[k]} = $${params.length}`;
      });
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE evaluation_rounds SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          WHERE id = $1 AND version = $2 AND status = 'NOMINATING' AND criteria_approved_item_id IS NULL`,
        params,
      );
      if (!affected) throw DomainError.conflict(round.version);
      await this.record(
        tx,
        user,
        round.organisation_id,
        'evaluation_round',
        id,
        'rules.update',
        Object.fromEntries(
          entries.map(([k, v]) => [
            k,
            { from: (round as unknown as Record<string, unknown>)[columns[k]], to: v },
          ]),
        ),
      );
    });
    return this.getRound(user, id);
  }

  /** Committee members of a round: COMMITTEE users of the organisation; not once scoring is over. */
  async setMembers(user: AuthUser, id: string, memberIds: string[]): Promise<RoundView> {
    const round = await this.readableRound(user, id);
    this.assertOffice(user);
    if (!roundStateAllows(round.status, 'setMembers')) {
      throw this.roundRefusal(user, round, {
        ko: '확정된 평가의 위원은 바꿀 수 없습니다.',
        en: 'The members of a confirmed round cannot change.',
      });
    }
    const unique = [...new Set(memberIds)];
    const ok = await this.scorersAmong(round.organisation_id, unique);
    const problems = memberIds.flatMap((m, i) =>
      ok.has(m)
        ? []
        : [
            detail(`memberIds.${i}`, 'committeeMember', {
              ko: '평가위원은 이 기관 적극행정위원회의 재임 중인 위원(COMMITTEE)이어야 합니다.',
              en: 'must be an active COMMITTEE user sitting on the organisation’s committee today',
            }),
          ],
    );
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    await this.tx.run(async (tx) => {
      await tx.manager.query(`SELECT 1 FROM evaluation_rounds WHERE id = $1 FOR UPDATE`, [id]);
      const removed = round.member_ids.filter((m) => !ok.has(m));
      if (removed.length) {
        const scored = await tx.manager.query<Array<{ member_id: string }>>(
          `SELECT DISTINCT s.member_id FROM evaluation_scores s JOIN nominations n ON n.id = s.nomination_id
            WHERE n.round_id = $1 AND s.member_id = ANY($2::uuid[]) ORDER BY s.member_id`,
          [id, removed],
        );
        if (scored.length) {
          throw new DomainError(ErrorCode.MEMBER_HAS_SCORED, undefined, [], {
            memberIds: scored.map((r) => r.member_id),
          });
        }
      }
      await tx.manager.query(`DELETE FROM evaluation_members WHERE round_id = $1`, [id]);
      await tx.manager.query(
        `INSERT INTO evaluation_members (round_id, user_id) SELECT $1, unnest($2::uuid[])`,
        [id, unique],
      );
      await this.record(tx, user, round.organisation_id, 'evaluation_round', id, 'members.set', {
        memberIds: { from: round.member_ids, to: unique },
      });
    });
    return this.getRound(user, id);
  }

  /** NOMINATING → SCORING: verified nominations become scorable; unverified ones must be decided first. */
  async startScoring(user: AuthUser, id: string): Promise<RoundView> {
    const round = await this.readableRound(user, id);
    this.assertOffice(user);
    if (!roundStateAllows(round.status, 'startScoring')) {
      throw this.roundRefusal(user, round, {
        ko: '이미 채점이 시작된 평가입니다.',
        en: 'Scoring has already started.',
      });
    }
    if (!round.criteria_approved_item_id) {
      throw new DomainError(ErrorCode.CRITERIA_NOT_APPROVED, undefined, [], {
        roundId: round.id,
        agendaSubjectKind: 'EVALUATION_CRITERIA',
      });
    }
    if (!round.member_ids.length) throw new DomainError(ErrorCode.NO_COMMITTEE_MEMBERS);
    await this.setStatus(user, round, 'NOMINATING', 'SCORING', 'scoring.start', async (tx) => {
      // Counted after the round's row is locked by the change of status: a nomination or a
      // decision still running has finished, and none can start.
      const [pending] = await tx.manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM nominations WHERE round_id = $1 AND state = 'SUBMITTED'`,
        [id],
      );
      if (pending.n > 0) {
        throw new DomainError(
          ErrorCode.NOMINATIONS_UNDECIDED,
          {
            ko: `확인하거나 제외하지 않은 후보가 ${pending.n}건 있습니다. 먼저 결정하세요.`,
            en: `${pending.n} nominations are neither verified nor excluded yet.`,
          },
          [],
          { unverified: pending.n },
        );
      }
    });
    return this.getRound(user, id);
  }

  /** Scoring progress for the office: each member's sheets given and owed. */
  async progress(user: AuthUser, id: string) {
    const round = await this.readableRound(user, id);
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR))
      throw DomainError.forbidden();
    const members = await this.dataSource.query<
      Array<{
        member_id: string;
        name: string;
        owed: number;
        scored: number;
        conflicts: number;
        disqualified: number;
      }>
    >(
      // A member owes no sheet where they declared a conflict (회피) or are disqualified (제척).
      `SELECT m.user_id AS member_id, u.name,
              count(n.id) FILTER (WHERE c.member_id IS NULL AND NOT q.dq)::int AS owed,
              count(s.member_id) FILTER (WHERE c.member_id IS NULL AND NOT q.dq)::int AS scored,
              count(c.member_id)::int AS conflicts,
              count(n.id) FILTER (WHERE q.dq)::int AS disqualified
         FROM evaluation_members m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN nominations n ON n.round_id = m.round_id AND n.state IN ('VERIFIED', 'SCORED', 'GRADED', 'CONFIRMED')
         LEFT JOIN LATERAL (SELECT n.id IS NOT NULL AND ${disqualifiedSql('m.user_id', 'u.department_id')} AS dq) q ON true
         LEFT JOIN evaluation_conflicts c ON c.nomination_id = n.id AND c.member_id = m.user_id
         LEFT JOIN evaluation_scores s ON s.nomination_id = n.id AND s.member_id = m.user_id
        WHERE m.round_id = $1
        GROUP BY m.user_id, u.name ORDER BY u.name, m.user_id`,
      [id],
    );
    const total = members.reduce((a, m) => a + m.owed, 0);
    const done = members.reduce((a, m) => a + m.scored, 0);
    return {
      roundId: round.id,
      status: round.status,
      sheetsOwed: total,
      sheetsScored: done,
      completion: total ? Math.round((1000 * done) / total) / 10 : 0,
      members: members.map((m) => ({
        memberId: m.member_id,
        name: m.name,
        owed: m.owed,
        scored: m.scored,
        conflicts: m.conflicts,
        disqualified: m.disqualified,
      })),
    };
  }

  /**
   * Final scores, ranks and grades for every scored nomination of the round, per type (FAILURE_CASE
   * on its own). Recomputed from the sheets each time until the round is confirmed.
   */
  async aggregate(user: AuthUser, id: string): Promise<{ graded: number }> {
    const round = await this.readableRound(user, id);
    this.assertOffice(user);
    if (!roundStateAllows(round.status, 'aggregate')) {
      throw this.roundRefusal(user, round, {
        ko: '채점 단계에서만 집계할 수 있습니다.',
        en: 'Results are aggregated during scoring only.',
      });
    }
    const first = round.criteria[0].key;
    const graded = await this.tx.run(async (tx) => {
      // Round before its nominations (lock order: libs/db/src/transaction.service.ts). The round's
      // status is checked again under its lock, and the sheets read after it: a resolution, a
      // sheet or another aggregation that committed first is seen, none lands in between.
      const locked = await this.lockRound(tx, id, 'FOR NO KEY UPDATE');
      if (!roundStateAllows(locked.status, 'aggregate')) {
        throw this.roundRefusal(
          user,
          { ...round, status: locked.status },
          {
            ko: '채점 단계에서만 집계할 수 있습니다.',
            en: 'Results are aggregated during scoring only.',
          },
        );
      }
      const sheets = await tx.manager.query<
        Array<{
          nomination_id: string;
          type: NominationType;
          submitted_at: Date;
          total: string;
          first: string;
        }>
      >(
        // A disqualified member's sheet (제척) never counts, however it came to exist.
        `SELECT n.id AS nomination_id, n.type, n.submitted_at, s.total, (s.scores ->> $2)::numeric AS first
           FROM nominations n JOIN evaluation_scores s ON s.nomination_id = n.id
           JOIN users su ON su.id = s.member_id
          WHERE n.round_id = $1 AND n.state IN ('VERIFIED', 'SCORED', 'GRADED')
            AND NOT ${disqualifiedSql('s.member_id', 'su.department_id')}`,
        [id, first],
      );
      const results = this.rankSheets(round, sheets);
      await tx.manager.query(
        `UPDATE nominations SET final_score = NULL, rank = NULL, grade = NULL, state = 'VERIFIED', version = version + 1
          WHERE round_id = $1 AND state IN ('SCORED', 'GRADED')`,
        [id],
      );
      if (results.length) {
        // Only nominations still in scoring: never a CONFIRMED (or EXCLUDED) one.
        await tx.manager.query(
          `UPDATE nominations n SET final_score = r.final, rank = r.rank, grade = r.grade, state = 'GRADED',
                  version = n.version + 1, updated_at = now()
             FROM unnest($1::uuid[], $2::numeric[], $3::int[], $4::text[]) AS r(id, final, rank, grade)
            WHERE n.id = r.id AND n.round_id = $5 AND n.state IN ('VERIFIED', 'SCORED', 'GRADED')`,
          [
            results.map((r) => r.id),
            results.map((r) => r.final),
            results.map((r) => r.rank),
            results.map((r) => r.grade),
            id,
          ],
        );
      }
      await this.record(tx, user, round.organisation_id, 'evaluation_round', id, 'aggregate', {
        graded: { from: null, to: results.length },
      });
      return results.length;
    });
    return { graded };
  }

  /** Final score, rank and grade of every nomination with sheets, ranked within its type. */
  private rankSheets(
    round: RoundRow,
    sheets: Array<{
      nomination_id: string;
      type: NominationType;
      submitted_at: Date;
      total: string;
      first: string;
    }>,
  ): Array<{ id: string; final: number; rank: number; grade: string }> {
    const byNomination = new Map<
      string,
      { type: NominationType; submittedAt: Date; totals: number[]; firsts: number[] }
    >();
    for (const s of sheets) {
      const entry = byNomination.get(s.nomination_id) ?? {
        type: s.type,
        submittedAt: s.submitted_at,
        totals: [],
        firsts: [],
      };
      entry.totals.push(Number(s.total));
      entry.firsts.push(Number(s.first));
      byNomination.set(s.nomination_id, entry);
    }
    const results: Array<{ id: string; final: number; rank: number; grade: string }> = [];
    for (const type of new Set([...byNomination.values()].map((e) => e.type))) {
      const ranked = rank(
        [...byNomination.entries()]
          .filter(([, e]) => e.type === type)
          .map(([nid, e]) => ({
            id: nid,
            final: finalScore(e.totals, round.trim_min_members),
            tieBreak: criterionMean(e.firsts),
            submittedAt: e.submittedAt,
          })),
      );
      for (const r of ranked) {
        results.push({
          id: r.id,
          final: r.final as number,
          rank: r.rank,
          grade: gradeFor(round.grades, r.rank).grade,
        });
      }
    }
    return results;
  }

  /**
   * SCORING → CONFIRMED on the committee's resolution (a PASSED EVALUATION_RESULTS agenda item, the
   * only way results are resolved), in the caller's transaction: the graded nominations are
   * confirmed and the resolution recorded with its agenda item. Refused while the ranks do not
   * follow from the sheets.
   */
  async confirmResults(
    tx: Tx,
    user: AuthUser,
    round: RoundRow,
    resolution: ResultsResolution,
  ): Promise<void> {
    const id = round.id;
    // Under the round's lock: an aggregation or a sheet that is still running finishes first,
    // and what is confirmed is what they left.
    const locked = await this.lockRound(tx, id, 'FOR NO KEY UPDATE');
    if (!roundStateAllows(locked.status, 'resolve')) {
      throw this.roundRefusal(
        user,
        { ...round, status: locked.status },
        {
          ko: '채점 단계의 평가만 의결할 수 있습니다.',
          en: 'Only a round in scoring can be resolved.',
        },
      );
    }
    const [counts] = await tx.manager.query<Array<{ graded: number; stale: number }>>(
      `SELECT count(*) FILTER (WHERE state = 'GRADED')::int AS graded,
              count(*) FILTER (WHERE state = 'SCORED')::int AS stale
         FROM nominations WHERE round_id = $1`,
      [id],
    );
    if (!counts.graded) throw new DomainError(ErrorCode.RESULTS_NOT_AGGREGATED);
    // A sheet given (or withdrawn by a conflict) after the last aggregation: the ranks no longer
    // follow from the sheets, so they are aggregated again before anything is confirmed.
    if (counts.stale) {
      throw new DomainError(ErrorCode.RESULTS_NOT_AGGREGATED, {
        ko: `마지막 집계 뒤에 채점표가 바뀐 후보가 ${counts.stale}건 있습니다. 다시 집계한 뒤 의결하세요.`,
        en: `${counts.stale} nominations have sheets changed since the last aggregation; aggregate again first.`,
      });
    }
    const [, affected] = await tx.manager.query<[unknown[], number]>(
      `UPDATE evaluation_rounds SET status = 'CONFIRMED', version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'SCORING'`,
      [id],
    );
    if (!affected) throw DomainError.conflict(round.version);
    await tx.manager.query(
      `INSERT INTO evaluation_resolutions (round_id, meeting_date, present_member_ids, votes_for, votes_against, recorded_by, agenda_item_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        resolution.meetingDate,
        resolution.presentMemberIds,
        resolution.votesFor,
        resolution.votesAgainst,
        user.id,
        resolution.agendaItemId,
      ],
    );
    await tx.manager.query(
      `UPDATE nominations SET state = 'CONFIRMED', version = version + 1, updated_at = now()
        WHERE round_id = $1 AND state = 'GRADED'`,
      [id],
    );
    await this.record(tx, user, round.organisation_id, 'evaluation_round', id, 'resolve', {
      status: { from: 'SCORING', to: 'CONFIRMED' },
      resolution: { from: null, to: resolution },
    });
  }

  /** The round as the committee's handlers read it: null for another organisation's or none. */
  async roundForCommittee(
    db: Pick<DataSource, 'query'>,
    id: string,
    organisationId: string,
  ): Promise<RoundRow | null> {
    const [row] = await this.roundRows(
      `r.id = $1 AND r.organisation_id = $2`,
      [id, organisationId],
      db,
    );
    return row ?? null;
  }

  /** 409 CRITERIA_FROZEN: the committee resolved the criteria; they stay as they are. */
  criteriaFrozen(round: RoundRow): DomainError {
    return new DomainError(ErrorCode.CRITERIA_FROZEN, undefined, [], {
      roundId: round.id,
      agendaItemId: round.criteria_approved_item_id,
    });
  }

  /** A new round's scorers: the committee's sitting members (the office may change them). */
  private async defaultScorers(organisationId: string): Promise<string[]> {
    const sitting = await this.committee.sittingUserIds(organisationId, seoulDate());
    return [...(await this.scorersAmong(organisationId, sitting))].sort();
  }

  private async addDefaultScorers(tx: Tx, roundId: string, scorers: string[]): Promise<void> {
    if (!scorers.length) return;
    await tx.manager.query(
      `INSERT INTO evaluation_members (round_id, user_id) SELECT $1, unnest($2::uuid[])`,
      [roundId, scorers],
    );
  }

  /** The users among `ids` who are active COMMITTEE users sitting on the committee today. */
  private async scorersAmong(organisationId: string, ids: string[]): Promise<Set<string>> {
    const [found, sitting] = await Promise.all([
      this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND active AND 'COMMITTEE' = ANY(roles)`,
        [ids, organisationId],
      ),
      this.committee.sittingUserIds(organisationId, seoulDate()),
    ]);
    return new Set(found.map((r) => r.id).filter((u) => sitting.includes(u)));
  }

  // ── Nominations ──────────────────────────────────────────────────────────────────────────────

  /**
   * DEPT_HEAD nominates (부서추천); STAFF or DEPT_HEAD apply for themselves (본인신청); the office
   * enters citizens' recommendations (국민추천). Only while nominations are open.
   */
  async nominate(user: AuthUser, roundId: string, input: NominationInput): Promise<NominationView> {
    const round = await this.readableRound(user, roundId);
    const allowedSource =
      (input.source === 'DEPARTMENT' && this.policy.hasRole(user, Role.DEPT_HEAD)) ||
      (input.source === 'SELF' && this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD)) ||
      (input.source === 'CITIZEN' && this.policy.hasRole(user, Role.PROACTIVE_OFFICE));
    if (!allowedSource) throw DomainError.forbidden();
    if (!roundStateAllows(round.status, 'nominate')) {
      throw this.roundRefusal(user, round, {
        ko: '후보 추천이 마감된 평가입니다.',
        en: 'Nominations are closed.',
      });
    }
    const userIds = [...new Set(input.nomineeUserIds ?? [])];
    const deptIds = [...new Set(input.nomineeDepartmentIds ?? [])];
    const taskIds = [...new Set(input.taskIds ?? [])];
    const problems = await this.checkNominees(
      user,
      round,
      input.type,
      input.source,
      userIds,
      deptIds,
      taskIds,
    );
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const id = await this.tx.run(async (tx) => {
      // Nominations still open, under the round's lock: none lands after scoring started.
      const locked = await this.lockRound(tx, roundId, 'FOR SHARE');
      if (!roundStateAllows(locked.status, 'nominate')) {
        throw this.roundRefusal(
          user,
          { ...round, status: locked.status },
          { ko: '후보 추천이 마감된 평가입니다.', en: 'Nominations are closed.' },
        );
      }
      // Who owns a qualifying priority task of the round's year now, at submission: the owner's
      // incentive allowance follows this snapshot, not the owner the task has later.
      const owned = await tx.manager.query<
        Array<{ id: string; code: string; ownerId: string; year: number; status: string }>
      >(
        `SELECT id, code, owner_id AS "ownerId", year, status FROM tasks
          WHERE organisation_id = $1 AND year = $2 AND owner_id = ANY($3::uuid[])`,
        [round.organisation_id, round.year, userIds],
      );
      const owners = qualifyingTaskOwners(owned, userIds, round.year);
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO nominations (round_id, organisation_id, type, source, title, nominee_user_ids,
                                  nominee_department_ids, task_ids, narrative, nominated_by, department_id, submitted_at,
                                  qualifying_task_owners)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), $12) RETURNING id`,
        [
          roundId,
          round.organisation_id,
          input.type,
          input.source,
          input.title,
          userIds,
          deptIds,
          taskIds,
          input.narrative ?? '',
          user.id,
          user.departmentId,
          JSON.stringify(owners),
        ],
      );
      await this.record(tx, user, round.organisation_id, 'nomination', row.id, 'submit', {
        qualifyingTaskOwners: { from: null, to: owners },
        type: { from: null, to: input.type },
        source: { from: null, to: input.source },
        title: { from: null, to: input.title },
        nomineeUserIds: { from: null, to: userIds },
        nomineeDepartmentIds: { from: null, to: deptIds },
        taskIds: { from: null, to: taskIds },
      });
      return row.id;
    });
    return this.getNomination(user, id);
  }

  async listNominations(
    user: AuthUser,
    roundId: string,
    type?: NominationType,
  ): Promise<NominationView[]> {
    const round = await this.readableRound(user, roundId);
    const rows = await this.dataSource.query<NominationRow[]>(
      `SELECT * FROM nominations WHERE round_id = $1 AND ($2::text IS NULL OR type = $2)
        ORDER BY type, rank NULLS LAST, submitted_at, id`,
      [roundId, type ?? null],
    );
    const visible = rows.filter((n) => this.canReadNomination(user, round, n));
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: 'nomination',
      filter: { roundId, type: type ?? null },
    });
    return this.nominationViews(user, round, visible);
  }

  async getNomination(user: AuthUser, id: string): Promise<NominationView> {
    const { round, row } = await this.readableNomination(user, id);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: 'nomination',
      recordId: id,
    });
    return (await this.nominationViews(user, round, [row]))[0];
  }

  /** PROACTIVE_OFFICE verifies a nomination, or excludes it with a reason. */
  async decide(
    user: AuthUser,
    id: string,
    input: {
      decision: 'verify' | 'exclude';
      reason?: ExclusionReason;
      note?: string;
      version?: number;
    },
  ): Promise<NominationView> {
    const { round, row } = await this.readableNomination(user, id);
    this.assertOffice(user);
    if (!nominationStateAllows(round.status, row.state, input.decision)) {
      const text = {
        ko: '후보 추천 기간에 접수 상태인 후보만 확인하거나 제외할 수 있습니다.',
        en: 'Only a submitted nomination, while nominations are open, can be verified or excluded.',
      };
      throw roundStateAllows(round.status, 'nominate')
        ? this.nominationRefusal(user, round, row, text)
        : this.roundRefusal(user, round, text);
    }
    if (input.decision === 'exclude') {
      if (!input.reason) {
        throw DomainError.invalidField('reason', 'required', {
          ko: '제외 사유를 고르세요.',
          en: 'a reason is required',
        });
      }
      if (input.reason === 'TARGET_NOT_MET' && row.type === 'FAILURE_CASE') {
        throw DomainError.invalidField('reason', 'failureCase', {
          ko: '모범 실패사례는 목표 미달을 이유로 제외할 수 없습니다.',
          en: 'a FAILURE_CASE nomination is never excluded because its target was missed',
        });
      }
    }
    const to: NominationState = input.decision === 'verify' ? 'VERIFIED' : 'EXCLUDED';
    const reason =
      input.decision === 'exclude'
        ? `${input.reason}${input.note?.trim() ? `: ${input.note.trim()}` : ''}`
        : null;
    await this.tx.run(async (tx) => {
      // Only while nominations are open, checked again under the round's lock (the start of
      // scoring waits for it, and counts undecided nominations after it).
      const locked = await this.lockRound(tx, round.id, 'FOR SHARE');
      if (!nominationStateAllows(locked.status, 'SUBMITTED', input.decision)) {
        throw this.roundRefusal(
          user,
          { ...round, status: locked.status },
          {
            ko: '후보 추천 기간에 접수 상태인 후보만 확인하거나 제외할 수 있습니다.',
            en: 'Only a submitted nomination, while nominations are open, can be verified or excluded.',
          },
        );
      }
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE nominations SET state = $2, exclusion_reason = $3, verified_by = $4, verified_at = now(),
                version = version + 1, updated_at = now()
          WHERE id = $1 AND state = 'SUBMITTED' AND ($5::int IS NULL OR version = $5::int)`,
        [id, to, reason, user.id, input.version ?? null],
      );
      if (!affected) throw DomainError.conflict(row.version);
      await this.record(
        tx,
        user,
        row.organisation_id,
        'nomination',
        id,
        input.decision,
        {
          state: { from: row.state, to },
        },
        reason,
      );
    });
    return this.getNomination(user, id);
  }

  // ── Committee ────────────────────────────────────────────────────────────────────────────────

  /** A member declares a conflict with a nomination (recusal); from then on they neither see its scores nor score it. */
  async declareConflict(user: AuthUser, id: string, reason: string): Promise<NominationView> {
    const { round, row } = await this.readableNomination(user, id);
    this.assertMember(user, round);
    if (!nominationStateAllows(round.status, row.state, 'declareConflict')) {
      throw this.roundRefusal(user, round, {
        ko: '확정된 평가에는 이해충돌을 신고할 수 없습니다.',
        en: 'The round is confirmed.',
      });
    }
    await this.tx.run(async (tx) => {
      // Under the round's and the nomination's locks, like a sheet: the two never interleave.
      const locked = await this.lockRound(tx, round.id, 'FOR SHARE');
      const now = await this.lockNomination(tx, id);
      if (!nominationStateAllows(locked.status, now.state, 'declareConflict')) {
        throw this.roundRefusal(
          user,
          { ...round, status: locked.status },
          { ko: '확정된 평가에는 이해충돌을 신고할 수 없습니다.', en: 'The round is confirmed.' },
        );
      }
      const inserted = await tx.manager.query<unknown[]>(
        `INSERT INTO evaluation_conflicts (nomination_id, member_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING nomination_id`,
        [id, user.id, reason],
      );
      if (!inserted.length) return;
      // A sheet given before the declaration no longer counts.
      const [, removed] = await tx.manager.query<[unknown[], number]>(
        `DELETE FROM evaluation_scores WHERE nomination_id = $1 AND member_id = $2`,
        [id, user.id],
      );
      // ...nor do results aggregated with it.
      if (removed) {
        await tx.manager.query(
          `UPDATE nominations SET state = 'SCORED', final_score = NULL, rank = NULL, grade = NULL,
                  version = version + 1, updated_at = now()
            WHERE id = $1 AND state = 'GRADED'`,
          [id],
        );
      }
      await this.record(
        tx,
        user,
        row.organisation_id,
        'nomination',
        id,
        'conflict.declare',
        {
          conflictMemberId: { from: null, to: user.id },
        },
        reason,
      );
    });
    return this.getNomination(user, id);
  }

  /** A member's sheet for a nomination: every criterion, each from 0 to its weight. Replaces their earlier sheet. */
  async score(
    user: AuthUser,
    id: string,
    scores: Record<string, unknown>,
  ): Promise<NominationView> {
    const { round, row } = await this.readableNomination(user, id);
    this.assertMember(user, round);
    if (round.status !== 'SCORING') {
      throw this.roundRefusal(user, round, {
        ko: '채점 단계의 평가가 아닙니다.',
        en: 'The round is not in scoring.',
      });
    }
    if (!nominationStateAllows(round.status, row.state, 'score')) {
      throw this.nominationRefusal(user, round, row, {
        ko: '확인된 후보만 채점할 수 있습니다.',
        en: 'Only verified nominations are scored.',
      });
    }
    if (await this.hasConflict(id, user.id)) throw new DomainError(ErrorCode.CONFLICT_OF_INTEREST);
    const disqualified = this.disqualificationOf(user, row);
    if (disqualified) {
      throw new DomainError(ErrorCode.MEMBER_DISQUALIFIED, undefined, [], {
        reason: disqualified,
        allowedActions: allowedNominationActions(
          user,
          this.roundFacts(round),
          this.nominationFacts(user, round, row),
        ),
      });
    }
    const problems = sheetProblems(round.criteria, scores).map((p) => {
      const c = round.criteria.find((x) => x.key === p.key);
      return detail(
        `scores.${p.key}`,
        p.problem,
        p.problem === 'missing'
          ? { ko: '모든 항목을 채점하세요.', en: 'every criterion needs a score' }
          : p.problem === 'unknown'
            ? { ko: '이 평가에 없는 항목입니다.', en: 'not a criterion of this round' }
            : {
                ko: `0부터 ${c?.weight}까지(소수 둘째 자리까지)입니다.`,
                en: `must be from 0 to ${c?.weight}, at most two decimals`,
              },
      );
    });
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const sheet = scores as Record<string, number>;
    const total = memberTotal(round.criteria, sheet);
    await this.tx.run(async (tx) => {
      // The checks above again, under the round's and the nomination's locks: a resolution or a
      // conflict declaration that committed meanwhile refuses the sheet.
      const locked = await this.lockRound(tx, round.id, 'FOR SHARE');
      if (locked.status !== 'SCORING') {
        throw this.roundRefusal(
          user,
          { ...round, status: locked.status },
          { ko: '채점 단계의 평가가 아닙니다.', en: 'The round is not in scoring.' },
        );
      }
      const now = await this.lockNomination(tx, id);
      if (!nominationStateAllows(locked.status, now.state, 'score')) {
        throw this.nominationRefusal(
          user,
          round,
          { ...row, state: now.state },
          { ko: '확인된 후보만 채점할 수 있습니다.', en: 'Only verified nominations are scored.' },
        );
      }
      if (await this.hasConflict(id, user.id, tx.manager))
        throw new DomainError(ErrorCode.CONFLICT_OF_INTEREST);
      await tx.manager.query(
        `INSERT INTO evaluation_scores (nomination_id, member_id, scores, total, submitted_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (nomination_id, member_id) DO UPDATE SET scores = EXCLUDED.scores, total = EXCLUDED.total, submitted_at = now()`,
        [id, user.id, JSON.stringify(sheet), total],
      );
      // A graded nomination's results no longer follow from its sheets: back to SCORED until the
      // next aggregation (a resolution refuses meanwhile).
      await tx.manager.query(
        `UPDATE nominations SET state = 'SCORED', final_score = NULL, rank = NULL, grade = NULL,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND state IN ('VERIFIED', 'GRADED')`,
        [id],
      );
      await this.record(tx, user, row.organisation_id, 'nomination', id, 'score', {
        [`sheet:${user.id}`]: { from: null, to: { ...sheet, total } },
      });
    });
    return this.getNomination(user, id);
  }

  // ── Incentives ───────────────────────────────────────────────────────────────────────────────

  /** The official records which incentives they would prefer (after confirmation). */
  async recordPreference(
    user: AuthUser,
    nominationId: string,
    input: { preferred: IncentiveType[]; note?: string },
  ): Promise<{
    nominationId: string;
    userId: string;
    preferred: IncentiveType[];
    note: string | null;
  }> {
    const { round, row } = await this.readableNomination(user, nominationId);
    if (!row.nominee_user_ids.includes(user.id)) throw DomainError.forbidden();
    if (round.status !== 'CONFIRMED') {
      throw this.roundRefusal(user, round, {
        ko: '선정이 확정된 뒤에 희망 우대조치를 적을 수 있습니다.',
        en: 'Preferences are recorded once the results are confirmed.',
      });
    }
    if (!this.isSelected(round, row)) {
      throw new DomainError(ErrorCode.NOT_SELECTED, {
        ko: '선정된 공무원만 희망 우대조치를 적을 수 있습니다.',
        en: 'Only selected officials record preferences.',
      });
    }
    const preferred = [...new Set(input.preferred)];
    await this.tx.run(async (tx) => {
      await tx.manager.query(
        `INSERT INTO incentive_preferences (nomination_id, user_id, preferred, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (nomination_id, user_id) DO UPDATE SET preferred = EXCLUDED.preferred, note = EXCLUDED.note, recorded_at = now()`,
        [nominationId, user.id, preferred, input.note ?? null],
      );
      await this.record(
        tx,
        user,
        row.organisation_id,
        'nomination',
        nominationId,
        'incentive.preference',
        {
          [`preference:${user.id}`]: { from: null, to: preferred },
        },
      );
    });
    return { nominationId, userId: user.id, preferred, note: input.note ?? null };
  }

  /**
   * PROACTIVE_OFFICE grants an incentive to a selected official: at most `incentivesMax` each, or
   * `incentivesMaxTaskOwner` for one who, when the nomination was submitted, owned (주담당자) a
   * priority task of the round's year that was SELECTED, IN_PROGRESS or COMPLETED.
   */
  async grant(
    user: AuthUser,
    roundId: string,
    input: { nominationId: string; userId: string; incentiveType: IncentiveType; detail?: string },
  ): Promise<IncentiveView> {
    const round = await this.readableRound(user, roundId);
    this.assertOffice(user);
    const [row] = await this.dataSource.query<NominationRow[]>(
      `SELECT * FROM nominations WHERE id = $1 AND round_id = $2`,
      [input.nominationId, roundId],
    );
    if (!row) {
      throw DomainError.invalidField(
        'nominationId',
        'roundNomination',
        { ko: '이 평가의 후보가 아닙니다.', en: 'not a nomination of this round' },
        ErrorCode.INVALID_REFERENCE,
      );
    }
    if (!row.nominee_user_ids.includes(input.userId)) {
      throw DomainError.invalidField('userId', 'nominee', {
        ko: '이 후보의 대상 공무원이 아닙니다.',
        en: 'not a nominee of this nomination',
      });
    }
    if (!roundStateAllows(round.status, 'grant')) {
      throw this.roundRefusal(user, round, {
        ko: '선정이 확정된 뒤에 우대조치를 부여할 수 있습니다.',
        en: 'Incentives are granted once the results are confirmed.',
      });
    }
    if (!this.isSelected(round, row)) {
      throw new DomainError(ErrorCode.NOT_SELECTED, {
        ko: '선정된 공무원에게만 우대조치를 부여할 수 있습니다.',
        en: 'Incentives go to selected officials only.',
      });
    }
    const id = await this.tx.run(async (tx) => {
      // Serialise grants per official and round, so two concurrent grants cannot both pass the limit.
      await tx.manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('incentives:' || $1 || ':' || $2, 0))`,
        [roundId, input.userId],
      );
      const [counts] = await tx.manager.query<Array<{ granted: number }>>(
        `SELECT count(*)::int AS granted FROM incentive_grants WHERE round_id = $1 AND user_id = $2 AND status <> 'CANCELLED'`,
        [roundId, input.userId],
      );
      // The official may be named by several selected nominations of the round: the owner's
      // allowance applies when any of them recorded them as a qualifying task owner.
      const snapshots = await tx.manager.query<Array<{ owners: QualifyingTaskOwner[] }>>(
        `SELECT qualifying_task_owners AS owners FROM nominations
          WHERE round_id = $1 AND $2::uuid = ANY(nominee_user_ids) AND state = 'CONFIRMED'`,
        [roundId, input.userId],
      );
      const allowance = incentiveAllowance(
        snapshots.flatMap((r) => r.owners),
        input.userId,
        { max: round.incentives_max, maxTaskOwner: round.incentives_max_task_owner },
      );
      const max = allowance.max;
      if (counts.granted >= max) {
        throw new DomainError(
          ErrorCode.LIMIT_REACHED,
          {
            ko: `한 사람에게 우대조치는 ${max}개까지입니다${allowance.taskOwner ? '(중점과제 주담당자)' : ''}.`,
            en: `At most ${max} incentives per official${allowance.taskOwner ? ' (owner of a priority task)' : ''}.`,
          },
          [],
          {
            limit: allowance.taskOwner ? 'incentivesPerTaskOwner' : 'incentivesPerOfficial',
            max,
            used: counts.granted,
          },
        );
      }
      const [g] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO incentive_grants (round_id, nomination_id, user_id, incentive_type, detail, granted_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [roundId, row.id, input.userId, input.incentiveType, input.detail ?? null, user.id],
      );
      await this.record(tx, user, round.organisation_id, 'incentive', g.id, 'grant', {
        incentiveType: { from: null, to: input.incentiveType },
        userId: { from: null, to: input.userId },
        nominationId: { from: null, to: row.id },
      });
      return g.id;
    });
    return (await this.incentives(user, roundId)).grants.find((g) => g.id === id) as IncentiveView;
  }

  /** HR's execution status of a grant (PROACTIVE_OFFICE). */
  async updateGrant(
    user: AuthUser,
    grantId: string,
    input: { status: IncentiveStatus; hrNote?: string; version: number },
  ): Promise<IncentiveView> {
    this.assertOffice(user);
    const [grant] = await this.dataSource.query<
      Array<{ round_id: string; status: IncentiveStatus; version: number; organisation_id: string }>
    >(
      `SELECT g.round_id, g.status, g.version, r.organisation_id FROM incentive_grants g
         JOIN evaluation_rounds r ON r.id = g.round_id WHERE g.id = $1 AND r.organisation_id = $2`,
      [grantId, user.organisationId],
    );
    if (!grant) throw DomainError.notFound();
    if (grant.status !== 'GRANTED') {
      // EXECUTED and CANCELLED are final: nothing more can be done to the grant.
      throw DomainError.illegalTransition(
        { resource: 'incentiveGrant', currentStatus: grant.status, allowedActions: [] },
        {
          ko: '이미 집행되었거나 취소된 우대조치입니다.',
          en: 'The grant is already executed or cancelled.',
        },
      );
    }
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE incentive_grants SET status = $2, hr_note = $3, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $4 AND status = 'GRANTED'`,
        [grantId, input.status, input.hrNote ?? null, input.version],
      );
      if (!affected) throw DomainError.conflict(grant.version);
      await this.record(
        tx,
        user,
        grant.organisation_id,
        'incentive',
        grantId,
        'status',
        {
          status: { from: grant.status, to: input.status },
        },
        input.hrNote ?? null,
      );
    });
    return (await this.incentives(user, grant.round_id)).grants.find(
      (g) => g.id === grantId,
    ) as IncentiveView;
  }

  /** Selected officials with their preferences and grants; who is still below the minimum. */
  async incentives(user: AuthUser, roundId: string): Promise<IncentivesView> {
    const round = await this.readableRound(user, roundId);
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR))
      throw DomainError.forbidden();
    const grants = await this.dataSource.query<IncentiveView[]>(
      `SELECT g.id, g.nomination_id AS "nominationId", g.user_id AS "userId", u.name AS "userName",
              d.name AS "departmentName", g.incentive_type AS "incentiveType", g.detail, g.status,
              g.hr_note AS "hrNote", g.version, g.created_at AS "grantedAt"
         FROM incentive_grants g JOIN users u ON u.id = g.user_id JOIN departments d ON d.id = u.department_id
        WHERE g.round_id = $1 ORDER BY u.name, g.created_at`,
      [roundId],
    );
    const selected = await this.dataSource.query<
      Array<{
        nomination_id: string;
        user_id: string;
        name: string;
        grade: string;
        preferred: IncentiveType[] | null;
        owners: QualifyingTaskOwner[];
      }>
    >(
      // The same selection as isSelectedNomination (CONFIRMED, named officials, above the last band).
      `SELECT n.id AS nomination_id, x.user_id, u.name, n.grade, p.preferred, n.qualifying_task_owners AS owners
         FROM nominations n CROSS JOIN LATERAL unnest(n.nominee_user_ids) AS x(user_id)
         JOIN users u ON u.id = x.user_id
         LEFT JOIN incentive_preferences p ON p.nomination_id = n.id AND p.user_id = x.user_id
        WHERE n.round_id = $1 AND n.state = 'CONFIRMED' AND n.type = ANY($3::text[])
          AND n.grade IS NOT NULL AND n.grade <> $2
        ORDER BY u.name, x.user_id, n.submitted_at`,
      [roundId, round.grades[round.grades.length - 1].grade, SELECTED_NOMINATION_TYPES],
    );
    const allOwners = selected.flatMap((s) => s.owners);
    const active = (userId: string) =>
      grants.filter((g) => g.userId === userId && g.status !== 'CANCELLED').length;
    return {
      roundId,
      min: round.incentives_min,
      max: round.incentives_max,
      maxTaskOwner: round.incentives_max_task_owner,
      officials: selected.map((s) => ({
        nominationId: s.nomination_id,
        userId: s.user_id,
        name: s.name,
        grade: s.grade,
        preferred: s.preferred ?? [],
        granted: active(s.user_id),
        belowMinimum: active(s.user_id) < round.incentives_min,
        taskOwner: incentiveAllowance(allOwners, s.user_id, {
          max: round.incentives_max,
          maxTaskOwner: round.incentives_max_task_owner,
        }).taskOwner,
      })),
      complete: selected.every((s) => active(s.user_id) >= round.incentives_min),
      grants,
    };
  }

  // ── Reading helpers ──────────────────────────────────────────────────────────────────────────

  /** Rows of the results for exports: confirmed, or any time for the office and auditors. */
  async resultRows(user: AuthUser, roundId: string) {
    const round = await this.readableRound(user, roundId);
    const full = this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR);
    if (!full && round.status !== 'CONFIRMED') throw DomainError.forbidden();
    const rows = await this.dataSource.query<NominationRow[]>(
      `SELECT * FROM nominations WHERE round_id = $1 AND state IN ('GRADED', 'CONFIRMED') ORDER BY type, rank, id`,
      [roundId],
    );
    return {
      round: this.roundView(user, round),
      nominations: await this.nominationViews(user, round, rows),
    };
  }

  private async readableRound(user: AuthUser, id: string): Promise<RoundRow> {
    this.assertOrganisationUser(user);
    const [row] = await this.roundRows(`r.id = $1 AND r.organisation_id = $2`, [
      id,
      user.organisationId,
    ]);
    if (!row) throw DomainError.notFound();
    return row;
  }

  private roundRows(
    where: string,
    params: unknown[],
    db: Pick<DataSource, 'query'> = this.dataSource,
  ): Promise<RoundRow[]> {
    return db.query<RoundRow[]>(
      `SELECT r.id, r.organisation_id, r.kind, r.year, r.title,
              to_char(r.nominations_open, 'YYYY-MM-DD') AS nominations_open,
              to_char(r.nominations_close, 'YYYY-MM-DD') AS nominations_close,
              to_char(r.scoring_due, 'YYYY-MM-DD') AS scoring_due,
              to_char(r.resolution_date, 'YYYY-MM-DD') AS resolution_date,
              r.criteria, r.grades, r.trim_min_members, r.incentives_min, r.incentives_max,
              r.incentives_max_task_owner, r.status, r.version, r.criteria_approved_item_id,
              COALESCE((SELECT array_agg(m.user_id ORDER BY m.user_id) FROM evaluation_members m WHERE m.round_id = r.id), '{}') AS member_ids
         FROM evaluation_rounds r WHERE ${where} ORDER BY r.year DESC, r.kind`,
      params,
    );
  }

  private async resolutionOf(roundId: string): Promise<RoundView['resolution']> {
    const [r] = await this.dataSource.query<
      Array<{
        meeting_date: string;
        present_member_ids: string[];
        votes_for: number;
        votes_against: number;
        agenda_item_id: string | null;
      }>
    >(
      `SELECT to_char(meeting_date, 'YYYY-MM-DD') AS meeting_date, present_member_ids, votes_for, votes_against,
              agenda_item_id
         FROM evaluation_resolutions WHERE round_id = $1`,
      [roundId],
    );
    return r
      ? {
          meetingDate: r.meeting_date,
          presentMemberIds: r.present_member_ids,
          votesFor: r.votes_for,
          votesAgainst: r.votes_against,
          agendaItemId: r.agenda_item_id,
        }
      : null;
  }

  private roundView(
    user: AuthUser,
    r: RoundRow,
    resolution: RoundView['resolution'] = null,
  ): RoundView {
    return {
      id: r.id,
      organisationId: r.organisation_id,
      kind: r.kind,
      year: r.year,
      title: r.title,
      nominationsOpen: r.nominations_open,
      nominationsClose: r.nominations_close,
      scoringDue: r.scoring_due,
      resolutionDate: r.resolution_date,
      criteria: r.criteria,
      grades: r.grades,
      trimMinMembers: r.trim_min_members,
      incentivesMin: r.incentives_min,
      incentivesMax: r.incentives_max,
      incentivesMaxTaskOwner: r.incentives_max_task_owner,
      status: r.status,
      memberIds: r.member_ids,
      isMember: r.member_ids.includes(user.id),
      criteriaApprovedItemId: r.criteria_approved_item_id,
      resolution,
      version: r.version,
    };
  }

  private async readableNomination(
    user: AuthUser,
    id: string,
  ): Promise<{ round: RoundRow; row: NominationRow }> {
    this.assertOrganisationUser(user);
    const [row] = await this.dataSource.query<NominationRow[]>(
      `SELECT * FROM nominations WHERE id = $1 AND organisation_id = $2`,
      [id, user.organisationId],
    );
    if (!row) throw DomainError.notFound();
    const round = await this.readableRound(user, row.round_id);
    if (!this.canReadNomination(user, round, row)) throw DomainError.notFound();
    return { round, row };
  }

  /**
   * The office and auditors read every nomination; the round's committee members too; a nominee,
   * the nominator and the nominee departments their own; everyone in the organisation the confirmed
   * results.
   */
  private canReadNomination(user: AuthUser, round: RoundRow, n: NominationRow): boolean {
    if (this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR)) return true;
    if (round.member_ids.includes(user.id) && this.policy.hasRole(user, Role.COMMITTEE))
      return true;
    if (n.nominated_by === user.id || n.nominee_user_ids.includes(user.id)) return true;
    if (n.nominee_department_ids.includes(user.departmentId)) return true;
    return round.status === 'CONFIRMED' && n.state === 'CONFIRMED';
  }

  private async nominationViews(
    user: AuthUser,
    round: RoundRow,
    rows: NominationRow[],
  ): Promise<NominationView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [names, sheets, conflicts, memberDepts, linked] = await Promise.all([
      this.dataSource.query<Array<{ id: string; name: string; kind: 'USER' | 'DEPARTMENT' }>>(
        `SELECT id, name, 'USER' AS kind FROM users WHERE id = ANY($1::uuid[])
         UNION ALL SELECT id, name, 'DEPARTMENT' FROM departments WHERE id = ANY($2::uuid[])`,
        [rows.flatMap((r) => r.nominee_user_ids), rows.flatMap((r) => r.nominee_department_ids)],
      ),
      this.dataSource.query<
        Array<{
          nomination_id: string;
          member_id: string;
          name: string;
          scores: Record<string, number>;
          total: string;
          submitted_at: Date;
        }>
      >(
        `SELECT s.nomination_id, s.member_id, u.name, s.scores, s.total, s.submitted_at
           FROM evaluation_scores s JOIN users u ON u.id = s.member_id
          WHERE s.nomination_id = ANY($1::uuid[]) ORDER BY u.name, s.member_id`,
        [ids],
      ),
      this.dataSource.query<Array<{ nomination_id: string; member_id: string }>>(
        `SELECT nomination_id, member_id FROM evaluation_conflicts WHERE nomination_id = ANY($1::uuid[])`,
        [ids],
      ),
      this.dataSource.query<Array<{ id: string; department_id: string | null }>>(
        `SELECT id, department_id FROM users WHERE id = ANY($1::uuid[])`,
        [round.member_ids],
      ),
      this.dataSource.query<Array<{ id: string; code: string; title: string }>>(
        `SELECT id, code, title FROM tasks WHERE id = ANY($1::uuid[]) AND organisation_id = $2`,
        [rows.flatMap((r) => r.task_ids), round.organisation_id],
      ),
    ]);
    const name = new Map(names.map((n) => [`${n.kind}:${n.id}`, n.name]));
    const linkedTask = new Map(linked.map((t) => [t.id, t]));
    const office = this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR);
    const member = round.member_ids.includes(user.id) && this.policy.hasRole(user, Role.COMMITTEE);
    return rows.map((n) => {
      const myConflict = conflicts.some((c) => c.nomination_id === n.id && c.member_id === user.id);
      const seesScores = office || (member && !myConflict);
      const seesResults = seesScores || n.state === 'CONFIRMED';
      const band = n.grade ? round.grades.find((g) => g.grade === n.grade) : undefined;
      const parties = {
        type: n.type,
        nomineeUserIds: n.nominee_user_ids,
        nomineeDepartmentIds: n.nominee_department_ids,
        nominatedBy: n.nominated_by,
      };
      const disqualifiedMembers = memberDepts.flatMap((m) => {
        const role = nominationDisqualification(
          { userId: m.id, departmentIds: m.department_id ? [m.department_id] : [] },
          parties,
        );
        return role ? [{ memberId: m.id, role }] : [];
      });
      return {
        id: n.id,
        roundId: n.round_id,
        type: n.type,
        source: n.source,
        title: n.title,
        nominees: [
          ...n.nominee_user_ids.map((id) => ({
            kind: 'USER' as const,
            id,
            name: name.get(`USER:${id}`) ?? '',
          })),
          ...n.nominee_department_ids.map((id) => ({
            kind: 'DEPARTMENT' as const,
            id,
            name: name.get(`DEPARTMENT:${id}`) ?? '',
          })),
        ],
        taskIds: n.task_ids,
        tasks: n.task_ids.flatMap((id) => {
          const task = linkedTask.get(id);
          return task ? [{ id, code: task.code, title: task.title }] : [];
        }),
        narrative: n.narrative,
        nominatedBy: n.nominated_by,
        departmentId: n.department_id,
        status: n.state,
        exclusionReason: n.exclusion_reason,
        submittedAt: n.submitted_at,
        results: seesResults
          ? {
              finalScore: n.final_score === null ? null : Number(n.final_score),
              rank: n.rank,
              grade: n.grade,
              gradeLabel: band?.label ?? null,
            }
          : null,
        sheets: seesScores
          ? sheets
              .filter((s) => s.nomination_id === n.id)
              .map((s) => ({
                memberId: s.member_id,
                memberName: s.name,
                scores: s.scores,
                total: Number(s.total),
                submittedAt: s.submitted_at,
              }))
          : null,
        myConflict,
        myScored: sheets.some((s) => s.nomination_id === n.id && s.member_id === user.id),
        myDisqualification: member ? this.disqualificationOf(user, n) : null,
        disqualifiedMembers: seesScores ? disqualifiedMembers : null,
        allowedActions: allowedNominationActions(
          user,
          this.roundFacts(round),
          this.nominationFacts(user, round, n),
        ),
        version: n.version,
      };
    });
  }

  // ── Rules ────────────────────────────────────────────────────────────────────────────────────

  /** Selected officials: see isSelectedNomination. */
  private isSelected(round: RoundRow, n: NominationRow): boolean {
    return isSelectedNomination(n, round.grades);
  }

  /** 제척: why a committee member of the round may not score the nomination, or null. */
  private disqualificationOf(user: AuthUser, n: NominationRow): InterestedRole | null {
    return nominationDisqualification(
      { userId: user.id, departmentIds: user.departmentId ? [user.departmentId] : [] },
      {
        type: n.type,
        nomineeUserIds: n.nominee_user_ids,
        nomineeDepartmentIds: n.nominee_department_ids,
        nominatedBy: n.nominated_by,
      },
    );
  }

  private nominationFacts(user: AuthUser, round: RoundRow, n: NominationRow) {
    return {
      status: n.state,
      nomineeUserIds: n.nominee_user_ids,
      selected: this.isSelected(round, n),
      disqualified: round.member_ids.includes(user.id) && this.disqualificationOf(user, n) !== null,
    };
  }

  private async checkNominees(
    user: AuthUser,
    round: RoundRow,
    type: NominationType,
    source: NominationSource,
    userIds: string[],
    deptIds: string[],
    taskIds: string[],
  ): Promise<ErrorDetail[]> {
    const problems: ErrorDetail[] = [];
    if (type === 'DEPARTMENT') {
      if (deptIds.length !== 1 || userIds.length) {
        problems.push(
          detail('nomineeDepartmentIds', 'oneDepartment', {
            ko: '부서 후보는 부서 하나를 지정합니다.',
            en: 'a DEPARTMENT nomination names exactly one department and no users',
          }),
        );
      }
    } else if (type === 'OFFICIAL') {
      if (userIds.length !== 1 || deptIds.length) {
        problems.push(
          detail('nomineeUserIds', 'oneOfficial', {
            ko: '개인 후보는 공무원 한 명을 지정합니다.',
            en: 'an OFFICIAL nomination names exactly one user',
          }),
        );
      }
    } else if (!userIds.length && !deptIds.length) {
      problems.push(
        detail('nomineeUserIds', 'nominees', {
          ko: '후보 대상(공무원 또는 부서)을 지정하세요.',
          en: 'name at least one user or department',
        }),
      );
    }
    if (source === 'SELF' && !(userIds.length >= 1 && userIds.includes(user.id))) {
      problems.push(
        detail('nomineeUserIds', 'self', {
          ko: '본인신청은 본인이 대상이어야 합니다.',
          en: 'a SELF application must name the applicant',
        }),
      );
    }
    if (userIds.length) {
      const found = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND active`,
        [userIds, round.organisation_id],
      );
      const ok = new Set(found.map((r) => r.id));
      userIds.forEach((id, i) => {
        if (!ok.has(id))
          problems.push(
            detail(`nomineeUserIds.${i}`, 'organisationUser', {
              ko: '대상 공무원은 이 기관의 활성 사용자여야 합니다.',
              en: 'must be an active user of the organisation',
            }),
          );
      });
    }
    if (deptIds.length) {
      const found = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM departments WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND active`,
        [deptIds, round.organisation_id],
      );
      const ok = new Set(found.map((r) => r.id));
      deptIds.forEach((id, i) => {
        if (!ok.has(id))
          problems.push(
            detail(`nomineeDepartmentIds.${i}`, 'organisationDepartment', {
              ko: '대상 부서는 이 기관의 부서여야 합니다.',
              en: 'must be an active department of the organisation',
            }),
          );
      });
    }
    if (taskIds.length) {
      const found = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM tasks WHERE id = ANY($1::uuid[]) AND organisation_id = $2`,
        [taskIds, round.organisation_id],
      );
      const ok = new Set(found.map((r) => r.id));
      taskIds.forEach((id, i) => {
        if (!ok.has(id))
          problems.push(
            detail(`taskIds.${i}`, 'organisationTask', {
              ko: '연결 과제는 이 기관의 중점과제여야 합니다.',
              en: 'must be a priority task of the organisation',
            }),
          );
      });
    }
    return problems;
  }

  private checkSchedule(input: RoundInput): void {
    const order: Array<keyof RoundInput> = [
      'nominationsOpen',
      'nominationsClose',
      'scoringDue',
      'resolutionDate',
    ];
    for (let i = 1; i < order.length; i++) {
      if ((input[order[i]] as string) < (input[order[i - 1]] as string)) {
        throw DomainError.invalidField(order[i], 'scheduleOrder', {
          ko: '일정은 추천 시작 ≤ 추천 마감 ≤ 채점 마감 ≤ 의결일 순서여야 합니다.',
          en: 'the schedule must run nominationsOpen ≤ nominationsClose ≤ scoringDue ≤ resolutionDate',
        });
      }
    }
  }

  private async hasConflict(
    nominationId: string,
    memberId: string,
    db: Pick<DataSource, 'query'> = this.dataSource,
  ): Promise<boolean> {
    const [row] = await db.query<unknown[]>(
      `SELECT 1 FROM evaluation_conflicts WHERE nomination_id = $1 AND member_id = $2`,
      [nominationId, memberId],
    );
    return Boolean(row);
  }

  /**
   * Locks the round's row in `tx` and reads its status as it is now (checks made before the
   * transaction are only an early answer: every state change checks again under this lock).
   * FOR SHARE for writes that need the round to stay as it is (scores, conflicts, decisions,
   * nominations; they do not block one another); FOR NO KEY UPDATE for the round's own changes
   * (aggregation, resolution, start of scoring), which wait for those and for one another.
   * Lock order: the round before its nominations.
   */
  private async lockRound(
    tx: Tx,
    id: string,
    mode: 'FOR SHARE' | 'FOR NO KEY UPDATE',
  ): Promise<{ status: RoundStatus; version: number }> {
    const [row] = await tx.manager.query<Array<{ status: RoundStatus; version: number }>>(
      `SELECT status, version FROM evaluation_rounds WHERE id = $1 ${mode}`,
      [id],
    );
    if (!row) throw DomainError.notFound();
    return row;
  }

  /** Locks the nomination's row in `tx` (after its round's) and reads its state as it is now. */
  private async lockNomination(
    tx: Tx,
    id: string,
  ): Promise<{ state: NominationState; version: number }> {
    const [row] = await tx.manager.query<Array<{ state: NominationState; version: number }>>(
      `SELECT state, version FROM nominations WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    if (!row) throw DomainError.notFound();
    return row;
  }

  private async setStatus(
    user: AuthUser,
    round: RoundRow,
    from: RoundStatus,
    to: RoundStatus,
    action: string,
    /** Checks that must hold under the round's lock, after the status changed (a throw undoes it). */
    check: (tx: Tx) => Promise<void> = () => Promise.resolve(),
  ): Promise<void> {
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE evaluation_rounds SET status = $2, version = version + 1, updated_at = now() WHERE id = $1 AND status = $3`,
        [round.id, to, from],
      );
      if (!affected) throw DomainError.conflict(round.version);
      await check(tx);
      await this.record(tx, user, round.organisation_id, 'evaluation_round', round.id, action, {
        status: { from, to },
      });
    });
  }

  /** 409 ILLEGAL_TRANSITION: the round's state refuses; what the user may do to it instead. */
  private roundRefusal(user: AuthUser, round: RoundRow, text: LocalText): DomainError {
    return DomainError.illegalTransition(
      {
        resource: 'evaluationRound',
        currentStatus: round.status,
        allowedActions: allowedRoundActions(user, this.roundFacts(round)),
      },
      text,
    );
  }

  /** 409 ILLEGAL_TRANSITION: the nomination's state refuses; what the user may do to it instead. */
  private nominationRefusal(
    user: AuthUser,
    round: RoundRow,
    row: NominationRow,
    text: LocalText,
  ): DomainError {
    return DomainError.illegalTransition(
      {
        resource: 'nomination',
        currentStatus: row.state,
        allowedActions: allowedNominationActions(
          user,
          this.roundFacts(round),
          this.nominationFacts(user, round, row),
        ),
      },
      text,
    );
  }

  private roundFacts(round: RoundRow): RoundFacts {
    return { status: round.status, memberIds: round.member_ids };
  }

  private assertOffice(user: AuthUser): void {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
  }

  private assertMember(user: AuthUser, round: RoundRow): void {
    if (!round.member_ids.includes(user.id) || !this.policy.hasRole(user, Role.COMMITTEE)) {
      throw DomainError.forbidden();
    }
  }

  /** Evaluations are read within the organisation by its business roles (ADMIN has none). */
  private assertOrganisationUser(user: AuthUser): void {
    if (
      !this.policy.hasRole(
        user,
        Role.STAFF,
        Role.DEPT_HEAD,
        Role.AUDITOR,
        Role.PROACTIVE_OFFICE,
        Role.COMMITTEE,
      )
    ) {
      throw DomainError.notFound();
    }
  }

  private record(
    tx: Tx,
    user: AuthUser,
    organisationId: string,
    recordType: string,
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
      actorId: user.id,
      changes,
      reason,
    });
  }
}

export interface IncentiveView {
  id: string;
  nominationId: string;
  userId: string;
  userName: string;
  departmentName: string;
  incentiveType: IncentiveType;
  detail: string | null;
  status: IncentiveStatus;
  hrNote: string | null;
  version: number;
  grantedAt: Date;
}

export interface IncentivesView {
  roundId: string;
  min: number;
  max: number;
  maxTaskOwner: number;
  officials: Array<{
    nominationId: string;
    userId: string;
    name: string;
    grade: string;
    preferred: IncentiveType[];
    granted: number;
    belowMinimum: boolean;
    /** Owned a qualifying priority task when nominated: may take up to maxTaskOwner. */
    taskOwner: boolean;
  }>;
  /** Every selected official holds at least `min` incentives (not cancelled). */
  complete: boolean;
  grants: IncentiveView[];
}
