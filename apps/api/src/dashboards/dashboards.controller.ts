import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import {
  DashboardExportService,
  DashboardsService,
  DRILLDOWN_KINDS,
  type DrilldownKind,
} from '@gwaje/dashboards';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
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
  })
  @Optional()
  @IsUUID()
  departmentId?: string;
}

@FieldLabels({ kind: '세부 목록 종류' })
class DrilldownQuery extends DashboardQuery {
  @ApiProperty({ enum: DRILLDOWN_KINDS })
  @IsIn(DRILLDOWN_KINDS)
  kind: DrilldownKind;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset: number = 0;
}

class CompileDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
}

const COUNTS = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  example: { IN_PROGRESS: 2, COMPLETED: 7 },
} as const;

class MilestoneFiguresDto {
  @ApiProperty() total: number;
  @ApiProperty() done: number;
  @ApiProperty({ description: 'Milestones whose due date has passed' }) due: number;
  @ApiProperty({ description: 'Of those due, how many are done' }) doneOfDue: number;
}

class TaskFiguresDto {
  @ApiProperty() total: number;
  @ApiProperty({ ...COUNTS, description: 'Tasks per status' }) byStatus: Record<string, number>;
  @ApiProperty({ description: 'Selected and not dropped or rejected' }) priority: number;
  @ApiProperty() completed: number;
  @ApiProperty() inProgress: number;
  @ApiProperty() delayed: number;
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
  @ApiProperty() expected: number;
  @ApiProperty({ description: 'Reports whose due date has passed' }) due: number;
  @ApiProperty() submitted: number;
  @ApiProperty() onTime: number;
  @ApiProperty() late: number;
  @ApiProperty() missing: number;
  @ApiProperty() awaitingReview: number;
  @ApiProperty() accepted: number;
  @ApiProperty() returned: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Submitted by the due date / due, in percent; null when none is due yet',
  })
  onTimeRate: number | null;
}

class ConsultationFiguresDto {
  @ApiProperty() total: number;
  @ApiProperty({ ...COUNTS, description: 'Requests per state' }) byState: Record<string, number>;
  @ApiProperty() overdue: number;
  @ApiProperty() immunityPresumed: number;
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
  @ApiProperty() sheetsOwed: number;
  @ApiProperty() sheetsScored: number;
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
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['ORGANISATION', 'DEPARTMENT'] }) scope: string;
  @ApiProperty({ nullable: true, type: Date, description: 'Null before the first compile' })
  compiledAt: Date | null;
  @ApiProperty({ nullable: true, type: Number }) ageSeconds: number | null;
  @ApiProperty({ nullable: true, type: String }) asOf: string | null;
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
}

class DrilldownItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['task', 'report', 'consultation'] }) recordType: string;
  @ApiProperty() title: string;
  @ApiProperty() departmentName: string;
  @ApiProperty() dueDate: string;
  @ApiProperty({ example: '/api/v1/tasks/…' }) link: string;
}

class DrilldownDto {
  @ApiProperty({ enum: DRILLDOWN_KINDS }) kind: string;
  @ApiProperty({ type: [DrilldownItemDto] }) items: DrilldownItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

class CompileRequestedDto {
  @ApiProperty() requested: boolean;
}

@ApiTags('dashboards · 추진 현황')
@ApiAuth()
@Controller('dashboards')
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly exports: DashboardExportService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The latest compiled dashboard and how old it is (auditors and the office: organisation; staff: own department)',
  })
  @ApiOkResponse({ type: DashboardDto })
  @ApiErrors(400)
  read(@CurrentUser() user: AuthUser, @Query() query: DashboardQuery): Promise<DashboardDto> {
    return this.dashboards.read(user, query.year, query.departmentId);
  }

  @Get('drilldown')
  @ApiOperation({
    summary:
      'The records behind a figure: delayed tasks, missing or late reports, overdue consultations (live)',
  })
  @ApiOkResponse({ type: DrilldownDto })
  @ApiErrors(400)
  drilldown(@CurrentUser() user: AuthUser, @Query() query: DrilldownQuery): Promise<DrilldownDto> {
    return this.dashboards.drilldown(user, query);
  }

  @Post('compile')
  @HttpCode(202)
  @ApiOperation({ summary: 'Compile now (PROACTIVE_OFFICE); the worker does it' })
  @ApiOkResponse({ type: CompileRequestedDto })
  @ApiErrors(400)
  compile(@CurrentUser() user: AuthUser, @Body() dto: CompileDto): Promise<CompileRequestedDto> {
    return this.dashboards.requestCompile(user, dto.year);
  }

  @Get('export')
  @ApiOperation({ summary: 'The dashboard as XLSX, one sheet per section, Korean headers' })
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
