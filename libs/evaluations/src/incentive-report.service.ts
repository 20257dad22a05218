import { Injectable } from '@nestjs/common';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import type { AuthUser } from '@gwaje/identity';
import {
  ALL_INCENTIVE_STATUSES,
  ALL_INCENTIVE_TYPES,
  type IncentiveStatus,
  type IncentiveType,
  type RoundKind,
  type RoundStatus,
} from './evaluation.entity.js';
import { incentiveReportFigures, MAJOR_INCENTIVES } from './incentive-rules.js';
import { EvaluationsService } from './evaluations.service.js';

export interface IncentiveReport {
  roundId: string;
  year: number;
  kind: RoundKind;
  title: string;
  status: RoundStatus;
  incentivesMin: number;
  /** Distinct selected officials (CONFIRMED OFFICIAL, TEAM or FAILURE_CASE nominations above the last grade band). */
  selectedOfficials: number;
  /** Grants not cancelled, per incentive type (every type listed, zeros included). */
  byType: Array<{ incentiveType: IncentiveType; count: number }>;
  /** Every grant per HR execution status (GRANTED, EXECUTED, CANCELLED). */
  byStatus: Array<{ status: IncentiveStatus; count: number }>;
  major: {
    /** 특별승진, 특별승급, 성과상여금 최고등급 */
    types: IncentiveType[];
    /** Selected officials holding at least one of them (not cancelled). */
    officials: number;
    /** officials / selectedOfficials, four decimals (0 when nobody is selected). */
    share: number;
    /** The same in percent, one decimal. */
    sharePercent: number;
  };
  /** Selected officials holding fewer than incentivesMin incentives (not cancelled). */
  belowMinimum: Array<{ userId: string; name: string; granted: number }>;
}

/**
 * The per-round incentive report (적극행정 우수공무원 인사상 우대 실적): incentives by type, the share
 * of selected officials with one of the statute's major incentives, HR execution status, and who
 * is still below the minimum. Read by PROACTIVE_OFFICE and AUDITOR with the round's scoping (the
 * same access as the incentive list it is computed from).
 */
@Injectable()
export class IncentiveReportService {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly accessLog: AccessLogService,
  ) {}

  async report(user: AuthUser, roundId: string): Promise<IncentiveReport> {
    const incentives = await this.evaluations.incentives(user, roundId);
    const round = await this.evaluations.getRound(user, roundId);
    const names = new Map(incentives.officials.map((o) => [o.userId, o.name]));
    const f = incentiveReportFigures(
      incentives.officials.map((o) => o.userId),
      incentives.grants,
      incentives.min,
    );
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: 'evaluation_round',
      recordId: roundId,
      filter: { view: 'incentive-report' },
    });
    return {
      roundId,
      year: round.year,
      kind: round.kind,
      title: round.title,
      status: round.status,
      incentivesMin: incentives.min,
      selectedOfficials: f.selectedOfficials,
      byType: ALL_INCENTIVE_TYPES.map((t) => ({ incentiveType: t, count: f.byType[t] })),
      byStatus: ALL_INCENTIVE_STATUSES.map((s) => ({ status: s, count: f.byStatus[s] })),
      major: {
        types: [...MAJOR_INCENTIVES],
        officials: f.withMajorIncentive,
        share: f.majorShare,
        sharePercent: f.majorSharePercent,
      },
      belowMinimum: f.belowMinimum.map((b) => ({
        userId: b.userId,
        name: names.get(b.userId) ?? '',
        granted: b.granted,
      })),
    };
  }
}
