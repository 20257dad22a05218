import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  ALL_AGENDA_ITEM_STATUSES,
  ALL_AGENDA_SUBJECT_KINDS,
  ALL_MEETING_KINDS,
  ALL_MEETING_STATUSES,
  ALL_VOTES,
  ALL_WRITTEN_GROUNDS,
  type AgendaSubjectKind,
  type MeetingKind,
  type Vote,
  type WrittenGround,
} from '@gwaje/committee';
import { DATE, DATE_MESSAGE, RealDate, trim } from '../http/dto-helpers.js';
import { FieldLabels } from '../http/field-labels.js';
import { Optional } from '../http/validation.js';

const INTERESTED_ROLES = ['NOMINEE', 'TEAM_MEMBER', 'DEPARTMENT', 'NOMINATOR', 'REQUESTER'];

// ── Members ──────────────────────────────────────────────────────────────────────────────────

@FieldLabels({
  userId: '위원(사용자)',
  termStart: '임기 시작일',
  termEnd: '임기 종료일',
  chair: '위원장',
  civilian: '민간위원',
  affiliation: '소속·직위',
})
export class AddCommitteeMemberDto {
  @ApiProperty({ format: 'uuid', description: 'An active COMMITTEE user of your organisation' })
  @IsUUID('all')
  userId: string;

  @ApiProperty({ example: '2026-01-01' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  termStart: string;

  @ApiPropertyOptional({ example: '2027-12-31', nullable: true, type: String })
  @IsOptional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  termEnd?: string | null;

  @ApiPropertyOptional({ default: false }) @Optional() @IsBoolean() chair?: boolean;

  @ApiProperty({ description: '민간위원' }) @IsBoolean() civilian: boolean;

  @ApiPropertyOptional({ example: '○○대학교 행정학과 교수', maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  affiliation?: string;
}

@FieldLabels({
  termEnd: '임기 종료일',
  chair: '위원장',
  civilian: '민간위원',
  affiliation: '소속·직위',
})
export class UpdateCommitteeMemberDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsInt() @Min(1) version: number;

  @ApiPropertyOptional({
    example: '2026-06-30',
    nullable: true,
    type: String,
    description: 'End the term (early); null reopens it',
  })
  @IsOptional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  termEnd?: string | null;

  @ApiPropertyOptional() @Optional() @IsBoolean() chair?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() civilian?: boolean;

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  affiliation?: string;
}

export class CommitteeMemberListQuery {
  @ApiPropertyOptional({
    description: 'true: every term, ended ones too (default: current and future terms)',
  })
  @Optional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  includePast?: boolean;
}

export class CommitteeMemberDto {
  @ApiProperty({ format: 'uuid', description: 'The term (committee_members row)' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ example: '2026-01-01' }) termStart: string;
  @ApiProperty({ nullable: true, type: String }) termEnd: string | null;
  @ApiProperty() chair: boolean;
  @ApiProperty() civilian: boolean;
  @ApiProperty() affiliation: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class CommitteeCandidateDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ description: 'Sits on the committee today' }) sitting: boolean;
}

export class CompositionWarningDto {
  @ApiProperty({
    enum: [
      'NO_CHAIR',
      'SEVERAL_CHAIRS',
      'TOO_FEW_MEMBERS',
      'TOO_MANY_MEMBERS',
      'TOO_FEW_CIVILIANS',
    ],
  })
  code: string;
  @ApiPropertyOptional({ type: 'integer', description: 'SEVERAL_CHAIRS' }) chairs?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'TOO_FEW_MEMBERS, TOO_MANY_MEMBERS' })
  members?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'TOO_FEW_MEMBERS, TOO_FEW_CIVILIANS' })
  required?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'TOO_MANY_MEMBERS' }) allowed?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'TOO_FEW_CIVILIANS' }) civilians?: number;
}

class CompositionRuleDto {
  @ApiProperty({ type: 'integer', example: 9 }) minMembers: number;
  @ApiProperty({ type: 'integer', example: 15 }) maxMembers: number;
  @ApiProperty({ type: 'integer', example: 50 }) minCivilianPercent: number;
}

export class CommitteeOverviewDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: '2026-12-06', description: 'Today in Asia/Seoul' }) date: string;
  @ApiProperty({ type: [CommitteeMemberDto], description: 'Sitting members, chair first' })
  members: CommitteeMemberDto[];
  @ApiProperty({ type: CompositionRuleDto }) rule: CompositionRuleDto;
  @ApiProperty({ type: [CompositionWarningDto] }) warnings: CompositionWarningDto[];
}

// ── Meetings ─────────────────────────────────────────────────────────────────────────────────

@FieldLabels({
  title: '회의명',
  meetingDate: '회의일',
  kind: '심의 방식',
  writtenGround: '서면 심의 사유',
  writtenReason: '서면 심의 사유 설명',
})
export class CreateMeetingDto {
  @ApiProperty({ example: '2026년 제3회 적극행정위원회', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '2026-12-12' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  meetingDate: string;

  @ApiProperty({ enum: ALL_MEETING_KINDS, description: '대면 or 서면 심의' })
  @IsIn(ALL_MEETING_KINDS)
  kind: MeetingKind;

  @ApiPropertyOptional({
    enum: ALL_WRITTEN_GROUNDS,
    nullable: true,
    description:
      'WRITTEN only (required then): URGENT 긴급, MINOR 경미한 사항, UNAVOIDABLE 천재지변 등 부득이한 사유',
  })
  @IsOptional()
  @IsIn(ALL_WRITTEN_GROUNDS)
  writtenGround?: WrittenGround | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  writtenReason?: string | null;
}

export class UpdateMeetingDto extends CreateMeetingDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsInt() @Min(1) version: number;
}

@FieldLabels({ attendeeIds: '출석 위원' })
export class AttendanceDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsInt() @Min(1) version: number;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'User ids of the sitting members who attended (서면 심의: who answered)',
  })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  attendeeIds: string[];
}

export class VersionDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsInt() @Min(1) version: number;
}

export class MeetingListQuery {
  @ApiPropertyOptional({ example: '2026-01-01' })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  to?: string;

  @ApiPropertyOptional({ type: 'integer', default: 50, maximum: 200 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', default: 0 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  offset?: number;
}

export class MeetingSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026-12-12' }) meetingDate: string;
  @ApiProperty({ enum: ALL_MEETING_KINDS }) kind: string;
  @ApiProperty({ enum: ALL_MEETING_STATUSES }) status: string;
  @ApiProperty({ type: [CompositionWarningDto] }) compositionWarnings: CompositionWarningDto[];
  @ApiProperty({ type: 'integer' }) version: number;
}

class SittingMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() chair: boolean;
  @ApiProperty() civilian: boolean;
  @ApiProperty() affiliation: string;
}

class MeetingItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ enum: ALL_AGENDA_SUBJECT_KINDS }) subjectKind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) subjectId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ALL_AGENDA_ITEM_STATUSES }) status: string;
  @ApiProperty({ enum: ['PASSED', 'REJECTED'], nullable: true, type: String })
  outcome: string | null;
}

export class MeetingDto extends MeetingSummaryDto {
  @ApiProperty({ enum: ALL_WRITTEN_GROUNDS, nullable: true, type: String })
  writtenGround: string | null;
  @ApiProperty({ nullable: true, type: String }) writtenReason: string | null;
  @ApiProperty({
    type: [SittingMemberDto],
    description: 'Members sitting on the meeting date (재적): recorded when held, live before',
  })
  sittingMembers: SittingMemberDto[];
  @ApiProperty({ type: [String] }) attendeeIds: string[];
  @ApiProperty({ type: [MeetingItemDto] }) items: MeetingItemDto[];
  @ApiProperty({
    type: [String],
    enum: ['update', 'addItem', 'hold', 'recordAttendance', 'close'],
  })
  allowedActions: string[];
}

// ── Agenda items ─────────────────────────────────────────────────────────────────────────────

@FieldLabels({ subjectKind: '안건 종류', subjectId: '안건 대상', title: '안건명' })
export class AddAgendaItemDto {
  @ApiProperty({
    enum: ALL_AGENDA_SUBJECT_KINDS,
    description:
      'EVALUATION_CRITERIA / EVALUATION_RESULTS: an evaluation round id; CONSULTATION_ADVICE: a pre-consultation id; OPINION_REQUEST: a 의견제시 request the audit office referred; CONTEST_RESULTS: a contest round of this organisation; OTHER: a title and no subjectId',
  })
  @IsIn(ALL_AGENDA_SUBJECT_KINDS)
  subjectKind: AgendaSubjectKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all')
  subjectId?: string | null;

  @ApiPropertyOptional({ maxLength: 300, nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  title?: string | null;
}

@FieldLabels({ memberId: '기피 대상 위원', reason: '기피 사유' })
export class ChallengeDto {
  @ApiProperty({ format: 'uuid', description: 'User id of a member sitting on the meeting date' })
  @IsUUID('all')
  memberId: string;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@FieldLabels({ accepted: '기피 인용 여부', note: '결정 사유' })
export class ChallengeDecisionDto {
  @ApiProperty({ type: 'integer', description: "The challenge's version" })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ description: 'true: the committee accepted the 기피 (the member is excluded)' })
  @IsBoolean()
  accepted: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@FieldLabels({ reason: '회피 사유' })
export class RecusalDto {
  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@FieldLabels({ vote: '표결', memberId: '위원' })
export class VoteDto {
  @ApiProperty({ enum: ALL_VOTES }) @IsIn(ALL_VOTES) vote: Vote;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The office records an attending member’s vote from the minutes; members omit it',
  })
  @Optional()
  @IsUUID('all')
  memberId?: string;
}

@FieldLabels({ reason: '철회 사유' })
export class WithdrawItemDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsInt() @Min(1) version: number;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@FieldLabels({ decision: '의결 내용' })
export class ResolveItemDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsInt() @Min(1) version: number;

  @ApiPropertyOptional({
    maxLength: 4000,
    nullable: true,
    type: String,
    description:
      'The text of the resolution (의결 내용); CONSULTATION_ADVICE takes it as the advice',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  decision?: string | null;
}

class InterestedPartyDto {
  @ApiProperty({ enum: INTERESTED_ROLES }) role: string;
  @ApiPropertyOptional({ format: 'uuid' }) userId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) departmentId?: string;
  @ApiProperty({ nullable: true, type: String, description: 'The person’s or department’s name' })
  name: string | null;
}

class ExclusionDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for 제척' })
  id: string | null;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: ['DISQUALIFIED', 'CHALLENGE', 'RECUSAL'],
    description: '제척 (automatic), 기피, 회피',
  })
  kind: string;
  @ApiProperty({ enum: INTERESTED_ROLES, nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ enum: ['REQUESTED', 'ACCEPTED', 'REJECTED'] }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) requestedBy: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) version: number | null;
}

class ItemVoteDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ALL_VOTES }) vote: string;
}

class ExcludedGroundDto {
  @ApiProperty({ enum: ['DISQUALIFIED', 'CHALLENGE', 'RECUSAL'] }) kind: string;
  @ApiPropertyOptional({ enum: INTERESTED_ROLES }) role?: string;
}

class ExcludedMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: ExcludedGroundDto }) ground: ExcludedGroundDto;
}

class ItemResolutionDto {
  @ApiProperty({ type: 'integer', description: '재적: members sitting on the meeting date' })
  members: number;
  @ApiProperty({ type: [String], description: 'Attendees not excluded from the item' })
  presentMemberIds: string[];
  @ApiProperty({ type: 'integer' }) votesFor: number;
  @ApiProperty({ type: 'integer' }) votesAgainst: number;
  @ApiProperty({ type: 'integer', description: 'Abstentions and present members who did not vote' })
  votesAbstain: number;
  @ApiProperty({ type: [ExcludedMemberDto] }) excluded: ExcludedMemberDto[];
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty() decidedAt: Date;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ example: '2026-12-12' }) meetingDate: string;
  @ApiProperty({ enum: ALL_MEETING_STATUSES }) meetingStatus: string;
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ enum: ALL_AGENDA_SUBJECT_KINDS }) subjectKind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) subjectId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ALL_AGENDA_ITEM_STATUSES }) status: string;
  @ApiProperty({ enum: ['PASSED', 'REJECTED'], nullable: true, type: String })
  outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) decision: string | null;
  @ApiProperty({ type: [InterestedPartyDto], nullable: true, description: 'null to a party' })
  interestedParties: InterestedPartyDto[] | null;
  @ApiProperty({ type: [ExclusionDto], description: '제척 (computed), 기피 and 회피' })
  exclusions: ExclusionDto[];
  @ApiProperty({ type: [ItemVoteDto], nullable: true, description: 'null to a party' })
  votes: ItemVoteDto[] | null;
  @ApiProperty({ type: ItemResolutionDto, nullable: true }) resolution: ItemResolutionDto | null;
  @ApiProperty({
    type: [String],
    enum: ['challenge', 'decideChallenge', 'recuse', 'vote', 'resolve', 'withdraw'],
  })
  allowedActions: string[];
  @ApiProperty({ type: 'integer' }) version: number;
}
