import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  ALL_OPINION_REQUEST_STATUSES,
  type OpinionRequestStatus,
  USER_OPINION_REQUEST_ACTIONS,
} from '@gwaje/opinion-requests';
import { toBool, trim } from '../http/dto-helpers.js';
import { Optional } from '../http/validation.js';
import { FieldLabels } from '../http/field-labels.js';

const TEXT_MAX = 10_000;

@FieldLabels({ taskId: '관련 중점과제', question: '질의 내용', background: '배경·사실관계' })
export class CreateOpinionRequestDto {
  @ApiProperty({ format: 'uuid', description: 'A priority task of your organisation you can read' })
  @IsUUID('all')
  taskId: string;

  @ApiProperty({
    minLength: 1,
    maxLength: TEXT_MAX,
    example: '공유재산 무상사용 허가를 주민 공동체에 1년 단위로 갱신해도 되는지 의견을 구합니다.',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  question: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '주민 공동이용 시설로 운영 중입니다.' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  background?: string;
}

@FieldLabels({ version: '버전', reason: '연장 사유' })
export class ExtendOpinionRequestDto {
  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ minLength: 1, maxLength: 2000, example: '관계 부서 의견 조회가 필요함' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@FieldLabels({ version: '버전', answer: '의견' })
export class AnswerOpinionRequestDto {
  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, example: '1년 단위 갱신은 가능합니다.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  answer: string;
}

@FieldLabels({ version: '버전', note: '부의 사유' })
export class ReferOpinionRequestDto {
  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ maxLength: 2000, example: '법령 해석이 엇갈려 위원회 심의가 필요함' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@FieldLabels({ version: '버전', reason: '철회 사유' })
export class WithdrawOpinionRequestDto {
  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ maxLength: 2000, example: '자체 해결' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class OpinionRequestListQuery {
  @ApiPropertyOptional({ enum: ALL_OPINION_REQUEST_STATUSES })
  @Optional()
  @IsIn(ALL_OPINION_REQUEST_STATUSES)
  status?: OpinionRequestStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID('all')
  taskId?: string;

  @ApiPropertyOptional({ description: 'Pending and past the due date (computed now)' })
  @Optional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only the requests you filed' })
  @Optional()
  @Transform(toBool)
  @IsBoolean()
  mine?: boolean;

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

class OpinionTaskRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-07' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) year: number;
}

class OpinionRequesterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
}

class OpinionExtensionDto {
  @ApiProperty({ type: 'integer' }) days: number;
  @ApiProperty() reason: string;
  @ApiProperty() extendedAt: Date;
  @ApiProperty({ format: 'uuid' }) extendedBy: string;
}

class OpinionReferralDto {
  @ApiProperty() referredAt: Date;
  @ApiProperty({ format: 'uuid' }) referredBy: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

class CommitteeOutcomeDto {
  @ApiProperty() passed: boolean;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty({ format: 'date' }) meetingDate: string;
}

class OpinionAnswerDto {
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['AUDIT', 'COMMITTEE'] }) source: string;
  @ApiProperty() answeredAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) answeredBy: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredByName: string | null;
}

class OpinionWithdrawalDto {
  @ApiProperty() withdrawnAt: Date;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class OpinionRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: OpinionTaskRefDto }) task: OpinionTaskRefDto;
  @ApiProperty({ type: OpinionRequesterDto }) requester: OpinionRequesterDto;
  @ApiProperty() question: string;
  @ApiProperty() background: string;
  @ApiProperty({ enum: ALL_OPINION_REQUEST_STATUSES }) status: string;
  @ApiProperty() receivedAt: Date;
  @ApiProperty({ format: 'date', description: 'The day of receipt (Asia/Seoul)' })
  receivedOn: string;
  @ApiProperty({ type: 'integer', description: 'Days allowed at receipt (setting)' })
  answerDays: number;
  @ApiProperty({
    format: 'date',
    description:
      'receivedOn + answerDays (calendar days, 초일 불산입), + the extension once extended',
  })
  dueDate: string;
  @ApiProperty({ description: 'Pending and past the due date (computed when read)' })
  overdue: boolean;
  @ApiProperty({ type: 'integer' }) daysOverdue: number;
  @ApiProperty({ type: OpinionExtensionDto, nullable: true }) extension: OpinionExtensionDto | null;
  @ApiProperty({ type: OpinionReferralDto, nullable: true }) referral: OpinionReferralDto | null;
  @ApiProperty({ type: CommitteeOutcomeDto, nullable: true })
  committeeOutcome: CommitteeOutcomeDto | null;
  @ApiProperty({ type: OpinionAnswerDto, nullable: true }) answer: OpinionAnswerDto | null;
  @ApiProperty({ type: OpinionWithdrawalDto, nullable: true })
  withdrawal: OpinionWithdrawalDto | null;
  @ApiProperty({ enum: USER_OPINION_REQUEST_ACTIONS, isArray: true })
  allowedActions: string[];
  @ApiProperty({ type: 'integer' }) version: number;
}

export class OpinionRequestPageDto {
  @ApiProperty({ type: [OpinionRequestDto] }) items: OpinionRequestDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}
