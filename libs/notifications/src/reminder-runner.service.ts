import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { inOrganisationCalendar, isBusinessDay, seoulDate } from '@gwaje/calendar';
import { SettingsService } from '@gwaje/identity';
import { DataSource, type EntityManager } from 'typeorm';
import { DirectEmailDelivery } from './direct-email.js';
import { EmailDelivery } from './email-delivery.service.js';
import { type OwedNotifications, ReminderSources } from './reminder-port.js';

/** The notifications' own outbox event (the capabilities name theirs in their reminder sources). */
export const NotificationEvent = {
  /** The office asked for today's reminder run now. */
  REMINDERS_RUN: 'reminders.run',
} as const;

const INSERT_OWED = `INSERT INTO notifications (organisation_id, recipient_id, rule, section, urgent, record_type, record_id, due_date, send_on)`;

/** At most this many people are listed with a run (RunRecipient); the count is always whole. */
export const RUN_RECIPIENTS_LISTED = 500;

/** One person a run's e-mails go to (a dry run: would go to), with what they get per rule. */
export interface RunRecipient {
  userId: string;
  name: string | null;
  department: string | null;
  language: 'ko' | 'en';
  /** Reminders per rule the person's e-mail(s) carry. */
  rules: Record<string, number>;
}

/**
 * The people with reminders not e-mailed yet that a run on $2 sends, for organisation $1, with
 * their reminders per rule; the first $3 by department, name (the identity tables give name,
 * department and language; the notification preference's language wins).
 */
const PENDING_RECIPIENTS = `
WITH per AS (
    SELECT recipient_id, rule, count(*)::int AS n FROM notifications
     WHERE organisation_id = $1 AND NOT urgent AND send_on <= $2::date AND email_id IS NULL
     GROUP BY recipient_id, rule)
SELECT per.recipient_id AS user_id, u.name, d.name AS department,
       COALESCE(p.language, u.language, 'ko') AS language, jsonb_object_agg(per.rule, per.n) AS rules,
       count(*) OVER ()::int AS total
  FROM per
  LEFT JOIN users u ON u.id = per.recipient_id
  LEFT JOIN departments d ON d.id = u.department_id
  LEFT JOIN notification_preferences p ON p.user_id = per.recipient_id
 GROUP BY per.recipient_id, u.name, d.name, p.language, u.language
 ORDER BY d.name NULLS LAST, u.name NULLS LAST, per.recipient_id
 LIMIT $3`;

/**
 * The reminder runs (DOMAIN.md §6): each business day at the organisation's send hour, or when the
 * office asks, every registered capability's rules insert what is owed (each once), and urgent
 * events relayed from the outbox make theirs; EmailDelivery sends them.
 */
@Injectable()
export class ReminderRunner {
  private readonly logger = new Logger(ReminderRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly sources: ReminderSources,
    private readonly delivery: EmailDelivery,
    private readonly direct: DirectEmailDelivery,
  ) {}

  /** Inserts what a rule owes (each once); returns the ids it made. */
  async insertOwed(
    organisationId: string,
    today: string,
    owed: OwedNotifications,
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<string[]> {
    const rows = await db.query<Array<{ id: string }>>(
      `${INSERT_OWED} ${owed.select} ON CONFLICT DO NOTHING RETURNING id`,
      [organisationId, today, ...owed.params],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Inserts what every capability's rules owe on a day, in their registered order
   * (ReminderSource.order); `db`: a transaction's manager (a dry run rolls it back).
   */
  async insertDay(
    organisationId: string,
    today: string,
    db: Pick<EntityManager, 'query'> = this.dataSource,
    runId?: string,
  ): Promise<{ rules: Record<string, number>; notifications: number }> {
    const settings = await this.settings.values(organisationId);
    const rules: Record<string, number> = {};
    const ids: string[] = [];
    for (const source of this.sources.all()) {
      // The organisation's own closures count in the rules' business-day arithmetic.
      const owedList = inOrganisationCalendar(
        organisationId,
        () => source.daily?.({ organisationId, today, settings }) ?? [],
      );
      for (const owed of owedList) {
        const made = await this.insertOwed(organisationId, today, owed, db);
        rules[owed.rule] = (rules[owed.rule] ?? 0) + made.length;
        ids.push(...made);
      }
    }
    // A run asked for through the API marks what it made, to answer per rule and e-mail state.
    if (runId && ids.length)
      await db.query(`UPDATE notifications SET run_id = $1 WHERE id = ANY($2::bigint[])`, [
        runId,
        ids,
      ]);
    return { rules, notifications: ids.length };
  }

  /**
   * Who a run on `date` e-mails (reminders not e-mailed yet, digests and single e-mails alike):
   * how many people, and the first RUN_RECIPIENTS_LISTED of them with their reminders per rule.
   */
  async recipientsOf(
    organisationId: string,
    date: string,
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<{ count: number; list: RunRecipient[] }> {
    const rows = await db.query<
      Array<{
        user_id: string;
        name: string | null;
        department: string | null;
        language: string;
        rules: Record<string, number>;
        total: number;
      }>
    >(PENDING_RECIPIENTS, [organisationId, date, RUN_RECIPIENTS_LISTED]);
    return {
      count: rows[0]?.total ?? 0,
      list: rows.map((r) => ({
        userId: r.user_id,
        name: r.name,
        department: r.department,
        language: r.language === 'en' ? 'en' : 'ko',
        rules: r.rules,
      })),
    };
  }

  /** People with a reminder not e-mailed yet that a run on `date` sends. */
  async pendingRecipients(
    organisationId: string,
    date: string,
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<number> {
    const [{ n }] = await db.query<Array<{ n: number }>>(
      `SELECT count(DISTINCT recipient_id)::int AS n FROM notifications
        WHERE organisation_id = $1 AND NOT urgent AND send_on <= $2::date AND email_id IS NULL`,
      [organisationId, date],
    );
    return n;
  }

  // ── Consuming ────────────────────────────────────────────────────────────────────────────────

  /** Handles one relayed outbox row: urgent events are sent at once; a run request runs reminders. */
  async handleOutbox(outboxId: string): Promise<{ notifications: number; emails: number }> {
    const [row] = await this.dataSource.query<
      Array<{
        organisation_id: string;
        event: string;
        record_id: string;
        payload: Record<string, unknown>;
      }>
    >(`SELECT organisation_id, event, record_id, payload FROM outbox WHERE id = $1`, [outboxId]);
    if (!row) return { notifications: 0, emails: 0 };
    const today = seoulDate();
    if (row.event === NotificationEvent.REMINDERS_RUN) {
      return typeof row.payload.runId === 'string'
        ? this.executeRun(row.payload.runId)
        : this.runReminders(row.organisation_id, today);
    }
    // An e-mail to an address that is no user's (a direct e-mail source's event).
    if (this.direct.handles(row.event))
      return { notifications: 0, emails: await this.direct.send(row.event, row.record_id) };
    const ids = await this.eventNotifications(
      row.organisation_id,
      row.event,
      row.record_id,
      row.payload,
      today,
    );
    // Refused e-mails are retried by the sweep with backoff, not by failing the job.
    const { sent: emails } = await this.delivery.sendNow(ids);
    return { notifications: ids.length, emails };
  }

  /** The notifications of an urgent event, from the capability that emitted it. */
  private async eventNotifications(
    organisationId: string,
    event: string,
    recordId: string,
    payload: Record<string, unknown>,
    today: string,
  ): Promise<string[]> {
    for (const source of this.sources.all()) {
      const made = source.event?.(event, recordId, payload);
      if (!made) continue;
      await this.insertOwed(organisationId, today, made.owed);
      // All of the event's notifications, not only those inserted now: a retried job resends
      // what failed (the email claim skips what was sent).
      const all = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM notifications
          WHERE organisation_id = $1 AND record_id = $2 AND urgent AND rule = ANY($3::text[])
          ORDER BY id`,
        [organisationId, recordId, made.rules],
      );
      return all.map((r) => r.id);
    }
    return [];
  }

  /**
   * Today's reminder run for one organisation: every rule inserts what is due (set-based, each
   * once), then each recipient gets their digest. Returns how many notifications and emails.
   */
  async runReminders(
    organisationId: string,
    today: string,
  ): Promise<{ notifications: number; emails: number }> {
    const { notifications, emails } = await this.runDay(organisationId, today);
    return { notifications, emails };
  }

  /** A day's run with what it made per rule, and for how many people. */
  async runDay(
    organisationId: string,
    today: string,
    runId?: string,
  ): Promise<{
    rules: Record<string, number>;
    notifications: number;
    recipients: number;
    /** Only for a run asked for through the API (`runId`). */
    recipientList?: RunRecipient[];
    emails: number;
    failedEmails: number;
  }> {
    const settings = await this.settings.values(organisationId);
    const { rules, notifications: created } = await this.insertDay(
      organisationId,
      today,
      this.dataSource,
      runId,
    );
    for (const source of this.sources.all())
      await inOrganisationCalendar(organisationId, () =>
        source.afterRun?.({ organisationId, today, settings }),
      );
    let recipients: number;
    let recipientList: RunRecipient[] | undefined;
    if (runId) {
      const listed = await this.recipientsOf(organisationId, today);
      recipients = listed.count;
      recipientList = listed.list;
    } else recipients = await this.pendingRecipients(organisationId, today);
    const { sent, failed } = await this.delivery.sendDay(
      organisationId,
      today,
      settings['notifications.dailyDigest'],
    );
    return {
      rules,
      notifications: created,
      recipients,
      recipientList,
      emails: sent,
      failedEmails: failed,
    };
  }

  /** A run asked for through the API (NotificationRuns), relayed to the worker: runs and records it. */
  async executeRun(runId: string): Promise<{ notifications: number; emails: number }> {
    const [run] = await this.dataSource.query<
      Array<{ organisation_id: string; run_date: string; state: string; business_day: boolean }>
    >(
      `SELECT organisation_id, to_char(run_date, 'YYYY-MM-DD') AS run_date, state, business_day
         FROM notification_runs WHERE id = $1`,
      [runId],
    );
    if (!run || run.state !== 'QUEUED') return { notifications: 0, emails: 0 };
    const record = (status: string, done: Awaited<ReturnType<ReminderRunner['runDay']>>) =>
      this.dataSource.query(
        `UPDATE notification_runs SET state = $2, rules = $3, notifications = $4, recipients = $5,
                emails = $6, failed_emails = $7, error = $8, recipient_list = $9,
                recipients_truncated = $10, finished_at = now() WHERE id = $1`,
        [
          runId,
          status,
          JSON.stringify(done.rules),
          done.notifications,
          done.recipients,
          done.emails,
          done.failedEmails,
          done.failedEmails && !done.emails
            ? 'the SMTP server refused every e-mail of the run; they are retried with backoff'
            : null,
          JSON.stringify(done.recipientList ?? []),
          done.recipients > (done.recipientList?.length ?? 0),
        ],
      );
    try {
      // On a weekend or holiday no rule reminds of anything (reminders count business days); what
      // is already owed and unsent still goes. A run that sends nothing says which it was.
      const done = await this.runDay(run.organisation_id, run.run_date, runId);
      await record(
        done.failedEmails && !done.emails
          ? 'FAILED'
          : done.recipients
            ? 'SENT'
            : run.business_day
              ? 'NOTHING_DUE'
              : 'NOT_A_BUSINESS_DAY',
        done,
      );
      return { notifications: done.notifications, emails: done.emails };
    } catch (error) {
      await this.dataSource.query(
        `UPDATE notification_runs SET state = 'FAILED', error = $2, finished_at = now() WHERE id = $1`,
        [runId, error instanceof Error ? error.message.slice(0, 1000) : 'unknown error'],
      );
      throw error;
    }
  }

  /**
   * The hourly run, for the hour it was scheduled at (`scheduledAt`, not when it runs, so a late job
   * still runs its hour): on business days, every active organisation whose send hour has come and
   * whose run of the day has not completed, so hours missed while no worker ran are caught up and
   * an organisation whose run failed is run again at the next hour. One organisation's failure
   * never stops the others; it is reported after them, so the job is retried (completed
   * organisations are not run twice).
   */
  async runScheduled(
    scheduledAt = new Date(),
  ): Promise<{ organisations: number; notifications: number; emails: number }> {
    const today = seoulDate(scheduledAt);
    const total = { organisations: 0, notifications: 0, emails: 0 };
    if (!isBusinessDay(today)) return total;
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Seoul',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(scheduledAt),
    );
    const orgs = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT o.id FROM organisations o
        WHERE o.active AND NOT EXISTS (
          SELECT 1 FROM reminder_run_days d WHERE d.organisation_id = o.id AND d.run_date = $1::date)
        ORDER BY o.id`,
      [today],
    );
    const failures: unknown[] = [];
    for (const org of orgs) {
      if ((await this.settings.get(org.id, 'notifications.sendHour')) > hour) continue;
      try {
        const r = await this.runReminders(org.id, today);
        await this.dataSource.query(
          `INSERT INTO reminder_run_days (organisation_id, run_date) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [org.id, today],
        );
        total.organisations++;
        total.notifications += r.notifications;
        total.emails += r.emails;
      } catch (error) {
        failures.push(error);
        this.logger.warn(
          { organisationId: org.id, error: error instanceof Error ? error.message : String(error) },
          'reminder run failed; retried at the next attempt or hour',
        );
      }
    }
    if (failures.length) throw failures[0];
    return total;
  }
}
