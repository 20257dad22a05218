/**
 * How long a worker's lock on a running job lasts without renewal, and how often workers look for
 * jobs whose lock expired (their worker died): after a crash, a job is picked up again within
 * about twice this. BullMQ's default is 30 s. It is read when the processors' classes are loaded
 * (their decorator options), so from the environment: QUEUE_JOB_LOCK_MS, 5000 … 600000.
 * A shorter lock is renewed more often; one shorter than a job's longest pause of the event loop
 * would let a second worker start a job that is still running.
 */
export function jobLockOptions(env: NodeJS.ProcessEnv = process.env): {
  lockDuration: number;
  stalledInterval: number;
} {
  const raw = env.QUEUE_JOB_LOCK_MS;
  if (raw === undefined || raw === '') return { lockDuration: 30_000, stalledInterval: 30_000 };
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms < 5_000 || ms > 600_000)
    throw new Error(
      `Configuration error: QUEUE_JOB_LOCK_MS must be an integer number of milliseconds between 5000 and 600000 (got "${raw}")`,
    );
  return { lockDuration: ms, stalledInterval: ms };
}
