import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TARGETS = {
  api: ['npx', ['nest', 'build', 'api']],
  worker: ['npx', ['nest', 'build', 'worker']],
  web: ['npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']],
} as const;

/** What each target is built from, and the file its build writes last. */
const SOURCES = {
  api: { from: ['apps/api', 'libs', 'config'], output: 'dist/apps/api/apps/api/src/main.js' },
  worker: {
    from: ['apps/worker', 'libs', 'config'],
    output: 'dist/apps/worker/apps/worker/src/main.js',
  },
  web: { from: ['apps/web'], output: 'dist/web/index.html' },
} as const;
const SHARED = ['tsconfig.json', 'nest-cli.json', 'package-lock.json'];

/** The newest modification time under `path`. */
function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry !== 'node_modules') max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

/** Whether the target's build is newer than every source it is built from (CI built it earlier). */
function isFresh(target: keyof typeof TARGETS): boolean {
  const output = statSync(SOURCES[target].output, { throwIfNoEntry: false });
  if (!output) return false;
  const sources = Math.max(...[...SOURCES[target].from, ...SHARED].map(newest));
  return output.mtimeMs > sources;
}

/**
 * Builds a target once per test run, and not at all when its build is newer than its sources
 * (`.ci/run` builds before the fault suites, which run beside the static checks), however many suites ask for it at the same time (Jest runs
 * suites in parallel processes): a lock directory serialises the builds, and a stamp naming the
 * run tells later callers the build is current.
 */
export async function buildOnce(target: keyof typeof TARGETS): Promise<void> {
  const run = process.env.GWAJE_TEST_RUN ?? process.env.REDIS_PREFIX ?? 'local';
  mkdirSync('dist', { recursive: true });
  const stamp = `dist/.built-${target}-${run}`;
  const lock = `dist/.build-lock-${target}`;
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000) throw new Error(`waited 3 minutes for the ${target} build lock`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (existsSync(stamp) || isFresh(target)) return;
    const [cmd, args] = TARGETS[target];
    // The tests run with NODE_ENV=test, which would make Vite bundle React's development build:
    // the browser suites test what production serves.
    const result = spawnSync(cmd, args, {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) {
      throw new Error(`building ${target} failed:\n${result.stdout}\n${result.stderr}`);
    }
    writeFileSync(stamp, new Date().toISOString());
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
