import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EXEMPTION_DECISIONS,
  EXEMPTION_KINDS,
  EXEMPTION_STATUSES,
  type ExemptionDecision,
  type ExemptionKind,
  type ExemptionStatus,
} from '@gwaje/programme';
import { DATE, DATE_MESSAGE, FieldLabels, Optional, RealDate, toList, trim } from '../http.js';

const TEXT_MAX = 10_000;
const VERSION = { description: 'The version you read; a stale one is a 409', example: 1 };

@FieldLabels({ met: '충족 여부', note: '검토 메모' })
export class ExemptionChecklistAnswerInputDto {
  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'Met (true) or not (false); null clears the answer',
    example: true,
  })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsBoolean()
  met?: boolean | null;

  @ApiPropertyOptional({ maxLength: 2000, example: '주민 안전을 위한 긴급 보수 공사' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@FieldLabels({
  PUBLIC_INTEREST: '공공의 이익',
  NO_PRIVATE_INTEREST: '사적 이해관계 없음',
  NO_INTENT_OR_GROSS_NEGLIGENCE: '고의·중과실 없음',
  PROCEDURE_AND_PROACTIVE_HANDLING: '절차 준수·적극 처리',
})
export class ExemptionChecklistInputDto {
  @ApiPropertyOptional({
    type: ExemptionChecklistAnswerInputDto,
    description: '공공의 이익을 위한 업무 처리',
  })
  @Optional()
  @ValidateNested()
  @Type(() => ExemptionChecklistAnswerInputDto)
  PUBLIC_INTEREST?: ExemptionChecklistAnswerInputDto;

  @ApiPropertyOptional({
    type: ExemptionChecklistAnswerInputDto,
    description: '사적 이해관계 없음',
  })
  @Optional()
  @ValidateNested()
  @Type(() => ExemptionChecklistAnswerInputDto)
  NO_PRIVATE_INTEREST?: ExemptionChecklistAnswerInputDto;

  @ApiPropertyOptional({ type: ExemptionChecklistAnswerInputDto, description: '고의·중과실 없음' })
  @Optional()
  @ValidateNested()
  @Type(() => ExemptionChecklistAnswerInputDto)
  NO_INTENT_OR_GROSS_NEGLIGENCE?: ExemptionChecklistAnswerInputDto;

  @ApiPropertyOptional({
    type: ExemptionChecklistAnswerInputDto,
    description: '절차 준수 및 대상 업무의 적극 처리',
  })
  @Optional()
  @ValidateNested()
  @Type(() => ExemptionChecklistAnswerInputDto)
  PROCEDURE_AND_PROACTIVE_HANDLING?: ExemptionChecklistAnswerInputDto;
}

const CHECKLIST_EXAMPLE = {
  PUBLIC_INTEREST: { met: true, note: '주민 안전' },
  NO_PRIVATE_INTEREST: { met: true, note: '' },
};

@FieldLabels({
  applicantId: '신청인',
  subjectName: '대상 공무원',
  title: '사건명',
  auditReference: '감사 지적(근거)',
  finding: '지적 내용',
  appliedOn: '신청일',
  checklist: '면책 요건 검토',
})
export class RegisterExemptionDto {
  @ApiProperty({
    enum: EXEMPTION_KINDS,
    description:
      'APPLICATION (an official’s application after an audit finding) or EX_OFFICIO (직권)',
    example: 'APPLICATION',
  })
  @IsIn(EXEMPTION_KINDS)
  kind: ExemptionKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The applicant, an active user of your organisation (required for APPLICATION)',
    example: '5e8d2c1b-9a7f-4b3e-8c6d-4f2a1b0e9d8c',
  })
  @Optional()
  @IsUUID('all')
  applicantId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'The official concerned when not a user (ex officio)',
    example: '홍길동 (전 청소행정과 주무관)',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  subjectName?: string;

  @ApiProperty({ minLength: 1, maxLength: 300, example: '수해 복구 공사 긴급 수의계약' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 300,
    description: 'The audit and its finding this case answers (e.g. the audit report’s item)',
    example: '2026년 종합감사 지적 제3호',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  auditReference: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    example: '계약 절차 일부 생략(입찰 공고 기간 단축)',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  finding?: string;

  @ApiProperty({
    description: 'The application day (ex officio: when taken up); not after today',
    example: '2026-08-03',
  })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  appliedOn: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A pre-consultation of your organisation; its computed 면책 presumption is shown',
    example: '0b3c6f1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f',
  })
  @Optional()
  @IsUUID('all')
  consultationId?: string;

  @ApiPropertyOptional({ type: ExemptionChecklistInputDto, example: CHECKLIST_EXAMPLE })
  @Optional()
  @ValidateNested()
  @Type(() => ExemptionChecklistInputDto)
  checklist?: ExemptionChecklistInputDto;
}

@FieldLabels({
  version: '버전',
  title: '사건명',
  auditReference: '감사 지적(근거)',
  finding: '지적 내용',
  subjectName: '대상 공무원',
  checklist: '면책 요건 검토',
})
export class UpdateExemptionDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 300, example: '수해 복구 공사 긴급 수의계약' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 300, example: '2026년 종합감사 지적 제3호' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  auditReference?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '입찰 공고 기간 단축' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  finding?: string;

  @ApiPropertyOptional({ maxLength: 100, example: '홍길동' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  subjectName?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A pre-consultation of your organisation; null unlinks',
    example: '0b3c6f1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f',
  })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all')
  consultationId?: string | null;

  @ApiPropertyOptional({
    type: ExemptionChecklistInputDto,
    description: 'The conditions to answer; those left out keep their answer',
    example: CHECKLIST_EXAMPLE,
  })
  @Optional()
  @ValidateNested()
  @Type(() => ExemptionChecklistInputDto)
  checklist?: ExemptionChecklistInputDto;
}

@FieldLabels({
  version: '버전',
  decision: '결정',
  reasons: '결정 이유',
  decidedOn: '결정일',
  committeeAgendaItemId: '위원회 안건',
})
export class DecideExemptionDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({
    enum: EXEMPTION_DECISIONS,
    description: 'GRANTED (면책), PARTIALLY_GRANTED (감경), DENIED (불인정)',
    example: 'GRANTED',
  })
  @IsIn(EXEMPTION_DECISIONS)
  decision: ExemptionDecision;

  @ApiProperty({
    maxLength: TEXT_MAX,
    description: 'Required (a blank one is a 400)',
    example: '공익 목적의 긴급 공사로 면책 요건을 모두 충족함',
  })
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  reasons: string;

  @ApiProperty({
    description: 'On or after the application, not after today',
    example: '2026-08-20',
  })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  decidedOn: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The 적극행정위원회 agenda item that advised it (면책 건의), an item of your organisation (kind OTHER: the committee has no 면책 kind)',
    example: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  })
  @Optional()
  @IsUUID('all')
  committeeAgendaItemId?: string;
}

@FieldLabels({ version: '버전', notifiedOn: '통지일', note: '통지 메모' })
export class NotifyExemptionDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    description: 'Default today; on or after the decision',
    example: '2026-08-21',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  notifiedOn?: string;

  @ApiPropertyOptional({ maxLength: 2000, example: '감사담당관-1234(2026.8.21.) 공문 통지' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ExemptionListQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 2000,
    maximum: 2100,
    description: 'Applied in this year',
    example: 2026,
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: EXEMPTION_STATUSES, isArray: true, description: 'Comma-separated' })
  @Optional()
  @Transform(toList)
  @IsIn(EXEMPTION_STATUSES, { each: true })
  @ArrayMaxSize(EXEMPTION_STATUSES.length)
  status?: ExemptionStatus[];

  @ApiPropertyOptional({ enum: EXEMPTION_DECISIONS, isArray: true, description: 'Comma-separated' })
  @Optional()
  @Transform(toList)
  @IsIn(EXEMPTION_DECISIONS, { each: true })
  @ArrayMaxSize(EXEMPTION_DECISIONS.length)
  decision?: ExemptionDecision[];
}

export class QuarterQuery {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, example: 3 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  quarter: 1 | 2 | 3 | 4;
}

@FieldLabels({ year: '연도', quarter: '분기', reference: '제출 문서번호', submittedOn: '제출일' })
export class SubmitQuarterlyReportDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, example: 3 })
  @IsInt()
  @Min(1)
  @Max(4)
  quarter: 1 | 2 | 3 | 4;

  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    description: 'The submission’s reference (문서번호)',
    example: '감사담당관-2345',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;

  @ApiPropertyOptional({
    description: 'Default today; after the quarter, not after today',
    example: '2026-10-08',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  submittedOn?: string;
}

// ── Responses ─────────────────────────────────────────────────────────────────────────────────

class ExemptionPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class ExemptionApplicantDto extends ExemptionPersonDto {
  @ApiProperty({ nullable: true, type: String }) departmentName: string | null;
}

class ExemptionConsultationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() subject: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'As libs/consultations computes it (opinion followed, …)' })
  immunityPresumed: boolean;
}

class ExemptionChecklistAnswerDto {
  @ApiProperty({ type: Boolean, nullable: true }) met: boolean | null;
  @ApiProperty() note: string;
}

class ExemptionChecklistDto {
  @ApiProperty({ type: ExemptionChecklistAnswerDto }) PUBLIC_INTEREST: ExemptionChecklistAnswerDto;
  @ApiProperty({ type: ExemptionChecklistAnswerDto })
  NO_PRIVATE_INTEREST: ExemptionChecklistAnswerDto;
  @ApiProperty({ type: ExemptionChecklistAnswerDto })
  NO_INTENT_OR_GROSS_NEGLIGENCE: ExemptionChecklistAnswerDto;
  @ApiProperty({ type: ExemptionChecklistAnswerDto })
  PROCEDURE_AND_PROACTIVE_HANDLING: ExemptionChecklistAnswerDto;
}

class ExemptionNotificationDto {
  @ApiProperty() notifiedOn: string;
  @ApiProperty({ enum: ['IN_APP_EMAIL', 'DOCUMENT'] }) channel: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ type: ExemptionPersonDto, nullable: true }) notifiedBy: ExemptionPersonDto | null;
}

export class ExemptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: EXEMPTION_KINDS }) kind: string;
  @ApiProperty({ type: ExemptionApplicantDto, nullable: true })
  applicant: ExemptionApplicantDto | null;
  @ApiProperty({ nullable: true, type: String }) subjectName: string | null;
  @ApiProperty() title: string;
  @ApiProperty() auditReference: string;
  @ApiProperty() finding: string;
  @ApiProperty() appliedOn: string;
  @ApiProperty({ type: ExemptionConsultationDto, nullable: true })
  consultation: ExemptionConsultationDto | null;
  @ApiProperty({ type: ExemptionChecklistDto }) checklist: ExemptionChecklistDto;
  @ApiProperty({ enum: EXEMPTION_STATUSES }) status: string;
  @ApiProperty({ enum: EXEMPTION_DECISIONS, nullable: true }) decision: string | null;
  @ApiProperty({ nullable: true, type: String }) reasons: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedOn: string | null;
  @ApiProperty({ type: ExemptionPersonDto, nullable: true }) decidedBy: ExemptionPersonDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) committeeAgendaItemId:
    string | null;
  @ApiProperty({ type: ExemptionNotificationDto, nullable: true })
  notification: ExemptionNotificationDto | null;
  @ApiProperty({ type: ExemptionPersonDto }) registeredBy: ExemptionPersonDto;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ enum: ['update', 'decide', 'notify'], isArray: true }) allowedActions: string[];
}

class ExemptionReportFiguresDto {
  @ApiProperty({ type: 'integer' }) decided: number;
  @ApiProperty({ type: 'integer' }) granted: number;
  @ApiProperty({ type: 'integer' }) partiallyGranted: number;
  @ApiProperty({ type: 'integer' }) denied: number;
  @ApiProperty({
    type: 'integer',
    description: 'Linked to a consultation with the 면책 presumption',
  })
  presumedFromConsultation: number;
}

class ExemptionReportRowDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: EXEMPTION_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String }) officialName: string | null;
  @ApiProperty({ nullable: true, type: String }) departmentName: string | null;
  @ApiProperty() title: string;
  @ApiProperty() auditReference: string;
  @ApiProperty() appliedOn: string;
  @ApiProperty({ enum: EXEMPTION_DECISIONS }) decision: string;
  @ApiProperty() decidedOn: string;
  @ApiProperty() reasons: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consultationId: string | null;
  @ApiProperty() immunityPresumed: boolean;
}

class ExemptionReportSubmitterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

class ExemptionReportSubmissionDto {
  @ApiProperty() submittedOn: string;
  @ApiProperty() submittedAt: Date;
  @ApiProperty({ type: ExemptionReportSubmitterDto }) submittedBy: ExemptionReportSubmitterDto;
  @ApiProperty() reference: string;
  @ApiProperty({ description: 'Submitted on or before the due date' }) onTime: boolean;
}

export class QuarterlyReportDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'integer' }) quarter: number;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({
    description:
      'The quarter’s end + 10 calendar days; a Saturday, Sunday or holiday moves it to the next business day (민법 제161조)',
  })
  dueDate: string;
  @ApiProperty({ enum: ['NOT_ENDED', 'DUE', 'OVERDUE', 'SUBMITTED'] }) status: string;
  @ApiProperty({ type: ExemptionReportFiguresDto }) figures: ExemptionReportFiguresDto;
  @ApiProperty({ type: [ExemptionReportRowDto] }) rows: ExemptionReportRowDto[];
  @ApiProperty({ type: ExemptionReportSubmissionDto, nullable: true })
  submission: ExemptionReportSubmissionDto | null;
}
