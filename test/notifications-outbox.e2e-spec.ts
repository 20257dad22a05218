import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@gwaje/config';
import { EmailDelivery, ReminderRunner } from '@gwaje/notifications';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { OutboxRelay } from '../apps/worker/src/outbox-relay.js';
import { testConfig, useTestApi } from './support/app.js';
import { eventually, freePort, OwnRedis } from './support/redis-server.js';
import { activeTaskSince, fillReport, openReport, reportAction } from './support/reports.js';
import { settled, until } from './support/settle.js';
import { SmtpSink, type SunkEmail } from './support/smtp-sink.js';
import { on, seoulToday, type TaskWorld, taskWorld } from './support/tasks.js';

// The outbox under failure (ARCHITECTURE.md conventions 3 and 10, DOMAIN.md §6): a Redis outage
// delays email and never loses it, and a worker stopped in the middle of a run never makes anyone
// get the same email twice. The API and the worker use a redis-server of this suite's own (so it
// can be stopped without touching the shared one) and a real SMTP server the test runs (the sink).
//
// Fixed business date for the reminder run (the rules read "today" only from the argument; the
// deadlines are put relative to it in the database): Tuesday 2026-11-24, a business day; a report
// due Wednesday 2026-11-25 is reminded on it (D-1), one due Monday 2026-11-23 is overdue (D+1), a
// milestone due Thursday 2026-12-03 is 7 business days away (D-7).
const T = '2026-11-24';
const T_DUE_1 = '2026-11-25';
const T_OVERDUE_1 = '2026-11-23';
const T_MILESTONE_7 = '2026-12-03';

describe('notifications outbox: Redis outage and worker restart', () => {
  const sink = new SmtpSink();
  let redis: OwnRedis;
  let redisUp = false;
  const workers: INestApplicationContext[] = [];
  // Starting an OwnRedis twice would leave a stray redis-server behind: track whether it runs.
  const startRedis = async () => {
    if (redisUp) return;
    await redis.start();
    redisUp = true;
  };
  const stopRedis = async () => {
    await redis.stop();
    redisUp = false;
  };

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await startRedis();
    await sink.start();
  });
  const { http, factory } = useTestApi({}, (config) => {
    config.redis.url = redis.url;
    config.smtp.url = sink.url;
  });
  afterAll(async () => {
    await startRedis(); // a worker closes cleanly only with its Redis up
    for (const w of workers.splice(0)) await w.close().catch(() => undefined);
    await stopRedis();
    await sink.stop();
  });
  beforeEach(() => sink.clear());

  function workerConfig(): AppConfig {
    const cfg = testConfig();
    cfg.redis.url = redis.url;
    cfg.smtp.url = sink.url;
    cfg.smtp.outboxPollMs = 200;
    // One recipient at a time, so a stop mid-run leaves a known shape (the fault suite kills
    // workers sending in parallel).
    cfg.smtp.connections = 1;
    return cfg;
  }
  async function startWorker(): Promise<INestApplicationContext> {
    const w = await createWorker(workerConfig());
    workers.push(w);
    return w;
  }
  async function stopWorker(w: INestApplicationContext): Promise<void> {
    workers.splice(workers.indexOf(w), 1);
    await w.close();
  }

  /** Accepted emails to the world's users, by user id. */
  function mailById(w: TaskWorld): Record<string, SunkEmail[]> {
    const ids = new Map(
      (['staff', 'owner', 'head', 'office', 'auditor', 'partner'] as const).map((r) => [
        w[r].email.toLowerCase(),
        w[r].id,
      ]),
    );
    const out: Record<string, SunkEmail[]> = {};
    for (const m of sink.toAny(ids.keys())) {
      for (const to of m.to) {
        const id = ids.get(to);
        if (id) (out[id] ??= []).push(m);
      }
    }
    return out;
  }
  const emailsOf = (w: TaskWorld) =>
    (
      [
        'staff',
        'owner',
        'head',
        'office',
        'auditor',
        'committee',
        'admin',
        'partner',
        'outsider',
      ] as const
    ).map((r) => w[r].email.toLowerCase());

  /**
   * Waits until the organisation's e-mail work is over (outbox processed, the workers' queue idle,
   * nothing SENDING but the claims of `leftSending`, nothing in flight at the sink).
   */
  const quiet = (w: TaskWorld, leftSending: string[] = []) =>
    settled({
      db: factory.db,
      organisationIds: [w.org.id],
      worker: { config: workerConfig() },
      sink,
      leftSending,
    });

  /**
   * Counts the worker's relay rounds that start from now on, once they are over: `rounds()` is
   * how many have finished (whatever they found or failed with).
   */
  function relayRounds(worker: INestApplicationContext): () => number {
    const relay = worker.get(OutboxRelay);
    const original = relay.relayOnce.bind(relay);
    let finished = 0;
    relay.relayOnce = async () => {
      try {
        return await original();
      } finally {
        finished++;
      }
    };
    return () => finished;
  }

  async function outboxOf(reportIds: string[]) {
    const { rows } = await factory.db.query<{ record_id: string; relayed: boolean }>(
      `SELECT record_id, relayed_at IS NOT NULL AS relayed FROM outbox
        WHERE record_type = 'report' AND record_id = ANY($1::text[]) ORDER BY id`,
      [reportIds],
    );
    return rows;
  }

  it('keeps emails in the outbox while Redis is down and sends each exactly once when it is back', async () => {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const reports: Array<{ id: string; version: number }> = [];
    for (const period of ['2025-Q1', '2025-Q2']) {
      let r = await openReport(http, w.staff.token, task.id, period);
      r = await fillReport(http, w.staff.token, r); // the lead STAFF is the author
      reports.push(await reportAction(http, w.head.token, r.id, 'submit'));
    }
    const worker = await startWorker();

    await stopRedis();
    // Writes do not need Redis: both returns are answered, their events wait in the outbox.
    for (const r of reports) {
      const res = await http.post(
        `/api/v1/reports/${r.id}/transitions`,
        { action: 'return', comment: '보완 요청', version: r.version },
        { token: w.office.token },
      );
      expect(res.status).toBe(200);
    }
    const ids = reports.map((r) => r.id);
    expect(await outboxOf(ids)).toEqual(ids.map((id) => ({ record_id: id, relayed: false })));
    // Two relay rounds that began with the rows in the outbox have run (each gives up on the
    // unreachable queue): still in the outbox, and no email.
    const rounds = relayRounds(worker);
    await until(
      rounds,
      (n) => n >= 2,
      (n) => `${n} relay round(s)`,
    );
    expect(await outboxOf(ids)).toEqual(ids.map((id) => ({ record_id: id, relayed: false })));
    expect(sink.toAny(emailsOf(w))).toEqual([]);

    // Redis is back: the worker relays the rows and sends each email once (author and owner, for
    // each of the two returns).
    await startRedis();
    await sink.waitFor(4, 30_000, (m) => m.to.some((t) => emailsOf(w).includes(t)));
    const relayed = await eventually(
      () => outboxOf(ids),
      (rows) => rows.every((r) => r.relayed),
    );
    expect(relayed).toEqual(ids.map((id) => ({ record_id: id, relayed: true })));
    // Everything relayed is processed and nothing is being sent: a duplicate would be here now.
    await quiet(w);
    const mail = mailById(w);
    expect(Object.keys(mail).sort()).toEqual([w.staff.id, w.owner.id].sort());
    for (const who of [w.staff.id, w.owner.id]) {
      expect(mail[who]).toHaveLength(2);
      for (const id of ids) {
        expect(mail[who].filter((m) => m.text.includes(`/reports/${id}`))).toHaveLength(1);
      }
      expect(mail[who].every((m) => m.subject.includes('반려'))).toBe(true);
    }
    const { rows: claimed } = await factory.db.query<{ status: string; attempts: number }>(
      `SELECT e.status, e.attempts FROM notification_emails e
         JOIN notifications n ON n.id = e.notification_id WHERE n.record_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(claimed).toEqual([
      { status: 'SENT', attempts: 1 },
      { status: 'SENT', attempts: 1 },
      { status: 'SENT', attempts: 1 },
      { status: 'SENT', attempts: 1 },
    ]);
    await stopWorker(worker);
    // Each relay round while Redis is down waits for the queue up to 5 s.
  }, 90_000);

  it('gives everyone one email for the day when a worker is stopped mid-run and another runs it again; a half-sent claim waits for its lease, then goes again', async () => {
    const w = await taskWorld(http, factory);
    // Reminders for five people on T: owner and head (report due T-1), owner, head and office
    // (report overdue T+1), owner and the members staff and partner (milestone due T-7).
    const task = await activeTaskSince(w, factory, '2025-01-01');
    for (const [period, due] of [
      ['2025-Q1', T_DUE_1],
      ['2025-Q2', T_OVERDUE_1],
    ] as const) {
      const r = await openReport(http, w.staff.token, task.id, period);
      // Fixed dates: the deadline is put relative to T in the database.
      await factory.db.query(`UPDATE reports SET due_date = $2 WHERE id = $1`, [r.id, due]);
    }
    const withMilestone = await w.task('IN_PROGRESS', {
      memberIds: [w.staff.id, w.partner.id],
      milestones: [{ title: '현장 점검', dueDate: on('06-30') }],
    });
    await factory.db.query(`UPDATE milestones SET due_date = $2 WHERE id = $1`, [
      withMilestone.milestones[0].id,
      T_MILESTONE_7,
    ]);
    const recipients = [w.owner.id, w.head.id, w.office.id, w.staff.id, w.partner.id];

    // The first worker runs the day; each message takes the SMTP server a while, and the worker
    // is stopped (app.close(), as on SIGTERM) while one is in flight. The run is called directly,
    // not as a job, so the shutdown does not wait for it: this approximates a worker killed
    // mid-run (its database connections go away under the run).
    sink.delay(700);
    const first = await startWorker();
    const run = first
      .get(ReminderRunner)
      .runReminders(w.org.id, T)
      .catch((e: unknown) => e);
    await sink.waitFor(1, 10_000, (m) => m.to.some((t) => emailsOf(w).includes(t)));
    await sink.waitForInFlight();
    await stopWorker(first);
    await run;
    sink.delay(0);

    const statusOf = async () =>
      (
        await factory.db.query<{ recipient_id: string; status: string; attempts: number }>(
          `SELECT recipient_id, status, attempts FROM notification_emails
            WHERE recipient_id = ANY($1::uuid[]) AND digest_date = $2 ORDER BY id`,
          [recipients, T],
        )
      ).rows;
    const count = () =>
      Object.fromEntries(recipients.map((id) => [id, mailById(w)[id]?.length ?? 0]));
    // The message in flight is answered at the sink.
    await until(
      () => sink.inFlight,
      (n) => n === 0,
      (n) => `${n} message(s) in flight`,
    );
    const afterStop = await statusOf();
    // One statement claimed everyone's digest before the first was sent (a chunk); what the
    // worker could not record before it stopped is left SENDING, whether or not the server took it.
    expect(afterStop.map((r) => r.recipient_id).sort()).toEqual([...recipients].sort());
    const halfSent = afterStop.filter((r) => r.status === 'SENDING');
    expect(halfSent.length).toBeGreaterThanOrEqual(1);
    const sentBeforeStop = count();
    for (const r of afterStop.filter((x) => x.status === 'SENT'))
      expect([r.recipient_id, sentBeforeStop[r.recipient_id]]).toEqual([r.recipient_id, 1]);

    // A new worker runs the day again (as the job's retry would): nothing that was sent, nor a
    // claim left SENDING (its lease of 5 minutes is not over), is sent again.
    const second = await startWorker();
    expect(await second.get(ReminderRunner).runReminders(w.org.id, T)).toEqual({
      notifications: 0,
      emails: 0,
    });
    await quiet(
      w,
      halfSent.map((r) => r.recipient_id),
    );
    expect(count()).toEqual(sentBeforeStop);
    expect((await statusOf()).filter((r) => r.status === 'SENDING')).toEqual(halfSent);

    // Once its lease (smtp.sendLeaseMs, 5 minutes) is over, a claim left SENDING is sent again:
    // its worker died before it could record the server's answer, and an email is never lost to
    // a stopped worker. Where the server had taken the first copy, that person gets the digest
    // twice, with the same Message-ID: the price of that guarantee (EmailDelivery). Simulate 6
    // minutes passing and run the day once more: the half-sent claims go again, nothing else does.
    await factory.db.query(
      `UPDATE notification_emails SET claimed_at = now() - interval '6 minutes'
        WHERE recipient_id = ANY($1::uuid[]) AND digest_date = $2 AND status = 'SENDING'`,
      [recipients, T],
    );
    const later = await second.get(ReminderRunner).runReminders(w.org.id, T);
    expect(later).toEqual({ notifications: 0, emails: halfSent.length });
    // The sweep finds nothing of this organisation left: the run took the expired claims.
    await second
      .get(EmailDelivery)
      .retryDue()
      .catch(() => undefined);
    await quiet(w);
    const final = await statusOf();
    expect(final.map((r) => r.status)).toEqual(recipients.map(() => 'SENT'));
    for (const h of halfSent) {
      expect(final.find((r) => r.recipient_id === h.recipient_id)?.attempts).toBe(2);
    }
    const mail = mailById(w);
    for (const id of recipients) {
      const again = halfSent.some((r) => r.recipient_id === id) ? 1 : 0;
      expect([id, mail[id].length]).toEqual([id, sentBeforeStop[id] + again]);
      expect(new Set(mail[id].map((m) => m.messageId)).size).toBe(1);
    }
    await stopWorker(second);
  });

  it('sends an email whose claim outlived its lease exactly once (the sweep, also from two workers at once), and gives up after five claims', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    const today = seoulToday();
    // What a worker killed between the claim and the SMTP server's answer leaves behind: a
    // reminder whose digest is claimed (SENDING) and was never sent.
    const claimed = async (userId: string, minutesAgo: number, attempts: number) => {
      const { rows: n } = await factory.db.query<{ id: string }>(
        `INSERT INTO notifications (organisation_id, recipient_id, rule, section, urgent, record_type, record_id, due_date, send_on)
         VALUES ($1, $2, 'task.due-7', 'DUE_SOON', false, 'task', $3, $4, $5) RETURNING id`,
        [w.org.id, userId, task.id, task.dueDate, today],
      );
      const { rows: e } = await factory.db.query<{ id: string }>(
        `INSERT INTO notification_emails (recipient_id, kind, digest_date, status, attempts, claimed_at)
         VALUES ($1, 'DIGEST', $2, 'SENDING', $3, now() - $4 * interval '1 minute') RETURNING id`,
        [userId, today, attempts, minutesAgo],
      );
      await factory.db.query(`UPDATE notifications SET email_id = $2 WHERE id = $1`, [
        n[0].id,
        e[0].id,
      ]);
      return e[0].id;
    };
    const expired = await claimed(w.owner.id, 6, 1); // the lease (5 minutes) is over
    const held = await claimed(w.staff.id, 1, 1); // its sender may still be at it
    const exhausted = await claimed(w.partner.id, 6, 5); // claimed five times already
    const statusOf = async (ids: string[]) =>
      (
        await factory.db.query<{ id: string; status: string; attempts: number }>(
          `SELECT id, status, attempts FROM notification_emails WHERE id = ANY($1::bigint[]) ORDER BY id`,
          [ids],
        )
      ).rows.map((r) => ({ id: r.id, status: r.status, attempts: r.attempts }));

    // Two workers sweep at the same moment (their scheduled sweeps may run too): one sends it.
    // (A sweep covers the whole database, other suites' claims too: its result is not asserted,
    // what this organisation's people received is.)
    const [a, b] = [await startWorker(), await startWorker()];
    await Promise.all(
      [a, b].map((x) =>
        x
          .get(EmailDelivery)
          .retryDue()
          .catch(() => undefined),
      ),
    );
    const owner = w.owner.email.toLowerCase();
    await sink.waitFor(1, 20_000, (m) => m.to.includes(owner));
    const settled = await eventually(
      () => statusOf([expired, held, exhausted]),
      (rows) => rows[0].status === 'SENT' && rows[2].status === 'FAILED',
    );
    expect(settled).toEqual([
      { id: expired, status: 'SENT', attempts: 2 },
      { id: held, status: 'SENDING', attempts: 1 },
      { id: exhausted, status: 'FAILED', attempts: 5 },
    ]);
    // Sweeping again sends nothing more.
    await a
      .get(EmailDelivery)
      .retryDue()
      .catch(() => undefined);
    await quiet(w, [w.staff.id]); // the staff's claim is held (its lease is not over)
    const mail = mailById(w);
    expect(mail[w.owner.id]).toHaveLength(1);
    expect(mail[w.owner.id][0].text).toContain(`/tasks/${task.id}`);
    expect(mail[w.staff.id]).toBeUndefined();
    expect(mail[w.partner.id]).toBeUndefined();
    await stopWorker(a);
    await stopWorker(b);
  });
});
