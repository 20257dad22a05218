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
import { ConsultationsService } from '@gwaje/consultations';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { HistoryEntryDto } from '../history/history.dto.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { fileUpload } from '../http/upload.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { AttachmentDto, UploadDto } from '../reports/reports.dto.js';
import {
  ConsultationDetailDto,
  ConsultationListQuery,
  ConsultationPageDto,
  ConsultationSummaryDto,
  ConsultationTransitionDto,
  CreateConsultationDto,
  UpdateConsultationDto,
} from './consultations.dto.js';

@ApiTags('consultations · 사전컨설팅')
@ApiAuth()
@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post('consultations')
  @ApiOperation({
    summary: 'Draft a pre-consultation request of your department (STAFF, DEPT_HEAD)',
  })
  @ApiCreatedResponse({ type: ConsultationDetailDto })
  @ApiErrors(400)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateConsultationDto,
  ): Promise<ConsultationDetailDto> {
    return this.consultations.create(user, dto);
  }

  @Get('consultations')
  @ApiOperation({
    summary:
      'Requests you may read: the audit unit’s queue (state, overdue, assigned to me) or a department’s own',
  })
  @ApiOkResponse({ type: ConsultationPageDto })
  @ApiErrors(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ConsultationListQuery,
  ): Promise<ConsultationPageDto> {
    const { sort, order, limit, offset, ...filter } = query;
    return this.consultations.list(user, filter, { sort, order, limit, offset });
  }

  @Get('consultations/:id')
  @ApiOkResponse({ type: ConsultationDetailDto })
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ConsultationDetailDto> {
    return this.consultations.get(user, id);
  }

  @Patch('consultations/:id')
  @ApiOperation({ summary: 'Edit a draft (its department)' })
  @ApiOkResponse({ type: ConsultationDetailDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateConsultationDto,
  ): Promise<ConsultationDetailDto> {
    return this.consultations.update(user, id, dto);
  }

  @Post('consultations/:id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'submit, startScreening, reject, accept, startReview, escalate, returnAdvice, requestCommitteeAdvice, recordCommitteeAdvice, issueOpinion, extend, close',
  })
  @ApiOkResponse({ type: ConsultationDetailDto })
  @ApiErrors(400, 404, 409)
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ConsultationTransitionDto,
  ): Promise<ConsultationDetailDto> {
    const { action, ...input } = dto;
    return this.consultations.transition(user, id, action, input);
  }

  @Get('consultations/:id/history')
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<HistoryEntryDto[]> {
    return this.consultations.historyOf(user, id);
  }

  @Post('consultations/:id/attachments')
  @ApiOperation({
    summary:
      'Attach a file: the department while drafting, the reviewing auditors while the opinion is pending',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDto })
  @ApiCreatedResponse({ type: ConsultationDetailDto })
  @ApiErrors(400, 404, 409)
  async attach(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ConsultationDetailDto> {
    return this.consultations.addAttachment(user, id, await fileUpload(request));
  }

  @Get('consultations/:id/attachments')
  @ApiOkResponse({ type: [AttachmentDto] })
  @ApiErrors(404)
  attachments(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<AttachmentDto[]> {
    return this.consultations.listAttachments(user, id);
  }

  @Get('consultations/:id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download a file (recorded in the access log)' })
  @ApiProduces('*/*') // the stored file's own type
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    const file = await this.consultations.download(user, id, attachmentId);
    return new StreamableFile(file.stream, {
      type: file.mediaType,
      length: file.sizeBytes,
      disposition: attachmentDisposition(file.fileName),
    });
  }

  @Delete('consultations/:id/attachments/:attachmentId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(404)
  removeAttachment(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<void> {
    return this.consultations.removeAttachment(user, id, attachmentId);
  }

  @Get('tasks/:id/consultations')
  @ApiOperation({
    summary: 'The consultations linked to a task (those you may read), with immunityPresumed',
  })
  @ApiTags('tasks · 중점과제')
  @ApiOkResponse({ type: [ConsultationSummaryDto] })
  @ApiErrors(404)
  ofTask(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ConsultationSummaryDto[]> {
    return this.consultations.ofTask(user, id);
  }
}
