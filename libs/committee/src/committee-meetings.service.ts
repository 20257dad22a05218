import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import {
  type CompositionWarning,
  DomainError,
  ErrorCode,
  type ErrorDetail,
  type LocalText,
} from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { type AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { assertOffice, detail, isCommitteeUser, readsAll } from './committee-access.js';
import type {
  AgendaItemStatus,
  AgendaOutcome,
  AgendaSubjectKind,
  MeetingKind,
  MeetingStatus,
  WrittenGround,
} from './committee.entity.js';
import { CommitteeMembersService } from './committee-members.service.js';
import { MEETING_COLUMNS, type MeetingRow } from './committee-query.js';
import {
  allowedMeetingActions,
  type MeetingAction,
  type MeetingFacts,
  meetingTransition,
} from './committee-workflow.js';

export interface MeetingInput {
  title: string;
  meetingDate: string;
  kind: MeetingKind;
  writtenGround?: WrittenGround | null;
  writtenReason?: string | null;
}

export interface MeetingSummary {
  id: string;
  title: string;
  meetingDate: string;
  kind: MeetingKind;
  status: MeetingStatus;
  compositionWarnings: CompositionWarning[];
  version: number;
}

export interface MeetingView extends MeetingSummary {
  writtenGround: WrittenGround | null;
  writtenReason: string | null;
  /** Members sitting on the meeting's date (재적): as recorded when it was held, live before. */
  sittingMembers: Array<{
    userId: string;
    name: string;
    chair: boolean;
    civilian: boolean;
    affiliation: string;
  }>;
  attendeeIds: string[];
  items: Array<{
    id: string;
    seq: number;
    subjectKind: AgendaSubjectKind;
    subjectId: string | null;
    title: string;
    status: AgendaItemStatus;
    outcome: AgendaOutcome | null;
  }>;
  allowedActions: MeetingAction[];
}

const summary = (r: MeetingRow): MeetingSummary => ({
  id: r.id,
  title: r.title,
  meetingDate: r.meeting_date,
  kind: r.kind,
  status: r.status,
  compositionWarnings: r.composition_warnings as CompositionWarning[],
  version: r.version,
});

/**
 * Meetings of the committee (대면 or 서면 심의), their attendance and composition warnings.
 * Every change is one transaction with its history entry (record type `committee_meeting`).
 */
@Injectable()
export class CommitteeMeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly members: CommitteeMembersService,
  ) {}

  async create(user: AuthUser, input: MeetingInput): Promise<MeetingView> {
    assertOffice(user);
    const written = this.checkWritten(input);
    const { sitting, warnings } = await this.members.warningsOn(
      user.organisationId,
      input.meetingDate,
    );
    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO committee_meetings (organisation_id, title, meeting_date, kind, written_ground, written_reason,
                composition_warnings, sitting_member_ids, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          user.organisationId,
          input.title.trim(),
          input.meetingDate,
          input.kind,
          written.ground,
          written.reason,
          JSON.stringify(warnings),
          [...new Set(sitting.map((m) => m.user_id))],
          user.id,
        ],
      );
      await this.record(tx, user, row.id, 'create', {
        title: { from: null, to: input.title.trim() },
        meetingDate: { from: null, to: input.meetingDate },
        kind: { from: null, to: input.kind },
        writtenGround: { from: null, to: written.ground },
        writtenReason: { from: null, to: written.reason },
        compositionWarnings: { from: null, to: warnings },
      });
      return row.id;
    });
    return this.get(user, id);
  }

  /** The office changes a scheduled meeting (date, kind, ground); the warnings follow the new date. */
  async update(
    user: AuthUser,
    id: string,
    input: MeetingInput & { version: number },
  ): Promise<MeetingView> {
    const row = await this.readable(user, id);
    assertOffice(user);
    this.assertState(user, row, 'update', {
      ko: '열리기 전의 회의만 바꿀 수 있습니다.',
      en: 'Only a scheduled meeting can be changed.',
    });
    const written = this.checkWritten(input);
    const { sitting, warnings } = await this.members.warningsOn(
      row.organisation_id,
      input.meetingDate,
    );
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE committee_meetings SET title = $3, meeting_date = $4, kind = $5, written_ground = $6, written_reason = $7,
                composition_warnings = $8, sitting_member_ids = $9, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'SCHEDULED'`,
        [
          id,
          input.version,
          input.title.trim(),
          input.meetingDate,
          input.kind,
          written.ground,
          written.reason,
          JSON.stringify(warnings),
          [...new Set(sitting.map((m) => m.user_id))],
        ],
      );
      if (!affected) throw DomainError.conflict(row.version);
      await this.record(tx, user, id, 'update', {
        title: { from: row.title, to: input.title.trim() },
        meetingDate: { from: row.meeting_date, to: input.meetingDate },
        kind: { from: row.kind, to: input.kind },
        writtenGround: { from: row.written_ground, to: written.ground },
        writtenReason: { from: row.written_reason, to: written.reason },
        compositionWarnings: { from: row.composition_warnings, to: warnings },
      });
    });
    return this.get(user, id);
  }

  /** SCHEDULED → HELD: the members sitting on the date are recorded (재적), and who attended. */
  async hold(
    user: AuthUser,
    id: string,
    input: { version: number; attendeeIds: string[] },
  ): Promise<MeetingView> {
    return this.setAttendance(user, id, input, 'hold');
  }

  /** Corrects the attendance of a held meeting (items already decided keep what they counted). */
  async recordAttendance(
    user: AuthUser,
    id: string,
    input: { version: number; attendeeIds: string[] },
  ): Promise<MeetingView> {
    return this.setAttendance(user, id, input, 'recordAttendance');
  }

  /** HELD → CLOSED, once every agenda item is decided. */
  async close(user: AuthUser, id: string, input: { version: number }): Promise<MeetingView> {
    const row = await this.readable(user, id);
    assertOffice(user);
    this.assertState(user, row, 'close', {
      ko: '열린 회의만 마칠 수 있습니다.',
      en: 'Only a held meeting can be closed.',
    });
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE committee_meetings SET status = 'CLOSED', version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'HELD'`,
        [id, input.version],
      );
      if (!affected) throw DomainError.conflict(row.version);
      // After the meeting's row is locked by the update: no item can be decided meanwhile.
      const [open] = await tx.manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM committee_agenda_items WHERE meeting_id = $1 AND status = 'OPEN'`,
        [id],
      );
      if (open.n > 0) {
        throw DomainError.illegalTransition(
          {
            resource: 'committeeMeeting',
            currentStatus: row.status,
            allowedActions: allowedMeetingActions(user, this.facts(row)).filter(
              (a) => a !== 'close',
            ),
          },
          {
            ko: `의결하지 않은 안건이 ${open.n}건 있어 회의를 마칠 수 없습니다.`,
            en: `${open.n} agenda items are not decided yet; the meeting cannot close.`,
          },
        );
      }
      await this.record(tx, user, id, 'close', { status: { from: 'HELD', to: 'CLOSED' } });
    });
    return this.get(user, id);
  }

  async list(
    user: AuthUser,
    query: { from?: string; to?: string; limit?: number; offset?: number },
  ): Promise<MeetingSummary[]> {
    this.assertReader(user);
    const rows = await this.dataSource.query<MeetingRow[]>(
      `SELECT ${MEETING_COLUMNS} FROM committee_meetings mt
        WHERE mt.organisation_id = $1
          AND ($2::date IS NULL OR mt.meeting_date >= $2::date)
          AND ($3::date IS NULL OR mt.meeting_date <= $3::date)
          AND ($4::boolean OR $5::uuid = ANY(mt.sitting_member_ids))
        ORDER BY mt.meeting_date DESC, mt.id LIMIT $6 OFFSET $7`,
      [
        user.organisationId,
        query.from ?? null,
        query.to ?? null,
        readsAll(user),
        user.id,
        Math.min(query.limit ?? 50, 200),
        query.offset ?? 0,
      ],
    );
    return rows.map(summary);
  }

  async get(user: AuthUser, id: string): Promise<MeetingView> {
    const row = await this.readable(user, id);
    const live = row.status === 'SCHEDULED';
    const [members, items] = await Promise.all([
      live
        ? this.members.sitting(row.organisation_id, row.meeting_date)
        : this.dataSource.query<
            Array<{
              user_id: string;
              name: string;
              chair: boolean;
              civilian: boolean;
              affiliation: string;
            }>
          >(
            // The recorded 재적, with each member's flags of the term that covered the date.
            `SELECT u.id AS user_id, u.name, COALESCE(m.chair, false) AS chair, COALESCE(m.civilian, false) AS civilian,
                    COALESCE(m.affiliation, '') AS affiliation
               FROM unnest($1::uuid[]) AS s(user_id) JOIN users u ON u.id = s.user_id
               LEFT JOIN LATERAL (
                 SELECT chair, civilian, affiliation FROM committee_members cm
                  WHERE cm.organisation_id = $2 AND cm.user_id = s.user_id AND cm.term_start <= $3::date
                  ORDER BY cm.term_start DESC LIMIT 1) m ON true
              ORDER BY m.chair DESC NULLS LAST, u.name, u.id`,
            [row.sitting_member_ids, row.organisation_id, row.meeting_date],
          ),
      this.dataSource.query<
        Array<{
          id: string;
          seq: number;
          subject_kind: AgendaSubjectKind;
          subject_id: string | null;
          title: string;
          status: AgendaItemStatus;
          outcome: AgendaOutcome | null;
        }>
      >(
        `SELECT id, seq, subject_kind, subject_id, title, status, outcome FROM committee_agenda_items
          WHERE meeting_id = $1 ORDER BY seq`,
        [id],
      ),
    ]);
    const sitting = live ? [...new Map(members.map((m) => [m.user_id, m])).values()] : members;
    return {
      ...summary(row),
      writtenGround: row.written_ground,
      writtenReason: row.written_reason,
      sittingMembers: sitting.map((m) => ({
        userId: m.user_id,
        name: m.name,
        chair: m.chair,
        civilian: m.civilian,
        affiliation: m.affiliation,
      })),
      attendeeIds: row.attendee_ids,
      items: items.map((i) => ({
        id: i.id,
        seq: i.seq,
        subjectKind: i.subject_kind,
        subjectId: i.subject_id,
        title: i.title,
        status: i.status,
        outcome: i.outcome,
      })),
      allowedActions: allowedMeetingActions(user, this.facts(row)),
    };
  }

  /**
   * A meeting the user may read: the office, auditors and administrators of its organisation, and
   * the committee members sitting on its date; 404 for everyone else.
   */
  async readable(user: AuthUser, id: string, db: Pick<DataSource, 'query'> = this.dataSource) {
    this.assertReader(user);
    const [row] = await db.query<MeetingRow[]>(
      `SELECT ${MEETING_COLUMNS} FROM committee_meetings mt
        WHERE mt.id = $1 AND mt.organisation_id = $2`,
      [id, user.organisationId],
    );
    if (!row) throw DomainError.notFound();
    if (!readsAll(user) && !row.sitting_member_ids.includes(user.id)) throw DomainError.notFound();
    return row;
  }

  facts(row: MeetingRow): MeetingFacts {
    return {
      status: row.status,
      sittingUserIds: row.sitting_member_ids,
      attendeeIds: row.attendee_ids,
    };
  }

  /** 409 ILLEGAL_TRANSITION unless the meeting's state allows the action. */
  assertState(user: AuthUser, row: MeetingRow, action: MeetingAction, text: LocalText): void {
    if (meetingTransition(row.status, action)) return;
    throw DomainError.illegalTransition(
      {
        resource: 'committeeMeeting',
        currentStatus: row.status,
        allowedActions: allowedMeetingActions(user, this.facts(row)),
      },
      text,
    );
  }

  private async setAttendance(
    user: AuthUser,
    id: string,
    input: { version: number; attendeeIds: string[] },
    action: 'hold' | 'recordAttendance',
  ): Promise<MeetingView> {
    const row = await this.readable(user, id);
    assertOffice(user);
    this.assertState(
      user,
      row,
      action,
      action === 'hold'
        ? { ko: '이미 열린 회의입니다.', en: 'The meeting has already been held.' }
        : {
            ko: '열린 회의의 출석만 고칠 수 있습니다.',
            en: 'Attendance is corrected on a held meeting only.',
          },
    );
    const { sitting, warnings } = await this.members.warningsOn(
      row.organisation_id,
      row.meeting_date,
    );
    const sittingIds = [...new Set(sitting.map((m) => m.user_id))];
    const recorded = action === 'hold' ? sittingIds : row.sitting_member_ids;
    const attendees = [...new Set(input.attendeeIds)];
    const problems: ErrorDetail[] = input.attendeeIds.flatMap((a, i) =>
      recorded.includes(a)
        ? []
        : [
            detail(`attendeeIds.${i}`, 'sittingMember', {
              ko: '출석 위원은 회의일에 재임 중인 위원이어야 합니다.',
              en: 'must be a member sitting on the meeting date',
            }),
          ],
    );
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const to = meetingTransition(row.status, action) as MeetingStatus;
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        action === 'hold'
          ? `UPDATE committee_meetings SET status = $4, sitting_member_ids = $5, composition_warnings = $6,
                    version = version + 1, updated_at = now()
              WHERE id = $1 AND version = $2 AND status = $3`
          : `UPDATE committee_meetings SET version = version + 1, updated_at = now()
              WHERE id = $1 AND version = $2 AND status = $3`,
        action === 'hold'
          ? [id, input.version, row.status, to, sittingIds, JSON.stringify(warnings)]
          : [id, input.version, row.status],
      );
      if (!affected) throw DomainError.conflict(row.version);
      await tx.manager.query(`DELETE FROM committee_attendance WHERE meeting_id = $1`, [id]);
      await tx.manager.query(
        `INSERT INTO committee_attendance (meeting_id, user_id) SELECT $1, unnest($2::uuid[])`,
        [id, attendees],
      );
      const changes: Record<string, { from: unknown; to: unknown }> = {
        attendeeIds: { from: row.attendee_ids, to: [...attendees].sort() },
      };
      if (action === 'hold') {
        changes.status = { from: row.status, to };
        changes.sittingMemberIds = { from: row.sitting_member_ids, to: sittingIds };
        changes.compositionWarnings = { from: row.composition_warnings, to: warnings };
      }
      await this.record(tx, user, id, action === 'hold' ? 'hold' : 'attendance.record', changes);
    });
    return this.get(user, id);
  }

  /** 서면 심의 needs its ground and an explanation; a meeting in person has neither. */
  private checkWritten(input: MeetingInput): {
    ground: WrittenGround | null;
    reason: string | null;
  } {
    if (input.kind === 'IN_PERSON') {
      if (input.writtenGround) {
        throw DomainError.invalidField('writtenGround', 'inPerson', {
          ko: '대면 회의에는 서면 심의 사유를 적지 않습니다.',
          en: 'an IN_PERSON meeting has no written ground',
        });
      }
      return { ground: null, reason: null };
    }
    const problems: ErrorDetail[] = [];
    if (!input.writtenGround) {
      problems.push(
        detail('writtenGround', 'required', {
          ko: '서면 심의는 사유(긴급·경미·천재지변 등 부득이한 사유)를 골라야 합니다.',
          en: 'a WRITTEN meeting must record its ground (URGENT, MINOR or UNAVOIDABLE)',
        }),
      );
    }
    if (!input.writtenReason?.trim()) {
      problems.push(
        detail('writtenReason', 'required', {
          ko: '서면 심의의 사유를 구체적으로 적으세요.',
          en: 'a WRITTEN meeting must explain its ground',
        }),
      );
    }
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    return { ground: input.writtenGround ?? null, reason: input.writtenReason?.trim() ?? null };
  }

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
      recordType: 'committee_meeting',
      recordId: id,
      action,
      actorId: user.id,
      changes,
      reason: null,
    });
  }
}
