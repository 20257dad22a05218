import { jobLockOptions } from './job-lock.js';

describe('jobLockOptions', () => {
  it("is BullMQ's 30 s by default", () => {
    expect(jobLockOptions({})).toEqual({ lockDuration: 30_000, stalledInterval: 30_000 });
  });

  it('reads QUEUE_JOB_LOCK_MS for both the lock and the stalled-job check', () => {
    expect(jobLockOptions({ QUEUE_JOB_LOCK_MS: '5000' })).toEqual({
      lockDuration: 5_000,
      stalledInterval: 5_000,
    });
  });

  it.each(['abc', '4999', '600001', '1.5e4', '-5000'])('refuses %s', (raw) => {
    expect(() => jobLockOptions({ QUEUE_JOB_LOCK_MS: raw })).toThrow('QUEUE_JOB_LOCK_MS');
  });
});
