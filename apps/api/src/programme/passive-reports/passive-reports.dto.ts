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
  PASSIVE_REPORT_ACTIONS,
  PASSIVE_REPORT_CHANNELS,
  PASSIVE_REPORT_OUTCOMES,
  PASSIVE_REPORT_STATUSES,
  type PassiveReportChannel,
  type PassiveReportOutcome,
  type PassiveReportStatus,
} from '@gwaje/programme';
import { DATE, DATE_MESSAGE, FieldLabels, Optional, RealDate, toList, trim } from '../http.js';

const TEXT_MAX = 10_000;
const VERSION = { description: 'The version you read; a stale one is a 409', example: 1 };

@FieldLabels({ name: '신고인 성명', contact: '신고인 연락처' })
export class PassiveReporterInputDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: '홍길동' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ maxLength: 200, example: '010-1234-5678' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  contact?: string;
}

@FieldLabels({
  receiptNumber: '접수번호',
  receivedOn: '접수일',
  channel: '접수 경로',
  anonymous: '익명 여부',
  reporter: '신고인',
  content: '신고 내용',
  departmentId: '신고 대상 부서',
  officialIds: '관련 공무원',
})
export class ReceivePassiveReportDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 50,
    example: '2026-소극-0012',
    description: 'Unique in the organisation',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  receiptNumber: string;

  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'Not in the future' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  receivedOn: string;

  @ApiProperty({
    enum: PASSIVE_REPORT_CHANNELS,
    example: 'SINMUNGO',
    description: 'SINMUNGO (국민신문고 소극행정 신고센터), INTERNAL (내부 신고), OTHER (기타)',
  })
  @IsIn(PASSIVE_REPORT_CHANNELS)
  channel: PassiveReportChannel;

  @ApiProperty({
    example: false,
    description: 'true: anonymous (no reporter); false: the reporter’s name is required',
  })
  @IsBoolean()
  anonymous: boolean;

  @ApiPropertyOptional({
    type: PassiveReporterInputDto,
    example: { name: '홍길동', contact: '010-1234-5678' },
    description:
      'The reporter (confidential: read back only by the audit unit); none when anonymous',
  })
  @Optional()
  @ValidateNested()
  @Type(() => PassiveReporterInputDto)
  reporter?: PassiveReporterInputDto;

  @ApiProperty({
    minLength: 1,
    maxLength: TEXT_MAX,
    example: '변경 신청 접수를 세 차례 미루고 다른 부서로만 안내함',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  content: string;

  @ApiProperty({
    format: 'uuid',
    example: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    description: 'The department concerned (of your organisation)',
  })
  @IsUUID('all')
  departmentId: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'],
    description: 'The officials concerned: users of the department concerned (confidential)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  officialIds?: string[];
}

@FieldLabels({
  version: '버전',
  content: '신고 내용',
  departmentId: '신고 대상 부서',
  officialIds: '관련 공무원',
})
export class UpdatePassiveReportDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: TEXT_MAX,
    example: '변경 신청 접수를 세 차례 미루고 다른 부서로만 안내함(추가 진술 포함)',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  content?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    description: 'The department concerned (of your organisation)',
  })
  @Optional()
  @IsUUID('all')
  departmentId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'],
    description:
      'Replaces the officials concerned (users of the department concerned); left out: kept',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  officialIds?: string[];
}

@FieldLabels({ version: '버전', investigatorId: '조사자' })
export class AssignPassiveReportDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({
    format: 'uuid',
    example: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    description: 'An AUDITOR of your organisation',
  })
  @IsUUID('all')
  investigatorId: string;
}

@FieldLabels({ version: '버전', businessDays: '연장 기간(근무일)', reason: '연장 사유' })
export class ExtendPassiveReportDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 60,
    example: 10,
    description:
      'Business days after the current deadline; at most passiveReports.maxExtensionBusinessDays',
  })
  @IsInt()
  @Min(1)
  @Max(60)
  businessDays: number;

  @ApiProperty({ minLength: 1, maxLength: 2000, example: '관련 부서 자료 제출 지연' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@FieldLabels({
  version: '버전',
  outcome: '조사 결과',
  findings: '조사 내용',
  concludedOn: '종결일',
})
export class ConcludePassiveReportDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({
    enum: PASSIVE_REPORT_OUTCOMES,
    example: 'CAUTION',
    description:
      'NO_ACTION (조치 없음), NOT_PASSIVE (소극행정 아님), CAUTION (주의), WARNING (경고), DISCIPLINE_REQUESTED (징계 요구), TRANSFERRED (이첩)',
  })
  @IsIn(PASSIVE_REPORT_OUTCOMES)
  outcome: PassiveReportOutcome;

  @ApiProperty({
    minLength: 1,
    maxLength: TEXT_MAX,
    example: '접수 지연이 확인되어 담당자에게 주의 처분함',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  findings: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-04',
    description: 'Default today; not before the receipt nor in the future',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  concludedOn?: string;
}

@FieldLabels({ version: '버전', reason: '종료 사유' })
export class ClosePassiveReportDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ minLength: 1, maxLength: 2000, example: '신고인이 신고를 취하함' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class PassiveReportListQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Year of receipt' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    enum: PASSIVE_REPORT_STATUSES,
    isArray: true,
    description: 'One or more statuses, comma-separated',
  })
  @Optional()
  @Transform(toList)
  @IsIn(PASSIVE_REPORT_STATUSES, { each: true })
  @ArrayMaxSize(PASSIVE_REPORT_STATUSES.length)
  status?: PassiveReportStatus[];
}

export class PassiveReportStatisticsQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

class PassiveReporterDto {
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) contact: string | null;
}

class PassiveReportNamedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class PassiveReportExtensionDto {
  @ApiProperty({ type: 'integer', nullable: true }) businessDays: number | null;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: Date }) at: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) by: string | null;
}

class PassiveReportInvestigatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: Date }) since: Date | null;
}

class PassiveReportConclusionDto {
  @ApiProperty({ enum: PASSIVE_REPORT_OUTCOMES }) outcome: string;
  @ApiProperty() findings: string;
  @ApiProperty({ format: 'date' }) concludedOn: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Calendar days from receipt' })
  daysTaken: number | null;
}

class PassiveReportClosingDto {
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class PassiveReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ['AUDIT', 'OFFICE', 'DEPARTMENT'],
    description:
      'Which view: the audit unit (all), the proactive office (no reporter, no officials), the department concerned (after conclusion; no reporter, anonymity, channel, officials or investigator)',
  })
  visibility: string;
  @ApiProperty() receiptNumber: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ enum: PASSIVE_REPORT_CHANNELS, nullable: true }) channel: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) anonymous: boolean | null;
  @ApiProperty({
    type: PassiveReporterDto,
    nullable: true,
    description: 'The audit unit’s detail only (the read is access-logged)',
  })
  reporter: PassiveReporterDto | null;
  @ApiProperty() content: string;
  @ApiProperty({ type: PassiveReportNamedDto }) department: PassiveReportNamedDto;
  @ApiProperty({
    type: [PassiveReportNamedDto],
    nullable: true,
    description: 'The officials concerned: the audit unit’s detail only',
  })
  officials: PassiveReportNamedDto[] | null;
  @ApiProperty({ enum: PASSIVE_REPORT_STATUSES }) status: string;
  @ApiProperty({ type: 'integer' }) investigationBusinessDays: number;
  @ApiProperty({ format: 'date', description: 'The deadline before any extension' })
  dueDate: string;
  @ApiProperty({ type: PassiveReportExtensionDto, nullable: true })
  extension: PassiveReportExtensionDto | null;
  @ApiProperty({ format: 'date', description: 'The deadline now (extended, if it was)' })
  effectiveDueDate: string;
  @ApiProperty({ description: 'Open after its deadline' }) overdue: boolean;
  @ApiProperty({ type: PassiveReportInvestigatorDto, nullable: true })
  investigator: PassiveReportInvestigatorDto | null;
  @ApiProperty({ type: PassiveReportConclusionDto, nullable: true })
  conclusion: PassiveReportConclusionDto | null;
  @ApiProperty({ type: PassiveReportClosingDto, nullable: true })
  closing: PassiveReportClosingDto | null;
  @ApiProperty({ enum: PASSIVE_REPORT_ACTIONS, isArray: true }) allowedActions: string[];
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() updatedAt: Date;
}

class PassiveReportOutcomeCountsDto {
  @ApiProperty({ type: 'integer' }) NO_ACTION: number;
  @ApiProperty({ type: 'integer' }) NOT_PASSIVE: number;
  @ApiProperty({ type: 'integer' }) CAUTION: number;
  @ApiProperty({ type: 'integer' }) WARNING: number;
  @ApiProperty({ type: 'integer' }) DISCIPLINE_REQUESTED: number;
  @ApiProperty({ type: 'integer' }) TRANSFERRED: number;
}

export class PassiveReportStatisticsDto {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'integer', description: 'Received in the year' }) received: number;
  @ApiProperty({ type: 'integer' }) anonymous: number;
  @ApiProperty({ type: Number, nullable: true, description: 'anonymous / received (0–1)' })
  anonymousShare: number | null;
  @ApiProperty({ type: 'integer', description: 'Received in the year and still open' })
  open: number;
  @ApiProperty({ type: 'integer', description: 'Of those, past their deadline today' })
  overdue: number;
  @ApiProperty({ type: 'integer', description: 'Received in the year and closed unconcluded' })
  closed: number;
  @ApiProperty({ type: 'integer', description: 'Concluded in the year' }) concluded: number;
  @ApiProperty({ type: 'integer', description: 'Concluded in the year after their deadline' })
  concludedLate: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean calendar days from receipt to conclusion (concluded in the year)',
  })
  averageDays: number | null;
  @ApiProperty({ type: PassiveReportOutcomeCountsDto, description: 'Concluded in the year' })
  byOutcome: PassiveReportOutcomeCountsDto;
}
