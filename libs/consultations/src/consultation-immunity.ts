import type { FollowUp } from './consultation.entity.js';

/** Where an escalation goes when it leaves Gwaje: 감사원, or a ministry's audit body (감사관실). */
export const EXTERNAL_ESCALATION_DESTINATIONS = ['BOARD_OF_AUDIT', 'MINISTRY_AUDIT'] as const;
export type ExternalEscalationDestination = (typeof EXTERNAL_ESCALATION_DESTINATIONS)[number];

/**
 * One hop of a pre-consultation's escalation (issue 22 part 6): from the organisation holding it to
 * its parent's audit unit in Gwaje, or out of Gwaje (감사원 or a ministry's audit body: recorded,
 * not an organisation here), with the approval of the head the statute names (who, title, when).
 */
export interface EscalationHop {
  seq: number;
  fromOrganisationId: string;
  /** The parent organisation in Gwaje; null for an external destination. */
  toOrganisationId: string | null;
  /** PARENT, or the external destination. */
  destination: 'PARENT' | ExternalEscalationDestination;
  /** The organisation's name, or the external body's (e.g. 감사원, 행정안전부 감사관실). */
  toName: string;
  /** The head who approved the hop; null on a first hop recorded without one. */
  approvedByName: string | null;
  approvedByTitle: string | null;
  /** YYYY-MM-DD */
  approvedOn: string | null;
  requestedBy: string;
  requestedAt: string;
  request: string;
}

/** What the immunity presumption of a closed pre-consultation depends on. */
export interface ImmunityFacts {
  followUp: FollowUp | null;
  privateInterest: boolean;
  /** The requester withheld information the audit unit needed (recorded with the opinion). */
  informationWithheld: boolean;
}

/**
 * 면책 추정 (DOMAIN.md §4, issue 22 part 6): acting as the opinion said is presumed to meet the
 * immunity requirements, unless a private interest was declared or the audit unit was not given the
 * information it needed.
 */
export function immunityPresumed(c: ImmunityFacts): boolean {
  return c.followUp === 'FOLLOWED' && !c.privateInterest && !c.informationWithheld;
}
