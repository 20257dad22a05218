import { type AuthUser } from '@gwaje/identity';
import { ALL_TASK_STATUSES, type TaskStatus } from '@gwaje/tasks';
import { type CollaborationFacts, mayCompleteShare } from './collaboration-rules.js';
import type { ReviewBy } from './collaboration-rules.js';

/**
 * Shared progress (issue 21 item 4): the rules of the participants' contributions to the lead's
 * reports, of who reviews those reports, and the coordinator's figures. Pure functions.
 */

/** Report states in which the participants still write their contributions (the report's draft). */
export const CONTRIBUTION_EDITABLE_STATES: readonly string[] = ['DRAFT', 'RETURNED'];

/**
 * Writing the contribution of participant `organisationId`: only that organisation's people, as
 * for its milestone share (its responsible department's STAFF/DEPT_HEAD or its PROACTIVE_OFFICE).
 */
export function mayWriteContribution(
  user: AuthUser,
  facts: CollaborationFacts,
  organisationId: string,
): boolean {
  return mayCompleteShare(user, facts, organisationId);
}

/**
 * Whose AUDITOR and PROACTIVE_OFFICE accept or return the reports of the collaboration's task:
 * the lead's (LEAD_AUDITOR, the reports' default) or the coordinator's (COORDINATOR).
 */
export function reviewingOrganisation(
  reviewBy: ReviewBy,
  facts: Pick<CollaborationFacts, 'leadOrganisationId' | 'coordinatorOrganisationId'>,
): string {
  return reviewBy === 'COORDINATOR' ? facts.coordinatorOrganisationId : facts.leadOrganisationId;
}

/** One collaboration task the coordinator's figures count (a row of COORDINATOR_TASKS_SQL). */
export interface CoordinatedTaskFacts {
  leadOrganisationId: string;
  leadOrganisationName: string;
  focus: boolean;
  status: TaskStatus;
  delayed: boolean;
  /** Participants (the lead included) that have not agreed the current plan. */
  agreementsMissing: number;
}

export interface CoordinatorCounts {
  total: number;
  /** 중점 협업과제 */
  focus: number;
  /** 기관관리 협업과제 */
  agencyManaged: number;
  delayed: number;
  /** Tasks with at least one participant that has not agreed the current plan. */
  awaitingAgreement: number;
  /** Missing agreements in all (participants × tasks). */
  agreementsMissing: number;
}

/**
 * The coordinator's dashboard section `collaborations`: its collaboration tasks of the year across
 * every lead organisation. `extensions` is the slot where other collaboration capabilities put
 * named figures of their own (registerCoordinatorFigures in collaboration-dashboard.ts).
 */
export interface CoordinatorFigures extends CoordinatorCounts {
  byStatus: Record<TaskStatus, number>;
  focusDelayed: number;
  byLead: Array<CoordinatorCounts & { organisationId: string; organisationName: string }>;
  extensions: Record<string, unknown>;
}

const zero = (): CoordinatorCounts => ({
  total: 0,
  focus: 0,
  agencyManaged: 0,
  delayed: 0,
  awaitingAgreement: 0,
  agreementsMissing: 0,
});

function add(c: CoordinatorCounts, t: CoordinatedTaskFacts): void {
  c.total += 1;
  if (t.focus) c.focus += 1;
  else c.agencyManaged += 1;
  if (t.delayed) c.delayed += 1;
  if (t.agreementsMissing > 0) c.awaitingAgreement += 1;
  c.agreementsMissing += t.agreementsMissing;
}

/** Counts the coordinated tasks; leads in the order the rows come (by name). */
export function coordinatorFigures(
  tasks: readonly CoordinatedTaskFacts[],
  extensions: Record<string, unknown> = {},
): CoordinatorFigures {
  const all = zero();
  const byStatus = Object.fromEntries(ALL_TASK_STATUSES.map((s) => [s, 0])) as Record<
    TaskStatus,
    number
  >;
  const leads = new Map<
    string,
    CoordinatorCounts & { organisationId: string; organisationName: string }
  >();
  let focusDelayed = 0;
  for (const t of tasks) {
    add(all, t);
    byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
    if (t.focus && t.delayed) focusDelayed += 1;
    let lead = leads.get(t.leadOrganisationId);
    if (!lead) {
      lead = {
        organisationId: t.leadOrganisationId,
        organisationName: t.leadOrganisationName,
        ...zero(),
      };
      leads.set(t.leadOrganisationId, lead);
    }
    add(lead, t);
  }
  return { ...all, byStatus, focusDelayed, byLead: [...leads.values()], extensions };
}
