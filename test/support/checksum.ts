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

/**
 * A fingerprint of every business table and the outbox, by table: its row count and an md5 of
 * its rows. Tables are read from the catalogue, so a table added later is covered without a
 * change here. Two equal fingerprints mean no row was inserted, changed or deleted in between.
 */
export async function businessChecksum(
  db: pg.Pool,
  /** columns left out, by table: what a refusal may change by design (a failed login's count) */
  ignore: Record<string, string[]> = {},
): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY 1`,
  );
  const parts = tables
    .filter((t) => !NOT_BUSINESS.has(t.name))
    .map((t) => {
      const row = ignore[t.name]
        ? `(to_jsonb(t) - ARRAY[${ignore[t.name].map((c) => `'${c}'`).join(', ')}])::text`
        : 't::text';
      return `SELECT '${t.name}' AS name, count(*) || ':' || md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${row}), '')) AS sum FROM "${t.name}" t`;
    });
  const { rows } = await db.query<{ name: string; sum: string }>(parts.join(' UNION ALL '));
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
