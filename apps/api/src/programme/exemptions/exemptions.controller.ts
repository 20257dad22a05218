import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExemptionsService } from '@gwaje/programme';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import {
  DecideExemptionDto,
  ExemptionDto,
  ExemptionListQuery,
  NotifyExemptionDto,
  RegisterExemptionDto,
  UpdateExemptionDto,
} from './exemptions.dto.js';
import { ApiAuth, ApiErrors, HistoryEntryDto, UuidParamPipe } from '../http.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const SCOPE_KO =
  '기관의 감사담당관(AUDITOR)과 적극행정 전담부서(PROACTIVE_OFFICE)는 기관의 면책 사건을 모두 읽고, 신청인은 자기 사건만 읽으며, 그 밖의 사람과 다른 기관은 404입니다. 등록·검토·결정·통지는 감사담당관(AUDITOR)만 하며, 읽을 수 있지만 할 수 없는 사람은 403입니다.';
const SCOPE_EN =
  'The organisation’s AUDITOR and PROACTIVE_OFFICE read its whole 면책 register, an applicant reads their own cases, anyone else (and another organisation) gets a 404. Only the AUDITOR registers, fills in, decides and notifies; a reader who may not do so gets a 403.';
const STATES_KO =
  '상태는 OPEN(등록, 요건 검토) → DECIDED(결정) → NOTIFIED(통지)이며, 지금 할 수 없는 처리는 409(ILLEGAL_TRANSITION, allowedActions 포함), 읽은 version이 오래되었으면 409입니다.';
const STATES_EN =
  'States: OPEN (registered, conditions assessed) → DECIDED → NOTIFIED; an action the state refuses is a 409 (ILLEGAL_TRANSITION with allowedActions), a stale version a 409.';

@ApiTags('exemptions · 적극행정 면책')
@ApiAuth()
@Controller('exemptions')
export class ExemptionsController {
  constructor(private readonly exemptions: ExemptionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a 면책 case · 적극행정 면책 사건 등록',
    description: ko_en(
      `감사담당관이 감사 지적 후 공무원의 면책 신청(APPLICATION: 신청인은 이 기관의 사용자, 감사 지적 근거, 신청일) 또는 직권 면책(EX_OFFICIO)을 등록합니다. 면책 요건(공공의 이익, 사적 이해관계 없음, 고의·중과실 없음, 절차 준수·적극 처리)을 예/아니오와 메모로 함께 적을 수 있고, 이 기관의 사전컨설팅을 연결하면 그 사전컨설팅에서 계산된 면책 추정(의견을 따름 등)이 함께 표시됩니다. 신청인이 없는 신청, 오늘 이후의 신청일은 400, 이 기관의 사용자가 아닌 신청인이나 알 수 없는 사전컨설팅은 400(INVALID_REFERENCE)이며 아무것도 바뀌지 않습니다. ${SCOPE_KO}`,
      `The AUDITOR registers an official’s application after an audit finding (APPLICATION: the applicant a user of the organisation, the audit reference, the application day) or an ex officio case (EX_OFFICIO). The statutory conditions (public interest, no private interest, no intent or gross negligence, procedure followed and handled proactively) may be answered yes/no with notes; a linked pre-consultation of the organisation shows the 면책 presumption libs/consultations computes for it (opinion followed, …). An application without its applicant or an application day after today is a 400; an applicant who is not a user of the organisation or an unknown consultation a 400 (INVALID_REFERENCE), and nothing changes. ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: ExemptionDto })
  @ApiErrors(400, 403)
  register(
    @CurrentUser() user: AuthUser,
    @Body() dto: RegisterExemptionDto,
  ): Promise<ExemptionDto> {
    return this.exemptions.register(user, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'The 면책 register · 적극행정 면책 대장',
    description: ko_en(
      `읽을 수 있는 면책 사건을 신청일 최근 것부터(최대 200건) 돌려줍니다. 신청 연도, 상태, 결정으로 거를 수 있고 열람 기록에 남습니다. ${SCOPE_KO}`,
      `The cases you may read, newest application first (up to 200); filter by the application’s year, status and decision; recorded in the access log. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [ExemptionDto] })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ExemptionListQuery): Promise<ExemptionDto[]> {
    return this.exemptions.list(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One 면책 case · 적극행정 면책 사건 조회',
    description: ko_en(
      `사건 하나를 요건 검토, 연결된 사전컨설팅과 그 면책 추정, 결정, 통지, 지금 할 수 있는 일(allowedActions)과 함께 돌려주고 열람 기록에 남깁니다. ${SCOPE_KO}`,
      `One case with its checklist, the linked pre-consultation and its presumption, the decision, the notification and what you may do now (allowedActions); recorded in the access log. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ExemptionDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ExemptionDto> {
    return this.exemptions.get(user, id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'The 면책 case’s history · 적극행정 면책 사건 이력',
    description: ko_en(
      `등록, 검토·수정, 결정, 통지 이력을 오래된 것부터 돌려줍니다. ${SCOPE_KO}`,
      `Registration, changes, the decision and the notification, oldest first. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.exemptions.historyOf(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Assess or correct a 면책 case · 면책 요건 검토·수정',
    description: ko_en(
      `결정 전(OPEN)에 감사담당관이 요건 검토(checklist: 보낸 요건만 바뀜), 사건명, 감사 지적 근거, 지적 내용, 대상 공무원, 연결된 사전컨설팅(null이면 연결 해제)을 고칩니다. 알 수 없는 사전컨설팅은 400(INVALID_REFERENCE). ${STATES_KO} ${SCOPE_KO}`,
      `Before the decision (OPEN) the AUDITOR answers the conditions (checklist: those sent change), corrects the title, the audit reference, the finding, the official concerned, or links another pre-consultation (null unlinks). An unknown consultation is a 400 (INVALID_REFERENCE). ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ExemptionDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateExemptionDto,
  ): Promise<ExemptionDto> {
    return this.exemptions.update(user, id, dto);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide a 면책 case · 면책 결정',
    description: ko_en(
      `감사담당관이 한 번 결정합니다: GRANTED(면책), PARTIALLY_GRANTED(감경), DENIED(불인정)와 결정 이유(필수), 결정일(신청일 이후, 오늘까지), 선택으로 적극행정위원회 안건(면책 건의; 위원회에 면책 안건 종류가 없어 OTHER 안건을 가리킴). 요건이 모두 검토되어야 하며(빠진 요건은 checklist.<요건>으로 400), 충족되지 않은 요건이 있으면 면책(GRANTED)은 400(decision)입니다. 이유 없는 결정, 신청일 이전의 결정일도 400이고 아무것도 바뀌지 않습니다. 결정은 그 분기의 감사원 보고에 들어갑니다. ${STATES_KO} ${SCOPE_KO}`,
      `The AUDITOR decides once: GRANTED (면책), PARTIALLY_GRANTED (감경) or DENIED (불인정) with reasons (required), the decision day (on or after the application, not after today) and optionally the 적극행정위원회 agenda item that advised it (면책 건의; the committee has no 면책 kind, so an OTHER item). Every condition must be answered (a missing one is a 400 naming checklist.<condition>), and GRANTED needs every condition met (a 400 on decision otherwise). A decision without reasons or dated before the application is a 400 too, and nothing changes. The decision counts in its quarter’s report to 감사원. ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ExemptionDto })
  @ApiErrors(400, 404, 409)
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DecideExemptionDto,
  ): Promise<ExemptionDto> {
    return this.exemptions.decide(user, id, dto);
  }

  @Post(':id/notify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Notify the applicant · 면책 결정 통지',
    description: ko_en(
      `감사담당관이 결정을 통지하고 통지일(기본 오늘, 결정일 이후)을 기록합니다(NOTIFIED). 신청인이 사용자이면 앱 알림과 이메일로 바로 알리고(IN_APP_EMAIL), 그렇지 않으면 공문 통지로 기록만 합니다(DOCUMENT). 결정일 이전의 통지일은 400. ${STATES_KO} ${SCOPE_KO}`,
      `The AUDITOR notifies the decision and records the day (default today, on or after the decision): NOTIFIED. A user applicant is told at once in the app and by e-mail (IN_APP_EMAIL); otherwise a notification by document is recorded (DOCUMENT). A day before the decision is a 400. ${STATES_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ExemptionDto })
  @ApiErrors(400, 404, 409)
  notify(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: NotifyExemptionDto,
  ): Promise<ExemptionDto> {
    return this.exemptions.notify(user, id, dto);
  }
}
