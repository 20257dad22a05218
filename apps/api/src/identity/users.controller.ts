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
    summary: 'Users of the organisations you administer (recorded in the access log)',
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
  @ApiOperation({ summary: 'Create an account (argon2id-hashed password, never returned)' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 409)
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return UserDto.of(await this.users.create(user, dto));
  }

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
  @ApiOperation({ summary: 'Update profile, department, roles, or reset the password' })
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
  @ApiOperation({ summary: 'Deactivate (accounts are never deleted); ends all sessions at once' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404)
  async deactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<UserDto> {
    return UserDto.of(await this.users.setActive(user, id, false, dto.reason));
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404)
  async reactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<UserDto> {
    return UserDto.of(await this.users.setActive(user, id, true, dto.reason));
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a lockout caused by repeated failed logins' })
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
