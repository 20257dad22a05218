import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { databaseUser, LEDGER_TABLES } from '@gwaje/db';
import { startApi, testConfig, type TestApi } from './support/app.js';
import { Factory } from './support/factory.js';

/**
 * ARCHITECTURE.md convention 8 and SECURITY.md: the application's database role (DATABASE_URL, the
 * API's and worker's) may only SELECT and INSERT the ledger; only the owner (DATABASE_ADMIN_URL,
 * migrations) owns the tables. A refusal here is the database's privilege check (42501), before any
 * append-only trigger runs.
 */
describe('ledger privileges of the application role', () => {
  const config = testConfig();
  const factory = new Factory();
  const app = new pg.Client({ connectionString: config.database.url });
  let api: TestApi;

  beforeAll(async () => {
    await app.connect();
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
    await app.end();
    await factory.close();
  });

  /** The SQLSTATE a statement of the application's role fails with (undefined: it succeeded). */
  async function refusal(sql: string): Promise<{ code?: string; message: string } | undefined> {
    try {
      await app.query(sql);
      return undefined;
    } catch (err) {
      const e = err as { code?: string; message: string };
      return { code: e.code, message: e.message };
    }
  }

  it('runs the tests with the role split: the application role is neither the owner nor a superuser', async () => {
    const appUser = databaseUser(config.database.url);
    expect(appUser).not.toBe(databaseUser(config.database.adminUrl));
    const { rows } = await app.query<{ user: string; superuser: boolean; owns: number }>(
      `SELECT current_user AS "user", r.rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owns
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows).toEqual([{ user: appUser, superuser: false, owns: 0 }]);
  });

  it('lets the application role INSERT and SELECT history', async () => {
    const org = await factory.org();
    const recordId = randomUUID();
    // In a transaction rolled back: the privilege is what is tested, not a made-up chain entry.
    await app.query('BEGIN');
    try {
      const inserted = await app.query<{ id: string }>(
        `INSERT INTO history (organisation_id, record_type, record_id, record_seq, action, actor_id,
                              occurred_at, changes, reason, prev_hash, hash)
         VALUES ($1, 'privilege-test', $2, 1, 'create', NULL, now(), '{}', NULL, $3, $3)
         RETURNING id`,
        [org.id, recordId, '0'.repeat(64)],
      );
      expect(inserted.rows).toHaveLength(1);
      const read = await app.query(
        `SELECT id FROM history WHERE organisation_id = $1 AND record_id = $2`,
        [org.id, recordId],
      );
      expect(read.rows).toEqual([{ id: inserted.rows[0].id }]);
    } finally {
      await app.query('ROLLBACK');
    }
    for (const table of LEDGER_TABLES) {
      expect(await refusal(`SELECT count(*) FROM ${table}`)).toBeUndefined();
    }
  });

  it.each(
    LEDGER_TABLES.flatMap((table) => [
      [table, `UPDATE ${table} SET id = id`],
      [table, `DELETE FROM ${table}`],
      [table, `TRUNCATE ${table}`],
    ]),
  )('refuses on %s: %s', async (_table, sql) => {
    const refused = await refusal(sql);
    expect(refused).toMatchObject({
      code: '42501',
      message: expect.stringMatching(/permission denied/),
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the access log partitions and the retention record', async () => {
    const { rows } = await factory.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND (c.relname LIKE 'access\\_log\\_%' OR c.relname = 'ledger_retention')
        ORDER BY 1`,
    );
    // access_log_default, the monthly partitions and ledger_retention (LedgerV2 migration).
    expect(rows.length).toBeGreaterThan(2);
    for (const { name } of rows) {
      for (const sql of [`UPDATE ${name} SET id = id`, `DELETE FROM ${name}`, `TRUNCATE ${name}`]) {
        expect({ sql, refused: (await refusal(sql))?.code }).toEqual({ sql, refused: '42501' });
      }
    }
  });

  it('cannot disable the append-only triggers or change the tables (not the owner)', async () => {
    for (const sql of [
      'ALTER TABLE history DISABLE TRIGGER ALL',
      'ALTER TABLE history DISABLE TRIGGER USER',
      'ALTER TABLE access_log DISABLE TRIGGER ALL',
      'ALTER TABLE ledger_checkpoints DISABLE TRIGGER ALL',
      'DROP TABLE history',
    ]) {
      const refused = await refusal(sql);
      expect({
        sql,
        code: refused?.code,
        owner: /must be owner/.test(refused?.message ?? ''),
      }).toEqual({ sql, code: '42501', owner: true });
    }
    // Nor create a table of its own in the schema (PostgreSQL 15: no CREATE on public for PUBLIC).
    expect((await refusal('CREATE TABLE history_copy (id bigint)'))?.code).toBe('42501');
  });

  it('runs the API’s own database connections as the application role', async () => {
    const dataSource = api.app.get(DataSource);
    const [{ user, session }] = await dataSource.query<Array<{ user: string; session: string }>>(
      'SELECT current_user AS "user", session_user AS session',
    );
    expect({ user, session }).toEqual({
      user: databaseUser(config.database.url),
      session: databaseUser(config.database.url),
    });
    // And the owner sees the API's backends logged in as that role.
    const [{ pid }] = await dataSource.query<Array<{ pid: number }>>(
      'SELECT pg_backend_pid() AS pid',
    );
    const seen = await factory.db.query<{ usename: string; application_name: string }>(
      'SELECT usename, application_name FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    expect(seen.rows).toEqual([
      { usename: databaseUser(config.database.url), application_name: 'gwaje' },
    ]);
  });
});
