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
  @ApiProperty({ enum: ALL_ROUND_KINDS, example: 'ANNUAL' }) @IsIn(ALL_ROUND_KINDS) kind: RoundKind;

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
  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 3 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    description: 'Criteria [{key, label, weight}], weights total 100',
    type: 'array',
    items: { type: 'object' },
    example: [
      { key: 'citizenImpact', label: '국민체감도', weight: 40 },
      { key: 'proactiveness', label: '적극성', weight: 20 },
      { key: 'creativity', label: '창의성·전문성', weight: 20 },
      { key: 'difficulty', label: '난이도', weight: 10 },
      { key: 'spread', label: '확산가능성', weight: 10 },
    ],
  })
  @Optional()
  @IsArray()
  criteria?: Criterion[];

  @ApiPropertyOptional({
    description: 'Grade bands [{grade, label, count, bonusPoints, prizeKrw}]',
    type: 'array',
    items: { type: 'object' },
    example: [
      { grade: 'TOP', label: '최우수', count: 1, bonusPoints: 0.5, prizeKrw: 1000000 },
      { grade: 'EXCELLENT', label: '우수', count: 2, bonusPoints: 0.4, prizeKrw: 500000 },
      { grade: 'ENCOURAGEMENT', label: '장려', count: 3, bonusPoints: 0.3, prizeKrw: 300000 },
      { grade: 'EFFORT', label: '노력', count: null, bonusPoints: 0, prizeKrw: 0 },
    ],
  })
  @Optional()
  @IsArray()
  grades?: GradeBand[];

  @ApiPropertyOptional({ minimum: 3, maximum: 50, example: 5 })
  @Optional()
  @IsInt()
  @Min(3)
  @Max(50)
  trimMinMembers?: number;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 8,
    example: 1,
    description: 'At least one incentive per selected official (the statute): 1 or more',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(8)
  incentivesMin?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 8, example: 1 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(8)
  incentivesMax?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 8, example: 2 })
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
    example: [
      '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
      '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
    ],
  })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  memberIds: string[];
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
  @ApiProperty({ enum: ALL_NOMINATION_TYPES, example: 'OFFICIAL' })
  @IsIn(ALL_NOMINATION_TYPES)
  type: NominationType;
  @ApiProperty({
    enum: ALL_NOMINATION_SOURCES,
    description: 'DEPARTMENT: DEPT_HEAD; SELF: the applicant; CITIZEN: PROACTIVE_OFFICE',
    example: 'DEPARTMENT',
  })
  @IsIn(ALL_NOMINATION_SOURCES)
  source: NominationSource;

  @ApiProperty({ example: '통학로 안전 개선으로 어린이 교통사고 0건 달성', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40'],
  })
  @Optional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(20)
  nomineeUserIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['a5d8e2f1-6b3c-4e7a-9d0f-8c1b2a3e4d5f'],
  })
  @Optional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(10)
  nomineeDepartmentIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Priority tasks it is about',
    example: ['9d4e2f7a-1b3c-4d5e-8f6a-0b1c2d3e4f5a'],
  })
  @Optional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(10)
  taskIds?: string[];

  @ApiPropertyOptional({
    maxLength: 10000,
    description: '공적 내용',
    example:
      '관내 초등학교 12개교의 통학로를 학교별로 진단하고 보도 설치와 단속 카메라 설치를 주도하여, 사업 기간 중 어린이 보행 교통사고가 한 건도 발생하지 않았습니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(10_000)
  narrative?: string;
}

@FieldLabels({ decision: '결정', reason: '제외 사유' })
export class DecideNominationDto {
  @ApiProperty({ enum: ['verify', 'exclude'], example: 'exclude' })
  @IsIn(['verify', 'exclude'])
  decision: 'verify' | 'exclude';

  @ApiPropertyOptional({
    enum: EXCLUSION_REASONS,
    description: 'Required to exclude; never TARGET_NOT_MET for a FAILURE_CASE',
    example: 'DUPLICATE',
  })
  @Optional()
  @IsIn(EXCLUSION_REASONS)
  reason?: ExclusionReason;

  @ApiPropertyOptional({
    maxLength: 2000,
    example: '같은 공적으로 기획예산과에서 이미 추천한 후보와 중복됩니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  note?: string;
  @ApiProperty({ description: 'The version you read (required); a stale one is a 409', example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
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
  @ApiProperty({
    enum: ALL_INCENTIVE_TYPES,
    isArray: true,
    example: ['SPECIAL_STEP_INCREASE', 'REWARD_LEAVE'],
  })
  @IsIn(ALL_INCENTIVE_TYPES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  preferred: IncentiveType[];

  @ApiPropertyOptional({
    maxLength: 2000,
    example: '특별승급을 가장 희망하며, 어려우면 포상휴가를 희망합니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@FieldLabels({ nominationId: '후보', userId: '대상 공무원', incentiveType: '우대조치 종류' })
export class GrantDto {
  @ApiProperty({ format: 'uuid', example: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f70' })
  @IsUUID()
  nominationId: string;
  @ApiProperty({ format: 'uuid', example: '7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40' })
  @IsUUID()
  userId: string;
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES, example: 'SPECIAL_STEP_INCREASE' })
  @IsIn(ALL_INCENTIVE_TYPES)
  incentiveType: IncentiveType;
  @ApiPropertyOptional({ maxLength: 500, example: '2027년 1월 1일자 특별승급(1호봉)' })
  @Optional()
  @IsString()
  @MaxLength(500)
  detail?: string;
}

@FieldLabels({ status: '집행 상태', hrNote: '인사 담당 메모' })
export class UpdateGrantDto {
  @ApiProperty({ enum: ['EXECUTED', 'CANCELLED'], example: 'EXECUTED' })
  @IsIn(['EXECUTED', 'CANCELLED'])
  status: IncentiveStatus;
  @ApiPropertyOptional({ maxLength: 2000, example: '인사발령 제2027-15호로 집행 완료' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  hrNote?: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;
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
  @ApiPropertyOptional({ enum: ALL_NOMINATION_TYPES, example: 'FAILURE_CASE' })
  @Optional()
  @IsIn(ALL_NOMINATION_TYPES)
  type?: NominationType;
}

@FieldLabels({ sheet: '시트', reason: '내보내기 사유' })
export class EvaluationExportQuery {
  @ApiProperty({ enum: EVALUATION_EXPORT_FORMATS, example: 'xlsx' })
  @IsIn(EVALUATION_EXPORT_FORMATS)
  format: EvaluationExportFormat;

  @ApiPropertyOptional({
    enum: EVALUATION_EXPORT_SHEETS,
    description: 'XLSX: all three when omitted; CSV: results when omitted',
    example: 'incentives',
  })
  @Optional()
  @IsIn(EVALUATION_EXPORT_SHEETS)
  sheet?: EvaluationExportSheet;

  @ApiProperty({
    description: 'Why personnel data is exported (stored in the access log)',
    maxLength: 500,
    example: '2026년 적극행정 우수공무원 인사상 우대조치 집행을 위한 인사부서 제출',
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
  @ApiProperty({ nullable: true, type: 'integer', example: 1 }) count: number | null;
  @ApiProperty({ example: 0.5 }) bonusPoints: number;
  @ApiProperty({ type: 'integer', example: 1000000 }) prizeKrw: number;
}

class ResolutionViewDto {
  @ApiProperty() meetingDate: string;
  @ApiProperty({ type: [String] }) presentMemberIds: string[];
  @ApiProperty({ type: 'integer' }) votesFor: number;
  @ApiProperty({ type: 'integer' }) votesAgainst: number;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The committee agenda item (EVALUATION_RESULTS) whose PASSED resolution confirmed the results; null only for results recorded before the standing committee resolved them',
  })
  agendaItemId: string | null;
}

export class RoundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: ALL_ROUND_KINDS }) kind: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() title: string;
  @ApiProperty() nominationsOpen: string;
  @ApiProperty() nominationsClose: string;
  @ApiProperty() scoringDue: string;
  @ApiProperty() resolutionDate: string;
  @ApiProperty({ type: [CriterionDto] }) criteria: CriterionDto[];
  @ApiProperty({ type: [GradeBandDto] }) grades: GradeBandDto[];
  @ApiProperty({ type: 'integer' }) trimMinMembers: number;
  @ApiProperty({ type: 'integer' }) incentivesMin: number;
  @ApiProperty({ type: 'integer' }) incentivesMax: number;
  @ApiProperty({ type: 'integer' }) incentivesMaxTaskOwner: number;
  @ApiProperty({ enum: ['NOMINATING', 'SCORING', 'CONFIRMED'] }) status: string;
  @ApiProperty({ type: [String] }) memberIds: string[];
  @ApiProperty() isMember: boolean;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The committee agenda item that approved the criteria (지방 13조②): scoring may start, the rules are frozen',
  })
  criteriaApprovedItemId: string | null;
  @ApiProperty({ type: ResolutionViewDto, nullable: true }) resolution: ResolutionViewDto | null;
  @ApiProperty({ type: 'integer' }) version: number;
}

class NomineeDto {
  @ApiProperty({ enum: ['USER', 'DEPARTMENT'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class ResultsDto {
  @ApiProperty({ nullable: true, type: Number }) finalScore: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) rank: number | null;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty({ nullable: true, type: String }) gradeLabel: string | null;
}

class SheetDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ type: Object }) scores: Record<string, number>;
  @ApiProperty({ description: 'The sum of the weighted scores (may have decimals)' }) total: number;
  @ApiProperty() submittedAt: Date;
}

class DisqualifiedMemberDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ enum: ['NOMINEE', 'TEAM_MEMBER', 'DEPARTMENT', 'NOMINATOR'] }) role: string;
}

export class NominationTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-복지-003' }) code: string;
  @ApiProperty({ example: '돌봄 사각지대 발굴 체계 구축' }) title: string;
}

export class NominationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ enum: ALL_NOMINATION_TYPES }) type: string;
  @ApiProperty({ enum: ALL_NOMINATION_SOURCES }) source: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [NomineeDto] }) nominees: NomineeDto[];
  @ApiProperty({ type: [String] }) taskIds: string[];
  @ApiProperty({
    type: [NominationTaskDto],
    description:
      'The linked tasks by code and title, in the order of taskIds (readers who cannot open a task still see what it is)',
  })
  tasks: NominationTaskDto[];
  @ApiProperty() narrative: string;
  @ApiProperty({ format: 'uuid' }) nominatedBy: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ enum: ['SUBMITTED', 'VERIFIED', 'EXCLUDED', 'SCORED', 'GRADED', 'CONFIRMED'] })
  status: string;
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
  @ApiProperty({
    enum: ['NOMINEE', 'TEAM_MEMBER', 'DEPARTMENT', 'NOMINATOR'],
    nullable: true,
    type: String,
    description:
      'For a committee member of the round: why they are disqualified (제척) from scoring it, or null',
  })
  myDisqualification: string | null;
  @ApiProperty({
    type: [DisqualifiedMemberDto],
    nullable: true,
    description: 'Members of the round disqualified from it (제척); to those who see the sheets',
  })
  disqualifiedMembers: DisqualifiedMemberDto[] | null;
  @ApiProperty({
    enum: ['verify', 'exclude', 'declareConflict', 'score', 'recordPreference'],
    isArray: true,
    description: 'What you may do to it now (a disqualified member is not offered score)',
  })
  allowedActions: string[];
  @ApiProperty({ type: 'integer' }) version: number;
}

class MemberProgressDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) owed: number;
  @ApiProperty({ type: 'integer' }) scored: number;
  @ApiProperty({ type: 'integer' }) conflicts: number;
  @ApiProperty({
    type: 'integer',
    description: 'Nominations the member is disqualified from (제척): not owed',
  })
  disqualified: number;
}

export class ProgressDto {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: 'integer' }) sheetsOwed: number;
  @ApiProperty({ type: 'integer' }) sheetsScored: number;
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
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() grantedAt: Date;
}

class SelectedOfficialDto {
  @ApiProperty({ format: 'uuid' }) nominationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() grade: string;
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES, isArray: true }) preferred: string[];
  @ApiProperty({ type: 'integer' }) granted: number;
  @ApiProperty() belowMinimum: boolean;
  @ApiProperty({
    description:
      'Owned a priority task of the round year (SELECTED, IN_PROGRESS or COMPLETED) when nominated: may take up to maxTaskOwner',
  })
  taskOwner: boolean;
}

export class IncentivesDto {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ type: 'integer' }) min: number;
  @ApiProperty({ type: 'integer' }) max: number;
  @ApiProperty({ type: 'integer' }) maxTaskOwner: number;
  @ApiProperty({ type: [SelectedOfficialDto] }) officials: SelectedOfficialDto[];
  @ApiProperty({ description: 'Every selected official holds at least min incentives' })
  complete: boolean;
  @ApiProperty({ type: [IncentiveDto] }) grants: IncentiveDto[];
}

class IncentiveTypeCountDto {
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES }) incentiveType: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

class IncentiveStatusCountDto {
  @ApiProperty({ enum: ALL_INCENTIVE_STATUSES }) status: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

class MajorIncentivesDto {
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES, isArray: true }) types: string[];
  @ApiProperty({ type: 'integer', description: 'Selected officials with at least one' })
  officials: number;
  @ApiProperty({ description: 'officials / selectedOfficials, four decimals', example: 0.3333 })
  share: number;
  @ApiProperty({ description: 'The share in percent, one decimal', example: 33.3 })
  sharePercent: number;
}

class BelowMinimumDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) granted: number;
}

export class IncentiveReportDto {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ALL_ROUND_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['NOMINATING', 'SCORING', 'CONFIRMED'] }) status: string;
  @ApiProperty({ type: 'integer' }) incentivesMin: number;
  @ApiProperty({ type: 'integer' }) selectedOfficials: number;
  @ApiProperty({ type: [IncentiveTypeCountDto] }) byType: IncentiveTypeCountDto[];
  @ApiProperty({ type: [IncentiveStatusCountDto] }) byStatus: IncentiveStatusCountDto[];
  @ApiProperty({ type: MajorIncentivesDto }) major: MajorIncentivesDto;
  @ApiProperty({ type: [BelowMinimumDto] }) belowMinimum: BelowMinimumDto[];
}

export class PreferenceResultDto {
  @ApiProperty({ format: 'uuid' }) nominationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ALL_INCENTIVE_TYPES, isArray: true }) preferred: string[];
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class AggregateResultDto {
  @ApiProperty({ type: 'integer', description: 'Nominations ranked and graded' }) graded: number;
}
