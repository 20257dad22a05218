import type { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { bullConnectionOptions, QueueName, SystemJob } from '@gwaje/queues';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { testConfig } from './support/app.js';

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

  it('registers its job schedulers once, however many workers start together', async () => {
    workers.push(
      ...(await Promise.all([createWorker(config), createWorker(config), createWorker(config)])),
    );
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual(['system-heartbeat']);
    expect(schedulers[0]).toMatchObject({ name: SystemJob.HEARTBEAT, every: 60_000 });
  });

  it('processes jobs and finishes the one in flight when shut down', async () => {
    await events.waitUntilReady();
    const job = await queue.add(
      SystemJob.HEARTBEAT,
      { scheduledBy: 'worker' },
      { jobId: `test-heartbeat-${Date.now()}` },
    );
    const result = await job.waitUntilFinished(events, 10_000);
    expect(typeof result.at).toBe('string');

    const inFlight = await queue.add(
      SystemJob.HEARTBEAT,
      { scheduledBy: 'worker' },
      { jobId: `test-heartbeat-close-${Date.now()}` },
    );
    await Promise.all(workers.splice(0).map((w) => w.close()));
    const state = await queue.getJobState(inFlight.id!);
    // Either finished before the close, or never started and still waiting: never lost or failed.
    expect(['completed', 'waiting', 'prioritized']).toContain(state);
  });
});
