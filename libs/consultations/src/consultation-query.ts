import { type AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import type {
  ConsultationAdvice,
  ConsultationOption,
  ConsultationState,
  FollowUp,
  OpinionType,
  RejectionReason,
} from './consultation.entity.js';
import { overdueSql } from './consultation-deadlines.js';
import type { EscalationHop, ExternalEscalationDestination } from './consultation-immunity.js';

export const CONSULTATION_SORTS = ['submittedAt', 'dueDate', 'updatedAt', 'createdAt'] as const;
export type ConsultationSort = (typeof CONSULTATION_SORTS)[number];

export interface ConsultationFilter {
  status?: ConsultationState[];
  overdue?: boolean;
  assignedToMe?: boolean;
  departmentId?: string;
  year?: number;
  taskId?: string;
}

export interface ConsultationPageRequest {
  sort: ConsultationSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The running deadline as SQL (consultation-deadlines.ts `consultationDeadline`). */
const DUE_SQL = `CASE WHEN c.state IN ('SUBMITTED', 'SCREENING') THEN c.screening_due_date
  WHEN c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE') THEN c.opinion_due_date + c.extension_days END`;

const SORT_SQL: Record<ConsultationSort, string> = {
  submittedAt: 'c.submitted_at',
  dueDate: `(${DUE_SQL})`,
  updatedAt: 'c.updated_at',
  createdAt: 'c.created_at',
};

export interface ConsultationRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  parent_organisation_id: string | null;
  requesting_department_id: string;
  department_name: string;
  drafter_id: string;
  drafter_name: string;
  requester_id: string | null;
  requester_name: string | null;
  task_id: string | null;
  task_code: string | null;
  task_title: string | null;
  year: number;
  subject: string;
  facts: string;
  question: string;
  relevant_laws: string;
  own_review: string;
  options: ConsultationOption[];
  desired_answer_date: string | null;
  private_interest: boolean;
  private_interest_note: string | null;
  state: ConsultationState;
  submitted_at: Date | null;
  screening_due_date: string | null;
  screener_id: string | null;
  screened_at: Date | null;
  screening_checklist: Record<RejectionReason, boolean> | null;
  rejection_reason: RejectionReason | null;
  rejection_note: string | null;
  assigned_auditor_id: string | null;
  assigned_auditor_name: string | null;
  accepted_at: Date | null;
  opinion_due_date: string | null;
  extension_days: number;
  extension_reason: string | null;
  extended_at: Date | null;
  escalated_to_organisation_id: string | null;
  escalated_to_organisation_name: string | null;
  escalated_at: Date | null;
  advice: ConsultationAdvice[];
  opinion: string | null;
  opinion_type: OpinionType | null;
  opinion_at: Date | null;
  opinion_by: string | null;
  opinion_by_name: string | null;
  opinion_organisation_id: string | null;
  turnaround_days: number | null;
  follow_up: FollowUp | null;
  follow_up_reason: string | null;
  closed_at: Date | null;
  immunity_presumed: boolean;
  escalation_hops: EscalationHop[];
  escalated_external: ExternalEscalationDestination | null;
  escalated_external_name: string | null;
  /** The parent of the organisation the request is escalated to (the next hop's destination). */
  escalated_to_parent_id: string | null;
  information_withheld: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  total?: string;
}

const date = (column: string, as: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;

const COLUMNS = `
  c.id, c.organisation_id, o.name AS organisation_name, o.parent_id AS parent_organisation_id,
  c.requesting_department_id, d.name AS department_name, c.drafter_id, du.name AS drafter_name,
  c.requester_id, ru.name AS requester_name, c.task_id, t.code AS task_code, t.title AS task_title,
  c.year, c.subject, c.facts, c.question, c.relevant_laws, c.own_review, c.options,
  ${date('c.desired_answer_date', 'desired_answer_date')}, c.private_interest, c.private_interest_note,
  c.state, c.submitted_at, ${date('c.screening_due_date', 'screening_due_date')}, c.screener_id,
  c.screened_at, c.screening_checklist, c.rejection_reason, c.rejection_note, c.assigned_auditor_id,
  au.name AS assigned_auditor_name, c.accepted_at, ${date('c.opinion_due_date', 'opinion_due_date')},
  c.extension_days, c.extension_reason, c.extended_at, c.escalated_to_organisation_id,
  eo.name AS escalated_to_organisation_name, c.escalated_at, c.advice, c.opinion, c.opinion_type,
  c.opinion_at, c.opinion_by, ou.name AS opinion_by_name, c.opinion_organisation_id, c.turnaround_days,
  c.follow_up, c.follow_up_reason, c.closed_at, c.immunity_presumed, c.version, c.created_at, c.updated_at,
  c.escalation_hops, c.escalated_external, c.escalated_external_name, eo.parent_id AS escalated_to_parent_id,
  c.information_withheld`;

const JOINS = `
  FROM consultations c
  JOIN organisations o ON o.id = c.organisation_id
  JOIN departments d ON d.id = c.requesting_department_id
  JOIN users du ON du.id = c.drafter_id
  LEFT JOIN users ru ON ru.id = c.requester_id
  LEFT JOIN users au ON au.id = c.assigned_auditor_id
  LEFT JOIN users ou ON ou.id = c.opinion_by
  LEFT JOIN organisations eo ON eo.id = c.escalated_to_organisation_id
  LEFT JOIN tasks t ON t.id = c.task_id`;

/**
 * Who reads a request (DOMAIN.md §1, §4): its department (drafts included); the requesting
 * organisation's AUDITOR and PROACTIVE_OFFICE once submitted; and, after an escalation, the AUDITORs
 * of the organisation it went to. Nobody else: a sibling organisation never sees it.
 */
export function consultationScopeSql(
  policy: AccessPolicy,
  user: AuthUser,
  param: (value: unknown) => string,
): string {
  const parts: string[] = [];
  if (policy.readsWholeOrganisation(user)) {
    parts.push(`(c.organisation_id = ${param(user.organisationId)} AND c.state <> 'DRAFT')`);
  }
  if (policy.hasRole(user, Role.AUDITOR)) {
    const org = param(user.organisationId);
    // The organisation it is escalated to now, and those it passed through on its way (issue 22 part 6).
    parts.push(
      `(c.escalated_to_organisation_id = ${org} OR c.escalation_hops @> jsonb_build_array(jsonb_build_object('toOrganisationId', ${org}::text)))`,
    );
  }
  if (policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD)) {
    parts.push(`c.requesting_department_id = ${param(user.departmentId)}`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}

/** Requests the user may read, filtered, sorted and paginated in SQL (or one, with `id`). */
export function buildConsultationQuery(
  policy: AccessPolicy,
  user: AuthUser,
  filter: ConsultationFilter & { id?: string },
  today: string,
  page?: ConsultationPageRequest,
  /** Instead of a page: a batch in id order after `afterId` (keyset), for streaming exports. */
  keyset?: { afterId: string | null; limit: number },
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const where = [consultationScopeSql(policy, user, p)];
  if (filter.id) where.push(`c.id = ${p(filter.id)}`);
  if (filter.status?.length) where.push(`c.state = ANY(${p(filter.status)}::consultation_state[])`);
  if (filter.overdue !== undefined) {
    const overdue = overdueSql(p(today));
    where.push(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  if (filter.assignedToMe !== undefined) {
    where.push(
      filter.assignedToMe
        ? `c.assigned_auditor_id = ${p(user.id)}`
        : `c.assigned_auditor_id IS DISTINCT FROM ${p(user.id)}`,
    );
  }
  if (filter.departmentId) where.push(`c.requesting_department_id = ${p(filter.departmentId)}`);
  if (filter.year !== undefined) where.push(`c.year = ${p(filter.year)}`);
  if (filter.taskId) where.push(`c.task_id = ${p(filter.taskId)}`);
  let total = '';
  let tail = '';
  if (page) {
    const dir = page.order === 'desc' ? 'DESC' : 'ASC';
    total = ', count(*) OVER () AS total';
    tail = `ORDER BY ${SORT_SQL[page.sort]} ${dir} NULLS LAST, c.id ${dir} LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
  } else if (keyset) {
    if (keyset.afterId) where.push(`c.id > ${p(keyset.afterId)}`);
    tail = `ORDER BY c.id LIMIT ${p(keyset.limit)}`;
  }
  return {
    sql: `SELECT ${COLUMNS}${total} ${JOINS} WHERE ${where.join(' AND ')} ${tail}`,
    values,
  };
}
