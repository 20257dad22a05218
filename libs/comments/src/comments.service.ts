import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, HistoryService } from '@gwaje/audit';
import { CollaborationsService } from '@gwaje/collaboration';
import {
  containsPattern,
  DomainError,
  ErrorCode,
  type ErrorDetail,
  type LocalText,
} from '@gwaje/common';
import { ConsultationsService } from '@gwaje/consultations';
import { TransactionService, type Tx } from '@gwaje/db';
import { type AuthUser, type Role, SettingsService } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { ReportsService } from '@gwaje/reports';
import { TasksService } from '@gwaje/tasks';
import { DataSource } from 'typeorm';
import {
  changeRefusal,
  type CommentRecordType,
  editableUntil,
  newlyMentioned,
  threadRoot,
} from './comment-rules.js';
import { CommentEvent } from './comment-reminders.js';

interface PersonRef {
  id: string;
  name: string;
}

export interface CommentView {
  id: string;
  recordType: CommentRecordType;
  recordId: string;
  parentId: string | null;
  author: PersonRef | null;
  /** Empty once deleted (the history keeps what it said). */
  body: string;
  mentions: PersonRef[];
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  version: number;
  /** Until when the caller may still edit or delete it (null: they may not). */
  editableUntil: Date | null;
}

export interface MentionCandidate {
  id: string;
  name: string;
  departmentName: string;
}

interface CommentRow {
  id: string;
  organisation_id: string;
  record_type: CommentRecordType;
  record_id: string;
  parent_id: string | null;
  author_id: string | null;
  author_name: string | null;
  body: string;
  mention_ids: string[];
  mentions: PersonRef[] | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  version: number;
}

/** The commented record as the caller may read it. */
interface Target {
  organisationId: string;
  title: string;
}

const SELECT = `
  SELECT c.id, c.organisation_id, c.record_type, c.record_id, c.parent_id, c.author_id, au.name AS author_name,
         c.body, c.mention_ids, c.created_at, c.edited_at, c.deleted_at, c.version,
         (SELECT json_agg(json_build_object('id', mu.id, 'name', mu.name) ORDER BY mu.name)
            FROM users mu WHERE mu.id = ANY(c.mention_ids)) AS mentions
    FROM comments c LEFT JOIN users au ON au.id = c.author_id`;

const REFUSED: Record<'notAuthor' | 'deleted' | 'expired', LocalText> = {
  notAuthor: {
    ko: '다른 사람의 댓글은 고치거나 지울 수 없습니다.',
    en: 'Only its author may change a comment.',
  },
  deleted: { ko: '삭제된 댓글입니다.', en: 'The comment has been deleted.' },
  expired: {
    ko: '댓글을 고치거나 지울 수 있는 시간이 지났습니다.',
    en: 'The time to edit or delete this comment has passed.',
  },
};

/**
 * Comments with @mentions on tasks, reports, pre-consultations and collaboration tasks (issue 23).
 * Scoped like the record: whoever may read it reads and writes its comments, and a person may be
 * mentioned only if they may read it too. Every change is in the record's history; a mention
 * notifies through the reminder engine (CommentReminders).
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly outbox: OutboxService,
    private readonly settings: SettingsService,
    private readonly tasks: TasksService,
    private readonly reports: ReportsService,
    private readonly consultations: ConsultationsService,
    private readonly collaborations: CollaborationsService,
    private readonly accessLog: AccessLogService,
  ) {}

  async list(user: AuthUser, recordType: CommentRecordType, recordId: string) {
    const target = await this.target(user, recordType, recordId);
    const rows = await this.dataSource.query<CommentRow[]>(
      `${SELECT} WHERE c.record_type = $1 AND c.record_id = $2 ORDER BY c.created_at, c.id`,
      [recordType, recordId],
    );
    const minutes = await this.settings.get(target.organisationId, 'comments.editMinutes');
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: 'comment',
      filter: { recordType, recordId },
    });
    return rows.map((r) => this.view(user, r, minutes));
  }

  async add(
    user: AuthUser,
    input: {
      recordType: CommentRecordType;
      recordId: string;
      parentId?: string;
      body: string;
      mentionIds?: string[];
    },
  ): Promise<CommentView> {
    const target = await this.target(user, input.recordType, input.recordId);
    const body = input.body.trim();
    const problems: ErrorDetail[] = [];
    if (!body) problems.push(emptyBody());
    let parentId: string | null = null;
    if (input.parentId) {
      const [parent] = await this.dataSource.query<Array<{ id: string; parent_id: string | null }>>(
        `SELECT id, parent_id FROM comments WHERE id = $1 AND record_type = $2 AND record_id = $3`,
        [input.parentId, input.recordType, input.recordId],
      );
      if (parent) parentId = threadRoot({ id: parent.id, parentId: parent.parent_id });
      else
        problems.push({
          field: 'parentId',
          code: 'commentOfRecord',
          message: {
            ko: '이 기록의 댓글이 아닙니다.',
            en: 'not a comment on this record',
          },
        });
    }
    const mentions = dedupe(input.mentionIds ?? []).filter((id) => id !== user.id);
    problems.push(...(await this.mentionProblems(input.recordType, input.recordId, mentions)));
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);

    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO comments (organisation_id, record_type, record_id, record_title, parent_id, author_id, body, mention_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[]) RETURNING id`,
        [
          target.organisationId,
          input.recordType,
          input.recordId,
          target.title.slice(0, 300),
          parentId,
          user.id,
          body,
          mentions,
        ],
      );
      await this.record(tx, user, target, input, 'comment.add', { from: null, to: body });
      await this.notify(tx, target, row.id, mentions);
      return row.id;
    });
    return this.one(user, id, target.organisationId);
  }

  async edit(
    user: AuthUser,
    id: string,
    input: { body: string; mentionIds?: string[]; version: number },
  ): Promise<CommentView> {
    const { row, target } = await this.readable(user, id);
    await this.assertMayChange(user, row, target);
    const body = input.body.trim();
    if (!body) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, [emptyBody()]);
    const mentions =
      input.mentionIds === undefined
        ? row.mention_ids
        : dedupe(input.mentionIds).filter((m) => m !== user.id);
    const added = newlyMentioned(row.mention_ids, mentions);
    const problems = await this.mentionProblems(row.record_type, row.record_id, added, mentions);
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, problems);
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE comments SET body = $3, mention_ids = $4::uuid[], edited_at = now(), version = version + 1
          WHERE id = $1 AND version = $2 AND deleted_at IS NULL`,
        [id, input.version, body, mentions],
      );
      if (!affected) throw await this.conflictOf(tx, id);
      await this.record(tx, user, target, rowRef(row), 'comment.edit', {
        from: row.body,
        to: body,
      });
      await this.notify(tx, target, id, added);
    });
    return this.one(user, id, target.organisationId);
  }

  /** The text goes; the comment stays in its thread as deleted (the history keeps the text). */
  async remove(user: AuthUser, id: string): Promise<void> {
    const { row, target } = await this.readable(user, id);
    await this.assertMayChange(user, row, target);
    await this.tx.run(async (tx) => {
      const [, affected] = await tx.manager.query<[unknown[], number]>(
        `UPDATE comments SET body = '', mention_ids = '{}', deleted_at = now(), version = version + 1
          WHERE id = $1 AND deleted_at IS NULL`,
        [id],
      );
      if (!affected) throw await this.conflictOf(tx, id);
      await this.record(tx, user, target, rowRef(row), 'comment.delete', {
        from: row.body,
        to: null,
      });
    });
  }

  /**
   * People the caller may mention on the record: active users of their organisation and of the
   * record's (a collaboration's) whose name or department matches, who may read the record.
   */
  async mentionable(
    user: AuthUser,
    recordType: CommentRecordType,
    recordId: string,
    query: string,
  ): Promise<MentionCandidate[]> {
    const target = await this.target(user, recordType, recordId);
    const like = containsPattern(query.trim());
    const rows = await this.dataSource.query<Array<ActorRow & { department_name: string | null }>>(
      `${ACTOR_SELECT}, d.name AS department_name FROM users u LEFT JOIN departments d ON d.id = u.department_id
        WHERE u.active AND u.id <> $1 AND u.organisation_id = ANY($2::uuid[])
          AND (u.name ILIKE $3 OR d.name ILIKE $3)
        ORDER BY u.name, u.id LIMIT 30`,
      [user.id, dedupe([user.organisationId, target.organisationId]), like],
    );
    const out: MentionCandidate[] = [];
    for (const r of rows) {
      if (out.length === 10) break;
      if (await this.reads(actorOf(r), recordType, recordId))
        out.push({ id: r.id, name: r.name, departmentName: r.department_name ?? '' });
    }
    return out;
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────────

  /** The record, 404 unless the caller may read it. */
  private async target(user: AuthUser, type: CommentRecordType, id: string): Promise<Target> {
    switch (type) {
      case 'task': {
        const r = await this.tasks.readableRow(user, id);
        return { organisationId: r.organisation_id, title: r.title };
      }
      case 'report': {
        const r = await this.reports.readableRow(user, id);
        return { organisationId: r.organisation_id, title: `${r.task_title} (${r.period})` };
      }
      case 'consultation': {
        const r = await this.consultations.readableRow(user, id);
        return { organisationId: r.organisation_id, title: r.subject };
      }
      case 'collaboration': {
        const r = await this.collaborations.readableRow(user, id);
        return { organisationId: r.lead_organisation_id, title: r.task_title };
      }
    }
  }

  private async reads(user: AuthUser, type: CommentRecordType, id: string): Promise<boolean> {
    return this.target(user, type, id).then(
      () => true,
      (e: unknown) => {
        if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) return false;
        throw e;
      },
    );
  }

  /** Each newly mentioned person must be an active user who may read the record. */
  private async mentionProblems(
    type: CommentRecordType,
    recordId: string,
    check: string[],
    all: string[] = check,
  ): Promise<ErrorDetail[]> {
    if (!check.length) return [];
    const rows = await this.dataSource.query<ActorRow[]>(
      `${ACTOR_SELECT} FROM users u WHERE u.id = ANY($1::uuid[]) AND u.active`,
      [check],
    );
    const found = new Map(rows.map((r) => [r.id, r]));
    const problems: ErrorDetail[] = [];
    for (const id of check) {
      const row = found.get(id);
      if (row && (await this.reads(actorOf(row), type, recordId))) continue;
      problems.push({
        field: `mentionIds.${all.indexOf(id)}`,
        code: 'mentionReads',
        message: {
          ko: '이 기록을 볼 수 없는 사람은 언급할 수 없습니다.',
          en: 'cannot mention someone who may not read this record',
        },
      });
    }
    return problems;
  }

  private async readable(user: AuthUser, id: string): Promise<{ row: CommentRow; target: Target }> {
    const [row] = await this.dataSource.query<CommentRow[]>(`${SELECT} WHERE c.id = $1`, [id]);
    if (!row) throw DomainError.notFound();
    return { row, target: await this.target(user, row.record_type, row.record_id) };
  }

  private async assertMayChange(user: AuthUser, row: CommentRow, target: Target): Promise<void> {
    const minutes = await this.settings.get(target.organisationId, 'comments.editMinutes');
    const refusal = changeRefusal(
      { authorId: row.author_id, createdAt: row.created_at, deletedAt: row.deleted_at },
      user.id,
      new Date(),
      minutes,
    );
    if (!refusal) return;
    const context = {
      resource: 'comment',
      currentStatus: row.deleted_at ? 'DELETED' : 'POSTED',
      allowedActions: [],
    };
    if (refusal === 'notAuthor')
      throw new DomainError(ErrorCode.FORBIDDEN, REFUSED.notAuthor, [], context);
    throw DomainError.illegalTransition(context, REFUSED[refusal]);
  }

  private async one(user: AuthUser, id: string, organisationId: string): Promise<CommentView> {
    const [row] = await this.dataSource.query<CommentRow[]>(`${SELECT} WHERE c.id = $1`, [id]);
    const minutes = await this.settings.get(organisationId, 'comments.editMinutes');
    return this.view(user, row, minutes);
  }

  private view(user: AuthUser, r: CommentRow, minutes: number): CommentView {
    const mayChange = changeRefusal(
      { authorId: r.author_id, createdAt: r.created_at, deletedAt: r.deleted_at },
      user.id,
      new Date(),
      minutes,
    );
    return {
      id: r.id,
      recordType: r.record_type,
      recordId: r.record_id,
      parentId: r.parent_id,
      author: r.author_id && r.author_name ? { id: r.author_id, name: r.author_name } : null,
      body: r.body,
      mentions: r.mentions ?? [],
      createdAt: r.created_at,
      editedAt: r.edited_at,
      deleted: r.deleted_at !== null,
      version: r.version,
      editableUntil: mayChange ? null : editableUntil(r.created_at, minutes),
    };
  }

  /** In the commented record's history: who wrote, changed or deleted what. */
  private record(
    tx: Tx,
    user: AuthUser,
    target: Target,
    ref: { recordType: CommentRecordType; recordId: string },
    action: string,
    comment: { from: string | null; to: string | null },
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId: target.organisationId,
      recordType: ref.recordType,
      recordId: ref.recordId,
      action,
      actorId: user.id,
      changes: { comment },
      reason: null,
    });
  }

  private async notify(tx: Tx, target: Target, commentId: string, mentionIds: string[]) {
    if (!mentionIds.length) return;
    await this.outbox.emit(tx, {
      organisationId: target.organisationId,
      event: CommentEvent.MENTIONED,
      recordType: 'comment',
      recordId: commentId,
      // Payload values are scalars: the ids comma-separated.
      payload: { mentionIds: mentionIds.join(',') },
    });
  }

  private async conflictOf(tx: Tx, id: string): Promise<DomainError> {
    const [current] = await tx.manager.query<Array<{ version: number }>>(
      `SELECT version FROM comments WHERE id = $1`,
      [id],
    );
    return DomainError.conflict(current?.version ?? 0);
  }
}

const emptyBody = (): ErrorDetail => ({
  field: 'body',
  code: 'required',
  message: { ko: '댓글 내용을 입력하세요.', en: 'the comment is empty' },
});

const dedupe = (ids: string[]) => [...new Set(ids)];

const rowRef = (row: CommentRow) => ({ recordType: row.record_type, recordId: row.record_id });

interface ActorRow {
  id: string;
  organisation_id: string;
  department_id: string;
  roles: Role[];
  name: string;
  email: string;
  language: 'ko' | 'en';
  system_administrator: boolean;
}

const ACTOR_SELECT = `SELECT u.id, u.organisation_id, u.department_id, u.roles, u.name, u.email, u.language, u.system_administrator`;

/** Another user as the read scope sees them (to ask whether they may read the record). */
function actorOf(r: ActorRow): AuthUser {
  return {
    id: r.id,
    sessionId: 'mention-check',
    organisationId: r.organisation_id,
    departmentId: r.department_id,
    roles: r.roles,
    name: r.name,
    email: r.email,
    language: r.language,
    systemAdministrator: r.system_administrator,
  };
}
