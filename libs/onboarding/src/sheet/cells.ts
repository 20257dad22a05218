import type { LocalText } from '@gwaje/common';
import { isEmail } from 'class-validator';

/**
 * A cell as the readers hand it over: CSV cells are text; XLSX cells keep their type (exceljs
 * gives date cells as a Date at UTC midnight of the day the sheet shows, formulas by their
 * result, hyperlinks and rich text by their text).
 */
export type CellValue = string | number | boolean | Date | { error: string } | null;

/** What a cell held, or why it cannot be used. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: LocalText };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: string, message: LocalText): Parsed<T> => ({ ok: false, code, message });

export const isErrorCell = (v: CellValue): v is { error: string } =>
  typeof v === 'object' && v !== null && !(v instanceof Date);

/** Text as stored: NFC, no surrounding white space, no control characters but tab and line breaks. */
export function cleanText(raw: string): string {
  return (
    raw
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\r\n?/g, '\n')
      .trim()
  );
}

/** A calendar date (Y-M-D) as the API writes it. */
const ymd = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * The day an XLSX date cell shows. exceljs turns the serial number (a day count with no time
 * zone) into the instant of that wall-clock time in UTC, so the day is read in UTC: converting it
 * to Asia/Seoul would move an evening time to the next day.
 */
export function dateOfCell(d: Date): string {
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 1899-12-30: day 0 of Excel's 1900 date system (its 1900 leap-day bug included); 1904-01-01 else. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;

/** A date serial number (a date typed into a cell without a date format) as its day. */
export function dateOfSerial(serial: number, date1904 = false): string {
  const at = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.floor(serial) * DAY_MS);
  return dateOfCell(at);
}

/** The text of any cell: dates as YYYY-MM-DD, numbers as written, true/false as TRUE/FALSE. */
export function textOf(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return cleanText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateOfCell(v);
  return '';
}

export const isBlank = (v: CellValue): boolean => !isErrorCell(v) && textOf(v) === '';

/** Compared without spaces and case: "부서 직원" = "부서직원", "staff" = "STAFF". */
export const squash = (s: string): string => s.normalize('NFC').replace(/\s+/g, '').toLowerCase();

const ERROR_CELL: LocalText = {
  ko: '셀에 수식 오류 값이 있습니다. 값을 직접 입력하세요.',
  en: 'the cell holds a formula error; type the value instead',
};

export function parseText(v: CellValue, max: number): Parsed<string> {
  if (isErrorCell(v)) return fail('formulaError', ERROR_CELL);
  if (v instanceof Date)
    return fail('dateNotText', {
      ko: '날짜로 바뀐 값입니다. 셀 서식을 텍스트로 바꾸고 다시 입력하세요.',
      en: 'the value became a date; format the cell as text and type it again',
    });
  const text = textOf(v);
  if ([...text].length > max)
    return fail('maxLength', {
      ko: `${max}자 이하로 입력하세요.`,
      en: `must be at most ${max} characters`,
    });
  return ok(text);
}

/**
 * A date: an XLSX date cell, a date serial number, or text as YYYY-MM-DD (also 2026.3.1,
 * 2026. 3. 1. as Korean documents and the exports write it, 2026/3/1), checked to be a real day.
 */
export function parseDate(v: CellValue, date1904 = false): Parsed<string> {
  const bad = fail<string>('date', {
    ko: '날짜를 YYYY-MM-DD 형식(예: 2026-03-31)으로 입력하세요.',
    en: 'must be a date as YYYY-MM-DD (e.g. 2026-03-31)',
  });
  if (isErrorCell(v)) return fail('formulaError', ERROR_CELL);
  let day: string;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad;
    day = dateOfCell(v);
  } else if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 2_958_465) return bad;
    day = dateOfSerial(v, date1904);
  } else if (typeof v === 'string') {
    const m = /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?$/.exec(cleanText(v));
    if (!m) return bad;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const at = new Date(Date.UTC(y, mo - 1, d));
    if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) {
      return fail('date', {
        ko: `${m[1]}-${m[2]}-${m[3]}은(는) 없는 날짜입니다.`,
        en: `${m[1]}-${m[2]}-${m[3]} is not a real date`,
      });
    }
    day = ymd(y, mo, d);
  } else return bad;
  const year = Number(day.slice(0, 4));
  if (year < 2000 || year > 2100)
    return fail('dateRange', {
      ko: '2000년부터 2100년 사이의 날짜여야 합니다.',
      en: 'must be a date between 2000 and 2100',
    });
  return ok(day);
}

/** A number: a number cell, or text with optional thousands separators ("1,200", "3.5"). */
export function parseNumber(
  v: CellValue,
  range: { min: number; max: number; decimals: number; minInclusive?: boolean },
): Parsed<number> {
  if (isErrorCell(v)) return fail('formulaError', ERROR_CELL);
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(cleanText(v)))
    n = Number(cleanText(v).replace(/,/g, ''));
  else
    return fail('number', {
      ko: '숫자를 입력하세요.',
      en: 'must be a number',
    });
  const minOk = range.minInclusive === false ? n > range.min : n >= range.min;
  if (!Number.isFinite(n) || !minOk || n > range.max)
    return fail('range', {
      ko: `${range.minInclusive === false ? `${range.min}보다 크고` : `${range.min} 이상`} ${range.max} 이하인 숫자를 입력하세요.`,
      en: `must be a number ${range.minInclusive === false ? `above ${range.min}` : `from ${range.min}`} up to ${range.max}`,
    });
  const scaled = n * 10 ** range.decimals;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6)
    return fail('decimals', {
      ko: `소수점 아래 ${range.decimals}자리까지 입력할 수 있습니다.`,
      en: `at most ${range.decimals} decimal places`,
    });
  return ok(Number(n.toFixed(range.decimals)));
}

/** A whole number (a year): a number cell or digits. */
export function parseInteger(v: CellValue, min: number, max: number): Parsed<number> {
  const n = parseNumber(v, { min, max, decimals: 0 });
  if (!n.ok && n.code === 'decimals')
    return fail('integer', { ko: '정수를 입력하세요.', en: 'must be a whole number' });
  return n;
}

const YES = new Set(['예', '네', 'y', 'yes', 'true', '1', 'o', '○', '√', 'v']);
const NO = new Set(['아니요', '아니오', 'n', 'no', 'false', '0', 'x', '×', '']);

/** 예/아니요 (also Y/N, O/X, TRUE/FALSE, 1/0); a blank cell is 아니요. */
export function parseYesNo(v: CellValue): Parsed<boolean> {
  if (isErrorCell(v)) return fail('formulaError', ERROR_CELL);
  if (typeof v === 'boolean') return ok(v);
  const s = squash(textOf(v));
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return fail('yesNo', {
    ko: '예 또는 아니요로 입력하세요.',
    en: 'must be 예 (yes) or 아니요 (no)',
  });
}

/**
 * One of a fixed set of values, by its Korean label or its code ("과" or "DIVISION"), compared
 * without spaces and case.
 */
export function parseChoice<C extends string>(
  v: CellValue,
  labels: Readonly<Record<C, string>>,
  aliases: Readonly<Record<string, C>> = {},
): Parsed<C> {
  if (isErrorCell(v)) return fail('formulaError', ERROR_CELL);
  const s = squash(textOf(v));
  for (const [code, label] of Object.entries(labels) as Array<[C, string]>) {
    if (squash(label) === s || code.toLowerCase() === s) return ok(code);
  }
  for (const [alias, code] of Object.entries(aliases)) if (squash(alias) === s) return ok(code);
  const allowed = Object.values<string>(labels).join(', ');
  return fail('allowedValue', {
    ko: `다음 중 하나로 입력하세요: ${allowed}`,
    en: `must be one of: ${allowed} (or its code: ${Object.keys(labels).join(', ')})`,
  });
}

/** Several values of a set in one cell, separated by commas, semicolons or line breaks. */
export function parseChoices<C extends string>(
  v: CellValue,
  labels: Readonly<Record<C, string>>,
): Parsed<C[]> {
  if (isErrorCell(v)) return fail('formulaError', ERROR_CELL);
  const parts = textOf(v)
    .split(/[,;\n、]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: C[] = [];
  for (const part of parts) {
    const one = parseChoice(part, labels);
    if (!one.ok)
      return fail('allowedValue', {
        ko: `「${part}」은(는) 알 수 없는 값입니다. 다음 중에서 쉼표로 나누어 입력하세요: ${Object.values<string>(labels).join(', ')}`,
        en: `"${part}" is not known; list values of ${Object.keys(labels).join(', ')} separated by commas`,
      });
    if (!out.includes(one.value)) out.push(one.value);
  }
  return ok(out);
}

/** An e-mail address as accounts store it: trimmed, lower case, the API's own check. */
export function parseEmail(v: CellValue): Parsed<string> {
  if (isErrorCell(v)) return fail('formulaError', ERROR_CELL);
  const s = textOf(v)
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (s.length > 254 || !isEmail(s))
    return fail('email', {
      ko: '올바른 이메일 주소를 입력하세요.',
      en: 'must be a valid e-mail address',
    });
  return ok(s);
}
