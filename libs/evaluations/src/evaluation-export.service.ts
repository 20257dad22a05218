import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError } from '@gwaje/common';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import type {
  IncentiveStatus,
  IncentiveType,
  NominationSource,
  NominationType,
} from './evaluation.entity.js';
import { EvaluationsService } from './evaluations.service.js';
import { IncentiveReportService } from './incentive-report.service.js';

export const EVALUATION_EXPORT_SHEETS = [
  'results',
  'incentives',
  'awards',
  'incentiveReport',
] as const;
export type EvaluationExportSheet = (typeof EVALUATION_EXPORT_SHEETS)[number];
export const EVALUATION_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type EvaluationExportFormat = (typeof EVALUATION_EXPORT_FORMATS)[number];

export const NOMINATION_TYPE_LABELS: Record<NominationType, string> = {
  OFFICIAL: '개인',
  TEAM: '팀',
  DEPARTMENT: '부서',
  FAILURE_CASE: '모범 실패사례',
};
export const NOMINATION_SOURCE_LABELS: Record<NominationSource, string> = {
  DEPARTMENT: '부서추천',
  SELF: '본인신청',
  CITIZEN: '국민추천',
};
export const INCENTIVE_TYPE_LABELS: Record<IncentiveType, string> = {
  SPECIAL_PROMOTION: '특별승진',
  SPECIAL_STEP_INCREASE: '특별승급',
  TOP_PERFORMANCE_BONUS: '성과상여금 최고등급',
  REWARD_LEAVE: '특별휴가(포상휴가)',
  SENIOR_TREATMENT_SHORTENING: '대우공무원 선발기간 단축',
  RATING_BONUS_POINTS: '근무성적평정 가점',
  SENIORITY_PROMOTION_SHORTENING: '근속승진기간 단축',
  OTHER: '기타(희망부서 전보, 교육훈련 우선 선발)',
};
export const INCENTIVE_STATUS_LABELS: Record<IncentiveStatus, string> = {
  GRANTED: '부여',
  EXECUTED: '집행 완료',
  CANCELLED: '취소',
};

type Cell = string | number;
interface Sheet {
  name: string;
  headers: string[];
  rows: Cell[][];
}

/** CSV cells a spreadsheet would run as formulas get a leading apostrophe (as in the task export). */
const guard = (v: Cell): Cell => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * Ranked results, incentives and awards of a round as XLSX (one sheet each, or the one asked for)
 * or CSV (one sheet), Korean headers. Evaluation data is personnel data: every export states a
 * reason and is access-logged with it (SECURITY.md).
 */
@Injectable()
export class EvaluationExportService {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly accessLog: AccessLogService,
    private readonly policy: AccessPolicy,
    private readonly reports: IncentiveReportService,
  ) {}

  async export(
    user: AuthUser,
    roundId: string,
    input: { format: EvaluationExportFormat; sheet?: EvaluationExportSheet; reason: string },
  ): Promise<{ filename: string; localFilename: string; contentType: string; body: Buffer }> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR))
      throw DomainError.forbidden();
    const { round, nominations } = await this.evaluations.resultRows(user, roundId);
    const incentives = await this.evaluations.incentives(user, roundId);
    const report = await this.reports.report(user, roundId);
    const bands = new Map(round.grades.map((g) => [g.grade, g]));
    const nominees = (n: (typeof nominations)[number]) => n.nominees.map((x) => x.name).join(', ');
    const share = (n: number) => `${n} (${report.selectedOfficials}명 중)`;
    const reportSheet: Sheet = {
      name: '우대조치 실적',
      headers: ['구분', '항목', '값'],
      rows: [
        ['선정', '선정 공무원 수', report.selectedOfficials],
        ['선정', '1인당 최소 우대조치 수', report.incentivesMin],
        ...report.byType.map((t): Cell[] => [
          '우대조치 종류별 부여(취소 제외)',
          INCENTIVE_TYPE_LABELS[t.incentiveType],
          t.count,
        ]),
        ...report.byStatus.map((t): Cell[] => [
          '인사 집행 상태별',
          INCENTIVE_STATUS_LABELS[t.status],
          t.count,
        ]),
        [
          '주요 우대조치(특별승진·특별승급·성과상여금 최고등급)',
          '받은 선정 공무원 수',
          share(report.major.officials),
        ],
        [
          '주요 우대조치(특별승진·특별승급·성과상여금 최고등급)',
          '비율(%)',
          report.major.sharePercent,
        ],
        ...report.belowMinimum.map((b): Cell[] => [
          '최소 우대조치 미달',
          b.name,
          `${b.granted}개 부여 / 최소 ${report.incentivesMin}개`,
        ]),
      ],
    };
    const sheets: Record<EvaluationExportSheet, Sheet> = {
      incentiveReport: reportSheet,
      results: {
        name: '순위 결과',
        headers: ['유형', '순위', '후보명', '대상', '추천 경로', '최종 점수', '등급', '상태'],
        rows: nominations.map((n) => [
          NOMINATION_TYPE_LABELS[n.type],
          n.results?.rank ?? '',
          n.title,
          nominees(n),
          NOMINATION_SOURCE_LABELS[n.source],
          n.results?.finalScore ?? '',
          n.results?.gradeLabel ?? '',
          n.status === 'CONFIRMED' ? '확정' : '집계(미확정)',
        ]),
      },
      incentives: {
        name: '우대조치',
        headers: ['성명', '부서', '우대조치', '내용', '집행 상태', '인사 비고', '부여일'],
        rows: incentives.grants.map((g) => [
          g.userName,
          g.departmentName,
          INCENTIVE_TYPE_LABELS[g.incentiveType],
          g.detail ?? '',
          INCENTIVE_STATUS_LABELS[g.status],
          g.hrNote ?? '',
          seoulDate(new Date(g.grantedAt)),
        ]),
      },
      awards: {
        name: '포상',
        headers: ['유형', '등급', '수상자', '후보명', '근무성적평정 가점', '포상금(원)'],
        rows: nominations
          .filter(
            (n) =>
              n.results?.grade && n.results.grade !== round.grades[round.grades.length - 1].grade,
          )
          .map((n) => {
            const band = bands.get(n.results?.grade ?? '');
            return [
              n.type === 'DEPARTMENT' ? '우수부서' : NOMINATION_TYPE_LABELS[n.type],
              band?.label ?? '',
              nominees(n),
              n.title,
              n.type === 'DEPARTMENT' ? 0 : (band?.bonusPoints ?? 0),
              band?.prizeKrw ?? 0,
            ];
          }),
      },
    };
    const chosen = input.sheet
      ? [sheets[input.sheet]]
      : input.format === 'csv'
        ? [sheets.results]
        : EVALUATION_EXPORT_SHEETS.map((s) => sheets[s]);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: 'evaluation_round',
      recordId: roundId,
      filter: { format: input.format, sheet: input.sheet ?? null },
      reason: input.reason,
    });
    const base = `evaluation-${round.year}-${round.kind.toLowerCase()}-${input.sheet ?? (input.format === 'csv' ? 'results' : 'all')}`;
    const local = `${round.year} ${round.title} ${chosen.map((s) => s.name).join('·')}`;
    if (input.format === 'csv') {
      const sheet = chosen[0];
      const csv = stringify([sheet.headers, ...sheet.rows.map((r) => r.map(guard))], {
        record_delimiter: '\r\n',
      });
      return {
        filename: `${base}.csv`,
        localFilename: `${local}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(csv, 'utf8')]),
      };
    }
    const workbook = new ExcelJS.Workbook();
    for (const sheet of chosen) {
      const ws = workbook.addWorksheet(sheet.name);
      ws.addRow(sheet.headers).font = { bold: true };
      for (const row of sheet.rows) ws.addRow(row);
      ws.columns.forEach((c) => (c.width = 16));
    }
    return {
      filename: `${base}.xlsx`,
      localFilename: `${local}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }
}
