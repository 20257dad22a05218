import ExcelJS from 'exceljs';
import type { HttpClient, HttpResult } from './app.js';

export type ImportKind = 'departments' | 'users' | 'tasks' | 'milestones';

/** A CSV file of these rows: UTF-8 with a BOM and CRLF, as Excel saves "CSV UTF-8". */
export function csvFile(rows: ReadonlyArray<ReadonlyArray<string | number>>): Buffer {
  const cell = (c: string | number) => {
    const s = String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return Buffer.from(`\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** An XLSX workbook with these sheets, cells as exceljs takes them (Date cells are dates). */
export async function xlsxFile(
  sheets: Record<string, ReadonlyArray<ReadonlyArray<ExcelJS.CellValue>>>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** POST /api/v1/imports/{kind} with one file (dryRun: ?dryRun=true). */
export function importFile(
  http: HttpClient,
  token: string,
  kind: ImportKind,
  file: { name: string; bytes: Buffer },
  opts: { dryRun?: boolean } = {},
): Promise<HttpResult> {
  const type = file.name.endsWith('.csv')
    ? 'text/csv'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return http.upload(
    `/api/v1/imports/${kind}${opts.dryRun ? '?dryRun=true' : ''}`,
    { ...file, type },
    { token },
  );
}

/** "row column code" of each problem of a 400 IMPORT_INVALID, for compact assertions. */
export function rowErrors(res: HttpResult): string[] {
  if (res.status !== 400 || res.body?.code !== 'IMPORT_INVALID')
    throw new Error(`expected 400 IMPORT_INVALID, got ${res.status} ${JSON.stringify(res.body)}`);
  return (
    res.body.rowErrors as Array<{
      sheet: string | null;
      row: number | null;
      column: string | null;
      code: string;
    }>
  ).map((e) => `${e.sheet ? `${e.sheet} ` : ''}${e.row ?? '-'} ${e.column ?? '-'} ${e.code}`);
}

/** "row key outcome" of each row of a 200 import answer. */
export function outcomes(res: HttpResult): string[] {
  if (res.status !== 200)
    throw new Error(`expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.rows as Array<{ row: number; key: string; outcome: string }>).map(
    (r) => `${r.row} ${r.key} ${r.outcome}`,
  );
}
