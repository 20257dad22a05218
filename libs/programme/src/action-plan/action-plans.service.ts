import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, type HistoryRecord, HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode, type LocalText } from '@gwaje/common';
import { TransactionService, type Tx, updateRowWithVersion } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import {
  type Db,
  directionsOf,
  isProactiveOfficeDepartment,
  linkedTasksOf,
  measuresOf,
  planById,
  type PlanRow,
  plansOf,
  snapshotOf,
  versionsOf,
} from './action-plan-query.js';
import {
  allowedPlanActions,
  mayEverTakePlanAction,
  type PlanAction,
  type PlanCaller,
  planTransition,
  type PlanTransition,
} from './action-plan-rules.js';
import {
  type PersonAt,
  type PlanSummary,
  planSummary,
  type PlanView,
  planView,
  snapshotView,
} from './action-plan-views.js';

export const ACTION_PLAN_RECORD_TYPE = 'action_plan';

export type Changes = Record<string, { from: unknown; to: unknown }>;

export interface CreatePlanInput {
  year: number;
  title?: string;
  directions?: Array<{ title: string; description?: string }>;
}

export interface PlanVersionView {
  planVersion: number;
  status: string;
  current: boolean;
  submitted: PersonAt | null;
  approved: PersonAt | null;
}

const REFUSALS: Record<PlanAction, LocalText> = {
  edit: {
    ko: '결재 중(SUBMITTED)인 실행계획은 고칠 수 없습니다. 먼저 반려하세요.',
    en: 'A plan awaiting approval (SUBMITTED) cannot be changed; return it first.',
  },
  submit: {
    ko: '작성 중(DRAFT)인 실행계획만 결재 요청할 수 있습니다.',
    en: 'Only a draft plan can be submitted.',
  },
  approve: {
    ko: '결재 요청(SUBMITTED)된 실행계획만 승인할 수 있습니다.',
    en: 'Only a submitted plan can be approved.',
  },
  return: {
    ko: '결재 요청(SUBMITTED)된 실행계획만 반려할 수 있습니다.',
    en: 'Only a submitted plan can be returned.',
  },
};

/**
 * 실행계획 (DOMAIN.md §9, issue 22 part 1): one plan per organisation and year, created by the
 * proactive office, read by everyone of the organisation (another organisation's id is a 404),
 * approved by the head of the proactive office (DRAFT → SUBMITTED → APPROVED, each step recorded
 * with who and when), each approved version kept as a snapshot. Directions and measures are
 * written by ActionPlanItemsService through `change` here (one transaction with the plan's row
 * lock, its version, the edit transition and the history entry).
 */
@Injectable()
export class ActionPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
  ) {}

  // ── Reads ─────────────────────────────────────────────────────────────────────────────────

  async list(user: AuthUser, filter: { year?: number } = {}): Promise<PlanSummary[]> {
    const caller = await this.caller(user);
    const plans = await plansOf(this.dataSource, user.organisationId, filter.year);
    const views = await this.views(this.dataSource, caller, plans);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: ACTION_PLAN_RECORD_TYPE,
      filter,
    });
    return views.map(planSummary);
  }

  /** The plan now, or with `planVersion` a stored approved version of it (404 when none). */
  async get(user: AuthUser, id: string, planVersion?: number): Promise<PlanView> {
    const view = await this.read(user, id, planVersion);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: ACTION_PLAN_RECORD_TYPE,
      recordId: id,
      ...(planVersion !== undefined ? { filter: { version: planVersion } } : {}),
    });
    return view;
  }

  /** As get, without the access record (the export records its own). */
  async read(user: AuthUser, id: string, planVersion?: number): Promise<PlanView> {
    const plan = await this.readableRow(user, id);
    if (planVersion !== undefined && planVersion !== plan.plan_version) {
      const [stored] = await snapshotOf(this.dataSource, id, planVersion);
      if (!stored) throw DomainError.notFound();
      return snapshotView(stored.snapshot as PlanView);
    }
    return this.viewOf(this.dataSource, await this.caller(user), plan);
  }

  async versions(user: AuthUser, id: string): Promise<PlanVersionView[]> {
    const plan = await this.readableRow(user, id);
    const stored = await versionsOf(this.dataSource, id);
    const list: PlanVersionView[] = stored.map((v) => ({
      planVersion: v.plan_version,
      status: 'APPROVED',
      current: v.plan_version === plan.plan_version,
      submitted: v.submitted_at
        ? { at: v.submitted_at, by: { id: v.submitted_by, name: v.submitted_by_name } }
        : null,
      approved: { at: v.approved_at, by: { id: v.approved_by, name: v.approved_by_name } },
    }));
    if (!stored.some((v) => v.plan_version === plan.plan_version)) {
      list.push({
        planVersion: plan.plan_version,
        status: plan.status,
        current: true,
        submitted: plan.submitted_at
          ? { at: plan.submitted_at, by: { id: plan.submitted_by, name: plan.submitted_by_name } }
          : null,
        approved: null,
      });
    }
    return list;
  }

  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const plan = await this.readableRow(user, id);
    return this.history.forRecord([plan.organisation_id], ACTION_PLAN_RECORD_TYPE, id);
  }

  // ── Writes ────────────────────────────────────────────────────────────────────────────────

  /** The office opens the year's plan (one per organisation and year: a second is a 409). */
  async create(user: AuthUser, input: CreatePlanInput): Promise<PlanView> {
    const caller = await this.caller(user);
    if (!mayEverTakePlanAction(caller, user.organisationId, 'edit')) throw DomainError.forbidden();
    const title = input.title?.trim() || `${input.year}년 적극행정 실행계획`;
    const directions = (input.directions ?? []).map((d, i) => ({
      position: i + 1,
      title: d.title.trim(),
      description: d.description?.trim() ?? '',
    }));
    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO action_plans (organisation_id, year, title, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organisation_id, year) DO NOTHING RETURNING id`,
        [user.organisationId, input.year, title, user.id],
      );
      if (!row)
        throw DomainError.invalidField(
          'year',
          'duplicate',
          {
            ko: `${input.year}년 실행계획이 이미 있습니다.`,
            en: `the organisation already has a plan for ${input.year}`,
          },
          ErrorCode.DUPLICATE,
        );
      for (const d of directions) {
        await tx.manager.query(
          `INSERT INTO action_plan_directions (plan_id, position, title, description) VALUES ($1, $2, $3, $4)`,
          [row.id, d.position, d.title, d.description],
        );
      }
      await this.history.record(tx, {
        organisationId: user.organisationId,
        recordType: ACTION_PLAN_RECORD_TYPE,
        recordId: row.id,
        action: 'create',
        actorId: user.id,
        changes: {
          year: { from: null, to: input.year },
          title: { from: null, to: title },
          status: { from: null, to: 'DRAFT' },
          directions: { from: null, to: directions.map((d) => d.title) },
        },
      });
      return row.id;
    });
    return this.viewOf(
      this.dataSource,
      caller,
      (await planById(this.dataSource, user.organisationId, id))[0],
    );
  }

  /**
   * submit, approve or return (reason required). Approving stores the approved plan as the
   * snapshot of its version, readable afterwards with ?version=N.
   */
  async act(
    user: AuthUser,
    id: string,
    action: 'submit' | 'approve' | 'return',
    input: { version: number; reason?: string },
  ): Promise<PlanView> {
    const reason = input.reason?.trim() || null;
    if (action === 'return' && !reason)
      throw DomainError.invalidField('reason', 'required', {
        ko: '반려 사유를 입력하세요.',
        en: 'a reason is required',
      });
    const caller = await this.caller(user);
    await this.change(user, id, input.version, action, async (tx, plan, t) => {
      const set: Record<string, unknown> = { status: t.to };
      const changes: Changes = { status: { from: plan.status, to: t.to } };
      if (action === 'submit') Object.assign(set, { submitted_at: 'now()', submitted_by: user.id });
      if (action === 'return') Object.assign(set, { submitted_at: null, submitted_by: null });
      if (action === 'approve') Object.assign(set, { approved_at: 'now()', approved_by: user.id });
      return Promise.resolve({
        set,
        changes,
        reason,
        after: async () => {
          if (action !== 'approve') return;
          const [now] = await planById(tx.manager, plan.organisation_id, plan.id);
          const view = await this.viewOf(tx.manager, caller, now);
          await tx.manager.query(
            `INSERT INTO action_plan_versions (plan_id, plan_version, snapshot, submitted_at, submitted_by, approved_at, approved_by)
             VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
             ON CONFLICT (plan_id, plan_version) DO UPDATE SET snapshot = EXCLUDED.snapshot,
               submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by,
               approved_at = EXCLUDED.approved_at, approved_by = EXCLUDED.approved_by`,
            [
              plan.id,
              now.plan_version,
              JSON.stringify({ ...view, allowedActions: [] }),
              now.submitted_at,
              now.submitted_by,
              now.approved_at,
              now.approved_by,
            ],
          );
        },
      });
    });
    return this.viewOf(this.dataSource, caller, await this.readableRow(user, id));
  }

  // ── Shared with the items service ─────────────────────────────────────────────────────────

  /** The plan of the caller's organisation (404 otherwise). */
  async readableRow(user: AuthUser, id: string, db: Db = this.dataSource): Promise<PlanRow> {
    const [plan] = await planById(db, user.organisationId, id);
    if (!plan) throw DomainError.notFound();
    return plan;
  }

  /** What the rules need of the caller: whether they head the proactive office. */
  async caller(user: AuthUser): Promise<PlanCaller> {
    return {
      user,
      officeHead: await isProactiveOfficeDepartment(
        this.dataSource,
        user.organisationId,
        user.departmentId,
      ),
    };
  }

  async viewOf(db: Db, caller: PlanCaller, plan: PlanRow): Promise<PlanView> {
    const [view] = await this.views(db, caller, [plan]);
    return view;
  }

  /**
   * One change of the plan: its row locked and its version checked, the transition checked on
   * what the row holds now, the change written with the version bumped (an edit of an approved
   * plan opens its next version, back in DRAFT), its history entry.
   */
  async change(
    user: AuthUser,
    id: string,
    version: number | null,
    action: PlanAction,
    write: (
      tx: Tx,
      plan: PlanRow,
      t: PlanTransition,
    ) => Promise<{
      set?: Record<string, unknown>;
      changes: Changes;
      reason?: string | null;
      /** The history entry's action (default: the plan action), e.g. addMeasure. */
      historyAction?: string;
      after?: () => Promise<void>;
    }>,
  ): Promise<void> {
    const caller = await this.caller(user);
    await this.tx.run(async (tx) => {
      const [locked] = await tx.manager.query<Array<{ version: number }>>(
        `SELECT version FROM action_plans WHERE id = $1 AND organisation_id = $2 FOR NO KEY UPDATE`,
        [id, user.organisationId],
      );
      if (!locked) throw DomainError.notFound();
      if (version !== null && locked.version !== version)
        throw DomainError.conflict(locked.version);
      const plan = await this.readableRow(user, id, tx.manager);
      this.check(caller, plan, action);
      const t = planTransition(plan.status, action);
      if (!t) throw new Error('unreachable: checked above');
      const result = await write(tx, plan, t);
      const set: Record<string, unknown> = { ...(result.set ?? {}) };
      const changes: Changes = { ...result.changes };
      if (action === 'edit' && t.newVersion) {
        Object.assign(set, {
          status: t.to,
          plan_version: plan.plan_version + 1,
          submitted_at: null,
          submitted_by: null,
          approved_at: null,
          approved_by: null,
        });
        changes.status = { from: plan.status, to: t.to };
        changes.planVersion = { from: plan.plan_version, to: plan.plan_version + 1 };
      }
      await updateRowWithVersion(tx.manager, 'action_plans', id, locked.version, set);
      await this.history.record(tx, {
        organisationId: plan.organisation_id,
        recordType: ACTION_PLAN_RECORD_TYPE,
        recordId: id,
        action: result.historyAction ?? action,
        actorId: user.id,
        changes,
        reason: result.reason ?? null,
      });
      await result.after?.();
    });
  }

  /** 403 for who may never do this; 409 with allowedActions for a state that refuses it. */
  check(caller: PlanCaller, plan: PlanRow, action: PlanAction): void {
    const facts = { organisationId: plan.organisation_id, status: plan.status };
    const allowed = allowedPlanActions(caller, facts);
    if (allowed.includes(action)) return;
    const context = {
      resource: 'actionPlan',
      currentStatus: plan.status,
      allowedActions: allowed,
    };
    if (!mayEverTakePlanAction(caller, plan.organisation_id, action))
      throw DomainError.forbidden(context);
    throw DomainError.illegalTransition(context, REFUSALS[action]);
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  private async views(db: Db, caller: PlanCaller, plans: readonly PlanRow[]): Promise<PlanView[]> {
    if (!plans.length) return [];
    const ids = plans.map((p) => p.id);
    const [directions, measures, links] = [
      await directionsOf(db, ids),
      await measuresOf(db, ids),
      await linkedTasksOf(db, ids),
    ];
    return plans.map((p) => planView(caller, p, directions, measures, links));
  }
}
