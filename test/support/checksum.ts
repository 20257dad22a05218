import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Tables a refused request may legitimately change: the access log (reads and refusals are
 * 접속기록), the caller's session and refresh token (activity), and what only the system writes.
 */
const NOT_BUSINESS = new Set([
  'access_log',
  'auth_sessions',
  'refresh_tokens',
  'migrations',
  'ledger_checkpoints',
  'ledger_retention',
  // watchBusinessWrites's own record of the writes
  'test_business_writes',
]);

const TABLES = `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`;

/**
 * A fingerprint of every business table and the outbox, by table: its row count and the newest
 * row version (the largest `xmin`: every insert and update writes a row version with its
 * transaction's id, a delete lowers the count). Tables are read from the catalogue, so a table
 * added later is covered without a change here. Two equal fingerprints mean no row was inserted,
 * changed or deleted in between. Locking a row (FOR UPDATE) writes no row version and counts as no
 * change. A table with `ignore`d columns is fingerprinted by the md5 of its rows without them,
 * since changing only those columns (a failed login's count) also writes a row version.
 */
export async function businessChecksum(
  db: pg.Pool,
  /** columns left out, by table: what a refusal may change by design (a failed login's count) */
  ignore: Record<string, string[]> = {},
): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>({
    name: 'checksum-tables',
    text: TABLES,
  });
  const parts = tables
    .filter((t) => !NOT_BUSINESS.has(t.name))
    .map((t) => {
      if (!ignore[t.name]) {
        return `SELECT '${t.name}' AS name, count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) AS sum FROM "${t.name}" t`;
      }
      const row = `(to_jsonb(t) - ARRAY[${ignore[t.name].map((c) => `'${c}'`).join(', ')}])::text`;
      return `SELECT '${t.name}' AS name, count(*) || ':' || md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${row}), '')) AS sum FROM "${t.name}" t`;
    });
  // Prepared (named by its text): planning the union of every table costs more than running it, and
  // the security fuzzer takes a checksum after each of its thousands of requests.
  const text = parts.join(' UNION ALL ');
  const name = `checksum-${createHash('md5').update(text).digest('hex')}`;
  const { rows } = await db.query<{ name: string; sum: string }>({ name, text });
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}

/** The tables whose fingerprint differs between two checksums. */
export function changedTables(
  before: Record<string, string>,
  after: Record<string, string>,
): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => before[name] !== after[name],
  );
}

/** One row written to a watched table, as `watchBusinessWrites` records it. */
interface Write {
  tbl: string;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
  old_row: Record<string, unknown> | null;
  new_row: Record<string, unknown> | null;
}

/**
 * Row triggers on every business table and the outbox (the tables `businessChecksum` reads, read
 * from the catalogue the same way) that record each row inserted, updated or deleted, by any
 * connection (the API's, the worker's), in a table of the test's own. Where `businessChecksum`
 * scans every table on each call, `writesSince` reads only what was written since the last call:
 * the security fuzzer asks after each of its thousands of requests. A row only locked writes
 * nothing; an update that changes only `ignore`d columns (a failed login's count) is left out.
 * `stop()` drops the triggers, the function and the table.
 */
export async function watchBusinessWrites(ownerUrl: string) {
  // A pool of its own (the owner's): it must outlive the suite's pools to drop its triggers.
  const db = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  const { rows: tables } = await db.query<{ name: string }>(TABLES);
  const watched = tables.map((t) => t.name).filter((name) => !NOT_BUSINESS.has(name));
  await db.query(`
    CREATE TABLE IF NOT EXISTS test_business_writes (
      tbl text NOT NULL, op text NOT NULL, old_row jsonb, new_row jsonb);
    CREATE OR REPLACE FUNCTION test_record_business_write() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      INSERT INTO test_business_writes (tbl, op, old_row, new_row)
      VALUES (TG_TABLE_NAME, TG_OP,
              CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
              CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
      RETURN NULL;
    END $$;`);
  for (const name of watched) {
    await db.query(
      `CREATE OR REPLACE TRIGGER test_business_write AFTER INSERT OR UPDATE OR DELETE ON "${name}"
         FOR EACH ROW EXECUTE FUNCTION test_record_business_write()`,
    );
  }
  /** The tables written since the last call (or since watching began), each once. */
  const writesSince = async (ignore: Record<string, string[]> = {}): Promise<string[]> => {
    // Taken as they are read: a write committed meanwhile is reported by the next call.
    const { rows } = await db.query<Write>(
      `DELETE FROM test_business_writes RETURNING tbl, op, old_row, new_row`,
    );
    const strip = (row: Record<string, unknown> | null, columns: string[]) =>
      JSON.stringify(
        Object.fromEntries(Object.entries(row ?? {}).filter(([k]) => !columns.includes(k))),
      );
    const changed = rows.filter(
      (w) =>
        !(
          w.op === 'UPDATE' &&
          ignore[w.tbl] &&
          strip(w.old_row, ignore[w.tbl]) === strip(w.new_row, ignore[w.tbl])
        ),
    );
    return [...new Set(changed.map((w) => w.tbl))].sort();
  };
  const stop = async () => {
    for (const name of watched) {
      await db.query(`DROP TRIGGER IF EXISTS test_business_write ON "${name}"`);
    }
    await db.query(
      `DROP FUNCTION IF EXISTS test_record_business_write(); DROP TABLE IF EXISTS test_business_writes`,
    );
    await db.end();
  };
  return { watched, writesSince, stop };
}
