import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabaseIfMissing, runMigrations } from '@gwaje/db';
import { AdminBootstrapService } from '@gwaje/identity';
import { databaseEnv, startApi, type TestApi, testConfig } from './support/app.js';

/** A fresh installation: the API creates the first administrator, who must change the password. */
describe('first administrator: forced password change at the first sign-in', () => {
  const base = testConfig();
  const url = new URL(base.database.adminUrl);
  url.pathname = `/${url.pathname.slice(1)}_first_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.database.adminUrl });
  let api: TestApi | undefined;
  const email = 'first-admin@gwaje.example';
  const password = 'first-admin-passphrase';

  beforeAll(async () => {
    await createDatabaseIfMissing(url.toString());
    await runMigrations(testConfig(databaseEnv(url.toString())), url.toString());
    await admin.connect();
    api = await startApi({
      ...databaseEnv(url.toString()),
      ADMIN_EMAIL: email,
      ADMIN_PASSWORD: password,
    });
    // What main.ts does after start-up.
    expect(await api.app.get(AdminBootstrapService).ensureAdministrator()).toBe('created');
  });
  afterAll(async () => {
    await api?.close();
    await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  });

  it('signs in with ADMIN_PASSWORD, is held at the password change, then works normally', async () => {
    const http = api!.http;
    const res = await http.post('/api/v1/auth/login', { email, password });
    expect(res.status).toBe(200);
    expect(res.body.user.passwordChangeRequired).toBe(true);
    const token = res.body.accessToken as string;

    const users = await http.get('/api/v1/users', { token });
    expect(users.status).toBe(403);
    expect(users.body.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await http.post(
      '/api/v1/me/password',
      { currentPassword: password, newPassword: 'my-own-admin-passphrase-2' },
      { token },
    );
    expect(changed.status).toBe(204);
    const after = await http.get('/api/v1/users', { token });
    expect(after.status).toBe(200);
    expect(after.body.items[0].passwordChangeRequired).toBe(false);
  });
});
