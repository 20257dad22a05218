import type { AuthUser } from '@gwaje/identity';
import type { SpreadsheetFile, SpreadsheetFormat, TextEncoding } from './sheet/read-spreadsheet.js';

/** What can be imported; each kind has its template and its own route. */
export const IMPORT_KINDS = ['departments', 'users', 'tasks', 'milestones'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Readonly<Record<ImportKind, string>> = {
  departments: '부서',
  users: '사용자',
  tasks: '중점과제',
  milestones: '단계별 계획',
};

/**
 * What importing did (or, in a dry run, would do) to the record of one row: created it, updated
 * the listed fields, or found it exactly as the row says.
 */
export type RowOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportRowResult {
  /** null for CSV. */
  sheet: string | null;
  /** The row number as the spreadsheet shows it. */
  row: number;
  /** The row's key: department name, e-mail, task code (or title), task code + milestone title. */
  key: string;
  outcome: RowOutcome;
  /** The record's id; null for a record a dry run would create. */
  id: string | null;
  /** Korean headers of the columns whose values changed (updated rows). */
  changes: string[];
  /** Tasks: the code, given or (when created) the next free one. */
  code?: string | null;
  /**
   * Users created by a real import: the one-time password to hand to the user, who must change
   * it at the first sign-in. Shown in this answer only; never stored in plain or logged.
   */
  temporaryPassword?: string | null;
}

export interface ImportResult {
  kind: ImportKind;
  dryRun: boolean;
  format: SpreadsheetFormat;
  encoding: TextEncoding | null;
  summary: Record<RowOutcome, number>;
  rows: ImportRowResult[];
  /** Header cells that name no column of the kind: left alone. */
  ignoredColumns: Array<{ sheet: string | null; column: string }>;
}

/** What an importer is given once the file has been read and its sheets matched. */
export interface ImportRun {
  user: AuthUser;
  dryRun: boolean;
  file: SpreadsheetFile;
  /** The uploaded file's cleaned name, for the history entries' reason. */
  fileName: string;
}

/** The reason every history entry of an import carries: which file, sheet and row. */
export function importReason(run: ImportRun, sheet: string | null, row: number): string {
  return `스프레드시트 가져오기: ${run.fileName}${sheet ? ` 「${sheet}」` : ''} ${row}행`;
}

export function summarise(rows: readonly ImportRowResult[]): Record<RowOutcome, number> {
  const summary: Record<RowOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
  for (const r of rows) summary[r.outcome]++;
  return summary;
}
