// The years and quarters the programme pages show: pure, so they can be tested without a browser.
import { seoulToday } from '../../format';

/** This year in Seoul. */
export const thisYear = (today: string = seoulToday()) => Number(today.slice(0, 4));

/** The year in `?year=` (this year when missing, not a whole number or out of 2000–2100). */
export function yearParam(sp: URLSearchParams, today: string = seoulToday()): number {
  const raw = sp.get('year');
  const y = raw === null || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear(today);
}

/** The last quarter that ended before `today` (YYYY-MM-DD, Seoul): in January, the year before's Q4. */
export function lastQuarter(today: string = seoulToday()): { year: number; quarter: number } {
  const [y, m] = today.split('-').map(Number);
  const current = Math.ceil(m / 3);
  return current === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: current - 1 };
}
