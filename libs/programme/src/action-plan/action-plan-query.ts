import { MilestoneStatus, TASK_PROGRESS_SQL, type TaskStatus } from '@gwaje/tasks';
import type { EntityManager } from 'typeorm';
import type { MeasureStatus, PlanStatus } from './action-plan-rules.js';

/** Where the plan's statements run: the pool or a transaction's manager. */
export type Db = Pick<EntityManager, 'query'>;

export interface PlanRow {
  id: string;
  organisation_id: string;
  year: number;
  title: string;
  status: PlanStatus;
  plan_version: number;
  submitted_at: Date | null;
  submitted_by: string | null;
  submitted_by_name: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  approved_by_name: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface DirectionRow {
  id: string;
  plan_id: string;
  position: number;
  title: string;
  description: string;
}

export interface MeasureRow {
  id: string;
  plan_id: string;
  direction_id: string;
  position: number;
  title: string;
  owner_department_id: string;
  owner_department_name: string;
  target: string;
  due_date: string;
  status: MeasureStatus;
  focus: boolean;
  version: number;
}

export interface LinkedTaskRow {
  measure_id: string;
  id: string;
  code: string;
  title: string;
  status: TaskStatus;
  /** The task's own derived progress (libs/tasks' TASK_PROGRESS_SQL). */
  progress: number;
}

const PLAN_COLUMNS = `p.id, p.organisation_id, p.year, p.title, p.status, p.plan_version,
       p.submitted_at, p.submitted_by, su.name AS submitted_by_name,
       p.approved_at, p.approved_by, au.name AS approved_by_name,
       p.version, p.created_at, p.updated_at
  FROM action_plans p
  LEFT JOIN users su ON su.id = p.submitted_by
  LEFT JOIN users au ON au.id = p.approved_by`;

/** The plan of the organisation (scoped in SQL: another organisation's id finds nothing). */
export function planById(db: Db, organisationId: string, id: string): Promise<PlanRow[]> {
  return db.query<PlanRow[]>(`SELECT ${PLAN_COLUMNS} WHERE p.id = $1 AND p.organisation_id = $2`, [
    id,
    organisationId,
  ]);
}

/** The organisation's plans, newest year first, optionally of one year. */
export function plansOf(db: Db, organisationId: string, year?: number): Promise<PlanRow[]> {
  return db.query<PlanRow[]>(
    `SELECT ${PLAN_COLUMNS} WHERE p.organisation_id = $1 AND ($2::int IS NULL OR p.year = $2)
      ORDER BY p.year DESC LIMIT 100`,
    [organisationId, year ?? null],
  );
}

export function directionsOf(db: Db, planIds: readonly string[]): Promise<DirectionRow[]> {
  return db.query<DirectionRow[]>(
    `SELECT id, plan_id, position, title, description FROM action_plan_directions
      WHERE plan_id = ANY($1::uuid[]) ORDER BY position, created_at, id`,
    [planIds],
  );
}

export function measuresOf(db: Db, planIds: readonly string[]): Promise<MeasureRow[]> {
  return db.query<MeasureRow[]>(
    `SELECT m.id, m.plan_id, m.direction_id, m.position, m.title, m.owner_department_id,
            d.name AS owner_department_name, m.target, to_char(m.due_date, 'YYYY-MM-DD') AS due_date,
            m.status, m.focus, m.version
       FROM action_plan_measures m JOIN departments d ON d.id = m.owner_department_id
      WHERE m.plan_id = ANY($1::uuid[]) ORDER BY m.position, m.created_at, m.id`,
    [planIds],
  );
}

/**
 * The tasks the plans' measures link, with each task's state and its own progress as libs/tasks
 * derives it (TASK_PROGRESS_SQL over the milestone aggregate it expects).
 */
export function linkedTasksOf(db: Db, planIds: readonly string[]): Promise<LinkedTaskRow[]> {
  return db.query<LinkedTaskRow[]>(
    `SELECT mt.measure_id, t.id, t.code, t.title, t.status, (${TASK_PROGRESS_SQL})::int AS progress
       FROM action_plan_measure_tasks mt
       JOIN action_plan_measures am ON am.id = mt.measure_id
       JOIN tasks t ON t.id = mt.task_id
       LEFT JOIN LATERAL (
         SELECT sum(m.weight) AS total_weight,
                COALESCE(sum(m.weight) FILTER (WHERE m.status = $2), 0) AS done_weight
           FROM milestones m WHERE m.task_id = t.id
       ) ms ON true
      WHERE am.plan_id = ANY($1::uuid[])
      ORDER BY t.code, t.id`,
    [planIds, MilestoneStatus.DONE],
  );
}

/** The tasks named, with what the link rule needs (organisation and year). */
export function tasksByIds(
  db: Db,
  ids: readonly string[],
): Promise<Array<{ id: string; organisation_id: string; year: number }>> {
  return db.query(`SELECT id, organisation_id, year FROM tasks WHERE id = ANY($1::uuid[])`, [ids]);
}

/** An active department of the organisation, or nothing. */
export function activeDepartment(
  db: Db,
  organisationId: string,
  departmentId: string,
): Promise<Array<{ id: string }>> {
  return db.query(`SELECT id FROM departments WHERE id = $1 AND organisation_id = $2 AND active`, [
    departmentId,
    organisationId,
  ]);
}

/** Whether the department is the organisation's 적극행정 전담부서 (isProactiveOffice). */
export async function isProactiveOfficeDepartment(
  db: Db,
  organisationId: string,
  departmentId: string,
): Promise<boolean> {
  const [row] = await db.query<Array<{ office: boolean }>>(
    `SELECT is_proactive_office AS office FROM departments WHERE id = $1 AND organisation_id = $2`,
    [departmentId, organisationId],
  );
  return !!row?.office;
}

export interface VersionRow {
  plan_version: number;
  submitted_at: Date | null;
  submitted_by: string | null;
  submitted_by_name: string | null;
  approved_at: Date;
  approved_by: string | null;
  approved_by_name: string | null;
}

export function versionsOf(db: Db, planId: string): Promise<VersionRow[]> {
  return db.query<VersionRow[]>(
    `SELECT v.plan_version, v.submitted_at, v.submitted_by, su.name AS submitted_by_name,
            v.approved_at, v.approved_by, au.name AS approved_by_name
       FROM action_plan_versions v
       LEFT JOIN users su ON su.id = v.submitted_by
       LEFT JOIN users au ON au.id = v.approved_by
      WHERE v.plan_id = $1 ORDER BY v.plan_version`,
    [planId],
  );
}

export function snapshotOf(
  db: Db,
  planId: string,
  planVersion: number,
): Promise<Array<{ snapshot: unknown }>> {
  return db.query(
    `SELECT snapshot FROM action_plan_versions WHERE plan_id = $1 AND plan_version = $2`,
    [planId, planVersion],
  );
}

/** The annual figures of the organisation's plan of the year (no plan: zeros). */
export async function annualPlanFigures(
  db: Db,
  organisationId: string,
  year: number,
): Promise<{ total: number; done: number; dropped: number; approved: boolean }> {
  const [row] = await db.query<
    Array<{ total: number; done: number; dropped: number; approved: boolean }>
  >(
    `SELECT (SELECT count(*)::int FROM action_plan_measures m WHERE m.plan_id = p.id) AS total,
            (SELECT count(*)::int FROM action_plan_measures m WHERE m.plan_id = p.id AND m.status = $3) AS done,
            (SELECT count(*)::int FROM action_plan_measures m WHERE m.plan_id = p.id AND m.status = $4) AS dropped,
            (p.status = $5 OR EXISTS (SELECT 1 FROM action_plan_versions v WHERE v.plan_id = p.id)) AS approved
       FROM action_plans p WHERE p.organisation_id = $1 AND p.year = $2`,
    [organisationId, year, 'DONE', 'DROPPED', 'APPROVED'],
  );
  return row ?? { total: 0, done: 0, dropped: 0, approved: false };
}
