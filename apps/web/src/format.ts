// Korean formats (UI.md): dates as `2026. 11. 22.` in text and `2026-11-22` in inputs, times in
// Asia/Seoul, money as `200,000원`. Pure functions (unit-tested in format.spec.ts).
const ZONE = 'Asia/Seoul';

const parts = (value: Date, options: Intl.DateTimeFormatOptions) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, hourCycle: 'h23', ...options })
      .formatToParts(value)
      .map((p) => [p.type, p.value]),
  );

const toDate = (value: string | Date): Date =>
  // A bare date (2026-11-22) is a Seoul calendar day, not UTC midnight.
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T00:00:00+09:00`)
    : new Date(value);

/** `2026. 11. 22.` — a calendar day in Seoul. Empty for null. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parts(toDate(value), { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}. ${p.month}. ${p.day}.`;
}

/** `2026. 11. 22. 14:05` in Seoul time. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parts(toDate(value), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${p.year}. ${p.month}. ${p.day}. ${p.hour}:${p.minute}`;
}

/** `2026-11-22`: the value of a date input for a day in Seoul. */
export function isoDate(value: string | Date): string {
  const p = parts(toDate(value), { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today's date in Seoul, as `2026-11-22`. */
export function seoulToday(now: Date = new Date()): string {
  return isoDate(now);
}

/** `200,000원` in Korean, `KRW 200,000` in English. */
export function formatWon(amount: number | null | undefined, language: 'ko' | 'en' = 'ko'): string {
  if (amount === null || amount === undefined) return '';
  const n = new Intl.NumberFormat('ko-KR').format(amount);
  return language === 'en' ? `KRW ${n}` : `${n}원`;
}

/** `77.8%` from a ratio (0.778) or an already-percent value with `isPercent`. */
export function formatPercent(
  value: number | null | undefined,
  { isPercent = false, digits = 1 } = {},
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const pct = isPercent ? value : value * 100;
  return `${pct.toFixed(digits).replace(/\.0+$/, '')}%`;
}
