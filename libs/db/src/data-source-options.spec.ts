import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from '@gwaje/config';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import {
  APPLICATION_NAME,
  dataSourceOptions,
  REPLICA_APPLICATION_NAME,
} from './data-source-options.js';

const configDir = join(process.cwd(), 'config');
const PRIMARY = 'postgres://postgres@db-primary:5432/gwaje';
const REPLICAS = 'postgres://postgres@db-r1:5432/gwaje, postgres://postgres@db-r2:5432/gwaje';

describe('dataSourceOptions', () => {
  it('connects to DATABASE_URL alone without replicas', () => {
    const config = loadConfig({ env: { DATABASE_URL: PRIMARY }, configDir });
    expect(config.database.replicaUrls).toEqual([]);
    const o = dataSourceOptions(config, config.database.url, {
      replicas: true,
    }) as PostgresDataSourceOptions;
    expect(o.url).toBe(PRIMARY);
    expect(o.replication).toBeUndefined();
    expect(o.applicationName).toBe(APPLICATION_NAME);
  });

  it('uses the replicas as slaves with the primary as master, and the primary by default', () => {
    const config = loadConfig({
      env: { DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: REPLICAS },
      configDir,
    });
    expect(config.database.replicaUrls).toEqual([
      'postgres://postgres@db-r1:5432/gwaje',
      'postgres://postgres@db-r2:5432/gwaje',
    ]);
    const o = dataSourceOptions(config, config.database.url, {
      replicas: true,
    }) as PostgresDataSourceOptions;
    expect(o.url).toBeUndefined();
    // A top-level application name would override the per-server ones.
    expect(o.applicationName).toBeUndefined();
    expect(o.replication).toEqual({
      master: { url: PRIMARY, applicationName: APPLICATION_NAME },
      slaves: [
        { url: 'postgres://postgres@db-r1:5432/gwaje', applicationName: REPLICA_APPLICATION_NAME },
        { url: 'postgres://postgres@db-r2:5432/gwaje', applicationName: REPLICA_APPLICATION_NAME },
      ],
      // Everything that does not ask for a replica (writes, reads in transactions, reads after
      // writes) stays on the primary.
      defaultMode: 'master',
    });
  });

  it('never uses replicas for the CLI and migrations (no replicas option)', () => {
    const config = loadConfig({
      env: { DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: REPLICAS },
      configDir,
    });
    const o = dataSourceOptions(
      config,
      'postgres://postgres@elsewhere/db',
    ) as PostgresDataSourceOptions;
    expect(o.url).toBe('postgres://postgres@elsewhere/db');
    expect(o.replication).toBeUndefined();
  });

  it('gives application connections the lock and statement timeouts, primary and replicas alike', () => {
    const config = loadConfig({
      env: {
        DATABASE_URL: PRIMARY,
        DATABASE_REPLICA_URLS: REPLICAS,
        DATABASE_LOCK_TIMEOUT_MS: '1500',
        DATABASE_STATEMENT_TIMEOUT_MS: '20000',
      },
      configDir,
    });
    const expected = '-c jit=off -c lock_timeout=1500 -c statement_timeout=20000';
    const replicated = dataSourceOptions(config, config.database.url, {
      replicas: true,
    }) as PostgresDataSourceOptions;
    // One `extra` for every pool TypeORM creates: the master's and each slave's.
    expect(replicated.replication).toBeDefined();
    expect(replicated.extra).toEqual({ max: config.database.poolSize, options: expected });
    const single = dataSourceOptions(config) as PostgresDataSourceOptions;
    expect(single.extra).toEqual({ max: config.database.poolSize, options: expected });
  });

  it('uses the configured defaults (5 s lock, 30 s statement)', () => {
    const config = loadConfig({ env: { DATABASE_URL: PRIMARY }, configDir });
    const o = dataSourceOptions(config) as PostgresDataSourceOptions;
    expect(o.extra.options).toBe(
      `-c jit=off -c lock_timeout=${config.database.lockTimeoutMs} -c statement_timeout=${config.database.statementTimeoutMs}`,
    );
  });

  it('leaves both timeouts out for the owner (admin: migrations may lock and run long)', () => {
    const config = loadConfig({ env: { DATABASE_URL: PRIMARY }, configDir });
    const o = dataSourceOptions(config, config.database.adminUrl, {
      admin: true,
    }) as PostgresDataSourceOptions;
    expect(o.url).toBe(config.database.adminUrl);
    expect(o.replication).toBeUndefined();
    expect(o.extra.options).toBe('-c jit=off');
    expect(o.extra.options).not.toMatch(/timeout/);
  });

  it('refuses a replica URL that is not postgres://', () => {
    expect(() => loadConfig({ env: { DATABASE_REPLICA_URLS: 'mysql://x/y' }, configDir })).toThrow(
      'Configuration error: DATABASE_REPLICA_URLS (database.replicaUrls) must be a list of postgres:// URLs (comma separated)',
    );
  });
});
