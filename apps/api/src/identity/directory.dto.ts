import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEnum, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  DepartmentKind,
  OrganisationKind,
  type DirectoryDepartment,
  type DirectoryOrganisation,
} from '@gwaje/identity';
import { Optional } from '../http/validation.js';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class DirectoryOrganisationsQuery {
  @ApiPropertyOptional({
    description: 'Part of the organisation’s name (case-insensitive) · 기관명 일부',
    example: '노원',
    minLength: 1,
    maxLength: 100,
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: OrganisationKind,
    description: '중앙행정기관 · 시·도 · 시·군·구 · 교육청 · 공공기관',
    example: OrganisationKind.CENTRAL_AGENCY,
  })
  @Optional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, example: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000, example: 0 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset: number = 0;
}

class DirectoryParentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '서울특별시' }) name: string;
}

export class DirectoryOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '노원구' }) name: string;
  @ApiProperty({
    enum: OrganisationKind,
    description: '중앙행정기관 · 시·도 · 시·군·구 · 교육청 · 공공기관',
  })
  kind: OrganisationKind;
  @ApiProperty({
    type: DirectoryParentDto,
    nullable: true,
    description: 'The organisation above it (a 구’s 시·도); null: a top-level organisation',
  })
  parent: DirectoryParentDto | null;

  static of(o: DirectoryOrganisation): DirectoryOrganisationDto {
    return { id: o.id, name: o.name, kind: o.kind, parent: o.parent };
  }
}

export class DirectoryOrganisationPageDto {
  @ApiProperty({ type: [DirectoryOrganisationDto] }) items: DirectoryOrganisationDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export class DirectoryDepartmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '복지정책과' }) name: string;
  @ApiProperty({ enum: DepartmentKind, description: '과 · 담당관 · 동 · 보건소 · 팀' })
  kind: DepartmentKind;

  static of(d: DirectoryDepartment): DirectoryDepartmentDto {
    return { id: d.id, name: d.name, kind: d.kind };
  }
}
