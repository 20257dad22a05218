import { DomainError, ErrorCode, type ErrorDetail, type LocalText } from '@gwaje/common';

/**
 * One problem of an import file, where the user sees it in the spreadsheet: the sheet (null for a
 * CSV file), the row number as the spreadsheet shows it (the header is usually row 1), and the
 * column by its Korean header. `row` is null for a problem of a whole sheet or file, `column` for a
 * problem of a whole row.
 */
export interface RowError {
  sheet: string | null;
  row: number | null;
  column: string | null;
  /** What is wrong: `required`, `date`, `unknownDepartment`, `duplicateInFile`, … (README). */
  code: string;
  message: LocalText;
}

/** The most row errors one answer lists; `rowErrorCount` says how many there were in all. */
export const MAX_LISTED_ROW_ERRORS = 500;

/** Where in the file a value came from, so a problem with it can name row and column. */
export interface CellRef {
  sheet: string | null;
  row: number;
  column: string;
}

/** Collects the problems of one file; nothing is imported while it holds any. */
export class ImportProblems {
  private readonly list: RowError[] = [];

  get count(): number {
    return this.list.length;
  }

  add(error: RowError): void {
    this.list.push(error);
  }

  at(ref: CellRef, code: string, message: LocalText): void {
    this.add({ sheet: ref.sheet, row: ref.row, column: ref.column, code, message });
  }

  /** Throws the 400 IMPORT_INVALID answer when there is any problem. */
  throwIfAny(sheetOrder: ReadonlyArray<string | null> = []): void {
    if (this.list.length) throw importInvalid(this.list, sheetOrder);
  }
}

const rank = (order: ReadonlyArray<string | null>, sheet: string | null) => {
  const i = order.indexOf(sheet);
  return i < 0 ? order.length : i;
};

/** A problem's place as the `field` of the common error body: file.<sheet>.<row>.<column>. */
export function fieldOf(e: RowError): string {
  return ['file', e.sheet, e.row, e.column].filter((p) => p !== null && p !== '').join('.');
}

/**
 * The answer to a file with problems: 400 IMPORT_INVALID, every problem (up to
 * MAX_LISTED_ROW_ERRORS, in sheet, row and column order) in `rowErrors` with its Korean and English
 * message, and the same as `details` of the common error body.
 */
export function importInvalid(
  errors: readonly RowError[],
  sheetOrder: ReadonlyArray<string | null> = [],
): DomainError {
  const sorted = [...errors].sort(
    (a, b) =>
      rank(sheetOrder, a.sheet) - rank(sheetOrder, b.sheet) || (a.row ?? 0) - (b.row ?? 0) || 0,
  );
  const listed = sorted.slice(0, MAX_LISTED_ROW_ERRORS);
  const first = listed[0];
  const where = (e: RowError, lang: 'ko' | 'en') =>
    [
      e.sheet ? (lang === 'ko' ? `「${e.sheet}」` : `sheet ${e.sheet}`) : '',
      e.row !== null ? (lang === 'ko' ? `${e.row}행` : `row ${e.row}`) : '',
      e.column ?? '',
    ]
      .filter(Boolean)
      .join(' ');
  const place = { ko: where(first, 'ko'), en: where(first, 'en') };
  const text: LocalText =
    errors.length === 1
      ? {
          ko: `가져올 파일에 오류가 있어 아무것도 가져오지 않았습니다. ${place.ko}: ${first.message.ko}`,
          en: `The file has an error, so nothing was imported. ${place.en}: ${first.message.en}`,
        }
      : {
          ko: `가져올 파일에 오류 ${errors.length}건이 있어 아무것도 가져오지 않았습니다. 첫 오류 ${place.ko}: ${first.message.ko}`,
          en: `The file has ${errors.length} errors, so nothing was imported. First: ${place.en}: ${first.message.en}`,
        };
  const details: ErrorDetail[] = listed.map((e) => ({
    field: fieldOf(e),
    code: e.code,
    message: e.message,
  }));
  return new DomainError(ErrorCode.IMPORT_INVALID, text, details, {
    rowErrors: listed,
    rowErrorCount: errors.length,
  });
}
