import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { LedgerCheckpointsService } from '@gwaje/audit';
import { DomainError } from '@gwaje/common';
import { AuditAccessService, type AuthUser, CurrentUser, Role, Roles } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import {
  AccessLogPageDto,
  AccessLogQuery,
  CheckpointDto,
  CheckpointExportDto,
  CheckpointExportQuery,
  CheckpointQuery,
  PublicKeyDto,
  SealRequestedDto,
  HistoryEntryDto,
  HistoryQuery,
  VerificationDto,
} from './history.dto.js';
import { SealRequests } from './seal-requests.js';

@ApiTags('history · 이력')
@ApiAuth()
@Roles(Role.AUDITOR, Role.ADMIN)
@Controller()
export class HistoryController {
  constructor(
    private readonly audit: AuditAccessService,
    private readonly checkpoints: LedgerCheckpointsService,
    private readonly seals: SealRequests,
  ) {}

  @Get('history/verify')
  @ApiOperation({
    summary:
      'Verify the ledger of your organisation(s): record chains, access records, checkpoints',
    description:
      'Recomputes every record chain of the history and every access record, and checks each signed checkpoint (fields, Ed25519 signature with the configured public key, link to its predecessor, Merkle root over the entries it sealed). Names the first broken entry or checkpoint and counts the entries not sealed yet.',
  })
  @ApiOkResponse({ type: VerificationDto })
  async verify(@CurrentUser() user: AuthUser): Promise<VerificationDto> {
    return this.audit.verifyHistory(user);
  }

  @Get('history/checkpoints')
  @ApiOperation({ summary: 'Signed checkpoints of your organisation(s), newest first' })
  @ApiOkResponse({ type: [CheckpointDto] })
  @ApiErrors(400)
  async listCheckpoints(
    @CurrentUser() user: AuthUser,
    @Query() query: CheckpointQuery,
  ): Promise<CheckpointDto[]> {
    return this.audit.checkpointPage(user, query);
  }

  @Get('history/checkpoints/latest')
  @ApiOperation({
    summary: 'Export the newest signed checkpoint (JSON), to keep a copy outside the database',
    description:
      'The signed statement, its signature and the public key: anyone can verify it with Ed25519 and compare it with a later verify run.',
  })
  @ApiOkResponse({ type: CheckpointExportDto })
  @ApiErrors(400, 404)
  async latestCheckpoint(
    @CurrentUser() user: AuthUser,
    @Query() query: CheckpointExportQuery,
  ): Promise<CheckpointExportDto> {
    return this.audit.latestCheckpoint(user, query.ledger, query.organisationId);
  }

  @Post('history/checkpoints')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask the worker to seal new entries now' })
  @ApiResponse({ status: 202, type: SealRequestedDto })
  @ApiErrors(503)
  async requestSeal(): Promise<SealRequestedDto> {
    await this.seals.request();
    return { requested: true };
  }

  @Get('history/public-key')
  @ApiOperation({ summary: 'The Ed25519 public key checkpoints are verified with' })
  @ApiOkResponse({ type: PublicKeyDto })
  @ApiErrors(404)
  publicKey(): PublicKeyDto {
    const key = this.checkpoints.publicKey();
    if (!key) throw DomainError.notFound();
    return key;
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
