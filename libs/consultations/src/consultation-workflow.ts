import { Role } from '@gwaje/identity';
import { ConsultationState } from './consultation.entity.js';

export const ConsultationAction = {
  SUBMIT: 'submit',
  START_SCREENING: 'startScreening',
  REJECT: 'reject',
  ACCEPT: 'accept',
  START_REVIEW: 'startReview',
  ESCALATE: 'escalate',
  RETURN_ADVICE: 'returnAdvice',
  REQUEST_COMMITTEE_ADVICE: 'requestCommitteeAdvice',
  RECORD_COMMITTEE_ADVICE: 'recordCommitteeAdvice',
  ISSUE_OPINION: 'issueOpinion',
  EXTEND: 'extend',
  CLOSE: 'close',
} as const;
export type ConsultationAction = (typeof ConsultationAction)[keyof typeof ConsultationAction];
export const ALL_CONSULTATION_ACTIONS = Object.values(ConsultationAction);
export type ConsultationAllowedAction = ConsultationAction | 'edit';

/**
 * Who acts, relative to the request: the requesting department's head or members, the requesting
 * organisation's auditors, or the auditors of the organisation it was escalated to.
 */
export type ConsultationActor =
  'REQUESTING_DEPT_HEAD' | 'REQUESTING_DEPT' | 'AUDITOR' | 'PARENT_AUDITOR';

export interface ConsultationTransition {
  from: ConsultationState;
  action: ConsultationAction;
  to: ConsultationState;
  by: ConsultationActor;
}

const { DRAFT, SUBMITTED, SCREENING, REJECTED, ACCEPTED, UNDER_REVIEW, ESCALATED } =
  ConsultationState;
const { COMMITTEE_ADVICE, OPINION_ISSUED, CLOSED } = ConsultationState;

/** States in which the opinion is being prepared: its deadline runs and it may be extended once. */
export const OPINION_PENDING_STATES: readonly ConsultationState[] = [
  ACCEPTED,
  UNDER_REVIEW,
  ESCALATED,
  COMMITTEE_ADVICE,
];
/** States in which screening is pending. */
export const SCREENING_PENDING_STATES: readonly ConsultationState[] = [SUBMITTED, SCREENING];

/** DOMAIN.md §4 as a table. `extend` keeps the state (it moves the deadline, once). */
export const CONSULTATION_TRANSITIONS: readonly ConsultationTransition[] = [
  { from: DRAFT, action: 'submit', to: SUBMITTED, by: 'REQUESTING_DEPT_HEAD' },
  { from: SUBMITTED, action: 'startScreening', to: SCREENING, by: 'AUDITOR' },
  { from: SCREENING, action: 'reject', to: REJECTED, by: 'AUDITOR' },
  { from: SCREENING, action: 'accept', to: ACCEPTED, by: 'AUDITOR' },
  { from: ACCEPTED, action: 'startReview', to: UNDER_REVIEW, by: 'AUDITOR' },
  { from: UNDER_REVIEW, action: 'escalate', to: ESCALATED, by: 'AUDITOR' },
  { from: ESCALATED, action: 'returnAdvice', to: UNDER_REVIEW, by: 'PARENT_AUDITOR' },
  { from: ESCALATED, action: 'issueOpinion', to: OPINION_ISSUED, by: 'PARENT_AUDITOR' },
  // Beyond one level (issue 22 part 6): the holder passes it on to its own parent, or out of Gwaje.
  { from: ESCALATED, action: 'escalate', to: ESCALATED, by: 'PARENT_AUDITOR' },
  { from: UNDER_REVIEW, action: 'requestCommitteeAdvice', to: COMMITTEE_ADVICE, by: 'AUDITOR' },
  { from: COMMITTEE_ADVICE, action: 'recordCommitteeAdvice', to: UNDER_REVIEW, by: 'AUDITOR' },
  { from: UNDER_REVIEW, action: 'issueOpinion', to: OPINION_ISSUED, by: 'AUDITOR' },
  { from: ACCEPTED, action: 'extend', to: ACCEPTED, by: 'AUDITOR' },
  { from: UNDER_REVIEW, action: 'extend', to: UNDER_REVIEW, by: 'AUDITOR' },
  { from: ESCALATED, action: 'extend', to: ESCALATED, by: 'PARENT_AUDITOR' },
  { from: COMMITTEE_ADVICE, action: 'extend', to: COMMITTEE_ADVICE, by: 'AUDITOR' },
  { from: OPINION_ISSUED, action: 'close', to: CLOSED, by: 'REQUESTING_DEPT' },
];

export const FINAL_CONSULTATION_STATES: readonly ConsultationState[] = [REJECTED, CLOSED];

export function consultationTransitionFor(
  from: ConsultationState,
  action: ConsultationAction,
): ConsultationTransition | undefined {
  return CONSULTATION_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

export interface ConsultationUser {
  id: string;
  roles: readonly Role[];
  organisationId: string;
  departmentId: string;
}

export interface ConsultationFacts {
  organisationId: string;
  requestingDepartmentId: string;
  status: ConsultationState;
  escalatedToOrganisationId: string | null;
  /** Escalation goes to the parent organisation's audit unit: none without a parent. */
  parentOrganisationId: string | null;
  /** The parent of the organisation it is escalated to: where a further hop goes in Gwaje. */
  escalatedToParentId?: string | null;
  /** Escalated out of Gwaje (감사원 or a ministry's audit body): no further hop. */
  escalatedExternal?: boolean;
  /**
   * The caller names an external destination for the next hop (감사원 or a ministry's audit body),
   * which needs no parent organisation in Gwaje.
   */
  externalHop?: boolean;
  /** The opinion deadline was extended already (only once). */
  extended: boolean;
}

function acts(user: ConsultationUser, c: ConsultationFacts, by: ConsultationActor): boolean {
  const inDept =
    user.departmentId === c.requestingDepartmentId && user.organisationId === c.organisationId;
  switch (by) {
    case 'REQUESTING_DEPT_HEAD':
      return inDept && user.roles.includes(Role.DEPT_HEAD);
    case 'REQUESTING_DEPT':
      return inDept && (user.roles.includes(Role.STAFF) || user.roles.includes(Role.DEPT_HEAD));
    case 'AUDITOR':
      return user.roles.includes(Role.AUDITOR) && user.organisationId === c.organisationId;
    case 'PARENT_AUDITOR':
      if (!user.roles.includes(Role.AUDITOR)) return false;
      // Sent out of Gwaje by its own audit unit: that unit records what comes back.
      if (c.escalatedToOrganisationId === null)
        return c.escalatedExternal === true && user.organisationId === c.organisationId;
      return user.organisationId === c.escalatedToOrganisationId;
  }
}

/** What the user may do now (`allowedActions` in responses). */
export function allowedConsultationActions(
  user: ConsultationUser,
  c: ConsultationFacts,
): ConsultationAllowedAction[] {
  const allowed: ConsultationAllowedAction[] = [];
  if (c.status === DRAFT && acts(user, c, 'REQUESTING_DEPT')) allowed.push('edit');
  for (const t of CONSULTATION_TRANSITIONS) {
    if (t.from !== c.status || !acts(user, c, t.by)) continue;
    if (t.action === 'extend' && c.extended) continue;
    if (t.action === 'escalate' && !mayEscalate(c)) continue;
    allowed.push(t.action);
  }
  return allowed;
}

/**
 * Why the state machine's own action for this state and this user is refused all the same: a rule
 * of its own, not the state (LIMIT_REACHED and NO_PARENT_ORGANISATION rather than
 * ILLEGAL_TRANSITION). Null when the refusal, if any, is the state's or the role's.
 */
export function consultationRuleRefusal(
  user: ConsultationUser,
  c: ConsultationFacts,
  action: ConsultationAction,
): 'extendedOnce' | 'noParentOrganisation' | null {
  const transition = consultationTransitionFor(c.status, action);
  if (!transition || !acts(user, c, transition.by)) return null;
  if (action === 'extend' && c.extended) return 'extendedOnce';
  // A further hop with nowhere to go is refused by the state (ILLEGAL_TRANSITION, allowedActions).
  if (action === 'escalate' && !mayEscalate(c))
    return c.status === ESCALATED ? null : 'noParentOrganisation';
  return null;
}

/**
 * The organisation in Gwaje the next hop goes to: the requesting organisation's parent on the first
 * hop, the holder's parent on a further one; null when there is none (only an external hop then).
 */
export function nextEscalationTarget(c: ConsultationFacts): string | null {
  if (c.status === ESCALATED)
    return c.escalatedToOrganisationId ? (c.escalatedToParentId ?? null) : null;
  return c.parentOrganisationId;
}

/** A hop is possible: not already out of Gwaje, and a parent to go to or an external destination named. */
function mayEscalate(c: ConsultationFacts): boolean {
  if (c.escalatedExternal) return false;
  return c.externalHop === true || nextEscalationTarget(c) !== null;
}
