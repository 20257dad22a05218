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
      'Verify the ledger of your organisation(s): record chains, access records, checkpoints · 이력 위변조 검증',
    description:
      '변경 이력의 기록별 체인과 열람 기록 전체를 다시 계산하고, 서명된 체크포인트마다 항목, 설정된 공개키로 한 Ed25519 서명, 앞 체크포인트와의 연결, 봉인한 항목의 머클 루트를 확인합니다. 처음 깨진 항목이나 체크포인트를 알려 주고 아직 봉인되지 않은 항목 수를 셉니다. 감사담당관(AUDITOR)은 자기 기관의, ADMIN은 관리하는 기관의 것을 볼 수 있고 그 밖의 역할은 403입니다.\n\n' +
      'Recomputes every record chain of the history and every access record, and checks each signed checkpoint (fields, Ed25519 signature with the configured public key, link to its predecessor, Merkle root over the entries it sealed). Names the first broken entry or checkpoint and counts the entries not sealed yet. AUDITOR for its own organisation and ADMIN for the organisations it administers; other roles get a 403.',
  })
  @ApiOkResponse({ type: VerificationDto })
  async verify(@CurrentUser() user: AuthUser): Promise<VerificationDto> {
    return this.audit.verifyHistory(user);
  }

  @Get('history/checkpoints')
  @ApiOperation({
    summary: 'Signed checkpoints of your organisation(s), newest first · 서명 체크포인트 목록',
    description:
      '변경 이력과 열람 기록을 봉인한 서명 체크포인트를 최신순으로(원장 종류로 거를 수 있음) 돌려줍니다. 감사담당관(AUDITOR)은 자기 기관의, ADMIN은 관리하는 기관의 것을 볼 수 있고 그 밖의 역할은 403입니다.\n\n' +
      'Lists the signed checkpoints sealing the history and the access log, newest first, optionally for one ledger. AUDITOR for its own organisation and ADMIN for the organisations it administers; other roles get a 403.',
  })
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
    summary:
      'Export the newest signed checkpoint (JSON), to keep a copy outside the database · 최신 체크포인트 내보내기',
    description:
      '가장 최근의 서명 체크포인트를 서명된 원문, 서명, 공개키와 함께 JSON으로 돌려줍니다. 데이터베이스 밖에 보관해 두면 누구나 Ed25519로 검증하고 나중의 검증 결과와 비교할 수 있으며, 첫 체크포인트 전에는 checkpoint가 null입니다. 감사담당관(AUDITOR)은 자기 기관의, ADMIN은 관리하는 기관의 것을 볼 수 있고 그 밖의 역할은 403입니다, 감사할 수 없는 기관을 지정하면 404입니다.\n\n' +
      'Returns the newest signed checkpoint as JSON with the signed statement, its signature and the public key: kept outside the database, anyone can verify it with Ed25519 and compare it with a later verify run; before the first checkpoint, checkpoint is null. AUDITOR for its own organisation and ADMIN for the organisations it administers; other roles get a 403; an organisation you do not audit is a 404.',
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
  @ApiOperation({
    summary: 'Ask the worker to seal new entries now · 즉시 봉인 요청',
    description:
      '아직 봉인되지 않은 이력·열람 기록 항목을 지금 봉인하도록 워커에 요청합니다(서명 키는 워커에만 있음). 여러 번 눌러도 대기 중인 요청 하나로 합쳐지며, 요청은 데이터를 바꾸지 않습니다. 감사담당관(AUDITOR)은 자기 기관의, ADMIN은 관리하는 기관의 것을 볼 수 있고 그 밖의 역할은 403입니다, 큐(Redis)에 연결할 수 없으면 503입니다.\n\n' +
      'Asks the worker, which alone holds the signing key, to seal the entries not sealed yet; repeated requests fold into one pending seal and change no data. AUDITOR for its own organisation and ADMIN for the organisations it administers; other roles get a 403; the queue (Redis) being unreachable is a 503.',
  })
  @ApiResponse({ status: 202, type: SealRequestedDto })
  @ApiErrors(503)
  async requestSeal(): Promise<SealRequestedDto> {
    await this.seals.request();
    return { requested: true };
  }

  @Get('history/public-key')
  @ApiOperation({
    summary: 'The Ed25519 public key checkpoints are verified with · 검증용 공개키',
    description:
      '체크포인트 서명을 검증하는 Ed25519 공개키(SPKI PEM)와 그 키 식별자를 돌려줍니다. 감사담당관(AUDITOR)은 자기 기관의, ADMIN은 관리하는 기관의 것을 볼 수 있고 그 밖의 역할은 403입니다, 공개키가 설정되지 않았으면 404입니다.\n\n' +
      'Returns the Ed25519 public key (SPKI PEM) and key id that checkpoint signatures are verified with. AUDITOR for its own organisation and ADMIN for the organisations it administers; other roles get a 403; no configured public key is a 404.',
  })
  @ApiOkResponse({ type: PublicKeyDto })
  @ApiErrors(404)
  publicKey(): PublicKeyDto {
    const key = this.checkpoints.publicKey();
    if (!key) throw DomainError.notFound();
    return key;
  }

  @Get('history')
  @ApiOperation({
    summary: 'The history of one record, oldest first · 기록별 변경 이력',
    description:
      '기록 종류(recordType)와 식별자(recordId)로 지정한 기록 하나의 변경 이력을 오래된 것부터 최대 500건 돌려줍니다. 감사담당관(AUDITOR)은 자기 기관의, ADMIN은 관리하는 기관의 것을 볼 수 있고 그 밖의 역할은 403입니다. 감사 범위에 이력이 없으면 빈 목록입니다.\n\n' +
      'Returns the history of one record, named by recordType and recordId, oldest first, up to 500 entries. AUDITOR for its own organisation and ADMIN for the organisations it administers; other roles get a 403. No entries within your audit scope gives an empty list.',
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(400)
  async forRecord(
    @CurrentUser() user: AuthUser,
    @Query() query: HistoryQuery,
  ): Promise<HistoryEntryDto[]> {
    return this.audit.recordHistory(user, query.recordType, query.recordId);
  }

  @Get('access-log')
  @ApiOperation({
    summary:
      'Sign-ins, sign-outs, password changes and who read or exported which record, newest first (append-only) · 접속·열람 기록',
    description:
      '로그인(실패 포함)·로그아웃·갱신 토큰 재사용·비밀번호 변경과, 누가 어떤 기록을 조회·목록 조회·내려받기·파일 다운로드했는지(사유 포함)를 시각, 계정, 접속 주소, 브라우저(User-Agent), 결과와 함께 최신순으로 돌려줍니다(접속기록). 사용자, 계정, 행위, 결과, 기록 종류, 기간(from 이상 to 미만)으로 거를 수 있고, 다음 쪽은 nextBeforeId를 beforeId로 넘겨 받습니다. 기록은 추가만 되고 고쳐지지 않으며 적어도 2년(security.accessLogRetentionYears) 보관됩니다. 없는 계정으로 한 로그인 실패는 최초 기관(상위 기관이 없는 가장 오래된 기관)에 남습니다. 감사담당관(AUDITOR)은 자기 기관의, ADMIN은 관리하는 기관의 것을 볼 수 있고 그 밖의 역할은 403입니다.\n\n' +
      'Returns sign-ins (failed ones too), sign-outs, refresh-token reuse and password changes, and who read, listed, exported or downloaded which record (with any stated reason), with time, account, client address, user agent and result, newest first (접속기록). Filter by user, account, action, result, record type and time (from inclusive, to exclusive); pass nextBeforeId as beforeId for the next page. The log is append-only and kept at least 2 years (security.accessLogRetentionYears). A failed sign-in of an unknown account is recorded in the installation’s first organisation (the oldest without a parent). AUDITOR for its own organisation and ADMIN for the organisations it administers; other roles get a 403.',
  })
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
