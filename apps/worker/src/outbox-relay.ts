import { InjectQueue } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@gwaje/config';
import { OutboxService } from '@gwaje/outbox';
import {
  DashboardJob,
  DEFAULT_JOB_OPTIONS,
  NotificationJob,
  type OutboxJobPayload,
  QueueName,
} from '@gwaje/queues';

const RELAY_TIMEOUT_MS = 5_000;

/**
 * Moves new outbox rows to their queue every `smtp.outboxPollMs` (job id `outbox-<id>`):
 * dashboard requests to the dashboards queue, everything else to notifications. While Redis is down
 * the rows stay in Postgres and go on the next round after it returns (ARCHITECTURE.md convention 3).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private relaying: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly notificationsQueue: Queue,
    @InjectQueue(QueueName.DASHBOARDS) private readonly dashboardsQueue: Queue,
  ) {}

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
      return await this.outbox.relay(async (rows) => {
        const job = (r: { id: string; jobId: string }, name: string) => ({
          name,
          data: { outboxId: r.id } satisfies OutboxJobPayload,
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: r.jobId },
        });
        const dashboards = rows.filter((r) => r.event.startsWith('dashboard.'));
        const others = rows.filter((r) => !r.event.startsWith('dashboard.'));
        const added = Promise.all([
          others.length
            ? this.notificationsQueue.addBulk(others.map((r) => job(r, NotificationJob.OUTBOX)))
            : null,
          dashboards.length
            ? this.dashboardsQueue.addBulk(dashboards.map((r) => job(r, DashboardJob.OUTBOX)))
            : null,
        ]);
        // While Redis is down the adds wait in ioredis's offline queue: give up this round after a
        // while, so the rows stay unrelayed (a late add is harmless: the job ids deduplicate).
        added.catch(() => undefined);
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
  }
}
