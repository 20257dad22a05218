import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import {
  activeDepartment,
  type Db,
  measuresOf,
  type MeasureRow,
  type PlanRow,
  tasksByIds,
} from './action-plan-query.js';
import {
  allowedMeasureStatuses,
  dueDateProblems,
  focusProblems,
  mayEverSetMeasureStatus,
  type MeasureStatus,
} from './action-plan-rules.js';
import type { PlanView } from './action-plan-views.js';
import {
  ACTION_PLAN_RECORD_TYPE,
  ActionPlansService,
  type Changes,
} from './action-plans.service.js';

export interface MeasureInput {
  /** The plan's version read. */
  version: number;
  directionId: string;
  title: string;
  ownerDepartmentId: string;
  target?: string;
  dueDate: string;
  focus?: boolean;
  taskIds?: string[];
}

export interface MeasureUpdate {
  /** The measure's version read. */
  version: number;
  directionId?: string;
  title?: string;
  ownerDepartmentId?: string;
  target?: string;
  dueDate?: string;
  focus?: boolean;
  taskIds?: string[];
}

const detail = (field: string, code: string, ko: string, en: string): ErrorDetail => ({
  field,
  code,
  message: { ko, en },
});

/**
 * The measures (세부 추진과제) of a plan (its directions: ActionPlanDirectionsService). Changing them is the office's
 * `edit` of the plan (ActionPlansService.change: an approved plan opens its next version); a
 * measure's status is changed by its owner department or the office with the measure's version,
 * without touching the plan's approval. References are checked before anything is written: a
 * 400 naming the field, nothing changed.
 */
@Injectable()
export class ActionPlanItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly plans: ActionPlansService,
  ) {}

  async addMeasure(user: AuthUser, planId: string, input: MeasureInput): Promise<PlanView> {
    const plan = await this.plans.readableRow(user, planId);
    // Who may: checked before the references, so a refusal reveals nothing of them.
    this.plans.check(await this.plans.caller(user), plan, 'edit');
    const focus = input.focus ?? false;
    const taskIds = [...new Set(input.taskIds ?? [])];
    await this.assertValid(this.dataSource, plan, {
      directionId: input.directionId,
      ownerDepartmentId: input.ownerDepartmentId,
      dueDate: input.dueDate,
      focus,
      taskIds,
    });
    await this.plans.change(user, planId, input.version, 'edit', async (tx) => {
      const [{ n }] = await tx.manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM action_plan_measures WHERE direction_id = $1`,
        [input.directionId],
      );
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO action_plan_measures (plan_id, direction_id, position, title, owner_department_id, target, due_date, focus)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          planId,
          input.directionId,
          n + 1,
          input.title.trim(),
          input.ownerDepartmentId,
          input.target?.trim() ?? '',
          input.dueDate,
          focus,
        ],
      );
      await this.link(tx.manager, row.id, taskIds);
      return {
        historyAction: 'addMeasure',
        changes: {
          measure: {
            from: null,
            to: {
              id: row.id,
              directionId: input.directionId,
              title: input.title.trim(),
              ownerDepartmentId: input.ownerDepartmentId,
              target: input.target?.trim() ?? '',
              dueDate: input.dueDate,
              status: 'PLANNED',
              focus,
              taskIds,
            },
          },
        },
      };
    });
    return this.view(user, planId);
  }

  /** The office changes a measure (its version read): a change of the plan (edit). */
  async updateMeasure(
    user: AuthUser,
    planId: string,
    measureId: string,
    input: MeasureUpdate,
  ): Promise<PlanView> {
    const plan = await this.plans.readableRow(user, planId);
    const before = await this.measure(this.dataSource, plan, measureId);
    this.plans.check(await this.plans.caller(user), plan, 'edit');
    const links = await this.dataSource.query<Array<{ task_id: string }>>(
      `SELECT task_id FROM action_plan_measure_tasks WHERE measure_id = $1 ORDER BY task_id`,
      [measureId],
    );
    const oldTaskIds = links.map((l) => l.task_id);
    const focus = input.focus ?? before.focus;
    // Turning focus off without naming links drops them.
    const taskIds = [...new Set(input.taskIds ?? (input.focus === false ? [] : oldTaskIds))];
    await this.assertValid(this.dataSource, plan, {
      directionId: input.directionId,
      ownerDepartmentId: input.ownerDepartmentId,
      dueDate: input.dueDate,
      focus,
      taskIds,
    });
    await this.plans.change(user, planId, null, 'edit', async (tx) => {
      const [locked] = await tx.manager.query<Array<{ version: number }>>(
        `SELECT version FROM action_plan_measures WHERE id = $1 FOR NO KEY UPDATE`,
        [measureId],
      );
      if (!locked) throw DomainError.notFound();
      if (locked.version !== input.version) throw DomainError.conflict(locked.version);
      const now = await this.measure(tx.manager, plan, measureId);
      const changes: Changes = {};
      const set: Record<string, unknown> = {};
      const put = (column: string, field: string, from: unknown, to: unknown) => {
        if (to === undefined || to === from) return;
        set[column] = to;
        changes[field] = { from, to };
      };
      put('direction_id', 'directionId', now.direction_id, input.directionId);
      put('title', 'title', now.title, input.title?.trim());
      put(
        'owner_department_id',
        'ownerDepartmentId',
        now.owner_department_id,
        input.ownerDepartmentId,
      );
      put('target', 'target', now.target, input.target?.trim());
      put('due_date', 'dueDate', now.due_date, input.dueDate);
      put('focus', 'focus', now.focus, focus);
      if (set.direction_id) {
        const [{ n }] = await tx.manager.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM action_plan_measures WHERE direction_id = $1`,
          [set.direction_id],
        );
        set.position = n + 1;
      }
      const params: unknown[] = [measureId];
      const sets = Object.entries(set).map(([c, v]) => {
        params.push(v);
        return `${c} = $${params.length}`;
      });
      await tx.manager.query(
        `UPDATE action_plan_measures SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
        params,
      );
      const sorted = [...taskIds].sort();
      if (sorted.join() !== oldTaskIds.join()) {
        await tx.manager.query(`DELETE FROM action_plan_measure_tasks WHERE measure_id = $1`, [
          measureId,
        ]);
        await this.link(tx.manager, measureId, sorted);
        changes.taskIds = { from: oldTaskIds, to: sorted };
      }
      return {
        historyAction: 'updateMeasure',
        changes: { measure: { from: measureId, to: measureId }, ...changes },
      };
    });
    return this.view(user, planId);
  }

  /** The office removes a measure (its links with it): a change of the plan (edit). */
  async removeMeasure(user: AuthUser, planId: string, measureId: string): Promise<PlanView> {
    const plan = await this.plans.readableRow(user, planId);
    await this.measure(this.dataSource, plan, measureId);
    await this.plans.change(user, planId, null, 'edit', async (tx) => {
      const now = await this.measure(tx.manager, plan, measureId);
      const links = await tx.manager.query<Array<{ task_id: string }>>(
        `SELECT task_id FROM action_plan_measure_tasks WHERE measure_id = $1 ORDER BY task_id`,
        [measureId],
      );
      await tx.manager.query(`DELETE FROM action_plan_measures WHERE id = $1`, [measureId]);
      return {
        historyAction: 'removeMeasure',
        changes: {
          measure: {
            from: {
              id: now.id,
              directionId: now.direction_id,
              title: now.title,
              ownerDepartmentId: now.owner_department_id,
              target: now.target,
              dueDate: now.due_date,
              status: now.status,
              focus: now.focus,
              taskIds: links.map((l) => l.task_id),
            },
            to: null,
          },
        },
      };
    });
    return this.view(user, planId);
  }

  /**
   * The owner department (STAFF, DEPT_HEAD) or the office moves a measure's status, with the
   * measure's version read; the plan's approval is untouched (execution, not a change of plan).
   */
  async setMeasureStatus(
    user: AuthUser,
    planId: string,
    measureId: string,
    input: { version: number; status: MeasureStatus },
  ): Promise<PlanView> {
    const plan = await this.plans.readableRow(user, planId);
    await this.measure(this.dataSource, plan, measureId);
    const caller = await this.plans.caller(user);
    await this.tx.run(async (tx) => {
      const [locked] = await tx.manager.query<Array<{ version: number }>>(
        `SELECT version FROM action_plan_measures WHERE id = $1 AND plan_id = $2 FOR NO KEY UPDATE`,
        [measureId, planId],
      );
      if (!locked) throw DomainError.notFound();
      const now = await this.measure(tx.manager, plan, measureId);
      const allowed = allowedMeasureStatuses(caller, plan.organisation_id, {
        status: now.status,
        ownerDepartmentId: now.owner_department_id,
      });
      const context = {
        resource: 'actionPlanMeasure',
        currentStatus: now.status,
        allowedActions: allowed,
      };
      if (
        !mayEverSetMeasureStatus(
          caller,
          plan.organisation_id,
          now.owner_department_id,
          input.status,
        )
      )
        throw DomainError.forbidden(context);
      if (locked.version !== input.version) throw DomainError.conflict(locked.version);
      if (!allowed.includes(input.status))
        throw DomainError.illegalTransition(context, {
          ko: `세부과제를 ${now.status}에서 ${input.status}(으)로 바꿀 수 없습니다.`,
          en: `The measure cannot go from ${now.status} to ${input.status}.`,
        });
      await tx.manager.query(
        `UPDATE action_plan_measures SET status = $2, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $3`,
        [measureId, input.status, input.version],
      );
      await this.history.record(tx, {
        organisationId: plan.organisation_id,
        recordType: ACTION_PLAN_RECORD_TYPE,
        recordId: plan.id,
        action: 'measureStatus',
        actorId: user.id,
        changes: {
          measure: { from: measureId, to: measureId },
          status: { from: now.status, to: input.status },
        },
      });
    });
    return this.view(user, planId);
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  private async view(user: AuthUser, planId: string): Promise<PlanView> {
    const plan = await this.plans.readableRow(user, planId);
    return this.plans.viewOf(this.dataSource, await this.plans.caller(user), plan);
  }

  private async measure(db: Db, plan: PlanRow, measureId: string): Promise<MeasureRow> {
    const found = (await measuresOf(db, [plan.id])).find((m) => m.id === measureId);
    if (!found) throw DomainError.notFound();
    return found;
  }

  private async link(db: Db, measureId: string, taskIds: readonly string[]): Promise<void> {
    if (!taskIds.length) return;
    await db.query(
      `INSERT INTO action_plan_measure_tasks (measure_id, task_id) SELECT $1, unnest($2::uuid[])`,
      [measureId, taskIds],
    );
  }

  /**
   * The references and rules of a measure, all problems at once: the direction of this plan, an
   * active department of the organisation, tasks of the organisation and year (INVALID_REFERENCE);
   * the due date in the plan's year and the focus rule (VALIDATION_FAILED).
   */
  private async assertValid(
    db: Db,
    plan: PlanRow,
    m: {
      directionId?: string;
      ownerDepartmentId?: string;
      dueDate?: string;
      focus: boolean;
      taskIds: readonly string[];
    },
  ): Promise<void> {
    const refs: ErrorDetail[] = [];
    if (m.directionId !== undefined) {
      const [d] = await db.query<Array<{ id: string }>>(
        `SELECT id FROM action_plan_directions WHERE id = $1 AND plan_id = $2`,
        [m.directionId, plan.id],
      );
      if (!d)
        refs.push(
          detail(
            'directionId',
            'unknownDirection',
            '이 실행계획의 추진방향이 아닙니다.',
            'not a direction of this plan',
          ),
        );
    }
    if (m.ownerDepartmentId !== undefined) {
      const [d] = await activeDepartment(db, plan.organisation_id, m.ownerDepartmentId);
      if (!d)
        refs.push(
          detail(
            'ownerDepartmentId',
            'unknownDepartment',
            '이 기관의 운영 중인 부서가 아닙니다.',
            'not an active department of the organisation',
          ),
        );
    }
    if (m.taskIds.length) {
      const found = new Map((await tasksByIds(db, m.taskIds)).map((t) => [t.id, t]));
      m.taskIds.forEach((id, i) => {
        const t = found.get(id);
        if (!t || t.organisation_id !== plan.organisation_id)
          refs.push(
            detail(
              `taskIds.${i}`,
              'unknownTask',
              '이 기관의 중점과제가 아닙니다.',
              'not a priority task of the organisation',
            ),
          );
        else if (t.year !== plan.year)
          refs.push(
            detail(
              `taskIds.${i}`,
              'otherYear',
              `${plan.year}년 중점과제가 아닙니다.`,
              `not a priority task of ${plan.year}`,
            ),
          );
      });
    }
    const rules = [
      ...(m.dueDate !== undefined ? dueDateProblems(plan.year, m.dueDate) : []),
      ...focusProblems(m.focus, m.taskIds),
    ];
    if (refs.length)
      throw new DomainError(ErrorCode.INVALID_REFERENCE, undefined, [...refs, ...rules]);
    if (rules.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, rules);
  }
}
