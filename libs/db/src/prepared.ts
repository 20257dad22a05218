import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

interface PgPool {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/**
 * Runs a statement as a named prepared statement on the primary's pool, for the hot paths (the
 * session check, a task's read and its transition). Postgres parses and plans it once per
 * connection, then reuses the plan: at 32 concurrent transitions, planning the unprepared
 * statements cost more database CPU than executing them. The name is a hash of the text, so each
 * distinct text (a few per route: the access scope differs by role) is one prepared statement per
 * connection. Not for texts that vary without bound.
 */
export async function queryPrepared<R>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  const name = `gw_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  const result = await pool.query<R>({ name, text, values });
  return result.rows;
}
