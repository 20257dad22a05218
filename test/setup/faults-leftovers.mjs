// Standalone (no @gwaje imports, plain JS): Jest loads global setup and teardown outside its module
// mapper and transform, in its own process rather than in a test's sandbox.
//
// What a fault suite starts outside the test process (child processes, a private PostgreSQL
// cluster, databases, a copy of the build) is written down here as one JSON file per resource
// (test/faults/support/leftovers.ts) and crossed off when the suite cleans it up. Whatever is
// still written down when the run ends, or when Jest's process exits some other way, is removed
// by cleanUpLeftovers.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Removes every resource still listed in `dir`, then `dir` itself. Synchronous (exit handlers). */
export function cleanUpLeftovers(dir) {
  if (!dir || !existsSync(dir)) return;
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      try {
        return JSON.parse(readFileSync(join(dir, f), 'utf8'));
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
  // Processes first (they hold connections), then databases and clusters, then directories.
  const order = { process: 0, redis: 1, database: 2, cluster: 3, directory: 4 };
  entries.sort((a, b) => order[a.kind] - order[b.kind]);
  for (const e of entries) {
    try {
      if (e.kind === 'process') process.kill(e.pid, 'SIGKILL');
      if (e.kind === 'database') {
        spawnSync(
          'psql',
          [e.adminUrl, '-q', '-c', `DROP DATABASE IF EXISTS "${e.name}" WITH (FORCE)`],
          {
            stdio: 'ignore',
          },
        );
      }
      if (e.kind === 'cluster') {
        if (existsSync(join(e.dataDir, 'postmaster.pid'))) {
          spawnSync(
            'runuser',
            ['-u', 'postgres', '--', e.pgCtl, '-D', e.dataDir, '-m', 'immediate', '-w', 'stop'],
            {
              stdio: 'ignore',
            },
          );
        }
        rmSync(e.dir, { recursive: true, force: true });
      }
      if (e.kind === 'redis') {
        spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(e.port), 'shutdown', 'nosave'], {
          stdio: 'ignore',
          timeout: 5_000,
        });
      }
      if (e.kind === 'directory') rmSync(e.path, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
