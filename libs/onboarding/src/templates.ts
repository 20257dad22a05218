import ExcelJS from 'exceljs';
import { DEPARTMENTS_SHEET } from './departments/departments-import.js';
import { IMPORT_KIND_LABELS, type ImportKind } from './import-types.js';
import { GUIDE_SHEET } from './sheet/read-spreadsheet.js';
import type { SheetSpec } from './sheet/table.js';
import { MILESTONES_SHEET, TASK_MILESTONES_SHEET, TASKS_SHEET } from './tasks/tasks-sheet.js';
import { USERS_SHEET } from './users/users-import.js';

/** The sheets of each kind's file, in order (a CSV file holds the first only). */
export const IMPORT_SHEETS: Readonly<Record<ImportKind, ReadonlyArray<SheetSpec>>> = {
  departments: [DEPARTMENTS_SHEET],
  users: [USERS_SHEET],
  tasks: [TASKS_SHEET, TASK_MILESTONES_SHEET],
  milestones: [MILESTONES_SHEET],
};

/** General rules, the same for every kind, at the top of the guide sheet. */
const RULES: Readonly<Record<ImportKind, readonly string[]>> = {
  departments: [
    '부서명이 같은 부서가 있으면 새로 만들지 않고 그 부서의 종류·구분을 파일대로 맞춥니다. 부서장은 사용자 가져오기에서 「부서장」 역할로 정합니다.',
  ],
  users: [
    '이메일이 같은 사용자가 있으면 새로 만들지 않고 이름·부서·직급·역할·언어를 파일대로 맞춥니다. 비밀번호는 파일에 쓰지 않습니다.',
    '새 사용자에게는 임시 비밀번호가 만들어져 가져오기 결과에 한 번만 표시됩니다. 사용자는 처음 로그인할 때 비밀번호를 바꿔야 합니다.',
  ],
  tasks: [
    '과제번호가 같은 과제(번호가 비어 있으면 같은 연도·과제명의 과제)가 있으면 새로 만들지 않고 파일대로 맞춥니다. 작성중·제안 상태의 과제만 바꿀 수 있고, 선정 이후의 과제는 값이 다르면 오류입니다.',
    '새 과제는 작성중(또는 상태 열이 제안이면 제안) 상태로 만들어집니다.',
    '단계별 추진계획은 「단계별 계획」 시트에 과제번호(번호가 없는 과제는 과제명)와 함께 씁니다. CSV로 가져올 때는 과제를 먼저 가져온 뒤 단계별 계획을 따로 가져오세요.',
  ],
  milestones: [
    '과제번호로 기관의 과제를 찾아, 단계명이 같은 단계가 있으면 완료 예정일·가중치를 맞추고 없으면 추가합니다. 파일에 없는 단계는 지우지 않습니다.',
  ],
};

const COMMON_RULES = [
  '첫 행은 머리글입니다. 머리글 글자는 바꾸지 마세요(열 순서는 바꿔도 됩니다). 이 「작성 안내」 시트는 읽지 않습니다.',
  '모든 행을 먼저 검사하고, 오류가 하나라도 있으면 아무것도 가져오지 않고 행·열별 오류 목록을 보여 줍니다. 먼저 「미리 보기」로 확인하세요.',
  '같은 파일을 두 번 가져와도 바뀌는 것은 없습니다. 열 자체가 없으면 그 항목은 바꾸지 않고, 열은 있는데 칸이 비어 있으면 빈 값(또는 기본값)으로 봅니다.',
  '날짜는 YYYY-MM-DD(예: 2026-03-31)로 쓰거나 엑셀 날짜로 입력합니다. 값 목록이 있는 열은 한국어 이름이나 코드를 씁니다.',
  'XLSX 또는 CSV(UTF-8, EUC-KR) 파일, 최대 {maxMb}MB, 데이터 {maxRows}행까지 가져올 수 있습니다.',
];

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE8EEF7' },
};

/**
 * The XLSX template of a kind: one sheet per part with the header row (drop-down lists where the
 * values are fixed, text format where Excel would turn codes into dates), and the 「작성 안내」
 * sheet explaining every column with its allowed values and an example row, plus the
 * organisation's active departments for the columns that name one.
 */
export async function buildTemplate(
  kind: ImportKind,
  options: { departmentNames: readonly string[]; maxRows: number; maxMb: number },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gwaje';
  workbook.title = `${IMPORT_KIND_LABELS[kind]} 가져오기 양식`;
  for (const spec of IMPORT_SHEETS[kind]) addDataSheet(workbook, spec, options.maxRows);
  addGuideSheet(workbook, kind, options);
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}

function addDataSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, maxRows: number): void {
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({
    width: c.width,
    style: c.text ? { numFmt: '@' } : /일$/.test(c.header) ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  spec.columns.forEach((c, i) => {
    if (!c.choices?.length) return;
    const column = sheet.getColumn(i + 1).letter;
    // A range address: exceljs writes it as one <dataValidation sqref="C2:C5001">.
    (
      sheet as unknown as { dataValidations: { add(a: string, v: object): void } }
    ).dataValidations.add(`${column}2:${column}${maxRows + 1}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${c.choices.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `${c.choices.join(', ')} 중에서 고르세요.`,
    });
  });
}

function addGuideSheet(
  workbook: ExcelJS.Workbook,
  kind: ImportKind,
  options: { departmentNames: readonly string[]; maxRows: number; maxMb: number },
): void {
  const sheet = workbook.addWorksheet(GUIDE_SHEET);
  sheet.columns = [{ width: 20 }, { width: 8 }, { width: 90 }, { width: 28 }];
  const title = sheet.addRow([`${IMPORT_KIND_LABELS[kind]} 가져오기 양식 작성 안내`]);
  title.font = { bold: true, size: 14 };
  const rules = [
    ...RULES[kind],
    ...COMMON_RULES.map((r) =>
      r
        .replace('{maxMb}', String(options.maxMb))
        .replace('{maxRows}', options.maxRows.toLocaleString('ko-KR')),
    ),
  ];
  for (const rule of rules) sheet.addRow([`• ${rule}`]).alignment = { wrapText: false };
  for (const spec of IMPORT_SHEETS[kind]) {
    sheet.addRow([]);
    sheet.addRow([`「${spec.name}」 시트`]).font = { bold: true, size: 12 };
    const head = sheet.addRow(['열(머리글)', '필수', '설명과 허용 값', '예시']);
    head.font = { bold: true };
    head.eachCell((cell) => {
      cell.fill = HEADER_FILL;
    });
    for (const c of spec.columns) {
      const row = sheet.addRow([
        c.header,
        c.required ? '필수' : '선택',
        [c.guide.ko, c.aliases?.length ? `(머리글 ${c.aliases.join(', ')}도 읽습니다.)` : '']
          .filter(Boolean)
          .join(' '),
        c.example,
      ]);
      row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
      row.getCell(4).numFmt = '@';
    }
    sheet.addRow([]);
    sheet.addRow(['예시 행(이 시트는 가져오지 않습니다)']).font = { italic: true };
    sheet.addRow(spec.columns.map((c) => c.header)).font = { bold: true };
    sheet.addRow(spec.columns.map((c) => c.example));
  }
  if (kind === 'users' || kind === 'tasks') {
    sheet.addRow([]);
    sheet.addRow(['기관의 사용 중인 부서(부서·주관부서 열에 쓸 수 있는 이름)']).font = {
      bold: true,
    };
    for (const name of options.departmentNames) sheet.addRow([name]);
    if (!options.departmentNames.length)
      sheet.addRow(['(아직 부서가 없습니다: 부서를 먼저 가져오세요)']);
  }
}
