import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import {
  ANNUAL_REPORT_STATUSES,
  type AnnualReportAction,
  type AnnualReportScope,
  type AnnualReportStatus,
} from '@gwaje/programme';
import { FieldLabels, Optional } from '../http.js';

const UNITS = ['COUNT', 'PEOPLE', 'SHARE', 'DAYS', 'HOURS', 'WON'] as const;
const SCOPES: readonly AnnualReportScope[] = ['own', 'subordinates'];
const ACTIONS: readonly AnnualReportAction[] = ['generate', 'submit'];

export class AnnualReportYearParam {
  @ApiProperty({ example: 2026, description: 'The calendar year reported' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

@FieldLabels({ year: '연도' })
export class GenerateAnnualReportDto {
  @ApiProperty({
    type: 'integer',
    minimum: 2000,
    maximum: 2100,
    example: 2025,
    description: 'The calendar year to report on (your own organisation)',
  })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

@FieldLabels({ version: '판' })
export class SubmitAnnualReportDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 2,
    description: 'The version you read; it must be the latest (else 409)',
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version: number;
}

@FieldLabels({ version: '판' })
export class AnnualReportVersionQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 1,
    description: 'A version; without it the latest',
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

@FieldLabels({ year: '연도', scope: '범위' })
export class AnnualReportListQuery {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({
    enum: SCOPES,
    example: 'subordinates',
    description:
      'own (default): your organisation; subordinates: every organisation below it in the organisation tree',
  })
  @Optional()
  @IsIn(SCOPES)
  scope?: AnnualReportScope;
}

export class AnnualFigureDto {
  @ApiProperty({ example: 'completed' })
  key: string;
  @ApiProperty({ example: '완료' })
  labelKo: string;
  @ApiProperty({ example: 'Completed' })
  labelEn: string;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 7,
    description: 'A count, a share (0–1), days, hours or won; null when it cannot be computed',
  })
  value: number | null;
  @ApiProperty({ enum: UNITS, example: 'COUNT' })
  unit: (typeof UNITS)[number];
}

export class AnnualReportSectionDto {
  @ApiProperty({ example: 'tasks' })
  name: string;
  @ApiProperty({ example: '적극행정 중점과제' })
  titleKo: string;
  @ApiProperty({ example: 'Priority tasks' })
  titleEn: string;
  @ApiProperty({ type: [AnnualFigureDto] })
  figures: AnnualFigureDto[];
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '최수아' })
  name: string;
}

export class AnnualReportSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
  @ApiProperty({ example: '노원구' })
  organisationName: string;
  @ApiProperty({ example: 2025 })
  year: number;
  @ApiProperty({ example: 2, description: 'Each generation stores the next version' })
  version: number;
  @ApiProperty({ example: 2 })
  latestVersion: number;
  @ApiProperty({ enum: ANNUAL_REPORT_STATUSES, example: 'DRAFT' })
  status: AnnualReportStatus;
  @ApiProperty({ type: String, format: 'date-time' })
  generatedAt: Date;
  @ApiProperty({ type: PersonRefDto, nullable: true })
  generatedBy: PersonRefDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: Date | null;
  @ApiProperty({ type: PersonRefDto, nullable: true })
  submittedBy: PersonRefDto | null;
}

export class AnnualReportDto extends AnnualReportSummaryDto {
  @ApiProperty({ type: [AnnualReportSectionDto] })
  sections: AnnualReportSectionDto[];
  @ApiProperty({ enum: ACTIONS, isArray: true, example: ['generate', 'submit'] })
  allowedActions: AnnualReportAction[];
}

export class OrganisationReportFiguresDto {
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ enum: ANNUAL_REPORT_STATUSES, example: 'SUBMITTED' })
  status: AnnualReportStatus;
  @ApiProperty({ type: String, format: 'date-time' })
  generatedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: Date | null;
  @ApiProperty({ type: [AnnualReportSectionDto] })
  sections: AnnualReportSectionDto[];
}

export class OrganisationAnnualReportDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
  @ApiProperty({ example: '노원구' })
  organisationName: string;
  @ApiProperty({ example: 'LOCAL' })
  organisationKind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId: string | null;
  @ApiProperty({ example: 1, description: '0: your organisation; 1: directly below it; …' })
  depth: number;
  @ApiProperty({
    type: OrganisationReportFiguresDto,
    nullable: true,
    description: 'The latest report of the year; null when none was generated',
  })
  report: OrganisationReportFiguresDto | null;
}
