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

/** Business days after `from` up to and including `to`: the calendar's count (declared days included). */
export { businessDaysBetween } from '@gwaje/calendar';
