import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, DepartmentsService, Role, Roles } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  CreateDepartmentDto,
  DepartmentDto,
  ListDepartmentsQuery,
  ReasonDto,
  SetDepartmentHeadDto,
  UpdateDepartmentDto,
} from './identity.dto.js';

@ApiTags('departments · 부서')
@ApiAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @ApiOperation({
    summary: 'Departments of your organisation (an ADMIN may name one it administers) · 부서 목록',
    description:
      '내 기관의 부서를 이름순으로 돌려줍니다(기본은 활성 부서만, includeInactive로 비활성 포함). 로그인한 사용자라면 누구나 호출할 수 있고, ADMIN은 organisationId로 관리하는 다른 기관을 지정할 수 있습니다. 볼 수 없는 기관을 지정하면 빈 목록입니다.\n\n' +
      'Lists the departments of your organisation by name (active ones unless includeInactive). Any signed-in user may call it; an ADMIN may name another organisation it administers with organisationId. An organisation you cannot see gives an empty list.',
  })
  @ApiOkResponse({ type: [DepartmentDto] })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListDepartmentsQuery,
  ): Promise<DepartmentDto[]> {
    return (await this.departments.list(user, query)).map((d) => DepartmentDto.of(d));
  }

  @ApiOperation({
    summary: 'One department · 부서 조회',
    description:
      '부서 하나를 돌려줍니다. 같은 기관의 사용자는 누구나, ADMIN은 관리하는 기관의 부서도 볼 수 있으며, 그 밖의 부서는 404입니다.\n\n' +
      'Returns one department. Any user of the same organisation may read it, and an ADMIN also those of organisations it administers; any other department is a 404.',
  })
  @Get(':id')
  @ApiOkResponse({ type: DepartmentDto })
  @ApiErrors(404)
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<DepartmentDto> {
    return DepartmentDto.of(await this.departments.get(user, id));
  }

  @ApiOperation({
    summary: 'Create a department · 부서 등록',
    description:
      '관리하는 기관에 부서를 등록하고 이력에 남깁니다. 감사담당관(isAuditUnit)·적극행정 전담부서(isProactiveOffice) 여부도 지정합니다. ADMIN만 호출할 수 있으며, 관리하지 않는 기관은 400(INVALID_REFERENCE), 같은 기관에 같은 이름의 부서가 있으면 409(DUPLICATE)입니다.\n\n' +
      'Creates a department in an organisation you administer, including whether it is the audit unit (isAuditUnit) or the proactive-administration office (isProactiveOffice), and records it in history. ADMIN only; an organisation you do not administer is a 400 (INVALID_REFERENCE), a name already used in that organisation a 409 (DUPLICATE).',
  })
  @Post()
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: DepartmentDto })
  @ApiErrors(400, 409)
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateDepartmentDto,
  ): Promise<DepartmentDto> {
    return DepartmentDto.of(await this.departments.create(user, dto));
  }

  @ApiOperation({
    summary: 'Update a department · 부서 수정',
    description:
      '부서의 이름, 종류, 감사담당관·전담부서 여부를 고치고 이력에 남깁니다. 관리하는 기관의 ADMIN만 호출할 수 있습니다. 부서장은 그 부서의 사용 중인 사용자가 가진 DEPT_HEAD 역할 하나로 정해지며(부서마다 한 명), headUserId를 함께 보내면 PUT /departments/{id}/head와 똑같이 그 사용자에게 DEPT_HEAD를 주고 이전 부서장에게서 거둡니다(이전 부서장은 STAFF 유지). 읽은 version이 오래되었거나 이름이 중복되면 409, 부서장이 이 부서의 사용 중인 사용자가 아니면 400(INVALID_REFERENCE)이며 아무것도 바뀌지 않습니다.\n\n' +
      'Changes a department’s name, kind and audit-unit or proactive-office flags, recorded in history. Only an ADMIN of its organisation may call it. The head is one fact, the DEPT_HEAD role of an active user of the department (one per department); headUserId, when sent, names the head exactly as PUT /departments/{id}/head does (DEPT_HEAD granted to that user, taken from the previous head, who keeps STAFF). A stale version or a duplicate name is a 409; a head who is not an active user of this department is a 400 (INVALID_REFERENCE), and nothing changes.',
  })
  @Patch(':id')
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: DepartmentDto })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateDepartmentDto,
  ): Promise<DepartmentDto> {
    return DepartmentDto.of(await this.departments.update(user, id, dto));
  }

  @ApiOperation({
    summary:
      'Name the department’s head (grants DEPT_HEAD, takes it from the previous head) · 부서장 지정',
    description:
      '부서장을 한 번의 호출로 지정합니다. 부서장은 그 부서의 사용 중인 사용자가 가진 DEPT_HEAD 역할 하나이며 부서마다 한 명입니다. 지정한 사용자에게 DEPT_HEAD를 주고 이전 부서장에게서 거두며(이전 부서장은 STAFF 역할 유지), 부서의 version을 올리고, 사용자별 역할 변경과 부서의 부서장 변경을 한 트랜잭션에서 이력에 남깁니다. userId가 null이면 부서장을 두지 않습니다. 지금의 부서장을 다시 지정하면 아무것도 바뀌지 않습니다. 관리하는 기관의 ADMIN만 호출할 수 있고(그 밖의 역할은 403, 관리 범위 밖의 부서는 404), 시스템 관리자의 계정은 시스템 관리자만 바꿀 수 있습니다(403). version을 보내면 오래된 경우 409이고, 사용자가 이 부서의 사용 중인 사용자가 아니면 400(INVALID_REFERENCE, field userId)이며 아무것도 바뀌지 않습니다.\n\n' +
      'Names the department’s head in one call. The head is one fact: the DEPT_HEAD role of an active user of the department, one per department. The user gets DEPT_HEAD and the previous head loses it (keeping STAFF); the department’s version moves on; each user’s role change and the department’s change of head are recorded in history, all in one transaction. userId null leaves the department without a head; naming the current head changes nothing. Only an ADMIN of its organisation may call it (other roles 403, a department outside your administration 404); only a system administrator changes a system administrator’s account (403). A stale version, when sent, is a 409; a user who is not an active user of this department is a 400 (INVALID_REFERENCE, field userId), and nothing changes.',
  })
  @Put(':id/head')
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: DepartmentDto })
  @ApiErrors(400, 404, 409)
  async setHead(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: SetDepartmentHeadDto,
  ): Promise<DepartmentDto> {
    return DepartmentDto.of(await this.departments.setHead(user, id, dto));
  }

  @ApiOperation({
    summary: 'Deactivate a department · 부서 비활성화',
    description:
      '부서를 비활성화하고 사유와 함께 이력에 남깁니다(삭제하지 않음). 관리하는 기관의 ADMIN만 호출할 수 있습니다. 이미 비활성이면 바뀌지 않습니다.\n\n' +
      'Deactivates a department (it is never deleted) and records the reason in history. Only an ADMIN of its organisation may call it. Already inactive: nothing changes.',
  })
  @Post(':id/deactivate')
  @Roles(Role.ADMIN)
  @HttpCode(200)
  @ApiOkResponse({ type: DepartmentDto })
  @ApiErrors(404)
  async deactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<DepartmentDto> {
    return DepartmentDto.of(await this.departments.setActive(user, id, false, dto.reason));
  }

  @ApiOperation({
    summary: 'Reactivate a department · 부서 재활성화',
    description:
      '비활성화된 부서를 다시 활성화하고 사유와 함께 이력에 남깁니다. 관리하는 기관의 ADMIN만 호출할 수 있습니다. 이미 활성이면 바뀌지 않습니다.\n\n' +
      'Reactivates a deactivated department and records the reason in history. Only an ADMIN of its organisation may call it. Already active: nothing changes.',
  })
  @Post(':id/reactivate')
  @Roles(Role.ADMIN)
  @HttpCode(200)
  @ApiOkResponse({ type: DepartmentDto })
  @ApiErrors(404)
  async reactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<DepartmentDto> {
    return DepartmentDto.of(await this.departments.setActive(user, id, true, dto.reason));
  }
}
