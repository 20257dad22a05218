import { SqlParams } from '@gwaje/common';
import type { AccessPolicy, AuthUser } from '@gwaje/identity';
import { TASK_PROGRESS_SQL, type TaskReadShare } from '@gwaje/tasks';
import type { ReviewBy } from './collaboration-rules.js';
import { OPEN_SOS_LATERAL } from './sos/collaboration-sos-query.js';

/**
 * The collaboration's read share of its task (the tasks' port): the coordinator's and every
 * participant's org-wide readers, and the participants' responsible departments, read the task,
 * its milestones and its reports. Uncorrelated sub-selects, computed once per query.
 */
export const COLLABORATION_TASK_SHARE: TaskReadShare = {
  // Arrays rather than IN (SELECT …): index conditions inside the scope's OR (taskReadScopeSql).
  organisations: (t) =>
    `${t}.id = ANY(ARRAY(SELECT sct.task_id FROM collaboration_tasks sct WHERE sct.coordinator_organisation_id = :scopeOrg)) ` +
    `OR ${t}.id = ANY(ARRAY(SELECT sct.task_id FROM collaboration_tasks sct JOIN collaboration_participants scp ON scp.collaboration_id = sct.id WHERE scp.organisation_id = :scopeOrg))`,
  departments: (t) =>
    `${t}.id = ANY(ARRAY(SELECT sct.task_id FROM collaboration_tasks sct JOIN collaboration_participants scp ON scp.collaboration_id = sct.id WHERE scp.department_id = :scopeDept))`,
};

/**
 * Which collaborations `ct` (joined with its task `t`) the user reads, as SQL: the same rule as
 * collaboration-rules.ts canReadCollaboration (the lead organisation and the task's lead
 * department are a participant's).
 */
export function collaborationScopeSql(
  policy: AccessPolicy,
  user: AuthUser,
  param: (v: unknown) => string,
): string {
  const scope = policy.businessScope(
    user,
    { organisation: 'ct.lead_organisation_id', department: 't.lead_department_id' },
    {
      sharedOrganisationsSql:
        'ct.coordinator_organisation_id = :scopeOrg OR ct.id IN (SELECT xp.collaboration_id FROM collaboration_participants xp WHERE xp.organisation_id = :scopeOrg)',
      sharedDepartmentsSql:
        'ct.id IN (SELECT xp.collaboration_id FROM collaboration_participants xp WHERE xp.department_id = :scopeDept)',
    },
  );
  const named: Record<string, string> = {};
  return scope.where.replace(
    /:(scope\w+)/g,
    (_m, name: string) => (named[name] ??= param(scope.params[name])),
  );
}

export interface CollaborationFilter {
  focus?: boolean;
  status?: string[];
  delayed?: boolean;
  coordinatorOrganisationId?: string;
  /** Only those the caller's organisation coordinates. */
  coordinated?: boolean;
  year?: number;
  /** With (true) or without (false) an SOS awaiting its answer (협업SOS, status OPEN). */
  openSos?: boolean;
  /** With an SOS awaiting its answer filed more than this many calendar days ago. */
  sosOlderThanDays?: number;
}

/** One collaboration with its task summary and figures. */
export interface CollaborationRow {
  id: string;
  task_id: string;
  task_code: string;
  task_title: string;
  task_year: number;
  task_status: string;
  task_due_date: string;
  lead_department_id: string;
  lead_department_name: string;
  progress: number;
  delayed: boolean;
  overdue_milestones: number;
  lead_organisation_id: string;
  lead_organisation_name: string;
  coordinator_organisation_id: string;
  coordinator_organisation_name: string;
  focus: boolean;
  focus_designated_at: Date | null;
  focus_designated_by: string | null;
  focus_reason: string | null;
  review_by: ReviewBy;
  goals: string;
  plan: string;
  plan_version: number;
  participants_count: number;
  agreements_missing: number;
  open_sos_count: number;
  oldest_open_sos_days: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  total?: number;
}

const COLUMNS = (today: string) => `
    ct.id, ct.task_id, t.code AS task_code, t.title AS task_title, t.year AS task_year,
    t.status AS task_status, to_char(t.due_date, 'YYYY-MM-DD') AS task_due_date,
    t.lead_department_id, d.name AS lead_department_name,
    ${TASK_PROGRESS_SQL} AS progress,
    (t.status IN ('SELECTED', 'IN_PROGRESS') AND (t.due_date < ${today}::date OR ms.overdue > 0)) AS delayed,
    COALESCE(ms.overdue, 0)::int AS overdue_milestones,
    ct.lead_organisation_id, lo.name AS lead_organisation_name,
    ct.coordinator_organisation_id, co.name AS coordinator_organisation_name,
    ct.focus, ct.focus_designated_at, ct.focus_designated_by, ct.focus_reason, ct.review_by,
    ct.goals, ct.plan, ct.plan_version,
    pc.participants_count, pc.agreements_missing,
    COALESCE(sos.open_count, 0)::int AS open_sos_count, sos.oldest_days AS oldest_open_sos_days,
    ct.version, ct.created_at, ct.updated_at`;

const FROM = (today: string) => `
      collaboration_tasks ct
      JOIN tasks t ON t.id = ct.task_id
      JOIN departments d ON d.id = t.lead_department_id
      JOIN organisations lo ON lo.id = ct.lead_organisation_id
      JOIN organisations co ON co.id = ct.coordinator_organisation_id
      LEFT JOIN LATERAL (
        SELECT sum(m.weight) AS total_weight,
               COALESCE(sum(m.weight) FILTER (WHERE m.status = 'DONE'), 0) AS done_weight,
               count(*) FILTER (WHERE m.status = 'PLANNED' AND m.due_date < ${today}::date) AS overdue
          FROM milestones m WHERE m.task_id = t.id
      ) ms ON true
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS participants_count,
               (count(*) FILTER (WHERE p.agreed_plan_version IS DISTINCT FROM ct.plan_version))::int AS agreements_missing
          FROM collaboration_participants p WHERE p.collaboration_id = ct.id
      ) pc ON true${OPEN_SOS_LATERAL(today)}`;

/** The collaborations the user reads, filtered and paginated in SQL (with the total). */
export function buildCollaborationList(
  policy: AccessPolicy,
  user: AuthUser,
  filter: CollaborationFilter & { id?: string },
  today: string,
  page?: { limit: number; offset: number },
): { sql: string; values: unknown[] } {
  const p = new SqlParams();
  const where = [collaborationScopeSql(policy, user, p.add)];
  const todayParam = p.add(today);
  if (filter.id) where.push(`ct.id = ${p.add(filter.id)}::uuid`);
  if (filter.focus !== undefined) where.push(`ct.focus = ${p.add(filter.focus)}`);
  if (filter.status?.length) where.push(`t.status = ANY(${p.add(filter.status)}::task_status[])`);
  if (filter.year !== undefined) where.push(`t.year = ${p.add(filter.year)}`);
  if (filter.coordinatorOrganisationId)
    where.push(`ct.coordinator_organisation_id = ${p.add(filter.coordinatorOrganisationId)}::uuid`);
  if (filter.coordinated)
    where.push(`ct.coordinator_organisation_id = ${p.add(user.organisationId)}::uuid`);
  if (filter.openSos !== undefined)
    where.push(
      filter.openSos ? 'COALESCE(sos.open_count, 0) > 0' : 'COALESCE(sos.open_count, 0) = 0',
    );
  if (filter.sosOlderThanDays !== undefined)
    where.push(`sos.oldest_days > ${p.add(filter.sosOlderThanDays)}`);
  if (filter.delayed !== undefined) {
    const delayed = `(t.status IN ('SELECTED', 'IN_PROGRESS') AND (t.due_date < ${todayParam}::date OR COALESCE(ms.overdue, 0) > 0))`;
    where.push(filter.delayed ? delayed : `NOT ${delayed}`);
  }
  const tail = page
    ? `ORDER BY ct.focus DESC, t.year DESC, t.code, ct.id LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`
    : 'ORDER BY ct.focus DESC, t.year DESC, t.code, ct.id';
  return {
    sql: `SELECT ${COLUMNS(todayParam)}${page ? ', count(*) OVER () AS total' : ''}
            FROM ${FROM(todayParam)}
           WHERE ${where.join(' AND ')} ${tail}`,
    values: p.values,
  };
}

export interface ParticipantRow {
  organisation_id: string;
  organisation_name: string;
  organisation_kind: string;
  role: 'LEAD' | 'PARTICIPANT';
  department_id: string;
  department_name: string;
  contact_user_id: string | null;
  contact_name: string | null;
  agreed_at: Date | null;
  agreed_by_id: string | null;
  agreed_by_name: string | null;
  agreed_plan_version: number | null;
  milestones: number;
  milestones_done: number;
  weight_total: number;
  weight_done: number;
  overdue: number;
}

/** The participants of a collaboration with names, agreement and progress of their shares. */
export function buildParticipants(collaborationId: string, today: string): [string, unknown[]] {
  return [
    `SELECT p.organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, p.role,
            p.department_id, d.name AS department_name, p.contact_user_id, cu.name AS contact_name,
            p.agreed_at, p.agreed_by_id, au.name AS agreed_by_name, p.agreed_plan_version,
            count(m.id)::int AS milestones,
            (count(m.id) FILTER (WHERE m.status = 'DONE'))::int AS milestones_done,
            COALESCE(sum(m.weight), 0)::float8 AS weight_total,
            COALESCE(sum(m.weight) FILTER (WHERE m.status = 'DONE'), 0)::float8 AS weight_done,
            (count(m.id) FILTER (WHERE m.status = 'PLANNED' AND m.due_date < $2::date))::int AS overdue
       FROM collaboration_participants p
       JOIN organisations o ON o.id = p.organisation_id
       JOIN departments d ON d.id = p.department_id
       LEFT JOIN users cu ON cu.id = p.contact_user_id
       LEFT JOIN users au ON au.id = p.agreed_by_id
       LEFT JOIN collaboration_milestone_shares s
              ON s.collaboration_id = p.collaboration_id AND s.organisation_id = p.organisation_id
       LEFT JOIN milestones m ON m.id = s.milestone_id
      WHERE p.collaboration_id = $1
      GROUP BY p.organisation_id, o.name, o.kind, p.role, p.department_id, d.name, p.contact_user_id,
               cu.name, p.agreed_at, p.agreed_by_id, au.name, p.agreed_plan_version
      ORDER BY (p.role = 'LEAD') DESC, o.name, p.organisation_id`,
    [collaborationId, today],
  ];
}

export interface MilestoneShareRow {
  milestone_id: string;
  title: string;
  due_date: string;
  weight: number;
  status: 'PLANNED' | 'DONE';
  done_date: string | null;
  version: number;
  organisation_id: string | null;
}

/** Every milestone of the collaboration's task with the participant carrying it (or none). */
export function buildMilestoneShares(collaborationId: string): [string, unknown[]] {
  return [
    `SELECT m.id AS milestone_id, m.title, to_char(m.due_date, 'YYYY-MM-DD') AS due_date, m.weight::float8 AS weight,
            m.status, to_char(m.done_date, 'YYYY-MM-DD') AS done_date, m.version, s.organisation_id
       FROM collaboration_tasks ct
       JOIN milestones m ON m.task_id = ct.task_id
       LEFT JOIN collaboration_milestone_shares s ON s.milestone_id = m.id
      WHERE ct.id = $1
      ORDER BY m.due_date, m.created_at, m.id`,
    [collaborationId],
  ];
}
