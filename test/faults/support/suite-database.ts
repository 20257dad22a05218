import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '@gwaje/db';
import { applicationUrl, databaseEnv, testConfig } from '../../support/app.js';
import { remember } from './leftovers.js';

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
  private dropped = false;
  /** Crosses it off the run's list of leftovers (dropped at the end of the run otherwise). */
  private readonly forget: () => void;

  /** The application's role on this database: what the suite's API and worker connect with. */
  readonly appUrl: string;

  /** `adminUrl`: the owner's connection to this database (migrations, the suite's Factory). */
  private constructor(
    readonly name: string,
    readonly adminUrl: string,
    private readonly maintenanceUrl: string,
  ) {
    this.appUrl = applicationUrl(adminUrl);
    this.forget = remember({ kind: 'database', name, adminUrl: maintenanceUrl });
  }

  /**
   * On the run's server (as the owner of DATABASE_ADMIN_URL), or on `serverUrl` (an owner's URL
   * to any database of another server). Migrated as the owner, which also grants the
   * application's role.
   */
  static async create(
    tag: string,
    serverUrl = testConfig().database.adminUrl,
  ): Promise<SuiteDatabase> {
    const run = new URL(testConfig().database.adminUrl).pathname.slice(1);
    const name = `${run}_${tag}_${randomBytes(2).toString('hex')}`.slice(0, 63);
    const maintenanceUrl = withDatabase(serverUrl, 'postgres');
    const admin = new pg.Client({ connectionString: maintenanceUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
    } finally {
      await admin.end();
    }
    const db = new SuiteDatabase(name, withDatabase(serverUrl, name), maintenanceUrl);
    await runMigrations(testConfig(databaseEnv(db.adminUrl)), db.adminUrl);
    return db;
  }

  /** A copy of this database under another name (no one may be connected to this one). */
  async copy(tag: string): Promise<SuiteDatabase> {
    const name = `${this.name.slice(0, 50)}_${tag}`.slice(0, 63);
    const admin = new pg.Client({ connectionString: this.maintenanceUrl });
    await admin.connect();
    try {
      // Retried while connections that were just closed are still going away (55006).
      for (let i = 0; ; i++) {
        try {
          await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${this.name}"`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || i >= 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await admin.end();
    }
    return new SuiteDatabase(name, withDatabase(this.maintenanceUrl, name), this.maintenanceUrl);
  }

  /**
   * Drops it once the suite's own connections are gone (a pool that was just ended may still be
   * saying goodbye: forcing it off then makes its client raise an error no one listens to); with
   * force after a few seconds.
   */
  async drop(): Promise<void> {
    if (this.dropped) return;
    const admin = new pg.Client({ connectionString: this.maintenanceUrl });
    await admin.connect();
    try {
      for (let i = 0; ; i++) {
        try {
          await admin.query(
            `DROP DATABASE IF EXISTS "${this.name}"${i >= 50 ? ' WITH (FORCE)' : ''}`,
          );
          break;
        } catch (error) {
          // 55006: object_in_use (someone is still connected).
          if ((error as { code?: string }).code !== '55006') throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      this.dropped = true;
      this.forget();
    } finally {
      await admin.end();
    }
  }
}
