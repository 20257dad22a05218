import { createHash } from 'node:crypto';
import type pg from 'pg';

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
