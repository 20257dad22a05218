import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '@gwaje/db';
import { testConfig } from '../../support/app.js';

const created = new Map<string, string>();
let guarded = false;
/** A suite that dies before its afterAll still drops its databases (psql, synchronously). */
function guard(): void {
  if (guarded) return;
  guarded = true;
  process.once('exit', () => {
    for (const [name, adminUrl] of created) {
      spawnSync('psql', [adminUrl, '-q', '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], {
        stdio: 'ignore',
      });
    }
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A database of one fault suite: the workers of a suite process every organisation of their
 * database (reminder runs, the outbox, the email sweep), so each suite gets a database of its own,
 * named after the run's (gwaje_test_<run>_<tag>_<random>), migrated, and dropped at the end.
 */
export class SuiteDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly adminUrl: string,
  ) {}

  /** On the run's server (DATABASE_URL), or on `serverUrl` (any database of another server). */
  static async create(tag: string, serverUrl = testConfig().database.url): Promise<SuiteDatabase> {
    const run = new URL(testConfig().database.url).pathname.slice(1);
    const name = `${run}_${tag}_${randomBytes(2).toString('hex')}`.slice(0, 63);
    const adminUrl = withDatabase(serverUrl, 'postgres');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
    } finally {
      await admin.end();
    }
    created.set(name, adminUrl);
    guard();
    const db = new SuiteDatabase(name, withDatabase(serverUrl, name), adminUrl);
    await runMigrations(testConfig({ DATABASE_URL: db.url }), db.url);
    return db;
  }

  /** A copy of this database under another name (no one may be connected to this one). */
  async copy(tag: string): Promise<SuiteDatabase> {
    const name = `${this.name.slice(0, 50)}_${tag}`.slice(0, 63);
    const admin = new pg.Client({ connectionString: this.adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${this.name}"`);
    } finally {
      await admin.end();
    }
    created.set(name, this.adminUrl);
    return new SuiteDatabase(name, withDatabase(this.adminUrl, name), this.adminUrl);
  }

  async drop(): Promise<void> {
    if (!created.has(this.name)) return;
    const admin = new pg.Client({ connectionString: this.adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
      created.delete(this.name);
    } finally {
      await admin.end();
    }
  }
}
