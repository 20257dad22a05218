import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';

const TARGETS = {
  api: ['npx', ['nest', 'build', 'api']],
  worker: ['npx', ['nest', 'build', 'worker']],
  web: ['npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']],
} as const;

/**
 * Builds a target once per test run, however many suites ask for it at the same time (Jest runs
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
    if (existsSync(stamp)) return;
    const [cmd, args] = TARGETS[target];
    const result = spawnSync(cmd, args, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`building ${target} failed:\n${result.stdout}\n${result.stderr}`);
    }
    writeFileSync(stamp, new Date().toISOString());
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
