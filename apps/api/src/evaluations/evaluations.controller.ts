import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  EvaluationExportService,
  EvaluationsService,
  IncentiveReportService,
} from '@gwaje/evaluations';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  AggregateResultDto,
  ConflictDto,
  CreateRoundDto,
  DecideNominationDto,
  EvaluationExportQuery,
  GrantDto,
  IncentiveDto,
  IncentiveReportDto,
  IncentivesDto,
  NominateDto,
  NominationDto,
  NominationListQuery,
  PreferenceDto,
  PreferenceResultDto,
  ProgressDto,
  RoundDto,
  RoundListQuery,
  ScoreDto,
  SetMembersDto,
  UpdateGrantDto,
  UpdateRulesDto,
} from './evaluations.dto.js';

@ApiTags('evaluations · 연말 성과 평가')
@ApiAuth()
@Controller()
export class EvaluationsController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly exports: EvaluationExportService,
    private readonly reports: IncentiveReportService,
  ) {}

  @Post('evaluation-rounds')
  @ApiOperation({
    summary:
      'Open a round or contest (PROACTIVE_OFFICE); its rules come from the settings · 평가 회차 개설',
    description:
      '연말 성과 평가 또는 상·하반기 경진대회 회차를 NOMINATING 상태로 열고 이력에 남깁니다. 평가 항목·배점, 등급표, 최고·최저점 제외 기준, 우대조치 한도는 기관 설정에서 복사됩니다. 적극행정 전담부서(PROACTIVE_OFFICE)만 호출할 수 있고(그 밖은 403), 일정이 추천 시작 ≤ 추천 마감 ≤ 채점 마감 ≤ 의결일 순이 아니면 400입니다. 한 기관이 같은 해에 우수공무원 선발과 여러 경진대회를 열 수 있으므로 같은 종류·연도의 회차도 여럿 열 수 있습니다.\n\n' +
      'Opens a year-end evaluation round or a half-year contest in NOMINATING, recorded in history; its criteria and weights, grade table, trimming rule and incentive limits are copied from the organisation’s settings. PROACTIVE_OFFICE only (403 otherwise); a schedule not in the order nominationsOpen ≤ nominationsClose ≤ scoringDue ≤ resolutionDate is a 400. An organisation may run several rounds of one kind in a year (its 우수공무원 selection and several contests).',
  })
  @ApiCreatedResponse({ type: RoundDto })
  @ApiErrors(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoundDto): Promise<RoundDto> {
    return this.evaluations.createRound(user, dto);
  }

  @ApiOperation({
    summary: 'Evaluation rounds of your organisation · 평가 회차 목록',
    description:
      '내 기관의 평가 회차를 최근 연도부터(연도로 거를 수 있음) 돌려줍니다. 같은 기관의 업무 역할(STAFF·DEPT_HEAD·AUDITOR·PROACTIVE_OFFICE·COMMITTEE) 사용자가 볼 수 있으며, 업무 역할이 없는 사용자(ADMIN만 가진 경우 등)에게는 404입니다.\n\n' +
      'Lists your organisation’s evaluation rounds, latest year first, optionally for one year. Readable by users of the organisation with a business role (STAFF, DEPT_HEAD, AUDITOR, PROACTIVE_OFFICE, COMMITTEE); a user without a business role (e.g. ADMIN only) gets a 404.',
  })
  @Get('evaluation-rounds')
  @ApiOkResponse({ type: [RoundDto] })
  list(@CurrentUser() user: AuthUser, @Query() query: RoundListQuery): Promise<RoundDto[]> {
    return this.evaluations.listRounds(user, query.year);
  }

  @ApiOperation({
    summary: 'One evaluation round · 평가 회차 조회',
    description:
      '평가 회차 하나를 규칙(평가 항목, 등급표, 우대조치 한도), 상태, 평가위원, 의결 내용과 함께 돌려줍니다. 같은 기관의 업무 역할(STAFF·DEPT_HEAD·AUDITOR·PROACTIVE_OFFICE·COMMITTEE) 사용자가 볼 수 있고, 다른 기관의 회차는 404입니다.\n\n' +
      'Returns one round with its rules (criteria, grade table, incentive limits), status, committee members and resolution. Readable by users of the organisation with a business role (STAFF, DEPT_HEAD, AUDITOR, PROACTIVE_OFFICE, COMMITTEE); a round of another organisation is a 404.',
  })
  @Get('evaluation-rounds/:id')
  @ApiOkResponse({ type: RoundDto })
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<RoundDto> {
    return this.evaluations.getRound(user, id);
  }

  @Patch('evaluation-rounds/:id/rules')
  @ApiOperation({
    summary:
      'Change criteria, grades and incentive limits while nominating (PROACTIVE_OFFICE) · 평가 기준 변경',
    description:
      '회차의 평가 항목·배점, 등급표, 최고·최저점 제외 기준 인원, 우대조치 최소·최대 개수를 바꾸고 이력에 남깁니다. 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 채점이 시작된 뒤에는 409입니다. 배점 합계가 100이 아니거나 등급표가 올바르지 않거나 최소 ≤ 최대 ≤ 주담당자 최대 순이 아니면 400, 읽은 version이 오래되었으면 409입니다.\n\n' +
      'Changes the round’s criteria and weights, grade table, trimming threshold and incentive minimum and maximums, recorded in history. PROACTIVE_OFFICE only (403 otherwise); once scoring has started: 409. Weights not totalling 100, a malformed grade table, or limits not in the order min ≤ max ≤ task-owner max are a 400; a stale version is a 409.',
  })
  @ApiOkResponse({ type: RoundDto })
  @ApiErrors(400, 404, 409)
  rules(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateRulesDto,
  ): Promise<RoundDto> {
    return this.evaluations.updateRules(user, id, dto);
  }

  @Put('evaluation-rounds/:id/members')
  @ApiOperation({
    summary: 'The committee members of the round (PROACTIVE_OFFICE) · 평가위원 지정',
    description:
      '회차의 평가위원 명단을 통째로 바꾸고 이력에 남깁니다. 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 위원은 같은 기관의 활성 COMMITTEE 사용자여야 하며 아니면 400입니다. 확정된 회차이거나 이미 채점한 위원을 빼려 하면 409입니다.\n\n' +
      'Replaces the round’s committee members, recorded in history. PROACTIVE_OFFICE only (403 otherwise); every member must be an active COMMITTEE user of the organisation (400 otherwise). A confirmed round, or removing a member who has already scored, is a 409.',
  })
  @ApiOkResponse({ type: RoundDto })
  @ApiErrors(400, 404, 409)
  members(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: SetMembersDto,
  ): Promise<RoundDto> {
    return this.evaluations.setMembers(user, id, dto.memberIds);
  }

  @ApiOperation({
    summary: 'Close nominations and start scoring (PROACTIVE_OFFICE) · 채점 시작',
    description:
      '회차를 NOMINATING에서 SCORING으로 옮겨 확인(VERIFIED)된 후보를 채점할 수 있게 하고 이력에 남깁니다. 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 이미 채점 단계이거나, 평가위원이 없거나, 확인·제외하지 않은 후보가 남아 있으면 409입니다.\n\n' +
      'Moves the round from NOMINATING to SCORING so its verified nominations can be scored, recorded in history. PROACTIVE_OFFICE only (403 otherwise); a round already scoring, without committee members, or with nominations not yet verified or excluded is a 409.',
  })
  @Post('evaluation-rounds/:id/start-scoring')
  @HttpCode(200)
  @ApiOkResponse({ type: RoundDto })
  @ApiErrors(404, 409)
  startScoring(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<RoundDto> {
    return this.evaluations.startScoring(user, id);
  }

  @Get('evaluation-rounds/:id/progress')
  @ApiOperation({
    summary: 'Scoring progress per member (PROACTIVE_OFFICE, AUDITOR) · 채점 진행 현황',
    description:
      '평가위원별로 채점해야 할 후보 수, 채점한 수, 이해충돌 신고 수와 전체 완료율을 돌려줍니다. 같은 기관의 적극행정 전담부서(PROACTIVE_OFFICE)·감사담당관(AUDITOR)만 볼 수 있고, 그 밖의 업무 역할은 403, 다른 기관의 회차는 404입니다.\n\n' +
      'Returns, per committee member, the sheets owed, the sheets given and the conflicts declared, with the overall completion. PROACTIVE_OFFICE and AUDITOR of the organisation only: other business roles get a 403, a round of another organisation a 404.',
  })
  @ApiOkResponse({ type: ProgressDto })
  @ApiErrors(404)
  progress(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ProgressDto> {
    return this.evaluations.progress(user, id);
  }

  @Post('evaluation-rounds/:id/aggregate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Final scores, ranks and grades per nomination type (PROACTIVE_OFFICE) · 결과 집계',
    description:
      '채점표로 후보별 최종 점수(위원 합계의 평균, 채점 위원이 설정 인원 이상이면 최고·최저점 제외), 유형별 순위(모범 실패사례는 따로), 등급을 계산하고 이력에 남깁니다. 동점은 첫 평가 항목(국민체감도) 평균, 그다음 먼저 접수된 순으로 가리며, 확정 전까지 몇 번이든 다시 계산합니다. 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 채점 단계가 아니면 409입니다.\n\n' +
      'Computes from the score sheets each nomination’s final score (the mean of member totals, dropping the highest and lowest when at least the set number of members scored), its rank within its type (FAILURE_CASE on its own) and its grade, recorded in history. Ties break on the first criterion’s mean (국민체감도), then earlier submission; it can be recomputed until the round is confirmed. PROACTIVE_OFFICE only (403 otherwise); outside scoring: 409.',
  })
  @ApiOkResponse({ type: AggregateResultDto })
  @ApiErrors(404, 409)
  aggregate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<AggregateResultDto> {
    return this.evaluations.aggregate(user, id);
  }

  @Post('evaluation-rounds/:id/nominations')
  @ApiOperation({
    summary:
      'Nominate: DEPT_HEAD (부서추천), the applicant (본인신청), PROACTIVE_OFFICE (국민추천) · 후보 추천',
    description:
      '회차에 후보(개인, 팀, 부서, 모범 실패사례)를 SUBMITTED 상태로 추천하고 이력에 남깁니다. 추천 경로(source)별로 부서추천은 부서장(DEPT_HEAD), 본인신청은 본인을 대상에 넣은 STAFF·DEPT_HEAD, 국민추천은 적극행정 전담부서가 하며 그 밖은 403, 추천 기간(NOMINATING)이 아니면 409입니다. 개인 후보는 공무원 한 명, 부서 후보는 부서 하나를 지정해야 하고, 대상 공무원·부서·과제는 같은 기관의 활성 사용자·부서와 중점과제여야 하며 아니면 400입니다.\n\n' +
      'Nominates an official, a team, a department or a failure case (모범 실패사례) for the round in SUBMITTED, recorded in history. source DEPARTMENT (부서추천) needs a DEPT_HEAD, SELF (본인신청) STAFF or DEPT_HEAD naming themselves, CITIZEN (국민추천) PROACTIVE_OFFICE (403 otherwise); outside NOMINATING: 409. An OFFICIAL nomination names exactly one user and a DEPARTMENT nomination exactly one department; nominees and tasks must be active users, departments and priority tasks of the organisation (400 otherwise).',
  })
  @ApiCreatedResponse({ type: NominationDto })
  @ApiErrors(400, 404, 409)
  nominate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: NominateDto,
  ): Promise<NominationDto> {
    return this.evaluations.nominate(user, id, dto);
  }

  @ApiOperation({
    summary: 'Nominations of a round you may read · 후보 목록',
    description:
      '회차의 후보 가운데 내가 볼 수 있는 것을 유형·순위·접수순으로 돌려주고 열람 기록에 남깁니다. 적극행정 전담부서·감사담당관과 이 회차 평가위원은 전체를, 추천자·후보 본인·후보 부서는 자기 후보를, 기관의 다른 사용자는 확정된 결과만 봅니다. 채점표는 전담부서·감사담당관과 이해충돌을 신고하지 않은 위원에게만, 점수·순위는 확정 전까지 그들에게만 보입니다.\n\n' +
      'Lists the round’s nominations you may read, by type, rank and submission, and records the listing in the access log. PROACTIVE_OFFICE, AUDITOR and the round’s committee members see all; the nominator, the nominees and nominee departments their own; others in the organisation the confirmed results. Score sheets are shown only to the office, auditors and members without a conflict, and scores and ranks only to them until the round is confirmed.',
  })
  @Get('evaluation-rounds/:id/nominations')
  @ApiOkResponse({ type: [NominationDto] })
  @ApiErrors(404)
  nominations(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: NominationListQuery,
  ): Promise<NominationDto[]> {
    return this.evaluations.listNominations(user, id, query.type);
  }

  @ApiOperation({
    summary: 'One nomination · 후보 조회',
    description:
      '후보 하나를 대상, 관련 과제, 공적 내용, 상태, 그리고 볼 권한이 있을 때 점수·순위·등급과 채점표와 함께 돌려주고 열람 기록에 남깁니다. 목록과 같은 공개 범위가 적용되며, 볼 수 없는 후보는 404입니다.\n\n' +
      'Returns one nomination with its nominees, tasks, narrative and state, and, for those allowed to see them, its score, rank, grade and score sheets; the read is recorded in the access log. The list’s visibility rules apply; a nomination you may not read is a 404.',
  })
  @Get('nominations/:id')
  @ApiOkResponse({ type: NominationDto })
  @ApiErrors(404)
  nomination(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<NominationDto> {
    return this.evaluations.getNomination(user, id);
  }

  @Post('nominations/:id/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify, or exclude with a reason (PROACTIVE_OFFICE) · 후보 확인·제외',
    description:
      '접수된 후보를 확인(VERIFIED)하거나 사유를 붙여 제외(EXCLUDED)하고 이력에 남깁니다. 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 추천 기간의 SUBMITTED 후보가 아니면 409, 제외 사유가 없거나 모범 실패사례를 목표 미달(TARGET_NOT_MET)로 제외하려 하면 400, 보낸 version이 오래되었으면 409입니다.\n\n' +
      'Verifies a submitted nomination or excludes it with a reason, recorded in history. PROACTIVE_OFFICE only (403 otherwise); a nomination that is not SUBMITTED in a round still nominating is a 409; excluding without a reason, or excluding a FAILURE_CASE for TARGET_NOT_MET, is a 400; a stale version, when sent, is a 409.',
  })
  @ApiOkResponse({ type: NominationDto })
  @ApiErrors(400, 404, 409)
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DecideNominationDto,
  ): Promise<NominationDto> {
    return this.evaluations.decide(user, id, dto);
  }

  @Post('nominations/:id/conflicts')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Declare a conflict of interest (committee member): no scores seen or given afterwards · 이해충돌 신고(회피)',
    description:
      '평가위원이 후보와의 이해충돌을 신고(회피)하고 이력에 남깁니다. 이후 그 위원은 이 후보의 채점표를 보지도, 채점하지도 못하며, 이미 낸 채점표는 지워집니다. 이 회차 위원인 COMMITTEE 사용자만 호출할 수 있고(그 밖은 403), 확정된 회차는 409입니다. 이미 신고했으면 바뀌지 않습니다.\n\n' +
      'A committee member declares a conflict of interest with the nomination (recusal), recorded in history; from then on they neither see its sheets nor score it, and a sheet they gave earlier is removed. Only COMMITTEE users who are members of the round (403 otherwise); a confirmed round is a 409. Declaring again changes nothing.',
  })
  @ApiOkResponse({ type: NominationDto })
  @ApiErrors(400, 404, 409)
  conflict(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ConflictDto,
  ): Promise<NominationDto> {
    return this.evaluations.declareConflict(user, id, dto.reason);
  }

  @Put('nominations/:id/scores')
  @ApiOperation({
    summary: 'Your score sheet for a nomination (committee member, during scoring) · 채점',
    description:
      '평가위원이 후보의 채점표(평가 항목마다 0부터 배점까지, 소수 둘째 자리까지)를 내고 이력에 남기며, 다시 내면 앞의 채점표를 바꿉니다. 이미 집계된(GRADED) 후보는 SCORED로 돌아가 결과가 지워지며, 다시 집계해야 의결할 수 있습니다. 이 회차 위원인 COMMITTEE 사용자만 호출할 수 있고(그 밖은 403), 이해충돌을 신고한 후보도 403입니다. 채점 단계가 아니거나 확인되지 않은 후보는 409, 빠진 항목·없는 항목·범위를 벗어난 점수는 400입니다.\n\n' +
      'A committee member gives their score sheet for a nomination (each criterion from 0 to its weight, at most two decimals), recorded in history; giving it again replaces the earlier one. A GRADED nomination returns to SCORED without results: the round is aggregated again before it can be resolved. Only COMMITTEE users who are members of the round (403 otherwise), and never for a nomination they declared a conflict with (403). Outside scoring or for an unverified nomination: 409; a missing, unknown or out-of-range score: 400.',
  })
  @ApiOkResponse({ type: NominationDto })
  @ApiErrors(400, 404, 409)
  score(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ScoreDto,
  ): Promise<NominationDto> {
    return this.evaluations.score(user, id, dto.scores);
  }

  @Put('nominations/:id/preference')
  @ApiOperation({
    summary: 'The selected official records preferred incentives · 희망 우대조치 기록',
    description:
      '선정이 확정된 공무원 본인이 원하는 인사상 우대조치를 적고 이력에 남기며, 다시 적으면 바뀝니다. 후보의 대상 공무원 본인만 호출할 수 있고(그 밖은 403), 회차가 확정되지 않았거나 마지막 등급(선정되지 않음)이면 409입니다.\n\n' +
      'The selected official records which incentives they would prefer, recorded in history; recording again replaces it. Only an official named in the nomination may call it (403 otherwise); a round not yet confirmed, or a nomination in the last grade (not selected), is a 409.',
  })
  @ApiOkResponse({ type: PreferenceResultDto })
  @ApiErrors(400, 404, 409)
  preference(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: PreferenceDto,
  ): Promise<PreferenceResultDto> {
    return this.evaluations.recordPreference(user, id, dto);
  }

  @ApiOperation({
    summary: 'Selected officials, their preferences and grants · 우대조치 현황',
    description:
      '확정된 회차에서 선정된 공무원별로 희망 우대조치, 부여된 우대조치 수, 최소 개수 미달 여부와 부여 내역 전체를 돌려줍니다. 같은 기관의 적극행정 전담부서·감사담당관만 볼 수 있고, 그 밖의 업무 역할은 403, 다른 기관의 회차는 404입니다.\n\n' +
      'Returns, for each official selected in the round, their preferred incentives, how many they were granted and whether they are below the minimum, with every grant. PROACTIVE_OFFICE and AUDITOR of the organisation only: other business roles get a 403, a round of another organisation a 404.',
  })
  @Get('evaluation-rounds/:id/incentives')
  @ApiOkResponse({ type: IncentivesDto })
  @ApiErrors(404)
  incentives(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<IncentivesDto> {
    return this.evaluations.incentives(user, id);
  }

  @Post('evaluation-rounds/:id/incentives')
  @ApiOperation({
    summary:
      'Grant an incentive to a selected official (PROACTIVE_OFFICE); limits per official · 우대조치 부여',
    description:
      '선정이 확정된 공무원에게 인사상 우대조치(특별승진, 특별승급, 성과상여금 최고등급, 포상휴가 등)를 부여하고 이력에 남깁니다. 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 이 회차의 후보가 아니거나 후보의 대상 공무원이 아니면 400, 확정·선정되지 않았으면 409입니다. 한 사람에게 회차의 최대 개수까지이며, 추천 당시 그 연도 중점과제(선정·추진 중·완료)의 주담당자였던 공무원은 주담당자 한도까지입니다. 넘으면 409입니다.\n\n' +
      'Grants an incentive (special promotion, special step increase, top performance bonus, reward leave, …) to a selected official, recorded in history. PROACTIVE_OFFICE only (403 otherwise); a nomination not of this round or a user not named in it is a 400; a nomination not confirmed and selected is a 409. Each official gets at most the round’s maximum, or its task-owner maximum for one who, when the nomination was submitted, owned a priority task of the round’s year that was SELECTED, IN_PROGRESS or COMPLETED; beyond it: 409.',
  })
  @ApiCreatedResponse({ type: IncentiveDto })
  @ApiErrors(400, 404, 409)
  grant(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: GrantDto,
  ): Promise<IncentiveDto> {
    return this.evaluations.grant(user, id, dto);
  }

  @Patch('incentives/:id')
  @ApiOperation({
    summary: 'HR’s execution: EXECUTED or CANCELLED (PROACTIVE_OFFICE) · 우대조치 집행 기록',
    description:
      '부여된 우대조치의 인사 부서 집행 결과를 집행(EXECUTED) 또는 취소(CANCELLED)로 기록하고 이력에 남깁니다. 적극행정 전담부서만 호출할 수 있고(그 밖은 403), 내 기관의 우대조치가 아니면 404, 이미 집행·취소되었으면 409, 읽은 version이 오래되었으면 409입니다.\n\n' +
      'Records HR’s execution of a grant as EXECUTED or CANCELLED, recorded in history. PROACTIVE_OFFICE only (403 otherwise); a grant of another organisation is a 404; one already executed or cancelled is a 409; a stale version is a 409.',
  })
  @ApiOkResponse({ type: IncentiveDto })
  @ApiErrors(400, 404, 409)
  updateGrant(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateGrantDto,
  ): Promise<IncentiveDto> {
    return this.evaluations.updateGrant(user, id, dto);
  }

  @Get('evaluation-rounds/:id/incentive-report')
  @ApiOperation({
    summary:
      'Incentives by type, share of major incentives, HR execution and who is below the minimum (PROACTIVE_OFFICE, AUDITOR) · 우대조치 실적',
    description:
      '회차의 인사상 우대조치 실적을 돌려줍니다: 우대조치 종류별 부여 수(취소 제외), 인사 집행 상태별 수, 선정 공무원 수, 주요 우대조치(특별승진·특별승급·성과상여금 최고등급)를 하나 이상 받은 선정 공무원 수와 그 비율(소수 넷째 자리 비율과 소수 첫째 자리 백분율), 최소 우대조치 수에 못 미치는 선정 공무원. 같은 기관의 적극행정 전담부서·감사담당관만 볼 수 있고(그 밖의 업무 역할은 403), 다른 기관의 회차는 404입니다.\n\n' +
      'The round’s incentive report: grants per incentive type (cancelled ones left out), grants per HR execution status, the number of selected officials, how many of them hold at least one of the statute’s major incentives (special promotion, special step increase, top performance bonus) and that share (a ratio with four decimals and a percent with one), and the selected officials below the minimum. PROACTIVE_OFFICE and AUDITOR of the organisation only (403 for other business roles); a round of another organisation is a 404.',
  })
  @ApiOkResponse({ type: IncentiveReportDto })
  @ApiErrors(404)
  incentiveReport(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<IncentiveReportDto> {
    return this.reports.report(user, id);
  }

  @Get('evaluation-rounds/:id/export')
  @ApiOperation({
    summary:
      'Ranked results, incentives and awards as XLSX or CSV (a reason is required and logged) · 평가 결과 내려받기',
    description:
      '회차의 순위별 결과, 우대조치 명단, 포상 명단, 우대조치 실적을 XLSX(기본은 네 시트 모두) 또는 CSV(기본은 결과 시트)로 내려받습니다. 인사 정보이므로 내려받는 사유(reason)를 반드시 적어야 하며, 사유와 함께 열람 기록에 남습니다. 같은 기관의 적극행정 전담부서·감사담당관만 호출할 수 있고(그 밖은 403), 사유가 없거나 너무 짧으면 400이며, 사용자별 호출 횟수가 제한됩니다(429).\n\n' +
      'Downloads the round’s ranked results, incentive list, award list and incentive report as XLSX (all four sheets unless one is named) or CSV (the results sheet unless one is named). This is personnel data: a reason is required and is stored with the export in the access log. PROACTIVE_OFFICE and AUDITOR of the organisation only (403 otherwise); a missing or too short reason is a 400; rate-limited per user (429).',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: EvaluationExportQuery,
  ): Promise<StreamableFile> {
    const file = await this.exports.export(user, id, query);
    return new StreamableFile(file.body, {
      type: file.contentType,
      length: file.body.length,
      disposition: attachmentDisposition(file.filename, file.localFilename),
    });
  }
}
