import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@gwaje/config';
import { DataSource } from 'typeorm';
import { MailerService } from './mailer.service.js';
import type { NotificationSection } from './notification.entity.js';
import {
  type NotificationDescription,
  type NotificationRef,
  ReminderSources,
} from './reminder-port.js';
import { type EmailItem, renderEmail } from './templates.js';

/** A notification an e-mail is about, ready for its template. */
interface Item {
  id: string;
  section: NotificationSection;
  rule: string;
  dueDate: string;
  title: string;
  link: string;
  note: string | null;
}

/** An email whose claim expired this many times without an answer is given up (FAILED). */
export const MAX_SEND_ATTEMPTS = 5;

/**
 * A claim is open to a new sender when the server refused the email (FAILED), or when it has been
 * SENDING for longer than the lease (its sender died before it could record the answer).
 * `$lease` is the placeholder of smtp.sendLeaseMs.
 */
const reclaimable = (table: string, lease: string) =>
  `(${table}.status = 'FAILED' OR (${table}.status = 'SENDING' AND ${table}.claimed_at < now() - ${lease}::int * interval '1 millisecond'))`;

/**
 * The e-mails of the notifications (DOMAIN.md §6): a daily digest per person (action required,
 * overdue, due soon) or, for urgent events, one at once.
 *
 * Delivery: every email is claimed in Postgres (a `notification_emails` row, SENDING) before it is
 * handed to the SMTP server and marked SENT once the server accepted it, so a retried job, a second
 * worker or a restarted worker never sends a claimed email again while its claim holds. A claim
 * holds for `smtp.sendLeaseMs` (5 minutes): a worker killed between the claim and the server's
 * answer leaves its claim SENDING, and once the lease is over the email is sent again (by the job's
 * retry or by the `resendExpired` sweep), so the kill does not lose it. The trade-off: a worker
 * killed in the few milliseconds after the server accepted the message and before SENT was written
 * makes that one email go twice (no SMTP sender can know whether a message it never saw accepted
 * was delivered); the copy carries the same Message-ID, which many mail systems deduplicate.
 * Without the lease such an email would be lost instead, and in the far more likely case: the
 * window between claim and answer is the whole send, the window after it a single UPDATE.
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

  /** The label of a rule, from the capability that registered it. */
  ruleLabel(rule: string): { ko: string; en: string } {
    return this.sources.label(rule);
  }

  // ── Sending ──────────────────────────────────────────────────────────────────────────────────

  /** One digest per recipient and day; with the digest off, one email per reminder. */
  async sendDigests(organisationId: string, today: string, orgDigest: boolean): Promise<number> {
    const pending = await this.dataSource.query<
      Array<{ recipient_id: string; ids: string[]; digest: boolean }>
    >(
      // Unsent reminders, those whose email the server refused, and those whose claim outlived
      // its lease (a worker killed mid-send): a retried run picks them up again. An email still
      // SENDING within its lease is left to its sender.
      `SELECT n.recipient_id, array_agg(n.id ORDER BY n.id) AS ids, COALESCE(p.digest, true) AS digest
         FROM notifications n
         LEFT JOIN notification_emails e ON e.id = n.email_id
         LEFT JOIN notification_preferences p ON p.user_id = n.recipient_id
        WHERE n.organisation_id = $1 AND NOT n.urgent AND n.send_on <= $2::date
          AND (n.email_id IS NULL OR ${reclaimable('e', '$3')})
        GROUP BY n.recipient_id, p.digest`,
      [organisationId, today, this.config.smtp.sendLeaseMs],
    );
    let sent = 0;
    const failures: unknown[] = [];
    // One recipient's failure does not hold up the others; the job retries what failed.
    const attempt = async (send: () => Promise<number>) => {
      try {
        const n = await send(); // read `sent` after the await: senders run in parallel
        sent += n;
      } catch (error) {
        failures.push(error);
      }
    };
    // As many recipients at a time as the mailer has SMTP connections (smtp.connections): one at a
    // time left the pool
    // idle while each email waited for its database round trips (the benchmark's fan-out). Each
    // email has its own claim, so parallel sends never send one twice.
    const queue = [...pending];
    const sender = async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        if (orgDigest && p.digest)
          await attempt(() => this.sendDigest(p.recipient_id, today, p.ids));
        else for (const id of p.ids) await attempt(() => this.sendImmediate(id));
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.config.smtp.connections, queue.length) }, sender),
    );
    if (failures.length) throw failures[0];
    return sent;
  }

  private async sendDigest(recipientId: string, day: string, ids: string[]): Promise<number> {
    const claimed = await this.dataSource.transaction(async (m) => {
      const [email] = await m.query<Array<{ id: string }>>(
        `INSERT INTO notification_emails (recipient_id, kind, digest_date, status, attempts, claimed_at)
         VALUES ($1, 'DIGEST', $2, 'SENDING', 1, now())
         ON CONFLICT (recipient_id, digest_date) WHERE kind = 'DIGEST' DO UPDATE
            SET status = 'SENDING', attempts = notification_emails.attempts + 1, claimed_at = now()
          WHERE ${reclaimable('notification_emails', '$3')}
         RETURNING id`,
        [recipientId, day, this.config.smtp.sendLeaseMs],
      );
      if (!email) return null;
      await m.query(`UPDATE notifications SET email_id = $1 WHERE id = ANY($2::bigint[])`, [
        email.id,
        ids,
      ]);
      return email.id;
    });
    return claimed ? this.deliver(claimed, recipientId, false) : 0;
  }

  /** An urgent event, or a reminder of someone who turned the digest off: its own email. */
  async sendImmediate(notificationId: string): Promise<number> {
    const [n] = await this.dataSource.query<Array<{ recipient_id: string; urgent: boolean }>>(
      `SELECT recipient_id, urgent FROM notifications WHERE id = $1`,
      [notificationId],
    );
    if (!n) return 0;
    const claimed = await this.dataSource.transaction(async (m) => {
      const [email] = await m.query<Array<{ id: string }>>(
        `INSERT INTO notification_emails (recipient_id, kind, notification_id, status, attempts, claimed_at)
         VALUES ($1, 'IMMEDIATE', $2, 'SENDING', 1, now())
         ON CONFLICT (notification_id) WHERE kind = 'IMMEDIATE' DO UPDATE
            SET status = 'SENDING', attempts = notification_emails.attempts + 1, claimed_at = now()
          WHERE ${reclaimable('notification_emails', '$3')}
         RETURNING id`,
        [n.recipient_id, notificationId, this.config.smtp.sendLeaseMs],
      );
      if (!email) return null;
      await m.query(`UPDATE notifications SET email_id = $1 WHERE id = $2`, [
        email.id,
        notificationId,
      ]);
      return email.id;
    });
    return claimed ? this.deliver(claimed, n.recipient_id, n.urgent) : 0;
  }

  /**
   * The sweep (a job every minute): emails still SENDING after their lease, whose sender died
   * between the claim and the server's answer, are claimed again and sent; after
   * MAX_SEND_ATTEMPTS claims they are given up as FAILED (visible to operators). Several workers
   * may sweep at once: each expired claim is taken by one of them (row locks, SKIP LOCKED).
   */
  async resendExpired(batch = 100): Promise<{ resent: number; gaveUp: number }> {
    const lease = this.config.smtp.sendLeaseMs;
    const expired = `status = 'SENDING' AND claimed_at < now() - $1::int * interval '1 millisecond'`;
    // An UPDATE answers [rows, affected count] through TypeORM.
    const [gaveUp] = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE notification_emails
          SET status = 'FAILED', error = 'no answer recorded within the send lease ' || attempts || ' times'
        WHERE ${expired} AND attempts >= $2
        RETURNING id`,
      [lease, MAX_SEND_ATTEMPTS],
    );
    const [claimed] = await this.dataSource.query<
      [Array<{ id: string; recipient_id: string; urgent: boolean }>, number]
    >(
      `UPDATE notification_emails e SET claimed_at = now(), attempts = e.attempts + 1
         FROM (SELECT id FROM notification_emails WHERE ${expired} AND attempts < $2
                ORDER BY claimed_at LIMIT $3 FOR UPDATE SKIP LOCKED) x
        WHERE e.id = x.id AND e.status = 'SENDING'
        RETURNING e.id, e.recipient_id,
                  e.kind = 'IMMEDIATE' AND EXISTS (
                    SELECT 1 FROM notifications n WHERE n.id = e.notification_id AND n.urgent) AS urgent`,
      [lease, MAX_SEND_ATTEMPTS, batch],
    );
    let resent = 0;
    const failures: unknown[] = [];
    for (const c of claimed) {
      try {
        resent += await this.deliver(c.id, c.recipient_id, c.urgent);
      } catch (error) {
        failures.push(error);
      }
    }
    if (claimed.length || gaveUp.length) {
      this.logger.warn(
        { resent, failed: failures.length, gaveUp: gaveUp.length },
        'emails whose send lease expired were sent again',
      );
    }
    if (failures.length) throw failures[0];
    return { resent, gaveUp: gaveUp.length };
  }

  /** Renders and sends a claimed email; drops items already done (no empty emails). */
  private async deliver(emailId: string, recipientId: string, urgent: boolean): Promise<number> {
    const [recipient] = await this.dataSource.query<
      Array<{ email: string; name: string; language: 'ko' | 'en'; active: boolean }>
    >(
      `SELECT u.email, u.name, COALESCE(p.language, u.language) AS language, u.active
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = $1`,
      [recipientId],
    );
    const ids = (
      await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM notifications WHERE email_id = $1`,
        [emailId],
      )
    ).map((r) => r.id);
    const open = ids.length ? await this.describe(ids) : [];
    if (!recipient?.active || !open.length) {
      await this.dataSource.query(
        `UPDATE notification_emails SET status = 'SKIPPED', error = $2 WHERE id = $1`,
        [emailId, !recipient?.active ? 'recipient inactive' : 'nothing left to remind'],
      );
      return 0;
    }
    const base = this.config.publicUrl.replace(/\/$/, '');
    const items: EmailItem[] = open.map((r) => ({
      section: r.section,
      ruleLabel: this.ruleLabel(r.rule),
      title: r.title,
      dueDate: r.dueDate,
      link: `${base}${r.link}`,
      note: r.note,
    }));
    const rendered = renderEmail({
      recipientName: recipient.name,
      items,
      urgent,
      language: recipient.language === 'en' ? 'en' : 'ko',
      // The web app's notifications page (history and preferences).
      settingsLink: `${base}/notifications`,
    });
    const messageId = `<gwaje-${emailId}@${new URL(base).hostname}>`;
    let sentId: string;
    try {
      sentId = await this.mailer.send({ to: recipient.email, ...rendered, messageId });
    } catch (error) {
      // Not accepted by the server: released for the job's next attempt (bounded retries).
      await this.dataSource.query(
        `UPDATE notification_emails SET status = 'FAILED', error = $2 WHERE id = $1`,
        [emailId, error instanceof Error ? error.message.slice(0, 1000) : 'unknown error'],
      );
      this.logger.warn({ emailId }, 'email not accepted by the SMTP server');
      throw error;
    }
    // Accepted. Should recording it fail now, the claim stays SENDING: the e-mail is sent again
    // only after its lease, with the same Message-ID, never at once as a FAILED one would be.
    await this.dataSource.query(
      `UPDATE notification_emails SET status = 'SENT', sent_at = now(), subject = $2, message_id = $3, error = NULL WHERE id = $1`,
      [emailId, rendered.subject.slice(0, 300), sentId.slice(0, 200)],
    );
    return 1;
  }

  /**
   * What each notification says now, from the capability that made it, in the e-mail's order
   * (section, due date, then as made); those already done, or whose record is gone, are dropped.
   */
  private async describe(ids: string[]): Promise<Item[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        rule: string;
        section: NotificationSection;
        record_type: string;
        record_id: string;
        due_date: string;
      }>
    >(
      `SELECT id::text, rule, section, record_type, record_id, to_char(due_date, 'YYYY-MM-DD') AS due_date
         FROM notifications WHERE id = ANY($1::bigint[]) ORDER BY section, due_date, id`,
      [ids],
    );
    const byType = new Map<string, NotificationRef[]>();
    for (const r of rows) {
      const refs = byType.get(r.record_type) ?? [];
      refs.push({
        id: r.id,
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
    return rows.flatMap((r) => {
      const d = described.get(r.id);
      return d?.stillOpen
        ? [
            {
              id: r.id,
              section: r.section,
              rule: r.rule,
              dueDate: r.due_date,
              title: d.title,
              link: d.path,
              note: d.note ?? null,
            },
          ]
        : [];
    });
  }
}
