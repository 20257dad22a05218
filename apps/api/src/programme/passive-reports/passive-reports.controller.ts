import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { PassiveReportInvestigationService, PassiveReportsService } from '@gwaje/programme';
import {
  AssignPassiveReportDto,
  ClosePassiveReportDto,
  ConcludePassiveReportDto,
  ExtendPassiveReportDto,
  PassiveReportDto,
  PassiveReportListQuery,
  PassiveReportStatisticsDto,
  PassiveReportStatisticsQuery,
  ReceivePassiveReportDto,
  UpdatePassiveReportDto,
} from './passive-reports.dto.js';
import { ApiAuth, ApiErrors, HistoryEntryDto, UuidParamPipe } from '../http.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const SCOPE_KO =
  '감사담당관(AUDITOR)은 기관의 모든 신고를, 적극행정 전담부서는 접수부터 모든 신고를(신고인·관련 공무원 제외), 신고 대상 부서의 직원·부서장은 종결(CONCLUDED)된 자기 부서 신고만(내용·결과만: 신고인, 익명 여부, 접수 경로, 관련 공무원, 조사자 제외) 읽고, 그 밖(다른 부서, 위원, 관리자, 다른 기관)은 404입니다.';
const SCOPE_EN =
  'AUDITOR reads every report of the organisation; PROACTIVE_OFFICE every report from its receipt (without the reporter and the officials concerned); STAFF and DEPT_HEAD of the department concerned only its CONCLUDED reports (content and outcome: never the reporter, anonymity, channel, officials or investigator); anyone else (other departments, COMMITTEE, ADMIN, other organisations) gets a 404.';
const STATES_KO =
  '상태는 RECEIVED(접수) → INVESTIGATING(조사 중) → CONCLUDED(종결), 또는 종결 전 CLOSED(취하·종료)이며 모든 처리는 감사담당관이 합니다. 할 수 없는 처리는 409(ILLEGAL_TRANSITION, allowedActions 포함), 할 수 없는 사람은 403, 읽은 version이 오래되었으면 409입니다.';
const STATES_EN =
  'States: RECEIVED → INVESTIGATING → CONCLUDED, or CLOSED (withdrawn or closed) before the conclusion; every action is the audit unit’s (AUDITOR). An action the state refuses is a 409 (ILLEGAL_TRANSITION with allowedActions), one the caller may never take a 403, a stale version a 409.';

@ApiTags('passive-reports · 소극행정 신고')
@ApiAuth()
@Controller('passive-reports')
export class PassiveReportsController {
  constructor(
    private readonly reports: PassiveReportsService,
    private readonly investigation: PassiveReportInvestigationService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Receive a 소극행정 report · 소극행정 신고 접수',
    description: ko_en(
      `감사담당관이나 적극행정 전담부서가 신고를 접수합니다: 접수번호(기관 안에서 유일), 접수일(미래 불가), 접수 경로(국민신문고 소극행정 신고센터·내부 신고·기타), 익명 여부와 신고인(익명이 아니면 성명 필수, 연락처 선택), 내용, 신고 대상 부서와 관련 공무원(그 부서 직원, 선택). 조사 기한은 기관 설정 passiveReports.investigationBusinessDays(기본 14) 근무일째 날이며(주말·공휴일 제외), 감사담당관들에게 바로 알림이 갑니다. 신고인과 관련 공무원은 감사담당관만 다시 볼 수 있고 이력에도 남지 않습니다. 쓰인 접수번호·미래 접수일은 400(VALIDATION_FAILED), 다른 기관 부서나 그 부서 직원이 아닌 공무원은 400(INVALID_REFERENCE)이며 아무것도 바뀌지 않습니다. 다른 역할은 403입니다.`,
      `AUDITOR or PROACTIVE_OFFICE receives a report: receipt number (unique in the organisation), day of receipt (not in the future), channel (국민신문고 소극행정 신고센터, internal, other), anonymity and reporter (name required unless anonymous, contact optional), content, the department concerned and optionally the officials concerned (its users). The investigation is due on the organisation’s passiveReports.investigationBusinessDays-th (default 14) business day after receipt (weekends and public holidays excluded); the auditors are e-mailed at once. The reporter and the officials are read back only by the audit unit and are not written to the history. A used receipt number or a future day is a 400 (VALIDATION_FAILED), another organisation’s department or an official outside the department a 400 (INVALID_REFERENCE), and nothing changes. Other roles get a 403.`,
    ),
  })
  @ApiCreatedResponse({ type: PassiveReportDto })
  @ApiErrors(400, 403)
  receive(
    @CurrentUser() user: AuthUser,
    @Body() dto: ReceivePassiveReportDto,
  ): Promise<PassiveReportDto> {
    return this.reports.receive(user, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'The 소극행정 reports · 소극행정 신고 목록',
    description: ko_en(
      `읽을 수 있는 신고를 최근 접수부터(최대 200건) 돌려줍니다. 접수 연도와 상태로 거를 수 있고, 목록에는 신고인·관련 공무원이 없습니다. 열람 기록에 남습니다. ${SCOPE_KO}`,
      `The reports you may read, newest receipt first (up to 200), by year of receipt and status; lists never carry the reporter or the officials. Recorded in the access log. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [PassiveReportDto] })
  @ApiErrors(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: PassiveReportListQuery,
  ): Promise<PassiveReportDto[]> {
    return this.reports.list(user, query);
  }

  @Get('statistics')
  @ApiOperation({
    summary: 'Yearly 소극행정 statistics · 소극행정 신고 통계',
    description: ko_en(
      '한 해의 접수 건수, 익명 비율, 미처리·기한 경과(접수 연도 기준), 종결 건수와 결과별 건수, 기한 후 종결, 평균 처리 일수(종결 연도 기준)를 돌려줍니다. 감사담당관과 적극행정 전담부서만 볼 수 있고 다른 역할은 403입니다.',
      'A year’s receipts, anonymous share, still open and overdue (by year of receipt), conclusions by outcome, those concluded late and the mean days from receipt to conclusion (by year of conclusion). AUDITOR and PROACTIVE_OFFICE only; other roles get a 403.',
    ),
  })
  @ApiOkResponse({ type: PassiveReportStatisticsDto })
  @ApiErrors(400, 403)
  statistics(
    @CurrentUser() user: AuthUser,
    @Query() query: PassiveReportStatisticsQuery,
  ): Promise<PassiveReportStatisticsDto> {
    return this.reports.statistics(user, query.year);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One 소극행정 report · 소극행정 신고 조회',
    description: ko_en(
      `신고 하나를 기한, 연장, 조사자, 결과와 지금 할 수 있는 일(allowedActions)과 함께 돌려주고 열람 기록에 남깁니다. 감사담당관에게는 신고인과 관련 공무원도 보이며, 그 열람은 따로(passive_report_reporter) 기록됩니다. ${SCOPE_KO}`,
      `One report with its deadline, extension, investigator, outcome and what you may do now (allowedActions), recorded in the access log. The audit unit also sees the reporter and the officials concerned, and that read is recorded on its own (passive_report_reporter). ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: PassiveReportDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<PassiveReportDto> {
    return this.reports.get(user, id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'The 소극행정 report’s history · 소극행정 신고 이력',
    description: ko_en(
      `접수, 조사자 지정, 기한 연장, 종결, 종료 이력을 오래된 것부터 돌려줍니다(신고인과 관련 공무원은 이력에 없습니다). 감사담당관과 적극행정 전담부서가 읽고, 신고 대상 부서는 403입니다. ${SCOPE_KO}`,
      `Receipt, assignment, extension, conclusion and closing, oldest first (the reporter and the officials are never in it). AUDITOR and PROACTIVE_OFFICE read it; the department concerned gets a 403. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(403, 404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.reports.historyOf(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Correct a 소극행정 report · 소극행정 신고 수정',
    description: ko_en(
      `감사담당관이 종결 전에 접수 내용, 신고 대상 부서와 관련 공무원(그 부서 직원; 보내면 바꾸고, 빼면 그대로)을 고칩니다. 부서만 바꾸면 기존 관련 공무원도 새 부서 직원이어야 합니다. 다른 기관 부서나 그 부서 직원이 아닌 공무원은 400(INVALID_REFERENCE)이며 아무것도 바뀌지 않습니다. 이력에는 관련 공무원의 수만 남습니다. ${STATES_KO} ${SCOPE_KO}`,
      `The audit unit corrects, before the conclusion, the content, the department concerned and the officials concerned (its users; sent: replaced, left out: kept). A new department alone keeps the officials, who must then be its users. Another organisation’s department or an official outside the department is a 400 (INVALID_REFERENCE), and nothing changes. The history records only how many officials. ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: PassiveReportDto })
  @ApiErrors(400, 403, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdatePassiveReportDto,
  ): Promise<PassiveReportDto> {
    return this.investigation.edit(user, id, dto);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign the investigator · 조사자 지정',
    description: ko_en(
      `감사담당관이 기관의 감사담당관(AUDITOR) 한 명을 조사자로 지정합니다(RECEIVED → INVESTIGATING; 조사 중에는 재지정). 조사자에게 알림이 갑니다. 감사담당관이 아닌 사용자는 400(INVALID_REFERENCE, investigatorId). ${STATES_KO} ${SCOPE_KO}`,
      `The audit unit assigns one AUDITOR of the organisation as investigator (RECEIVED → INVESTIGATING; reassigned while investigating); the investigator is e-mailed. A user who is not an AUDITOR is a 400 (INVALID_REFERENCE, investigatorId). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: PassiveReportDto })
  @ApiErrors(400, 403, 404, 409)
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AssignPassiveReportDto,
  ): Promise<PassiveReportDto> {
    return this.investigation.assign(user, id, dto);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Extend the investigation once · 조사 기한 연장',
    description: ko_en(
      `감사담당관이 조사 중인 신고의 기한을 사유와 함께 한 번 연장합니다: 지금 기한 다음 businessDays번째 근무일까지(최대 passiveReports.maxExtensionBusinessDays, 기본 14). 한도를 넘으면 400(businessDays), 두 번째 연장은 409입니다. ${STATES_KO} ${SCOPE_KO}`,
      `The audit unit extends the investigation of a report once, with the reason: to the businessDays-th business day after the current deadline (at most passiveReports.maxExtensionBusinessDays, default 14). Beyond it is a 400 (businessDays); a second extension a 409. ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: PassiveReportDto })
  @ApiErrors(400, 403, 404, 409)
  extend(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ExtendPassiveReportDto,
  ): Promise<PassiveReportDto> {
    return this.investigation.extend(user, id, dto);
  }

  @Post(':id/conclude')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Conclude the investigation · 조사 종결',
    description: ko_en(
      `감사담당관이 조사 결과(조치 없음·소극행정 아님·주의·경고·징계 요구·이첩)와 조사 내용으로 종결합니다(CONCLUDED). 종결일은 접수일 이후, 오늘 이전이어야 하며(기본 오늘) 결과·조사 내용이 없거나 날짜가 어긋나면 400입니다. 종결되면 신고 대상 부서가 내용과 결과를 볼 수 있습니다(신고인은 볼 수 없음). ${STATES_KO} ${SCOPE_KO}`,
      `The audit unit concludes with the outcome (NO_ACTION, NOT_PASSIVE, CAUTION, WARNING, DISCIPLINE_REQUESTED, TRANSFERRED) and the findings (CONCLUDED), on a day from the receipt to today (default today); without an outcome or findings, or with a day out of order, a 400. Once concluded, the department concerned reads its content and outcome (never the reporter). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: PassiveReportDto })
  @ApiErrors(400, 403, 404, 409)
  conclude(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ConcludePassiveReportDto,
  ): Promise<PassiveReportDto> {
    return this.investigation.conclude(user, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close or withdraw a 소극행정 report · 소극행정 신고 종료',
    description: ko_en(
      `감사담당관이 종결 전의 신고를 사유와 함께 종료합니다(CLOSED: 신고 취하, 소극행정 신고 대상이 아님 등). ${STATES_KO} ${SCOPE_KO}`,
      `The audit unit closes a report before its conclusion with the reason (CLOSED: withdrawn by the reporter, not a report of passive administration, …). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: PassiveReportDto })
  @ApiErrors(400, 403, 404, 409)
  close(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ClosePassiveReportDto,
  ): Promise<PassiveReportDto> {
    return this.investigation.close(user, id, dto);
  }
}
