import type { InterestedParty } from '@gwaje/common';
import type { Vote } from './committee.entity.js';
import { exclusionsFor, type SittingMember, tally } from './committee-tally.js';

const sitting = (n: number, dept = 'd-committee'): SittingMember[] =>
  Array.from({ length: n }, (_, i) => ({ userId: `m${i + 1}`, departmentIds: [dept] }));
const votes = (v: Record<string, Vote>) => new Map(Object.entries(v));
const none = new Set<string>();

describe('exclusions per item', () => {
  const members: SittingMember[] = [
    { userId: 'm1', departmentIds: ['d1'] },
    { userId: 'm2', departmentIds: ['d2'] },
    { userId: 'm3', departmentIds: ['d3'] },
    { userId: 'm4', departmentIds: ['d4'] },
    { userId: 'm5', departmentIds: ['d5'] },
  ];
  const parties: InterestedParty[] = [
    { role: 'NOMINEE', userId: 'm1' },
    { role: 'DEPARTMENT', departmentId: 'd2' },
    { role: 'NOMINATOR', userId: 'm3' },
  ];

  it('disqualifies the nominee, the nominated department and the nominator (제척)', () => {
    const x = exclusionsFor(members, parties, none, none);
    expect(Object.fromEntries(x)).toEqual({
      m1: { kind: 'DISQUALIFIED', role: 'NOMINEE' },
      m2: { kind: 'DISQUALIFIED', role: 'DEPARTMENT' },
      m3: { kind: 'DISQUALIFIED', role: 'NOMINATOR' },
    });
  });

  it('adds accepted 기피 and 회피, 제척 first', () => {
    const x = exclusionsFor(members, parties, new Set(['m4', 'm1']), new Set(['m5', 'm4']));
    expect(x.get('m1')).toEqual({ kind: 'DISQUALIFIED', role: 'NOMINEE' });
    expect(x.get('m4')).toEqual({ kind: 'CHALLENGE' });
    expect(x.get('m5')).toEqual({ kind: 'RECUSAL' });
  });

  it('excludes nobody when no one is interested', () => {
    expect(exclusionsFor(members, [], none, none).size).toBe(0);
  });
});

describe('the tally', () => {
  it('present 5, for 2, against 1 (2 abstain): rejected', () => {
    const t = tally(
      9,
      ['m1', 'm2', 'm3', 'm4', 'm5'],
      new Map(),
      votes({ m1: 'FOR', m2: 'FOR', m3: 'AGAINST', m4: 'ABSTAIN', m5: 'ABSTAIN' }),
    );
    expect(t).toMatchObject({
      members: 9,
      votesFor: 2,
      votesAgainst: 1,
      votesAbstain: 2,
      quorum: true,
      passed: false,
      votesRequired: 3,
    });
  });

  it('present 5, for 3: passed', () => {
    const t = tally(
      9,
      ['m1', 'm2', 'm3', 'm4', 'm5'],
      new Map(),
      votes({ m1: 'FOR', m2: 'FOR', m3: 'FOR' }),
    );
    expect(t).toMatchObject({ quorum: true, passed: true, votesAbstain: 2 });
  });

  it('counts a present member who did not vote like an abstention', () => {
    const t = tally(5, ['m1', 'm2', 'm3', 'm4'], new Map(), votes({ m1: 'FOR', m2: 'FOR' }));
    expect(t).toMatchObject({ votesFor: 2, votesAbstain: 2, passed: false });
  });

  it('does not count excluded attendees as present, nor their votes', () => {
    const excluded = exclusionsFor(
      sitting(5),
      [{ role: 'NOMINATOR', userId: 'm1' }],
      new Set(['m2']),
      none,
    );
    const t = tally(
      5,
      ['m1', 'm2', 'm3', 'm4', 'm5'],
      excluded,
      votes({ m1: 'FOR', m2: 'FOR', m3: 'FOR', m4: 'FOR', m5: 'AGAINST' }),
    );
    expect(t.presentMemberIds).toEqual(['m3', 'm4', 'm5']);
    expect(t).toMatchObject({ votesFor: 2, votesAgainst: 1, quorum: true, passed: true });
  });

  it('loses the quorum when exclusions leave too few present', () => {
    const excluded = exclusionsFor(
      sitting(9, 'd-x'),
      [{ role: 'DEPARTMENT', departmentId: 'd-x' }],
      none,
      none,
    );
    const t = tally(9, ['m1', 'm2', 'm3', 'm4', 'm5'], excluded, votes({ m1: 'FOR' }));
    expect(t).toMatchObject({
      presentMemberIds: [],
      quorum: false,
      passed: false,
      quorumRequired: 5,
    });
  });

  it('needs a majority of all sitting members present', () => {
    expect(
      tally(
        9,
        ['m1', 'm2', 'm3', 'm4'],
        new Map(),
        votes({ m1: 'FOR', m2: 'FOR', m3: 'FOR', m4: 'FOR' }),
      ).quorum,
    ).toBe(false);
    expect(tally(9, ['m1', 'm2', 'm3', 'm4', 'm5'], new Map(), votes({})).quorum).toBe(true);
  });

  it('counts an attendee listed twice once', () => {
    expect(
      tally(3, ['m1', 'm1', 'm2'], new Map(), votes({ m1: 'FOR', m2: 'FOR' })).presentMemberIds,
    ).toEqual(['m1', 'm2']);
  });
});
