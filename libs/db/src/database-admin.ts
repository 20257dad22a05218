import pg from 'pg';
import type { AppConfig } from '@gwaje/config';

/**
 * The ledger (ARCHITECTURE.md convention 8): the application's role may only SELECT and INSERT
 * these tables. The access log's monthly partitions (`access_log_YYYYMM`) are covered by name.
 */
export const LEDGER_TABLES = ['history', 'ledger_checkpoints', 'access_log'] as const;
/**
 * Every table the application's role may only SELECT/INSERT: the ledger, and the record of the
 * access log partitions that retention dropped (written only by the owner's SECURITY DEFINER
 * retention function).
 */
export const APPEND_ONLY_TABLES = [...LEDGER_TABLES, 'ledger_retention'] as const;
const LEDGER_PARTITION_PREFIX = 'access_log_';

/** The maintenance database of the server `url` points at. */
function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Creating the application database on first start (npm run setup / demo). */
function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return `"${name}"`;
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The user a URL connects as (node-postgres' default, the OS user, when the URL names none). */
export function databaseUser(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  return user || String(pg.defaults.user ?? '');
}

/** `url`: the owner's URL (`database.adminUrl`): creating a database needs its rights. */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
    const name = databaseName(url);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdent(name)} ENCODING 'UTF8' TEMPLATE template0`);
    return true;
  } finally {
    await client.end();
  }
}

export type ApplicationRole =
  /** `database.url` connects as the owner: nothing protects the ledger from the application. */
  | { split: false; user: string }
  /** The application's role exists (`created`: by this call) with the ledger's restricted grants. */
  | { split: true; role: string; created: boolean; ledgerTables: string[] };

/** SQLSTATEs of a role another process created at the same moment. */
const DUPLICATE_ROLE = new Set(['42710', '23505']);

/**
 * Makes the role of `config.database.url` the application's restricted role in the database of
 * `adminUrl` (the owner's connection), after the migrations (it grants on the tables that exist):
 * creates it if missing (LOGIN, with the URL's password if it has one); grants CONNECT, USAGE on
 * schema public, SELECT/INSERT/UPDATE/DELETE on every table, the sequences and functions; then
 * revokes UPDATE, DELETE and TRUNCATE on the ledger tables (APPEND_ONLY_TABLES and the access log's
 * partitions, those that exist). Idempotent, and serialised per database
 * by an advisory lock, so concurrent setups do not collide on the catalog rows.
 *
 * Returns `{ split: false }` when the application's URL connects as the owner's user.
 */
export async function ensureApplicationRole(
  config: AppConfig,
  adminUrl = config.database.adminUrl,
): Promise<ApplicationRole> {
  const appUrl = new URL(config.database.url);
  const role = databaseUser(config.database.url);
  const password = appUrl.password ? decodeURIComponent(appUrl.password) : undefined;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows: who } = await client.query<{ user: string }>('SELECT session_user AS "user"');
    const owner = who[0].user;
    if (role === owner || role === databaseUser(adminUrl)) return { split: false, user: role };
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) {
      throw new Error(
        `the application's database role "${role}" (DATABASE_URL) must be a plain lower-case identifier`,
      );
    }
    const ident = client.escapeIdentifier(role);
    const created = await createRoleIfMissing(client, role, ident, password);
    await refuseMightyRole(client, role);

    await client.query('BEGIN');
    try {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('gwaje-app-role', 0))`);
      const { rows: db } = await client.query<{ name: string }>(
        'SELECT current_database() AS name',
      );
      await client.query(
        `GRANT CONNECT ON DATABASE ${client.escapeIdentifier(db[0].name)} TO ${ident}`,
      );
      await client.query(`GRANT USAGE ON SCHEMA public TO ${ident}`);
      await client.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ident}`,
      );
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ident}`);
      await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${ident}`);
      const { rows: ledger } = await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            AND (c.relname = ANY($1) OR left(c.relname, length($2)) = $2)
          ORDER BY c.relname`,
        [APPEND_ONLY_TABLES, LEDGER_PARTITION_PREFIX],
      );
      for (const { name } of ledger) {
        // ledger_retention is written only by the owner's access_log_maintain(): no INSERT either.
        const revoked =
          name === 'ledger_retention'
            ? 'INSERT, UPDATE, DELETE, TRUNCATE'
            : 'UPDATE, DELETE, TRUNCATE';
        await client.query(
          `REVOKE ${revoked} ON TABLE public.${client.escapeIdentifier(name)} FROM ${ident}`,
        );
      }
      await client.query('COMMIT');
      return { split: true, role, created, ledgerTables: ledger.map((t) => t.name) };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await client.end();
  }
}

async function createRoleIfMissing(
  client: pg.Client,
  role: string,
  ident: string,
  password: string | undefined,
): Promise<boolean> {
  const withPassword = password === undefined ? '' : ` PASSWORD ${client.escapeLiteral(password)}`;
  const { rows } = await client.query<{ login: boolean }>(
    'SELECT rolcanlogin AS login FROM pg_roles WHERE rolname = $1',
    [role],
  );
  if (!rows.length) {
    try {
      await client.query(`CREATE ROLE ${ident} LOGIN${withPassword}`);
      return true;
    } catch (err) {
      // Another setup (a parallel test run, a second instance) created it first.
      if (!DUPLICATE_ROLE.has((err as { code?: string }).code ?? '')) throw err;
      return false;
    }
  }
  if (!rows[0].login || password !== undefined) {
    await client.query(`ALTER ROLE ${ident} LOGIN${withPassword}`);
  }
  return false;
}

/** A superuser, or a member of a ledger table's owner, would bypass the grants: refuse it. */
async function refuseMightyRole(client: pg.Client, role: string): Promise<void> {
  const { rows } = await client.query<{ superuser: boolean; owns: string | null }>(
    `SELECT r.rolsuper AS superuser,
            (SELECT string_agg(c.relname, ', ') FROM pg_class c
               JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                AND pg_has_role(r.oid, c.relowner, 'MEMBER')) AS owns
       FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  const found = rows[0];
  if (found?.superuser) {
    throw new Error(
      `the application's database role "${role}" (DATABASE_URL) is a superuser, which no grant ` +
        `restricts: use a plain role (ALTER ROLE ${role} NOSUPERUSER)`,
    );
  }
  if (found?.owns) {
    throw new Error(
      `the application's database role "${role}" (DATABASE_URL) owns tables (${found.owns}): ` +
        'tables must belong to the owner role of DATABASE_ADMIN_URL (ALTER TABLE ... OWNER TO)',
    );
  }
}
