// The drafts behind the structured settings' forms (StructuredSetting.tsx): what is typed, kept as
// strings; `fromDraft` turns a draft into the value the API checks, or names what cannot be read.
import type { Schemas } from '../../api/client';

export type StructuredFormat = NonNullable<Schemas['SettingDto']['format']>;

export interface CriterionRow {
  key: string;
  label: string;
  weight: string;
}
export interface GradeRow {
  grade: string;
  label: string;
  count: string;
  bonusPoints: string;
  prizeKrw: string;
}
export interface MonthDay {
  month: string;
  day: string;
}
export type StructuredDraft = string | MonthDay | CriterionRow[] | GradeRow[];

/** A stored scalar as typed text (numbers and strings; anything else is empty). */
const text = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');
const asRows = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v)
    ? (v.filter((x) => x && typeof x === 'object') as Record<string, unknown>[])
    : [];

/** What the form shows for a stored value. */
export function toDraft(format: StructuredFormat, value: unknown): StructuredDraft {
  switch (format) {
    case 'dayList':
      return Array.isArray(value) ? value.join(', ') : '';
    case 'monthDay': {
      const [month = '', day = ''] = typeof value === 'string' ? value.split('-') : [];
      return { month, day };
    }
    case 'criteria':
      return asRows(value).map((c) => ({
        key: text(c.key),
        label: text(c.label),
        weight: text(c.weight),
      }));
    case 'grades':
      return asRows(value).map((g) => ({
        grade: text(g.grade),
        label: text(g.label),
        count: text(g.count),
        bonusPoints: text(g.bonusPoints),
        prizeKrw: text(g.prizeKrw),
      }));
  }
}

/** A number typed into a field, or NaN; an empty field is NaN too (the server names the rule). */
export const num = (s: string) => (s.trim() === '' ? NaN : Number(s.replace(/,/g, '').trim()));

/**
 * The value to send for a draft, or `problem` (a message key under settings.forms) when a field
 * holds something that is not a number. Everything else (ranges, totals) the server checks.
 */
export function fromDraft(
  format: StructuredFormat,
  draft: StructuredDraft,
): { value: unknown; problem?: string } {
  switch (format) {
    case 'dayList': {
      const parts = (draft as string).split(/[\s,]+/).filter(Boolean);
      const days = parts.map(Number);
      return days.every(Number.isFinite) ? { value: days } : { value: null, problem: 'notNumbers' };
    }
    case 'monthDay': {
      const { month, day } = draft as MonthDay;
      return month && day
        ? { value: `${month.padStart(2, '0')}-${day.padStart(2, '0')}` }
        : { value: null, problem: 'chooseDay' };
    }
    case 'criteria': {
      const rows = (draft as CriterionRow[]).map((r) => ({
        key: r.key,
        label: r.label.trim(),
        weight: num(r.weight),
      }));
      return rows.every((r) => Number.isFinite(r.weight))
        ? { value: rows }
        : { value: null, problem: 'notNumbers' };
    }
    case 'grades': {
      const list = draft as GradeRow[];
      const rows = list.map((r, i) => ({
        grade: r.grade,
        label: r.label.trim(),
        count: i === list.length - 1 ? null : num(r.count),
        bonusPoints: num(r.bonusPoints),
        prizeKrw: num(r.prizeKrw),
      }));
      const numbers = rows.flatMap((r) => [r.bonusPoints, r.prizeKrw, r.count ?? 0]);
      return numbers.every(Number.isFinite)
        ? { value: rows }
        : { value: null, problem: 'notNumbers' };
    }
  }
}

/** A criterion key not yet in `taken` (the server wants camelCase letters and digits). */
export function freeCriterionKey(taken: string[]): string {
  for (let n = taken.length + 1; ; n++)
    if (!taken.includes(`criterion${n}`)) return `criterion${n}`;
}

/** A grade code not yet in `taken` (the server wants capitals and underscores only). */
export function freeGradeCode(taken: string[]): string {
  for (let n = 0; ; n++) {
    let suffix = '';
    for (let k = n; k >= 0; k = Math.floor(k / 26) - 1)
      suffix = String.fromCharCode(65 + (k % 26)) + suffix;
    if (!taken.includes(`GRADE_${suffix}`)) return `GRADE_${suffix}`;
  }
}
