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
  CreateTaskDto,
  MilestoneDto,
  MilestoneInputDto,
  TaskDetailDto,
  TaskListQuery,
  TaskPageDto,
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
  @ApiOperation({ summary: 'Draft a priority task of your department (STAFF, DEPT_HEAD)' })
  @ApiCreatedResponse({ type: TaskDetailDto })
  @ApiErrors(400)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTaskDto): Promise<TaskDetailDto> {
    return this.tasks.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Tasks you may read, filtered, sorted and paginated in SQL' })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: TaskListQuery): Promise<TaskPageDto> {
    const { sort, order, limit, offset, ...filter } = query;
    return this.tasks.list(user, filter, { sort, order, limit, offset });
  }

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
    summary: 'Change fields; plan fields need `edit`, risk and kpiCurrent `updateProgress`',
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
      'Move the task: propose, select, reject, start, complete, suspend, resume, drop, reopen',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, 409)
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: TransitionDto,
  ): Promise<TaskDetailDto> {
    return this.tasks.transition(user, id, dto.action, dto.reason, dto.version);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every change of the task, oldest first' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.tasks.historyOf(user, id);
  }

  @Get(':id/milestones')
  @ApiOkResponse({ type: [MilestoneDto] })
  @ApiErrors(404)
  milestones(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<MilestoneDto[]> {
    return this.tasks.milestones(user, id);
  }

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

  @Patch(':id/milestones/:milestoneId')
  @ApiOperation({
    summary:
      'Change a milestone; marking it DONE records today (Asia/Seoul) unless doneDate is given',
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
    summary: 'Add a partner department (also of another organisation): it may read, not write',
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
