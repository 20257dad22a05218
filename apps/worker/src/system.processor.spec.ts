import type { Job } from 'bullmq';
import type { LedgerSealerService } from '@gwaje/audit';
import { SystemJob } from '@gwaje/queues';
import type { ReportingCalendarService } from '@gwaje/reports';
import { SystemProcessor } from './system.processor.js';

describe('a failed job', () => {
  it('leaves no e-mail address nor password hash in the message and stack BullMQ keeps', async () => {
    const leak = new Error(
      'insert failed for kim.minjun@nowon.go.kr with $argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
    );
    const processor = new SystemProcessor(
      {
        generateAll: () => Promise.reject(leak),
      } as unknown as ReportingCalendarService,
      {} as LedgerSealerService,
    );
    const job = { name: SystemJob.GENERATE_EXPECTED_REPORTS, id: '1', data: {} } as Job;
    const error = (await processor.process(job).catch((e: unknown) => e)) as Error;
    expect(error).toBe(leak);
    expect(`${error.message}\n${error.stack}`).not.toMatch(/@nowon\.go\.kr|\$argon2id\$/);
    expect(error.message).toContain('[email]');
  });
});
