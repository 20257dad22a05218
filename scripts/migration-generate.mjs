// npm run migration:generate -- <Name>: diff the compiled entities against the database named by
// DATABASE_URL (or config/default.yaml) and write libs/db/src/migrations/<timestamp>-<Name>.ts.
// Review it, then add it to libs/db/src/migrations/index.ts (a unit test fails until you do).
//
// Constraints and indexes added by hand in migrations (foreign keys across libraries, checks, partial
// or expression indexes) carry descriptive names such as FK_history_organisation or IDX_tasks_search_trgm; the generator does not know them
// and proposes dropping them. Those statements are removed here, from up() and down() alike.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
const dir = 'libs/db/src/migrations';
const r = spawnSync(
  'npx',
  [
    'typeorm',
    'migration:generate',
    `${dir}/${name}`,
    '-p',
    '-d',
    'dist/apps/api/libs/db/src/data-source.js',
  ],
  { stdio: 'inherit' },
);
if (r.status !== 0) process.exit(r.status ?? 1);

const file = readdirSync(dir).find((f) => f.endsWith(`-${name}.ts`));
const source = readFileSync(`${dir}/${file}`, 'utf8');
// Hand-named constraints and indexes (FK_tasks_owner, CHK_reports_progress, IDX_tasks_search_trgm):
// lower-case words, unlike the generator's hashes.
const HAND_NAMED = /(CONSTRAINT|INDEX) "(public"\.")?(FK|CHK|IDX)_[a-z][a-z_]*"/;
const statement = /^ {8}await queryRunner\.query\(`[\s\S]*?`\);\n/gm;
let removed = 0;
const cleaned = source.replace(statement, (s) => (HAND_NAMED.test(s) ? (removed++, '') : s));
writeFileSync(`${dir}/${file}`, cleaned);
if (removed)
  console.log(`Removed ${removed} statements about hand-named constraints (kept as they are).`);
console.log(`Now review ${dir}/${file} and register it in ${dir}/index.ts`);
