import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { AccessAction, AccessLogService, HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import {
  EXEMPTION_REPORT_RECORD_TYPE,
  type ExemptionRow,
  QUARTER_REPORT_SQL,
  type QuarterReportRow,
} from './exemptions-query.js';
import {
  EXEMPTION_DECISION_LABELS,
  type ExemptionDecision,
  type ExemptionKind,
  type Quarter,
  quarterlyReportDueDate,
  quarterRange,
} from './exemptions-rules.js';
import { ExemptionsService } from './exemptions.service.js';

export interface QuarterlyReportRowView {
  caseId: string;
  kind: ExemptionKind;
  /** The applicant (a user) or the official concerned named on an ex officio case. */
  officialName: string | null;
  departmentName: string | null;
  title: string;
  auditReference: string;
  appliedOn: string;
  decision: ExemptionDecision;
  decidedOn: string;
  reasons: string;
  consultationId: string | null;
  /** The linked pre-consultation's presumption (libs/consultations). */
  immunityPresumed: boolean;
}

export interface QuarterlyReportFigures {
  decided: number;
  granted: number;
  partiallyGranted: number;
  denied: number;
  /** Cases linked to a pre-consultation whose opinion was followed (면책 추정). */
  presumedFromConsultation: number;
}

export interface QuarterlyReportView {
  organisationId: string;
  year: number;
  quarter: number;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  /** NOT_ENDED (the quarter runs), DUE (awaiting submission), OVERDUE, SUBMITTED. */
  status: 'NOT_ENDED' | 'DUE' | 'OVERDUE' | 'SUBMITTED';
  figures: QuarterlyReportFigures;
  rows: QuarterlyReportRowView[];
  submission: {
    submittedOn: string;
    submittedAt: Date;
    submittedBy: { id: string; name: string | null };
    reference: string;
    onTime: boolean;
  } | null;
}

export interface SubmitQuarterlyReportInput {
  reference: string;
  /** Default today; after the quarter, not after today. */
  submittedOn?: string;
}

interface Snapshot {
  figures: QuarterlyReportFigures;
  rows: QuarterlyReportRowView[];
}

const reportRow = (r: ExemptionRow): QuarterlyReportRowView => ({
  caseId: r.id,
  kind: r.kind,
  officialName: r.applicant_name ?? r.subject_name,
  departmentName: r.applicant_department_name,
  title: r.title,
  auditReference: r.audit_reference,
  appliedOn: r.applied_on,
  decision: r.decision as ExemptionDecision,
  decidedOn: r.decided_on ?? '',
  reasons: r.decision_reasons ?? '',
  consultationId: r.consultation_id,
  immunityPresumed: r.consultation_immunity_presumed === true,
});

function figuresOf(rows: QuarterlyReportRowView[]): QuarterlyReportFigures {
  const count = (d: ExemptionDecision) => rows.filter((r) => r.decision === d).length;
  return {
    decided: rows.length,
    granted: count('GRANTED'),
    partiallyGranted: count('PARTIALLY_GRANTED'),
    denied: count('DENIED'),
    presumedFromConsultation: rows.filter((r) => r.immunityPresumed).length,
  };
}

export const QUARTERLY_EXPORT_HEADERS: readonly string[] = [
  '연번',
  '구분',
  '대상자',
  '소속',
  '사건명',
  '감사 지적(근거)',
  '신청일',
  '결정',
  '결정일',
  '결정 이유',
  '사전컨설팅 면책 추정',
];

/**
 * The quarterly report to 감사원 (공공감사에 관한 법률 시행령 제13조의4, issue 22 part 5): compiled
 * from the decisions of the quarter; due within 10 calendar days after it (the next business day
 * when the 10th falls on a Saturday or holiday: exemptions-rules.ts); submitted once, with who, when
 * and the reference, and the figures and rows as submitted kept. Read by the organisation's
 * AUDITOR and PROACTIVE_OFFICE (404 otherwise); submitted by its AUDITOR.
 */
@Injectable()
export class ExemptionReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly cases: ExemptionsService,
  ) {}

  async get(user: AuthUser, q: Quarter): Promise<QuarterlyReportView> {
    const view = await this.compile(user, q);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: EXEMPTION_REPORT_RECORD_TYPE,
      filter: { year: q.year, quarter: q.quarter },
    });
    return view;
  }

  async submit(
    user: AuthUser,
    q: Quarter,
    input: SubmitQuarterlyReportInput,
  ): Promise<QuarterlyReportView> {
    const view = await this.compile(user, q);
    if (!this.policy.hasRole(user, Role.AUDITOR)) throw DomainError.forbidden();
    const today = seoulDate();
    if (view.periodEnd >= today)
      throw DomainError.invalidField(
        'quarter',
        'notEnded',
        {
          ko: `${q.year}년 ${q.quarter}분기가 끝난 뒤(${view.periodEnd} 이후)에 제출할 수 있습니다.`,
          en: `the quarter ends on ${view.periodEnd}; submit after it`,
        },
        ErrorCode.PERIOD_NOT_OPEN,
      );
    const submittedOn = input.submittedOn ?? today;
    if (submittedOn <= view.periodEnd || submittedOn > today)
      throw DomainError.invalidField('submittedOn', 'outOfRange', {
        ko: `제출일은 분기 종료일(${view.periodEnd}) 다음 날부터 오늘까지입니다.`,
        en: `submittedOn must be after the quarter (${view.periodEnd}) and not after today`,
      });
    if (view.submission) throw this.duplicate(q);
    const snapshot: Snapshot = { figures: view.figures, rows: view.rows };
    await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO exemption_quarter_reports (organisation_id, year, quarter, due_date, submitted_on,
                submitted_by, reference, snapshot)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (organisation_id, year, quarter) DO NOTHING RETURNING id`,
        [
          user.organisationId,
          q.year,
          q.quarter,
          view.dueDate,
          submittedOn,
          user.id,
          input.reference.trim(),
          JSON.stringify(snapshot),
        ],
      );
      if (!row) throw this.duplicate(q);
      await this.history.record(tx, {
        organisationId: user.organisationId,
        recordType: EXEMPTION_REPORT_RECORD_TYPE,
        recordId: row.id,
        action: 'submit',
        actorId: user.id,
        changes: {
          quarter: { from: null, to: `${q.year}-Q${q.quarter}` },
          submittedOn: { from: null, to: submittedOn },
          reference: { from: null, to: input.reference.trim() },
          figures: { from: null, to: snapshot.figures },
        },
        reason: null,
      });
    });
    return this.compile(user, q);
  }

  async export(
    user: AuthUser,
    q: Quarter,
  ): Promise<{ body: Buffer; filename: string; localFilename: string; contentType: string }> {
    const view = await this.compile(user, q);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: EXEMPTION_REPORT_RECORD_TYPE,
      filter: { year: q.year, quarter: q.quarter, format: 'xlsx' },
    });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(`${q.year}년 ${q.quarter}분기 면책`);
    sheet.addRow([
      `${q.year}년 ${q.quarter}분기 적극행정면책 처리 결과 (${view.periodStart} ~ ${view.periodEnd})`,
    ]).font = {
      bold: true,
    };
    sheet.addRow([
      '결정',
      view.figures.decided,
      '면책',
      view.figures.granted,
      '감경',
      view.figures.partiallyGranted,
      '불인정',
      view.figures.denied,
      '감사원 통보 기한',
      view.dueDate,
    ]);
    sheet.addRow([]);
    sheet.addRow([...QUARTERLY_EXPORT_HEADERS]).font = { bold: true };
    view.rows.forEach((r, i) =>
      sheet.addRow([
        i + 1,
        r.kind === 'APPLICATION' ? '신청' : '직권',
        r.officialName ?? '',
        r.departmentName ?? '',
        r.title,
        r.auditReference,
        r.appliedOn,
        EXEMPTION_DECISION_LABELS[r.decision],
        r.decidedOn,
        r.reasons,
        r.immunityPresumed ? '예' : '아니오',
      ]),
    );
    sheet.columns.forEach((col, i) => {
      col.width = i === 4 || i === 9 ? 40 : 14;
    });
    const body = Buffer.from(await book.xlsx.writeBuffer());
    return {
      body,
      filename: `exemptions-${q.year}-Q${q.quarter}.xlsx`,
      localFilename: `면책-분기보고-${q.year}-${q.quarter}분기.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  /** The report as submitted (its snapshot), or as the decisions of the quarter stand now. */
  private async compile(user: AuthUser, q: Quarter): Promise<QuarterlyReportView> {
    if (!this.cases.readsRegister(user)) throw DomainError.notFound();
    const { start, end } = quarterRange(q);
    const dueDate = quarterlyReportDueDate(q);
    const [submitted] = await this.dataSource.query<QuarterReportRow[]>(QUARTER_REPORT_SQL, [
      user.organisationId,
      q.year,
      q.quarter,
    ]);
    let figures: QuarterlyReportFigures;
    let rows: QuarterlyReportRowView[];
    if (submitted) {
      ({ figures, rows } = submitted.snapshot as Snapshot);
    } else {
      rows = (await this.cases.decidedWithin(user, start, end)).map(reportRow);
      figures = figuresOf(rows);
    }
    const today = seoulDate();
    return {
      organisationId: user.organisationId,
      year: q.year,
      quarter: q.quarter,
      periodStart: start,
      periodEnd: end,
      dueDate,
      status: submitted
        ? 'SUBMITTED'
        : end >= today
          ? 'NOT_ENDED'
          : today > dueDate
            ? 'OVERDUE'
            : 'DUE',
      figures,
      rows,
      submission: submitted
        ? {
            submittedOn: submitted.submitted_on,
            submittedAt: submitted.submitted_at,
            submittedBy: { id: submitted.submitted_by, name: submitted.submitted_by_name },
            reference: submitted.reference,
            onTime: submitted.submitted_on <= submitted.due_date,
          }
        : null,
    };
  }

  private duplicate(q: Quarter): DomainError {
    return new DomainError(
      ErrorCode.DUPLICATE,
      {
        ko: `${q.year}년 ${q.quarter}분기 보고는 이미 제출되었습니다.`,
        en: `The report of ${q.year} Q${q.quarter} is already submitted.`,
      },
      [
        {
          field: 'quarter',
          code: 'alreadySubmitted',
          message: { ko: '이미 제출된 분기입니다.', en: 'already submitted' },
        },
      ],
    );
  }
}
