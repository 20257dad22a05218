/**
 * The shapes of the evaluation rules (criteria, grade table) and their validation. They live in the
 * shared kernel because the settings store validates them as setting values and the evaluations
 * library computes with them.
 */
import type { LocalText } from './errors.js';

/** 국민체감도 · 적극성 · 창의성·전문성 · 난이도 · 확산가능성 (DOMAIN.md §5), weights total 100. */
export interface Criterion {
  key: string;
  label: string;
  weight: number;
}

/** A grade band by rank within a nomination type; `count` null for "any" (the last band). */
export interface GradeBand {
  grade: string;
  label: string;
  count: number | null;
  /** 근무성적평정 가점 */
  bonusPoints: number;
  prizeKrw: number;
}

export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { key: 'citizenImpact', label: '국민체감도', weight: 40 },
  { key: 'proactiveness', label: '적극성', weight: 20 },
  { key: 'creativity', label: '창의성·전문성', weight: 20 },
  { key: 'difficulty', label: '난이도', weight: 10 },
  { key: 'spread', label: '확산가능성', weight: 10 },
];

export const DEFAULT_GRADES: readonly GradeBand[] = [
  { grade: 'TOP', label: '최우수', count: 1, bonusPoints: 0.5, prizeKrw: 1_000_000 },
  { grade: 'EXCELLENT', label: '우수', count: 2, bonusPoints: 0.4, prizeKrw: 500_000 },
  { grade: 'ENCOURAGEMENT', label: '장려', count: 3, bonusPoints: 0.3, prizeKrw: 300_000 },
  { grade: 'EFFORT', label: '노력', count: null, bonusPoints: 0, prizeKrw: 0 },
];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a criteria list is not valid (weights must total 100), or null. */
export function criteriaProblem(value: unknown): LocalText | null {
  if (!Array.isArray(value) || value.length < 1 || value.length > 10) {
    return { ko: '평가 항목은 1개부터 10개까지입니다.', en: 'must list 1 to 10 criteria' };
  }
  const keys = new Set<string>();
  let total = 0;
  for (const c of value) {
    if (
      !isObject(c) ||
      typeof c.key !== 'string' ||
      !/^[a-z][A-Za-z0-9]{1,39}$/.test(c.key) ||
      typeof c.label !== 'string' ||
      c.label.trim().length < 1 ||
      c.label.length > 50 ||
      !Number.isInteger(c.weight) ||
      (c.weight as number) < 1 ||
      (c.weight as number) > 100 ||
      Object.keys(c).some((k) => !['key', 'label', 'weight'].includes(k))
    ) {
      return {
        ko: '각 항목은 key(영문), label(1–50자), weight(1–100 정수)만 가집니다.',
        en: 'each criterion has only key (camelCase), label (1–50 characters) and weight (integer 1–100)',
      };
    }
    if (keys.has(c.key))
      return { ko: '항목 key가 중복됩니다.', en: 'criterion keys must be unique' };
    keys.add(c.key);
    total += c.weight as number;
  }
  return total === 100
    ? null
    : {
        ko: `배점의 합계는 100이어야 합니다(현재 ${total}).`,
        en: `weights must total 100 (they total ${total})`,
      };
}

/** Why a grade table is not valid, or null: bands in order, the last one open-ended. */
export function gradesProblem(value: unknown): LocalText | null {
  const wrong = {
    ko: '등급표는 grade, label, count(마지막만 null), bonusPoints(0–5), prizeKrw(0 이상 정수)를 가진 2–10개 구간입니다.',
    en: 'a grade table is 2–10 bands of grade, label, count (null only for the last), bonusPoints (0–5) and prizeKrw (integer ≥ 0)',
  };
  if (!Array.isArray(value) || value.length < 2 || value.length > 10) return wrong;
  const grades = new Set<string>();
  for (const [i, g] of value.entries()) {
    const last = i === value.length - 1;
    if (
      !isObject(g) ||
      typeof g.grade !== 'string' ||
      !/^[A-Z][A-Z_]{1,29}$/.test(g.grade) ||
      grades.has(g.grade) ||
      typeof g.label !== 'string' ||
      g.label.trim().length < 1 ||
      g.label.length > 30 ||
      (last ? g.count !== null : !Number.isInteger(g.count) || (g.count as number) < 1) ||
      typeof g.bonusPoints !== 'number' ||
      !Number.isFinite(g.bonusPoints) ||
      g.bonusPoints < 0 ||
      g.bonusPoints > 5 ||
      !Number.isInteger(g.prizeKrw) ||
      (g.prizeKrw as number) < 0 ||
      Object.keys(g).some(
        (k) => !['grade', 'label', 'count', 'bonusPoints', 'prizeKrw'].includes(k),
      )
    ) {
      return wrong;
    }
    grades.add(g.grade);
  }
  return null;
}

/** Why a list of reminder days ("D-5 and D-1": [5, 1]) is not valid, or null. */
export function dayListProblem(value: unknown): LocalText | null {
  return Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= 5 &&
    value.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 30) &&
    new Set(value).size === value.length
    ? null
    : {
        ko: '1부터 30까지 서로 다른 정수 1–5개의 목록이어야 합니다.',
        en: 'must be a list of 1 to 5 distinct integers from 1 to 30',
      };
}
