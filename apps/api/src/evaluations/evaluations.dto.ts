import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  ALL_INCENTIVE_STATUSES,
  ALL_INCENTIVE_TYPES,
  ALL_NOMINATION_SOURCES,
  ALL_NOMINATION_TYPES,
  ALL_ROUND_KINDS,
  EVALUATION_EXPORT_FORMATS,
  EVALUATION_EXPORT_SHEETS,
  EXCLUSION_REASONS,
  type EvaluationExportFormat,
  type EvaluationExportSheet,
  type ExclusionReason,
  type IncentiveStatus,
  type IncentiveType,
  type NominationSource,
  type NominationType,
  type RoundKind,
} from '@gwaje/evaluations';
import type { Criterion, GradeBand } from '@gwaje/common';
import { DATE, DATE_MESSAGE, RealDate, trim } from '../http/dto-helpers.js';
import { Optional } from '../http/validation.js';
import { FieldLabels } from '../http/field-labels.js';

@FieldLabels({
  kind: '평가 종류',
  title: '평가명',
  nominationsOpen: '후보 추천 시작일',
  nominationsClose: '후보 추천 마감일',
  scoringDue: '채점 마감일',
  resolutionDate: '위원회 의결일',
})
export class CreateRoundDto {
  @ApiProperty({ enum: ALL_ROUND_KINDS }) @IsIn(ALL_ROUND_KINDS) kind: RoundKind;

  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;

  @ApiProperty({ example: '2026년 적극행정 우수공무원 선발', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '2026-11-01' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  nominationsOpen: string;
  @ApiProperty({ example: '2026-11-20' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  nominationsClose: string;
  @ApiProperty({ example: '2026-12-05' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  scoringDue: string;
  @ApiProperty({ example: '2026-12-12' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  resolutionDate: string;
}

@FieldLabels({
  criteria: '평가 기준',
  grades: '등급표',
  trimMinMembers: '최고·최저점 제외 위원 수',
  incentivesMin: '1인당 최소 우대조치 수',
  incentivesMax: '1인당 최대 우대조치 수',
  incentivesMaxTaskOwner: '과제 주담당자 최대 우대조치 수',
})
export class UpdateRulesDto {
  @ApiProperty({ description: 'The version you read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    description: 'Criteria [{key, label, weight}], weights total 100',
    type: 'array',
    items: { type: 'object' },
  })
  @Optional()
  @IsArray()
  criteria?: Criterion[];

  @ApiPropertyOptional({
    description: 'Grade bands [{grade, label, count, bonusPoints, prizeKrw}]',
    type: 'array',
    items: { type: 'object' },
  })
  @Optional()
  @IsArray()
  grades?: GradeBand[];

  @ApiPropertyOptional({ minimum: 3, maximum: 50 })
  @Optional()
  @IsInt()
  @Min(3)
  @Max(50)
  trimMinMembers?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 8 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(8)
  incentivesMin?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 8 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(8)
  incentivesMax?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 8 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(8)
  incentivesMaxTaskOwner?: number;
}

@FieldLabels({ memberIds: '평가위원' })
export class SetMembersDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'COMMITTEE users of the organisation',
  })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  memberIds: string[];
}

@FieldLabels({
  meetingDate: '회의일',
  presentMemberIds: '출석 위원',
  votesFor: '찬성 수',
  votesAgainst: '반대 수',
})
export class ResolutionDto {
  @ApiProperty({ example: '2026-12-12' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  meetingDate: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  presentMemberIds: string[];

  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(50) votesFor: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(50) votesAgainst: number;
}

@FieldLabels({
  type: '후보 유형',
  source: '추천 경로',
  title: '공적 제목',
  nomineeUserIds: '대상 공무원',
  nomineeDepartmentIds: '대상 부서',
  taskIds: '연결 과제',
  narrative: '공적 내용',
})
export class NominateDto {
  @ApiProperty({ enum: ALL_NOMINATION_TYPES }) @IsIn(ALL_NOMINATION_TYPES) type: NominationType;
  @ApiProperty({
    enum: ALL_NOMINATION_SOURCES,
    description: 'DEPARTMENT: DEPT_HEAD; SELF: the applicant; CITIZEN: PROACTIVE_OFFICE',
  })
  @IsIn(ALL_NOMINATION_SOURCES)
  source: NominationSource;

  @ApiProperty({ example: '통학로 안전 개선으로 어린이 교통사고 0건 달성', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Optional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(20)
  nomineeUserIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Optional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(10)
  nomineeDepartmentIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Priority tasks it is about',
  })
  @Optional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(10)
  taskIds?: string[];

  @ApiPropertyOptional({ maxLength: 10000, description: '공적 내용' })
  @Optional()
  @IsString()
  @MaxLength(10_000)
  narrative?: string;
}

@FieldLabels({ decision: '결정', reason: '제외 사유' })
export class DecideNominationDto {
  @ApiProperty({ enum: ['verify', 'exclude'] }) @IsIn(['verify', 'exclude']) decision:
    'verify' | 'exclude';

  @ApiPropertyOptional({
    enum: EXCLUSION_REASONS,
    description: 'Required to exclude; never TARGET_NOT_MET for a FAILURE_CASE',
  })
  @Optional()
  @IsIn(EXCLUSION_REASONS)
  reason?: ExclusionReason;

  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional() @Optional() @IsInt() @Min(1) @Max(2_147_483_647) version?: number;
}

@FieldLabels({ reason: '이해충돌 사유' })
export class ConflictDto {
  @ApiProperty({ maxLength: 2000, example: '후보자와 같은 부서에서 근무함' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@FieldLabels({ scores: '점수' })
export class ScoreDto {
  @ApiProperty({
    example: { citizenImpact: 35, proactiveness: 18, creativity: 17, difficulty: 8, spread: 9 },
    description: 'One score per criterion key, 0..weight',
  })
  @IsObject()
  scores: Record<string, unknown>;
}

@FieldLabels({ preferred: '희망 우대조치' })
export class PreferenceDto {
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES, isArray: true })
  @IsIn(ALL_INCENTIVE_TYPES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  preferred: IncentiveType[];

  @ApiPropertyOptional({ maxLength: 2000 }) @Optional() @IsString() @MaxLength(2000) note?: string;
}

@FieldLabels({ nominationId: '후보', userId: '대상 공무원', incentiveType: '우대조치 종류' })
export class GrantDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() nominationId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES })
  @IsIn(ALL_INCENTIVE_TYPES)
  incentiveType: IncentiveType;
  @ApiPropertyOptional({ maxLength: 500 }) @Optional() @IsString() @MaxLength(500) detail?: string;
}

@FieldLabels({ status: '집행 상태', hrNote: '인사 담당 메모' })
export class UpdateGrantDto {
  @ApiProperty({ enum: ['EXECUTED', 'CANCELLED'] })
  @IsIn(['EXECUTED', 'CANCELLED'])
  status: IncentiveStatus;
  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  hrNote?: string;
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class RoundListQuery {
  @ApiPropertyOptional({ example: 2026 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

@FieldLabels({ type: '후보 유형' })
export class NominationListQuery {
  @ApiPropertyOptional({ enum: ALL_NOMINATION_TYPES })
  @Optional()
  @IsIn(ALL_NOMINATION_TYPES)
  type?: NominationType;
}

@FieldLabels({ sheet: '시트', reason: '내보내기 사유' })
export class EvaluationExportQuery {
  @ApiProperty({ enum: EVALUATION_EXPORT_FORMATS })
  @IsIn(EVALUATION_EXPORT_FORMATS)
  format: EvaluationExportFormat;

  @ApiPropertyOptional({
    enum: EVALUATION_EXPORT_SHEETS,
    description: 'XLSX: all three when omitted; CSV: results when omitted',
  })
  @Optional()
  @IsIn(EVALUATION_EXPORT_SHEETS)
  sheet?: EvaluationExportSheet;

  @ApiProperty({
    description: 'Why personnel data is exported (stored in the access log)',
    maxLength: 500,
  })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

// ── Responses ──────────────────────────────────────────────────────────────────────────────────

class CriterionDto {
  @ApiProperty({ example: 'citizenImpact' }) key: string;
  @ApiProperty({ example: '국민체감도' }) label: string;
  @ApiProperty({ example: 40 }) weight: number;
}

class GradeBandDto {
  @ApiProperty({ example: 'TOP' }) grade: string;
  @ApiProperty({ example: '최우수' }) label: string;
  @ApiProperty({ nullable: true, type: Number, example: 1 }) count: number | null;
  @ApiProperty({ example: 0.5 }) bonusPoints: number;
  @ApiProperty({ example: 1000000 }) prizeKrw: number;
}

class ResolutionViewDto {
  @ApiProperty() meetingDate: string;
  @ApiProperty({ type: [String] }) presentMemberIds: string[];
  @ApiProperty() votesFor: number;
  @ApiProperty() votesAgainst: number;
}

export class RoundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: ALL_ROUND_KINDS }) kind: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty() nominationsOpen: string;
  @ApiProperty() nominationsClose: string;
  @ApiProperty() scoringDue: string;
  @ApiProperty() resolutionDate: string;
  @ApiProperty({ type: [CriterionDto] }) criteria: CriterionDto[];
  @ApiProperty({ type: [GradeBandDto] }) grades: GradeBandDto[];
  @ApiProperty() trimMinMembers: number;
  @ApiProperty() incentivesMin: number;
  @ApiProperty() incentivesMax: number;
  @ApiProperty() incentivesMaxTaskOwner: number;
  @ApiProperty({ enum: ['NOMINATING', 'SCORING', 'CONFIRMED'] }) status: string;
  @ApiProperty({ type: [String] }) memberIds: string[];
  @ApiProperty() isMember: boolean;
  @ApiProperty({ type: ResolutionViewDto, nullable: true }) resolution: ResolutionViewDto | null;
  @ApiProperty() version: number;
}

class NomineeDto {
  @ApiProperty({ enum: ['USER', 'DEPARTMENT'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class ResultsDto {
  @ApiProperty({ nullable: true, type: Number }) finalScore: number | null;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty({ nullable: true, type: String }) gradeLabel: string | null;
}

class SheetDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ type: Object }) scores: Record<string, number>;
  @ApiProperty() total: number;
  @ApiProperty() submittedAt: Date;
}

export class NominationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ enum: ALL_NOMINATION_TYPES }) type: string;
  @ApiProperty({ enum: ALL_NOMINATION_SOURCES }) source: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [NomineeDto] }) nominees: NomineeDto[];
  @ApiProperty({ type: [String] }) taskIds: string[];
  @ApiProperty() narrative: string;
  @ApiProperty({ format: 'uuid' }) nominatedBy: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ enum: ['SUBMITTED', 'VERIFIED', 'EXCLUDED', 'SCORED', 'GRADED', 'CONFIRMED'] })
  state: string;
  @ApiProperty({ nullable: true, type: String }) exclusionReason: string | null;
  @ApiProperty() submittedAt: Date;
  @ApiProperty({
    type: ResultsDto,
    nullable: true,
    description: 'Hidden from nominees until the round is confirmed',
  })
  results: ResultsDto | null;
  @ApiProperty({
    type: [SheetDto],
    nullable: true,
    description: 'The office, auditors and members without a conflict',
  })
  sheets: SheetDto[] | null;
  @ApiProperty() myConflict: boolean;
  @ApiProperty() myScored: boolean;
  @ApiProperty() version: number;
}

class MemberProgressDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() name: string;
  @ApiProperty() owed: number;
  @ApiProperty() scored: number;
  @ApiProperty() conflicts: number;
}

export class ProgressDto {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() status: string;
  @ApiProperty() sheetsOwed: number;
  @ApiProperty() sheetsScored: number;
  @ApiProperty({ description: 'Percent of sheets given' }) completion: number;
  @ApiProperty({ type: [MemberProgressDto] }) members: MemberProgressDto[];
}

export class IncentiveDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) nominationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() userName: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES }) incentiveType: string;
  @ApiProperty({ nullable: true, type: String }) detail: string | null;
  @ApiProperty({ enum: ALL_INCENTIVE_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) hrNote: string | null;
  @ApiProperty() version: number;
  @ApiProperty() grantedAt: Date;
}

class SelectedOfficialDto {
  @ApiProperty({ format: 'uuid' }) nominationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() grade: string;
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES, isArray: true }) preferred: string[];
  @ApiProperty() granted: number;
  @ApiProperty() belowMinimum: boolean;
}

export class IncentivesDto {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() min: number;
  @ApiProperty() max: number;
  @ApiProperty() maxTaskOwner: number;
  @ApiProperty({ type: [SelectedOfficialDto] }) officials: SelectedOfficialDto[];
  @ApiProperty({ type: [IncentiveDto] }) grants: IncentiveDto[];
}

export class PreferenceResultDto {
  @ApiProperty({ format: 'uuid' }) nominationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES, isArray: true }) preferred: string[];
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class AggregateResultDto {
  @ApiProperty({ description: 'Nominations ranked and graded' }) graded: number;
}
