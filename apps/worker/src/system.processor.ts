import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { type HeartbeatPayload, QueueName, SystemJob } from '@gwaje/queues';

/** Jobs of the system queue. Registered only in the worker module: importing it starts a BullMQ worker. */
@Processor(QueueName.SYSTEM)
export class SystemProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SystemProcessor.name);

  process(job: Job<HeartbeatPayload>): Promise<{ at: string }> {
    const name = job.name as SystemJob;
    switch (name) {
      case SystemJob.HEARTBEAT:
        this.logger.debug({ jobId: job.id }, 'heartbeat');
        return Promise.resolve({ at: new Date().toISOString() });
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
