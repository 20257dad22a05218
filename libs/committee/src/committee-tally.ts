import {
  disqualification,
  type InterestedParty,
  type InterestedRole,
  resolutionOutcome,
} from '@gwaje/common';
import type { Vote } from './committee.entity.js';

/** Why a member does not take part in an agenda item. */
export type ExclusionGround =
  /** 제척: the member is an interested party (automatic). */
  | { kind: 'DISQUALIFIED'; role: InterestedRole }
  /** 기피: a party's request the committee accepted. */
  | { kind: 'CHALLENGE' }
  /** 회피: the member's own declaration. */
  | { kind: 'RECUSAL' };

export interface SittingMember {
  userId: string;
  departmentIds: readonly string[];
}

/**
 * Every sitting member excluded from an item, with the first ground that applies (제척 before
 * 기피 before 회피). `challenged` and `recused` are the users with an accepted 기피 / a 회피.
 */
export function exclusionsFor(
  sitting: readonly SittingMember[],
  parties: readonly InterestedParty[],
  challenged: ReadonlySet<string>,
  recused: ReadonlySet<string>,
): Map<string, ExclusionGround> {
  const out = new Map<string, ExclusionGround>();
  for (const m of sitting) {
    const role = disqualification(m, parties);
    if (role) out.set(m.userId, { kind: 'DISQUALIFIED', role });
    else if (challenged.has(m.userId)) out.set(m.userId, { kind: 'CHALLENGE' });
    else if (recused.has(m.userId)) out.set(m.userId, { kind: 'RECUSAL' });
  }
  return out;
}

export interface Tally {
  /** 재적: the members sitting on the meeting's date. */
  members: number;
  /** Attendees not excluded from the item, in id order. */
  presentMemberIds: string[];
  votesFor: number;
  votesAgainst: number;
  /** Abstentions, and present members who cast no vote (both count against). */
  votesAbstain: number;
  quorum: boolean;
  passed: boolean;
  quorumRequired: number;
  votesRequired: number;
}

/**
 * The item's resolution under the statute's rule (재적 과반 출석, 출석 과반 찬성): excluded members
 * are not present for the item, and their votes (if any were cast before the exclusion) are ignored;
 * a present member who did not vote counts like an abstention.
 */
export function tally(
  sittingCount: number,
  attendeeIds: readonly string[],
  excluded: ReadonlyMap<string, ExclusionGround>,
  votes: ReadonlyMap<string, Vote>,
): Tally {
  const present = [...new Set(attendeeIds)].filter((id) => !excluded.has(id)).sort();
  const cast = present.map((id) => votes.get(id));
  const votesFor = cast.filter((v) => v === 'FOR').length;
  const votesAgainst = cast.filter((v) => v === 'AGAINST').length;
  const outcome = resolutionOutcome({ members: sittingCount, present: present.length, votesFor });
  return {
    members: sittingCount,
    presentMemberIds: present,
    votesFor,
    votesAgainst,
    votesAbstain: present.length - votesFor - votesAgainst,
    ...outcome,
  };
}
