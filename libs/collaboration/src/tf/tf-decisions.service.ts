import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { seoulDate } from '@gwaje/calendar';
import { DomainError } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { TasksService } from '@gwaje/tasks';
import { DataSource } from 'typeorm';
import type { CollaborationRow } from '../collaboration-query.js';
import { invalid } from '../collaboration-references.js';
import { CollaborationsService } from '../collaborations.service.js';
import { actionItem, type ActionItemFilter, actionItems, meeting } from './tf-query.js';
import {
  type ActionItemStatus,
  type DecisionInput,
  decisionProblems,
  mayCompleteActionItem,
  mayEditMeeting,
} from './tf-rules.js';
import { type ActionItemView, actionItemView, type MeetingView, type Page } from './tf-views.js';
import { TfService } from './tf.service.js';

export interface DecisionMilestoneInput {
  title: string;
  dueDate: string;
  organisationId: string;
  weight?: number;
}

export interface CreateDecisionInput extends DecisionInput {
  milestones?: DecisionMilestoneInput[];
}

/**
 * Decisions of a TF meeting and the action items they create (issue 21 item 3). A decision that
 * creates milestones adds them to the collaboration's task through the tasks' own path
 * (TasksService.addMilestonesGranted: its date rule, history and milestone-plan listeners, so every
 * participant's agreement is reset as for any plan change) and shares each out to its participant
 * (collaboration_milestone_shares, as PUT milestone-shares does), all in one transaction: task
 * first, then the collaboration.
 */
@Injectable()
export class TfDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly core: CollaborationsService,
    private readonly tf: TfService,
    private readonly tasks: TasksService,
  ) {}

  async decide(
    user: AuthUser,
    id: string,
    meetingId: string,
    input: CreateDecisionInput,
  ): Promise<MeetingView> {
    const { row, facts } = await this.tf.readable(user, id);
    const m = await meeting(this.dataSource, id, meetingId);
    if (!m) throw DomainError.notFound();
    this.core.assert(mayEditMeeting(user, facts, m.recorded_by));
    const { outcome, problems } = decisionProblems(input, facts);
    if (problems.length) throw invalid(problems);
    const milestones = input.milestones ?? [];
    const items = input.actionItems ?? [];

    const writeDecision = async (tx: Tx, milestoneIds: string[]) => {
      await this.core.lock(tx, id);
      // The meeting is still the collaboration's (not removed meanwhile).
      const [held] = await tx.manager.query<unknown[]>(
        `SELECT 1 FROM collaboration_tf_meetings WHERE id = $1 AND collaboration_id = $2 FOR KEY SHARE`,
        [meetingId, id],
      );
      if (!held) throw DomainError.notFound();
      const [d] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO collaboration_tf_decisions (meeting_id, collaboration_id, text, outcome, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [meetingId, id, input.text, outcome, user.id],
      );
      const changes: Record<string, { from: unknown; to: unknown }> = {
        [`decision:${d.id}`]: { from: null, to: { meetingId, text: input.text, outcome } },
      };
      if (milestoneIds.length) {
        await tx.manager.query(
          `INSERT INTO collaboration_tf_decision_milestones (decision_id, milestone_id)
           SELECT $1, m FROM unnest($2::uuid[]) AS x(m)`,
          [d.id, milestoneIds],
        );
        await tx.manager.query(
          `INSERT INTO collaboration_milestone_shares (milestone_id, collaboration_id, organisation_id)
           SELECT m, $1, o FROM unnest($2::uuid[], $3::uuid[]) AS x(m, o)`,
          [id, milestoneIds, milestones.map((x) => x.organisationId)],
        );
        milestoneIds.forEach((mid, i) => {
          changes[`share:${mid}`] = { from: null, to: milestones[i].organisationId };
        });
      }
      for (const [i, a] of items.entries()) {
        const [created] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO collaboration_tf_action_items (collaboration_id, decision_id, title, owner_id, due_date)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [id, d.id, a.title, a.ownerUserId, a.dueDate],
        );
        changes[`actionItem:${created.id}`] = {
          from: null,
          to: { title: a.title, ownerUserId: a.ownerUserId, dueDate: a.dueDate, index: i },
        };
      }
      await this.tf.record(tx, user, row, 'tf.decision', changes);
    };

    if (milestones.length) {
      await this.tasks.addMilestonesGranted(
        user,
        row.task_id,
        milestones.map((x) => ({ title: x.title, dueDate: x.dueDate, weight: x.weight })),
        'milestones.',
        writeDecision,
      );
    } else {
      await this.tx.run((tx) => writeDecision(tx, []));
    }
    return this.tf.meeting(user, id, meetingId);
  }

  async actionItems(
    user: AuthUser,
    id: string,
    filter: ActionItemFilter,
    page: { limit: number; offset: number },
  ): Promise<Page<ActionItemView>> {
    const { facts } = await this.tf.readable(user, id);
    const rows = await actionItems(this.dataSource, id, seoulDate(), filter, page);
    return {
      items: rows.map((r) => actionItemView(r, mayCompleteActionItem(user, facts, r.owner_id))),
      total: Number(rows[0]?.total ?? 0),
      limit: page.limit,
      offset: page.offset,
    };
  }

  /**
   * Marks an action item done (completed now) or open again: its owner, the TF lead or those who
   * manage the TF (others 403). The version read; a stale one is a 409.
   */
  async setStatus(
    user: AuthUser,
    id: string,
    itemId: string,
    input: { version: number; status: ActionItemStatus },
  ): Promise<ActionItemView> {
    const { row, facts } = await this.tf.readable(user, id);
    const today = seoulDate();
    const before = await actionItem(this.dataSource, id, itemId, today);
    if (!before) throw DomainError.notFound();
    this.core.assert(mayCompleteActionItem(user, facts, before.owner_id));
    if (before.status === input.status) {
      // Nothing to change (and nothing recorded); a stale version is still a 409.
      if (before.version !== input.version) throw DomainError.conflict(before.version);
      return actionItemView(before, true);
    }
    await this.tx.run(async (tx) => {
      await this.core.lock(tx, id);
      const done = input.status === 'DONE';
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE collaboration_tf_action_items
            SET status = $4::varchar,
                completed_at = CASE WHEN $4::varchar = 'DONE' THEN COALESCE(completed_at, now()) END,
                completed_by = CASE WHEN $4::varchar = 'DONE' THEN COALESCE(completed_by, $5::uuid) END,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND collaboration_id = $2 AND version = $3`,
        [itemId, id, input.version, input.status, user.id],
      );
      if (!affected) {
        const current = await actionItem(tx.manager, id, itemId, today);
        if (!current) throw DomainError.notFound();
        throw DomainError.conflict(current.version);
      }
      await this.record(tx, user, row, done ? 'tf.actionItem.done' : 'tf.actionItem.reopen', {
        [`actionItem:${itemId}.status`]: { from: before.status, to: input.status },
      });
    });
    const after = await actionItem(this.dataSource, id, itemId, today);
    if (!after) throw DomainError.notFound();
    return actionItemView(after, mayCompleteActionItem(user, facts, after.owner_id));
  }

  private record(
    tx: Tx,
    user: AuthUser,
    row: CollaborationRow,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
  ): Promise<void> {
    return this.tf.record(tx, user, row, action, changes);
  }
}
