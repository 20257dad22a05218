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
    logging: ['error'],
  };
}
