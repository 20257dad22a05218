// Builds the named Nest apps (api, worker) only when their build is missing or older than any
// source it is compiled from, so a CI run builds each app once: the e2e suites build them, and
// the fault suites that follow start the same build instead of compiling it again.
//
//   node scripts/build-stale.mjs api worker
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['apps', 'libs', 'config', 'tsconfig.json', 'nest-cli.json', 'package-lock.json'];

/** The newest modification time under `path` (ignoring the web app, which Nest does not build). */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    const child = join(path, entry);
    if (entry === 'node_modules' || child === join('apps', 'web')) continue;
    max = Math.max(max, newest(child));
  }
  return max;
}

const sources = Math.max(...SOURCES.map(newest));
for (const app of process.argv.slice(2)) {
  const output = statSync(join('dist', 'apps', app, 'apps', app, 'src', 'main.js'), {
    throwIfNoEntry: false,
  });
  if (output && output.mtimeMs > sources) {
    console.log(`${app}: the build is newer than its sources, not built again`);
    continue;
  }
  console.log(`${app}: building`);
  execFileSync('npx', ['nest', 'build', app], { stdio: 'inherit' });
}
