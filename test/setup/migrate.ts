import { loadConfig } from '@gwaje/config';
import { runMigrations } from '@gwaje/db';

// Idempotent and serialised by an advisory lock: the first test file migrates, the rest find nothing to do.
// As the owner (DATABASE_ADMIN_URL); runMigrations then grants the application's role (DATABASE_URL).
beforeAll(async () => {
  await runMigrations(loadConfig({ env: { ...process.env, NODE_ENV: 'test' } }));
});
