import type { AppConfig } from '@gwaje/config';
import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/**
 * The one set of connection options behind every DataSource: the API's, the worker's, the CLI's
 * and the tests'. `synchronize` is off everywhere; the schema changes only through migrations.
 */
export function dataSourceOptions(config: AppConfig, url = config.database.url): DataSourceOptions {
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: config.database.poolSize, application_name: 'gwaje' },
    // Off: failed statements surface as errors (logged as JSON by the API's filter); TypeORM's own
    // logger would print SQL and its parameters, personal data included, as plain text.
    logging: false,
  };
}
