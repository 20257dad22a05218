import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import type { AuthUser } from '@gwaje/identity';
import { TASK_STATUS_LABELS, type TaskStatus } from '@gwaje/tasks';
import type { CollaborationFilter } from './collaboration-query.js';
import type { CollaborationSummary } from './collaboration-views.js';
import { COLLABORATION_RECORD_TYPE, CollaborationsService } from './collaborations.service.js';

export const COLLABORATION_EXPORT_HEADERS: readonly string[] = [
  '과제번호',
  '연도',
  '과제명',
  '구분',
  '주관기관',
  '주관부서',
  '총괄기관',
  '상태',
  '추진률(%)',
  '지연 여부',
  '지연 단계 수',
  '참여기관 수',
  '합의 미완료 기관 수',
];

const row = (c: CollaborationSummary): Array<string | number> => [
  c.task.code,
  c.task.year,
  c.task.title,
  c.focus ? '중점 협업과제' : '기관관리 협업과제',
  c.leadOrganisation.name,
  c.task.leadDepartmentName,
  c.coordinatorOrganisation.name,
  TASK_STATUS_LABELS[c.task.status as TaskStatus] ?? c.task.status,
  c.task.progress,
  c.task.delayed ? '예' : '아니오',
  c.task.overdueMilestones,
  c.participantsCount,
  c.agreementsMissing,
];

/** The collaborations a user reads (the coordinator's view), filtered like the list, as one XLSX sheet. */
@Injectable()
export class CollaborationExportService {
  constructor(
    private readonly collaborations: CollaborationsService,
    private readonly accessLog: AccessLogService,
  ) {}

  async export(
    user: AuthUser,
    filter: CollaborationFilter,
  ): Promise<{ body: Buffer; filename: string; localFilename: string; contentType: string }> {
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: COLLABORATION_RECORD_TYPE,
      filter: { ...filter, format: 'xlsx' },
    });
    const rows = await this.collaborations.rowsForExport(user, filter);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('협업과제');
    sheet.addRow([...COLLABORATION_EXPORT_HEADERS]).font = { bold: true };
    for (const c of rows) sheet.addRow(row(c));
    sheet.columns.forEach((col, i) => {
      col.width = i === 2 ? 40 : 14;
    });
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const day = seoulDate();
    return {
      body,
      filename: `collaborations-${day}.xlsx`,
      localFilename: `협업과제-${day}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
}
