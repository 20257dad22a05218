import { randomBytes } from 'node:crypto';
import { useTestApi } from './support/app.js';
import { login, TEST_PASSWORD } from './support/factory.js';

/**
 * 접속기록 (개인정보의 안전성 확보조치 기준 제8조): every sign-in, failed sign-in, sign-out,
 * refresh-token reuse and read of personal data is an access-log entry with time, account, client
 * address, user agent and result, readable by AUDITOR and ADMIN with filters.
 */
describe('access log: sign-ins, sign-outs, token reuse and reads of personal data', () => {
  const { http, factory } = useTestApi();
  const UA = { 'user-agent': 'GwajeTest/1.0 (access log)' };

  const entries = async (token: string, query: string) => {
    const res = await http.get(`/api/v1/access-log?limit=200&${query}`, { token });
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, unknown>>;
  };

  it('records a sign-in, a failed sign-in, a sign-out and a refresh-token reuse with address, user agent and result', async () => {
    const { users } = await factory.world(['STAFF', 'AUDITOR', 'ADMIN']);
    const staff = users.STAFF;

    const ok = await http.post(
      '/api/v1/auth/login',
      { email: staff.email.toUpperCase(), password: TEST_PASSWORD },
      { headers: UA },
    );
    expect(ok.status).toBe(200);
    const wrong = await http.post(
      '/api/v1/auth/login',
      { email: staff.email, password: 'not-the-password-1' },
      { headers: UA },
    );
    expect(wrong.status).toBe(401);
    expect(
      (
        await http.post('/api/v1/auth/logout', undefined, {
          token: ok.body.accessToken,
          headers: UA,
        })
      ).status,
    ).toBe(204);

    // A refresh token presented twice: the second time is a reuse, and the session ends.
    const second = await login(http, staff);
    const rotated = await http.post('/api/v1/auth/refresh', { refreshToken: second.refreshToken });
    expect(rotated.status).toBe(200);
    const reused = await http.post(
      '/api/v1/auth/refresh',
      { refreshToken: second.refreshToken },
      { headers: UA },
    );
    expect(reused.status).toBe(401);

    const auditor = await login(http, users.AUDITOR);
    const mine = await entries(auditor.accessToken, `userId=${staff.id}`);
    const base = {
      userId: staff.id,
      account: staff.email,
      ip: '127.0.0.1',
      organisationId: staff.organisationId,
    };
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ...base,
          action: 'LOGIN',
          result: 'SUCCESS',
          userAgent: UA['user-agent'],
          recordType: 'session',
        }),
        expect.objectContaining({
          ...base,
          action: 'LOGIN',
          result: 'FAILURE',
          reason: 'WRONG_PASSWORD',
          userAgent: UA['user-agent'],
        }),
        expect.objectContaining({
          ...base,
          action: 'LOGOUT',
          result: 'SUCCESS',
          userAgent: UA['user-agent'],
        }),
        expect.objectContaining({
          ...base,
          action: 'REFRESH_REUSE',
          result: 'FAILURE',
          reason: 'REFRESH_TOKEN_REUSED',
          userAgent: UA['user-agent'],
        }),
      ]),
    );
    const login1 = mine.find((e) => e.action === 'LOGIN' && e.result === 'SUCCESS')!;
    expect(typeof login1.occurredAt).toBe('string');
    expect(login1.recordId).toEqual(expect.any(String));

    // Filters: action and result; the ADMIN reads the same log.
    const admin = await login(http, users.ADMIN);
    const failures = await entries(
      admin.accessToken,
      `action=LOGIN&result=FAILURE&userId=${staff.id}`,
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ reason: 'WRONG_PASSWORD' });
    const later = await entries(
      admin.accessToken,
      `userId=${staff.id}&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later).toEqual([]);
    const byAccount = await entries(
      admin.accessToken,
      `account=${encodeURIComponent(staff.email.toUpperCase())}&action=LOGOUT`,
    );
    expect(byAccount).toHaveLength(1);

    // Others: 403.
    const staffAgain = await login(http, staff);
    expect((await http.get('/api/v1/access-log', { token: staffAgain.accessToken })).status).toBe(
      403,
    );
  });

  it('records a failed sign-in of an unknown account by its normalised e-mail, without a user id', async () => {
    // An unknown account belongs to no organisation: the entry goes to the installation's first
    // organisation (the oldest one without a parent), whose ADMIN and AUDITOR read it.
    const { rows } = await factory.db.query<{ id: string }>(
      `SELECT id FROM organisations WHERE parent_id IS NULL ORDER BY created_at, id LIMIT 1`,
    );
    const root = rows[0]?.id ?? (await factory.org()).id;
    const dept = await factory.dept(root);
    const admin = await factory.user(dept, ['ADMIN']);
    const email = `Nobody-${randomBytes(3).toString('hex')}@Test.Gwaje.KR`;

    const res = await http.post(
      '/api/v1/auth/login',
      { email: `  ${email} `, password: 'not-the-password-1' },
      { headers: UA },
    );
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');

    const token = (await login(http, admin)).accessToken;
    const found = await entries(token, `account=${encodeURIComponent(email)}`);
    expect(found).toEqual([
      expect.objectContaining({
        organisationId: root,
        userId: null,
        userName: null,
        account: email.toLowerCase(),
        action: 'LOGIN',
        result: 'FAILURE',
        reason: 'UNKNOWN_ACCOUNT',
        ip: '127.0.0.1',
        userAgent: UA['user-agent'],
      }),
    ]);
  });

  it('records every read of personal data (user list and details) with the reader, address and user agent', async () => {
    const { users } = await factory.world(['STAFF', 'AUDITOR', 'ADMIN']);
    const admin = await login(http, users.ADMIN);
    expect(
      (await http.get('/api/v1/users?role=STAFF', { token: admin.accessToken, headers: UA }))
        .status,
    ).toBe(200);
    expect(
      (await http.get(`/api/v1/users/${users.STAFF.id}`, { token: admin.accessToken, headers: UA }))
        .status,
    ).toBe(200);
    const auditor = await login(http, users.AUDITOR);
    const reads = await entries(auditor.accessToken, `userId=${users.ADMIN.id}&recordType=user`);
    expect(reads).toEqual([
      expect.objectContaining({
        action: 'READ',
        recordId: users.STAFF.id,
        result: 'SUCCESS',
        ip: '127.0.0.1',
        userAgent: UA['user-agent'],
        account: users.ADMIN.email,
      }),
      expect.objectContaining({
        action: 'LIST',
        recordId: null,
        filter: expect.objectContaining({ role: 'STAFF' }),
        result: 'SUCCESS',
        ip: '127.0.0.1',
        userAgent: UA['user-agent'],
      }),
    ]);
  });

  it('cannot be altered: the application role may not update or delete entries, and verify stays green', async () => {
    const { users } = await factory.world(['AUDITOR']);
    await login(http, users.AUDITOR);
    await expect(
      factory.db.query(`UPDATE access_log SET result = 'SUCCESS' WHERE user_id = $1`, [
        users.AUDITOR.id,
      ]),
    ).rejects.toThrow(/append-only/);
    const auditor = await login(http, users.AUDITOR);
    const verify = await http.get('/api/v1/history/verify', { token: auditor.accessToken });
    expect(verify.status).toBe(200);
    expect(verify.body.problems).toEqual([]);
  });
});
