import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isRetryableTransactionError, pgErrorCode } from './postgres-errors.js';
import { queryPrepared } from './prepared.js';

/*
 * LOCK ORDER (ARCHITECTURE.md convention 8). A transaction that writes two aggregates takes their
 * row locks parent first, so two writers of the same records always queue instead of deadlocking:
 *
 *   1. organisation-wide advisory locks (task codes, reporting years, incentives), if any;
 *   2. the parent row: tasks (before its reports, milestones, members/partners and the task's
 *      history chain), evaluation_rounds (before its nominations);
 *   3. the child rows: reports, consultations, milestones, nominations (several of one kind: by id);
 *   4. the ledger (history) last, inside the same transaction.
 *
 * A child writer that changes its parent, or records into its parent's history chain, takes the
 * parent's row lock first with one cheap statement (`SELECT 1 FROM tasks WHERE id = $1 FOR NO KEY
 * UPDATE`, the lock an UPDATE of the row takes itself) before touching the child. Known paths:
 * report acceptance (ReportsService.transition 'accept' → TasksService.applyReportedProgress),
 * milestone writes (TasksService), the evaluation aggregate (EvaluationsService.aggregate).
 * A consultation only references a task (foreign key, KEY SHARE lock), which never conflicts.
 *
 * Whatever still deadlocks or fails to serialise is retried whole by `TransactionService.run`.
 */

/**
 * A unit of work: the business row, its history entry and (later) its outbox rows are written
 * through `manager` and commit together or not at all. Work that must only happen once the data
 * is durable (e.g. cache invalidation) is registered with `afterCommit`; undoing a side effect
 * outside the database (a file written for the transaction) with `afterRollback`.
 *
 * The unit of work may run more than once (see `TransactionService.run`): it must do its side
 * effects through the manager or register them with these callbacks, never directly.
 */
export interface Tx {
  readonly manager: EntityManager;
  afterCommit(fn: () => void): void;
  afterRollback(fn: () => Promise<void>): void;
}

/** Attempts of one unit of work when it deadlocks or fails to serialise (the first included). */
export const TRANSACTION_ATTEMPTS = 5;
/** Back-off before the second attempt; doubled each time, with ±50 % jitter (5, 10, 20, 40 ms). */
export const TRANSACTION_RETRY_BASE_MS = 5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

@Injectable()
export class TransactionService {
  private readonly logger = new Logger('Transaction');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one transaction. When Postgres rolls it back as a deadlock victim (40P01), a
   * serialization failure (40001) or a lost race for a record's first ledger entry (unique
   * violation of `UQ_history_record_chain`), the whole unit of work runs again in a new
   * transaction, up to `TRANSACTION_ATTEMPTS` times with a short jittered exponential back-off;
   * after the last attempt the error propagates. Each attempt has its own afterCommit and
   * afterRollback lists; a failed attempt's afterRollback undo runs before the next attempt.
   */
  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const callbacks: Array<() => void> = [];
      const undo: Array<() => Promise<void>> = [];
      let result: T;
      try {
        result = await this.dataSource.transaction(async (manager) =>
          work({
            manager,
            afterCommit: (fn) => callbacks.push(fn),
            afterRollback: (fn) => undo.push(fn),
          }),
        );
      } catch (error) {
        // Best effort: the error that rolled back is what the caller must see.
        await Promise.allSettled(undo.map((fn) => fn()));
        throw error;
      }
      for (const fn of callbacks) fn();
      return result;
    });
  }

  /**
   * One statement that is a transaction of its own: data-modifying CTEs write a row, its activity
   * and its history entry atomically with no BEGIN and COMMIT round trips (the hot write paths).
   * Prepared (queryPrepared) and retried like `run`.
   */
  async statement<R>(sql: string, values: unknown[]): Promise<R[]> {
    return this.retrying(() => queryPrepared<R>(this.dataSource, sql, values));
  }

  private async retrying<T>(attemptOnce: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOnce();
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
        this.logger.debug(
          { attempt, code: pgErrorCode(error) },
          'Transaction rolled back by a concurrent one; running it again',
        );
        const backoff = TRANSACTION_RETRY_BASE_MS * 2 ** (attempt - 1);
        await sleep(backoff * (0.5 + Math.random()));
      }
    }
  }
}
