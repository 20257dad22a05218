import type { ErrorDetail, LocalText } from '@gwaje/common';

/**
 * The pure arithmetic of a contest round (경진대회, DOMAIN.md §9): its fields, criteria, award table
 * (rank range → award, 표창 level, 포상금, 근평 가점, advances to the next level), ranking per field,
 * the awards that ranks earn, the prize total against the round's budget, and how a prize is shared
 * among the officials an entry names.
 */

/** A field of a round (정부혁신, 적극행정, …). */
export interface ContestField {
  key: string;
  label: string;
}

/** One row of a round's award table. `field` null: the row applies to every field. */
export interface AwardRow {
  fromRank: number;
  toRank: number;
  field: string | null;
  /** 최우수 · 우수 · 장려 · … */
  award: string;
  /** e.g. 도지사 표창, 장관 표창; null when the award carries none */
  commendation: string | null;
  /** 포상금 per entry, in KRW */
  prizeKrw: number;
  /** 근무성적평정 가점 per named official (e.g. 0.3) */
  bonusPoints: number;
  /** Whether the entry goes on to the next level's contest (e.g. 행정안전부 전국 경진대회). */
  advances: boolean;
}

/**
 * The upper bound of a 근평 가점 in one award. 지방공무원 평정규칙 caps the sum of 가점 of an
 * official at 5 points; one award never gives more than that (the evaluation grade table uses
 * the same bound).
 */
export const MAX_BONUS_POINTS = 5;
/** A 포상금 of one award above 100,000,000 KRW is a typing error, not a contest. */
export const MAX_PRIZE_KRW = 100_000_000;
export const MAX_RANK = 1000;

const detail = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});

/** Why a list of fields is not valid: 1–10 fields, keys camelCase and unique, labels 1–50 chars. */
export function fieldsProblems(fields: readonly ContestField[], at = 'fields'): ErrorDetail[] {
  if (fields.length < 1 || fields.length > 10)
    return [
      detail(at, 'count', { ko: '분야는 1개부터 10개까지입니다.', en: 'must list 1 to 10 fields' }),
    ];
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.key))
      out.push(
        detail(`${at}.${i}.key`, 'unique', {
          ko: '분야 key가 중복됩니다.',
          en: 'field keys must be unique',
        }),
      );
    seen.add(f.key);
  });
  return out;
}

/**
 * Why an award table is not valid against the round's fields: ranks 1..MAX_RANK with fromRank ≤
 * toRank; a row's field one of the round's (or null for all); amounts 0..MAX_PRIZE_KRW whole won;
 * bonus 0..MAX_BONUS_POINTS in hundredths; and no two rows that could apply to the same rank of the
 * same field (an all-fields row overlaps every field's rows).
 */
export function awardTableProblems(
  rows: readonly AwardRow[],
  fieldKeys: readonly string[],
  at = 'awardTable',
): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (rows.length > 50)
    out.push(
      detail(at, 'count', { ko: '시상 기준은 50행까지입니다.', en: 'at most 50 award rows' }),
    );
  rows.forEach((r, i) => {
    const p = `${at}.${i}`;
    if (!Number.isInteger(r.fromRank) || r.fromRank < 1 || r.fromRank > MAX_RANK)
      out.push(
        detail(`${p}.fromRank`, 'range', {
          ko: `순위는 1부터 ${MAX_RANK}까지의 정수입니다.`,
          en: `must be an integer from 1 to ${MAX_RANK}`,
        }),
      );
    if (!Number.isInteger(r.toRank) || r.toRank < r.fromRank || r.toRank > MAX_RANK)
      out.push(
        detail(`${p}.toRank`, 'range', {
          ko: '끝 순위는 시작 순위 이상이어야 합니다.',
          en: `must be an integer from fromRank to ${MAX_RANK}`,
        }),
      );
    if (r.field !== null && !fieldKeys.includes(r.field))
      out.push(
        detail(`${p}.field`, 'unknownField', {
          ko: '회차의 분야 중 하나이거나 비워야(전 분야) 합니다.',
          en: 'must be one of the round’s field keys, or null for every field',
        }),
      );
    if (!Number.isInteger(r.prizeKrw) || r.prizeKrw < 0 || r.prizeKrw > MAX_PRIZE_KRW)
      out.push(
        detail(`${p}.prizeKrw`, 'range', {
          ko: `포상금은 0원 이상 ${MAX_PRIZE_KRW.toLocaleString('ko-KR')}원 이하의 정수입니다.`,
          en: `must be a whole number of won from 0 to ${MAX_PRIZE_KRW}`,
        }),
      );
    if (
      !Number.isFinite(r.bonusPoints) ||
      r.bonusPoints < 0 ||
      r.bonusPoints > MAX_BONUS_POINTS ||
      Math.round(r.bonusPoints * 100) !== r.bonusPoints * 100
    )
      out.push(
        detail(`${p}.bonusPoints`, 'range', {
          ko: `근평 가점은 0부터 ${MAX_BONUS_POINTS}까지(소수 둘째 자리까지)입니다.`,
          en: `must be from 0 to ${MAX_BONUS_POINTS} in hundredths`,
        }),
      );
  });
  for (let i = 0; i < rows.length; i++)
    for (let j = 0; j < i; j++) {
      const a = rows[i];
      const b = rows[j];
      const sameScope = a.field === null || b.field === null || a.field === b.field;
      if (sameScope && a.fromRank <= b.toRank && b.fromRank <= a.toRank)
        out.push(
          detail(`${at}.${i}`, 'overlap', {
            ko: `${j + 1}행과 순위 구간이 겹칩니다.`,
            en: `overlaps row ${j} for the same field`,
          }),
        );
    }
  return out;
}

/** The award row a rank of a field earns, or null. */
export function awardFor(rows: readonly AwardRow[], field: string, rank: number): AwardRow | null {
  return (
    rows.find(
      (r) => (r.field === null || r.field === field) && r.fromRank <= rank && rank <= r.toRank,
    ) ?? null
  );
}

/** What ranking needs of an entry: its field, final score, tie-break score and submission. */
export interface Rankable {
  id: string;
  field: string;
  finalScore: number;
  /** The mean of the round's first (heaviest-listed) criterion: the first tie-break. */
  tieBreak: number;
  submittedAt: Date;
}

/**
 * Ranks per field, 1..n without shared places (an award goes to a rank): higher final score first,
 * then the higher first-criterion mean, then the earlier submission, then the id, so the order is
 * the same every time.
 */
export function rankPerField<T extends Rankable>(entries: readonly T[]): Map<string, number> {
  const byField = new Map<string, T[]>();
  for (const e of entries) byField.set(e.field, [...(byField.get(e.field) ?? []), e]);
  const ranks = new Map<string, number>();
  for (const list of byField.values()) {
    const sorted = [...list].sort(
      (a, b) =>
        b.finalScore - a.finalScore ||
        b.tieBreak - a.tieBreak ||
        a.submittedAt.getTime() - b.submittedAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    sorted.forEach((e, i) => ranks.set(e.id, i + 1));
  }
  return ranks;
}

/** The mean of the judges' totals, to two decimals; null without a sheet. */
export function meanTotal(totals: readonly number[]): number | null {
  if (!totals.length) return null;
  return Math.round((totals.reduce((s, t) => s + t, 0) / totals.length) * 100) / 100;
}

export interface BudgetCheck {
  prizeTotalKrw: number;
  budgetKrw: number;
  withinBudget: boolean;
}

/** The prize money the awards pay in all, against the budget. */
export function budgetCheck(
  awards: ReadonlyArray<{ prizeKrw: number }>,
  budgetKrw: number,
): BudgetCheck {
  const prizeTotalKrw = awards.reduce((s, a) => s + a.prizeKrw, 0);
  return { prizeTotalKrw, budgetKrw, withinBudget: prizeTotalKrw <= budgetKrw };
}

/**
 * An entry's 포상금 shared among the officials it names: equal whole-won shares, the remainder to
 * the first named (so the shares add up to the prize exactly). No officials: nothing to share.
 */
export function prizeShares(prizeKrw: number, officials: number): number[] {
  if (officials < 1) return [];
  const base = Math.floor(prizeKrw / officials);
  const rest = prizeKrw - base * officials;
  return Array.from({ length: officials }, (_, i) => base + (i === 0 ? rest : 0));
}
