import { TASK_EXPORT_HEADERS } from '@gwaje/tasks';
import { DEPARTMENTS_SHEET, parseDepartmentRows } from './departments/departments-import.js';
import { ImportProblems, importInvalid, type RowError } from './import-problems.js';
import type { CellValue } from './sheet/cells.js';
import { readSpreadsheet } from './sheet/read-spreadsheet.js';
import { mapSheet, type RawSheet, type SheetSpec } from './sheet/table.js';
import {
  MILESTONES_SHEET,
  parseMilestoneRows,
  parseTaskRows,
  TASK_MILESTONES_SHEET,
  TASKS_SHEET,
} from './tasks/tasks-sheet.js';
import { buildTemplate, IMPORT_SHEETS } from './templates.js';
import { uploadOf } from './testing/upload.js';
import { parseUserRows, temporaryPassword, USERS_SHEET } from './users/users-import.js';
import { IMPORT_KINDS } from './import-types.js';

/** A sheet whose first row is the header, rows numbered from 1 as a spreadsheet shows them. */
const sheet = (name: string | null, rows: CellValue[][]): RawSheet => ({
  name,
  rows: rows.map((cells, i) => ({ row: i + 1, cells })),
});

function mapped<K extends string>(
  spec: SheetSpec<K>,
  rows: CellValue[][],
  problems = new ImportProblems(),
) {
  const m = mapSheet(sheet(spec.name, rows), spec, problems);
  if (!m) throw new Error('no header row');
  return m;
}

/** Problems as "row column code" for compact assertions. */
function listed(problems: ImportProblems): string[] {
  try {
    problems.throwIfAny();
  } catch (error) {
    return (error as { extra: { rowErrors: RowError[] } }).extra.rowErrors.map(
      (e) => `${e.row ?? '-'} ${e.column ?? '-'} ${e.code}`,
    );
  }
  return [];
}

describe('header row', () => {
  it('is found below a title row, by the Korean header, its aliases, with a trailing * too', () => {
    const problems = new ImportProblems();
    const m = mapped(
      DEPARTMENTS_SHEET,
      [
        ['2026년 부서 목록'],
        ['부서 *', '종류', '감사부서(감사담당관)', '비고'],
        ['복지정책과', '과', '아니요', '메모'],
        [null, '', null, '비고만 있는 행'],
        ['감사담당관', '담당관', '예', ''],
      ],
      problems,
    );
    expect(listed(problems)).toEqual([]);
    expect(m.headerRow).toBe(2);
    expect(m.ignored).toEqual(['비고']);
    // A row whose only content is in a column the kind does not read counts as empty.
    expect(m.rows.map((r) => r.row)).toEqual([3, 5]);
    expect(m.rows[0].has('isProactiveOffice')).toBe(false);
  });

  it('names a missing required column and a column given twice at the header row', () => {
    const problems = new ImportProblems();
    mapped(DEPARTMENTS_SHEET, [['부서명', '감사부서', '감사담당관']], problems);
    expect(listed(problems)).toEqual(['1 감사부서 duplicateColumn', '1 종류 missingColumn']);
  });

  it('is a problem of the sheet when no top row names a column', () => {
    const problems = new ImportProblems();
    expect(mapSheet(sheet(null, [['이름'], ['값']]), DEPARTMENTS_SHEET, problems)).toBeNull();
    expect(listed(problems)).toEqual(['- - headerRow']);
  });
});

describe('departments', () => {
  it('reads Korean labels and codes; blank flags are 아니요, absent ones unchanged', () => {
    const problems = new ImportProblems();
    const rows = parseDepartmentRows(
      mapped(DEPARTMENTS_SHEET, [
        ['부서명', '종류', '감사부서'],
        ['복지정책과', '과', ''],
        ['감사담당관', 'OFFICER', '예'],
      ]),
      problems,
    );
    expect(listed(problems)).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({ row: 2, name: '복지정책과', kind: 'DIVISION', isAuditUnit: false }),
      expect.objectContaining({ row: 3, name: '감사담당관', kind: 'OFFICER', isAuditUnit: true }),
    ]);
    expect(rows[0].isProactiveOffice).toBeUndefined();
  });

  it('names each bad cell and every repeated name with the row it repeats', () => {
    const problems = new ImportProblems();
    parseDepartmentRows(
      mapped(DEPARTMENTS_SHEET, [
        ['부서명', '종류', '적극행정 전담부서'],
        ['복지정책과', '과', '아니요'],
        ['', '과', ''],
        ['청소행정과', '국', '몰라'],
        ['복지정책과', '팀', ''],
      ]),
      problems,
    );
    expect(listed(problems)).toEqual([
      '3 부서명 required',
      '4 종류 allowedValue',
      '4 적극행정 전담부서 yesNo',
      '5 부서명 duplicateInFile',
    ]);
  });
});

describe('users', () => {
  it('reads roles by label or code, e-mails in lower case; a repeated e-mail is refused', () => {
    const problems = new ImportProblems();
    const rows = parseUserRows(
      mapped(USERS_SHEET, [
        ['이름', '이메일', '부서', '직급', '역할', '언어'],
        ['김민준', 'Minjun@Nowon.go.kr', '복지정책과', '행정7급', '부서 직원, DEPT_HEAD', ''],
        ['이서연', 'minjun@nowon.go.kr', '복지정책과', '', '부서직원', 'English'],
        ['박지호', 'jiho@nowon.go.kr', '복지정책과', '', '', ''],
        ['최유나', 'yuna@nowon.go.kr', '복지정책과', '', '과장', '일본어'],
      ]),
      problems,
    );
    expect(rows[0]).toEqual(
      expect.objectContaining({
        email: 'minjun@nowon.go.kr',
        roles: ['STAFF', 'DEPT_HEAD'],
        language: 'ko',
        grade: '행정7급',
      }),
    );
    expect(listed(problems)).toEqual([
      '3 이메일 duplicateInFile',
      '4 역할 required',
      '5 역할 allowedValue',
      '5 언어 allowedValue',
    ]);
  });
});

describe('temporary passwords', () => {
  it.each([10, 16, 30])('are at least %i characters, in groups of four unambiguous ones', (min) => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const p = temporaryPassword(min);
      expect(p.length).toBeGreaterThanOrEqual(min);
      expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4})+$/);
      seen.add(p);
    }
    expect(seen.size).toBe(20);
  });
});

describe('tasks', () => {
  const HEAD = [
    '과제번호',
    '연도',
    '과제명',
    '분야',
    '주관부서',
    '주담당자 이메일',
    '시작일',
    '종료일',
    '상태',
  ];
  const row = (over: Partial<Record<string, CellValue>> = {}): CellValue[] => {
    const v: Record<string, CellValue> = {
      과제번호: '',
      연도: 2026,
      과제명: '통학로 개선',
      분야: '적극행정',
      주관부서: '교육지원과',
      '주담당자 이메일': 'owner@nowon.go.kr',
      시작일: '2026-01-02',
      종료일: '2026-12-31',
      상태: '',
      ...over,
    };
    return HEAD.map((h) => v[h]);
  };

  it('reads labels, Excel dates and the export’s date format', () => {
    const problems = new ImportProblems();
    const [t] = parseTaskRows(
      mapped(TASKS_SHEET, [
        HEAD,
        row({
          과제번호: '2026-07',
          분야: 'REGULATORY',
          시작일: new Date(Date.UTC(2026, 2, 2)),
          종료일: '2026. 11. 30.',
          상태: '제안',
        }),
      ]),
      problems,
      false,
    );
    expect(listed(problems)).toEqual([]);
    expect(t).toEqual(
      expect.objectContaining({
        code: '2026-07',
        category: 'REGULATORY',
        startDate: '2026-03-02',
        dueDate: '2026-11-30',
        status: 'PROPOSED',
        risk: undefined,
        summary: undefined,
      }),
    );
  });

  it('refuses bad codes, dates out of order or outside the year, and duplicates in the file', () => {
    const problems = new ImportProblems();
    parseTaskRows(
      mapped(TASKS_SHEET, [
        HEAD,
        row({ 과제번호: '2026-01', 과제명: '가' }),
        row({ 과제번호: 'A-1', 과제명: '나' }),
        row({ 과제번호: '2025-02', 과제명: '다' }),
        row({ 과제명: '라', 시작일: '2026-05-01', 종료일: '2026-04-30' }),
        row({ 과제명: '마', 시작일: '2027-01-02', 종료일: '2027-12-31' }),
        row({ 과제번호: '2026-01', 과제명: '바' }),
        row({ 과제명: '사' }),
        row({ 과제명: '사' }),
        row({ 과제명: '아', 시작일: '2026-02-30', 분야: '교육' }),
        row({ 과제번호: new Date(Date.UTC(2026, 0, 1)), 과제명: '자' }),
      ]),
      problems,
      false,
    );
    expect(listed(problems)).toEqual([
      '3 과제번호 taskCode',
      '4 과제번호 codeYear',
      '5 종료일 notBeforeStart',
      '6 시작일 outsideYear',
      '7 과제번호 duplicateInFile',
      '8 과제명 duplicateInFile',
      '9 과제명 duplicateInFile',
      '10 분야 allowedValue',
      '10 시작일 date',
      '11 과제번호 dateNotText',
    ]);
  });

  it('reads milestones by code or by task title; one of them is needed', () => {
    const problems = new ImportProblems();
    const rows = parseMilestoneRows(
      mapped(TASK_MILESTONES_SHEET, [
        ['과제번호', '과제명', '단계명', '완료 예정일', '가중치'],
        ['2026-01', '', '현장 진단', '2026-03-31', ''],
        ['', '통학로 개선', '실시설계', '2026-06-30', 2],
        ['', '', '준공', '2026-11-30', 1],
        ['2026-01', '', '현장 진단', '2026-04-30', 1],
        ['2026-01', '', '점검', '2026-05-31', 0],
      ]),
      problems,
      false,
    );
    expect(rows.slice(0, 2)).toEqual([
      expect.objectContaining({ taskCode: '2026-01', title: '현장 진단', weight: 1 }),
      expect.objectContaining({ taskCode: null, taskTitle: '통학로 개선', weight: 2 }),
    ]);
    expect(listed(problems)).toEqual([
      '4 과제번호 taskRequired',
      '5 단계명 duplicateInFile',
      '6 가중치 range',
    ]);
  });

  it('needs the code in the milestones import of its own', () => {
    const problems = new ImportProblems();
    parseMilestoneRows(
      mapped(MILESTONES_SHEET, [
        ['과제번호', '단계명', '완료 예정일'],
        ['', '현장 진단', '2026-03-31'],
      ]),
      problems,
      false,
    );
    expect(listed(problems)).toEqual(['2 과제번호 required']);
  });
});

describe('the IMPORT_INVALID answer', () => {
  it('lists problems by sheet order, then row, and says how many there are', () => {
    const e = importInvalid(
      [
        {
          sheet: '단계별 계획',
          row: 2,
          column: '단계명',
          code: 'required',
          message: { ko: '가', en: 'a' },
        },
        {
          sheet: '중점과제',
          row: 5,
          column: '연도',
          code: 'range',
          message: { ko: '나', en: 'b' },
        },
        {
          sheet: '중점과제',
          row: 3,
          column: '시작일',
          code: 'date',
          message: { ko: '다', en: 'c' },
        },
      ],
      ['중점과제', '단계별 계획'],
    );
    expect(e.code).toBe('IMPORT_INVALID');
    expect((e.extra.rowErrors as RowError[]).map((r) => `${r.sheet} ${r.row}`)).toEqual([
      '중점과제 3',
      '중점과제 5',
      '단계별 계획 2',
    ]);
    expect(e.extra.rowErrorCount).toBe(3);
    expect(e.details[0]).toEqual({
      field: 'file.중점과제.3.시작일',
      code: 'date',
      message: { ko: '다', en: 'c' },
    });
    expect(e.text.ko).toContain('오류 3건');
    expect(e.text.ko).toContain('「중점과제」 3행 시작일');
  });
});

describe('templates', () => {
  it.each(IMPORT_KINDS)(
    'the %s template reads back with its own headers and no problem',
    async (kind) => {
      const bytes = await buildTemplate(kind, {
        departmentNames: ['복지정책과'],
        maxRows: 5000,
        maxMb: 5,
      });
      const file = await readSpreadsheet(uploadOf(bytes, `${kind}.xlsx`), {
        maxBytes: 5 * 1024 * 1024,
        maxRows: 5000,
      });
      // The guide sheet (with its example rows) is not read as data.
      expect(file.sheets.map((s) => s.name)).toEqual(IMPORT_SHEETS[kind].map((s) => s.name));
      IMPORT_SHEETS[kind].forEach((spec, i) => {
        const problems = new ImportProblems();
        const m = mapSheet(file.sheets[i], spec, problems);
        expect(listed(problems)).toEqual([]);
        expect(m?.rows).toEqual([]);
        expect(file.sheets[i].rows[0].cells).toEqual(spec.columns.map((c) => c.header));
      });
    },
  );

  it('heads the tasks sheet with the task export’s words wherever they share a field', () => {
    const shared = [
      '과제번호',
      '연도',
      '과제명',
      '분야',
      '주관부서',
      '시작일',
      '종료일',
      '상태',
      '위험도',
    ];
    const headers = TASKS_SHEET.columns.map((c) => c.header);
    for (const h of shared) {
      expect([h, headers.includes(h)]).toEqual([h, true]);
      expect([h, TASK_EXPORT_HEADERS.includes(h)]).toEqual([h, true]);
    }
  });
});
