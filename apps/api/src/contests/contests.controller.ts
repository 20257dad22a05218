import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  ContestAttachmentsService,
  ContestAwardsService,
  ContestEntriesService,
  ContestExportService,
  ContestLinksService,
  ContestResultsService,
  ContestRoundsService,
} from '@gwaje/contests';
import type { FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { HistoryEntryDto } from '../history/history.dto.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { fileUpload } from '../http/upload.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { UploadDto } from '../reports/reports.dto.js';
import {
  ContestAwardDto,
  ContestAwardListQuery,
  ContestEntryDto,
  ContestExportQuery,
  ContestPanelDto,
  ContestResultsDto,
  ContestRoundDto,
  ContestRoundListQuery,
  ContestRoundTransitionDto,
  ContestScoreDto,
  CreateContestEntryDto,
  CreateContestRoundDto,
  EntrantOrganisationDto,
  FeederDecisionDto,
  NextRoundDto,
  PublishContestDto,
  ScreenEntryDto,
  UpdateContestAwardDto,
  UpdateContestRoundDto,
} from './contests.dto.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;

@ApiTags('contests · 경진대회')
@ApiAuth()
@Controller('contests')
export class ContestsController {
  constructor(
    private readonly rounds: ContestRoundsService,
    private readonly links: ContestLinksService,
    private readonly entries: ContestEntriesService,
    private readonly files: ContestAttachmentsService,
    private readonly results: ContestResultsService,
    private readonly awardRecords: ContestAwardsService,
    private readonly exports: ContestExportService,
  ) {}

  @Post('rounds')
  @ApiOperation({
    summary:
      'Open a contest round in DRAFT (PROACTIVE_OFFICE of the organising body) · 경진대회 회차 만들기',
    description: ko_en(
      '내 기관이 주최하는 경진대회 회차를 DRAFT 상태로 만들고 이력에 남깁니다. 분야, 평가 항목(배점 합계 100, 생략하면 연말 평가 기준), 시상 기준(순위 구간 → 시상·표창·포상금·근평 가점·상위 대회 진출), 포상 예산, 하위 대회 진출작 접수 여부를 정합니다. 출품 기관은 내 기관(부서)과 그 하위 기관입니다. 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 일정 순서·배점 합계·시상 구간 겹침 등이 틀리면 400입니다.',
      'Creates a contest round of your organisation in DRAFT, recorded in history: fields, criteria (weights total 100; default the evaluation criteria), an award table (rank range → award, commendation, prize, 근평 bonus points, advances to the next level), a budget, and whether lower rounds may feed it. Entrants are your own departments and the organisations below yours. PROACTIVE_OFFICE only (403 otherwise); a schedule out of order, weights not totalling 100 or overlapping award ranges are a 400 with field details.',
    ),
  })
  @ApiCreatedResponse({ type: ContestRoundDto })
  @ApiErrors(400)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateContestRoundDto,
  ): Promise<ContestRoundDto> {
    return this.rounds.createRound(user, dto);
  }

  @Get('rounds')
  @ApiOperation({
    summary: 'Contest rounds you may read · 경진대회 회차 목록',
    description: ko_en(
      '읽을 수 있는 회차를 최근 연도부터 돌려줍니다: 내 기관이 주최한 회차, 상위 기관(또는 내 기관)이 주최하여 접수를 시작한 회차, 내 기관의 출품작이 있는 회차(상위 대회 진출 포함), 내 회차가 상위 대회로 지정한 회차. 업무 역할이 없는 사용자에게는 404입니다.',
      'Lists the rounds you may read, latest year first: your organisation’s, those of the organisations above it once open, those holding an entry of yours (advanced entries included), and the next-level round your rounds named. A user without a business role gets a 404.',
    ),
  })
  @ApiOkResponse({ type: [ContestRoundDto] })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ContestRoundListQuery,
  ): Promise<ContestRoundDto[]> {
    return this.rounds.listRounds(user, query.year);
  }

  @Get('rounds/:id')
  @ApiOperation({
    summary: 'One contest round · 경진대회 회차 조회',
    description: ko_en(
      '회차 하나를 일정, 분야, 평가 항목, 시상 기준, 예산, 상위 대회 연계와 내 관계(주최·출품·심사) 및 가능한 처리와 함께 돌려줍니다. 읽을 수 없는 회차는 404입니다.',
      'Returns one round with its schedule, fields, criteria, award table, budget, next-level link, your relation (organiser, entrant, judge) and the actions you may take. A round you may not read is a 404.',
    ),
  })
  @ApiOkResponse({ type: ContestRoundDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ContestRoundDto> {
    return this.rounds.getRound(user, id);
  }

  @Patch('rounds/:id')
  @ApiOperation({
    summary: 'Change a round before its results (organiser’s PROACTIVE_OFFICE) · 회차 변경',
    description: ko_en(
      '결과 발표 전까지 제목, 일정, 시상 기준, 예산, 진출작 접수 여부를 바꾸고 이력에 남깁니다. 연도·분야·평가 항목은 DRAFT에서만 바꿀 수 있습니다(그 뒤 409). 주최 기관의 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 잘못된 값은 400, 오래된 version은 409입니다.',
      'Changes the title, schedule, award table, budget or acceptsAdvancement until the results are published, recorded in history; the year, fields and criteria only in DRAFT (409 after). The organiser’s PROACTIVE_OFFICE only (403 otherwise); invalid values are a 400, a stale version a 409.',
    ),
  })
  @ApiOkResponse({ type: ContestRoundDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateContestRoundDto,
  ): Promise<ContestRoundDto> {
    return this.rounds.updateRound(user, id, dto);
  }

  @Post('rounds/:id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'open, closeEntries, startJudging or close the round (organiser’s PROACTIVE_OFFICE) · 회차 진행',
    description: ko_en(
      'DRAFT → open → OPEN(출품 접수) → closeEntries → SCREENING(심사 전 검토) → startJudging → JUDGING(심사) → (결과 발표) → RESULTS_PUBLISHED → close → CLOSED. 주최 기관의 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 상태가 허용하지 않으면 409(ILLEGAL_TRANSITION, allowedActions), 검토하지 않은 출품작이 남은 채 심사를 시작하면 409(CONTEST_ENTRIES_UNDECIDED), 오래된 version은 409입니다.',
      'DRAFT → open → OPEN (entries) → closeEntries → SCREENING → startJudging → JUDGING → (publish) → RESULTS_PUBLISHED → close → CLOSED. The organiser’s PROACTIVE_OFFICE only (403 otherwise); a state that refuses is a 409 ILLEGAL_TRANSITION with allowedActions; starting judging with unscreened entries is a 409 CONTEST_ENTRIES_UNDECIDED; a stale version a 409.',
    ),
  })
  @ApiOkResponse({ type: ContestRoundDto })
  @ApiErrors(400, 404, 409)
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ContestRoundTransitionDto,
  ): Promise<ContestRoundDto> {
    return this.rounds.transition(user, id, dto.action, dto.version);
  }

  @Put('rounds/:id/panel')
  @ApiOperation({
    summary: 'The judging panel (organiser’s PROACTIVE_OFFICE) · 심사위원 지정',
    description: ko_en(
      '회차의 심사위원 명단을 통째로 바꾸고 이력에 남깁니다. 위원은 주최 기관의 활성 COMMITTEE 사용자여야 하며(아니면 400), 이미 채점한 위원은 뺄 수 없습니다(409 MEMBER_HAS_SCORED). 결과 발표 뒤에는 409입니다.',
      'Replaces the round’s judging panel, recorded in history. Members must be active COMMITTEE users of the organising body (400 otherwise); a member who has scored cannot be removed (409 MEMBER_HAS_SCORED); after publication: 409.',
    ),
  })
  @ApiOkResponse({ type: ContestRoundDto })
  @ApiErrors(400, 404, 409)
  panel(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ContestPanelDto,
  ): Promise<ContestRoundDto> {
    return this.rounds.setPanel(user, id, dto.memberIds);
  }

  @Put('rounds/:id/next-round')
  @ApiOperation({
    summary:
      'Propose the next level’s round (lower organiser’s PROACTIVE_OFFICE) · 상위 대회 연계 제안',
    description: ko_en(
      '이 회차의 진출작이 나아갈 상위 대회 회차(예: 행정안전부 전국 경진대회)를 제안합니다(null이면 철회). 상위 회차가 진출작 접수(acceptsAdvancement)를 열어 두지 않았거나 없으면 똑같이 400(INVALID_REFERENCE)입니다. 제안은 PROPOSED이며, 상위 주최 기관이 수락해야 진출작이 옮겨집니다.',
      'Names the next level’s round (e.g. 행정안전부’s national contest) this round’s advancing entries go to (null withdraws). A round that does not accept advancement, or none at all, is the same 400 INVALID_REFERENCE. The link is PROPOSED until the higher organiser accepts it; no entry moves over a link that is not accepted.',
    ),
  })
  @ApiOkResponse({ type: ContestRoundDto })
  @ApiErrors(400, 404, 409)
  nextRound(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: NextRoundDto,
  ): Promise<ContestRoundDto> {
    return this.links.proposeNextRound(user, id, dto.nextRoundId ?? null, dto.version);
  }

  @Post('rounds/:id/feeders')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accept or decline a lower round that proposed this one (higher organiser’s PROACTIVE_OFFICE) · 하위 대회 연계 수락',
    description: ko_en(
      '이 회차를 상위 대회로 제안한 하위 회차의 연계를 수락하거나 거절하고 두 회차의 이력에 남깁니다. 이 회차를 제안하지 않은 회차는 400(INVALID_REFERENCE), 이 회차가 더 이상 출품을 받을 수 없는 상태(JUDGING 이후)면 409입니다.',
      'Accepts or declines the link of a lower round that proposed this one, recorded in both rounds’ history. A round that did not propose this one is a 400 INVALID_REFERENCE; once this round is judging or later: 409.',
    ),
  })
  @ApiOkResponse({ type: ContestRoundDto })
  @ApiErrors(400, 404, 409)
  feeders(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: FeederDecisionDto,
  ): Promise<ContestRoundDto> {
    return this.links.decideFeeder(user, id, dto.feederRoundId, dto.decision === 'accept');
  }

  @Get('rounds/:id/entrants')
  @ApiOperation({
    summary: 'Organisations that may enter (organiser’s office and auditors) · 출품 대상 기관',
    description: ko_en(
      '이 회차에 출품할 수 있는 기관(주최 기관과 그 아래의 활성 기관 전부)을 돌려줍니다. 주최 기관의 적극행정 전담부서·감사담당관만 볼 수 있고 그 밖에 회차를 읽을 수 있는 사용자는 403입니다.',
      'Lists the organisations that may enter: the organising body and every active organisation below it. The organiser’s PROACTIVE_OFFICE and AUDITOR only; other readers of the round get a 403.',
    ),
  })
  @ApiOkResponse({ type: [EntrantOrganisationDto] })
  @ApiErrors(404)
  entrants(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<EntrantOrganisationDto[]> {
    return this.rounds.entrants(user, id);
  }

  @Post('rounds/:id/entries')
  @ApiOperation({
    summary: 'Submit an entry (PROACTIVE_OFFICE of an entrant organisation) · 사례 출품',
    description: ko_en(
      '출품 기관(주최 기관 또는 그 하위 기관)의 적극행정 전담부서가 접수 중(OPEN)인 회차에 사례를 출품합니다: 분야, 사례명, 요약, 부서, 공무원, 관련 중점과제·평가 후보(선택). 부서·공무원·과제·후보는 모두 내 기관의 것이어야 하며 아니면 400입니다. 출품 기관이 아닌 사용자는 403, 접수 중이 아니면 409입니다.',
      'The PROACTIVE_OFFICE of an entrant organisation (the organiser or one below it) submits an entry to an OPEN round: field, title, summary, department, officials, and optionally a priority task or evaluation nomination. All of them must be your organisation’s (400 otherwise). Not an entrant: 403; not open: 409.',
    ),
  })
  @ApiCreatedResponse({ type: ContestEntryDto })
  @ApiErrors(400, 404, 409)
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateContestEntryDto,
  ): Promise<ContestEntryDto> {
    return this.entries.submit(user, id, dto);
  }

  @Get('rounds/:id/entries')
  @ApiOperation({
    summary: 'Entries of a round you may read · 출품작 목록',
    description: ko_en(
      '주최 기관의 전담부서·감사담당관과 심사위원은 모든 출품작을, 출품 기관은 자기 출품작만(전담부서·감사담당관, 해당 부서, 이름이 오른 공무원) 봅니다. 다른 출품 기관의 출품작은 보이지 않으며, 결과 발표 전에는 점수·순위도 보이지 않습니다.',
      'The organiser’s office, auditors and panel see every entry; an entrant organisation sees only its own (its office and auditors, the entry’s department, the officials named), never another entrant’s, and no scores or ranks before the results are published.',
    ),
  })
  @ApiOkResponse({ type: [ContestEntryDto] })
  @ApiErrors(404)
  listEntries(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ContestEntryDto[]> {
    return this.entries.listEntries(user, id);
  }

  @Post('rounds/:id/ranking')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Compute provisional ranks and awards (organiser’s PROACTIVE_OFFICE, JUDGING) · 순위 산정',
    description: ko_en(
      '심사위원 점수의 평균으로 분야별 순위(동점이면 첫 평가 항목 평균, 먼저 출품한 순)와 시상을 산정하고, 예산 대비 포상금 합계와 함께 돌려줍니다. 채점되지 않은 출품작이 있으면 409(CONTEST_ENTRIES_UNDECIDED)입니다. 발표 때 다시 산정합니다.',
      'Ranks the accepted entries per field by the mean of the judges’ totals (ties: the first criterion’s mean, then the earlier submission) and applies the award table, answering with the prize total against the budget. An unscored entry is a 409 CONTEST_ENTRIES_UNDECIDED. Publication ranks again.',
    ),
  })
  @ApiOkResponse({ type: ContestResultsDto })
  @ApiErrors(404, 409)
  ranking(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ContestResultsDto> {
    return this.results.rank(user, id);
  }

  @Post('rounds/:id/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish the results (organiser’s PROACTIVE_OFFICE) · 결과 발표',
    description: ko_en(
      '순위와 시상을 확정해 발표합니다: 출품작은 AWARDED/NOT_AWARDED가 되고, 이름이 오른 공무원마다 포상 기록(포상금 배분, 근평 가점, 인사 집행 PENDING)이 생기며, 진출 시상의 출품작은 수락된 상위 대회 회차로 옮겨지고(원 출품 기관 유지), 이 회차가 상위 대회면 결과가 하위 대회 출품작 이력에 남습니다. 포상금 합계가 예산을 넘으면 409(CONTEST_BUDGET_EXCEEDED, prizeTotalKrw·budgetKrw), 진출작이 있는데 수락된 상위 회차가 없거나 출품을 받을 수 없으면 409(CONTEST_ADVANCEMENT_UNAVAILABLE)이며, 아무것도 바뀌지 않습니다.',
      'Fixes and publishes ranks and awards: entries become AWARDED or NOT_AWARDED; each named official of an awarded entry gets an award record (prize share, 근평 bonus points, HR status PENDING); entries whose award advances are entered into the accepted next-level round (keeping their entrant); and when this round is itself a higher level, its result is written to the lower level’s entry. A prize total above the budget is a 409 CONTEST_BUDGET_EXCEEDED (prizeTotalKrw, budgetKrw); advancing entries without an accepted next round that still takes entries a 409 CONTEST_ADVANCEMENT_UNAVAILABLE; nothing changes then.',
    ),
  })
  @ApiOkResponse({ type: ContestResultsDto })
  @ApiErrors(400, 404, 409)
  publish(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: PublishContestDto,
  ): Promise<ContestResultsDto> {
    return this.results.publish(user, id, dto.version);
  }

  @Get('rounds/:id/results')
  @ApiOperation({
    summary: 'Ranked results · 결과 조회',
    description: ko_en(
      '주최 기관의 전담부서·감사담당관과 심사위원은 언제든 (잠정) 순위와 점수, 예산 대비 포상금을 봅니다. 회차를 읽을 수 있는 다른 사용자는 발표 뒤에 분야별 순위·사례명·출품 기관·시상을 보며(점수 없음), 발표 전에는 빈 목록입니다.',
      'The organiser’s office, auditors and panel see (provisional) ranks with scores and the prize total against the budget at any time. Other readers of the round see, once published, each ranked entry’s field, title, entrant and award without scores; before that an empty list.',
    ),
  })
  @ApiOkResponse({ type: ContestResultsDto })
  @ApiErrors(404)
  resultsOf(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ContestResultsDto> {
    return this.results.results(user, id);
  }

  @Get('rounds/:id/export')
  @ApiOperation({
    summary:
      'Entries, scores and results as XLSX (a reason is required and logged) · 경진대회 내려받기',
    description: ko_en(
      '출품작, 심사 점수, 결과 시트(한글 머리글)를 XLSX로 내려받습니다(sheet를 정하면 그 시트만). 인사 정보이므로 사유(reason)가 필요하며 열람 기록에 남습니다. 적극행정 전담부서·감사담당관이 아니면 회차를 보기 전에 403, 주최 기관이 아니면 403이며, 사용자별 호출 횟수가 제한됩니다(429).',
      'Downloads the entries, score sheets and results sheets (Korean headers) as XLSX, or the one sheet named. Personnel data: a reason is required and stored in the access log. Not PROACTIVE_OFFICE or AUDITOR: 403 before any record is read; not the organiser: 403; rate-limited per user (429).',
    ),
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ContestExportQuery,
  ): Promise<StreamableFile> {
    const file = await this.exports.export(user, id, query);
    return new StreamableFile(file.body, {
      type: file.contentType,
      length: file.body.length,
      disposition: attachmentDisposition(file.filename, file.localFilename),
    });
  }

  @Get('entries/:id')
  @ApiOperation({
    summary: 'One entry · 출품작 조회',
    description: ko_en(
      '출품작 하나를 상태, 검토 결과, (볼 수 있으면) 점수·순위·시상, 하위·상위 대회 연결과 그 결과와 함께 돌려줍니다. 읽을 수 없는 출품작은 404입니다.',
      'Returns one entry with its state, screening, its score, rank and award where you may see them, and its links to the lower and higher level with their results. An entry you may not read is a 404.',
    ),
  })
  @ApiOkResponse({ type: ContestEntryDto })
  @ApiErrors(404)
  entry(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ContestEntryDto> {
    return this.entries.getEntry(user, id);
  }

  @Post('entries/:id/screening')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept or reject an entry (organiser’s PROACTIVE_OFFICE) · 출품작 검토',
    description: ko_en(
      '접수(OPEN) 또는 검토(SCREENING) 중에 출품작을 접수(accept)하거나 사유와 함께 반려(reject)하고 이력에 남깁니다. 반려 사유가 없으면 400, 상태가 허용하지 않으면 409, 오래된 version은 409입니다.',
      'Accepts an entry or rejects it with a reason while the round is OPEN or SCREENING, recorded in history. A rejection without a reason is a 400; a state that refuses a 409; a stale version a 409.',
    ),
  })
  @ApiOkResponse({ type: ContestEntryDto })
  @ApiErrors(400, 404, 409)
  screen(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ScreenEntryDto,
  ): Promise<ContestEntryDto> {
    return this.entries.screen(user, id, dto);
  }

  @Put('entries/:id/scores')
  @ApiOperation({
    summary: 'Score an accepted entry (panel member, JUDGING) · 출품작 채점',
    description: ko_en(
      '심사위원이 평가 항목마다 0부터 배점까지(0.5 단위) 점수를 매깁니다(다시 보내면 바뀝니다). 출품작의 공무원·부서 소속이거나 출품한 사람이면 제척되어 409(CONTEST_JUDGE_DISQUALIFIED)입니다. 심사위원이 아니면 403, 잘못된 점수는 400입니다.',
      'A panel member scores each criterion from 0 to its weight in steps of 0.5 (sending again replaces the sheet). A judge named as an official, of the entry’s department, or its submitter is disqualified (제척): 409 CONTEST_JUDGE_DISQUALIFIED. Not on the panel: 403; invalid scores: 400.',
    ),
  })
  @ApiOkResponse({ type: ContestEntryDto })
  @ApiErrors(400, 404, 409)
  score(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ContestScoreDto,
  ): Promise<ContestEntryDto> {
    return this.entries.score(user, id, dto.scores);
  }

  @Post('entries/:id/attachments')
  @ApiOperation({
    summary:
      'Attach a file to an entry awaiting screening (entrant’s PROACTIVE_OFFICE) · 출품작 첨부',
    description: ko_en(
      '검토 전(SUBMITTED) 출품작에 파일 하나(multipart의 file 필드)를 첨부하고 sha256과 함께 저장하며 이력에 남깁니다. 출품 기관의 적극행정 전담부서만 첨부할 수 있고 그 밖은 403, 검토가 끝난 출품작이면 409입니다. 출품 기관 설정(attachments.maxFileMb)보다 크면 413, 허용 형식이 아니거나 내용이 확장자와 다르면 415, 파일이 없으면 400입니다.',
      'Attaches one file (multipart field "file") to an entry still awaiting screening (SUBMITTED), stored with its sha256 and recorded in history. The entrant organisation’s PROACTIVE_OFFICE only (403 otherwise); a screened entry is a 409. Above the entrant’s limit (attachments.maxFileMb): 413; a type outside the allow-list or content not matching its extension: 415; no file: 400.',
    ),
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDto })
  @ApiCreatedResponse({ type: ContestEntryDto })
  @ApiErrors(400, 404, 409)
  async attach(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ContestEntryDto> {
    return this.files.addAttachment(user, id, await fileUpload(request));
  }

  @Get('entries/:id/attachments/:attachmentId')
  @ApiOperation({
    summary:
      'Download a file of an entry you may read (recorded in the access log) · 출품작 첨부파일 내려받기',
    description: ko_en(
      '출품작의 첨부파일을 내려받습니다. 출품작을 읽을 수 있으면 누구나 내려받을 수 있고 열람 기록에 남습니다. 읽을 수 없거나 이 출품작의 파일이 아니면 404입니다.',
      'Downloads a file attached to an entry. Anyone who may read the entry may download it, recorded in the access log; an entry you cannot read or a file not of this entry is a 404.',
    ),
  })
  @ApiProduces('*/*')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    const file = await this.files.download(user, id, attachmentId);
    return new StreamableFile(file.stream, {
      type: file.mediaType,
      length: file.sizeBytes,
      disposition: attachmentDisposition(file.fileName),
    });
  }

  @Delete('entries/:id/attachments/:attachmentId')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Remove a file from an entry awaiting screening (entrant’s PROACTIVE_OFFICE) · 출품작 첨부파일 삭제',
    description: ko_en(
      '검토 전(SUBMITTED) 출품작에서 첨부파일을 지우고 이력에 남깁니다. 출품 기관의 적극행정 전담부서만 지울 수 있고 그 밖은 403, 검토가 끝났으면 409, 이 출품작의 파일이 아니면 404입니다.',
      'Removes a file from an entry awaiting screening, recorded in history. The entrant’s PROACTIVE_OFFICE only (403 otherwise); a screened entry is a 409; a file not of this entry is a 404.',
    ),
  })
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  removeAttachment(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<void> {
    return this.files.removeAttachment(user, id, attachmentId);
  }

  @Get('entries/:id/history')
  @ApiOperation({
    summary: 'The entry’s history across levels · 출품작 이력',
    description: ko_en(
      '출품작과, 그것이 나온 하위 대회·진출한 상위 대회 출품작의 이력을 시간순으로 돌려줍니다. 점수·잠정 순위 이력은 그 회차의 주최 기관(전담부서·감사담당관·심사위원)에게만 보입니다.',
      'The history of the entry and of the entries it advanced from and to, oldest first. Score and provisional-rank entries show only to the organiser (office, auditors, panel) of their round.',
    ),
  })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.entries.history(user, id);
  }

  @Get('awards')
  @ApiOperation({
    summary:
      'Award records of your officials and of your rounds (PROACTIVE_OFFICE, AUDITOR) · 포상 기록',
    description: ko_en(
      '내 기관 공무원의 포상 기록(어느 기관이 주최한 대회든)과 내 기관이 주최한 회차의 포상 기록을 인사 집행 상태와 함께 돌려줍니다. 적극행정 전담부서·감사담당관이 아니면 403입니다.',
      'Award records of your organisation’s officials (whoever organised the contest) and of the rounds your organisation organised, with their HR execution status. PROACTIVE_OFFICE and AUDITOR only (403 otherwise).',
    ),
  })
  @ApiOkResponse({ type: [ContestAwardDto] })
  awards(
    @CurrentUser() user: AuthUser,
    @Query() query: ContestAwardListQuery,
  ): Promise<ContestAwardDto[]> {
    return this.awardRecords.awards(user, query.roundId);
  }

  @Patch('awards/:id')
  @ApiOperation({
    summary:
      'Record HR execution of an award (the official’s organisation’s PROACTIVE_OFFICE) · 포상 집행 기록',
    description: ko_en(
      '포상(포상금, 근평 가점)의 인사 집행 상태를 EXECUTED 또는 NOT_EXECUTED(사유 필수)로 기록하고 이력에 남깁니다. 공무원 소속 기관의 적극행정 전담부서만 바꿀 수 있습니다(주최 기관은 403). 오래된 version은 409입니다.',
      'Records whether HR executed the award (EXECUTED, or NOT_EXECUTED with a note), in history. Only the official’s own organisation’s PROACTIVE_OFFICE changes it (the organiser gets a 403); a stale version is a 409.',
    ),
  })
  @ApiOkResponse({ type: ContestAwardDto })
  @ApiErrors(400, 404, 409)
  updateAward(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateContestAwardDto,
  ): Promise<ContestAwardDto> {
    return this.awardRecords.updateAward(user, id, dto);
  }
}
