import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttachmentsService, type AttachmentView } from '@gwaje/attachments';
import { type HistoryRecord, HistoryService } from '@gwaje/audit';
import {
  disqualification,
  DomainError,
  ErrorCode,
  type ErrorDetail,
  type InterestedRole,
} from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { ContestAccess, type RoundRelation } from './contest-access.js';
import type { EntryRow, RoundRow } from './contest-query.js';
import type { AwardRow } from './contest-rules.js';
import {
  allowedEntryActions,
  type ContestEntryAction,
  type ContestEntryState,
  type ContestRoundStatus,
  entryTransition,
  roundTransition,
} from './contest-workflow.js';

export interface ContestEntryInput {
  field: string;
  title: string;
  summary?: string;
  departmentId: string;
  officialIds: string[];
  taskId?: string | null;
  nominationId?: string | null;
}

export interface EntryLinkView {
  entryId: string;
  roundId: string;
  roundTitle: string;
  organisationName: string;
  roundStatus: ContestRoundStatus;
  /** The entry's lifecycle status (column `state`). */
  status: ContestEntryState;
  /** The rank and award at that level: once its results are published. */
  rank: number | null;
  award: AwardRow | null;
}

export interface ScoreSheetView {
  memberId: string;
  memberName: string;
  scores: Record<string, number>;
  total: number;
  submittedAt: Date;
}

export interface ContestEntryView {
  id: string;
  roundId: string;
  entrantOrganisationId: string;
  entrantOrganisationName: string;
  field: string;
  title: string;
  summary: string;
  departmentId: string;
  departmentName: string;
  officials: Array<{ id: string; name: string }>;
  taskId: string | null;
  nominationId: string | null;
  /** Files the entrant attached (name, type, size, sha256, uploader). */
  attachments: AttachmentView[];
  /** The entry's lifecycle status (column `state`). */
  status: ContestEntryState;
  rejectionReason: string | null;
  submittedAt: Date;
  /**
   * Final score, rank, award and advancement: the organiser's office and auditors and the panel
   * while judging; the entrant (and the lower level) only once the results are published.
   */
  result: {
    finalScore: number | null;
    rank: number | null;
    award: AwardRow | null;
    advances: boolean;
  } | null;
  /** The judges' sheets: the organiser's office and auditors only. */
  sheets: ScoreSheetView[] | null;
  /** A panel member's own sheet and whether 제척 keeps them from scoring it. */
  myScore: ScoreSheetView | null;
  myDisqualification: InterestedRole | null;
  /** The lower level's entry this one came from, and its result there. */
  advancedFrom: EntryLinkView | null;
  /** The higher level's entry it became, and its result there once published (flows back). */
  advancedTo: EntryLinkView | null;
  allowedActions: ContestEntryAction[];
  version: number;
}

const invalid = (details: ErrorDetail[]) =>
  new DomainError(ErrorCode.VALIDATION_FAILED, undefined, details);
const reference = (field: string, ko: string, en: string): ErrorDetail => ({
  field,
  code: 'reference',
  message: { ko, en },
});

export const CONTEST_ENTRY_ATTACHMENT_OWNER = 'contest_entry';
const ATTACHMENT_OWNER = CONTEST_ENTRY_ATTACHMENT_OWNER;

/** 제척: a judge named as an official, of the entry's department, or its submitter. */
function disqualifiedBy(
  userId: string,
  departmentId: string | null,
  entry: EntryRow,
): InterestedRole | null {
  return disqualification({ userId, departmentIds: departmentId ? [departmentId] : [] }, [
    ...entry.official_ids.map((o) => ({ role: 'NOMINEE' as const, userId: o })),
    { role: 'DEPARTMENT', departmentId: entry.department_id },
    { role: 'NOMINATOR', userId: entry.submitted_by },
  ]);
}

/** Actions whose history is the organiser's own (scores and provisional ranks). */
const ORGANISER_ONLY_HISTORY = new Set(['score', 'rank']);

/**
 * Entries (사례) of a contest round: submitted by an entrant organisation's office, screened by the
 * organiser, scored by the round's panel (제척 applies), and read in SQL scope: an entrant sees its
 * own entries, never another's, and no score or rank before the results are published.
 */
@Injectable()
export class ContestEntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: ContestAccess,
    private readonly historyService: HistoryService,
    private readonly attachments: AttachmentsService,
  ) {}

  async submit(
    user: AuthUser,
    roundId: string,
    input: ContestEntryInput,
  ): Promise<ContestEntryView> {
    const round = await this.access.readableRound(user, roundId);
    const rel = await this.access.relation(user, round);
    if (!rel.entrant) throw DomainError.forbidden();
    if (roundTransition(round.status, 'submitEntry') === null)
      throw this.access.roundRefusal(round, rel, {
        ko: '출품을 받는 중인 회차가 아닙니다.',
        en: 'The round is not taking entries.',
      });
    await this.checkReferences(user.organisationId, round, input);
    const officials = [...new Set(input.officialIds)];
    const id = await this.tx.run(async (tx) => {
      const now = await this.access.lockRound(tx, roundId, 'FOR SHARE');
      if (roundTransition(now.status, 'submitEntry') === null)
        throw this.access.roundRefusal(now, rel);
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO contest_entries (round_id, entrant_organisation_id, field, title, summary, department_id,
                official_ids, task_id, nomination_id, submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          roundId,
          user.organisationId,
          input.field,
          input.title,
          input.summary ?? '',
          input.departmentId,
          officials,
          input.taskId ?? null,
          input.nominationId ?? null,
          user.id,
        ],
      );
      await this.access.record(tx, user, round.organisation_id, 'contest_entry', row.id, 'submit', {
        roundId: { from: null, to: roundId },
        entrantOrganisationId: { from: null, to: user.organisationId },
        field: { from: null, to: input.field },
        title: { from: null, to: input.title },
        departmentId: { from: null, to: input.departmentId },
        officialIds: { from: null, to: officials },
        taskId: { from: null, to: input.taskId ?? null },
        nominationId: { from: null, to: input.nominationId ?? null },
      });
      return row.id;
    });
    return this.getEntry(user, id);
  }

  async listEntries(user: AuthUser, roundId: string): Promise<ContestEntryView[]> {
    const round = await this.access.readableRound(user, roundId);
    const rows = await this.access.readableEntries(user, 'e.round_id = $X', [roundId]);
    return this.views(user, round, rows);
  }

  async getEntry(user: AuthUser, id: string): Promise<ContestEntryView> {
    const row = await this.access.readableEntry(user, id);
    const round = (await this.access.roundById(undefined, row.round_id))!;
    const [view] = await this.views(user, round, [row]);
    return view;
  }

  /** The organiser accepts an entry or rejects it with a reason (screening). */
  async screen(
    user: AuthUser,
    id: string,
    input: { decision: 'accept' | 'reject'; reason?: string; version: number },
  ): Promise<ContestEntryView> {
    const row = await this.access.readableEntry(user, id);
    const round = (await this.access.roundById(undefined, row.round_id))!;
    const rel = await this.access.relation(user, round);
    if (!rel.organiser) throw DomainError.forbidden();
    if (input.decision === 'reject' && !input.reason?.trim())
      throw DomainError.invalidField('reason', 'required', {
        ko: '반려 사유를 입력하세요.',
        en: 'a reason is required to reject an entry',
      });
    const to = entryTransition(round.status, row.state, input.decision);
    if (to === null) throw this.access.entryRefusal(round, row.state, rel);
    await this.tx.run(async (tx) => {
      const now = await this.access.lockRound(tx, round.id, 'FOR SHARE');
      if (entryTransition(now.status, row.state, input.decision) === null)
        throw this.access.entryRefusal(now, row.state, rel);
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE contest_entries SET state = $3, rejection_reason = $4, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND state = 'SUBMITTED'`,
        [id, input.version, to, to === 'REJECTED' ? input.reason!.trim() : null],
      );
      if (!affected) throw DomainError.conflict(row.version);
      await this.access.record(
        tx,
        user,
        round.organisation_id,
        'contest_entry',
        id,
        `screening.${input.decision}`,
        { state: { from: row.state, to } },
        input.reason?.trim() || null,
      );
    });
    return this.getEntry(user, id);
  }

  /** A panel member's sheet for an accepted entry while the round is judging (again: replaces it). */
  async score(
    user: AuthUser,
    id: string,
    scores: Record<string, unknown>,
  ): Promise<ContestEntryView> {
    const row = await this.access.readableEntry(user, id);
    const round = (await this.access.roundById(undefined, row.round_id))!;
    const rel = await this.access.relation(user, round);
    if (!rel.judge) throw DomainError.forbidden();
    if (entryTransition(round.status, row.state, 'score') === null)
      throw this.access.entryRefusal(round, row.state, rel);
    const why = await this.disqualified(user.id, row);
    if (why)
      throw new DomainError(ErrorCode.CONTEST_JUDGE_DISQUALIFIED, undefined, [], {
        disqualification: why,
      });
    const sheet = this.checkSheet(round, scores);
    const total = Object.values(sheet).reduce((s, v) => s + v, 0);
    await this.tx.run(async (tx) => {
      const now = await this.access.lockRound(tx, round.id, 'FOR SHARE');
      if (entryTransition(now.status, row.state, 'score') === null)
        throw this.access.entryRefusal(now, row.state, rel);
      await tx.manager.query(`SELECT 1 FROM contest_entries WHERE id = $1 FOR NO KEY UPDATE`, [id]);
      const [before] = await tx.manager.query<Array<{ total: string }>>(
        `SELECT total FROM contest_scores WHERE entry_id = $1 AND member_id = $2`,
        [id, user.id],
      );
      await tx.manager.query(
        `INSERT INTO contest_scores (entry_id, member_id, scores, total) VALUES ($1, $2, $3, $4)
         ON CONFLICT (entry_id, member_id) DO UPDATE SET scores = EXCLUDED.scores, total = EXCLUDED.total, submitted_at = now()`,
        [id, user.id, JSON.stringify(sheet), total],
      );
      await this.access.record(tx, user, round.organisation_id, 'contest_entry', id, 'score', {
        [`scores.${user.id}`]: { from: before ? Number(before.total) : null, to: total },
      });
    });
    return this.getEntry(user, id);
  }

  /**
   * The entry's history with the history of the entries it advanced from and to: the lower and the
   * higher level read the same story. Scores and provisional ranks are shown only to the
   * organiser (office, auditors, panel) of the round they belong to.
   */
  async history(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const row = await this.access.readableEntry(user, id);
    const chain = await this.dataSource.query<
      Array<{ id: string; organiser_id: string; round_id: string }>
    >(
      `WITH RECURSIVE down AS (
          SELECT id, advanced_from_entry_id, 0 AS depth FROM contest_entries WHERE id = $1
          UNION ALL
          SELECT e.id, e.advanced_from_entry_id, down.depth + 1 FROM contest_entries e JOIN down ON e.id = down.advanced_from_entry_id
           WHERE down.depth < 10),
       upward AS (
          SELECT id, 0 AS depth FROM contest_entries WHERE id = $1
          UNION ALL
          SELECT e.id, upward.depth + 1 FROM contest_entries e JOIN upward ON e.advanced_from_entry_id = upward.id
           WHERE upward.depth < 10)
       SELECT e.id, r.organisation_id AS organiser_id, r.id AS round_id FROM contest_entries e
         JOIN contest_rounds r ON r.id = e.round_id
        WHERE e.id IN (SELECT id FROM down UNION SELECT id FROM upward)`,
      [row.id],
    );
    const out: HistoryRecord[] = [];
    for (const c of chain) {
      const round = (await this.access.roundById(undefined, c.round_id))!;
      const rel = await this.access.relation(user, round);
      const organiserView = rel.full || rel.judge;
      const entries = await this.historyService.forRecord([c.organiser_id], 'contest_entry', c.id);
      out.push(...entries.filter((h) => organiserView || !ORGANISER_ONLY_HISTORY.has(h.action)));
    }
    return out.sort(
      (a, b) =>
        new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime() ||
        a.recordSeq - b.recordSeq,
    );
  }

  async views(user: AuthUser, round: RoundRow, rows: EntryRow[]): Promise<ContestEntryView[]> {
    if (!rows.length) return [];
    const rel = await this.access.relation(user, round);
    const ids = rows.map((r) => r.id);
    const people = await this.dataSource.query<Array<{ id: string; name: string }>>(
      `SELECT id, name FROM users WHERE id = ANY($1::uuid[])`,
      [[...new Set(rows.flatMap((r) => r.official_ids))]],
    );
    const names = new Map(people.map((p) => [p.id, p.name]));
    const files = await this.attachments.listMany(ATTACHMENT_OWNER, ids);
    const [judge] = rel.judge
      ? await this.dataSource.query<Array<{ department_id: string }>>(
          `SELECT department_id FROM users WHERE id = $1`,
          [user.id],
        )
      : [];
    const sheets = await this.dataSource.query<
      Array<{
        entry_id: string;
        member_id: string;
        member_name: string;
        scores: Record<string, number>;
        total: string;
        submitted_at: Date;
      }>
    >(
      `SELECT s.entry_id, s.member_id, u.name AS member_name, s.scores, s.total, s.submitted_at
         FROM contest_scores s JOIN users u ON u.id = s.member_id
        WHERE s.entry_id = ANY($1::uuid[]) ORDER BY u.name, s.member_id`,
      [ids],
    );
    const links = await this.dataSource.query<
      Array<{
        id: string;
        advanced_from_entry_id: string | null;
        round_id: string;
        round_title: string;
        organisation_name: string;
        round_status: ContestRoundStatus;
        state: ContestEntryState;
        rank: number | null;
        award: AwardRow | null;
      }>
    >(
      `SELECT e.id, e.advanced_from_entry_id, r.id AS round_id, r.title AS round_title, o.name AS organisation_name,
              r.status AS round_status, e.state, e.rank, e.award
         FROM contest_entries e JOIN contest_rounds r ON r.id = e.round_id JOIN organisations o ON o.id = r.organisation_id
        WHERE e.advanced_from_entry_id = ANY($1::uuid[])
           OR e.id IN (SELECT advanced_from_entry_id FROM contest_entries WHERE id = ANY($1::uuid[]))`,
      [ids],
    );
    const published = (s: ContestRoundStatus) => s === 'RESULTS_PUBLISHED' || s === 'CLOSED';
    const linkView = (l: (typeof links)[number]): EntryLinkView => ({
      entryId: l.id,
      roundId: l.round_id,
      roundTitle: l.round_title,
      organisationName: l.organisation_name,
      roundStatus: l.round_status,
      status: l.state,
      rank: published(l.round_status) ? l.rank : null,
      award: published(l.round_status) ? l.award : null,
    });
    const seesResults = rel.full || rel.judge || published(round.status);
    const sheetView = (s: (typeof sheets)[number]): ScoreSheetView => ({
      memberId: s.member_id,
      memberName: s.member_name,
      scores: s.scores,
      total: Number(s.total),
      submittedAt: s.submitted_at,
    });
    return rows.map((r): ContestEntryView => {
      const mine = sheets.filter((s) => s.entry_id === r.id);
      const own = mine.find((s) => s.member_id === user.id);
      const from = links.find((l) => l.id === r.advanced_from_entry_id);
      const to = links.find((l) => l.advanced_from_entry_id === r.id);
      return {
        id: r.id,
        roundId: r.round_id,
        entrantOrganisationId: r.entrant_organisation_id,
        entrantOrganisationName: r.entrant_organisation_name,
        field: r.field,
        title: r.title,
        summary: r.summary,
        departmentId: r.department_id,
        departmentName: r.department_name,
        officials: r.official_ids.map((o) => ({ id: o, name: names.get(o) ?? '' })),
        taskId: r.task_id,
        nominationId: r.nomination_id,
        attachments: files.get(r.id) ?? [],
        status: r.state,
        rejectionReason: r.rejection_reason,
        submittedAt: r.submitted_at,
        result: seesResults
          ? {
              finalScore: r.final_score === null ? null : Number(r.final_score),
              rank: r.rank,
              award: r.award,
              advances: r.advances,
            }
          : null,
        sheets: rel.full ? mine.map(sheetView) : null,
        myScore: rel.judge && own ? sheetView(own) : null,
        myDisqualification: judge ? disqualifiedBy(user.id, judge.department_id, r) : null,
        advancedFrom: from ? linkView(from) : null,
        advancedTo: to ? linkView(to) : null,
        allowedActions: allowedEntryActions(round.status, r.state, this.access.actors(rel)),
        version: r.version,
      };
    });
  }

  /** 제척 of a judge for an entry (see disqualifiedBy). */
  async disqualified(userId: string, entry: EntryRow): Promise<InterestedRole | null> {
    const [judge] = await this.dataSource.query<Array<{ department_id: string }>>(
      `SELECT department_id FROM users WHERE id = $1`,
      [userId],
    );
    return disqualifiedBy(userId, judge?.department_id ?? null, entry);
  }

  /** One score per criterion key, each 0..weight in steps of 0.5; nothing else. */
  private checkSheet(round: RoundRow, scores: Record<string, unknown>): Record<string, number> {
    const problems: ErrorDetail[] = [];
    const keys = new Set(round.criteria.map((c) => c.key));
    for (const k of Object.keys(scores))
      if (!keys.has(k))
        problems.push({
          field: `scores.${k}`,
          code: 'unknownCriterion',
          message: { ko: '회차의 평가 항목이 아닙니다.', en: 'is not a criterion of the round' },
        });
    const out: Record<string, number> = {};
    for (const c of round.criteria) {
      const v = scores[c.key];
      if (
        typeof v !== 'number' ||
        !Number.isFinite(v) ||
        v < 0 ||
        v > c.weight ||
        v * 2 !== Math.round(v * 2)
      )
        problems.push({
          field: `scores.${c.key}`,
          code: 'range',
          message: {
            ko: `${c.label}: 0부터 ${c.weight}까지(0.5 단위) 점수를 입력하세요.`,
            en: `must be a number from 0 to ${c.weight} in steps of 0.5`,
          },
        });
      else out[c.key] = v;
    }
    if (problems.length) throw invalid(problems);
    return out;
  }

  private async checkReferences(
    organisationId: string,
    round: RoundRow,
    input: ContestEntryInput,
  ): Promise<void> {
    const problems: ErrorDetail[] = [];
    if (!round.fields.some((f) => f.key === input.field))
      problems.push({
        field: 'field',
        code: 'unknownField',
        message: {
          ko: `회차의 분야(${round.fields.map((f) => f.label).join(', ')}) 중 하나여야 합니다.`,
          en: `must be one of the round’s fields: ${round.fields.map((f) => f.key).join(', ')}`,
        },
      });
    const [found] = await this.dataSource.query<
      Array<{ dept: boolean; officials: string[]; task: boolean; nomination: boolean }>
    >(
      `SELECT EXISTS (SELECT 1 FROM departments WHERE id = $2 AND organisation_id = $1 AND active) AS dept,
              COALESCE((SELECT array_agg(id) FROM users WHERE id = ANY($3::uuid[]) AND organisation_id = $1 AND active), '{}') AS officials,
              EXISTS (SELECT 1 FROM tasks WHERE id = $4 AND organisation_id = $1) AS task,
              EXISTS (SELECT 1 FROM nominations WHERE id = $5 AND organisation_id = $1) AS nomination`,
      [
        organisationId,
        input.departmentId,
        input.officialIds,
        input.taskId ?? null,
        input.nominationId ?? null,
      ],
    );
    if (!found.dept)
      problems.push(
        reference(
          'departmentId',
          '출품 기관의 활성 부서여야 합니다.',
          'must be an active department of your organisation',
        ),
      );
    const ok = new Set(found.officials);
    input.officialIds.forEach((o, i) => {
      if (!ok.has(o))
        problems.push(
          reference(
            `officialIds.${i}`,
            '출품 기관의 활성 사용자여야 합니다.',
            'must be an active user of your organisation',
          ),
        );
    });
    if (input.taskId && !found.task)
      problems.push(
        reference(
          'taskId',
          '출품 기관의 중점과제여야 합니다.',
          'must be a priority task of your organisation',
        ),
      );
    if (input.nominationId && !found.nomination)
      problems.push(
        reference(
          'nominationId',
          '출품 기관의 평가 후보여야 합니다.',
          'must be an evaluation nomination of your organisation',
        ),
      );
    if (problems.length) {
      const onlyReferences = problems.every((p) => p.code === 'reference');
      throw new DomainError(
        onlyReferences ? ErrorCode.INVALID_REFERENCE : ErrorCode.VALIDATION_FAILED,
        undefined,
        problems,
      );
    }
  }

  /** For other services: the relation (kept here so the views stay in one place). */
  relation(user: AuthUser, round: RoundRow): Promise<RoundRelation> {
    return this.access.relation(user, round);
  }
}
