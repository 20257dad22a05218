import {
  incentiveAllowance,
  incentiveReportFigures,
  isSelectedNomination,
  qualifyingTaskOwners,
} from './incentive-rules.js';

const grades = [
  { grade: 'TOP', label: '최우수', count: 1, bonusPoints: 0.5, prizeKrw: 1 },
  { grade: 'EXCELLENT', label: '우수', count: 2, bonusPoints: 0.4, prizeKrw: 1 },
  { grade: 'EFFORT', label: '노력', count: null, bonusPoints: 0, prizeKrw: 0 },
];

describe('selected officials', () => {
  it('are the nominees of a CONFIRMED OFFICIAL, TEAM or FAILURE_CASE nomination graded above the last band', () => {
    const n = { state: 'CONFIRMED' as const, grade: 'TOP', type: 'OFFICIAL' as const };
    expect(isSelectedNomination(n, grades)).toBe(true);
    expect(isSelectedNomination({ ...n, type: 'TEAM' }, grades)).toBe(true);
    expect(isSelectedNomination({ ...n, grade: 'EXCELLENT' }, grades)).toBe(true);
    expect(isSelectedNomination({ ...n, grade: 'EFFORT' }, grades)).toBe(false);
    expect(isSelectedNomination({ ...n, grade: null }, grades)).toBe(false);
    expect(isSelectedNomination({ ...n, state: 'GRADED' }, grades)).toBe(false);
    expect(isSelectedNomination({ ...n, type: 'DEPARTMENT' }, grades)).toBe(false);
    expect(isSelectedNomination({ ...n, type: 'FAILURE_CASE' }, grades)).toBe(true);
  });
});

describe("the priority-task owner's allowance", () => {
  const task = (
    over: Partial<{ id: string; code: string; ownerId: string; year: number; status: string }>,
  ) => ({
    id: 't1',
    code: '2026-01',
    ownerId: 'u1',
    year: 2026,
    status: 'SELECTED',
    ...over,
  });

  it.each(['SELECTED', 'IN_PROGRESS', 'COMPLETED'])(
    'counts a %s task of the round year',
    (status) => {
      expect(qualifyingTaskOwners([task({ status })], ['u1'], 2026)).toEqual([
        { userId: 'u1', taskId: 't1', code: '2026-01', status },
      ]);
    },
  );

  it.each(['DRAFT', 'PROPOSED', 'REJECTED', 'SUSPENDED', 'DROPPED'])(
    'does not count a %s task',
    (status) => {
      expect(qualifyingTaskOwners([task({ status })], ['u1'], 2026)).toEqual([]);
    },
  );

  it("does not count another year's task, nor a task someone else owns", () => {
    expect(qualifyingTaskOwners([task({ year: 2025 })], ['u1'], 2026)).toEqual([]);
    expect(qualifyingTaskOwners([task({ ownerId: 'u2' })], ['u1'], 2026)).toEqual([]);
  });

  it('gives the owner the larger allowance, everyone else the ordinary one', () => {
    const snapshot = qualifyingTaskOwners(
      [task({}), task({ id: 't2', code: '2026-02', ownerId: 'u3', status: 'COMPLETED' })],
      ['u1', 'u2', 'u3'],
      2026,
    );
    const limits = { max: 1, maxTaskOwner: 2 };
    expect(incentiveAllowance(snapshot, 'u1', limits)).toEqual({ max: 2, taskOwner: true });
    expect(incentiveAllowance(snapshot, 'u3', limits)).toEqual({ max: 2, taskOwner: true });
    expect(incentiveAllowance(snapshot, 'u2', limits)).toEqual({ max: 1, taskOwner: false });
  });
});

describe('incentive report figures', () => {
  it('counts by type and status, the share with a major incentive and who is below the minimum', () => {
    const f = incentiveReportFigures(
      ['a', 'b', 'c', 'a'],
      [
        { userId: 'a', incentiveType: 'SPECIAL_PROMOTION', status: 'EXECUTED' },
        { userId: 'a', incentiveType: 'REWARD_LEAVE', status: 'GRANTED' },
        { userId: 'b', incentiveType: 'TOP_PERFORMANCE_BONUS', status: 'CANCELLED' },
        { userId: 'b', incentiveType: 'RATING_BONUS_POINTS', status: 'GRANTED' },
      ],
      1,
    );
    expect(f.selectedOfficials).toBe(3);
    expect(f.byType).toMatchObject({
      SPECIAL_PROMOTION: 1,
      REWARD_LEAVE: 1,
      RATING_BONUS_POINTS: 1,
      TOP_PERFORMANCE_BONUS: 0,
      OTHER: 0,
    });
    expect(f.byStatus).toEqual({ GRANTED: 2, EXECUTED: 1, CANCELLED: 1 });
    // Only a: b's major incentive is cancelled.
    expect(f.withMajorIncentive).toBe(1);
    expect(f.majorShare).toBe(0.3333);
    expect(f.majorSharePercent).toBe(33.3);
    expect(f.belowMinimum).toEqual([{ userId: 'c', granted: 0 }]);
  });

  it('rounds the percent to one decimal and is 0 when nobody is selected', () => {
    const two = (t: 'SPECIAL_STEP_INCREASE' | 'OTHER') =>
      ({ incentiveType: t, status: 'GRANTED' }) as const;
    const f = incentiveReportFigures(
      ['a', 'b', 'c'],
      [
        { userId: 'a', ...two('SPECIAL_STEP_INCREASE') },
        { userId: 'b', ...two('SPECIAL_STEP_INCREASE') },
        { userId: 'c', ...two('OTHER') },
      ],
      2,
    );
    expect([f.majorShare, f.majorSharePercent]).toEqual([0.6667, 66.7]);
    expect(f.belowMinimum.map((b) => b.userId)).toEqual(['a', 'b', 'c']);
    const none = incentiveReportFigures([], [], 1);
    expect([none.selectedOfficials, none.majorShare, none.majorSharePercent]).toEqual([0, 0, 0]);
    expect(
      incentiveReportFigures(
        ['a'],
        [{ userId: 'a', incentiveType: 'SPECIAL_PROMOTION', status: 'GRANTED' }],
        1,
      ).majorSharePercent,
    ).toBe(100);
  });
});
