import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AppConfig } from '@gwaje/config';
import { NotificationsService } from '@gwaje/notifications';
import {
  DEFAULT_JOB_OPTIONS,
  NotificationJob,
  type OutboxJobPayload,
  QueueName,
  type ScheduledPayload,
} from '@gwaje/queues';

/**
 * The notifications queue: relayed outbox rows and the hourly reminder run. The relay itself runs
 * here too: every `smtp.outboxPollMs` it moves new outbox rows to the queue (jobId `outbox-<id>`),
 * and leaves them in Postgres while Redis is down.
 */
const RELAY_TIMEOUT_MS = 5_000;

@Processor(QueueName.NOTIFICATIONS)
export class NotificationsProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(NotificationsProcessor.name);
  private timer: NodeJS.Timeout | undefined;
  private relaying: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job<OutboxJobPayload | ScheduledPayload>): Promise<Record<string, unknown>> {
    const name = job.name as NotificationJob;
    switch (name) {
      case NotificationJob.OUTBOX:
        return this.notifications.handleOutbox((job.data as OutboxJobPayload).outboxId);
      case NotificationJob.REMINDERS_HOURLY:
        return this.notifications.runScheduled();
      default: {
        const unknown: never = name;
        throw new Error(`no handler for job ${String(unknown)}`);
      }
    }
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      if (this.stopped) return;
      this.relaying = this.relayOnce().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.config.smtp.outboxPollMs);
      });
    };
    tick();
  }

  /** One relay round; a Redis outage is logged and retried on the next round. */
  async relayOnce(): Promise<number> {
    try {
      return await this.notifications.relay(async (rows) => {
        const added = this.queue.addBulk(
          rows.map((r) => ({
            name: NotificationJob.OUTBOX,
            data: { outboxId: r.id } satisfies OutboxJobPayload,
            opts: { ...DEFAULT_JOB_OPTIONS, jobId: `outbox-${r.id}` },
          })),
        );
        // While Redis is down the add waits in ioredis's offline queue: give up this round after a
        // while, so the rows stay unrelayed (a late add is harmless: the job ids deduplicate).
        added.catch(() => undefined); // settled by the race below, or by the next round
        await Promise.race([
          added,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('queue not reachable')), RELAY_TIMEOUT_MS).unref(),
          ),
        ]);
      });
    } catch (error) {
      this.logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'outbox relay failed; retrying',
      );
      return 0;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.relaying;
    await this.worker.close();
  }
}
