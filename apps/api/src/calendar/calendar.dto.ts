import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DATE, DATE_MESSAGE, RealDate } from '../http/dto-helpers.js';

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
  @ApiProperty({ type: [String], example: ['추석'] }) holidays: readonly string[];
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
