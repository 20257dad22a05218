// Each test run gets its own database and Redis key prefix, so runs never collide with each other
// or with demo data. They are created here and dropped in global-teardown.ts; migrations run from
// migrate.ts in the first test file that starts (under an advisory lock).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { baseDatabaseUrl, withDatabase } from './run-env.mjs';

export default async function globalSetup() {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const name = `gwaje_test_${runId}`;
  const admin = new pg.Client({ connectionString: withDatabase(baseDatabaseUrl(), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = withDatabase(baseDatabaseUrl(), name);
  process.env.REDIS_PREFIX = `gwaje-test-${runId}`;
}
