import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  SOS_ACTIONS,
  SOS_NEED_KINDS,
  SOS_STATUSES,
  type SosNeedKind,
  type SosStatus,
  STAFF_DECISIONS,
  type StaffDecision,
} from '@gwaje/collaboration';
import { DATE, DATE_MESSAGE, RealDate, toList, trim } from '../http/dto-helpers.js';
import { FieldLabels } from '../http/field-labels.js';
import { Optional } from '../http/validation.js';

const TEXT_MAX = 10_000;
const VERSION = { description: 'The version you read; a stale one is a 409', example: 1 };

@FieldLabels({
  count: '요청 인원',
  grade: '직급',
  months: '기간(개월)',
  untilDate: '기간 종료일',
  reason: '요청 사유',
})
export class StaffRequestInputDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  count: number;

  @ApiProperty({ minLength: 1, maxLength: 50, example: '행정6급' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  grade: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 60,
    example: 12,
    description: 'How long in months (or untilDate, not both)',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(60)
  months?: number;

  @ApiPropertyOptional({
    example: '2027-12-31',
    description: 'Until when (or months, not both); after the filing day',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  untilDate?: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, example: '시범 운영 현장 인력 부족' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  reason: string;
}

@FieldLabels({
  blocked: '막힌 일',
  blockingOrganisationId: '막고 있는 기관',
  needKind: '필요한 것',
  details: '내용',
  staffRequest: '협업정원 요청',
})
export class FileSosDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: '구 조례 개정 없이 시범 운영 인력 배치 불가',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  blocked: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The organisation blocking it: a participant of the task or its coordinator',
  })
  @Optional()
  @IsUUID('all')
  blockingOrganisationId?: string;

  @ApiProperty({
    enum: SOS_NEED_KINDS,
    description:
      'RULE_INTERPRETATION (법령 해석), DECISION (다른 기관의 결정), BUDGET (예산), STAFF (협업정원), OTHER',
  })
  @IsIn(SOS_NEED_KINDS)
  needKind: SosNeedKind;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '행정안전부의 유권해석이 필요합니다.' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  details?: string;

  @ApiPropertyOptional({
    type: StaffRequestInputDto,
    description: 'Required for needKind STAFF (협업정원), refused for any other kind',
  })
  @Optional()
  @ValidateNested()
  @Type(() => StaffRequestInputDto)
  staffRequest?: StaffRequestInputDto;
}

@FieldLabels({
  version: '버전',
  blocked: '막힌 일',
  blockingOrganisationId: '막고 있는 기관',
  details: '내용',
  staffRequest: '협업정원 요청',
})
export class UpdateSosDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2000 })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  blocked?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A participant or the coordinator' })
  @Optional()
  @IsUUID('all')
  blockingOrganisationId?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  details?: string;

  @ApiPropertyOptional({
    type: StaffRequestInputDto,
    description: 'STAFF requests only; replaces it',
  })
  @Optional()
  @ValidateNested()
  @Type(() => StaffRequestInputDto)
  staffRequest?: StaffRequestInputDto;
}

@FieldLabels({ version: '버전', answer: '답변' })
export class AnswerSosDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({
    minLength: 1,
    maxLength: TEXT_MAX,
    example: '현행 규정상 겸임 발령으로 가능합니다.',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  answer: string;
}

@FieldLabels({ version: '버전', note: '해결 내용' })
export class ResolveSosDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ maxLength: 2000, example: '답변대로 겸임 발령함' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@FieldLabels({ version: '버전', reason: '사유' })
export class SosReasonDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ minLength: 1, maxLength: 2000, example: '답변으로 해결되지 않음' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@FieldLabels({ version: '버전', decision: '결정', approvedCount: '승인 인원', reason: '결정 사유' })
export class StaffDecisionDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ enum: STAFF_DECISIONS })
  @IsIn(STAFF_DECISIONS)
  decision: StaffDecision;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 1000,
    description: 'PARTLY_APPROVED: 1 to one less than asked (required); APPROVED: all; REJECTED: 0',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(1000)
  approvedCount?: number;

  @ApiProperty({ minLength: 1, maxLength: 2000, example: '한시 정원 1명 승인' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class SosListQuery {
  @ApiPropertyOptional({
    enum: SOS_STATUSES,
    isArray: true,
    description: 'One or more statuses, comma-separated',
  })
  @Optional()
  @Transform(toList)
  @IsIn(SOS_STATUSES, { each: true })
  @ArrayMaxSize(SOS_STATUSES.length)
  status?: SosStatus[];
}

class SosFiledByDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
}

class SosOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

class SosAnswerDto {
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty() answeredAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) answeredById: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredByName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
}

class SosResolutionDto {
  @ApiProperty() at: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) by: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

class SosClosingDto {
  @ApiProperty() at: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) by: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

class StaffDecisionRecordDto {
  @ApiProperty({ enum: STAFF_DECISIONS }) decision: string;
  @ApiProperty({ type: 'integer' }) approvedCount: number;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty() decidedAt: Date;
}

class StaffRequestDto {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty() grade: string;
  @ApiProperty({ type: 'integer', nullable: true }) months: number | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) untilDate: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ type: StaffDecisionRecordDto, nullable: true })
  decision: StaffDecisionRecordDto | null;
}

export class SosDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) collaborationId: string;
  @ApiProperty({ type: SosFiledByDto }) filedBy: SosFiledByDto;
  @ApiProperty() blocked: string;
  @ApiProperty({ type: SosOrganisationDto, nullable: true })
  blockingOrganisation: SosOrganisationDto | null;
  @ApiProperty({ enum: SOS_NEED_KINDS }) needKind: string;
  @ApiProperty() details: string;
  @ApiProperty({ enum: SOS_STATUSES }) status: string;
  @ApiProperty() filedAt: Date;
  @ApiProperty({ format: 'date' }) filedOn: string;
  @ApiProperty({ type: 'integer' }) answerBusinessDays: number;
  @ApiProperty({ format: 'date', description: 'The answer deadline (business days after filing)' })
  dueDate: string;
  @ApiProperty({ description: 'Awaiting its answer after the due date' }) overdue: boolean;
  @ApiProperty({ type: 'integer', description: 'Calendar days since filing' }) ageDays: number;
  @ApiProperty({ type: SosAnswerDto, nullable: true }) answer: SosAnswerDto | null;
  @ApiProperty({ type: SosResolutionDto, nullable: true }) resolution: SosResolutionDto | null;
  @ApiProperty({ type: SosClosingDto, nullable: true }) closing: SosClosingDto | null;
  @ApiProperty({ type: 'integer' }) reopenedCount: number;
  @ApiProperty({ nullable: true, type: Date, description: 'First escalation when overdue' })
  escalatedAt: Date | null;
  @ApiProperty({ type: StaffRequestDto, nullable: true }) staffRequest: StaffRequestDto | null;
  @ApiProperty({ enum: SOS_ACTIONS, isArray: true }) allowedActions: string[];
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() updatedAt: Date;
}
