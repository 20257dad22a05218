import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { ReportingCalendarService } from '@gwaje/reports';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import {
  GenerateReportsDto,
  GenerateResultDto,
  ReportingCalendarDto,
  SetReportingCalendarDto,
  YearParam,
} from './reports.dto.js';

@ApiTags('reports · 이행실적')
@ApiAuth()
@Controller()
export class ReportingCalendarsController {
  constructor(private readonly calendars: ReportingCalendarService) {}

  @Get('reporting-calendars/:year')
  @ApiOperation({
    summary: 'The year’s reporting calendar: cadence, periods and due dates · 보고 일정 조회',
    description:
      '내 기관의 해당 연도 보고 일정(보고 주기, 마감 근무일 수, 기간별 시작·종료일과 제출 마감일)을 돌려줍니다. 따로 정한 일정이 없으면 기관 설정의 기본값(source: DEFAULT)을 보여 줍니다. STAFF·DEPT_HEAD·AUDITOR·PROACTIVE_OFFICE가 볼 수 있고 그 밖은 403이며, 공휴일 자료가 아직 없는 연도에 걸린 마감일은 null입니다.\n\n' +
      'Returns your organisation’s reporting calendar for the year: cadence, due business days, and each period with its start, end and due date. Without a calendar of its own the year shows the organisation’s default settings (source: DEFAULT). STAFF, DEPT_HEAD, AUDITOR and PROACTIVE_OFFICE may read it (403 otherwise); a due date in a year whose holidays are not known yet is null.',
  })
  @ApiOkResponse({ type: ReportingCalendarDto })
  @ApiErrors(400, 422)
  get(@CurrentUser() user: AuthUser, @Param() params: YearParam): Promise<ReportingCalendarDto> {
    return this.calendars.view(user, params.year);
  }

  @Put('reporting-calendars/:year')
  @ApiOperation({
    summary:
      'Set the year’s cadence and due day (PROACTIVE_OFFICE); refused once reports of the year are being written · 보고 일정 설정',
    description:
      '내 기관의 해당 연도 보고 주기(MONTHLY·QUARTERLY·HALF_YEARLY)와 마감 근무일 수를 정하고 이력에 남깁니다. 아직 손대지 않은 제출 대상 실적은 새 일정에 맞게 다시 만들어집니다. 적극행정 전담부서(PROACTIVE_OFFICE)만 호출할 수 있고(그 밖은 403), 그 해 실적이 이미 작성·제출되었거나 첨부가 있으면 일정을 바꿀 수 없어 409(CALENDAR_IN_USE), 읽은 version이 오래되었으면 409, 공휴일 자료가 없는 연도는 422입니다.\n\n' +
      'Sets your organisation’s reporting cadence (MONTHLY, QUARTERLY, HALF_YEARLY) and due business days for the year, recorded in history; expected reports nobody has touched are recreated for the new calendar. PROACTIVE_OFFICE only (403 otherwise). Once a report of the year has been edited, submitted or given an attachment the calendar cannot change (409 CALENDAR_IN_USE); a stale version is a 409; a year without holiday data is a 422.',
  })
  @ApiOkResponse({ type: ReportingCalendarDto })
  @ApiErrors(400, 409, 422)
  set(
    @CurrentUser() user: AuthUser,
    @Param() params: YearParam,
    @Body() dto: SetReportingCalendarDto,
  ): Promise<ReportingCalendarDto> {
    return this.calendars.set(user, params.year, dto);
  }

  @Post('reports/generate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Create the expected reports of a year now (PROACTIVE_OFFICE); idempotent, also run daily by the worker · 제출 대상 이행실적 생성',
    description:
      '해당 연도에 이미 시작된 기간마다, 그 기간에 추진 중(SELECTED·IN_PROGRESS)이던 과제의 제출 대상 이행실적을 지금 만들고 만든 건수를 돌려줍니다. 일정이 없던 연도는 기관 기본값으로 일정을 확정합니다. 여러 번 호출해도 같은 실적을 두 번 만들지 않으며, 워커도 매일 실행합니다. 적극행정 전담부서(PROACTIVE_OFFICE)만 호출할 수 있고(그 밖은 403), 공휴일 자료가 없는 연도는 422입니다.\n\n' +
      'Creates now the expected reports of the year: for every period that has begun, one per task that was SELECTED or IN_PROGRESS in it, and returns how many were created; a year without a calendar gets the organisation’s defaults fixed. Idempotent (never the same report twice) and also run daily by the worker. PROACTIVE_OFFICE only (403 otherwise); a year without holiday data is a 422.',
  })
  @ApiOkResponse({ type: GenerateResultDto })
  @ApiErrors(400, 422)
  generate(
    @CurrentUser() user: AuthUser,
    @Body() dto: GenerateReportsDto,
  ): Promise<GenerateResultDto> {
    return this.calendars.generateFor(user, dto.year);
  }
}
