import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, SettingsService } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { SettingsDto, SettingsQuery, UpdateSettingsDto } from './settings.dto.js';

@ApiTags('settings · 설정')
@ApiAuth()
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({
    summary: 'Your organisation’s settings with their defaults and bounds · 기관 설정 조회',
    description:
      '기관의 설정값 전체를 기본값, 허용 범위, 설명과 함께 돌려줍니다. 로그인한 사용자는 누구나 자기 기관의 설정을 볼 수 있고, ADMIN은 organisationId로 관리하는 다른 기관을 지정할 수 있습니다. 그 밖의 기관은 404입니다.\n\n' +
      'Returns every setting of the organisation with its default, bounds and label. Any signed-in user may read their own organisation’s settings; an ADMIN may name another organisation it administers with organisationId. Any other organisation is a 404.',
  })
  @ApiOkResponse({ type: SettingsDto })
  @ApiErrors(400, 404)
  async get(@CurrentUser() user: AuthUser, @Query() query: SettingsQuery): Promise<SettingsDto> {
    return SettingsDto.of(await this.settings.viewFor(user, query.organisationId));
  }

  @Patch()
  @ApiOperation({
    summary:
      'Change settings (security settings ADMIN only; the others PROACTIVE_OFFICE or ADMIN); each change is recorded in history · 기관 설정 변경',
    description:
      '설정값을 바꾸고 바뀐 항목을 사유와 함께 이력에 남깁니다. 적극행정 전담부서(PROACTIVE_OFFICE)는 자기 기관의 업무 설정을, ADMIN은 관리하는 기관의 모든 설정을 바꿀 수 있고, 그 밖의 사용자는 403입니다. 보안 설정(security.*, adminOnly)은 ADMIN만 바꿀 수 있어, PROACTIVE_OFFICE가 하나라도 포함하면 해당 항목을 details에 밝힌 403이며 아무것도 저장하지 않습니다. 모든 값을 먼저 검사하여 하나라도 알 수 없는 항목이거나 범위를 벗어나면 아무것도 저장하지 않고 400이며, 읽은 version이 오래되었으면 409입니다.\n\n' +
      'Changes settings and records the changed keys with the reason in history. PROACTIVE_OFFICE may change its own organisation’s business settings and ADMIN every setting of organisations it administers; anyone else gets a 403. The security settings (security.*, marked adminOnly) are ADMIN’s alone: a change by PROACTIVE_OFFICE naming any of them is a 403 whose details name each one, and nothing is written. Every value is checked first: one unknown key or out-of-bounds value is a 400 and nothing is written; a stale version is a 409.',
  })
  @ApiOkResponse({ type: SettingsDto })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentUser() user: AuthUser,
    @Query() query: SettingsQuery,
    @Body() dto: UpdateSettingsDto,
  ): Promise<SettingsDto> {
    return SettingsDto.of(await this.settings.updateFor(user, query.organisationId, dto));
  }
}
