import type { ErrorDetail } from '@gwaje/common';
import { type AuthUser, Role } from '@gwaje/identity';
import { canReadCollaboration, type CollaborationFacts } from '../collaboration-rules.js';

/**
 * The TF (task force) of a collaboration (DOMAIN.md §9, issue 21 item 3): rules as pure functions,
 * unit-tested beside them (tf-rules.spec.ts).
 */

/** TF roles: its lead, a member, the coordinator's liaison (연락관; coordinator's users only). */
export const TF_ROLES = ['LEAD', 'MEMBER', 'LIAISON'] as const;
export type TfRole = (typeof TF_ROLES)[number];

export const ACTION_ITEM_STATUSES = ['OPEN', 'DONE'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const DECISION_OUTCOMES = ['NONE', 'MILESTONES', 'ACTION_ITEMS'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** What the caller may do to the TF (for the client's buttons). */
export const TfAction = {
  /** add and remove TF members */
  MANAGE_MEMBERS: 'manageMembers',
  /** record a meeting */
  RECORD_MEETING: 'recordMeeting',
} as const;
export type TfAction = (typeof TfAction)[keyof typeof TfAction];

/** What a meeting's reader may do to it. */
export const MeetingAction = {
  /** change the meeting (time, title, place, attendees, minutes) */
  EDIT: 'edit',
  /** record a decision (with the milestones or action items it creates) */
  DECIDE: 'decide',
} as const;
export type MeetingAction = (typeof MeetingAction)[keyof typeof MeetingAction];

export interface TfMemberFact {
  userId: string;
  organisationId: string;
  role: TfRole;
}

export interface TfFacts extends CollaborationFacts {
  /** The lead organisation's contact (collaboration_participants of the LEAD). */
  leadContactUserId: string | null;
  members: readonly TfMemberFact[];
}

/** A user named as a TF member, as the database has them. */
export interface TfCandidate {
  organisationId: string;
  departmentId: string;
  roles: readonly Role[];
  active: boolean;
}

const problem = (field: string, code: string, ko: string, en: string): ErrorDetail => ({
  field,
  code,
  message: { ko, en },
});

/**
 * Who manages the TF's members (the same people who run the collaboration, collaboration-rules.ts):
 * the lead organisation's PROACTIVE_OFFICE or the collaboration's lead contact (the lead's
 * mayEdit, plus its named contact), and the coordinator's PROACTIVE_OFFICE (who designates focus
 * tasks, which need a TF).
 */
export function mayManageTf(user: AuthUser, facts: TfFacts): boolean {
  const office = user.roles.includes(Role.PROACTIVE_OFFICE);
  if (office && user.organisationId === facts.leadOrganisationId) return true;
  if (office && user.organisationId === facts.coordinatorOrganisationId) return true;
  return facts.leadContactUserId !== null && user.id === facts.leadContactUserId;
}

export function tfMemberOf(userId: string, facts: TfFacts): TfMemberFact | undefined {
  return facts.members.find((m) => m.userId === userId);
}

/** Recording a meeting: a TF member (any role) or one who manages the TF. */
export function mayRecordMeeting(user: AuthUser, facts: TfFacts): boolean {
  return mayManageTf(user, facts) || tfMemberOf(user.id, facts) !== undefined;
}

/**
 * Changing a meeting and recording its decisions: who recorded it, the TF lead, the coordinator's
 * liaison, and those who manage the TF.
 */
export function mayEditMeeting(user: AuthUser, facts: TfFacts, recordedBy: string | null): boolean {
  if (mayManageTf(user, facts)) return true;
  if (recordedBy !== null && recordedBy === user.id) return true;
  const role = tfMemberOf(user.id, facts)?.role;
  return role === 'LEAD' || role === 'LIAISON';
}

/** Marking an action item done (or open again): its owner, the TF lead, those who manage the TF. */
export function mayCompleteActionItem(user: AuthUser, facts: TfFacts, ownerId: string): boolean {
  if (user.id === ownerId) return true;
  if (tfMemberOf(user.id, facts)?.role === 'LEAD') return true;
  return mayManageTf(user, facts);
}

export function allowedTfActions(user: AuthUser, facts: TfFacts): TfAction[] {
  const actions: TfAction[] = [];
  if (mayManageTf(user, facts)) actions.push(TfAction.MANAGE_MEMBERS);
  if (mayRecordMeeting(user, facts)) actions.push(TfAction.RECORD_MEETING);
  return actions;
}

export function allowedMeetingActions(
  user: AuthUser,
  facts: TfFacts,
  recordedBy: string | null,
): MeetingAction[] {
  return mayEditMeeting(user, facts, recordedBy) ? [MeetingAction.EDIT, MeetingAction.DECIDE] : [];
}

/**
 * Who may be a TF member in which role (fields `userId`, `role`): an active user of a
 * participating organisation (the lead included) or of the coordinator, who reads the
 * collaboration (its org-wide readers, or STAFF/DEPT_HEAD of its responsible department: a member
 * must see the TF it sits in); the coordinator's liaison only from the coordinator; once each.
 * A second TF lead is a conflict (`leadTaken`), answered as 409 by the service.
 */
export function tfMemberProblems(
  userId: string,
  candidate: TfCandidate | undefined,
  role: TfRole,
  facts: TfFacts,
): ErrorDetail[] {
  if (!candidate || !candidate.active) {
    return [
      problem('userId', 'unknownUser', '재직 중인 사용자가 아닙니다.', 'no such active user'),
    ];
  }
  const coordinator = candidate.organisationId === facts.coordinatorOrganisationId;
  const participant = facts.participants.some((p) => p.organisationId === candidate.organisationId);
  if (!coordinator && !participant) {
    return [
      problem(
        'userId',
        'tfOrganisation',
        '참여기관이나 총괄기관의 사용자가 아닙니다.',
        'not a user of a participating or the coordinating organisation',
      ),
    ];
  }
  const problems: ErrorDetail[] = [];
  const reader = { ...candidate, id: userId } as unknown as AuthUser;
  if (!canReadCollaboration(reader, facts)) {
    problems.push(
      problem(
        'userId',
        'tfReader',
        '이 협업과제를 볼 수 없는 사용자입니다(참여기관 담당부서 직원·부서장 또는 기관의 감사·적극행정 담당).',
        'this user cannot read the collaboration (a responsible department’s STAFF or DEPT_HEAD, or an AUDITOR or PROACTIVE_OFFICE)',
      ),
    );
  }
  if (role === 'LIAISON' && !coordinator) {
    problems.push(
      problem(
        'role',
        'liaisonCoordinator',
        '총괄기관 연락관은 총괄기관의 사용자만 맡을 수 있습니다.',
        'only a user of the coordinating organisation can be its liaison',
      ),
    );
  }
  if (tfMemberOf(userId, facts)) {
    problems.push(
      problem('userId', 'unique', '이미 TF 구성원입니다.', 'already a member of the TF'),
    );
  }
  return problems;
}

/** Whether naming `role` would make a second TF lead. */
export function leadTaken(role: TfRole, facts: TfFacts): boolean {
  return role === 'LEAD' && facts.members.some((m) => m.role === 'LEAD');
}

/**
 * What a focus task's TF still lacks (중점 협업과제 need a TF, issue 21 item 2): a lead, and a
 * member from every participating organisation (the lead included). The coordinator's liaison is
 * welcome but not required. Designating focus is not refused for it: the TF is usually formed
 * after designation, so the collaboration's detail reports what is missing instead.
 */
export function tfGaps(facts: TfFacts): { missingLead: boolean; missingOrganisationIds: string[] } {
  const represented = new Set(facts.members.map((m) => m.organisationId));
  return {
    missingLead: !facts.members.some((m) => m.role === 'LEAD'),
    missingOrganisationIds: facts.participants
      .map((p) => p.organisationId)
      .filter((o) => !represented.has(o)),
  };
}

/** Meeting attendees: TF members, each once (`attendeeIds.<i>`). */
export function attendeeProblems(attendeeIds: readonly string[], facts: TfFacts): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  attendeeIds.forEach((id, i) => {
    if (seen.has(id)) {
      problems.push(
        problem(`attendeeIds.${i}`, 'unique', '같은 참석자를 두 번 적었습니다.', 'listed twice'),
      );
    } else if (!tfMemberOf(id, facts)) {
      problems.push(
        problem(`attendeeIds.${i}`, 'tfMember', 'TF 구성원이 아닙니다.', 'not a member of the TF'),
      );
    }
    seen.add(id);
  });
  return problems;
}

export interface DecisionInput {
  text: string;
  milestones?: ReadonlyArray<{ title: string; dueDate: string; organisationId: string }>;
  actionItems?: ReadonlyArray<{ title: string; ownerUserId: string; dueDate: string }>;
}

/**
 * What a decision creates: milestones of the collaboration's task (each carried by a participant)
 * OR action items (each owned by a TF member), or nothing; never both (`actionItems`:
 * `eitherOutcome`). Returns the outcome and the problems, each naming its item.
 */
export function decisionProblems(
  input: DecisionInput,
  facts: TfFacts,
): { outcome: DecisionOutcome; problems: ErrorDetail[] } {
  const milestones = input.milestones ?? [];
  const actionItems = input.actionItems ?? [];
  const problems: ErrorDetail[] = [];
  if (milestones.length && actionItems.length) {
    problems.push(
      problem(
        'actionItems',
        'eitherOutcome',
        '한 결정은 단계 또는 실행과제 중 하나만 만들 수 있습니다.',
        'a decision creates either milestones or action items, not both',
      ),
    );
  }
  const participants = new Set(facts.participants.map((p) => p.organisationId));
  milestones.forEach((m, i) => {
    if (!participants.has(m.organisationId)) {
      problems.push(
        problem(
          `milestones.${i}.organisationId`,
          'participant',
          '이 협업과제의 참여기관이 아닙니다.',
          'not a participant of this collaboration task',
        ),
      );
    }
  });
  actionItems.forEach((a, i) => {
    if (!tfMemberOf(a.ownerUserId, facts)) {
      problems.push(
        problem(
          `actionItems.${i}.ownerUserId`,
          'tfMember',
          'TF 구성원이 아닙니다.',
          'not a member of the TF',
        ),
      );
    }
  });
  const outcome: DecisionOutcome = milestones.length
    ? 'MILESTONES'
    : actionItems.length
      ? 'ACTION_ITEMS'
      : 'NONE';
  return { outcome, problems };
}
