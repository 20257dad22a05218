import { PassThrough, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

/**
 * Streaming XLSX/CSV of a list (tasks, reports, pre-consultations): Korean headers, CSV in UTF-8
 * with a BOM and CRLF, free text guarded against spreadsheet formulas in CSV. Rows come in keyset
 * batches; the next batch is read only once the consumer has taken the previous one, so a large
 * export never sits in memory at once.
 */

export const LIST_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ListExportFormat = (typeof LIST_EXPORT_FORMATS)[number];

export const LIST_EXPORT_CONTENT_TYPES: Readonly<Record<ListExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ListExportColumn<R> {
  header: string;
  width: number;
  /** Free text a user typed (guarded against spreadsheet formulas in CSV). */
  text?: boolean;
  value: (row: R) => string | number;
}

export interface ListExportFile {
  /** ASCII file name, e.g. tasks-2026-11-22.xlsx */
  filename: string;
  /** The same in Korean, e.g. 중점과제-2026-11-22.xlsx (for RFC 5987 `filename*`) */
  localFilename: string;
  contentType: string;
  stream: PassThrough;
}

export interface ListExportSpec<R> {
  format: ListExportFormat;
  sheetName: string;
  columns: ReadonlyArray<ListExportColumn<R>>;
  batchSize: number;
  /** The first batch, already read (so a failing query is still an error response). */
  first: R[];
  /** The batch after the last row of the previous one. */
  next: (last: R) => Promise<R[]>;
  logger: Logger;
  /** For the log lines. */
  context: Record<string, unknown>;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe in CSV (OWASP "CSV injection"). XLSX cells are typed strings and need no guard.
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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
 * Produces the file in the background into the returned stream. Errors after the first batch can
 * only abort the stream: they are logged and the stream is destroyed (never ended cleanly, so a
 * partial file does not look complete).
 */
export function streamListExport<R>(spec: ListExportSpec<R>): PassThrough {
  const out = new PassThrough();
  const produce = spec.format === 'csv' ? writeCsv : writeXlsx;
  produce(spec, out).catch((err: unknown) => {
    if (out.destroyed && (err as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
      spec.logger.warn({ ...spec.context, format: spec.format }, 'export aborted by the client');
      return;
    }
    spec.logger.error(
      { err, ...spec.context, format: spec.format },
      'export failed while streaming',
    );
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}

async function* batches<R>(spec: ListExportSpec<R>, out: Writable): AsyncGenerator<R[]> {
  let rows = spec.first;
  for (;;) {
    if (rows.length) yield rows;
    if (rows.length < spec.batchSize || out.destroyed) return;
    await writable(out);
    if (out.destroyed) return;
    rows = await spec.next(rows[rows.length - 1]);
  }
}

async function writeCsv<R>(spec: ListExportSpec<R>, out: PassThrough): Promise<void> {
  const csv = stringify({
    bom: true,
    header: true,
    columns: spec.columns.map((c) => c.header),
    record_delimiter: 'windows',
  });
  const piping = pipeline(csv, out);
  try {
    for await (const rows of batches(spec, out)) {
      for (const r of rows) {
        const record = spec.columns.map((c) => {
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

async function writeXlsx<R>(spec: ListExportSpec<R>, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for await (const rows of batches(spec, out)) {
    for (const r of rows) sheet.addRow(spec.columns.map((c) => c.value(r))).commit();
  }
  if (out.destroyed) return;
  sheet.commit();
  // commit() waits for the output to finish, which never happens if the client went away.
  await Promise.race([workbook.commit(), finished(out)]);
}
