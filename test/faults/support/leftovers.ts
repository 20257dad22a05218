import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Something a fault suite started outside the test process. */
export type Leftover =
  | { kind: 'process'; pid: number }
  | { kind: 'database'; name: string; adminUrl: string }
  | { kind: 'cluster'; dir: string; dataDir: string; pgCtl: string }
  | { kind: 'directory'; path: string }
  /** An OwnRedis (test/support/redis-server.ts) on this port. */
  | { kind: 'redis'; port: number };

/**
 * Writes `what` down in the run's list (test/setup/faults-leftovers.mjs), so it is removed even if
 * the test process dies before the suite's afterAll; returns the function that crosses it off once
 * the suite removed it itself. (A test's `process.on('exit')` would not do: Jest gives each test
 * file a copy of `process` whose events never fire.)
 */
export function remember(what: Leftover): () => void {
  const dir = process.env.GWAJE_FAULTS_LEFTOVERS;
  if (!dir) return () => undefined;
  const file = join(dir, `${what.kind}-${randomBytes(6).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(what));
  return () => rmSync(file, { force: true });
}
