// npm run migration:generate -- <Name>: diff the compiled entities against the database named by
// DATABASE_URL (or config/default.yaml) and write libs/db/src/migrations/<timestamp>-<Name>.ts.
// Review it, then add it to libs/db/src/migrations/index.ts (a unit test fails until you do).
import { spawnSync } from 'node:child_process';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
const r = spawnSync(
  'npx',
  [
    'typeorm',
    'migration:generate',
    `libs/db/src/migrations/${name}`,
    '-p',
    '-d',
    'dist/apps/api/libs/db/src/data-source.js',
  ],
  { stdio: 'inherit' },
);
if (r.status === 0)
  console.log('Now review the file and register it in libs/db/src/migrations/index.ts');
process.exit(r.status ?? 1);
