import { DataSource } from 'typeorm';
import type { AppConfig } from '@gwaje/config';
import { dataSourceOptions } from './data-source-options.js';
import { ensureApplicationRole } from './database-admin.js';

/**
 * Runs pending migrations as the owner (`database.adminUrl`) under a Postgres advisory lock, so two
 * processes setting up the same database never run a migration twice, then grants the
 * application's role its privileges on the tables that now exist (ensureApplicationRole). Returns
 * the names of the migrations it ran.
 */
export async function runMigrations(
  config: AppConfig,
  url = config.database.adminUrl,
): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(config, url, { admin: true }));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  let ran: string[];
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtextextended('gwaje-migrations', 0))`);
    ran = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lock
      .query(`SELECT pg_advisory_unlock(hashtextextended('gwaje-migrations', 0))`)
      .catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
  await ensureApplicationRole(config, url);
  return ran;
}
