import { randomBytes } from 'node:crypto';
import { HttpClient } from '../support/app.js';
import { consultationAction, draftConsultation } from '../support/consultations.js';
import { Factory, login } from '../support/factory.js';
import { eventually, freePort, OwnRedis } from '../support/redis-server.js';
import { SmtpSink } from '../support/smtp-sink.js';
import {
  apiProcess,
  type ApiProcess,
  type AppProcess,
  WORKER_READY,
  workerProcess,
} from './support/processes.js';
import { remember } from './support/leftovers.js';
import { SuiteDatabase } from './support/suite-database.js';

// A worker killed with SIGKILL in the middle of a fan-out of 2,000 emails (a pre-consultation
// submitted in an organisation with 2,000 auditors: each gets an immediate email), then started
// again: every email reaches the SMTP server exactly once (here; in general at least once, with
// the same Message-ID: EmailDelivery).
//
// The kill lands while the server holds a message without answering (the sink delays it), so the
// worker dies between the claim of that email and the server's answer. The server then refuses
// that message, as a server does that finds its sender gone before it took the message on: the
// email was claimed and never delivered, and only the claim's lease gets it out. (A server that
// delivers a message whose sender never saw the answer makes that one email go twice: the
// trade-off described in EmailDelivery.)
const AUDITORS = 2_000;
const LEASE_MS = 10_000;

describe('faults: worker killed in the middle of an email fan-out', () => {
  const sink = new SmtpSink();
  let redis: OwnRedis;
  let forgetRedis: () => void = () => undefined;
  let db: SuiteDatabase;
  let factory: Factory;
  let api: ApiProcess;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    forgetRedis = remember({ kind: 'redis', port: redis.port });
    await redis.start();
    await sink.start();
    db = await SuiteDatabase.create('kill');
    factory = new Factory(db.adminUrl);
    api = await apiProcess('api', env());
    await api.boot();
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) await w.kill('SIGKILL');
    await api?.stop();
    await factory?.close();
    await db?.drop();
    await redis?.stop();
    forgetRedis();
    await sink.stop();
  }, 60_000);

  function env() {
    return {
      DATABASE_URL: db.appUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'gwaje-faults',
      SMTP_URL: sink.url,
      SMTP_SEND_LEASE_MS: String(LEASE_MS),
    };
  }

  async function startWorker(name: string): Promise<AppProcess> {
    const w = workerProcess(name, env());
    workers.push(w);
    await w.start(WORKER_READY);
    return w;
  }

  it('delivers every email exactly once when the worker is killed mid-send and restarted', async () => {
    const http = new HttpClient(api.url);
    const org = await factory.org();
    const dept = await factory.dept(org.id);
    const audit = await factory.dept(org.id, { isAuditUnit: true });
    const staff = await factory.user(dept, ['STAFF']);
    const head = await factory.user(dept, ['DEPT_HEAD']);
    const tag = randomBytes(3).toString('hex');
    const { rows: auditors } = await factory.db.query<{ id: string; email: string }>(
      `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash)
       SELECT $1, $2, '감사관 ' || g, 'fanout-' || $3 || '-' || g || '@test.gwaje.kr', '{AUDITOR}'::user_role[], 'no-login'
         FROM generate_series(1, $4::int) g
       RETURNING id, email`,
      [org.id, audit.id, tag, AUDITORS],
    );
    const emails = new Set(auditors.map((a) => a.email));
    const ours = (m: { to: string[] }) => m.to.some((t) => emails.has(t));
    const emailRows = async () =>
      (
        await factory.db.query<{ status: string; count: number }>(
          `SELECT e.status, count(*)::int AS count FROM notification_emails e
             JOIN users u ON u.id = e.recipient_id WHERE u.organisation_id = $1
            GROUP BY e.status ORDER BY e.status`,
          [org.id],
        )
      ).rows;

    const first = await startWorker('worker-1');
    const draft = await draftConsultation(http, (await login(http, staff)).accessToken);
    await consultationAction(http, (await login(http, head)).accessToken, draft.id, 'submit');

    // The fan-out is under way: a good part has gone out. From now on the server holds each
    // message for a while before answering; once one is held, the worker is killed.
    await eventually(
      () => Promise.resolve(sink.messages.filter(ours).length),
      (n) => n >= AUDITORS / 5,
      120_000,
    );
    // (However many messages the worker has in flight at a time: each is held, then refused.)
    sink.delay(3_000);
    let held = false;
    for (let i = 0; i < 100 && !held; i++) {
      const [before, inFlight] = [sink.messages.length, sink.inFlight];
      await new Promise((r) => setTimeout(r, 300));
      held = inFlight > 0 && sink.inFlight === inFlight && sink.messages.length === before;
    }
    expect(held).toBe(true);
    sink.failNext(AUDITORS, 451);
    await first.kill('SIGKILL');
    sink.delay(0);
    await eventually(
      () => Promise.resolve(sink.inFlight),
      (n) => n === 0,
      15_000,
    );
    sink.failNext(0);
    expect(sink.refused.length).toBeGreaterThanOrEqual(1);

    // What the kill left: the accepted emails recorded SENT (outcomes are written within 50 ms,
    // and the server had answered nothing for far longer); claimed and unanswered ones SENDING:
    // those in flight, which the server refused, and the next chunk, claimed ahead of its send
    // and never sent; the rest not claimed yet.
    const delivered = sink.messages.filter(ours).length;
    expect(delivered).toBeGreaterThanOrEqual(AUDITORS / 5);
    expect(delivered).toBeLessThan(AUDITORS);
    const left = await emailRows();
    expect(left.map((r) => r.status)).toEqual(['SENDING', 'SENT']);
    expect(left[1].count).toBe(delivered);
    expect(left[0].count).toBeGreaterThanOrEqual(sink.refused.length);
    const { rows: strandedRows } = await factory.db.query<{ email: string }>(
      `SELECT u.email FROM notification_emails e JOIN users u ON u.id = e.recipient_id
        WHERE u.organisation_id = $1 AND e.status = 'SENDING'`,
      [org.id],
    );
    const stranded = strandedRows.map((r) => r.email).sort();
    const strandedSet = new Set(stranded);
    expect(sink.refused.flatMap((r) => r.to).filter((t) => !strandedSet.has(t))).toEqual([]);

    // A new worker picks the interrupted job up once its lock expires (BullMQ's stalled-job
    // check) and sends the rest; the stranded claim's lease is over by then, so it goes too.
    await startWorker('worker-2');
    // (Counted here rather than with sink.waitFor, whose timeout message would list 2,000 emails.)
    await eventually(
      () => Promise.resolve(sink.messages.filter(ours).length),
      (n) => n >= AUDITORS,
      240_000,
    );
    await new Promise((r) => setTimeout(r, 3_000)); // room for a duplicate to show up

    const received = sink.messages.filter(ours);
    const got = new Set(received.flatMap((m) => m.to));
    expect(auditors.filter((a) => !got.has(a.email)).map((a) => a.email)).toEqual([]);
    expect(received).toHaveLength(AUDITORS);
    const perRecipient = new Map<string, number>();
    for (const m of received)
      for (const t of m.to) perRecipient.set(t, (perRecipient.get(t) ?? 0) + 1);
    expect(perRecipient.size).toBe(AUDITORS);
    expect([...perRecipient].filter(([, n]) => n !== 1)).toEqual([]);
    expect(received.filter((m) => m.senderGone)).toEqual([]);
    for (const email of stranded) {
      expect([email, received.filter((m) => m.to.includes(email)).length]).toEqual([email, 1]);
    }
    expect(await emailRows()).toEqual([{ status: 'SENT', count: AUDITORS }]);
    const { rows: retried } = await factory.db.query<{ email: string; attempts: number }>(
      `SELECT u.email, e.attempts FROM notification_emails e JOIN users u ON u.id = e.recipient_id
        WHERE u.organisation_id = $1 AND e.attempts > 1`,
      [org.id],
    );
    retried.sort((a, b) => (a.email < b.email ? -1 : 1));
    expect(retried).toEqual(stranded.map((email) => ({ email, attempts: 2 })));
  }, 420_000);
});
