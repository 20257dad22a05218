import { acceptedMediaType, HEAD_BYTES, type Upload } from '@gwaje/attachments';
import { DomainError, ErrorCode } from '@gwaje/common';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { importInvalid, type RowError } from '../import-problems.js';
import type { CellValue } from './cells.js';
import type { RawSheet } from './table.js';
import { inspectXlsxZip, ZipRefused } from './zip-guard.js';

export type SpreadsheetFormat = 'xlsx' | 'csv';
export type TextEncoding = 'utf-8' | 'euc-kr';

/** A file as read, before its sheets are matched to an import kind. */
export interface SpreadsheetFile {
  format: SpreadsheetFormat;
  /** CSV: the encoding it was read in (UTF-8 with or without BOM, or EUC-KR/CP949). */
  encoding: TextEncoding | null;
  /** XLSX: the workbook counts dates from 1904 (old Mac Excel). */
  date1904: boolean;
  sheets: RawSheet[];
}

export interface ReadLimits {
  maxBytes: number;
  /** Data rows over all sheets (the caller checks exactly; here rows are cut a little above). */
  maxRows: number;
}

/** Sheets of the template that explain and hold no data. */
export const GUIDE_SHEET = '작성 안내';

const MB = 1024 * 1024;
/** Rows above the data a file may hold (a title, the header) before the reader stops collecting. */
const ROW_SLACK = 10;
/** XLSX cells per allowed row, on average, before the file is refused unread. */
const CELLS_PER_ROW = 40;

function tooLarge(maxBytes: number, code = 'maxSize'): DomainError {
  const mb = Math.round((maxBytes / MB) * 10) / 10;
  return new DomainError(
    ErrorCode.PAYLOAD_TOO_LARGE,
    {
      ko: `가져올 파일은 ${mb}MB까지 올릴 수 있습니다.`,
      en: `Import files may be at most ${mb} MB.`,
    },
    [
      {
        field: 'file',
        code,
        message:
          code === 'maxSize'
            ? { ko: `파일은 최대 ${mb}MB입니다.`, en: `at most ${mb} MB` }
            : {
                ko: '압축을 풀면 너무 큰 XLSX 파일입니다.',
                en: 'the XLSX file is far too large once uncompressed',
              },
      },
    ],
    { maxBytes },
  );
}

function notSpreadsheet(): DomainError {
  return new DomainError(
    ErrorCode.UNSUPPORTED_FILE_TYPE,
    {
      ko: 'XLSX 또는 CSV 파일만 가져올 수 있습니다. 파일 이름이 아니라 내용으로 판단합니다.',
      en: 'Only XLSX or CSV files can be imported; the content decides, not the file name.',
    },
    [
      {
        field: 'file',
        code: 'spreadsheet',
        message: {
          ko: 'XLSX(엑셀 2007 이후) 또는 CSV(UTF-8, EUC-KR) 파일이어야 합니다. 예전 XLS 형식이나 암호가 걸린 파일은 엑셀에서 XLSX로 다시 저장하세요.',
          en: 'must be an XLSX (Excel 2007 or later) or CSV (UTF-8, EUC-KR) file; save old XLS or password-protected files as XLSX first',
        },
      },
    ],
    { allowedExtensions: ['xlsx', 'csv'] },
  );
}

const fileProblem = (
  code: string,
  ko: string,
  en: string,
  row: number | null = null,
): RowError => ({
  sheet: null,
  row,
  column: null,
  code,
  message: { ko, en },
});

function tooManyRows(maxRows: number, row: number, sheet: string | null = null): DomainError {
  return importInvalid([
    {
      ...fileProblem(
        'maxRows',
        `한 파일에 데이터 행은 ${maxRows.toLocaleString('ko-KR')}개까지 가져올 수 있습니다. 파일을 나누어 가져오세요.`,
        `at most ${maxRows} data rows per file; split the file`,
        row,
      ),
      sheet,
    },
  ]);
}

/** Control bytes that never occur in a text file (tab, line breaks, form feed and ESC aside). */
function looksBinary(bytes: Buffer): boolean {
  for (const b of bytes) if (b < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(b)) return true;
  return false;
}

/** Whether `bytes` (a head, maybe cut inside a character) decode in `encoding`. */
function decodes(bytes: Buffer, encoding: TextEncoding): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads an uploaded import file as it streams in: at most `limits.maxBytes` bytes (the rest is
 * drained and the answer is 413), the type decided by the content whatever the name says (415 for
 * anything but XLSX or text), CSV parsed by csv-parse while it arrives, XLSX inspected (ZIP bomb
 * guard, cell count) before exceljs loads it. Problems of the content are 400 IMPORT_INVALID.
 */
export async function readSpreadsheet(
  upload: Upload,
  limits: ReadLimits,
): Promise<SpreadsheetFile> {
  const chunks = upload.content[Symbol.asyncIterator]();
  let size = 0;
  let over = false;
  /** The next chunk, counted against the limit; undefined at the end of the file. */
  const next = async (): Promise<Buffer | undefined> => {
    for (;;) {
      const r = await chunks.next();
      if (r.done) return undefined;
      size += r.value.length;
      if (size > limits.maxBytes) over = true;
      if (!over) return r.value;
    }
  };
  const drain = async () => {
    while ((await next()) !== undefined);
  };
  const checkSize = () => {
    if (over || upload.truncated?.()) throw tooLarge(limits.maxBytes);
  };

  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < HEAD_BYTES) {
    const chunk = await next();
    if (!chunk) {
      ended = true;
      break;
    }
    head.push(chunk);
    headBytes += chunk.length;
  }
  // Past the limit `next` has read the rest of the upload already (so the client gets the answer).
  checkSize();
  const first = Buffer.concat(head);
  if (!first.length) {
    throw DomainError.invalidField('file', 'notEmpty', {
      ko: '빈 파일입니다. 머리글과 데이터가 있는 파일을 올리세요.',
      en: 'the file is empty',
    });
  }

  const sample = first.subarray(0, HEAD_BYTES);
  if (await acceptedMediaType('import.xlsx', sample)) {
    const rest: Buffer[] = [first];
    for (let chunk = ended ? undefined : await next(); chunk; chunk = await next())
      rest.push(chunk);
    checkSize();
    return readXlsx(Buffer.concat(rest), limits);
  }
  const encoding: TextEncoding | null = looksBinary(sample)
    ? null
    : decodes(sample, 'utf-8')
      ? 'utf-8'
      : decodes(sample, 'euc-kr')
        ? 'euc-kr'
        : null;
  if (!encoding || !(await acceptedMediaType('import.csv', sample, true))) {
    if (!ended) await drain();
    checkSize();
    throw notSpreadsheet();
  }
  return readCsv(first, ended ? null : next, drain, checkSize, encoding, limits);
}

async function readCsv(
  first: Buffer,
  next: (() => Promise<Buffer | undefined>) | null,
  drain: () => Promise<void>,
  checkSize: () => void,
  encoding: TextEncoding,
  limits: ReadLimits,
): Promise<SpreadsheetFile> {
  // TextDecoder drops a leading BOM; `fatal` refuses bytes that are not of the encoding.
  const decoder = new TextDecoder(encoding, { fatal: true });
  let text: string;
  try {
    text = decoder.decode(first, { stream: true });
  } catch {
    text = '';
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = line.includes(',')
    ? ','
    : line.includes('\t')
      ? '\t'
      : line.includes(';')
        ? ';'
        : ',';
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  });
  const rows: RawSheet['rows'] = [];
  let records = 0;
  let nonEmpty = 0;
  let limitRow: number | null = null;
  parser.on('readable', () => {
    type Read = { record: string[] } | null;
    for (let r = parser.read() as Read; r; r = parser.read() as Read) {
      records++;
      if (limitRow !== null) continue;
      if (r.record.some((c) => c.trim() !== '')) {
        nonEmpty++;
        if (nonEmpty > limits.maxRows + ROW_SLACK) {
          limitRow = records;
          continue;
        }
        rows.push({ row: records, cells: r.record });
      }
    }
  });
  let failed = false;
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', (error) => {
      failed = true;
      reject(error);
    });
  });
  finished.catch(() => undefined);

  let encodingError = false;
  /** Writes to the parser, waiting while its buffer is full; nothing once it has failed. */
  const feed = async (chunk: string) => {
    if (failed || parser.destroyed || parser.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        parser.off('error', done);
        resolve();
      };
      parser.on('drain', done);
      parser.on('close', done);
      parser.on('error', done);
    });
  };
  try {
    if (text) await feed(text);
    else if (first.length) encodingError = true;
    for (
      let chunk = next ? await next() : undefined;
      chunk && !encodingError;
      chunk = await next!()
    ) {
      let piece: string;
      try {
        piece = decoder.decode(chunk, { stream: true });
      } catch {
        encodingError = true;
        break;
      }
      await feed(piece);
      if (limitRow !== null || failed) break;
    }
    if (!encodingError) {
      try {
        const tail = decoder.decode();
        if (tail) await feed(tail);
      } catch {
        encodingError = true;
      }
    }
  } finally {
    if (next) await drain();
  }
  checkSize();
  if (encodingError) {
    parser.destroy();
    throw importInvalid([
      fileProblem(
        'encoding',
        `파일의 글자 인코딩이 ${encoding === 'utf-8' ? 'UTF-8' : 'EUC-KR'}이 아닌 부분이 있습니다. 엑셀에서 "CSV UTF-8(쉼표로 분리)"로 다시 저장하세요.`,
        `part of the file is not ${encoding === 'utf-8' ? 'UTF-8' : 'EUC-KR'} text; save it again as "CSV UTF-8 (comma delimited)"`,
      ),
    ]);
  }
  if (limitRow === null) {
    if (!failed) parser.end();
    try {
      await finished;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const at = (error as CsvError & { records?: number }).records;
      throw importInvalid([
        fileProblem(
          'csvSyntax',
          '따옴표가 닫히지 않았거나 CSV 형식이 올바르지 않습니다. 엑셀에서 CSV로 다시 저장하세요.',
          'a quote is not closed or the CSV is malformed; save the file again as CSV',
          typeof at === 'number' ? at + 1 : null,
        ),
      ]);
    }
  }
  if (limitRow !== null) {
    parser.destroy();
    throw tooManyRows(limits.maxRows, limitRow);
  }
  return { format: 'csv', encoding, date1904: false, sheets: [{ name: null, rows }] };
}

/** A cell's value as the import reads it (see CellValue). */
function cellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  )
    return value;
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return typeof text === 'string'
      ? text
      : text && typeof text === 'object' && 'richText' in text
        ? (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')
        : String(value.hyperlink ?? '');
  }
  if ('formula' in value || 'sharedFormula' in value)
    return cellValue((value as ExcelJS.CellFormulaValue).result);
  return null;
}

async function readXlsx(bytes: Buffer, limits: ReadLimits): Promise<SpreadsheetFile> {
  const maxCells = Math.max(10_000, (limits.maxRows + ROW_SLACK) * CELLS_PER_ROW);
  try {
    const facts = inspectXlsxZip(bytes, Math.max(20 * MB, limits.maxBytes * 10));
    if (!facts.workbook) throw notSpreadsheet();
    if (facts.cells > maxCells)
      throw importInvalid([
        fileProblem(
          'maxCells',
          `셀이 너무 많습니다(${facts.cells.toLocaleString('ko-KR')}개). 데이터 행은 ${limits.maxRows.toLocaleString('ko-KR')}개까지, 필요한 열만 두세요.`,
          `too many cells (${facts.cells}); keep at most ${limits.maxRows} data rows and only the columns needed`,
        ),
      ]);
  } catch (error) {
    if (!(error instanceof ZipRefused)) throw error;
    if (error.reason === 'tooLarge') throw tooLarge(limits.maxBytes, 'maxInflatedSize');
    throw notSpreadsheet();
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw importInvalid([
      fileProblem(
        'unreadable',
        'XLSX 파일을 읽을 수 없습니다. 손상되었을 수 있으니 엑셀에서 열어 다시 저장하세요.',
        'the XLSX file cannot be read; it may be damaged: open it in Excel and save it again',
      ),
    ]);
  }
  const sheets: RawSheet[] = [];
  let nonEmpty = 0;
  for (const ws of workbook.worksheets) {
    if (ws.name.trim() === GUIDE_SHEET) continue;
    const rows: RawSheet['rows'] = [];
    let limitRow: number | null = null;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (limitRow !== null) return;
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellValue(cell.value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      if (!cells.some((c) => c !== null && c !== '')) return;
      if (++nonEmpty > limits.maxRows + ROW_SLACK) {
        limitRow = rowNumber;
        return;
      }
      rows.push({ row: rowNumber, cells });
    });
    if (limitRow !== null) throw tooManyRows(limits.maxRows, limitRow, ws.name);
    sheets.push({ name: ws.name, rows });
  }
  return {
    format: 'xlsx',
    encoding: null,
    date1904: Boolean((workbook.properties as { date1904?: boolean }).date1904),
    sheets,
  };
}
