import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeBusinessDays } from '@gwaje/calendar';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { BusinessDaysDto, BusinessDaysQuery } from './calendar.dto.js';

@ApiTags('calendar · 근무일')
@ApiAuth()
@Controller('calendar')
export class CalendarController {
  @Get('business-days')
  @ApiOperation({
    summary:
      'The business-day calendar deadlines use: weekends and Korean public holidays (substitute and temporary holidays included), Asia/Seoul',
  })
  @ApiOkResponse({ type: BusinessDaysDto })
  @ApiErrors(400, 422)
  businessDays(@Query() query: BusinessDaysQuery): BusinessDaysDto {
    return describeBusinessDays(query.from, query.to);
  }
}
