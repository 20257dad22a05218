import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isBusinessDay, seoulDate } from '@gwaje/calendar';
import { DomainError } from '@gwaje/common';
import { AccessPolicy, type AuthUser, Role, SettingsService } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { DataSource } from 'typeorm';
import { EmailDelivery } from './email-delivery.service.js';
import { type OwedNotifications, ReminderSources } from './reminder-port.js';

/** The notifications' own outbox event (the capabilities name theirs in their reminder sources). */
export const NotificationEvent = {
  /** The office asked for today's reminder run now. */
  REMINDERS_RUN: 'reminders.run',
} as const;

const INSERT_OWED = `INSERT INTO notifications (organisation_id, recipient_id, rule, section, urgent, record_type, record_id, due_date, send_on)`;

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
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxService,
    private readonly sources: ReminderSources,
    private readonly delivery: EmailDelivery,
  ) {}

  /** Inserts what a rule owes (each once); returns the ids it made. */
  private async insertOwed(
    organisationId: string,
    today: string,
    owed: OwedNotifications,
  ): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `${INSERT_OWED} ${owed.select} ON CONFLICT DO NOTHING RETURNING id`,
      [organisationId, today, ...owed.params],
    );
    return rows.map((r) => r.id);
  }

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
        event: string;
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
        emails += await this.delivery.sendImmediate(id);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length) throw failures[0];
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
    const settings = await this.settings.values(organisationId);
    let created = 0;
    // Each capability's rules, in their registered order (ReminderSource.order).
    for (const source of this.sources.all()) {
      for (const owed of source.daily?.({ organisationId, today, settings }) ?? [])
        created += (await this.insertOwed(organisationId, today, owed)).length;
    }
    const emails = await this.delivery.sendDigests(
      organisationId,
      today,
      settings['notifications.dailyDigest'],
    );
    return { notifications: created, emails };
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
