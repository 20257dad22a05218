import { loadConfig } from '@gwaje/config';
import { runMigrations } from '@gwaje/db';

// This Jest worker's database and Redis prefix (global-setup.mjs): worker 1 keeps the run's, worker
// k uses `<database>_wk` and `<prefix>-wk`. Runs once per worker process (the environment stays).
const worker = Number(process.env.JEST_WORKER_ID ?? '1');
if (worker > 1 && process.env.GWAJE_TEST_RUN && !process.env.GWAJE_TEST_WORKER) {
  const suffixed = (url: string) => {
    const u = new URL(url);
    u.pathname = `${u.pathname}_w${worker}`;
    return u.toString();
  };
  process.env.DATABASE_ADMIN_URL = suffixed(process.env.DATABASE_ADMIN_URL!);
  process.env.DATABASE_URL = suffixed(process.env.DATABASE_URL!);
  process.env.REDIS_PREFIX = `${process.env.GWAJE_TEST_RUN}-w${worker}`;
  process.env.GWAJE_TEST_WORKER = String(worker);
}

// Idempotent and serialised by an advisory lock: the first test file migrates, the rest find nothing to do.
// As the owner (DATABASE_ADMIN_URL); runMigrations then grants the application's role (DATABASE_URL).
beforeAll(async () => {
  await runMigrations(loadConfig({ env: { ...process.env, NODE_ENV: 'test' } }));
});
