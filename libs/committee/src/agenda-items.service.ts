import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import {
  DomainError,
  ErrorCode,
  type InterestedParty,
  type InterestedRole,
  type LocalText,
} from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { type AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { assertOffice, isOffice, readsAll } from './committee-access.js';
import type {
  AgendaItemStatus,
  AgendaOutcome,
  AgendaSubjectKind,
  ExclusionStatus,
  Vote,
} from './committee.entity.js';
import { AgendaSubjects } from './agenda-port.js';
import { CommitteeMeetingsService } from './committee-meetings.service.js';
import {
  ITEM_EXCLUSIONS,
  ITEM_VOTES,
  type ExclusionRow,
  type ItemRow,
  type MeetingRow,
  USERS_WITH_DEPARTMENTS,
} from './committee-query.js';
import { type ExclusionGround, exclusionsFor, tally } from './committee-tally.js';
import {
  allowedItemActions,
  type ItemAction,
  isParty,
  itemTransition,
} from './committee-workflow.js';

export interface AgendaItemInput {
  subjectKind: AgendaSubjectKind;
  subjectId?: string | null;
  title?: string | null;
}

export interface ItemExclusionView {
  /** The 기피/회피 record; null for 제척 (computed from the interested parties). */
  id: string | null;
  userId: string;
  name: string;
  kind: 'DISQUALIFIED' | 'CHALLENGE' | 'RECUSAL';
  /** For 제척: how the member stands to the matter. */
  role: InterestedRole | null;
  reason: string | null;
  /** 제척 and 회피 are ACCEPTED at once; a 기피 is REQUESTED until the committee decides. */
  status: ExclusionStatus;
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  version: number | null;
}

/** An interested party with the name of the person or department (null if none is found). */
export type NamedParty = InterestedParty & { name: string | null };

export interface AgendaItemView {
  id: string;
  meetingId: string;
  meetingDate: string;
  meetingStatus: MeetingRow['status'];
  seq: number;
  subjectKind: AgendaSubjectKind;
  subjectId: string | null;
  title: string;
  status: AgendaItemStatus;
  outcome: AgendaOutcome | null;
  decision: string | null;
  /** The office, auditors, administrators and sitting members only (null to a party). */
  interestedParties: NamedParty[] | null;
  exclusions: ItemExclusionView[];
  /** The office, auditors, administrators and sitting members only (null to a party). */
  votes: Array<{ userId: string; name: string; vote: Vote }> | null;
  resolution: {
    members: number;
    presentMemberIds: string[];
    votesFor: number;
    votesAgainst: number;
    votesAbstain: number;
    excluded: Array<{ userId: string; ground: ExclusionGround }>;
    decidedBy: string;
    decidedAt: Date;
  } | null;
  allowedActions: ItemAction[];
  version: number;
}

interface Loaded {
  meeting: MeetingRow;
  item: ItemRow;
  /** false for an interested party who is neither a reader of the organisation nor a sitting member */
  insider: boolean;
}

/**
 * Agenda items of committee meetings: what they decide (through the port's handlers), 제척
 * computed from the subject's interested parties, 기피 requests and the committee's decision on
 * them, 회피, the members' votes and the resolution under the statute's rule. Record type
 * `committee_agenda_item` in history.
 */
@Injectable()
export class AgendaItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly meetings: CommitteeMeetingsService,
    private readonly subjects: AgendaSubjects,
  ) {}

  async add(user: AuthUser, meetingId: string, input: AgendaItemInput): Promise<AgendaItemView> {
    const meeting = await this.meetings.readable(user, meetingId);
    assertOffice(user);
    this.meetings.assertState(user, meeting, 'addItem', {
      ko: '마친 회의에는 안건을 올릴 수 없습니다.',
      en: 'A closed meeting takes no more agenda items.',
    });
    const other = input.subjectKind === 'OTHER';
    if (other && input.subjectId) {
      throw DomainError.invalidField('subjectId', 'otherHasNoSubject', {
        ko: '기타 안건은 대상 ID 없이 제목만 적습니다.',
        en: 'an OTHER item has a title and no subjectId',
      });
    }
    if (other && !input.title?.trim()) {
      throw DomainError.invalidField('title', 'required', {
        ko: '기타 안건은 제목을 적어야 합니다.',
        en: 'an OTHER item needs a title',
      });
    }
    if (!other && !input.subjectId) {
      throw DomainError.invalidField('subjectId', 'required', {
        ko: '안건의 대상 ID를 지정하세요.',
        en: 'required for this subject kind',
      });
    }
    const handler = other ? undefined : this.subjects.for(input.subjectKind);
    if (!other && !handler) {
      throw DomainError.invalidField('subjectKind', 'unsupported', {
        ko: '이 종류의 안건은 아직 위원회에 올릴 수 없습니다.',
        en: 'no context handles this subject kind yet',
      });
    }
    const id = await this.tx.run(async (tx) => {
      // The meeting's row first (lock order: meeting before its items).
      await tx.manager.query(`SELECT 1 FROM committee_meetings WHERE id = $1 FOR NO KEY UPDATE`, [
        meetingId,
      ]);
      const facts = handler
        ? await handler.facts(tx, input.subjectId as string, meeting.organisation_id)
        : { title: '', interestedParties: [] };
      if (!facts) throw DomainError.notFound();
      if (input.subjectId) {
        const [open] = await tx.manager.query<unknown[]>(
          `SELECT 1 FROM committee_agenda_items WHERE subject_kind = $1 AND subject_id = $2 AND status = 'OPEN'`,
          [input.subjectKind, input.subjectId],
        );
        if (open) {
          throw new DomainError(ErrorCode.DUPLICATE, {
            ko: '같은 대상의 안건이 이미 의결을 기다리고 있습니다.',
            en: 'An agenda item on this subject is already awaiting a resolution.',
          });
        }
      }
      const title = input.title?.trim() || facts.title;
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO committee_agenda_items (organisation_id, meeting_id, seq, subject_kind, subject_id, title,
                interested_parties, created_by)
         VALUES ($1, $2, (SELECT COALESCE(max(seq), 0) + 1 FROM committee_agenda_items WHERE meeting_id = $2),
                 $3, $4, $5, $6, $7) RETURNING id`,
        [
          meeting.organisation_id,
          meetingId,
          input.subjectKind,
          input.subjectId ?? null,
          title.slice(0, 300),
          JSON.stringify(facts.interestedParties),
          user.id,
        ],
      );
      await this.record(tx, user, row.id, 'create', {
        meetingId: { from: null, to: meetingId },
        subjectKind: { from: null, to: input.subjectKind },
        subjectId: { from: null, to: input.subjectId ?? null },
        title: { from: null, to: title },
      });
      return row.id;
    });
    return this.get(user, id);
  }

  async get(user: AuthUser, id: string): Promise<AgendaItemView> {
    return this.view(user, await this.load(user, id));
  }

  /** 기피: an interested party asks that a named sitting member be excluded from the item. */
  async challenge(
    user: AuthUser,
    id: string,
    input: { memberId: string; reason: string },
  ): Promise<AgendaItemView> {
    const loaded = await this.load(user, id);
    this.assertAllowed(user, loaded, 'challenge', {
      ko: '의결된 안건이나 마친 회의에는 기피를 신청할 수 없습니다.',
      en: 'A 기피 request is filed on an open item of a meeting not closed.',
    });
    if (!loaded.meeting.sitting_member_ids.includes(input.memberId)) {
      throw DomainError.invalidField('memberId', 'sittingMember', {
        ko: '기피 대상은 회의일에 재임 중인 위원이어야 합니다.',
        en: 'must be a member sitting on the meeting date',
      });
    }
    await this.tx.run(async (tx) => {
      await this.lockOpen(tx, user, loaded, 'challenge');
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO committee_exclusions (agenda_item_id, user_id, kind, reason, status, requested_by)
         VALUES ($1, $2, 'CHALLENGE', $3, 'REQUESTED', $4)
         ON CONFLICT (agenda_item_id, user_id, kind) WHERE status <> 'REJECTED' DO NOTHING RETURNING id`,
        [id, input.memberId, input.reason.trim(), user.id],
      );
      if (!row) {
        throw new DomainError(ErrorCode.DUPLICATE, {
          ko: '이 위원에 대한 기피 신청이 이미 있습니다.',
          en: 'A 기피 request against this member is already pending or accepted.',
        });
      }
      await this.record(
        tx,
        user,
        id,
        'challenge.request',
        { challenge: { from: null, to: { id: row.id, memberId: input.memberId } } },
        input.reason.trim(),
      );
    });
    return this.get(user, id);
  }

  /** The office records the committee's decision on a 기피 request (accepted: the member is excluded). */
  async decideChallenge(
    user: AuthUser,
    id: string,
    challengeId: string,
    input: { accepted: boolean; note?: string; version: number },
  ): Promise<AgendaItemView> {
    const loaded = await this.load(user, id);
    assertOffice(user);
    this.assertAllowed(user, loaded, 'decideChallenge', {
      ko: '기피 신청은 열린 회의에서 의결 전 안건에 대해 결정합니다.',
      en: 'A 기피 request is decided at a held meeting, before the item is resolved.',
    });
    await this.tx.run(async (tx) => {
      await this.lockOpen(tx, user, loaded, 'decideChallenge');
      const status = input.accepted ? 'ACCEPTED' : 'REJECTED';
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE committee_exclusions SET status = $4, decided_by = $5, decided_at = now(), decision_note = $6,
                version = version + 1
          WHERE id = $1 AND agenda_item_id = $2 AND kind = 'CHALLENGE' AND status = 'REQUESTED' AND version = $3`,
        [challengeId, id, input.version, status, user.id, input.note?.trim() || null],
      );
      if (!affected) {
        const [x] = await tx.manager.query<Array<{ status: string; version: number }>>(
          `SELECT status, version FROM committee_exclusions WHERE id = $1 AND agenda_item_id = $2 AND kind = 'CHALLENGE'`,
          [challengeId, id],
        );
        if (!x) throw DomainError.notFound();
        if (x.status !== 'REQUESTED') {
          throw DomainError.illegalTransition(
            { resource: 'committeeChallenge', currentStatus: x.status, allowedActions: [] },
            { ko: '이미 결정된 기피 신청입니다.', en: 'The 기피 request is already decided.' },
          );
        }
        throw DomainError.conflict(x.version);
      }
      await this.record(
        tx,
        user,
        id,
        'challenge.decide',
        { [`challenge.${challengeId}`]: { from: 'REQUESTED', to: status } },
        input.note?.trim() || null,
      );
    });
    return this.get(user, id);
  }

  /** 회피: a sitting member declares that they step aside from the item. */
  async recuse(user: AuthUser, id: string, input: { reason: string }): Promise<AgendaItemView> {
    const loaded = await this.load(user, id);
    this.assertAllowed(user, loaded, 'recuse', {
      ko: '의결 전 안건에서만 회피할 수 있습니다.',
      en: 'A member recuses from an open item of a meeting not closed.',
    });
    await this.tx.run(async (tx) => {
      await this.lockOpen(tx, user, loaded, 'recuse');
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO committee_exclusions (agenda_item_id, user_id, kind, reason, status, requested_by, decided_by, decided_at)
         VALUES ($1, $2, 'RECUSAL', $3, 'ACCEPTED', $2, $2, now())
         ON CONFLICT (agenda_item_id, user_id, kind) WHERE status <> 'REJECTED' DO NOTHING RETURNING id`,
        [id, user.id, input.reason.trim()],
      );
      if (!row) {
        throw new DomainError(ErrorCode.DUPLICATE, {
          ko: '이미 회피를 신고했습니다.',
          en: 'You have already recused from this item.',
        });
      }
      await tx.manager.query(
        `DELETE FROM committee_votes WHERE agenda_item_id = $1 AND user_id = $2`,
        [id, user.id],
      );
      await this.record(
        tx,
        user,
        id,
        'recuse',
        { recusal: { from: null, to: { memberId: user.id } } },
        input.reason.trim(),
      );
    });
    return this.get(user, id);
  }

  /**
   * A vote on the item: an attending member casts their own; the office may record a member's vote
   * from the minutes (`memberId`). Changeable until the item is resolved; never by an excluded member.
   */
  async vote(
    user: AuthUser,
    id: string,
    input: { vote: Vote; memberId?: string },
  ): Promise<AgendaItemView> {
    const loaded = await this.load(user, id);
    this.assertAllowed(user, loaded, 'vote', {
      ko: '열린 회의에서 의결 전 안건에만 표결할 수 있습니다.',
      en: 'Votes are cast at a held meeting on an open item.',
    });
    const own = !input.memberId || input.memberId === user.id;
    const voter = input.memberId ?? user.id;
    const attending = loaded.meeting.attendee_ids.includes(voter);
    if (own && !attending) throw DomainError.forbidden();
    if (!own && !isOffice(user)) throw DomainError.forbidden();
    if (!attending) {
      throw DomainError.invalidField('memberId', 'attendee', {
        ko: '표결은 출석한 위원만 할 수 있습니다.',
        en: 'must be a member who attended the meeting',
      });
    }
    await this.tx.run(async (tx) => {
      await this.lockOpen(tx, user, loaded, 'vote');
      const excluded = await this.excludedMembers(tx, loaded.meeting, loaded.item);
      const ground = excluded.get(voter);
      if (ground) {
        throw new DomainError(ErrorCode.MEMBER_EXCLUDED, undefined, [], {
          memberId: voter,
          ground,
        });
      }
      const [before] = await tx.manager.query<Array<{ vote: Vote }>>(
        `SELECT vote FROM committee_votes WHERE agenda_item_id = $1 AND user_id = $2`,
        [id, voter],
      );
      await tx.manager.query(
        `INSERT INTO committee_votes (agenda_item_id, user_id, vote, recorded_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agenda_item_id, user_id) DO UPDATE SET vote = EXCLUDED.vote, recorded_by = EXCLUDED.recorded_by, cast_at = now()`,
        [id, voter, input.vote, user.id],
      );
      await this.record(tx, user, id, 'vote', {
        [`vote.${voter}`]: { from: before?.vote ?? null, to: input.vote },
      });
    });
    return this.get(user, id);
  }

  /**
   * The resolution: 재적 = the members sitting on the meeting's date; present = attendees not
   * excluded from the item (제척·기피·회피); passed when a quorum is present and more than half of
   * those present voted for (abstentions and missing votes count against). No quorum is a 409
   * QUORUM_NOT_MET and changes nothing; a vote that does not reach the majority is recorded as
   * REJECTED. The subject's handler applies the decision in the same transaction.
   */
  async resolve(
    user: AuthUser,
    id: string,
    input: { version: number; decision?: string | null },
  ): Promise<AgendaItemView> {
    const loaded = await this.load(user, id);
    assertOffice(user);
    this.assertAllowed(user, loaded, 'resolve', {
      ko: '열린 회의에서 의결 전 안건만 의결할 수 있습니다.',
      en: 'Only an open item of a held meeting can be resolved.',
    });
    const { meeting, item } = loaded;
    await this.tx.run(async (tx) => {
      await this.lockOpen(tx, user, loaded, 'resolve');
      const handler =
        item.subject_kind === 'OTHER'
          ? undefined
          : this.subjects.for(item.subject_kind as AgendaSubjectKind);
      if (item.subject_kind !== 'OTHER' && !handler) throw DomainError.notFound();
      // The parties as they are now (a nomination verified after the item was put on the agenda).
      const facts = handler
        ? await handler.facts(tx, item.subject_id as string, meeting.organisation_id)
        : { title: item.title, interestedParties: [] };
      if (!facts) throw DomainError.notFound();
      const excluded = await this.excludedMembers(tx, meeting, {
        ...item,
        interested_parties: facts.interestedParties,
      });
      const votes = await tx.manager.query<Array<{ user_id: string; vote: Vote }>>(
        `SELECT user_id, vote FROM committee_votes WHERE agenda_item_id = $1`,
        [id],
      );
      const t = tally(
        meeting.sitting_member_ids.length,
        meeting.attendee_ids,
        excluded,
        new Map(votes.map((v) => [v.user_id, v.vote])),
      );
      if (!t.quorum) {
        throw new DomainError(
          ErrorCode.QUORUM_NOT_MET,
          {
            ko: `의결 정족수 미달입니다: 재적 위원 ${t.members}명 중 ${t.quorumRequired}명 이상이 이 안건에 출석해야 하는데 ${t.presentMemberIds.length}명입니다(제척·기피·회피 위원 제외).`,
            en: `No quorum: ${t.quorumRequired} of the ${t.members} members must be present for this item, ${t.presentMemberIds.length} are (excluded members not counted).`,
          },
          [],
          { members: t.members, present: t.presentMemberIds.length, required: t.quorumRequired },
        );
      }
      const outcome: AgendaOutcome = t.passed ? 'PASSED' : 'REJECTED';
      const excludedList = [...excluded.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([userId, ground]) => ({ userId, ground }));
      const decision = input.decision?.trim() || null;
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE committee_agenda_items SET status = 'DECIDED', outcome = $3, decision = $4, members_count = $5,
                present_member_ids = $6, excluded = $7, votes_for = $8, votes_against = $9, votes_abstain = $10,
                interested_parties = $11, decided_by = $12, decided_at = now(), version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'OPEN'`,
        [
          id,
          input.version,
          outcome,
          decision,
          t.members,
          t.presentMemberIds,
          JSON.stringify(excludedList),
          t.votesFor,
          t.votesAgainst,
          t.votesAbstain,
          JSON.stringify(facts.interestedParties),
          user.id,
        ],
      );
      if (!affected) throw DomainError.conflict(item.version);
      await this.record(tx, user, id, 'resolve', {
        status: { from: 'OPEN', to: 'DECIDED' },
        outcome: { from: null, to: outcome },
        resolution: {
          from: null,
          to: {
            members: t.members,
            presentMemberIds: t.presentMemberIds,
            votesFor: t.votesFor,
            votesAgainst: t.votesAgainst,
            votesAbstain: t.votesAbstain,
            excluded: excludedList,
            decision,
          },
        },
      });
      if (handler) {
        await handler.resolved(tx, item.subject_id as string, {
          agendaItemId: id,
          meetingId: meeting.id,
          meetingDate: meeting.meeting_date,
          organisationId: meeting.organisation_id,
          outcome,
          decision,
          members: t.members,
          presentMemberIds: t.presentMemberIds,
          votesFor: t.votesFor,
          votesAgainst: t.votesAgainst,
          votesAbstain: t.votesAbstain,
          actor: user,
        });
      }
    });
    return this.get(user, id);
  }

  /**
   * The office takes an open item off the agenda undecided (e.g. its subject can no longer be
   * decided, or it goes to another meeting); the reason is recorded. A withdrawn item neither blocks
   * the meeting from closing nor the subject from another meeting's agenda.
   */
  async withdraw(
    user: AuthUser,
    id: string,
    input: { version: number; reason: string },
  ): Promise<AgendaItemView> {
    const loaded = await this.load(user, id);
    assertOffice(user);
    this.assertAllowed(user, loaded, 'withdraw', {
      ko: '의결 전 안건만 철회할 수 있습니다.',
      en: 'Only an open item of a meeting not closed can be withdrawn.',
    });
    await this.tx.run(async (tx) => {
      await this.lockOpen(tx, user, loaded, 'withdraw');
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE committee_agenda_items SET status = 'WITHDRAWN', version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'OPEN'`,
        [id, input.version],
      );
      if (!affected) throw DomainError.conflict(loaded.item.version);
      await this.record(
        tx,
        user,
        id,
        'withdraw',
        { status: { from: 'OPEN', to: 'WITHDRAWN' } },
        input.reason.trim(),
      );
    });
    return this.get(user, id);
  }

  // ── Reading ──────────────────────────────────────────────────────────────────────────────────

  /**
   * The item with its meeting, if the user may read it: the office, auditors and administrators
   * of the organisation, the members sitting on the meeting's date, and the item's interested
   * parties (who may file 기피); 404 for everyone else.
   */
  private async load(user: AuthUser, id: string): Promise<Loaded> {
    const [item] = await this.dataSource.query<ItemRow[]>(
      `SELECT * FROM committee_agenda_items WHERE id = $1 AND organisation_id = $2`,
      [id, user.organisationId],
    );
    if (!item) throw DomainError.notFound();
    const [meeting] = await this.dataSource.query<MeetingRow[]>(
      `SELECT mt.id, mt.organisation_id, mt.title, to_char(mt.meeting_date, 'YYYY-MM-DD') AS meeting_date, mt.kind,
              mt.written_ground, mt.written_reason, mt.status, mt.composition_warnings, mt.sitting_member_ids, mt.version,
              COALESCE((SELECT array_agg(a.user_id ORDER BY a.user_id) FROM committee_attendance a WHERE a.meeting_id = mt.id), '{}') AS attendee_ids
         FROM committee_meetings mt WHERE mt.id = $1`,
      [item.meeting_id],
    );
    const insider =
      readsAll(user) ||
      (user.roles.includes('COMMITTEE') && meeting.sitting_member_ids.includes(user.id));
    if (!insider && !isParty(user, item.interested_parties as InterestedParty[])) {
      throw DomainError.notFound();
    }
    return { meeting, item, insider };
  }

  /** The parties with the names of the people and departments they are (one query each). */
  private async named(parties: InterestedParty[]): Promise<NamedParty[]> {
    const userIds = [...new Set(parties.flatMap((p) => (p.userId ? [p.userId] : [])))];
    const departmentIds = [
      ...new Set(parties.flatMap((p) => (p.departmentId ? [p.departmentId] : []))),
    ];
    const [users, departments] = await Promise.all([
      userIds.length
        ? this.dataSource.query<Array<{ id: string; name: string }>>(
            `SELECT id, name FROM users WHERE id = ANY($1::uuid[])`,
            [userIds],
          )
        : [],
      departmentIds.length
        ? this.dataSource.query<Array<{ id: string; name: string }>>(
            `SELECT id, name FROM departments WHERE id = ANY($1::uuid[])`,
            [departmentIds],
          )
        : [],
    ]);
    const names = new Map([...users, ...departments].map((r) => [r.id, r.name]));
    return parties.map((p) => ({
      ...p,
      name: names.get(p.userId ?? p.departmentId ?? '') ?? null,
    }));
  }

  private async view(user: AuthUser, { meeting, item, insider }: Loaded): Promise<AgendaItemView> {
    const [exclusions, votes, disqualified, parties] = await Promise.all([
      this.dataSource.query<ExclusionRow[]>(ITEM_EXCLUSIONS, [item.id]),
      insider
        ? this.dataSource.query<Array<{ user_id: string; name: string; vote: Vote }>>(ITEM_VOTES, [
            item.id,
          ])
        : Promise.resolve([]),
      this.disqualified(this.dataSource, meeting, item),
      insider ? this.named(item.interested_parties as InterestedParty[]) : Promise.resolve(null),
    ]);
    const visible = insider
      ? exclusions
      : exclusions.filter((x) => x.requested_by === user.id || x.user_id === user.id);
    const decided = item.status === 'DECIDED';
    return {
      id: item.id,
      meetingId: meeting.id,
      meetingDate: meeting.meeting_date,
      meetingStatus: meeting.status,
      seq: item.seq,
      subjectKind: item.subject_kind as AgendaSubjectKind,
      subjectId: item.subject_id,
      title: item.title,
      status: item.status,
      outcome: item.outcome,
      decision: item.decision,
      interestedParties: parties,
      exclusions: [
        ...disqualified.map((d): ItemExclusionView => ({
          id: null,
          userId: d.userId,
          name: d.name,
          kind: 'DISQUALIFIED',
          role: d.role,
          reason: null,
          status: 'ACCEPTED',
          requestedBy: null,
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          version: null,
        })),
        ...visible.map((x): ItemExclusionView => ({
          id: x.id,
          userId: x.user_id,
          name: x.name,
          kind: x.kind,
          role: null,
          reason: x.reason,
          status: x.status,
          requestedBy: x.requested_by,
          decidedBy: x.decided_by,
          decidedAt: x.decided_at,
          decisionNote: x.decision_note,
          version: x.version,
        })),
      ],
      votes: insider ? votes.map((v) => ({ userId: v.user_id, name: v.name, vote: v.vote })) : null,
      resolution: decided
        ? {
            members: item.members_count ?? 0,
            presentMemberIds: item.present_member_ids ?? [],
            votesFor: item.votes_for ?? 0,
            votesAgainst: item.votes_against ?? 0,
            votesAbstain: item.votes_abstain ?? 0,
            excluded: (item.excluded ?? []) as Array<{ userId: string; ground: ExclusionGround }>,
            decidedBy: item.decided_by as string,
            decidedAt: item.decided_at as Date,
          }
        : null,
      allowedActions: allowedItemActions(user, this.meetings.facts(meeting), {
        status: item.status,
        interestedParties: item.interested_parties as InterestedParty[],
      }),
      version: item.version,
    };
  }

  /** 제척: the sitting members who are interested parties of the item, with their role. */
  private async disqualified(
    db: Pick<DataSource, 'query'>,
    meeting: MeetingRow,
    item: Pick<ItemRow, 'interested_parties'>,
  ): Promise<Array<{ userId: string; name: string; role: InterestedRole }>> {
    const users = await db.query<Array<{ id: string; name: string; department_id: string }>>(
      USERS_WITH_DEPARTMENTS,
      [meeting.sitting_member_ids],
    );
    const excluded = exclusionsFor(
      users.map((u) => ({ userId: u.id, departmentIds: [u.department_id] })),
      item.interested_parties as InterestedParty[],
      new Set(),
      new Set(),
    );
    return users
      .filter((u) => excluded.has(u.id))
      .map((u) => ({
        userId: u.id,
        name: u.name,
        role: (excluded.get(u.id) as { role: InterestedRole }).role,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  }

  /** Every sitting member excluded from the item now: 제척, accepted 기피, 회피. */
  private async excludedMembers(
    tx: Tx,
    meeting: MeetingRow,
    item: Pick<ItemRow, 'id' | 'interested_parties'>,
  ): Promise<Map<string, ExclusionGround>> {
    const [users, exclusions] = await Promise.all([
      tx.manager.query<Array<{ id: string; department_id: string }>>(USERS_WITH_DEPARTMENTS, [
        meeting.sitting_member_ids,
      ]),
      tx.manager.query<Array<{ user_id: string; kind: 'CHALLENGE' | 'RECUSAL' }>>(
        `SELECT user_id, kind FROM committee_exclusions WHERE agenda_item_id = $1 AND status = 'ACCEPTED'`,
        [item.id],
      ),
    ]);
    return exclusionsFor(
      users.map((u) => ({ userId: u.id, departmentIds: [u.department_id] })),
      item.interested_parties as InterestedParty[],
      new Set(exclusions.filter((x) => x.kind === 'CHALLENGE').map((x) => x.user_id)),
      new Set(exclusions.filter((x) => x.kind === 'RECUSAL').map((x) => x.user_id)),
    );
  }

  /**
   * Locks the meeting, then the item (lock order: meeting before its items), and checks again
   * under the locks that the action is still allowed (a resolution or a close that committed first
   * is seen). The attendance is read again too.
   */
  private async lockOpen(tx: Tx, user: AuthUser, loaded: Loaded, action: ItemAction) {
    const [m] = await tx.manager.query<Array<{ status: MeetingRow['status'] }>>(
      `SELECT status FROM committee_meetings WHERE id = $1 FOR SHARE`,
      [loaded.meeting.id],
    );
    const [i] = await tx.manager.query<Array<{ status: AgendaItemStatus }>>(
      `SELECT status FROM committee_agenda_items WHERE id = $1 FOR NO KEY UPDATE`,
      [loaded.item.id],
    );
    if (!m || !i) throw DomainError.notFound();
    if (!itemTransition(m.status, i.status, action)) {
      throw this.refusal(
        user,
        {
          ...loaded,
          meeting: { ...loaded.meeting, status: m.status },
          item: { ...loaded.item, status: i.status },
        },
        {
          ko: '그 사이에 회의나 안건의 상태가 바뀌었습니다.',
          en: 'The meeting or the item changed meanwhile.',
        },
      );
    }
    const attendance = await tx.manager.query<Array<{ user_id: string }>>(
      `SELECT user_id FROM committee_attendance WHERE meeting_id = $1 ORDER BY user_id`,
      [loaded.meeting.id],
    );
    loaded.meeting.attendee_ids = attendance.map((a) => a.user_id);
  }

  /** 409 when the states refuse the action; 403 when the states allow it but not for this user. */
  private assertAllowed(user: AuthUser, loaded: Loaded, action: ItemAction, text: LocalText) {
    if (!itemTransition(loaded.meeting.status, loaded.item.status, action)) {
      throw this.refusal(user, loaded, text);
    }
    const allowed = allowedItemActions(user, this.meetings.facts(loaded.meeting), {
      status: loaded.item.status,
      interestedParties: loaded.item.interested_parties as InterestedParty[],
    });
    if (!allowed.includes(action)) {
      throw DomainError.forbidden({
        resource: 'committeeAgendaItem',
        currentStatus: loaded.item.status,
        allowedActions: allowed,
      });
    }
  }

  private refusal(user: AuthUser, loaded: Loaded, text: LocalText): DomainError {
    return DomainError.illegalTransition(
      {
        resource: 'committeeAgendaItem',
        currentStatus: loaded.item.status,
        allowedActions: allowedItemActions(user, this.meetings.facts(loaded.meeting), {
          status: loaded.item.status,
          interestedParties: loaded.item.interested_parties as InterestedParty[],
        }),
      },
      text,
    );
  }

  private record(
    tx: Tx,
    user: AuthUser,
    id: string,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason: string | null = null,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId: user.organisationId,
      recordType: 'committee_agenda_item',
      recordId: id,
      action,
      actorId: user.id,
      changes,
      reason,
    });
  }
}
