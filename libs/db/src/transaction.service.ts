import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * A unit of work: the business row, its history entry and (later) its outbox rows are written
 * through `manager` and commit together or not at all. Work that must only happen once the data
 * is durable (e.g. cache invalidation) is registered with `afterCommit`.
 */
export interface Tx {
  readonly manager: EntityManager;
  afterCommit(fn: () => void): void;
}

@Injectable()
export class TransactionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const callbacks: Array<() => void> = [];
    const result = await this.dataSource.transaction(async (manager) =>
      work({ manager, afterCommit: (fn) => callbacks.push(fn) }),
    );
    for (const fn of callbacks) fn();
    return result;
  }
}
