import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { cleanFileName, type Upload } from '@gwaje/attachments';
import { DomainError } from '@gwaje/common';
import { AppConfig } from '@gwaje/config';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { DepartmentsImporter, parseDepartmentRows } from './departments/departments-import.js';
import { ImportProblems } from './import-problems.js';
import {
  IMPORT_KIND_LABELS,
  type ImportKind,
  type ImportResult,
  type ImportRowResult,
  type ImportRun,
  summarise,
} from './import-types.js';
import { organisationDepartments } from './shared/department-names.js';
import { readSpreadsheet, type SpreadsheetFile } from './sheet/read-spreadsheet.js';
import { mapSheet, type MappedSheet, type RawSheet, type SheetSpec } from './sheet/table.js';
import { TasksImporter } from './tasks/tasks-import.js';
import {
  type MilestoneColumn,
  parseMilestoneRows,
  parseTaskRows,
  type TaskColumn,
} from './tasks/tasks-sheet.js';
import { buildTemplate, IMPORT_SHEETS } from './templates.js';
import { parseUserRows, UsersImporter, type UserColumn } from './users/users-import.js';
import type { DepartmentColumn } from './departments/departments-import.js';

const MB = 1024 * 1024;

/**
 * Who imports what (DOMAIN.md §1): ADMIN manages departments and users, PROACTIVE_OFFICE the
 * priority tasks; always into the caller's own organisation.
 */
export const IMPORT_ROLES: Readonly<Record<ImportKind, Role>> = {
  departments: Role.ADMIN,
  users: Role.ADMIN,
  tasks: Role.PROACTIVE_OFFICE,
  milestones: Role.PROACTIVE_OFFICE,
};

export interface ImportTemplate {
  filename: string;
  localFilename: string;
  contentType: string;
  bytes: Buffer;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Spreadsheet imports (issue 19, part 3): reads the file, matches its sheets and headers to the
 * kind, checks every row, and only then writes everything in one transaction (or, in a dry run,
 * reports what it would do). Any problem is a 400 IMPORT_INVALID naming row and column, and
 * nothing is written.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly config: AppConfig,
    private readonly policy: AccessPolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly departments: DepartmentsImporter,
    private readonly users: UsersImporter,
    private readonly tasks: TasksImporter,
  ) {}

  /** The largest file and the most data rows an import accepts (configuration `imports`). */
  get limits() {
    return {
      maxBytes: this.config.imports.maxFileMb * MB,
      maxRows: this.config.imports.maxRows,
    };
  }

  private assertMayImport(user: AuthUser, kind: ImportKind): void {
    if (!this.policy.hasRole(user, IMPORT_ROLES[kind])) throw DomainError.forbidden();
  }

  async template(user: AuthUser, kind: ImportKind): Promise<ImportTemplate> {
    this.assertMayImport(user, kind);
    const departments = await organisationDepartments(
      { manager: this.dataSource.manager },
      user.organisationId,
    );
    const bytes = await buildTemplate(kind, {
      departmentNames: departments.names,
      maxRows: this.config.imports.maxRows,
      maxMb: this.config.imports.maxFileMb,
    });
    return {
      filename: `import-${kind}.xlsx`,
      localFilename: `${IMPORT_KIND_LABELS[kind]} 가져오기 양식.xlsx`,
      contentType: XLSX_TYPE,
      bytes,
    };
  }

  async run(
    user: AuthUser,
    kind: ImportKind,
    upload: Upload,
    options: { dryRun: boolean },
  ): Promise<ImportResult> {
    this.assertMayImport(user, kind);
    const file = await readSpreadsheet(upload, this.limits);
    const run: ImportRun = {
      user,
      dryRun: options.dryRun,
      file,
      fileName: cleanFileName(upload.fileName) || '(이름 없음)',
    };
    const problems = new ImportProblems();
    const specs = IMPORT_SHEETS[kind];
    const sheets = specs.map((spec, i) => this.sheetOf(file, spec, i, problems));
    problems.throwIfAny(sheets.map((s) => s?.name ?? null));
    const dataRows = sheets.reduce((n, s) => n + (s?.rows.length ?? 0), 0);
    if (dataRows > this.limits.maxRows) {
      problems.add({
        sheet: null,
        row: null,
        column: null,
        code: 'maxRows',
        message: {
          ko: `한 파일에 데이터 행은 ${this.limits.maxRows.toLocaleString('ko-KR')}개까지 가져올 수 있습니다(이 파일: ${dataRows.toLocaleString('ko-KR')}개). 파일을 나누어 가져오세요.`,
          en: `at most ${this.limits.maxRows} data rows per file (this one: ${dataRows}); split the file`,
        },
      });
      problems.throwIfAny();
    }
    const rows = await this.dispatch(kind, run, sheets, problems);
    return {
      kind,
      dryRun: options.dryRun,
      format: file.format,
      encoding: file.encoding,
      summary: summarise(rows),
      rows,
      ignoredColumns: sheets.flatMap((s) =>
        s ? s.ignored.map((column) => ({ sheet: s.name, column })) : [],
      ),
    };
  }

  /**
   * The sheet of `spec` in the file: by its name in an XLSX file (the first data sheet stands in
   * for the first part when no sheet has that name), the whole file for CSV (first part only).
   * A second part (the tasks file's 「단계별 계획」) may be left out.
   */
  private sheetOf(
    file: SpreadsheetFile,
    spec: SheetSpec,
    index: number,
    problems: ImportProblems,
  ): MappedSheet<string> | null {
    let raw: RawSheet | undefined;
    if (file.format === 'csv') raw = index === 0 ? file.sheets[0] : undefined;
    else {
      raw = file.sheets.find((s) => s.name?.trim() === spec.name);
      if (!raw && index === 0) raw = file.sheets[0];
    }
    // A second part left empty (no header either) is a part left out.
    if (raw && index > 0 && !raw.rows.length) raw = undefined;
    if (!raw) {
      if (index === 0)
        problems.add({
          sheet: spec.name,
          row: null,
          column: null,
          code: 'missingSheet',
          message: {
            ko: `「${spec.name}」 시트가 없습니다. 양식을 내려받아 그 시트에 쓰세요.`,
            en: `the sheet ${spec.name} is missing; fill in the template's sheet`,
          },
        });
      return null;
    }
    return mapSheet(raw, spec, problems);
  }

  private async dispatch(
    kind: ImportKind,
    run: ImportRun,
    sheets: Array<MappedSheet<string> | null>,
    problems: ImportProblems,
  ): Promise<ImportRowResult[]> {
    const order = sheets.map((s) => s?.name ?? null);
    const date1904 = run.file.date1904;
    switch (kind) {
      case 'departments': {
        const rows = parseDepartmentRows(sheets[0] as MappedSheet<DepartmentColumn>, problems);
        problems.throwIfAny(order);
        return this.departments.run(run, rows);
      }
      case 'users': {
        const rows = parseUserRows(sheets[0] as MappedSheet<UserColumn>, problems);
        problems.throwIfAny(order);
        return this.users.run(run, rows);
      }
      case 'tasks': {
        const taskSheet = sheets[0] as MappedSheet<TaskColumn>;
        const rows = parseTaskRows(taskSheet, problems, date1904);
        const milestones = sheets[1]
          ? parseMilestoneRows(sheets[1] as MappedSheet<MilestoneColumn>, problems, date1904)
          : [];
        problems.throwIfAny(order);
        return this.tasks.importTasks(run, rows, milestones);
      }
      case 'milestones': {
        const rows = parseMilestoneRows(
          sheets[0] as MappedSheet<MilestoneColumn>,
          problems,
          date1904,
        );
        problems.throwIfAny(order);
        return this.tasks.importMilestones(run, rows);
      }
    }
  }
}
