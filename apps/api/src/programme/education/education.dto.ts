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
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  EDUCATION_DELIVERIES,
  EDUCATION_KINDS,
  type EducationDelivery,
  type EducationKind,
  MAX_SESSION_HOURS,
} from '@gwaje/programme';
import { DATE, DATE_MESSAGE, FieldLabels, Optional, RealDate, toBool, trim } from '../http.js';

/** Half hours: 0.5, 1, 1.5, … */
function HalfHours(): PropertyDecorator {
  return ValidateBy({
    name: 'halfHours',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' &&
        Number.isFinite(value) &&
        Math.abs(value * 2 - Math.round(value * 2)) < 1e-9,
      defaultMessage: () => '$property must be in half hours (0.5, 1, 1.5, …)',
    },
  });
}

const HOURS = {
  type: Number,
  minimum: 0.5,
  maximum: MAX_SESSION_HOURS,
  multipleOf: 0.5,
};

@FieldLabels({
  title: '교육명',
  kind: '교육 종류',
  sessionDate: '교육일',
  hours: '교육 시간',
  delivery: '교육 방식',
  place: '장소',
  notes: '비고',
})
export class CreateEducationSessionDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: '적극행정 전 직원 교육' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({
    enum: EDUCATION_KINDS,
    example: 'ALL_STAFF',
    description:
      'ALL_STAFF 전 직원 교육, LEADERSHIP 리더십 과정, NEW_STAFF 신규자 교육, OTHER 기타',
  })
  @IsIn(EDUCATION_KINDS)
  kind: EducationKind;

  @ApiProperty({ format: 'date', example: '2026-04-15' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  sessionDate: string;

  @ApiProperty({ ...HOURS, example: 2, description: 'Hours, in half hours, up to 40' })
  @IsNumber()
  @HalfHours()
  @Min(0.5)
  @Max(MAX_SESSION_HOURS)
  hours: number;

  @ApiProperty({ enum: EDUCATION_DELIVERIES, example: 'OFFLINE' })
  @IsIn(EDUCATION_DELIVERIES)
  delivery: EducationDelivery;

  @ApiPropertyOptional({ maxLength: 200, example: '노원구청 대강당' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional({ maxLength: 2000, example: '적극행정 우수사례와 면책 제도 안내' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

@FieldLabels({
  version: '버전',
  title: '교육명',
  kind: '교육 종류',
  sessionDate: '교육일',
  hours: '교육 시간',
  delivery: '교육 방식',
  place: '장소',
  notes: '비고',
})
export class UpdateEducationSessionDto {
  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: '적극행정 전 직원 교육(2차)' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: EDUCATION_KINDS, example: 'NEW_STAFF' })
  @Optional()
  @IsIn(EDUCATION_KINDS)
  kind?: EducationKind;

  @ApiPropertyOptional({ format: 'date', example: '2026-04-22' })
  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  sessionDate?: string;

  @ApiPropertyOptional({
    ...HOURS,
    example: 3,
    description: 'Not below the hours of any attendee (400 belowAttendance)',
  })
  @Optional()
  @IsNumber()
  @HalfHours()
  @Min(0.5)
  @Max(MAX_SESSION_HOURS)
  hours?: number;

  @ApiPropertyOptional({ enum: EDUCATION_DELIVERIES, example: 'ONLINE' })
  @Optional()
  @IsIn(EDUCATION_DELIVERIES)
  delivery?: EducationDelivery;

  @ApiPropertyOptional({ maxLength: 200, example: '구청 소회의실' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional({ maxLength: 2000, example: '우수사례 발표 추가' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

@FieldLabels({ userId: '참석자', hours: '이수시간' })
export class AttendeeInputDto {
  @ApiProperty({ format: 'uuid', example: '0b6f7d1e-8a53-4c1a-9d57-0f1f2b3c4d5e' })
  @IsUUID()
  userId: string;

  @ApiPropertyOptional({
    ...HOURS,
    example: 1.5,
    description: 'Hours attended (half hours, at most the session’s); the session’s when left out',
  })
  @Optional()
  @IsNumber()
  @HalfHours()
  @Min(0.5)
  @Max(MAX_SESSION_HOURS)
  hours?: number;
}

@FieldLabels({ attendees: '참석자' })
export class AddAttendeesDto {
  @ApiProperty({
    type: [AttendeeInputDto],
    minItems: 1,
    maxItems: 500,
    example: [{ userId: '0b6f7d1e-8a53-4c1a-9d57-0f1f2b3c4d5e', hours: 2 }],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendeeInputDto)
  attendees: AttendeeInputDto[];
}

export class EducationYearQuery {
  @ApiPropertyOptional({ example: 2026, description: 'The calendar year (default: this year)' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class EducationCompletionQuery extends EducationYearQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'One department (office and auditors; others see their own department anyway)',
  })
  @Optional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2000, default: 500 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100000, default: 0 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;
}

export class RosterImportQuery {
  @ApiPropertyOptional({
    default: false,
    example: true,
    description: 'true: check the file and answer what the import would do, writing nothing',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;
}

export class RosterUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'One XLSX or CSV file (multipart field "file") headed 이메일, 이수시간 (optional), 이름 (optional) · XLSX 또는 CSV 명단',
  })
  file: unknown;
}

// ── Responses ─────────────────────────────────────────────────────────────────────────────

export class EducationSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: EDUCATION_KINDS }) kind: string;
  @ApiProperty({ example: '전 직원 교육' }) kindLabel: string;
  @ApiProperty({ format: 'date' }) sessionDate: string;
  @ApiProperty({ type: Number }) hours: number;
  @ApiProperty({ enum: EDUCATION_DELIVERIES }) delivery: string;
  @ApiProperty() place: string;
  @ApiProperty() notes: string;
  @ApiProperty({ type: 'integer' }) attendeeCount: number;
  @ApiProperty({ type: Number, description: 'Hours attended by all attendees' })
  attendedHours: number;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class EducationAttendeeDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId: string | null;
  @ApiProperty({ nullable: true, type: String }) departmentName: string | null;
  @ApiProperty({ type: Number }) hours: number;
  @ApiProperty({ enum: ['ENTERED', 'ROSTER'] }) source: string;
  @ApiProperty() recordedAt: Date;
}

export class EducationSessionDetailDto extends EducationSessionDto {
  @ApiProperty({
    type: [EducationAttendeeDto],
    description:
      'As far as you see them: the office and auditors all; department heads and staff their department’s and themselves; others themselves',
  })
  attendees: EducationAttendeeDto[];
}

export class UserCompletionDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ type: 'integer', description: 'Sessions attended in the year' }) sessions: number;
  @ApiProperty({ type: Number, description: 'Hours attended in the year' }) hours: number;
  @ApiProperty({ type: Number, description: 'Required hours (education.requiredHoursPerYear)' })
  required: number;
  @ApiProperty() completed: boolean;
  @ApiProperty({ type: Number, description: 'Hours still missing (0 when completed)' })
  shortfall: number;
}

export class DepartmentCompletionDto {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', description: 'Active users counted (staff roles)' })
  activeUsers: number;
  @ApiProperty({ type: 'integer' }) completedUsers: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'completedUsers / activeUsers (0–1); null without users',
  })
  completionRate: number | null;
}

export class EducationCompletionDto {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: Number }) requiredHours: number;
  @ApiProperty({ type: 'integer', description: 'Users in your scope' }) total: number;
  @ApiProperty({ type: 'integer' }) completedUsers: number;
  @ApiProperty({ type: Number, nullable: true }) completionRate: number | null;
  @ApiProperty({ type: [UserCompletionDto] }) users: UserCompletionDto[];
  @ApiProperty({ type: [DepartmentCompletionDto] }) departments: DepartmentCompletionDto[];
}

export class DepartmentParticipationDto extends DepartmentCompletionDto {
  @ApiProperty({ type: 'integer', description: 'Users who attended at least one session' })
  participants: number;
  @ApiProperty({ type: 'integer', description: 'Attendances (user × session)' })
  attendances: number;
  @ApiProperty({ type: Number }) attendanceHours: number;
  @ApiProperty({ type: Number, nullable: true, description: 'attendanceHours / activeUsers' })
  hoursPerUser: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'By completion rate, then hours per user; ties share a rank; null without users',
  })
  rank: number | null;
}

class RosterSummaryDto {
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer' }) unchanged: number;
}

class RosterRowDto {
  @ApiProperty({ type: 'integer', description: 'The row number as the sheet shows it' })
  row: number;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: Number }) hours: number;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged'] }) outcome: string;
}

export class RosterResultDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: ['xlsx', 'csv'] }) format: string;
  @ApiProperty({ type: RosterSummaryDto }) summary: RosterSummaryDto;
  @ApiProperty({ type: [RosterRowDto] }) rows: RosterRowDto[];
  @ApiProperty({ type: [String], description: 'Header cells that name no column: left alone' })
  ignoredColumns: string[];
}

/** The dashboard section `education` (sections.education): completion of the year as of the compile. */
export class EducationDashboardFiguresDto {
  @ApiProperty({ type: Number, description: 'education.requiredHoursPerYear' })
  requiredHours: number;
  @ApiProperty({ type: 'integer', description: 'Sessions held in the year by the compile’s day' })
  sessions: number;
  @ApiProperty({ type: 'integer' }) attendances: number;
  @ApiProperty({ type: Number }) attendanceHours: number;
  @ApiProperty({ type: 'integer', description: 'Active users counted (staff roles)' })
  activeUsers: number;
  @ApiProperty({ type: 'integer' }) completedUsers: number;
  @ApiProperty({ type: Number, nullable: true }) completionRate: number | null;
  @ApiProperty({ type: [DepartmentCompletionDto], description: 'Completion rate per department' })
  departments: DepartmentCompletionDto[];
}
