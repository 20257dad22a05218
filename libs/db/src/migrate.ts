import { DataSource } from 'typeorm';
import type { AppConfig } from '@gwaje/config';
import { dataSourceOptions } from './data-source-options.js';

/**
 * Runs pending migrations under a Postgres advisory lock, so two processes setting up the same
 * database never run a migration twice. Returns the names of the migrations it ran.
 */
export async function runMigrations(
  config: AppConfig,
  url = config.database.url,
): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(config, url));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtextextended('gwaje-migrations', 0))`);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await lock
      .query(`SELECT pg_advisory_unlock(hashtextextended('gwaje-migrations', 0))`)
      .catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
