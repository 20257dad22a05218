import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ConfigError } from '@gwaje/config';
import { AdminBootstrapService } from '@gwaje/identity';
import { createDatabaseIfMissing, runMigrations } from '@gwaje/db';
import { createSeedContext } from '../apps/api/src/cli/seed-context.js';
import { databaseEnv, testConfig } from './support/app.js';
import { buildOnce } from './support/build.js';
import { PrivateDatabase } from './support/private-database.js';

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
        `SELECT email, roles::text[] AS roles, system_administrator, password_hash FROM users`,
      );
      expect(users.rows).toHaveLength(1);
      // The first administrator is the system administrator.
      expect(users.rows[0]).toMatchObject({
        email: 'root@gwaje.example',
        roles: ['ADMIN'],
        system_administrator: true,
      });
      expect(users.rows[0].password_hash).toMatch(/^\$argon2id\$/);
      // Neither ORGANISATION_NAME nor ORGANISATION_KIND: the default, a top-level organisation.
      const orgs = await db.query(`SELECT name, kind, parent_id FROM organisations`);
      expect(orgs.rows).toEqual([{ name: '기본 기관', kind: 'LOCAL', parent_id: null }]);
      const history = await db.query(
        `SELECT record_type, action, actor_id FROM history ORDER BY id`,
      );
      expect(history.rows).toEqual([
        { record_type: 'organisation', action: 'create', actor_id: null },
        { record_type: 'user', action: 'bootstrap_admin', actor_id: null },
      ]);
    } finally {
      await db.end();
    }
  });
});

describe('the bootstrap organisation from ORGANISATION_NAME / ORGANISATION_KIND', () => {
  it('an unknown ORGANISATION_KIND stops the start with the valid kinds listed', () => {
    let error: unknown;
    try {
      testConfig({ ORGANISATION_KIND: 'CITY' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('ORGANISATION_KIND (admin.organisationKind)');
    for (const kind of [
      'CENTRAL_AGENCY',
      'METROPOLITAN',
      'LOCAL',
      'EDUCATION_OFFICE',
      'PUBLIC_INSTITUTION',
    ])
      expect(message).toContain(kind);
  });

  it('the API start creates the first administrator in the named organisation of that kind', async () => {
    const db = new PrivateDatabase('bootorg');
    await db.create();
    try {
      await runMigrations(testConfig(databaseEnv(db.url)), db.url);
      const context = await createSeedContext(
        testConfig({
          ...databaseEnv(db.url),
          ADMIN_EMAIL: 'root@seoul.example',
          ADMIN_PASSWORD: 'first-admin-passphrase',
          ORGANISATION_NAME: '  서울특별시  ',
          ORGANISATION_KIND: 'METROPOLITAN',
        }),
      );
      try {
        expect(await context.get(AdminBootstrapService).ensureAdministrator()).toBe('created');
      } finally {
        await context.close();
      }
      await db.connect();
      const orgs = await db.owner.query(`SELECT name, kind, parent_id FROM organisations`);
      expect(orgs.rows).toEqual([{ name: '서울특별시', kind: 'METROPOLITAN', parent_id: null }]);
    } finally {
      await db.drop();
    }
  });
});

/**
 * `setup` as an operator runs it (the built CLI, stdin not a terminal as in CI): the first
 * administrator's organisation from ORGANISATION_NAME / ORGANISATION_KIND, else the default with a
 * line that says so; an unknown kind stops it with the valid kinds and creates nothing.
 */
describe('setup creates the first administrator (the built CLI)', () => {
  beforeAll(async () => {
    await buildOnce('api');
  }, 180_000);

  const setup = (env: Record<string, string>) =>
    spawnSync('node', ['dist/apps/api/apps/api/src/cli/setup.js'], {
      env: {
        ...process.env,
        LOG_LEVEL: 'silent',
        ADMIN_EMAIL: 'root@gwaje.example',
        ADMIN_PASSWORD: 'first-admin-passphrase',
        ORGANISATION_NAME: '',
        ORGANISATION_KIND: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 60_000,
    });

  async function onFreshDatabase(
    check: (db: PrivateDatabase) => Promise<void>,
    tag: string,
  ): Promise<void> {
    const db = new PrivateDatabase(tag);
    try {
      await check(db);
    } finally {
      await db.drop();
    }
  }

  it('takes ORGANISATION_NAME and ORGANISATION_KIND, and a second run changes nothing', async () => {
    await onFreshDatabase(async (db) => {
      const env = {
        ...databaseEnv(db.url),
        ORGANISATION_NAME: '행정안전부',
        ORGANISATION_KIND: 'CENTRAL_AGENCY',
      };
      const first = setup(env);
      expect([first.status, first.stderr]).toEqual([0, '']);
      expect(first.stdout).toContain(
        '✓ first administrator (ADMIN_EMAIL, the system administrator) created in 행정안전부 (중앙행정기관, CENTRAL_AGENCY)',
      );
      expect(first.stdout).not.toContain('root@gwaje.example');
      const again = setup(env);
      expect(again.status).toBe(0);
      expect(again.stdout).not.toContain('first administrator');
      await db.connect();
      const orgs = await db.owner.query(`SELECT name, kind, parent_id FROM organisations`);
      expect(orgs.rows).toEqual([{ name: '행정안전부', kind: 'CENTRAL_AGENCY', parent_id: null }]);
      const users = await db.owner.query(
        `SELECT email, roles::text[] AS roles, system_administrator, password_change_required FROM users`,
      );
      expect(users.rows).toEqual([
        {
          email: 'root@gwaje.example',
          roles: ['ADMIN'],
          system_administrator: true,
          password_change_required: true,
        },
      ]);
    }, 'setupnamed');
  }, 120_000);

  it('without them and without a terminal: the default, and a line saying so and how to choose', async () => {
    await onFreshDatabase(async (db) => {
      const result = setup({ ...databaseEnv(db.url) });
      expect([result.status, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toContain(
        'ℹ ORGANISATION_NAME/ORGANISATION_KIND not set and no terminal to ask: the first administrator\'s organisation is "기본 기관" (시·군·구, LOCAL)',
      );
      expect(result.stdout).toContain('set ORGANISATION_NAME and ORGANISATION_KIND (one of');
      await db.connect();
      const orgs = await db.owner.query(`SELECT name, kind FROM organisations`);
      expect(orgs.rows).toEqual([{ name: '기본 기관', kind: 'LOCAL' }]);
    }, 'setupdefault');
  }, 120_000);

  it('refuses an unknown ORGANISATION_KIND with the valid kinds, before touching the database', async () => {
    await onFreshDatabase(async (db) => {
      const result = setup({ ...databaseEnv(db.url), ORGANISATION_KIND: '광역시' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('ORGANISATION_KIND (admin.organisationKind) must be one of');
      expect(result.stderr).toContain('METROPOLITAN (시·도)');
      const admin = new pg.Client({ connectionString: testConfig().database.adminUrl });
      await admin.connect();
      try {
        const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [
          new URL(db.url).pathname.slice(1),
        ]);
        expect(rowCount).toBe(0);
      } finally {
        await admin.end();
      }
    }, 'setupbadkind');
  }, 120_000);

  it('without ADMIN_PASSWORD: creates nobody and says what to set', async () => {
    await onFreshDatabase(async (db) => {
      const result = setup({ ...databaseEnv(db.url), ADMIN_PASSWORD: '' });
      expect(result.status).toBe(0);
      expect(result.stderr).toContain('no administrator exists yet and ADMIN_PASSWORD is empty');
      await db.connect();
      expect((await db.owner.query(`SELECT 1 FROM users`)).rowCount).toBe(0);
    }, 'setupnopass');
  }, 120_000);
});
