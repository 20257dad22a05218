import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
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
  AWARD_HR_STATUSES,
  type AwardHrStatus,
  CONTEST_EXPORT_SHEETS,
  type ContestExportSheet,
  type ContestRoundTransition,
  ENTRY_STATES,
  MAX_BONUS_POINTS,
  MAX_PRIZE_KRW,
  MAX_RANK,
  ROUND_ACTIONS,
  ROUND_STATUSES,
  ROUND_TRANSITIONS,
} from '@gwaje/contests';
import { DATE, DATE_MESSAGE, RealDate, trim, TwoDecimals } from '../http/dto-helpers.js';
import { Optional } from '../http/validation.js';
import { FieldLabels } from '../http/field-labels.js';
import { AttachmentDto } from '../reports/reports.dto.js';

const VERSION = { description: 'The version you read; a stale one is a 409', example: 1 };

// ── Requests ───────────────────────────────────────────────────────────────────────────────────

@FieldLabels({ key: '분야 키', label: '분야명' })
export class ContestFieldDto {
  @ApiProperty({ example: 'proactive', description: 'camelCase key' })
  @IsString()
  @Matches(/^[a-z][A-Za-z0-9]{1,39}$/, {
    message: '$property must be a camelCase key of 2–40 letters and digits',
  })
  key: string;

  @ApiProperty({ example: '적극행정', maxLength: 50 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  label: string;
}

@FieldLabels({ key: '항목 키', label: '항목명', weight: '배점' })
export class ContestCriterionDto {
  @ApiProperty({ example: 'citizenImpact' })
  @IsString()
  @Matches(/^[a-z][A-Za-z0-9]{1,39}$/, {
    message: '$property must be a camelCase key of 2–40 letters and digits',
  })
  key: string;

  @ApiProperty({ example: '국민체감도', maxLength: 50 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  label: string;

  @ApiProperty({ example: 40, minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;
}

@FieldLabels({
  fromRank: '시작 순위',
  toRank: '끝 순위',
  field: '분야',
  award: '시상명',
  commendation: '표창',
  prizeKrw: '포상금',
  bonusPoints: '근평 가점',
  advances: '상위 대회 진출',
})
export class AwardRowDto {
  @ApiProperty({ example: 3, minimum: 1, maximum: MAX_RANK })
  @IsInt()
  @Min(1)
  @Max(MAX_RANK)
  fromRank: number;
  @ApiProperty({ example: 5, minimum: 1, maximum: MAX_RANK })
  @IsInt()
  @Min(1)
  @Max(MAX_RANK)
  toRank: number;

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'A field key, or null for every field',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  field: string | null;

  @ApiProperty({ example: '우수', maxLength: 50 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  award: string;

  @ApiProperty({ nullable: true, type: String, example: '도지사 표창', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  commendation: string | null;

  @ApiProperty({
    example: 200000,
    minimum: 0,
    maximum: MAX_PRIZE_KRW,
    description: '포상금 per entry (KRW)',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_PRIZE_KRW)
  prizeKrw: number;

  @ApiProperty({
    example: 0.3,
    minimum: 0,
    maximum: MAX_BONUS_POINTS,
    description: '근평 가점 per named official',
  })
  @IsNumber()
  @TwoDecimals()
  @Min(0)
  @Max(MAX_BONUS_POINTS)
  bonusPoints: number;

  @ApiProperty({ example: true, description: 'Goes on to the next level’s round' })
  @IsBoolean()
  advances: boolean;
}

@FieldLabels({
  year: '연도',
  title: '대회명',
  description: '설명',
  entriesOpen: '출품 접수 시작일',
  entriesClose: '출품 접수 마감일',
  judgingDue: '심사 마감일',
  resultsDate: '결과 발표일',
  fields: '분야',
  criteria: '평가 항목',
  awardTable: '시상 기준',
  budgetKrw: '포상 예산',
  acceptsAdvancement: '하위 대회 진출작 접수',
})
export class CreateContestRoundDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;

  @ApiProperty({ example: '2026년 상반기 적극행정 우수사례 경진대회', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({
    maxLength: 4000,
    example: '도 본청 부서와 행정시가 참여하는 반기별 경진대회',
  })
  @Optional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiProperty({ example: '2026-05-01' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  entriesOpen: string;
  @ApiProperty({ example: '2026-05-31' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  entriesClose: string;
  @ApiProperty({ example: '2026-06-15' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  judgingDue: string;
  @ApiProperty({ example: '2026-06-30' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  resultsDate: string;

  @ApiProperty({ type: [ContestFieldDto], example: [{ key: 'proactive', label: '적극행정' }] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContestFieldDto)
  fields: ContestFieldDto[];

  @ApiPropertyOptional({
    type: [ContestCriterionDto],
    description: 'Weights total 100; default: the evaluation criteria of DOMAIN.md §5',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContestCriterionDto)
  criteria?: ContestCriterionDto[];

  @ApiPropertyOptional({ type: [AwardRowDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AwardRowDto)
  awardTable?: AwardRowDto[];

  @ApiPropertyOptional({ example: 1000000, minimum: 0, description: '포상 예산 (KRW)' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  budgetKrw?: number;

  @ApiPropertyOptional({ example: false, description: 'Lower rounds may propose to feed this one' })
  @Optional()
  @IsBoolean()
  acceptsAdvancement?: boolean;
}

@FieldLabels({
  version: '버전',
  year: '연도',
  title: '대회명',
  description: '설명',
  entriesOpen: '출품 접수 시작일',
  entriesClose: '출품 접수 마감일',
  judgingDue: '심사 마감일',
  resultsDate: '결과 발표일',
  fields: '분야',
  criteria: '평가 항목',
  awardTable: '시상 기준',
  budgetKrw: '포상 예산',
  acceptsAdvancement: '하위 대회 진출작 접수',
})
export class UpdateContestRoundDto {
  @ApiProperty(VERSION) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
  @ApiPropertyOptional({ example: 2026 }) @Optional() @IsInt() @Min(2000) @Max(2100) year?: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @Optional()
  @IsString()
  @MaxLength(4000)
  description?: string;
  @ApiPropertyOptional({ example: '2026-05-01' })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  entriesOpen?: string;
  @ApiPropertyOptional({ example: '2026-05-31' })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  entriesClose?: string;
  @ApiPropertyOptional({ example: '2026-06-15' })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  judgingDue?: string;
  @ApiPropertyOptional({ example: '2026-06-30' })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  resultsDate?: string;

  @ApiPropertyOptional({ type: [ContestFieldDto], description: 'DRAFT only' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContestFieldDto)
  fields?: ContestFieldDto[];

  @ApiPropertyOptional({
    type: [ContestCriterionDto],
    description: 'DRAFT only; weights total 100',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContestCriterionDto)
  criteria?: ContestCriterionDto[];

  @ApiPropertyOptional({ type: [AwardRowDto], description: 'Until the results are published' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AwardRowDto)
  awardTable?: AwardRowDto[];

  @ApiPropertyOptional({ example: 1000000, minimum: 0 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  budgetKrw?: number;
  @ApiPropertyOptional({ example: true }) @Optional() @IsBoolean() acceptsAdvancement?: boolean;
}

@FieldLabels({ action: '처리', version: '버전' })
export class ContestRoundTransitionDto {
  @ApiProperty({ enum: ROUND_TRANSITIONS, example: 'open' })
  @IsIn(ROUND_TRANSITIONS)
  action: ContestRoundTransition;

  @ApiProperty(VERSION) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

@FieldLabels({ version: '버전' })
export class PublishContestDto {
  @ApiProperty(VERSION) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

@FieldLabels({ memberIds: '심사위원' })
export class ContestPanelDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Active COMMITTEE users of the organising body',
  })
  @IsArray()
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true })
  memberIds: string[];
}

@FieldLabels({ nextRoundId: '상위 대회 회차', version: '버전' })
export class NextRoundDto {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'A round that accepts advancement; null withdraws the proposal',
  })
  @IsOptional()
  @IsUUID()
  nextRoundId: string | null;

  @ApiProperty(VERSION) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

@FieldLabels({ feederRoundId: '하위 대회 회차', decision: '결정' })
export class FeederDecisionDto {
  @ApiProperty({ format: 'uuid', description: 'A round that proposed this one as its next level' })
  @IsUUID()
  feederRoundId: string;

  @ApiProperty({ enum: ['accept', 'decline'], example: 'accept' })
  @IsIn(['accept', 'decline'])
  decision: 'accept' | 'decline';
}

@FieldLabels({
  field: '분야',
  title: '사례명',
  summary: '사례 요약',
  departmentId: '부서',
  officialIds: '공무원',
  taskId: '중점과제',
  nominationId: '평가 후보',
})
export class CreateContestEntryDto {
  @ApiProperty({ example: 'proactive', description: 'A field key of the round' })
  @IsString()
  @MaxLength(40)
  field: string;

  @ApiProperty({ example: '감귤 수확기 인력 중개 플랫폼 운영', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({
    maxLength: 4000,
    example: '농가와 구직자를 잇는 인력 중개로 일손 부족을 해소했습니다.',
  })
  @Optional()
  @IsString()
  @MaxLength(4000)
  summary?: string;

  @ApiProperty({ format: 'uuid', description: 'A department of your organisation' })
  @IsUUID()
  departmentId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Officials of your organisation (1–20)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  officialIds: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'A priority task of your organisation',
  })
  @IsOptional()
  @IsUUID()
  taskId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'An evaluation nomination of your organisation',
  })
  @IsOptional()
  @IsUUID()
  nominationId?: string | null;
}

@FieldLabels({ decision: '결정', reason: '반려 사유', version: '버전' })
export class ScreenEntryDto {
  @ApiProperty({ enum: ['accept', 'reject'], example: 'accept' })
  @IsIn(['accept', 'reject'])
  decision: 'accept' | 'reject';

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required to reject',
    example: '출품 요건(최근 2년 내 사례) 미충족',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiProperty(VERSION) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

@FieldLabels({ scores: '점수' })
export class ContestScoreDto {
  @ApiProperty({
    example: { citizenImpact: 35, proactiveness: 18, creativity: 17, difficulty: 8, spread: 9 },
    description: 'One score per criterion key, 0..weight in steps of 0.5',
  })
  @IsObject()
  scores: Record<string, unknown>;
}

@FieldLabels({ hrStatus: '인사 집행 상태', hrNote: '인사 비고', version: '버전' })
export class UpdateContestAwardDto {
  @ApiProperty({ enum: AWARD_HR_STATUSES, example: 'EXECUTED' })
  @IsIn(AWARD_HR_STATUSES)
  hrStatus: AwardHrStatus;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 2000,
    description: 'Required for NOT_EXECUTED',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  hrNote?: string | null;

  @ApiProperty(VERSION) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

@FieldLabels({ year: '연도' })
export class ContestRoundListQuery {
  @ApiPropertyOptional({ example: 2026 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

@FieldLabels({ roundId: '회차' })
export class ContestAwardListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() roundId?: string;
}

@FieldLabels({ sheet: '시트', reason: '사유' })
export class ContestExportQuery {
  @ApiPropertyOptional({
    enum: CONTEST_EXPORT_SHEETS,
    description: 'All three when omitted',
    example: 'results',
  })
  @Optional()
  @IsIn(CONTEST_EXPORT_SHEETS)
  sheet?: ContestExportSheet;

  @ApiProperty({
    description: 'Why personnel data is exported (stored in the access log)',
    maxLength: 500,
    example: '경진대회 포상 집행을 위한 인사부서 제출',
  })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

// ── Responses ──────────────────────────────────────────────────────────────────────────────────

export class AwardRowResponseDto {
  @ApiProperty() fromRank: number;
  @ApiProperty() toRank: number;
  @ApiProperty({ nullable: true, type: String }) field: string | null;
  @ApiProperty() award: string;
  @ApiProperty({ nullable: true, type: String }) commendation: string | null;
  @ApiProperty() prizeKrw: number;
  @ApiProperty() bonusPoints: number;
  @ApiProperty() advances: boolean;
}

class FieldResponseDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
}

class CriterionResponseDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() weight: number;
}

class RoundLinkDto {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() title: string;
  @ApiProperty() year: number;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ROUND_STATUSES }) status: string;
  @ApiProperty({ enum: ['PROPOSED', 'ACCEPTED', 'DECLINED'] }) linkStatus:
    'PROPOSED' | 'ACCEPTED' | 'DECLINED';
}

class RoundRelationDto {
  @ApiProperty({ description: 'Office or auditor of the organising body: sees everything' })
  full: boolean;
  @ApiProperty({ description: 'Office of the organising body: runs the round' }) organiser: boolean;
  @ApiProperty({ description: 'On the judging panel' }) judge: boolean;
  @ApiProperty({ description: 'Office of an organisation that may enter' }) entrant: boolean;
}

export class ContestRoundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: '2026-05-01' }) entriesOpen: string;
  @ApiProperty({ example: '2026-05-31' }) entriesClose: string;
  @ApiProperty({ example: '2026-06-15' }) judgingDue: string;
  @ApiProperty({ example: '2026-06-30' }) resultsDate: string;
  @ApiProperty({ type: [FieldResponseDto] }) fields: FieldResponseDto[];
  @ApiProperty({ type: [CriterionResponseDto] }) criteria: CriterionResponseDto[];
  @ApiProperty({ type: [AwardRowResponseDto] }) awardTable: AwardRowResponseDto[];
  @ApiProperty() budgetKrw: number;
  @ApiProperty() acceptsAdvancement: boolean;
  @ApiProperty({ enum: ROUND_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: Date | null;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The organiser’s office and auditors and the panel; [] for others',
  })
  panelMemberIds: string[];
  @ApiProperty({
    type: RoundLinkDto,
    nullable: true,
    description: 'The next level: the organiser sees it in any state, others once accepted',
  })
  nextRound: RoundLinkDto | null;
  @ApiProperty({
    type: [RoundLinkDto],
    description: 'Rounds proposing to feed this one (organiser only)',
  })
  feeders: RoundLinkDto[];
  @ApiProperty({ type: RoundRelationDto }) relation: RoundRelationDto;
  @ApiProperty({ enum: ROUND_ACTIONS, isArray: true }) allowedActions: string[];
  @ApiProperty() version: number;
}

export class EntrantOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) parentId: string | null;
}

class OfficialDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class EntryResultDto {
  @ApiProperty({ nullable: true, type: Number }) finalScore: number | null;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty({ type: AwardRowResponseDto, nullable: true }) award: AwardRowResponseDto | null;
  @ApiProperty() advances: boolean;
}

class ScoreSheetDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) scores: Record<
    string,
    number
  >;
  @ApiProperty() total: number;
  @ApiProperty({ format: 'date-time' }) submittedAt: Date;
}

class EntryLinkDto {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() roundTitle: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ROUND_STATUSES }) roundStatus: string;
  @ApiProperty({
    enum: ENTRY_STATES,
    description:
      'The entry’s lifecycle status (SUBMITTED → ACCEPTED or REJECTED → AWARDED or NOT_AWARDED)',
  })
  status: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Once that round’s results are published',
  })
  rank: number | null;
  @ApiProperty({ type: AwardRowResponseDto, nullable: true }) award: AwardRowResponseDto | null;
}

export class ContestEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) entrantOrganisationId: string;
  @ApiProperty() entrantOrganisationName: string;
  @ApiProperty() field: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ type: [OfficialDto] }) officials: OfficialDto[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) taskId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) nominationId: string | null;
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
  @ApiProperty({
    enum: ENTRY_STATES,
    description:
      'The entry’s lifecycle status (SUBMITTED → ACCEPTED or REJECTED → AWARDED or NOT_AWARDED)',
  })
  status: string;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: Date;
  @ApiProperty({
    type: EntryResultDto,
    nullable: true,
    description: 'The organiser and panel; entrants once published',
  })
  result: EntryResultDto | null;
  @ApiProperty({
    type: [ScoreSheetDto],
    nullable: true,
    description: 'The organiser’s office and auditors only',
  })
  sheets: ScoreSheetDto[] | null;
  @ApiProperty({ type: ScoreSheetDto, nullable: true }) myScore: ScoreSheetDto | null;
  @ApiProperty({
    nullable: true,
    enum: ['NOMINEE', 'TEAM_MEMBER', 'DEPARTMENT', 'NOMINATOR', 'REQUESTER'],
    type: String,
  })
  myDisqualification: string | null;
  @ApiProperty({ type: EntryLinkDto, nullable: true }) advancedFrom: EntryLinkDto | null;
  @ApiProperty({
    type: EntryLinkDto,
    nullable: true,
    description: 'The higher level’s entry and its result (flows back)',
  })
  advancedTo: EntryLinkDto | null;
  @ApiProperty({ enum: ['accept', 'reject', 'score'], isArray: true }) allowedActions: string[];
  @ApiProperty() version: number;
}

class RankedEntryDto {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty() field: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) entrantOrganisationId: string;
  @ApiProperty() entrantOrganisationName: string;
  @ApiProperty() rank: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The organiser only' }) finalScore:
    number | null;
  @ApiProperty({ type: AwardRowResponseDto, nullable: true }) award: AwardRowResponseDto | null;
  @ApiProperty() advances: boolean;
}

class BudgetDto {
  @ApiProperty() prizeTotalKrw: number;
  @ApiProperty() budgetKrw: number;
  @ApiProperty() withinBudget: boolean;
}

export class ContestResultsDto {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ enum: ROUND_STATUSES }) status: string;
  @ApiProperty() published: boolean;
  @ApiProperty({ type: [RankedEntryDto] }) entries: RankedEntryDto[];
  @ApiProperty({ type: BudgetDto, nullable: true, description: 'The organiser only' })
  budget: BudgetDto | null;
}

export class ContestAwardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() roundTitle: string;
  @ApiProperty() organiserName: string;
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty() entryTitle: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() userName: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() award: string;
  @ApiProperty({ nullable: true, type: String }) commendation: string | null;
  @ApiProperty() prizeShareKrw: number;
  @ApiProperty() bonusPoints: number;
  @ApiProperty({ enum: AWARD_HR_STATUSES }) hrStatus: string;
  @ApiProperty({ nullable: true, type: String }) hrNote: string | null;
  @ApiProperty() version: number;
}
