import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * A unit of work: the business row, its history entry and (later) its outbox rows are written
 * through `manager` and commit together or not at all. Work that must only happen once the data
 * is durable (e.g. cache invalidation) is registered with `afterCommit`; undoing a side effect
 * outside the database (a file written for the transaction) with `afterRollback`.
 */
export interface Tx {
  readonly manager: EntityManager;
  afterCommit(fn: () => void): void;
  afterRollback(fn: () => Promise<void>): void;
}

@Injectable()
export class TransactionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
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
  }
}
