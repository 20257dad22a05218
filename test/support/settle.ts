import { Queue } from 'bullmq';
import type pg from 'pg';
import type { AppConfig } from '@gwaje/config';
import { bullConnectionOptions, QueueName } from '@gwaje/queues';

/**
 * Waits for a condition instead of sleeping and hoping: polls `probe` until `accept` holds, and
 * fails with `describe` of the last value when it does not within `timeoutMs` (unlike
 * redis-server's `eventually`, which hands back the last value for the test to assert on).
 */
export async function until<T>(
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean,
  describe: (value: T) => string,
  timeoutMs = 20_000,
  pollMs = 50,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > end) throw new Error(`not settled after ${timeoutMs} ms: ${describe(value)}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export interface SettleOptions {
  /** The owner's connection (factory.db). */
  db: pg.Pool;
  /** Organisations whose outbox rows and whose users' e-mails are waited on. */
  organisationIds: string[];
  /**
   * A worker's queues (its configuration: Redis URL and prefix), to wait until none has a job
   * waiting, active or delayed; the schedulers' next runs do not count. Default: the notifications
   * queue.
   */
  worker?: { config: AppConfig; queues?: QueueName[] };
  /** The test's SMTP server: no message may be half-received. */
  sink?: { readonly inFlight: number };
  /**
   * Recipients whose e-mail is known to stay SENDING (claimed by a sender that is gone, its lease
   * not over): not waited on.
   */
  leftSending?: string[];
  timeoutMs?: number;
}

interface Snapshot {
  unprocessedOutbox: number;
  sending: number;
  jobs: Record<string, number>;
  inFlight: number;
}

/**
 * Waits until the e-mail side of the system has settled for the organisations: every outbox row
 * of theirs processed (an urgent event's e-mails are sent, or waiting for a retry, when its job
 * marks the row), no job of the worker's queues waiting, active or delayed (a job's own retry), no
 * e-mail of their users being sent (SENDING), and no message in flight at the sink. Checked in
 * that order (the order work flows in) on two polls in a row. Only then does "nothing more came"
 * prove something: what was not received by now is not on its way.
 */
export async function settled(opts: SettleOptions): Promise<void> {
  const queues = opts.worker
    ? (opts.worker.queues ?? [QueueName.NOTIFICATIONS]).map(
        (name) =>
          new Queue(name, {
            connection: bullConnectionOptions(opts.worker!.config),
            prefix: opts.worker!.config.redis.prefix,
          }),
      )
    : [];
  try {
    const snapshot = async (): Promise<Snapshot> => {
      const {
        rows: [outbox],
      } = await opts.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox
          WHERE organisation_id = ANY($1::uuid[]) AND processed_at IS NULL`,
        [opts.organisationIds],
      );
      const jobs: Record<string, number> = {};
      for (const q of queues) {
        const counts = await q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
        // A scheduler's next run waits as a delayed job of its own: that is not work in progress.
        const delayed = (await q.getDelayed()).filter((j) => !j.repeatJobKey).length;
        const n = Object.values(counts).reduce((a, b) => a + b, 0) + delayed;
        if (n) jobs[q.name] = n;
      }
      const {
        rows: [emails],
      } = await opts.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification_emails e JOIN users u ON u.id = e.recipient_id
          WHERE u.organisation_id = ANY($1::uuid[]) AND e.status = 'SENDING'
            AND NOT e.recipient_id = ANY($2::uuid[])`,
        [opts.organisationIds, opts.leftSending ?? []],
      );
      return {
        unprocessedOutbox: outbox.n,
        jobs,
        sending: emails.n,
        inFlight: opts.sink?.inFlight ?? 0,
      };
    };
    const quiet = (s: Snapshot) =>
      s.unprocessedOutbox === 0 &&
      Object.keys(s.jobs).length === 0 &&
      s.sending === 0 &&
      s.inFlight === 0;
    let inARow = 0;
    await until(
      async () => {
        const s = await snapshot();
        inARow = quiet(s) ? inARow + 1 : 0;
        return s;
      },
      () => inARow >= 2,
      (s) => JSON.stringify(s),
      opts.timeoutMs,
    );
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
