import type { Criterion, GradeBand } from '@gwaje/common';

/**
 * The scoring arithmetic of DOMAIN.md §5, as pure functions (the unit tests hold them to a worked
 * example). Scores are kept in hundredths internally so sums and means are exact.
 */

const hundredths = (n: number): number => Math.round(n * 100);

/** Why a member's sheet is not valid for the criteria: every criterion, each within 0..weight. */
export function sheetProblems(
  criteria: readonly Criterion[],
  sheet: Record<string, unknown>,
): Array<{ key: string; problem: 'missing' | 'range' | 'unknown' }> {
  const problems: Array<{ key: string; problem: 'missing' | 'range' | 'unknown' }> = [];
  for (const c of criteria) {
    const v = sheet[c.key];
    if (v === undefined || v === null) problems.push({ key: c.key, problem: 'missing' });
    else if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < 0 ||
      v > c.weight ||
      // At most two decimals, judged with a tolerance: 8.2 * 100 is 819.9999999999999 in binary.
      Math.abs(v * 100 - Math.round(v * 100)) > 1e-6
    )
      problems.push({ key: c.key, problem: 'range' });
  }
  for (const key of Object.keys(sheet)) {
    if (!criteria.some((c) => c.key === key)) problems.push({ key, problem: 'unknown' });
  }
  return problems;
}

/** A member's total: the sum of their criterion scores. */
export function memberTotal(criteria: readonly Criterion[], sheet: Record<string, number>): number {
  return criteria.reduce((sum, c) => sum + hundredths(sheet[c.key] ?? 0), 0) / 100;
}

/**
 * The final score: the mean of member totals, dropping the single highest and lowest when at least
 * `trimFrom` members scored. Rounded to two decimals (half up).
 */
export function finalScore(totals: readonly number[], trimFrom: number): number | null {
  if (!totals.length) return null;
  let kept = [...totals].map(hundredths).sort((a, b) => a - b);
  if (kept.length >= trimFrom) kept = kept.slice(1, -1);
  const sum = kept.reduce((a, b) => a + b, 0);
  // Mean in hundredths, rounded half up, back to points.
  return Math.round(sum / kept.length) / 100;
}

export interface Ranked {
  id: string;
  final: number | null;
  /** The mean of the first criterion (국민체감도) over the same members: the first tie-break. */
  tieBreak: number;
  submittedAt: Date;
}

/**
 * Ranks within one nomination type: higher final score first; ties by the first criterion's mean
 * (국민체감도), then earlier submission. Unscored nominations (final null) are not ranked.
 */
export function rank<T extends Ranked>(items: readonly T[]): Array<T & { rank: number }> {
  return items
    .filter((i) => i.final !== null)
    .sort(
      (a, b) =>
        (b.final as number) - (a.final as number) ||
        b.tieBreak - a.tieBreak ||
        a.submittedAt.getTime() - b.submittedAt.getTime() ||
        a.id.localeCompare(b.id),
    )
    .map((item, i) => ({ ...item, rank: i + 1 }));
}

/** The grade band of a rank: bands fill in order by their counts; the last takes the rest. */
export function gradeFor(grades: readonly GradeBand[], rankWithinType: number): GradeBand {
  let upTo = 0;
  for (const band of grades) {
    if (band.count === null) return band;
    upTo += band.count;
    if (rankWithinType <= upTo) return band;
  }
  return grades[grades.length - 1];
}

/** The mean of one criterion over every member who scored (the tie-break uses the first criterion). */
export function criterionMean(values: readonly number[]): number {
  if (!values.length) return 0;
  return values.map(hundredths).reduce((a, b) => a + b, 0) / values.length / 100;
}
