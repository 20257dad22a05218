import { Injectable, Logger } from '@nestjs/common';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import type { AuthUser } from '@gwaje/identity';
import { seoulToday } from '../task-derived.js';
import type { TaskFilter, TaskRow } from '../task-query.js';
import { TasksService } from '../tasks.service.js';
import {
  LIST_EXPORT_CONTENT_TYPES,
  LIST_EXPORT_FORMATS,
  type ListExportColumn,
  type ListExportFile,
  type ListExportFormat,
  streamListExport,
} from './list-export.js';
import {
  koreanDate,
  koreanDateTime,
  TASK_CATEGORY_LABELS,
  TASK_RISK_LABELS,
  TASK_STATUS_LABELS,
  YES_NO_LABELS,
} from './task-labels.js';

export const TASK_EXPORT_FORMATS = LIST_EXPORT_FORMATS;
export type TaskExportFormat = ListExportFormat;
export const TASK_EXPORT_CONTENT_TYPES = LIST_EXPORT_CONTENT_TYPES;

/** Column headers, in order; each cell is taken from a task row by the matching function. */
const COLUMNS: ReadonlyArray<ListExportColumn<TaskRow>> = [
  { header: '과제번호', width: 10, value: (r) => r.code },
  { header: '연도', width: 7, value: (r) => r.year },
  { header: '과제명', width: 40, text: true, value: (r) => r.title },
  { header: '분야', width: 10, value: (r) => TASK_CATEGORY_LABELS[r.category] },
  { header: '주관부서', width: 14, text: true, value: (r) => r.lead_department_name },
  { header: '주담당자', width: 10, text: true, value: (r) => r.owner_name },
  { header: '시작일', width: 13, value: (r) => koreanDate(r.start_date) },
  { header: '종료일', width: 13, value: (r) => koreanDate(r.due_date) },
  { header: '상태', width: 8, value: (r) => TASK_STATUS_LABELS[r.status] },
  { header: '위험도', width: 8, value: (r) => TASK_RISK_LABELS[r.risk] },
  { header: '추진률(%)', width: 10, value: (r) => Number(r.progress) },
  { header: '지연 여부', width: 9, value: (r) => YES_NO_LABELS[r.delayed ? 'true' : 'false'] },
  { header: '최종 수정', width: 19, value: (r) => koreanDateTime(new Date(r.updated_at)) },
];

export const TASK_EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

export type TaskExport = ListExportFile;

/**
 * Streams the tasks a user may read, filtered like the list, as XLSX or CSV. Rows are read in
 * keyset batches by id and written before the next batch is read, so a large export never sits
 * in memory at once.
 */
@Injectable()
export class TaskExportService {
  static readonly BATCH_SIZE = 1000;
  private readonly logger = new Logger(TaskExportService.name);

  constructor(
    private readonly tasks: TasksService,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * Records the export in the access log and reads the first batch (so a failing query is still
   * an error response), then produces the file in the background.
   */
  async export(user: AuthUser, filter: TaskFilter, format: TaskExportFormat): Promise<TaskExport> {
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: 'task',
      filter: { ...filter, format },
    });
    const batch = (afterId: string | null) =>
      this.tasks.batchAfter(user, filter, afterId, TaskExportService.BATCH_SIZE);
    const stream = streamListExport({
      format,
      sheetName: '중점과제',
      columns: COLUMNS,
      batchSize: TaskExportService.BATCH_SIZE,
      first: await batch(null),
      next: (last) => batch(last.id),
      logger: this.logger,
      context: { userId: user.id, list: 'tasks' },
    });
    const day = seoulToday();
    return {
      filename: `tasks-${day}.${format}`,
      localFilename: `중점과제-${day}.${format}`,
      contentType: TASK_EXPORT_CONTENT_TYPES[format],
      stream,
    };
  }
}
