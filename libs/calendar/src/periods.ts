import { nthBusinessDayAfter } from './business-days.js';

/** How often progress is reported (DOMAIN.md §3). */
export const ReportingCadence = {
  MONTHLY: 'MONTHLY',
  QUARTERLY: 'QUARTERLY',
  HALF_YEARLY: 'HALF_YEARLY',
} as const;
export type ReportingCadence = (typeof ReportingCadence)[keyof typeof ReportingCadence];
export const REPORTING_CADENCES = Object.values(ReportingCadence);

export interface ReportingPeriod {
  /** 2026-Q2, 2026-M07 or 2026-H1 */
  period: string;
  year: number;
  cadence: ReportingCadence;
  /** First and last day, inclusive. */
  start: string;
  end: string;
}

export interface ReportingPeriodWithDue extends ReportingPeriod {
  /** The N-th business day after the period ends. */
  dueDate: string;
}

const MONTHS_PER_PERIOD: Record<ReportingCadence, number> = {
  MONTHLY: 1,
  QUARTERLY: 3,
  HALF_YEARLY: 6,
};
const LETTER: Record<ReportingCadence, string> = { MONTHLY: 'M', QUARTERLY: 'Q', HALF_YEARLY: 'H' };
const PERIOD_LABEL = /^(\d{4})-(?:M(0[1-9]|1[0-2])|Q([1-4])|H([12]))$/;

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

function periodAt(year: number, cadence: ReportingCadence, index: number): ReportingPeriod {
  const months = MONTHS_PER_PERIOD[cadence];
  const firstMonth = (index - 1) * months + 1;
  const lastMonth = firstMonth + months - 1;
  return {
    period: `${year}-${LETTER[cadence]}${cadence === 'MONTHLY' ? pad(index) : index}`,
    year,
    cadence,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
  };
}

/** The periods of a year in order. */
export function periodsOfYear(year: number, cadence: ReportingCadence): ReportingPeriod[] {
  const count = 12 / MONTHS_PER_PERIOD[cadence];
  return Array.from({ length: count }, (_, i) => periodAt(year, cadence, i + 1));
}

/** The period a label names, or null when it is not a period label. */
export function parsePeriod(label: string): ReportingPeriod | null {
  const m = PERIOD_LABEL.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return periodAt(year, ReportingCadence.MONTHLY, Number(m[2]));
  if (m[3]) return periodAt(year, ReportingCadence.QUARTERLY, Number(m[3]));
  return periodAt(year, ReportingCadence.HALF_YEARLY, Number(m[4]));
}

/** A period's report is due on the N-th business day after it ends (DOMAIN.md §3). */
export function withDueDate(
  period: ReportingPeriod,
  dueBusinessDays: number,
): ReportingPeriodWithDue {
  return { ...period, dueDate: nthBusinessDayAfter(period.end, dueBusinessDays) };
}
