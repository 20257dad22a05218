import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
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
  CollaborationAction,
  PARTICIPANT_ROLES,
  REVIEW_BY,
  type ReviewBy,
} from '@gwaje/collaboration';
import { ALL_TASK_STATUSES, type TaskStatus } from '@gwaje/tasks';
import { REPORTING_CADENCES } from '@gwaje/calendar';
import { DATE, DATE_MESSAGE, RealDate, toBool, toList, trim } from '../http/dto-helpers.js';
import { FieldLabels } from '../http/field-labels.js';
import { Optional } from '../http/validation.js';
import { TfStatusDto } from './collaboration-tf.dto.js';

const TEXT_MAX = 10_000;
const VERSION = { description: 'The version you read; a stale one is a 409', example: 1 };

@FieldLabels({ organisationId: '참여기관', departmentId: '담당부서', contactUserId: '담당자' })
export class ParticipantInputDto {
  @ApiProperty({ format: 'uuid', description: 'An active organisation of any kind and level' })
  @IsUUID('all')
  organisationId: string;

  @ApiProperty({ format: 'uuid', description: 'Its responsible department (of that organisation)' })
  @IsUUID('all')
  departmentId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Its contact (a user of that organisation)' })
  @Optional()
  @IsUUID('all')
  contactUserId?: string;
}

@FieldLabels({
  taskId: '중점과제',
  coordinatorOrganisationId: '총괄기관',
  goals: '공동 목표',
  plan: '추진 계획',
  reviewBy: '실적 검토 주체',
  leadContactUserId: '주관기관 담당자',
  participants: '참여기관',
})
export class CreateCollaborationDto {
  @ApiProperty({ format: 'uuid', description: 'A priority task of your organisation' })
  @IsUUID('all')
  taskId: string;

  @ApiProperty({ format: 'uuid', description: 'The coordinating organisation (e.g. 행정안전부)' })
  @IsUUID('all')
  coordinatorOrganisationId: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '주민 불편 민원 처리기간 30% 단축' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  goals?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '1분기 현황 조사, 2분기 제도 개선' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  plan?: string;

  @ApiPropertyOptional({ enum: REVIEW_BY, default: 'LEAD_AUDITOR' })
  @Optional()
  @IsIn(REVIEW_BY)
  reviewBy?: ReviewBy;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The lead’s contact (a user of your organisation); the task owner when absent',
  })
  @Optional()
  @IsUUID('all')
  leadContactUserId?: string;

  @ApiPropertyOptional({ type: [ParticipantInputDto], maxItems: 100 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ParticipantInputDto)
  participants?: ParticipantInputDto[];
}

@FieldLabels({ version: '버전', goals: '공동 목표', plan: '추진 계획', reviewBy: '실적 검토 주체' })
export class UpdateCollaborationDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  goals?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  plan?: string;

  @ApiPropertyOptional({ enum: REVIEW_BY })
  @Optional()
  @IsIn(REVIEW_BY)
  reviewBy?: ReviewBy;
}

@FieldLabels({ version: '버전' })
export class AddParticipantDto extends ParticipantInputDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

@FieldLabels({ milestoneId: '단계', organisationId: '참여기관' })
export class MilestoneShareInputDto {
  @ApiProperty({ format: 'uuid', description: 'A milestone of the collaboration’s task' })
  @IsUUID('all')
  milestoneId: string;

  @ApiProperty({ format: 'uuid', description: 'A participant organisation' })
  @IsUUID('all')
  organisationId: string;
}

@FieldLabels({ version: '버전', shares: '단계 분담' })
export class PutMilestoneSharesDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ type: [MilestoneShareInputDto], maxItems: 500 })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => MilestoneShareInputDto)
  shares: MilestoneShareInputDto[];
}

@FieldLabels({ planVersion: '계획 버전' })
export class AgreeDto {
  @ApiProperty({
    description: 'The plan version you agree to (planVersion as read); a stale one is a 409',
    example: 1,
  })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  planVersion: number;
}

@FieldLabels({ version: '버전', focus: '중점 협업과제 여부', reason: '사유' })
export class FocusDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ description: 'true: 중점 협업과제; false: back to 기관관리' })
  @IsBoolean()
  focus: boolean;

  @ApiProperty({ minLength: 1, maxLength: 2000, example: '부처 간 이견 조정이 필요해 TF 운영' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@FieldLabels({ version: '버전', doneDate: '완료일', lateEntryReason: '사후 입력 사유' })
export class CompleteShareDto {
  @ApiProperty({ description: 'The milestone version you read', example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    example: '2026-06-28',
    description: 'The day it was done (Asia/Seoul); today when absent',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  doneDate?: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required when the done date is before today (사후 입력 사유)',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  lateEntryReason?: string;
}

export class CollaborationListQuery {
  @ApiPropertyOptional({ description: 'true: 중점 협업과제 only; false: 기관관리 only' })
  @Optional()
  @Transform(toBool)
  @IsBoolean()
  focus?: boolean;

  @ApiPropertyOptional({
    enum: ALL_TASK_STATUSES,
    isArray: true,
    description: 'The task’s status, one or more, comma-separated',
  })
  @Optional()
  @Transform(toList)
  @IsIn(ALL_TASK_STATUSES, { each: true })
  @ArrayMaxSize(ALL_TASK_STATUSES.length)
  status?: TaskStatus[];

  @ApiPropertyOptional({ description: 'Running and past due, or with a milestone past due' })
  @Optional()
  @Transform(toBool)
  @IsBoolean()
  delayed?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID('all')
  coordinatorOrganisationId?: string;

  @ApiPropertyOptional({ description: 'Only those your organisation coordinates (총괄기관 보기)' })
  @Optional()
  @Transform(toBool)
  @IsBoolean()
  coordinated?: boolean;

  @ApiPropertyOptional({ example: 2026 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    description: 'true: with a 협업SOS awaiting its answer (OPEN); false: without',
  })
  @Optional()
  @Transform(toBool)
  @IsBoolean()
  openSos?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 3650,
    example: 7,
    description: 'With a 협업SOS awaiting its answer filed more than this many days ago',
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  sosOlderThanDays?: number;
}

export class CollaborationPageQuery extends CollaborationListQuery {
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

class NamedRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class CollaborationTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-07' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ALL_TASK_STATUSES }) status: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ format: 'uuid' }) leadDepartmentId: string;
  @ApiProperty() leadDepartmentName: string;
  @ApiProperty({ type: 'integer', description: 'Progress % (the task’s derived progress)' })
  progress: number;
  @ApiProperty() delayed: boolean;
  @ApiProperty({ type: 'integer', description: 'Milestones past due and not done' })
  overdueMilestones: number;
}

class OpenSosDto {
  @ApiProperty({ type: 'integer', description: '협업SOS awaiting their answer (OPEN)' })
  count: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Calendar days since the oldest of them was filed (null: none)',
  })
  oldestAgeDays: number | null;
}

export class CollaborationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: CollaborationTaskDto }) task: CollaborationTaskDto;
  @ApiProperty({ type: NamedRefDto }) leadOrganisation: NamedRefDto;
  @ApiProperty({ type: NamedRefDto }) coordinatorOrganisation: NamedRefDto;
  @ApiProperty({ description: '중점 협업과제 (else 기관관리)' }) focus: boolean;
  @ApiProperty({ enum: REVIEW_BY }) reviewBy: string;
  @ApiProperty({
    type: 'integer',
    description: 'Moves on when goals, plan or shares change; agreements are to this version',
  })
  planVersion: number;
  @ApiProperty({ type: 'integer' }) participantsCount: number;
  @ApiProperty({ type: 'integer', description: 'Participants (lead included) not yet agreed' })
  agreementsMissing: number;
  @ApiProperty({ type: OpenSosDto }) openSos: OpenSosDto;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() updatedAt: Date;
}

export class CollaborationPageDto {
  @ApiProperty({ type: [CollaborationSummaryDto] }) items: CollaborationSummaryDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

class AgreementDto {
  @ApiProperty() agreedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agreedById: string | null;
  @ApiProperty({ nullable: true, type: String }) agreedByName: string | null;
}

class ParticipantProgressDto {
  @ApiProperty({ type: 'integer' }) milestones: number;
  @ApiProperty({ type: 'integer' }) done: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: 'integer' }) percent: number;
}

class ParticipantDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() organisationKind: string;
  @ApiProperty({ enum: PARTICIPANT_ROLES }) role: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) contactUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ type: AgreementDto, nullable: true }) agreement: AgreementDto | null;
  @ApiProperty({ type: ParticipantProgressDto }) progress: ParticipantProgressDto;
}

class MilestoneShareDto {
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ example: 1, description: 'Share of the task’s progress' }) weight: number;
  @ApiProperty({ enum: ['PLANNED', 'DONE'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) doneDate: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
}

class FocusDesignationDto {
  @ApiProperty() at: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) by: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class CollaborationDto extends CollaborationSummaryDto {
  @ApiProperty() goals: string;
  @ApiProperty() plan: string;
  @ApiProperty({ type: FocusDesignationDto, nullable: true })
  focusDesignation: FocusDesignationDto | null;
  @ApiProperty({
    enum: REPORTING_CADENCES,
    example: 'MONTHLY',
    description:
      'How often the task reports from the next period on (the first of next month): MONTHLY for a focus task (중점 협업과제) designated before then, else the lead organisation’s reporting calendar’s cadence. Reports already expected stay.',
  })
  reportingCadence: string;
  @ApiProperty({ type: [ParticipantDto] }) participants: ParticipantDto[];
  @ApiProperty({ type: [MilestoneShareDto] }) milestones: MilestoneShareDto[];
  @ApiProperty({ enum: Object.values(CollaborationAction), isArray: true })
  allowedActions: string[];
  @ApiProperty({
    type: TfStatusDto,
    description:
      'The TF: a focus task needs one; `incomplete` says it lacks a lead or a member per participant',
  })
  tf: TfStatusDto;
  @ApiProperty() createdAt: Date;
}
