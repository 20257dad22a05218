import { Queue } from 'bullmq';
import { bullConnectionOptions, QueueName } from '@gwaje/queues';
import { SCHEDULES } from '../../apps/worker/src/schedules.js';
import { HttpClient, testConfig } from '../support/app.js';
import { draftConsultation } from '../support/consultations.js';
import { Factory } from '../support/factory.js';
import { eventually, freePort, OwnRedis } from '../support/redis-server.js';
import { activeTaskSince, fillReport, openReport, reportAction } from '../support/reports.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { taskWorld } from '../support/tasks.js';
import {
  apiProcess,
  type ApiProcess,
  type AppProcess,
  WORKER_READY,
  workerProcess,
} from './support/processes.js';
import { remember } from './support/leftovers.js';
import { openQueues, settled } from './support/settled.js';
import { SuiteDatabase } from './support/suite-database.js';

// Redis stopped while people keep working: the API (a real process) answers every write, /health
// names Redis as down, and each email the changes caused meanwhile (reports returned, a
// pre-consultation submitted) goes out exactly once after Redis is back. The Redis that comes back
// is empty (no persistence): the worker, never restarted, registers its job schedulers again.
const PREFIX = 'gwaje-faults';

describe('faults: Redis outage while users keep changing tasks', () => {
  const sink = new SmtpSink();
  let redis: OwnRedis;
  let forgetRedis: () => void = () => undefined;
  let redisUp = false;
  let db: SuiteDatabase;
  let factory: Factory;
  let api: ApiProcess;
  let worker: AppProcess;

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
    forgetRedis = remember({ kind: 'redis', port: redis.port });
    await startRedis();
    await sink.start();
    db = await SuiteDatabase.create('redis');
    factory = new Factory(db.adminUrl);
    const env = {
      DATABASE_URL: db.appUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: PREFIX,
      SMTP_URL: sink.url,
    };
    api = await apiProcess('api', env);
    worker = workerProcess('worker', env);
    await Promise.all([api.boot(), worker.start(WORKER_READY)]);
  }, 120_000);

  afterAll(async () => {
    await startRedis().catch(() => undefined); // processes stop cleanly only with their Redis up
    await worker?.stop();
    await api?.stop();
    await factory?.close();
    await db?.drop();
    await stopRedis();
    forgetRedis();
    await sink.stop();
  }, 60_000);

  async function schedulers(): Promise<string[]> {
    const config = testConfig({ REDIS_URL: redis.url, REDIS_PREFIX: PREFIX });
    const keys: string[] = [];
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection: bullConnectionOptions(config), prefix: PREFIX });
      try {
        keys.push(...(await queue.getJobSchedulers()).map((s) => `${name}/${s.key}`));
      } finally {
        await queue.close();
      }
    }
    return keys.sort();
  }

  it('keeps answering writes, reports Redis down, and sends every email caused meanwhile once Redis is back', async () => {
    const http = new HttpClient(api.url);
    const w = await taskWorld(http, factory);
    const reported = await activeTaskSince(w, factory, '2025-01-01');
    const reports: Array<{ id: string; version: number }> = [];
    for (const period of ['2025-Q1', '2025-Q2']) {
      const r = await fillReport(
        http,
        w.staff.token,
        await openReport(http, w.staff.token, reported.id, period),
      );
      reports.push(await reportAction(http, w.head.token, r.id, 'submit'));
    }
    const edited = await w.task('IN_PROGRESS');
    const consultation = await draftConsultation(http, w.staff.token);
    const expectedSchedulers = SCHEDULES.map((s) => `${s.queue}/${s.schedulerId}`).sort();
    expect(await schedulers()).toEqual(expectedSchedulers);
    expect((await http.get('/health')).status).toBe(200);
    const workerPid = worker.pid;

    await stopRedis();
    const health = await eventually(
      () => http.get('/health'),
      (res) => res.status === 503,
      15_000,
    );
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', down: ['redis'] });
    expect(health.body.message).toMatch(/redis/i);

    // People keep working: every write is answered, none needs Redis.
    const statuses: number[] = [];
    const record = <T extends { status: number; body: any }>(res: T): T => {
      statuses.push(res.status);
      return res;
    };
    let version: number = edited.version;
    const risks = ['HIGH', 'MEDIUM', 'LOW', 'HIGH'];
    for (const risk of risks) {
      const res = record(
        await http.patch(`/api/v1/tasks/${edited.id}`, { version, risk }, { token: w.owner.token }),
      );
      version = res.body.version;
      for (const body of [{ action: 'suspend', reason: '일시 중지' }, { action: 'resume' }]) {
        const moved = record(
          await http.post(
            `/api/v1/tasks/${edited.id}/transitions`,
            { ...body, version },
            { token: w.office.token },
          ),
        );
        version = moved.body.version;
      }
    }
    for (const r of reports) {
      record(
        await http.post(
          `/api/v1/reports/${r.id}/transitions`,
          { action: 'return', comment: '보완 요청', version: r.version },
          { token: w.office.token },
        ),
      );
    }
    record(
      await http.post(
        `/api/v1/consultations/${consultation.id}/transitions`,
        { action: 'submit', version: consultation.version },
        { token: w.head.token },
      ),
    );
    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);
    expect(statuses).toHaveLength(risks.length * 3 + reports.length + 1);
    const relayFailures = worker.watch(/outbox relay failed; retrying/);

    // The events wait in the outbox through several relay rounds; no email goes out.
    const outbox = async () =>
      (
        await factory.db.query<{ event: string; relayed: boolean }>(
          `SELECT event, relayed_at IS NOT NULL AS relayed FROM outbox WHERE organisation_id = $1 ORDER BY id`,
          [w.org.id],
        )
      ).rows;
    const pending = [
      { event: 'report.returned', relayed: false },
      { event: 'report.returned', relayed: false },
      { event: 'consultation.submitted', relayed: false },
    ];
    expect(await outbox()).toEqual(pending);
    // Two relay rounds since the writes found the rows and could not reach Redis (logged).
    expect(
      await eventually(
        () => Promise.resolve(relayFailures()),
        (n) => n >= 2,
        30_000,
      ),
    ).toBe(2);
    expect(await outbox()).toEqual(pending);
    const people = [w.staff, w.owner, w.head, w.office, w.auditor, w.partner].map((u) =>
      u.email.toLowerCase(),
    );
    const ours = (m: { to: string[] }) => m.to.some((t) => people.includes(t));
    expect(sink.messages.filter(ours)).toEqual([]);

    // Redis is back (empty: it kept nothing): the worker relays the outbox and sends each email
    // once, and its schedules are registered again without a restart.
    await startRedis();
    await eventually(
      () => http.get('/health'),
      (res) => res.status === 200,
      30_000,
    );
    // Report returns: the author (staff) and the owner, for each report; the submission: the
    // organisation's auditor.
    await sink.waitFor(5, 90_000, ours);
    expect(await eventually(outbox, (rows) => rows.every((r) => r.relayed), 10_000)).toEqual(
      pending.map((p) => ({ ...p, relayed: true })),
    );
    // Nothing left to send: every row processed, every e-mail final, no job pending or running.
    const queues = openQueues(redis.url, PREFIX);
    try {
      await settled(queues.values(), sink, async () => {
        const { rows } = await factory.db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM outbox WHERE organisation_id = $1 AND processed_at IS NULL)
                + (SELECT count(*) FROM notification_emails e JOIN users u ON u.id = e.recipient_id
                    WHERE u.organisation_id = $1 AND e.status NOT IN ('SENT', 'SKIPPED', 'FAILED'))
                  AS n`,
          [w.org.id],
        );
        return Number(rows[0].n) === 0;
      });
    } finally {
      for (const q of queues.values()) await q.close();
    }
    // One copy of each Message-ID.
    expect([...sink.byMessageId(ours)].filter(([, copies]) => copies.length !== 1)).toEqual([]);
    const received = sink.messages.filter(ours);
    const count = (email: string) => received.filter((m) => m.to.includes(email.toLowerCase()));
    expect(received).toHaveLength(5);
    expect(count(w.staff.email)).toHaveLength(2);
    expect(count(w.owner.email)).toHaveLength(2);
    for (const r of reports) {
      expect(count(w.staff.email).filter((m) => m.text.includes(`/reports/${r.id}`))).toHaveLength(
        1,
      );
      expect(count(w.owner.email).filter((m) => m.text.includes(`/reports/${r.id}`))).toHaveLength(
        1,
      );
    }
    expect(count(w.auditor.email)).toHaveLength(1);
    expect(count(w.auditor.email)[0].text).toContain(`/consultations/${consultation.id}`);

    expect(
      await eventually(schedulers, (k) => k.length === expectedSchedulers.length, 30_000),
    ).toEqual(expectedSchedulers);
    expect(worker.running).toBe(true);
    expect(worker.pid).toBe(workerPid);
  }, 300_000);
});
