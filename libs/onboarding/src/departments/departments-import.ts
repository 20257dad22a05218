import { Injectable } from '@nestjs/common';
import { diffFields, HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import { PG_UNIQUE_VIOLATION, pgErrorCode, TransactionService, type Tx } from '@gwaje/db';
import type { DepartmentKind } from '@gwaje/identity';
import { ImportProblems } from '../import-problems.js';
import { importReason, type ImportRowResult, type ImportRun } from '../import-types.js';
import { lockImport } from '../import-locks.js';
import { parseChoice, parseText, parseYesNo } from '../sheet/cells.js';
import {
  type MappedSheet,
  markDuplicates,
  RowFields,
  type SheetRow,
  type SheetSpec,
} from '../sheet/table.js';
import {
  type ExistingDepartment,
  insertDepartment,
  lockedDepartments,
  updateDepartment,
} from './departments-import-query.js';

/** 과 · 담당관 · 동 · 보건소 · 팀, as the admin screens label them. */
export const DEPARTMENT_KIND_LABELS: Readonly<Record<DepartmentKind, string>> = {
  DIVISION: '과',
  OFFICER: '담당관',
  DONG: '동',
  HEALTH_CENTER: '보건소',
  TEAM: '팀',
};

export type DepartmentColumn = 'name' | 'kind' | 'isAuditUnit' | 'isProactiveOffice';
const YES_NO = ['예', '아니요'] as const;

/** The 「부서」 sheet, headed as the admin screen's department form (부서명, 종류, …). */
export const DEPARTMENTS_SHEET: SheetSpec<DepartmentColumn> = {
  name: '부서',
  columns: [
    {
      key: 'name',
      header: '부서명',
      aliases: ['부서'],
      required: true,
      guide: {
        ko: '기관 안에서 부서를 가려내는 이름(최대 200자). 같은 이름의 부서가 이미 있으면 새로 만들지 않고 그 부서의 값을 맞춥니다.',
        en: 'The name that identifies the department in the organisation (max 200). An existing department of that name is updated, not created again.',
      },
      example: '복지정책과',
      width: 24,
    },
    {
      key: 'kind',
      header: '종류',
      required: true,
      guide: {
        ko: `부서의 종류: ${Object.values(DEPARTMENT_KIND_LABELS).join(', ')} (코드 ${Object.keys(DEPARTMENT_KIND_LABELS).join(', ')}도 됩니다).`,
        en: `Kind: ${Object.values(DEPARTMENT_KIND_LABELS).join(', ')} (or the codes ${Object.keys(DEPARTMENT_KIND_LABELS).join(', ')}).`,
      },
      example: '과',
      width: 10,
      choices: Object.values(DEPARTMENT_KIND_LABELS),
    },
    {
      key: 'isAuditUnit',
      header: '감사부서',
      aliases: ['감사부서(감사담당관)', '감사담당관'],
      required: false,
      guide: {
        ko: '감사부서(감사담당관)이면 예, 아니면 아니요. 비워 두면 아니요입니다.',
        en: '예 (yes) for the audit unit (감사담당관), else 아니요 (no); blank is no.',
      },
      example: '아니요',
      width: 12,
      choices: YES_NO,
    },
    {
      key: 'isProactiveOffice',
      header: '적극행정 전담부서',
      aliases: ['적극행정 담당부서'],
      required: false,
      guide: {
        ko: '적극행정 전담부서이면 예, 아니면 아니요. 비워 두면 아니요입니다.',
        en: '예 (yes) for the proactive administration office, else 아니요 (no); blank is no.',
      },
      example: '아니요',
      width: 18,
      choices: YES_NO,
    },
  ],
};

/** One department row as the file states it (undefined: the column is not in the file). */
export interface DepartmentRow {
  sheet: string | null;
  row: number;
  name: string;
  kind: DepartmentKind;
  isAuditUnit: boolean | undefined;
  isProactiveOffice: boolean | undefined;
}

/** Reads and checks every row (values, duplicates within the file); no database involved. */
export function parseDepartmentRows(
  sheet: MappedSheet<DepartmentColumn>,
  problems: ImportProblems,
): DepartmentRow[] {
  const parsed: Array<{
    row: SheetRow<DepartmentColumn>;
    key: string | null;
    value: DepartmentRow | null;
  }> = [];
  for (const row of sheet.rows) {
    const f = new RowFields(row, sheet.spec, problems);
    const name = f.get('name', (v) => parseText(v, 200));
    const kind = f.get('kind', (v) => parseChoice(v, DEPARTMENT_KIND_LABELS));
    const isAuditUnit = f.get('isAuditUnit', parseYesNo);
    const isProactiveOffice = f.get('isProactiveOffice', parseYesNo);
    parsed.push({
      row,
      key: name || null,
      value:
        name && kind
          ? {
              sheet: row.sheet,
              row: row.row,
              name,
              kind,
              // A blank cell of a column that is there says 아니요.
              isAuditUnit: isAuditUnit === undefined ? undefined : (isAuditUnit ?? false),
              isProactiveOffice:
                isProactiveOffice === undefined ? undefined : (isProactiveOffice ?? false),
            }
          : null,
    });
  }
  markDuplicates(
    parsed,
    (p) => p.key,
    (p, first) =>
      problems.at(p.row.ref('name'), 'duplicateInFile', {
        ko: `${first}행과 같은 부서명입니다. 한 부서는 한 행에만 쓰세요.`,
        en: `the same department name as row ${first}; list each department once`,
      }),
    (p) => p.row.row,
  );
  return parsed.flatMap((p) => (p.value ? [p.value] : []));
}

const AUDITED: Array<
  'organisationId' | 'name' | 'kind' | 'isAuditUnit' | 'isProactiveOffice' | 'active'
> = ['organisationId', 'name', 'kind', 'isAuditUnit', 'isProactiveOffice', 'active'];

const HEADERS: Record<'kind' | 'isAuditUnit' | 'isProactiveOffice', string> = {
  kind: '종류',
  isAuditUnit: '감사부서',
  isProactiveOffice: '적극행정 전담부서',
};

/**
 * Departments of the caller's organisation, keyed by name. A new name creates a department; an
 * existing one (active or not) gets the listed kind and flags; the head is never set here (the
 * head is the user holding 부서장 in the users import). All in one transaction with history.
 */
@Injectable()
export class DepartmentsImporter {
  constructor(
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
  ) {}

  async run(run: ImportRun, rows: readonly DepartmentRow[]): Promise<ImportRowResult[]> {
    const organisationId = run.user.organisationId;
    try {
      return await this.tx.run(async (tx) => {
        if (!run.dryRun) await lockImport(tx, organisationId, 'departments');
        const existing = await lockedDepartments(
          tx,
          organisationId,
          rows.map((r) => r.name),
          !run.dryRun,
        );
        const results: ImportRowResult[] = [];
        for (const row of rows) {
          const found = existing.get(row.name);
          results.push(
            found
              ? await this.update(tx, run, row, found)
              : await this.create(tx, run, row, organisationId),
          );
        }
        return results;
      });
    } catch (error) {
      // Someone made a department of the same name between the check and the insert.
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError(ErrorCode.DUPLICATE, {
          ko: '가져오는 사이에 같은 이름의 부서가 만들어졌습니다. 다시 가져오세요.',
          en: 'A department of the same name was created meanwhile; import again.',
        });
      }
      throw error;
    }
  }

  private async create(
    tx: Tx,
    run: ImportRun,
    row: DepartmentRow,
    organisationId: string,
  ): Promise<ImportRowResult> {
    const values = {
      organisationId,
      name: row.name,
      kind: row.kind,
      isAuditUnit: row.isAuditUnit ?? false,
      isProactiveOffice: row.isProactiveOffice ?? false,
      active: true,
    };
    const result: ImportRowResult = {
      sheet: row.sheet,
      row: row.row,
      key: row.name,
      outcome: 'created',
      id: null,
      changes: [],
    };
    if (run.dryRun) return result;
    const id = await insertDepartment(tx, values);
    await this.history.record(tx, {
      organisationId,
      recordType: 'department',
      recordId: id,
      action: 'create',
      actorId: run.user.id,
      changes: diffFields(null, values, AUDITED),
      reason: importReason(run, row.sheet, row.row),
    });
    return { ...result, id };
  }

  private async update(
    tx: Tx,
    run: ImportRun,
    row: DepartmentRow,
    found: ExistingDepartment,
  ): Promise<ImportRowResult> {
    const after = {
      kind: row.kind,
      isAuditUnit: row.isAuditUnit ?? found.isAuditUnit,
      isProactiveOffice: row.isProactiveOffice ?? found.isProactiveOffice,
    };
    const changes = diffFields(found, after, ['kind', 'isAuditUnit', 'isProactiveOffice']);
    const changed = Object.keys(changes) as Array<keyof typeof HEADERS>;
    const result: ImportRowResult = {
      sheet: row.sheet,
      row: row.row,
      key: row.name,
      outcome: changed.length ? 'updated' : 'unchanged',
      id: found.id,
      changes: changed.map((k) => HEADERS[k]),
    };
    if (run.dryRun || !changed.length) return result;
    await updateDepartment(tx, found.id, after);
    await this.history.record(tx, {
      organisationId: found.organisationId,
      recordType: 'department',
      recordId: found.id,
      action: 'update',
      actorId: run.user.id,
      changes,
      reason: importReason(run, row.sheet, row.row),
    });
    return result;
  }
}
