import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DATE, DATE_MESSAGE, RealDate, trim } from '../http/dto-helpers.js';
import { FieldLabels } from '../http/field-labels.js';
import { Optional } from '../http/validation.js';

export class BusinessDaysQuery {
  @ApiProperty({ example: '2026-09-21' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  from: string;

  @ApiProperty({
    example: '2026-10-12',
    description: 'Inclusive; at most 366 days listed (365 after `from`)',
  })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  to: string;
}

export class CalendarDayDto {
  @ApiProperty({ example: '2026-09-25' }) date: string;
  @ApiProperty({ type: 'integer', example: 5, description: '0 = Sunday … 6 = Saturday' })
  weekday: number;
  @ApiProperty() businessDay: boolean;
  @ApiProperty({
    type: [String],
    example: ['추석'],
    description: 'A declared day’s name first, then the gazette’s names',
  })
  holidays: readonly string[];
  @ApiProperty({
    enum: ['declared', 'package'],
    nullable: true,
    type: String,
    description:
      'What makes the day a holiday: a declaration in Gwaje (wins where both speak of the day) or the holiday package; null on an ordinary day or weekend',
  })
  source: 'declared' | 'package' | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'With source declared',
  })
  declarationId: string | null;
  @ApiProperty({
    enum: ['national', 'organisation'],
    nullable: true,
    type: String,
    description: 'With source declared: a national holiday or your organisation’s closure',
  })
  declaredFor: 'national' | 'organisation' | null;
}

export class BusinessDaysDto {
  @ApiProperty({ example: '2026-09-21' }) from: string;
  @ApiProperty({ example: '2026-10-12' }) to: string;
  @ApiProperty({ type: 'integer', example: 12, description: 'Business days in the range' })
  businessDays: number;
  @ApiProperty({ example: 'Asia/Seoul' }) timeZone: string;
  @ApiProperty({
    example: '@hyunbinseo/holidays-kr (관보), 2018–2027',
    description: 'Where the public holidays come from and which years it covers',
  })
  source: string;
  @ApiProperty({ type: [CalendarDayDto] }) days: CalendarDayDto[];
}

class LocalTextDto {
  @ApiProperty() ko: string;
  @ApiProperty() en: string;
}

export class HolidayHorizonDto {
  @ApiProperty({ example: '2027-12-31', description: 'The last day whose holidays are known' })
  dataUntil: string;
  @ApiProperty({ type: 'integer', example: 2028, description: 'The first year refused (422)' })
  firstMissingYear: number;
  @ApiProperty({ example: '2027-03-31', description: 'The warning shows from this day' })
  warnFrom: string;
  @ApiProperty({
    type: LocalTextDto,
    nullable: true,
    description: 'Set when the data ends within 9 months: upgrade the holiday package',
  })
  warning: LocalTextDto | null;
}

@FieldLabels({ year: '연도' })
export class DeclaredDaysQuery {
  @ApiPropertyOptional({ example: 2027, description: 'Only the declarations of this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export const DECLARATION_SCOPES = ['NATIONAL', 'ORGANISATION'] as const;

@FieldLabels({
  scope: '범위',
  organisationId: '기관',
  date: '날짜',
  name: '휴일 이름',
  basis: '근거',
  reason: '사유',
})
export class DeclareDayDto {
  @ApiProperty({
    enum: DECLARATION_SCOPES,
    description:
      'NATIONAL: a public holiday for every organisation (system administrator); ORGANISATION: one organisation’s closure (its administrator)',
  })
  @IsIn(DECLARATION_SCOPES)
  scope: (typeof DECLARATION_SCOPES)[number];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'ORGANISATION: whose closure (default: yours); not with NATIONAL',
  })
  @Optional()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ example: '2027-06-03', description: 'Today or later (Asia/Seoul)' })
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  date: string;

  @ApiProperty({ maxLength: 100, example: '임시공휴일' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({
    maxLength: 500,
    example: '관보 제20000호 (2027. 5. 20.) 임시공휴일 지정',
    description: 'The legal basis or the announcement',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  basis: string;

  @ApiProperty({ maxLength: 1000, example: '정부 발표에 따라 지정' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

@FieldLabels({ reason: '사유' })
export class WithdrawDayDto {
  @ApiProperty({ maxLength: 1000, example: '발표 정정' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

class NamedRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class DeclarationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DECLARATION_SCOPES }) scope: string;
  @ApiProperty({ type: NamedRefDto, nullable: true, description: 'ORGANISATION: whose closure' })
  organisation: NamedRefDto | null;
  @ApiProperty({ example: '2027-06-03' }) date: string;
  @ApiProperty({ example: '임시공휴일' }) name: string;
  @ApiProperty() basis: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: NamedRefDto, nullable: true }) declaredBy: NamedRefDto | null;
  @ApiProperty() declaredAt: Date;
  @ApiProperty({ type: 'integer', description: 'Deadlines the declaration moved when made' })
  moved: number;
  @ApiProperty({ type: Date, nullable: true }) withdrawnAt: Date | null;
  @ApiProperty({ type: NamedRefDto, nullable: true }) withdrawnBy: NamedRefDto | null;
  @ApiProperty({ type: String, nullable: true }) withdrawalReason: string | null;
  @ApiProperty({ description: 'You may withdraw it now' }) withdrawable: boolean;
}

export class DeclaredDaysDto {
  @ApiProperty({ type: HolidayHorizonDto }) horizon: HolidayHorizonDto;
  @ApiProperty({ type: [DeclarationDto] }) items: DeclarationDto[];
}

class MovedDeadlinesDto {
  @ApiProperty({ type: 'integer', description: 'Open deadlines moved' }) total: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { report: 12, consultation: 1 },
    description: 'Per kind of record',
  })
  byRecordType: Record<string, number>;
}

export class DeclarationChangeDto {
  @ApiProperty({ type: DeclarationDto }) declaration: DeclarationDto;
  @ApiProperty({ type: MovedDeadlinesDto }) moved: MovedDeadlinesDto;
}
