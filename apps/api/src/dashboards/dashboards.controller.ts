import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import {
  COMPILE_STATES,
  type CompileState,
  DashboardCompiles,
  DashboardExportService,
  DashboardsService,
  DRILLDOWN_KINDS,
  type DrilldownKind,
  type DrilldownRecordType,
} from '@gwaje/dashboards';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { attachmentDisposition } from '../http/content-disposition.js';
import { DashboardSectionsDto } from '../collaboration/collaboration-progress.dto.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { Optional } from '../http/validation.js';
import { FieldLabels } from '../http/field-labels.js';

class DashboardQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A department's figures (staff: only their own)",
    example: 'a5d8e2f1-6b3c-4e7a-9d0f-8c1b2a3e4d5f',
  })
  @Optional()
  @IsUUID()
  departmentId?: string;
}

@FieldLabels({ kind: '세부 목록 종류' })
class DrilldownQuery extends DashboardQuery {
  @ApiProperty({ enum: DRILLDOWN_KINDS, example: 'delayedTasks' })
  @IsIn(DRILLDOWN_KINDS)
  kind: DrilldownKind;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, example: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000, example: 40 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset: number = 0;
}

class CompileDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

const COUNTS = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  example: { IN_PROGRESS: 2, COMPLETED: 7 },
} as const;

class MilestoneFiguresDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) done: number;
  @ApiProperty({ type: 'integer', description: 'Milestones whose due date has passed' })
  due: number;
  @ApiProperty({ type: 'integer', description: 'Of those due, how many are done' })
  doneOfDue: number;
}

class TaskFiguresDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ ...COUNTS, description: 'Tasks per status' }) byStatus: Record<string, number>;
  @ApiProperty({ type: 'integer', description: 'Selected and not dropped or rejected' })
  priority: number;
  @ApiProperty({ type: 'integer' }) completed: number;
  @ApiProperty({ type: 'integer' }) inProgress: number;
  @ApiProperty({ type: 'integer' }) delayed: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'completed / priority in percent (one decimal); null without priority tasks',
  })
  completionRate: number | null;
  @ApiProperty({ nullable: true, type: Number }) averageProgress: number | null;
  @ApiProperty({ type: MilestoneFiguresDto }) milestones: MilestoneFiguresDto;
}

class ReportFiguresDto {
  @ApiProperty({ type: 'integer' }) expected: number;
  @ApiProperty({ type: 'integer', description: 'Reports whose due date has passed' }) due: number;
  @ApiProperty({ type: 'integer' }) submitted: number;
  @ApiProperty({ type: 'integer' }) onTime: number;
  @ApiProperty({ type: 'integer' }) late: number;
  @ApiProperty({ type: 'integer' }) missing: number;
  @ApiProperty({ type: 'integer' }) awaitingReview: number;
  @ApiProperty({ type: 'integer' }) accepted: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Returns that happened during the year up to the as-of date (each return counted, also entered afterwards)',
  })
  returned: number;
  @ApiProperty({
    type: 'integer',
    description: 'Reports returned and not yet resubmitted now (the current queue)',
  })
  returnedNow: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Submitted by the due date / due, in percent; null when none is due yet',
  })
  onTimeRate: number | null;
}

class ConsultationFiguresDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ ...COUNTS, description: 'Requests per state' }) byState: Record<string, number>;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: 'integer' }) immunityPresumed: number;
  @ApiProperty({ nullable: true, type: Number }) medianTurnaroundDays: number | null;
  @ApiProperty({ nullable: true, type: Number }) p90TurnaroundDays: number | null;
}

class RoundFiguresDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty({ ...COUNTS, description: 'Nominations per state' })
  nominationsByState: Record<string, number>;
  @ApiProperty({ type: 'integer' }) sheetsOwed: number;
  @ApiProperty({ type: 'integer' }) sheetsScored: number;
  @ApiProperty({ nullable: true, type: Number }) scoringCompletion: number | null;
}

class EvaluationFiguresDto {
  @ApiProperty({ type: [RoundFiguresDto] }) rounds: RoundFiguresDto[];
}

class FiguresDto {
  @ApiProperty({ type: TaskFiguresDto }) tasks: TaskFiguresDto;
  @ApiProperty({ type: ReportFiguresDto }) reports: ReportFiguresDto;
  @ApiProperty({ type: ConsultationFiguresDto }) consultations: ConsultationFiguresDto;
  @ApiPropertyOptional({
    type: EvaluationFiguresDto,
    description: 'Organisation scope only',
  })
  evaluations?: EvaluationFiguresDto;
}

class DepartmentFiguresDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
}

class DashboardDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ['ORGANISATION', 'DEPARTMENT'] }) scope: 'ORGANISATION' | 'DEPARTMENT';
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Null before the first compile',
  })
  compiledAt: Date | null;
  @ApiProperty({ nullable: true, type: 'integer' }) ageSeconds: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date',
    description: 'The day it counts as of',
  })
  asOf: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'History sequence the snapshot saw' })
  highWaterMark: string | null;
  @ApiProperty({ description: 'Changes came after the snapshot (a compile follows within ~30 s)' })
  stale: boolean;
  @ApiProperty({
    nullable: true,
    type: FiguresDto,
    description:
      'The figures of the organisation or of the department asked for; null before the first compile',
  })
  figures: FiguresDto | null;
  @ApiProperty({
    type: [DepartmentFiguresDto],
    description: 'Every department (organisation scope; empty for one department)',
  })
  departments: DepartmentFiguresDto[];
  @ApiProperty({
    type: DashboardSectionsDto,
    description:
      'Figures of the registered sections by name (organisation scope; empty for one department and before the first compile)',
  })
  sections: DashboardSectionsDto;
}

class DrilldownItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['task', 'report', 'consultation'] }) recordType: DrilldownRecordType;
  @ApiProperty() title: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ format: 'date', example: '2026-06-30' }) dueDate: string;
  @ApiProperty({
    format: 'uri-reference',
    example: 'https://gwaje.example.go.kr/tasks/0b7c1f4e-3c1a-4a8e-9f55-2d7f3a9b6c10',
    description:
      'The record’s page in the web app, for a person: absolute under the configured public URL (PUBLIC_URL), as in e-mails',
  })
  webUrl: string;
  @ApiProperty({
    format: 'uri-reference',
    example: '/api/v1/tasks/0b7c1f4e-3c1a-4a8e-9f55-2d7f3a9b6c10',
    description: 'The record’s API resource',
  })
  href: string;
}

class DrilldownDto {
  @ApiProperty({ enum: DRILLDOWN_KINDS }) kind: DrilldownKind;
  @ApiProperty({ type: [DrilldownItemDto] }) items: DrilldownItemDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) total: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200 }) limit: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) offset: number;
}

class CompiledSnapshotDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was compiled' })
  compiledAt: Date;
  @ApiProperty({
    format: 'date',
    example: '2026-09-30',
    description: 'The day it counts as of (Asia/Seoul)',
  })
  asOf: string;
  @ApiProperty({ example: '18342', description: 'History sequence the compile saw' })
  highWaterMark: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) durationMs: number;
  @ApiProperty({
    description:
      'Still the dashboard’s latest snapshot (false: compiled again since, or a snapshot with later changes was already there)',
  })
  current: boolean;
  @ApiProperty({
    format: 'uri-reference',
    example: '/api/v1/dashboards?year=2026',
    description: 'The dashboard (its latest snapshot) in the API',
  })
  href: string;
  @ApiProperty({ type: FiguresDto, description: 'The organisation’s figures, as compiled' })
  figures: FiguresDto;
  @ApiProperty({ type: [DepartmentFiguresDto], description: 'Every department’s, as compiled' })
  departments: DepartmentFiguresDto[];
}

class CompileRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty({
    enum: COMPILE_STATES,
    description:
      'QUEUED (waiting for the worker), RUNNING (compiling; `error` set while a failed attempt is retried), DONE (`snapshot` set), FAILED (given up; `error` says why)',
  })
  status: CompileState;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'First start' })
  startedAt: Date | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it became DONE or FAILED',
  })
  finishedAt: Date | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Runs of its job so far' })
  attempts: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the last attempt failed (RUNNING: retried; FAILED: given up)',
  })
  error: string | null;
  @ApiProperty({
    format: 'uri-reference',
    example: '/api/v1/dashboards/compiles/0b7c1f4e-3c1a-4a8e-9f55-2d7f3a9b6c10',
    description: 'This handle in the API (GET it to follow the compile)',
  })
  href: string;
  @ApiProperty({
    format: 'uri-reference',
    example: 'https://gwaje.example.go.kr/dashboards?year=2026',
    description: 'The year’s dashboard page in the web app, for a person',
  })
  webUrl: string;
  @ApiProperty({
    type: CompiledSnapshotDto,
    nullable: true,
    description: 'The snapshot it produced, with its figures; null until DONE',
  })
  snapshot: CompiledSnapshotDto | null;
}

class CompileAcceptedDto extends CompileRequestDto {
  @ApiProperty({
    description:
      'true: a compile of this year was already waiting (QUEUED) and this is its handle; it will see everything the caller saw',
  })
  coalesced: boolean;
}

@ApiTags('dashboards · 추진 현황')
@ApiAuth()
@Controller('dashboards')
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly compiles: DashboardCompiles,
    private readonly exports: DashboardExportService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The latest compiled dashboard and how old it is (auditors and the office: organisation; staff: own department) · 추진 현황 대시보드',
    description:
      '해당 연도의 최근 집계 대시보드(과제 상태·지연·완료율, 이행실적 제출·적기율, 사전컨설팅 처리 기간, 평가 진행)와 집계 시각, 그 뒤 변경이 있었는지(stale)를 돌려주고 열람 기록에 남깁니다. AUDITOR·PROACTIVE_OFFICE는 기관 전체와 부서별 수치를, 부서 직원·부서장은 자기 부서 수치만 볼 수 있으며 다른 부서를 지정하거나 그 밖의 역할이면 403입니다. 첫 집계 전에는 figures가 null입니다.\n\n' +
      'Returns the year’s latest compiled dashboard (tasks by status, delays and completion rate; reports submitted and on-time rate; consultation turnaround; evaluation progress) with when it was compiled and whether changes came after it (stale), and records the read in the access log. AUDITOR and PROACTIVE_OFFICE see the organisation and every department; STAFF and DEPT_HEAD only their own department, and naming another department, or any other role, is a 403. Before the first compile, figures is null.',
  })
  @ApiOkResponse({ type: DashboardDto })
  @ApiErrors(400)
  read(@CurrentUser() user: AuthUser, @Query() query: DashboardQuery): Promise<DashboardDto> {
    return this.dashboards.read(user, query.year, query.departmentId);
  }

  @Get('drilldown')
  @ApiOperation({
    summary:
      'The records behind a figure: delayed tasks, missing or late reports, overdue consultations (live) · 대시보드 세부 목록',
    description:
      '대시보드 수치의 근거가 되는 기록(지연 과제, 미제출·지연 제출 이행실적, 기한이 지난 사전컨설팅)을 실시간으로 조회하여 마감일 순으로 한 쪽씩, 각 기록의 API 경로와 함께 돌려주고 열람 기록에 남깁니다. 읽기 범위는 대시보드와 같아, AUDITOR·PROACTIVE_OFFICE는 기관 전체를, 부서 직원·부서장은 자기 부서만 보며 그 밖은 403입니다.\n\n' +
      'Lists, live and by due date a page at a time, the records behind a dashboard figure (delayed tasks, missing or late reports, overdue pre-consultations), each with its API path, and records the listing in the access log. Scoped like the dashboard: AUDITOR and PROACTIVE_OFFICE see the organisation, STAFF and DEPT_HEAD only their own department; anyone else gets a 403.',
  })
  @ApiOkResponse({ type: DrilldownDto })
  @ApiErrors(400)
  drilldown(@CurrentUser() user: AuthUser, @Query() query: DrilldownQuery): Promise<DrilldownDto> {
    return this.dashboards.drilldown(user, query);
  }

  @Post('compile')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Compile now (PROACTIVE_OFFICE): answers the compile’s handle · 대시보드 즉시 집계 요청',
    description:
      '내 기관의 해당 연도 대시보드를 지금 집계하도록 요청합니다. 요청은 기록되고 워커가 집계합니다. 응답의 `href`(Location 헤더와 같음)로 진행 상태와, 완료(DONE) 뒤에는 만들어진 집계를 확인합니다. 같은 연도의 요청이 아직 대기(QUEUED) 중이면 그 요청을 `coalesced: true`로 돌려줍니다. 적극행정 전담부서(PROACTIVE_OFFICE)만 호출할 수 있고(그 밖은 403), 사용자별 호출 횟수가 제한됩니다(429).\n\n' +
      'The request is recorded and the worker compiles it. Follow it at `href` (also the Location header): GET /dashboards/compiles/{id} gives its status and, once DONE, the snapshot it produced. While a compile of the same year is still QUEUED, asking again answers that one with `coalesced: true`. Rate-limited per user (429).',
  })
  @ApiAcceptedResponse({
    description: 'The compile’s handle: a new request, or the one of the year still waiting',
    type: CompileAcceptedDto,
    headers: {
      Location: {
        description: 'The handle: /api/v1/dashboards/compiles/{id}',
        schema: { type: 'string', format: 'uri-reference' },
      },
    },
  })
  @ApiErrors(400, 429)
  async compile(
    @CurrentUser() user: AuthUser,
    @Body() dto: CompileDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompileAcceptedDto> {
    const handle = await this.compiles.request(user, dto.year);
    void reply.header('Location', handle.href);
    return handle;
  }

  @Get('compiles/:id')
  @ApiOperation({
    summary: 'A compile asked for: its status and, once DONE, its snapshot · 집계 요청 상태',
    description:
      '집계 요청의 상태와, 완료(DONE) 뒤에는 그 요청이 만든 집계를 돌려줍니다. 기관 전체 수치를 담으므로 그 기관의 감사담당관(AUDITOR)과 적극행정 전담부서(PROACTIVE_OFFICE)만 읽을 수 있고, 다른 기관의 요청은 404입니다.\n\n' +
      'AUDITOR and PROACTIVE_OFFICE of the organisation (it carries the whole organisation’s figures); another organisation’s compile is not found (404).',
  })
  @ApiOkResponse({ description: 'The compile’s status', type: CompileRequestDto })
  @ApiErrors(400, 404)
  getCompile(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<CompileRequestDto> {
    return this.compiles.get(user, id);
  }

  @Get('export')
  @ApiOperation({
    summary: 'The dashboard as XLSX, one sheet per section, Korean headers · 대시보드 내려받기',
    description:
      '최근 집계 대시보드를 영역별 시트와 한국어 머리글의 XLSX 파일로 내려받습니다. 읽기 범위는 대시보드와 같아, AUDITOR·PROACTIVE_OFFICE는 기관 전체 또는 지정한 부서를, 부서 직원·부서장은 자기 부서만 내려받을 수 있고 그 밖은 403입니다. 열람 기록에 남으며, 사용자별 호출 횟수가 제한됩니다(429).\n\n' +
      'Downloads the latest compiled dashboard as XLSX, one sheet per section with Korean headers. Scoped like the dashboard: AUDITOR and PROACTIVE_OFFICE get the organisation or a named department, STAFF and DEPT_HEAD only their own department; anyone else gets a 403. Recorded in the access log; rate-limited per user (429).',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400)
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: DashboardQuery,
  ): Promise<StreamableFile> {
    const file = await this.exports.export(user, query.year, query.departmentId);
    return new StreamableFile(file.body, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      length: file.body.length,
      disposition: attachmentDisposition(file.filename, file.localFilename),
    });
  }
}
