import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { TaskExportService } from '@gwaje/tasks';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { ExportQuery } from './tasks.dto.js';

@ApiTags('tasks · 중점과제')
@ApiAuth()
@Controller('tasks')
export class TasksExportController {
  constructor(private readonly exports: TaskExportService) {}

  // A static route: Fastify matches it before `tasks/:id`.
  @Get('export')
  @ApiOperation({
    summary:
      'Download the tasks you may read as XLSX or CSV, with the list’s filters · 중점과제 내려받기',
    description:
      '읽을 수 있는 중점과제를 목록과 같은 조건으로 XLSX 또는 CSV 파일로 내려받습니다. 머리글은 한국어이고 CSV는 BOM이 붙은 UTF-8이며, 1,000건씩 나누어 전송합니다. 목록과 같은 읽기 범위가 적용되고, 내려받은 사실은 열람 기록에 남으며, 사용자별 호출 횟수가 제한됩니다(429).\n\n' +
      'Downloads the priority tasks you may read, filtered like the list, as XLSX or CSV: Korean headers, CSV in UTF-8 with a BOM, streamed in batches of 1,000. The list’s read scope applies; the export is recorded in the access log and rate-limited per user (429).',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The file (Content-Disposition: attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(400)
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportQuery,
  ): Promise<StreamableFile> {
    // Sorting does not apply: exports are read in id order, in batches.
    const { format, sort: _sort, order: _order, ...filter } = query;
    const file = await this.exports.export(user, filter, format);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: attachmentDisposition(file.filename, file.localFilename),
    });
  }
}
