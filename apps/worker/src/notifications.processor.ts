import { Processor, WorkerHost } from '@nestjs/bullmq';
import { withoutPersonalData } from '@gwaje/common';
import { type BeforeApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EmailDelivery, ReminderRunner } from '@gwaje/notifications';
import { OutboxService } from '@gwaje/outbox';
import {
  jobLockOptions,
  NotificationJob,
  type OutboxJobPayload,
  QueueName,
  type ScheduledPayload,
} from '@gwaje/queues';

/**
 * The notifications queue: relayed outbox rows (urgent events, run requests), the hourly run and
 * the sweep of e-mails due for a retry or whose send lease expired.
 */
@Processor(QueueName.NOTIFICATIONS, jobLockOptions())
export class NotificationsProcessor extends WorkerHost implements BeforeApplicationShutdown {
  constructor(
    private readonly runner: ReminderRunner,
    private readonly delivery: EmailDelivery,
    private readonly outbox: OutboxService,
  ) {
    super();
  }

  /** A failure's message and stack, which BullMQ keeps in Redis, carry no personal data. */
  async process(job: Job<OutboxJobPayload | ScheduledPayload>): Promise<Record<string, unknown>> {
    return this.handle(job).catch((error: unknown) => {
      throw error instanceof Error ? withoutPersonalData(error) : error;
    });
  }

  private async handle(
    job: Job<OutboxJobPayload | ScheduledPayload>,
  ): Promise<Record<string, unknown>> {
    const name = job.name as NotificationJob;
    switch (name) {
      case NotificationJob.OUTBOX: {
        const { outboxId } = job.data as OutboxJobPayload;
        const done = await this.runner.handleOutbox(outboxId);
        // Done only once handled (a row whose job was lost is relayed again).
        await this.outbox.markProcessed(outboxId);
        return done;
      }
      case NotificationJob.REMINDERS_HOURLY:
        // The hour the job was scheduled for, not when it runs (a late job runs its own hour).
        return this.runner.runScheduled(new Date(job.opts.prevMillis ?? job.timestamp));
      case NotificationJob.RESEND_EXPIRED:
        return this.delivery.retryDue();
      default: {
        const unknown: never = name;
        throw new Error(`no handler for job ${String(unknown)}`);
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
