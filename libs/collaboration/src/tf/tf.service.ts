import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import type { AuthUser, Role } from '@gwaje/identity';
import { DataSource, type EntityManager } from 'typeorm';
import type { CollaborationRow } from '../collaboration-query.js';
import { invalid } from '../collaboration-references.js';
import { CollaborationsService } from '../collaborations.service.js';
import {
  actionItems,
  attendees,
  candidate,
  decisionMilestones,
  decisions,
  meeting,
  type MeetingRow,
  meetings,
  type TfMemberRow,
} from './tf-query.js';
import { loadTfFacts, tfStatus } from './tf-status.js';
import {
  allowedMeetingActions,
  allowedTfActions,
  attendeeProblems,
  leadTaken,
  mayCompleteActionItem,
  mayEditMeeting,
  mayManageTf,
  mayRecordMeeting,
  type TfFacts,
  tfMemberProblems,
  type TfRole,
} from './tf-rules.js';
import {
  actionItemView,
  attendeeView,
  decisionView,
  type MeetingSummary,
  type MeetingView,
  meetingSummary,
  memberView,
  type Page,
  type TfView,
} from './tf-views.js';

type Db = DataSource | EntityManager;

export interface MeetingInput {
  heldAt: string;
  title: string;
  place?: string;
  online?: boolean;
  attendeeIds?: string[];
  minutes?: string;
}

/**
 * The TF of a collaboration (issue 21 item 3): members and meetings. Reads go through the
 * collaboration's read scope (404 for an organisation not taking part); writes lock the
 * collaboration's row (the history chain's order, after the task where one is touched) and record
 * a history entry on the collaboration. Decisions and action items: TfDecisionsService.
 */
@Injectable()
export class TfService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly core: CollaborationsService,
  ) {}

  // ── Facts and reads ───────────────────────────────────────────────────────────────────────

  async facts(
    row: CollaborationRow,
    db: Db = this.dataSource,
  ): Promise<{ facts: TfFacts; members: TfMemberRow[] }> {
    const { facts } = await this.core.facts(row, db);
    return loadTfFacts(db, row.id, facts);
  }

  /** The collaboration the user reads (404 otherwise) with its TF facts. */
  async readable(user: AuthUser, id: string) {
    const row = await this.core.readableRow(user, id);
    return { row, ...(await this.facts(row)) };
  }

  async get(user: AuthUser, id: string): Promise<TfView> {
    const { row, facts, members } = await this.readable(user, id);
    return {
      collaborationId: row.id,
      status: tfStatus(row.focus, facts),
      members: members.map(memberView),
      allowedActions: allowedTfActions(user, facts),
    };
  }

  // ── Members ───────────────────────────────────────────────────────────────────────────────

  /**
   * Adds a TF member with a role (who may: tf-rules.ts mayManageTf). A user who may not be one is
   * a 400 naming the field (INVALID_REFERENCE); a second TF lead is a 409 (DUPLICATE, `role`).
   */
  async addMember(user: AuthUser, id: string, input: { userId: string; role: TfRole }) {
    const { row, facts } = await this.readable(user, id);
    this.core.assert(mayManageTf(user, facts));
    const c = await candidate(this.dataSource, input.userId);
    const problems = tfMemberProblems(
      input.userId,
      c && {
        organisationId: c.organisation_id,
        departmentId: c.department_id,
        roles: c.roles as Role[],
        active: c.active,
      },
      input.role,
      facts,
    );
    if (problems.length) throw invalid(problems);
    if (!c) throw DomainError.notFound();
    await this.tx.run(async (tx) => {
      await this.core.lock(tx, id);
      // Checked again under the collaboration's lock: a concurrent addition is a 409.
      const now = (await this.facts(row, tx.manager)).facts;
      if (now.members.some((m) => m.userId === input.userId)) throw duplicate('userId');
      if (leadTaken(input.role, now)) throw duplicate('role');
      // A member of an organisation that left and came back: the stale row goes first.
      await tx.manager.query(
        `DELETE FROM collaboration_tf_members WHERE collaboration_id = $1 AND user_id = $2`,
        [id, input.userId],
      );
      await tx.manager.query(
        `INSERT INTO collaboration_tf_members (collaboration_id, user_id, organisation_id, role, added_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, input.userId, c.organisation_id, input.role, user.id],
      );
      await this.record(tx, user, row, 'tf.member.add', {
        [`tfMember:${input.userId}`]: {
          from: null,
          to: { role: input.role, organisationId: c.organisation_id },
        },
      });
    });
    return this.get(user, id);
  }

  /**
   * Removes a TF member (404 if not one). Their open action items keep their owner (and are still
   * chased): reassigning work is the TF's decision, recorded as a new decision.
   */
  async removeMember(user: AuthUser, id: string, userId: string): Promise<TfView> {
    const { row, facts } = await this.readable(user, id);
    const target = facts.members.find((m) => m.userId === userId);
    if (!target) throw DomainError.notFound();
    this.core.assert(mayManageTf(user, facts));
    await this.tx.run(async (tx) => {
      await this.core.lock(tx, id);
      const [, removed] = await tx.manager.query<[unknown[], number]>(
        `DELETE FROM collaboration_tf_members WHERE collaboration_id = $1 AND user_id = $2`,
        [id, userId],
      );
      if (!removed) throw DomainError.notFound();
      await this.record(tx, user, row, 'tf.member.remove', {
        [`tfMember:${userId}`]: {
          from: { role: target.role, organisationId: target.organisationId },
          to: null,
        },
      });
    });
    return this.get(user, id);
  }

  // ── Meetings ──────────────────────────────────────────────────────────────────────────────

  async meetings(
    user: AuthUser,
    id: string,
    page: { limit: number; offset: number },
  ): Promise<Page<MeetingSummary>> {
    await this.core.readableRow(user, id);
    const rows = await meetings(this.dataSource, id, page);
    return {
      items: rows.map(meetingSummary),
      total: Number(rows[0]?.total ?? 0),
      limit: page.limit,
      offset: page.offset,
    };
  }

  async meeting(user: AuthUser, id: string, meetingId: string): Promise<MeetingView> {
    const { facts } = await this.readable(user, id);
    const m = await meeting(this.dataSource, id, meetingId);
    if (!m) throw DomainError.notFound();
    return this.meetingView(user, facts, m);
  }

  /** A meeting of the TF's, recorded by a TF member or one who manages the TF. */
  async createMeeting(user: AuthUser, id: string, input: MeetingInput): Promise<MeetingView> {
    const { row, facts } = await this.readable(user, id);
    this.core.assert(mayRecordMeeting(user, facts));
    const attendeeIds = input.attendeeIds ?? [];
    const problems = attendeeProblems(attendeeIds, facts);
    if (problems.length) throw invalid(problems);
    const meetingId = await this.tx.run(async (tx) => {
      await this.core.lock(tx, id);
      const [created] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO collaboration_tf_meetings (collaboration_id, held_at, title, place, online, attendee_ids,
                minutes, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8) RETURNING id`,
        [
          id,
          input.heldAt,
          input.title,
          input.place ?? '',
          input.online ?? false,
          attendeeIds,
          input.minutes ?? '',
          user.id,
        ],
      );
      await this.record(tx, user, row, 'tf.meeting.create', {
        [`meeting:${created.id}`]: {
          from: null,
          to: {
            heldAt: input.heldAt,
            title: input.title,
            place: input.place ?? '',
            online: input.online ?? false,
            attendeeIds,
          },
        },
      });
      return created.id;
    });
    return this.meeting(user, id, meetingId);
  }

  /** Changes a meeting (the version read; stale: 409): its recorder, the TF lead or liaison, managers. */
  async updateMeeting(
    user: AuthUser,
    id: string,
    meetingId: string,
    input: Partial<MeetingInput> & { version: number },
  ): Promise<MeetingView> {
    const { row, facts } = await this.readable(user, id);
    const before = await meeting(this.dataSource, id, meetingId);
    if (!before) throw DomainError.notFound();
    this.core.assert(mayEditMeeting(user, facts, before.recorded_by));
    if (input.attendeeIds) {
      const problems = attendeeProblems(input.attendeeIds, facts);
      if (problems.length) throw invalid(problems);
    }
    const after = {
      heldAt: input.heldAt ?? before.held_at.toISOString(),
      title: input.title ?? before.title,
      place: input.place ?? before.place,
      online: input.online ?? before.online,
      attendeeIds: input.attendeeIds ?? before.attendee_ids,
      minutes: input.minutes ?? before.minutes,
    };
    await this.tx.run(async (tx) => {
      await this.core.lock(tx, id);
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE collaboration_tf_meetings SET held_at = $4, title = $5, place = $6, online = $7,
                attendee_ids = $8::uuid[], minutes = $9, version = version + 1, updated_at = now()
          WHERE id = $1 AND collaboration_id = $2 AND version = $3`,
        [
          meetingId,
          id,
          input.version,
          after.heldAt,
          after.title,
          after.place,
          after.online,
          after.attendeeIds,
          after.minutes,
        ],
      );
      if (!affected) {
        const current = await meeting(tx.manager, id, meetingId);
        if (!current) throw DomainError.notFound();
        throw DomainError.conflict(current.version);
      }
      const beforeFields = {
        heldAt: before.held_at.toISOString(),
        title: before.title,
        place: before.place,
        online: before.online,
        attendeeIds: before.attendee_ids,
        minutes: before.minutes,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of Object.keys(after) as Array<keyof typeof after>) {
        const from = beforeFields[key];
        const to = key === 'heldAt' ? new Date(after.heldAt).toISOString() : after[key];
        if (JSON.stringify(from) !== JSON.stringify(to))
          changes[`meeting:${meetingId}.${key}`] = { from, to };
      }
      await this.record(tx, user, row, 'tf.meeting.update', changes);
    });
    return this.meeting(user, id, meetingId);
  }

  async meetingView(user: AuthUser, facts: TfFacts, m: MeetingRow): Promise<MeetingView> {
    const [who, ds] = await Promise.all([
      attendees(this.dataSource, m.attendee_ids),
      decisions(this.dataSource, m.id),
    ]);
    const decisionIds = ds.map((d) => d.id);
    const [milestones, items] = await Promise.all([
      decisionMilestones(this.dataSource, decisionIds),
      decisionIds.length
        ? actionItems(
            this.dataSource,
            m.collaboration_id,
            seoulDate(),
            { decisionIds },
            { limit: 10_000, offset: 0 },
          )
        : Promise.resolve([]),
    ]);
    const views = items.map((a) =>
      actionItemView(a, mayCompleteActionItem(user, facts, a.owner_id)),
    );
    return {
      ...meetingSummary(m),
      attendees: who.map(attendeeView),
      minutes: m.minutes,
      decisions: ds.map((d) => decisionView(d, milestones, views)),
      allowedActions: allowedMeetingActions(user, facts, m.recorded_by),
    };
  }

  async record(
    tx: Tx,
    user: AuthUser,
    row: CollaborationRow,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
  ): Promise<void> {
    await this.core.record(tx, user, row.lead_organisation_id, row.id, action, changes);
  }
}

function duplicate(field: string): DomainError {
  return DomainError.invalidField(
    field,
    field === 'role' ? 'leadTaken' : 'unique',
    field === 'role'
      ? { ko: 'TF 팀장이 이미 있습니다.', en: 'the TF already has a lead' }
      : { ko: '이미 TF 구성원입니다.', en: 'already a member of the TF' },
    ErrorCode.DUPLICATE,
  );
}
