import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import type { AuthUser } from '@gwaje/identity';
import { renderAnnualReportPdf } from './annual-report-pdf.js';
import {
  ANNUAL_REPORT_RECORD_TYPE,
  ANNUAL_REPORT_STATUS_LABELS,
  UNIT_LABELS,
} from './annual-report-rules.js';
import { AnnualReportService } from './annual-report.service.js';
import type { AnnualReportView } from './annual-report-views.js';

export const ANNUAL_REPORT_EXPORT_HEADERS: readonly string[] = ['구분', '항목', '실적', '단위'];

export interface AnnualReportFile {
  body: Buffer;
  filename: string;
  localFilename: string;
  contentType: string;
}

/** The organisation's report of a year (a version, or the latest) as XLSX or a printable PDF. */
@Injectable()
export class AnnualReportExportService {
  constructor(
    private readonly reports: AnnualReportService,
    private readonly accessLog: AccessLogService,
  ) {}

  async xlsx(user: AuthUser, year: number, version?: number): Promise<AnnualReportFile> {
    const report = await this.reports.forExport(user, year, version);
    await this.record(user, report, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Gwaje';
    const sheet = workbook.addWorksheet('추진실적');
    sheet.addRow([`${report.year}년 적극행정 추진실적`]);
    sheet.addRow(['기관', report.organisationName]);
    sheet.addRow(['판', report.version]);
    sheet.addRow(['상태', ANNUAL_REPORT_STATUS_LABELS[report.status]]);
    sheet.addRow(['생성 일시', report.generatedAt]);
    sheet.addRow(['제출 일시', report.submittedAt ?? '']);
    sheet.addRow([]);
    const header = sheet.addRow([...ANNUAL_REPORT_EXPORT_HEADERS]);
    header.font = { bold: true };
    for (const section of report.sections)
      for (const f of section.figures) {
        const row = sheet.addRow([section.titleKo, f.labelKo, f.value ?? '', UNIT_LABELS[f.unit]]);
        if (f.unit === 'SHARE' && f.value !== null) row.getCell(3).numFmt = '0.0%';
      }
    sheet.getCell('A1').font = { bold: true, size: 14 };
    sheet.getColumn(1).width = 30;
    sheet.getColumn(2).width = 50;
    sheet.getColumn(3).width = 14;
    sheet.getColumn(4).width = 10;
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    return {
      body,
      ...names(report, 'xlsx'),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  async pdf(user: AuthUser, year: number, version?: number): Promise<AnnualReportFile> {
    const report = await this.reports.forExport(user, year, version);
    await this.record(user, report, 'pdf');
    return {
      body: await renderAnnualReportPdf(report),
      ...names(report, 'pdf'),
      contentType: 'application/pdf',
    };
  }

  private record(user: AuthUser, report: AnnualReportView, format: string) {
    return this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: ANNUAL_REPORT_RECORD_TYPE,
      recordId: report.id,
      filter: { year: report.year, version: report.version, format },
    });
  }
}

const names = (report: AnnualReportView, ext: string) => ({
  filename: `annual-report-${report.year}-v${report.version}.${ext}`,
  localFilename: `${report.year}년_적극행정_추진실적_${report.organisationName}_제${report.version}판.${ext}`,
});
