import type { DataSource } from 'typeorm';

/**
 * Runs one read-only query on a read replica (TypeORM picks one of `database.replicaUrls` at
 * random), or on the primary when no replica is configured. Only for reads that may lag behind
 * the latest write by the replica's delay: dashboard reads and list pages. Never inside a
 * transaction, never for a read that decides a write (those stay on the primary).
 */
export async function onReplica<T>(
  dataSource: DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<T> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    return (await runner.query(sql, params)) as T;
  } finally {
    await runner.release();
  }
}
