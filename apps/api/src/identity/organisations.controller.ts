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
  @ApiOperation({
    summary: 'Organisations you administer (yours and those below it) · 관리 기관 목록',
    description:
      '관리자(ADMIN)가 관리하는 기관, 곧 자기 기관과 그 하위 기관 전체를 이름순으로 돌려줍니다. 시스템 관리자(systemAdministrator)는 모든 기관을 관리합니다. ADMIN만 호출할 수 있습니다.\n\n' +
      'Lists the organisations an ADMIN administers, its own and every organisation below it, by name; the system administrator (systemAdministrator) administers every organisation. ADMIN only.',
  })
  @ApiOkResponse({ type: [OrganisationDto] })
  async list(@CurrentUser() user: AuthUser): Promise<OrganisationDto[]> {
    return (await this.organisations.list(user)).map((o) => OrganisationDto.of(o));
  }

  @Post()
  @ApiOperation({
    summary:
      'Create an organisation below one you administer, or a top-level one (system administrator) · 기관 등록',
    description:
      '관리하는 기관 아래에 새 기관을 등록하고 이력에 남깁니다. ADMIN만 호출할 수 있으며, 상위 기관(parentId)이 관리 권한이 있는 기관이 아니면 400(INVALID_REFERENCE)입니다. parentId를 빼거나 null로 보내면 최상위 기관(서울특별시 같은 시·도, 중앙행정기관, 공공기관)이 되며, 이는 시스템 관리자만 만들 수 있습니다(그 밖의 ADMIN은 parentId를 밝힌 403). 기관 종류(kind)가 목록에 없으면 400입니다. 거절된 요청은 아무것도 바꾸지 않습니다.\n\n' +
      'Creates an organisation below one you administer and records it in history. ADMIN only; a parentId you do not administer is a 400 (INVALID_REFERENCE). Without parentId (or null) it is a top-level organisation (a 시·도 such as 서울특별시, a 중앙행정기관, a 공공기관), which only the system administrator creates (any other ADMIN: a 403 naming parentId). An unknown kind is a 400. A refused request changes nothing.',
  })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(400)
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateOrganisationDto,
  ): Promise<OrganisationDto> {
    return OrganisationDto.of(await this.organisations.create(user, dto));
  }

  @ApiOperation({
    summary: 'One organisation you administer · 기관 조회',
    description:
      '관리하는 기관 하나를 돌려줍니다. ADMIN만 호출할 수 있으며, 관리 범위 밖의 기관은 존재 여부를 드러내지 않도록 404입니다.\n\n' +
      'Returns one organisation you administer. ADMIN only; an organisation outside your administration is a 404, so its existence stays hidden.',
  })
  @Get(':id')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(404)
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<OrganisationDto> {
    return OrganisationDto.of(await this.organisations.get(user, id));
  }

  @ApiOperation({
    summary: 'Update an organisation · 기관 수정',
    description:
      '기관의 이름, 종류, 상위 기관을 고치고 변경 내용을 이력에 남깁니다. ADMIN만 호출할 수 있습니다. 읽은 version이 오래되었으면 409, 자기 기관의 상위 기관을 바꾸려 하면 403(시스템 관리자는 예외), parentId를 null로 보내 최상위 기관으로 만드는 것은 시스템 관리자만 할 수 있고(그 밖은 403), 관리하지 않는 기관이나 자기 자신·하위 기관을 상위 기관으로 지정하면 400입니다.\n\n' +
      'Changes an organisation’s name, kind or parent and records the change in history. ADMIN only. A stale version is a 409; moving your own organisation to another parent is a 403 (except for the system administrator); making it top-level (parentId null) is for the system administrator only (403 otherwise); a parent you do not administer, or the organisation itself or one below it, is a 400.',
  })
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

  @ApiOperation({
    summary: 'Deactivate an organisation · 기관 비활성화',
    description:
      '관리하는 기관을 비활성화하고 사유와 함께 이력에 남깁니다(삭제하지 않음). ADMIN만 호출할 수 있으며, 자기 소속 기관은 비활성화할 수 없습니다(403). 이미 비활성이면 바뀌지 않습니다.\n\n' +
      'Deactivates an organisation you administer (it is never deleted) and records the reason in history. ADMIN only; your own organisation cannot be deactivated (403). Already inactive: nothing changes.',
  })
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

  @ApiOperation({
    summary: 'Reactivate an organisation · 기관 재활성화',
    description:
      '비활성화된 기관을 다시 활성화하고 사유와 함께 이력에 남깁니다. ADMIN만 호출할 수 있으며, 관리 범위 밖의 기관은 404입니다. 이미 활성이면 바뀌지 않습니다.\n\n' +
      'Reactivates a deactivated organisation and records the reason in history. ADMIN only; an organisation outside your administration is a 404. Already active: nothing changes.',
  })
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
