import { containsPattern, SqlParams } from '@gwaje/common';
import { historyAppendSql } from '@gwaje/audit';
import type { AuthUser, AccessPolicy } from '@gwaje/identity';
import { ACTIVE_TASK_STATES, seoulToday } from './task-derived.js';
import { taskReadShares } from './task-read-shares.js';
import type { TaskAction } from './task-state-machine.js';
import type { TaskCategory, TaskRisk, TaskStatus } from './task.entity.js';

export const TASK_SORTS = [
  'code',
  'title',
  'startDate',
  'dueDate',
  'status',
  'progress',
  'updatedAt',
] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export interface TaskFilter {
  year?: number;
  status?: TaskStatus[];
  leadDepartmentId?: string;
  ownerId?: string;
  category?: TaskCategory;
  risk?: TaskRisk;
  delayed?: boolean;
  /** Free text over code, title and summary (Korean works: substring match on a trigram index). */
  q?: string;
}

const SORT_SQL: Record<TaskSort, string> = {
  code: 't.code',
  title: 't.title',
  startDate: 't.start_date',
  dueDate: 't.due_date',
  status: 't.status',
  progress: 'progress',
  updatedAt: 't.updated_at',
};

/** One row of the task query: the task's columns plus names and derived values. */
export interface TaskRow {
  id: string;
  organisation_id: string;
  code: string;
  year: number;
  title: string;
  summary: string;
  category: TaskCategory;
  lead_department_id: string;
  lead_department_name: string;
  owner_id: string;
  owner_name: string;
  goal: string;
  kpi_indicator: string | null;
  kpi_unit: string | null;
  kpi_baseline: string | null;
  kpi_target: string | null;
  kpi_current: string | null;
  start_date: string;
  due_date: string;
  status: TaskStatus;
  risk: TaskRisk;
  reported_progress: number | null;
  progress: number;
  delayed: boolean;
  is_member: boolean;
  completed_on: string | null;
  status_changed_at: Date | null;
  entered_later: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

type Page =
  | { sort: TaskSort; order: 'asc' | 'desc'; limit: number; offset: number }
  | { afterId: string | null; limit: number };

/**
 * The derived progress (task-derived.ts taskProgress, in SQL) of task `t` over an `ms` milestone
 * aggregate with `total_weight` and `done_weight` (dashboards compute it the same way).
 */
export const TASK_PROGRESS_SQL = `CASE WHEN t.status = 'COMPLETED' THEN 100
                WHEN t.reported_progress IS NOT NULL THEN t.reported_progress
                WHEN COALESCE(ms.total_weight, 0) = 0 THEN 0
                ELSE round(100 * ms.done_weight / ms.total_weight)::int END`;

const milestoneAggregate = (today: string) => `LEFT JOIN LATERAL (
        SELECT sum(m.weight) AS total_weight,
               COALESCE(sum(m.weight) FILTER (WHERE m.status = 'DONE'), 0) AS done_weight,
               bool_or(m.status = 'PLANNED' AND m.due_date < ${today}::date) AS overdue
          FROM milestones m WHERE m.task_id = t.id
      ) ms ON true`;

/**
 * Which tasks the user may read, as a SQL condition on the task alias: the access policy's business
 * scope plus collaboration (partner departments, the owner, members). Values go through `param`,
 * which returns the placeholder, so other queries (reports) scope by their task the same way.
 */
export function taskReadScopeSql(
  policy: AccessPolicy,
  user: AuthUser,
  alias: string,
  param: (value: unknown) => string,
): string {
  // Read shares of other contexts (collaboration tasks) registered through the port.
  const shares = taskReadShares();
  const sharedOrganisations = shares.flatMap((s) =>
    s.organisations ? [s.organisations(alias)] : [],
  );
  const sharedDepartments = shares.flatMap((s) => (s.departments ? [s.departments(alias)] : []));
  const scope = policy.businessScope(
    user,
    { organisation: `${alias}.organisation_id`, department: `${alias}.lead_department_id` },
    {
      // Uncorrelated sub-selects as arrays (computed once per statement): unlike `IN (SELECT …)`
      // (a hashed SubPlan, which Postgres guesses at half the rows and cannot use an index for
      // inside an OR), `= ANY(ARRAY(…))` is an index condition, so a department reader's scope is
      // a BitmapOr of indexes estimated near its real size (issue 23: a STAFF search read every task).
      sharedDepartmentsSql: [
        `${alias}.id = ANY(ARRAY(SELECT tp.task_id FROM task_partner_departments tp WHERE tp.department_id = :scopeDept))`,
        `${alias}.owner_id = :scopeUser OR ${alias}.id = ANY(ARRAY(SELECT tmm.task_id FROM task_members tmm WHERE tmm.user_id = :scopeUser))`,
        ...sharedDepartments.map((c) => `(${c})`),
      ].join(' OR '),
      ...(sharedOrganisations.length
        ? { sharedOrganisationsSql: sharedOrganisations.map((c) => `(${c})`).join(' OR ') }
        : {}),
    },
  );
  const named: Record<string, string> = {};
  return scope.where.replace(
    /:(scope\w+)/g,
    (_m, name: string) => (named[name] ??= param(scope.params[name])),
  );
}

/**
 * The ids of the tasks a department reader may read (taskReadScopeSql, the very same scope), as a
 * statement returning one row with `ids` (a uuid[] as text: parsing 2,000 uuids into JavaScript
 * and back cost more than the search itself); null for organisation-wide readers (their scope
 * is most of the tasks: no list to gain from) and for users who read no task. The global search
 * passes the list back as a parameter (task-search.ts, report-search.ts): Postgres then plans with
 * the real number of readable tasks, where an estimate of the scope's OR is far off (issue 23).
 */
export function readableTaskIdsStatement(
  policy: AccessPolicy,
  user: AuthUser,
): { sql: string; values: unknown[] } | null {
  if (policy.readsWholeOrganisation(user)) return null;
  const p = new SqlParams();
  const scope = taskReadScopeSql(policy, user, 't', (v) => p.add(v));
  if (scope === 'FALSE') return null;
  return {
    sql: `SELECT coalesce(array_agg(t.id), '{}')::text AS ids FROM tasks t WHERE ${scope}`,
    values: p.values,
  };
}

/**
 * Step 1 of a task read: which task ids the caller may see that match the filter, in order, one
 * page of them (with the total for sorted lists). Scoped by the access policy, filtered and sorted
 * in SQL. Per-task aggregates are computed here only when the sort needs them (progress); the
 * `delayed` filter uses an indexed EXISTS on milestones.
 */
export function buildTaskIdQuery(
  policy: AccessPolicy,
  user: AuthUser,
  filter: TaskFilter & { id?: string },
  page?: Page,
): { sql: string; values: unknown[] } {
  const p = new SqlParams();
  const where: string[] = [taskReadScopeSql(policy, user, 't', (v) => p.add(v))];
  // Added only when used: Postgres cannot type a parameter that no expression uses.
  let todayParam: string | undefined;
  const today = (): string => (todayParam ??= p.add(seoulToday()));

  if (filter.id) where.push(`t.id = ${p.add(filter.id)}`);
  if (filter.year !== undefined) where.push(`t.year = ${p.add(filter.year)}`);
  if (filter.status?.length) where.push(`t.status = ANY(${p.add(filter.status)}::task_status[])`);
  if (filter.leadDepartmentId)
    where.push(`t.lead_department_id = ${p.add(filter.leadDepartmentId)}`);
  if (filter.ownerId) where.push(`t.owner_id = ${p.add(filter.ownerId)}`);
  if (filter.category) where.push(`t.category = ${p.add(filter.category)}`);
  if (filter.risk) where.push(`t.risk = ${p.add(filter.risk)}`);
  if (filter.q) {
    const like = containsPattern(filter.q);
    // The same expression as the trigram index IDX_tasks_search_trgm.
    where.push(`(t.code || ' ' || t.title || ' ' || t.summary) ILIKE ${p.add(like)}`);
  }
  if (filter.delayed !== undefined) {
    const delayed = `(t.status IN ('SELECTED', 'IN_PROGRESS') AND (t.due_date < ${today()}::date OR EXISTS (
        SELECT 1 FROM milestones m WHERE m.task_id = t.id AND m.status = 'PLANNED' AND m.due_date < ${today()}::date)))`;
    where.push(filter.delayed ? delayed : `NOT ${delayed}`);
  }

  let select = 't.id';
  let from = 'tasks t';
  let tail = '';
  if (page && 'sort' in page) {
    const dir = page.order === 'desc' ? 'DESC' : 'ASC';
    if (page.sort === 'progress') {
      from += ` ${milestoneAggregate(today())}`;
      select += `, ${TASK_PROGRESS_SQL} AS progress`;
    }
    select += ', count(*) OVER () AS total';
    tail = `ORDER BY ${SORT_SQL[page.sort]} ${dir}, t.id ${dir} LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`;
  } else if (page) {
    if (page.afterId) where.push(`t.id > ${p.add(page.afterId)}`);
    tail = `ORDER BY t.id LIMIT ${p.add(page.limit)}`;
  }
  return {
    sql: `SELECT ${select} FROM ${from} WHERE ${where.join(' AND ')} ${tail}`,
    values: p.values,
  };
}

/** The columns of a TaskRow over `tasks t` joined with its lead department, owner and milestone aggregate. */
const taskRowColumns = (today: string, me: string) => `
    t.id, t.organisation_id, t.code, t.year, t.title, t.summary, t.category,
    t.lead_department_id, d.name AS lead_department_name, t.owner_id, u.name AS owner_name,
    t.goal, t.kpi_indicator, t.kpi_unit, t.kpi_baseline, t.kpi_target, t.kpi_current,
    to_char(t.start_date, 'YYYY-MM-DD') AS start_date, to_char(t.due_date, 'YYYY-MM-DD') AS due_date,
    t.status, t.risk, t.reported_progress, t.version, t.created_at, t.updated_at,
    to_char(t.completed_on, 'YYYY-MM-DD') AS completed_on, t.status_changed_at, t.entered_later,
    ${TASK_PROGRESS_SQL} AS progress,
    (t.status IN ('SELECTED', 'IN_PROGRESS') AND (t.due_date < ${today}::date OR COALESCE(ms.overdue, false))) AS delayed,
    EXISTS (SELECT 1 FROM task_members tm WHERE tm.task_id = t.id AND tm.user_id = ${me}) AS is_member`;

const TASK_ROW_JOINS = `
      JOIN departments d ON d.id = t.lead_department_id
      JOIN users u ON u.id = t.owner_id`;

/**
 * Step 2: the full rows of the given tasks (already authorised by step 1), in the given order,
 * with names and the derived `progress` and `delayed` (task-derived.ts rules; today in Asia/Seoul).
 */
export function buildTaskRowsQuery(
  ids: string[],
  userId: string,
): { sql: string; values: unknown[] } {
  const p = new SqlParams();
  const idsParam = p.add(ids);
  const today = p.add(seoulToday());
  const me = p.add(userId);
  const sql = `
    SELECT ${taskRowColumns(today, me)}
      FROM tasks t ${TASK_ROW_JOINS}
      ${milestoneAggregate(today)}
     WHERE t.id = ANY(${idsParam}::uuid[])
     ORDER BY array_position(${idsParam}::uuid[], t.id)`;
  return { sql, values: p.values };
}

export interface MilestoneJson {
  id: string;
  title: string;
  dueDate: string;
  weight: number;
  status: 'PLANNED' | 'DONE';
  doneDate: string | null;
  doneEnteredLater: boolean;
  version: number;
}

/** One task with everything its detail shows, read in one statement. */
export interface TaskDetailRow extends TaskRow {
  milestones: MilestoneJson[];
  members: Array<{ userId: string; name: string; departmentName: string }>;
  partners: Array<{
    departmentId: string;
    name: string;
    organisationId: string;
    organisationName: string;
  }>;
}

/**
 * One task the user may read: scope and row in one statement (no second round trip). `detail`
 * adds its milestones, members and partner departments as JSON (a TaskDetailRow); `lock` takes the
 * task's row lock (FOR NO KEY UPDATE, the lock its own UPDATE takes), for a write that decides on
 * what it read.
 */
export function buildTaskByIdQuery(
  policy: AccessPolicy,
  user: AuthUser,
  id: string,
  opts: { lock?: boolean; detail?: boolean } = {},
): { sql: string; values: unknown[] } {
  const p = new SqlParams();
  const scope = taskReadScopeSql(policy, user, 't', (v) => p.add(v));
  const idParam = p.add(id);
  const today = p.add(seoulToday());
  const me = p.add(user.id);
  const sql = `
    SELECT ${taskRowColumns(today, me)}${opts.detail ? DETAIL_COLUMNS : ''}
      FROM tasks t ${TASK_ROW_JOINS}
      ${milestoneAggregate(today)}
     WHERE t.id = ${idParam}::uuid AND ${scope}
     ${opts.lock ? 'FOR NO KEY UPDATE OF t' : ''}`;
  return { sql, values: p.values };
}

const DETAIL_COLUMNS = `,
           (SELECT COALESCE(json_agg(json_build_object('id', m.id, 'title', m.title,
                     'dueDate', to_char(m.due_date, 'YYYY-MM-DD'), 'weight', m.weight, 'status', m.status,
                     'doneDate', to_char(m.done_date, 'YYYY-MM-DD'), 'doneEnteredLater', m.done_entered_later,
                     'version', m.version)
                     ORDER BY m.due_date, m.created_at, m.id), '[]')
              FROM milestones m WHERE m.task_id = t.id) AS milestones,
           (SELECT COALESCE(json_agg(json_build_object('userId', mu.id, 'name', mu.name,
                     'departmentName', md.name) ORDER BY mu.name, mu.id), '[]')
              FROM task_members tm JOIN users mu ON mu.id = tm.user_id
              JOIN departments md ON md.id = mu.department_id
             WHERE tm.task_id = t.id) AS members,
           (SELECT COALESCE(json_agg(json_build_object('departmentId', pd.id, 'name', pd.name,
                     'organisationId', po.id, 'organisationName', po.name) ORDER BY po.name, pd.name), '[]')
              FROM task_partner_departments tp JOIN departments pd ON pd.id = tp.department_id
              JOIN organisations po ON po.id = pd.organisation_id
             WHERE tp.task_id = t.id) AS partners`;

/**
 * A task transition as one statement, so a transaction of its own with no BEGIN and COMMIT round
 * trips: the update guarded by the status and version the decision was made on, the activity span
 * and the history entry, each only when the update matched. Lock order: the task's row first (the
 * UPDATE), the history last.
 *
 * The span opens when the task becomes active (SELECTED, IN_PROGRESS) and closes when it stops, at
 * clock_timestamp(), the statement's time, not now(), the transaction's start: a transition that
 * waited for the task's row lock behind another one started before it, and would close the span
 * the other opened at a time before it was opened.
 */
export function buildTransitionStatement(
  user: AuthUser,
  row: TaskRow,
  action: TaskAction,
  to: TaskStatus,
  reason: string | null,
  late: { on: string; effectiveAt: Date; reason: string } | null = null,
): [string, unknown[]] {
  const values: unknown[] = [];
  const param = (v: unknown) => `$${values.push(v)}`;
  const wasActive = ACTIVE_TASK_STATES.includes(row.status);
  const isActive = ACTIVE_TASK_STATES.includes(to);
  // A back-dated transition (사후 입력) takes effect on its stated day, so the activity span and the
  // completion date follow the recorded dates, not the day they were entered.
  const at = late ? `${param(late.effectiveAt)}::timestamptz` : 'clock_timestamp()';
  const span =
    !wasActive && isActive
      ? `, span AS (INSERT INTO task_active_spans (task_id, active_from)
                    SELECT id, ${at} FROM moved)`
      : wasActive && !isActive
        ? `, span AS (UPDATE task_active_spans SET active_until = GREATEST(${at}, active_from)
                     WHERE task_id IN (SELECT id FROM moved) AND active_until IS NULL)`
        : '';
  const completedOn = to === 'COMPLETED' ? (late?.on ?? seoulToday()) : null;
  const update = `UPDATE tasks SET status = ${param(to)}, status_changed_at = ${at},
       completed_on = ${param(completedOn)}::date, entered_later = entered_later OR ${param(late !== null)},
       version = version + 1, updated_at = now()
     WHERE id = ${param(row.id)} AND status = ${param(row.status)} AND version = ${param(row.version)}
     RETURNING id, version, updated_at`;
  const entry = historyAppendSql(
    {
      organisationId: row.organisation_id,
      recordType: 'task',
      recordId: row.id,
      action,
      actorId: user.id,
      changes: {
        status: { from: row.status, to },
        ...(completedOn !== row.completed_on
          ? { completedOn: { from: row.completed_on, to: completedOn } }
          : {}),
      },
      reason,
      effectiveAt: late?.effectiveAt ?? null,
      lateEntryReason: late?.reason ?? null,
    },
    param,
    'moved',
  );
  return [
    `WITH moved AS (${update})${span}, entry AS (${entry})
     SELECT version, updated_at FROM moved`,
    values,
  ];
}
