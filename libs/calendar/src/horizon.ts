import type { LocalText } from '@gwaje/common';
import { HOLIDAY_YEARS } from './holidays.js';

/** How long before the holiday package's data ends that administrators are warned (issue 25). */
export const HORIZON_WARNING_MONTHS = 9;

export interface HolidayHorizon {
  /** The last day whose holidays are known (31 December of the package's last year). */
  dataUntil: string;
  /** The first year without data: every deadline in it is refused until the package is upgraded. */
  firstMissingYear: number;
  /** From this day on the warning shows: `dataUntil` is within 9 months. */
  warnFrom: string;
  warning: LocalText | null;
}

/** The same day `months` months earlier, or the month's last day when it has no such day. */
function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Where the package's holiday data ends, seen on `today`: a warning once that end is within
 * HORIZON_WARNING_MONTHS (2027-12-31 warns from 2027-03-31), so the package is upgraded before
 * the next year's reporting calendar is needed.
 */
export function holidayHorizon(
  today: string,
  lastYear: number = HOLIDAY_YEARS.last,
): HolidayHorizon {
  const dataUntil = `${lastYear}-12-31`;
  const warnFrom = monthsBefore(dataUntil, HORIZON_WARNING_MONTHS);
  const next = lastYear + 1;
  return {
    dataUntil,
    firstMissingYear: next,
    warnFrom,
    warning:
      today >= warnFrom
        ? {
            ko: `공휴일 자료가 ${dataUntil}까지만 있습니다. ${next}년 기한을 계산하려면 공휴일 패키지(@hyunbinseo/holidays-kr)를 갱신하세요.`,
            en: `Public holiday data ends on ${dataUntil}. Upgrade the holiday package (@hyunbinseo/holidays-kr) before deadlines in ${next} are needed.`,
          }
        : null,
  };
}
