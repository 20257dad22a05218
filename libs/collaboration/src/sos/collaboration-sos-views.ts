import type { SosRow } from './collaboration-sos-query.js';
import type {
  SosAction,
  SosFacts,
  SosNeedKind,
  SosStatus,
  StaffDecision,
} from './collaboration-sos-rules.js';

/** A 협업정원 request with the coordinator's decision (null until decided). */
export interface StaffRequestView {
  count: number;
  grade: string;
  months: number | null;
  untilDate: string | null;
  reason: string;
  decision: {
    decision: StaffDecision;
    approvedCount: number;
    reason: string | null;
    decidedBy: string | null;
    decidedAt: Date;
  } | null;
}

/** One 협업SOS as every reader of its collaboration sees it (the answer included). */
export interface SosView {
  id: string;
  collaborationId: string;
  filedBy: { id: string; name: string | null; organisationId: string; organisationName: string };
  blocked: string;
  blockingOrganisation: { id: string; name: string | null } | null;
  needKind: SosNeedKind;
  details: string;
  status: SosStatus;
  filedAt: Date;
  filedOn: string;
  answerBusinessDays: number;
  dueDate: string;
  /** Still awaiting its answer after its due date. */
  overdue: boolean;
  /** Calendar days since it was filed. */
  ageDays: number;
  answer: {
    text: string | null;
    answeredAt: Date;
    answeredById: string | null;
    answeredByName: string | null;
    organisationId: string | null;
  } | null;
  resolution: { at: Date; by: string | null; note: string | null } | null;
  closing: { at: Date; by: string | null; reason: string | null } | null;
  reopenedCount: number;
  /** When the overdue SOS was first escalated to the coordinator's proactive office head. */
  escalatedAt: Date | null;
  staffRequest: StaffRequestView | null;
  allowedActions: SosAction[];
  version: number;
  updatedAt: Date;
}

export function sosFacts(r: SosRow): SosFacts {
  return {
    status: r.status,
    needKind: r.need_kind,
    staffDecided: r.staff_decision !== null,
    filedBy: r.filed_by,
    leadOrganisationId: r.lead_organisation_id,
    coordinatorOrganisationId: r.coordinator_organisation_id,
    blockingOrganisationId: r.blocking_organisation_id,
    blockingContactUserId: r.blocking_contact_user_id,
  };
}

export function sosView(r: SosRow, allowedActions: SosAction[]): SosView {
  return {
    id: r.id,
    collaborationId: r.collaboration_id,
    filedBy: {
      id: r.filed_by,
      name: r.filed_by_name,
      organisationId: r.filed_by_organisation_id,
      organisationName: r.filed_by_organisation_name,
    },
    blocked: r.blocked,
    blockingOrganisation: r.blocking_organisation_id
      ? { id: r.blocking_organisation_id, name: r.blocking_organisation_name }
      : null,
    needKind: r.need_kind,
    details: r.details,
    status: r.status,
    filedAt: r.filed_at,
    filedOn: r.filed_on,
    answerBusinessDays: r.answer_business_days,
    dueDate: r.due_date,
    overdue: r.overdue,
    ageDays: r.age_days,
    answer: r.answered_at
      ? {
          text: r.answer,
          answeredAt: r.answered_at,
          answeredById: r.answered_by,
          answeredByName: r.answered_by_name,
          organisationId: r.answered_by_organisation_id,
        }
      : null,
    resolution: r.resolved_at
      ? { at: r.resolved_at, by: r.resolved_by, note: r.resolution_note }
      : null,
    closing: r.closed_at ? { at: r.closed_at, by: r.closed_by, reason: r.close_reason } : null,
    reopenedCount: r.reopened_count,
    escalatedAt: r.escalated_at,
    staffRequest:
      r.staff_count !== null
        ? {
            count: r.staff_count,
            grade: r.staff_grade ?? '',
            months: r.staff_months,
            untilDate: r.staff_until_date,
            reason: r.staff_reason ?? '',
            decision:
              r.staff_decision && r.staff_decided_at
                ? {
                    decision: r.staff_decision,
                    approvedCount: r.staff_approved_count ?? 0,
                    reason: r.staff_decision_reason,
                    decidedBy: r.staff_decided_by,
                    decidedAt: r.staff_decided_at,
                  }
                : null,
          }
        : null,
    allowedActions,
    version: r.version,
    updatedAt: r.updated_at,
  };
}
