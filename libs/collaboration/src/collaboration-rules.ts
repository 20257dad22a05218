import type { ErrorDetail } from '@gwaje/common';
import { type AuthUser, Role } from '@gwaje/identity';

/** Who reviews the collaboration's reports (a setting per task; applied through the reports' reviewer port: collaboration-progress-query.ts). */
export const REVIEW_BY = ['LEAD_AUDITOR', 'COORDINATOR'] as const;
export type ReviewBy = (typeof REVIEW_BY)[number];

export const PARTICIPANT_ROLES = ['LEAD', 'PARTICIPANT'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** What a caller may do to a collaboration, for the client's buttons (allowedActions). */
export const CollaborationAction = {
  /** goals, plan, review setting, participants and milestone shares: the lead's PROACTIVE_OFFICE */
  EDIT: 'edit',
  /** record the caller's organisation's agreement with the current plan */
  AGREE: 'agree',
  /** designate or undesignate 중점 협업과제: the coordinator's PROACTIVE_OFFICE */
  DESIGNATE_FOCUS: 'designateFocus',
  /** complete the caller's organisation's share of the milestones */
  COMPLETE_SHARE: 'completeShare',
} as const;
export type CollaborationAction = (typeof CollaborationAction)[keyof typeof CollaborationAction];

export interface CollaborationFacts {
  leadOrganisationId: string;
  coordinatorOrganisationId: string;
  participants: ReadonlyArray<{ organisationId: string; departmentId: string }>;
}

const ORG_READERS: readonly Role[] = [Role.AUDITOR, Role.PROACTIVE_OFFICE];
const DEPT_READERS: readonly Role[] = [Role.STAFF, Role.DEPT_HEAD];
const has = (user: AuthUser, roles: readonly Role[]) => roles.some((r) => user.roles.includes(r));

/** The caller's organisation's participation, if any. */
export function participationOf(
  user: AuthUser,
  facts: CollaborationFacts,
): { organisationId: string; departmentId: string } | undefined {
  return facts.participants.find((p) => p.organisationId === user.organisationId);
}

/**
 * Who reads a collaboration and its task (DOMAIN.md §9; the same rule as the SQL scopes in
 * collaboration-query.ts): org-wide readers (AUDITOR, PROACTIVE_OFFICE) of a participating or the
 * coordinating organisation; STAFF and DEPT_HEAD of a participant's responsible department. Nobody
 * else (a 404).
 */
export function canReadCollaboration(user: AuthUser, facts: CollaborationFacts): boolean {
  if (has(user, ORG_READERS)) {
    if (facts.coordinatorOrganisationId === user.organisationId) return true;
    if (participationOf(user, facts)) return true;
  }
  if (has(user, DEPT_READERS)) {
    if (facts.participants.some((p) => p.departmentId === user.departmentId)) return true;
  }
  return false;
}

/**
 * Whether the caller may act for participant `organisationId` on its own part: its
 * PROACTIVE_OFFICE, or `deptRoles` of its responsible department.
 */
function actsFor(
  user: AuthUser,
  facts: CollaborationFacts,
  organisationId: string,
  deptRoles: readonly Role[],
): boolean {
  const p = facts.participants.find((x) => x.organisationId === organisationId);
  if (!p || user.organisationId !== organisationId) return false;
  if (user.roles.includes(Role.PROACTIVE_OFFICE)) return true;
  return user.departmentId === p.departmentId && has(user, deptRoles);
}

/** Completing a milestone share of `organisationId`: its responsible department's STAFF/DEPT_HEAD or its PROACTIVE_OFFICE. */
export function mayCompleteShare(
  user: AuthUser,
  facts: CollaborationFacts,
  organisationId: string,
): boolean {
  return actsFor(user, facts, organisationId, DEPT_READERS);
}

/** Recording the agreement of the caller's organisation: its PROACTIVE_OFFICE or its responsible department's DEPT_HEAD. */
export function mayAgree(user: AuthUser, facts: CollaborationFacts): boolean {
  return actsFor(user, facts, user.organisationId, [Role.DEPT_HEAD]);
}

/** The lead organisation's PROACTIVE_OFFICE edits goals, plan, participants and shares. */
export function mayEdit(user: AuthUser, facts: CollaborationFacts): boolean {
  return (
    user.organisationId === facts.leadOrganisationId && user.roles.includes(Role.PROACTIVE_OFFICE)
  );
}

/** Only the coordinating organisation's PROACTIVE_OFFICE designates 중점 협업과제. */
export function mayDesignateFocus(user: AuthUser, facts: CollaborationFacts): boolean {
  return (
    user.organisationId === facts.coordinatorOrganisationId &&
    user.roles.includes(Role.PROACTIVE_OFFICE)
  );
}

/** What the caller may do (a reader only; the list the detail shows). */
export function allowedCollaborationActions(
  user: AuthUser,
  facts: CollaborationFacts,
): CollaborationAction[] {
  const actions: CollaborationAction[] = [];
  if (mayEdit(user, facts)) actions.push(CollaborationAction.EDIT);
  if (mayAgree(user, facts)) actions.push(CollaborationAction.AGREE);
  if (mayDesignateFocus(user, facts)) actions.push(CollaborationAction.DESIGNATE_FOCUS);
  if (mayCompleteShare(user, facts, user.organisationId))
    actions.push(CollaborationAction.COMPLETE_SHARE);
  return actions;
}

/** What the participants agree to: goals, plan and who carries which milestone. */
export interface AgreedPlan {
  goals: string;
  plan: string;
  /** milestone id → participant organisation id */
  shares: ReadonlyMap<string, string>;
}

/**
 * The agreement rule: every participant's agreement is reset (the plan version moves on) when
 * what they agreed to changes: the goals, the plan or the milestone shares. Other changes (the
 * review setting, focus, a participant added) leave the agreements as they are.
 */
export function planChanged(before: AgreedPlan, after: AgreedPlan): boolean {
  if (before.goals !== after.goals || before.plan !== after.plan) return true;
  if (before.shares.size !== after.shares.size) return true;
  for (const [milestoneId, organisationId] of before.shares) {
    if (after.shares.get(milestoneId) !== organisationId) return true;
  }
  return false;
}

/**
 * What is wrong with a list of milestone shares (each problem names its item): a milestone not of
 * the collaboration's task, a milestone listed twice, an organisation not taking part.
 */
export function shareProblems(
  shares: ReadonlyArray<{ milestoneId: string; organisationId: string }>,
  taskMilestoneIds: ReadonlySet<string>,
  participantIds: ReadonlySet<string>,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  shares.forEach((s, i) => {
    if (!taskMilestoneIds.has(s.milestoneId)) {
      problems.push({
        field: `shares.${i}.milestoneId`,
        code: 'taskMilestone',
        message: {
          ko: '이 협업과제의 단계가 아닙니다.',
          en: 'not a milestone of this collaboration task',
        },
      });
    } else if (seen.has(s.milestoneId)) {
      problems.push({
        field: `shares.${i}.milestoneId`,
        code: 'unique',
        message: { ko: '같은 단계를 두 번 적었습니다.', en: 'this milestone is listed twice' },
      });
    }
    seen.add(s.milestoneId);
    if (!participantIds.has(s.organisationId)) {
      problems.push({
        field: `shares.${i}.organisationId`,
        code: 'participant',
        message: {
          ko: '이 협업과제의 참여기관이 아닙니다.',
          en: 'not a participant of this collaboration task',
        },
      });
    }
  });
  return problems;
}

/**
 * Participants named at creation: each organisation once, and not the lead (which takes part with
 * the task's lead department). Returns the problems and the indexes still to check in the database.
 */
export function participantListProblems(
  leadOrganisationId: string,
  participants: ReadonlyArray<{ organisationId: string }>,
): { problems: ErrorDetail[]; toCheck: number[] } {
  const problems: ErrorDetail[] = [];
  const toCheck: number[] = [];
  const seen = new Set<string>([leadOrganisationId]);
  participants.forEach((p, i) => {
    if (seen.has(p.organisationId)) {
      problems.push({
        field: `participants.${i}.organisationId`,
        code: 'unique',
        message: {
          ko: '이미 참여기관(또는 주관기관)으로 적힌 기관입니다.',
          en: 'this organisation is already listed (or is the lead)',
        },
      });
      return;
    }
    seen.add(p.organisationId);
    toCheck.push(i);
  });
  return { problems, toCheck };
}
