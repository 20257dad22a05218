import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { withoutPersonalData } from '@gwaje/common';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { seoulDate } from '@gwaje/calendar';
import { CompileAttemptFailed, DashboardCompiles, DashboardsService } from '@gwaje/dashboards';
import { OutboxService } from '@gwaje/outbox';
import {
  type CompileJobPayload,
  DashboardJob,
  DEFAULT_JOB_OPTIONS,
  jobLockOptions,
  type OutboxJobPayload,
  QueueName,
} from '@gwaje/queues';

/**
 * Dashboard compiles. Changes are not compiled one by one: every 30 s the dirty check finds the
 * organisation-years whose history moved past their snapshot and enqueues one compile each, with a
 * job id that includes the history mark, so a burst of a thousand updates makes one compile.
 * Compiles the office asked for come through the outbox and run as their request (DashboardCompiles),
 * which records RUNNING, DONE or FAILED; a failure the request gives up on is not retried.
 */
@Processor(QueueName.DASHBOARDS, jobLockOptions())
export class DashboardsProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DashboardsProcessor.name);

  constructor(
    private readonly dashboards: DashboardsService,
    private readonly compiles: DashboardCompiles,
    private readonly outbox: OutboxService,
    @InjectQueue(QueueName.DASHBOARDS) private readonly queue: Queue,
  ) {
    super();
  }

  /** A failure's message and stack, which BullMQ keeps in Redis, carry no personal data. */
  async process(job: Job): Promise<unknown> {
    return this.handle(job).catch((error: unknown) => {
      throw error instanceof Error ? withoutPersonalData(error) : error;
    });
  }

  private async handle(job: Job): Promise<unknown> {
    const name = job.name as DashboardJob;
    switch (name) {
      case DashboardJob.COMPILE: {
        const { organisationId, year } = job.data as CompileJobPayload;
        const result = await this.dashboards.compile(organisationId, year);
        this.logger.log({ organisationId, year, ...result }, 'dashboard compiled');
        return result;
      }
      case DashboardJob.OUTBOX: {
        const { outboxId } = job.data as OutboxJobPayload;
        try {
          const done = await this.compiles.runFromOutbox(outboxId, {
            number: job.attemptsMade + 1,
            of: job.opts.attempts ?? 1,
          });
          // Done only once handled (a row whose job was lost is relayed again).
          await this.outbox.markProcessed(outboxId);
          return done;
        } catch (error) {
          // The request is FAILED (recorded): no retry of the job would change it.
          if (error instanceof CompileAttemptFailed && error.final) {
            await this.outbox.markProcessed(outboxId);
            throw new UnrecoverableError(error.message);
          }
          throw error;
        }
      }
      case DashboardJob.DIRTY_CHECK:
        return this.enqueueDirty();
      case DashboardJob.NIGHTLY:
        return this.enqueueAll(Number(seoulDate().slice(0, 4)));
      default: {
        const unknown: never = name;
        throw new Error(`no handler for job ${String(unknown)}`);
      }
    }
  }

  /** One compile job per changed organisation-year; repeated checks reuse the same job id. */
  async enqueueDirty(): Promise<{ enqueued: number }> {
    const dirty = await this.dashboards.dirty();
    if (dirty.length) {
      await this.queue.addBulk(
        dirty.map((d) => ({
          name: DashboardJob.COMPILE,
          data: { organisationId: d.organisationId, year: d.year } satisfies CompileJobPayload,
          opts: {
            ...DEFAULT_JOB_OPTIONS,
            jobId: `compile-${d.organisationId}-${d.year}-${d.highWaterMark}`,
          },
        })),
      );
    }
    return { enqueued: dirty.length };
  }

  private async enqueueAll(year: number): Promise<{ enqueued: number }> {
    const orgs = await this.dashboards.organisations();
    const day = seoulDate();
    const jobs = orgs.flatMap((organisationId) =>
      [year, year - 1].map((y) => ({
        name: DashboardJob.COMPILE,
        data: { organisationId, year: y } satisfies CompileJobPayload,
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: `nightly-${organisationId}-${y}-${day}` },
      })),
    );
    if (jobs.length) await this.queue.addBulk(jobs);
    return { enqueued: jobs.length };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
