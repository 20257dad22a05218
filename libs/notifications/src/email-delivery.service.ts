import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, webUrl } from '@gwaje/config';
import { withoutPersonalData } from '@gwaje/common';
import { DataSource } from 'typeorm';
import { DeliveryOutcomes } from './delivery-outcomes.js';
import {
  CLAIM_DIGESTS,
  CLAIM_DUE,
  CLAIM_EVENT,
  CLAIM_SINGLES,
  type ClaimedChunk,
  GIVE_UP_EXPIRED,
} from './email-claims.js';
import { MailerService, type OutgoingEmail } from './mailer.service.js';
import type { NotificationSection } from './notification.entity.js';
import {
  type NotificationDescription,
  type NotificationRef,
  ReminderSources,
} from './reminder-port.js';
import { type EmailItem, renderEmail } from './templates.js';

/** E-mails claimed per statement; the next chunk is claimed while this one is sent. */
const CHUNK = 500;
/** The first chunk of a run is smaller, so its first e-mails go out sooner. */
const FIRST_CHUNK = 100;
const NO_RECIPIENT = '00000000-0000-0000-0000-000000000000';

/** What a chunk of sends did: e-mails the server accepted, refused, and had nothing to send. */
export type DeliveryCounts = { sent: number; failed: number; skipped: number };

/** A claimed e-mail, rendered and ready for the SMTP server. */
interface ReadyEmail {
  id: string;
  claimedAt: number;
  email: OutgoingEmail;
}

/** A row of the chunk's one item query: an e-mail's recipient and one of its notifications. */
interface ItemRow {
  email_id: string;
  kind: 'DIGEST' | 'IMMEDIATE';
  address: string | null;
  name: string | null;
  language: 'ko' | 'en' | null;
  active: boolean | null;
  id: string | null;
  rule: string;
  section: NotificationSection;
  urgent: boolean;
  record_type: string;
  record_id: string;
  due_date: string;
}

/**
 * The e-mails of the notifications (DOMAIN.md §6): a daily digest per person, one e-mail per
 * reminder for whoever turned the digest off, and urgent events at once.
 *
 * Delivery is at least once, with a stable Message-ID. Every e-mail is claimed in Postgres (a
 * `notification_emails` row, SENDING) before it goes to the SMTP server, and marked SENT once the
 * server accepted it. A claim holds for `smtp.sendLeaseMs`: a worker killed between the claim and
 * the record of the answer leaves it SENDING, and after the lease it is sent again, with the same
 * Message-ID (`<gwaje-<e-mail id>@host>`) so receiving systems can drop the copy. Nothing claimed is
 * lost; what a crash can duplicate is what the server accepted in the last moments before it
 * (outcomes are written every 50 ms: DeliveryOutcomes). A refused e-mail is retried with backoff
 * up to smtp.maxAttempts, then listed for administrators (EmailFailures).
 *
 * Volume: claims, item queries and outcomes are one statement per chunk, and the pool's
 * connections (smtp.connections) are kept busy from one queue that is refilled before it runs dry,
 * so memory holds about two chunks whatever the run's size.
 */
@Injectable()
export class EmailDelivery {
  private readonly logger = new Logger(EmailDelivery.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly mailer: MailerService,
    private readonly sources: ReminderSources,
  ) {}

  /** A day's reminders of an organisation: one digest per recipient, or one e-mail per reminder. */
  async sendDay(organisationId: string, day: string, orgDigest: boolean): Promise<DeliveryCounts> {
    const lease = this.config.smtp.sendLeaseMs;
    let recipient = NO_RECIPIENT;
    const digests = orgDigest
      ? await this.pump(async (limit) => {
          const chunk = await this.claim(CLAIM_DIGESTS, [
            organisationId,
            day,
            lease,
            recipient,
            limit,
          ]);
          if (chunk.last) recipient = chunk.last;
          return chunk;
        })
      : { sent: 0, failed: 0, skipped: 0 };
    let after = '0';
    const singles = await this.pump(async (limit) => {
      const chunk = await this.claim(CLAIM_SINGLES, [
        organisationId,
        day,
        lease,
        after,
        limit,
        orgDigest,
      ]);
      if (chunk.last) after = chunk.last;
      return chunk;
    });
    return {
      sent: digests.sent + singles.sent,
      failed: digests.failed + singles.failed,
      skipped: digests.skipped + singles.skipped,
    };
  }

  /** An urgent event's notifications, each its own e-mail, at once. */
  async sendNow(notificationIds: string[]): Promise<DeliveryCounts> {
    let start = 0;
    return this.pump(async (limit) => {
      if (start >= notificationIds.length) return { last: null, ids: [] };
      const ids = notificationIds.slice(start, (start += limit));
      const chunk = await this.claim(CLAIM_EVENT, [ids, this.config.smtp.sendLeaseMs]);
      return { last: ids[ids.length - 1], ids: chunk.ids };
    });
  }

  /**
   * The sweep (every minute): e-mails due for a retry, and claims that outlived their lease (their
   * sender died before it could record the answer), are claimed again and sent; a claim that
   * expired smtp.maxAttempts times is given up (FAILED). Several workers may sweep at once.
   */
  async retryDue(): Promise<DeliveryCounts & { gaveUp: number }> {
    const { sendLeaseMs: lease, maxAttempts } = this.config.smtp;
    const [gaveUp] = await this.dataSource.query<[unknown[], number]>(GIVE_UP_EXPIRED, [
      lease,
      maxAttempts,
    ]);
    const done = await this.pump(async (limit) => {
      const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(CLAIM_DUE, [
        lease,
        maxAttempts,
        limit,
      ]);
      return { last: rows.length ? rows[rows.length - 1].id : null, ids: rows.map((r) => r.id) };
    });
    if (done.sent || done.failed || gaveUp.length)
      this.logger.warn({ ...done, gaveUp: gaveUp.length }, 'e-mails retried');
    return { ...done, gaveUp: gaveUp.length };
  }

  private async claim(sql: string, params: unknown[]): Promise<ClaimedChunk> {
    const [row] = await this.dataSource.query<ClaimedChunk[]>(sql, params);
    return row;
  }

  // ── The pump ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Sends what `next` claims, up to `limit` at a time, until it claims nothing more (`last` null):
   * smtp.connections senders take e-mails from one queue, refilled (claim, item query, render)
   * while it still holds work. One e-mail's refusal never stops the others.
   */
  private async pump(next: (limit: number) => Promise<ClaimedChunk>): Promise<DeliveryCounts> {
    const outcomes = new DeliveryOutcomes(this.dataSource, this.config.smtp);
    const queue: ReadyEmail[] = [];
    let exhausted = false;
    let failure: Error | undefined;
    let refilling: Promise<void> | undefined;
    let chunks = 0;
    const refill = () =>
      (refilling ??= (async () => {
        try {
          const chunk = await next(chunks++ ? CHUNK : FIRST_CHUNK);
          if (chunk.last === null) exhausted = true;
          else queue.push(...(await this.prepare(chunk.ids, outcomes)));
        } catch (error) {
          failure ??= error instanceof Error ? error : new Error(String(error));
          exhausted = true;
        } finally {
          refilling = undefined;
        }
      })());
    const sender = async () => {
      for (;;) {
        // Refilled while a whole chunk is still queued: claiming and rendering the next takes
        // longer than sending half of one.
        if (queue.length < CHUNK && !exhausted) void refill();
        const email = queue.shift();
        if (email) await this.sendOne(email, outcomes);
        else if (exhausted) return;
        else await refill();
      }
    };
    await Promise.all(Array.from({ length: this.config.smtp.connections }, sender));
    await outcomes.close();
    // Becomes the job's failedReason in Redis: no address or other value of a failed query.
    if (failure) throw withoutPersonalData(failure);
    if (outcomes.counts.failed)
      this.logger.warn(outcomes.counts, 'e-mails refused by the SMTP server; retried with backoff');
    return outcomes.counts;
  }

  private async sendOne(ready: ReadyEmail, outcomes: DeliveryOutcomes): Promise<void> {
    // A claim that waited half its lease in the queue is left to the sweep: sent now, it could
    // race a second sender once the lease is over.
    if (Date.now() - ready.claimedAt > this.config.smtp.sendLeaseMs / 2) return;
    try {
      const messageId = await this.mailer.send(ready.email);
      outcomes.markSent(ready.id, ready.email.subject, messageId);
    } catch (error) {
      outcomes.markFailed(ready.id, error instanceof Error ? error.message : 'unknown error');
    }
  }

  /**
   * Renders a chunk of claimed e-mails: one query for their recipients and notifications, one per
   * capability for what its notifications say now. An e-mail with nothing left to say (every item
   * done) or whose recipient is inactive is SKIPPED, never sent empty.
   */
  private async prepare(emailIds: string[], outcomes: DeliveryOutcomes): Promise<ReadyEmail[]> {
    if (!emailIds.length) return [];
    const claimedAt = Date.now();
    const rows = await this.dataSource.query<ItemRow[]>(
      `SELECT e.id::text AS email_id, e.kind, u.email AS address, u.name,
              COALESCE(p.language, u.language) AS language, u.active,
              n.id::text AS id, n.rule, n.section, n.urgent, n.record_type, n.record_id,
              to_char(n.due_date, 'YYYY-MM-DD') AS due_date
         FROM notification_emails e
         LEFT JOIN users u ON u.id = e.recipient_id
         LEFT JOIN notification_preferences p ON p.user_id = e.recipient_id
         LEFT JOIN notifications n ON n.email_id = e.id
        WHERE e.id = ANY($1::bigint[])
        ORDER BY e.id, n.section, n.due_date, n.id`,
      [emailIds],
    );
    const described = await this.describe(rows.filter((r) => r.id !== null));
    const byEmail = new Map<string, ItemRow[]>();
    for (const r of rows) {
      const group = byEmail.get(r.email_id);
      if (group) group.push(r);
      else byEmail.set(r.email_id, [r]);
    }

    const host = new URL(this.config.publicUrl).hostname;
    const ready: ReadyEmail[] = [];
    for (const [emailId, items] of byEmail) {
      const [first] = items;
      const open = items.filter((r) => r.id !== null && described.get(r.id)?.stillOpen);
      if (!first.active || !open.length) {
        outcomes.markSkipped(
          emailId,
          first.active ? 'nothing left to remind' : 'recipient inactive',
        );
        continue;
      }
      const rendered = renderEmail({
        recipientName: first.name ?? '',
        items: open.map((r): EmailItem => {
          const d = described.get(r.id!)!;
          return {
            section: r.section,
            ruleLabel: this.sources.label(r.rule),
            title: d.title,
            dueDate: r.due_date,
            link: webUrl(this.config, d.path),
            note: d.note ?? null,
          };
        }),
        urgent: first.kind === 'IMMEDIATE' && first.urgent,
        language: first.language === 'en' ? 'en' : 'ko',
        // The web app's notifications page (history and preferences).
        settingsLink: webUrl(this.config, '/notifications'),
      });
      ready.push({
        id: emailId,
        claimedAt,
        email: { to: first.address!, ...rendered, messageId: `<gwaje-${emailId}@${host}>` },
      });
    }
    return ready;
  }

  /** What each notification says now, from the capability that made it (one query per kind). */
  private async describe(rows: ItemRow[]): Promise<Map<string, NotificationDescription>> {
    const byType = new Map<string, NotificationRef[]>();
    for (const r of rows) {
      const refs = byType.get(r.record_type) ?? [];
      refs.push({
        id: r.id!,
        rule: r.rule,
        recordType: r.record_type,
        recordId: r.record_id,
        dueDate: r.due_date,
      });
      byType.set(r.record_type, refs);
    }
    const described = new Map<string, NotificationDescription>();
    for (const [recordType, refs] of byType) {
      const source = this.sources.forRecordType(recordType);
      if (!source) continue;
      for (const [id, d] of await source.describe(refs)) described.set(id, d);
    }
    return described;
  }
}
