import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { runMigrations } from '@gwaje/db';
import { databaseEnv, testConfig } from './support/app.js';
import { buildOnce } from './support/build.js';
import { Factory, type TestUser } from './support/factory.js';
import { PrivateDatabase } from './support/private-database.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Starts the built API with `env` over the run's environment; resolves with its base URL once healthy. */
async function startBuiltApi(
  env: Record<string, string>,
): Promise<{ base: string; api: ChildProcess }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = spawn('node', ['dist/apps/api/apps/api/src/main.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, api };
    await new Promise((r) => setTimeout(r, 200));
  }
  api.kill('SIGTERM');
  throw new Error('the API did not start');
}

/**
 * The queue dashboard at /admin/queues pauses and empties every organisation's queues, so it is for
 * the system administrator only: an ADMIN marked so (users.system_administrator). Its UI plugin
 * cannot load under Jest (see README, Known limitations), so this suite builds the API and runs it as
 * a real process, on a database of its own.
 */
describe('queue dashboard (/admin/queues)', () => {
  const db = new PrivateDatabase('board');
  let api: ChildProcess | undefined;
  let base = '';
  let factory: Factory;
  let system: TestUser;
  let rootAdmin: TestUser;
  let lowerAdmin: TestUser;
  let auditor: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    await db.create();
    await runMigrations(testConfig(databaseEnv(db.url)), db.url);
    factory = new Factory(db.url);
    // 서울특별시 › 노원구: the system administrator, and an ADMIN of the top-level organisation
    // without the mark (who once would have been taken for it).
    const root = await factory.org({ name: '서울특별시' });
    const rootDept = await factory.dept(root.id, { name: '정보기획관' });
    const child = await factory.org({ name: '노원구', parentId: root.id });
    const childDept = await factory.dept(child.id, { name: '감사담당관', isAuditUnit: true });
    system = await factory.user(rootDept, ['ADMIN'], { systemAdministrator: true });
    rootAdmin = await factory.user(rootDept, ['ADMIN']);
    auditor = await factory.user(rootDept, ['AUDITOR', 'PROACTIVE_OFFICE']);
    lowerAdmin = await factory.user(childDept, ['ADMIN']);
    staff = await factory.user(childDept, ['STAFF']);
    await buildOnce('api');
    // The development profile (the dashboard on), demo mode off (the run's own JWT_SECRET).
    ({ base, api } = await startBuiltApi({
      ...databaseEnv(db.url),
      NODE_ENV: 'development',
      DEMO: 'false',
    }));
  }, 180_000);

  afterAll(async () => {
    api?.kill('SIGTERM');
    await factory?.close();
    await db.drop();
  });

  const form = (user: { email: string; password: string }) =>
    fetch(`${base}/admin/queues/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email, password: user.password }).toString(),
    });
  const bearer = async (user: { email: string; password: string }) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  const queues = (headers: Record<string, string>) =>
    fetch(`${base}/admin/queues/api/queues`, { headers, redirect: 'manual' });

  it('sends strangers to its login and shows the queues to the system administrator (form or bearer)', async () => {
    const page = await fetch(`${base}/admin/queues/`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/queues/login');

    const wrong = await form({ email: system.email, password: 'not-the-password' });
    expect(wrong.status).toBe(401);

    const ok = await form(system);
    expect(ok.status).toBe(303);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    const board = await queues({ cookie: cookie.split(';')[0] });
    expect(board.status).toBe(200);
    const body = (await board.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual([
      'dashboards',
      'notifications',
      'system',
    ]);
    expect((await queues({ authorization: `Bearer ${await bearer(system)}` })).status).toBe(200);
  });

  it('refuses everyone else: ADMINs without the mark (of the top-level organisation or lower down), and other roles (403; the form sets no cookie)', async () => {
    for (const user of [rootAdmin, lowerAdmin, auditor, staff]) {
      const refused = await form(user);
      expect([user.roles, refused.status]).toEqual([user.roles, 401]);
      expect(refused.headers.get('set-cookie')).toBeNull();
      const res = await queues({ authorization: `Bearer ${await bearer(user)}` });
      expect([user.roles, res.status]).toEqual([user.roles, 403]);
    }
  });

  it('stays the system administrator’s when a second top-level organisation exists; a revocation counts at once', async () => {
    const token = await bearer(system);
    const other = await factory.org({ name: '부산광역시' });
    try {
      expect((await queues({ authorization: `Bearer ${token}` })).status).toBe(200);
      await factory.db.query(`UPDATE users SET system_administrator = false WHERE id = $1`, [
        system.id,
      ]);
      expect((await queues({ authorization: `Bearer ${token}` })).status).toBe(403);
      expect((await form(system)).status).toBe(401);
    } finally {
      await factory.db.query(`UPDATE users SET system_administrator = true WHERE id = $1`, [
        system.id,
      ]);
      await factory.db.query(`DELETE FROM organisations WHERE id = $1`, [other.id]);
    }
    expect((await queues({ authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('is off in production unless turned on (http.queueBoard, QUEUE_BOARD)', async () => {
    const production = await startBuiltApi({
      ...databaseEnv(db.url),
      NODE_ENV: 'production',
      DEMO: 'false',
    });
    try {
      const login = await fetch(`${production.base}/admin/queues/login`, { redirect: 'manual' });
      expect(login.status).toBe(404);
      const board = await fetch(`${production.base}/admin/queues/api/queues`, {
        headers: { authorization: `Bearer ${await bearer(system)}` },
      });
      expect(board.status).toBe(404);
    } finally {
      production.api.kill('SIGTERM');
    }
  }, 60_000);
});
