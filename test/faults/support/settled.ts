import { Queue } from 'bullmq';
import { bullConnectionOptions, QueueName } from '@gwaje/queues';
import { testConfig } from '../../support/app.js';
import type { SmtpSink } from '../../support/smtp-sink.js';

/** A client of every queue of the suite's Redis (to read job states; closed by the suite). */
export function openQueues(redisUrl: string, prefix: string): Map<string, Queue> {
  const config = testConfig({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix });
  const queues = new Map<string, Queue>();
  for (const name of Object.values(QueueName))
    queues.set(name, new Queue(name, { connection: bullConnectionOptions(config), prefix }));
  return queues;
}

/** Jobs that may still do something: waiting, running, or delayed other than a schedule's next tick. */
export async function pendingJobs(queues: Iterable<Queue>): Promise<string[]> {
  const pending: string[] = [];
  for (const queue of queues) {
    const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'waiting-children');
    for (const [state, n] of Object.entries(counts))
      if (n) pending.push(`${queue.name}: ${n} ${state}`);
    for (const job of await queue.getJobs(['delayed']))
      if (job.repeatJobKey === undefined) pending.push(`${queue.name}: ${job.id} delayed`);
  }
  return pending;
}

/**
 * Resolves once the system has nothing left to do that could send or change anything: no job
 * waiting, running or retrying in any queue (a schedule's next tick aside), no message in flight
 * at the sink, and `final()` true (e.g. every e-mail row SENT). Throws after `timeoutMs` with what
 * was still pending. What the sink holds then is all it will ever get from that work: the place
 * to count duplicates, instead of a fixed sleep "for a duplicate to show up".
 */
export async function settled(
  queues: Iterable<Queue>,
  sink: SmtpSink | undefined,
  final: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  // Read once: an iterator (a Map's values()) would be empty from the second poll on.
  const all = [...queues];
  const end = Date.now() + timeoutMs;
  // Quiet on two polls in a row: a job may move from one state to the next between two reads.
  let quiet = 0;
  for (;;) {
    const last = await pendingJobs(all);
    if (sink?.inFlight) last.push(`smtp sink: ${sink.inFlight} in flight`);
    if (!(await final())) last.push('rows not final');
    quiet = last.length ? 0 : quiet + 1;
    if (quiet >= 2) return;
    if (Date.now() > end) throw new Error(`not settled in ${timeoutMs} ms: ${last.join('; ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
