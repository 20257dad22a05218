import { Injectable } from '@nestjs/common';
import { diffFields, HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import { PG_UNIQUE_VIOLATION, pgErrorCode, TransactionService, type Tx } from '@gwaje/db';
import { TASK_AUDITED_FIELDS, type TaskStatus } from '@gwaje/tasks';
import { ImportProblems } from '../import-problems.js';
import { importReason, type ImportRowResult, type ImportRun } from '../import-types.js';
import { lockImport } from '../import-locks.js';
import { type DepartmentNames, organisationDepartments } from '../shared/department-names.js';
import {
  lockedMessage,
  type MilestonePlan,
  type MilestoneTarget,
  milestoneOutside,
  PLANNING_STATES,
  planMilestones,
} from './milestone-plan.js';
import {
  type ExistingTask,
  insertMilestone,
  insertTask,
  lastCodeNumbers,
  lockTaskCodes,
  milestonesOf,
  organisationUsersByEmail,
  proposeTask,
  type TaskPlanFields,
  type TaskValues,
  tasksByCode,
  tasksOfYears,
  updateMilestone,
  updateTask,
} from './tasks-import-query.js';
import type { MilestoneRow, TaskRow } from './tasks-sheet.js';

/** The fields a task row sets, with the header of each (to name changes and refusals). */
const PLAN_FIELDS: Record<keyof TaskPlanFields, string> = {
  title: '과제명',
  summary: '개요',
  category: '분야',
  ownerId: '주담당자 이메일',
  goal: '목표',
  kpiIndicator: '성과지표',
  kpiUnit: '단위',
  kpiBaseline: '기준값',
  kpiTarget: '목표값',
  kpiCurrent: '현재값',
  startDate: '시작일',
  dueDate: '종료일',
  risk: '위험도',
};
const PLAN_KEYS = Object.keys(PLAN_FIELDS) as Array<keyof TaskPlanFields>;

/** What the task history records of a created task (as TasksService.create records it). */
const AUDITED = TASK_AUDITED_FIELDS as Array<keyof TaskValues>;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Numbers as the numeric columns hold them ("12", "3.5"), so diffs compare like with like. */
const numeric = (v: number | null): string | null => (v === null ? null : String(v));

interface TaskPlan {
  row: TaskRow;
  existing: ExistingTask | null;
  code: string;
  leadDepartmentId: string;
  after: TaskPlanFields;
  /** Korean headers of changed values ('상태' when proposed). */
  changes: string[];
  propose: boolean;
  target: MilestoneTarget;
  milestones: MilestonePlan[];
}

/**
 * Priority tasks of the caller's organisation with their milestones, keyed by code (or, without
 * one, by year and title). New tasks are DRAFT (or PROPOSED) with the year's next code, under the
 * same lock as TasksService's numbering; existing drafts and proposals get the listed values;
 * a task past PROPOSED changes only through its state machine, so any difference on its row is
 * refused. Selection and later states are other work's.
 */
@Injectable()
export class TasksImporter {
  constructor(
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
  ) {}

  /** A tasks file: its task rows and (XLSX) the milestone rows of its 「단계별 계획」 sheet. */
  async importTasks(
    run: ImportRun,
    rows: readonly TaskRow[],
    milestoneRows: readonly MilestoneRow[],
  ): Promise<ImportRowResult[]> {
    const organisationId = run.user.organisationId;
    const years = [...new Set(rows.map((r) => r.year))];
    return this.guard(() =>
      this.tx.run(async (tx) => {
        if (!run.dryRun) {
          await lockImport(tx, organisationId, 'tasks');
          await lockTaskCodes(tx, organisationId, years);
        }
        const departments = await organisationDepartments(tx, organisationId);
        const owners = await organisationUsersByEmail(
          tx,
          organisationId,
          rows.map((r) => r.ownerEmail),
        );
        const existing = await tasksOfYears(
          tx,
          organisationId,
          years,
          rows.flatMap((r) => (r.code ? [r.code] : [])),
          rows.filter((r) => !r.code).map((r) => r.title),
          !run.dryRun,
        );
        const milestones = await milestonesOf(
          tx,
          existing.map((t) => t.id),
          !run.dryRun,
        );
        const lastCodes = await lastCodeNumbers(tx, organisationId, years);
        const problems = new ImportProblems();
        const plans = this.planTasks(rows, existing, departments, owners, lastCodes, problems);
        const byTask = groupBy(milestones, (m) => m.taskId);
        for (const plan of plans)
          plan.target.existing = plan.existing ? (byTask.get(plan.existing.id) ?? []) : [];
        this.planTaskMilestones(plans, rows, milestoneRows, problems);
        problems.throwIfAny(['중점과제', '단계별 계획']);
        if (run.dryRun) return this.results(plans, new Map());
        const ids = new Map<TaskPlan, string>();
        for (const plan of plans) ids.set(plan, await this.write(tx, run, plan));
        return this.results(plans, ids);
      }),
    );
  }

  /** A milestones file: milestones of existing tasks named by code. */
  async importMilestones(
    run: ImportRun,
    rows: readonly MilestoneRow[],
  ): Promise<ImportRowResult[]> {
    const organisationId = run.user.organisationId;
    return this.guard(() =>
      this.tx.run(async (tx) => {
        if (!run.dryRun) await lockImport(tx, organisationId, 'milestones');
        const tasks = await tasksByCode(
          tx,
          organisationId,
          [...new Set(rows.map((r) => r.taskCode!))],
          !run.dryRun,
        );
        const milestones = await milestonesOf(
          tx,
          tasks.map((t) => t.id),
          !run.dryRun,
        );
        const problems = new ImportProblems();
        const plans: MilestonePlan[] = [];
        const byTask = groupBy(milestones, (m) => m.taskId);
        const byCode = groupBy(rows, (r) => r.taskCode!);
        for (const task of tasks) {
          const own = byCode.get(task.code) ?? [];
          for (const r of own.filter((r) => r.taskTitle && r.taskTitle !== task.title)) {
            problems.at({ sheet: r.sheet, row: r.row, column: '과제명' }, 'titleMismatch', {
              ko: `과제번호 ${task.code}의 과제명은 「${task.title}」입니다.`,
              en: `the task ${task.code} is titled "${task.title}"`,
            });
          }
          plans.push(
            ...planMilestones(this.targetOf(task, byTask.get(task.id) ?? []), own, problems),
          );
        }
        const known = new Set(tasks.map((t) => t.code));
        for (const r of rows.filter((r) => !known.has(r.taskCode!))) {
          problems.at({ sheet: r.sheet, row: r.row, column: '과제번호' }, 'unknownTask', {
            ko: `기관에 과제번호 ${r.taskCode}인 과제가 없습니다.`,
            en: `the organisation has no task ${r.taskCode}`,
          });
        }
        problems.throwIfAny();
        const ordered = [...plans].sort((a, b) => a.row.row - b.row.row);
        const results: ImportRowResult[] = [];
        for (const plan of ordered)
          results.push(
            await this.writeMilestone(tx, run, plan, plan.target.taskId!, plan.target.code),
          );
        return results;
      }),
    );
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError(ErrorCode.DUPLICATE, {
          ko: '가져오는 사이에 같은 과제번호의 과제가 만들어졌습니다. 다시 가져오세요.',
          en: 'A task with one of these codes was created meanwhile; import again.',
        });
      }
      throw error;
    }
  }

  private targetOf(task: ExistingTask, milestones: MilestoneTarget['existing']): MilestoneTarget {
    return {
      taskId: task.id,
      code: task.code,
      status: task.status,
      startDate: task.startDate,
      dueDate: task.dueDate,
      existing: milestones,
    };
  }

  private planTasks(
    rows: readonly TaskRow[],
    existing: readonly ExistingTask[],
    departments: DepartmentNames,
    owners: Map<string, { id: string; departmentId: string; active: boolean }>,
    lastCodes: Map<number, number>,
    problems: ImportProblems,
  ): TaskPlan[] {
    // New codes continue after the highest code of the year, in the database or in the file.
    const next = new Map(lastCodes);
    for (const r of rows)
      if (r.code) next.set(r.year, Math.max(next.get(r.year) ?? 0, Number(r.code.split('-')[1])));
    const claimed = new Map<string, number>();
    const byCode = new Map(existing.map((t) => [`${t.year}|${t.code}`, t]));
    const byTitle = groupBy(existing, (t) => `${t.year}|${t.title}`);
    const plans: TaskPlan[] = [];
    for (const row of rows) {
      const at = (column: string) => ({ sheet: row.sheet, row: row.row, column });
      let found: ExistingTask | null;
      if (row.code) {
        found = byCode.get(`${row.year}|${row.code}`) ?? null;
      } else {
        const same = byTitle.get(`${row.year}|${row.title}`) ?? [];
        if (same.length > 1) {
          problems.at(at('과제명'), 'ambiguousTitle', {
            ko: `${row.year}년에 과제명이 같은 과제가 여럿 있습니다(${same.map((t) => t.code).join(', ')}). 과제번호를 쓰세요.`,
            en: `several tasks of ${row.year} have this title (${same.map((t) => t.code).join(', ')}); give the code`,
          });
          continue;
        }
        found = same[0] ?? null;
      }
      if (found) {
        const first = claimed.get(found.id);
        if (first !== undefined) {
          problems.at(at(row.code ? '과제번호' : '과제명'), 'duplicateInFile', {
            ko: `${first}행과 같은 과제(${found.code})입니다. 한 과제는 한 행에만 쓰세요.`,
            en: `the same task (${found.code}) as row ${first}; list each task once`,
          });
          continue;
        }
        claimed.set(found.id, row.row);
      }
      const department = departments.find(row.leadDepartment);
      if (!department) {
        problems.at(at('주관부서'), 'unknownDepartment', {
          ko: `기관에 「${row.leadDepartment}」 부서가 없습니다(사용 중인 부서의 이름을 그대로 쓰세요).`,
          en: `the organisation has no active department "${row.leadDepartment}"`,
        });
      } else if (found && found.leadDepartmentId !== department.id) {
        problems.at(at('주관부서'), 'leadDepartmentFixed', {
          ko: '이미 있는 과제의 주관부서는 바꿀 수 없습니다.',
          en: 'an existing task’s lead department cannot change',
        });
      }
      const owner = owners.get(row.ownerEmail);
      if (!owner || !owner.active) {
        problems.at(at('주담당자 이메일'), 'unknownUser', {
          ko: '기관의 사용 중인 사용자의 이메일이 아닙니다.',
          en: 'not the e-mail of an active user of the organisation',
        });
      } else if (department && owner.departmentId !== department.id) {
        problems.at(at('주담당자 이메일'), 'leadDepartmentUser', {
          ko: '주담당자는 주관부서의 사용자여야 합니다.',
          en: 'the owner must be a user of the lead department',
        });
      }
      if (!department || !owner) continue;
      const before: TaskPlanFields | null = found
        ? {
            title: found.title,
            summary: found.summary,
            category: found.category,
            ownerId: found.ownerId,
            goal: found.goal,
            kpiIndicator: found.kpiIndicator,
            kpiUnit: found.kpiUnit,
            kpiBaseline: found.kpiBaseline,
            kpiTarget: found.kpiTarget,
            kpiCurrent: found.kpiCurrent,
            startDate: found.startDate,
            dueDate: found.dueDate,
            risk: found.risk,
          }
        : null;
      // A column the file does not have keeps the task's value (or the default of a new task).
      const keep = <K extends keyof TaskPlanFields>(
        k: K,
        v: TaskPlanFields[K] | undefined,
        d: TaskPlanFields[K],
      ) => (v === undefined ? (before ? before[k] : d) : v);
      const after: TaskPlanFields = {
        title: row.title,
        summary: keep('summary', row.summary, ''),
        category: row.category,
        ownerId: owner.id,
        goal: keep('goal', row.goal, ''),
        kpiIndicator: keep('kpiIndicator', row.kpiIndicator, null),
        kpiUnit: keep('kpiUnit', row.kpiUnit, null),
        kpiBaseline: keep(
          'kpiBaseline',
          row.kpiBaseline === undefined ? undefined : numeric(row.kpiBaseline),
          null,
        ),
        kpiTarget: keep(
          'kpiTarget',
          row.kpiTarget === undefined ? undefined : numeric(row.kpiTarget),
          null,
        ),
        kpiCurrent: keep(
          'kpiCurrent',
          row.kpiCurrent === undefined ? undefined : numeric(row.kpiCurrent),
          null,
        ),
        startDate: row.startDate,
        dueDate: row.dueDate,
        risk: keep('risk', row.risk, 'LOW'),
      };
      const changed = before ? PLAN_KEYS.filter((k) => before[k] !== after[k]) : [];
      const propose = !!found && found.status === 'DRAFT' && row.status === 'PROPOSED';
      if (found && changed.length && !PLANNING_STATES.includes(found.status)) {
        for (const k of changed)
          problems.at(at(PLAN_FIELDS[k]), 'taskLocked', lockedMessage(found.status));
      }
      let code = found?.code ?? row.code;
      if (!code) {
        const n = (next.get(row.year) ?? 0) + 1;
        next.set(row.year, n);
        code = `${row.year}-${String(n).padStart(2, '0')}`;
      }
      const status: TaskStatus = found
        ? propose
          ? 'PROPOSED'
          : found.status
        : (row.status ?? 'DRAFT');
      plans.push({
        row,
        existing: found,
        code,
        leadDepartmentId: department.id,
        after,
        changes: [...changed.map((k) => PLAN_FIELDS[k]), ...(propose ? ['상태'] : [])],
        propose,
        target: {
          taskId: found?.id ?? null,
          code,
          status,
          startDate: after.startDate,
          dueDate: after.dueDate,
          existing: [],
        },
        milestones: [],
      });
    }
    return plans;
  }

  /** Matches the 「단계별 계획」 rows to the task rows (by code, else by title) and plans them. */
  private planTaskMilestones(
    plans: TaskPlan[],
    taskRows: readonly TaskRow[],
    rows: readonly MilestoneRow[],
    problems: ImportProblems,
  ): void {
    // A task row refused for its own reasons has no plan: its milestones are not reported again.
    const refused = new Set(
      taskRows
        .filter((r) => !plans.some((p) => p.row === r))
        .flatMap((r) => [r.code ? `code:${r.code}` : '', `title:${r.title}`]),
    );
    const byTask = new Map<TaskPlan, MilestoneRow[]>();
    const byCode = groupBy(plans, (p) => p.code);
    const byTitle = groupBy(plans, (p) => p.row.title);
    for (const row of rows) {
      const matches =
        (row.taskCode ? byCode.get(row.taskCode) : byTitle.get(row.taskTitle ?? '')) ?? [];
      if (
        !matches.length &&
        refused.has(row.taskCode ? `code:${row.taskCode}` : `title:${row.taskTitle}`)
      )
        continue;
      if (matches.length !== 1) {
        problems.at(
          { sheet: row.sheet, row: row.row, column: row.taskCode ? '과제번호' : '과제명' },
          matches.length ? 'ambiguousTask' : 'unknownTask',
          matches.length
            ? {
                ko: '「중점과제」 시트에 과제명이 같은 과제가 여럿 있습니다. 과제번호로 가리키세요.',
                en: 'several tasks of the 「중점과제」 sheet have this title; name the task by code',
              }
            : {
                ko: '「중점과제」 시트에 없는 과제입니다(과제번호나 과제명을 그 시트와 같게 쓰세요).',
                en: 'no such task in the 「중점과제」 sheet (use its code or title as written there)',
              },
        );
        continue;
      }
      byTask.set(matches[0], [...(byTask.get(matches[0]) ?? []), row]);
    }
    for (const plan of plans) {
      plan.milestones = planMilestones(plan.target, byTask.get(plan) ?? [], problems);
      const outside = plan.existing ? milestoneOutside(plan.target, plan.milestones) : undefined;
      if (outside) {
        const column = outside.dueDate < plan.target.startDate ? '시작일' : '종료일';
        problems.at({ sheet: plan.row.sheet, row: plan.row.row, column }, 'coversMilestones', {
          ko: `단계 「${outside.title}」(${outside.dueDate})이(가) 바꾼 과제 기간 밖에 남습니다. 단계 완료 예정일도 함께 고치세요.`,
          en: `the milestone "${outside.title}" (${outside.dueDate}) would fall outside the new period; move it too`,
        });
      }
    }
  }

  private results(
    plans: readonly TaskPlan[],
    ids: ReadonlyMap<TaskPlan, string>,
  ): ImportRowResult[] {
    const out: ImportRowResult[] = [];
    for (const plan of plans) {
      out.push({
        sheet: plan.row.sheet,
        row: plan.row.row,
        key: plan.code,
        outcome: !plan.existing ? 'created' : plan.changes.length ? 'updated' : 'unchanged',
        id: ids.get(plan) ?? plan.existing?.id ?? null,
        changes: plan.changes,
        code: plan.code,
      });
      for (const m of plan.milestones)
        out.push({
          sheet: m.row.sheet,
          row: m.row.row,
          key: `${plan.code} ${m.after.title}`,
          outcome: m.outcome,
          id: m.milestone?.id ?? m.createdId ?? null,
          changes: m.changes,
          code: plan.code,
        });
    }
    return out;
  }

  /** Writes one task row (and its milestones); returns the task's id. */
  private async write(tx: Tx, run: ImportRun, plan: TaskPlan): Promise<string> {
    const reason = importReason(run, plan.row.sheet, plan.row.row);
    const actor = run.user.id;
    const organisationId = run.user.organisationId;
    if (!plan.existing) {
      const values: TaskValues = {
        organisationId,
        code: plan.code,
        year: plan.row.year,
        leadDepartmentId: plan.leadDepartmentId,
        status: plan.target.status,
        createdBy: actor,
        ...plan.after,
      };
      const id = await insertTask(tx, values);
      for (const m of plan.milestones) m.createdId = await insertMilestone(tx, id, m.after);
      await this.history.record(tx, {
        organisationId,
        recordType: 'task',
        recordId: id,
        action: 'create',
        actorId: actor,
        changes: {
          ...diffFields(null, values, AUDITED),
          ...(plan.milestones.length
            ? { milestones: { from: null, to: plan.milestones.map((m) => m.after) } }
            : {}),
        },
        reason,
      });
      return id;
    }
    const id = plan.existing.id;
    const before: TaskPlanFields = Object.fromEntries(
      PLAN_KEYS.map((k) => [k, plan.existing![k]]),
    ) as TaskPlanFields;
    const changes = diffFields(before, plan.after, PLAN_KEYS);
    if (Object.keys(changes).length) {
      await updateTask(tx, id, plan.after);
      await this.record(tx, organisationId, id, 'update', actor, changes, reason);
    }
    if (plan.propose) {
      await proposeTask(tx, id);
      await this.record(
        tx,
        organisationId,
        id,
        'propose',
        actor,
        { status: { from: 'DRAFT', to: 'PROPOSED' } },
        reason,
      );
    }
    for (const m of plan.milestones) await this.writeMilestone(tx, run, m, id, plan.code);
    return id;
  }

  /** Adds or changes one milestone of an existing task, recorded in the task's history. */
  private async writeMilestone(
    tx: Tx,
    run: ImportRun,
    plan: MilestonePlan,
    taskId: string,
    code: string,
  ): Promise<ImportRowResult> {
    const result: ImportRowResult = {
      sheet: plan.row.sheet,
      row: plan.row.row,
      key: `${code} ${plan.after.title}`,
      outcome: plan.outcome,
      id: plan.milestone?.id ?? null,
      changes: plan.changes,
      code,
    };
    if (run.dryRun || plan.outcome === 'unchanged') return result;
    const reason = importReason(run, plan.row.sheet, plan.row.row);
    const organisationId = run.user.organisationId;
    if (!plan.milestone) {
      const id = await insertMilestone(tx, taskId, plan.after);
      plan.createdId = id;
      await this.record(
        tx,
        organisationId,
        taskId,
        'milestone.add',
        run.user.id,
        { [`milestone:${id}`]: { from: null, to: plan.after } },
        reason,
      );
      return { ...result, id };
    }
    const m = plan.milestone;
    await updateMilestone(tx, m.id, plan.after);
    const changes = diffFields(m, plan.after, ['dueDate', 'weight']);
    await this.record(
      tx,
      organisationId,
      taskId,
      'milestone.update',
      run.user.id,
      Object.fromEntries(Object.entries(changes).map(([k, v]) => [`milestone:${m.id}.${k}`, v])),
      reason,
    );
    return result;
  }

  private record(
    tx: Tx,
    organisationId: string,
    taskId: string,
    action: string,
    actorId: string,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason: string,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId,
      recordType: 'task',
      recordId: taskId,
      action,
      actorId,
      changes,
      reason,
    });
  }
}
