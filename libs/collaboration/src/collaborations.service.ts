import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, type HistoryRecord, HistoryService } from '@gwaje/audit';
import { seoulDate } from '@gwaje/calendar';
import { DomainError, ErrorCode, type ErrorDetail, type LocalText } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { type MilestonePlanChange, type MilestoneView, TasksService } from '@gwaje/tasks';
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
  type CollaborationAction,
  type CollaborationFacts,
  mayAgree,
  mayCompleteShare,
  mayDesignateFocus,
  mayEdit,
  participantListProblems,
  type ParticipantRole,
  planChanged,
  shareProblems,
  type ReviewBy,
} from './collaboration-rules.js';

export const COLLABORATION_RECORD_TYPE = 'collaboration';

export interface ParticipantInput {
  organisationId: string;
  departmentId: string;
  contactUserId?: string;
}

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

export interface CollaborationSummary {
  id: string;
  task: {
    id: string;
    code: string;
    title: string;
    year: number;
    status: string;
    dueDate: string;
    leadDepartmentId: string;
    leadDepartmentName: string;
    progress: number;
    delayed: boolean;
    overdueMilestones: number;
  };
  leadOrganisation: { id: string; name: string };
  coordinatorOrganisation: { id: string; name: string };
  focus: boolean;
  reviewBy: ReviewBy;
  planVersion: number;
  participantsCount: number;
  agreementsMissing: number;
  version: number;
  updatedAt: Date;
}

export interface ParticipantView {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  role: ParticipantRole;
  departmentId: string;
  departmentName: string;
  contactUserId: string | null;
  contactName: string | null;
  /** Its agreement with the current plan version; null until it agrees (and again after a reset). */
  agreement: { agreedAt: Date; agreedById: string | null; agreedByName: string | null } | null;
  progress: {
    milestones: number;
    done: number;
    overdue: number;
    /** Done share of the participant's milestone weight (0 without milestones). */
    percent: number;
  };
}

export interface MilestoneShareView {
  milestoneId: string;
  title: string;
  dueDate: string;
  weight: number;
  status: 'PLANNED' | 'DONE';
  doneDate: string | null;
  version: number;
  /** The participant carrying it; null when not shared out. */
  organisationId: string | null;
}

export interface CollaborationDetail extends CollaborationSummary {
  goals: string;
  plan: string;
  focusDesignation: { at: Date; by: string | null; reason: string | null } | null;
  participants: ParticipantView[];
  milestones: MilestoneShareView[];
  allowedActions: CollaborationAction[];
  createdAt: Date;
}

export interface CollaborationPage {
  items: CollaborationSummary[];
  total: number;
  limit: number;
  offset: number;
}

const detail = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});
/**
 * A 400 naming each field that refers to something it may not (an unknown or inactive
 * organisation, a department or contact of another organisation, a milestone of another task, an
 * organisation not taking part): INVALID_REFERENCE, as other contexts answer body references.
 */
const invalid = (details: ErrorDetail[]) =>
  new DomainError(ErrorCode.INVALID_REFERENCE, undefined, details);

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

  private async participants(
    id: string,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<ParticipantRow[]> {
    const [sql, values] = buildParticipants(id, seoulDate());
    return db.query<ParticipantRow[]>(sql, values);
  }

  private async shares(
    id: string,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<MilestoneShareRow[]> {
    const [sql, values] = buildMilestoneShares(id);
    return db.query<MilestoneShareRow[]>(sql, values);
  }

  private async facts(row: CollaborationRow, db?: DataSource | EntityManager) {
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

  private async detail(user: AuthUser, row: CollaborationRow): Promise<CollaborationDetail> {
    const [{ facts, participants }, shares] = await Promise.all([
      this.facts(row),
      this.shares(row.id),
    ]);
    return {
      ...summaryOf(row),
      goals: row.goals,
      plan: row.plan,
      focusDesignation: row.focus_designated_at
        ? { at: row.focus_designated_at, by: row.focus_designated_by, reason: row.focus_reason }
        : null,
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
      createdAt: row.created_at,
    };
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
      ...(await this.checkOrganisation(
        'coordinatorOrganisationId',
        input.coordinatorOrganisationId,
      )),
    );
    if (input.leadContactUserId) {
      problems.push(
        ...(await this.checkContact(
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
      problems.push(...(await this.checkParticipant(`participants.${i}.`, participants[i])));
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

  async addParticipant(
    user: AuthUser,
    id: string,
    input: ParticipantInput & { version: number },
  ): Promise<CollaborationDetail> {
    const row = await this.readableRow(user, id);
    const { facts } = await this.facts(row);
    this.assert(mayEdit(user, facts));
    const problems: ErrorDetail[] = [];
    if (facts.participants.some((p) => p.organisationId === input.organisationId)) {
      problems.push(
        detail('organisationId', 'unique', {
          ko: '이미 참여하는 기관입니다.',
          en: 'this organisation already takes part',
        }),
      );
    } else {
      problems.push(...(await this.checkParticipant('', input)));
    }
    if (problems.length) throw invalid(problems);
    await this.editTransaction(user, id, input.version, async (tx, _row, plan) => {
      await tx.manager.query(
        `INSERT INTO collaboration_participants (collaboration_id, organisation_id, role, department_id, contact_user_id)
         VALUES ($1, $2, 'PARTICIPANT', $3, $4)`,
        [id, input.organisationId, input.departmentId, input.contactUserId ?? null],
      );
      return {
        action: 'participant.add',
        changes: {
          [`participant:${input.organisationId}`]: {
            from: null,
            to: { departmentId: input.departmentId, contactUserId: input.contactUserId ?? null },
          },
        },
        after: plan,
      };
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /**
   * A participant leaves (not the lead); its milestone shares go with it (agreements reset if it
   * had any). Like the task's member and partner removals it takes no version: the collaboration's
   * version read just before guards it against a concurrent change (409).
   */
  async removeParticipant(
    user: AuthUser,
    id: string,
    organisationId: string,
  ): Promise<CollaborationDetail> {
    const row = await this.readableRow(user, id);
    const { facts, participants } = await this.facts(row);
    this.assert(mayEdit(user, facts));
    const target = participants.find((p) => p.organisation_id === organisationId);
    if (!target) throw DomainError.notFound();
    if (target.role === 'LEAD') {
      throw invalid([
        detail('organisationId', 'lead', {
          ko: '주관기관은 뺄 수 없습니다.',
          en: 'the lead organisation cannot be removed',
        }),
      ]);
    }
    await this.editTransaction(user, id, row.version, async (tx, _row, plan) => {
      await tx.manager.query(
        `DELETE FROM collaboration_participants WHERE collaboration_id = $1 AND organisation_id = $2`,
        [id, organisationId],
      );
      const shares = new Map([...plan.shares].filter(([, org]) => org !== organisationId));
      return {
        action: 'participant.remove',
        changes: {
          [`participant:${organisationId}`]: {
            from: { departmentId: target.department_id, contactUserId: target.contact_user_id },
            to: null,
          },
        },
        after: { ...plan, shares },
      };
    });
    return this.detail(user, await this.readableRow(user, id));
  }

  /** Replaces the milestone shares: each milestone of the task to one participant (or none). */
  async putShares(
    user: AuthUser,
    id: string,
    input: { version: number; shares: Array<{ milestoneId: string; organisationId: string }> },
  ): Promise<CollaborationDetail> {
    const row = await this.readableRow(user, id);
    const [{ facts }, milestones] = await Promise.all([this.facts(row), this.shares(id)]);
    this.assert(mayEdit(user, facts));
    const problems = shareProblems(
      input.shares,
      new Set(milestones.map((m) => m.milestone_id)),
      new Set(facts.participants.map((p) => p.organisationId)),
    );
    if (problems.length) throw invalid(problems);
    await this.editTransaction(
      user,
      id,
      input.version,
      async (tx, _row, plan) => {
        await tx.manager.query(
          `DELETE FROM collaboration_milestone_shares WHERE collaboration_id = $1`,
          [id],
        );
        if (input.shares.length) {
          await tx.manager.query(
            `INSERT INTO collaboration_milestone_shares (milestone_id, collaboration_id, organisation_id)
             SELECT m, $1, o FROM unnest($2::uuid[], $3::uuid[]) AS x(m, o)`,
            [id, input.shares.map((s) => s.milestoneId), input.shares.map((s) => s.organisationId)],
          );
        }
        const after = new Map(input.shares.map((s) => [s.milestoneId, s.organisationId]));
        return {
          action: 'shares.replace',
          changes: {
            shares: { from: Object.fromEntries(plan.shares), to: Object.fromEntries(after) },
          },
          after: { ...plan, shares: after },
        };
      },
      row.task_id,
    );
    return this.detail(user, await this.readableRow(user, id));
  }

  /**
   * Records the caller's organisation's agreement with the plan version it read (a stale one is
   * a 409: the plan changed since). Its PROACTIVE_OFFICE or its responsible department's DEPT_HEAD.
   */
  async agree(
    user: AuthUser,
    id: string,
    input: { planVersion: number },
  ): Promise<CollaborationDetail> {
    const row = await this.readableRow(user, id);
    const { facts } = await this.facts(row);
    this.assert(mayAgree(user, facts));
    await this.tx.run(async (tx) => {
      const locked = await this.lock(tx, id);
      if (locked.plan_version !== input.planVersion) {
        // The plan changed since it was read: agree again to the current version.
        throw DomainError.conflict(locked.plan_version);
      }
      await tx.manager.query(
        `UPDATE collaboration_participants SET agreed_at = now(), agreed_by_id = $3, agreed_plan_version = $4
          WHERE collaboration_id = $1 AND organisation_id = $2`,
        [id, user.organisationId, user.id, input.planVersion],
      );
      await this.record(tx, user, row.lead_organisation_id, id, 'agree', {
        [`participant:${user.organisationId}.agreedPlanVersion`]: {
          from: null,
          to: input.planVersion,
        },
      });
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
   * A participant completes one milestone of its own share with its actual date (the tasks'
   * completion rules: today unless given, a back-dated date needs lateEntryReason). Its
   * responsible department's STAFF/DEPT_HEAD or its PROACTIVE_OFFICE; other readers 403.
   */
  async completeShare(
    user: AuthUser,
    id: string,
    milestoneId: string,
    input: { version: number; doneDate?: string; lateEntryReason?: string },
  ): Promise<MilestoneView> {
    const row = await this.readableRow(user, id);
    const [{ facts }, shares] = await Promise.all([this.facts(row), this.shares(id)]);
    const share = shares.find((s) => s.milestone_id === milestoneId);
    if (!share) throw DomainError.notFound();
    if (!share.organisation_id || !mayCompleteShare(user, facts, share.organisation_id)) {
      throw DomainError.forbidden();
    }
    const [done] = await this.tasks
      .completeMilestonesGranted(
        user,
        row.task_id,
        {
          items: [{ milestoneId, version: input.version, doneDate: input.doneDate }],
          lateEntryReason: input.lateEntryReason,
        },
        async (tx) => {
          await this.lock(tx, id); // task (locked by the tasks service) before collaboration
          await this.record(tx, user, row.lead_organisation_id, id, 'share.complete', {
            [`milestone:${milestoneId}.status`]: { from: share.status, to: 'DONE' },
            [`milestone:${milestoneId}.organisationId`]: {
              from: share.organisation_id,
              to: share.organisation_id,
            },
          });
        },
      )
      .catch((e: unknown) => {
        // The tasks' bulk completion names fields by item; this route completes one milestone.
        if (e instanceof DomainError && e.code === ErrorCode.VALIDATION_FAILED) {
          throw new DomainError(
            e.code,
            undefined,
            e.details.map((d) => ({ ...d, field: d.field.replace(/^items\.0\./, '') })),
          );
        }
        throw e;
      });
    return done;
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
  private async editTransaction(
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

  private async lock(tx: Tx, id: string): Promise<{ plan_version: number; version: number }> {
    const [row] = await tx.manager.query<Array<{ plan_version: number; version: number }>>(
      `SELECT plan_version, version FROM collaboration_tasks WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    if (!row) throw DomainError.notFound();
    return row;
  }

  private async bumpVersion(tx: Tx, id: string, version: number): Promise<void> {
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

  private assert(allowed: boolean): void {
    if (!allowed) throw DomainError.forbidden();
  }

  private async record(
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

  /** An active organisation of the installation (any kind and level). */
  private async checkOrganisation(field: string, organisationId: string): Promise<ErrorDetail[]> {
    const [org] = await this.dataSource.query<Array<{ active: boolean }>>(
      `SELECT active FROM organisations WHERE id = $1`,
      [organisationId],
    );
    if (org?.active) return [];
    return [
      detail(field, org ? 'inactiveOrganisation' : 'unknownOrganisation', {
        ko: org ? '비활성화된 기관입니다.' : '없는 기관입니다.',
        en: org ? 'this organisation is inactive' : 'no such organisation',
      }),
    ];
  }

  private async checkContact(
    field: string,
    organisationId: string,
    userId: string,
  ): Promise<ErrorDetail[]> {
    const [u] = await this.dataSource.query<Array<{ organisation_id: string; active: boolean }>>(
      `SELECT organisation_id, active FROM users WHERE id = $1`,
      [userId],
    );
    if (u && u.active && u.organisation_id === organisationId) return [];
    return [
      detail(field, 'organisationUser', {
        ko: '그 기관의 재직 중인 사용자가 아닙니다.',
        en: 'not an active user of that organisation',
      }),
    ];
  }

  /** A participant: an active organisation, a department of it, a contact of it. */
  private async checkParticipant(prefix: string, p: ParticipantInput): Promise<ErrorDetail[]> {
    const org = await this.checkOrganisation(`${prefix}organisationId`, p.organisationId);
    if (org.length) return org;
    const problems: ErrorDetail[] = [];
    const [d] = await this.dataSource.query<Array<{ organisation_id: string; active: boolean }>>(
      `SELECT organisation_id, active FROM departments WHERE id = $1`,
      [p.departmentId],
    );
    if (!d || !d.active || d.organisation_id !== p.organisationId) {
      problems.push(
        detail(`${prefix}departmentId`, 'organisationDepartment', {
          ko: '그 기관의 운영 중인 부서가 아닙니다.',
          en: 'not an active department of that organisation',
        }),
      );
    }
    if (p.contactUserId) {
      problems.push(
        ...(await this.checkContact(`${prefix}contactUserId`, p.organisationId, p.contactUserId)),
      );
    }
    return problems;
  }
}

function summaryOf(r: CollaborationRow): CollaborationSummary {
  return {
    id: r.id,
    task: {
      id: r.task_id,
      code: r.task_code,
      title: r.task_title,
      year: r.task_year,
      status: r.task_status,
      dueDate: r.task_due_date,
      leadDepartmentId: r.lead_department_id,
      leadDepartmentName: r.lead_department_name,
      progress: Number(r.progress),
      delayed: r.delayed,
      overdueMilestones: Number(r.overdue_milestones),
    },
    leadOrganisation: { id: r.lead_organisation_id, name: r.lead_organisation_name },
    coordinatorOrganisation: {
      id: r.coordinator_organisation_id,
      name: r.coordinator_organisation_name,
    },
    focus: r.focus,
    reviewBy: r.review_by,
    planVersion: r.plan_version,
    participantsCount: Number(r.participants_count),
    agreementsMissing: Number(r.agreements_missing),
    version: r.version,
    updatedAt: r.updated_at,
  };
}

function participantView(p: ParticipantRow, planVersion: number): ParticipantView {
  const current = p.agreed_plan_version === planVersion;
  return {
    organisationId: p.organisation_id,
    organisationName: p.organisation_name,
    organisationKind: p.organisation_kind,
    role: p.role,
    departmentId: p.department_id,
    departmentName: p.department_name,
    contactUserId: p.contact_user_id,
    contactName: p.contact_name,
    agreement:
      current && p.agreed_at
        ? { agreedAt: p.agreed_at, agreedById: p.agreed_by_id, agreedByName: p.agreed_by_name }
        : null,
    progress: {
      milestones: p.milestones,
      done: p.milestones_done,
      overdue: p.overdue,
      percent: p.weight_total ? Math.round((100 * p.weight_done) / p.weight_total) : 0,
    },
  };
}
