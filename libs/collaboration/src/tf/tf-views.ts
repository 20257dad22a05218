import type {
  ActionItemRow,
  AttendeeRow,
  DecisionMilestoneRow,
  DecisionRow,
  MeetingRow,
  TfMemberRow,
} from './tf-query.js';
import type {
  ActionItemStatus,
  DecisionOutcome,
  MeetingAction,
  TfAction,
  TfRole,
} from './tf-rules.js';

// What the TF API answers, and the mapping from the query rows.

/** What a focus task's TF still lacks (tf-rules.ts tfGaps); shown on the collaboration's detail. */
export interface TfStatus {
  /** A focus task (중점 협업과제) needs a TF. */
  required: boolean;
  /** Required and not complete: no TF lead, or a participant without a member. */
  incomplete: boolean;
  missingLead: boolean;
  /** Participating organisations (the lead included) without a TF member. */
  missingOrganisationIds: string[];
  membersCount: number;
}

export interface TfMemberView {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  departmentId: string;
  departmentName: string;
  role: TfRole;
  addedAt: Date;
}

export interface TfView {
  collaborationId: string;
  status: TfStatus;
  members: TfMemberView[];
  allowedActions: TfAction[];
}

export interface AttendeeView {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

export interface ActionItemView {
  id: string;
  collaborationId: string;
  meetingId: string;
  decisionId: string;
  title: string;
  owner: { id: string; name: string; organisationId: string };
  dueDate: string;
  status: ActionItemStatus;
  completedAt: Date | null;
  completedBy: string | null;
  overdue: boolean;
  /** complete (OPEN) or reopen (DONE), for its owner, the TF lead and those who manage the TF. */
  allowedActions: Array<'complete' | 'reopen'>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DecisionView {
  id: string;
  text: string;
  outcome: DecisionOutcome;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  milestones: Array<{
    milestoneId: string;
    title: string;
    dueDate: string;
    status: 'PLANNED' | 'DONE';
    organisationId: string | null;
  }>;
  actionItems: ActionItemView[];
}

export interface MeetingSummary {
  id: string;
  collaborationId: string;
  heldAt: Date;
  title: string;
  place: string;
  online: boolean;
  attendeeIds: string[];
  recordedBy: { id: string; name: string | null } | null;
  decisionsCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MeetingView extends MeetingSummary {
  attendees: AttendeeView[];
  minutes: string;
  decisions: DecisionView[];
  allowedActions: MeetingAction[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function memberView(r: TfMemberRow): TfMemberView {
  return {
    userId: r.user_id,
    name: r.name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    role: r.role,
    addedAt: r.added_at,
  };
}

export function meetingSummary(r: MeetingRow): MeetingSummary {
  return {
    id: r.id,
    collaborationId: r.collaboration_id,
    heldAt: r.held_at,
    title: r.title,
    place: r.place,
    online: r.online,
    attendeeIds: r.attendee_ids,
    recordedBy: r.recorded_by ? { id: r.recorded_by, name: r.recorded_by_name } : null,
    decisionsCount: Number(r.decisions_count),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function attendeeView(r: AttendeeRow): AttendeeView {
  return {
    userId: r.user_id,
    name: r.name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
  };
}

export function actionItemView(r: ActionItemRow, mayComplete: boolean): ActionItemView {
  return {
    id: r.id,
    collaborationId: r.collaboration_id,
    meetingId: r.meeting_id,
    decisionId: r.decision_id,
    title: r.title,
    owner: { id: r.owner_id, name: r.owner_name, organisationId: r.owner_organisation_id },
    dueDate: r.due_date,
    status: r.status,
    completedAt: r.completed_at,
    completedBy: r.completed_by,
    overdue: r.overdue,
    allowedActions: mayComplete ? [r.status === 'OPEN' ? 'complete' : 'reopen'] : [],
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function decisionView(
  d: DecisionRow,
  milestones: readonly DecisionMilestoneRow[],
  items: readonly ActionItemView[],
): DecisionView {
  return {
    id: d.id,
    text: d.text,
    outcome: d.outcome,
    createdBy: d.created_by,
    createdByName: d.created_by_name,
    createdAt: d.created_at,
    milestones: milestones
      .filter((m) => m.decision_id === d.id)
      .map((m) => ({
        milestoneId: m.milestone_id,
        title: m.title,
        dueDate: m.due_date,
        status: m.status,
        organisationId: m.organisation_id,
      })),
    actionItems: items.filter((a) => a.decisionId === d.id),
  };
}
