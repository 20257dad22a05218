import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { redisUrl, withDatabase, workerDatabases } from './run-env.mjs';

export default async function globalTeardown() {
  // The owner's URL: dropping the database needs its rights.
  const url = process.env.DATABASE_ADMIN_URL ?? '';
  const name = new URL(url).pathname.slice(1);
  const prefix = process.env.REDIS_PREFIX ?? '';
  if (!/^gwaje_test_[a-z0-9_]+$/.test(name) || !prefix.startsWith('gwaje-test-')) {
    throw new Error('refusing to clean up: not a test database or prefix');
  }
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const workers = Number(process.env.GWAJE_TEST_WORKERS) || 1;
    for (const database of workerDatabases(name, workers)) {
      // With the demo database the browser suites copy (test/browser/support/web-stack.ts).
      for (const db of [database, `${database}_webtpl`, `${database}_webtpl_seeding`]) {
        await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      }
    }
  } finally {
    await admin.end();
  }
  // The prefix and the ones derived from it (`<prefix>-w2` of other workers, `<prefix>-web` of the
  // browser tests' stack).
  const redis = new Redis(redisUrl(), { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  // The run's ledger signing key (global-setup.mjs).
  const keyFile = process.env.LEDGER_SIGNING_KEY_FILE ?? '';
  if (/^gwaje-test-[a-z0-9_]+-ledger-signing-key\.pem$/.test(basename(keyFile))) {
    rmSync(keyFile, { force: true });
  }
  // Stamps of the builds this run made (test/support/build.ts).
  const stamps = existsSync('dist') ? readdirSync('dist') : [];
  for (const f of stamps.filter((name) => name.endsWith(`-${prefix}`))) {
    rmSync(`dist/${f}`, { force: true });
  }
}
