import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
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
  ApiProduces,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { ReportsService } from '@gwaje/reports';
import { HistoryEntryDto } from '../history/history.dto.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { fileUpload } from '../http/upload.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  AttachmentDto,
  OpenReportDto,
  ReportDetailDto,
  ReportListQuery,
  ReportPageDto,
  ReportTransitionDto,
  UpdateReportDto,
  UploadDto,
} from './reports.dto.js';

@ApiTags('reports · 이행실적')
@ApiAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({
    summary:
      'The review queue: reports you may read, filtered (year, period, department, state, late, missing, task) and paginated',
  })
  @ApiOkResponse({ type: ReportPageDto })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ReportListQuery): Promise<ReportPageDto> {
    const { sort, order, limit, offset, ...filter } = query;
    return this.reports.list(user, filter, { sort, order, limit, offset });
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Open a task's report for a period (lead department): the expected report, created if not yet generated",
  })
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(400, 422)
  open(@CurrentUser() user: AuthUser, @Body() dto: OpenReportDto): Promise<ReportDetailDto> {
    return this.reports.open(user, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ReportDetailDto> {
    return this.reports.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft or returned report (lead department)' })
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateReportDto,
  ): Promise<ReportDetailDto> {
    return this.reports.update(user, id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'submit (DEPT_HEAD of the lead department), accept or return with a comment (AUDITOR, PROACTIVE_OFFICE)',
  })
  @ApiOkResponse({ type: ReportDetailDto })
  @ApiErrors(400, 404, 409)
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReportTransitionDto,
  ): Promise<ReportDetailDto> {
    return this.reports.transition(user, id, dto.action, dto);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.reports.historyOf(user, id);
  }

  @Post(':id/attachments')
  @ApiOperation({
    summary:
      'Attach a file (lead department, draft or returned report): size limit per organisation, type allow-list checked on content, sha256 stored',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDto })
  @ApiCreatedResponse({ type: ReportDetailDto })
  @ApiErrors(400, 404, 409)
  async attach(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ReportDetailDto> {
    return this.reports.addAttachment(user, id, await fileUpload(request));
  }

  @Get(':id/attachments')
  @ApiOkResponse({ type: [AttachmentDto] })
  @ApiErrors(404)
  attachments(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<AttachmentDto[]> {
    return this.reports.listAttachments(user, id);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({
    summary: 'Download a file of a report you may read (recorded in the access log)',
  })
  @ApiProduces('*/*') // the stored file's own type
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    const file = await this.reports.download(user, id, attachmentId);
    return new StreamableFile(file.stream, {
      type: file.mediaType,
      length: file.sizeBytes,
      disposition: attachmentDisposition(file.fileName),
    });
  }

  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  removeAttachment(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<void> {
    return this.reports.removeAttachment(user, id, attachmentId);
  }
}
