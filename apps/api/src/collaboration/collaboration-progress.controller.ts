import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CollaborationContributionsService } from '@gwaje/collaboration';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  ContributionDto,
  ContributionsDto,
  PutContributionDto,
} from './collaboration-progress.dto.js';

const ko_en = (ko: string, en: string) => `${ko}\n\n${en}`;
const SCOPE_KO =
  '협업과제를 볼 수 있는 사람(참여기관·총괄기관)만 볼 수 있고 그 밖은 404이며, 그 과제의 이행실적이 아니면 404, 참여기관이 아닌 기관은 400(INVALID_REFERENCE)입니다.';
const SCOPE_EN =
  'Read by whoever reads the collaboration (participants and the coordinator), a 404 for anyone else; a report not of its task is a 404, an organisation not taking part a 400 (INVALID_REFERENCE).';

/** Shared progress (협업과제 이행실적 참여기관 실적, issue 21 item 4). */
@ApiTags('collaborations · 협업과제')
@ApiAuth()
@Controller('collaborations')
export class CollaborationProgressController {
  constructor(private readonly contributions: CollaborationContributionsService) {}

  @Get(':id/reports/:reportId/contributions')
  @ApiOperation({
    summary: 'Every participant’s contribution to a report · 참여기관별 실적',
    description: ko_en(
      `주관기관이 제출하는 이행실적에 대한 참여기관별 기여(실적 내용과 분담 추진률)를 주관기관부터 모두 돌려주고, 이 보고서를 검토하는 기관(검토 주체 설정)을 알려 줍니다. ${SCOPE_KO}`,
      `Every participant’s contribution (text and the progress of its share) to a report the lead files on the collaboration’s task, the lead first, and whose reviewers review the report (the review setting). ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ContributionsDto })
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('reportId', UuidParamPipe) reportId: string,
  ): Promise<ContributionsDto> {
    return this.contributions.list(user, id, reportId);
  }

  @Get(':id/reports/:reportId/contributions/:organisationId')
  @ApiOperation({
    summary: 'One participant’s contribution to a report · 참여기관 실적 조회',
    description: ko_en(
      `한 참여기관의 기여(아직 없으면 text가 null)입니다. ${SCOPE_KO}`,
      `One participant’s contribution (text null while not written). ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ContributionDto })
  @ApiErrors(400, 404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('reportId', UuidParamPipe) reportId: string,
    @Param('organisationId', UuidParamPipe) organisationId: string,
  ): Promise<ContributionDto> {
    return this.contributions.get(user, id, reportId, organisationId);
  }

  @Put(':id/reports/:reportId/contributions/:organisationId')
  @ApiOperation({
    summary: 'Write your organisation’s contribution to a report · 참여기관 실적 작성',
    description: ko_en(
      `내 기관의 기여를 작성하거나 고칩니다(처음에는 version 없이, 그다음부터는 읽은 version과 함께: 다르면 409). 그 기관 담당부서의 직원·부서장 또는 그 기관의 적극행정 전담부서만 할 수 있고 다른 기관의 것은 403, 보고서가 작성 중(DRAFT)이거나 반려(RETURNED)일 때만 고칠 수 있고 그 밖에는 409입니다. 보고서의 이력에 남습니다. ${SCOPE_KO}`,
      `Writes or changes your organisation’s contribution (the first time without a version, then with the version read: a stale one is a 409). STAFF or DEPT_HEAD of your responsible department or your PROACTIVE_OFFICE only, another organisation’s is a 403; only while the report is DRAFT or RETURNED, a 409 otherwise. Recorded in the report’s history. ${SCOPE_EN}`,
    ),
  })
  @ApiOkResponse({ type: ContributionDto })
  @ApiErrors(400, 404, 409)
  put(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('reportId', UuidParamPipe) reportId: string,
    @Param('organisationId', UuidParamPipe) organisationId: string,
    @Body() dto: PutContributionDto,
  ): Promise<ContributionDto> {
    return this.contributions.put(user, id, reportId, organisationId, dto);
  }
}
