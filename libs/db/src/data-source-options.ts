import type { AppConfig } from '@gwaje/config';
import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from './migrations/index.js';

export { ALL_MIGRATIONS };
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The application_name of the primary's connections and of the replicas' (pg_stat_activity). */
export const APPLICATION_NAME = 'gwaje';
export const REPLICA_APPLICATION_NAME = 'gwaje-replica';

/**
 * The one set of connection options behind every DataSource: the API's, the worker's, the CLI's
 * and the tests'. `synchronize` is off everywhere; the schema changes only through migrations.
 *
 * With `replicas` (the API's and the worker's DataSource) and `database.replicaUrls` set, TypeORM's
 * replication gets the primary as `master` and the replicas as `slaves`, with `defaultMode:
 * 'master'`: every query goes to the primary unless it asks for a replica explicitly
 * (`onReplica`), so a read after a write, or a read inside a transaction, always sees the write.
 * The CLI and migrations never use replicas.
 *
 * Application connections (primary and replicas) get `lock_timeout` and `statement_timeout` from
 * `database.lockTimeoutMs` / `database.statementTimeoutMs`, so a writer stuck behind a lock or a
 * runaway statement cannot hold a pooled connection for long (the API answers 503). With `admin`
 * (migrations and setup, run as the owner) both are left out: a migration may lock and run long.
 */
export function dataSourceOptions(
  config: AppConfig,
  url = config.database.url,
  opts: { replicas?: boolean; admin?: boolean } = {},
): DataSourceOptions {
  const options = opts.admin
    ? '-c jit=off'
    : `-c jit=off -c lock_timeout=${config.database.lockTimeoutMs} -c statement_timeout=${config.database.statementTimeoutMs}`;
  const base = {
    type: 'postgres' as const,
    uuidExtension: 'pgcrypto' as const,
    synchronize: false,
    migrationsRun: false,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    // JIT off: our queries are short OLTP statements whose estimated cost can still cross
    // jit_above_cost on large organisations; compiling them then takes 100× the execution (the
    // benchmark's reminder fan-out: 110 ms per e-mail, 109 ms of it JIT).
    extra: { max: config.database.poolSize, options },
    // Off: failed statements surface as errors (logged as JSON by the API's filter); TypeORM's own
    // logger would print SQL and its parameters, personal data included, as plain text.
    logging: false,
  };
  const replicas = opts.replicas ? (config.database.replicaUrls ?? []) : [];
  if (!replicas.length) return { ...base, url, applicationName: APPLICATION_NAME };
  return {
    ...base,
    replication: {
      master: { url, applicationName: APPLICATION_NAME },
      slaves: replicas.map((replica) => ({
        url: replica,
        applicationName: REPLICA_APPLICATION_NAME,
      })),
      defaultMode: 'master',
    },
  };
}
