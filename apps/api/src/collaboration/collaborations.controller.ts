import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  CollaborationExportService,
  CollaborationParticipantsService,
  CollaborationsService,
} from '@gwaje/collaboration';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { HistoryEntryDto } from '../history/history.dto.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { MilestoneDto } from '../tasks/tasks.dto.js';
import {
  AddParticipantDto,
  AgreeDto,
  CollaborationDto,
  CollaborationListQuery,
  CollaborationPageDto,
  CollaborationPageQuery,
  CompleteShareDto,
  CreateCollaborationDto,
  FocusDto,
  PutMilestoneSharesDto,
  UpdateCollaborationDto,
} from './collaborations.dto.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const SCOPE_KO =
  '참여기관(주관기관 포함)과 총괄기관의 감사담당관·적극행정 전담부서(AUDITOR·PROACTIVE_OFFICE), 참여기관 담당부서의 직원·부서장(STAFF·DEPT_HEAD)이 볼 수 있고, 그 밖(참여하지 않는 기관)은 404입니다.';
const SCOPE_EN =
  'AUDITOR and PROACTIVE_OFFICE of a participating (the lead included) or the coordinating organisation, and STAFF and DEPT_HEAD of a participant’s responsible department read it; anyone else (an organisation not taking part) gets a 404.';

@ApiTags('collaborations · 협업과제')
@ApiAuth()
@Controller('collaborations')
export class CollaborationsController {
  constructor(
    private readonly collaborations: CollaborationsService,
    private readonly participants: CollaborationParticipantsService,
    private readonly exports: CollaborationExportService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Make one of your tasks a collaboration task · 협업과제 등록',
    description: ko_en(
      '이 기관의 중점과제 하나를 협업과제로 등록하고 총괄기관과 참여기관(기관 종류·단계 무관, 운영 중인 기관)을 담당부서·담당자와 함께 지정합니다. 주관기관은 과제의 주관부서로 참여합니다. 적극행정 전담부서(PROACTIVE_OFFICE)만 할 수 있고(그 밖은 403), 없는·비활성 기관, 그 기관의 부서·사용자가 아닌 담당부서·담당자, 없는 총괄기관은 400(INVALID_REFERENCE, 필드 명시)이며 아무것도 바뀌지 않고, 이미 협업과제인 과제는 409(DUPLICATE)입니다.',
      'Makes a priority task of your organisation a collaboration task, naming the coordinating organisation and the participants (any active organisation of any kind and level) with their responsible department and contact. The lead takes part with the task’s lead department. PROACTIVE_OFFICE only (403 otherwise); an unknown or inactive organisation, a department or contact not of that organisation, or an unknown coordinator is a 400 (INVALID_REFERENCE) naming the field and nothing changes; a task already a collaboration is a 409 (DUPLICATE).',
    ),
  })
  @ApiCreatedResponse({ type: CollaborationDto })
  @ApiErrors(400, 409)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateCollaborationDto,
  ): Promise<CollaborationDto> {
    return this.collaborations.create(user, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'Collaboration tasks you may read, with figures · 협업과제 목록',
    description: ko_en(
      `읽을 수 있는 협업과제를 과제 상태, 추진률, 지연 여부와 지연 단계 수, 참여기관 수, 합의 미완료 기관 수와 함께 돌려줍니다. 중점/기관관리(focus), 상태, 지연, 총괄기관, 연도로 거르고, coordinated=true이면 이 기관이 총괄하는 협업과제(모든 기관)만 봅니다. ${SCOPE_KO}`,
      `Lists the collaboration tasks you may read with the task’s status, progress, delay and overdue milestones, participants and missing agreements; filter by focus (중점 vs 기관관리), status, delay, coordinator and year; coordinated=true gives those your organisation coordinates, across every organisation. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: CollaborationPageDto })
  @ApiErrors(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: CollaborationPageQuery,
  ): Promise<CollaborationPageDto> {
    const { limit, offset, ...filter } = query;
    return this.collaborations.list(user, filter, { limit, offset });
  }

  // A static route: Fastify matches it before `collaborations/:id`.
  @Get('export.xlsx')
  @ApiOperation({
    summary: 'The collaboration tasks you may read as XLSX · 협업과제 내려받기',
    description: ko_en(
      `목록과 같은 조건과 읽기 범위로 협업과제를 XLSX 파일(한글 머리글)로 내려받습니다(최대 10,000건). 열람 기록에 남고 사용자별 호출 횟수가 제한됩니다(429). ${SCOPE_KO}`,
      `Downloads the collaboration tasks you may read, filtered like the list, as XLSX with Korean headers (up to 10,000 rows). Recorded in the access log; rate-limited per user (429). ${SCOPE_EN}`,
    ),
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400)
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: CollaborationListQuery,
  ): Promise<StreamableFile> {
    const file = await this.exports.export(user, query);
    return new StreamableFile(file.body, {
      type: file.contentType,
      length: file.body.length,
      disposition: attachmentDisposition(file.filename, file.localFilename),
    });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One collaboration task · 협업과제 조회',
    description: ko_en(
      `협업과제 하나를 과제 요약, 참여기관(이름, 담당부서·담당자, 합의 여부, 분담 단계 진척), 단계별 분담, 지금 할 수 있는 일(allowedActions)과 함께 돌려주고 열람 기록에 남깁니다. ${SCOPE_KO}`,
      `Returns one collaboration task with the task summary, the participants (names, responsible department and contact, agreement, progress of their share), the milestone shares and what you may do now (allowedActions), recorded in the access log. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: CollaborationDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<CollaborationDto> {
    return this.collaborations.get(user, id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'The collaboration’s history · 협업과제 이력',
    description: ko_en(
      `등록, 목표·계획 변경, 참여기관 추가·제외, 단계 분담, 합의, 중점 지정, 분담 단계 완료 이력을 오래된 것부터 최대 500건 돌려줍니다. ${SCOPE_KO}`,
      `Returns the collaboration’s changes (creation, goals and plan, participants, shares, agreements, focus, completed shares), oldest first, up to 500. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.collaborations.historyOf(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change goals, plan or the review setting · 협업과제 수정',
    description: ko_en(
      `공동 목표, 추진 계획, 실적 검토 주체(주관기관 감사담당관/총괄기관)를 바꿉니다. 주관기관의 적극행정 전담부서만 할 수 있고(그 밖의 열람자는 403), 목표나 계획이 바뀌면 계획 버전(planVersion)이 올라가고 모든 참여기관의 합의가 초기화됩니다. 버전이 다르면 409입니다. ${SCOPE_KO}`,
      `Changes the goals, plan or who reviews the reports (the lead’s auditor or the coordinator). The lead organisation’s PROACTIVE_OFFICE only (other readers 403); a change of goals or plan moves planVersion on and resets every participant’s agreement. A stale version is a 409. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: CollaborationDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCollaborationDto,
  ): Promise<CollaborationDto> {
    return this.collaborations.update(user, id, dto);
  }

  @Post(':id/participants')
  @ApiOperation({
    summary: 'Add a participating organisation · 참여기관 추가',
    description: ko_en(
      `참여기관을 담당부서·담당자와 함께 추가합니다(다른 기관의 합의는 그대로). 주관기관의 적극행정 전담부서만 할 수 있습니다(그 밖의 열람자는 403). 없는·비활성 기관, 그 기관의 부서·사용자가 아닌 담당부서·담당자, 이미 참여하는 기관은 400이며 아무것도 바뀌지 않습니다. ${SCOPE_KO}`,
      `Adds a participating organisation with its responsible department and contact (other agreements stay). The lead’s PROACTIVE_OFFICE only (other readers 403). An unknown or inactive organisation, a department or contact not of it, or one already taking part is a 400 and nothing changes. ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: CollaborationDto })
  @ApiErrors(400, 404, 409)
  addParticipant(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddParticipantDto,
  ): Promise<CollaborationDto> {
    return this.participants.addParticipant(user, id, dto);
  }

  @Delete(':id/participants/:organisationId')
  @ApiOperation({
    summary: 'Remove a participating organisation · 참여기관 제외',
    description: ko_en(
      `참여기관을 뺍니다(주관기관은 뺄 수 없음: 400). 그 기관의 단계 분담도 없어지고, 분담이 있었다면 합의가 초기화됩니다. 주관기관의 적극행정 전담부서만 할 수 있고(그 밖의 열람자는 403), 참여하지 않는 기관은 404입니다. ${SCOPE_KO}`,
      `Removes a participant (not the lead: 400); its milestone shares go with it, and if it had any every agreement is reset. The lead’s PROACTIVE_OFFICE only (other readers 403); an organisation not taking part is a 404. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: CollaborationDto })
  @ApiErrors(400, 404, 409)
  removeParticipant(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('organisationId', UuidParamPipe) organisationId: string,
  ): Promise<CollaborationDto> {
    return this.participants.removeParticipant(user, id, organisationId);
  }

  @Put(':id/milestone-shares')
  @ApiOperation({
    summary: 'Set which participant carries which milestone · 단계 분담 지정',
    description: ko_en(
      `과제 단계마다 맡을 참여기관을 정합니다(보낸 목록으로 통째로 바뀜). 분담이 바뀌면 계획 버전이 올라가고 합의가 초기화됩니다. 주관기관의 적극행정 전담부서만 할 수 있고(그 밖의 열람자는 403), 이 과제의 단계가 아니거나 참여기관이 아닌 기관이면 400이며 아무것도 바뀌지 않습니다. ${SCOPE_KO}`,
      `Sets which participant carries each milestone of the task (the list replaces the shares). A change moves planVersion on and resets the agreements. The lead’s PROACTIVE_OFFICE only (other readers 403); a milestone of another task or an organisation not taking part is a 400 and nothing changes. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: CollaborationDto })
  @ApiErrors(400, 404, 409)
  putShares(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: PutMilestoneSharesDto,
  ): Promise<CollaborationDto> {
    return this.participants.putShares(user, id, dto);
  }

  @Post(':id/agreement')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record your organisation’s agreement with the plan · 참여기관 합의',
    description: ko_en(
      `내 기관이 현재 계획 버전(planVersion)의 목표·계획·단계 분담에 합의했음을 기록합니다. 참여기관의 적극행정 전담부서 또는 그 기관 담당부서의 부서장(DEPT_HEAD)만 할 수 있고(그 밖의 열람자는 403), 계획이 그사이 바뀌었으면 409입니다. ${SCOPE_KO}`,
      `Records that your organisation agrees with the goals, plan and milestone shares of the plan version you read. A participant’s PROACTIVE_OFFICE or its responsible department’s DEPT_HEAD (other readers 403); a plan changed meanwhile is a 409. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: CollaborationDto })
  @ApiErrors(400, 404, 409)
  agree(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AgreeDto,
  ): Promise<CollaborationDto> {
    return this.participants.agree(user, id, dto);
  }

  @Post(':id/focus')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Designate or undesignate 중점 협업과제 · 중점 협업과제 지정',
    description: ko_en(
      `총괄기관이 협업과제를 중점 협업과제로 지정하거나 기관관리로 되돌립니다(사유 필수, 이력에 남음). 총괄기관의 적극행정 전담부서만 할 수 있습니다(그 밖의 열람자는 403). ${SCOPE_KO}`,
      `The coordinator designates the task a focus task (중점 협업과제) or returns it to 기관관리, with a reason, recorded in history. The coordinating organisation’s PROACTIVE_OFFICE only (other readers 403). ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: CollaborationDto })
  @ApiErrors(400, 404, 409)
  focus(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: FocusDto,
  ): Promise<CollaborationDto> {
    return this.collaborations.setFocus(user, id, dto);
  }

  @Post(':id/milestones/:milestoneId/completion')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Complete a milestone of your share · 분담 단계 완료',
    description: ko_en(
      `내 기관이 맡은 단계를 실제 완료일과 함께 완료 처리합니다(과제의 단계 완료 규칙: 완료일이 없으면 오늘, 지난 날짜는 사후 입력 사유 필요). 그 기관 담당부서의 직원·부서장 또는 그 기관의 적극행정 전담부서만 할 수 있고, 다른 기관이 맡은 단계나 그 밖의 열람자는 403, 과제가 추진 중이 아니면 403입니다. ${SCOPE_KO}`,
      `Marks a milestone of your organisation’s share done with its actual date (the tasks’ completion rules: today when absent, a past date needs lateEntryReason). STAFF or DEPT_HEAD of your responsible department or your PROACTIVE_OFFICE; another participant’s milestone or any other reader is a 403, and so is a task not running. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: MilestoneDto })
  @ApiErrors(400, 404, 409)
  complete(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('milestoneId', UuidParamPipe) milestoneId: string,
    @Body() dto: CompleteShareDto,
  ): Promise<MilestoneDto> {
    return this.participants.completeShare(user, id, milestoneId, dto);
  }
}
