import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, OrganisationsService, Role, Roles } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  CreateOrganisationDto,
  OrganisationDto,
  ReasonDto,
  UpdateOrganisationDto,
} from './identity.dto.js';

@ApiTags('organisations · 기관')
@ApiAuth()
@Roles(Role.ADMIN)
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'Organisations you administer (yours and those below it)' })
  @ApiOkResponse({ type: [OrganisationDto] })
  async list(@CurrentUser() user: AuthUser): Promise<OrganisationDto[]> {
    return (await this.organisations.list(user)).map((o) => OrganisationDto.of(o));
  }

  @Post()
  @ApiOperation({ summary: 'Create an organisation below one you administer' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(400)
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateOrganisationDto,
  ): Promise<OrganisationDto> {
    return OrganisationDto.of(await this.organisations.create(user, dto));
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(404)
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<OrganisationDto> {
    return OrganisationDto.of(await this.organisations.get(user, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return OrganisationDto.of(await this.organisations.update(user, id, dto));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(404)
  async deactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<OrganisationDto> {
    return OrganisationDto.of(await this.organisations.setActive(user, id, false, dto.reason));
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(404)
  async reactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<OrganisationDto> {
    return OrganisationDto.of(await this.organisations.setActive(user, id, true, dto.reason));
  }
}
