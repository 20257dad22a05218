import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { REPORTING_CADENCES, type ReportingCadence } from '@gwaje/calendar';
import {
  ALL_REPORT_ACTIONS,
  ALL_REPORT_ALLOWED_ACTIONS,
  ALL_REPORT_STATES,
  REPORT_SORTS,
  type ReportAction,
  type ReportSort,
  type ReportState,
} from '@gwaje/reports';
import {
  DATE,
  DATE_MESSAGE,
  PERIOD,
  PERIOD_MESSAGE,
  RealDate,
  toBool,
  toList,
  trim,
} from '../http/dto-helpers.js';
import { Optional } from '../http/validation.js';
import { VersionedDto } from '../identity/identity.dto.js';
import { FieldLabels } from '../http/field-labels.js';

const TEXT_MAX = 10_000;
const ALLOWED = ALL_REPORT_ALLOWED_ACTIONS;

// ── Calendar ───────────────────────────────────────────────────────────────────────────────────

export class YearParam {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

@FieldLabels({ cadence: '보고 주기', dueBusinessDays: '제출 기한(근무일 수)' })
export class SetReportingCalendarDto {
  @ApiProperty({ enum: REPORTING_CADENCES, example: 'QUARTERLY' })
  @IsIn(REPORTING_CADENCES)
  cadence: ReportingCadence;

  @ApiProperty({
    example: 5,
    minimum: 1,
    maximum: 30,
    description: 'Due on the N-th business day after the period ends',
  })
  @IsInt()
  @Min(1)
  @Max(30)
  dueBusinessDays: number;

  @ApiPropertyOptional({
    description: 'The version you read, when the year already had a calendar',
    example: 1,
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

export class ReportingPeriodDto {
  @ApiProperty({ example: '2026-Q3' }) period: string;
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty({ enum: REPORTING_CADENCES }) cadence: string;
  @ApiProperty({ example: '2026-07-01' }) start: string;
  @ApiProperty({ example: '2026-09-30' }) end: string;
  @ApiProperty({
    example: '2026-10-08',
    nullable: true,
    type: String,
    description: 'Null while the holidays of the year it falls in are not known yet',
  })
  dueDate: string | null;
}

export class ReportingCalendarDto {
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty({ enum: REPORTING_CADENCES }) cadence: string;
  @ApiProperty({ type: 'integer', example: 5 }) dueBusinessDays: number;
  @ApiProperty({
    enum: ['SET', 'DEFAULT'],
    description: "SET: the year's own calendar; DEFAULT: the organisation's settings apply",
  })
  source: string;
  @ApiProperty({ nullable: true, type: 'integer' }) version: number | null;
  @ApiProperty({ type: [ReportingPeriodDto] }) periods: ReportingPeriodDto[];
}

export class GenerateReportsDto {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class GenerateResultDto {
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty({
    type: 'integer',
    example: 12,
    description: 'Expected reports created now (0 when all existed)',
  })
  created: number;
}

// ── Reports ────────────────────────────────────────────────────────────────────────────────────

export class OpenReportDto {
  @ApiProperty({ format: 'uuid', example: '9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a' })
  @IsUUID()
  taskId: string;

  @ApiProperty({ example: '2026-Q3', description: 'A period of the year’s reporting calendar' })
  @Matches(PERIOD, PERIOD_MESSAGE)
  period: string;
}

@FieldLabels({ milestoneId: '단계', planned: '계획', actual: '실적' })
export class MilestoneResultDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A milestone of the report’s task',
    example: '2c7e9b1d-4f3a-4e8b-a6d5-3f2e1d0c9b8a',
  })
  @IsUUID()
  milestoneId: string;

  @ApiProperty({ maxLength: 2000, example: '9월 실시설계 완료' })
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  planned: string;

  @ApiProperty({ maxLength: 2000, example: '9월 20일 완료' })
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  actual: string;
}

@FieldLabels({
  progress: '진척도',
  achievements: '추진실적',
  milestoneResults: '단계별 실적',
  issuesAndRisks: '문제점 및 위험요인',
  nextSteps: '향후 계획',
  supportNeeded: '지원 필요사항',
  consultationId: '관련 사전컨설팅',
})
export class UpdateReportDto extends VersionedDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true, type: Number, example: 60 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number | null;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: '추진실적',
    example:
      '3분기 중 4개교 통학로 보도 설치 공사를 마쳤고, 불법 주정차 단속 카메라 6대를 설치했습니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  achievements?: string;

  @ApiPropertyOptional({
    type: [MilestoneResultDto],
    description: '단계별 계획 대비 실적',
    example: [
      {
        milestoneId: '2c7e9b1d-4f3a-4e8b-a6d5-3f2e1d0c9b8a',
        planned: '9월 실시설계 완료',
        actual: '9월 20일 완료',
      },
    ],
  })
  @Optional()
  @ValidateNested({ each: true })
  @Type(() => MilestoneResultDto)
  @ArrayMaxSize(100)
  milestoneResults?: MilestoneResultDto[];

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: '문제점 및 위험요인',
    example: '일부 구간은 사유지 편입 협의가 지연되어 공사 착수가 늦어질 수 있습니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  issuesAndRisks?: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: '향후 계획',
    example: '4분기에 나머지 8개교 구간을 착공하고 12월 중 준공검사를 실시합니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  nextSteps?: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: '지원 필요사항',
    example: '사유지 편입에 따른 보상 기준에 대해 감사담당관 사전컨설팅을 요청했습니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  supportNeeded?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The pre-consultation (사전컨설팅) the support request refers to',
    example: '6a1f3e5d-7c9b-4a2e-8d0f-1e2d3c4b5a69',
  })
  @IsOptional()
  @IsUUID()
  consultationId?: string | null;
}

export class ReportTransitionDto {
  @ApiProperty({ enum: ALL_REPORT_ACTIONS, example: 'return' })
  @IsIn(ALL_REPORT_ACTIONS)
  action: ReportAction;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Review comment; required to return',
    example: '단계별 실적에 실시설계 완료 증빙이 없습니다. 준공 사진 또는 설계서를 첨부해 주세요.',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiProperty({
    description: 'The version you read (required); a stale one is a 409',
    example: 4,
  })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

@FieldLabels({ note: '요청 내용' })
export class RequestApprovalDto {
  @ApiPropertyOptional({
    maxLength: 500,
    description: 'A note to the head (shown in their notification and on the report)',
    example: '3분기 실적 작성을 마쳤습니다. 검토 후 제출 부탁드립니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 4 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

@FieldLabels({ reason: '철회 사유' })
export class WithdrawApprovalRequestDto {
  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Why (recorded in the history), e.g. a head declining to submit as it stands',
    example: '추진실적에 3분기 예산 집행 내역을 보완해 주세요.',
  })
  @Optional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 5 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

@FieldLabels({
  late: '지연 제출 여부',
  missing: '미제출 여부',
  approvalRequested: '결재 요청 여부',
})
export class ReportListQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '2026-Q3' })
  @IsOptional()
  @Matches(PERIOD, PERIOD_MESSAGE)
  period?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The task’s lead department',
    example: 'a5d8e2f1-6b3c-4e7a-9d0f-8c1b2a3e4d5f',
  })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({
    enum: ALL_REPORT_STATES,
    isArray: true,
    description: 'Comma-separated',
    example: ['SUBMITTED'],
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(ALL_REPORT_STATES, { each: true })
  @ArrayMaxSize(ALL_REPORT_STATES.length)
  status?: ReportState[];

  @ApiPropertyOptional({ description: 'First submitted after the due date', example: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  late?: boolean;

  @ApiPropertyOptional({ description: 'Never submitted and past the due date', example: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  missing?: boolean;

  @ApiPropertyOptional({ format: 'uuid', example: '9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a' })
  @IsOptional()
  @IsUUID()
  taskId?: string;

  @ApiPropertyOptional({
    description: 'With a pending 결재 요청 (staff asked the head to submit) or without one',
    example: true,
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  approvalRequested?: boolean;

  @ApiPropertyOptional({ enum: REPORT_SORTS, default: 'dueDate', example: 'submittedAt' })
  @IsOptional()
  @IsIn(REPORT_SORTS)
  sort: ReportSort = 'dueDate';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', example: 'desc' })
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

export class ApprovalRequestDto {
  @ApiProperty({ type: () => PersonRefDto, nullable: true, description: 'Null once deleted' })
  requestedBy: PersonRefDto | null;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class ReportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '2026-03' }) taskCode: string;
  @ApiProperty() taskTitle: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ example: '복지정책과' }) departmentName: string;
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty({ example: '2026-Q3' }) period: string;
  @ApiProperty({ example: '2026-07-01' }) periodStart: string;
  @ApiProperty({ example: '2026-09-30' }) periodEnd: string;
  @ApiProperty({ example: '2026-10-08' }) dueDate: string;
  @ApiProperty({ enum: ALL_REPORT_STATES }) status: string;
  @ApiProperty({
    enum: ['PENDING', 'MISSING', 'ON_TIME', 'LATE'],
    description: 'Judged on the first submission, in Asia/Seoul',
  })
  timeliness: string;
  @ApiProperty({
    type: 'integer',
    description: 'Calendar days the first submission came after the due date',
  })
  daysLate: number;
  @ApiProperty({
    type: 'integer',
    description: 'Calendar days a missing report is past its due date',
  })
  daysOverdue: number;
  @ApiProperty({ nullable: true, type: Number }) progress: number | null;
  @ApiProperty({ type: 'integer' }) resubmissionCount: number;
  @ApiProperty({
    description: 'Entered later than it happened (사후 입력): its dates are the stated days',
  })
  enteredLater: boolean;
  @ApiProperty({ nullable: true, type: Date }) firstSubmittedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) reviewedAt: Date | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: ALLOWED, isArray: true }) allowedActions: string[];
  @ApiProperty({
    type: ApprovalRequestDto,
    nullable: true,
    description: 'A pending 결재 요청: staff asked the lead department’s head to submit it',
  })
  approvalRequest: ApprovalRequestDto | null;
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportSummaryDto] }) items: ReportSummaryDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '추진실적_3분기.hwp' }) fileName: string;
  @ApiProperty({ example: 'application/x-hwp' }) mediaType: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty() uploadedByName: string;
  @ApiProperty() createdAt: Date;
}

export class ReportDetailDto extends ReportSummaryDto {
  @ApiProperty() achievements: string;
  @ApiProperty({ type: [MilestoneResultDto] }) milestoneResults: MilestoneResultDto[];
  @ApiProperty() issuesAndRisks: string;
  @ApiProperty() nextSteps: string;
  @ApiProperty() supportNeeded: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consultationId: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) author: PersonRefDto | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) submitter: PersonRefDto | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) reviewer: PersonRefDto | null;
  @ApiProperty({ nullable: true, type: String }) reviewComment: string | null;
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class UploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'One file (multipart field "file")',
    example: '(the bytes of the file to attach, e.g. 추진실적_증빙자료.pdf)',
  })
  file: unknown;
}

@FieldLabels({ action: '처리', on: '처리일', comment: '검토 의견' })
export class PastReportEventDto {
  @ApiProperty({ enum: ALL_REPORT_ACTIONS, example: 'submit' })
  @IsIn(ALL_REPORT_ACTIONS)
  action: ReportAction;

  @ApiProperty({ example: '2025-07-08', description: 'The day it happened (Asia/Seoul)' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  on: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Review comment; required for a return',
    example: '단계별 실적 증빙을 보완해 주세요.',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@FieldLabels({
  taskId: '과제',
  period: '보고 기간',
  progress: '진척도',
  achievements: '추진실적',
  issuesAndRisks: '문제점 및 위험요인',
  nextSteps: '향후 계획',
  supportNeeded: '지원 필요사항',
  submittedBy: '제출자',
  reviewedBy: '검토자',
  events: '처리 경과',
  lateEntryReason: '사후 입력 사유',
})
export class PastReportDto {
  @ApiProperty({ format: 'uuid', example: '9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a' })
  @IsUUID()
  taskId: string;

  @ApiProperty({
    example: '2025-Q2',
    description: 'A period of the task’s year’s reporting calendar',
  })
  @Matches(PERIOD, PERIOD_MESSAGE)
  period: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true, type: Number, example: 45 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number | null;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    example: '2분기 중 4개교 통학로 보도 설치를 마쳤습니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  achievements?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  issuesAndRisks?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '3분기에 나머지 구간을 착공합니다.' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  nextSteps?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '' })
  @Optional()
  @IsString()
  @MaxLength(TEXT_MAX)
  supportNeeded?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who submitted it then: a user of the lead department',
  })
  @IsOptional()
  @IsUUID()
  submittedBy?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who reviewed it then: an AUDITOR or PROACTIVE_OFFICE member, not the submitter',
  })
  @IsOptional()
  @IsUUID()
  reviewedBy?: string | null;

  @ApiProperty({
    type: [PastReportEventDto],
    minItems: 1,
    maxItems: 20,
    description:
      'The steps as they happened, in order: submit, then accept or return (with its comment), submit again after a return, …',
    example: [
      { action: 'submit', on: '2025-07-08' },
      { action: 'return', on: '2025-07-10', comment: '증빙 보완' },
      { action: 'submit', on: '2025-07-15' },
      { action: 'accept', on: '2025-07-16' },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PastReportEventDto)
  events: PastReportEventDto[];

  @ApiProperty({
    maxLength: 2000,
    description: 'Why the report is entered later than it happened (사후 입력 사유)',
    example: 'Gwaje 도입 전 2025년 실적을 종이 대장에서 옮겨 적음',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  lateEntryReason: string;
}

export class ReportExportQuery extends OmitType(ReportListQuery, ['limit', 'offset'] as const) {
  @ApiProperty({ enum: ['xlsx', 'csv'], example: 'xlsx' })
  @IsIn(['xlsx', 'csv'])
  format: 'xlsx' | 'csv';
}
