import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { CitizenApplicationsService } from '@gwaje/programme';
import {
  ApplicationDto,
  ApplicationListQuery,
  ApplicationStatisticsDto,
  ApplicationYearQuery,
  AssignApplicationDto,
  DecideApplicationDto,
  RecordOpinionDto,
  RegisterApplicationDto,
  ReplyApplicationDto,
  RequestOpinionDto,
  ReviewNotesDto,
  StartReviewDto,
} from './citizen-applications.dto.js';
import { ApiAuth, ApiErrors, HistoryEntryDto, UuidParamPipe } from '../http.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const SCOPE_KO =
  '적극행정 전담부서와 감사담당관은 기관의 신청을, 배정된 부서의 직원·부서장은 그 부서의 신청을 읽고, 그 밖(다른 부서, 다른 기관, 상급기관)은 404입니다. 신청인의 성명·연락처는 전담부서와 배정된 부서만 읽고(그 밖에는 null, personalDataVisible=false), 읽을 때마다 열람 기록에 남습니다.';
const SCOPE_EN =
  'The PROACTIVE_OFFICE and AUDITOR read the organisation’s applications, STAFF and DEPT_HEAD of the assigned department that department’s; anyone else (another department, another organisation, a parent organisation) gets a 404. The applicant’s name and contact are read only by the office and the assigned department (null for others, personalDataVisible=false), and every read is recorded in the access log.';
const STATES_KO =
  '상태: RECEIVED(접수) → ASSIGNED(배정) → UNDER_REVIEW(부서 검토) → (COMMITTEE_OPINION_REQUESTED 위원회 의견 요청 → UNDER_REVIEW) → DECIDED(수용·불수용) → REPLIED(회신). 결정 전에는 재배정할 수 있습니다. 할 수 없는 처리는 409(ILLEGAL_TRANSITION, allowedActions 포함), 할 수 없는 사람은 403, 오래된 version은 409이며, 잘못된 값은 400(필드 명시)이고 아무것도 바뀌지 않습니다.';
const STATES_EN =
  'States: RECEIVED → ASSIGNED → UNDER_REVIEW (the department reviews) → (COMMITTEE_OPINION_REQUESTED → UNDER_REVIEW) → DECIDED (ACCEPTED 수용 / REJECTED 불수용) → REPLIED; it may be assigned again until the decision. An action the state refuses is a 409 (ILLEGAL_TRANSITION with allowedActions), one the caller may never take a 403, a stale version a 409; bad input is a 400 naming the field, and nothing changes.';

@ApiTags('citizen-applications · 적극행정 국민신청')
@ApiAuth()
@Controller('citizen-applications')
export class CitizenApplicationsController {
  constructor(private readonly applications: CitizenApplicationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a citizen’s application · 국민신청 등록',
    description: ko_en(
      `적극행정 전담부서가 접수한(OFFICE) 또는 국민신문고에서 옮겨 적은(EPEOPLE) 국민신청을 등록합니다: 신청번호(기관 안에서 유일), 접수일(오늘 이후 불가), 신청인 성명, 전화번호·이메일(하나 이상, 형식 검사), 신청 내용, 개선을 요구하는 규정·관행. 처리기한은 접수일 다음 근무일부터 세어 citizenApplications.processingBusinessDays(기본 14) 근무일째 날입니다(주말·공휴일 제외). 부서를 적으면 바로 배정되고(ASSIGNED) 그 부서에 알림이 갑니다. 중복 신청번호, 미래 접수일, 연락처 없음·형식 오류, 이 기관의 부서가 아님은 400(필드 명시)입니다. ${SCOPE_KO}`,
      `The PROACTIVE_OFFICE registers an application received at the office (OFFICE) or entered from the 국민신문고 record (EPEOPLE): its number (unique in the organisation), day of receipt (not in the future), the applicant’s name, phone and/or e-mail (at least one, format checked), the content and the rule or practice it challenges. The deadline (처리기한) is the citizenApplications.processingBusinessDays-th (default 14) business day after receipt (weekends and public holidays excluded). With a department it is assigned at once (ASSIGNED) and that department is e-mailed. A duplicate number, a future receipt date, a missing or malformed contact, or a department not of this organisation is a 400 naming the field. ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiErrors(400, 403)
  register(
    @CurrentUser() user: AuthUser,
    @Body() dto: RegisterApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.register(user, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'Citizens’ applications · 국민신청 목록',
    description: ko_en(
      `읽을 수 있는 국민신청을 접수일 최근 것부터(최대 500건) 돌려줍니다. 접수 연도, 상태, 부서로 거를 수 있습니다. 목록 조회는 필터와 함께 열람 기록 한 건으로 남습니다. ${SCOPE_KO}`,
      `The applications you may read, latest receipt first (up to 500); filter by year of receipt, status and department. The list read is one access-log entry with its filter. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [ApplicationDto] })
  @ApiErrors(400, 403)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ApplicationListQuery,
  ): Promise<ApplicationDto[]> {
    return this.applications.list(user, query);
  }

  @Get('statistics')
  @ApiOperation({
    summary: 'Statistics of a year · 국민신청 연도별 통계',
    description: ko_en(
      '접수 연도별 접수 건수, 상태별 건수, 수용·불수용, 처리 중(미결정), 접수부터 회신까지 평균 처리 근무일, 처리기한 경과 건수(기한 후 회신했거나 기한이 지나도록 회신하지 않은 것)를 돌려줍니다. 적극행정 전담부서와 감사담당관만 읽고(개인정보 없음), 그 밖은 403입니다.',
      'Per year of receipt: received, by state, accepted and rejected, pending (not decided), the average business days from receipt to the reply, and the overdue count (replied after the deadline, or not replied and past it). Read by the PROACTIVE_OFFICE and AUDITOR only (no personal data); anyone else gets a 403.',
    ),
  })
  @ApiOkResponse({ type: ApplicationStatisticsDto })
  @ApiErrors(400, 403)
  statistics(
    @CurrentUser() user: AuthUser,
    @Query() query: ApplicationYearQuery,
  ): Promise<ApplicationStatisticsDto> {
    return this.applications.statistics(user, query.year);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One citizen’s application · 국민신청 조회',
    description: ko_en(
      `신청 하나를 배정, 검토, 위원회 의견, 결정, 회신(이메일 발송 상태 포함), 지금 할 수 있는 일(allowedActions)과 함께 돌려주고 열람 기록에 남깁니다(개인정보를 읽었는지 함께). ${SCOPE_KO}`,
      `One application with its assignment, review, the committee’s opinion, decision and reply (with the e-mail’s status) and what you may do now (allowedActions), recorded in the access log (with whether the personal data was read). ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ApplicationDto> {
    return this.applications.get(user, id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'The application’s history · 국민신청 이력',
    description: ko_en(
      `등록, 배정·재배정, 검토, 위원회 의견 요청·기록, 결정, 회신 이력을 오래된 것부터 돌려줍니다. 이력에는 신청인의 개인정보를 적지 않습니다. ${SCOPE_KO}`,
      `Registration, (re)assignments, review, the committee’s opinion asked and recorded, the decision and the reply, oldest first. The history never holds the applicant’s personal data. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.applications.historyOf(user, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign to a department · 국민신청 부서 배정',
    description: ko_en(
      `적극행정 전담부서가 이 기관의 부서에 배정하거나 결정 전에 다른 부서로 재배정합니다(ASSIGNED). 그 부서의 직원·부서장에게 바로 알림이 가고, 이전 부서는 더 이상 읽지 못합니다. 이 기관의 부서가 아니면 400(INVALID_REFERENCE, departmentId). ${STATES_KO} ${SCOPE_KO}`,
      `The PROACTIVE_OFFICE assigns the application to a department of the organisation, or to another one before the decision (ASSIGNED). That department’s STAFF and DEPT_HEAD are e-mailed at once; the previous department no longer reads it. A department not of this organisation is a 400 (INVALID_REFERENCE, departmentId). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(400, 403, 404, 409)
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AssignApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.act(user, id, 'assign', {
      version: dto.version,
      departmentId: dto.departmentId,
      text: dto.reason,
    });
  }

  @Post(':id/start-review')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take up the review · 국민신청 검토 착수',
    description: ko_en(
      `배정된 부서의 직원·부서장이 검토를 시작합니다(UNDER_REVIEW, 검토 의견 선택). ${STATES_KO} ${SCOPE_KO}`,
      `STAFF or DEPT_HEAD of the assigned department takes up the review (UNDER_REVIEW, optional notes). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(400, 403, 404, 409)
  startReview(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: StartReviewDto,
  ): Promise<ApplicationDto> {
    return this.applications.act(user, id, 'startReview', {
      version: dto.version,
      text: dto.notes,
    });
  }

  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record review notes · 국민신청 검토 의견',
    description: ko_en(
      `배정된 부서가 검토 중(UNDER_REVIEW)인 신청의 검토 의견을 기록합니다(이전 의견은 이력에 남음). ${STATES_KO} ${SCOPE_KO}`,
      `The assigned department records its review notes on an application under review (the previous notes stay in the history). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(400, 403, 404, 409)
  review(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReviewNotesDto,
  ): Promise<ApplicationDto> {
    return this.applications.act(user, id, 'recordReview', {
      version: dto.version,
      text: dto.notes,
    });
  }

  @Post(':id/request-opinion')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask the committee’s opinion · 적극행정위원회 의견 요청',
    description: ko_en(
      `적극행정 전담부서가 검토 중인 신청에 대해 적극행정위원회 의견을 요청합니다(COMMITTEE_OPINION_REQUESTED, 요청일은 접수일 이후·오늘 이전). ${STATES_KO} ${SCOPE_KO}`,
      `The PROACTIVE_OFFICE asks the 적극행정위원회 for its opinion on an application under review (COMMITTEE_OPINION_REQUESTED; the day asked is not before receipt nor in the future). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(400, 403, 404, 409)
  requestOpinion(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RequestOpinionDto,
  ): Promise<ApplicationDto> {
    return this.applications.act(user, id, 'requestOpinion', {
      version: dto.version,
      on: dto.requestedOn,
      text: dto.note,
    });
  }

  @Post(':id/opinion')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the committee’s opinion · 적극행정위원회 의견 기록',
    description: ko_en(
      `적극행정 전담부서가 위원회 의견과 의견일(요청일 이후·오늘 이전)을 기록하고, 신청은 부서 검토로 돌아갑니다(UNDER_REVIEW). ${STATES_KO} ${SCOPE_KO}`,
      `The PROACTIVE_OFFICE records the committee’s opinion and its date (not before it was asked, not in the future); the application returns to the department’s review (UNDER_REVIEW). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(400, 403, 404, 409)
  recordOpinion(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RecordOpinionDto,
  ): Promise<ApplicationDto> {
    return this.applications.act(user, id, 'recordOpinion', {
      version: dto.version,
      on: dto.opinionOn,
      text: dto.opinion,
    });
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide · 국민신청 결정(수용·불수용)',
    description: ko_en(
      `배정된 부서의 부서장이나 적극행정 전담부서가 수용(ACCEPTED) 또는 불수용(REJECTED)을 사유와 함께 결정합니다(DECIDED). 사유 없음, 접수일(위원회 의견이 있으면 의견일) 전이나 미래의 결정일은 400(필드 명시). ${STATES_KO} ${SCOPE_KO}`,
      `The assigned department’s DEPT_HEAD or the PROACTIVE_OFFICE decides ACCEPTED (수용) or REJECTED (불수용) with reasons (DECIDED). Missing reasons, or a decision date before receipt (or before the committee’s opinion) or in the future, is a 400 naming the field. ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(400, 403, 404, 409)
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DecideApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.act(user, id, 'decide', {
      version: dto.version,
      decision: dto.decision,
      text: dto.reasons,
      on: dto.decidedOn,
    });
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the reply to the applicant · 신청인 회신',
    description: ko_en(
      `배정된 부서나 적극행정 전담부서가 신청인에게 회신한 날(결정일 이후·오늘 이전), 방법, 내용을 기록합니다(REPLIED). 신청인이 이메일을 적었으면 결정과 사유, 회신 내용이 그 주소로 한 번 발송됩니다(reply.emailStatus). ${STATES_KO} ${SCOPE_KO}`,
      `The assigned department or the PROACTIVE_OFFICE records the reply to the applicant: its date (not before the decision, not in the future), method and text (REPLIED). If the applicant gave an e-mail address, the decision, its reasons and the reply are e-mailed to it once (reply.emailStatus). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(400, 403, 404, 409)
  reply(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReplyApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.act(user, id, 'reply', {
      version: dto.version,
      on: dto.repliedOn,
      method: dto.method,
      text: dto.text,
    });
  }
}
