// The DataSource used by the TypeORM CLI (migration:generate/run/revert). It runs from the compiled
// output (see package.json scripts), so entities are found by the compiled *.entity.js files.
import { join } from 'node:path';
import { loadConfigOrExit } from '@gwaje/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

const distRoot = join(import.meta.dirname, '..', '..');

const config = loadConfigOrExit();

// The CLI migrates, so it connects as the owner (DATABASE_ADMIN_URL), without statement timeouts.
export default new DataSource({
  ...dataSourceOptions(config, config.database.adminUrl, { admin: true }),
  entities: [join(distRoot, '**', '*.entity.js')],
});
