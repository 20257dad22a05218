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
  @ApiOperation({ summary: "Your organisation's settings with their defaults and bounds" })
  @ApiOkResponse({ type: SettingsDto })
  @ApiErrors(400, 404)
  async get(@CurrentUser() user: AuthUser, @Query() query: SettingsQuery): Promise<SettingsDto> {
    return SettingsDto.of(await this.settings.viewFor(user, query.organisationId));
  }

  @Patch()
  @ApiOperation({
    summary: 'Change settings (PROACTIVE_OFFICE or ADMIN); each change is recorded in history',
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
