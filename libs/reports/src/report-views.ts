import type { AuthUser } from '@gwaje/identity';
import type { AttachmentView } from '@gwaje/attachments';
import type { MilestoneResult, ReportState } from './report.entity.js';
import type { ReportRow } from './report-query.js';
import { reportTimeliness, type Timeliness } from './report-timeliness.js';
import { allowedReportActions, type ReportAllowedAction } from './report-workflow.js';

export interface ReportSummary {
  id: string;
  taskId: string;
  taskCode: string;
  taskTitle: string;
  departmentId: string;
  departmentName: string;
  year: number;
  period: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: ReportState;
  timeliness: Timeliness;
  daysLate: number;
  daysOverdue: number;
  progress: number | null;
  resubmissionCount: number;
  enteredLater: boolean;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  version: number;
  allowedActions: ReportAllowedAction[];
  approvalRequest: ApprovalRequest | null;
}

interface PersonRef {
  id: string;
  name: string;
}

/** A pending 결재 요청: who asked the head to submit, when, and their note. */
export interface ApprovalRequest {
  requestedBy: PersonRef | null;
  requestedAt: Date;
  note: string | null;
}

export interface ReportDetail extends ReportSummary {
  achievements: string;
  milestoneResults: MilestoneResult[];
  issuesAndRisks: string;
  nextSteps: string;
  supportNeeded: string;
  consultationId: string | null;
  author: PersonRef | null;
  submitter: PersonRef | null;
  reviewer: PersonRef | null;
  reviewComment: string | null;
  attachments: AttachmentView[];
  createdAt: Date;
  updatedAt: Date;
}

const person = (id: string | null, name: string | null): PersonRef | null =>
  id && name ? { id, name } : null;

export function toReportSummary(user: AuthUser, row: ReportRow, today: string): ReportSummary {
  return {
    id: row.id,
    taskId: row.task_id,
    taskCode: row.task_code,
    taskTitle: row.task_title,
    departmentId: row.lead_department_id,
    departmentName: row.department_name,
    year: row.year,
    period: row.period,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    dueDate: row.due_date,
    status: row.state,
    ...reportTimeliness(row.due_date, row.first_submitted_at, today),
    progress: row.progress,
    resubmissionCount: row.resubmission_count,
    enteredLater: row.entered_later,
    firstSubmittedAt: row.first_submitted_at,
    submittedAt: row.submitted_at,
    reviewedAt: row.reviewed_at,
    version: row.version,
    allowedActions: allowedReportActions(user, reportFacts(row)),
    approvalRequest: row.approval_requested_at
      ? {
          requestedBy: person(row.approval_requested_by, row.approval_requester_name),
          requestedAt: row.approval_requested_at,
          note: row.approval_request_note,
        }
      : null,
  };
}

export function toReportDetail(
  user: AuthUser,
  row: ReportRow,
  attachments: AttachmentView[],
  today: string,
): ReportDetail {
  return {
    ...toReportSummary(user, row, today),
    achievements: row.achievements,
    milestoneResults: row.milestone_results,
    issuesAndRisks: row.issues_and_risks,
    nextSteps: row.next_steps,
    supportNeeded: row.support_needed,
    consultationId: row.consultation_id,
    author: person(row.author_id, row.author_name),
    submitter: person(row.submitted_by, row.submitter_name),
    reviewer: person(row.reviewer_id, row.reviewer_name),
    reviewComment: row.review_comment,
    attachments,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function reportFacts(row: ReportRow) {
  return {
    organisationId: row.organisation_id,
    leadDepartmentId: row.lead_department_id,
    status: row.state,
    submittedBy: row.submitted_by,
    reviewerOrganisationId: row.reviewer_organisation_id,
    approvalRequestedBy: row.approval_requested_at ? row.approval_requested_by : null,
  };
}
