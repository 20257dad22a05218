import { resendSweepMs } from './schedules.js';

describe('resendSweepMs', () => {
  it('is a minute with the default five-minute send lease, and never longer', () => {
    expect(resendSweepMs(300_000)).toBe(60_000);
    expect(resendSweepMs(86_400_000)).toBe(60_000);
  });

  it('is half a short lease, so an expired claim waits at most half its lease more', () => {
    expect(resendSweepMs(10_000)).toBe(5_000);
    expect(resendSweepMs(1_000)).toBe(500);
  });
});
