import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@gwaje/common';
import type { AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import type { PlanView } from './action-plan-views.js';
import { ActionPlansService, type Changes } from './action-plans.service.js';

export interface DirectionInput {
  /** The plan's version read. */
  version: number;
  title: string;
  description?: string;
  /** 1-based place among the directions (default: last). */
  position?: number;
}

export interface DirectionUpdate {
  version: number;
  title?: string;
  description?: string;
  position?: number;
}

/**
 * The directions (추진방향) of a plan, in order: adding, renaming and moving one is the office's
 * `edit` of the plan (ActionPlansService.change: an approved plan opens its next version), with the
 * plan's version read.
 */
@Injectable()
export class ActionPlanDirectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
  ) {}

  async addDirection(user: AuthUser, planId: string, input: DirectionInput): Promise<PlanView> {
    await this.plans.readableRow(user, planId);
    await this.plans.change(user, planId, input.version, 'edit', async (tx, plan) => {
      const [{ n }] = await tx.manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM action_plan_directions WHERE plan_id = $1`,
        [plan.id],
      );
      const position = Math.min(input.position ?? n + 1, n + 1);
      await tx.manager.query(
        `UPDATE action_plan_directions SET position = position + 1 WHERE plan_id = $1 AND position >= $2`,
        [plan.id, position],
      );
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO action_plan_directions (plan_id, position, title, description) VALUES ($1, $2, $3, $4) RETURNING id`,
        [plan.id, position, input.title.trim(), input.description?.trim() ?? ''],
      );
      return {
        historyAction: 'addDirection',
        changes: {
          direction: {
            from: null,
            to: { id: row.id, position, title: input.title.trim() },
          },
        },
      };
    });
    return this.view(user, planId);
  }

  async updateDirection(
    user: AuthUser,
    planId: string,
    directionId: string,
    input: DirectionUpdate,
  ): Promise<PlanView> {
    await this.plans.readableRow(user, planId);
    // A direction of another plan does not exist here: a 404 before anything else is decided.
    const [found] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM action_plan_directions WHERE id = $1 AND plan_id = $2`,
      [directionId, planId],
    );
    if (!found) throw DomainError.notFound();
    await this.plans.change(user, planId, input.version, 'edit', async (tx, plan) => {
      const [d] = await tx.manager.query<
        Array<{ id: string; position: number; title: string; description: string }>
      >(
        `SELECT id, position, title, description FROM action_plan_directions WHERE id = $1 AND plan_id = $2`,
        [directionId, plan.id],
      );
      if (!d) throw DomainError.notFound();
      const changes: Changes = {};
      const title = input.title?.trim();
      const description = input.description?.trim();
      if (title !== undefined && title !== d.title) changes.title = { from: d.title, to: title };
      if (description !== undefined && description !== d.description)
        changes.description = { from: d.description, to: description };
      await tx.manager.query(
        `UPDATE action_plan_directions SET title = COALESCE($2, title), description = COALESCE($3, description),
                updated_at = now() WHERE id = $1`,
        [directionId, title ?? null, description ?? null],
      );
      if (input.position !== undefined && input.position !== d.position) {
        // Renumber 1..n with the direction at its new place.
        const rows = await tx.manager.query<Array<{ id: string }>>(
          `SELECT id FROM action_plan_directions WHERE plan_id = $1 AND id <> $2 ORDER BY position, created_at, id`,
          [plan.id, directionId],
        );
        const order = rows.map((r) => r.id);
        order.splice(Math.min(input.position - 1, order.length), 0, directionId);
        await tx.manager.query(
          `UPDATE action_plan_directions d SET position = o.pos
             FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, pos) WHERE d.id = o.id`,
          [order],
        );
        changes.position = { from: d.position, to: order.indexOf(directionId) + 1 };
      }
      return {
        historyAction: 'updateDirection',
        changes: { direction: { from: d.id, to: d.id }, ...changes },
      };
    });
    return this.view(user, planId);
  }

  private async view(user: AuthUser, planId: string): Promise<PlanView> {
    const plan = await this.plans.readableRow(user, planId);
    return this.plans.viewOf(this.dataSource, await this.plans.caller(user), plan);
  }
}
