import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
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
import type { FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { TaskAttachmentsService } from '@gwaje/tasks';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { fileUpload } from '../http/upload.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { AttachmentDto, UploadDto } from '../reports/reports.dto.js';

@ApiTags('tasks · 중점과제')
@ApiAuth()
@Controller('tasks')
export class TaskAttachmentsController {
  constructor(private readonly files: TaskAttachmentsService) {}

  @Post(':id/attachments')
  @ApiOperation({
    summary:
      'Attach a file to a task (who plans it or records its progress): size limit per organisation, type allow-list checked on content, sha256 stored · 중점과제 첨부',
    description:
      '중점과제에 파일 하나(multipart의 file 필드)를 첨부하고 sha256과 함께 저장하며 과제 이력에 남깁니다. 과제를 계획하거나(edit) 추진 상황을 기록할 수 있는(updateProgress) 사람만 첨부할 수 있고 그 밖의 읽는 사람은 403, 읽을 수 없으면 404입니다. 기관 설정(attachments.maxFileMb)보다 큰 파일은 413, 허용 형식이 아니거나 내용이 확장자와 다르면 415, 파일이 없거나 비어 있으면 400입니다. 응답은 과제의 첨부파일 목록입니다.\n\n' +
      'Attaches one file (multipart field "file") to a task, stored with its sha256 and recorded in the task’s history. Only those who may plan the task (edit) or record its progress (updateProgress) may attach (other readers 403; anyone else 404). A file above the organisation’s limit (attachments.maxFileMb) is a 413; a type outside the allow-list or content not matching its extension a 415; a missing or empty file a 400. Answers the task’s files.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDto })
  @ApiCreatedResponse({ type: [AttachmentDto] })
  @ApiErrors(400, 404)
  async attach(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentDto[]> {
    return this.files.add(user, id, await fileUpload(request));
  }

  @Get(':id/attachments')
  @ApiOperation({
    summary: 'Files attached to a task · 중점과제 첨부파일 목록',
    description:
      '중점과제의 첨부파일 목록(이름, 형식, 크기, sha256, 올린 사람)을 돌려줍니다. 과제를 읽을 수 있는 사용자라면 누구나 볼 수 있고, 그렇지 않으면 404입니다.\n\n' +
      'Lists the files attached to a task (name, type, size, sha256, uploader). Anyone who may read the task may call it; anyone else gets a 404.',
  })
  @ApiOkResponse({ type: [AttachmentDto] })
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<AttachmentDto[]> {
    return this.files.list(user, id);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({
    summary:
      'Download a file of a task you may read (recorded in the access log) · 중점과제 첨부파일 내려받기',
    description:
      '중점과제의 첨부파일을 내려받습니다. 과제를 읽을 수 있는 사용자라면 누구나 내려받을 수 있고, 내려받은 사실은 열람 기록에 남습니다. 과제를 읽을 수 없거나 이 과제의 파일이 아니면 404입니다.\n\n' +
      'Downloads a file attached to a task. Anyone who may read the task may download it, and each download is recorded in the access log; a task you cannot read or a file not of this task is a 404.',
  })
  @ApiProduces('*/*') // the stored file's own type
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

  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a file from a task · 중점과제 첨부파일 삭제',
    description:
      '중점과제에서 첨부파일을 지우고 과제 이력에 남깁니다. 첨부할 수 있는 사람만 지울 수 있고 그 밖의 읽는 사람은 403, 이 과제의 파일이 아니면 404입니다.\n\n' +
      'Removes a file from a task, recorded in its history. Those who may attach may remove (other readers 403); a file not of this task is a 404.',
  })
  @ApiNoContentResponse()
  @ApiErrors(404)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<void> {
    return this.files.remove(user, id, attachmentId);
  }
}
