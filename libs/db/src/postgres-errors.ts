/** Postgres SQLSTATE codes the domain reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_SERIALIZATION_FAILURE = '40001';
export const PG_DEADLOCK_DETECTED = '40P01';
/** lock_not_available: a lock wait longer than `lock_timeout` (or NOWAIT). */
export const PG_LOCK_NOT_AVAILABLE = '55P03';
/** query_canceled: `statement_timeout` reached, or the statement cancelled. */
export const PG_QUERY_CANCELED = '57014';

/**
 * The audit ledger's unique index on a record's chain (one entry per previous entry of the same
 * record): two transactions appending the first entry of one record's chain at once collide on it,
 * and the loser simply runs again behind the winner.
 */
export const HISTORY_CHAIN_CONSTRAINT = 'UQ_history_record_chain';

export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The name of the violated constraint (unique, foreign key, check), when Postgres reports one. */
export function pgConstraint(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } };
  const name = e?.driverError?.constraint ?? e?.constraint;
  return typeof name === 'string' ? name : undefined;
}

/**
 * True when the whole transaction that failed with `err` may simply run again and succeed: a
 * deadlock (40P01) or serialization failure (40001), whose victim Postgres rolled back, or a
 * unique violation of the ledger's per-record chain (`UQ_history_record_chain`), lost to a
 * concurrent first write to the same record's chain. `TransactionService.run` retries these.
 */
export function isRetryableTransactionError(err: unknown): boolean {
  const code = pgErrorCode(err);
  if (code === PG_DEADLOCK_DETECTED || code === PG_SERIALIZATION_FAILURE) return true;
  return code === PG_UNIQUE_VIOLATION && pgConstraint(err) === HISTORY_CHAIN_CONSTRAINT;
}

/**
 * True when the database is reachable but too contended to finish the statement now: a lock wait
 * over `lock_timeout` (55P03), a statement over `statement_timeout` or cancelled (57014), or a
 * retryable conflict still failing after `TransactionService.run`'s retries. The request may
 * succeed when retried a little later, so the API answers 503 with Retry-After, never 500.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = pgErrorCode(err);
  return (
    code === PG_LOCK_NOT_AVAILABLE || code === PG_QUERY_CANCELED || isRetryableTransactionError(err)
  );
}

/**
 * SQLSTATEs of a server that cannot serve now: connection exceptions (class 08), the server
 * shutting down or restarting (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now) and too many connections (53300).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** Socket errors of node-postgres while the server is down or restarting. */
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * TypeORM releases a transaction's connection as soon as node-postgres reports that connection
 * broken, and the transaction's next statement fails with one of these errors. Our transactions
 * never use their manager after they end (TransactionService), so here they mean the connection
 * was lost.
 */
const RELEASED_RUNNER = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);
/** node-postgres reports a lost or unobtainable connection with these messages and no code. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * True when `err` says the database could not be reached or dropped the connection (down,
 * restarting, out of connections), as opposed to a statement that failed: the request may
 * succeed when retried, so the API answers 503 instead of 500. Looks through TypeORM's wrapper
 * (`driverError`) and AggregateErrors (Node's connect to several addresses).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    errors?: unknown;
  };
  if (typeof e.name === 'string' && RELEASED_RUNNER.has(e.name)) return true;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  if (e.driverError && isDatabaseUnavailable(e.driverError, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1));
}
