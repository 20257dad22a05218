import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isBusinessDay, seoulDate } from '@gwaje/calendar';
import { DomainError } from '@gwaje/common';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { OutboxService } from '@gwaje/outbox';
import { DataSource, type EntityManager } from 'typeorm';
import { NotificationEvent, ReminderRunner, type RunRecipient } from './reminder-runner.service.js';

export type RunState =
  'QUEUED' | 'WOULD_SEND' | 'SENT' | 'NOTHING_DUE' | 'NOT_A_BUSINESS_DAY' | 'FAILED';
export const RUN_STATES: readonly RunState[] = [
  'QUEUED',
  'WOULD_SEND',
  'SENT',
  'NOTHING_DUE',
  'NOT_A_BUSINESS_DAY',
  'FAILED',
];

/** What became of a run's notifications' e-mails (EmailStatus, grouped). */
export type DeliveryState = 'sent' | 'retrying' | 'failed' | 'pending' | 'skipped';
export const DELIVERY_STATES: readonly DeliveryState[] = [
  'sent',
  'retrying',
  'failed',
  'pending',
  'skipped',
];
export type RunDeliveryCounts = Record<DeliveryState, number>;

export interface RunView {
  id: string;
  date: string;
  dryRun: boolean;
  status: RunState;
  businessDay: boolean;
  /** Notifications the run made (a dry run: would make), per rule. */
  rules: Record<string, number>;
  notifications: number;
  /** People with something to be e-mailed in the run (a dry run: who would get an e-mail). */
  recipients: number;
  /** Those people (the first RUN_RECIPIENTS_LISTED) with what each gets per rule. */
  recipientList: RunRecipient[];
  /** More people than listed in recipientList. */
  recipientsTruncated: boolean;
  /**
   * A processed real run: the e-mail state of the notifications it made, in all and per rule
   * (reminders owed from before and sent by the run are in `emails`, not here); null otherwise.
   */
  delivery: { states: RunDeliveryCounts; rules: Record<string, RunDeliveryCounts> } | null;
  emails: number;
  /** E-mails the SMTP server refused (retried with backoff; GET /notifications/failures lists those given up). */
  failedEmails: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

interface RunRow {
  id: string;
  organisation_id: string;
  run_date: string;
  dry_run: boolean;
  state: RunState;
  business_day: boolean;
  rules: Record<string, number>;
  notifications: number;
  recipients: number;
  recipient_list: RunRecipient[];
  recipients_truncated: boolean;
  emails: number;
  failed_emails: number;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const COLUMNS = `id, organisation_id, to_char(run_date, 'YYYY-MM-DD') AS run_date, dry_run, state,
  business_day, rules, notifications, recipients, recipient_list, recipients_truncated, emails,
  failed_emails, error, created_at, finished_at`;

/** The e-mail state of run $1's notifications, per rule. */
const RUN_DELIVERY = `
SELECT n.rule, CASE WHEN e.status = 'SENT' THEN 'sent' WHEN e.status = 'RETRY' THEN 'retrying'
                    WHEN e.status = 'FAILED' THEN 'failed' WHEN e.status = 'SKIPPED' THEN 'skipped'
                    ELSE 'pending' END AS state, count(*)::int AS n
  FROM notifications n LEFT JOIN notification_emails e ON e.id = n.email_id
 WHERE n.run_id = $1
 GROUP BY 1, 2`;

const noDeliveries = (): RunDeliveryCounts => ({
  sent: 0,
  retrying: 0,
  failed: 0,
  pending: 0,
  skipped: 0,
});

const view = (r: RunRow, delivery: RunView['delivery'] = null): RunView => ({
  id: r.id,
  date: r.run_date,
  dryRun: r.dry_run,
  status: r.state,
  businessDay: r.business_day,
  rules: r.rules,
  notifications: r.notifications,
  recipients: r.recipients,
  recipientList: r.recipient_list,
  recipientsTruncated: r.recipients_truncated,
  delivery,
  emails: r.emails,
  failedEmails: r.failed_emails,
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

interface DryOutcome {
  rules: Record<string, number>;
  notifications: number;
  recipients: number;
  recipientList: RunRecipient[];
}

/** Thrown to roll a dry run back. */
class DryRunDone extends Error {}

/**
 * Reminder runs asked for through the API (issue 16): for any date, or as a dry run that changes
 * nothing and answers "who gets what on that day". A run is recorded with what it made per rule and
 * its outcome, including the days nothing is reminded (weekends, holidays).
 */
@Injectable()
export class NotificationRuns {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxService,
    private readonly runner: ReminderRunner,
  ) {}

  /**
   * PROACTIVE_OFFICE or ADMIN, for their organisation: a dry run is worked out at once (and rolled
   * back); a real run is queued through the outbox for the worker. A real run cannot be for a
   * future day (it would send tomorrow's reminders today).
   */
  async request(user: AuthUser, input: { date?: string; dryRun?: boolean }): Promise<RunView> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.ADMIN))
      throw DomainError.forbidden();
    const today = seoulDate();
    const date = input.date ?? today;
    const dryRun = input.dryRun ?? false;
    if (!dryRun && date > today)
      throw DomainError.invalidField('date', 'notFuture', {
        ko: '미래 날짜는 미리보기(dryRun)로만 실행할 수 있습니다.',
        en: 'a future date can only be a dry run',
      });
    const businessDay = isBusinessDay(date);
    if (dryRun) {
      // No rule reminds of anything on a weekend or holiday (reminders count business days), but
      // what is already owed and unsent would still go out.
      const outcome = await this.dryRun(user.organisationId, date);
      const status: RunState = outcome.recipients
        ? 'WOULD_SEND'
        : businessDay
          ? 'NOTHING_DUE'
          : 'NOT_A_BUSINESS_DAY';
      return this.insert(user, date, true, status, businessDay, outcome);
    }
    const run = await this.insert(user, date, false, 'QUEUED', businessDay, null);
    await this.outbox.emitNow({
      organisationId: user.organisationId,
      event: NotificationEvent.REMINDERS_RUN,
      recordType: 'notification_run',
      recordId: run.id,
      payload: { runId: run.id },
    });
    return run;
  }

  async get(user: AuthUser, id: string): Promise<RunView> {
    if (!this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.ADMIN))
      throw DomainError.forbidden();
    const [row] = await this.dataSource.query<RunRow[]>(
      `SELECT ${COLUMNS} FROM notification_runs WHERE id = $1 AND organisation_id = $2`,
      [id, user.organisationId],
    );
    if (!row) throw DomainError.notFound();
    return view(row, await this.delivery(row));
  }

  /** A processed real run's notifications by e-mail state, in all and per rule. */
  private async delivery(row: RunRow): Promise<RunView['delivery']> {
    if (row.dry_run || row.state === 'QUEUED') return null;
    const rows = await this.dataSource.query<
      Array<{ rule: string; state: DeliveryState; n: number }>
    >(RUN_DELIVERY, [row.id]);
    const states = noDeliveries();
    const rules: Record<string, RunDeliveryCounts> = {};
    for (const r of rows) {
      states[r.state] += r.n;
      (rules[r.rule] ??= noDeliveries())[r.state] += r.n;
    }
    return { states, rules };
  }

  /** The day's rules in a transaction that is rolled back: what they would make, and for whom. */
  private async dryRun(organisationId: string, date: string): Promise<DryOutcome> {
    let outcome: DryOutcome = { rules: {}, notifications: 0, recipients: 0, recipientList: [] };
    try {
      await this.dataSource.transaction(async (m: EntityManager) => {
        const made = await this.runner.insertDay(organisationId, date, m);
        const listed = await this.runner.recipientsOf(organisationId, date, m);
        outcome = { ...made, recipients: listed.count, recipientList: listed.list };
        throw new DryRunDone();
      });
    } catch (error) {
      if (!(error instanceof DryRunDone)) throw error;
    }
    return outcome;
  }

  private async insert(
    user: AuthUser,
    date: string,
    dryRun: boolean,
    status: RunState,
    businessDay: boolean,
    outcome: DryOutcome | null,
  ): Promise<RunView> {
    const [row] = await this.dataSource.query<RunRow[]>(
      `INSERT INTO notification_runs (organisation_id, run_date, dry_run, requested_by, state, business_day,
                                      rules, notifications, recipients, finished_at, recipient_list,
                                      recipients_truncated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10 THEN now() END, $11, $12)
       RETURNING ${COLUMNS}`,
      [
        user.organisationId,
        date,
        dryRun,
        user.id,
        status,
        businessDay,
        JSON.stringify(outcome?.rules ?? {}),
        outcome?.notifications ?? 0,
        outcome?.recipients ?? 0,
        outcome !== null,
        JSON.stringify(outcome?.recipientList ?? []),
        (outcome?.recipients ?? 0) > (outcome?.recipientList.length ?? 0),
      ],
    );
    return view(row);
  }
}
