import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBool } from '../http/dto-helpers.js';

export class ImportQuery {
  @ApiPropertyOptional({
    default: false,
    example: true,
    description:
      'true: check the file and answer what the import would do, writing nothing · 미리 보기(검사만 하고 저장하지 않음)',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'One XLSX or CSV file (multipart field "file"), headed as the kind’s template · XLSX 또는 CSV 파일 하나',
    example:
      '(the bytes of an XLSX file filled in from the kind’s template, GET /imports/{kind}/template)',
  })
  file: unknown;
}

export class ImportSummaryDto {
  @ApiProperty({ type: 'integer', example: 3 }) created: number;
  @ApiProperty({ type: 'integer', example: 1 }) updated: number;
  @ApiProperty({ type: 'integer', example: 5 }) unchanged: number;
}

export class ImportRowResultDto {
  @ApiProperty({
    nullable: true,
    type: String,
    example: '중점과제',
    description: 'The sheet (null for CSV)',
  })
  sheet: string | null;

  @ApiProperty({ type: 'integer', example: 2, description: 'The row number as the sheet shows it' })
  row: number;

  @ApiProperty({
    example: '2026-03',
    description:
      'The row’s key: department name, e-mail, task code, or task code and milestone title',
  })
  key: string;

  @ApiProperty({ enum: ['created', 'updated', 'unchanged'], example: 'created' })
  outcome: 'created' | 'updated' | 'unchanged';

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The record’s id; null for a record a dry run would create',
  })
  id: string | null;

  @ApiProperty({
    type: [String],
    example: ['종료일', '위험도'],
    description: 'Korean headers of the changed values (updated rows)',
  })
  changes: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '2026-03',
    description: 'Tasks and milestones: the task code (a new task’s next free code)',
  })
  code?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Kx7m-Qp2w-Zr9t',
    description:
      'Users created by a real import: the one-time password to hand over; it must be changed at the first sign-in and is shown only here',
  })
  temporaryPassword?: string | null;
}

export class IgnoredColumnDto {
  @ApiProperty({ nullable: true, type: String, example: '중점과제' }) sheet: string | null;
  @ApiProperty({ example: '추진률(%)' }) column: string;
}

export class ImportResultDto {
  @ApiProperty({ enum: ['departments', 'users', 'tasks', 'milestones'], example: 'tasks' })
  kind: 'departments' | 'users' | 'tasks' | 'milestones';

  @ApiProperty({ example: false }) dryRun: boolean;

  @ApiProperty({ enum: ['xlsx', 'csv'], example: 'xlsx' }) format: 'xlsx' | 'csv';

  @ApiProperty({
    nullable: true,
    enum: ['utf-8', 'euc-kr'],
    example: null,
    description: 'CSV: the encoding it was read in',
  })
  encoding: 'utf-8' | 'euc-kr' | null;

  @ApiProperty({ type: ImportSummaryDto }) summary: ImportSummaryDto;

  @ApiProperty({ type: [ImportRowResultDto] }) rows: ImportRowResultDto[];

  @ApiProperty({
    type: [IgnoredColumnDto],
    description: 'Header cells that name no column of the kind: left alone',
  })
  ignoredColumns: IgnoredColumnDto[];
}
