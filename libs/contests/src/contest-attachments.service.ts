import { Injectable } from '@nestjs/common';
import {
  attachmentAdded,
  type AttachmentDownload,
  AttachmentsService,
  type Upload,
} from '@gwaje/attachments';
import { DomainError } from '@gwaje/common';
import { TransactionService, type Tx } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import { ContestAccess } from './contest-access.js';
import {
  CONTEST_ENTRY_ATTACHMENT_OWNER as ATTACHMENT_OWNER,
  ContestEntriesService,
  type ContestEntryView,
} from './contest-entries.service.js';
import type { EntryRow } from './contest-query.js';

/** Files of an entry (libs/attachments): the entrant's office adds and removes them before screening. */
@Injectable()
export class ContestAttachmentsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly access: ContestAccess,
    private readonly attachments: AttachmentsService,
    private readonly entries: ContestEntriesService,
  ) {}

  /**
   * The entrant's office attaches a file to its entry while it awaits screening (SUBMITTED): size
   * limit of the entrant organisation, type allow-list checked on content, sha256 stored.
   */
  async addAttachment(user: AuthUser, id: string, upload: Upload): Promise<ContestEntryView> {
    const row = await this.assertEntrantEditable(user, id);
    const file = await this.attachments.receive(row.entrant_organisation_id, upload);
    try {
      await this.tx.run(async (tx) => {
        const organiser = await this.touchSubmitted(tx, row);
        const attachmentId = await this.attachments.save(
          tx,
          { organisationId: row.entrant_organisation_id, ownerType: ATTACHMENT_OWNER, ownerId: id },
          file,
          user.id,
        );
        await this.access.record(
          tx,
          user,
          organiser,
          'contest_entry',
          id,
          'attachment.add',
          attachmentAdded(attachmentId, file),
        );
      });
    } finally {
      await this.attachments.discard(file);
    }
    return this.entries.getEntry(user, id);
  }

  /** Anyone who may read the entry may download its files; each download is access-logged. */
  async download(user: AuthUser, id: string, attachmentId: string): Promise<AttachmentDownload> {
    await this.access.readableEntry(user, id);
    return this.attachments.download(user, ATTACHMENT_OWNER, id, attachmentId);
  }

  async removeAttachment(user: AuthUser, id: string, attachmentId: string): Promise<void> {
    const row = await this.assertEntrantEditable(user, id);
    await this.tx.run(async (tx) => {
      const organiser = await this.touchSubmitted(tx, row);
      const removed = await this.attachments.remove(tx, ATTACHMENT_OWNER, id, attachmentId);
      await this.access.record(tx, user, organiser, 'contest_entry', id, 'attachment.remove', {
        attachment: { from: removed, to: null },
      });
    });
  }

  /** The entrant organisation's office, on an entry still awaiting screening. */
  private async assertEntrantEditable(user: AuthUser, id: string): Promise<EntryRow> {
    const row = await this.access.readableEntry(user, id);
    if (row.entrant_organisation_id !== user.organisationId || !this.access.isOffice(user))
      throw DomainError.forbidden();
    if (row.state !== 'SUBMITTED')
      throw DomainError.illegalTransition(
        { resource: 'contestEntry', currentStatus: row.state, allowedActions: [] },
        {
          ko: '검토가 끝난 출품작의 첨부파일은 바꿀 수 없습니다.',
          en: 'The files of a screened entry cannot change.',
        },
      );
    return row;
  }

  /** Bumps the entry's version while it is still SUBMITTED (a screening may have raced us). */
  private async touchSubmitted(tx: Tx, row: EntryRow): Promise<string> {
    const [hit] = await tx.manager.query<[Array<{ organiser: string }>, number]>(
      `UPDATE contest_entries e SET version = e.version + 1, updated_at = now()
         FROM contest_rounds r WHERE e.id = $1 AND e.state = 'SUBMITTED' AND r.id = e.round_id
       RETURNING r.organisation_id AS organiser`,
      [row.id],
    );
    if (!hit.length)
      throw DomainError.illegalTransition(
        { resource: 'contestEntry', currentStatus: 'ACCEPTED', allowedActions: [] },
        {
          ko: '검토가 끝난 출품작의 첨부파일은 바꿀 수 없습니다.',
          en: 'The files of a screened entry cannot change.',
        },
      );
    return hit[0].organiser;
  }
}
