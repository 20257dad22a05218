/**
 * What can be done to a contest round and its entries in each state, and by whom (DOMAIN.md §9,
 * ARCHITECTURE.md convention 4). The services check the same table before acting; a refusal is a
 * 409 ILLEGAL_TRANSITION naming what the caller may do instead (`allowedActions`).
 *
 * A round: DRAFT → (open) → OPEN → (closeEntries) → SCREENING → (startJudging) → JUDGING →
 * (publish) → RESULTS_PUBLISHED → (close) → CLOSED.
 * An entry: SUBMITTED → (accept | reject) → ACCEPTED | REJECTED; an ACCEPTED entry is scored and
 * ranked while the round is JUDGING; publication makes it AWARDED or NOT_AWARDED.
 */

export const ROUND_STATUSES = [
  'DRAFT',
  'OPEN',
  'SCREENING',
  'JUDGING',
  'RESULTS_PUBLISHED',
  'CLOSED',
] as const;
export type ContestRoundStatus = (typeof ROUND_STATUSES)[number];

export const ENTRY_STATES = [
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'AWARDED',
  'NOT_AWARDED',
] as const;
export type ContestEntryState = (typeof ENTRY_STATES)[number];

export const ROUND_ACTIONS = [
  'update',
  'setPanel',
  'proposeNextRound',
  'decideFeeder',
  'open',
  'closeEntries',
  'startJudging',
  'rank',
  'publish',
  'close',
  'submitEntry',
] as const;
export type ContestRoundAction = (typeof ROUND_ACTIONS)[number];

export const ENTRY_ACTIONS = ['accept', 'reject', 'score'] as const;
export type ContestEntryAction = (typeof ENTRY_ACTIONS)[number];

/** The round transitions the generic transitions route takes (publish has its own route). */
export const ROUND_TRANSITIONS = ['open', 'closeEntries', 'startJudging', 'close'] as const;
export type ContestRoundTransition = (typeof ROUND_TRANSITIONS)[number];

/** ORGANISER: the organising body's PROACTIVE_OFFICE; ENTRANT: an entrant organisation's; JUDGE: a panel member. */
export type ContestActor = 'ORGANISER' | 'ENTRANT' | 'JUDGE';

interface RoundRule {
  in: readonly ContestRoundStatus[];
  action: ContestRoundAction;
  by: ContestActor;
  to?: ContestRoundStatus;
}

const BEFORE_RESULTS: readonly ContestRoundStatus[] = ['DRAFT', 'OPEN', 'SCREENING', 'JUDGING'];

export const ROUND_TABLE: readonly RoundRule[] = [
  { in: BEFORE_RESULTS, action: 'update', by: 'ORGANISER' },
  { in: BEFORE_RESULTS, action: 'setPanel', by: 'ORGANISER' },
  { in: BEFORE_RESULTS, action: 'proposeNextRound', by: 'ORGANISER' },
  // A higher round takes feeders while it can still take their entries in.
  { in: ['DRAFT', 'OPEN', 'SCREENING'], action: 'decideFeeder', by: 'ORGANISER' },
  { in: ['DRAFT'], action: 'open', by: 'ORGANISER', to: 'OPEN' },
  { in: ['OPEN'], action: 'closeEntries', by: 'ORGANISER', to: 'SCREENING' },
  { in: ['SCREENING'], action: 'startJudging', by: 'ORGANISER', to: 'JUDGING' },
  { in: ['JUDGING'], action: 'rank', by: 'ORGANISER' },
  { in: ['JUDGING'], action: 'publish', by: 'ORGANISER', to: 'RESULTS_PUBLISHED' },
  { in: ['RESULTS_PUBLISHED'], action: 'close', by: 'ORGANISER', to: 'CLOSED' },
  { in: ['OPEN'], action: 'submitEntry', by: 'ENTRANT' },
];

interface EntryRule {
  round: readonly ContestRoundStatus[];
  in: readonly ContestEntryState[];
  action: ContestEntryAction;
  by: ContestActor;
  to: ContestEntryState;
}

export const ENTRY_TABLE: readonly EntryRule[] = [
  {
    round: ['OPEN', 'SCREENING'],
    in: ['SUBMITTED'],
    action: 'accept',
    by: 'ORGANISER',
    to: 'ACCEPTED',
  },
  {
    round: ['OPEN', 'SCREENING'],
    in: ['SUBMITTED'],
    action: 'reject',
    by: 'ORGANISER',
    to: 'REJECTED',
  },
  { round: ['JUDGING'], in: ['ACCEPTED'], action: 'score', by: 'JUDGE', to: 'ACCEPTED' },
];

/** The state a round transition leads to, or null when the table has no such move. */
export function roundTransition(
  status: ContestRoundStatus,
  action: ContestRoundAction,
): ContestRoundStatus | null {
  const rule = ROUND_TABLE.find((r) => r.action === action && r.in.includes(status));
  return rule ? (rule.to ?? status) : null;
}

/** The state an entry action leads to, or null when the round's or the entry's state refuses it. */
export function entryTransition(
  roundStatus: ContestRoundStatus,
  state: ContestEntryState,
  action: ContestEntryAction,
): ContestEntryState | null {
  const rule = ENTRY_TABLE.find(
    (r) => r.action === action && r.round.includes(roundStatus) && r.in.includes(state),
  );
  return rule?.to ?? null;
}

/** What the caller, acting as each of `as`, may do to the round now. */
export function allowedRoundActions(
  status: ContestRoundStatus,
  as: readonly ContestActor[],
): ContestRoundAction[] {
  return ROUND_TABLE.filter((r) => r.in.includes(status) && as.includes(r.by)).map((r) => r.action);
}

/** What the caller, acting as each of `as`, may do to the entry now. */
export function allowedEntryActions(
  roundStatus: ContestRoundStatus,
  state: ContestEntryState,
  as: readonly ContestActor[],
): ContestEntryAction[] {
  return ENTRY_TABLE.filter(
    (r) => r.round.includes(roundStatus) && r.in.includes(state) && as.includes(r.by),
  ).map((r) => r.action);
}
