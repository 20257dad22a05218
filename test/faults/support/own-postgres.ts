import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../support/redis-server.js';
import { remember } from './leftovers.js';

/** The newest PostgreSQL server binaries installed (Debian: /usr/lib/postgresql/<version>/bin). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (!versions.length) throw new Error(`no PostgreSQL server binaries under ${root}`);
  return join(root, versions[versions.length - 1], 'bin');
}

function uidOf(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * A private PostgreSQL cluster of one test (initdb into a temporary directory owned by the
 * postgres user, listening on a free port on 127.0.0.1, trust authentication), so the test can stop
 * and start it without touching the machine's shared server that other test runs use.
 */
export class OwnPostgres {
  private forget: () => void = () => undefined;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  static async create(): Promise<OwnPostgres> {
    const bin = postgresBin();
    const dir = mkdtempSync(join(tmpdir(), 'gwaje-pg-'));
    const { uid, gid } = uidOf('postgres');
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
    const cluster = new OwnPostgres(dir, await freePort(), bin);
    // Stopped and removed at the end of the run even if the suite never reaches its afterAll.
    cluster.forget = remember({
      kind: 'cluster',
      dir,
      dataDir: cluster.dataDir,
      pgCtl: join(bin, 'pg_ctl'),
    });
    await cluster.run('initdb', [
      '-D',
      cluster.dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
    ]);
    return cluster;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** A URL of `database` on this cluster. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    await this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      // Durability is not what these tests are about: no fsync keeps restarts quick.
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /**
   * Stops the server. `fast` (the default) rolls back open transactions and closes every
   * connection, as a restart by an operator does; `immediate` is a crash.
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  /** Creates a database and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    const admin = new pg.Client({ connectionString: this.url() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
    } finally {
      await admin.end();
    }
    return this.url(name);
  }

  /** Stops the server (if running) and removes its directory. */
  destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      spawnSync('runuser', [
        '-u',
        'postgres',
        '--',
        join(this.bin, 'pg_ctl'),
        '-D',
        this.dataDir,
        '-m',
        'immediate',
        '-w',
        'stop',
      ]);
    }
    rmSync(this.dir, { recursive: true, force: true });
    this.forget();
    return Promise.resolve();
  }

  /** The server's log (for a failing test's message). */
  log(): string {
    const r = spawnSync('tail', ['-n', '50', join(this.dir, 'server.log')], { encoding: 'utf8' });
    return r.stdout ?? '';
  }

  /** Runs a server tool as the postgres user, without blocking the test's event loop. */
  private run(tool: string, args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      execFile(
        'runuser',
        ['-u', 'postgres', '--', join(this.bin, tool), ...args],
        { cwd: this.dir, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`${tool} ${args.join(' ')} failed: ${stderr || stdout}`));
          else resolve();
        },
      );
    });
  }
}
