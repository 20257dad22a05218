import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { TasksService } from '@gwaje/tasks';
import { HistoryEntryDto } from '../history/history.dto.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  AddMemberDto,
  AddPartnerDto,
  BulkTransitionDto,
  CompleteMilestonesDto,
  CreateTaskDto,
  MilestoneDto,
  MilestoneInputDto,
  TaskDetailDto,
  TaskListQuery,
  TaskPageDto,
  TaskSummaryDto,
  TransitionDto,
  UpdateMilestoneDto,
  UpdateTaskDto,
} from './tasks.dto.js';

@ApiTags('tasks · 중점과제')
@ApiAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  @ApiOperation({
    summary: 'Draft a priority task of your department (STAFF, DEPT_HEAD) · 중점과제 초안 등록',
    description:
      '내 부서를 주관부서로 하는 중점과제를 DRAFT 상태로 등록하고, 기관·연도별 과제번호(예: 2026-07)를 붙입니다. 단계별 추진계획, 참여자, 협업부서를 함께 등록할 수 있습니다. STAFF·DEPT_HEAD만 호출할 수 있고 다른 부서를 주관부서로 지정하면 403입니다. 종료일이 시작일보다 빠르거나, 주담당자가 주관부서의 활성 사용자가 아니거나, 참여자가 기관의 활성 사용자가 아니거나, 협업부서가 활성 부서가 아니거나 주관부서 자신이거나, 단계 일정이 과제 기간 밖이면 400입니다.\n\n' +
      'Creates a priority task of your own department in DRAFT and gives it the next code of the organisation and year (e.g. 2026-07); milestones, members and partner departments may come with it. STAFF and DEPT_HEAD only; naming another department as lead is a 403. A due date before the start date, an owner who is not an active user of the lead department, a member who is not an active user of the organisation, a partner that is inactive or the lead department itself, or a milestone outside the task’s period is a 400.',
  })
  @ApiCreatedResponse({ type: TaskDetailDto })
  @ApiErrors(400)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTaskDto): Promise<TaskDetailDto> {
    return this.tasks.create(user, dto);
  }

  @Post('bulk-transitions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Select, reject or drop many tasks at once, all or nothing (PROACTIVE_OFFICE) · 과제 일괄 선정·미선정·철회',
    description:
      '적극행정 전담부서(PROACTIVE_OFFICE)가 여러 과제를 한 번에 선정(select)·미선정(reject)·철회(drop)합니다. 항목마다 읽은 version을 보내고, 모든 항목을 한 트랜잭션에서 잠근 뒤 판단하여 전부 처리하거나 하나도 처리하지 않습니다. 하나라도 처리할 수 없으면 아무것도 바뀌지 않고, details가 items.<번호>.taskId 또는 items.<번호>.version으로 항목마다 까닭을 알려 줍니다: 읽을 수 없는 과제나 같은 과제 중복은 400(VALIDATION_FAILED), 지금 상태에서 할 수 없는 처리는 409(ILLEGAL_TRANSITION), 그사이 바뀐 과제(오래된 version)만 있으면 409(VERSION_CONFLICT)입니다. reject·drop은 사유가 필요하며 과제마다 이력에 남습니다.\n\n' +
      'PROACTIVE_OFFICE selects, rejects or drops many tasks in one request. Send each item with the version you read; all items are locked and decided in one transaction and either all move or none does. If any cannot, nothing changes and the details name each item (items.<i>.taskId or items.<i>.version): a task you cannot read or listed twice is a 400 (VALIDATION_FAILED), an action not possible in a task’s status a 409 (ILLEGAL_TRANSITION), only tasks changed meanwhile (stale versions) a 409 (VERSION_CONFLICT). reject and drop need a reason, recorded on every task.',
  })
  @ApiOkResponse({ type: [TaskSummaryDto] })
  @ApiErrors(400, 409)
  transitionMany(
    @CurrentUser() user: AuthUser,
    @Body() dto: BulkTransitionDto,
  ): Promise<TaskSummaryDto[]> {
    return this.tasks.transitionMany(user, dto.action, dto.items, dto.reason);
  }

  @Get()
  @ApiOperation({
    summary: 'Tasks you may read, filtered, sorted and paginated in SQL · 중점과제 목록',
    description:
      '읽을 수 있는 중점과제를 조건(연도, 상태, 주관부서, 주담당자, 분야, 위험도, 지연 여부, 검색어)에 따라 정렬하여 한 쪽씩 돌려줍니다. 감사담당관(AUDITOR)·적극행정 전담부서(PROACTIVE_OFFICE)는 기관 전체를, 부서 직원·부서장은 자기 부서가 주관하거나 협업부서인 과제(다른 기관 과제 포함)와 본인이 주담당자·참여자인 과제를 봅니다. 조회 사실은 열람 기록에 남으며, 목록은 복제 DB의 지연만큼 최신 변경보다 늦을 수 있습니다.\n\n' +
      'Lists the priority tasks you may read, filtered (year, status, lead department, owner, category, risk, delayed, text), sorted and a page at a time. AUDITOR and PROACTIVE_OFFICE read the whole organisation; STAFF and DEPT_HEAD read tasks their department leads or partners (also of other organisations) and tasks they own or are members of. Recorded in the access log; a page may lag the latest write by the replica’s delay.',
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: TaskListQuery): Promise<TaskPageDto> {
    const { sort, order, limit, offset, ...filter } = query;
    return this.tasks.list(user, filter, { sort, order, limit, offset });
  }

  @ApiOperation({
    summary: 'One task with milestones, members and partners · 중점과제 조회',
    description:
      '중점과제 하나를 단계별 추진계획, 참여자, 협업부서, 그리고 지금 내가 할 수 있는 처리(allowedActions)와 함께 돌려주고 열람 기록에 남깁니다. 목록과 같은 읽기 범위가 적용되며, 읽을 수 없는 과제는 존재 여부를 드러내지 않도록 404입니다.\n\n' +
      'Returns one priority task with its milestones, members, partner departments and the actions you may take now (allowedActions), and records the read in the access log. The list’s read scope applies; a task you may not read is a 404, so its existence stays hidden.',
  })
  @Get(':id')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<TaskDetailDto> {
    return this.tasks.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change fields; plan fields need `edit`, risk and kpiCurrent `updateProgress` · 중점과제 수정',
    description:
      '과제의 항목을 고치고 변경 전후를 이력에 남깁니다. 위험도와 KPI 현재값만 고칠 때는 실적 입력 권한(updateProgress: 과제가 SELECTED·IN_PROGRESS일 때 주관부서 부서장·주담당자·참여자, DRAFT·PROPOSED일 때 주관부서 직원)이, 그 밖의 항목은 계획 변경 권한이 필요합니다. 계획 변경(edit)은 과제가 DRAFT·PROPOSED일 때 주관부서 직원(STAFF·DEPT_HEAD), SELECTED·IN_PROGRESS·SUSPENDED일 때 주관부서 부서장(DEPT_HEAD)만 할 수 있습니다. 권한이 없으면 403(allowedActions 포함), 읽은 version이 오래되었으면 409, 기간이 단계 일정을 벗어나게 되거나 주담당자가 주관부서의 활성 사용자가 아니면 400입니다.\n\n' +
      'Changes the task’s fields and records before and after in history. Risk and kpiCurrent alone need the updateProgress right (lead DEPT_HEAD, owner and members while SELECTED or IN_PROGRESS; the lead department’s staff while DRAFT or PROPOSED); any other field needs edit: the edit right belongs to the lead department’s STAFF and DEPT_HEAD while the task is DRAFT or PROPOSED, and to its DEPT_HEAD alone while it is SELECTED, IN_PROGRESS or SUSPENDED. Without the right: 403 with allowedActions; a stale version: 409; a period that would leave a milestone outside it, or an owner who is not an active user of the lead department: 400.',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateTaskDto,
  ): Promise<TaskDetailDto> {
    return this.tasks.update(user, id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move the task: propose, select, reject, start, complete, suspend, resume, drop, reopen · 중점과제 상태 변경',
    description:
      '과제의 상태를 바꾸고 처리자·시각·사유를 이력에 남깁니다. occurredOn으로 오늘이 아닌 처리일을 적을 수 있습니다: 지난 날짜는 사후 입력으로 사후 입력 사유(lateEntryReason)가 필요하고, 과제 연도 안이며 직전 상태 변경일보다 앞설 수 없고, 과제와 이력에 사후 입력으로 표시되어 입력 시각과 처리일이 함께 남습니다. 적극행정 전담부서는 지난 기간의 처리를 주관부서 대신 사후 입력할 수 있고, 보고 대상 기간(활동 기간)과 완료일은 적힌 날짜를 따릅니다. 제안(propose)은 주관부서 직원, 선정(select)·미선정(reject)·중단(suspend)·재개(resume)·철회(drop)·재추진(reopen)은 같은 기관의 적극행정 전담부서(PROACTIVE_OFFICE), 착수(start)는 주담당자나 주관부서 부서장, 완료(complete)는 주관부서 부서장이 합니다. 지금 상태에서 할 수 없거나 내 권한이 아닌 처리는 409(ILLEGAL_TRANSITION, allowedActions 포함)이고, reject·suspend·drop·reopen의 사유나 complete의 완료 근거가 없으면 400, 보낸 version이 오래되었으면 409입니다.\n\n' +
      'Moves the task through its life cycle and records actor, time and reason in history. occurredOn states the day it happened when not today: a past day is a back-dated entry (사후 입력) that needs lateEntryReason, must lie in the task’s year and not before its previous status change, is flagged enteredLater and keeps both dates in history; PROACTIVE_OFFICE may so record any step for the lead department (past periods), and the activity spans that decide expected reports and the completion date follow the stated days. The lead department’s staff propose; PROACTIVE_OFFICE of the organisation selects, rejects, suspends, resumes, drops and reopens; the owner or the lead DEPT_HEAD starts; the lead DEPT_HEAD completes. An action not possible in the current state or not yours is a 409 (ILLEGAL_TRANSITION) with allowedActions; a missing reason (reject, suspend, drop, reopen) or evidence (complete) is a 400; a stale version, when sent, is a 409.',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, 409)
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: TransitionDto,
  ): Promise<TaskDetailDto> {
    return this.tasks.transition(user, id, dto.action, dto.reason, dto.version, {
      occurredOn: dto.occurredOn,
      lateEntryReason: dto.lateEntryReason,
    });
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'Every change of the task, oldest first · 중점과제 변경 이력',
    description:
      '과제의 변경 이력(처리, 처리자, 시각, 바뀐 항목의 전후, 사유)을 오래된 것부터 최대 500건 돌려줍니다. 과제를 읽을 수 있는 사용자라면 누구나 볼 수 있고, 그렇지 않으면 404입니다.\n\n' +
      'Returns the task’s changes (action, actor, time, fields before and after, reason), oldest first, up to 500. Anyone who may read the task may read its history; anyone else gets a 404.',
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.tasks.historyOf(user, id);
  }

  @ApiOperation({
    summary: 'Milestones of a task · 단계별 추진계획 목록',
    description:
      '과제의 단계별 추진계획을 예정일 순으로 돌려주며, 예정일이 지나도록 완료되지 않은 단계는 overdue로 표시합니다. 과제를 읽을 수 있는 사용자라면 누구나 볼 수 있고, 그렇지 않으면 404입니다.\n\n' +
      'Returns the task’s milestones by due date, flagging as overdue those past due (Asia/Seoul) and not done. Anyone who may read the task may call it; anyone else gets a 404.',
  })
  @Get(':id/milestones')
  @ApiOkResponse({ type: [MilestoneDto] })
  @ApiErrors(404)
  milestones(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<MilestoneDto[]> {
    return this.tasks.milestones(user, id);
  }

  @ApiOperation({
    summary: 'Add a milestone · 단계별 추진계획 추가',
    description:
      '과제에 단계(제목, 예정일, 가중치)를 추가하고 이력에 남깁니다. 계획 변경 권한(edit)이 필요합니다: 계획 변경(edit)은 과제가 DRAFT·PROPOSED일 때 주관부서 직원(STAFF·DEPT_HEAD), SELECTED·IN_PROGRESS·SUSPENDED일 때 주관부서 부서장(DEPT_HEAD)만 할 수 있습니다. 권한이 없으면 403, 예정일이 과제 기간 밖이면 400입니다.\n\n' +
      'Adds a milestone (title, due date, weight) to the task and records it in history. Needs the edit right: the edit right belongs to the lead department’s STAFF and DEPT_HEAD while the task is DRAFT or PROPOSED, and to its DEPT_HEAD alone while it is SELECTED, IN_PROGRESS or SUSPENDED. Without it: 403; a due date outside the task’s period: 400.',
  })
  @Post(':id/milestones')
  @ApiCreatedResponse({ type: MilestoneDto })
  @ApiErrors(400, 404)
  addMilestone(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: MilestoneInputDto,
  ): Promise<MilestoneDto> {
    return this.tasks.addMilestone(user, id, dto);
  }

  @Post(':id/milestones/complete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Mark many milestones done with their actual dates, all or nothing · 단계 일괄 완료 처리',
    description:
      '과제의 여러 단계를 실제 완료일과 함께 한 번에 완료(DONE) 처리합니다. 실적 입력 권한(updateProgress)이 필요합니다. 완료일을 주지 않은 항목은 오늘(Asia/Seoul)로 기록하고, 오늘보다 앞선 완료일은 사후 입력으로 사후 입력 사유(lateEntryReason)가 필요하며 표시되어 남습니다. 미래의 완료일, 과제 연도 이전 완료일, 이 과제의 단계가 아닌 항목, 같은 단계 중복은 400(details가 items.<번호>로 항목을 가리킴), 오래된 version은 409이며, 어느 경우든 아무것도 바뀌지 않습니다.\n\n' +
      'Marks several milestones of the task DONE with their actual dates in one transaction. Needs updateProgress. An item without doneDate records today (Asia/Seoul); a done date before today is a back-dated entry needing lateEntryReason and is flagged. A future date, a date before the task’s year, a milestone not of this task or listed twice is a 400 naming the item (items.<i>), a stale version a 409; either way nothing changes.',
  })
  @ApiOkResponse({ type: [MilestoneDto] })
  @ApiErrors(400, 404, 409)
  completeMilestones(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CompleteMilestonesDto,
  ): Promise<MilestoneDto[]> {
    return this.tasks.completeMilestones(user, id, dto);
  }

  @Patch(':id/milestones/:milestoneId')
  @ApiOperation({
    summary:
      'Change a milestone; marking it DONE records today (Asia/Seoul) unless doneDate is given · 단계 수정·완료 처리',
    description:
      '단계를 고치거나 완료(DONE)·예정(PLANNED)으로 표시하고 이력에 남깁니다. 제목·예정일·가중치는 계획 변경 권한(edit)이, 상태와 완료일은 실적 입력 권한(updateProgress: 과제가 SELECTED·IN_PROGRESS일 때 주관부서 부서장·주담당자·참여자, DRAFT·PROPOSED일 때 주관부서 직원)이 필요합니다. 완료일을 주지 않으면 오늘(Asia/Seoul)로 기록하고, 오늘보다 앞선 완료일은 사후 입력으로 사유(lateEntryReason)가 필요하며 표시되어 입력일과 함께 이력에 남습니다(미래·과제 연도 이전 날짜는 400). 완료되지 않은 단계에 완료일을 주거나 예정일이 과제 기간 밖이면 400, 읽은 version이 오래되었으면 409, 권한이 없으면 403입니다.\n\n' +
      'Changes a milestone or marks it DONE or PLANNED again, recorded in history. Title, due date and weight need the edit right; status and done date need updateProgress (lead DEPT_HEAD, owner and members while the task is SELECTED or IN_PROGRESS; the lead department’s staff while DRAFT or PROPOSED). DONE without doneDate records today (Asia/Seoul); a doneDate before today is a back-dated entry (사후 입력) that needs lateEntryReason, is flagged doneEnteredLater and keeps both dates in history; a future one, or one before the task’s year, is a 400. A doneDate on a milestone that is not DONE or a due date outside the task’s period is a 400; a stale version a 409; no right a 403.',
  })
  @ApiOkResponse({ type: MilestoneDto })
  @ApiErrors(400, 404, 409)
  updateMilestone(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('milestoneId', UuidParamPipe) milestoneId: string,
    @Body() dto: UpdateMilestoneDto,
  ): Promise<MilestoneDto> {
    return this.tasks.updateMilestone(user, id, milestoneId, dto);
  }

  @ApiOperation({
    summary: 'Remove a milestone · 단계별 추진계획 삭제',
    description:
      '과제에서 단계를 삭제하고 삭제 전 내용을 이력에 남깁니다. 계획 변경 권한(edit)이 필요하며 없으면 403, 이 과제의 단계가 아니면 404입니다.\n\n' +
      'Removes a milestone from the task and records what it was in history. Needs the edit right (403 without it); a milestone not of this task is a 404.',
  })
  @Delete(':id/milestones/:milestoneId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(404)
  async removeMilestone(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('milestoneId', UuidParamPipe) milestoneId: string,
  ): Promise<void> {
    await this.tasks.removeMilestone(user, id, milestoneId);
  }

  @ApiOperation({
    summary: 'Add a member · 참여자 추가',
    description:
      '과제에 참여자(주담당자 외 담당 공무원)를 추가하고 이력에 남깁니다. 참여자는 과제를 읽고 진행 실적을 입력할 수 있습니다. 계획 변경 권한(edit)이 필요하며 없으면 403, 과제 기관의 활성 사용자가 아니면 400입니다. 이미 참여자이면 바뀌지 않습니다.\n\n' +
      'Adds a member (an official besides the owner) to the task, recorded in history; members read the task and record its progress. Needs the edit right (403 without it); a user who is not an active user of the task’s organisation is a 400. An existing member: nothing changes.',
  })
  @Post(':id/members')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404)
  addMember(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddMemberDto,
  ): Promise<TaskDetailDto> {
    return this.tasks.addMember(user, id, dto.userId);
  }

  @ApiOperation({
    summary: 'Remove a member · 참여자 제외',
    description:
      '과제에서 참여자를 제외하고 이력에 남깁니다. 계획 변경 권한(edit)이 필요하며 없으면 403, 이 과제의 참여자가 아니면 404입니다.\n\n' +
      'Removes a member from the task and records it in history. Needs the edit right (403 without it); a user who is not a member is a 404.',
  })
  @Delete(':id/members/:userId')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(404)
  removeMember(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('userId', UuidParamPipe) userId: string,
  ): Promise<TaskDetailDto> {
    return this.tasks.removeMember(user, id, userId);
  }

  @Post(':id/partners')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Add a partner department (also of another organisation): it may read, not write · 협업부서 추가',
    description:
      '다른 기관의 부서를 포함하여 협업부서를 추가하고 이력에 남깁니다. 협업부서의 직원·부서장은 과제를 읽을 수 있지만 고칠 수는 없습니다. 계획 변경 권한(edit)이 필요하며 없으면 403, 활성 부서가 아니거나 주관부서 자신이면 400입니다. 이미 협업부서이면 바뀌지 않습니다.\n\n' +
      'Adds a partner department, possibly of another organisation, recorded in history; its STAFF and DEPT_HEAD may then read the task but not change it. Needs the edit right (403 without it); an inactive department or the lead department itself is a 400. An existing partner: nothing changes.',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404)
  addPartner(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddPartnerDto,
  ): Promise<TaskDetailDto> {
    return this.tasks.addPartner(user, id, dto.departmentId);
  }

  @ApiOperation({
    summary: 'Remove a partner department · 협업부서 제외',
    description:
      '과제에서 협업부서를 제외하고 이력에 남기며, 그 부서는 더 이상 과제를 읽을 수 없습니다. 계획 변경 권한(edit)이 필요하며 없으면 403, 이 과제의 협업부서가 아니면 404입니다.\n\n' +
      'Removes a partner department from the task, recorded in history; that department no longer reads the task. Needs the edit right (403 without it); a department that is not a partner is a 404.',
  })
  @Delete(':id/partners/:departmentId')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(404)
  removePartner(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('departmentId', UuidParamPipe) departmentId: string,
  ): Promise<TaskDetailDto> {
    return this.tasks.removePartner(user, id, departmentId);
  }
}
