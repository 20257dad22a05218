import { Role } from '@gwaje/identity';
import {
  ALL_NOMINATION_STATES,
  type NominationState,
  type RoundStatus,
} from './evaluation.entity.js';

/**
 * What can be done to an evaluation round and its nominations in each state, and by whom
 * (DOMAIN.md §5). The service checks the same conditions before acting; these tables name the
 * actions a 409 ILLEGAL_TRANSITION offers instead (`allowedActions`).
 *
 * A round: NOMINATING → (startScoring) → SCORING → (resolve) → CONFIRMED.
 * A nomination: SUBMITTED → (verify | exclude) → VERIFIED | EXCLUDED; VERIFIED → (score) → SCORED;
 * aggregation grades it (GRADED) and the round's resolution confirms it (CONFIRMED).
 *
 * The results are resolved only by the 적극행정위원회 (DOMAIN.md §9): in SCORING the office puts them
 * before the committee (`referResults`: an EVALUATION_RESULTS agenda item), and `resolve` — the
 * SCORING → CONFIRMED transition — is done by the committee's PASSED item, never by a user's route,
 * so it is offered to no one.
 */

export const ROUND_ACTIONS = [
  'updateRules',
  'setMembers',
  'nominate',
  'startScoring',
  'aggregate',
  'referResults',
  'resolve',
  'grant',
] as const;
export type RoundAction = (typeof ROUND_ACTIONS)[number];

export const NOMINATION_ACTIONS = [
  'verify',
  'exclude',
  'declareConflict',
  'score',
  'recordPreference',
] as const;
export type NominationAction = (typeof NOMINATION_ACTIONS)[number];

/** COMMITTEE: the committee's resolution (an agenda item's handler), never a user. */
type Who = 'OFFICE' | 'NOMINATOR' | 'MEMBER' | 'NOMINEE' | 'COMMITTEE';

/** (state, action, who): the round's own table. */
const ROUND_TABLE: ReadonlyArray<{ in: readonly RoundStatus[]; action: RoundAction; by: Who }> = [
  { in: ['NOMINATING'], action: 'updateRules', by: 'OFFICE' },
  { in: ['NOMINATING', 'SCORING'], action: 'setMembers', by: 'OFFICE' },
  { in: ['NOMINATING'], action: 'nominate', by: 'NOMINATOR' },
  { in: ['NOMINATING'], action: 'startScoring', by: 'OFFICE' },
  { in: ['SCORING'], action: 'aggregate', by: 'OFFICE' },
  { in: ['SCORING'], action: 'referResults', by: 'OFFICE' },
  { in: ['SCORING'], action: 'resolve', by: 'COMMITTEE' },
  { in: ['CONFIRMED'], action: 'grant', by: 'OFFICE' },
];

/** (round state, nomination state, action, who): what is done to one nomination. */
const NOMINATION_TABLE: ReadonlyArray<{
  round: readonly RoundStatus[];
  in: readonly NominationState[];
  action: NominationAction;
  by: Who;
}> = [
  { round: ['NOMINATING'], in: ['SUBMITTED'], action: 'verify', by: 'OFFICE' },
  { round: ['NOMINATING'], in: ['SUBMITTED'], action: 'exclude', by: 'OFFICE' },
  {
    round: ['NOMINATING', 'SCORING'],
    in: ALL_NOMINATION_STATES,
    action: 'declareConflict',
    by: 'MEMBER',
  },
  { round: ['SCORING'], in: ['VERIFIED', 'SCORED', 'GRADED'], action: 'score', by: 'MEMBER' },
  { round: ['CONFIRMED'], in: ['CONFIRMED'], action: 'recordPreference', by: 'NOMINEE' },
];

export interface EvaluationUser {
  id: string;
  roles: readonly Role[];
}

export interface RoundFacts {
  status: RoundStatus;
  memberIds: readonly string[];
}

export interface NominationFacts {
  status: NominationState;
  nomineeUserIds: readonly string[];
  /** Confirmed with a grade above the last (노력) one. */
  selected: boolean;
  /** The user is disqualified from it (제척: nominee, team or department member, nominator): no `score`. */
  disqualified?: boolean;
}

function acts(user: EvaluationUser, round: RoundFacts, by: Who, n?: NominationFacts): boolean {
  switch (by) {
    case 'OFFICE':
      return user.roles.includes(Role.PROACTIVE_OFFICE);
    case 'NOMINATOR':
      return [Role.STAFF, Role.DEPT_HEAD, Role.PROACTIVE_OFFICE].some((r) =>
        user.roles.includes(r),
      );
    case 'MEMBER':
      return user.roles.includes(Role.COMMITTEE) && round.memberIds.includes(user.id);
    case 'NOMINEE':
      return Boolean(n?.selected && n.nomineeUserIds.includes(user.id));
    case 'COMMITTEE':
      return false;
  }
}

/** What the user may do to the round now. */
export function allowedRoundActions(user: EvaluationUser, round: RoundFacts): RoundAction[] {
  return ROUND_TABLE.filter((t) => t.in.includes(round.status) && acts(user, round, t.by)).map(
    (t) => t.action,
  );
}

/** What the user may do to the nomination now (a member's declared conflict aside). */
export function allowedNominationActions(
  user: EvaluationUser,
  round: RoundFacts,
  n: NominationFacts,
): NominationAction[] {
  return NOMINATION_TABLE.filter(
    (t) =>
      t.round.includes(round.status) &&
      t.in.includes(n.status) &&
      acts(user, round, t.by, n) &&
      !(t.action === 'score' && n.disqualified),
  ).map((t) => t.action);
}

/** Whether the round's state (not the user's role) allows the action at all. */
export function roundStateAllows(status: RoundStatus, action: RoundAction): boolean {
  return ROUND_TABLE.some((t) => t.action === action && t.in.includes(status));
}

/** Whether the round's and the nomination's statuses allow the action at all. */
export function nominationStateAllows(
  roundStatus: RoundStatus,
  status: NominationState,
  action: NominationAction,
): boolean {
  return NOMINATION_TABLE.some(
    (t) => t.action === action && t.round.includes(roundStatus) && t.in.includes(status),
  );
}
