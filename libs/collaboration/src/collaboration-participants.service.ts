import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { type MilestoneView, TasksService } from '@gwaje/tasks';
import { DataSource } from 'typeorm';
import {
  detail,
  invalid,
  type ParticipantInput,
  participantProblems,
} from './collaboration-references.js';
import { mayAgree, mayCompleteShare, mayEdit, shareProblems } from './collaboration-rules.js';
import type { CollaborationDetail } from './collaboration-views.js';
import { CollaborationsService } from './collaborations.service.js';

/**
 * The participants' side of a collaboration (a sub-aggregate of CollaborationsService): who takes
 * part, who carries which milestone, each participant's agreement and the completion of its share.
 * Transactions, locks and history go through the collaboration's own helpers.
 */
@Injectable()
export class CollaborationParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly tasks: TasksService,
    private readonly core: CollaborationsService,
  ) {}

  async addParticipant(
    user: AuthUser,
    id: string,
    input: ParticipantInput & { version: number },
  ): Promise<CollaborationDetail> {
    const row = await this.core.readableRow(user, id);
    const { facts } = await this.core.facts(row);
    this.core.assert(mayEdit(user, facts));
    const problems: ErrorDetail[] = [];
    if (facts.participants.some((p) => p.organisationId === input.organisationId)) {
      problems.push(
        detail('organisationId', 'unique', {
          ko: '이미 참여하는 기관입니다.',
          en: 'this organisation already takes part',
        }),
      );
    } else {
      problems.push(...(await participantProblems(this.dataSource, '', input)));
    }
    if (problems.length) throw invalid(problems);
    await this.core.editTransaction(user, id, input.version, async (tx, _row, plan) => {
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
    return this.core.detail(user, await this.core.readableRow(user, id));
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
    const row = await this.core.readableRow(user, id);
    const { facts, participants } = await this.core.facts(row);
    this.core.assert(mayEdit(user, facts));
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
    await this.core.editTransaction(user, id, row.version, async (tx, _row, plan) => {
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
    return this.core.detail(user, await this.core.readableRow(user, id));
  }

  /** Replaces the milestone shares: each milestone of the task to one participant (or none). */
  async putShares(
    user: AuthUser,
    id: string,
    input: { version: number; shares: Array<{ milestoneId: string; organisationId: string }> },
  ): Promise<CollaborationDetail> {
    const row = await this.core.readableRow(user, id);
    const [{ facts }, milestones] = await Promise.all([this.core.facts(row), this.core.shares(id)]);
    this.core.assert(mayEdit(user, facts));
    const problems = shareProblems(
      input.shares,
      new Set(milestones.map((m) => m.milestone_id)),
      new Set(facts.participants.map((p) => p.organisationId)),
    );
    if (problems.length) throw invalid(problems);
    await this.core.editTransaction(
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
    return this.core.detail(user, await this.core.readableRow(user, id));
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
    const row = await this.core.readableRow(user, id);
    const { facts } = await this.core.facts(row);
    this.core.assert(mayAgree(user, facts));
    await this.tx.run(async (tx) => {
      const locked = await this.core.lock(tx, id);
      if (locked.plan_version !== input.planVersion) {
        // The plan changed since it was read: agree again to the current version.
        throw DomainError.conflict(locked.plan_version);
      }
      await tx.manager.query(
        `UPDATE collaboration_participants SET agreed_at = now(), agreed_by_id = $3, agreed_plan_version = $4
          WHERE collaboration_id = $1 AND organisation_id = $2`,
        [id, user.organisationId, user.id, input.planVersion],
      );
      await this.core.record(tx, user, row.lead_organisation_id, id, 'agree', {
        [`participant:${user.organisationId}.agreedPlanVersion`]: {
          from: null,
          to: input.planVersion,
        },
      });
    });
    return this.core.detail(user, await this.core.readableRow(user, id));
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
    const row = await this.core.readableRow(user, id);
    const [{ facts }, shares] = await Promise.all([this.core.facts(row), this.core.shares(id)]);
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
          await this.core.lock(tx, id); // task (locked by the tasks service) before collaboration
          await this.core.record(tx, user, row.lead_organisation_id, id, 'share.complete', {
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
}
