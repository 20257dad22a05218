import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isBusinessDay, seoulDate, weekday } from '@gwaje/calendar';
import { DomainError } from '@gwaje/common';
import { AppConfig } from '@gwaje/config';
import { OutboxService } from '@gwaje/outbox';
import { AccessPolicy, type AuthUser, Role, SettingsService } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { MailerService } from './mailer.service.js';
import type { NotificationSection } from './notification.entity.js';
import { deadlinesRemindedOn, overdueRemindedOn } from './reminder-days.js';
import {
  milestoneDueSql,
  NOTIFICATION_ITEMS_SQL,
  opinionDueSql,
  opinionOverdueSql,
  reportDueSql,
  reportOverdueSql,
  scoringDueSql,
  screeningDueSql,
  taskDueSql,
  weeklySummarySql,
} from './reminder-rules.js';
import { type EmailItem, renderEmail } from './templates.js';

/** Events that notify at once (DOMAIN.md §6), written to the outbox by the change that causes them. */
export const NotificationEvent = {
  REPORT_RETURNED: 'report.returned',
  CONSULTATION_SUBMITTED: 'consultation.submitted',
  CONSULTATION_OPINION_ISSUED: 'consultation.opinion-issued',
  /** The office asked for today's reminder run now. */
  REMINDERS_RUN: 'reminders.run',
} as const;
export type NotificationEvent = (typeof NotificationEvent)[keyof typeof NotificationEvent];

/** The rules an event writes (report returns are counted, so each return is its own). */
function eventRules(event: NotificationEvent, payload: Record<string, unknown>): string[] {
  switch (event) {
    case NotificationEvent.REPORT_RETURNED:
      return [`report.returned#${Number(payload.resubmissionCount ?? 0)}`];
    case NotificationEvent.CONSULTATION_SUBMITTED:
      return ['consultation.submitted'];
    case NotificationEvent.CONSULTATION_OPINION_ISSUED:
      return ['consultation.opinion-issued'];
    case NotificationEvent.REMINDERS_RUN:
      return [];
  }
}

const RULE_LABELS: Array<[string, { ko: string; en: string }]> = [
  ['report.due', { ko: '이행실적 제출 기한 임박', en: 'Report due soon' }],
  ['report.overdue', { ko: '이행실적 미제출', en: 'Report overdue' }],
  ['report.returned', { ko: '이행실적 반려', en: 'Report returned' }],
  ['consultation.submitted', { ko: '사전컨설팅 신청 접수', en: 'Pre-consultation submitted' }],
  ['consultation.screening', { ko: '사전컨설팅 접수 검토 기한', en: 'Screening due' }],
  ['consultation.opinion-issued', { ko: '사전컨설팅 의견 회신', en: 'Opinion issued' }],
  ['consultation.opinion-overdue', { ko: '사전컨설팅 의견 기한 경과', en: 'Opinion overdue' }],
  ['consultation.opinion', { ko: '사전컨설팅 의견 기한 임박', en: 'Opinion due soon' }],
  ['milestone.due', { ko: '단계별 추진계획 기한 임박', en: 'Milestone due soon' }],
  ['task.due', { ko: '중점과제 종료일 임박', en: 'Task due soon' }],
  ['scoring.due', { ko: '평가 채점 기한 임박', en: 'Scoring due soon' }],
  ['weekly.summary', { ko: '주간 요약', en: 'Weekly summary' }],
];
export function ruleLabel(rule: string): { ko: string; en: string } {
  return (
    RULE_LABELS.find(([prefix]) => rule.startsWith(prefix))?.[1] ?? { ko: '알림', en: 'Notice' }
  );
}

interface ItemRow {
  id: string;
  rule: string;
  section: NotificationSection;
  urgent: boolean;
  record_type: string;
  record_id: string;
  due_date: string;
  title: string;
  task_id: string | null;
  still_open: boolean;
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
 * Notifications (DOMAIN.md §6): the outbox that business changes write to, the reminder rules run
 * once per business day, and the emails — a daily digest per person (action required, overdue, due
 * soon) or, for urgent events, at once.
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
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly settings: SettingsService,
    private readonly policy: AccessPolicy,
    private readonly mailer: MailerService,
    private readonly outbox: OutboxService,
  ) {}

  // ── Producing ────────────────────────────────────────────────────────────────────────────────

  /** PROACTIVE_OFFICE: run today's reminders for the organisation now (through the outbox). */
  async requestRun(user: AuthUser): Promise<{ requested: true }> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE)) throw DomainError.forbidden();
    await this.outbox.emitNow({
      organisationId: user.organisationId,
      event: NotificationEvent.REMINDERS_RUN,
      recordType: 'organisation',
      recordId: user.organisationId,
      payload: { requestedBy: user.id },
    });
    return { requested: true };
  }

  // ── Consuming ────────────────────────────────────────────────────────────────────────────────

  /** Handles one relayed outbox row: urgent events are sent at once; a run request runs reminders. */
  async handleOutbox(outboxId: string): Promise<{ notifications: number; emails: number }> {
    const [row] = await this.dataSource.query<
      Array<{
        organisation_id: string;
        event: NotificationEvent;
        record_id: string;
        payload: Record<string, unknown>;
      }>
    >(`SELECT organisation_id, event, record_id, payload FROM outbox WHERE id = $1`, [outboxId]);
    if (!row) return { notifications: 0, emails: 0 };
    const today = seoulDate();
    if (row.event === NotificationEvent.REMINDERS_RUN) {
      return this.runReminders(row.organisation_id, today);
    }
    const ids = await this.eventNotifications(
      row.organisation_id,
      row.event,
      row.record_id,
      row.payload,
      today,
    );
    let emails = 0;
    const failures: unknown[] = [];
    for (const id of ids) {
      try {
        emails += await this.sendImmediate(id);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length) throw failures[0];
    return { notifications: ids.length, emails };
  }

  private async eventNotifications(
    organisationId: string,
    event: NotificationEvent,
    recordId: string,
    payload: Record<string, unknown>,
    today: string,
  ): Promise<string[]> {
    const insert = `INSERT INTO notifications (organisation_id, recipient_id, rule, section, urgent, record_type, record_id, due_date, send_on)`;
    switch (event) {
      case NotificationEvent.REPORT_RETURNED:
        // Each return is its own event: the rule carries how many resubmissions came before it.
        await this.dataSource.query(
          `${insert}
           SELECT r.organisation_id, x.id, 'report.returned#' || $3::int, 'ACTION_REQUIRED', true, 'report', r.id, r.due_date, $2::date
             FROM reports r JOIN tasks t ON t.id = r.task_id
             CROSS JOIN LATERAL (SELECT r.author_id AS id WHERE r.author_id IS NOT NULL UNION SELECT t.owner_id) x
             JOIN users u ON u.id = x.id AND u.active
            WHERE r.id = $1
           ON CONFLICT DO NOTHING`,
          [recordId, today, Number(payload.resubmissionCount ?? 0)],
        );
        break;
      case NotificationEvent.CONSULTATION_SUBMITTED:
        await this.dataSource.query(
          `${insert}
           SELECT c.organisation_id, u.id, 'consultation.submitted', 'ACTION_REQUIRED', true, 'consultation', c.id,
                  c.screening_due_date, $2::date
             FROM consultations c JOIN users u ON u.organisation_id = c.organisation_id AND u.active AND 'AUDITOR' = ANY(u.roles)
            WHERE c.id = $1 AND c.screening_due_date IS NOT NULL
           ON CONFLICT DO NOTHING`,
          [recordId, today],
        );
        break;
      case NotificationEvent.CONSULTATION_OPINION_ISSUED:
        await this.dataSource.query(
          `${insert}
           SELECT c.organisation_id, x.id, 'consultation.opinion-issued', 'ACTION_REQUIRED', true, 'consultation', c.id,
                  (c.opinion_at AT TIME ZONE 'Asia/Seoul')::date, $2::date
             FROM consultations c
             CROSS JOIN LATERAL (SELECT c.requester_id AS id WHERE c.requester_id IS NOT NULL UNION SELECT c.drafter_id) x
             JOIN users u ON u.id = x.id AND u.active
            WHERE c.id = $1 AND c.opinion_at IS NOT NULL
           ON CONFLICT DO NOTHING`,
          [recordId, today],
        );
        break;
      case NotificationEvent.REMINDERS_RUN:
        break;
    }
    // All of the event's notifications, not only those inserted now: a retried job resends what
    // failed (the email claim skips what was sent).
    const all = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM notifications
        WHERE organisation_id = $1 AND record_id = $2 AND urgent AND rule = ANY($3::text[])
        ORDER BY id`,
      [organisationId, recordId, eventRules(event, payload)],
    );
    return all.map((r) => r.id);
  }

  /**
   * Today's reminder run for one organisation: every rule inserts what is due (set-based, each
   * once), then each recipient gets their digest. Returns how many notifications and emails.
   */
  async runReminders(
    organisationId: string,
    today: string,
  ): Promise<{ notifications: number; emails: number }> {
    const s = await this.settings.values(organisationId);
    const run = async (sql: string, params: unknown[]) =>
      (await this.dataSource.query<unknown[]>(sql, [organisationId, today, ...params])).length;
    let created = 0;
    const due = (days: number[], prefix: string, sql: (rule: string) => string) =>
      days.map((n) => ({ rule: `${prefix}-${n}`, dates: deadlinesRemindedOn(today, n), sql }));
    const dueRules = [
      ...due(s['notifications.reportDueDays'], 'report.due', reportDueSql),
      ...due(s['notifications.screeningDueDays'], 'consultation.screening-due', screeningDueSql),
      ...due(s['notifications.opinionDueDays'], 'consultation.opinion-due', opinionDueSql),
      ...due(s['notifications.milestoneDueDays'], 'milestone.due', milestoneDueSql),
      ...due(s['notifications.milestoneDueDays'], 'task.due', taskDueSql),
      ...due(s['notifications.scoringDueDays'], 'scoring.due', scoringDueSql),
    ];
    for (const r of dueRules) {
      if (r.dates.length) created += await run(r.sql(r.rule), [r.dates]);
    }
    const overdue = overdueRemindedOn(today, s['notifications.reportOverdueEveryDays']);
    if (overdue.length) {
      created += await run(reportOverdueSql(), [
        overdue.map((o) => o.dueDate),
        overdue.map((o) => o.businessDaysLate),
      ]);
    }
    if (isBusinessDay(today)) created += await run(opinionOverdueSql(), []);
    if (weekday(today) === 1 && isBusinessDay(today)) created += await run(weeklySummarySql(), []);
    const emails = await this.sendDigests(organisationId, today, s['notifications.dailyDigest']);
    return { notifications: created, emails };
  }

  /** The scheduled run: organisations whose send hour is now, on business days only. */
  async runScheduled(
    now = new Date(),
  ): Promise<{ organisations: number; notifications: number; emails: number }> {
    const today = seoulDate(now);
    const total = { organisations: 0, notifications: 0, emails: 0 };
    if (!isBusinessDay(today)) return total;
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Seoul',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(now),
    );
    const orgs = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM organisations WHERE active`,
    );
    for (const org of orgs) {
      if ((await this.settings.get(org.id, 'notifications.sendHour')) !== hour) continue;
      const r = await this.runReminders(org.id, today);
      total.organisations++;
      total.notifications += r.notifications;
      total.emails += r.emails;
    }
    return total;
  }

  // ── Sending ──────────────────────────────────────────────────────────────────────────────────

  /** One digest per recipient and day; with the digest off, one email per reminder. */
  private async sendDigests(
    organisationId: string,
    today: string,
    orgDigest: boolean,
  ): Promise<number> {
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
  private async sendImmediate(notificationId: string): Promise<number> {
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
    const rows = ids.length
      ? await this.dataSource.query<ItemRow[]>(NOTIFICATION_ITEMS_SQL, [ids])
      : [];
    const open = rows.filter((r) => r.still_open);
    if (!recipient?.active || !open.length) {
      await this.dataSource.query(
        `UPDATE notification_emails SET status = 'SKIPPED', error = $2 WHERE id = $1`,
        [emailId, !recipient?.active ? 'recipient inactive' : 'nothing left to remind'],
      );
      return 0;
    }
    const base = this.config.publicUrl.replace(/\/$/, '');
    const link = (r: ItemRow): string => {
      switch (r.record_type) {
        case 'report':
          return `${base}/reports/${r.record_id}`;
        case 'consultation':
          return `${base}/consultations/${r.record_id}`;
        case 'milestone':
          return `${base}/tasks/${r.task_id}`;
        case 'task':
          return `${base}/tasks/${r.record_id}`;
        case 'evaluation_round':
          return `${base}/evaluations/${r.record_id}`;
        case 'organisation':
          return `${base}/dashboards`;
        default:
          return base;
      }
    };
    const items: EmailItem[] = open.map((r) => ({
      section: r.section,
      ruleLabel: ruleLabel(r.rule),
      title: r.title,
      dueDate: r.due_date,
      link: link(r),
    }));
    const rendered = renderEmail({
      recipientName: recipient.name,
      items,
      urgent,
      preferEnglish: recipient.language === 'en',
      settingsLink: `${base}/me/notifications`,
    });
    const messageId = `<gwaje-${emailId}@${new URL(base).hostname}>`;
    try {
      const sentId = await this.mailer.send({ to: recipient.email, ...rendered, messageId });
      await this.dataSource.query(
        `UPDATE notification_emails SET status = 'SENT', sent_at = now(), subject = $2, message_id = $3, error = NULL WHERE id = $1`,
        [emailId, rendered.subject.slice(0, 300), sentId.slice(0, 200)],
      );
      return 1;
    } catch (error) {
      // Not accepted by the server: released for the job's next attempt (bounded retries).
      await this.dataSource.query(
        `UPDATE notification_emails SET status = 'FAILED', error = $2 WHERE id = $1`,
        [emailId, error instanceof Error ? error.message.slice(0, 1000) : 'unknown error'],
      );
      this.logger.warn({ emailId }, 'email not accepted by the SMTP server');
      throw error;
    }
  }

  // ── Users ────────────────────────────────────────────────────────────────────────────────────

  /** What was sent to me, when and why. */
  async mine(user: AuthUser, page: { limit: number; offset: number }) {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        rule: string;
        section: NotificationSection;
        urgent: boolean;
        record_type: string;
        record_id: string;
        due_date: string;
        created_at: Date;
        status: string | null;
        sent_at: Date | null;
        total: string;
      }>
    >(
      `SELECT n.id, n.rule, n.section, n.urgent, n.record_type, n.record_id, to_char(n.due_date, 'YYYY-MM-DD') AS due_date,
              n.created_at, e.status, e.sent_at, count(*) OVER () AS total
         FROM notifications n LEFT JOIN notification_emails e ON e.id = n.email_id
        WHERE n.recipient_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT $2 OFFSET $3`,
      [user.id, page.limit, page.offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        rule: r.rule,
        label: ruleLabel(r.rule)[user.language === 'en' ? 'en' : 'ko'],
        section: r.section,
        urgent: r.urgent,
        recordType: r.record_type,
        recordId: r.record_id,
        dueDate: r.due_date,
        createdAt: r.created_at,
        emailStatus: r.status ?? 'PENDING',
        sentAt: r.sent_at,
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      limit: page.limit,
      offset: page.offset,
    };
  }

  async preferences(user: AuthUser): Promise<{ digest: boolean; language: 'ko' | 'en' }> {
    const [row] = await this.dataSource.query<
      Array<{ digest: boolean | null; language: 'ko' | 'en' }>
    >(
      `SELECT p.digest, COALESCE(p.language, u.language) AS language
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = $1`,
      [user.id],
    );
    return { digest: row?.digest ?? true, language: row?.language ?? 'ko' };
  }

  async setPreferences(
    user: AuthUser,
    input: { digest?: boolean; language?: 'ko' | 'en' },
  ): Promise<{ digest: boolean; language: 'ko' | 'en' }> {
    const current = await this.preferences(user);
    const next = {
      digest: input.digest ?? current.digest,
      language: input.language ?? current.language,
    };
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, digest, language) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET digest = EXCLUDED.digest, language = EXCLUDED.language`,
      [user.id, next.digest, next.language],
    );
    return next;
  }
}
