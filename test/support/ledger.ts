import type { LedgerSealerService } from '@gwaje/audit';

type Ledger = 'history' | 'access_log';
/** The owner's pool or client (factory.db, a private database's owner). */
interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** How many of the organisation's entries of a ledger no checkpoint covers yet. */
async function unsealed(db: Queryable, ledger: Ledger, organisationId: string): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*) AS n FROM ${ledger === 'history' ? 'history' : 'access_log'} e
      WHERE e.organisation_id = $1 AND e.txid >= COALESCE(
        (SELECT max(txid_to) FROM ledger_checkpoints c WHERE c.ledger = $2 AND c.organisation_id = $1), 0)`,
    [organisationId, ledger],
  );
  return Number(rows[0].n);
}

/** The oldest transactions the server is running, for the message when sealing does not settle. */
async function oldestTransactions(db: Queryable): Promise<string> {
  const { rows } = await db.query(
    `SELECT datname, state, (clock_timestamp() - xact_start)::text AS age, left(query, 120) AS query
       FROM pg_stat_activity WHERE backend_xid IS NOT NULL OR backend_xmin IS NOT NULL
      ORDER BY xact_start LIMIT 3`,
  );
  return rows
    .map(
      (r: { datname: string; state: string; age: string; query: string }) =>
        `${r.datname} ${r.state} ${r.age}: ${r.query}`,
    )
    .join(' | ');
}

/**
 * Seals until nothing of the organisation's ledgers is left unsealed. A seal takes only entries of
 * transactions older than the oldest one still running on the whole server (the sealing horizon),
 * and the other test workers' databases are on the same server: one of their transactions can hold
 * the horizon back for a while, so a single seal right after a write may find nothing to take.
 */
export async function sealSettled(
  sealer: LedgerSealerService,
  db: Queryable,
  organisationId: string,
  ledgers: readonly Ledger[] = ['history', 'access_log'],
  timeoutMs = 20_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    let left = 0;
    for (const ledger of ledgers) {
      await sealer.seal(ledger, organisationId);
      left += await unsealed(db, ledger, organisationId);
    }
    if (left === 0) return;
    if (Date.now() > end)
      throw new Error(
        `${left} ledger entries still unsealed after ${timeoutMs} ms; oldest transactions: ${await oldestTransactions(db)}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}
