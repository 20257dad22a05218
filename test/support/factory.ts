import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import pg from 'pg';
import type { Role } from '@gwaje/identity';
import type { HttpClient } from './app.js';
import { testConfig } from './app.js';

export const TEST_PASSWORD = 'correct-horse-battery-9';

let hashed: Promise<string> | undefined;
/**
 * The fixtures' password hash: argon2id at the smallest cost. Sign-in verifies a hash with the
 * parameters the hash names, and at the service's cost (m=64 MiB, t=3, p=4: about 220 ms of CPU)
 * the suites' two thousand-odd sign-ins of fixture users took several CPU-minutes. What the service
 * hashes keeps its cost (libs/identity/src/auth/password.service.ts and its spec), and so do users
 * created through the API in tests.
 */
const passwordHash = () =>
  (hashed ??= argon2.hash(TEST_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 4096,
    timeCost: 1,
    parallelism: 1,
  }));
const unique = () => randomBytes(4).toString('hex');

export interface TestOrg {
  id: string;
  name: string;
}
export interface TestDept {
  id: string;
  organisationId: string;
  name: string;
}
export interface TestUser {
  id: string;
  email: string;
  password: string;
  organisationId: string;
  departmentId: string;
  roles: Role[];
}

/**
 * Builds valid records straight in the test database, so a test states only what it asserts.
 * Every test makes its own organisation: tests never share settings, history chains or users.
 */
export class Factory {
  readonly db: pg.Pool;

  /**
   * Connects as the owner (`database.adminUrl`), as a superuser would: arranging data and tampering
   * with the ledger are things the application's role cannot do. `url`: another database than the
   * run's, also as the owner (the fault suites give each suite its own).
   */
  constructor(url = testConfig().database.adminUrl) {
    this.db = new pg.Pool({ connectionString: url, max: 3 });
  }

  async org(opts: { parentId?: string | null; name?: string } = {}): Promise<TestOrg> {
    const name = opts.name ?? `테스트구 ${unique()}`;
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO organisations (name, kind, parent_id) VALUES ($1, 'LOCAL', $2) RETURNING id`,
      [name, opts.parentId ?? null],
    );
    return { id: rows[0].id, name };
  }

  async dept(
    organisationId: string,
    opts: { name?: string; isAuditUnit?: boolean; isProactiveOffice?: boolean } = {},
  ): Promise<TestDept> {
    const name = opts.name ?? `테스트과 ${unique()}`;
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO departments (organisation_id, name, kind, is_audit_unit, is_proactive_office)
       VALUES ($1, $2, 'DIVISION', $3, $4) RETURNING id`,
      [organisationId, name, opts.isAuditUnit ?? false, opts.isProactiveOffice ?? false],
    );
    return { id: rows[0].id, organisationId, name };
  }

  async user(
    dept: TestDept,
    roles: Role[],
    opts: { email?: string; name?: string; active?: boolean; systemAdministrator?: boolean } = {},
  ): Promise<TestUser> {
    const email = opts.email ?? `user-${unique()}@test.gwaje.kr`;
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash, active, system_administrator)
       VALUES ($1, $2, $3, $4, $5::user_role[], $6, $7, $8) RETURNING id`,
      [
        dept.organisationId,
        dept.id,
        opts.name ?? '홍길동',
        email,
        roles,
        await passwordHash(),
        opts.active ?? true,
        opts.systemAdministrator ?? false,
      ],
    );
    return {
      id: rows[0].id,
      email,
      password: TEST_PASSWORD,
      organisationId: dept.organisationId,
      departmentId: dept.id,
      roles,
    };
  }

  /** An organisation with one department and one user per requested role. */
  async world(
    roles: Role[] = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE', 'COMMITTEE', 'ADMIN'],
  ) {
    const org = await this.org();
    const dept = await this.dept(org.id);
    const users = {} as Record<Role, TestUser>;
    for (const role of roles) users[role] = await this.user(dept, [role]);
    return { org, dept, users };
  }

  async close(): Promise<void> {
    await this.db.end();
  }
}

export interface LoginResult {
  accessToken: string;
  refreshToken: string;
}

export async function login(
  http: HttpClient,
  user: { email: string; password: string },
): Promise<LoginResult> {
  const res = await http.post('/api/v1/auth/login', { email: user.email, password: user.password });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as LoginResult;
}
