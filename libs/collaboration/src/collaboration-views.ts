import type { ReportingCadence } from '@gwaje/calendar';
import type { CollaborationRow, ParticipantRow } from './collaboration-query.js';
import type { CollaborationAction, ParticipantRole, ReviewBy } from './collaboration-rules.js';
import type { TfStatus } from './tf/tf-views.js';

// What the collaboration API answers, and the mapping from the query rows.

export interface CollaborationSummary {
  id: string;
  task: {
    id: string;
    code: string;
    title: string;
    year: number;
    status: string;
    dueDate: string;
    leadDepartmentId: string;
    leadDepartmentName: string;
    progress: number;
    delayed: boolean;
    overdueMilestones: number;
  };
  leadOrganisation: { id: string; name: string };
  coordinatorOrganisation: { id: string; name: string };
  focus: boolean;
  reviewBy: ReviewBy;
  planVersion: number;
  participantsCount: number;
  agreementsMissing: number;
  /** 협업SOS awaiting their answer (OPEN) and the age in calendar days of the oldest (null: none). */
  openSos: { count: number; oldestAgeDays: number | null };
  version: number;
  updatedAt: Date;
}

export interface ParticipantView {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  role: ParticipantRole;
  departmentId: string;
  departmentName: string;
  contactUserId: string | null;
  contactName: string | null;
  /** Its agreement with the current plan version; null until it agrees (and again after a reset). */
  agreement: { agreedAt: Date; agreedById: string | null; agreedByName: string | null } | null;
  progress: {
    milestones: number;
    done: number;
    overdue: number;
    /** Done share of the participant's milestone weight (0 without milestones). */
    percent: number;
  };
}

export interface MilestoneShareView {
  milestoneId: string;
  title: string;
  dueDate: string;
  weight: number;
  status: 'PLANNED' | 'DONE';
  doneDate: string | null;
  version: number;
  /** The participant carrying it; null when not shared out. */
  organisationId: string | null;
}

export interface CollaborationDetail extends CollaborationSummary {
  goals: string;
  plan: string;
  focusDesignation: { at: Date; by: string | null; reason: string | null } | null;
  /**
   * The cadence of the task's reporting periods that begin next (from the first of next month,
   * Asia/Seoul): MONTHLY for a 중점 협업과제 designated before then, else the lead organisation's
   * reporting calendar's for that year.
   */
  reportingCadence: ReportingCadence;
  participants: ParticipantView[];
  milestones: MilestoneShareView[];
  allowedActions: CollaborationAction[];
  /** The TF: for a focus task (required), what it still lacks (a lead, a member per participant). */
  tf: TfStatus;
  createdAt: Date;
}

export interface CollaborationPage {
  items: CollaborationSummary[];
  total: number;
  limit: number;
  offset: number;
}

export function summaryOf(r: CollaborationRow): CollaborationSummary {
  return {
    id: r.id,
    task: {
      id: r.task_id,
      code: r.task_code,
      title: r.task_title,
      year: r.task_year,
      status: r.task_status,
      dueDate: r.task_due_date,
      leadDepartmentId: r.lead_department_id,
      leadDepartmentName: r.lead_department_name,
      progress: Number(r.progress),
      delayed: r.delayed,
      overdueMilestones: Number(r.overdue_milestones),
    },
    leadOrganisation: { id: r.lead_organisation_id, name: r.lead_organisation_name },
    coordinatorOrganisation: {
      id: r.coordinator_organisation_id,
      name: r.coordinator_organisation_name,
    },
    focus: r.focus,
    reviewBy: r.review_by,
    planVersion: r.plan_version,
    participantsCount: Number(r.participants_count),
    agreementsMissing: Number(r.agreements_missing),
    openSos: {
      count: Number(r.open_sos_count ?? 0),
      oldestAgeDays: r.oldest_open_sos_days === null ? null : Number(r.oldest_open_sos_days),
    },
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export function participantView(p: ParticipantRow, planVersion: number): ParticipantView {
  const current = p.agreed_plan_version === planVersion;
  return {
    organisationId: p.organisation_id,
    organisationName: p.organisation_name,
    organisationKind: p.organisation_kind,
    role: p.role,
    departmentId: p.department_id,
    departmentName: p.department_name,
    contactUserId: p.contact_user_id,
    contactName: p.contact_name,
    agreement:
      current && p.agreed_at
        ? { agreedAt: p.agreed_at, agreedById: p.agreed_by_id, agreedByName: p.agreed_by_name }
        : null,
    progress: {
      milestones: p.milestones,
      done: p.milestones_done,
      overdue: p.overdue,
      percent: p.weight_total ? Math.round((100 * p.weight_done) / p.weight_total) : 0,
    },
  };
}
