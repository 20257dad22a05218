import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import type { AuthUser } from '@gwaje/identity';
import { TASK_STATUS_LABELS } from '@gwaje/tasks';
import type { MeasureStatus } from './action-plan-rules.js';
import type { MeasureView, PlanView } from './action-plan-views.js';
import { ACTION_PLAN_RECORD_TYPE, ActionPlansService } from './action-plans.service.js';

export const ACTION_PLAN_EXPORT_HEADERS: readonly string[] = [
  '추진방향',
  '세부과제',
  '담당부서',
  '목표',
  '기한',
  '상태',
  '연결 과제',
  '진척도',
];

export const MEASURE_STATUS_LABELS: Readonly<Record<MeasureStatus, string>> = {
  PLANNED: '추진 예정',
  IN_PROGRESS: '추진 중',
  DONE: '완료',
  DROPPED: '취소',
};

const linked = (m: MeasureView): string =>
  m.linkedTasks
    .map(
      (t) => `${t.code} ${t.title} (${TASK_STATUS_LABELS[t.status] ?? t.status}, ${t.progress}%)`,
    )
    .join('\n');

/** 진척도 as a share (0–1) the sheet shows as a percent; empty for a dropped measure. */
const shareOf = (percent: number | null): number | string =>
  percent === null ? '' : percent / 100;

/**
 * The plan (now, or an approved version) as one XLSX sheet with Korean headers: one row per
 * measure under its direction, the direction's and the plan's progress on their own rows.
 */
@Injectable()
export class ActionPlanExportService {
  constructor(
    private readonly plans: ActionPlansService,
    private readonly accessLog: AccessLogService,
  ) {}

  async export(
    user: AuthUser,
    id: string,
    planVersion?: number,
  ): Promise<{ body: Buffer; filename: string; localFilename: string; contentType: string }> {
    const plan = await this.plans.read(user, id, planVersion);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: ACTION_PLAN_RECORD_TYPE,
      recordId: id,
      filter: { version: plan.planVersion, format: 'xlsx' },
    });
    const body = await actionPlanWorkbook(plan);
    return {
      body,
      filename: `action-plan-${plan.year}-v${plan.planVersion}.xlsx`,
      localFilename: `${plan.year}년 적극행정 실행계획-v${plan.planVersion}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
}

export async function actionPlanWorkbook(plan: PlanView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`${plan.year} 실행계획`);
  sheet.addRow([...ACTION_PLAN_EXPORT_HEADERS]).font = { bold: true };
  for (const d of plan.directions) {
    const direction = `${d.position}. ${d.title}`;
    for (const m of d.measures) {
      sheet.addRow([
        direction,
        m.focus ? `[중점] ${m.title}` : m.title,
        m.ownerDepartment.name,
        m.target,
        m.dueDate,
        MEASURE_STATUS_LABELS[m.status],
        linked(m),
        shareOf(m.percent),
      ]);
    }
    sheet.addRow([
      direction,
      '소계',
      '',
      '',
      '',
      `완료 ${d.progress.measuresDone}/${d.progress.measures}`,
      `완료 ${d.progress.linkedTasksCompleted}/${d.progress.linkedTasks}`,
      shareOf(d.progress.percent),
    ]).font = { italic: true };
  }
  sheet.addRow([
    '전체',
    `${plan.title} (제${plan.planVersion}판)`,
    '',
    '',
    '',
    `완료 ${plan.progress.measuresDone}/${plan.progress.measures}`,
    `완료 ${plan.progress.linkedTasksCompleted}/${plan.progress.linkedTasks}`,
    shareOf(plan.progress.percent),
  ]).font = { bold: true };
  sheet.getColumn(8).numFmt = '0%';
  sheet.columns.forEach((col, i) => {
    col.width = [30, 40, 14, 30, 12, 10, 40, 8][i] ?? 14;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
