import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TfDecisionsService, TfService } from '@gwaje/collaboration';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  ActionItemDto,
  ActionItemListQuery,
  ActionItemPageDto,
  AddTfMemberDto,
  CreateTfDecisionDto,
  CreateTfMeetingDto,
  SetActionItemStatusDto,
  TfDto,
  TfMeetingDto,
  TfMeetingPageDto,
  TfPageQuery,
  UpdateTfMeetingDto,
} from './collaboration-tf.dto.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const SCOPE_KO =
  '협업과제를 볼 수 있는 사람(참여기관·총괄기관의 감사·적극행정 담당, 참여기관 담당부서의 직원·부서장)이 볼 수 있고, 참여하지 않는 기관은 404입니다.';
const SCOPE_EN =
  'Read by whoever reads the collaboration (AUDITOR and PROACTIVE_OFFICE of a participant or the coordinator, STAFF and DEPT_HEAD of a participant’s responsible department); an organisation not taking part gets a 404.';
const MANAGERS_KO = '주관기관의 적극행정 전담부서·주관기관 담당자와 총괄기관의 적극행정 전담부서';
const MANAGERS_EN =
  'the lead organisation’s PROACTIVE_OFFICE or the collaboration’s lead contact, and the coordinator’s PROACTIVE_OFFICE';

/**
 * The TF (task force) of a collaboration task (협업과제 TF, issue 21 item 3): members with TF roles,
 * meetings with minutes and attendees, decisions that create milestones of the task or action
 * items, and the action items' status.
 */
@ApiTags('collaborations · 협업과제')
@ApiAuth()
@Controller('collaborations/:id/tf')
export class CollaborationTfController {
  constructor(
    private readonly tf: TfService,
    private readonly decisions: TfDecisionsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The collaboration’s TF · 협업 TF 조회',
    description: ko_en(
      `TF 구성원(역할: 팀장 LEAD, 구성원 MEMBER, 총괄기관 연락관 LIAISON)과 TF 현황(중점 협업과제이면 필수: 팀장이 없거나 구성원이 없는 참여기관이 있으면 incomplete), 지금 할 수 있는 일을 돌려줍니다. ${SCOPE_KO}`,
      `Returns the TF members (roles LEAD, MEMBER, LIAISON), the TF's status (required for a focus task: incomplete without a lead or with a participant without a member) and what you may do. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: TfDto })
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<TfDto> {
    return this.tf.get(user, id);
  }

  @Get('members')
  @ApiOperation({
    summary: 'The TF’s members · 협업 TF 구성원',
    description: ko_en(
      `TF 구성원과 현황(GET …/tf와 같음)을 돌려줍니다. ${SCOPE_KO}`,
      `The TF members and status (as GET …/tf). ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: TfDto })
  @ApiErrors(404)
  members(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<TfDto> {
    return this.tf.get(user, id);
  }

  @Post('members')
  @ApiOperation({
    summary: 'Add a TF member · 협업 TF 구성원 추가',
    description: ko_en(
      `참여기관(주관기관 포함)이나 총괄기관의 재직 중인 사용자로서 이 협업과제를 볼 수 있는 사람을 TF 역할과 함께 추가합니다. 총괄기관 연락관(LIAISON)은 총괄기관 사용자만, 팀장(LEAD)은 한 명입니다(두 번째는 409 DUPLICATE). ${MANAGERS_KO}만 할 수 있고(그 밖의 열람자는 403), 그 밖의 사용자는 400(INVALID_REFERENCE, 필드 명시)이며 아무것도 바뀌지 않습니다. ${SCOPE_KO}`,
      `Adds an active user of a participant (the lead included) or of the coordinator who reads the collaboration, with a TF role. LIAISON only from the coordinator; one LEAD (a second is a 409 DUPLICATE). Only ${MANAGERS_EN} (other readers 403); any other user is a 400 (INVALID_REFERENCE) naming the field and nothing changes. ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: TfDto })
  @ApiErrors(400, 404, 409)
  addMember(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddTfMemberDto,
  ): Promise<TfDto> {
    return this.tf.addMember(user, id, dto);
  }

  @Delete('members/:userId')
  @ApiOperation({
    summary: 'Remove a TF member · 협업 TF 구성원 제외',
    description: ko_en(
      `TF 구성원을 뺍니다(그 사람의 미완료 실행과제는 담당자가 그대로 남습니다). ${MANAGERS_KO}만 할 수 있고(그 밖의 열람자는 403), TF 구성원이 아니면 404입니다. ${SCOPE_KO}`,
      `Removes a TF member (their open action items keep their owner). Only ${MANAGERS_EN} (other readers 403); not a member is a 404. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: TfDto })
  @ApiErrors(404)
  removeMember(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('userId', UuidParamPipe) userId: string,
  ): Promise<TfDto> {
    return this.tf.removeMember(user, id, userId);
  }

  @Get('meetings')
  @ApiOperation({
    summary: 'The TF’s meetings · 협업 TF 회의 목록',
    description: ko_en(
      `TF 회의를 최근 것부터 돌려줍니다. ${SCOPE_KO}`,
      `The TF's meetings, newest first. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: TfMeetingPageDto })
  @ApiErrors(400, 404)
  meetings(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: TfPageQuery,
  ): Promise<TfMeetingPageDto> {
    return this.tf.meetings(user, id, { limit: query.limit, offset: query.offset });
  }

  @Post('meetings')
  @ApiOperation({
    summary: 'Record a TF meeting · 협업 TF 회의 등록',
    description: ko_en(
      `TF 회의(일시, 회의명, 장소·온라인 여부, 참석자, 회의록)를 기록합니다. TF 구성원이나 ${MANAGERS_KO}가 할 수 있고(그 밖의 열람자는 403), TF 구성원이 아닌 참석자는 400(INVALID_REFERENCE, 필드 명시)입니다. ${SCOPE_KO}`,
      `Records a TF meeting (time, title, place or online, attendees, minutes). A TF member or ${MANAGERS_EN} (other readers 403); an attendee who is no TF member is a 400 (INVALID_REFERENCE) naming the field. ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: TfMeetingDto })
  @ApiErrors(400, 404)
  createMeeting(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateTfMeetingDto,
  ): Promise<TfMeetingDto> {
    return this.tf.createMeeting(user, id, dto);
  }

  @Get('meetings/:meetingId')
  @ApiOperation({
    summary: 'One TF meeting with its decisions · 협업 TF 회의 조회',
    description: ko_en(
      `회의와 참석자, 회의록, 결정 사항(만든 단계·실행과제 포함)을 돌려줍니다. ${SCOPE_KO}`,
      `The meeting with its attendees, minutes and decisions (with the milestones or action items they created). ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: TfMeetingDto })
  @ApiErrors(404)
  meeting(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('meetingId', UuidParamPipe) meetingId: string,
  ): Promise<TfMeetingDto> {
    return this.tf.meeting(user, id, meetingId);
  }

  @Patch('meetings/:meetingId')
  @ApiOperation({
    summary: 'Change a TF meeting · 협업 TF 회의 수정',
    description: ko_en(
      `회의 일시, 회의명, 장소, 참석자, 회의록을 고칩니다. 기록한 사람, TF 팀장·총괄기관 연락관, ${MANAGERS_KO}가 할 수 있고(그 밖의 열람자는 403), 버전이 다르면 409입니다. ${SCOPE_KO}`,
      `Changes the meeting's time, title, place, attendees or minutes. Its recorder, the TF lead or liaison, or ${MANAGERS_EN} (other readers 403); a stale version is a 409. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: TfMeetingDto })
  @ApiErrors(400, 404, 409)
  updateMeeting(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('meetingId', UuidParamPipe) meetingId: string,
    @Body() dto: UpdateTfMeetingDto,
  ): Promise<TfMeetingDto> {
    return this.tf.updateMeeting(user, id, meetingId, dto);
  }

  @Post('meetings/:meetingId/decisions')
  @ApiOperation({
    summary: 'Record a decision of a TF meeting · 협업 TF 결정 사항 등록',
    description: ko_en(
      `회의의 결정 사항을 기록합니다. 결정은 협업과제의 과제 단계(단계명, 예정일, 맡을 참여기관: 과제 단계로 추가되고 분담이 정해지며 계획이 바뀌어 모든 참여기관의 합의가 초기화됨) 또는 실행과제(담당 TF 구성원, 기한: 알림 대상) 중 하나를 만들 수 있습니다(둘 다는 400). 회의를 기록한 사람, TF 팀장·총괄기관 연락관, ${MANAGERS_KO}가 할 수 있고(그 밖의 열람자는 403), 참여기관이 아닌 기관, TF 구성원이 아닌 담당자는 400(INVALID_REFERENCE), 과제 기간 밖 예정일은 400이며 아무것도 바뀌지 않습니다. 과제가 추진 중이 아니면 단계를 만들 수 없습니다(403). ${SCOPE_KO}`,
      `Records a decision of the meeting. It may create EITHER milestones of the collaboration's task (title, due date, the participant that carries it: added to the task and shared out; the plan changes, so every participant's agreement is reset) OR action items (owner a TF member, due date: chased by the reminders), not both (400). The meeting's recorder, the TF lead or liaison, or ${MANAGERS_EN} (other readers 403); an organisation not taking part or an owner who is no TF member is a 400 (INVALID_REFERENCE), a due date outside the task's period a 400, and nothing changes. Milestones need a running task (403 otherwise). ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: TfMeetingDto })
  @ApiErrors(400, 404)
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('meetingId', UuidParamPipe) meetingId: string,
    @Body() dto: CreateTfDecisionDto,
  ): Promise<TfMeetingDto> {
    return this.decisions.decide(user, id, meetingId, dto);
  }

  @Get('action-items')
  @ApiOperation({
    summary: 'The TF’s action items · 협업 TF 실행과제 목록',
    description: ko_en(
      `결정으로 만든 실행과제를 기한 순으로 돌려줍니다(상태, 담당자로 거름). ${SCOPE_KO}`,
      `The action items the TF's decisions created, by due date (filter by status, owner). ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionItemPageDto })
  @ApiErrors(400, 404)
  actionItems(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ActionItemListQuery,
  ): Promise<ActionItemPageDto> {
    const { limit, offset, ...filter } = query;
    return this.decisions.actionItems(user, id, filter, { limit, offset });
  }

  @Patch('action-items/:itemId')
  @ApiOperation({
    summary: 'Mark an action item done or open · 협업 TF 실행과제 완료',
    description: ko_en(
      `실행과제를 완료(DONE: 완료 시각 기록, 알림 중단)하거나 다시 미완료(OPEN)로 돌립니다. 담당자, TF 팀장, ${MANAGERS_KO}가 할 수 있고(그 밖의 열람자는 403), 버전이 다르면 409입니다. ${SCOPE_KO}`,
      `Marks an action item done (DONE: completed now, reminders stop) or open again. Its owner, the TF lead or ${MANAGERS_EN} (other readers 403); a stale version is a 409. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionItemDto })
  @ApiErrors(400, 404, 409)
  setStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
    @Body() dto: SetActionItemStatusDto,
  ): Promise<ActionItemDto> {
    return this.decisions.setStatus(user, id, itemId, dto);
  }
}
