import { randomBytes } from 'node:crypto';
import { type Job, Queue } from 'bullmq';
import { bullConnectionOptions, NotificationJob, QueueName } from '@gwaje/queues';
import { SCHEDULES, schedulesFor } from '../../apps/worker/src/schedules.js';
import { HttpClient, testConfig } from '../support/app.js';
import { Factory } from '../support/factory.js';
import { eventually, freePort, OwnRedis } from '../support/redis-server.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { on, seoulToday, taskWorld } from '../support/tasks.js';
import {
  apiProcess,
  type ApiProcess,
  type AppProcess,
  WORKER_READY,
  workerProcess,
} from './support/processes.js';
import { remember } from './support/leftovers.js';
import { settled } from './support/settled.js';
import { SuiteDatabase } from './support/suite-database.js';

// Scale-out: two API processes and two worker processes on one PostgreSQL and one Redis. The
// workers boot together and register each job schedule once; reminder runs requested through both
// APIs at the same moment are processed by both workers, and everyone still gets exactly one
// email; every tick of a schedule runs once, on one worker.
const PREFIX = 'gwaje-faults';
const MEMBERS = 20;
const RUNS_PER_API = 3;

describe('faults: two APIs and two workers on the same PostgreSQL and Redis', () => {
  const sink = new SmtpSink();
  let redis: OwnRedis;
  let forgetRedis: () => void = () => undefined;
  let db: SuiteDatabase;
  let factory: Factory;
  const apis: ApiProcess[] = [];
  const workers: AppProcess[] = [];
  const queues = new Map<string, Queue>();

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    forgetRedis = remember({ kind: 'redis', port: redis.port });
    await redis.start();
    await sink.start();
    db = await SuiteDatabase.create('scale');
    factory = new Factory(db.adminUrl);
    const env = {
      DATABASE_URL: db.appUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: PREFIX,
      SMTP_URL: sink.url,
    };
    apis.push(await apiProcess('api-a', env), await apiProcess('api-b', env));
    workers.push(workerProcess('worker-a', env), workerProcess('worker-b', env));
    // All four at once, as a deployment starts them.
    await Promise.all([...apis.map((a) => a.boot()), ...workers.map((w) => w.start(WORKER_READY))]);
    const config = testConfig({ REDIS_URL: redis.url, REDIS_PREFIX: PREFIX });
    for (const name of Object.values(QueueName)) {
      queues.set(
        name,
        new Queue(name, { connection: bullConnectionOptions(config), prefix: PREFIX }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const q of queues.values()) await q.close();
    await Promise.all([...workers, ...apis].map((p) => p.stop()));
    await factory?.close();
    await db?.drop();
    await redis?.stop();
    forgetRedis();
    await sink.stop();
  }, 60_000);

  const queue = (name: string) => queues.get(name)!;

  it('registers each job schedule once although both workers booted together', async () => {
    // Each worker registered the schedules once, at its start (under the advisory lock).
    for (const w of workers) {
      expect([w.name, w.output().match(/Job schedulers registered/g)?.length]).toEqual([w.name, 1]);
    }
    const config = testConfig({ REDIS_URL: redis.url, REDIS_PREFIX: PREFIX });
    for (const name of Object.values(QueueName)) {
      const found = (await queue(name).getJobSchedulers())
        .map((s) => ({ key: s.key, name: s.name, every: s.every, pattern: s.pattern, tz: s.tz }))
        .sort((x, y) => (x.key < y.key ? -1 : 1));
      const expected = schedulesFor(config)
        .filter((s) => s.queue === name)
        .map((s) => ({
          key: s.schedulerId,
          name: s.job.name,
          every: 'every' in s.repeat ? s.repeat.every : undefined,
          pattern: 'pattern' in s.repeat ? s.repeat.pattern : undefined,
          tz: 'tz' in s.repeat ? s.repeat.tz : undefined,
        }))
        .sort((x, y) => (x.key < y.key ? -1 : 1));
      expect([name, found]).toEqual([name, expected]);
    }
    // A schedule registered twice (under a second id, or as a job of its own besides the
    // scheduler) would show as a second next run: each schedule has exactly one run to come,
    // made by its scheduler, and no other job of a schedule's name waits. (Read at a quiet moment:
    // while a tick runs, its next one may not be queued yet.)
    const names = new Map(SCHEDULES.map((s) => [s.job.name as string, s.schedulerId as string]));
    const upcoming = async () => {
      const runs: string[] = [];
      let running = 0;
      for (const q of queues.values()) {
        running += await q.getActiveCount();
        for (const job of await q.getJobs(['delayed', 'waiting', 'prioritized'])) {
          if (names.has(job.name) || job.repeatJobKey !== undefined)
            runs.push(`${q.name}/${job.name}/${job.repeatJobKey ?? 'no scheduler'}`);
        }
      }
      return { running, runs: runs.sort() };
    };
    const expectedRuns = SCHEDULES.map((s) => `${s.queue}/${s.job.name}/${s.schedulerId}`).sort();
    const seen = await eventually(
      upcoming,
      (u) => u.running === 0 && u.runs.length === expectedRuns.length,
      15_000,
    );
    expect(seen.runs).toEqual(expectedRuns);
  });

  it('sends each reminder exactly once when both APIs ask for runs at once and both workers run them', async () => {
    const [a, b] = apis.map((api) => new HttpClient(api.url));
    const w = await taskWorld(a, factory);
    const tag = randomBytes(3).toString('hex');
    const { rows: members } = await factory.db.query<{ id: string; email: string }>(
      `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash)
       SELECT $1, $2, '팀원 ' || g, 'member-' || $3 || '-' || g || '@test.gwaje.kr', '{STAFF}'::user_role[], 'no-login'
         FROM generate_series(1, $4::int) g
       RETURNING id, email`,
      [w.org.id, w.lead.id, tag, MEMBERS],
    );
    const task = await w.task('IN_PROGRESS', {
      memberIds: members.map((m) => m.id),
      milestones: [{ title: '중간 점검', dueDate: on('06-30') }],
    });
    // Today's reminders of the milestone for the owner and the members, as the D-7 rule writes
    // them (rule, record, due date, recipient; carried by today's digest). Inserted here because
    // which deadlines a run reminds depends on the day the suite runs (none on a weekend).
    const today = seoulToday();
    await factory.db.query(
      `INSERT INTO notifications (organisation_id, recipient_id, rule, section, urgent, record_type, record_id, due_date, send_on)
       SELECT $1, x, 'milestone.due-7', 'DUE_SOON', false, 'milestone', $2, $3, $4 FROM unnest($5::uuid[]) x`,
      [
        w.org.id,
        task.milestones[0].id,
        task.milestones[0].dueDate,
        today,
        [w.owner.id, ...members.map((m) => m.id)],
      ],
    );

    // The office asks for a run through each API, three times each, all at once.
    const requests = await Promise.all(
      [a, b].flatMap((http) =>
        Array.from({ length: RUNS_PER_API }, () =>
          http.post('/api/v1/notifications/run', undefined, { token: w.office.token }),
        ),
      ),
    );
    expect(requests.map((r) => r.status)).toEqual(requests.map(() => 202));

    // Every run is relayed once and processed once, by whichever worker took it.
    const { rows: outbox } = await factory.db.query<{ id: string }>(
      `SELECT id FROM outbox WHERE organisation_id = $1 AND event = 'reminders.run' ORDER BY id`,
      [w.org.id],
    );
    expect(outbox).toHaveLength(2 * RUNS_PER_API);
    const jobs = await eventually(
      async () =>
        Promise.all(outbox.map((o) => queue(QueueName.NOTIFICATIONS).getJob(`outbox-${o.id}`))),
      (found) => found.every((j) => j?.finishedOn !== undefined),
      90_000,
    );
    for (const job of jobs) {
      expect(job).toBeDefined();
      expect([job!.id, job!.name, job!.failedReason, job!.attemptsStarted]).toEqual([
        `outbox-${job!.data.outboxId}`,
        NotificationJob.OUTBOX,
        undefined,
        1,
      ]);
    }

    // Everyone with a reminder today (the owner and the members; on a Monday also the weekly
    // summary's auditor and office) has exactly one email.
    const { rows: recipients } = await factory.db.query<{ email: string }>(
      `SELECT DISTINCT lower(u.email) AS email FROM notifications n JOIN users u ON u.id = n.recipient_id
        WHERE n.organisation_id = $1 AND n.send_on <= $2::date AND NOT n.urgent`,
      [w.org.id, today],
    );
    const expected = recipients.map((r) => r.email).sort();
    expect(expected).toEqual(
      expect.arrayContaining(
        [w.owner.email, ...members.map((m) => m.email)].map((e) => e.toLowerCase()),
      ),
    );
    const ours = (m: { to: string[] }) => m.to.some((t) => expected.includes(t));
    await sink.waitFor(expected.length, 60_000, ours);
    // Nothing left to send: every email of the organisation final, no job pending or running.
    await settled(queues.values(), sink, async () => {
      const { rows } = await factory.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification_emails e JOIN users u ON u.id = e.recipient_id
          WHERE u.organisation_id = $1 AND e.status NOT IN ('SENT', 'SKIPPED', 'FAILED')`,
        [w.org.id],
      );
      return rows[0].n === 0;
    });
    // One copy of each Message-ID (a retried run would resend with the same one).
    expect([...sink.byMessageId(ours)].filter(([, copies]) => copies.length !== 1)).toEqual([]);
    const received = sink.messages
      .filter(ours)
      .flatMap((m) => m.to)
      .sort();
    expect(received).toEqual(expected);
    for (const m of sink.messages.filter((x) => x.to.includes(members[0].email.toLowerCase()))) {
      expect(m.text).toContain(`/tasks/${task.id}`);
    }
    const { rows: emails } = await factory.db.query<{ status: string; n: number }>(
      `SELECT e.status, count(*)::int AS n FROM notification_emails e JOIN users u ON u.id = e.recipient_id
        WHERE u.organisation_id = $1 GROUP BY e.status`,
      [w.org.id],
    );
    expect(emails).toEqual([{ status: 'SENT', n: expected.length }]);
    for (const p of [...apis, ...workers]) expect([p.name, p.running]).toEqual([p.name, true]);
  }, 180_000);

  it('runs every tick of a schedule once, on one worker', async () => {
    // The 30-second dashboard check has ticked at least once by now or soon.
    const ticks = async (): Promise<Job[]> => {
      const all: Job[] = [];
      for (const name of Object.values(QueueName)) {
        all.push(
          ...(await queue(name).getJobs(['completed', 'failed', 'active', 'waiting', 'delayed'])),
        );
      }
      return all.filter((j) => j.repeatJobKey !== undefined && j.finishedOn !== undefined);
    };
    const done = await eventually(
      ticks,
      (jobs) => jobs.some((j) => j.repeatJobKey === 'dashboards-dirty-check'),
      75_000,
    );
    // Scheduled jobs ran: without a tick the checks below would hold of nothing.
    expect(
      done.filter((j) => j.repeatJobKey === 'dashboards-dirty-check').length,
    ).toBeGreaterThanOrEqual(1);
    // Every finished job of a schedule's name came from its scheduler (no run of its own).
    const names = new Map(SCHEDULES.map((s) => [s.job.name as string, s.schedulerId as string]));
    const finished: Job[] = [];
    for (const q of queues.values()) finished.push(...(await q.getJobs(['completed', 'failed'])));
    expect(
      finished
        .filter((j) => names.has(j.name) && j.repeatJobKey !== names.get(j.name))
        .map((j) => [j.queueName, j.id, j.name, j.repeatJobKey]),
    ).toEqual([]);
    const bySchedule = new Map<string, number[]>();
    for (const job of done) {
      // One start per tick: a tick taken by both workers, or run again after a lost lock, would
      // show a second start (or a failure).
      expect([job.id, job.attemptsStarted, job.failedReason]).toEqual([job.id, 1, undefined]);
      const at = Number(/:(\d+)$/.exec(job.id!)?.[1]);
      bySchedule.set(job.repeatJobKey!, [...(bySchedule.get(job.repeatJobKey!) ?? []), at]);
    }
    // Ticks of one schedule are its own times, each once: never two jobs for one tick, never two
    // ticks closer together than the schedule's interval.
    for (const [key, times] of bySchedule) {
      const schedule = SCHEDULES.find((s) => s.schedulerId === key);
      expect(schedule).toBeDefined();
      const sorted = [...times].sort((x, y) => x - y);
      expect(new Set(sorted).size).toBe(sorted.length);
      const every = 'every' in schedule!.repeat ? schedule!.repeat.every : 60 * 60_000;
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(every);
      }
    }
  }, 120_000);
});
