import {
  criteriaProblem,
  DEFAULT_CRITERIA,
  DEFAULT_GRADES,
  gradesProblem,
} from './evaluation-rules.js';

/** DEFAULT_CRITERIA with criterion `i` changed (or replaced) by `patch`. */
const withCriterion = (i: number, patch: Record<string, unknown>) =>
  DEFAULT_CRITERIA.map((c, j) => (j === i ? { ...c, ...patch } : c));

/** DEFAULT_GRADES with band `i` changed by `patch`. */
const withBand = (i: number, patch: Record<string, unknown>) =>
  DEFAULT_GRADES.map((g, j) => (j === i ? { ...g, ...patch } : g));

const COUNT = /1 to 10 criteria/;
const SHAPE = /each criterion has only key/;
const UNIQUE = /unique/;

describe('criteriaProblem', () => {
  it('accepts DEFAULT_CRITERIA (40 + 20 + 20 + 10 + 10 = 100), also as stored JSON', () => {
    expect(criteriaProblem(DEFAULT_CRITERIA)).toBeNull();
    expect(criteriaProblem(JSON.parse(JSON.stringify(DEFAULT_CRITERIA)))).toBeNull();
  });

  it('accepts other lists totalling 100', () => {
    expect(criteriaProblem([{ key: 'overall', label: '종합', weight: 100 }])).toBeNull();
    expect(
      criteriaProblem(
        Array.from({ length: 10 }, (_, i) => ({ key: `item${i}`, label: `항목 ${i}`, weight: 10 })),
      ),
    ).toBeNull();
  });

  it('refuses weights totalling 99, naming the total', () => {
    // 40 + 20 + 20 + 10 + 9 = 99
    const problem = criteriaProblem(withCriterion(4, { weight: 9 }));
    expect(problem).toEqual({
      ko: '배점의 합계는 100이어야 합니다(현재 99).',
      en: 'weights must total 100 (they total 99)',
    });
  });

  it('refuses weights totalling 101, naming the total', () => {
    // 41 + 20 + 20 + 10 + 10 = 101
    const problem = criteriaProblem(withCriterion(0, { weight: 41 }));
    expect(problem?.en).toContain('101');
    expect(problem?.ko).toContain('101');
  });

  it('refuses duplicate keys', () => {
    expect(criteriaProblem(withCriterion(4, { key: 'difficulty' }))?.en).toMatch(UNIQUE);
  });

  it('refuses a key that is not camelCase of 2–40 characters', () => {
    for (const key of [
      'CitizenImpact',
      'citizen_impact',
      'citizen-impact',
      'citizen impact',
      '1st',
      'c',
      '',
      '국민체감도',
      'a'.repeat(41),
      42,
      null,
    ]) {
      expect(criteriaProblem(withCriterion(0, { key }))?.en).toMatch(SHAPE);
    }
    // The edges that are allowed.
    expect(criteriaProblem(withCriterion(0, { key: 'ab' }))).toBeNull();
    expect(criteriaProblem(withCriterion(0, { key: 'a'.repeat(40) }))).toBeNull();
    expect(criteriaProblem(withCriterion(0, { key: 'impact2025' }))).toBeNull();
  });

  it('refuses an empty, blank, too long or missing label', () => {
    for (const label of ['', '   ', '가'.repeat(51), 7, undefined]) {
      expect(criteriaProblem(withCriterion(0, { label }))?.en).toMatch(SHAPE);
    }
    expect(criteriaProblem(withCriterion(0, { label: '가'.repeat(50) }))).toBeNull();
  });

  it('refuses a weight of 0, 101 or 2.5, or one that is not a number', () => {
    // Each keeps the other weights, so the shape, not the total, is what is wrong.
    for (const weight of [0, 101, 2.5, -10, '40', null, Number.NaN]) {
      expect(criteriaProblem(withCriterion(0, { weight }))?.en).toMatch(SHAPE);
    }
    expect(criteriaProblem([{ key: 'overall', label: '종합', weight: 101 }])?.en).toMatch(SHAPE);
    expect(
      criteriaProblem([
        { key: 'overall', label: '종합', weight: 100 },
        { key: 'nothing', label: '없음', weight: 0 },
      ])?.en,
    ).toMatch(SHAPE);
  });

  it('refuses extra properties', () => {
    expect(criteriaProblem(withCriterion(2, { description: '창의적인가' }))?.en).toMatch(SHAPE);
  });

  it('refuses an entry that is not an object', () => {
    for (const entry of [null, 'citizenImpact', 40, [], ['citizenImpact', '국민체감도', 40]]) {
      expect(criteriaProblem([entry, ...DEFAULT_CRITERIA])?.en).toMatch(SHAPE);
    }
  });

  it('refuses an empty list and 11 entries', () => {
    expect(criteriaProblem([])?.en).toMatch(COUNT);
    // 10 × 9 + 10 = 100, but 11 entries
    const eleven = [
      ...Array.from({ length: 10 }, (_, i) => ({ key: `item${i}`, label: `항목 ${i}`, weight: 9 })),
      { key: 'item10', label: '항목 10', weight: 10 },
    ];
    expect(criteriaProblem(eleven)?.en).toMatch(COUNT);
  });

  it('refuses something that is not a list', () => {
    for (const value of [null, undefined, {}, 'citizenImpact', 100, { 0: DEFAULT_CRITERIA[0] }]) {
      expect(criteriaProblem(value)?.en).toMatch(COUNT);
    }
  });

  it('gives every refusal in Korean and English', () => {
    for (const value of [[], withCriterion(0, { weight: 0 }), withCriterion(4, { weight: 9 })]) {
      const problem = criteriaProblem(value);
      expect(problem?.ko).toEqual(expect.any(String));
      expect(problem?.en).toEqual(expect.any(String));
    }
  });
});

describe('gradesProblem', () => {
  const WRONG = /grade table is 2–10 bands/;

  it('accepts DEFAULT_GRADES (최우수 1, 우수 2, 장려 3, 노력 the rest), also as stored JSON', () => {
    expect(gradesProblem(DEFAULT_GRADES)).toBeNull();
    expect(gradesProblem(JSON.parse(JSON.stringify(DEFAULT_GRADES)))).toBeNull();
  });

  it('accepts the smallest table: one counted band and the open-ended last', () => {
    expect(
      gradesProblem([
        { grade: 'TOP', label: '최우수', count: 1, bonusPoints: 0.5, prizeKrw: 1_000_000 },
        { grade: 'OTHER', label: '기타', count: null, bonusPoints: 0, prizeKrw: 0 },
      ]),
    ).toBeNull();
  });

  it('needs the last band to have count null', () => {
    expect(gradesProblem(withBand(3, { count: 4 }))?.en).toMatch(WRONG);
    expect(gradesProblem(withBand(3, { count: 0 }))?.en).toMatch(WRONG);
    const { count: _count, ...noCount } = DEFAULT_GRADES[3];
    expect(gradesProblem([...DEFAULT_GRADES.slice(0, 3), noCount])?.en).toMatch(WRONG);
  });

  it('needs every other band to have a positive integer count', () => {
    for (const count of [null, 0, -1, 1.5, '2', undefined]) {
      expect(gradesProblem(withBand(1, { count }))?.en).toMatch(WRONG);
    }
    expect(gradesProblem(withBand(1, { count: 5 }))).toBeNull();
  });

  it('needs bonusPoints within 0..5', () => {
    for (const bonusPoints of [-0.1, 5.1, 6, '0.5', null]) {
      expect(gradesProblem(withBand(0, { bonusPoints }))?.en).toMatch(WRONG);
    }
    expect(gradesProblem(withBand(0, { bonusPoints: 5 }))).toBeNull();
    expect(gradesProblem(withBand(0, { bonusPoints: 0 }))).toBeNull();
    expect(gradesProblem(withBand(0, { bonusPoints: 1.25 }))).toBeNull();
  });

  it('needs prizeKrw to be a whole number of won, 0 or more', () => {
    for (const prizeKrw of [-1, -500_000, 0.5, 1000.5, '1000000', null]) {
      expect(gradesProblem(withBand(1, { prizeKrw }))?.en).toMatch(WRONG);
    }
    expect(gradesProblem(withBand(1, { prizeKrw: 0 }))).toBeNull();
  });

  it('needs a grade code of 2–30 capital letters or underscores', () => {
    for (const grade of ['top', 'Top', 'T', '1ST', 'TOP1', 'TOP-1', 'TOP GRADE', '', '_TOP', 3]) {
      expect(gradesProblem(withBand(0, { grade }))?.en).toMatch(WRONG);
    }
    expect(gradesProblem(withBand(0, { grade: 'GRAND_PRIZE' }))).toBeNull();
    expect(gradesProblem(withBand(0, { grade: 'A'.repeat(30) }))).toBeNull();
    expect(gradesProblem(withBand(0, { grade: 'A'.repeat(31) }))?.en).toMatch(WRONG);
  });

  it('refuses duplicate grades', () => {
    expect(gradesProblem(withBand(2, { grade: 'EXCELLENT' }))?.en).toMatch(WRONG);
    expect(gradesProblem(withBand(3, { grade: 'TOP' }))?.en).toMatch(WRONG);
  });

  it('refuses an empty, blank or too long label', () => {
    for (const label of ['', '  ', '가'.repeat(31), 1]) {
      expect(gradesProblem(withBand(1, { label }))?.en).toMatch(WRONG);
    }
  });

  it('refuses fewer than 2 bands and more than 10', () => {
    expect(gradesProblem([])?.en).toMatch(WRONG);
    expect(gradesProblem([DEFAULT_GRADES[3]])?.en).toMatch(WRONG);
    const band = (i: number, last: boolean) => ({
      grade: `BAND_${'ABCDEFGHIJK'[i]}`,
      label: `${i + 1}등급`,
      count: last ? null : 1,
      bonusPoints: 0,
      prizeKrw: 0,
    });
    const ten = Array.from({ length: 10 }, (_, i) => band(i, i === 9));
    const eleven = Array.from({ length: 11 }, (_, i) => band(i, i === 10));
    expect(gradesProblem(ten)).toBeNull();
    expect(gradesProblem(eleven)?.en).toMatch(WRONG);
  });

  it('refuses extra properties', () => {
    expect(gradesProblem(withBand(0, { incentive: '특별승진' }))?.en).toMatch(WRONG);
    expect(gradesProblem(withBand(3, { minScore: 60 }))?.en).toMatch(WRONG);
  });

  it('refuses something that is not a list of objects', () => {
    for (const value of [
      null,
      undefined,
      {},
      'TOP',
      { 0: DEFAULT_GRADES[0], 1: DEFAULT_GRADES[3] },
    ]) {
      expect(gradesProblem(value)?.en).toMatch(WRONG);
    }
    expect(gradesProblem([null, DEFAULT_GRADES[3]])?.en).toMatch(WRONG);
    expect(gradesProblem([DEFAULT_GRADES[0], 'EFFORT'])?.en).toMatch(WRONG);
  });

  it('gives the refusal in Korean and English', () => {
    const problem = gradesProblem([]);
    expect(problem?.ko).toContain('등급표');
    expect(problem?.en).toMatch(WRONG);
  });
});
