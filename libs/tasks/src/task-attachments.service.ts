import { Injectable } from '@nestjs/common';
import { HistoryService } from '@gwaje/audit';
import {
  type AttachmentDownload,
  attachmentAdded,
  AttachmentsService,
  type AttachmentView,
  type Upload,
} from '@gwaje/attachments';
import { DomainError } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { allowedTaskActions } from './task-permissions.js';
import type { TaskRow } from './task-query.js';
import { TasksService } from './tasks.service.js';

const ATTACHMENT_OWNER = 'task';

/**
 * Files on a task (plans, evidence, minutes), through the attachment mechanism reports and
 * pre-consultations use: whoever reads the task downloads them (access-logged); whoever works on it
 * (plans it, or records its progress) attaches and removes them, each in the task's history.
 */
@Injectable()
export class TaskAttachmentsService {
  constructor(
    private readonly tasks: TasksService,
    private readonly attachments: AttachmentsService,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
  ) {}

  async list(user: AuthUser, taskId: string): Promise<AttachmentView[]> {
    await this.tasks.readableRow(user, taskId);
    return this.attachments.list(ATTACHMENT_OWNER, taskId);
  }

  async download(
    user: AuthUser,
    taskId: string,
    attachmentId: string,
  ): Promise<AttachmentDownload> {
    await this.tasks.readableRow(user, taskId);
    return this.attachments.download(user, ATTACHMENT_OWNER, taskId, attachmentId);
  }

  async add(user: AuthUser, taskId: string, upload: Upload): Promise<AttachmentView[]> {
    const row = await this.writable(user, taskId);
    const file = await this.attachments.receive(row.organisation_id, upload);
    // A file staged on disk that the transaction did not keep is removed (attachments.discard).
    try {
      await this.tx.run(async (tx) => {
        await this.tasks.lockForWrite(tx, taskId);
        const attachmentId = await this.attachments.save(
          tx,
          { organisationId: row.organisation_id, ownerType: ATTACHMENT_OWNER, ownerId: taskId },
          file,
          user.id,
        );
        await this.record(tx, user, row, 'attachment.add', attachmentAdded(attachmentId, file));
      });
    } finally {
      await this.attachments.discard(file);
    }
    return this.attachments.list(ATTACHMENT_OWNER, taskId);
  }

  async remove(user: AuthUser, taskId: string, attachmentId: string): Promise<void> {
    const row = await this.writable(user, taskId);
    await this.tx.run(async (tx) => {
      await this.tasks.lockForWrite(tx, taskId);
      const removed = await this.attachments.remove(tx, ATTACHMENT_OWNER, taskId, attachmentId);
      await this.record(tx, user, row, 'attachment.remove', {
        [`attachment:${attachmentId}`]: { from: removed, to: null },
      });
    });
  }

  /** 404 unless readable; 403 (with what they may do) unless they plan it or record its progress. */
  private async writable(user: AuthUser, taskId: string): Promise<TaskRow> {
    const row = await this.tasks.readableRow(user, taskId);
    const allowed = allowedTaskActions(user, {
      organisationId: row.organisation_id,
      leadDepartmentId: row.lead_department_id,
      ownerId: row.owner_id,
      status: row.status,
      isMember: row.is_member,
    });
    if (!allowed.includes('edit') && !allowed.includes('updateProgress')) {
      throw DomainError.forbidden({
        resource: 'task',
        currentStatus: row.status,
        allowedActions: allowed,
      });
    }
    return row;
  }

  private record(
    tx: Tx,
    user: AuthUser,
    row: TaskRow,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId: row.organisation_id,
      recordType: 'task',
      recordId: row.id,
      action,
      actorId: user.id,
      changes,
      reason: null,
    });
  }
}
