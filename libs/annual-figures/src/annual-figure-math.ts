import { addDays, isBusinessDay } from '@gwaje/calendar';

/**
 * The arithmetic every annual-report section shares, so the figures of different capabilities round
 * alike: shares are 0–1 with four decimals, averages one decimal, and a share or an average of
 * nothing is null (not computable), never 0.
 */

/** part / whole, four decimals (0.7778); null when whole is 0. */
export function shareOf(part: number, whole: number): number | null {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || part < 0 || whole < 0)
    throw new RangeError(`share of ${part} in ${whole}`);
  if (whole === 0) return null;
  return Math.round((part / whole) * 10000) / 10000;
}

/** The mean with one decimal; null for no values. */
export function averageOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return Math.round((sum / values.length) * 10) / 10;
}

/**
 * Business days (weekends and Korean public holidays excluded) after `from` up to and including
 * `to` (both YYYY-MM-DD, Asia/Seoul): a request of Friday answered on Monday took 1, one answered
 * the same day 0. `to` before `from` is 0. Throws CALENDAR_UNAVAILABLE for a year without holidays.
 */
export function businessDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isBusinessDay(day)) n++;
  return n;
}
