import type { Queue } from 'bullmq';
import { QueueName } from '@gwaje/queues';
import { Factory } from '../support/factory.js';
import { eventually, freePort, OwnRedis } from '../support/redis-server.js';
import { SmtpSink, type SunkEmail } from '../support/smtp-sink.js';
import {
  apiProcess,
  type ApiProcess,
  type AppProcess,
  WORKER_READY,
  workerProcess,
} from './support/processes.js';
import { auditorsOrg } from './support/auditors-org.js';
import { remember } from './support/leftovers.js';
import { openQueues, settled } from './support/settled.js';
import { SuiteDatabase } from './support/suite-database.js';

// A worker killed with SIGKILL in the middle of a fan-out of 2,000 emails (a pre-consultation
// submitted in an organisation with 2,000 auditors: each gets an immediate email), then started
// again: every email reaches the SMTP server, and what goes twice is only what the README's
// delivery guarantee allows ("at least once, with a stable Message-ID"; "what can go twice is only
// what the server accepted in the last moments before such a crash").
//
// The kill lands while the server holds messages without answering (the sink delays them), so the
// worker dies between the claim of those emails and the server's answer. The server then accepts
// them, as a server does that had the message whole when its sender hung up: the worker never saw
// them accepted, their claims stay SENDING, and after the lease they go again with the same
// Message-ID. The copies are counted by Message-ID: exactly two for an email the server accepted
// at the kill (or in the last moments before it, whose SENT record the kill cut), one for every
// other.
//
// Then the restarted worker is stopped with SIGTERM while it sends: it finishes the job it has
// begun (the messages held at the server are answered and recorded) before it exits.
const AUDITORS = 2_000;
const LEASE_MS = 10_000;
/**
 * "The last moments before the crash": outcomes are written in batches at most 50 ms old; the
 * write itself takes a moment on a busy machine. An email accepted earlier than this before the
 * kill and sent again would break the promise.
 */
const LAST_MOMENTS_MS = 1_000;
const PREFIX = 'gwaje-faults';
/** The second test's fan-out: a few rounds of the worker's SMTP connections. */
const SHUTDOWN_AUDITORS = 12;

describe('faults: worker killed in the middle of an email fan-out', () => {
  const sink = new SmtpSink();
  let redis: OwnRedis;
  let forgetRedis: () => void = () => undefined;
  let db: SuiteDatabase;
  let factory: Factory;
  let api: ApiProcess;
  const workers: AppProcess[] = [];
  let queues: Map<string, Queue> = new Map();

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    forgetRedis = remember({ kind: 'redis', port: redis.port });
    await redis.start();
    await sink.start();
    db = await SuiteDatabase.create('kill');
    factory = new Factory(db.adminUrl);
    api = await apiProcess('api', env());
    await api.boot();
    queues = openQueues(redis.url, PREFIX);
  }, 120_000);

  afterAll(async () => {
    for (const q of queues.values()) await q.close();
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
      REDIS_PREFIX: PREFIX,
      SMTP_URL: sink.url,
      SMTP_SEND_LEASE_MS: String(LEASE_MS),
      // A killed worker's job is picked up again after about 5-10 s instead of 30-60 s.
      QUEUE_JOB_LOCK_MS: '5000',
    };
  }

  async function startWorker(name: string): Promise<AppProcess> {
    const w = workerProcess(name, env());
    workers.push(w);
    await w.start(WORKER_READY);
    return w;
  }

  /** The notification_emails id a message carries in its Message-ID (<gwaje-<id>@host>). */
  const emailId = (m: SunkEmail) => /^<gwaje-(\d+)@[^>]+>$/.exec(m.messageId)?.[1] ?? m.messageId;
  const summary = (m: SunkEmail) => ({
    to: m.to,
    messageId: m.messageId,
    senderGone: m.senderGone,
    receivedAt: m.receivedAt,
  });

  it('delivers every email, twice only what the server accepted as the worker was killed mid-send, once restarted', async () => {
    const { auditors, ours, submit, rows } = await auditorsOrg(factory, api.url, AUDITORS);

    const first = await startWorker('worker-1');
    await submit();

    // The fan-out is under way: a good part has gone out. From now on the server holds each
    // message for a while before answering; once one is held, the worker is killed.
    await eventually(
      () => Promise.resolve(sink.messages.filter(ours).length),
      (n) => n >= AUDITORS / 5,
      120_000,
    );
    sink.delay(3_000);
    await sink.waitForHeld(30_000);
    const killAt = Date.now();
    await first.kill('SIGKILL');
    sink.delay(0);
    // The held messages are answered (accepted) to a sender that is gone; one cut short by the
    // kill is not received at all.
    expect(
      await eventually(
        () => Promise.resolve(sink.inFlight),
        (n) => n === 0,
        15_000,
      ),
    ).toBe(0);

    // What the kill left: the accepted emails recorded SENT, except those the server accepted
    // as the worker died (the held ones) or in the last moments before (their outcome batch not
    // written yet): those stay SENDING, like the claimed and unanswered ones (the next chunk,
    // claimed ahead of its send and never sent); the rest not claimed yet.
    const accepted = sink.messages.filter(ours);
    const gone = accepted.filter((m) => m.senderGone);
    expect(gone.length).toBeGreaterThanOrEqual(1);
    expect(gone.filter((m) => m.receivedAt < killAt).map(summary)).toEqual([]);
    expect(accepted.length).toBeGreaterThanOrEqual(AUDITORS / 5);
    expect(accepted.length).toBeLessThan(AUDITORS);
    const atKill = new Map((await rows()).map((r) => [r.id, r]));
    expect([...new Set([...atKill.values()].map((r) => r.status))].sort()).toEqual([
      'SENDING',
      'SENT',
    ]);
    // Every message the server accepted is one of the organisation's emails, to its recipient.
    expect(accepted.filter((m) => atKill.get(emailId(m))?.email !== m.to[0]).map(summary)).toEqual(
      [],
    );
    const sentAtKill = [...atKill.values()].filter((r) => r.status === 'SENT').map((r) => r.id);
    const acceptedIds = new Set(accepted.map(emailId));
    expect(sentAtKill.filter((id) => !acceptedIds.has(id))).toEqual([]);
    const unrecorded = accepted.filter((m) => atKill.get(emailId(m))?.status === 'SENDING');
    expect(gone.filter((m) => !unrecorded.includes(m)).map(summary)).toEqual([]);
    // The README's promise: only what the server accepted at the crash or in its last moments.
    expect(
      unrecorded
        .filter((m) => !m.senderGone && m.receivedAt < killAt - LAST_MOMENTS_MS)
        .map(summary),
    ).toEqual([]);
    const stranded = [...atKill.values()].filter((r) => r.status === 'SENDING').map((r) => r.id);

    // A new worker picks the interrupted job up once its lock expires (BullMQ's stalled-job
    // check, QUEUE_JOB_LOCK_MS) and sends the rest; the stranded claims' lease is over by then, so they go too
    // (the job's run or the sweep), with the same Message-ID.
    await startWorker('worker-2');
    // (Counted here rather than with sink.waitFor, whose timeout message would list 2,000 emails.)
    await eventually(
      () => Promise.resolve(sink.byMessageId(ours).size),
      (n) => n >= AUDITORS,
      240_000,
    );
    // Nothing left to send: every row SENT, no job waiting or running, nothing in flight.
    await settled(queues.values(), sink, async () =>
      (await rows()).every((r) => r.status === 'SENT'),
    );

    const received = sink.messages.filter(ours);
    const copies = sink.byMessageId(ours);
    const twice = new Set(unrecorded.map((m) => m.messageId));
    expect(copies.size).toBe(AUDITORS);
    // Exactly two copies of each email the kill left accepted but unrecorded, one of every other.
    expect(
      [...copies]
        .filter(([id, ms]) => ms.length !== (twice.has(id) ? 2 : 1))
        .map(([id, ms]) => ({ id, copies: ms.map(summary) })),
    ).toEqual([]);
    expect(received).toHaveLength(AUDITORS + twice.size);
    // Every copy of one Message-ID went to the same recipient; everyone got one Message-ID.
    const perRecipient = new Map<string, Set<string>>();
    for (const m of received)
      for (const t of m.to)
        perRecipient.set(t, (perRecipient.get(t) ?? new Set()).add(m.messageId));
    expect(
      auditors.filter((a) => perRecipient.get(a.email)?.size !== 1).map((a) => a.email),
    ).toEqual([]);
    expect(perRecipient.size).toBe(AUDITORS);
    // The second copies were sent by the new worker, which saw them accepted.
    expect(received.filter((m) => m.senderGone && !gone.includes(m)).map(summary)).toEqual([]);
    const after = await rows();
    expect(after.filter((r) => r.status !== 'SENT' || !copies.has(r.message_id ?? ''))).toEqual([]);
    // Claimed again only what the kill left SENDING, once.
    expect(after.filter((r) => r.attempts > 1).map((r) => [r.id, r.attempts])).toEqual(
      stranded.map((id) => [id, 2]),
    );
  }, 420_000);

  it('finishes the job it has begun when stopped with SIGTERM: the emails held at the server are answered and recorded', async () => {
    for (const w of workers) await w.stop();
    const { org, ours, submit, rows } = await auditorsOrg(factory, api.url, SHUTDOWN_AUDITORS);
    const worker = await startWorker('worker-3');
    // Each message is held before its answer: the job is under way, in the middle of sending.
    sink.delay(1_000);
    await submit();
    await sink.waitForHeld(30_000);
    const { rows: outbox } = await factory.db.query<{ id: string }>(
      `SELECT id FROM outbox WHERE organisation_id = $1 AND event = 'consultation.submitted'`,
      [org.id],
    );
    expect(outbox).toHaveLength(1);
    const queue = queues.get(QueueName.NOTIFICATIONS)!;
    const jobId = `outbox-${outbox[0].id}`;
    expect(await queue.getJobState(jobId)).toBe('active');
    expect(sink.messages.filter(ours).length).toBeLessThan(SHUTDOWN_AUDITORS);

    await worker.kill('SIGTERM');
    const stoppedAt = Date.now();
    sink.delay(0);
    // It ended by itself (the shutdown hooks re-raise SIGTERM once done), not killed.
    expect(worker.ended).toEqual({ code: null, signal: 'SIGTERM' });
    const job = await queue.getJob(jobId);
    expect([await job?.getState(), job?.attemptsStarted, job?.failedReason]).toEqual([
      'completed',
      1,
      undefined,
    ]);
    expect(job!.finishedOn).toBeLessThanOrEqual(stoppedAt);
    // Every email went once, answered to a sender still there, and is recorded SENT.
    const received = sink.messages.filter(ours);
    expect(received.map(summary).filter((m) => m.senderGone)).toEqual([]);
    expect(sink.byMessageId(ours).size).toBe(SHUTDOWN_AUDITORS);
    expect(received).toHaveLength(SHUTDOWN_AUDITORS);
    expect((await rows()).map((r) => r.status)).toEqual(
      Array.from({ length: SHUTDOWN_AUDITORS }, () => 'SENT'),
    );
  }, 120_000);
});
