import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
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
  EXTERNAL_ESCALATION_DESTINATIONS,
  type ExternalEscalationDestination,
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

  @ApiProperty({
    maxLength: 4000,
    example: '주민 공동이용 목적이므로 공공용 사용에 해당하여 무상사용 허가가 가능하다.',
  })
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

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: '사실관계',
    example:
      '비영리 주민단체가 구 소유 유휴 부지(상계동 소재 1,200㎡)를 주민 공동텃밭으로 쓰겠다며 무상사용 허가를 신청했습니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  facts?: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: '질의 내용',
    example: '비영리 주민단체의 공동텃밭 운영이 공유재산 무상사용 허가 대상에 해당하는지 여부',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  question?: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: '관련 법령',
    example: '공유재산 및 물품 관리법 제24조, 같은 법 시행령 제29조',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  relevantLaws?: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: '부서 자체 검토 의견',
    example:
      '주민 누구나 참여할 수 있는 공동이용 시설이어서 공공용 사용에 준한다고 보았으나, 명시적 규정이 없어 의견을 구합니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  ownReview?: string;

  @ApiPropertyOptional({
    type: [ConsultationOptionDto],
    description: '검토 대안 (갑설 · 을설)',
    example: [
      { label: '갑설', content: '공공용 사용에 해당하여 무상사용 허가가 가능하다.' },
      { label: '을설', content: '특정 단체의 사용이므로 사용료를 부과해야 한다.' },
    ],
  })
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

  @ApiPropertyOptional({ default: false, description: '사적 이해관계 신고', example: false })
  @Optional()
  @IsBoolean()
  privateInterest?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000, example: '해당 없음' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  privateInterestNote?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A priority task you may read',
    example: '9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a',
  })
  @IsOptional()
  @IsUUID()
  taskId?: string | null;
}

export class UpdateConsultationDto extends PartialType(CreateConsultationDto, {
  skipNullProperties: false,
}) {
  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 2 })
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
  approverName: '승인자',
  approverTitle: '승인자 직위',
  approvedOn: '승인일',
  externalDestination: '외부 의뢰 기관',
  externalName: '외부 의뢰 기관명',
  informationWithheld: '필요 정보 미제공 여부',
})
export class ConsultationTransitionDto {
  @ApiProperty({ enum: ALL_CONSULTATION_ACTIONS, example: 'issueOpinion' })
  @IsIn(ALL_CONSULTATION_ACTIONS)
  action: ConsultationAction;

  @ApiPropertyOptional({
    maxLength: 4000,
    description:
      'escalate / requestCommitteeAdvice: what is asked (required); extend: why (required); close: why not followed (required then); reject: a note',
    example: '관계 부서(재산관리과) 의견 조회에 시간이 더 필요합니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({
    enum: ALL_REJECTION_REASONS,
    description: 'reject: the checklist item',
    example: 'NO_OWN_REVIEW',
  })
  @Optional()
  @IsIn(ALL_REJECTION_REASONS)
  rejectionReason?: RejectionReason;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'accept: the reviewing auditor (default: you)',
    example: '5e8d2c1b-9a7f-4b3e-8c6d-4f2a1b0e9d8c',
  })
  @Optional()
  @IsUUID()
  assignedAuditorId?: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: 'returnAdvice / recordCommitteeAdvice',
    example:
      '공동텃밭이 주민 누구에게나 개방된다면 공공용 사용으로 볼 수 있다는 것이 위원회의 의견입니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  advice?: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: 'issueOpinion',
    example:
      '주민 누구나 참여할 수 있도록 운영하고 수익사업을 하지 않는다는 조건으로 무상사용 허가가 가능합니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  opinion?: string;

  @ApiPropertyOptional({
    enum: ALL_OPINION_TYPES,
    description: 'issueOpinion',
    example: 'CONDITIONAL',
  })
  @Optional()
  @IsIn(ALL_OPINION_TYPES)
  opinionType?: OpinionType;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 90,
    description: 'extend: days added (once)',
    example: 14,
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;

  @ApiPropertyOptional({
    enum: ALL_FOLLOW_UPS,
    description: 'close: whether the opinion was followed',
    example: 'FOLLOWED',
  })
  @Optional()
  @IsIn(ALL_FOLLOW_UPS)
  followUp?: FollowUp;

  @ApiPropertyOptional({
    maxLength: 100,
    description:
      'escalate: the head who approved this hop as the statute requires (required beyond the first level and out of Gwaje; recorded when given on a first hop)',
    example: '김감사',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  approverName?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'escalate: the approver’s title (e.g. 감사담당관, 구청장)',
    example: '감사담당관',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  approverTitle?: string;

  @ApiPropertyOptional({
    example: '2026-05-04',
    description: 'escalate: the day the hop was approved (YYYY-MM-DD, not after today)',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  approvedOn?: string;

  @ApiPropertyOptional({
    enum: EXTERNAL_ESCALATION_DESTINATIONS,
    description:
      'escalate: out of Gwaje, to 감사원 (BOARD_OF_AUDIT) or a ministry’s audit body (MINISTRY_AUDIT, named in externalName); possible without a parent organisation, the last hop',
    example: 'BOARD_OF_AUDIT',
  })
  @Optional()
  @IsIn(EXTERNAL_ESCALATION_DESTINATIONS)
  externalDestination?: ExternalEscalationDestination;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'escalate: the external body’s name (required for MINISTRY_AUDIT; default 감사원)',
    example: '행정안전부 감사관실',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  externalName?: string;

  @ApiPropertyOptional({
    description:
      'issueOpinion: the requester withheld information the audit unit needed (the 면책 presumption then does not hold); default false',
    example: false,
  })
  @Optional()
  @IsBoolean()
  informationWithheld?: boolean;

  @ApiProperty({
    description: 'The version you read (required); a stale one is a 409',
    example: 5,
  })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
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
    example: ['SUBMITTED', 'SCREENING'],
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(ALL_CONSULTATION_STATES, { each: true })
  @ArrayMaxSize(ALL_CONSULTATION_STATES.length)
  status?: ConsultationState[];

  @ApiPropertyOptional({
    description: 'Screening or opinion deadline passed (computed now)',
    example: true,
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Assigned to you as the reviewing auditor', example: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  assignedToMe?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Requesting department',
    example: 'a5d8e2f1-6b3c-4e7a-9d0f-8c1b2a3e4d5f',
  })
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

  @ApiPropertyOptional({ format: 'uuid', example: '9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a' })
  @IsOptional()
  @IsUUID()
  taskId?: string;

  @ApiPropertyOptional({ enum: CONSULTATION_SORTS, default: 'submittedAt', example: 'dueDate' })
  @IsOptional()
  @IsIn(CONSULTATION_SORTS)
  sort: ConsultationSort = 'submittedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', example: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000, example: 40 })
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
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: ALL_CONSULTATION_STATES }) status: string;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) screeningDueDate: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Before the extension' })
  opinionDueDate: string | null;
  @ApiProperty({ type: 'integer' }) extensionDays: number;
  @ApiProperty({ nullable: true, type: String, description: 'The deadline running now' })
  dueDate: string | null;
  @ApiProperty({ description: 'Computed when read' }) overdue: boolean;
  @ApiProperty({ type: 'integer' }) daysOverdue: number;
  @ApiProperty({ type: PersonRefDto, nullable: true }) assignedAuditor: PersonRefDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  escalatedToOrganisationId: string | null;
  @ApiProperty({ enum: ALL_OPINION_TYPES, nullable: true }) opinionType: string | null;
  @ApiProperty({ nullable: true, type: Date }) opinionAt: Date | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'Submission → opinion, days' })
  turnaroundDays: number | null;
  @ApiProperty({ enum: ALL_FOLLOW_UPS, nullable: true }) followUp: string | null;
  @ApiProperty({
    description: 'Closed, opinion followed, no private interest declared, no information withheld',
  })
  immunityPresumed: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: [...ALL_CONSULTATION_ACTIONS, 'edit'], isArray: true })
  allowedActions: string[];
}

export class ConsultationPageDto {
  @ApiProperty({ type: [ConsultationSummaryDto] }) items: ConsultationSummaryDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
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

class EscalationHopDto {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ format: 'uuid' }) fromOrganisationId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) toOrganisationId: string | null;
  @ApiProperty({ enum: ['PARENT', ...EXTERNAL_ESCALATION_DESTINATIONS] }) destination: string;
  @ApiProperty() toName: string;
  @ApiProperty({ nullable: true, type: String }) approvedByName: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedByTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedOn: string | null;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty() request: string;
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
  @ApiProperty({ type: [EscalationHopDto] }) escalationHops: EscalationHopDto[];
  @ApiProperty({ enum: EXTERNAL_ESCALATION_DESTINATIONS, nullable: true })
  escalatedExternal: ExternalEscalationDestination | null;
  @ApiProperty({ nullable: true, type: String }) escalatedExternalName: string | null;
  @ApiProperty({
    description:
      'Recorded with the opinion: the requester withheld information the audit unit needed',
  })
  informationWithheld: boolean;
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

export class ConsultationExportQuery extends OmitType(ConsultationListQuery, [
  'limit',
  'offset',
] as const) {
  @ApiProperty({ enum: ['xlsx', 'csv'], example: 'xlsx' })
  @IsIn(['xlsx', 'csv'])
  format: 'xlsx' | 'csv';
}
