import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { AdminBootstrapService } from '@gwaje/identity';
import { createDatabaseIfMissing, runMigrations } from '@gwaje/db';
import { createSeedContext } from '../apps/api/src/cli/seed-context.js';
import { databaseEnv, testConfig } from './support/app.js';

/** A fresh installation: its own empty database, so "no administrator exists" is really true. */
describe('first administrator on a fresh installation', () => {
  const base = testConfig();
  // `url` as the owner (create, migrate, check); the seed context connects as the application's role.
  const url = new URL(base.database.adminUrl);
  url.pathname = `/${url.pathname.slice(1)}_boot_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.database.adminUrl });

  beforeAll(async () => {
    await createDatabaseIfMissing(url.toString());
    await runMigrations(testConfig(databaseEnv(url.toString())), url.toString());
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  });

  async function bootstrap(env: Record<string, string>) {
    const context = await createSeedContext(testConfig({ ...databaseEnv(url.toString()), ...env }));
    try {
      return await context.get(AdminBootstrapService).ensureAdministrator();
    } finally {
      await context.close();
    }
  }

  it('skips without ADMIN_PASSWORD, creates one from ADMIN_EMAIL/ADMIN_PASSWORD, then leaves it alone', async () => {
    expect(await bootstrap({})).toBe('skipped');
    expect(
      await bootstrap({
        ADMIN_EMAIL: 'Root@Gwaje.Example',
        ADMIN_PASSWORD: 'first-admin-passphrase',
      }),
    ).toBe('created');
    expect(
      await bootstrap({ ADMIN_EMAIL: 'other@gwaje.example', ADMIN_PASSWORD: 'another-passphrase' }),
    ).toBe('exists');

    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const users = await db.query(
        `SELECT email, roles::text[] AS roles, password_hash FROM users`,
      );
      expect(users.rows).toHaveLength(1);
      expect(users.rows[0]).toMatchObject({ email: 'root@gwaje.example', roles: ['ADMIN'] });
      expect(users.rows[0].password_hash).toMatch(/^\$argon2id\$/);
      const orgs = await db.query(`SELECT name FROM organisations`);
      expect(orgs.rows).toEqual([{ name: '기본 기관' }]);
      const history = await db.query(`SELECT action, actor_id FROM history`);
      expect(history.rows).toEqual([{ action: 'bootstrap_admin', actor_id: null }]);
    } finally {
      await db.end();
    }
  });
});
