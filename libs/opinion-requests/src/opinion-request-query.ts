import { Role } from '@gwaje/identity';
import type { AuthUser } from '@gwaje/identity';
import type { OpinionAnswerSource, OpinionRequestStatus } from './opinion-request.entity.js';

/** Roles that read opinion requests at all: the officials who may file one. */
export const OPINION_REQUEST_READERS: readonly Role[] = [
  Role.STAFF,
  Role.DEPT_HEAD,
  Role.AUDITOR,
  Role.PROACTIVE_OFFICE,
];
/** Roles that read every request of their organisation. */
const ORGANISATION_WIDE: readonly Role[] = [Role.AUDITOR, Role.PROACTIVE_OFFICE];

export interface OpinionRequestRow {
  id: string;
  organisation_id: string;
  task_id: string;
  task_code: string;
  task_title: string;
  task_year: number;
  requester_id: string;
  requester_name: string;
  requester_department_id: string;
  requester_department_name: string;
  question: string;
  background: string;
  status: OpinionRequestStatus;
  received_at: Date;
  received_on: string;
  answer_days: number;
  due_date: string;
  extension_days: number | null;
  extension_reason: string | null;
  extended_at: Date | null;
  extended_by: string | null;
  referred_at: Date | null;
  referred_by: string | null;
  referral_note: string | null;
  committee_outcome: { passed: boolean; text: string | null; meetingDate: string } | null;
  answer: string | null;
  answer_source: OpinionAnswerSource | null;
  answered_at: Date | null;
  answered_by: string | null;
  answered_by_name: string | null;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
  version: number;
  total?: number;
}

/** The row with what the view shows, for the request alias `r` and its task `t`. */
export const OPINION_REQUEST_SELECT = `
  SELECT r.id, r.organisation_id, r.task_id, t.code AS task_code, t.title AS task_title, t.year AS task_year,
         r.requester_id, ru.name AS requester_name, r.requester_department_id, rd.name AS requester_department_name,
         r.question, r.background, r.status, r.received_at, to_char(r.received_on, 'YYYY-MM-DD') AS received_on,
         r.answer_days, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.extension_days, r.extension_reason,
         r.extended_at, r.extended_by, r.referred_at, r.referred_by, r.referral_note, r.committee_outcome,
         r.answer, r.answer_source, r.answered_at, r.answered_by, au.name AS answered_by_name,
         r.withdrawn_at, r.withdrawal_reason, r.version
    FROM opinion_requests r
    JOIN tasks t ON t.id = r.task_id
    JOIN users ru ON ru.id = r.requester_id
    JOIN departments rd ON rd.id = r.requester_department_id
    LEFT JOIN users au ON au.id = r.answered_by`;

/**
 * Which requests the user reads, as a SQL condition on `r` (request) and `t` (its task): AUDITOR
 * and PROACTIVE_OFFICE every request of their organisation; other officials the requests they
 * filed and those on tasks of their department or that they own or work on; anyone else none.
 * Another organisation's requests never.
 */
export function opinionRequestScopeSql(user: AuthUser, param: (v: unknown) => string): string {
  if (!OPINION_REQUEST_READERS.some((r) => user.roles.includes(r))) return 'false';
  const org = `r.organisation_id = ${param(user.organisationId)}::uuid`;
  if (ORGANISATION_WIDE.some((r) => user.roles.includes(r))) return org;
  const me = param(user.id);
  const dept = user.departmentId ? `${param(user.departmentId)}::uuid` : 'NULL::uuid';
  return `(${org} AND (r.requester_id = ${me}::uuid OR t.lead_department_id = ${dept}
           OR t.owner_id = ${me}::uuid
           OR EXISTS (SELECT 1 FROM task_members tm WHERE tm.task_id = t.id AND tm.user_id = ${me}::uuid)))`;
}

export interface OpinionRequestFilter {
  status?: OpinionRequestStatus;
  taskId?: string;
  /** Still pending and past the due date on `today`. */
  overdue?: boolean;
  mine?: boolean;
}

/** One page of the requests the user reads, newest first, with the total. */
export function buildOpinionRequestList(
  user: AuthUser,
  filter: OpinionRequestFilter,
  page: { limit: number; offset: number },
  today: string,
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (v: unknown) => `$${values.push(v)}`;
  const where = [opinionRequestScopeSql(user, p)];
  if (filter.status) where.push(`r.status = ${p(filter.status)}`);
  if (filter.taskId) where.push(`r.task_id = ${p(filter.taskId)}::uuid`);
  if (filter.mine) where.push(`r.requester_id = ${p(user.id)}::uuid`);
  if (filter.overdue)
    where.push(
      `r.status IN ('SUBMITTED', 'EXTENDED', 'REFERRED') AND r.due_date < ${p(today)}::date`,
    );
  const sql = `SELECT x.*, count(*) OVER ()::int AS total FROM (${OPINION_REQUEST_SELECT}
     WHERE ${where.join(' AND ')}) x
     ORDER BY x.received_at DESC, x.id LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
  return { sql, values };
}

/** One request if the user reads it. */
export function buildOpinionRequestById(
  user: AuthUser,
  id: string,
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (v: unknown) => `$${values.push(v)}`;
  return {
    sql: `${OPINION_REQUEST_SELECT} WHERE r.id = ${p(id)}::uuid AND ${opinionRequestScopeSql(user, p)}`,
    values,
  };
}
