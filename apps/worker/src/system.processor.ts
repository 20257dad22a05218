import { Processor, WorkerHost } from '@nestjs/bullmq';
import { withoutPersonalData } from '@gwaje/common';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { LedgerSealerService } from '@gwaje/audit';
import { jobLockOptions, QueueName, type ScheduledPayload, SystemJob } from '@gwaje/queues';
import { ReportingCalendarService } from '@gwaje/reports';

/** Jobs of the system queue. Registered only in the worker module: importing it starts a BullMQ worker. */
@Processor(QueueName.SYSTEM, jobLockOptions())
export class SystemProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SystemProcessor.name);

  constructor(
    private readonly reportingCalendars: ReportingCalendarService,
    private readonly sealer: LedgerSealerService,
  ) {
    super();
  }

  /** A failure's message and stack, which BullMQ keeps in Redis, carry no personal data. */
  async process(job: Job<ScheduledPayload>): Promise<Record<string, unknown>> {
    return this.handle(job).catch((error: unknown) => {
      throw error instanceof Error ? withoutPersonalData(error) : error;
    });
  }

  private async handle(job: Job<ScheduledPayload>): Promise<Record<string, unknown>> {
    const name = job.name as SystemJob;
    switch (name) {
      case SystemJob.HEARTBEAT:
        this.logger.debug({ jobId: job.id }, 'heartbeat');
        return { at: new Date().toISOString() };
      case SystemJob.GENERATE_EXPECTED_REPORTS: {
        // Idempotent (ON CONFLICT DO NOTHING): a retried or repeated run creates nothing twice.
        const result = await this.reportingCalendars.generateAll();
        this.logger.log({ jobId: job.id, ...result }, 'expected reports generated');
        return result;
      }
      case SystemJob.LEDGER_SEAL: {
        const sealed = await this.sealer.sealAll();
        if (sealed.length) this.logger.log({ jobId: job.id, sealed }, 'ledger checkpoints sealed');
        return { checkpoints: sealed.length };
      }
      case SystemJob.ACCESS_LOG_MAINTAIN:
        return this.sealer.maintainAccessLog();
      default: {
        const unknown: never = name;
        throw new Error(`no handler for job ${String(unknown)}`);
      }
    }
  }

  /**
   * On SIGTERM, stop taking jobs and let in-flight ones finish while the database is still open
   * (the framework would otherwise close the worker and the DataSource at the same time).
   */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(
      `Stopping (${signal ?? 'close'}): finishing in-flight ${QueueName.SYSTEM} jobs`,
    );
    await this.worker.close();
  }
}
