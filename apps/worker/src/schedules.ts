import { getQueueToken } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@gwaje/config';
import {
  DashboardJob,
  DEFAULT_JOB_OPTIONS,
  NotificationJob,
  QueueName,
  type ScheduledPayload,
  SystemJob,
} from '@gwaje/queues';

/** Every recurring job of the system, in one place. */
export const SCHEDULES = [
  {
    queue: QueueName.SYSTEM,
    schedulerId: 'ledger-seal',
    // Replaced at registration by ledger.sealIntervalSeconds (schedulesFor).
    repeat: { every: 60_000 },
    job: {
      name: SystemJob.LEDGER_SEAL,
      data: { scheduledBy: 'worker' } satisfies ScheduledPayload,
    },
  },
  {
    queue: QueueName.SYSTEM,
    schedulerId: 'access-log-maintain',
    repeat: { pattern: '30 3 * * *', tz: 'Asia/Seoul' },
    job: {
      name: SystemJob.ACCESS_LOG_MAINTAIN,
      data: { scheduledBy: 'worker' } satisfies ScheduledPayload,
    },
  },
  {
    queue: QueueName.SYSTEM,
    schedulerId: 'system-heartbeat',
    repeat: { every: 60_000 },
    job: { name: SystemJob.HEARTBEAT, data: { scheduledBy: 'worker' } satisfies ScheduledPayload },
  },
  {
    queue: QueueName.SYSTEM,
    schedulerId: 'reports-generate-expected',
    // Shortly after midnight in Seoul, so a new period's reports exist from its first morning.
    repeat: { pattern: '10 0 * * *', tz: 'Asia/Seoul' },
    job: {
      name: SystemJob.GENERATE_EXPECTED_REPORTS,
      data: { scheduledBy: 'worker' } satisfies ScheduledPayload,
    },
  },
  {
    queue: QueueName.NOTIFICATIONS,
    schedulerId: 'reminders-hourly',
    // Every hour on the hour in Seoul: organisations whose reminder hour it is get their run
    // (notifications.sendHour, 09:00 by default), on business days only.
    repeat: { pattern: '0 * * * *', tz: 'Asia/Seoul' },
    job: {
      name: NotificationJob.REMINDERS_HOURLY,
      data: { scheduledBy: 'worker' } satisfies ScheduledPayload,
    },
  },
  {
    queue: QueueName.NOTIFICATIONS,
    schedulerId: 'emails-resend-expired',
    // Emails left SENDING by a worker that died mid-send go out again once their lease
    // (smtp.sendLeaseMs) is over (EmailDelivery.resendExpired); schedulesFor shortens this for a
    // lease under two minutes.
    repeat: { every: 60_000 },
    job: {
      name: NotificationJob.RESEND_EXPIRED,
      data: { scheduledBy: 'worker' } satisfies ScheduledPayload,
    },
  },
  {
    queue: QueueName.DASHBOARDS,
    schedulerId: 'dashboards-dirty-check',
    // Debounce: at most one compile per organisation-year every 30 s, however many changes.
    repeat: { every: 30_000 },
    job: {
      name: DashboardJob.DIRTY_CHECK,
      data: { scheduledBy: 'worker' } satisfies ScheduledPayload,
    },
  },
  {
    queue: QueueName.DASHBOARDS,
    schedulerId: 'dashboards-nightly',
    repeat: { pattern: '0 2 * * *', tz: 'Asia/Seoul' },
    job: { name: DashboardJob.NIGHTLY, data: { scheduledBy: 'worker' } satisfies ScheduledPayload },
  },
] as const;

/**
 * The schedules with the configured seal interval, and the resend sweep at most half a send lease
 * apart (every minute with the default five-minute lease), so an expired claim waits at most half
 * its lease more.
 */
export function schedulesFor(config: AppConfig) {
  return SCHEDULES.map((s) => {
    if (s.schedulerId === 'ledger-seal')
      return { ...s, repeat: { every: config.ledger.sealIntervalSeconds * 1000 } };
    if (s.schedulerId === 'emails-resend-expired')
      return { ...s, repeat: { every: resendSweepMs(config.smtp.sendLeaseMs) } };
    return s;
  });
}

/** How often the resend sweep runs for a send lease: half the lease, at most a minute. */
export const resendSweepMs = (sendLeaseMs: number) =>
  Math.min(60_000, Math.max(500, Math.floor(sendLeaseMs / 2)));

/**
 * Upserts the job schedulers at worker start, under a Postgres advisory lock so several workers
 * booting together never race (ARCHITECTURE.md convention 10). Upserting is idempotent: restarts
 * keep one schedule per id.
 *
 * A Redis that comes back without its data (restarted without persistence, or a failover to an
 * empty server) has lost the schedules with it, and nothing would run them until the next worker
 * restart: so the schedulers are upserted again each time the connection to Redis is ready again.
 */
@Injectable()
export class ScheduleRegistrar implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScheduleRegistrar.name);
  private watched: { queue: Queue; onReady: () => void } | undefined;
  private registering: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    // The queue's connection says 'ready' on every reconnection (BullMQ forwards ioredis's event).
    const queue = this.queue(SCHEDULES[0].queue);
    const onReady = () => {
      if (this.stopped) return;
      this.registering = this.registering
        .then(() => this.register())
        .catch((error: unknown) =>
          this.logger.warn(
            { error: error instanceof Error ? error.message : String(error) },
            'could not register the job schedulers again after Redis reconnected',
          ),
        );
    };
    queue.getBackend().on('ready', onReady);
    this.watched = { queue, onReady };
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.watched?.queue.getBackend().removeListener('ready', this.watched.onReady);
    await this.registering;
  }

  private queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  private async register(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtextextended('job-schedulers', 0))`);
      const schedules = schedulesFor(this.config);
      for (const s of schedules) {
        await this.queue(s.queue).upsertJobScheduler(s.schedulerId, s.repeat, {
          name: s.job.name,
          data: s.job.data,
          opts: { ...DEFAULT_JOB_OPTIONS },
        });
      }
      this.logger.log(
        `Job schedulers registered: ${schedules.map((s) => s.schedulerId).join(', ')}`,
      );
    } finally {
      await runner
        .query(`SELECT pg_advisory_unlock(hashtextextended('job-schedulers', 0))`)
        .catch(() => undefined);
      await runner.release();
    }
  }
}
