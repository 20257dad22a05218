import {
  type AwardRow,
  awardFor,
  awardTableProblems,
  budgetCheck,
  fieldsProblems,
  meanTotal,
  prizeShares,
  rankPerField,
} from './contest-rules.js';

const row = (over: Partial<AwardRow>): AwardRow => ({
  fromRank: 1,
  toRank: 1,
  field: null,
  award: '최우수',
  commendation: null,
  prizeKrw: 0,
  bonusPoints: 0,
  advances: false,
  ...over,
});

/** 제주특별자치도's half-yearly table as the 서귀포시 story tells it. */
const JEJU: AwardRow[] = [
  row({
    fromRank: 1,
    toRank: 2,
    award: '최우수',
    commendation: '도지사 표창',
    prizeKrw: 500_000,
    bonusPoints: 0.5,
    advances: true,
  }),
  row({ fromRank: 3, toRank: 5, award: '우수', bonusPoints: 0.3, advances: true }),
  row({ fromRank: 6, toRank: 8, award: '장려', commendation: '도지사 표창', prizeKrw: 300_000 }),
  row({ fromRank: 9, toRank: 10, award: '노력', commendation: '도지사 표창', prizeKrw: 200_000 }),
];

describe('award table', () => {
  it('accepts the 제주 table', () => {
    expect(awardTableProblems(JEJU, ['proactive'])).toEqual([]);
  });

  it('gives 3rd and 5th 가점 0.3 and advancement, 9th and 10th 도지사 표창 and 200천원, nothing past 10', () => {
    for (const rank of [3, 5])
      expect(awardFor(JEJU, 'proactive', rank)).toMatchObject({
        bonusPoints: 0.3,
        advances: true,
        prizeKrw: 0,
      });
    for (const rank of [9, 10])
      expect(awardFor(JEJU, 'proactive', rank)).toMatchObject({
        commendation: '도지사 표창',
        prizeKrw: 200_000,
        advances: false,
      });
    expect(awardFor(JEJU, 'proactive', 11)).toBeNull();
  });

  it('applies a field row only to its field, an all-fields row to every field', () => {
    const table = [
      row({ field: 'innovation', award: '최우수 A' }),
      row({ field: 'proactive', award: '최우수 B' }),
      row({ fromRank: 2, toRank: 3, award: '우수' }),
    ];
    expect(awardTableProblems(table, ['innovation', 'proactive'])).toEqual([]);
    expect(awardFor(table, 'innovation', 1)?.award).toBe('최우수 A');
    expect(awardFor(table, 'proactive', 1)?.award).toBe('최우수 B');
    expect(awardFor(table, 'proactive', 3)?.award).toBe('우수');
  });

  it('refuses overlapping ranges within a field, and an all-fields row over a field row', () => {
    const same = awardTableProblems([row({ toRank: 3 }), row({ fromRank: 3, toRank: 4 })], []);
    expect(same.map((p) => [p.field, p.code])).toEqual([['awardTable.1', 'overlap']]);
    const scoped = awardTableProblems([row({ field: 'a' }), row({ field: null })], ['a']);
    expect(scoped.map((p) => p.code)).toEqual(['overlap']);
    // Different fields may reuse a range.
    expect(awardTableProblems([row({ field: 'a' }), row({ field: 'b' })], ['a', 'b'])).toEqual([]);
  });

  it('refuses ranks below 1, reversed ranges, unknown fields, negative amounts and bonus out of 0–5', () => {
    const problems = awardTableProblems(
      [
        row({ fromRank: 0 }),
        row({ fromRank: 5, toRank: 4 }),
        row({ fromRank: 10, toRank: 10, field: 'nope' }),
        row({ fromRank: 11, toRank: 11, prizeKrw: -1 }),
        row({ fromRank: 12, toRank: 12, prizeKrw: 10.5 }),
        row({ fromRank: 13, toRank: 13, bonusPoints: 5.5 }),
        row({ fromRank: 14, toRank: 14, bonusPoints: 0.333 }),
        row({ fromRank: 15, toRank: 15, bonusPoints: -0.1 }),
      ],
      ['a'],
    );
    expect(problems.map((p) => p.field)).toEqual([
      'awardTable.0.fromRank',
      'awardTable.1.toRank',
      'awardTable.2.field',
      'awardTable.3.prizeKrw',
      'awardTable.4.prizeKrw',
      'awardTable.5.bonusPoints',
      'awardTable.6.bonusPoints',
      'awardTable.7.bonusPoints',
    ]);
    expect(
      awardTableProblems(
        [row({ bonusPoints: 5 }), row({ fromRank: 2, toRank: 2, bonusPoints: 0 })],
        [],
      ),
    ).toEqual([]);
  });
});

describe('budget', () => {
  const awards = [{ prizeKrw: 200_000 }, { prizeKrw: 200_000 }, { prizeKrw: 0 }];
  it('is within budget at exactly the total', () => {
    expect(budgetCheck(awards, 400_000)).toEqual({
      prizeTotalKrw: 400_000,
      budgetKrw: 400_000,
      withinBudget: true,
    });
  });
  it('is over by one won', () => {
    expect(budgetCheck(awards, 399_999)).toEqual({
      prizeTotalKrw: 400_000,
      budgetKrw: 399_999,
      withinBudget: false,
    });
  });
  it('has nothing to pay without awards', () => {
    expect(budgetCheck([], 0).withinBudget).toBe(true);
  });
});

describe('prize shares', () => {
  it('splits in whole won, the remainder to the first named official', () => {
    expect(prizeShares(200_000, 3)).toEqual([66_668, 66_666, 66_666]);
    expect(prizeShares(200_000, 3).reduce((s, v) => s + v, 0)).toBe(200_000);
    expect(prizeShares(0, 2)).toEqual([0, 0]);
    expect(prizeShares(100, 0)).toEqual([]);
  });
});

describe('ranking', () => {
  const at = (s: string) => new Date(`2026-05-0${s}T00:00:00Z`);
  it('ranks per field by score, then the first criterion, then earlier submission, then id', () => {
    const ranks = rankPerField([
      { id: 'a', field: 'x', finalScore: 80, tieBreak: 30, submittedAt: at('2') },
      { id: 'b', field: 'x', finalScore: 90, tieBreak: 20, submittedAt: at('3') },
      { id: 'c', field: 'x', finalScore: 80, tieBreak: 35, submittedAt: at('4') },
      { id: 'd', field: 'x', finalScore: 80, tieBreak: 30, submittedAt: at('1') },
      { id: 'f', field: 'x', finalScore: 70, tieBreak: 10, submittedAt: at('1') },
      { id: 'e', field: 'x', finalScore: 70, tieBreak: 10, submittedAt: at('1') },
      { id: 'z', field: 'y', finalScore: 10, tieBreak: 0, submittedAt: at('1') },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ b: 1, c: 2, d: 3, a: 4, e: 5, f: 6, z: 1 });
  });
  it('means totals to two decimals', () => {
    expect(meanTotal([80, 81, 81])).toBe(80.67);
    expect(meanTotal([])).toBeNull();
  });
});

describe('fields', () => {
  it('wants 1–10 distinct keys', () => {
    expect(fieldsProblems([])).toHaveLength(1);
    expect(
      fieldsProblems([
        { key: 'a', label: 'A' },
        { key: 'a', label: 'B' },
      ]).map((p) => p.field),
    ).toEqual(['fields.1.key']);
    expect(fieldsProblems([{ key: 'a', label: 'A' }])).toEqual([]);
  });
});
