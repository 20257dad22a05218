import type { AttachmentView } from '@gwaje/attachments';
import type { AuthUser } from '@gwaje/identity';
import type {
  ConsultationAdvice,
  ConsultationOption,
  ConsultationState,
  FollowUp,
  OpinionType,
  RejectionReason,
} from './consultation.entity.js';
import { consultationDeadline } from './consultation-deadlines.js';
import type { EscalationHop, ExternalEscalationDestination } from './consultation-immunity.js';
import type { ConsultationRow } from './consultation-query.js';
import {
  allowedConsultationActions,
  type ConsultationAllowedAction,
  type ConsultationFacts,
} from './consultation-workflow.js';

interface PersonRef {
  id: string;
  name: string;
}

export interface ConsultationSummary {
  id: string;
  organisationId: string;
  organisationName: string;
  departmentId: string;
  departmentName: string;
  taskId: string | null;
  taskCode: string | null;
  taskTitle: string | null;
  year: number;
  subject: string;
  status: ConsultationState;
  submittedAt: Date | null;
  screeningDueDate: string | null;
  opinionDueDate: string | null;
  extensionDays: number;
  /** The deadline running now and whether it has passed (computed when read). */
  dueDate: string | null;
  overdue: boolean;
  daysOverdue: number;
  assignedAuditor: PersonRef | null;
  escalatedToOrganisationId: string | null;
  opinionType: OpinionType | null;
  opinionAt: Date | null;
  turnaroundDays: number | null;
  followUp: FollowUp | null;
  immunityPresumed: boolean;
  version: number;
  allowedActions: ConsultationAllowedAction[];
}

export interface ConsultationDetail extends ConsultationSummary {
  drafter: PersonRef;
  requester: PersonRef | null;
  facts: string;
  question: string;
  relevantLaws: string;
  ownReview: string;
  options: ConsultationOption[];
  desiredAnswerDate: string | null;
  privateInterest: boolean;
  privateInterestNote: string | null;
  screenedAt: Date | null;
  screeningChecklist: Record<RejectionReason, boolean> | null;
  rejectionReason: RejectionReason | null;
  rejectionNote: string | null;
  acceptedAt: Date | null;
  extensionReason: string | null;
  escalatedToOrganisationName: string | null;
  escalatedAt: Date | null;
  /** Every hop of the escalation with the approval of the head the statute names. */
  escalationHops: EscalationHop[];
  /** Escalated out of Gwaje (감사원 or a ministry's audit body), and to whom. */
  escalatedExternal: ExternalEscalationDestination | null;
  escalatedExternalName: string | null;
  /** Recorded with the opinion: the requester withheld information the audit unit needed. */
  informationWithheld: boolean;
  advice: ConsultationAdvice[];
  opinion: string | null;
  opinionBy: PersonRef | null;
  opinionOrganisationId: string | null;
  followUpReason: string | null;
  closedAt: Date | null;
  attachments: AttachmentView[];
  createdAt: Date;
  updatedAt: Date;
}

const person = (id: string | null, name: string | null): PersonRef | null =>
  id && name ? { id, name } : null;

export function consultationFacts(row: ConsultationRow): ConsultationFacts {
  return {
    organisationId: row.organisation_id,
    requestingDepartmentId: row.requesting_department_id,
    status: row.state,
    escalatedToOrganisationId: row.escalated_to_organisation_id,
    parentOrganisationId: row.parent_organisation_id,
    escalatedToParentId: row.escalated_to_parent_id,
    escalatedExternal: row.escalated_external !== null,
    extended: row.extension_days > 0,
  };
}

export function toConsultationSummary(
  user: AuthUser,
  row: ConsultationRow,
  today: string,
): ConsultationSummary {
  const deadline = consultationDeadline(
    {
      status: row.state,
      screeningDueDate: row.screening_due_date,
      opinionDueDate: row.opinion_due_date,
      extensionDays: row.extension_days,
    },
    today,
  );
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    departmentId: row.requesting_department_id,
    departmentName: row.department_name,
    taskId: row.task_id,
    taskCode: row.task_code,
    taskTitle: row.task_title,
    year: row.year,
    subject: row.subject,
    status: row.state,
    submittedAt: row.submitted_at,
    screeningDueDate: row.screening_due_date,
    opinionDueDate: row.opinion_due_date,
    extensionDays: row.extension_days,
    ...deadline,
    assignedAuditor: person(row.assigned_auditor_id, row.assigned_auditor_name),
    escalatedToOrganisationId: row.escalated_to_organisation_id,
    opinionType: row.opinion_type,
    opinionAt: row.opinion_at,
    turnaroundDays: row.turnaround_days,
    followUp: row.follow_up,
    immunityPresumed: row.immunity_presumed,
    version: row.version,
    allowedActions: allowedConsultationActions(user, consultationFacts(row)),
  };
}

export function toConsultationDetail(
  user: AuthUser,
  row: ConsultationRow,
  attachments: AttachmentView[],
  today: string,
): ConsultationDetail {
  return {
    ...toConsultationSummary(user, row, today),
    drafter: { id: row.drafter_id, name: row.drafter_name },
    requester: person(row.requester_id, row.requester_name),
    facts: row.facts,
    question: row.question,
    relevantLaws: row.relevant_laws,
    ownReview: row.own_review,
    options: row.options,
    desiredAnswerDate: row.desired_answer_date,
    privateInterest: row.private_interest,
    privateInterestNote: row.private_interest_note,
    screenedAt: row.screened_at,
    screeningChecklist: row.screening_checklist,
    rejectionReason: row.rejection_reason,
    rejectionNote: row.rejection_note,
    acceptedAt: row.accepted_at,
    extensionReason: row.extension_reason,
    escalatedToOrganisationName: row.escalated_to_organisation_name,
    escalatedAt: row.escalated_at,
    escalationHops: row.escalation_hops,
    escalatedExternal: row.escalated_external,
    escalatedExternalName: row.escalated_external_name,
    informationWithheld: row.information_withheld,
    advice: row.advice,
    opinion: row.opinion,
    opinionBy: person(row.opinion_by, row.opinion_by_name),
    opinionOrganisationId: row.opinion_organisation_id,
    followUpReason: row.follow_up_reason,
    closedAt: row.closed_at,
    attachments,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
