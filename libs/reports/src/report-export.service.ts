import { Injectable, Logger } from '@nestjs/common';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import type { AuthUser } from '@gwaje/identity';
import {
  koreanDate,
  koreanDateTime,
  LIST_EXPORT_CONTENT_TYPES,
  type ListExportColumn,
  type ListExportFile,
  type ListExportFormat,
  seoulToday,
  streamListExport,
  YES_NO_LABELS,
} from '@gwaje/tasks';
import type { ReportState } from './report.entity.js';
import type { ReportFilter, ReportRow } from './report-query.js';
import { reportTimeliness, type Timeliness } from './report-timeliness.js';
import { ReportsService } from './reports.service.js';

export const REPORT_STATE_LABELS: Readonly<Record<ReportState, string>> = {
  DRAFT: '작성 중',
  SUBMITTED: '제출',
  RETURNED: '반려',
  ACCEPTED: '승인',
};

const TIMELINESS_LABELS: Readonly<Record<Timeliness, string>> = {
  PENDING: '제출 전',
  ON_TIME: '기한 내 제출',
  LATE: '지연 제출',
  MISSING: '미제출',
};

const dateTime = (at: Date | null): string => (at ? koreanDateTime(new Date(at)) : '');

/** The review queue's columns, and what a reviewer needs beside them. */
function columns(today: string): ReadonlyArray<ListExportColumn<ReportRow>> {
  const timeliness = (r: ReportRow) => reportTimeliness(r.due_date, r.first_submitted_at, today);
  return [
    { header: '과제번호', width: 10, value: (r) => r.task_code },
    { header: '과제명', width: 40, text: true, value: (r) => r.task_title },
    { header: '주관부서', width: 14, text: true, value: (r) => r.department_name },
    { header: '보고 기간', width: 10, value: (r) => r.period },
    { header: '제출 기한', width: 13, value: (r) => koreanDate(r.due_date) },
    { header: '상태', width: 8, value: (r) => REPORT_STATE_LABELS[r.state] },
    { header: '기한 준수', width: 12, value: (r) => TIMELINESS_LABELS[timeliness(r).timeliness] },
    {
      header: '지연·경과 일수',
      width: 12,
      value: (r) => {
        const t = timeliness(r);
        return t.daysLate || t.daysOverdue;
      },
    },
    {
      header: '추진률(%)',
      width: 10,
      value: (r) => (r.progress === null ? '' : Number(r.progress)),
    },
    { header: '작성자', width: 10, text: true, value: (r) => r.author_name ?? '' },
    { header: '최초 제출', width: 19, value: (r) => dateTime(r.first_submitted_at) },
    { header: '제출일시', width: 19, value: (r) => dateTime(r.submitted_at) },
    { header: '검토자', width: 10, text: true, value: (r) => r.reviewer_name ?? '' },
    { header: '검토일시', width: 19, value: (r) => dateTime(r.reviewed_at) },
    { header: '재제출 횟수', width: 10, value: (r) => r.resubmission_count },
    {
      header: '사후 입력',
      width: 9,
      value: (r) => YES_NO_LABELS[r.entered_later ? 'true' : 'false'],
    },
    { header: '최종 수정', width: 19, value: (r) => dateTime(r.updated_at) },
  ];
}

export const REPORT_EXPORT_HEADERS: readonly string[] = columns('2000-01-01').map((c) => c.header);

/**
 * The review queue as XLSX or CSV: the reports the user may read, filtered like the list (the
 * same query builder, read in id batches), recorded in the access log.
 */
@Injectable()
export class ReportExportService {
  static readonly BATCH_SIZE = 1000;
  private readonly logger = new Logger(ReportExportService.name);

  constructor(
    private readonly reports: ReportsService,
    private readonly accessLog: AccessLogService,
  ) {}

  async export(
    user: AuthUser,
    filter: ReportFilter,
    format: ListExportFormat,
  ): Promise<ListExportFile> {
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: 'report',
      filter: { ...filter, format },
    });
    const day = seoulToday();
    const batch = (afterId: string | null) =>
      this.reports.batchAfter(user, filter, afterId, ReportExportService.BATCH_SIZE, day);
    const stream = streamListExport({
      format,
      sheetName: '이행실적',
      columns: columns(day),
      batchSize: ReportExportService.BATCH_SIZE,
      first: await batch(null),
      next: (last) => batch(last.id),
      logger: this.logger,
      context: { userId: user.id, list: 'reports' },
    });
    return {
      filename: `reports-${day}.${format}`,
      localFilename: `이행실적-${day}.${format}`,
      contentType: LIST_EXPORT_CONTENT_TYPES[format],
      stream,
    };
  }
}
