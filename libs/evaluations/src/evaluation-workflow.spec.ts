import { Role } from '@gwaje/identity';
import {
  ALL_NOMINATION_STATES,
  type NominationState,
  type RoundStatus,
} from './evaluation.entity.js';
import {
  allowedNominationActions,
  allowedRoundActions,
  type NominationFacts,
  nominationStateAllows,
  ROUND_ACTIONS,
  type RoundAction,
  roundStateAllows,
} from './evaluation-workflow.js';

const office = { id: 'office', roles: [Role.PROACTIVE_OFFICE] };
const member = { id: 'member', roles: [Role.COMMITTEE] };
const outsider = { id: 'outsider', roles: [Role.COMMITTEE] };
const staff = { id: 'staff', roles: [Role.STAFF] };
const auditor = { id: 'auditor', roles: [Role.AUDITOR] };
const round = (status: RoundStatus) => ({ status, memberIds: ['member'] });
const nomination = (status: NominationState, selected = false): NominationFacts => ({
  status,
  nomineeUserIds: ['staff'],
  selected,
});

describe('round actions (DOMAIN.md §5)', () => {
  // Written out from the service's checks: NOMINATING → SCORING → CONFIRMED.
  const EXPECTED: Record<RoundStatus, RoundAction[]> = {
    NOMINATING: ['updateRules', 'setMembers', 'nominate', 'startScoring'],
    SCORING: ['setMembers', 'aggregate', 'referResults', 'resolve'],
    CONFIRMED: ['grant'],
  };
  // What the office is offered: everything but `resolve`, which only the committee's resolution does.
  const OFFICE: Record<RoundStatus, RoundAction[]> = {
    NOMINATING: ['updateRules', 'setMembers', 'nominate', 'startScoring'],
    SCORING: ['setMembers', 'aggregate', 'referResults'],
    CONFIRMED: ['grant'],
  };

  it.each(Object.keys(EXPECTED) as RoundStatus[])(
    'in %s the state allows exactly its actions',
    (s) => {
      expect(ROUND_ACTIONS.filter((a) => roundStateAllows(s, a))).toEqual(EXPECTED[s]);
    },
  );

  it("offers the office every action of the state but the committee's resolution", () => {
    for (const s of Object.keys(EXPECTED) as RoundStatus[]) {
      expect(allowedRoundActions(office, round(s))).toEqual(OFFICE[s]);
    }
  });

  it("offers no one the resolution of the results: only the committee's PASSED item confirms", () => {
    expect(roundStateAllows('SCORING', 'resolve')).toBe(true);
    expect(roundStateAllows('NOMINATING', 'resolve')).toBe(false);
    expect(roundStateAllows('CONFIRMED', 'resolve')).toBe(false);
    const everyone = [office, member, outsider, staff, auditor];
    const all = { id: 'all', roles: [Role.PROACTIVE_OFFICE, Role.COMMITTEE, Role.STAFF] };
    for (const s of Object.keys(EXPECTED) as RoundStatus[]) {
      for (const u of [...everyone, all]) {
        expect(allowedRoundActions(u, round(s))).not.toContain('resolve');
      }
    }
    expect(allowedRoundActions(office, round('SCORING'))).toContain('referResults');
    expect(allowedRoundActions(member, round('SCORING'))).not.toContain('referResults');
  });

  it('offers staff only nominating, and committee members and auditors nothing on the round', () => {
    expect(allowedRoundActions(staff, round('NOMINATING'))).toEqual(['nominate']);
    expect(allowedRoundActions(staff, round('SCORING'))).toEqual([]);
    for (const s of Object.keys(EXPECTED) as RoundStatus[]) {
      expect(allowedRoundActions(member, round(s))).toEqual([]);
      expect(allowedRoundActions(auditor, round(s))).toEqual([]);
    }
  });
});

describe('nomination actions', () => {
  it('lets the office verify or exclude a submitted nomination while nominations are open', () => {
    expect(allowedNominationActions(office, round('NOMINATING'), nomination('SUBMITTED'))).toEqual([
      'verify',
      'exclude',
    ]);
    expect(allowedNominationActions(office, round('NOMINATING'), nomination('VERIFIED'))).toEqual(
      [],
    );
    expect(nominationStateAllows('SCORING', 'SUBMITTED', 'verify')).toBe(false);
  });

  it('lets a member of the round score a verified nomination during scoring only', () => {
    for (const state of ['VERIFIED', 'SCORED', 'GRADED'] as const) {
      expect(allowedNominationActions(member, round('SCORING'), nomination(state))).toEqual([
        'declareConflict',
        'score',
      ]);
      expect(allowedNominationActions(outsider, round('SCORING'), nomination(state))).toEqual([]);
    }
    expect(allowedNominationActions(member, round('SCORING'), nomination('EXCLUDED'))).toEqual([
      'declareConflict',
    ]);
    expect(allowedNominationActions(member, round('NOMINATING'), nomination('VERIFIED'))).toEqual([
      'declareConflict',
    ]);
  });

  it('offers a disqualified member (제척) no score, but still the declaration of a conflict', () => {
    for (const state of ['VERIFIED', 'SCORED', 'GRADED'] as const) {
      expect(
        allowedNominationActions(member, round('SCORING'), {
          ...nomination(state),
          disqualified: true,
        }),
      ).toEqual(['declareConflict']);
    }
  });

  it('lets nobody declare a conflict once the round is confirmed', () => {
    for (const state of ALL_NOMINATION_STATES) {
      expect(nominationStateAllows('CONFIRMED', state, 'declareConflict')).toBe(false);
    }
  });

  it('lets a selected nominee record a preference after confirmation, and nobody else', () => {
    expect(
      allowedNominationActions(staff, round('CONFIRMED'), nomination('CONFIRMED', true)),
    ).toEqual(['recordPreference']);
    expect(
      allowedNominationActions(staff, round('CONFIRMED'), nomination('CONFIRMED', false)),
    ).toEqual([]);
    expect(
      allowedNominationActions(office, round('CONFIRMED'), nomination('CONFIRMED', true)),
    ).toEqual([]);
  });
});
