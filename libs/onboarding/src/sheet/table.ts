import type { LocalText } from '@gwaje/common';
import { type CellRef, ImportProblems } from '../import-problems.js';
import { type CellValue, isBlank, type Parsed, squash, textOf } from './cells.js';

/** One column of an import sheet: its Korean header (as the exports and admin screens say it). */
export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  /** Other headers read as this column ("완료 예정일" for 종료일). */
  aliases?: readonly string[];
  /** The column must be in the file and every row must fill it. */
  required: boolean;
  /** For the template's guide sheet: what goes in the column and which values are allowed. */
  guide: LocalText;
  example: string;
  width: number;
  /** The template formats the column as text (codes Excel would turn into dates or numbers). */
  text?: boolean;
  /** The template offers these values in a drop-down list. */
  choices?: readonly string[];
}

export interface SheetSpec<K extends string = string> {
  /** The sheet's name in the template, and the one looked for in an XLSX file. */
  name: string;
  columns: ReadonlyArray<ColumnSpec<K>>;
}

/** One sheet (or the CSV file) as read: its non-empty rows with their spreadsheet row numbers. */
export interface RawSheet {
  /** null for CSV. */
  name: string | null;
  rows: Array<{ row: number; cells: CellValue[] }>;
}

/** A data row of a mapped sheet: its cells by column key. */
export class SheetRow<K extends string> {
  constructor(
    readonly sheet: string | null,
    readonly row: number,
    private readonly cells: readonly CellValue[],
    private readonly columns: ReadonlyMap<K, { index: number; header: string }>,
  ) {}

  /** Whether the file has the column at all (an absent optional column changes nothing). */
  has(key: K): boolean {
    return this.columns.has(key);
  }

  raw(key: K): CellValue {
    const column = this.columns.get(key);
    return column ? (this.cells[column.index] ?? null) : null;
  }

  ref(key: K, header?: string): CellRef {
    return {
      sheet: this.sheet,
      row: this.row,
      column: this.columns.get(key)?.header ?? header ?? '',
    };
  }
}

export interface MappedSheet<K extends string> {
  spec: SheetSpec<K>;
  /** null for CSV. */
  name: string | null;
  headerRow: number;
  /** Header cells that name no column of the kind: left alone, listed in the answer. */
  ignored: string[];
  rows: Array<SheetRow<K>>;
}

/** How many rows from the top may hold a title above the header row. */
const HEADER_SEARCH_ROWS = 10;

/** A header cell as compared: no spaces, no case, without a trailing "*" or "(필수)". */
const headerKey = (text: string) => squash(text.replace(/\s*(\*|\(필수\)|（필수）)\s*$/, ''));

/**
 * Finds the header row (the first of the top rows naming a column of the kind, so a title row
 * above it is allowed), maps its cells to the kind's columns and returns the data rows below it.
 * A required column missing or a column named twice is a problem of the header row.
 */
export function mapSheet<K extends string>(
  raw: RawSheet,
  spec: SheetSpec<K>,
  problems: ImportProblems,
): MappedSheet<K> | null {
  const byHeader = new Map<string, ColumnSpec<K>>();
  for (const c of spec.columns)
    for (const h of [c.header, ...(c.aliases ?? [])]) byHeader.set(headerKey(h), c);
  const header = raw.rows
    .slice(0, HEADER_SEARCH_ROWS)
    .find((r) => r.cells.some((c) => byHeader.has(headerKey(textOf(c)))));
  if (!header) {
    problems.add({
      sheet: raw.name,
      row: null,
      column: null,
      code: 'headerRow',
      message: {
        ko: `머리글 행을 찾을 수 없습니다. 첫 행에 양식의 머리글(${spec.columns.map((c) => c.header).join(', ')})을 두세요.`,
        en: `no header row found; put the template's headers (${spec.columns.map((c) => c.header).join(', ')}) in the first row`,
      },
    });
    return null;
  }
  const columns = new Map<K, { index: number; header: string }>();
  const ignored: string[] = [];
  header.cells.forEach((cell, index) => {
    const text = textOf(cell);
    const column = byHeader.get(headerKey(text));
    if (!column) {
      if (text) ignored.push(text);
      return;
    }
    if (columns.has(column.key)) {
      problems.add({
        sheet: raw.name,
        row: header.row,
        column: column.header,
        code: 'duplicateColumn',
        message: {
          ko: `${column.header} 열이 두 번 있습니다. 하나만 남기세요.`,
          en: `the column ${column.header} appears twice; keep one`,
        },
      });
      return;
    }
    columns.set(column.key, { index, header: column.header });
  });
  for (const c of spec.columns.filter((c) => c.required && !columns.has(c.key))) {
    problems.add({
      sheet: raw.name,
      row: header.row,
      column: c.header,
      code: 'missingColumn',
      message: {
        ko: `필수 열 ${c.header}이(가) 없습니다. 양식의 머리글을 그대로 쓰세요.`,
        en: `the required column ${c.header} is missing; use the template's headers`,
      },
    });
  }
  const indexes = [...columns.values()].map((c) => c.index);
  const rows = raw.rows
    .filter((r) => r.row > header.row)
    .filter((r) => indexes.some((i) => !isBlank(r.cells[i] ?? null)))
    .map((r) => new SheetRow<K>(raw.name, r.row, r.cells, columns));
  return { spec, name: raw.name, headerRow: header.row, ignored, rows };
}

/**
 * Reads typed values of one row, recording each problem at its row and column. Every getter
 * answers `undefined` when the file has no such column (nothing to change), `null` for a blank or
 * refused cell, else the value.
 */
export class RowFields<K extends string> {
  private readonly specs: ReadonlyMap<K, ColumnSpec<K>>;

  constructor(
    readonly row: SheetRow<K>,
    spec: SheetSpec<K>,
    private readonly problems: ImportProblems,
  ) {
    this.specs = new Map(spec.columns.map((c) => [c.key, c]));
  }

  get<T>(key: K, parse: (v: CellValue) => Parsed<T>): T | null | undefined {
    if (!this.row.has(key)) return undefined;
    const spec = this.specs.get(key)!;
    const value = this.row.raw(key);
    if (isBlank(value)) {
      if (spec.required) {
        this.problems.at(this.row.ref(key), 'required', {
          ko: `${spec.header}을(를) 입력하세요.`,
          en: `${spec.header} is required`,
        });
      }
      return null;
    }
    const parsed = parse(value);
    if (!parsed.ok) {
      this.problems.at(this.row.ref(key), parsed.code, parsed.message);
      return null;
    }
    return parsed.value;
  }

  /** A problem of this row in a column (by key), found by a rule over several values. */
  fail(key: K, code: string, message: LocalText): void {
    this.problems.at(this.row.ref(key, this.specs.get(key)?.header), code, message);
  }

  header(key: K): string {
    return this.specs.get(key)?.header ?? key;
  }
}

/**
 * Duplicate keys within the file: every row after the first with the same key is a problem at
 * the key's column, naming the row it repeats.
 */
export function markDuplicates<T>(
  items: readonly T[],
  keyOf: (item: T) => string | null,
  report: (item: T, firstRow: number) => void,
  rowOf: (item: T) => number,
): void {
  const first = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, rowOf(item));
    else report(item, seen);
  }
}
