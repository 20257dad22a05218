// The fault suites' global setup: the run's database and Redis prefix (as for the e2e suites), and a
// list of what the suites start outside the test process, cleaned up when this process exits however
// it exits (a crash, Ctrl-C, a timeout), not only by the suites' afterAll.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import globalSetup from './global-setup.mjs';
import { cleanUpLeftovers } from './faults-leftovers.mjs';

export default async function faultsGlobalSetup() {
  await globalSetup();
  const dir = join(tmpdir(), `gwaje-faults-${process.env.REDIS_PREFIX}`);
  mkdirSync(dir, { recursive: true });
  process.env.GWAJE_FAULTS_LEFTOVERS = dir;
  // The run's own database too, when the run does not get as far as its global teardown.
  const url = new URL(process.env.DATABASE_ADMIN_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  writeFileSync(
    join(dir, 'database-run.json'),
    JSON.stringify({ kind: 'database', name, adminUrl: url.toString() }),
  );
  process.once('exit', () => cleanUpLeftovers(dir));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      cleanUpLeftovers(dir);
      process.kill(process.pid, signal);
    });
  }
}
