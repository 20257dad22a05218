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
  ArrayUnique,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  ALL_ROLES,
  ROLE_LABELS,
  DepartmentKind,
  OrganisationKind,
  type DepartmentView,
  type Organisation,
  type Role,
  type UserView,
} from '@gwaje/identity';
import { Optional } from '../http/validation.js';
import { FieldLabels } from '../http/field-labels.js';

const LANGUAGES = ['ko', 'en'] as const;
const ROLES_DESCRIPTION = ALL_ROLES.map((r) => `${r}: ${ROLE_LABELS[r]}`).join(' · ');
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The optimistic-lock field every update carries. */
export class VersionedDto {
  @ApiProperty({ description: 'The version you read; a stale one is a 409', example: 3 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

// ── Organisations ──────────────────────────────────────────────────────────────────────────────

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '노원구' }) name: string;
  @ApiProperty({
    enum: OrganisationKind,
    description: '중앙행정기관 · 시·도 · 시·군·구 · 교육청 · 공공기관',
  })
  kind: OrganisationKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(o: Organisation): OrganisationDto {
    const { id, name, kind, parentId, active, version, createdAt, updatedAt } = o;
    return { id, name, kind, parentId, active, version, createdAt, updatedAt };
  }
}

@FieldLabels({ name: '기관명', kind: '기관 종류', parentId: '상급 기관' })
export class CreateOrganisationDto {
  @ApiProperty({ example: '도봉구', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: OrganisationKind, example: OrganisationKind.LOCAL })
  @IsEnum(OrganisationKind)
  kind: OrganisationKind;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'An organisation you administer. Left out or null: a top-level organisation (서울특별시, a 중앙행정기관, a 공공기관), which only a system administrator creates (403 otherwise)',
    example: '3f1c2b8e-5a4d-4c2e-9b7a-1d2e3f4a5b6c',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class UpdateOrganisationDto extends IntersectionType(
  VersionedDto,
  PartialType(CreateOrganisationDto, { skipNullProperties: false }),
) {}

export class ReasonDto {
  @ApiPropertyOptional({ maxLength: 1000, example: '조직 개편' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

// ── Departments ────────────────────────────────────────────────────────────────────────────────

export class DepartmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: '복지정책과' }) name: string;
  @ApiProperty({ enum: DepartmentKind, description: '과 · 담당관 · 동 · 보건소 · 팀' })
  kind: DepartmentKind;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The head: the active user of this department holding DEPT_HEAD (derived from the role, one per department); null when none',
  })
  headUserId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '이서연', description: "The head's name" })
  headName: string | null;
  @ApiProperty({ description: '감사담당관' }) isAuditUnit: boolean;
  @ApiProperty({ description: '적극행정 전담부서' }) isProactiveOffice: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(d: DepartmentView): DepartmentDto {
    const {
      id,
      organisationId,
      name,
      kind,
      headUserId,
      headName,
      isAuditUnit,
      isProactiveOffice,
      active,
      version,
      createdAt,
      updatedAt,
    } = d;
    return {
      id,
      organisationId,
      name,
      kind,
      headUserId,
      headName,
      isAuditUnit,
      isProactiveOffice,
      active,
      version,
      createdAt,
      updatedAt,
    };
  }
}

@FieldLabels({ includeInactive: '비활성 포함 여부' })
export class ListDepartmentsQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Defaults to your organisation',
    example: '3f1c2b8e-5a4d-4c2e-9b7a-1d2e3f4a5b6c',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ default: false, example: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeInactive?: boolean;
}

@FieldLabels({
  name: '부서명',
  kind: '부서 종류',
  isAuditUnit: '감사부서 여부',
  isProactiveOffice: '적극행정 담당부서 여부',
})
export class CreateDepartmentDto {
  @ApiProperty({ format: 'uuid', example: '3f1c2b8e-5a4d-4c2e-9b7a-1d2e3f4a5b6c' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ example: '복지정책과', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: DepartmentKind, example: DepartmentKind.DIVISION })
  @IsEnum(DepartmentKind)
  kind: DepartmentKind;

  @ApiPropertyOptional({ default: false, example: false })
  @Optional()
  @IsBoolean()
  isAuditUnit?: boolean;

  @ApiPropertyOptional({ default: false, example: false })
  @Optional()
  @IsBoolean()
  isProactiveOffice?: boolean;
}

@FieldLabels({ headUserId: '부서장' })
export class UpdateDepartmentDto extends IntersectionType(
  VersionedDto,
  PartialType(OmitType(CreateDepartmentDto, ['organisationId'] as const), {
    skipNullProperties: false,
  }),
) {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'A convenience that names the head as PUT /departments/{id}/head does: an active user of this department, who gets DEPT_HEAD while the previous head loses it (keeping STAFF); null: no head',
    example: '7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40',
  })
  @IsOptional()
  @IsUUID()
  headUserId?: string | null;
}

@FieldLabels({ userId: '부서장', version: '버전', reason: '사유' })
export class SetDepartmentHeadDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'An active user of this department, who gets DEPT_HEAD; the previous head loses it (keeping STAFF). null: the department has no head',
    example: '7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40',
  })
  @IsDefined()
  @ValidateIf((_o: object, v: unknown) => v !== null)
  @IsUUID()
  userId: string | null;

  @ApiPropertyOptional({
    description: 'The department’s version as read; a stale one is a 409. Left out: not checked',
    example: 3,
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;

  @ApiPropertyOptional({ maxLength: 1000, example: '인사 발령' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ example: '복지정책과' }) departmentName: string;
  @ApiProperty({ example: '김민준' }) name: string;
  @ApiProperty({ example: 'staff@nowon.demo.gwaje.kr' }) email: string;
  @ApiProperty({ example: '행정7급', description: '직급' }) grade: string;
  @ApiProperty({ enum: ALL_ROLES, isArray: true, description: ROLES_DESCRIPTION }) roles: Role[];
  @ApiProperty({
    description:
      'The system administrator (an ADMIN): administers every organisation, creates top-level organisations, uses the queue board. Granted and revoked only by a system administrator',
  })
  systemAdministrator: boolean;
  @ApiProperty({ enum: LANGUAGES }) language: 'ko' | 'en';
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Locked after repeated failed logins' }) locked: boolean;
  @ApiProperty({ nullable: true, type: Date }) lockedUntil: Date | null;
  @ApiProperty({ nullable: true, type: Date }) lastLoginAt: Date | null;
  @ApiProperty({
    description:
      'After an administrator set the password, and for the first administrator: until the user changes it (POST /api/v1/me/password), every route but GET /me, the change and sign-out answers 403 PASSWORD_CHANGE_REQUIRED',
  })
  passwordChangeRequired: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(u: UserView): UserDto {
    return { ...u };
  }
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ type: 'integer', example: 42 }) total: number;
  @ApiProperty({ type: 'integer', example: 50 }) limit: number;
  @ApiProperty({ type: 'integer', example: 0 }) offset: number;
}

@FieldLabels({ role: '역할' })
export class ListUsersQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '3f1c2b8e-5a4d-4c2e-9b7a-1d2e3f4a5b6c' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: 'a5d8e2f1-6b3c-4e7a-9d0f-8c1b2a3e4d5f' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: ALL_ROLES, example: 'DEPT_HEAD' })
  @IsOptional()
  @IsIn(ALL_ROLES)
  role?: Role;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description: 'Part of the name or email',
    maxLength: 100,
    example: '김민',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 100, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
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

@FieldLabels({ grade: '직급' })
export class CreateUserDto {
  @ApiProperty({ format: 'uuid', example: 'a5d8e2f1-6b3c-4e7a-9d0f-8c1b2a3e4d5f' })
  @IsUUID()
  departmentId: string;

  @ApiProperty({ example: '김민준', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'minjun.kim@nowon.go.kr' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '행정7급', maxLength: 50 })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  grade?: string;

  @ApiProperty({
    enum: ALL_ROLES,
    isArray: true,
    description: ROLES_DESCRIPTION,
    example: ['STAFF', 'DEPT_HEAD'],
  })
  @IsIn(ALL_ROLES, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(ALL_ROLES.length)
  roles: Role[];

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'ko', example: 'ko' })
  @Optional()
  @IsIn(LANGUAGES)
  language?: 'ko' | 'en';

  @ApiProperty({
    description:
      'At least the organisation minimum (default 10), not containing the name or email. In an update: an administrator’s reset, which ends the user’s sessions',
    maxLength: 128,
    example: 'Nowon#Proactive2026',
  })
  @IsString()
  @MaxLength(128)
  password: string;
}

@FieldLabels({ systemAdministrator: '시스템 관리자 여부' })
export class UpdateUserDto extends IntersectionType(
  VersionedDto,
  PartialType(OmitType(CreateUserDto, ['email'] as const), { skipNullProperties: false }),
) {
  @ApiPropertyOptional({
    description:
      'Grant (true) or revoke (false) system administrator: a system administrator only (403 otherwise); the user must hold ADMIN; the last active system administrator cannot be revoked (400)',
    example: true,
  })
  @Optional()
  @IsBoolean()
  systemAdministrator?: boolean;
}
