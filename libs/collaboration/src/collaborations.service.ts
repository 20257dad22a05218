import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, type HistoryRecord, HistoryService } from '@gwaje/audit';
import { type ReportingCadence, seoulDate } from '@gwaje/calendar';
import { ReportingCalendarService } from '@gwaje/reports';
import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { type MilestonePlanChange, TasksService } from '@gwaje/tasks';
import { DataSource, type EntityManager } from 'typeorm';
import {
  buildCollaborationList,
  buildMilestoneShares,
  buildParticipants,
  type CollaborationFilter,
  type CollaborationRow,
  type MilestoneShareRow,
  type ParticipantRow,
} from './collaboration-query.js';
import {
  type AgreedPlan,
  allowedCollaborationActions,
  type CollaborationFacts,
  mayDesignateFocus,
  mayEdit,
  participantListProblems,
  planChanged,
  type ReviewBy,
} from './collaboration-rules.js';
import {
  contactProblems,
  detail,
  invalid,
  organisationProblems,
  type ParticipantInput,
  participantProblems,
} from './collaboration-references.js';
import { loadTfFacts, tfStatus } from './tf/tf-status.js';
import {
  type CollaborationDetail,
  type CollaborationPage,
  type CollaborationSummary,
  participantView,
  summaryOf,
} from './collaboration-views.js';

export const COLLABORATION_RECORD_TYPE = 'collaboration';

export interface CreateCollaborationInput {
  taskId: string;
  coordinatorOrganisationId: string;
  goals?: string;
  plan?: string;
  reviewBy?: ReviewBy;
  leadContactUserId?: string;
  participants?: ParticipantInput[];
}

export interface UpdateCollaborationInput {
  version: number;
  goals?: string;
  plan?: string;
  reviewBy?: ReviewBy;
}

/**
 * Collaboration tasks (협업과제, DOMAIN.md §9): a wrapper round one priority task of the lead
 * organisation, naming the coordinating organisation, the participants (any active organisation)
 * with their responsible department and contact, the participants' agreement of the plan and the
 * milestone shares. The task, its milestones and reports stay in the tasks and reports contexts;
 * participants read them through the tasks' read-share port (registered by the module). Every
 * change is one transaction with its history entry. Lock order: task, then collaboration.
 */
@Injectable()
export class CollaborationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly tasks: TasksService,
    private readonly calendars: ReportingCalendarService,
  ) {}

  // ── Reads ─────────────────────────────────────────────────────────────────────────────────

  async list(
    user: AuthUser,
    filter: CollaborationFilter,
    page: { limit: number; offset: number },
  ): Promise<CollaborationPage> {
    const q = buildCollaborationList(this.policy, user, filter, seoulDate(), page);
    const rows = await this.dataSource.query<CollaborationRow[]>(q.sql, q.values);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: COLLABORATION_RECORD_TYPE,
      filter: { ...filter },
    });
    return {
      items: rows.map((r) => summaryOf(r)),
      total: Number(rows[0]?.total ?? 0),
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** Every readable collaboration matching the filter (for the export), capped. */
  async rowsForExport(
    user: AuthUser,
    filter: CollaborationFilter,
  ): Promise<CollaborationSummary[]> {
    const q = buildCollaborationList(this.policy, user, filter, seoulDate(), {
      limit: 10_000,
      offset: 0,
    });
    const rows = await this.dataSource.query<CollaborationRow[]>(q.sql, q.values);
    return rows.map((r) => summaryOf(r));
  }

  async get(user: AuthUser, id: string): Promise<CollaborationDetail> {
    const view = await this.detail(user, await this.readableRow(user, id));
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.READ,
      recordType: COLLABORATION_RECORD_TYPE,
      recordId: id,
    });
    return view;
  }

  async historyOf(user: AuthUser, id: string): Promise<HistoryRecord[]> {
    const row = await this.readableRow(user, id);
    return this.history.forRecord([row.lead_organisation_id], COLLABORATION_RECORD_TYPE, id);
  }

  /** One collaboration the user reads (scoped in SQL), else 404. */
  async readableRow(
    user: AuthUser,
    id: string,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<CollaborationRow> {
    const q = buildCollaborationList(this.policy, user, { id }, seoulDate());
    const [row] = await db.query<CollaborationRow[]>(q.sql, q.values);
    if (!row) throw DomainError.notFound();
    return row;
  }

  async participants(
    id: string,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<ParticipantRow[]> {
    const [sql, values] = buildParticipants(id, seoulDate());
    return db.query<ParticipantRow[]>(sql, values);
  }

  async shares(
    id: string,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<MilestoneShareRow[]> {
    const [sql, values] = buildMilestoneShares(id);
    return db.query<MilestoneShareRow[]>(sql, values);
  }

  async facts(row: CollaborationRow, db?: DataSource | EntityManager) {
    const participants = await this.participants(row.id, db);
    const facts: CollaborationFacts = {
      leadOrganisationId: row.lead_organisation_id,
      coordinatorOrganisationId: row.coordinator_organisation_id,
      participants: participants.map((p) => ({
        organisationId: p.organisation_id,
        departmentId: p.department_id,
      })),
    };
    return { facts, participants };
  }

  async detail(user: AuthUser, row: CollaborationRow): Promise<CollaborationDetail> {
    const [{ facts, participants }, shares] = await Promise.all([
      this.facts(row),
      this.shares(row.id),
    ]);
    const [tf, reportingCadence] = await Promise.all([
      loadTfFacts(this.dataSource, row.id, facts),
      this.nextReportingCadence(row),
    ]);
    return {
      ...summaryOf(row),
      goals: row.goals,
      plan: row.plan,
      focusDesignation: row.focus_designated_at
        ? { at: row.focus_designated_at, by: row.focus_designated_by, reason: row.focus_reason }
        : null,
      reportingCadence,
      participants: participants.map((p) => participantView(p, row.plan_version)),
      milestones: shares.map((s) => ({
        milestoneId: s.milestone_id,
        title: s.title,
        dueDate: s.due_date,
        weight: s.weight,
        status: s.status,
        doneDate: s.done_date,
        version: s.version,
        organisationId: s.organisation_id,
      })),
      allowedActions: allowedCollaborationActions(user, facts),
      tf: tfStatus(row.focus, tf.facts),
      createdAt: row.created_at,
    };
  }

  /**
   * The cadence of the task's reporting periods that begin next (the first of next month): the
   * reports' rule (the calendar's, or the cadence port's answer: MONTHLY for a focus task).
   */
  private async nextReportingCadence(row: CollaborationRow): Promise<ReportingCadence> {
    const [y, m] = seoulDate().split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const calendar = await this.calendars.effective(
      row.lead_organisation_id,
      Number(next.slice(0, 4)),
    );
    return this.calendars.taskCadence(this.dataSource.manager, row.task_id, next, calendar.cadence);
  }

  // ── Writes ────────────────────────────────────────────────────────────────────────────────

  /**
   * The lead organisation's PROACTIVE_OFFICE makes one of its tasks a collaboration, naming the
   * coordinator and the participants. The lead takes part with the task's lead department.
   */
  async create(user: AuthUser, input: CreateCollaborationInput): Promise<CollaborationDetail> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
    const task = await this.tasks.readableRow(user, input.taskId).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) return null;
      throw e;
    });
    const problems: ErrorDetail[] = [];
    if (!task || task.organisation_id !== user.organisationId) {
      problems.push(
        detail('taskId', 'ownTask', {
          ko: '이 기관의 중점과제를 지정하세요.',
          en: 'must be a priority task of your organisation',
        }),
      );
    }
    problems.push(
      ...(await organisationProblems(
        this.dataSource,
        'coordinatorOrganisationId',
        input.coordinatorOrganisationId,
      )),
    );
    if (input.leadContactUserId) {
      problems.push(
        ...(await contactProblems(
          this.dataSource,
          'leadContactUserId',
          user.organisationId,
          input.leadContactUserId,
        )),
      );
    }
    const participants = input.participants ?? [];
    const listed = participantListProblems(user.organisationId, participants);
    problems.push(...listed.problems);
    for (const i of listed.toCheck) {
      problems.push(
        ...(await participantProblems(this.dataSource, `participants.${i}.`, participants[i])),
      );
    }
    if (problems.length || !task) throw invalid(problems);
    const [taken] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM collaboration_tasks WHERE task_id = $1`,
      [task.id],
    );
    if (taken) {
      throw DomainError.invalidField(
        'taskId',
        'alreadyCollaboration',
        {
          ko: '이미 협업과제로 등록된 과제입니다.',
          en: 'this task is already a collaboration task',
        },
        ErrorCode.DUPLICATE,
      );
    }

    const id = await this.tx.run(async (tx) => {
      await this.tasks.lockForWrite(tx, task.id);
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO collaboration_tasks (task_id, lead_organisation_id, coordinator_organisation_id,
                review_by, goals, plan, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          task.id,
          task.organisation_id,
          input.coordinatorOrganisationId,
          input.reviewBy ?? 'LEAD_AUDITOR',
          input.goals ?? '',
          input.plan ?? '',
          user.id,
        ],
      );
      await tx.manager.query(
        `INSERT INTO collaboration_participants (collaboration_id, organisation_id, role, department_id, contact_user_id)
         VALUES ($1, $2, 'LEAD', $3, $4)`,
        [
          row.id,
          task.organisation_id,
          task.lead_department_id,
          input.leadContactUserId ?? task.owner_id,
        ],
      );
      for (const p of participants) {
        await tx.manager.query(
          `INSERT INTO collaboration_participants (collaboration_id, organisation_id, role, department_id, contact_user_id)
           VALUES ($1, $2, 'PARTICIPANT', $3, $4)`,
          [row.id, p.organisationId, p.departmentId, p.contactUserId ?? null],
        );
      }
      await this.record(tx, user, task.organisation_id, row.id, 'create', {
        taskId: { from: null, to: task.id },
        coordinatorOrganisationId: { from: null, to: input.coordinatorOrganisationId },
        reviewBy: { from: null, to: input.reviewBy ?? 'LEAD_AUDITOR' },
        goals: { from: null, to: input.goals ?? '' },
        plan: { from: null, to: input.plan ?? '' },
        participants: {
          from: null,
          to: [task.organisation_id, ...participants.map((p) => p.organisationId)],
        },
      });
      return row.id;
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /** Goals, plan and the review setting (the lead's PROACTIVE_OFFICE); goals or plan changed resets agreements. */
  async update(
    user: AuthUser,
    id: string,
    input: UpdateCollaborationInput,
  ): Promise<CollaborationDetail> {
    await this.editTransaction(user, id, input.version, async (tx, row, plan) => {
      const after = { ...plan, goals: input.goals ?? row.goals, plan: input.plan ?? row.plan };
      const reviewBy = input.reviewBy ?? row.review_by;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (after.goals !== row.goals) changes.goals = { from: row.goals, to: after.goals };
      if (after.plan !== row.plan) changes.plan = { from: row.plan, to: after.plan };
      if (reviewBy !== row.review_by) changes.reviewBy = { from: row.review_by, to: reviewBy };
      await tx.manager.query(
        `UPDATE collaboration_tasks SET goals = $2, plan = $3, review_by = $4 WHERE id = $1`,
        [id, after.goals, after.plan, reviewBy],
      );
      return { action: 'update', changes, after };
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /** 중점 협업과제 designated or undesignated by the coordinator's PROACTIVE_OFFICE, with a reason. */
  async setFocus(
    user: AuthUser,
    id: string,
    input: { version: number; focus: boolean; reason: string },
  ): Promise<CollaborationDetail> {
    const row = await this.readableRow(user, id);
    const { facts } = await this.facts(row);
    this.assert(mayDesignateFocus(user, facts));
    await this.tx.run(async (tx) => {
      await this.bumpVersion(tx, id, input.version);
      await tx.manager.query(
        `UPDATE collaboration_tasks SET focus = $2, focus_designated_at = now(), focus_designated_by = $3,
                focus_reason = $4 WHERE id = $1`,
        [id, input.focus, user.id, input.reason],
      );
      await this.record(
        tx,
        user,
        row.lead_organisation_id,
        id,
        input.focus ? 'focus.designate' : 'focus.undesignate',
        { focus: { from: row.focus, to: input.focus } },
        input.reason,
      );
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /**
   * The task's milestone plan changed (a milestone added, removed, or its title, due date or
   * weight changed, through the tasks' routes): what the participants agreed to changed, so the
   * plan version moves on and every agreement is reset, in the tasks' transaction (the task's row
   * is locked first; then the collaboration's).
   */
  async onTaskPlanChanged(tx: Tx, change: MilestonePlanChange): Promise<void> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
    const [rows] = await tx.manager.query<
      [Array<{ id: string; lead_organisation_id: string; plan_version: number }>, number]
    >(
      `UPDATE collaboration_tasks SET plan_version = plan_version + 1, version = version + 1, updated_at = now()
        WHERE task_id = $1 RETURNING id, lead_organisation_id, plan_version`,
      [change.taskId],
    );
    const [row] = rows;
    if (!row) return;
    await tx.manager.query(
      `UPDATE collaboration_participants SET agreed_at = NULL, agreed_by_id = NULL, agreed_plan_version = NULL
        WHERE collaboration_id = $1`,
      [row.id],
    );
    await this.history.record(tx, {
      organisationId: row.lead_organisation_id,
      recordType: COLLABORATION_RECORD_TYPE,
      recordId: row.id,
      action: 'plan.milestones',
      actorId: change.actorId,
      changes: {
        planVersion: { from: row.plan_version - 1, to: row.plan_version },
        [`milestone:${change.milestoneId}`]: { from: null, to: change.action },
      },
      reason: null,
    });
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  /**
   * An edit by the lead's PROACTIVE_OFFICE in one transaction: (task lock,) collaboration lock,
   * version check and bump, the change, agreements reset when the agreed plan changed, history.
   */
  async editTransaction(
    user: AuthUser,
    id: string,
    version: number,
    change: (
      tx: Tx,
      row: CollaborationRow,
      plan: AgreedPlan,
    ) => Promise<{
      action: string;
      changes: Record<string, { from: unknown; to: unknown }>;
      after: AgreedPlan;
    }>,
    lockTaskId?: string,
  ): Promise<void> {
    const row = await this.readableRow(user, id);
    const { facts } = await this.facts(row);
    this.assert(mayEdit(user, facts));
    await this.tx.run(async (tx) => {
      if (lockTaskId) await this.tasks.lockForWrite(tx, lockTaskId);
      await this.lock(tx, id);
      await this.bumpVersion(tx, id, version);
      const current = await this.readableRow(user, id, tx.manager);
      const shareRows = await tx.manager.query<
        Array<{ milestone_id: string; organisation_id: string }>
      >(
        `SELECT milestone_id, organisation_id FROM collaboration_milestone_shares WHERE collaboration_id = $1`,
        [id],
      );
      const before: AgreedPlan = {
        goals: current.goals,
        plan: current.plan,
        shares: new Map(shareRows.map((s) => [s.milestone_id, s.organisation_id])),
      };
      const result = await change(tx, current, before);
      const changes = { ...result.changes };
      if (planChanged(before, result.after)) {
        await tx.manager.query(
          `UPDATE collaboration_tasks SET plan_version = plan_version + 1 WHERE id = $1`,
          [id],
        );
        await tx.manager.query(
          `UPDATE collaboration_participants SET agreed_at = NULL, agreed_by_id = NULL, agreed_plan_version = NULL
            WHERE collaboration_id = $1`,
          [id],
        );
        changes.planVersion = { from: current.plan_version, to: current.plan_version + 1 };
      }
      await this.record(tx, user, current.lead_organisation_id, id, result.action, changes);
    });
  }

  async lock(tx: Tx, id: string): Promise<{ plan_version: number; version: number }> {
    const [row] = await tx.manager.query<Array<{ plan_version: number; version: number }>>(
      `SELECT plan_version, version FROM collaboration_tasks WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    if (!row) throw DomainError.notFound();
    return row;
  }

  async bumpVersion(tx: Tx, id: string, version: number): Promise<void> {
    const [, affected] = await tx.manager.query<[unknown[], number]>(
      `UPDATE collaboration_tasks SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
      [id, version],
    );
    if (affected) return;
    const [row] = await tx.manager.query<Array<{ version: number }>>(
      `SELECT version FROM collaboration_tasks WHERE id = $1`,
      [id],
    );
    if (!row) throw DomainError.notFound();
    throw DomainError.conflict(row.version);
  }

  assert(allowed: boolean): void {
    if (!allowed) throw DomainError.forbidden();
  }

  async record(
    tx: Tx,
    user: AuthUser,
    organisationId: string,
    id: string,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason: string | null = null,
  ): Promise<void> {
    await this.history.record(tx, {
      organisationId,
      recordType: COLLABORATION_RECORD_TYPE,
      recordId: id,
      action,
      actorId: user.id,
      changes,
      reason,
    });
  }
}
