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
      'The business-day calendar deadlines use: weekends and Korean public holidays (substitute and temporary holidays included), Asia/Seoul · 근무일 달력',
    description:
      '기한 계산에 쓰는 근무일 달력을 기간(from~to, 최대 366일)별로 돌려줍니다. 주말과 대체·임시공휴일을 포함한 공휴일을 제외하며, 시간대는 Asia/Seoul입니다. 로그인한 사용자라면 누구나 호출할 수 있습니다. to가 from보다 빠르거나 기간이 너무 길면 400, 공휴일 자료가 없는 연도가 기간에 들어 있으면 422(CALENDAR_UNAVAILABLE)입니다.\n\n' +
      'Returns the business-day calendar that deadlines use for a range (from to to, at most 366 days): weekends and Korean public holidays, substitute and temporary ones included, in Asia/Seoul. Any signed-in user may call it. A to before from or a longer range is a 400; a range reaching a year whose holidays are not yet known is a 422 (CALENDAR_UNAVAILABLE).',
  })
  @ApiOkResponse({ type: BusinessDaysDto })
  @ApiErrors(400, 422)
  businessDays(@Query() query: BusinessDaysQuery): BusinessDaysDto {
    return describeBusinessDays(query.from, query.to);
  }
}
