import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ConsultationExportService } from '@gwaje/consultations';
import { type AuthUser, CurrentUser } from '@gwaje/identity';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { ConsultationExportQuery } from './consultations.dto.js';

@ApiTags('consultations · 사전컨설팅')
@ApiAuth()
@Controller('consultations')
export class ConsultationsExportController {
  constructor(private readonly exports: ConsultationExportService) {}

  // A static route: Fastify matches it before `consultations/:id`.
  @Get('export')
  @ApiOperation({
    summary:
      'Download the pre-consultations you may read as XLSX or CSV, with the queue’s filters · 사전컨설팅 내려받기',
    description:
      '읽을 수 있는 사전컨설팅 신청을 목록과 같은 조건(상태, 기한 경과, 내 배정, 신청부서, 연도, 과제)으로 XLSX 또는 CSV 파일로 내려받습니다. 목록에 보이는 항목(제목, 부서, 과제, 상태, 기한, 담당 감사관)과 회신 결과만 담고 신청 내용은 담지 않습니다. 머리글은 한국어, 일시는 한국 시간(Asia/Seoul)이고 CSV는 BOM이 붙은 UTF-8이며, 1,000건씩 나누어 전송합니다(정렬은 적용되지 않고 등록 순서입니다). 목록과 같은 읽기 범위가 적용되고, 내려받은 사실은 열람 기록에 남으며, 사용자별 호출 횟수가 제한됩니다(429).\n\n' +
      'Downloads the pre-consultation requests you may read, filtered like the queue, as XLSX or CSV: what the list shows (subject, department, task, status, deadline, auditor) and the outcome, never the request’s content. Korean headers, times in Asia/Seoul, CSV in UTF-8 with a BOM, streamed in batches of 1,000 (sorting does not apply). The queue’s read scope applies; the export is recorded in the access log and rate-limited per user (429).',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The file (Content-Disposition: attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(400)
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: ConsultationExportQuery,
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
