// The DataSource used by the TypeORM CLI (migration:generate/run/revert). It runs from the compiled
// output (see package.json scripts), so entities are found by the compiled *.entity.js files.
import { join } from 'node:path';
import { loadConfigOrExit } from '@gwaje/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

const distRoot = join(import.meta.dirname, '..', '..');

export default new DataSource({
  ...dataSourceOptions(loadConfigOrExit()),
  entities: [join(distRoot, '**', '*.entity.js')],
});
