import { PassThrough, type Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import type { AuthUser } from '@gwaje/identity';
import { seoulToday } from '../task-derived.js';
import type { TaskFilter, TaskRow } from '../task-query.js';
import { TasksService } from '../tasks.service.js';
import {
  koreanDate,
  koreanDateTime,
  TASK_CATEGORY_LABELS,
  TASK_RISK_LABELS,
  TASK_STATUS_LABELS,
  YES_NO_LABELS,
} from './task-labels.js';

export const TASK_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type TaskExportFormat = (typeof TASK_EXPORT_FORMATS)[number];

export const TASK_EXPORT_CONTENT_TYPES: Readonly<Record<TaskExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Column headers, in order; each cell is taken from a task row by the matching function. */
const COLUMNS: ReadonlyArray<{
  header: string;
  width: number;
  /** Free text a user typed (guarded against spreadsheet formulas in CSV). */
  text?: boolean;
  value: (r: TaskRow) => string | number;
}> = [
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

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe in CSV (OWASP "CSV injection"). XLSX cells are typed strings and need no guard.
 */
function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface TaskExport {
  /** ASCII file name, e.g. tasks-2026-11-22.xlsx */
  filename: string;
  /** The same in Korean, e.g. 중점과제-2026-11-22.xlsx (for RFC 5987 `filename*`) */
  localFilename: string;
  contentType: string;
  stream: Readable;
}

/** Resolves when the stream can take more, or has closed (then the producer stops). */
function writable(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

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
   * an error response), then produces the file in the background. Later errors can only abort the
   * stream: they are logged and the stream is destroyed.
   */
  async export(user: AuthUser, filter: TaskFilter, format: TaskExportFormat): Promise<TaskExport> {
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: 'task',
      filter: { ...filter, format },
    });
    const first = await this.batch(user, filter, null);
    const out = new PassThrough();
    const produce = format === 'csv' ? this.writeCsv.bind(this) : this.writeXlsx.bind(this);
    produce(user, filter, first, out).catch((err: unknown) => {
      if (out.destroyed && (err as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
        this.logger.warn({ userId: user.id, format }, 'task export aborted by the client');
        return;
      }
      this.logger.error({ err, userId: user.id, format }, 'task export failed while streaming');
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    const day = seoulToday();
    return {
      filename: `tasks-${day}.${format}`,
      localFilename: `중점과제-${day}.${format}`,
      contentType: TASK_EXPORT_CONTENT_TYPES[format],
      stream: out,
    };
  }

  /** Scoped and filtered exactly like the list (the same query builder), keyset by id. */
  private batch(user: AuthUser, filter: TaskFilter, afterId: string | null): Promise<TaskRow[]> {
    return this.tasks.batchAfter(user, filter, afterId, TaskExportService.BATCH_SIZE);
  }

  /** The batches after `first`, each read only once the consumer has taken the previous one. */
  private async *batches(
    user: AuthUser,
    filter: TaskFilter,
    first: TaskRow[],
    out: Writable,
  ): AsyncGenerator<TaskRow[]> {
    let rows = first;
    for (;;) {
      if (rows.length) yield rows;
      if (rows.length < TaskExportService.BATCH_SIZE || out.destroyed) return;
      await writable(out);
      if (out.destroyed) return;
      rows = await this.batch(user, filter, rows[rows.length - 1].id);
    }
  }

  private async writeCsv(
    user: AuthUser,
    filter: TaskFilter,
    first: TaskRow[],
    out: PassThrough,
  ): Promise<void> {
    const csv = stringify({
      bom: true,
      header: true,
      columns: COLUMNS.map((c) => c.header),
      record_delimiter: 'windows',
    });
    const piping = pipeline(csv, out);
    try {
      for await (const rows of this.batches(user, filter, first, out)) {
        for (const r of rows) {
          const record = COLUMNS.map((c) => {
            const v = c.value(r);
            return c.text && typeof v === 'string' ? guardFormula(v) : v;
          });
          if (!csv.write(record)) await writable(csv);
          if (out.destroyed) break;
        }
      }
    } catch (err) {
      // Never end() here: a cleanly ended CSV would look complete. Destroying aborts the download.
      piping.catch(() => undefined);
      csv.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    csv.end();
    await piping;
  }

  private async writeXlsx(
    user: AuthUser,
    filter: TaskFilter,
    first: TaskRow[],
    out: PassThrough,
  ): Promise<void> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('중점과제', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
    const header = sheet.addRow(COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for await (const rows of this.batches(user, filter, first, out)) {
      for (const r of rows) sheet.addRow(COLUMNS.map((c) => c.value(r))).commit();
    }
    if (out.destroyed) return;
    sheet.commit();
    // commit() waits for the output to finish, which never happens if the client went away.
    await Promise.race([workbook.commit(), finished(out)]);
  }
}
