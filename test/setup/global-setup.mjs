// Each test run gets its own database and Redis key prefix, so runs never collide with each other
// or with demo data. They are created here and dropped in global-teardown.ts; migrations run from
// migrate.ts in the first test file that starts (under an advisory lock), as the owner, and grant
// the application's role (ARCHITECTURE.md convention 8).
//
// The run's two connections: DATABASE_ADMIN_URL is the owner (migrations, the factory's arranging
// and tampering), DATABASE_URL the application's role `gwaje_app` (the API and worker under test),
// which may only SELECT/INSERT the ledger. LEDGER_SIGNING_KEY_FILE is a fresh Ed25519 key and
// JWT_SECRET a fresh random secret.
//
// Jest runs test files in parallel workers (maxWorkers): each worker gets a database and a Redis
// prefix of its own (`<name>_w2`, `<prefix>-w2` …; worker 1 uses the run's), chosen in migrate.ts,
// so suites that run workers or sweep every organisation never see another worker's records.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { appDatabaseUrl, baseDatabaseUrl, withDatabase, workerDatabases } from './run-env.mjs';

export default async function globalSetup(globalConfig) {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const name = `gwaje_test_${runId}`;
  const workers = Math.max(1, Number(globalConfig?.maxWorkers) || 1);
  const ownerUrl = baseDatabaseUrl();
  const appUrl = appDatabaseUrl();
  const admin = new pg.Client({ connectionString: withDatabase(ownerUrl, 'postgres') });
  await admin.connect();
  try {
    for (const database of workerDatabases(name, workers)) {
      await admin.query(`CREATE DATABASE "${database}" ENCODING 'UTF8' TEMPLATE template0`);
    }
  } finally {
    await admin.end();
  }
  const { privateKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const keyFile = join(tmpdir(), `gwaje-test-${runId}-ledger-signing-key.pem`);
  writeFileSync(keyFile, privateKey, { mode: 0o600 });
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_ADMIN_URL = withDatabase(ownerUrl, name);
  process.env.DATABASE_URL = withDatabase(appUrl, name);
  process.env.LEDGER_SIGNING_KEY_FILE = keyFile;
  // Demo mode is off in the test profile, which refuses the development secret of default.yaml:
  // every run signs its tokens with a secret of its own (the suites' child processes inherit it).
  process.env.JWT_SECRET = randomBytes(32).toString('hex');
  process.env.REDIS_PREFIX = `gwaje-test-${runId}`;
  process.env.GWAJE_TEST_RUN = process.env.REDIS_PREFIX;
  process.env.GWAJE_TEST_WORKERS = String(workers);
}
