import type { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { bullConnectionOptions, NotificationJob, QueueName, SystemJob } from '@gwaje/queues';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { testConfig } from './support/app.js';
import { Factory } from './support/factory.js';
import { seoulToday } from './support/tasks.js';

describe('worker', () => {
  const config = testConfig();
  const connection = bullConnectionOptions(config);
  const queue = new Queue(QueueName.SYSTEM, { connection, prefix: config.redis.prefix });
  const events = new QueueEvents(QueueName.SYSTEM, { connection, prefix: config.redis.prefix });
  const workers: INestApplicationContext[] = [];

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await events.close();
    await queue.close();
  });

  // That each schedule is registered once however many workers boot, and that a worker stopped
  // with SIGTERM finishes the job it has begun, are shown with real processes in
  // test/faults/scale-out.faults-spec.ts and worker-kill.faults-spec.ts.
  it('registers its job schedulers with their names, intervals and time zones', async () => {
    workers.push(
      ...(await Promise.all([createWorker(config), createWorker(config), createWorker(config)])),
    );
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([
      'access-log-maintain',
      'ledger-seal',
      'reports-generate-expected',
      'system-heartbeat',
    ]);
    const notifications = new Queue(QueueName.NOTIFICATIONS, {
      connection,
      prefix: config.redis.prefix,
    });
    try {
      const found = await notifications.getJobSchedulers();
      expect(found.map((s) => s.key).sort()).toEqual(['emails-resend-expired', 'reminders-hourly']);
      expect(found.find((s) => s.key === 'reminders-hourly')).toMatchObject({
        name: NotificationJob.REMINDERS_HOURLY,
        pattern: '0 * * * *',
        tz: 'Asia/Seoul',
      });
      // Emails whose worker died mid-send go out again once their lease is over.
      expect(found.find((s) => s.key === 'emails-resend-expired')).toMatchObject({
        name: NotificationJob.RESEND_EXPIRED,
        every: 60_000,
      });
    } finally {
      await notifications.close();
    }
    expect(schedulers.find((s) => s.key === 'system-heartbeat')).toMatchObject({
      name: SystemJob.HEARTBEAT,
      every: 60_000,
    });
    expect(schedulers.find((s) => s.key === 'reports-generate-expected')).toMatchObject({
      name: SystemJob.GENERATE_EXPECTED_REPORTS,
      pattern: '10 0 * * *',
      tz: 'Asia/Seoul',
    });
  });

  it('generates the expected reports of the current year when its daily job runs', async () => {
    const factory = new Factory();
    try {
      const { org, dept, users } = await factory.world(['STAFF']);
      const today = seoulToday();
      const year = Number(today.slice(0, 4));
      const { rows } = await factory.db.query<{ id: string }>(
        `INSERT INTO tasks (organisation_id, code, year, title, category, lead_department_id, owner_id,
                            start_date, due_date, status)
         VALUES ($1, $2, $3, '워커 생성 확인', 'PROACTIVE', $4, $5, $6, $7, 'IN_PROGRESS') RETURNING id`,
        [org.id, `${year}-01`, year, dept.id, users.STAFF.id, `${year}-01-01`, `${year}-12-31`],
      );
      const taskId = rows[0].id;
      await factory.db.query(
        `INSERT INTO task_active_spans (task_id, active_from) VALUES ($1, $2::date::timestamp AT TIME ZONE 'Asia/Seoul')`,
        [taskId, `${year}-01-01`],
      );
      await events.waitUntilReady();
      const run = async (n: number) => {
        const job = await queue.add(
          SystemJob.GENERATE_EXPECTED_REPORTS,
          { scheduledBy: 'worker' },
          { jobId: `test-generate-${n}-${Date.now()}` },
        );
        await job.waitUntilFinished(events, 20_000);
        const found = await factory.db.query<{ period: string }>(
          `SELECT period FROM reports WHERE task_id = $1 ORDER BY period`,
          [taskId],
        );
        return found.rows.map((r) => r.period);
      };
      // Quarterly by default: one report per quarter begun so far this year.
      const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
      const expected = Array.from({ length: quarter }, (_, i) => `${year}-Q${i + 1}`);
      expect(await run(1)).toEqual(expected);
      expect(await run(2)).toEqual(expected);
    } finally {
      await factory.close();
    }
  });

  it('processes jobs', async () => {
    await events.waitUntilReady();
    const job = await queue.add(
      SystemJob.HEARTBEAT,
      { scheduledBy: 'worker' },
      { jobId: `test-heartbeat-${Date.now()}` },
    );
    const result = await job.waitUntilFinished(events, 10_000);
    expect(typeof result.at).toBe('string');
  });
});
