import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import {
  type CompositionRule,
  type CompositionWarning,
  compositionWarnings,
  DomainError,
  ErrorCode,
  type ErrorDetail,
} from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { type AuthUser, SettingsService } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { assertOffice, detail, isCommitteeUser, readsAll } from './committee-access.js';
import {
  MEMBER_BY_ID,
  MEMBER_TERMS,
  type MemberRow,
  OVERLAPPING_TERMS,
  SITTING_MEMBERS,
} from './committee-query.js';

export interface CommitteeMemberView {
  id: string;
  userId: string;
  name: string;
  departmentId: string;
  departmentName: string;
  termStart: string;
  termEnd: string | null;
  chair: boolean;
  civilian: boolean;
  affiliation: string;
  version: number;
}

/** A user the office may appoint: an active COMMITTEE user of the organisation. */
export interface CommitteeCandidate {
  userId: string;
  name: string;
  departmentId: string;
  departmentName: string;
  /** Sits on the committee today. */
  sitting: boolean;
}

export interface CommitteeOverview {
  organisationId: string;
  /** The day the sitting members are those of (Asia/Seoul), YYYY-MM-DD. */
  date: string;
  members: CommitteeMemberView[];
  rule: CompositionRule;
  warnings: CompositionWarning[];
}

export interface MemberInput {
  userId: string;
  termStart: string;
  termEnd?: string | null;
  chair?: boolean;
  civilian: boolean;
  affiliation?: string;
}

export interface MemberUpdate {
  version: number;
  termEnd?: string | null;
  chair?: boolean;
  civilian?: boolean;
  affiliation?: string;
}

type Db = Pick<DataSource, 'query'>;

export const memberView = (r: MemberRow): CommitteeMemberView => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  departmentId: r.department_id,
  departmentName: r.department_name,
  termStart: r.term_start,
  termEnd: r.term_end,
  chair: r.chair,
  civilian: r.civilian,
  affiliation: r.affiliation,
  version: r.version,
});

/**
 * The organisation's standing 적극행정위원회 (DOMAIN.md §9): its members' terms, chair and
 * civilian flags, the sitting members on a date and what their composition lacks against the rule
 * (settings `committee.*`; a warning, never a refusal).
 */
@Injectable()
export class CommitteeMembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly settings: SettingsService,
  ) {}

  /** The members sitting on `date` (YYYY-MM-DD), chair first. */
  sitting(organisationId: string, date: string, db: Db = this.dataSource): Promise<MemberRow[]> {
    return db.query<MemberRow[]>(SITTING_MEMBERS, [organisationId, date]);
  }

  /** The user ids of the members sitting on `date`: for contexts that check who may score or vote. */
  async sittingUserIds(organisationId: string, date: string, db?: Db): Promise<string[]> {
    return [...new Set((await this.sitting(organisationId, date, db)).map((m) => m.user_id))];
  }

  async rule(organisationId: string): Promise<CompositionRule> {
    const s = await this.settings.values(organisationId);
    return {
      minMembers: s['committee.minMembers'],
      maxMembers: s['committee.maxMembers'],
      minCivilianPercent: s['committee.minCivilianPercent'],
    };
  }

  /** What the members sitting on `date` lack against the organisation's rule. */
  async warningsOn(
    organisationId: string,
    date: string,
    db?: Db,
  ): Promise<{ sitting: MemberRow[]; warnings: CompositionWarning[] }> {
    const [sitting, rule] = await Promise.all([
      this.sitting(organisationId, date, db),
      this.rule(organisationId),
    ]);
    // One person counts once even with two overlapping rows (the service refuses those anyway).
    const byUser = new Map(sitting.map((m) => [m.user_id, m]));
    return { sitting, warnings: compositionWarnings([...byUser.values()], rule) };
  }

  async overview(user: AuthUser): Promise<CommitteeOverview> {
    this.assertReader(user);
    const date = seoulDate();
    const [{ sitting, warnings }, rule] = await Promise.all([
      this.warningsOn(user.organisationId, date),
      this.rule(user.organisationId),
    ]);
    return {
      organisationId: user.organisationId,
      date,
      members: sitting.map(memberView),
      rule,
      warnings,
    };
  }

  /** Every term, or only those not ended yet (`includePast` false). */
  async list(user: AuthUser, includePast: boolean): Promise<CommitteeMemberView[]> {
    this.assertReader(user);
    const rows = await this.dataSource.query<MemberRow[]>(MEMBER_TERMS, [
      user.organisationId,
      includePast,
      seoulDate(),
    ]);
    return rows.map(memberView);
  }

  async get(user: AuthUser, id: string): Promise<CommitteeMemberView> {
    this.assertReader(user);
    return memberView(await this.row(user, id));
  }

  /** Whom the office may appoint: the organisation's active COMMITTEE users, by name. */
  async candidates(user: AuthUser): Promise<CommitteeCandidate[]> {
    assertOffice(user);
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        name: string;
        department_id: string;
        department_name: string;
        sitting: boolean;
      }>
    >(
      `SELECT u.id, u.name, u.department_id, d.name AS department_name,
              EXISTS (SELECT 1 FROM committee_members m
                       WHERE m.organisation_id = u.organisation_id AND m.user_id = u.id
                         AND m.term_start <= $2 AND (m.term_end IS NULL OR m.term_end >= $2)) AS sitting
         FROM users u JOIN departments d ON d.id = u.department_id
        WHERE u.organisation_id = $1 AND u.active AND 'COMMITTEE' = ANY(u.roles)
        ORDER BY u.name, u.id`,
      [user.organisationId, seoulDate()],
    );
    return rows.map((r) => ({
      userId: r.id,
      name: r.name,
      departmentId: r.department_id,
      departmentName: r.department_name,
      sitting: r.sitting,
    }));
  }

  /** PROACTIVE_OFFICE appoints a COMMITTEE user of the organisation for a term. */
  async add(user: AuthUser, input: MemberInput): Promise<CommitteeMemberView> {
    assertOffice(user);
    const problems: ErrorDetail[] = [];
    const [candidate] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM users WHERE id = $1 AND organisation_id = $2 AND active AND 'COMMITTEE' = ANY(roles)`,
      [input.userId, user.organisationId],
    );
    if (!candidate) {
      problems.push(
        detail('userId', 'committeeUser', {
          ko: '위원은 이 기관의 활성 사용자로 위원(COMMITTEE) 역할이 있어야 합니다.',
          en: 'must be an active user of the organisation with the COMMITTEE role',
        }),
      );
    }
    const termEnd = input.termEnd ?? null;
    problems.push(...this.termProblems(input.termStart, termEnd));
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const id = await this.tx.run(async (tx) => {
      // Serialises appointments of one user: the overlap check and the insert see the same terms.
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('committee_member:' || $1))`, [
        input.userId,
      ]);
      await this.assertNoOverlap(tx, user.organisationId, input.userId, input.termStart, termEnd);
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO committee_members (organisation_id, user_id, term_start, term_end, chair, civilian, affiliation, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          user.organisationId,
          input.userId,
          input.termStart,
          termEnd,
          input.chair ?? false,
          input.civilian,
          input.affiliation?.trim() ?? '',
          user.id,
        ],
      );
      await this.record(tx, user, row.id, 'create', {
        userId: { from: null, to: input.userId },
        termStart: { from: null, to: input.termStart },
        termEnd: { from: null, to: termEnd },
        chair: { from: null, to: input.chair ?? false },
        civilian: { from: null, to: input.civilian },
        affiliation: { from: null, to: input.affiliation?.trim() ?? '' },
      });
      return row.id;
    });
    return this.get(user, id);
  }

  /** End a term early (termEnd), change the chair or the civilian flag, correct the affiliation. */
  async update(user: AuthUser, id: string, input: MemberUpdate): Promise<CommitteeMemberView> {
    this.assertReader(user);
    const before = await this.row(user, id);
    assertOffice(user);
    const termEnd = input.termEnd === undefined ? before.term_end : input.termEnd;
    const problems = this.termProblems(before.term_start, termEnd);
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const next = {
      term_end: termEnd,
      chair: input.chair ?? before.chair,
      civilian: input.civilian ?? before.civilian,
      affiliation: input.affiliation === undefined ? before.affiliation : input.affiliation.trim(),
    };
    const labels: Record<keyof typeof next, string> = {
      term_end: 'termEnd',
      chair: 'chair',
      civilian: 'civilian',
      affiliation: 'affiliation',
    };
    const changes = Object.fromEntries(
      (Object.keys(next) as Array<keyof typeof next>)
        .filter((k) => next[k] !== before[k])
        .map((k) => [labels[k], { from: before[k], to: next[k] }]),
    );
    await this.tx.run(async (tx) => {
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('committee_member:' || $1))`, [
        before.user_id,
      ]);
      if (termEnd !== before.term_end) {
        await this.assertNoOverlap(
          tx,
          user.organisationId,
          before.user_id,
          before.term_start,
          termEnd,
          id,
        );
      }
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE committee_members SET term_end = $3, chair = $4, civilian = $5, affiliation = $6,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2`,
        [id, input.version, next.term_end, next.chair, next.civilian, next.affiliation],
      );
      if (!affected) throw DomainError.conflict(before.version);
      await this.record(tx, user, id, 'update', changes);
    });
    return this.get(user, id);
  }

  private termProblems(termStart: string, termEnd: string | null): ErrorDetail[] {
    return termEnd !== null && termEnd < termStart
      ? [
          detail('termEnd', 'notBeforeStart', {
            ko: '임기 종료일은 시작일 이후여야 합니다.',
            en: 'must not be before termStart',
          }),
        ]
      : [];
  }

  private async assertNoOverlap(
    tx: Tx,
    organisationId: string,
    userId: string,
    termStart: string,
    termEnd: string | null,
    except: string | null = null,
  ): Promise<void> {
    const overlap = await tx.manager.query<unknown[]>(OVERLAPPING_TERMS, [
      organisationId,
      userId,
      termStart,
      termEnd,
      except,
    ]);
    if (overlap.length) {
      throw new DomainError(ErrorCode.DUPLICATE, {
        ko: '같은 위원의 임기가 겹칩니다.',
        en: 'The member already has a term overlapping these dates.',
      });
    }
  }

  private async row(user: AuthUser, id: string): Promise<MemberRow> {
    const [row] = await this.dataSource.query<MemberRow[]>(MEMBER_BY_ID, [id, user.organisationId]);
    if (!row) throw DomainError.notFound();
    return row;
  }

  /** The office, auditors, administrators and committee members of the organisation; others 404. */
  private assertReader(user: AuthUser): void {
    if (!readsAll(user) && !isCommitteeUser(user)) throw DomainError.notFound();
  }

  private record(
    tx: Tx,
    user: AuthUser,
    id: string,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId: user.organisationId,
      recordType: 'committee_member',
      recordId: id,
      action,
      actorId: user.id,
      changes,
      reason: null,
    });
  }
}
