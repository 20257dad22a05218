import type { Tx } from '@gwaje/db';
import type { TaskCategory, TaskRisk, TaskStatus } from '@gwaje/tasks';

type Queryable = Pick<Tx, 'manager'>;

/** A task as the import compares it (numbers as the text of their value: "12", "3.5"). */
export interface ExistingTask {
  id: string;
  code: string;
  year: number;
  title: string;
  summary: string;
  category: TaskCategory;
  leadDepartmentId: string;
  ownerId: string;
  goal: string;
  kpiIndicator: string | null;
  kpiUnit: string | null;
  kpiBaseline: string | null;
  kpiTarget: string | null;
  kpiCurrent: string | null;
  startDate: string;
  dueDate: string;
  risk: TaskRisk;
  status: TaskStatus;
}

export interface ExistingMilestone {
  id: string;
  taskId: string;
  title: string;
  dueDate: string;
  weight: number;
}

const TASK_COLUMNS = `id, code, year, title, summary, category, lead_department_id AS "leadDepartmentId",
  owner_id AS "ownerId", goal, kpi_indicator AS "kpiIndicator", kpi_unit AS "kpiUnit",
  kpi_baseline::float8::text AS "kpiBaseline", kpi_target::float8::text AS "kpiTarget",
  kpi_current::float8::text AS "kpiCurrent", to_char(start_date, 'YYYY-MM-DD') AS "startDate",
  to_char(due_date, 'YYYY-MM-DD') AS "dueDate", risk, status`;

/**
 * Tasks of the organisation that rows may name: by code or by title within the years of the
 * file. `lock` takes their row locks (parents before milestones: lock order 2, then 3).
 */
export function tasksOfYears(
  db: Queryable,
  organisationId: string,
  years: number[],
  codes: string[],
  titles: string[],
  lock: boolean,
): Promise<ExistingTask[]> {
  return db.manager.query<ExistingTask[]>(
    `SELECT ${TASK_COLUMNS} FROM tasks
      WHERE organisation_id = $1 AND year = ANY($2::int[])
        AND (code = ANY($3::text[]) OR title = ANY($4::text[]))
      ORDER BY id ${lock ? 'FOR NO KEY UPDATE' : ''}`,
    [organisationId, years, codes, titles],
  );
}

/** Tasks of the organisation by code (the code names its year), locked when `lock`. */
export function tasksByCode(
  db: Queryable,
  organisationId: string,
  codes: string[],
  lock: boolean,
): Promise<ExistingTask[]> {
  return db.manager.query<ExistingTask[]>(
    `SELECT ${TASK_COLUMNS} FROM tasks
      WHERE organisation_id = $1 AND code = ANY($2::text[])
        AND year = split_part(code, '-', 1)::int
      ORDER BY id ${lock ? 'FOR NO KEY UPDATE' : ''}`,
    [organisationId, codes],
  );
}

export function milestonesOf(
  db: Queryable,
  taskIds: string[],
  lock: boolean,
): Promise<ExistingMilestone[]> {
  return db.manager.query<ExistingMilestone[]>(
    `SELECT id, task_id AS "taskId", title, to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
            weight::float8 AS weight
       FROM milestones WHERE task_id = ANY($1::uuid[])
      ORDER BY task_id, due_date, created_at, id ${lock ? 'FOR NO KEY UPDATE' : ''}`,
    [taskIds],
  );
}

/** Active and inactive users of the organisation with these e-mails (owners must be active). */
export async function organisationUsersByEmail(
  db: Queryable,
  organisationId: string,
  emails: string[],
): Promise<Map<string, { id: string; departmentId: string; active: boolean }>> {
  const rows = await db.manager.query<
    Array<{ id: string; email: string; departmentId: string; active: boolean }>
  >(
    `SELECT id, email, department_id AS "departmentId", active FROM users
      WHERE organisation_id = $1 AND email = ANY($2::text[])`,
    [organisationId, emails],
  );
  return new Map(rows.map((u) => [u.email, u]));
}

/**
 * The task-code locks of these years, the very ones TasksService.nextCode takes, so an import
 * and a task created through the API never give out the same code.
 */
export async function lockTaskCodes(
  tx: Tx,
  organisationId: string,
  years: number[],
): Promise<void> {
  for (const year of [...new Set(years)].sort()) {
    await tx.manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('task-code:' || $1 || ':' || $2, 0))`,
      [organisationId, year],
    );
  }
}

/** The highest code number given out per year (0 for a year without tasks). */
export async function lastCodeNumbers(
  db: Queryable,
  organisationId: string,
  years: number[],
): Promise<Map<number, number>> {
  const rows = await db.manager.query<Array<{ year: number; n: number }>>(
    `SELECT year, COALESCE(max(split_part(code, '-', 2)::int), 0)::int AS n FROM tasks
      WHERE organisation_id = $1 AND year = ANY($2::int[]) GROUP BY year`,
    [organisationId, years],
  );
  return new Map(rows.map((r) => [r.year, r.n]));
}

export type TaskValues = Omit<ExistingTask, 'id'> & { organisationId: string; createdBy: string };

export async function insertTask(tx: Tx, v: TaskValues): Promise<string> {
  const [row] = await tx.manager.query<Array<{ id: string }>>(
    `INSERT INTO tasks (organisation_id, code, year, title, summary, category, lead_department_id,
                        owner_id, goal, kpi_indicator, kpi_unit, kpi_baseline, kpi_target,
                        kpi_current, start_date, due_date, risk, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     RETURNING id`,
    [
      v.organisationId,
      v.code,
      v.year,
      v.title,
      v.summary,
      v.category,
      v.leadDepartmentId,
      v.ownerId,
      v.goal,
      v.kpiIndicator,
      v.kpiUnit,
      v.kpiBaseline,
      v.kpiTarget,
      v.kpiCurrent,
      v.startDate,
      v.dueDate,
      v.risk,
      v.status,
      v.createdBy,
    ],
  );
  return row.id;
}

export type TaskPlanFields = Pick<
  TaskValues,
  | 'title'
  | 'summary'
  | 'category'
  | 'ownerId'
  | 'goal'
  | 'kpiIndicator'
  | 'kpiUnit'
  | 'kpiBaseline'
  | 'kpiTarget'
  | 'kpiCurrent'
  | 'startDate'
  | 'dueDate'
  | 'risk'
>;

/** The plan fields of a task whose row lock the transaction holds. */
export async function updateTask(tx: Tx, id: string, v: TaskPlanFields): Promise<void> {
  await tx.manager.query(
    `UPDATE tasks SET title = $2, summary = $3, category = $4, owner_id = $5, goal = $6,
            kpi_indicator = $7, kpi_unit = $8, kpi_baseline = $9, kpi_target = $10,
            kpi_current = $11, start_date = $12, due_date = $13, risk = $14,
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [
      id,
      v.title,
      v.summary,
      v.category,
      v.ownerId,
      v.goal,
      v.kpiIndicator,
      v.kpiUnit,
      v.kpiBaseline,
      v.kpiTarget,
      v.kpiCurrent,
      v.startDate,
      v.dueDate,
      v.risk,
    ],
  );
}

/** DRAFT → PROPOSED (the state machine's `propose`; no activity span changes with it). */
export async function proposeTask(tx: Tx, id: string): Promise<void> {
  await tx.manager.query(
    `UPDATE tasks SET status = 'PROPOSED', version = version + 1, updated_at = now()
      WHERE id = $1 AND status = 'DRAFT'`,
    [id],
  );
}

export async function insertMilestone(
  tx: Tx,
  taskId: string,
  m: { title: string; dueDate: string; weight: number },
): Promise<string> {
  const [row] = await tx.manager.query<Array<{ id: string }>>(
    `INSERT INTO milestones (task_id, title, due_date, weight) VALUES ($1, $2, $3, $4) RETURNING id`,
    [taskId, m.title, m.dueDate, m.weight],
  );
  return row.id;
}

export async function updateMilestone(
  tx: Tx,
  id: string,
  m: { dueDate: string; weight: number },
): Promise<void> {
  await tx.manager.query(
    `UPDATE milestones SET due_date = $2, weight = $3, version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, m.dueDate, m.weight],
  );
}
