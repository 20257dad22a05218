import { Readable } from 'node:stream';
import type { Upload } from '@gwaje/attachments';
import ExcelJS from 'exceljs';

/** An upload of `bytes` as the HTTP layer hands it over: in chunks of `chunk` bytes. */
export function uploadOf(bytes: Buffer, fileName = 'import.csv', chunk = 1000): Upload {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  return { fileName, content: Readable.from(chunks) };
}

/** A CSV file of these rows (UTF-8 with BOM, as Excel saves "CSV UTF-8"). */
export function csv(rows: ReadonlyArray<ReadonlyArray<string>>, bom = true): Buffer {
  const text = rows
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n');
  return Buffer.concat([Buffer.from(bom ? '\ufeff' : ''), Buffer.from(`${text}\r\n`, 'utf8')]);
}

/** An XLSX workbook with these sheets (cells as exceljs takes them). */
export async function xlsx(
  sheets: Record<string, ReadonlyArray<ReadonlyArray<ExcelJS.CellValue>>>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
