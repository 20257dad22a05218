import { Role } from '@gwaje/identity';
import { ReportState } from './report.entity.js';

/** What a user may do to a report: its state-machine actions plus editing and attaching. */
export const ReportAction = {
  SUBMIT: 'submit',
  ACCEPT: 'accept',
  RETURN: 'return',
} as const;
export type ReportAction = (typeof ReportAction)[keyof typeof ReportAction];
export const ALL_REPORT_ACTIONS = Object.values(ReportAction);

export const ReportEditAction = { EDIT: 'edit' } as const;

/**
 * The staff → head hand-off (결재 요청): lead-department staff who may edit but not submit ask the
 * department's head to submit; the requester or a head withdraws a pending request.
 */
export const ReportHandOff = {
  REQUEST_APPROVAL: 'requestApproval',
  WITHDRAW_APPROVAL_REQUEST: 'withdrawApprovalRequest',
} as const;
export type ReportHandOff = (typeof ReportHandOff)[keyof typeof ReportHandOff];

export type ReportAllowedAction = ReportAction | typeof ReportEditAction.EDIT | ReportHandOff;
export const ALL_REPORT_ALLOWED_ACTIONS: readonly ReportAllowedAction[] = [
  ...ALL_REPORT_ACTIONS,
  ReportEditAction.EDIT,
  ...Object.values(ReportHandOff),
];

/** Who acts, relative to the report: the lead department's people, or the organisation's reviewers. */
type Actor = 'LEAD_DEPT_HEAD' | 'REVIEWER';

export interface ReportTransition {
  from: ReportState;
  action: ReportAction;
  to: ReportState;
  by: Actor;
  commentRequired: boolean;
}

/**
 * DOMAIN.md §3 as a table: the DEPT_HEAD of the lead department submits (again, after a return);
 * an AUDITOR or PROACTIVE_OFFICE member accepts or returns, with a comment on return.
 */
export const REPORT_TRANSITIONS: readonly ReportTransition[] = [
  {
    from: 'DRAFT',
    action: 'submit',
    to: 'SUBMITTED',
    by: 'LEAD_DEPT_HEAD',
    commentRequired: false,
  },
  {
    from: 'RETURNED',
    action: 'submit',
    to: 'SUBMITTED',
    by: 'LEAD_DEPT_HEAD',
    commentRequired: false,
  },
  { from: 'SUBMITTED', action: 'accept', to: 'ACCEPTED', by: 'REVIEWER', commentRequired: false },
  { from: 'SUBMITTED', action: 'return', to: 'RETURNED', by: 'REVIEWER', commentRequired: true },
];

/** States whose content the lead department may still change. */
export const EDITABLE_REPORT_STATES: readonly ReportState[] = [
  ReportState.DRAFT,
  ReportState.RETURNED,
];

export function reportTransitionFor(
  from: ReportState,
  action: ReportAction,
): ReportTransition | undefined {
  return REPORT_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

export interface ReportActor {
  id: string;
  roles: readonly Role[];
  organisationId: string;
  departmentId: string;
}

export interface ReportFacts {
  organisationId: string;
  leadDepartmentId: string;
  status: ReportState;
  /** Who submitted the current submission: they do not review it themselves. */
  submittedBy: string | null;
  /**
   * Whose AUDITOR and PROACTIVE_OFFICE review it (the reviewer port, report-reviewer-policy.ts);
   * absent: the report's own organisation.
   */
  reviewerOrganisationId?: string;
  /** Who asked the head to submit it (결재 요청), while that request is pending. */
  approvalRequestedBy?: string | null;
}

function acts(user: ReportActor, report: ReportFacts, by: Actor): boolean {
  if (by === 'LEAD_DEPT_HEAD') {
    return user.roles.includes(Role.DEPT_HEAD) && user.departmentId === report.leadDepartmentId;
  }
  return (
    (user.roles.includes(Role.AUDITOR) || user.roles.includes(Role.PROACTIVE_OFFICE)) &&
    user.organisationId === (report.reviewerOrganisationId ?? report.organisationId) &&
    user.id !== report.submittedBy
  );
}

/** Everything the user may do to the report now (the API shows it as `allowedActions`). */
export function allowedReportActions(
  user: ReportActor,
  report: ReportFacts,
): ReportAllowedAction[] {
  const allowed: ReportAllowedAction[] = [];
  const ownDepartment =
    user.departmentId === report.leadDepartmentId &&
    (user.roles.includes(Role.STAFF) || user.roles.includes(Role.DEPT_HEAD));
  const editable = EDITABLE_REPORT_STATES.includes(report.status);
  if (ownDepartment && editable) allowed.push('edit');
  for (const t of REPORT_TRANSITIONS) {
    if (t.from === report.status && acts(user, report, t.by)) allowed.push(t.action);
  }
  const head = acts(user, report, 'LEAD_DEPT_HEAD');
  const pending = Boolean(report.approvalRequestedBy);
  if (ownDepartment && editable && !head && !pending) allowed.push('requestApproval');
  if (editable && pending && (head || (ownDepartment && report.approvalRequestedBy === user.id))) {
    allowed.push('withdrawApprovalRequest');
  }
  return allowed;
}
