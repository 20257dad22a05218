import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CompositionWarning, InterestedParty } from '@gwaje/common';

/** 대면 심의 or 서면 심의. */
export const MeetingKind = { IN_PERSON: 'IN_PERSON', WRITTEN: 'WRITTEN' } as const;
export type MeetingKind = (typeof MeetingKind)[keyof typeof MeetingKind];
export const ALL_MEETING_KINDS = Object.values(MeetingKind);

/**
 * The grounds on which the committee may resolve in writing instead of meeting (서면 심의):
 * the matter is urgent (긴급), it is minor (경미한 사항), or a disaster or other unavoidable
 * circumstance keeps the members from meeting (천재지변 등 부득이한 사유).
 */
export const WrittenGround = {
  URGENT: 'URGENT',
  MINOR: 'MINOR',
  UNAVOIDABLE: 'UNAVOIDABLE',
} as const;
export type WrittenGround = (typeof WrittenGround)[keyof typeof WrittenGround];
export const ALL_WRITTEN_GROUNDS = Object.values(WrittenGround);

/** SCHEDULED → (hold, with the attendance) → HELD → (close) → CLOSED. */
export const MeetingStatus = { SCHEDULED: 'SCHEDULED', HELD: 'HELD', CLOSED: 'CLOSED' } as const;
export type MeetingStatus = (typeof MeetingStatus)[keyof typeof MeetingStatus];
export const ALL_MEETING_STATUSES = Object.values(MeetingStatus);

/** What an agenda item decides; the deciding context registers a handler for its kind. */
export const AgendaSubjectKind = {
  EVALUATION_CRITERIA: 'EVALUATION_CRITERIA',
  EVALUATION_RESULTS: 'EVALUATION_RESULTS',
  CONSULTATION_ADVICE: 'CONSULTATION_ADVICE',
  OPINION_REQUEST: 'OPINION_REQUEST',
  CONTEST_RESULTS: 'CONTEST_RESULTS',
  OTHER: 'OTHER',
} as const;
export type AgendaSubjectKind = (typeof AgendaSubjectKind)[keyof typeof AgendaSubjectKind];
export const ALL_AGENDA_SUBJECT_KINDS = Object.values(AgendaSubjectKind);

/** OPEN → (resolve) → DECIDED with an outcome, or OPEN → (withdraw) → WITHDRAWN undecided. */
export const AgendaItemStatus = {
  OPEN: 'OPEN',
  DECIDED: 'DECIDED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type AgendaItemStatus = (typeof AgendaItemStatus)[keyof typeof AgendaItemStatus];
export const ALL_AGENDA_ITEM_STATUSES = Object.values(AgendaItemStatus);

export const AgendaOutcome = { PASSED: 'PASSED', REJECTED: 'REJECTED' } as const;
export type AgendaOutcome = (typeof AgendaOutcome)[keyof typeof AgendaOutcome];

/** 기피 (a party's request, decided by the committee) or 회피 (the member's own). */
export const ExclusionKind = { CHALLENGE: 'CHALLENGE', RECUSAL: 'RECUSAL' } as const;
export type ExclusionKind = (typeof ExclusionKind)[keyof typeof ExclusionKind];

export const ExclusionStatus = {
  REQUESTED: 'REQUESTED',
  ACCEPTED: 'ACCEPTED',
  REJECTED: 'REJECTED',
} as const;
export type ExclusionStatus = (typeof ExclusionStatus)[keyof typeof ExclusionStatus];

export const Vote = { FOR: 'FOR', AGAINST: 'AGAINST', ABSTAIN: 'ABSTAIN' } as const;
export type Vote = (typeof Vote)[keyof typeof Vote];
export const ALL_VOTES = Object.values(Vote);

/** One term of one member of the organisation's standing committee. */
@Entity('committee_members')
export class CommitteeMember {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'date' }) termStart: string;
  @Column({ type: 'date', nullable: true }) termEnd: string | null;
  @Column({ type: 'boolean', default: false }) chair: boolean;
  @Column({ type: 'boolean', default: false }) civilian: boolean;
  @Column({ type: 'varchar', length: 200, default: '' }) affiliation: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('committee_meetings')
export class CommitteeMeeting {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'date' }) meetingDate: string;
  @Column({ type: 'varchar', length: 10 }) kind: MeetingKind;
  @Column({ type: 'varchar', length: 20, nullable: true }) writtenGround: WrittenGround | null;
  @Column({ type: 'text', nullable: true }) writtenReason: string | null;
  @Column({ type: 'varchar', length: 10, default: MeetingStatus.SCHEDULED }) status: MeetingStatus;
  @Column({ type: 'jsonb', default: () => "'[]'" }) compositionWarnings: CompositionWarning[];
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) sittingMemberIds: string[];
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('committee_attendance')
export class CommitteeAttendance {
  @PrimaryColumn({ type: 'uuid' }) meetingId: string;
  @PrimaryColumn({ type: 'uuid' }) userId: string;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
}

@Entity('committee_agenda_items')
export class CommitteeAgendaItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) meetingId: string;
  @Column({ type: 'smallint' }) seq: number;
  @Column({ type: 'varchar', length: 24 }) subjectKind: AgendaSubjectKind;
  @Column({ type: 'uuid', nullable: true }) subjectId: string | null;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) interestedParties: InterestedParty[];
  @Column({ type: 'varchar', length: 10, default: AgendaItemStatus.OPEN })
  status: AgendaItemStatus;
  @Column({ type: 'varchar', length: 10, nullable: true }) outcome: AgendaOutcome | null;
  @Column({ type: 'text', nullable: true }) decision: string | null;
  @Column({ type: 'smallint', nullable: true }) membersCount: number | null;
  @Column({ type: 'uuid', array: true, nullable: true }) presentMemberIds: string[] | null;
  @Column({ type: 'jsonb', nullable: true }) excluded: unknown;
  @Column({ type: 'smallint', nullable: true }) votesFor: number | null;
  @Column({ type: 'smallint', nullable: true }) votesAgainst: number | null;
  @Column({ type: 'smallint', nullable: true }) votesAbstain: number | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('committee_exclusions')
export class CommitteeExclusion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) agendaItemId: string;
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 10 }) kind: ExclusionKind;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'varchar', length: 10 }) status: ExclusionStatus;
  @Column({ type: 'uuid' }) requestedBy: string;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('committee_votes')
export class CommitteeVote {
  @PrimaryColumn({ type: 'uuid' }) agendaItemId: string;
  @PrimaryColumn({ type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 8 }) vote: Vote;
  @Column({ type: 'uuid' }) recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) castAt: Date;
}
