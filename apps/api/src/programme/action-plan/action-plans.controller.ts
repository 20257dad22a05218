import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
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
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import {
  ActionPlanDirectionsService,
  ActionPlanExportService,
  ActionPlanItemsService,
  ActionPlansService,
} from '@gwaje/programme';
import {
  ActionPlanDto,
  ActionPlanListQuery,
  ActionPlanSummaryDto,
  ActionPlanVersionDto,
  ActionPlanVersionQuery,
  AddDirectionDto,
  AddMeasureDto,
  CreateActionPlanDto,
  MeasureStatusDto,
  PlanActionDto,
  ReturnPlanDto,
  UpdateDirectionDto,
  UpdateMeasureDto,
} from './action-plan.dto.js';
import {
  ApiAuth,
  ApiErrors,
  attachmentDisposition,
  HistoryEntryDto,
  UuidParamPipe,
} from '../http.js';

export const ACTION_PLAN_TAG = 'action-plans · 실행계획';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const SCOPE_KO =
  '실행계획은 그 기관의 모든 사용자(관리자 포함)가 읽고, 다른 기관의 실행계획은 404입니다.';
const SCOPE_EN =
  'Everyone of the organisation (ADMIN included) reads its plans; another organisation’s plan is a 404.';
const EDIT_KO =
  '추진방향·세부과제를 바꾸는 것은 적극행정 전담부서(PROACTIVE_OFFICE)만 할 수 있고(그 밖은 403), 결재 중(SUBMITTED)에는 409입니다. 승인된(APPROVED) 실행계획을 바꾸면 다음 판(planVersion + 1)이 작성 중(DRAFT)으로 열리고 승인된 판은 ?version=N으로 계속 읽을 수 있습니다.';
const EDIT_EN =
  'Changing directions and measures is PROACTIVE_OFFICE’s (403 otherwise) and a 409 while the plan awaits approval (SUBMITTED). Changing an APPROVED plan opens its next version (planVersion + 1) as a DRAFT; the approved one stays readable with ?version=N.';

@ApiTags(ACTION_PLAN_TAG)
@ApiAuth()
@Controller('action-plans')
export class ActionPlansController {
  constructor(
    private readonly plans: ActionPlansService,
    private readonly directions: ActionPlanDirectionsService,
    private readonly items: ActionPlanItemsService,
    private readonly exports: ActionPlanExportService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Open the year’s action plan · 실행계획 작성',
    description: ko_en(
      `적극행정 전담부서(PROACTIVE_OFFICE)가 기관의 한 해 실행계획을 추진방향(순서대로)과 함께 엽니다(DRAFT). 기관·연도마다 하나이며 같은 연도의 두 번째는 409(DUPLICATE, year)입니다. 그 밖의 역할은 403. ${SCOPE_KO}`,
      `PROACTIVE_OFFICE opens the organisation’s action plan of a year with its directions in order (DRAFT). One per organisation and year: a second one is a 409 (DUPLICATE, year). Other roles get a 403. ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: ActionPlanDto })
  @ApiErrors(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateActionPlanDto): Promise<ActionPlanDto> {
    return this.plans.create(user, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'The organisation’s action plans · 실행계획 목록',
    description: ko_en(
      `기관의 실행계획을 최근 연도부터 상태, 판, 진척도와 함께 돌려줍니다(연도로 거르기). ${SCOPE_KO}`,
      `The organisation’s plans, newest year first, with status, version and progress; filter by year. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [ActionPlanSummaryDto] })
  @ApiErrors(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ActionPlanListQuery,
  ): Promise<ActionPlanSummaryDto[]> {
    return this.plans.list(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One action plan · 실행계획 조회',
    description: ko_en(
      `실행계획을 추진방향, 세부과제(담당부서, 목표, 기한, 상태, 연결된 중점과제와 그 진척), 추진방향별·전체 진척도(완료한 세부과제의 비율, 취소 제외; 연결 과제는 완료를 완료로 셈), 결재 기록과 함께 돌려주고 열람 기록에 남깁니다. version=N이면 승인된 N판(읽기 전용, snapshot=true)을 돌려주고, 없는 판은 404입니다. ${SCOPE_KO}`,
      `The plan with its directions, measures (owner department, target, due date, status, linked priority tasks and their progress), progress per direction and overall (share of measures DONE, DROPPED excluded; a linked task counts done when COMPLETED) and its approval record, recorded in the access log. With version=N, the approved version N (read-only, snapshot=true); an unknown version is a 404. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionPlanDto })
  @ApiErrors(400, 404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ActionPlanVersionQuery,
  ): Promise<ActionPlanDto> {
    return this.plans.get(user, id, query.version);
  }

  @Get(':id/versions')
  @ApiOperation({
    summary: 'The plan’s versions · 실행계획 판 목록',
    description: ko_en(
      `승인된 판마다 결재 요청·승인한 사람과 일시, 그리고 지금 작성 중인 판을 돌려줍니다. ${SCOPE_KO}`,
      `Each approved version with who submitted and approved it and when, and the version being drafted now. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [ActionPlanVersionDto] })
  @ApiErrors(404)
  versions(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ActionPlanVersionDto[]> {
    return this.plans.versions(user, id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'The plan’s history · 실행계획 이력',
    description: ko_en(
      `작성, 추진방향·세부과제 변경, 세부과제 상태 변경, 결재 요청·승인·반려, 새 판 이력을 오래된 것부터 돌려줍니다. ${SCOPE_KO}`,
      `Creation, changes of directions and measures, measure statuses, submission, approval, return and new versions, oldest first. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.plans.historyOf(user, id);
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'The plan as XLSX · 실행계획 내려받기',
    description: ko_en(
      `실행계획(또는 version=N이면 승인된 N판)을 XLSX(머리글: 추진방향, 세부과제, 담당부서, 목표, 기한, 상태, 연결 과제, 진척도)로 내려받습니다. 추진방향마다 소계 행, 마지막에 전체 행이 있습니다. 열람 기록에 남고 사용자별 호출 횟수가 제한됩니다(429). ${SCOPE_KO}`,
      `Downloads the plan (or with version=N the approved version N) as XLSX (headers 추진방향, 세부과제, 담당부서, 목표, 기한, 상태, 연결 과제, 진척도), a subtotal row per direction and a total row last. Recorded in the access log; rate-limited per user (429). ${SCOPE_EN}`,
    ),
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ActionPlanVersionQuery,
  ): Promise<StreamableFile> {
    const file = await this.exports.export(user, id, query.version);
    return new StreamableFile(file.body, {
      type: file.contentType,
      length: file.body.length,
      disposition: attachmentDisposition(file.filename, file.localFilename),
    });
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit the plan for approval · 실행계획 결재 요청',
    description: ko_en(
      `적극행정 전담부서(또는 그 부서장)가 작성 중(DRAFT)인 실행계획의 결재를 요청합니다(SUBMITTED, 요청자·일시 기록). 할 수 없는 상태는 409(ILLEGAL_TRANSITION, allowedActions), 할 수 없는 사람은 403, 오래된 version은 409입니다. ${SCOPE_KO}`,
      `PROACTIVE_OFFICE (or the head of the proactive office) submits a DRAFT plan for approval (SUBMITTED; who and when recorded). A state that refuses it is a 409 (ILLEGAL_TRANSITION with allowedActions), a caller who may not a 403, a stale version a 409. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionPlanDto })
  @ApiErrors(400, 404, 409)
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: PlanActionDto,
  ): Promise<ActionPlanDto> {
    return this.plans.act(user, id, 'submit', dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve the plan · 실행계획 승인',
    description: ko_en(
      `적극행정 전담부서의 장(전담부서로 지정된 부서의 DEPT_HEAD)만 결재 요청(SUBMITTED)된 실행계획을 승인합니다(APPROVED). 승인한 사람과 일시가 이력에 남고 그 판의 내용이 보관됩니다(?version=N). 그 밖의 사람은 403, 할 수 없는 상태는 409입니다. ${SCOPE_KO}`,
      `Only the head of the proactive office (DEPT_HEAD of the department flagged 적극행정 전담부서) approves a SUBMITTED plan (APPROVED). Who and when are recorded in the history and the version’s content is kept (?version=N). Anyone else gets a 403, a state that refuses it a 409. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionPlanDto })
  @ApiErrors(400, 404, 409)
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: PlanActionDto,
  ): Promise<ActionPlanDto> {
    return this.plans.act(user, id, 'approve', dto);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Return the submitted plan · 실행계획 반려',
    description: ko_en(
      `적극행정 전담부서나 그 부서장이 결재 요청된 실행계획을 사유와 함께 작성 중(DRAFT)으로 돌립니다. 사유가 없으면 400(reason). ${SCOPE_KO}`,
      `PROACTIVE_OFFICE or the head of the proactive office returns a SUBMITTED plan to DRAFT with a reason (a 400 on reason without one). ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionPlanDto })
  @ApiErrors(400, 404, 409)
  returnPlan(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReturnPlanDto,
  ): Promise<ActionPlanDto> {
    return this.plans.act(user, id, 'return', dto);
  }

  @Post(':id/directions')
  @ApiOperation({
    summary: 'Add a direction · 추진방향 추가',
    description: ko_en(
      `추진방향(제목, 설명, 순서)을 더합니다. version은 실행계획의 version입니다. ${EDIT_KO} ${SCOPE_KO}`,
      `Adds a direction (title, description, place). version is the plan’s. ${EDIT_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: ActionPlanDto })
  @ApiErrors(400, 404, 409)
  addDirection(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddDirectionDto,
  ): Promise<ActionPlanDto> {
    return this.directions.addDirection(user, id, dto);
  }

  @Patch(':id/directions/:directionId')
  @ApiOperation({
    summary: 'Change a direction · 추진방향 수정',
    description: ko_en(
      `추진방향의 제목, 설명, 순서를 바꿉니다. version은 실행계획의 version입니다. ${EDIT_KO} ${SCOPE_KO}`,
      `Changes a direction’s title, description or place. version is the plan’s. ${EDIT_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionPlanDto })
  @ApiErrors(400, 404, 409)
  updateDirection(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('directionId', UuidParamPipe) directionId: string,
    @Body() dto: UpdateDirectionDto,
  ): Promise<ActionPlanDto> {
    return this.directions.updateDirection(user, id, directionId, dto);
  }

  @Post(':id/measures')
  @ApiOperation({
    summary: 'Add a measure · 세부 추진과제 추가',
    description: ko_en(
      `추진방향 아래에 세부 추진과제(제목, 담당부서, 목표, 기한)를 더합니다(PLANNED). 중점 추진과제(focus)는 그 기관·연도의 중점과제를 하나 이상 연결합니다. 기한이 계획 연도 밖이면 400(dueDate), 이 기관의 운영 중인 부서가 아니면 400(INVALID_REFERENCE, ownerDepartmentId), 다른 기관·다른 연도의 과제는 400(INVALID_REFERENCE, taskIds.N)이며 아무것도 바뀌지 않습니다. version은 실행계획의 version입니다. ${EDIT_KO} ${SCOPE_KO}`,
      `Adds a measure (title, owner department, target, due date) under a direction (PLANNED). A focus measure (중점 추진과제) links one or more priority tasks of the organisation and year. A due date outside the plan’s year is a 400 (dueDate), a department not active in the organisation a 400 (INVALID_REFERENCE, ownerDepartmentId), a task of another organisation or year a 400 (INVALID_REFERENCE, taskIds.N), and nothing changes. version is the plan’s. ${EDIT_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiCreatedResponse({ type: ActionPlanDto })
  @ApiErrors(400, 404, 409)
  addMeasure(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddMeasureDto,
  ): Promise<ActionPlanDto> {
    return this.items.addMeasure(user, id, dto);
  }

  @Patch(':id/measures/:measureId')
  @ApiOperation({
    summary: 'Change a measure · 세부 추진과제 수정',
    description: ko_en(
      `세부 추진과제의 추진방향, 제목, 담당부서, 목표, 기한, 중점 여부, 연결 과제를 바꿉니다(상태는 …/status). version은 세부과제의 version입니다. 입력 규칙은 추가와 같습니다. ${EDIT_KO} ${SCOPE_KO}`,
      `Changes a measure’s direction, title, owner department, target, due date, focus flag or linked tasks (its status: …/status). version is the measure’s. The input rules are those of adding one. ${EDIT_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionPlanDto })
  @ApiErrors(400, 404, 409)
  updateMeasure(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('measureId', UuidParamPipe) measureId: string,
    @Body() dto: UpdateMeasureDto,
  ): Promise<ActionPlanDto> {
    return this.items.updateMeasure(user, id, measureId, dto);
  }

  @Delete(':id/measures/:measureId')
  @ApiOperation({
    summary: 'Remove a measure · 세부 추진과제 삭제',
    description: ko_en(
      `세부 추진과제를 연결 과제와 함께 지웁니다(이력에 지운 내용이 남습니다). 추진했으나 그만둔 과제는 지우지 말고 취소(DROPPED)로 두세요. ${EDIT_KO} ${SCOPE_KO}`,
      `Removes a measure with its links (the history keeps what was removed). A measure given up after work began is better DROPPED than removed. ${EDIT_EN} ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionPlanDto })
  @ApiErrors(404, 409)
  removeMeasure(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('measureId', UuidParamPipe) measureId: string,
  ): Promise<ActionPlanDto> {
    return this.items.removeMeasure(user, id, measureId);
  }

  @Post(':id/measures/:measureId/status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a measure’s status · 세부 추진과제 상태 변경',
    description: ko_en(
      `담당부서(STAFF·DEPT_HEAD)나 적극행정 전담부서가 세부과제의 상태를 바꿉니다: 추진 예정(PLANNED) ↔ 추진 중(IN_PROGRESS) → 완료(DONE), 완료 → 추진 중; 취소(DROPPED)와 그 복원은 전담부서만 합니다. 실행계획의 승인은 그대로입니다(집행 기록). 다른 부서의 세부과제는 403, 할 수 없는 상태 변경은 409(allowedActions), 오래된 version은 409입니다. version은 세부과제의 version입니다. ${SCOPE_KO}`,
      `The owner department (STAFF, DEPT_HEAD) or PROACTIVE_OFFICE moves a measure: PLANNED ↔ IN_PROGRESS → DONE, DONE → IN_PROGRESS; dropping (DROPPED) and restoring is the office’s. The plan’s approval is unchanged (execution, not a change of plan). Another department’s measure is a 403, a change the status refuses a 409 (allowedActions), a stale version a 409. version is the measure’s. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ActionPlanDto })
  @ApiErrors(400, 404, 409)
  setMeasureStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('measureId', UuidParamPipe) measureId: string,
    @Body() dto: MeasureStatusDto,
  ): Promise<ActionPlanDto> {
    return this.items.setMeasureStatus(user, id, measureId, dto);
  }
}
