import {
  TASK_CATEGORY_LABELS,
  TASK_RISK_LABELS,
  TASK_STATUS_LABELS,
  type TaskCategory,
  type TaskRisk,
} from '@gwaje/tasks';
import { ImportProblems } from '../import-problems.js';
import {
  type CellValue,
  isBlank,
  parseChoice,
  parseDate,
  parseEmail,
  parseInteger,
  parseNumber,
  parseText,
} from '../sheet/cells.js';
import {
  type MappedSheet,
  markDuplicates,
  RowFields,
  type SheetRow,
  type SheetSpec,
} from '../sheet/table.js';

export type TaskColumn =
  | 'code'
  | 'year'
  | 'title'
  | 'summary'
  | 'category'
  | 'leadDepartment'
  | 'ownerEmail'
  | 'startDate'
  | 'dueDate'
  | 'goal'
  | 'kpiIndicator'
  | 'kpiUnit'
  | 'kpiBaseline'
  | 'kpiTarget'
  | 'kpiCurrent'
  | 'risk'
  | 'status';

/** The states an import may give a task: a draft, or a proposal for the office to select. */
export const IMPORT_TASK_STATUS_LABELS = {
  DRAFT: TASK_STATUS_LABELS.DRAFT,
  PROPOSED: TASK_STATUS_LABELS.PROPOSED,
} as const;
export type ImportTaskStatus = keyof typeof IMPORT_TASK_STATUS_LABELS;

/** A task code: the year, a hyphen and a number (2026-07), as the tasks service numbers them. */
export const TASK_CODE = /^(\d{4})-(\d{2,4})$/;
const KPI = { min: -999_999_999_999.99, max: 999_999_999_999.99, decimals: 2 };

/**
 * The 「중점과제」 sheet. Its headers are the task export's (과제번호, 연도, 과제명, 분야, 주관부서,
 * 시작일, 종료일, 상태, 위험도) plus the plan fields the export leaves out, named as the task form
 * names them; the owner is named by e-mail (names are not unique).
 */
export const TASKS_SHEET: SheetSpec<TaskColumn> = {
  name: '중점과제',
  columns: [
    {
      key: 'code',
      header: '과제번호',
      aliases: ['과제 코드', '코드'],
      required: false,
      guide: {
        ko: '연도-번호(예: 2026-07). 같은 번호의 과제가 있으면 그 과제의 값을 맞춥니다. 비워 두면 같은 연도에 과제명이 같은 과제를 찾고, 없으면 그 연도의 다음 번호로 새로 만듭니다.',
        en: 'Year-number (e.g. 2026-07). A task with that code is updated. Blank: the task of the same year and title, or else a new task with the year’s next code.',
      },
      example: '2026-01',
      width: 11,
      text: true,
    },
    {
      key: 'year',
      header: '연도',
      required: true,
      guide: { ko: '과제의 연도(2000~2100).', en: 'The task’s year (2000–2100).' },
      example: '2026',
      width: 7,
    },
    {
      key: 'title',
      header: '과제명',
      required: true,
      guide: { ko: '과제명(최대 200자).', en: 'Title (max 200).' },
      example: '초등학교 맞춤형 통학로 개선',
      width: 36,
    },
    {
      key: 'summary',
      header: '개요',
      aliases: ['과제 개요'],
      required: false,
      guide: { ko: '과제 개요(최대 4,000자).', en: 'Summary (max 4,000).' },
      example: '통학로 안전 진단과 개선',
      width: 30,
    },
    {
      key: 'category',
      header: '분야',
      required: true,
      guide: {
        ko: `${Object.values(TASK_CATEGORY_LABELS).join(', ')} 중 하나(코드 ${Object.keys(TASK_CATEGORY_LABELS).join(', ')}도 됩니다).`,
        en: `One of ${Object.values(TASK_CATEGORY_LABELS).join(', ')} (or the codes ${Object.keys(TASK_CATEGORY_LABELS).join(', ')}).`,
      },
      example: TASK_CATEGORY_LABELS.PROACTIVE,
      width: 10,
      choices: Object.values(TASK_CATEGORY_LABELS),
    },
    {
      key: 'leadDepartment',
      header: '주관부서',
      required: true,
      guide: {
        ko: '주관부서의 이름: 기관의 사용 중인 부서. 이미 있는 과제의 주관부서는 바꿀 수 없습니다.',
        en: 'The lead department’s name: an active department of the organisation. An existing task’s lead department cannot change.',
      },
      example: '교육지원과',
      width: 16,
    },
    {
      key: 'ownerEmail',
      header: '주담당자 이메일',
      aliases: ['주담당자(이메일)', '담당자 이메일'],
      required: true,
      guide: {
        ko: '주담당자의 이메일: 주관부서의 사용 중인 사용자여야 합니다.',
        en: 'The owner’s e-mail: an active user of the lead department.',
      },
      example: 'minjun.kim@nowon.go.kr',
      width: 26,
      text: true,
    },
    {
      key: 'startDate',
      header: '시작일',
      required: true,
      guide: {
        ko: '시작일: YYYY-MM-DD(예: 2026-03-02) 또는 엑셀 날짜.',
        en: 'Start date: YYYY-MM-DD (e.g. 2026-03-02) or an Excel date.',
      },
      example: '2026-03-02',
      width: 12,
    },
    {
      key: 'dueDate',
      header: '종료일',
      aliases: ['완료 예정일', '종료 예정일'],
      required: true,
      guide: {
        ko: '종료일(완료 예정일): 시작일보다 빠를 수 없고, 과제 기간은 연도와 겹쳐야 합니다.',
        en: 'Due date: not before the start date; the period must overlap the year.',
      },
      example: '2026-12-31',
      width: 12,
    },
    {
      key: 'goal',
      header: '목표',
      required: false,
      guide: { ko: '목표(최대 4,000자).', en: 'Goal (max 4,000).' },
      example: '통학로 사고 0건',
      width: 24,
    },
    {
      key: 'kpiIndicator',
      header: '성과지표',
      required: false,
      guide: { ko: '성과지표 이름(최대 200자).', en: 'KPI indicator (max 200).' },
      example: '개선 통학로 수',
      width: 18,
    },
    {
      key: 'kpiUnit',
      header: '단위',
      aliases: ['성과지표 단위'],
      required: false,
      guide: { ko: '성과지표 단위(최대 50자).', en: 'KPI unit (max 50).' },
      example: '개소',
      width: 8,
    },
    {
      key: 'kpiBaseline',
      header: '기준값',
      aliases: ['성과지표 기준값'],
      required: false,
      guide: {
        ko: '성과지표 기준값(숫자, 소수 둘째 자리까지).',
        en: 'KPI baseline (a number, 2 decimals).',
      },
      example: '0',
      width: 9,
    },
    {
      key: 'kpiTarget',
      header: '목표값',
      aliases: ['성과지표 목표값'],
      required: false,
      guide: { ko: '성과지표 목표값(숫자).', en: 'KPI target (a number).' },
      example: '12',
      width: 9,
    },
    {
      key: 'kpiCurrent',
      header: '현재값',
      aliases: ['성과지표 현재값'],
      required: false,
      guide: { ko: '성과지표 현재값(숫자).', en: 'KPI current value (a number).' },
      example: '',
      width: 9,
    },
    {
      key: 'risk',
      header: '위험도',
      required: false,
      guide: {
        ko: `${Object.values(TASK_RISK_LABELS).join(', ')} 중 하나. 비워 두면 낮음입니다.`,
        en: `One of ${Object.values(TASK_RISK_LABELS).join(', ')}; blank is low.`,
      },
      example: TASK_RISK_LABELS.LOW,
      width: 8,
      choices: Object.values(TASK_RISK_LABELS),
    },
    {
      key: 'status',
      header: '상태',
      required: false,
      guide: {
        ko: '작성중 또는 제안. 비워 두면 작성중입니다. 제안이면 작성중인 과제를 제안 상태로 올립니다(되돌리지는 않습니다). 선정·추진 등은 가져오기로 하지 않습니다.',
        en: '작성중 (draft) or 제안 (proposed); blank is draft. 제안 moves a draft to proposed (never back). Selection and later states are not imported.',
      },
      example: TASK_STATUS_LABELS.DRAFT,
      width: 9,
      choices: Object.values(IMPORT_TASK_STATUS_LABELS),
    },
  ],
};

export type MilestoneColumn = 'taskCode' | 'taskTitle' | 'title' | 'dueDate' | 'weight';

const milestoneColumns = (codeRequired: boolean): SheetSpec<MilestoneColumn>['columns'] => [
  {
    key: 'taskCode',
    header: '과제번호',
    aliases: ['과제 코드'],
    required: codeRequired,
    guide: codeRequired
      ? {
          ko: '단계가 속한 과제의 번호(예: 2026-07): 기관에 있는 과제여야 합니다.',
          en: 'The code of the milestone’s task (e.g. 2026-07): a task of the organisation.',
        }
      : {
          ko: '단계가 속한 과제의 번호: 「중점과제」 시트에 있는 과제. 그 시트에서 번호를 비워 둔 과제는 과제명으로 가리킵니다.',
          en: 'The code of the milestone’s task in the 「중점과제」 sheet; a task listed there without a code is named by its title instead.',
        },
    example: '2026-01',
    width: 11,
    text: true,
  },
  {
    key: 'taskTitle',
    header: '과제명',
    required: false,
    guide: codeRequired
      ? {
          ko: '확인용(선택): 쓰면 과제번호의 과제명과 같아야 합니다.',
          en: 'For checking (optional): when given, it must be the title of the coded task.',
        }
      : {
          ko: '과제번호를 비워 둔 경우, 「중점과제」 시트의 과제명.',
          en: 'Without a code: the task’s title in the 「중점과제」 sheet.',
        },
    example: '초등학교 맞춤형 통학로 개선',
    width: 30,
  },
  {
    key: 'title',
    header: '단계명',
    aliases: ['단계', '추진 단계'],
    required: true,
    guide: {
      ko: '단계 이름(최대 200자). 한 과제 안에서 단계를 가려내는 값이라, 같은 이름의 단계가 있으면 그 단계의 값을 맞춥니다.',
      en: 'Milestone title (max 200); it identifies the milestone within its task, so an existing one of that title is updated.',
    },
    example: '학교별 통학로 현장 진단',
    width: 30,
  },
  {
    key: 'dueDate',
    header: '완료 예정일',
    aliases: ['예정일', '단계 예정일'],
    required: true,
    guide: {
      ko: '단계의 완료 예정일: 과제의 시작일과 종료일 사이. YYYY-MM-DD 또는 엑셀 날짜.',
      en: 'The milestone’s due date, within the task’s period: YYYY-MM-DD or an Excel date.',
    },
    example: '2026-03-31',
    width: 12,
  },
  {
    key: 'weight',
    header: '가중치',
    required: false,
    guide: {
      ko: '추진률 계산의 가중치(0.01~1000). 비워 두면 1입니다.',
      en: 'Weight in the progress figure (0.01–1000); blank is 1.',
    },
    example: '1',
    width: 8,
  },
];

/** 「단계별 계획」 of a tasks workbook: milestones of the tasks in its 「중점과제」 sheet. */
export const TASK_MILESTONES_SHEET: SheetSpec<MilestoneColumn> = {
  name: '단계별 계획',
  columns: milestoneColumns(false),
};

/** The milestones import (e.g. a CSV next to the tasks CSV): milestones of existing tasks. */
export const MILESTONES_SHEET: SheetSpec<MilestoneColumn> = {
  name: '단계별 계획',
  columns: milestoneColumns(true),
};

/** A task row as the file states it; `undefined` where the file has no such column. */
export interface TaskRow {
  sheet: string | null;
  row: number;
  code: string | null;
  year: number;
  title: string;
  summary: string | undefined;
  category: TaskCategory;
  leadDepartment: string;
  ownerEmail: string;
  startDate: string;
  dueDate: string;
  goal: string | undefined;
  kpiIndicator: string | null | undefined;
  kpiUnit: string | null | undefined;
  kpiBaseline: number | null | undefined;
  kpiTarget: number | null | undefined;
  kpiCurrent: number | null | undefined;
  risk: TaskRisk | undefined;
  status: ImportTaskStatus | undefined;
}

export interface MilestoneRow {
  sheet: string | null;
  row: number;
  taskCode: string | null;
  taskTitle: string | null;
  title: string;
  dueDate: string;
  weight: number | undefined;
}

/** A blank cell of a column that is there: the empty value; no column: unchanged. */
const orElse = <T>(v: T | null | undefined, blank: T): T | undefined =>
  v === undefined ? undefined : (v ?? blank);

function parseCode(v: CellValue) {
  const text = parseText(v, 20);
  if (!text.ok) return text;
  return TASK_CODE.test(text.value)
    ? text
    : ({
        ok: false,
        code: 'taskCode',
        message: {
          ko: '과제번호는 연도-번호 형식(예: 2026-07)이어야 합니다.',
          en: 'must be a code as year-number (e.g. 2026-07)',
        },
      } as const);
}

const kpi = (v: CellValue) => parseNumber(v, KPI);

/** Reads and checks every task row: values, dates, codes and duplicates within the file. */
export function parseTaskRows(
  sheet: MappedSheet<TaskColumn>,
  problems: ImportProblems,
  date1904: boolean,
): TaskRow[] {
  const parsed: Array<{ row: SheetRow<TaskColumn>; code: string | null; value: TaskRow | null }> =
    [];
  for (const row of sheet.rows) {
    const f = new RowFields(row, sheet.spec, problems);
    const code = f.get('code', parseCode);
    const year = f.get('year', (v) => parseInteger(v, 2000, 2100));
    const title = f.get('title', (v) => parseText(v, 200));
    const summary = f.get('summary', (v) => parseText(v, 4000));
    const category = f.get('category', (v) => parseChoice(v, TASK_CATEGORY_LABELS));
    const leadDepartment = f.get('leadDepartment', (v) => parseText(v, 200));
    const ownerEmail = f.get('ownerEmail', parseEmail);
    const startDate = f.get('startDate', (v) => parseDate(v, date1904));
    const dueDate = f.get('dueDate', (v) => parseDate(v, date1904));
    const goal = f.get('goal', (v) => parseText(v, 4000));
    const kpiIndicator = f.get('kpiIndicator', (v) => parseText(v, 200));
    const kpiUnit = f.get('kpiUnit', (v) => parseText(v, 50));
    const kpiBaseline = f.get('kpiBaseline', kpi);
    const kpiTarget = f.get('kpiTarget', kpi);
    const kpiCurrent = f.get('kpiCurrent', kpi);
    const risk = f.get('risk', (v) => parseChoice(v, TASK_RISK_LABELS));
    const status = f.get('status', (v) =>
      parseChoice<ImportTaskStatus>(v, IMPORT_TASK_STATUS_LABELS, {
        작성중: 'DRAFT',
        초안: 'DRAFT',
        제안됨: 'PROPOSED',
      }),
    );
    let ok = true;
    if (code && year && Number(code.slice(0, 4)) !== year) {
      f.fail('code', 'codeYear', {
        ko: `과제번호의 연도(${code.slice(0, 4)})가 연도(${year})와 다릅니다.`,
        en: `the code's year (${code.slice(0, 4)}) is not the task's year (${year})`,
      });
      ok = false;
    }
    if (startDate && dueDate && dueDate < startDate) {
      f.fail('dueDate', 'notBeforeStart', {
        ko: '종료일은 시작일보다 빠를 수 없습니다.',
        en: 'the due date must not be before the start date',
      });
      ok = false;
    } else if (
      startDate &&
      dueDate &&
      year &&
      (startDate > `${year}-12-31` || dueDate < `${year}-01-01`)
    ) {
      f.fail('startDate', 'outsideYear', {
        ko: `과제 기간(시작일~종료일)이 ${year}년과 겹치지 않습니다.`,
        en: `the task's period does not overlap ${year}`,
      });
      ok = false;
    }
    parsed.push({
      row,
      code: code ?? null,
      value:
        ok && year && title && category && leadDepartment && ownerEmail && startDate && dueDate
          ? {
              sheet: row.sheet,
              row: row.row,
              code: code ?? null,
              year,
              title,
              summary: orElse(summary, ''),
              category,
              leadDepartment,
              ownerEmail,
              startDate,
              dueDate,
              goal: orElse(goal, ''),
              kpiIndicator: kpiIndicator === '' ? null : kpiIndicator,
              kpiUnit: kpiUnit === '' ? null : kpiUnit,
              kpiBaseline,
              kpiTarget,
              kpiCurrent,
              risk: orElse(risk, 'LOW'),
              status: orElse(status, 'DRAFT'),
            }
          : null,
    });
  }
  // Keys are compared even on rows with other problems, so every problem shows at once.
  markDuplicates(
    parsed,
    (p) => p.code,
    (p, first) =>
      problems.at(p.row.ref('code'), 'duplicateInFile', {
        ko: `${first}행과 같은 과제번호입니다. 한 과제는 한 행에만 쓰세요.`,
        en: `the same task code as row ${first}; list each task once`,
      }),
    (p) => p.row.row,
  );
  // A row without a code is found by its year and title: no other row may share them.
  const byTitle = new Map<string, number[]>();
  for (const p of parsed) {
    if (!p.value) continue;
    const key = `${p.value.year}|${p.value.title}`;
    byTitle.set(key, [...(byTitle.get(key) ?? []), p.row.row]);
  }
  for (const p of parsed) {
    if (!p.value || p.value.code) continue;
    const others = byTitle.get(`${p.value.year}|${p.value.title}`)!.filter((r) => r !== p.row.row);
    if (others.length)
      problems.at(p.row.ref('title'), 'duplicateInFile', {
        ko: `${others.join(', ')}행과 연도·과제명이 같습니다. 과제번호로 가려 주세요.`,
        en: `the same year and title as row ${others.join(', ')}; tell them apart by code`,
      });
  }
  return parsed.flatMap((p) => (p.value ? [p.value] : []));
}

/** Reads and checks every milestone row, and duplicates (task and title) within the file. */
export function parseMilestoneRows(
  sheet: MappedSheet<MilestoneColumn>,
  problems: ImportProblems,
  date1904: boolean,
): MilestoneRow[] {
  const parsed: Array<{
    row: SheetRow<MilestoneColumn>;
    key: string | null;
    value: MilestoneRow | null;
  }> = [];
  const codeRequired = sheet.spec.columns.some((c) => c.key === 'taskCode' && c.required);
  for (const row of sheet.rows) {
    const f = new RowFields(row, sheet.spec, problems);
    const taskCode = f.get('taskCode', parseCode);
    const taskTitle = f.get('taskTitle', (v) => parseText(v, 200));
    const title = f.get('title', (v) => parseText(v, 200));
    const dueDate = f.get('dueDate', (v) => parseDate(v, date1904));
    const weight = f.get('weight', (v) => parseNumber(v, { min: 0.01, max: 1000, decimals: 2 }));
    let ok = true;
    if (!codeRequired && isBlank(row.raw('taskCode')) && isBlank(row.raw('taskTitle'))) {
      f.fail(row.has('taskCode') ? 'taskCode' : 'taskTitle', 'taskRequired', {
        ko: '단계가 속한 과제의 과제번호(또는 과제명)를 입력하세요.',
        en: 'name the milestone’s task by its code (or title)',
      });
      ok = false;
    }
    parsed.push({
      row,
      key: title && (taskCode || taskTitle) ? `${taskCode ?? `title:${taskTitle}`}|${title}` : null,
      value:
        ok && title && dueDate && (taskCode || taskTitle)
          ? {
              sheet: row.sheet,
              row: row.row,
              taskCode: taskCode ?? null,
              taskTitle: taskTitle || null,
              title,
              dueDate,
              weight: orElse(weight, 1),
            }
          : null,
    });
  }
  markDuplicates(
    parsed,
    (p) => p.key,
    (p, first) =>
      problems.at(p.row.ref('title'), 'duplicateInFile', {
        ko: `${first}행과 같은 과제의 같은 단계명입니다. 한 단계는 한 행에만 쓰세요.`,
        en: `the same task and milestone title as row ${first}; list each milestone once`,
      }),
    (p) => p.row.row,
  );
  return parsed.flatMap((p) => (p.value ? [p.value] : []));
}
