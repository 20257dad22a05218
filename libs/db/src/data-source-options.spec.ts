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

  it('refuses a replica URL that is not postgres://', () => {
    expect(() => loadConfig({ env: { DATABASE_REPLICA_URLS: 'mysql://x/y' }, configDir })).toThrow(
      'Configuration error: DATABASE_REPLICA_URLS (database.replicaUrls) must be a list of postgres:// URLs (comma separated)',
    );
  });
});
