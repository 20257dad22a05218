import { DEFAULT_CRITERIA, DEFAULT_GRADES, type Criterion } from '@gwaje/common';

import {
  criterionMean,
  finalScore,
  gradeFor,
  memberTotal,
  rank,
  sheetProblems,
} from './evaluation-scoring.js';
import { resolutionOutcome } from '@gwaje/common';

/** The default setting: drop the single highest and lowest total when 5 or more members scored. */
const TRIM_FROM = 5;

type Sheet = Record<string, number>;

/** A sheet in criteria order: 국민체감도 /40, 적극성 /20, 창의성·전문성 /20, 난이도 /10, 확산가능성 /10. */
const s = (
  citizenImpact: number,
  proactiveness: number,
  creativity: number,
  difficulty: number,
  spread: number,
): Sheet => ({ citizenImpact, proactiveness, creativity, difficulty, spread });

type Member = 'm1' | 'm2' | 'm3' | 'm4' | 'm5' | 'm6';

interface Nomination {
  id: string;
  type: 'OFFICIAL' | 'FAILURE_CASE';
  title: string;
  submittedAt: Date;
  /** Only the members who scored; a missing member declared a conflict or did not score. */
  sheets: Partial<Record<Member, Sheet>>;
}

/**
 * The worked example: a committee of six (m1..m6), seven scored OFFICIAL nominations, one
 * OFFICIAL nomination nobody has scored yet, and one FAILURE_CASE (아름다운 도전).
 */
const NOMINATIONS: Nomination[] = [
  {
    id: 'off-1',
    type: 'OFFICIAL',
    title: '민원 처리기간 단축',
    submittedAt: new Date('2025-11-03T01:00:00Z'),
    sheets: {
      m1: s(38, 18, 18, 9, 9), //        = 92
      m2: s(36, 17.5, 18, 8, 9), //      = 88.5
      m3: s(39, 19, 19, 9, 10), //       = 96   (highest, dropped)
      m4: s(35, 17, 16.5, 8, 8), //      = 84.5 (lowest, dropped)
      m5: s(37, 18, 17, 9, 8.5), //      = 89.5
      m6: s(36, 18.5, 18, 8.5, 9), //    = 90
    },
  },
  {
    id: 'off-2',
    type: 'OFFICIAL',
    title: '규제 샌드박스 신속 확인',
    submittedAt: new Date('2025-11-07T02:00:00Z'),
    sheets: {
      m1: s(36, 17, 17, 8, 7), //        = 85
      m2: s(35, 18, 17, 8, 8), //        = 86
      m3: s(35, 17.5, 17, 8, 8), //      = 85.5
      m4: s(34, 18, 17.5, 8, 8), //      = 85.5
      m5: s(38, 19, 18, 9, 9), //        = 93 (highest, dropped)
      m6: s(30, 15, 14, 6, 5), //        = 70 (lowest, dropped)
    },
  },
  {
    id: 'off-3',
    type: 'OFFICIAL',
    title: '소상공인 지원금 자동 지급',
    // Submitted before off-2: only 국민체감도 puts off-2 ahead.
    submittedAt: new Date('2025-11-04T03:00:00Z'),
    sheets: {
      // m6 declared a conflict: exactly 5 scored, so the extremes are still dropped.
      m1: s(34, 17, 17, 8, 8), //        = 84
      m2: s(34, 18, 18, 8, 8), //        = 86
      m3: s(35, 18, 17.5, 8, 8), //      = 86.5
      m4: s(37, 19, 18, 8.5, 8.5), //    = 91 (highest, dropped)
      m5: s(31, 17, 16, 7, 7), //        = 78 (lowest, dropped)
    },
  },
  {
    id: 'off-4',
    type: 'OFFICIAL',
    title: '공공데이터 개방 확대',
    submittedAt: new Date('2025-11-05T04:00:00Z'),
    sheets: {
      // m5 and m6 declared conflicts: 4 scored, nothing is dropped.
      m1: s(33, 16, 16, 8, 7), //        = 80
      m2: s(34, 16.5, 16, 8, 7), //      = 81.5
      m3: s(32, 16, 16, 8, 7), //        = 79
      m4: s(34, 17, 16, 7.9, 7.5), //    = 82.4
    },
  },
  {
    id: 'off-5',
    type: 'OFFICIAL',
    title: '찾아가는 복지상담',
    // Submitted after off-6: ties with it on the final score and on 국민체감도, so ranks after it.
    submittedAt: new Date('2025-11-10T05:00:00Z'),
    sheets: {
      m1: s(34, 17, 16, 8, 7), //        = 82
      m2: s(33, 17, 16, 8, 7), //        = 81
      m3: s(35, 17, 16, 8, 7), //        = 83
      m4: s(34, 16.5, 16.5, 8, 7), //    = 82
      m5: s(37, 18, 17, 8, 8), //        = 88 (highest, dropped)
      m6: s(31, 16, 15, 7, 6), //        = 75 (lowest, dropped)
    },
  },
  {
    id: 'off-6',
    type: 'OFFICIAL',
    title: '전통시장 주차 공유',
    submittedAt: new Date('2025-11-06T09:00:00Z'),
    sheets: {
      m1: s(33, 17, 17, 8, 6.5), //      = 81.5
      m2: s(35, 17, 16.5, 7, 7), //      = 82.5
      m3: s(33, 16, 16, 8, 7), //        = 80
      m4: s(35, 17, 17, 8, 7), //        = 84
      m5: s(36, 18, 17, 8, 7), //        = 86 (highest, dropped)
      m6: s(32, 16, 16, 8, 7), //        = 79 (lowest, dropped)
    },
  },
  {
    id: 'off-7',
    type: 'OFFICIAL',
    title: '청사 에너지 절감',
    submittedAt: new Date('2025-11-08T00:30:00Z'),
    sheets: {
      // m6 did not score: 5 scored.
      m1: s(30, 15, 15, 7, 7), //        = 74
      m2: s(31, 15, 15, 8, 7), //        = 76
      m3: s(30, 15.5, 14.5, 8, 7), //    = 75
      m4: s(32, 16, 16, 8, 8), //        = 80 (highest, dropped)
      m5: s(28, 13, 13, 7, 7), //        = 68 (lowest, dropped)
    },
  },
  {
    id: 'off-8',
    type: 'OFFICIAL',
    title: '아직 채점되지 않은 후보',
    // The earliest submission of all, yet it is not ranked: nobody scored it.
    submittedAt: new Date('2025-11-01T00:00:00Z'),
    sheets: {},
  },
  {
    id: 'fail-1',
    type: 'FAILURE_CASE',
    title: '아름다운 도전: 드론 의약품 배송 시범사업',
    submittedAt: new Date('2025-11-09T06:00:00Z'),
    sheets: {
      m1: s(28.1, 16.2, 15, 8, 5), //    = 72.3
      m2: s(27.5, 15.1, 15.2, 8, 4), //  = 69.8
      m3: s(30, 17, 16, 9, 6), //        = 78   (highest, dropped)
      m4: s(26, 14, 13, 7, 4.5), //      = 64.5 (lowest, dropped)
      m5: s(28, 15.5, 15, 8.5, 5), //    = 72
      m6: s(27, 15, 14.5, 8, 5.5), //    = 70
    },
  },
];

/** The scoring pipeline of one nomination, as the service runs it. */
function scored(n: Nomination) {
  const sheets = Object.values<Sheet>(n.sheets);
  const totals = sheets.map((sheet) => memberTotal(DEFAULT_CRITERIA, sheet));
  return {
    id: n.id,
    type: n.type,
    submittedAt: n.submittedAt,
    totals,
    final: finalScore(totals, TRIM_FROM),
    tieBreak: criterionMean(sheets.map((sheet) => sheet[DEFAULT_CRITERIA[0].key])),
  };
}

/** Ranks within one nomination type, each with its grade from the default grade table. */
function results(type: Nomination['type']) {
  return rank(NOMINATIONS.filter((n) => n.type === type).map(scored)).map((r) => ({
    id: r.id,
    final: r.final,
    rank: r.rank,
    grade: gradeFor(DEFAULT_GRADES, r.rank).label,
  }));
}

const byId = (id: string) => scored(NOMINATIONS.find((n) => n.id === id) as Nomination);

describe('worked example: six committee members, DEFAULT_CRITERIA, DEFAULT_GRADES', () => {
  it('uses the default criteria 국민체감도 40, 적극성 20, 창의성·전문성 20, 난이도 10, 확산가능성 10', () => {
    expect(DEFAULT_CRITERIA.map((c) => [c.label, c.weight])).toEqual([
      ['국민체감도', 40],
      ['적극성', 20],
      ['창의성·전문성', 20],
      ['난이도', 10],
      ['확산가능성', 10],
    ]);
  });

  it('has only valid sheets', () => {
    for (const n of NOMINATIONS) {
      for (const sheet of Object.values(n.sheets)) {
        expect(sheetProblems(DEFAULT_CRITERIA, sheet)).toEqual([]);
      }
    }
  });

  it('totals each member sheet (the sum of the five criteria)', () => {
    // off-1: 38+18+18+9+9 = 92; 36+17.5+18+8+9 = 88.5; 39+19+19+9+10 = 96;
    //        35+17+16.5+8+8 = 84.5; 37+18+17+9+8.5 = 89.5; 36+18.5+18+8.5+9 = 90
    expect(byId('off-1').totals).toEqual([92, 88.5, 96, 84.5, 89.5, 90]);
    // off-2: 36+17+17+8+7 = 85; 35+18+17+8+8 = 86; 35+17.5+17+8+8 = 85.5;
    //        34+18+17.5+8+8 = 85.5; 38+19+18+9+9 = 93; 30+15+14+6+5 = 70
    expect(byId('off-2').totals).toEqual([85, 86, 85.5, 85.5, 93, 70]);
    // off-3: 34+17+17+8+8 = 84; 34+18+18+8+8 = 86; 35+18+17.5+8+8 = 86.5;
    //        37+19+18+8.5+8.5 = 91; 31+17+16+7+7 = 78
    expect(byId('off-3').totals).toEqual([84, 86, 86.5, 91, 78]);
    // off-4: 33+16+16+8+7 = 80; 34+16.5+16+8+7 = 81.5; 32+16+16+8+7 = 79; 34+17+16+7.9+7.5 = 82.4
    expect(byId('off-4').totals).toEqual([80, 81.5, 79, 82.4]);
    // off-5: 34+17+16+8+7 = 82; 33+17+16+8+7 = 81; 35+17+16+8+7 = 83;
    //        34+16.5+16.5+8+7 = 82; 37+18+17+8+8 = 88; 31+16+15+7+6 = 75
    expect(byId('off-5').totals).toEqual([82, 81, 83, 82, 88, 75]);
    // off-6: 33+17+17+8+6.5 = 81.5; 35+17+16.5+7+7 = 82.5; 33+16+16+8+7 = 80;
    //        35+17+17+8+7 = 84; 36+18+17+8+7 = 86; 32+16+16+8+7 = 79
    expect(byId('off-6').totals).toEqual([81.5, 82.5, 80, 84, 86, 79]);
    // off-7: 30+15+15+7+7 = 74; 31+15+15+8+7 = 76; 30+15.5+14.5+8+7 = 75;
    //        32+16+16+8+8 = 80; 28+13+13+7+7 = 68
    expect(byId('off-7').totals).toEqual([74, 76, 75, 80, 68]);
    expect(byId('off-8').totals).toEqual([]);
    // fail-1: 28.1+16.2+15+8+5 = 72.3; 27.5+15.1+15.2+8+4 = 69.8; 30+17+16+9+6 = 78;
    //         26+14+13+7+4.5 = 64.5; 28+15.5+15+8.5+5 = 72; 27+15+14.5+8+5.5 = 70
    expect(byId('fail-1').totals).toEqual([72.3, 69.8, 78, 64.5, 72, 70]);
  });

  it('computes each final score: 5+ scored drop the highest and lowest, then the mean', () => {
    // off-1 (6 scored): drop 96 and 84.5 → (92 + 88.5 + 89.5 + 90) / 4 = 360 / 4 = 90
    expect(byId('off-1').final).toBe(90);
    // off-2 (6 scored): drop 93 and 70 → (85 + 86 + 85.5 + 85.5) / 4 = 342 / 4 = 85.5
    expect(byId('off-2').final).toBe(85.5);
    // off-3 (5 scored): drop 91 and 78 → (84 + 86 + 86.5) / 3 = 256.5 / 3 = 85.5
    expect(byId('off-3').final).toBe(85.5);
    // off-4 (4 scored): no trimming → (80 + 81.5 + 79 + 82.4) / 4 = 322.9 / 4 = 80.725 → 80.73
    expect(byId('off-4').final).toBe(80.73);
    // off-5 (6 scored): drop 88 and 75 → (82 + 81 + 83 + 82) / 4 = 328 / 4 = 82
    expect(byId('off-5').final).toBe(82);
    // off-6 (6 scored): drop 86 and 79 → (81.5 + 82.5 + 80 + 84) / 4 = 328 / 4 = 82
    expect(byId('off-6').final).toBe(82);
    // off-7 (5 scored): drop 80 and 68 → (74 + 76 + 75) / 3 = 225 / 3 = 75
    expect(byId('off-7').final).toBe(75);
    // off-8: nobody scored
    expect(byId('off-8').final).toBeNull();
    // fail-1 (6 scored): drop 78 and 64.5 → (72.3 + 69.8 + 72 + 70) / 4 = 284.1 / 4 = 71.025 → 71.03
    expect(byId('fail-1').final).toBe(71.03);
  });

  it('trims when exactly 5 scored (off-3), which changes the result', () => {
    const totals = byId('off-3').totals;
    expect(totals).toHaveLength(5);
    expect(finalScore(totals, TRIM_FROM)).toBe(85.5);
    // Without trimming it would be (84 + 86 + 86.5 + 91 + 78) / 5 = 425.5 / 5 = 85.1.
    expect(finalScore(totals, 6)).toBe(85.1);
  });

  it('does not trim when 4 scored (off-4), and rounds the mean half up', () => {
    const totals = byId('off-4').totals;
    expect(totals).toHaveLength(4);
    // Trimmed it would be (80 + 81.5) / 2 = 80.75; untrimmed 322.9 / 4 = 80.725 → 80.73.
    expect(finalScore(totals, TRIM_FROM)).toBe(80.73);
    // Naive floating point gets this wrong: 322.9 / 4 * 100 = 8072.499999… → 80.72.
    expect(Math.round(((80 + 81.5 + 79 + 82.4) / 4) * 100) / 100).toBe(80.72);
  });

  it('computes the 국민체감도 tie-break over every member who scored (trimmed ones included)', () => {
    // off-1: (38 + 36 + 39 + 35 + 37 + 36) / 6 = 221 / 6 = 36.83…
    expect(byId('off-1').tieBreak).toBeCloseTo(221 / 6, 10);
    // off-2: (36 + 35 + 35 + 34 + 38 + 30) / 6 = 208 / 6 = 34.67…
    expect(byId('off-2').tieBreak).toBeCloseTo(208 / 6, 10);
    // off-3: (34 + 34 + 35 + 37 + 31) / 5 = 171 / 5 = 34.2
    expect(byId('off-3').tieBreak).toBe(34.2);
    // off-4: (33 + 34 + 32 + 34) / 4 = 133 / 4 = 33.25
    expect(byId('off-4').tieBreak).toBe(33.25);
    // off-5: (34 + 33 + 35 + 34 + 37 + 31) / 6 = 204 / 6 = 34
    expect(byId('off-5').tieBreak).toBe(34);
    // off-6: (33 + 35 + 33 + 35 + 36 + 32) / 6 = 204 / 6 = 34
    expect(byId('off-6').tieBreak).toBe(34);
    // off-7: (30 + 31 + 30 + 32 + 28) / 5 = 151 / 5 = 30.2
    expect(byId('off-7').tieBreak).toBe(30.2);
    // fail-1: (28.1 + 27.5 + 30 + 26 + 28 + 27) / 6 = 166.6 / 6 = 27.77…
    expect(byId('fail-1').tieBreak).toBeCloseTo(166.6 / 6, 10);
  });

  it('ranks OFFICIAL nominations and grades them by rank', () => {
    expect(results('OFFICIAL')).toEqual([
      { id: 'off-1', final: 90, rank: 1, grade: '최우수' },
      // off-2 and off-3 tie at 85.5; 국민체감도 34.67 > 34.2 puts off-2 first, though off-3 was
      // submitted earlier.
      { id: 'off-2', final: 85.5, rank: 2, grade: '우수' },
      { id: 'off-3', final: 85.5, rank: 3, grade: '우수' },
      // off-5 and off-6 tie at 82 and at 국민체감도 34; off-6 was submitted earlier (6 Nov vs
      // 10 Nov), which outranks the id order.
      { id: 'off-6', final: 82, rank: 4, grade: '장려' },
      { id: 'off-5', final: 82, rank: 5, grade: '장려' },
      { id: 'off-4', final: 80.73, rank: 6, grade: '장려' },
      { id: 'off-7', final: 75, rank: 7, grade: '노력' },
      // off-8 (unscored) is not ranked.
    ]);
  });

  it('ranks the FAILURE_CASE separately: rank 1 of its own type although it scored below every OFFICIAL one', () => {
    expect(results('FAILURE_CASE')).toEqual([
      { id: 'fail-1', final: 71.03, rank: 1, grade: '최우수' },
    ]);
    expect(gradeFor(DEFAULT_GRADES, 1)).toMatchObject({ bonusPoints: 0.5, prizeKrw: 1_000_000 });
  });

  it('gives the ranked grades the default bonus points and prizes', () => {
    expect(
      results('OFFICIAL').map((r) => {
        const g = gradeFor(DEFAULT_GRADES, r.rank);
        return [r.id, g.grade, g.bonusPoints, g.prizeKrw];
      }),
    ).toEqual([
      ['off-1', 'TOP', 0.5, 1_000_000],
      ['off-2', 'EXCELLENT', 0.4, 500_000],
      ['off-3', 'EXCELLENT', 0.4, 500_000],
      ['off-6', 'ENCOURAGEMENT', 0.3, 300_000],
      ['off-5', 'ENCOURAGEMENT', 0.3, 300_000],
      ['off-4', 'ENCOURAGEMENT', 0.3, 300_000],
      ['off-7', 'EFFORT', 0, 0],
    ]);
  });
});

describe('sheetProblems', () => {
  const full = s(40, 20, 20, 10, 10);

  it('accepts a full-mark sheet, an all-zero sheet and one- or two-decimal scores', () => {
    expect(sheetProblems(DEFAULT_CRITERIA, full)).toEqual([]);
    expect(sheetProblems(DEFAULT_CRITERIA, s(0, 0, 0, 0, 0))).toEqual([]);
    expect(sheetProblems(DEFAULT_CRITERIA, s(35.5, 17.25, 16.75, 8.5, 7.05))).toEqual([]);
  });

  it('accepts 8.2 for 난이도 (a two-decimal value whose binary form is not exact)', () => {
    // 8.2 * 100 is 819.9999999999999 in floating point, but 8.2 is a valid score.
    expect(sheetProblems(DEFAULT_CRITERIA, s(34, 17, 16, 8.2, 7))).toEqual([]);
    expect(sheetProblems(DEFAULT_CRITERIA, s(34, 16.4, 17.4, 1.1, 2.3))).toEqual([]);
  });

  it('accepts every hundredth from 0 to the weight, for every criterion', () => {
    const refused: string[] = [];
    for (const c of DEFAULT_CRITERIA) {
      for (let i = 0; i <= c.weight * 100; i++) {
        const v = i / 100;
        const sheet = { ...full, [c.key]: v };
        if (sheetProblems(DEFAULT_CRITERIA, sheet).length) refused.push(`${c.key}=${v}`);
      }
    }
    expect({ refused: refused.length, first: refused.slice(0, 8) }).toEqual({
      refused: 0,
      first: [],
    });
  });

  it('reports a missing criterion (absent, undefined or null)', () => {
    const { spread: _spread, ...withoutSpread } = full;
    expect(sheetProblems(DEFAULT_CRITERIA, withoutSpread)).toEqual([
      { key: 'spread', problem: 'missing' },
    ]);
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, difficulty: undefined })).toEqual([
      { key: 'difficulty', problem: 'missing' },
    ]);
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, citizenImpact: null })).toEqual([
      { key: 'citizenImpact', problem: 'missing' },
    ]);
    expect(sheetProblems(DEFAULT_CRITERIA, {})).toEqual(
      DEFAULT_CRITERIA.map((c) => ({ key: c.key, problem: 'missing' })),
    );
  });

  it('refuses a value above the weight', () => {
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, citizenImpact: 40.5 })).toEqual([
      { key: 'citizenImpact', problem: 'range' },
    ]);
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, difficulty: 10.01 })).toEqual([
      { key: 'difficulty', problem: 'range' },
    ]);
    // 적극성 is out of 20, not 40.
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, proactiveness: 21 })).toEqual([
      { key: 'proactiveness', problem: 'range' },
    ]);
  });

  it('refuses a negative value', () => {
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, creativity: -1 })).toEqual([
      { key: 'creativity', problem: 'range' },
    ]);
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, spread: -0.01 })).toEqual([
      { key: 'spread', problem: 'range' },
    ]);
  });

  it('refuses a value that is not a finite number', () => {
    for (const bad of ['35', true, {}, [35], Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(sheetProblems(DEFAULT_CRITERIA, { ...full, citizenImpact: bad })).toEqual([
        { key: 'citizenImpact', problem: 'range' },
      ]);
    }
  });

  it('refuses more than two decimals', () => {
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, proactiveness: 17.125 })).toEqual([
      { key: 'proactiveness', problem: 'range' },
    ]);
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, difficulty: 8.333 })).toEqual([
      { key: 'difficulty', problem: 'range' },
    ]);
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, spread: 0.001 })).toEqual([
      { key: 'spread', problem: 'range' },
    ]);
  });

  it('reports an unknown key', () => {
    expect(sheetProblems(DEFAULT_CRITERIA, { ...full, bonus: 5 })).toEqual([
      { key: 'bonus', problem: 'unknown' },
    ]);
  });

  it('reports every problem: criteria in order first, then unknown keys', () => {
    expect(
      sheetProblems(DEFAULT_CRITERIA, {
        citizenImpact: 41,
        proactiveness: 18,
        difficulty: '8',
        spread: 7.125,
        innovation: 3,
      }),
    ).toEqual([
      { key: 'citizenImpact', problem: 'range' },
      { key: 'creativity', problem: 'missing' },
      { key: 'difficulty', problem: 'range' },
      { key: 'spread', problem: 'range' },
      { key: 'innovation', problem: 'unknown' },
    ]);
  });

  it('follows the criteria it is given, not the defaults', () => {
    const criteria: Criterion[] = [
      { key: 'impact', label: '성과', weight: 60 },
      { key: 'effort', label: '노력도', weight: 40 },
    ];
    expect(sheetProblems(criteria, { impact: 55, effort: 38.5 })).toEqual([]);
    expect(sheetProblems(criteria, { impact: 55, effort: 38.5, citizenImpact: 30 })).toEqual([
      { key: 'citizenImpact', problem: 'unknown' },
    ]);
  });
});

describe('memberTotal', () => {
  it('sums the criteria', () => {
    expect(memberTotal(DEFAULT_CRITERIA, s(38, 18, 17.5, 9, 8.5))).toBe(91);
    expect(memberTotal(DEFAULT_CRITERIA, s(40, 20, 20, 10, 10))).toBe(100);
    expect(memberTotal(DEFAULT_CRITERIA, s(0, 0, 0, 0, 0))).toBe(0);
  });

  it('is exact with decimals where a floating-point sum is not', () => {
    const tiny: Criterion[] = [
      { key: 'a', label: 'A', weight: 50 },
      { key: 'b', label: 'B', weight: 50 },
    ];
    // 0.1 + 0.2 = 0.30000000000000004 in floating point.
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(memberTotal(tiny, { a: 0.1, b: 0.2 })).toBe(0.3);
    // 36.1 + 17.2 + 16.3 + 8.1 + 7.1 = 84.79999999999998 in floating point; 84.8 exactly.
    expect(36.1 + 17.2 + 16.3 + 8.1 + 7.1).not.toBe(84.8);
    expect(memberTotal(DEFAULT_CRITERIA, s(36.1, 17.2, 16.3, 8.1, 7.1))).toBe(84.8);
    // 17.25 + 16.75 = 34, 8.05 + 7.95 = 16 → 35 + 34 + 16 = 85
    expect(memberTotal(DEFAULT_CRITERIA, s(35, 17.25, 16.75, 8.05, 7.95))).toBe(85);
  });

  it('ignores keys that are not criteria', () => {
    expect(memberTotal(DEFAULT_CRITERIA, { ...s(30, 15, 15, 7, 7), bonus: 5 })).toBe(74);
  });
});

describe('finalScore', () => {
  it('is null when nobody scored', () => {
    expect(finalScore([], TRIM_FROM)).toBeNull();
  });

  it('is the plain mean below the trimming threshold', () => {
    expect(finalScore([87.5], TRIM_FROM)).toBe(87.5);
    // (80 + 90) / 2 = 85
    expect(finalScore([80, 90], TRIM_FROM)).toBe(85);
    // (70 + 80 + 90 + 100) / 4 = 85: the extremes are kept
    expect(finalScore([100, 70, 90, 80], TRIM_FROM)).toBe(85);
  });

  it('drops the single highest and lowest from 5 totals on', () => {
    // drop 100 and 70 → (80 + 85 + 90) / 3 = 85
    expect(finalScore([100, 80, 70, 90, 85], TRIM_FROM)).toBe(85);
    // drop 95 and 60 → (80 + 82 + 84 + 86) / 4 = 332 / 4 = 83
    expect(finalScore([80, 95, 82, 60, 84, 86], TRIM_FROM)).toBe(83);
  });

  it('drops only one of equal extremes', () => {
    // drop one 90 and one 70 → (90 + 80 + 70) / 3 = 80
    expect(finalScore([90, 90, 80, 70, 70], TRIM_FROM)).toBe(80);
    // all equal: drop two, the mean is unchanged
    expect(finalScore([85.5, 85.5, 85.5, 85.5, 85.5], TRIM_FROM)).toBe(85.5);
  });

  it('follows the trimming threshold setting', () => {
    // threshold 3: drop 90 and 70 → 80
    expect(finalScore([70, 80, 90], 3)).toBe(80);
    // threshold 6: 5 totals are not trimmed → (70 + 80 + 80 + 90 + 100) / 5 = 84
    expect(finalScore([70, 80, 80, 90, 100], 6)).toBe(84);
  });

  it('rounds the mean to two decimals, half up', () => {
    // (80 + 80.01) / 2 = 80.005 → 80.01
    expect(finalScore([80, 80.01], TRIM_FROM)).toBe(80.01);
    // (0.01 + 0.02) / 2 = 0.015 → 0.02
    expect(finalScore([0.01, 0.02], TRIM_FROM)).toBe(0.02);
    // (85 + 85 + 85.01) / 3 = 85.00333… → 85
    expect(finalScore([85, 85, 85.01], TRIM_FROM)).toBe(85);
    // (85 + 85.01 + 85.01) / 3 = 85.00666… → 85.01
    expect(finalScore([85, 85.01, 85.01], TRIM_FROM)).toBe(85.01);
    // drop 95 and 70 → (80 + 81 + 82 + 80.9) / 4 = 323.9 / 4 = 80.975 → 80.98
    expect(finalScore([80, 95, 81, 70, 82, 80.9], TRIM_FROM)).toBe(80.98);
  });

  it('does not reorder the totals it is given', () => {
    const totals = [100, 80, 70, 90, 85];
    finalScore(totals, TRIM_FROM);
    expect(totals).toEqual([100, 80, 70, 90, 85]);
  });
});

describe('criterionMean', () => {
  it('is the mean over every member who scored', () => {
    // (38 + 36 + 39 + 35 + 37 + 36) / 6 = 221 / 6
    expect(criterionMean([38, 36, 39, 35, 37, 36])).toBeCloseTo(36.8333333, 6);
    // (34 + 34 + 35 + 37 + 31) / 5 = 34.2
    expect(criterionMean([34, 34, 35, 37, 31])).toBe(34.2);
  });

  it('is exact for decimals', () => {
    // (0.1 + 0.2) / 2 = 0.15
    expect(criterionMean([0.1, 0.2])).toBe(0.15);
    // (36.1 + 35.3 + 38.2) / 3 = 109.6 / 3 = 36.5333…
    expect(criterionMean([36.1, 35.3, 38.2])).toBeCloseTo(36.5333333, 6);
    expect(criterionMean([17.5, 17.5])).toBe(17.5);
  });

  it('is 0 with no values', () => {
    expect(criterionMean([])).toBe(0);
  });
});

describe('rank', () => {
  const at = (day: number) => new Date(Date.UTC(2025, 10, day, 1));

  it('orders by final score, highest first', () => {
    const ranked = rank([
      { id: 'a', final: 80, tieBreak: 30, submittedAt: at(1) },
      { id: 'b', final: 92.5, tieBreak: 30, submittedAt: at(2) },
      { id: 'c', final: 85, tieBreak: 30, submittedAt: at(3) },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
  });

  it('breaks ties by 국민체감도, then earlier submission, then id', () => {
    const ranked = rank([
      { id: 'late-low', final: 85, tieBreak: 33, submittedAt: at(1) },
      { id: 'z-early', final: 85, tieBreak: 34, submittedAt: at(2) },
      { id: 'b-same', final: 85, tieBreak: 34, submittedAt: at(5) },
      { id: 'a-same', final: 85, tieBreak: 34, submittedAt: at(5) },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['z-early', 'a-same', 'b-same', 'late-low']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it('leaves unscored items out but ranks a final score of 0', () => {
    const ranked = rank([
      { id: 'unscored', final: null, tieBreak: 0, submittedAt: at(1) },
      { id: 'zero', final: 0, tieBreak: 0, submittedAt: at(2) },
      { id: 'scored', final: 60, tieBreak: 25, submittedAt: at(3) },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['scored', 1],
      ['zero', 2],
    ]);
    expect(rank([{ id: 'x', final: null, tieBreak: 0, submittedAt: at(1) }])).toEqual([]);
  });

  it('keeps the other properties and leaves its input alone', () => {
    const items = [
      { id: 'a', final: 70, tieBreak: 30, submittedAt: at(1), type: 'OFFICIAL' },
      { id: 'b', final: 90, tieBreak: 30, submittedAt: at(2), type: 'OFFICIAL' },
    ];
    const ranked = rank(items);
    expect(ranked[0]).toEqual({ ...items[1], rank: 1 });
    expect(items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(items[0]).not.toHaveProperty('rank');
  });
});

describe('gradeFor with DEFAULT_GRADES', () => {
  it('gives 최우수 to 1 place, 우수 to the next 2, 장려 to the next 3, 노력 to the rest', () => {
    const labels = Array.from({ length: 10 }, (_, i) => gradeFor(DEFAULT_GRADES, i + 1).label);
    expect(labels).toEqual([
      '최우수',
      '우수',
      '우수',
      '장려',
      '장려',
      '장려',
      '노력',
      '노력',
      '노력',
      '노력',
    ]);
    expect(gradeFor(DEFAULT_GRADES, 250).grade).toBe('EFFORT');
  });

  it('follows a configured grade table', () => {
    const grades = [
      { grade: 'GOLD', label: '금상', count: 2, bonusPoints: 0.5, prizeKrw: 2_000_000 },
      { grade: 'SILVER', label: '은상', count: 1, bonusPoints: 0.3, prizeKrw: 1_000_000 },
      { grade: 'MERIT', label: '입상', count: null, bonusPoints: 0, prizeKrw: 0 },
    ];
    expect([1, 2, 3, 4, 9].map((r) => gradeFor(grades, r).grade)).toEqual([
      'GOLD',
      'GOLD',
      'SILVER',
      'MERIT',
      'MERIT',
    ]);
  });
});

describe('the round resolution under the statute (재적 과반 출석, 출석 과반 찬성)', () => {
  const vote = (members: number, present: number, votesFor: number) =>
    resolutionOutcome({ members, present, votesFor });

  it('needs a strict majority of the members present: 3 of 5 is a quorum, 2 of 4 is not', () => {
    expect(vote(5, 3, 3)).toMatchObject({ quorum: true, passed: true });
    expect(vote(5, 2, 2)).toMatchObject({ quorum: false, passed: false });
    expect(vote(4, 2, 2)).toMatchObject({ quorum: false, passed: false });
    expect(vote(4, 3, 2)).toMatchObject({ quorum: true, passed: true });
  });

  it('passes only with a majority of those present for: abstentions count against', () => {
    // present 5, for 2, against 1 (2 abstain): "for > against" passed it, the statute does not
    expect(vote(9, 5, 2)).toMatchObject({ quorum: true, passed: false });
    expect(vote(7, 5, 3)).toMatchObject({ quorum: true, passed: true });
    expect(vote(7, 5, 0)).toMatchObject({ quorum: true, passed: false });
  });
});
