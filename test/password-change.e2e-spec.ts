import { useTestApi } from './support/app.js';
import { login, TEST_PASSWORD } from './support/factory.js';

const NEW_PASSWORD = 'a-brand-new-passphrase-7';

describe('password change: self-service and forced after a reset', () => {
  const { http, factory } = useTestApi();

  const change = (token: string, currentPassword: string, newPassword: string) =>
    http.post('/api/v1/me/password', { currentPassword, newPassword }, { token });

  it('changes the password with the current one; this session stays, every other one ends', async () => {
    const { users } = await factory.world(['STAFF', 'AUDITOR']);
    const here = await login(http, users.STAFF);
    const elsewhere = await login(http, users.STAFF);

    const res = await change(here.accessToken, TEST_PASSWORD, NEW_PASSWORD);
    expect(res.status).toBe(204);

    expect((await http.get('/api/v1/me', { token: here.accessToken })).status).toBe(200);
    expect((await http.get('/api/v1/me', { token: elsewhere.accessToken })).status).toBe(401);
    expect(
      (await http.post('/api/v1/auth/refresh', { refreshToken: elsewhere.refreshToken })).status,
    ).toBe(401);
    expect(
      (await http.post('/api/v1/auth/refresh', { refreshToken: here.refreshToken })).status,
    ).toBe(200);

    const old = await http.post('/api/v1/auth/login', {
      email: users.STAFF.email,
      password: TEST_PASSWORD,
    });
    expect(old.status).toBe(401);
    await login(http, { email: users.STAFF.email, password: NEW_PASSWORD });

    // Recorded: in the access log (접속기록) and in the history, never the value.
    const auditor = await login(http, users.AUDITOR);
    const log = await http.get(
      `/api/v1/access-log?action=PASSWORD_CHANGE&userId=${users.STAFF.id}`,
      { token: auditor.accessToken },
    );
    expect(log.body.items).toEqual([
      expect.objectContaining({ action: 'PASSWORD_CHANGE', result: 'SUCCESS', ip: '127.0.0.1' }),
    ]);
    const history = await http.get(`/api/v1/history?recordType=user&recordId=${users.STAFF.id}`, {
      token: auditor.accessToken,
    });
    expect(history.body).toEqual([
      expect.objectContaining({
        action: 'password_change',
        actorId: users.STAFF.id,
        changes: { password: { from: '(hidden)', to: '(changed)' } },
      }),
    ]);
    expect(JSON.stringify(history.body)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a wrong current password (400, counted towards the lockout) and a new one against the policy', async () => {
    const { users } = await factory.world(['STAFF']);
    const { accessToken } = await login(http, users.STAFF);

    const wrong = await change(accessToken, 'not-the-password-1', NEW_PASSWORD);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      code: 'CURRENT_PASSWORD_INCORRECT',
      details: [expect.objectContaining({ field: 'currentPassword', code: 'incorrect' })],
    });

    const short = await change(accessToken, TEST_PASSWORD, 'short-1');
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('PASSWORD_POLICY');
    expect(short.body.details[0].field).toBe('newPassword');

    const same = await change(accessToken, TEST_PASSWORD, TEST_PASSWORD);
    expect(same.status).toBe(400);
    expect(same.body).toMatchObject({
      code: 'PASSWORD_POLICY',
      details: [expect.objectContaining({ field: 'newPassword', code: 'sameAsCurrent' })],
    });

    const missing = await http.post(
      '/api/v1/me/password',
      { newPassword: NEW_PASSWORD },
      { token: accessToken },
    );
    expect(missing.status).toBe(400);

    // Four more wrong guesses make five: the account locks like after five failed sign-ins.
    for (let i = 0; i < 4; i++) {
      expect((await change(accessToken, `wrong-guess-${i}-xx`, NEW_PASSWORD)).status).toBe(400);
    }
    const locked = await http.post('/api/v1/auth/login', {
      email: users.STAFF.email,
      password: TEST_PASSWORD,
    });
    expect(locked.status).toBe(401);
    // While locked, even the right current password is refused.
    const whileLocked = await change(accessToken, TEST_PASSWORD, NEW_PASSWORD);
    expect(whileLocked.status).toBe(400);
    expect(whileLocked.body.code).toBe('CURRENT_PASSWORD_INCORRECT');
  });

  it('after an administrator sets the password, the user must change it before doing anything else', async () => {
    const { users } = await factory.world(['STAFF', 'ADMIN']);
    const admin = await login(http, users.ADMIN);
    const before = await http.get(`/api/v1/users/${users.STAFF.id}`, { token: admin.accessToken });
    expect(before.body.passwordChangeRequired).toBe(false);
    const reset = await http.patch(
      `/api/v1/users/${users.STAFF.id}`,
      { version: before.body.version, password: 'temporary-passphrase-1' },
      { token: admin.accessToken },
    );
    expect(reset.status).toBe(200);
    expect(reset.body.passwordChangeRequired).toBe(true);

    const res = await http.post('/api/v1/auth/login', {
      email: users.STAFF.email,
      password: 'temporary-passphrase-1',
    });
    expect(res.status).toBe(200);
    expect(res.body.user.passwordChangeRequired).toBe(true);
    const token = res.body.accessToken as string;

    const blocked = await http.get('/api/v1/tasks', { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await http.get('/api/v1/departments', { token })).body.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    const me = await http.get('/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.passwordChangeRequired).toBe(true);

    expect((await change(token, 'temporary-passphrase-1', NEW_PASSWORD)).status).toBe(204);
    expect((await http.get('/api/v1/tasks', { token })).status).toBe(200);
    expect((await http.get('/api/v1/me', { token })).body.passwordChangeRequired).toBe(false);
    const again = await login(http, { email: users.STAFF.email, password: NEW_PASSWORD });
    expect((await http.get('/api/v1/tasks', { token: again.accessToken })).status).toBe(200);
  });

  it('lets a user who must change the password sign out', async () => {
    const { users } = await factory.world(['STAFF']);
    await factory.db.query(`UPDATE users SET password_change_required = true WHERE id = $1`, [
      users.STAFF.id,
    ]);
    const { accessToken } = await login(http, users.STAFF);
    expect((await http.get('/api/v1/tasks', { token: accessToken })).status).toBe(403);
    expect((await http.post('/api/v1/auth/logout', undefined, { token: accessToken })).status).toBe(
      204,
    );
  });
});
