import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrganisationDirectoryService, Role, Roles } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  DirectoryDepartmentDto,
  DirectoryOrganisationDto,
  DirectoryOrganisationPageDto,
  DirectoryOrganisationsQuery,
} from './directory.dto.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const WHO_KO =
  '협업과제를 등록·관리하는 적극행정 전담부서(PROACTIVE_OFFICE)와 관리자(ADMIN)만 호출할 수 있으며, 그 밖의 역할은 403입니다. 기관·부서의 이름과 종류는 공개된 정부 조직 정보이므로 모든 기관을 보여 주지만, 다른 기관의 사용자(이름·이메일)는 보여 주지 않습니다.';
const WHO_EN =
  'For the proactive-administration office (PROACTIVE_OFFICE), which registers and manages collaboration tasks, and ADMIN; any other role is a 403. Names and kinds of organisations and departments are public government structure, so every organisation is listed, but never the users (names, e-mails) of another organisation.';

/**
 * The directory of organisations: what a PROACTIVE_OFFICE needs to name the coordinator and the
 * participants (with their responsible departments) of a 협업과제 in other organisations.
 */
@ApiTags('directory · 기관 안내')
@ApiAuth()
@Roles(Role.PROACTIVE_OFFICE, Role.ADMIN)
@Controller('directory/organisations')
export class DirectoryController {
  constructor(private readonly directory: OrganisationDirectoryService) {}

  @Get()
  @ApiOperation({
    summary: 'Active organisations of every level, by name · 기관 안내(전체 기관 목록)',
    description: ko_en(
      `사용 중인 모든 기관(중앙행정기관, 시·도, 시·군·구, 교육청, 공공기관)을 이름순으로 돌려줍니다: ID, 이름, 종류, 상위 기관(ID, 이름). 협업과제의 총괄기관과 참여기관을 고를 때 씁니다. q는 기관명 일부(대소문자 무시), kind는 기관 종류로 거르며, 비활성 기관은 나오지 않습니다. 잘못된 검색 조건은 그 필드를 밝힌 400입니다. ${WHO_KO}`,
      `Lists every active organisation (central agencies, 시·도, 시·군·구, education offices, public institutions) by name: id, name, kind and the organisation above it (id, name). Used to pick the coordinator and the participants of a collaboration task. q filters on part of the name (case-insensitive), kind on the kind; inactive organisations are left out. A bad parameter is a 400 naming the field. ${WHO_EN}`,
    ),
  })
  @ApiOkResponse({ type: DirectoryOrganisationPageDto })
  @ApiErrors(400)
  async organisations(
    @Query() query: DirectoryOrganisationsQuery,
  ): Promise<DirectoryOrganisationPageDto> {
    const page = await this.directory.organisations(query);
    return { ...page, items: page.items.map((o) => DirectoryOrganisationDto.of(o)) };
  }

  @Get(':id/departments')
  @ApiOperation({
    summary: 'Active departments of an organisation · 기관의 부서 목록',
    description: ko_en(
      `사용 중인 기관 하나의 사용 중인 부서를 이름순으로 돌려줍니다: ID, 이름, 종류(과·담당관·동·보건소·팀). 협업과제 참여기관의 담당부서를 고를 때 씁니다. 부서장 등 사용자 정보는 담지 않습니다. 없거나 비활성인 기관은 404입니다. ${WHO_KO}`,
      `Lists the active departments of one active organisation by name: id, name and kind (과, 담당관, 동, 보건소, 팀). Used to pick a participant's responsible department in a collaboration task. No user (not even the head) is included. An unknown or inactive organisation is a 404. ${WHO_EN}`,
    ),
  })
  @ApiOkResponse({ type: [DirectoryDepartmentDto] })
  @ApiErrors(404)
  async departments(@Param('id', UuidParamPipe) id: string): Promise<DirectoryDepartmentDto[]> {
    return (await this.directory.departments(id)).map((d) => DirectoryDepartmentDto.of(d));
  }
}
