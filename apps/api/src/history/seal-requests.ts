import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@gwaje/config';
import { DomainError, ErrorCode } from '@gwaje/common';
import { DEFAULT_JOB_OPTIONS, parseRedisUrl, QueueName, SystemJob } from '@gwaje/queues';

/**
 * Asks the worker to seal now (the signing key lives with the worker, never the API). A request
 * changes no data, so it goes straight to the queue rather than through the outbox; the job id
 * folds repeated clicks into one pending seal.
 */
@Injectable()
export class SealRequests implements OnApplicationShutdown {
  private queue: Queue | null = null;

  constructor(private readonly config: AppConfig) {}

  async request(): Promise<void> {
    this.queue ??= new Queue(QueueName.SYSTEM, {
      // Fail fast while Redis is down: the caller gets a 503, not a hanging request.
      connection: {
        ...parseRedisUrl(this.config.redis.url),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      },
      prefix: this.config.redis.prefix,
    });
    try {
      await this.queue.add(
        SystemJob.LEDGER_SEAL,
        { scheduledBy: 'worker' },
        { ...DEFAULT_JOB_OPTIONS, jobId: 'ledger-seal-request', removeOnComplete: true },
      );
    } catch {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }
}
