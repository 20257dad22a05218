import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import type { AuthUser } from '@gwaje/identity';
import type { ConsultationFigures, ReportFigures, TaskFigures } from './dashboard-figures.js';
import { DashboardsService } from './dashboards.service.js';

/** In lifecycle order: the export's rows follow it. */
const TASK_STATUS_KO: Record<string, string> = {
  DRAFT: '작성 중',
  PROPOSED: '제안',
  SELECTED: '선정',
  REJECTED: '미선정',
  IN_PROGRESS: '추진 중',
  COMPLETED: '완료',
  SUSPENDED: '중단',
  DROPPED: '취소',
};
const CONSULTATION_STATE_KO: Record<string, string> = {
  SUBMITTED: '신청',
  SCREENING: '접수 검토',
  REJECTED: '반려',
  ACCEPTED: '접수',
  UNDER_REVIEW: '검토 중',
  ESCALATED: '상급기관 의뢰',
  COMMITTEE_ADVICE: '위원회 자문',
  OPINION_ISSUED: '의견 회신',
  CLOSED: '종결',
};

const taskRow = (name: string, t: TaskFigures) => [
  name,
  t.priority,
  t.completed,
  t.inProgress,
  t.delayed,
  t.completionRate ?? '',
  t.averageProgress ?? '',
  t.milestones.doneOfDue,
  t.milestones.due,
];
const reportRow = (name: string, r: ReportFigures) => [
  name,
  r.expected,
  r.due,
  r.submitted,
  r.onTime,
  r.late,
  r.missing,
  r.accepted,
  r.returned,
  r.returnedNow,
  r.onTimeRate ?? '',
];
const consultationRow = (name: string, c: ConsultationFigures) => [
  name,
  c.total,
  c.overdue,
  c.medianTurnaroundDays ?? '',
  c.p90TurnaroundDays ?? '',
  c.immunityPresumed,
];

/** The dashboard as XLSX: one sheet per section, Korean headers, ready to paste into a report. */
@Injectable()
export class DashboardExportService {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly accessLog: AccessLogService,
  ) {}

  async export(user: AuthUser, year: number, departmentId?: string) {
    const view = await this.dashboards.read(user, year, departmentId);
    const wb = new ExcelJS.Workbook();
    const sheet = (name: string, headers: string[], rows: Array<Array<string | number>>) => {
      const ws = wb.addWorksheet(name);
      ws.addRow(headers).font = { bold: true };
      for (const r of rows) ws.addRow(r);
      ws.columns.forEach((c, i) => (c.width = i === 0 ? 22 : 14));
    };
    const org = view.figures;
    const scopeName = view.scope === 'ORGANISATION' ? '기관 전체' : '부서';
    const stamp = view.compiledAt
      ? new Intl.DateTimeFormat('ko-KR', {
          timeZone: 'Asia/Seoul',
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(new Date(view.compiledAt))
      : '집계 전';
    sheet(
      '개요',
      ['항목', '값'],
      [
        ['연도', year],
        ['범위', scopeName],
        ['집계 시각', stamp],
        ['기준일', view.asOf ?? ''],
      ],
    );
    sheet(
      '과제 현황',
      [
        '구분',
        '중점과제',
        '완료',
        '추진 중',
        '지연',
        '완료율(%)',
        '평균 추진률(%)',
        '기한 도래 단계 완료',
        '기한 도래 단계',
      ],
      org
        ? [
            taskRow(scopeName, org.tasks),
            ...view.departments.map((d) => taskRow(d.departmentName, d.tasks)),
          ]
        : [],
    );
    sheet(
      '과제 상태',
      ['상태', '과제 수'],
      org
        ? Object.entries(TASK_STATUS_KO).map(([s, label]) => [label, org.tasks.byStatus[s] ?? 0])
        : [],
    );
    sheet(
      '이행실적',
      [
        '구분',
        '대상',
        '기한 도래',
        '제출',
        '기한 내',
        '지연 제출',
        '미제출',
        '승인',
        '반려(연중 건수)',
        '반려 후 재제출 대기',
        '기한 내 제출률(%)',
      ],
      org
        ? [
            reportRow(scopeName, org.reports),
            ...view.departments.map((d) => reportRow(d.departmentName, d.reports)),
          ]
        : [],
    );
    sheet(
      '사전컨설팅',
      ['구분', '신청', '기한 경과', '회신 소요일 중앙값', '회신 소요일 90백분위', '면책 추정'],
      org
        ? [
            consultationRow(scopeName, org.consultations),
            ...view.departments.map((d) => consultationRow(d.departmentName, d.consultations)),
          ]
        : [],
    );
    sheet(
      '사전컨설팅 상태',
      ['상태', '건수'],
      org
        ? Object.entries(CONSULTATION_STATE_KO).map(([s, label]) => [
            label,
            org.consultations.byState[s] ?? 0,
          ])
        : [],
    );
    if (org?.evaluations) {
      sheet(
        '성과평가',
        ['평가', '상태', '후보', '채점 완료', '채점 대상', '채점률(%)'],
        org.evaluations.rounds.map((r) => [
          r.title,
          r.status,
          Object.values(r.nominationsByState).reduce((a, b) => a + b, 0),
          r.sheetsScored,
          r.sheetsOwed,
          r.scoringCompletion ?? '',
        ]),
      );
    }
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: 'dashboard',
      recordId: `${year}`,
      filter: { departmentId: departmentId ?? null, format: 'xlsx' },
    });
    return {
      filename: `dashboard-${year}.xlsx`,
      localFilename: `${year} 적극행정 추진 현황.xlsx`,
      body: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }
}
