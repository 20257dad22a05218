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
  @ApiOperation({ summary: "The year's reporting calendar: cadence, periods and due dates" })
  @ApiOkResponse({ type: ReportingCalendarDto })
  @ApiErrors(400, 422)
  get(@CurrentUser() user: AuthUser, @Param() params: YearParam): Promise<ReportingCalendarDto> {
    return this.calendars.view(user, params.year);
  }

  @Put('reporting-calendars/:year')
  @ApiOperation({
    summary:
      "Set the year's cadence and due day (PROACTIVE_OFFICE); refused once reports of the year are being written",
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
      'Create the expected reports of a year now (PROACTIVE_OFFICE); idempotent, also run daily by the worker',
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
