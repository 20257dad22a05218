import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Role, Roles, UsersService } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  CreateUserDto,
  ListUsersQuery,
  ReasonDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './identity.dto.js';

@ApiTags('users · 사용자')
@ApiAuth()
@Roles(Role.ADMIN)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({
    summary: 'Users of the organisations you administer (recorded in the access log) · 사용자 목록',
    description:
      '관리하는 기관의 사용자를 이름순으로 한 쪽씩 돌려줍니다. 기관·부서·역할·활성 여부·이름이나 이메일 일부(q)로 거를 수 있습니다. ADMIN만 호출할 수 있으며, 조회 사실은 열람 기록(access log)에 남습니다.\n\n' +
      'Lists the users of the organisations you administer, a page at a time, by name; filter by organisation, department, role, active flag or part of the name or email (q). ADMIN only; every listing is recorded in the access log.',
  })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400)
  async list(@CurrentUser() user: AuthUser, @Query() query: ListUsersQuery): Promise<UserPageDto> {
    const page = await this.users.list(user, query);
    return {
      items: page.items.map((u) => UserDto.of(u)),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  @Post()
  @ApiOperation({
    summary: 'Create an account (argon2id-hashed password, never returned) · 사용자 등록',
    description:
      '관리하는 기관의 활성 부서에 사용자 계정을 만들고 역할을 부여합니다. 비밀번호는 argon2id로 저장되며 응답에 포함되지 않습니다. ADMIN만 호출할 수 있으며, 부서가 관리 범위 밖이거나 비활성이면 400(INVALID_REFERENCE), 비밀번호가 기관의 최소 길이(security.passwordMinLength)에 못 미치거나 이름·이메일을 포함하면 400(PASSWORD_POLICY), 이미 등록된 이메일이거나 이미 부서장이 있는 부서에 DEPT_HEAD로 만들면 409(DUPLICATE)입니다.\n\n' +
      'Creates a user account with its roles in an active department of an organisation you administer; the password is stored as an argon2id hash and never returned. ADMIN only. A department outside your administration or inactive is a 400 (INVALID_REFERENCE); a password shorter than the organisation minimum (security.passwordMinLength) or containing the name or email is a 400 (PASSWORD_POLICY); an email already registered, or DEPT_HEAD in a department that already has its head, is a 409 (DUPLICATE).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 409)
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return UserDto.of(await this.users.create(user, dto));
  }

  @ApiOperation({
    summary: 'One user · 사용자 조회',
    description:
      '관리하는 기관의 사용자 한 명을 돌려주고 열람 기록에 남깁니다. ADMIN만 호출할 수 있으며, 관리 범위 밖의 사용자는 404입니다.\n\n' +
      'Returns one user of an organisation you administer and records the read in the access log. ADMIN only; a user outside your administration is a 404.',
  })
  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404)
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<UserDto> {
    return UserDto.of(await this.users.get(user, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update profile, department, roles, or reset the password · 사용자 수정',
    description:
      '사용자의 이름, 직급, 부서, 역할, 언어를 고치거나 비밀번호를 재설정하고 이력에 남깁니다(비밀번호 값은 남기지 않음). 비밀번호를 재설정하면 그 사용자의 모든 세션이 종료됩니다. ADMIN만 호출할 수 있으며, 읽은 version이 오래되었으면 409, 새 부서가 관리 범위 밖이면 400, 비밀번호가 정책에 맞지 않으면 400(PASSWORD_POLICY)입니다. 부서장(DEPT_HEAD)은 부서마다 한 명이라, 이미 부서장이 있는 부서의 사용자에게 DEPT_HEAD를 주거나 부서장을 그런 부서로 옮기면 409(DUPLICATE, departmentHasHead)입니다: 부서장 교체는 PUT /departments/{id}/head로 합니다. 시스템 관리자(systemAdministrator) 지정·해제와 시스템 관리자 계정의 변경은 시스템 관리자만 할 수 있고(403), 시스템 관리자는 ADMIN 역할이 있어야 하며, 마지막 시스템 관리자는 해제할 수 없습니다(400).\n\n' +
      'Changes a user’s name, grade, department, roles or language, or resets the password, recorded in history (never the password itself). A password reset ends all of that user’s sessions. ADMIN only; a stale version is a 409, a department outside your administration a 400, a password against the policy a 400 (PASSWORD_POLICY). A department has one head (DEPT_HEAD): granting DEPT_HEAD in a department that has a head, or moving a head into one, is a 409 (DUPLICATE, departmentHasHead); change heads with PUT /departments/{id}/head. Granting or revoking systemAdministrator, and changing a system administrator’s account, is for system administrators only (403); a system administrator must hold ADMIN, and the last one cannot be revoked (400).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return UserDto.of(await this.users.update(user, id, dto));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deactivate (accounts are never deleted); ends all sessions at once · 사용자 비활성화',
    description:
      '사용자 계정을 비활성화하고(삭제하지 않음) 그 사용자의 모든 세션을 즉시 종료하며, 사유와 함께 이력에 남깁니다. ADMIN만 호출할 수 있고, 자기 자신의 계정은 비활성화할 수 없으며(403 SELF_DEACTIVATION), 시스템 관리자의 계정은 시스템 관리자만 비활성화할 수 있습니다(403). 이미 비활성이면 바뀌지 않습니다.\n\n' +
      'Deactivates an account (accounts are never deleted), ends all of its sessions at once and records the reason in history. ADMIN only; you cannot deactivate your own account (403 SELF_DEACTIVATION), and only a system administrator deactivates a system administrator (403). Already inactive: nothing changes.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404)
  async deactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<UserDto> {
    return UserDto.of(await this.users.setActive(user, id, false, dto.reason));
  }

  @ApiOperation({
    summary: 'Reactivate a user · 사용자 재활성화',
    description:
      '비활성화된 사용자 계정을 다시 활성화하고 사유와 함께 이력에 남깁니다. ADMIN만 호출할 수 있으며, 관리 범위 밖의 사용자는 404입니다. 이미 활성이면 바뀌지 않습니다. 부서장(DEPT_HEAD)이던 사용자의 부서에 그사이 다른 부서장이 있으면 409(DUPLICATE)입니다.\n\n' +
      'Reactivates a deactivated account and records the reason in history. ADMIN only; a user outside your administration is a 404. Already active: nothing changes. A former head (DEPT_HEAD) whose department has another head by now is a 409 (DUPLICATE).',
  })
  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404, 409)
  async reactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<UserDto> {
    return UserDto.of(await this.users.setActive(user, id, true, dto.reason));
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lift a lockout caused by repeated failed logins · 계정 잠금 해제',
    description:
      '연속 로그인 실패로 잠긴 계정의 잠금을 시간이 지나기 전에 풀고 실패 횟수를 초기화하며, 사유와 함께 이력에 남깁니다. ADMIN만 호출할 수 있으며, 관리 범위 밖의 사용자는 404, 시스템 관리자의 계정을 시스템 관리자가 아닌 ADMIN이 풀려 하면 403입니다.\n\n' +
      'Lifts a lockout caused by repeated failed logins before it expires, resets the failure count and records the reason in history. ADMIN only; a user outside your administration is a 404, and only a system administrator unlocks a system administrator (403).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404)
  async unlock(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<UserDto> {
    return UserDto.of(await this.users.unlock(user, id, dto.reason));
  }
}
