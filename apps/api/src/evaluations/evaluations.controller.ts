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
import { EvaluationExportService, EvaluationsService } from '@gwaje/evaluations';
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
  IncentivesDto,
  NominateDto,
  NominationDto,
  NominationListQuery,
  PreferenceDto,
  PreferenceResultDto,
  ProgressDto,
  ResolutionDto,
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
  ) {}

  @Post('evaluation-rounds')
  @ApiOperation({
    summary: 'Open a round or contest (PROACTIVE_OFFICE); its rules come from the settings',
  })
  @ApiCreatedResponse({ type: RoundDto })
  @ApiErrors(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoundDto): Promise<RoundDto> {
    return this.evaluations.createRound(user, dto);
  }

  @Get('evaluation-rounds')
  @ApiOkResponse({ type: [RoundDto] })
  list(@CurrentUser() user: AuthUser, @Query() query: RoundListQuery): Promise<RoundDto[]> {
    return this.evaluations.listRounds(user, query.year);
  }

  @Get('evaluation-rounds/:id')
  @ApiOkResponse({ type: RoundDto })
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<RoundDto> {
    return this.evaluations.getRound(user, id);
  }

  @Patch('evaluation-rounds/:id/rules')
  @ApiOperation({
    summary: 'Change criteria, grades and incentive limits while nominating (PROACTIVE_OFFICE)',
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
  @ApiOperation({ summary: 'The committee members of the round (PROACTIVE_OFFICE)' })
  @ApiOkResponse({ type: RoundDto })
  @ApiErrors(400, 404, 409)
  members(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: SetMembersDto,
  ): Promise<RoundDto> {
    return this.evaluations.setMembers(user, id, dto.memberIds);
  }

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
  @ApiOperation({ summary: 'Scoring progress per member (PROACTIVE_OFFICE, AUDITOR)' })
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
    summary: 'Final scores, ranks and grades per nomination type (PROACTIVE_OFFICE)',
  })
  @ApiOkResponse({ type: AggregateResultDto })
  @ApiErrors(404, 409)
  aggregate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<AggregateResultDto> {
    return this.evaluations.aggregate(user, id);
  }

  @Post('evaluation-rounds/:id/resolution')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the committee resolution (quorum: a majority of members); confirms the results',
  })
  @ApiOkResponse({ type: RoundDto })
  @ApiErrors(400, 404, 409)
  resolve(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ResolutionDto,
  ): Promise<RoundDto> {
    return this.evaluations.resolve(user, id, dto);
  }

  @Post('evaluation-rounds/:id/nominations')
  @ApiOperation({
    summary:
      'Nominate: DEPT_HEAD (부서추천), the applicant (본인신청), PROACTIVE_OFFICE (국민추천)',
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
  @ApiOperation({ summary: 'Verify, or exclude with a reason (PROACTIVE_OFFICE)' })
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
      'Declare a conflict of interest (committee member): no scores seen or given afterwards',
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
  @ApiOperation({ summary: 'Your score sheet for a nomination (committee member, during scoring)' })
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
  @ApiOperation({ summary: 'The selected official records preferred incentives' })
  @ApiOkResponse({ type: PreferenceResultDto })
  @ApiErrors(400, 404, 409)
  preference(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: PreferenceDto,
  ): Promise<PreferenceResultDto> {
    return this.evaluations.recordPreference(user, id, dto);
  }

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
    summary: 'Grant an incentive to a selected official (PROACTIVE_OFFICE); limits per official',
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
  @ApiOperation({ summary: "HR's execution: EXECUTED or CANCELLED (PROACTIVE_OFFICE)" })
  @ApiOkResponse({ type: IncentiveDto })
  @ApiErrors(400, 404, 409)
  updateGrant(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateGrantDto,
  ): Promise<IncentiveDto> {
    return this.evaluations.updateGrant(user, id, dto);
  }

  @Get('evaluation-rounds/:id/export')
  @ApiOperation({
    summary:
      'Ranked results, incentives and awards as XLSX or CSV (a reason is required and logged)',
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
