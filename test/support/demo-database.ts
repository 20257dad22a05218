import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { createDatabaseIfMissing, runMigrations } from '@gwaje/db';
import { createSeedContext } from '../../apps/api/src/cli/seed-context.js';
import { databaseEnv, startApi, testConfig, type TestApi } from './app.js';

/** What a demo suite works with, set in its beforeAll. */
export interface DemoDatabase {
  /** The seeds' application context (as `setup --seed-demo` builds it). */
  context: INestApplicationContext;
  /** The API on the suite's database. */
  api: TestApi;
  /** The owner's connection to the suite's database, for counting. */
  db: pg.Pool;
}

/**
 * A database of the suite's own, beside the run's test database (`<run's name>_<suffix>`), migrated,
 * with the seed context and the API on it, dropped after the suite: seeding is global to a
 * database, and the demo suites assert what their first run creates and that a second creates
 * nothing, so they never share one.
 */
export function useDemoDatabase(suffix: string): DemoDatabase {
  const url = new URL(testConfig().database.adminUrl);
  url.pathname = `${url.pathname}_${suffix}`;
  const env = databaseEnv(url.toString());
  const demo = {} as DemoDatabase;

  beforeAll(async () => {
    await createDatabaseIfMissing(env.DATABASE_ADMIN_URL);
    await runMigrations(testConfig(env));
    demo.context = await createSeedContext(testConfig(env));
    demo.api = await startApi(env);
    demo.db = new pg.Pool({ connectionString: env.DATABASE_ADMIN_URL, max: 2 });
  }, 120_000);

  afterAll(async () => {
    await demo.db?.end();
    await demo.context?.close();
    await demo.api?.close();
    const owner = new URL(env.DATABASE_ADMIN_URL);
    const name = owner.pathname.slice(1);
    if (!/^gwaje_test_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
    owner.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: owner.toString() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });

  return demo;
}
