import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDatabaseIfMissing } from '@gwaje/db';
import { testConfig } from './app.js';

/**
 * A database of one suite's own next to the run's (for what is global to a database: retention,
 * an upgrade from earlier migrations), with the owner's connection; dropped by `drop()`.
 */
export class PrivateDatabase {
  readonly url: string;
  readonly owner: pg.Client;

  constructor(tag: string) {
    const url = new URL(testConfig().database.adminUrl);
    url.pathname = `/${url.pathname.slice(1)}_${tag}_${randomBytes(3).toString('hex')}`;
    this.url = url.toString();
    this.owner = new pg.Client({ connectionString: this.url });
  }

  /** Creates the (empty) database and connects as its owner. */
  async create(): Promise<void> {
    await createDatabaseIfMissing(this.url);
  }

  async connect(): Promise<void> {
    await this.owner.connect();
  }

  /** An organisation with one department and one AUDITOR, written directly as the owner. */
  async organisation(name: string, email: string): Promise<{ org: string; user: string }> {
    const org = randomUUID();
    const dept = randomUUID();
    const user = randomUUID();
    await this.owner.query(`INSERT INTO organisations (id, name, kind) VALUES ($1, $2, 'LOCAL')`, [
      org,
      name,
    ]);
    await this.owner.query(
      `INSERT INTO departments (id, organisation_id, name, kind) VALUES ($1, $2, '감사담당관', 'TEAM')`,
      [dept, org],
    );
    await this.owner.query(
      `INSERT INTO users (id, organisation_id, department_id, email, name, password_hash, roles)
       VALUES ($1, $2, $3, $4, '김감사', 'x', '{AUDITOR}')`,
      [user, org, dept, email],
    );
    return { org, user };
  }

  async drop(): Promise<void> {
    await this.owner.end().catch(() => undefined);
    const admin = new pg.Client({ connectionString: testConfig().database.adminUrl });
    await admin.connect();
    try {
      await admin.query(
        `DROP DATABASE IF EXISTS "${new URL(this.url).pathname.slice(1)}" WITH (FORCE)`,
      );
    } finally {
      await admin.end();
    }
  }
}
