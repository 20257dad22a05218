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
  MEASURE_STATUSES,
  type MeasureStatus,
  PLAN_ACTIONS,
  PLAN_STATUSES,
} from '@gwaje/programme';
import { ALL_TASK_STATUSES } from '@gwaje/tasks';
import { DATE, DATE_MESSAGE, FieldLabels, Optional, RealDate, trim } from '../http.js';

const TEXT_MAX = 5000;
const VERSION = { description: 'The version you read; a stale one is a 409', example: 1 };
const PLAN_VERSION = {
  description: 'The plan’s version (`version` of the plan) you read; a stale one is a 409',
  example: 1,
};

@FieldLabels({ title: '추진방향', description: '추진방향 설명' })
export class NewDirectionDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: '추진체계 정비 및 교육' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    example: '적극행정 전담조직 운영과 전 직원 교육으로 추진 기반을 다집니다.',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  description?: string;
}

@FieldLabels({ year: '계획 연도', title: '계획명', directions: '추진방향' })
export class CreateActionPlanDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: '2027년 적극행정 실행계획',
    description: 'Default: “{year}년 적극행정 실행계획”',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({
    type: [NewDirectionDto],
    maxItems: 20,
    description: 'The directions (추진방향) in order',
    example: [{ title: '추진체계 정비 및 교육', description: '전담조직 운영과 전 직원 교육' }],
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NewDirectionDto)
  directions?: NewDirectionDto[];
}

export class ActionPlanListQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100, example: 2027 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ActionPlanVersionQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 1,
    description: 'An approved version of the plan (planVersion); default: the plan now',
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  version?: number;
}

@FieldLabels({ version: '버전', title: '추진방향', description: '추진방향 설명', position: '순서' })
export class AddDirectionDto {
  @ApiProperty(PLAN_VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ minLength: 1, maxLength: 200, example: '우수공무원 선발 및 인센티브' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '적극행정 우수공무원을 연 2회 선발합니다.' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  description?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    example: 2,
    description: '1-based place among the directions (default: last)',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100)
  position?: number;
}

@FieldLabels({ version: '버전', title: '추진방향', description: '추진방향 설명', position: '순서' })
export class UpdateDirectionDto {
  @ApiProperty(PLAN_VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: '면책·사전컨설팅 등 공무원 보호·지원',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    example: '면책 제도와 사전컨설팅을 적극 안내합니다.',
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  description?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, example: 1 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100)
  position?: number;
}

const MEASURE_LABELS = {
  version: '버전',
  directionId: '추진방향',
  title: '세부과제',
  ownerDepartmentId: '담당부서',
  target: '목표',
  dueDate: '기한',
  focus: '중점 추진과제 여부',
  taskIds: '연결 과제',
};

@FieldLabels(MEASURE_LABELS)
export class AddMeasureDto {
  @ApiProperty(PLAN_VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ format: 'uuid', example: '3f0c2f9e-8b1a-4c57-9a39-6d1c1e0f7a10' })
  @IsUUID('all')
  directionId: string;

  @ApiProperty({ minLength: 1, maxLength: 300, example: '적극행정 전 직원 교육 실시' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({ format: 'uuid', example: '6a1d3c52-0f4e-4b8e-a1b2-9c8d7e6f5a40' })
  @IsUUID('all')
  ownerDepartmentId: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '전 부서 교육 이수율 90% 이상' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  target?: string;

  @ApiProperty({ example: '2027-06-30', description: 'Within the plan’s year' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  dueDate: string;

  @ApiPropertyOptional({
    example: false,
    description:
      '중점 추진과제: links one or more priority tasks of the plan’s organisation and year',
  })
  @Optional()
  @IsBoolean()
  focus?: boolean;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    example: ['9b2e4d1a-5c6f-4a7b-8c9d-0e1f2a3b4c5d'],
    description: 'Priority tasks of the organisation and year (focus measures only)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  taskIds?: string[];
}

@FieldLabels(MEASURE_LABELS)
export class UpdateMeasureDto {
  @ApiProperty({ ...VERSION, description: 'The measure’s version you read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ format: 'uuid', example: '3f0c2f9e-8b1a-4c57-9a39-6d1c1e0f7a10' })
  @Optional()
  @IsUUID('all')
  directionId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 300, example: '적극행정 리더십 과정 운영' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '6a1d3c52-0f4e-4b8e-a1b2-9c8d7e6f5a40' })
  @Optional()
  @IsUUID('all')
  ownerDepartmentId?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: '부서장 전원 이수' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT_MAX)
  target?: string;

  @ApiPropertyOptional({ example: '2027-09-30', description: 'Within the plan’s year' })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  dueDate?: string;

  @ApiPropertyOptional({
    example: true,
    description: 'false drops the links unless taskIds names them',
  })
  @Optional()
  @IsBoolean()
  focus?: boolean;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    example: ['9b2e4d1a-5c6f-4a7b-8c9d-0e1f2a3b4c5d'],
    description: 'Replaces the linked priority tasks',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  taskIds?: string[];
}

@FieldLabels({ version: '버전', status: '상태' })
export class MeasureStatusDto {
  @ApiProperty({ ...VERSION, description: 'The measure’s version you read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ enum: MEASURE_STATUSES, example: 'IN_PROGRESS' })
  @IsIn(MEASURE_STATUSES)
  status: MeasureStatus;
}

@FieldLabels({ version: '버전' })
export class PlanActionDto {
  @ApiProperty(PLAN_VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

@FieldLabels({ version: '버전', reason: '반려 사유' })
export class ReturnPlanDto {
  @ApiProperty(PLAN_VERSION)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ minLength: 1, maxLength: 2000, example: '중점 추진과제 목표를 구체화하세요.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

// ── Responses ───────────────────────────────────────────────────────────────────────────────

export class PlanProgressDto {
  @ApiProperty({ type: 'integer', description: 'Measures counted (DROPPED excluded)' })
  measures: number;
  @ApiProperty({ type: 'integer' }) measuresDone: number;
  @ApiProperty({ type: 'integer' }) measuresDropped: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Done / counted measures (0–1)' })
  measureShare: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'Distinct linked tasks (dropped or rejected excluded)',
  })
  linkedTasks: number;
  @ApiProperty({ type: 'integer' }) linkedTasksCompleted: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Completed / linked tasks (0–1)' })
  linkedTaskShare: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Mean of the tasks’ own progress' })
  linkedTaskProgress: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '(measures done + tasks completed) / (measures + tasks), 0–1',
  })
  share: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'share as a whole percent' })
  percent: number | null;
}

class PersonDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

class PersonAtDto {
  @ApiProperty() at: Date;
  @ApiProperty({ type: PersonDto }) by: PersonDto;
}

class LinkedTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2027-03' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ALL_TASK_STATUSES }) status: string;
  @ApiProperty({ type: 'integer', description: 'The task’s own progress (0–100)' })
  progress: number;
  @ApiProperty() completed: boolean;
}

class DepartmentRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class MeasureDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) directionId: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: DepartmentRefDto }) ownerDepartment: DepartmentRefDto;
  @ApiProperty() target: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: MEASURE_STATUSES }) status: string;
  @ApiProperty({ description: '중점 추진과제' }) focus: boolean;
  @ApiProperty({ type: [LinkedTaskDto] }) linkedTasks: LinkedTaskDto[];
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'DONE 100, DROPPED null, else the linked tasks’ mean progress (0 without links)',
  })
  percent: number | null;
  @ApiProperty({
    enum: MEASURE_STATUSES,
    isArray: true,
    description: 'The statuses you may set now',
  })
  allowedStatuses: string[];
  @ApiProperty({ type: 'integer' }) version: number;
}

class DirectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [MeasureDto] }) measures: MeasureDto[];
  @ApiProperty({ type: PlanProgressDto }) progress: PlanProgressDto;
}

class PlanBaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: string;
  @ApiProperty({ type: 'integer', description: 'The plan’s version number (판)' })
  planVersion: number;
  @ApiProperty({ description: 'true: a stored approved version (read-only)' }) snapshot: boolean;
  @ApiProperty({ type: PersonAtDto, nullable: true }) submitted: PersonAtDto | null;
  @ApiProperty({ type: PersonAtDto, nullable: true }) approved: PersonAtDto | null;
  @ApiProperty({ type: PlanProgressDto }) progress: PlanProgressDto;
  @ApiProperty({ enum: PLAN_ACTIONS, isArray: true }) allowedActions: string[];
  @ApiProperty({ type: 'integer', description: 'The row’s version (optimistic concurrency)' })
  version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ActionPlanDto extends PlanBaseDto {
  @ApiProperty({ type: [DirectionDto] }) directions: DirectionDto[];
}

export class ActionPlanSummaryDto extends PlanBaseDto {
  @ApiProperty({ type: 'integer', description: 'How many directions' }) directions: number;
  @ApiProperty({ type: 'integer', description: 'How many measures' }) measures: number;
}

export class ActionPlanVersionDto {
  @ApiProperty({ type: 'integer' }) planVersion: number;
  @ApiProperty({ enum: PLAN_STATUSES }) status: string;
  @ApiProperty({ description: 'The plan’s current version' }) current: boolean;
  @ApiProperty({ type: PersonAtDto, nullable: true }) submitted: PersonAtDto | null;
  @ApiProperty({ type: PersonAtDto, nullable: true }) approved: PersonAtDto | null;
}
