import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, DepartmentsService, Role, Roles } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  CreateDepartmentDto,
  DepartmentDto,
  ListDepartmentsQuery,
  ReasonDto,
  UpdateDepartmentDto,
} from './identity.dto.js';

@ApiTags('departments · 부서')
@ApiAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @ApiOperation({
    summary: 'Departments of your organisation (an ADMIN may name one it administers)',
  })
  @ApiOkResponse({ type: [DepartmentDto] })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListDepartmentsQuery,
  ): Promise<DepartmentDto[]> {
    return (await this.departments.list(user, query)).map((d) => DepartmentDto.of(d));
  }

  @Get(':id')
  @ApiOkResponse({ type: DepartmentDto })
  @ApiErrors(404)
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<DepartmentDto> {
    return DepartmentDto.of(await this.departments.get(user, id));
  }

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
