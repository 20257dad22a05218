import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OpinionRequestsService } from '@gwaje/opinion-requests';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { HistoryEntryDto } from '../history/history.dto.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  AnswerOpinionRequestDto,
  CreateOpinionRequestDto,
  ExtendOpinionRequestDto,
  OpinionRequestDto,
  OpinionRequestListQuery,
  OpinionRequestPageDto,
  ReferOpinionRequestDto,
  WithdrawOpinionRequestDto,
} from './opinion-requests.dto.js';

const READ_SCOPE_KO =
  '요청한 공무원, 관련 과제의 주관 부서·주담당자·참여자가 볼 수 있고, 같은 기관의 감사담당관(AUDITOR)과 적극행정 전담부서(PROACTIVE_OFFICE)는 전부를 봅니다. 그 밖(다른 부서, 다른 기관)은 404입니다.';
const READ_SCOPE_EN =
  'The requester, the task’s lead department, owner and members read it; AUDITOR and PROACTIVE_OFFICE of the organisation read every request; anyone else (another department, another organisation) gets a 404.';

@ApiTags('opinion-requests · 의견제시')
@ApiAuth()
@Controller()
export class OpinionRequestsController {
  constructor(private readonly requests: OpinionRequestsService) {}

  @Post('opinion-requests')
  @ApiOperation({
    summary: 'Ask the audit office for its opinion on a priority task · 의견제시 요청',
    description:
      '읽을 수 있는 이 기관의 중점과제에 대해 감사담당관의 의견을 요청하고(SUBMITTED) 이력에 남깁니다. 회신 기한은 접수 다음 날부터 opinionRequests.answerDays(기본 10)일째 날입니다(역일, 초일 불산입). 감사담당관(AUDITOR)에게 알림 메일이 갑니다. 직원·부서장·감사담당관·적극행정 전담부서(STAFF·DEPT_HEAD·AUDITOR·PROACTIVE_OFFICE)가 요청할 수 있고(그 밖은 403), 과제를 읽을 수 없거나 다른 기관의 과제이면 400(INVALID_REFERENCE), 질의가 비었으면 400입니다.\n\n' +
      'Asks the audit office for its opinion on a priority task of your organisation that you can read (SUBMITTED), recorded in history. The answer is due opinionRequests.answerDays (default 10) calendar days counted from the day after receipt; the organisation’s auditors are e-mailed. STAFF, DEPT_HEAD, AUDITOR and PROACTIVE_OFFICE may ask (403 otherwise); a task you cannot read or of another organisation is a 400 (INVALID_REFERENCE); an empty question is a 400.',
  })
  @ApiCreatedResponse({ type: OpinionRequestDto })
  @ApiErrors(400)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateOpinionRequestDto,
  ): Promise<OpinionRequestDto> {
    return this.requests.file(user, dto);
  }

  @Get('opinion-requests')
  @ApiOperation({
    summary: 'Opinion requests you may read · 의견제시 목록',
    description: `읽을 수 있는 의견제시 요청을 최근 접수부터 조건(상태, 과제, 기한 경과, 내 요청)에 따라 한 쪽씩 돌려주고 열람 기록에 남깁니다. ${READ_SCOPE_KO}\n\nLists the opinion requests you may read, newest first, filtered (status, task, overdue, mine) a page at a time, recorded in the access log. ${READ_SCOPE_EN}`,
  })
  @ApiOkResponse({ type: OpinionRequestPageDto })
  @ApiErrors(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: OpinionRequestListQuery,
  ): Promise<OpinionRequestPageDto> {
    const { limit, offset, ...filter } = query;
    return this.requests.list(user, filter, { limit, offset });
  }

  @Get('opinion-requests/:id')
  @ApiOperation({
    summary: 'One opinion request with its answer · 의견제시 조회',
    description: `의견제시 요청 하나를 기한, 연장, 위원회 부의, 회신 내용, 지금 할 수 있는 처리(allowedActions)와 함께 돌려주고 열람 기록에 남깁니다. ${READ_SCOPE_KO}\n\nReturns one opinion request with its deadline, extension, referral, answer and the actions you may take now (allowedActions), recorded in the access log. ${READ_SCOPE_EN}`,
  })
  @ApiOkResponse({ type: OpinionRequestDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<OpinionRequestDto> {
    return this.requests.get(user, id);
  }

  @Get('opinion-requests/:id/history')
  @ApiOperation({
    summary: 'The request’s history · 의견제시 이력',
    description: `요청의 변경 이력(요청, 연장, 부의, 회신, 철회, 위원회 의결)을 오래된 것부터 최대 500건 돌려줍니다. ${READ_SCOPE_KO}\n\nReturns the request’s changes (filing, extension, referral, answer, withdrawal, the committee’s resolution), oldest first, up to 500. ${READ_SCOPE_EN}`,
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.requests.historyOf(user, id);
  }

  @Post('opinion-requests/:id/extend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Extend the answer deadline once (AUDITOR) · 회신 기한 연장',
    description:
      '회신 전(SUBMITTED)인 요청의 회신 기한을 opinionRequests.extensionDays(기본 10)일 한 번 연장하고(EXTENDED) 사유와 함께 이력에 남깁니다. 같은 기관의 감사담당관(AUDITOR)만 할 수 있고(읽을 수 있는 그 밖의 사용자는 403), 두 번째 연장은 409(LIMIT_REACHED), 회신·부의·철회된 요청은 409(ILLEGAL_TRANSITION), 사유가 없으면 400, 읽은 version이 오래되었으면 409입니다.\n\n' +
      'Extends the deadline of a request not yet answered (SUBMITTED) once by opinionRequests.extensionDays (default 10) days (EXTENDED), recorded in history with the reason. AUDITOR of the organisation only (403 for others who may read it); a second extension is a 409 (LIMIT_REACHED); an answered, referred or withdrawn request is a 409 (ILLEGAL_TRANSITION); a missing reason is a 400; a stale version is a 409.',
  })
  @ApiOkResponse({ type: OpinionRequestDto })
  @ApiErrors(400, 404, 409)
  extend(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ExtendOpinionRequestDto,
  ): Promise<OpinionRequestDto> {
    return this.requests.act(user, id, 'extend', dto);
  }

  @Post('opinion-requests/:id/answer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Give the audit office’s opinion (AUDITOR) · 의견 회신',
    description:
      '회신 전(SUBMITTED·EXTENDED)인 요청에 감사담당관의 의견을 기록하고(ANSWERED) 이력에 남기며, 요청한 공무원에게 알림 메일이 갑니다. 같은 기관의 감사담당관(AUDITOR)만 할 수 있고(읽을 수 있는 그 밖의 사용자는 403), 위원회에 부의되었거나 회신·철회된 요청은 409, 의견이 비었으면 400, 읽은 version이 오래되었으면 409입니다.\n\n' +
      'Records the audit office’s opinion on a pending request (SUBMITTED or EXTENDED → ANSWERED), recorded in history; the requester is e-mailed. AUDITOR of the organisation only (403 for others who may read it); a request referred to the committee, answered or withdrawn is a 409; an empty answer is a 400; a stale version is a 409.',
  })
  @ApiOkResponse({ type: OpinionRequestDto })
  @ApiErrors(400, 404, 409)
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AnswerOpinionRequestDto,
  ): Promise<OpinionRequestDto> {
    return this.requests.act(user, id, 'answer', dto);
  }

  @Post('opinion-requests/:id/refer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Put the request before the committee (AUDITOR) · 위원회 부의',
    description:
      '회신 전(SUBMITTED·EXTENDED)인 요청을 적극행정위원회에 부의하고(REFERRED) 이력에 남깁니다. 위원회가 의결하면 그 의견이 회신이 되고(ANSWERED), 부결되면 감사담당관에게 돌아옵니다. 같은 기관의 감사담당관(AUDITOR)만 할 수 있고(읽을 수 있는 그 밖의 사용자는 403), 회신·부의·철회된 요청은 409, 읽은 version이 오래되었으면 409입니다.\n\n' +
      'Puts a pending request (SUBMITTED or EXTENDED) before the committee (REFERRED), recorded in history. When the committee resolves, its opinion answers the request (ANSWERED); when it does not pass, the request returns to the audit office. AUDITOR of the organisation only (403 for others who may read it); an answered, referred or withdrawn request is a 409; a stale version is a 409.',
  })
  @ApiOkResponse({ type: OpinionRequestDto })
  @ApiErrors(400, 404, 409)
  refer(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReferOpinionRequestDto,
  ): Promise<OpinionRequestDto> {
    return this.requests.act(user, id, 'refer', dto);
  }

  @Post('opinion-requests/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw your request before it is answered · 의견제시 철회',
    description:
      '회신 전(SUBMITTED·EXTENDED)인 자기 요청을 철회하고(WITHDRAWN) 이력에 남깁니다. 요청한 공무원만 할 수 있고(읽을 수 있는 그 밖의 사용자는 403), 위원회에 부의되었거나 회신·철회된 요청은 409, 읽은 version이 오래되었으면 409입니다.\n\n' +
      'Withdraws your own request before it is answered (SUBMITTED or EXTENDED → WITHDRAWN), recorded in history. The requester only (403 for others who may read it); a request referred to the committee, answered or withdrawn is a 409; a stale version is a 409.',
  })
  @ApiOkResponse({ type: OpinionRequestDto })
  @ApiErrors(400, 404, 409)
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: WithdrawOpinionRequestDto,
  ): Promise<OpinionRequestDto> {
    return this.requests.act(user, id, 'withdraw', dto);
  }
}
