import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAccessService, type AuthUser, CurrentUser, Role, Roles } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import {
  AccessLogPageDto,
  AccessLogQuery,
  HistoryEntryDto,
  HistoryQuery,
  VerificationDto,
} from './history.dto.js';

@ApiTags('history · 이력')
@ApiAuth()
@Roles(Role.AUDITOR, Role.ADMIN)
@Controller()
export class HistoryController {
  constructor(private readonly audit: AuditAccessService) {}

  @Get('history/verify')
  @ApiOperation({
    summary: 'Recompute the hash chain of your organisation(s) and report the first broken entry',
  })
  @ApiOkResponse({ type: VerificationDto })
  async verify(@CurrentUser() user: AuthUser): Promise<VerificationDto> {
    return this.audit.verifyHistory(user);
  }

  @Get('history')
  @ApiOperation({ summary: 'The history of one record, oldest first' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(400)
  async forRecord(
    @CurrentUser() user: AuthUser,
    @Query() query: HistoryQuery,
  ): Promise<HistoryEntryDto[]> {
    return this.audit.recordHistory(user, query.recordType, query.recordId);
  }

  @Get('access-log')
  @ApiOperation({ summary: 'Who read or exported which record, newest first (append-only)' })
  @ApiOkResponse({ type: AccessLogPageDto })
  @ApiErrors(400)
  async accessLog(
    @CurrentUser() user: AuthUser,
    @Query() query: AccessLogQuery,
  ): Promise<AccessLogPageDto> {
    const items = await this.audit.accessLogPage(user, query);
    return {
      items,
      nextBeforeId: items.length === query.limit ? items[items.length - 1].id : null,
    };
  }
}
