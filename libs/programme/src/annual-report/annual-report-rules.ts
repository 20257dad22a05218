import type { AnnualFigure } from '@gwaje/annual-figures';

/**
 * Rules of the annual 적극행정 추진실적 report (issue 22 part 7): its lifecycle and how figures read.
 * Pure functions, unit-tested.
 */

export const ANNUAL_REPORT_RECORD_TYPE = 'annual_report';

export const AnnualReportStatus = { DRAFT: 'DRAFT', SUBMITTED: 'SUBMITTED' } as const;
export type AnnualReportStatus = (typeof AnnualReportStatus)[keyof typeof AnnualReportStatus];
export const ANNUAL_REPORT_STATUSES = Object.values(AnnualReportStatus);

export const ANNUAL_REPORT_STATUS_LABELS: Record<AnnualReportStatus, string> = {
  DRAFT: '작성(미제출)',
  SUBMITTED: '상급기관 제출',
};

/** What the caller may do to a version: generate a newer one, or submit this one upward. */
export type AnnualReportAction = 'generate' | 'submit';

export interface AnnualReportFacts {
  status: AnnualReportStatus;
  /** This version is the organisation's latest of the year. */
  latest: boolean;
}

/**
 * The proactive office generates (a new version, always) and submits the latest version while it
 * is a draft; anyone else reads only. A submitted version stays submitted: regenerating makes a
 * new draft version, which may be submitted in turn.
 */
export function allowedAnnualReportActions(
  isOffice: boolean,
  facts: AnnualReportFacts,
): AnnualReportAction[] {
  if (!isOffice) return [];
  const actions: AnnualReportAction[] = ['generate'];
  if (facts.latest && facts.status === 'DRAFT') actions.push('submit');
  return actions;
}

/** The unit's Korean suffix. */
const SUFFIX: Record<AnnualFigure['unit'], string> = {
  COUNT: '건',
  PEOPLE: '명',
  SHARE: '%',
  DAYS: '일',
  HOURS: '시간',
  WON: '원',
};

export const UNIT_LABELS: Record<AnnualFigure['unit'], string> = {
  COUNT: '건',
  PEOPLE: '명',
  SHARE: '비율(%)',
  DAYS: '일',
  HOURS: '시간',
  WON: '원',
};

/**
 * A figure as a person reads it in the PDF: `7건`, `3명`, `77.8%` (a 0–1 share in percent, one
 * decimal), `1.3일`, `1,200,000원`; `-` when it cannot be computed (null).
 */
export function formatFigure(value: number | null, unit: AnnualFigure['unit']): string {
  if (value === null) return '-';
  if (unit === 'SHARE') return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
  const n =
    unit === 'DAYS' || unit === 'HOURS'
      ? String(Math.round(value * 10) / 10)
      : value.toLocaleString('ko-KR');
  return `${n}${SUFFIX[unit]}`;
}
