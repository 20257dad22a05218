import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
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
  ValidateNested,
} from 'class-validator';
import {
  ALL_CONSULTATION_ACTIONS,
  ALL_CONSULTATION_STATES,
  ALL_FOLLOW_UPS,
  ALL_OPINION_TYPES,
  ALL_REJECTION_REASONS,
  CONSULTATION_SORTS,
  type ConsultationAction,
  type ConsultationSort,
  type ConsultationState,
  type FollowUp,
  type OpinionType,
  type RejectionReason,
} from '@gwaje/consultations';
import { DATE, DATE_MESSAGE, RealDate, toBool, toList, trim } from '../http/dto-helpers.js';
import { Optional } from '../http/validation.js';
import { AttachmentDto } from '../reports/reports.dto.js';
import { FieldLabels } from '../http/field-labels.js';

const TEXT_MAX = 10_000;

@FieldLabels({ label: '대안 이름', content: '대안 내용' })
export class ConsultationOptionDto {
  @ApiProperty({ example: '갑설', maxLength: 50 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  label: string;

  @ApiProperty({ maxLength: 4000 })
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  content: string;
}

@FieldLabels({
  subject: '신청 제목',
  facts: '사실관계',
  question: '질의 내용',
  relevantLaws: '관련 법령',
  ownReview: '자체 검토 의견',
  options: '검토 대안',
  desiredAnswerDate: '희망 회신일',
  privateInterest: '사적 이해관계 신고 여부',
  privateInterestNote: '사적 이해관계 내용',
  taskId: '관련 과제',
})
export class CreateConsultationDto {
  @ApiProperty({ example: '공유재산 무상사용 허가 가능 여부', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  subject: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, description: '사실관계' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  facts?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, description: '질의 내용' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  question?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, description: '관련 법령' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  relevantLaws?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, description: '부서 자체 검토 의견' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  ownReview?: string;

  @ApiPropertyOptional({ type: [ConsultationOptionDto], description: '검토 대안 (갑설 · 을설)' })
  @Optional()
  @ValidateNested({ each: true })
  @Type(() => ConsultationOptionDto)
  @ArrayMaxSize(10)
  options?: ConsultationOptionDto[];

  @ApiPropertyOptional({ example: '2026-12-15', nullable: true, type: String })
  @IsOptional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  desiredAnswerDate?: string | null;

  @ApiPropertyOptional({ default: false, description: '사적 이해관계 신고' })
  @Optional()
  @IsBoolean()
  privateInterest?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  privateInterestNote?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A priority task you may read',
  })
  @IsOptional()
  @IsUUID()
  taskId?: string | null;
}

export class UpdateConsultationDto extends PartialType(CreateConsultationDto, {
  skipNullProperties: false,
}) {
  @ApiProperty({ description: 'The version you read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

@FieldLabels({
  rejectionReason: '반려 사유',
  assignedAuditorId: '담당 감사관',
  advice: '자문 의견',
  opinion: '의견',
  opinionType: '의견 유형',
  days: '연장 일수',
  followUp: '의견 이행 여부',
})
export class ConsultationTransitionDto {
  @ApiProperty({ enum: ALL_CONSULTATION_ACTIONS })
  @IsIn(ALL_CONSULTATION_ACTIONS)
  action: ConsultationAction;

  @ApiPropertyOptional({
    maxLength: 4000,
    description:
      'escalate / requestCommitteeAdvice: what is asked (required); extend: why (required); close: why not followed (required then); reject: a note',
  })
  @Optional()
  @IsString()
  @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({ enum: ALL_REJECTION_REASONS, description: 'reject: the checklist item' })
  @Optional()
  @IsIn(ALL_REJECTION_REASONS)
  rejectionReason?: RejectionReason;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'accept: the reviewing auditor (default: you)',
  })
  @Optional()
  @IsUUID()
  assignedAuditorId?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, description: 'returnAdvice / recordCommitteeAdvice' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  advice?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, description: 'issueOpinion' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  opinion?: string;

  @ApiPropertyOptional({ enum: ALL_OPINION_TYPES, description: 'issueOpinion' })
  @Optional()
  @IsIn(ALL_OPINION_TYPES)
  opinionType?: OpinionType;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, description: 'extend: days added (once)' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;

  @ApiPropertyOptional({
    enum: ALL_FOLLOW_UPS,
    description: 'close: whether the opinion was followed',
  })
  @Optional()
  @IsIn(ALL_FOLLOW_UPS)
  followUp?: FollowUp;

  @ApiPropertyOptional({ description: 'The version you read; when sent, a stale one is a 409' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

@FieldLabels({
  overdue: '기한 경과 여부',
  assignedToMe: '내 담당 여부',
  departmentId: '신청 부서',
  taskId: '관련 과제',
})
export class ConsultationListQuery {
  @ApiPropertyOptional({
    enum: ALL_CONSULTATION_STATES,
    isArray: true,
    description: 'Comma-separated',
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(ALL_CONSULTATION_STATES, { each: true })
  @ArrayMaxSize(ALL_CONSULTATION_STATES.length)
  state?: ConsultationState[];

  @ApiPropertyOptional({ description: 'Screening or opinion deadline passed (computed now)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Assigned to you as the reviewing auditor' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  assignedToMe?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Requesting department' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  taskId?: string;

  @ApiPropertyOptional({ enum: CONSULTATION_SORTS, default: 'submittedAt' })
  @IsOptional()
  @IsIn(CONSULTATION_SORTS)
  sort: ConsultationSort = 'submittedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset: number = 0;
}

class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ConsultationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) taskId: string | null;
  @ApiProperty({ nullable: true, type: String }) taskCode: string | null;
  @ApiProperty({ nullable: true, type: String }) taskTitle: string | null;
  @ApiProperty() year: number;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: ALL_CONSULTATION_STATES }) state: string;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) screeningDueDate: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Before the extension' })
  opinionDueDate: string | null;
  @ApiProperty() extensionDays: number;
  @ApiProperty({ nullable: true, type: String, description: 'The deadline running now' })
  dueDate: string | null;
  @ApiProperty({ description: 'Computed when read' }) overdue: boolean;
  @ApiProperty() daysOverdue: number;
  @ApiProperty({ type: PersonRefDto, nullable: true }) assignedAuditor: PersonRefDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  escalatedToOrganisationId: string | null;
  @ApiProperty({ enum: ALL_OPINION_TYPES, nullable: true }) opinionType: string | null;
  @ApiProperty({ nullable: true, type: Date }) opinionAt: Date | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Submission → opinion, days' })
  turnaroundDays: number | null;
  @ApiProperty({ enum: ALL_FOLLOW_UPS, nullable: true }) followUp: string | null;
  @ApiProperty({ description: 'Closed, opinion followed, no private interest declared' })
  immunityPresumed: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ enum: [...ALL_CONSULTATION_ACTIONS, 'edit'], isArray: true })
  allowedActions: string[];
}

export class ConsultationPageDto {
  @ApiProperty({ type: [ConsultationSummaryDto] }) items: ConsultationSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

class AdviceDto {
  @ApiProperty({ enum: ['ESCALATION', 'COMMITTEE'] }) kind: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty() request: string;
  @ApiProperty({ nullable: true, type: String }) advisedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) advisedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) advice: string | null;
}

export class ConsultationDetailDto extends ConsultationSummaryDto {
  @ApiProperty({ type: PersonRefDto }) drafter: PersonRefDto;
  @ApiProperty({ type: PersonRefDto, nullable: true }) requester: PersonRefDto | null;
  @ApiProperty() facts: string;
  @ApiProperty() question: string;
  @ApiProperty() relevantLaws: string;
  @ApiProperty() ownReview: string;
  @ApiProperty({ type: [ConsultationOptionDto] }) options: ConsultationOptionDto[];
  @ApiProperty({ nullable: true, type: String }) desiredAnswerDate: string | null;
  @ApiProperty() privateInterest: boolean;
  @ApiProperty({ nullable: true, type: String }) privateInterestNote: string | null;
  @ApiProperty({ nullable: true, type: Date }) screenedAt: Date | null;
  @ApiProperty({ nullable: true, type: Object }) screeningChecklist: Record<string, boolean> | null;
  @ApiProperty({ enum: ALL_REJECTION_REASONS, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionNote: string | null;
  @ApiProperty({ nullable: true, type: Date }) acceptedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) extensionReason: string | null;
  @ApiProperty({ nullable: true, type: String }) escalatedToOrganisationName: string | null;
  @ApiProperty({ nullable: true, type: Date }) escalatedAt: Date | null;
  @ApiProperty({ type: [AdviceDto] }) advice: AdviceDto[];
  @ApiProperty({ nullable: true, type: String }) opinion: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) opinionBy: PersonRefDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) opinionOrganisationId:
    string | null;
  @ApiProperty({ nullable: true, type: String }) followUpReason: string | null;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
