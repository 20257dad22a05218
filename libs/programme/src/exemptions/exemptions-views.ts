import { type AuthUser, Role } from '@gwaje/identity';
import type { ExemptionRow } from './exemptions-query.js';
import {
  EMPTY_CHECKLIST,
  type ExemptionChecklist,
  type ExemptionDecision,
  type ExemptionKind,
  type ExemptionStatus,
} from './exemptions-rules.js';

export type ExemptionAction = 'update' | 'decide' | 'notify';

interface PersonRef {
  id: string;
  name: string;
}

export interface ExemptionView {
  id: string;
  organisationId: string;
  kind: ExemptionKind;
  applicant: (PersonRef & { departmentName: string | null }) | null;
  /** The official concerned when the case is ex officio and not a user of Gwaje. */
  subjectName: string | null;
  title: string;
  auditReference: string;
  finding: string;
  appliedOn: string;
  /** The linked pre-consultation and the presumption libs/consultations computed for it. */
  consultation: {
    id: string;
    subject: string;
    status: string;
    immunityPresumed: boolean;
  } | null;
  checklist: ExemptionChecklist;
  status: ExemptionStatus;
  decision: ExemptionDecision | null;
  reasons: string | null;
  decidedOn: string | null;
  decidedBy: PersonRef | null;
  committeeAgendaItemId: string | null;
  notification: {
    notifiedOn: string;
    channel: 'IN_APP_EMAIL' | 'DOCUMENT';
    note: string | null;
    notifiedBy: PersonRef | null;
  } | null;
  registeredBy: PersonRef;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  allowedActions: ExemptionAction[];
}

const person = (id: string | null, name: string | null): PersonRef | null =>
  id && name ? { id, name } : null;

/** The audit unit of the case's organisation acts: register, fill in, decide, notify. */
export function allowedExemptionActions(user: AuthUser, row: ExemptionRow): ExemptionAction[] {
  if (!user.roles.includes(Role.AUDITOR) || user.organisationId !== row.organisation_id) return [];
  switch (row.status) {
    case 'OPEN':
      return ['update', 'decide'];
    case 'DECIDED':
      return ['notify'];
    case 'NOTIFIED':
      return [];
  }
}

export function exemptionView(user: AuthUser, row: ExemptionRow): ExemptionView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    kind: row.kind,
    applicant: row.applicant_id
      ? {
          id: row.applicant_id,
          name: row.applicant_name ?? '',
          departmentName: row.applicant_department_name,
        }
      : null,
    subjectName: row.subject_name,
    title: row.title,
    auditReference: row.audit_reference,
    finding: row.finding,
    appliedOn: row.applied_on,
    consultation: row.consultation_id
      ? {
          id: row.consultation_id,
          subject: row.consultation_subject ?? '',
          status: row.consultation_state ?? '',
          immunityPresumed: row.consultation_immunity_presumed === true,
        }
      : null,
    checklist: { ...EMPTY_CHECKLIST, ...row.checklist },
    status: row.status,
    decision: row.decision,
    reasons: row.decision_reasons,
    decidedOn: row.decided_on,
    decidedBy: person(row.decided_by, row.decided_by_name),
    committeeAgendaItemId: row.committee_agenda_item_id,
    notification:
      row.notified_on && row.notification_channel
        ? {
            notifiedOn: row.notified_on,
            channel: row.notification_channel,
            note: row.notification_note,
            notifiedBy: person(row.notified_by, row.notified_by_name),
          }
        : null,
    registeredBy: { id: row.registered_by, name: row.registered_by_name },
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    allowedActions: allowedExemptionActions(user, row),
  };
}
