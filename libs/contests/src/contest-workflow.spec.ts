import {
  allowedEntryActions,
  allowedRoundActions,
  type ContestActor,
  ENTRY_ACTIONS,
  ENTRY_STATES,
  entryTransition,
  ROUND_ACTIONS,
  ROUND_STATUSES,
  roundTransition,
} from './contest-workflow.js';

/** The whole round table, written out: (status, action) → next status, or absent = refused. */
const ROUND_EXPECTED: Record<string, string> = {
  'DRAFT update': 'DRAFT',
  'DRAFT setPanel': 'DRAFT',
  'DRAFT proposeNextRound': 'DRAFT',
  'DRAFT decideFeeder': 'DRAFT',
  'DRAFT open': 'OPEN',
  'OPEN update': 'OPEN',
  'OPEN setPanel': 'OPEN',
  'OPEN proposeNextRound': 'OPEN',
  'OPEN decideFeeder': 'OPEN',
  'OPEN closeEntries': 'SCREENING',
  'OPEN submitEntry': 'OPEN',
  'SCREENING update': 'SCREENING',
  'SCREENING setPanel': 'SCREENING',
  'SCREENING proposeNextRound': 'SCREENING',
  'SCREENING decideFeeder': 'SCREENING',
  'SCREENING startJudging': 'JUDGING',
  'JUDGING update': 'JUDGING',
  'JUDGING setPanel': 'JUDGING',
  'JUDGING proposeNextRound': 'JUDGING',
  'JUDGING rank': 'JUDGING',
  'JUDGING publish': 'RESULTS_PUBLISHED',
  'RESULTS_PUBLISHED close': 'CLOSED',
};

const ENTRY_EXPECTED: Record<string, string> = {
  'OPEN SUBMITTED accept': 'ACCEPTED',
  'OPEN SUBMITTED reject': 'REJECTED',
  'SCREENING SUBMITTED accept': 'ACCEPTED',
  'SCREENING SUBMITTED reject': 'REJECTED',
  'JUDGING ACCEPTED score': 'ACCEPTED',
};

describe('contest round state machine', () => {
  it.each(ROUND_STATUSES.flatMap((s) => ROUND_ACTIONS.map((a) => [s, a] as const)))(
    '%s × %s',
    (status, action) => {
      expect(roundTransition(status, action)).toBe(ROUND_EXPECTED[`${status} ${action}`] ?? null);
    },
  );

  it('offers each actor only its own actions', () => {
    expect(allowedRoundActions('OPEN', ['ENTRANT'])).toEqual(['submitEntry']);
    expect(allowedRoundActions('OPEN', ['JUDGE'])).toEqual([]);
    expect(allowedRoundActions('JUDGING', ['ORGANISER'])).toEqual([
      'update',
      'setPanel',
      'proposeNextRound',
      'rank',
      'publish',
    ]);
    expect(allowedRoundActions('CLOSED', ['ORGANISER', 'ENTRANT', 'JUDGE'])).toEqual([]);
  });
});

describe('contest entry state machine', () => {
  const cases = ROUND_STATUSES.flatMap((r) =>
    ENTRY_STATES.flatMap((s) => ENTRY_ACTIONS.map((a) => [r, s, a] as const)),
  );
  it.each(cases)('round %s, entry %s × %s', (round, state, action) => {
    expect(entryTransition(round, state, action)).toBe(
      ENTRY_EXPECTED[`${round} ${state} ${action}`] ?? null,
    );
  });

  it('lets the organiser screen and the judge score, nobody else', () => {
    const all: ContestActor[] = ['ORGANISER', 'ENTRANT', 'JUDGE'];
    expect(allowedEntryActions('SCREENING', 'SUBMITTED', ['ENTRANT', 'JUDGE'])).toEqual([]);
    expect(allowedEntryActions('SCREENING', 'SUBMITTED', all)).toEqual(['accept', 'reject']);
    expect(allowedEntryActions('JUDGING', 'ACCEPTED', ['ORGANISER'])).toEqual([]);
    expect(allowedEntryActions('JUDGING', 'ACCEPTED', ['JUDGE'])).toEqual(['score']);
  });
});
