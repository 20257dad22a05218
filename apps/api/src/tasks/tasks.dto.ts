import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
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
  ALL_TASK_ACTIONS,
  BULK_TASK_ACTIONS,
  type BulkTaskAction,
  ALL_TASK_STATUSES,
  TASK_SORTS,
  TaskAction,
  TaskCategory,
  TaskEditAction,
  TaskRisk,
  TaskStatus,
  type TaskSort,
} from '@gwaje/tasks';
import {
  DATE,
  DATE_MESSAGE,
  RealDate,
  toBool,
  toList,
  trim,
  TwoDecimals,
} from '../http/dto-helpers.js';
import { Optional } from '../http/validation.js';
import { VersionedDto } from '../identity/identity.dto.js';
import { FieldLabels } from '../http/field-labels.js';

const CATEGORIES = Object.values(TaskCategory);
const RISKS = Object.values(TaskRisk);
const ALLOWED_ACTIONS = [...ALL_TASK_ACTIONS, ...Object.values(TaskEditAction)];
// ── Milestones ─────────────────────────────────────────────────────────────────────────────────

@FieldLabels({ title: '단계명', dueDate: '단계 예정일' })
export class MilestoneInputDto {
  @ApiProperty({ example: '실시설계 완료', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '2026-06-30', description: 'Within the task’s start and due dates' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  dueDate: string;

  @ApiPropertyOptional({
    example: 1,
    default: 1,
    description: 'Share of the task’s progress (0.01 to 1000)',
  })
  @Optional()
  @IsNumber()
  @TwoDecimals()
  // 0.01, not "positive": stored with two decimals, 0.001 would become 0 and break the weight rule.
  @Min(0.01)
  @Max(1000)
  weight?: number;
}

@FieldLabels({ status: '단계 상태' })
export class UpdateMilestoneDto extends IntersectionType(
  VersionedDto,
  PartialType(MilestoneInputDto, { skipNullProperties: false }),
) {
  @ApiPropertyOptional({ enum: ['PLANNED', 'DONE'], example: 'DONE' })
  @Optional()
  @IsIn(['PLANNED', 'DONE'])
  status?: 'PLANNED' | 'DONE';

  @ApiPropertyOptional({
    example: '2026-06-28',
    nullable: true,
    type: String,
    description: 'Defaults to today (Asia/Seoul) when marked DONE',
  })
  @IsOptional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  doneDate?: string | null;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Why the done date is entered later than it happened: required when doneDate is before today (사후 입력 사유)',
    example: '2025년 실적을 종이 대장에서 옮겨 적음',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  lateEntryReason?: string;
}

@FieldLabels({ milestoneId: '단계', doneDate: '완료일' })
export class CompleteMilestoneItemDto {
  @ApiProperty({ format: 'uuid', example: 'c8f1d2e3-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  @IsUUID()
  milestoneId: string;

  @ApiProperty({ description: 'The milestone version you read', example: 2 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    example: '2026-06-28',
    description: 'The day it was done (Asia/Seoul); today when absent',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  doneDate?: string;
}

@FieldLabels({ items: '단계', lateEntryReason: '사후 입력 사유' })
export class CompleteMilestonesDto {
  @ApiProperty({ type: [CompleteMilestoneItemDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CompleteMilestoneItemDto)
  items: CompleteMilestoneItemDto[];

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required when a done date is before today (사후 입력 사유)',
    example: '2025년 실적을 종이 대장에서 옮겨 적음',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  lateEntryReason?: string;
}

export class MilestoneDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026-06-30' }) dueDate: string;
  @ApiProperty({ example: 1 }) weight: number;
  @ApiProperty({ enum: ['PLANNED', 'DONE'] }) status: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-06-28' }) doneDate: string | null;
  @ApiProperty({ description: 'The done date was entered later than it happened (사후 입력)' })
  doneEnteredLater: boolean;
  @ApiProperty({ description: 'Past due (Asia/Seoul) and not done' }) overdue: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}

// ── Tasks ──────────────────────────────────────────────────────────────────────────────────────

@FieldLabels({
  title: '과제명',
  summary: '과제 개요',
  category: '분야',
  leadDepartmentId: '주관부서',
  ownerId: '주담당자',
  goal: '목표',
  kpiIndicator: '성과지표',
  kpiUnit: '성과지표 단위',
  kpiBaseline: '성과지표 기준값',
  kpiTarget: '성과지표 목표값',
  kpiCurrent: '성과지표 현재값',
  startDate: '시작일',
  dueDate: '완료 예정일',
  memberIds: '참여자',
  partnerDepartmentIds: '협업부서',
  milestones: '단계별 추진계획',
})
export class CreateTaskDto {
  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: '초등학교 맞춤형 통학로 개선사업', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({
    maxLength: 4000,
    example:
      '초등학교 주변 통학로의 보도 단절 구간과 불법 주정차 구간을 학교별로 진단하여 맞춤형으로 정비합니다.',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  summary?: string;

  @ApiProperty({
    enum: CATEGORIES,
    description: '적극행정 · 정부혁신 · 규제혁신 · 협업',
    example: 'PROACTIVE',
  })
  @IsIn(CATEGORIES)
  category: TaskCategory;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Your own department (the default)',
    example: 'a5d8e2f1-6b3c-4e7a-9d0f-8c1b2a3e4d5f',
  })
  @Optional()
  @IsUUID()
  leadDepartmentId?: string;

  @ApiProperty({
    format: 'uuid',
    description: '주담당자: an active user of the lead department',
    example: '7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40',
  })
  @IsUUID()
  ownerId: string;

  @ApiPropertyOptional({
    maxLength: 4000,
    example: '관내 초등학교 12개교 통학로 정비를 완료하여 어린이 보행 안전사고 0건 달성',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  goal?: string;

  @ApiPropertyOptional({
    example: '통학로 정비 개소',
    maxLength: 200,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  kpiIndicator?: string | null;

  @ApiPropertyOptional({ example: '개소', maxLength: 50, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  kpiUnit?: string | null;

  @ApiPropertyOptional({ example: 0, nullable: true, type: Number })
  @IsOptional()
  @IsNumber()
  @TwoDecimals()
  @Min(-1e12)
  @Max(1e12)
  kpiBaseline?: number | null;

  @ApiPropertyOptional({ example: 12, nullable: true, type: Number })
  @IsOptional()
  @IsNumber()
  @TwoDecimals()
  @Min(-1e12)
  @Max(1e12)
  kpiTarget?: number | null;

  @ApiPropertyOptional({ example: 3, nullable: true, type: Number })
  @IsOptional()
  @IsNumber()
  @TwoDecimals()
  @Min(-1e12)
  @Max(1e12)
  kpiCurrent?: number | null;

  @ApiProperty({ example: '2026-01-02' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  startDate: string;

  @ApiProperty({ example: '2026-12-31', description: 'Not before startDate' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  dueDate: string;

  @ApiPropertyOptional({ enum: RISKS, default: 'LOW', example: 'MEDIUM' })
  @Optional()
  @IsIn(RISKS)
  risk?: TaskRisk;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Other officials of the organisation',
    example: ['c8f1d2e3-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
  })
  @Optional()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  memberIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Partner departments, also of other organisations',
    example: ['e4b7a1c2-3d5e-4f60-9a8b-7c6d5e4f3a2b'],
  })
  @Optional()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  partnerDepartmentIds?: string[];

  @ApiPropertyOptional({
    type: [MilestoneInputDto],
    example: [
      { title: '학교별 통학로 현장 진단', dueDate: '2026-03-31', weight: 1 },
      { title: '실시설계 완료', dueDate: '2026-06-30', weight: 2 },
    ],
  })
  @Optional()
  @ValidateNested({ each: true })
  @Type(() => MilestoneInputDto)
  @ArrayMaxSize(100)
  milestones?: MilestoneInputDto[];
}

export class UpdateTaskDto extends IntersectionType(
  VersionedDto,
  PartialType(
    OmitType(CreateTaskDto, [
      'year',
      'leadDepartmentId',
      'memberIds',
      'partnerDepartmentIds',
      'milestones',
    ] as const),
    { skipNullProperties: false },
  ),
) {}

export class TransitionDto {
  @ApiProperty({ enum: ALL_TASK_ACTIONS, example: 'complete' })
  @IsIn(ALL_TASK_ACTIONS)
  action: TaskAction;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Required for reject, suspend, drop and reopen; for complete, the evidence of completion',
    example: '12개교 통학로 정비 준공검사 완료(준공검사조서 첨부)',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiProperty({
    description: 'The version you read (required); a stale one is a 409',
    example: 7,
  })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    example: '2025-11-28',
    description:
      'The day it happened (Asia/Seoul) when not today. A past day (사후 입력) needs lateEntryReason, must lie in the task’s year and not before its previous status change; PROACTIVE_OFFICE may so record any step of the life cycle. Activity spans (and so expected reports) and the completion date follow it.',
  })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  occurredOn?: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Why it is entered later than it happened: required with a past occurredOn',
    example: '2025년 추진 실적을 Gwaje 도입 후 옮겨 적음',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  lateEntryReason?: string;
}

@FieldLabels({ taskId: '과제', version: '버전' })
export class BulkTransitionItemDto {
  @ApiProperty({ format: 'uuid', example: 'c8f1d2e3-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  @IsUUID()
  taskId: string;

  @ApiProperty({ description: 'The version you read', example: 2 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

@FieldLabels({ action: '처리', items: '과제', reason: '사유' })
export class BulkTransitionDto {
  @ApiProperty({ enum: BULK_TASK_ACTIONS, example: 'select' })
  @IsIn(BULK_TASK_ACTIONS)
  action: BulkTaskAction;

  @ApiProperty({ type: [BulkTransitionItemDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BulkTransitionItemDto)
  items: BulkTransitionItemDto[];

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required for reject and drop; recorded on every task',
    example: '2026년 중점과제 선정위원회 심의 결과',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

@FieldLabels({ userId: '참여자' })
export class AddMemberDto {
  @ApiProperty({ format: 'uuid', example: 'c8f1d2e3-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  @IsUUID()
  userId: string;
}

@FieldLabels({ departmentId: '협업부서' })
export class AddPartnerDto {
  @ApiProperty({ format: 'uuid', example: 'e4b7a1c2-3d5e-4f60-9a8b-7c6d5e4f3a2b' })
  @IsUUID()
  departmentId: string;
}

@FieldLabels({
  category: '분야',
  leadDepartmentId: '주관부서',
  ownerId: '주담당자',
  delayed: '지연 여부',
})
export class TaskListQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    enum: ALL_TASK_STATUSES,
    isArray: true,
    description: 'One or more, comma-separated',
    example: ['SELECTED', 'IN_PROGRESS'],
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(ALL_TASK_STATUSES, { each: true })
  @ArrayMaxSize(ALL_TASK_STATUSES.length)
  status?: TaskStatus[];

  @ApiPropertyOptional({ format: 'uuid', example: 'a5d8e2f1-6b3c-4e7a-9d0f-8c1b2a3e4d5f' })
  @IsOptional()
  @IsUUID()
  leadDepartmentId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: CATEGORIES, example: 'PROACTIVE' })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: TaskCategory;

  @ApiPropertyOptional({ enum: RISKS, example: 'HIGH' })
  @IsOptional()
  @IsIn(RISKS)
  risk?: TaskRisk;

  @ApiPropertyOptional({
    description: 'Only delayed (true) or only on-time (false) tasks',
    example: true,
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  delayed?: boolean;

  @ApiPropertyOptional({
    description: 'Text in code, title or summary (Korean works: 통학로)',
    maxLength: 100,
    example: '통학로',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'code', example: 'dueDate' })
  @IsOptional()
  @IsIn(TASK_SORTS)
  sort: TaskSort = 'code';

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

  @ApiPropertyOptional({
    default: 0,
    minimum: 0,
    maximum: 10000,
    description: 'Capped so deep pages stay cheap',
    example: 40,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  offset: number = 0;
}

export class TaskSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: '2026-07' }) code: string;
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: CATEGORIES }) category: TaskCategory;
  @ApiProperty({ format: 'uuid' }) leadDepartmentId: string;
  @ApiProperty({ example: '교육지원과' }) leadDepartmentName: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ example: '김민준' }) ownerName: string;
  @ApiProperty({ example: '2026-01-02' }) startDate: string;
  @ApiProperty({ example: '2026-12-31' }) dueDate: string;
  @ApiProperty({ enum: ALL_TASK_STATUSES }) status: TaskStatus;
  @ApiProperty({ enum: RISKS }) risk: TaskRisk;
  @ApiProperty({
    example: 40,
    description: 'Weighted share of done milestones, or the latest accepted report’s figure',
  })
  progress: number;
  @ApiProperty({
    description: 'Past its due date or a milestone’s, unfinished (computed, Asia/Seoul)',
  })
  delayed: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-11-28',
    description: 'The day it was completed (COMPLETED only)',
  })
  completedOn: string | null;
  @ApiProperty({ description: 'Part of its record was entered later than it happened (사후 입력)' })
  enteredLater: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({
    enum: ALLOWED_ACTIONS,
    isArray: true,
    description: 'What you may do with this task now',
  })
  allowedActions: string[];
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskSummaryDto] }) items: TaskSummaryDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export class KpiDto {
  @ApiProperty({ nullable: true, type: String }) indicator: string | null;
  @ApiProperty({ nullable: true, type: String }) unit: string | null;
  @ApiProperty({ nullable: true, type: Number }) baseline: number | null;
  @ApiProperty({ nullable: true, type: Number }) target: number | null;
  @ApiProperty({ nullable: true, type: Number }) current: number | null;
}

export class TaskMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() departmentName: string;
}

export class TaskPartnerDto {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
}

export class TaskDetailDto extends TaskSummaryDto {
  @ApiProperty() goal: string;
  @ApiProperty({ type: KpiDto }) kpi: KpiDto;
  @ApiProperty({ nullable: true, type: Number }) reportedProgress: number | null;
  @ApiProperty({ type: [TaskMemberDto] }) members: TaskMemberDto[];
  @ApiProperty({ type: [TaskPartnerDto] }) partnerDepartments: TaskPartnerDto[];
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
  @ApiProperty() createdAt: Date;
}

export class ExportQuery extends OmitType(TaskListQuery, ['limit', 'offset'] as const) {
  @ApiProperty({ enum: ['xlsx', 'csv'], example: 'xlsx' })
  @IsIn(['xlsx', 'csv'])
  format: 'xlsx' | 'csv';
}
