import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccessAction,
  AccessLogService,
  diffFields,
  HistoryService,
  type HistoryRecord,
} from '@gwaje/audit';
import {
  backdateProblems,
  DomainError,
  ErrorCode,
  type ErrorDetail,
  isBackdated,
  type LocalText,
  notBeforeYear,
  seoulStartOfDay,
} from '@gwaje/common';
import {
  onReplica,
  queryPrepared,
  TransactionService,
  type Tx,
  updateWithVersion,
} from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource, type EntityManager } from 'typeorm';
import { type MilestonePlanChange, milestonePlanListeners } from './milestone-plan-listeners.js';
import { seoulToday, taskDelayed, taskProgress } from './task-derived.js';
import {
  allowedTaskActions,
  standingsOf,
  type TaskAllowedAction,
  TaskEditAction,
} from './task-permissions.js';
import {
  buildTaskByIdQuery,
  buildTransitionStatement,
  buildTaskIdQuery,
  buildTaskRowsQuery,
  type TaskDetailRow,
  type TaskFilter,
  type TaskRow,
  type TaskSort,
} from './task-query.js';
import { TASK_STATUS_LABELS } from './export/task-labels.js';
import {
  type BulkTaskAction,
  type TaskAction,
  TASK_TRANSITIONS,
  transitionFor,
} from './task-state-machine.js';
import {
  type MilestoneView,
  type TaskDetail,
  type TaskSummary,
  toDetail,
  toSummary,
} from './task-views.js';
import { Task, type TaskCategory, type TaskRisk, TaskStatus } from './task.entity.js';

export interface MilestoneInput {
  title: string;
  dueDate: string;
  weight?: number;
}

export interface CreateTaskInput {
  year: number;
  title: string;
  summary?: string;
  category: TaskCategory;
  /** Defaults to the creator's department, which it must be. */
  leadDepartmentId?: string;
  ownerId: string;
  goal?: string;
  kpiIndicator?: string | null;
  kpiUnit?: string | null;
  kpiBaseline?: number | null;
  kpiTarget?: number | null;
  kpiCurrent?: number | null;
  startDate: string;
  dueDate: string;
  risk?: TaskRisk;
  memberIds?: string[];
  partnerDepartmentIds?: string[];
  milestones?: MilestoneInput[];
}

export interface UpdateTaskInput {
  version: number;
  title?: string;
  summary?: string;
  category?: TaskCategory;
  ownerId?: string;
  goal?: string;
  kpiIndicator?: string | null;
  kpiUnit?: string | null;
  kpiBaseline?: number | null;
  kpiTarget?: number | null;
  kpiCurrent?: number | null;
  startDate?: string;
  dueDate?: string;
  risk?: TaskRisk;
}

export interface MilestoneUpdateInput {
  version: number;
  title?: string;
  dueDate?: string;
  weight?: number;
  status?: 'PLANNED' | 'DONE';
  doneDate?: string | null;
  /** Required when doneDate lies before today (사후 입력). */
  lateEntryReason?: string;
}

interface MilestoneChange {
  problems: ErrorDetail[];
  after: {
    title: string;
    dueDate: string;
    weight: number;
    status: 'PLANNED' | 'DONE';
    doneDate: string | null;
    doneEnteredLater: boolean;
  };
  late: { effectiveAt: Date; reason: string } | null;
}

export interface TaskPage {
  items: TaskSummary[];
  total: number;
  limit: number;
  offset: number;
}

/** Where a read runs: the DataSource (primary) or a transaction's manager. */
type Queryable = Pick<EntityManager, 'query'>;

/** Members and partner departments: link tables (constant names, never input). */
const LINKS = {
  member: { table: 'task_members', column: 'user_id', field: 'memberId' },
  partner: {
    table: 'task_partner_departments',
    column: 'department_id',
    field: 'partnerDepartmentId',
  },
} as const;

/** Fields that record progress; every other field changes the plan (task-permissions.ts). */
const PROGRESS_FIELDS = new Set<string>(['risk', 'kpiCurrent']);
/** The task fields its history records (the spreadsheet import records the same). */
export const TASK_AUDITED_FIELDS: Array<Extract<keyof Task, string>> = [
  'code',
  'year',
  'title',
  'summary',
  'category',
  'leadDepartmentId',
  'ownerId',
  'goal',
  'kpiIndicator',
  'kpiUnit',
  'kpiBaseline',
  'kpiTarget',
  'kpiCurrent',
  'startDate',
  'dueDate',
  'risk',
  'status',
];

const invalid = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});

/**
 * A bulk request that moves nothing, with each item's problem: a 400 when the request itself is
 * wrong (an unreadable or repeated task), else a 409 as for one task — ILLEGAL_TRANSITION when a
 * task may not take the step now, VERSION_CONFLICT when tasks only changed meanwhile.
 */
function bulkRefusal(problems: ErrorDetail[]): DomainError {
  const details = [...problems].sort((a, b) => (a.field < b.field ? -1 : 1));
  const text = {
    ko: '처리할 수 없는 과제가 있어 아무것도 바꾸지 않았습니다.',
    en: 'Some tasks cannot be moved; nothing was changed.',
  };
  const codes = new Set(details.map((d) => d.code));
  if (codes.has('readableTask') || codes.has('unique'))
    return new DomainError(ErrorCode.VALIDATION_FAILED, text, details);
  if (codes.has('notAllowed'))
    return new DomainError(ErrorCode.ILLEGAL_TRANSITION, text, details, { resource: 'task' });
  return new DomainError(ErrorCode.VERSION_CONFLICT, text, details);
}

/** Numbers as numeric strings, as the numeric columns hold them, so history diffs compare like with like. */
const numeric = (v: number | null | undefined): string | null | undefined =>
  v === undefined ? undefined : v === null ? null : String(v);

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
  ) {}

  // ── Reading ──────────────────────────────────────────────────────────────────────────────────

  async list(
    user: AuthUser,
    filter: TaskFilter,
    page: { sort: TaskSort; order: 'asc' | 'desc'; limit: number; offset: number },
  ): Promise<TaskPage> {
    // A list page may lag behind the latest write by the replica's delay (README: Scale-out).
    const ids = buildTaskIdQuery(this.policy, user, filter, page);
    const found = await onReplica<Array<{ id: string; total: string }>>(
      this.dataSource,
      ids.sql,
      ids.values,
    );
    let total = found.length ? Number(found[0].total) : 0;
    if (!found.length && page.offset > 0) {
      // Past the last page: the window count came back with no row, so count on the first page.
      const first = buildTaskIdQuery(this.policy, user, filter, { ...page, limit: 1, offset: 0 });
      const [row] = await onReplica<Array<{ total: string }>>(
        this.dataSource,
        first.sql,
        first.values,
      );
      total = row ? Number(row.total) : 0;
    }
    const rows = await this.rows(
      found.map((r) => r.id),
      user,
      'replica',
    );
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: 'task',
      filter: { ...filter, ...page },
    });
    return {
      items: rows.map((r) => toSummary(user, r)),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** The task with milestones, members and partners; 404 when the caller may not read it. */
  async get(user: AuthUser, id: string): Promise<TaskDetail> {
    const row = await this.readableDetail(user, id);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: 'task',
      recordId: id,
    });
    return toDetail(user, row);
  }

  async milestones(user: AuthUser, id: string): Promise<MilestoneView[]> {
    await this.readableRow(user, id);
    return this.loadMilestones(id);
  }

  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const row = await this.readableRow(user, id);
    return this.history.forRecord([row.organisation_id], 'task', id);
  }

  /**
   * Scoped in SQL: a task outside the caller's scope does not exist for them. `db`: a
   * transaction's manager, to read the row as that transaction left it.
   */
  async readableRow(user: AuthUser, id: string, db: Queryable = this.dataSource): Promise<TaskRow> {
    const query = buildTaskByIdQuery(this.policy, user, id);
    const [row] = await db.query<TaskRow[]>(query.sql, query.values);
    if (!row) throw DomainError.notFound();
    return row;
  }

  /**
   * The task with its milestones, members and partners in one statement; `lock` also takes its row
   * lock inside the caller's transaction (a write deciding on what it read).
   */
  private async readableDetail(
    user: AuthUser,
    id: string,
    db: Queryable = this.dataSource,
    lock = false,
  ): Promise<TaskDetailRow> {
    const query = buildTaskByIdQuery(this.policy, user, id, { detail: true, lock });
    const [row] =
      db === this.dataSource
        ? await queryPrepared<TaskDetailRow>(this.dataSource, query.sql, query.values)
        : await db.query<TaskDetailRow[]>(query.sql, query.values);
    if (!row) throw DomainError.notFound();
    return row;
  }

  /**
   * One batch of the caller's tasks in id order after `afterId` (keyset), for streaming exports:
   * memory stays at one batch however many tasks match.
   */
  async batchAfter(
    user: AuthUser,
    filter: TaskFilter,
    afterId: string | null,
    limit: number,
  ): Promise<TaskRow[]> {
    const query = buildTaskIdQuery(this.policy, user, filter, { afterId, limit });
    const found = await this.dataSource.query<Array<{ id: string }>>(query.sql, query.values);
    return this.rows(
      found.map((r) => r.id),
      user,
    );
  }

  /** Full rows with derived values for ids the caller was already allowed to see, in that order. */
  private async rows(
    ids: string[],
    user: AuthUser,
    db: Queryable | 'replica' = this.dataSource,
  ): Promise<TaskRow[]> {
    if (!ids.length) return [];
    const query = buildTaskRowsQuery(ids, user.id);
    return db === 'replica'
      ? onReplica<TaskRow[]>(this.dataSource, query.sql, query.values)
      : db.query<TaskRow[]>(query.sql, query.values);
  }

  private async detail(user: AuthUser, row: TaskRow): Promise<TaskDetail> {
    return toDetail(user, await this.readableDetail(user, row.id));
  }

  private async loadMilestones(taskId: string): Promise<MilestoneView[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        title: string;
        due_date: string;
        weight: string;
        status: 'PLANNED' | 'DONE';
        done_date: string | null;
        done_entered_later: boolean;
        version: number;
      }>
    >(
      `SELECT id, title, to_char(due_date, 'YYYY-MM-DD') AS due_date, weight, status,
              to_char(done_date, 'YYYY-MM-DD') AS done_date, done_entered_later, version
         FROM milestones WHERE task_id = $1 ORDER BY due_date, created_at, id`,
      [taskId],
    );
    const today = seoulToday();
    return rows.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.due_date,
      weight: Number(m.weight),
      status: m.status,
      doneDate: m.done_date,
      doneEnteredLater: m.done_entered_later,
      overdue: m.status === 'PLANNED' && m.due_date < today,
      version: m.version,
    }));
  }

  // ── Writing ──────────────────────────────────────────────────────────────────────────────────

  /** STAFF or DEPT_HEAD draft a task of their own department (DOMAIN.md §1). */
  async create(user: AuthUser, input: CreateTaskInput): Promise<TaskDetail> {
    if (!this.policy.hasRole(user, Role.STAFF, Role.DEPT_HEAD)) throw DomainError.forbidden();
    const leadDepartmentId = input.leadDepartmentId ?? user.departmentId;
    if (leadDepartmentId !== user.departmentId) {
      throw new DomainError(ErrorCode.FORBIDDEN, undefined, [
        invalid('leadDepartmentId', 'ownDepartment', {
          ko: '자기 부서의 과제만 등록할 수 있습니다.',
          en: 'you can only create tasks of your own department',
        }),
      ]);
    }
    const problems = [
      ...this.checkDates(input.startDate, input.dueDate),
      ...(await this.checkOwner(input.ownerId, leadDepartmentId)),
      ...(await this.checkMembers(input.memberIds ?? [], user.organisationId)),
      ...(await this.checkPartners(input.partnerDepartmentIds ?? [], leadDepartmentId)),
      ...(input.milestones ?? []).flatMap((m, i) =>
        this.checkMilestoneDate(
          `milestones.${i}.dueDate`,
          m.dueDate,
          input.startDate,
          input.dueDate,
        ),
      ),
    ];
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);

    const id = await this.tx.run(async (tx) => {
      const code = await this.nextCode(tx, user.organisationId, input.year);
      const values = {
        organisationId: user.organisationId,
        code,
        year: input.year,
        title: input.title,
        summary: input.summary ?? '',
        category: input.category,
        leadDepartmentId,
        ownerId: input.ownerId,
        goal: input.goal ?? '',
        kpiIndicator: input.kpiIndicator ?? null,
        kpiUnit: input.kpiUnit ?? null,
        kpiBaseline: numeric(input.kpiBaseline) ?? null,
        kpiTarget: numeric(input.kpiTarget) ?? null,
        kpiCurrent: numeric(input.kpiCurrent) ?? null,
        startDate: input.startDate,
        dueDate: input.dueDate,
        risk: input.risk ?? 'LOW',
        status: TaskStatus.DRAFT,
        createdBy: user.id,
      };
      const inserted = await tx.manager
        .createQueryBuilder()
        .insert()
        .into(Task)
        .values(values)
        .returning('id')
        .execute();
      const taskId = (inserted.raw as Array<{ id: string }>)[0].id;
      for (const userId of new Set(input.memberIds ?? [])) {
        await tx.manager.query(`INSERT INTO task_members (task_id, user_id) VALUES ($1, $2)`, [
          taskId,
          userId,
        ]);
      }
      for (const departmentId of new Set(input.partnerDepartmentIds ?? [])) {
        await tx.manager.query(
          `INSERT INTO task_partner_departments (task_id, department_id) VALUES ($1, $2)`,
          [taskId, departmentId],
        );
      }
      for (const m of input.milestones ?? []) {
        await tx.manager.query(
          `INSERT INTO milestones (task_id, title, due_date, weight) VALUES ($1, $2, $3, $4)`,
          [taskId, m.title, m.dueDate, m.weight ?? 1],
        );
      }
      await this.record(tx, user, user.organisationId, taskId, 'create', {
        ...diffFields<Task>(null, values, TASK_AUDITED_FIELDS),
        ...(input.memberIds?.length
          ? { memberIds: { from: null, to: [...new Set(input.memberIds)] } }
          : {}),
        ...(input.partnerDepartmentIds?.length
          ? { partnerDepartmentIds: { from: null, to: [...new Set(input.partnerDepartmentIds)] } }
          : {}),
        ...(input.milestones?.length ? { milestones: { from: null, to: input.milestones } } : {}),
      });
      return taskId;
    });
    return toDetail(user, await this.readableDetail(user, id));
  }

  async update(user: AuthUser, id: string, input: UpdateTaskInput): Promise<TaskDetail> {
    const row = await this.readableRow(user, id);
    const { version, ...fields } = input;
    const touched = Object.keys(fields).filter(
      (k) => (fields as Record<string, unknown>)[k] !== undefined,
    );
    const needs = touched.some((k) => !PROGRESS_FIELDS.has(k))
      ? TaskEditAction.EDIT
      : TaskEditAction.UPDATE_PROGRESS;
    this.assertAllowed(user, row, needs);
    if (!touched.length) {
      if (version !== row.version) throw DomainError.conflict(row.version);
      return this.detail(user, row);
    }

    const startDate = fields.startDate ?? row.start_date;
    const dueDate = fields.dueDate ?? row.due_date;
    const datesMove = fields.startDate !== undefined || fields.dueDate !== undefined;
    const problems = [
      ...(datesMove ? this.checkDates(startDate, dueDate) : []),
      ...(datesMove ? await this.checkMilestonesWithin(id, startDate, dueDate) : []),
      ...(fields.ownerId !== undefined
        ? await this.checkOwner(fields.ownerId, row.lead_department_id)
        : []),
    ];
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);

    const patch: Partial<Task> = {};
    for (const key of touched)
      (patch as Record<string, unknown>)[key] = (fields as Record<string, unknown>)[key];
    for (const key of ['kpiBaseline', 'kpiTarget', 'kpiCurrent'] as const) {
      if (key in patch) patch[key] = numeric(fields[key]) ?? null;
    }
    const before = this.entityOf(row);
    const updated = await this.tx.run(async (tx) => {
      await updateWithVersion(tx.manager, Task, id, version, patch);
      await this.record(
        tx,
        user,
        row.organisation_id,
        id,
        'update',
        diffFields<Task>(before, { ...before, ...patch }, TASK_AUDITED_FIELDS),
      );
      // Read before commit: the task as this change left it, not as a later one already has.
      return this.readableDetail(user, id, tx.manager);
    });
    return toDetail(user, updated);
  }

  /**
   * Moves the task along the state machine. An action that is not possible now — wrong state or
   * not this user's to take — is a 409 listing what the user may do instead; for one who only
   * reads the task it is a 403 with the same keys.
   */
  async transition(
    user: AuthUser,
    id: string,
    action: TaskAction,
    reason?: string,
    version?: number,
    late?: { occurredOn?: string; lateEntryReason?: string },
  ): Promise<TaskDetail> {
    for (let attempt = 1; ; attempt++) {
      const row = await this.readableDetail(user, id);
      const today = seoulToday();
      const occurredOn = late?.occurredOn;
      const backdated = occurredOn !== undefined && isBackdated(occurredOn, today);
      if (occurredOn !== undefined && occurredOn > today) {
        // A day still to come is wrong whoever asks and whatever the state: say so first.
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          undefined,
          backdateProblems({ date: occurredOn, field: 'occurredOn', today }),
        );
      }
      const allowed = allowedTaskActions(user, this.factsOf(row));
      const transition = transitionFor(row.status, action);
      // The office records what happened in past periods: a back-dated transition is its to enter
      // whoever took it then (the state machine still decides which step may follow which).
      const recordsPast =
        backdated &&
        this.policy.hasRole(user, Role.PROACTIVE_OFFICE) &&
        user.organisationId === row.organisation_id;
      if (!transition || (!allowed.includes(action) && !recordsPast)) {
        const refusal = { resource: 'task', currentStatus: row.status, allowedActions: allowed };
        // One who only reads the task (a partner department, an org-wide reader) may move it in
        // no state: that is a 403, not the state machine's "not now".
        if (!standingsOf(user, this.factsOf(row)).size && !row.is_member && !recordsPast)
          throw DomainError.forbidden(refusal);
        throw DomainError.illegalTransition(refusal);
      }
      const problems: ErrorDetail[] = [];
      if (transition.reasonRequired && !reason?.trim()) {
        problems.push(
          invalid('reason', 'required', {
            ko: action === 'complete' ? '완료 근거를 입력하세요.' : '사유를 입력하세요.',
            en:
              action === 'complete'
                ? 'the evidence of completion is required'
                : 'a reason is required',
          }),
        );
      }
      if (occurredOn !== undefined) problems.push(...this.checkOccurredOn(row, occurredOn, late));
      if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
      if (version !== undefined && version !== row.version) throw DomainError.conflict(row.version);
      const lateEntry = backdated
        ? {
            on: occurredOn,
            effectiveAt: seoulStartOfDay(occurredOn),
            reason: late!.lateEntryReason!.trim(),
          }
        : null;
      const [moved] = await this.tx.statement<{ version: number; updated_at: Date }>(
        ...buildTransitionStatement(
          user,
          row,
          action,
          transition.to,
          reason?.trim() || null,
          lateEntry,
        ),
      );
      if (moved) {
        // The row as read with what this transition changed: the update matched the version read,
        // so nothing else changed the task in between and no read-back is needed.
        const milestones = row.milestones.map((m) => ({ ...m, weight: Number(m.weight) }));
        return toDetail(user, {
          ...row,
          status: transition.to,
          version: moved.version,
          updated_at: moved.updated_at,
          completed_on: transition.to === 'COMPLETED' ? (lateEntry?.on ?? today) : null,
          entered_later: row.entered_later || lateEntry !== null,
          status_changed_at: lateEntry?.effectiveAt ?? new Date(),
          progress: taskProgress(transition.to, row.reported_progress, milestones),
          delayed: taskDelayed(transition.to, row.due_date, milestones, today),
        });
      }
      // Changed since the read: a stale version is the caller's conflict; without one, decide
      // again on the task as it is now (a few times, then report the conflict).
      if (version !== undefined || attempt >= 3) {
        const [current] = await this.dataSource.query<Array<{ version: number }>>(
          `SELECT version FROM tasks WHERE id = $1`,
          [id],
        );
        throw DomainError.conflict(current.version);
      }
    }
  }

  /**
   * The office selects, rejects or drops many proposed tasks in one request (bulk work): every
   * item is decided on its row locked in one transaction, and either all move or none does, the
   * answer naming each item's problem (`items.<i>.…`).
   */
  async transitionMany(
    user: AuthUser,
    action: BulkTaskAction,
    items: Array<{ taskId: string; version: number }>,
    reason?: string,
  ): Promise<TaskSummary[]> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
    const transitionNeedsReason = TASK_TRANSITIONS.some(
      (t) => t.action === action && t.reasonRequired,
    );
    if (transitionNeedsReason && !reason?.trim()) {
      throw DomainError.invalidField('reason', 'required', {
        ko: '사유를 입력하세요.',
        en: 'a reason is required',
      });
    }
    const ids = await this.tx.run(async (tx) => {
      const problems: ErrorDetail[] = [];
      const seen = new Set<string>();
      const moves: Array<{ row: TaskRow; to: TaskStatus }> = [];
      // Locks in id order, so two bulk requests over overlapping tasks cannot deadlock.
      const order = items
        .map((item, i) => ({ item, i }))
        .sort((a, b) => (a.item.taskId < b.item.taskId ? -1 : 1));
      for (const { item, i } of order) {
        if (seen.has(item.taskId)) {
          problems.push(
            invalid(`items.${i}.taskId`, 'unique', {
              ko: '같은 과제를 두 번 적었습니다.',
              en: 'this task is listed twice',
            }),
          );
          continue;
        }
        seen.add(item.taskId);
        const row = await this.readableDetail(user, item.taskId, tx.manager, true).catch(
          (e: unknown) => {
            if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) return null;
            throw e;
          },
        );
        if (!row) {
          problems.push(
            invalid(`items.${i}.taskId`, 'readableTask', {
              ko: '조회할 수 있는 과제가 아닙니다.',
              en: 'no task you can read has this id',
            }),
          );
          continue;
        }
        const transition = transitionFor(row.status, action);
        if (!transition || !allowedTaskActions(user, this.factsOf(row)).includes(action)) {
          problems.push(
            invalid(`items.${i}.taskId`, 'notAllowed', {
              ko: `${row.code} 과제는 지금 상태(${TASK_STATUS_LABELS[row.status]})에서 이 처리를 할 수 없습니다.`,
              en: `task ${row.code} cannot be moved this way in its current status (${row.status})`,
            }),
          );
          continue;
        }
        if (row.version !== item.version) {
          problems.push(
            invalid(`items.${i}.version`, 'stale', {
              ko: `${row.code} 과제가 그사이 바뀌었습니다(현재 버전 ${row.version}). 목록을 새로 고친 뒤 다시 하세요.`,
              en: `task ${row.code} has changed meanwhile (now version ${row.version}); reload and retry`,
            }),
          );
          continue;
        }
        moves.push({ row, to: transition.to });
      }
      if (problems.length) throw bulkRefusal(problems);
      for (const { row, to } of moves) {
        const [sql, values] = buildTransitionStatement(
          user,
          row,
          action,
          to,
          reason?.trim() || null,
        );
        await tx.manager.query(sql, values);
      }
      return items.map((item) => item.taskId);
    });
    return (await this.rows(ids, user)).map((r) => toSummary(user, r));
  }

  /**
   * The stated day of a transition: not in the future; when past (사후 입력), within the task's
   * year, not before its previous transition, and with a reason for entering it late.
   */
  private checkOccurredOn(
    row: TaskRow,
    occurredOn: string,
    late: { lateEntryReason?: string } | undefined,
  ): ErrorDetail[] {
    const previous = row.status_changed_at ? seoulToday(row.status_changed_at) : null;
    return backdateProblems({
      date: occurredOn,
      field: 'occurredOn',
      today: seoulToday(),
      lateEntryReason: late?.lateEntryReason,
      limits: [
        notBeforeYear(row.year, { ko: '과제', en: 'task' }),
        ...(previous
          ? [
              {
                date: previous,
                code: 'notBeforePrevious',
                message: {
                  ko: `직전 상태 변경일(${previous})보다 앞선 날짜입니다. 과제의 진행 순서대로 입력하세요.`,
                  en: `must not be before the task's previous status change (${previous})`,
                },
              },
            ]
          : []),
      ],
    });
  }

  /**
   * Takes the task's row lock (the one an UPDATE of the row takes) for the rest of the caller's
   * transaction: the first lock of a write that also touches a child of the task (lock order in
   * libs/db/src/transaction.service.ts). FOR NO KEY UPDATE, so inserts of children (whose foreign
   * key takes KEY SHARE) do not wait.
   */
  async lockForWrite(tx: Tx, taskId: string): Promise<void> {
    await tx.manager.query(`SELECT 1 FROM tasks WHERE id = $1 FOR NO KEY UPDATE`, [taskId]);
  }

  /**
   * The reports capability's one write to a task: an accepted report's progress becomes the task's
   * progress (DOMAIN.md §2), in the caller's transaction and in the task's history.
   */
  async applyReportedProgress(
    tx: Tx,
    change: {
      actorId: string;
      taskId: string;
      progress: number | null;
      reportId: string;
      period: string;
    },
  ): Promise<void> {
    const [before] = await tx.manager.query<
      Array<{ organisation_id: string; reported_progress: number | null }>
    >(`SELECT organisation_id, reported_progress FROM tasks WHERE id = $1 FOR NO KEY UPDATE`, [
      change.taskId,
    ]);
    if (!before || before.reported_progress === change.progress) return;
    await tx.manager.query(
      `UPDATE tasks SET reported_progress = $2, updated_at = now() WHERE id = $1`,
      [change.taskId, change.progress],
    );
    await this.history.record(tx, {
      organisationId: before.organisation_id,
      recordType: 'task',
      recordId: change.taskId,
      action: 'progress.reported',
      actorId: change.actorId,
      changes: {
        reportedProgress: { from: before.reported_progress, to: change.progress },
        report: { from: null, to: { id: change.reportId, period: change.period } },
      },
      reason: null,
    });
  }

  // ── Members and partner departments ──────────────────────────────────────────────────────────

  addMember(user: AuthUser, id: string, userId: string): Promise<TaskDetail> {
    return this.addLink(user, id, 'member', userId, (row) =>
      this.checkMembers([userId], row.organisation_id, 'userId'),
    );
  }

  removeMember(user: AuthUser, id: string, userId: string): Promise<TaskDetail> {
    return this.removeLink(user, id, 'member', userId);
  }

  addPartner(user: AuthUser, id: string, departmentId: string): Promise<TaskDetail> {
    return this.addLink(user, id, 'partner', departmentId, (row) =>
      this.checkPartners([departmentId], row.lead_department_id, 'departmentId'),
    );
  }

  removePartner(user: AuthUser, id: string, departmentId: string): Promise<TaskDetail> {
    return this.removeLink(user, id, 'partner', departmentId);
  }

  /** Adding an existing link changes nothing and records nothing. */
  private async addLink(
    user: AuthUser,
    id: string,
    kind: keyof typeof LINKS,
    linkedId: string,
    check: (row: TaskRow) => Promise<ErrorDetail[]>,
  ): Promise<TaskDetail> {
    const link = LINKS[kind];
    const row = await this.readableRow(user, id);
    this.assertAllowed(user, row, TaskEditAction.EDIT);
    const problems = await check(row);
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    await this.tx.run(async (tx) => {
      const inserted = await tx.manager.query<unknown[]>(
        `INSERT INTO ${link.table} (task_id, ${link.column}) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING task_id`,
        [id, linkedId],
      );
      if (inserted.length) {
        await this.record(tx, user, row.organisation_id, id, `${kind}.add`, {
          [link.field]: { from: null, to: linkedId },
        });
      }
    });
    return this.detail(user, row);
  }

  private async removeLink(
    user: AuthUser,
    id: string,
    kind: keyof typeof LINKS,
    linkedId: string,
  ): Promise<TaskDetail> {
    const link = LINKS[kind];
    const row = await this.readableRow(user, id);
    this.assertAllowed(user, row, TaskEditAction.EDIT);
    await this.tx.run(async (tx) => {
      const [, removed] = await tx.manager.query<[unknown[], number]>(
        `DELETE FROM ${link.table} WHERE task_id = $1 AND ${link.column} = $2`,
        [id, linkedId],
      );
      if (!removed) throw DomainError.notFound();
      await this.record(tx, user, row.organisation_id, id, `${kind}.remove`, {
        [link.field]: { from: linkedId, to: null },
      });
    });
    return this.detail(user, row);
  }

  // ── Milestones ───────────────────────────────────────────────────────────────────────────────

  async addMilestone(user: AuthUser, id: string, input: MilestoneInput): Promise<MilestoneView> {
    const row = await this.readableRow(user, id);
    this.assertAllowed(user, row, TaskEditAction.EDIT);
    const problems = this.checkMilestoneDate(
      'dueDate',
      input.dueDate,
      row.start_date,
      row.due_date,
    );
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const milestoneId = await this.tx.run(async (tx) => {
      await this.lockForWrite(tx, id); // task before milestone (lock order: TransactionService)
      const [m] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO milestones (task_id, title, due_date, weight) VALUES ($1, $2, $3, $4) RETURNING id`,
        [id, input.title, input.dueDate, input.weight ?? 1],
      );
      await this.record(tx, user, row.organisation_id, id, 'milestone.add', {
        [`milestone:${m.id}`]: {
          from: null,
          to: { title: input.title, dueDate: input.dueDate, weight: input.weight ?? 1 },
        },
      });
      await this.planChanged(tx, {
        taskId: id,
        milestoneId: m.id,
        action: 'add',
        actorId: user.id,
      });
      return m.id;
    });
    return this.milestoneView(id, milestoneId);
  }

  /**
   * Plan fields (title, due date, weight) need `edit`; status and done date need `updateProgress`.
   * A done date before today is entered later (사후 입력): it needs `lateEntryReason` and is flagged.
   */
  async updateMilestone(
    user: AuthUser,
    id: string,
    milestoneId: string,
    input: MilestoneUpdateInput,
  ): Promise<MilestoneView> {
    const row = await this.readableRow(user, id);
    const before = await this.milestoneView(id, milestoneId);
    const change = this.planMilestoneChange(user, row, before, input, '');
    if (change.problems.length) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, change.problems);
    }
    await this.tx.run(async (tx) => {
      await this.lockForWrite(tx, id); // task before milestone (lock order: TransactionService)
      await this.writeMilestoneChange(tx, user, row, before, change, input.version);
    });
    return this.milestoneView(id, milestoneId);
  }

  /**
   * Several milestones of one task marked done with their actual dates in one transaction (bulk
   * work): all or nothing, each item's problems named by its index.
   */
  async completeMilestones(
    user: AuthUser,
    id: string,
    input: {
      items: Array<{ milestoneId: string; version: number; doneDate?: string }>;
      lateEntryReason?: string;
    },
  ): Promise<MilestoneView[]> {
    const row = await this.readableRow(user, id);
    // Who may not record progress hears so before anything about the items (403, not 400).
    this.assertAllowed(user, row, TaskEditAction.UPDATE_PROGRESS);
    return this.completeReadable(user, row, input, false);
  }

  /**
   * Milestones marked done (with the same date rules as `completeMilestones`) by someone another
   * context has already authorised for exactly these milestones (a collaboration participant
   * completing its share: the collaboration decides, the task's own roles are not asked). The task
   * must be readable by the user and running (SELECTED or IN_PROGRESS), else 404 or 403. `also`
   * runs in the same transaction after the milestones are written (the caller's history entry).
   */
  async completeMilestonesGranted(
    user: AuthUser,
    id: string,
    input: {
      items: Array<{ milestoneId: string; version: number; doneDate?: string }>;
      lateEntryReason?: string;
    },
    also?: (tx: Tx, done: MilestoneView[]) => Promise<void>,
  ): Promise<MilestoneView[]> {
    const row = await this.readableRow(user, id);
    if (row.status !== TaskStatus.SELECTED && row.status !== TaskStatus.IN_PROGRESS) {
      throw DomainError.forbidden({
        resource: 'task',
        currentStatus: row.status,
        allowedActions: [],
      });
    }
    return this.completeReadable(user, row, input, true, also);
  }

  /**
   * Milestones added to a task by someone another context has already authorised (a collaboration
   * TF's decision: the collaboration decides, the task's own roles are not asked), with the same
   * date rule as `addMilestone` (problems named `${prefix}${i}.dueDate`), history entries and plan
   * listeners. The task must be readable and running (SELECTED or IN_PROGRESS), else 404 or 403.
   * `also` runs in the same transaction after the milestones are written (task locked first).
   */
  async addMilestonesGranted(
    user: AuthUser,
    id: string,
    items: MilestoneInput[],
    prefix: string,
    also: (tx: Tx, milestoneIds: string[]) => Promise<void>,
  ): Promise<string[]> {
    const row = await this.readableRow(user, id);
    if (row.status !== TaskStatus.SELECTED && row.status !== TaskStatus.IN_PROGRESS) {
      throw DomainError.forbidden({
        resource: 'task',
        currentStatus: row.status,
        allowedActions: [],
      });
    }
    const problems = items.flatMap((m, i) =>
      this.checkMilestoneDate(`${prefix}${i}.dueDate`, m.dueDate, row.start_date, row.due_date),
    );
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    return this.tx.run(async (tx) => {
      await this.lockForWrite(tx, id); // task before milestone (lock order: TransactionService)
      const ids: string[] = [];
      for (const input of items) {
        const [m] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO milestones (task_id, title, due_date, weight) VALUES ($1, $2, $3, $4) RETURNING id`,
          [id, input.title, input.dueDate, input.weight ?? 1],
        );
        await this.record(tx, user, row.organisation_id, id, 'milestone.add', {
          [`milestone:${m.id}`]: {
            from: null,
            to: { title: input.title, dueDate: input.dueDate, weight: input.weight ?? 1 },
          },
        });
        await this.planChanged(tx, {
          taskId: id,
          milestoneId: m.id,
          action: 'add',
          actorId: user.id,
        });
        ids.push(m.id);
      }
      await also(tx, ids);
      return ids;
    });
  }

  private async completeReadable(
    user: AuthUser,
    row: TaskRow,
    input: {
      items: Array<{ milestoneId: string; version: number; doneDate?: string }>;
      lateEntryReason?: string;
    },
    granted: boolean,
    also?: (tx: Tx, done: MilestoneView[]) => Promise<void>,
  ): Promise<MilestoneView[]> {
    const id = row.id;
    const all = await this.loadMilestones(id);
    const byId = new Map(all.map((m) => [m.id, m]));
    const problems: ErrorDetail[] = [];
    const changes: Array<{ before: MilestoneView; change: MilestoneChange; version: number }> = [];
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      const before = byId.get(item.milestoneId);
      if (!before || seen.has(item.milestoneId)) {
        problems.push(
          invalid(
            `items.${i}.milestoneId`,
            before ? 'unique' : 'taskMilestone',
            before
              ? { ko: '같은 단계를 두 번 적었습니다.', en: 'this milestone is listed twice' }
              : { ko: '이 과제의 단계가 아닙니다.', en: 'not a milestone of this task' },
          ),
        );
        return;
      }
      seen.add(item.milestoneId);
      const change = this.planMilestoneChange(
        user,
        row,
        before,
        {
          version: item.version,
          status: 'DONE',
          doneDate: item.doneDate,
          lateEntryReason: input.lateEntryReason,
        },
        `items.${i}.`,
        granted,
      );
      problems.push(...change.problems);
      changes.push({ before, change, version: item.version });
    });
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    await this.tx.run(async (tx) => {
      await this.lockForWrite(tx, id);
      for (const c of changes) {
        await this.writeMilestoneChange(tx, user, row, c.before, c.change, c.version);
      }
      if (also)
        await also(
          tx,
          changes.map((c) => c.before),
        );
    });
    const after = await this.loadMilestones(id);
    return after.filter((m) => seen.has(m.id));
  }

  /** What a milestone change would be and what is wrong with it (fields prefixed for bulk items). */
  private planMilestoneChange(
    user: AuthUser,
    row: TaskRow,
    before: MilestoneView,
    input: MilestoneUpdateInput,
    prefix: string,
    /** Authorised by another context for a status change only (completeMilestonesGranted). */
    granted = false,
  ): MilestoneChange {
    const { version: _version, lateEntryReason, ...fields } = input;
    const touched = Object.keys(fields).filter(
      (k) => (fields as Record<string, unknown>)[k] !== undefined,
    );
    const planChange = touched.some((k) => k === 'title' || k === 'dueDate' || k === 'weight');
    if (!granted || planChange) {
      this.assertAllowed(
        user,
        row,
        planChange ? TaskEditAction.EDIT : TaskEditAction.UPDATE_PROGRESS,
      );
    }
    if (planChange && touched.some((k) => k === 'status' || k === 'doneDate')) {
      this.assertAllowed(user, row, TaskEditAction.UPDATE_PROGRESS);
    }
    const problems =
      fields.dueDate !== undefined
        ? this.checkMilestoneDate(`${prefix}dueDate`, fields.dueDate, row.start_date, row.due_date)
        : [];
    const status = fields.status ?? before.status;
    const today = seoulToday();
    // Done means done on a date: today (Seoul) unless given; planned again clears it.
    const doneDate = status === 'DONE' ? (fields.doneDate ?? before.doneDate ?? today) : null;
    if (fields.doneDate && status !== 'DONE') {
      problems.push(
        invalid(`${prefix}doneDate`, 'onlyWhenDone', {
          ko: '완료된 단계에만 완료일을 입력할 수 있습니다.',
          en: 'only a DONE milestone has a done date',
        }),
      );
    }
    const newDate = doneDate !== null && doneDate !== before.doneDate;
    if (newDate) {
      problems.push(
        ...backdateProblems({
          date: doneDate,
          field: `${prefix}doneDate`,
          today,
          lateEntryReason,
          reasonField: 'lateEntryReason',
          limits: [notBeforeYear(row.year, { ko: '과제', en: 'task' })],
        }),
      );
    }
    const late = newDate && isBackdated(doneDate, today);
    return {
      problems,
      after: {
        title: fields.title ?? before.title,
        dueDate: fields.dueDate ?? before.dueDate,
        weight: fields.weight ?? before.weight,
        status,
        doneDate,
        doneEnteredLater: doneDate === null ? false : newDate ? late : before.doneEnteredLater,
      },
      late: late
        ? { effectiveAt: seoulStartOfDay(doneDate), reason: lateEntryReason?.trim() ?? '' }
        : null,
    };
  }

  private async writeMilestoneChange(
    tx: Tx,
    user: AuthUser,
    row: TaskRow,
    before: MilestoneView,
    change: MilestoneChange,
    version: number,
  ): Promise<void> {
    const { after } = change;
    const [, affected] = await tx.manager.query<[unknown[], number]>(
      `UPDATE milestones SET title = $3, due_date = $4, weight = $5, status = $6, done_date = $7,
              done_entered_later = $9, version = version + 1, updated_at = now()
        WHERE id = $1 AND task_id = $2 AND version = $8`,
      [
        before.id,
        row.id,
        after.title,
        after.dueDate,
        after.weight,
        after.status,
        after.doneDate,
        version,
        after.doneEnteredLater,
      ],
    );
    if (!affected) throw DomainError.conflict(before.version);
    if (change.late) {
      await tx.manager.query(`UPDATE tasks SET entered_later = true WHERE id = $1`, [row.id]);
    }
    const changes = diffFields(before, after, ['title', 'dueDate', 'weight', 'status', 'doneDate']);
    await this.history.record(tx, {
      organisationId: row.organisation_id,
      recordType: 'task',
      recordId: row.id,
      action: 'milestone.update',
      actorId: user.id,
      changes: Object.fromEntries(
        Object.entries(changes).map(([k, v]) => [`milestone:${before.id}.${k}`, v]),
      ),
      reason: null,
      effectiveAt: change.late?.effectiveAt ?? null,
      lateEntryReason: change.late?.reason ?? null,
    });
    if ('title' in changes || 'dueDate' in changes || 'weight' in changes) {
      await this.planChanged(tx, {
        taskId: row.id,
        milestoneId: before.id,
        action: 'update',
        actorId: user.id,
      });
    }
  }

  /** Tells the contexts built on the task (milestone-plan-listeners.ts), in the same transaction. */
  private async planChanged(tx: Tx, change: MilestonePlanChange): Promise<void> {
    for (const listener of milestonePlanListeners()) await listener(tx, change);
  }

  async removeMilestone(user: AuthUser, id: string, milestoneId: string): Promise<void> {
    const row = await this.readableRow(user, id);
    this.assertAllowed(user, row, TaskEditAction.EDIT);
    const before = await this.milestoneView(id, milestoneId);
    await this.tx.run(async (tx) => {
      await this.lockForWrite(tx, id); // task before milestone (lock order: TransactionService)
      await tx.manager.query(`DELETE FROM milestones WHERE id = $1 AND task_id = $2`, [
        milestoneId,
        id,
      ]);
      await this.record(tx, user, row.organisation_id, id, 'milestone.remove', {
        [`milestone:${milestoneId}`]: {
          from: {
            title: before.title,
            dueDate: before.dueDate,
            weight: before.weight,
            status: before.status,
          },
          to: null,
        },
      });
      await this.planChanged(tx, { taskId: id, milestoneId, action: 'remove', actorId: user.id });
    });
  }

  private async milestoneView(taskId: string, milestoneId: string): Promise<MilestoneView> {
    const found = (await this.loadMilestones(taskId)).find((m) => m.id === milestoneId);
    if (!found) throw DomainError.notFound();
    return found;
  }

  // ── Rules ────────────────────────────────────────────────────────────────────────────────────

  private factsOf(row: TaskRow) {
    return {
      organisationId: row.organisation_id,
      leadDepartmentId: row.lead_department_id,
      ownerId: row.owner_id,
      status: row.status,
      isMember: row.is_member,
    };
  }

  /** 403 (the caller can read the task) with what they may do instead. */
  private assertAllowed(user: AuthUser, row: TaskRow, needed: TaskAllowedAction): void {
    const allowed = allowedTaskActions(user, this.factsOf(row));
    if (!allowed.includes(needed)) {
      throw DomainError.forbidden({
        resource: 'task',
        currentStatus: row.status,
        allowedActions: allowed,
      });
    }
  }

  private checkDates(startDate: string, dueDate: string): ErrorDetail[] {
    return dueDate < startDate
      ? [
          invalid('dueDate', 'notBeforeStart', {
            ko: '완료 예정일은 시작일보다 빠를 수 없습니다.',
            en: 'must not be before startDate',
          }),
        ]
      : [];
  }

  private checkMilestoneDate(
    field: string,
    dueDate: string,
    startDate: string,
    taskDue: string,
  ): ErrorDetail[] {
    return dueDate < startDate || dueDate > taskDue
      ? [
          invalid(field, 'withinTask', {
            ko: '단계 예정일은 과제 기간 안의 날짜여야 합니다.',
            en: 'must lie within the task’s start and due dates',
          }),
        ]
      : [];
  }

  /** Moving the task's period must not leave a milestone outside it. */
  private async checkMilestonesWithin(
    taskId: string,
    startDate: string,
    dueDate: string,
  ): Promise<ErrorDetail[]> {
    const [outside] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM milestones WHERE task_id = $1 AND (due_date < $2::date OR due_date > $3::date) LIMIT 1`,
      [taskId, startDate, dueDate],
    );
    return outside
      ? [
          invalid('dueDate', 'coversMilestones', {
            ko: '바꾼 과제 기간 밖에 남는 단계가 있습니다. 먼저 단계 예정일을 조정하세요.',
            en: 'a milestone would fall outside the new period; move it first',
          }),
        ]
      : [];
  }

  private async checkOwner(ownerId: string, leadDepartmentId: string): Promise<ErrorDetail[]> {
    const [ok] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM users WHERE id = $1 AND department_id = $2 AND active`,
      [ownerId, leadDepartmentId],
    );
    return ok
      ? []
      : [
          invalid('ownerId', 'leadDepartmentUser', {
            ko: '주담당자는 주관부서의 활성 사용자여야 합니다.',
            en: 'must be an active user of the lead department',
          }),
        ];
  }

  private async checkMembers(
    ids: string[],
    organisationId: string,
    field = 'memberIds',
  ): Promise<ErrorDetail[]> {
    if (!ids.length) return [];
    const found = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND active`,
      [ids, organisationId],
    );
    const ok = new Set(found.map((r) => r.id));
    return ids.flatMap((id, i) =>
      ok.has(id)
        ? []
        : [
            invalid(field === 'memberIds' ? `memberIds.${i}` : field, 'organisationUser', {
              ko: '참여자는 같은 기관의 활성 사용자여야 합니다.',
              en: 'must be an active user of the organisation',
            }),
          ],
    );
  }

  private async checkPartners(
    ids: string[],
    leadDepartmentId: string,
    field = 'partnerDepartmentIds',
  ): Promise<ErrorDetail[]> {
    if (!ids.length) return [];
    const found = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM departments WHERE id = ANY($1::uuid[]) AND active`,
      [ids],
    );
    const ok = new Set(found.map((r) => r.id));
    return ids.flatMap((id, i) => {
      const path = field === 'partnerDepartmentIds' ? `partnerDepartmentIds.${i}` : field;
      if (id === leadDepartmentId)
        return [
          invalid(path, 'notLead', {
            ko: '주관부서는 협업부서가 될 수 없습니다.',
            en: 'must not be the lead department',
          }),
        ];
      return ok.has(id)
        ? []
        : [
            invalid(path, 'activeDepartment', {
              ko: '협업부서는 존재하는 활성 부서여야 합니다.',
              en: 'must be an active department',
            }),
          ];
    });
  }

  /** Codes run 2026-01, 2026-02, … per organisation and year; the lock serialises creators. */
  private async nextCode(tx: Tx, organisationId: string, year: number): Promise<string> {
    await tx.manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('task-code:' || $1 || ':' || $2, 0))`,
      [organisationId, year],
    );
    const [row] = await tx.manager.query<Array<{ n: number }>>(
      `SELECT COALESCE(max(split_part(code, '-', 2)::int), 0) + 1 AS n FROM tasks WHERE organisation_id = $1 AND year = $2`,
      [organisationId, year],
    );
    return `${year}-${String(row.n).padStart(2, '0')}`;
  }

  private entityOf(row: TaskRow): Partial<Task> {
    return {
      code: row.code,
      year: row.year,
      title: row.title,
      summary: row.summary,
      category: row.category,
      leadDepartmentId: row.lead_department_id,
      ownerId: row.owner_id,
      goal: row.goal,
      kpiIndicator: row.kpi_indicator,
      kpiUnit: row.kpi_unit,
      kpiBaseline: row.kpi_baseline === null ? null : String(Number(row.kpi_baseline)),
      kpiTarget: row.kpi_target === null ? null : String(Number(row.kpi_target)),
      kpiCurrent: row.kpi_current === null ? null : String(Number(row.kpi_current)),
      startDate: row.start_date,
      dueDate: row.due_date,
      risk: row.risk,
      status: row.status,
    };
  }

  private record(
    tx: Tx,
    user: AuthUser,
    organisationId: string,
    taskId: string,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason: string | null = null,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId,
      recordType: 'task',
      recordId: taskId,
      action,
      actorId: user.id,
      changes,
      reason,
    });
  }
}
