import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ACTION_ITEM_STATUSES,
  type ActionItemStatus,
  DECISION_OUTCOMES,
  MeetingAction,
  TF_ROLES,
  TfAction,
  type TfRole,
} from '@gwaje/collaboration';
import { DATE, DATE_MESSAGE, RealDate, trim } from '../http/dto-helpers.js';
import { FieldLabels } from '../http/field-labels.js';
import { Optional } from '../http/validation.js';

const TEXT_MAX = 20_000;
const VERSION = { description: 'The version you read; a stale one is a 409', example: 1 };

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

@FieldLabels({ userId: 'TF 구성원', role: 'TF 역할' })
export class AddTfMemberDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'An active user of a participating organisation (the lead included) or of the coordinator who reads the collaboration',
  })
  @IsUUID('all')
  userId: string;

  @ApiProperty({
    enum: TF_ROLES,
    description: 'LEAD (TF 팀장, one per TF), MEMBER, LIAISON (총괄기관 연락관: coordinator only)',
  })
  @IsIn(TF_ROLES)
  role: TfRole;
}

@FieldLabels({
  heldAt: '회의 일시',
  title: '회의명',
  place: '장소',
  online: '온라인 여부',
  attendeeIds: '참석자',
  minutes: '회의록',
})
export class CreateTfMeetingDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-10T14:00:00+09:00' })
  @IsISO8601({ strict: true })
  heldAt: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: '제1차 협업 TF 회의' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 200, example: '정부서울청사 별관 회의실' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional({ description: 'Held online (영상회의)', default: false })
  @Optional()
  @IsBoolean()
  online?: boolean;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 200,
    description: 'TF members who attended',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  attendeeIds?: string[];

  @ApiPropertyOptional({ maxLength: TEXT_MAX, description: '회의록 (minutes)' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  minutes?: string;
}

@FieldLabels({
  version: '버전',
  heldAt: '회의 일시',
  title: '회의명',
  place: '장소',
  online: '온라인 여부',
  attendeeIds: '참석자',
  minutes: '회의록',
})
export class UpdateTfMeetingDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-10T14:00:00+09:00' })
  @Optional()
  @IsISO8601({ strict: true })
  heldAt?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  online?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 200 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  attendeeIds?: string[];

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  minutes?: string;
}

@FieldLabels({
  title: '단계명',
  dueDate: '예정일',
  organisationId: '담당 참여기관',
  weight: '가중치',
})
export class DecisionMilestoneInputDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: '제도 개선안 마련' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '2026-09-30', description: 'Within the task’s period' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  dueDate: string;

  @ApiProperty({ format: 'uuid', description: 'The participant that carries it' })
  @IsUUID('all')
  organisationId: string;

  @ApiPropertyOptional({ minimum: 0.01, maximum: 100, default: 1 })
  @Optional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  weight?: number;
}

@FieldLabels({ title: '실행과제', ownerUserId: '담당자', dueDate: '기한' })
export class ActionItemInputDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: '법령 해석 요청 공문 발송' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ format: 'uuid', description: 'A TF member' })
  @IsUUID('all')
  ownerUserId: string;

  @ApiProperty({ example: '2026-04-15' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  dueDate: string;
}

@FieldLabels({ text: '결정 내용', milestones: '추가할 단계', actionItems: '실행과제' })
export class CreateTfDecisionDto {
  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, example: '시범 운영 단계를 구에서 맡기로 함' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  text: string;

  @ApiPropertyOptional({
    type: [DecisionMilestoneInputDto],
    maxItems: 50,
    description: 'Milestones added to the collaboration’s task (not with actionItems)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DecisionMilestoneInputDto)
  milestones?: DecisionMilestoneInputDto[];

  @ApiPropertyOptional({
    type: [ActionItemInputDto],
    maxItems: 50,
    description: 'Action items with owners (not with milestones)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ActionItemInputDto)
  actionItems?: ActionItemInputDto[];
}

@FieldLabels({ version: '버전', status: '상태' })
export class SetActionItemStatusDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ enum: ACTION_ITEM_STATUSES, description: 'DONE: completed now; OPEN: reopened' })
  @IsIn(ACTION_ITEM_STATUSES)
  status: ActionItemStatus;
}

export class TfPageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, example: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000, example: 0 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset: number = 0;
}

export class ActionItemListQuery extends TfPageQuery {
  @ApiPropertyOptional({ enum: ACTION_ITEM_STATUSES })
  @Optional()
  @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only those of this owner' })
  @Optional()
  @IsUUID('all')
  ownerUserId?: string;
}

// ── Responses ─────────────────────────────────────────────────────────────────────────────────

export class TfStatusDto {
  @ApiProperty({ description: 'A focus task (중점 협업과제) needs a TF' }) required: boolean;
  @ApiProperty({ description: 'Required, and no TF lead or a participant without a member' })
  incomplete: boolean;
  @ApiProperty() missingLead: boolean;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Participants (the lead included) without a TF member',
  })
  missingOrganisationIds: string[];
  @ApiProperty({ type: 'integer' }) membersCount: number;
}

class TfMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ enum: TF_ROLES }) role: string;
  @ApiProperty() addedAt: Date;
}

export class TfDto {
  @ApiProperty({ format: 'uuid' }) collaborationId: string;
  @ApiProperty({ type: TfStatusDto }) status: TfStatusDto;
  @ApiProperty({ type: [TfMemberDto] }) members: TfMemberDto[];
  @ApiProperty({ enum: Object.values(TfAction), isArray: true }) allowedActions: string[];
}

class AttendeeDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
}

class RecordedByDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

class OwnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
}

export class ActionItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) collaborationId: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: OwnerDto }) owner: OwnerDto;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ACTION_ITEM_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) completedBy: string | null;
  @ApiProperty({ description: 'Open and past its due date' }) overdue: boolean;
  @ApiProperty({ enum: ['complete', 'reopen'], isArray: true }) allowedActions: string[];
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ActionItemPageDto {
  @ApiProperty({ type: [ActionItemDto] }) items: ActionItemDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

class DecisionMilestoneDto {
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ['PLANNED', 'DONE'] }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
}

class DecisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ nullable: true, type: String }) createdByName: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: [DecisionMilestoneDto] }) milestones: DecisionMilestoneDto[];
  @ApiProperty({ type: [ActionItemDto] }) actionItems: ActionItemDto[];
}

export class TfMeetingSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) collaborationId: string;
  @ApiProperty() heldAt: Date;
  @ApiProperty() title: string;
  @ApiProperty() place: string;
  @ApiProperty() online: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) attendeeIds: string[];
  @ApiProperty({ type: RecordedByDto, nullable: true }) recordedBy: RecordedByDto | null;
  @ApiProperty({ type: 'integer' }) decisionsCount: number;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class TfMeetingDto extends TfMeetingSummaryDto {
  @ApiProperty({ type: [AttendeeDto] }) attendees: AttendeeDto[];
  @ApiProperty() minutes: string;
  @ApiProperty({ type: [DecisionDto] }) decisions: DecisionDto[];
  @ApiProperty({ enum: Object.values(MeetingAction), isArray: true }) allowedActions: string[];
}

export class TfMeetingPageDto {
  @ApiProperty({ type: [TfMeetingSummaryDto] }) items: TfMeetingSummaryDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}
