import type { AuthUser } from '@gwaje/identity';
import { Role } from '@gwaje/identity';

/** What a dated item on a person's calendar is. */
export const DEADLINE_KINDS = [
  'MILESTONE',
  'REPORT',
  'CONSULTATION_SCREENING',
  'CONSULTATION_OPINION',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface Deadline {
  /** Stable across reads (the iCal UID): kind and record. */
  id: string;
  kind: DeadlineKind;
  /** YYYY-MM-DD (Asia/Seoul) */
  date: string;
  title: string;
  /** Its page in the web app. */
  path: string;
  recordId: string;
}

interface Row {
  kind: DeadlineKind;
  record_id: string;
  date: string;
  title: string;
  path: string;
}

/**
 * The deadlines a person is concerned with between two days (a read model over tasks, reports and
 * pre-consultations, as the dashboards are), still open:
 * - a planned milestone of a running task they own, are a member of, or head the lead department of;
 * - a report to be submitted (draft or returned) of a task they own or whose lead department they
 *   work in;
 * - as an AUDITOR, the screening of their organisation's submitted pre-consultations, and the opinion
 *   on those assigned to them; as their drafter or requester, the opinion on their own.
 */
export function myDeadlinesQuery(
  user: AuthUser,
  from: string,
  to: string,
): { sql: string; values: unknown[] } {
  const department = user.roles.includes(Role.STAFF) || user.roles.includes(Role.DEPT_HEAD);
  const head = user.roles.includes(Role.DEPT_HEAD);
  const auditor = user.roles.includes(Role.AUDITOR);
  const sql = `
    SELECT 'MILESTONE' AS kind, m.id AS record_id, to_char(m.due_date, 'YYYY-MM-DD') AS date,
           t.code || ' ' || t.title || ' · ' || m.title AS title, '/tasks/' || t.id AS path
      FROM milestones m JOIN tasks t ON t.id = m.task_id
     WHERE m.status = 'PLANNED' AND m.due_date BETWEEN $2 AND $3
       AND t.status IN ('SELECTED', 'IN_PROGRESS') AND t.organisation_id = $4
       AND (t.owner_id = $1
            OR EXISTS (SELECT 1 FROM task_members tm WHERE tm.task_id = t.id AND tm.user_id = $1)
            OR ($6 AND t.lead_department_id = $5))
    UNION ALL
    SELECT 'REPORT', r.id, to_char(r.due_date, 'YYYY-MM-DD'),
           t.code || ' ' || t.title || ' (' || r.period || ')', '/reports/' || r.id
      FROM reports r JOIN tasks t ON t.id = r.task_id
     WHERE r.state IN ('DRAFT', 'RETURNED') AND r.due_date BETWEEN $2 AND $3
       AND r.organisation_id = $4
       AND (t.owner_id = $1 OR ($7 AND t.lead_department_id = $5))
    UNION ALL
    SELECT 'CONSULTATION_SCREENING', c.id, to_char(c.screening_due_date, 'YYYY-MM-DD'), c.subject,
           '/consultations/' || c.id
      FROM consultations c
     WHERE $8 AND c.organisation_id = $4 AND c.state IN ('SUBMITTED', 'SCREENING')
       AND c.screening_due_date BETWEEN $2 AND $3
    UNION ALL
    SELECT 'CONSULTATION_OPINION', c.id, to_char(c.opinion_due_date, 'YYYY-MM-DD'), c.subject,
           '/consultations/' || c.id
      FROM consultations c
     WHERE c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')
       AND c.opinion_due_date BETWEEN $2 AND $3
       AND (($8 AND c.assigned_auditor_id = $1) OR c.drafter_id = $1 OR c.requester_id = $1)
     ORDER BY date, kind, title`;
  return {
    sql,
    values: [user.id, from, to, user.organisationId, user.departmentId, head, department, auditor],
  };
}

export function toDeadlines(rows: Row[]): Deadline[] {
  return rows.map((r) => ({
    id: `${r.kind.toLowerCase()}-${r.record_id}`,
    kind: r.kind,
    date: r.date,
    title: r.title,
    path: r.path,
    recordId: r.record_id,
  }));
}
