import {
  DEFAULT_COMPOSITION,
  compositionWarnings,
  disqualification,
  resolutionOutcome,
} from './committee-rules.js';

describe('resolutionOutcome (재적 과반 출석, 출석 과반 찬성)', () => {
  it.each([
    // members, present, for, quorum, passed
    [9, 5, 3, true, true],
    [9, 5, 2, true, false], // 2 for, 1 against, 2 abstaining: the old "for > against" passed this
    [9, 4, 4, false, false], // no quorum however unanimous
    [10, 5, 5, false, false], // half is not a majority
    [10, 6, 3, true, false], // a tie of the present does not pass
    [10, 6, 4, true, true],
    [1, 1, 1, true, true],
    [0, 0, 0, false, false],
  ])(
    'members %i, present %i, for %i → quorum %s, passed %s',
    (members, present, votesFor, quorum, passed) => {
      expect(resolutionOutcome({ members, present, votesFor })).toMatchObject({ quorum, passed });
    },
  );

  it('says how many are required', () => {
    expect(resolutionOutcome({ members: 9, present: 5, votesFor: 2 })).toEqual({
      quorum: true,
      passed: false,
      quorumRequired: 5,
      votesRequired: 3,
    });
  });
});

describe('disqualification (제척)', () => {
  const member = { userId: 'u1', departmentIds: ['d1'] };
  it('excludes the nominee, a team member, the nominated department and the nominator', () => {
    expect(disqualification(member, [{ role: 'NOMINEE', userId: 'u1' }])).toBe('NOMINEE');
    expect(disqualification(member, [{ role: 'TEAM_MEMBER', userId: 'u1' }])).toBe('TEAM_MEMBER');
    expect(disqualification(member, [{ role: 'DEPARTMENT', departmentId: 'd1' }])).toBe(
      'DEPARTMENT',
    );
    expect(disqualification(member, [{ role: 'NOMINATOR', userId: 'u1' }])).toBe('NOMINATOR');
  });
  it('leaves a member with no tie to the matter', () => {
    expect(
      disqualification(member, [
        { role: 'NOMINEE', userId: 'u2' },
        { role: 'DEPARTMENT', departmentId: 'd2' },
      ]),
    ).toBeNull();
  });
});

describe('compositionWarnings', () => {
  const of = (n: number, civilians: number, chairs = 1) =>
    Array.from({ length: n }, (_, i) => ({ chair: i < chairs, civilian: i >= n - civilians }));
  it('passes the statute default: a chair and 8 members, at least half civilian', () => {
    expect(compositionWarnings(of(9, 5), DEFAULT_COMPOSITION)).toEqual([]);
  });
  it('warns of each shortfall', () => {
    expect(compositionWarnings(of(8, 3, 0), DEFAULT_COMPOSITION)).toEqual([
      { code: 'NO_CHAIR' },
      { code: 'TOO_FEW_MEMBERS', members: 8, required: 9 },
      { code: 'TOO_FEW_CIVILIANS', civilians: 3, required: 4 },
    ]);
    expect(compositionWarnings(of(16, 8, 2), DEFAULT_COMPOSITION)).toEqual([
      { code: 'SEVERAL_CHAIRS', chairs: 2 },
      { code: 'TOO_MANY_MEMBERS', members: 16, allowed: 15 },
    ]);
  });
});
