import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeclaredDaysService, declaredDays, describeBusinessDays } from '@gwaje/calendar';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  BusinessDaysDto,
  BusinessDaysQuery,
  DeclarationChangeDto,
  DeclareDayDto,
  DeclaredDaysDto,
  DeclaredDaysQuery,
  WithdrawDayDto,
} from './calendar.dto.js';

@ApiTags('calendar · 근무일')
@ApiAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly declared: DeclaredDaysService) {}

  @Get('business-days')
  @ApiOperation({
    summary:
      'The business-day calendar deadlines use: weekends, Korean public holidays (substitute and temporary holidays included) and declared days, Asia/Seoul · 근무일 달력',
    description:
      '기한 계산에 쓰는 근무일 달력을 기간(from~to, 최대 366일)별로 돌려줍니다. 주말, 대체·임시공휴일을 포함한 공휴일, Gwaje에서 지정한 공휴일과 내 기관의 휴무일을 제외하며, 시간대는 Asia/Seoul입니다. 날마다 휴일의 출처(source: 지정(declared, declarationId와 함께) 또는 공휴일 패키지(package))를 밝히며, 둘 다 있는 날은 지정이 우선합니다. 로그인한 사용자라면 누구나 호출할 수 있습니다. to가 from보다 빠르거나 기간이 너무 길면 400, 공휴일 자료가 없는 연도가 기간에 들어 있으면 그 연도를 밝힌 422(CALENDAR_UNAVAILABLE, missingYear)입니다.\n\n' +
      'Returns the business-day calendar that deadlines use for a range (from to to, at most 366 days): weekends, Korean public holidays (substitute and temporary ones included), holidays declared in Gwaje and your organisation’s closures, in Asia/Seoul. Each day says where its holiday comes from (source: declared, with declarationId, or package); a declaration wins where both speak of a day. Any signed-in user may call it. A to before from or a longer range is a 400; a range reaching a year whose holidays are not yet known is a 422 (CALENDAR_UNAVAILABLE) naming the year (missingYear).',
  })
  @ApiOkResponse({ type: BusinessDaysDto })
  @ApiErrors(400, 422)
  businessDays(@CurrentUser() user: AuthUser, @Query() query: BusinessDaysQuery): BusinessDaysDto {
    return describeBusinessDays(query.from, query.to, {
      declared: declaredDays(),
      organisationId: user.organisationId,
    });
  }

  @Get('declared-days')
  @ApiOperation({
    summary:
      'Declared national holidays and your organisation’s closures, and how far the holiday data reaches · 지정 휴일 목록',
    description:
      '시스템 관리자가 지정한 전국 공휴일과 내 기관(관리자는 관리하는 기관 포함)의 휴무일을, 철회된 것까지 날짜순으로 돌려줍니다. horizon은 공휴일 패키지 자료가 끝나는 날과, 9개월 안에 끝나면 경고(warning)를 담습니다. 로그인한 사용자라면 누구나 호출할 수 있습니다.\n\n' +
      'Returns the national holidays declared by the system administrator and the closures of your organisation (an ADMIN: also of the organisations it administers), withdrawn ones included, by date. `horizon` says where the holiday package’s data ends, with a warning once that is within 9 months. Any signed-in user may call it.',
  })
  @ApiOkResponse({ type: DeclaredDaysDto })
  @ApiErrors(400)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: DeclaredDaysQuery,
  ): Promise<DeclaredDaysDto> {
    return { horizon: this.declared.horizon(), items: await this.declared.list(user, query.year) };
  }

  @Post('declared-days')
  @ApiOperation({
    summary:
      'Declare a national holiday (system administrator) or an organisation’s closure (its ADMIN); open deadlines it shifts move · 공휴일·휴무일 지정',
    description:
      '전국 공휴일(scope NATIONAL, 시스템 관리자만)이나 한 기관의 휴무일(scope ORGANISATION, 그 기관을 관리하는 ADMIN)을 날짜, 이름, 근거(법령·공고), 사유와 함께 지정하고 이력에 남깁니다. 그날을 근무일로 세던 열린 기한(제출 전 이행실적, 검토 전 사전컨설팅, 처리 중인 소극행정 신고·국민신청, 답변 전 협업SOS)은 같은 근무일 수만큼 뒤로 옮겨지고, 옮겨진 기록마다 이유가 적힌 이력이 남으며 알림도 새 기한을 따릅니다. 지난 날짜는 400, 같은 날의 지정이 이미 있으면 409, 공휴일 자료가 없는 연도는 422, 다른 역할은 403, 관리하지 않는 기관은 404입니다.\n\n' +
      'Declares a national holiday (scope NATIONAL, the system administrator only) or one organisation’s closure (scope ORGANISATION, an ADMIN administering it) with its date, name, legal basis or announcement and reason, recorded in history. Every open deadline that counted the day as a business day (reports not yet submitted, consultations awaiting screening, passive-administration reports and citizen applications in progress, unanswered 협업SOS) moves on by the same count of business days, each moved record gets a history entry saying why, and reminders follow the new dates. A past date is a 400, a day already declared a 409, a year without holiday data a 422, other roles a 403, an organisation not administered a 404.',
  })
  @ApiCreatedResponse({ type: DeclarationChangeDto })
  @ApiErrors(400, 404, 409, 422)
  declare(
    @CurrentUser() user: AuthUser,
    @Body() dto: DeclareDayDto,
  ): Promise<DeclarationChangeDto> {
    return this.declared.declare(user, dto);
  }

  @Post('declared-days/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a declared day; the deadlines it moved move back · 지정 휴일 철회',
    description:
      '지정한 공휴일·휴무일을 사유와 함께 철회하고 이력에 남깁니다. 그날 때문에 옮겨졌던 열린 기한은 다시 계산되어 돌아가고, 기록마다 이력이 남습니다. 지정과 같은 권한이 필요하며(다른 역할은 403), 보이지 않는 지정은 404, 이미 철회했으면 409, 지난 날짜는 400입니다.\n\n' +
      'Withdraws a declared holiday or closure with a reason, recorded in history. The open deadlines it moved are recounted and move back, each with a history entry. Needs the same rights as declaring (403 for other roles); a declaration you cannot see is a 404, one already withdrawn a 409, a past day a 400.',
  })
  @ApiOkResponse({ type: DeclarationChangeDto })
  @ApiErrors(400, 404, 409, 422)
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: WithdrawDayDto,
  ): Promise<DeclarationChangeDto> {
    return this.declared.withdraw(user, id, dto.reason);
  }
}
