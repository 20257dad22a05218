import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError } from '@gwaje/common';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { ContestAccess } from './contest-access.js';
import { ContestEntriesService } from './contest-entries.service.js';
import type { ContestEntryState } from './contest-workflow.js';

export const CONTEST_EXPORT_SHEETS = ['entries', 'scores', 'results'] as const;
export type ContestExportSheet = (typeof CONTEST_EXPORT_SHEETS)[number];

export const ENTRY_STATE_LABELS: Record<ContestEntryState, string> = {
  SUBMITTED: '접수 대기',
  ACCEPTED: '접수',
  REJECTED: '반려',
  AWARDED: '수상',
  NOT_AWARDED: '미수상',
};

type Cell = string | number;
interface Sheet {
  name: string;
  headers: string[];
  rows: Cell[][];
}

/**
 * Entries, score sheets and results of a contest round as XLSX with Korean headers (one sheet
 * each, or the one asked for). Scores and awards are personnel data: the organiser's office and
 * auditors only, with a stated reason stored in the access log (SECURITY.md), as the evaluation
 * export does.
 */
@Injectable()
export class ContestExportService {
  constructor(
    private readonly access: ContestAccess,
    private readonly entries: ContestEntriesService,
    private readonly accessLog: AccessLogService,
    private readonly policy: AccessPolicy,
  ) {}

  async export(
    user: AuthUser,
    roundId: string,
    input: { sheet?: ContestExportSheet; reason: string },
  ): Promise<{ filename: string; localFilename: string; contentType: string; body: Buffer }> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.AUDITOR))
      throw DomainError.forbidden();
    const round = await this.access.readableRound(user, roundId);
    const rel = await this.access.relation(user, round);
    if (!rel.full) throw DomainError.forbidden();
    const rows = await this.access.readableEntries(user, 'e.round_id = $X', [roundId]);
    const views = await this.entries.views(user, round, rows);
    const fieldLabel = new Map(round.fields.map((f) => [f.key, f.label]));
    const criteria = round.criteria;
    const sheets: Record<ContestExportSheet, Sheet> = {
      entries: {
        name: '출품작',
        headers: [
          '분야',
          '사례명',
          '출품 기관',
          '부서',
          '공무원',
          '상태',
          '반려 사유',
          '출품일',
          '하위 대회 출처',
        ],
        rows: views.map((v) => [
          fieldLabel.get(v.field) ?? v.field,
          v.title,
          v.entrantOrganisationName,
          v.departmentName,
          v.officials.map((o) => o.name).join(', '),
          ENTRY_STATE_LABELS[v.status],
          v.rejectionReason ?? '',
          seoulDate(new Date(v.submittedAt)),
          v.advancedFrom ? `${v.advancedFrom.organisationName} ${v.advancedFrom.roundTitle}` : '',
        ]),
      },
      scores: {
        name: '심사 점수',
        headers: [
          '분야',
          '사례명',
          '출품 기관',
          '심사위원',
          ...criteria.map((c) => `${c.label}(${c.weight})`),
          '합계',
        ],
        rows: views.flatMap((v) =>
          (v.sheets ?? []).map((s) => [
            fieldLabel.get(v.field) ?? v.field,
            v.title,
            v.entrantOrganisationName,
            s.memberName,
            ...criteria.map((c) => s.scores[c.key] ?? ''),
            s.total,
          ]),
        ),
      },
      results: {
        name: '결과',
        headers: [
          '분야',
          '순위',
          '사례명',
          '출품 기관',
          '최종 점수',
          '시상',
          '표창',
          '포상금(원)',
          '근평 가점',
          '상위 대회 진출',
          '상위 대회 결과',
        ],
        rows: views
          .filter((v) => v.result?.rank)
          .sort((a, b) => a.field.localeCompare(b.field) || a.result!.rank! - b.result!.rank!)
          .map((v) => [
            fieldLabel.get(v.field) ?? v.field,
            v.result!.rank!,
            v.title,
            v.entrantOrganisationName,
            v.result!.finalScore ?? '',
            v.result!.award?.award ?? '',
            v.result!.award?.commendation ?? '',
            v.result!.award?.prizeKrw ?? 0,
            v.result!.award?.bonusPoints ?? 0,
            v.result!.advances ? '진출' : '',
            v.advancedTo?.rank
              ? `${v.advancedTo.rank}위 ${v.advancedTo.award?.award ?? ''}`.trim()
              : '',
          ]),
      },
    };
    const chosen = input.sheet
      ? [sheets[input.sheet]]
      : CONTEST_EXPORT_SHEETS.map((s) => sheets[s]);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.EXPORT,
      recordType: 'contest_round',
      recordId: roundId,
      filter: { format: 'xlsx', sheet: input.sheet ?? null },
      reason: input.reason,
    });
    const workbook = new ExcelJS.Workbook();
    for (const sheet of chosen) {
      const ws = workbook.addWorksheet(sheet.name);
      ws.addRow(sheet.headers).font = { bold: true };
      for (const row of sheet.rows) ws.addRow(row);
      ws.columns.forEach((c) => (c.width = 18));
    }
    return {
      filename: `contest-${round.year}-${input.sheet ?? 'all'}.xlsx`,
      localFilename: `${round.year} ${round.title} ${chosen.map((s) => s.name).join('·')}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }
}
