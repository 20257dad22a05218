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
    summary: 'Download the tasks you may read as XLSX or CSV, with the list’s filters',
    description:
      'Korean headers; CSV is UTF-8 with a BOM. Streamed in batches; recorded in the access log.',
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
