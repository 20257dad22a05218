import type { AccessPolicy, AuthUser } from '@gwaje/identity';
import { taskReadScopeSql } from '@gwaje/tasks';
import type { ReportState } from './report.entity.js';
import { LATE_SQL, missingSql } from './report-timeliness.js';
import { reviewerOrganisationSql } from './report-reviewer-policy.js';

export const REPORT_SORTS = ['dueDate', 'submittedAt', 'period', 'taskCode', 'updatedAt'] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];

export interface ReportFilter {
  year?: number;
  period?: string;
  departmentId?: string;
  status?: ReportState[];
  late?: boolean;
  missing?: boolean;
  taskId?: string;
  /** With a pending 결재 요청 (true) or without one (false). */
  approvalRequested?: boolean;
}

export interface ReportPageRequest {
  sort: ReportSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const SORT_SQL: Record<ReportSort, string> = {
  dueDate: 'r.due_date',
  submittedAt: 'r.submitted_at',
  period: 'r.period_start',
  taskCode: 't.code',
  updatedAt: 'r.updated_at',
};

/** One report with its task's names, as the list and the detail read it. */
export interface ReportRow {
  id: string;
  organisation_id: string;
  task_id: string;
  task_code: string;
  task_title: string;
  lead_department_id: string;
  department_name: string;
  year: number;
  period: string;
  period_start: string;
  period_end: string;
  due_date: string;
  state: ReportState;
  progress: number | null;
  achievements: string;
  milestone_results: Array<{ milestoneId: string; planned: string; actual: string }>;
  issues_and_risks: string;
  next_steps: string;
  support_needed: string;
  consultation_id: string | null;
  /** Whose AUDITOR and PROACTIVE_OFFICE review it: the report's organisation unless a policy says otherwise. */
  reviewer_organisation_id: string;
  author_id: string | null;
  author_name: string | null;
  submitted_by: string | null;
  submitter_name: string | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  resubmission_count: number;
  approval_requested_by: string | null;
  approval_requester_name: string | null;
  approval_requested_at: Date | null;
  approval_request_note: string | null;
  approval_request_count: number;
  entered_later: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  total?: string;
}

const COLUMNS = () => `
  r.id, r.organisation_id, r.task_id, t.code AS task_code, t.title AS task_title,
  t.lead_department_id, d.name AS department_name, r.year, r.period,
  to_char(r.period_start, 'YYYY-MM-DD') AS period_start, to_char(r.period_end, 'YYYY-MM-DD') AS period_end,
  to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.state, r.progress, r.achievements, r.milestone_results,
  r.issues_and_risks, r.next_steps, r.support_needed, r.consultation_id,
  r.author_id, au.name AS author_name, r.submitted_by, su.name AS submitter_name,
  r.first_submitted_at, r.submitted_at, r.reviewer_id, ru.name AS reviewer_name, r.reviewed_at,
  r.review_comment, r.resubmission_count, r.approval_requested_by, apr.name AS approval_requester_name,
  r.approval_requested_at, r.approval_request_note, r.approval_request_count, r.entered_later, r.version, r.created_at, r.updated_at,
  ${reviewerOrganisationSql('t', 'r.organisation_id')} AS reviewer_organisation_id`;

const JOINS = `
  FROM reports r
  JOIN tasks t ON t.id = r.task_id
  JOIN departments d ON d.id = t.lead_department_id
  LEFT JOIN users au ON au.id = r.author_id
  LEFT JOIN users su ON su.id = r.submitted_by
  LEFT JOIN users ru ON ru.id = r.reviewer_id
  LEFT JOIN users apr ON apr.id = r.approval_requested_by`;

/**
 * Reports the user may read (those of tasks they may read: task-query.ts), filtered, sorted and
 * paginated in SQL, with the total. With `id` it reads one report under the same scope.
 */
export function buildReportQuery(
  policy: AccessPolicy,
  user: AuthUser,
  filter: ReportFilter & { id?: string },
  today: string,
  page?: ReportPageRequest,
  /** Instead of a page: a batch in id order after `afterId` (keyset), for streaming exports. */
  keyset?: { afterId: string | null; limit: number },
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const where = [taskReadScopeSql(policy, user, 't', p)];
  if (filter.id) where.push(`r.id = ${p(filter.id)}`);
  if (filter.year !== undefined) where.push(`r.year = ${p(filter.year)}`);
  if (filter.period) where.push(`r.period = ${p(filter.period)}`);
  if (filter.departmentId) where.push(`t.lead_department_id = ${p(filter.departmentId)}`);
  if (filter.taskId) where.push(`r.task_id = ${p(filter.taskId)}`);
  if (filter.status?.length) where.push(`r.state = ANY(${p(filter.status)}::report_state[])`);
  if (filter.approvalRequested !== undefined) {
    where.push(`r.approval_requested_at IS ${filter.approvalRequested ? 'NOT ' : ''}NULL`);
  }
  if (filter.late !== undefined) where.push(filter.late ? LATE_SQL : `NOT ${LATE_SQL}`);
  if (filter.missing !== undefined) {
    const missing = missingSql(p(today));
    where.push(filter.missing ? missing : `NOT ${missing}`);
  }
  let tail = '';
  let total = '';
  if (page) {
    const dir = page.order === 'desc' ? 'DESC' : 'ASC';
    total = ', count(*) OVER () AS total';
    tail = `ORDER BY ${SORT_SQL[page.sort]} ${dir} NULLS LAST, r.id ${dir} LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
  } else if (keyset) {
    if (keyset.afterId) where.push(`r.id > ${p(keyset.afterId)}`);
    tail = `ORDER BY r.id LIMIT ${p(keyset.limit)}`;
  }
  return {
    sql: `SELECT ${COLUMNS()}${total} ${JOINS} WHERE ${where.join(' AND ')} ${tail}`,
    values,
  };
}
