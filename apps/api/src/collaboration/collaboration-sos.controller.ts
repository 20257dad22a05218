import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CollaborationSosService } from '@gwaje/collaboration';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { HistoryEntryDto } from '../history/history.dto.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  AnswerSosDto,
  FileSosDto,
  ResolveSosDto,
  SosDto,
  SosListQuery,
  SosReasonDto,
  StaffDecisionDto,
  UpdateSosDto,
} from './collaboration-sos.dto.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const SCOPE_KO =
  '협업과제를 읽을 수 있는 사람(참여기관·총괄기관의 감사담당관·적극행정 전담부서, 참여기관 담당부서의 직원·부서장)은 그 과제의 SOS를 모두 읽고, 그 밖(참여하지 않는 기관)은 404입니다.';
const SCOPE_EN =
  'Whoever reads the collaboration task (AUDITOR and PROACTIVE_OFFICE of a participant or the coordinator, STAFF and DEPT_HEAD of a participant’s responsible department) reads all its SOS; anyone else (an organisation not taking part) gets a 404.';
const STATES_KO =
  '상태는 OPEN(답변 대기) → ANSWERED → RESOLVED(요청자·주관기관 전담부서) 또는 CLOSED(요청자 철회·총괄기관 종결)이며, 할 수 없는 처리는 409(ILLEGAL_TRANSITION, allowedActions 포함), 할 수 없는 사람은 403, 읽은 version이 오래되었으면 409입니다.';
const STATES_EN =
  'States: OPEN (awaiting the answer) → ANSWERED → RESOLVED (filer or the lead’s office) or CLOSED (withdrawn by the filer, closed by the coordinator); an action the state refuses is a 409 (ILLEGAL_TRANSITION with allowedActions), one the caller may never take a 403, a stale version a 409.';

@ApiTags('collaborations · 협업과제')
@ApiAuth()
@Controller('collaborations/:id/sos')
export class CollaborationSosController {
  constructor(private readonly sos: CollaborationSosService) {}

  @Post()
  @ApiOperation({
    summary: 'File a 협업SOS · 협업SOS 요청',
    description: ko_en(
      `협업과제에서 막힌 일, 막고 있는 기관(선택: 참여기관이나 총괄기관), 필요한 것(법령 해석·다른 기관의 결정·예산·협업정원·기타)과 내용을 접수합니다. 총괄기관과 (적었다면) 막고 있는 기관의 적극행정 전담부서(와 그 참여기관의 담당자)에게 바로 알림이 가고, 답변 기한은 총괄기관의 collaboration.sosAnswerBusinessDays(기본 3) 근무일째 날입니다(주말·공휴일 제외). 협업정원(STAFF) 요청은 인원·직급·기간(개월 또는 종료일)·사유가 필요합니다. 참여기관·총괄기관이 아닌 기관은 400(INVALID_REFERENCE, blockingOrganisationId), 빠진 값은 400이며 아무것도 바뀌지 않습니다. ${SCOPE_KO}`,
      `Files a difficulty of the collaboration task: what is blocked, the organisation blocking it (optional: a participant or the coordinator), what is needed (a rule interpretation, another organisation’s decision, budget, staff (협업정원), other) and the details. The coordinator’s and the blocking organisation’s PROACTIVE_OFFICE (and that participant’s contact) are e-mailed at once; the answer is due on the coordinator’s collaboration.sosAnswerBusinessDays-th (default 3) business day after filing (weekends and public holidays excluded). A STAFF request needs how many, which grade, how long (months or an end date) and why. An organisation neither taking part nor coordinating is a 400 (INVALID_REFERENCE, blockingOrganisationId), a missing value a 400, and nothing changes. ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: SosDto })
  @ApiErrors(400, 404)
  file(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: FileSosDto,
  ): Promise<SosDto> {
    return this.sos.file(user, id, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'The task’s 협업SOS · 협업SOS 목록',
    description: ko_en(
      `협업과제의 SOS를 최근 것부터(최대 200건) 답변, 기한, 지연 여부, 협업정원 결정과 함께 돌려줍니다. 상태로 거를 수 있습니다. ${SCOPE_KO}`,
      `The task’s SOS, newest first (up to 200), with their answers, deadlines, overdue flags and 협업정원 decisions; filter by status. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [SosDto] })
  @ApiErrors(400, 404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: SosListQuery,
  ): Promise<SosDto[]> {
    return this.sos.list(user, id, query);
  }

  @Get(':sosId')
  @ApiOperation({
    summary: 'One 협업SOS · 협업SOS 조회',
    description: ko_en(
      `SOS 하나를 답변·해결·종결, 협업정원 결정, 지금 할 수 있는 일(allowedActions)과 함께 돌려주고 열람 기록에 남깁니다. ${SCOPE_KO}`,
      `One SOS with its answer, resolution or closing, 협업정원 decision and what you may do now (allowedActions), recorded in the access log. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: SosDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('sosId', UuidParamPipe) sosId: string,
  ): Promise<SosDto> {
    return this.sos.get(user, id, sosId);
  }

  @Get(':sosId/history')
  @ApiOperation({
    summary: 'The 협업SOS’s history · 협업SOS 이력',
    description: ko_en(
      `접수, 수정, 답변, 협업정원 결정, 해결, 재요청, 종결, 기한 경과 보고(escalate) 이력을 오래된 것부터 돌려줍니다. ${SCOPE_KO}`,
      `Filing, edits, the answer, the 협업정원 decision, resolution, reopening, closing and the overdue escalation, oldest first. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('sosId', UuidParamPipe) sosId: string,
  ): Promise<HistoryEntryDto[]> {
    return this.sos.historyOf(user, id, sosId);
  }

  @Patch(':sosId')
  @ApiOperation({
    summary: 'Change what you filed · 협업SOS 수정',
    description: ko_en(
      `요청자가 답변 전(OPEN)에 막힌 일, 내용, 막고 있는 기관, 협업정원 요청 내용을 고칩니다. 새로 적은 막고 있는 기관에는 알림이 갑니다. 참여기관·총괄기관이 아닌 기관은 400(INVALID_REFERENCE). ${STATES_KO} ${SCOPE_KO}`,
      `The filer changes what is blocked, the details, the blocking organisation or the 협업정원 request while the SOS awaits its answer (OPEN); a newly named blocking organisation is e-mailed. An organisation neither taking part nor coordinating is a 400 (INVALID_REFERENCE). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: SosDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('sosId', UuidParamPipe) sosId: string,
    @Body() dto: UpdateSosDto,
  ): Promise<SosDto> {
    return this.sos.update(user, id, sosId, dto);
  }

  @Post(':sosId/answer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer a 협업SOS · 협업SOS 답변',
    description: ko_en(
      `총괄기관의 적극행정 전담부서, 또는 막고 있는 기관의 적극행정 전담부서나 그 참여기관의 담당자가 답변합니다(ANSWERED). 답변은 과제의 모든 참여기관이 읽고, 요청자에게 바로 알림이 갑니다. ${STATES_KO} ${SCOPE_KO}`,
      `The coordinator’s PROACTIVE_OFFICE, or the blocking organisation’s PROACTIVE_OFFICE or that participant’s contact, answers (ANSWERED). Every participant reads the answer; the filer is e-mailed at once. ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: SosDto })
  @ApiErrors(400, 404, 409)
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('sosId', UuidParamPipe) sosId: string,
    @Body() dto: AnswerSosDto,
  ): Promise<SosDto> {
    return this.sos.act(user, id, sosId, 'answer', { version: dto.version, text: dto.answer });
  }

  @Post(':sosId/staff-decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide a 협업정원 request · 협업정원 결정',
    description: ko_en(
      `총괄기관의 적극행정 전담부서가 협업정원(STAFF) 요청을 한 번 결정합니다: APPROVED(요청 인원 전부), PARTLY_APPROVED(승인 인원 1명 이상 요청 인원 미만, 필수), REJECTED(0명)와 사유. 결정자와 일시가 기록되고 답변 전이면 답변된 것으로 보며(ANSWERED), 요청자에게 알림이 갑니다. 맞지 않는 승인 인원은 400(approvedCount), 다른 종류의 SOS나 이미 결정된 요청은 409입니다. ${SCOPE_KO}`,
      `The coordinator’s PROACTIVE_OFFICE decides a 협업정원 (STAFF) request once: APPROVED (all asked), PARTLY_APPROVED (approvedCount required, 1 to one less than asked) or REJECTED (none), with the reason; who decided and when are recorded, an SOS still awaiting its answer counts as answered (ANSWERED), and the filer is e-mailed. A wrong approvedCount is a 400 (approvedCount); another kind of SOS or a decided request is a 409. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: SosDto })
  @ApiErrors(400, 404, 409)
  decideStaff(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('sosId', UuidParamPipe) sosId: string,
    @Body() dto: StaffDecisionDto,
  ): Promise<SosDto> {
    return this.sos.decideStaff(user, id, sosId, dto);
  }

  @Post(':sosId/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark a 협업SOS resolved · 협업SOS 해결',
    description: ko_en(
      `요청자나 주관기관의 적극행정 전담부서가 해결되었다고 기록합니다(RESOLVED, 메모 선택). ${STATES_KO} ${SCOPE_KO}`,
      `The filer or the lead organisation’s PROACTIVE_OFFICE records that it is resolved (RESOLVED, optional note). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: SosDto })
  @ApiErrors(400, 404, 409)
  resolve(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('sosId', UuidParamPipe) sosId: string,
    @Body() dto: ResolveSosDto,
  ): Promise<SosDto> {
    return this.sos.act(user, id, sosId, 'resolve', { version: dto.version, text: dto.note });
  }

  @Post(':sosId/reopen')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reopen an answered 협업SOS · 협업SOS 재요청',
    description: ko_en(
      `답변으로 해결되지 않았을 때 요청자나 주관기관의 적극행정 전담부서가 사유와 함께 다시 요청합니다(OPEN, 오늘부터 새 답변 기한). 답변한 기관들에 다시 알림이 갑니다. ${STATES_KO} ${SCOPE_KO}`,
      `When the answer did not solve it, the filer or the lead’s PROACTIVE_OFFICE opens it again with a reason (OPEN, a new answer deadline from today); the answerers are e-mailed again. ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: SosDto })
  @ApiErrors(400, 404, 409)
  reopen(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('sosId', UuidParamPipe) sosId: string,
    @Body() dto: SosReasonDto,
  ): Promise<SosDto> {
    return this.sos.act(user, id, sosId, 'reopen', { version: dto.version, text: dto.reason });
  }

  @Post(':sosId/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw or close a 협업SOS · 협업SOS 종결',
    description: ko_en(
      `요청자가 철회하거나 총괄기관의 적극행정 전담부서가 사유와 함께 종결합니다(CLOSED). ${STATES_KO} ${SCOPE_KO}`,
      `The filer withdraws it, or the coordinator’s PROACTIVE_OFFICE closes it, with a reason (CLOSED). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: SosDto })
  @ApiErrors(400, 404, 409)
  close(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('sosId', UuidParamPipe) sosId: string,
    @Body() dto: SosReasonDto,
  ): Promise<SosDto> {
    return this.sos.act(user, id, sosId, 'close', { version: dto.version, text: dto.reason });
  }
}
