import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AgendaItemsService,
  CommitteeMeetingsService,
  CommitteeMembersService,
} from '@gwaje/committee';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  AddAgendaItemDto,
  AddCommitteeMemberDto,
  CommitteeCandidateDto,
  AgendaItemDto,
  AttendanceDto,
  ChallengeDecisionDto,
  ChallengeDto,
  CommitteeMemberDto,
  CommitteeOverviewDto,
  CreateMeetingDto,
  MeetingDto,
  MeetingListQuery,
  MeetingSummaryDto,
  CommitteeMemberListQuery,
  RecusalDto,
  ResolveItemDto,
  UpdateMeetingDto,
  UpdateCommitteeMemberDto,
  VersionDto,
  VoteDto,
  WithdrawItemDto,
} from './committee.dto.js';

const READERS_KO =
  '같은 기관의 적극행정 전담부서(PROACTIVE_OFFICE)·감사(AUDITOR)·관리자(ADMIN)와 위원(COMMITTEE)이 볼 수 있고, 그 밖의 사용자에게는 404입니다.';
const READERS_EN =
  'Readable by PROACTIVE_OFFICE, AUDITOR, ADMIN and COMMITTEE users of the organisation; anyone else gets a 404.';

@ApiTags('committee · 적극행정위원회')
@ApiAuth()
@Controller()
export class CommitteeController {
  constructor(
    private readonly members: CommitteeMembersService,
    private readonly meetings: CommitteeMeetingsService,
    private readonly items: AgendaItemsService,
  ) {}

  // ── Members ────────────────────────────────────────────────────────────────────────────────

  @Get('committee')
  @ApiOperation({
    summary: 'The standing committee today: sitting members and composition warnings · 위원회 현황',
    description:
      `오늘(Asia/Seoul) 임기 중인 위원(위원장 먼저)과 구성 기준(설정 committee.minMembers·maxMembers·minCivilianPercent) 대비 경고(위원장 없음·복수, 정원 미달·초과, 민간위원 비율 미달)를 돌려줍니다. ${READERS_KO}\n\n` +
      `The members sitting today (Asia/Seoul), chair first, and what the composition lacks against the rule (settings committee.minMembers, maxMembers, minCivilianPercent): warnings, never refusals. ${READERS_EN}`,
  })
  @ApiOkResponse({ type: CommitteeOverviewDto })
  @ApiErrors(404)
  overview(@CurrentUser() user: AuthUser): Promise<CommitteeOverviewDto> {
    return this.members.overview(user);
  }

  @Get('committee/members')
  @ApiOperation({
    summary: 'Committee member terms · 위원 임기 목록',
    description:
      `위원의 임기를 최근 시작 순으로 돌려줍니다(기본: 끝나지 않은 임기, includePast=true면 지난 임기도). ${READERS_KO}\n\n` +
      `Member terms, latest start first (by default those not ended; includePast=true adds ended ones). ${READERS_EN}`,
  })
  @ApiOkResponse({ type: [CommitteeMemberDto] })
  @ApiErrors(400, 404)
  listMembers(
    @CurrentUser() user: AuthUser,
    @Query() query: CommitteeMemberListQuery,
  ): Promise<CommitteeMemberDto[]> {
    return this.members.list(user, query.includePast ?? false);
  }

  @Get('committee/candidates')
  @ApiOperation({
    summary: 'Whom the office may appoint (PROACTIVE_OFFICE) · 위촉 가능한 위원',
    description:
      '이 기관의 활성 위원(COMMITTEE) 사용자를 이름 순으로, 오늘 임기 중인지와 함께 돌려줍니다. 전담부서만 호출할 수 있습니다(그 밖은 403).\n\n' +
      'The organisation’s active COMMITTEE users by name, with whether each sits today. PROACTIVE_OFFICE only (403 otherwise).',
  })
  @ApiOkResponse({ type: [CommitteeCandidateDto] })
  @ApiErrors(403)
  candidates(@CurrentUser() user: AuthUser): Promise<CommitteeCandidateDto[]> {
    return this.members.candidates(user);
  }

  @Post('committee/members')
  @ApiOperation({
    summary: 'Appoint a member for a term (PROACTIVE_OFFICE) · 위원 위촉·임명',
    description:
      '이 기관의 활성 위원(COMMITTEE) 사용자를 임기(시작일·종료일), 위원장 여부, 민간위원 여부, 소속과 함께 위원으로 올리고 이력에 남깁니다. 전담부서만 호출할 수 있고(그 밖은 403, 위원회를 볼 수 없는 사용자는 404), 사용자나 날짜가 맞지 않으면 400, 같은 위원의 임기가 겹치면 409(DUPLICATE)입니다. 위원장이 둘이 되어도 거절하지 않고 위원회 현황의 경고로 보입니다.\n\n' +
      'Appoints an active COMMITTEE user of the organisation for a term (start, optional end), with the chair and civilian (민간위원) flags and an affiliation, recorded in history. PROACTIVE_OFFICE only (403 otherwise); a user or dates that do not fit are a 400; an overlapping term of the same user is a 409 (DUPLICATE). A second chair is not refused: the overview warns.',
  })
  @ApiCreatedResponse({ type: CommitteeMemberDto })
  @ApiErrors(400, 404, 409)
  addMember(
    @CurrentUser() user: AuthUser,
    @Body() dto: AddCommitteeMemberDto,
  ): Promise<CommitteeMemberDto> {
    return this.members.add(user, dto);
  }

  @Patch('committee/members/:id')
  @ApiOperation({
    summary:
      'End a term early, change the chair or the civilian flag (PROACTIVE_OFFICE) · 위원 정보 변경',
    description:
      '임기 종료일(조기 해촉), 위원장·민간위원 여부, 소속을 바꾸고 이력에 남깁니다. 전담부서만(403), 다른 기관의 위원은 404, 종료일이 시작일보다 앞서면 400, 버전이 다르면 409(VERSION_CONFLICT)입니다.\n\n' +
      'Ends a term (early), changes the chair or civilian flag or the affiliation, recorded in history. PROACTIVE_OFFICE only (403); another organisation’s member is a 404; an end before the start is a 400; a stale version is a 409 (VERSION_CONFLICT).',
  })
  @ApiOkResponse({ type: CommitteeMemberDto })
  @ApiErrors(400, 404, 409)
  updateMember(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCommitteeMemberDto,
  ): Promise<CommitteeMemberDto> {
    return this.members.update(user, id, dto);
  }

  // ── Meetings ───────────────────────────────────────────────────────────────────────────────

  @Get('committee/meetings')
  @ApiOperation({
    summary: 'Committee meetings · 위원회 회의 목록',
    description:
      '회의를 최근 날짜부터 돌려줍니다(기간으로 거를 수 있음, 최대 200건). 전담부서·감사·관리자는 모든 회의를, 위원은 자신이 재임 중이던 날의 회의만 봅니다. 그 밖의 사용자는 404입니다.\n\n' +
      'Meetings, latest first (optionally within dates; at most 200 a page). PROACTIVE_OFFICE, AUDITOR and ADMIN see every meeting, a COMMITTEE user those held while they sat; anyone else gets a 404.',
  })
  @ApiOkResponse({ type: [MeetingSummaryDto] })
  @ApiErrors(400, 404)
  listMeetings(
    @CurrentUser() user: AuthUser,
    @Query() query: MeetingListQuery,
  ): Promise<MeetingSummaryDto[]> {
    return this.meetings.list(user, query);
  }

  @Post('committee/meetings')
  @ApiOperation({
    summary: 'Schedule a meeting, in person or in writing (PROACTIVE_OFFICE) · 회의 소집',
    description:
      '대면(IN_PERSON) 또는 서면(WRITTEN) 심의 회의를 SCHEDULED로 만들고, 회의일에 재임 중인 위원으로 구성 기준 경고를 계산해 함께 남깁니다(거절하지 않음). 서면 심의는 사유(URGENT 긴급·MINOR 경미·UNAVOIDABLE 천재지변 등 부득이한 사유)와 설명이 필요하며 없으면 400입니다. 전담부서만(403).\n\n' +
      'Schedules a meeting in person or in writing (SCHEDULED) and stores the composition warnings of the members sitting on its date (a warning, never a refusal). A WRITTEN meeting needs its ground (URGENT, MINOR, UNAVOIDABLE) and an explanation, else 400. PROACTIVE_OFFICE only (403).',
  })
  @ApiCreatedResponse({ type: MeetingDto })
  @ApiErrors(400, 404)
  createMeeting(@CurrentUser() user: AuthUser, @Body() dto: CreateMeetingDto): Promise<MeetingDto> {
    return this.meetings.create(user, dto);
  }

  @Get('committee/meetings/:id')
  @ApiOperation({
    summary: 'A meeting with its sitting members, attendance and agenda · 회의 상세',
    description:
      '회의, 회의일의 재적 위원(열린 뒤에는 기록된 그대로), 출석, 안건, 구성 경고, 지금 할 수 있는 처리(allowedActions)를 돌려줍니다. 위원은 자신이 재임 중이던 회의만, 그 밖의 사용자와 다른 기관은 404입니다.\n\n' +
      'The meeting, the members sitting on its date (as recorded once held), the attendance, the agenda, the composition warnings and allowedActions. A COMMITTEE user sees the meetings they sat on; anyone else, and other organisations, get a 404.',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(404)
  getMeeting(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<MeetingDto> {
    return this.meetings.get(user, id);
  }

  @Patch('committee/meetings/:id')
  @ApiOperation({
    summary: 'Change a scheduled meeting (PROACTIVE_OFFICE) · 회의 변경',
    description:
      '열리기 전(SCHEDULED) 회의의 이름·날짜·방식·서면 사유를 바꾸고 구성 경고를 다시 계산합니다. 전담부서만(403), 열린 회의는 409(ILLEGAL_TRANSITION), 버전이 다르면 409(VERSION_CONFLICT)입니다.\n\n' +
      'Changes a SCHEDULED meeting (title, date, kind, written ground) and recomputes the warnings. PROACTIVE_OFFICE only (403); a meeting already held is a 409 (ILLEGAL_TRANSITION); a stale version a 409 (VERSION_CONFLICT).',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 404, 409)
  updateMeeting(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.update(user, id, dto);
  }

  @Post('committee/meetings/:id/hold')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record that the meeting was held, with its attendance (PROACTIVE_OFFICE) · 회의 개최·출석 기록',
    description:
      'SCHEDULED → HELD: 회의일에 재임 중인 위원을 재적으로 기록하고, 출석 위원(서면 심의는 회신한 위원)을 남깁니다. 출석 위원이 재임 위원이 아니면 400, 상태가 맞지 않으면 409(ILLEGAL_TRANSITION)입니다.\n\n' +
      'SCHEDULED → HELD: records the members sitting on the date (재적) and who attended (for a written meeting, who answered). An attendee who is not sitting is a 400; another state is a 409 (ILLEGAL_TRANSITION).',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 404, 409)
  hold(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AttendanceDto,
  ): Promise<MeetingDto> {
    return this.meetings.hold(user, id, dto);
  }

  @Put('committee/meetings/:id/attendance')
  @ApiOperation({
    summary: 'Correct the attendance of a held meeting (PROACTIVE_OFFICE) · 출석 정정',
    description:
      '열린(HELD) 회의의 출석을 바꿉니다. 이미 의결한 안건은 그때의 출석을 그대로 둡니다. 상태가 맞지 않으면 409입니다.\n\n' +
      'Replaces the attendance of a HELD meeting; items already resolved keep what they counted. Another state is a 409.',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 404, 409)
  attendance(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AttendanceDto,
  ): Promise<MeetingDto> {
    return this.meetings.recordAttendance(user, id, dto);
  }

  @Post('committee/meetings/:id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a held meeting (PROACTIVE_OFFICE) · 회의 종료',
    description:
      'HELD → CLOSED. 의결하지 않은 안건이 있으면 409(ILLEGAL_TRANSITION)입니다.\n\n' +
      'HELD → CLOSED; refused with a 409 (ILLEGAL_TRANSITION) while an item is undecided.',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 404, 409)
  close(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: VersionDto,
  ): Promise<MeetingDto> {
    return this.meetings.close(user, id, dto);
  }

  // ── Agenda items ───────────────────────────────────────────────────────────────────────────

  @Post('committee/meetings/:id/agenda-items')
  @ApiOperation({
    summary: 'Put a matter on the agenda (PROACTIVE_OFFICE) · 안건 상정',
    description:
      '회의(SCHEDULED·HELD)에 안건을 올립니다: 평가 기준(EVALUATION_CRITERIA, 추천 단계의 회차), 평가 결과(EVALUATION_RESULTS, 채점 단계의 회차), 사전컨설팅 자문(CONSULTATION_ADVICE), 기타(OTHER, 제목만). 대상의 이해관계인(후보자·팀원·부서·추천자·신청인)이 함께 기록되어 재임 위원 중 해당자는 자동 제척됩니다. 대상이 없거나 다른 기관이면 404, 대상의 상태가 맞지 않으면 409, 같은 대상의 안건이 의결 대기 중이면 409(DUPLICATE)입니다.\n\n' +
      'Adds an item to a SCHEDULED or HELD meeting: an evaluation round’s criteria (round in NOMINATING) or results (round in SCORING), a pre-consultation’s committee advice, or OTHER (a title only). The subject’s interested parties are recorded, and sitting members among them are excluded automatically (제척). An unknown subject or another organisation’s is a 404; a subject in the wrong state a 409; a second open item on the same subject a 409 (DUPLICATE).',
  })
  @ApiCreatedResponse({ type: AgendaItemDto })
  @ApiErrors(400, 404, 409)
  addItem(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddAgendaItemDto,
  ): Promise<AgendaItemDto> {
    return this.items.add(user, id, dto);
  }

  @Get('committee/agenda-items/:id')
  @ApiOperation({
    summary: 'An agenda item with its exclusions, votes and resolution · 안건 상세',
    description:
      '안건, 제척(자동 계산)·기피·회피, 표결, 의결 결과, allowedActions를 돌려줍니다. 전담부서·감사·관리자와 회의일의 재임 위원이 볼 수 있고, 안건의 이해관계인은 기피 신청을 위해 표결과 이해관계인 목록 없이 볼 수 있습니다. 그 밖은 404입니다.\n\n' +
      'The item, its exclusions (제척 computed, 기피, 회피), votes, resolution and allowedActions. Readable by PROACTIVE_OFFICE, AUDITOR, ADMIN and the members sitting on the meeting date; an interested party sees it without votes and parties (to file a 기피). Anyone else gets a 404.',
  })
  @ApiOkResponse({ type: AgendaItemDto })
  @ApiErrors(404)
  getItem(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<AgendaItemDto> {
    return this.items.get(user, id);
  }

  @Post('committee/agenda-items/:id/challenges')
  @ApiOperation({
    summary: 'Ask for a member’s exclusion (기피) — interested parties · 기피 신청',
    description:
      '안건의 이해관계인(후보자·추천자·신청인 등)이 회의일에 재임 중인 위원의 기피를 사유와 함께 신청합니다. 위원회가 결정하기 전까지 REQUESTED입니다. 이해관계인이 아니면 403(또는 볼 수 없으면 404), 의결된 안건이나 마친 회의는 409, 같은 위원에 대한 신청이 이미 있으면 409(DUPLICATE)입니다.\n\n' +
      'An interested party asks that a member sitting on the meeting date be excluded, with a reason; REQUESTED until the committee decides. Not a party: 403 (404 if the item is not readable); a decided item or closed meeting: 409; a pending or accepted request against the member: 409 (DUPLICATE).',
  })
  @ApiCreatedResponse({ type: AgendaItemDto })
  @ApiErrors(400, 404, 409)
  challenge(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ChallengeDto,
  ): Promise<AgendaItemDto> {
    return this.items.challenge(user, id, dto);
  }

  @Post('committee/agenda-items/:id/challenges/:challengeId/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the committee’s decision on a 기피 request (PROACTIVE_OFFICE) · 기피 결정',
    description:
      '열린 회의에서 위원회가 내린 기피 결정(인용 accepted=true: 그 위원은 이 안건에서 제외, 기각 false)을 기록합니다. 전담부서만(403), 이미 결정된 신청은 409입니다.\n\n' +
      'Records the committee’s decision at a held meeting: accepted excludes the member from the item, rejected does not. PROACTIVE_OFFICE only (403); a request already decided is a 409.',
  })
  @ApiOkResponse({ type: AgendaItemDto })
  @ApiErrors(400, 404, 409)
  decideChallenge(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('challengeId', UuidParamPipe) challengeId: string,
    @Body() dto: ChallengeDecisionDto,
  ): Promise<AgendaItemDto> {
    return this.items.decideChallenge(user, id, challengeId, dto);
  }

  @Post('committee/agenda-items/:id/recusal')
  @ApiOperation({
    summary: 'Recuse yourself from an item (회피) — sitting members · 회피 신고',
    description:
      '회의일에 재임 중인 위원이 사유와 함께 이 안건에서 스스로 빠집니다(이미 한 표결은 지워집니다). 위원이 아니면 403, 의결된 안건은 409, 이미 회피했으면 409(DUPLICATE)입니다.\n\n' +
      'A member sitting on the meeting date steps aside from the item, with a reason (a vote already cast is withdrawn). Not a sitting member: 403; a decided item: 409; already recused: 409 (DUPLICATE).',
  })
  @ApiCreatedResponse({ type: AgendaItemDto })
  @ApiErrors(400, 404, 409)
  recuse(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RecusalDto,
  ): Promise<AgendaItemDto> {
    return this.items.recuse(user, id, dto);
  }

  @Put('committee/agenda-items/:id/votes')
  @ApiOperation({
    summary: 'Cast (or change) a vote — attending members; the office from the minutes · 표결',
    description:
      '출석한 위원이 찬성(FOR)·반대(AGAINST)·기권(ABSTAIN)을 표결합니다(의결 전까지 바꿀 수 있음). 전담부서는 memberId로 출석 위원의 표결을 회의록대로 기록할 수 있습니다. 제척·기피·회피된 위원은 409(MEMBER_EXCLUDED), 출석하지 않은 위원은 403(전담부서가 지정하면 400)입니다.\n\n' +
      'An attending member votes FOR, AGAINST or ABSTAIN (changeable until the item is resolved); the office may record an attending member’s vote from the minutes with memberId. An excluded member (제척·기피·회피) gets a 409 (MEMBER_EXCLUDED); a member who did not attend a 403 (a 400 when the office names them).',
  })
  @ApiOkResponse({ type: AgendaItemDto })
  @ApiErrors(400, 404, 409)
  vote(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: VoteDto,
  ): Promise<AgendaItemDto> {
    return this.items.vote(user, id, dto);
  }

  @Post('committee/agenda-items/:id/withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take an open item off the agenda, undecided (PROACTIVE_OFFICE) · 안건 철회',
    description:
      '의결 전(OPEN) 안건을 사유와 함께 철회합니다(WITHDRAWN). 철회한 안건은 회의 종료를 막지 않고, 같은 대상을 다른 회의에 올릴 수 있습니다. 전담부서만(403), 의결된 안건이나 마친 회의는 409(ILLEGAL_TRANSITION), 버전이 다르면 409(VERSION_CONFLICT)입니다.\n\n' +
      'Withdraws an OPEN item with a reason (WITHDRAWN): it no longer keeps the meeting from closing, and its subject may go on another agenda. PROACTIVE_OFFICE only (403); a decided item or a closed meeting is a 409 (ILLEGAL_TRANSITION); a stale version a 409 (VERSION_CONFLICT).',
  })
  @ApiOkResponse({ type: AgendaItemDto })
  @ApiErrors(400, 404, 409)
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: WithdrawItemDto,
  ): Promise<AgendaItemDto> {
    return this.items.withdraw(user, id, dto);
  }

  @Post('committee/agenda-items/:id/resolution')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve the item under the statute’s rule (PROACTIVE_OFFICE) · 의결',
    description:
      '재적(회의일의 재임 위원) 과반이 이 안건에 출석하고(제척·기피·회피 위원은 출석으로 세지 않음) 출석 과반이 찬성하면 가결(PASSED), 아니면 부결(REJECTED)로 기록합니다(기권과 표결하지 않은 출석 위원은 반대와 같음). 정족수 미달은 409(QUORUM_NOT_MET)로 아무것도 바꾸지 않습니다. 가결되면 대상에 반영됩니다: 평가 기준은 확정되어 채점을 시작할 수 있고, 평가 결과는 회차를 확정(CONFIRMED)하며, 사전컨설팅은 자문 의견이 기록됩니다. 대상이 반영을 거절하면(예: 집계 안 됨 409 RESULTS_NOT_AGGREGATED) 의결도 기록되지 않습니다.\n\n' +
      'PASSED when a majority of the members sitting on the date is present for the item (members excluded by 제척·기피·회피 are not present) and more than half of those present vote for; otherwise REJECTED, recorded too (abstentions and present members who did not vote count against). No quorum is a 409 (QUORUM_NOT_MET) and changes nothing. A PASSED item is applied to its subject in the same transaction: evaluation criteria are frozen and scoring may start, evaluation results confirm the round, a pre-consultation gets the committee’s advice. When the subject refuses (e.g. 409 RESULTS_NOT_AGGREGATED) nothing is recorded.',
  })
  @ApiOkResponse({ type: AgendaItemDto })
  @ApiErrors(400, 404, 409)
  resolve(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ResolveItemDto,
  ): Promise<AgendaItemDto> {
    return this.items.resolve(user, id, dto);
  }
}
