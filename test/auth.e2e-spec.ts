import { testConfig, useTestApi } from './support/app.js';
import { login, TEST_PASSWORD } from './support/factory.js';
import { decodeJwt, signJwt } from './support/jwt.js';

describe('authentication and sessions', () => {
  const { http, factory } = useTestApi();
  const config = testConfig();

  const withoutRequestId = (body: Record<string, unknown>) => {
    const { requestId: _ignored, ...rest } = body;
    return rest;
  };

  describe('login', () => {
    it('returns short-lived tokens and the profile, never the password hash', async () => {
      const { users } = await factory.world(['STAFF']);
      const res = await http.post('/api/v1/auth/login', {
        email: users.STAFF.email.toUpperCase(),
        password: TEST_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(res.body.tokenType).toBe('Bearer');
      expect(res.body.user).toMatchObject({
        id: users.STAFF.id,
        email: users.STAFF.email,
        roles: ['STAFF'],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
      const claims = decodeJwt(res.body.accessToken);
      expect(claims.exp - claims.iat).toBe(15 * 60);
      expect(claims).toMatchObject({
        sub: users.STAFF.id,
        iss: config.auth.issuer,
        aud: config.auth.audience,
      });
      expect(typeof res.body.refreshToken).toBe('string');
      expect(res.body.idleTimeoutMinutes).toBe(30);
    });

    it('answers a wrong password and an unknown user identically', async () => {
      const { users } = await factory.world(['STAFF']);
      const wrong = await http.post('/api/v1/auth/login', {
        email: users.STAFF.email,
        password: 'not-the-password-1',
      });
      const unknown = await http.post('/api/v1/auth/login', {
        email: 'nobody-here@test.gwaje.kr',
        password: 'not-the-password-1',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(withoutRequestId(wrong.body)).toEqual(withoutRequestId(unknown.body));
    });

    it('locks the account after 5 consecutive failures, records the lock, and an ADMIN can unlock it', async () => {
      const { users } = await factory.world(['STAFF', 'ADMIN']);
      for (let i = 0; i < 5; i++) {
        const res = await http.post('/api/v1/auth/login', {
          email: users.STAFF.email,
          password: `wrong-password-${i}`,
        });
        expect(res.status).toBe(401);
      }
      // Locked: even the right password is refused, with the same answer as a wrong one.
      const locked = await http.post('/api/v1/auth/login', {
        email: users.STAFF.email,
        password: TEST_PASSWORD,
      });
      expect(locked.status).toBe(401);
      expect(locked.body.code).toBe('INVALID_CREDENTIALS');

      const { rows } = await factory.db.query(
        `SELECT action, actor_id FROM history WHERE record_type = 'user' AND record_id = $1`,
        [users.STAFF.id],
      );
      expect(rows).toEqual([{ action: 'lock', actor_id: null }]);

      const admin = await login(http, users.ADMIN);
      const view = await http.get(`/api/v1/users/${users.STAFF.id}`, {
        token: admin.accessToken,
      });
      expect(view.body.locked).toBe(true);
      const unlock = await http.post(
        `/api/v1/users/${users.STAFF.id}/unlock`,
        { reason: '본인 확인 완료' },
        { token: admin.accessToken },
      );
      expect(unlock.status).toBe(200);
      expect(unlock.body.locked).toBe(false);
      expect(
        (
          await http.post('/api/v1/auth/login', {
            email: users.STAFF.email,
            password: TEST_PASSWORD,
          })
        ).status,
      ).toBe(200);
    });

    it('lets the user in again once the lock has expired, with a fresh failure count', async () => {
      const { users } = await factory.world(['STAFF']);
      for (let i = 0; i < 5; i++)
        await http.post('/api/v1/auth/login', {
          email: users.STAFF.email,
          password: `wrong-password-${i}`,
        });
      await factory.db.query(
        `UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`,
        [users.STAFF.id],
      );
      // One more failure after expiry does not lock again at once.
      await http.post('/api/v1/auth/login', {
        email: users.STAFF.email,
        password: 'wrong-again-1',
      });
      const { rows } = await factory.db.query(
        `SELECT failed_login_count, locked_until FROM users WHERE id = $1`,
        [users.STAFF.id],
      );
      expect(rows[0]).toEqual({ failed_login_count: 1, locked_until: null });
      expect(
        (
          await http.post('/api/v1/auth/login', {
            email: users.STAFF.email,
            password: TEST_PASSWORD,
          })
        ).status,
      ).toBe(200);
    });

    it('refuses a deactivated user with the same answer', async () => {
      const { dept } = await factory.world([]);
      const inactive = await factory.user(dept, ['STAFF'], { active: false });
      const res = await http.post('/api/v1/auth/login', {
        email: inactive.email,
        password: TEST_PASSWORD,
      });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    });
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh token works once and yields a new pair', async () => {
      const { users } = await factory.world(['STAFF']);
      const first = await login(http, users.STAFF);
      const second = await http.post('/api/v1/auth/refresh', {
        refreshToken: first.refreshToken,
      });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await http.get('/api/v1/me', { token: second.body.accessToken })).status).toBe(200);
      const third = await http.post('/api/v1/auth/refresh', {
        refreshToken: second.body.refreshToken,
      });
      expect(third.status).toBe(200);
    });

    it('treats reuse of a spent refresh token as theft and revokes the whole session', async () => {
      const { users } = await factory.world(['STAFF']);
      const first = await login(http, users.STAFF);
      const second = await http.post('/api/v1/auth/refresh', {
        refreshToken: first.refreshToken,
      });
      const replay = await http.post('/api/v1/auth/refresh', {
        refreshToken: first.refreshToken,
      });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
      // The legitimate holder's newer tokens die with the family.
      expect(
        (await http.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken }))
          .status,
      ).toBe(401);
      expect((await http.get('/api/v1/me', { token: second.body.accessToken })).status).toBe(401);
      // Another session of the same user is untouched.
      const other = await login(http, users.STAFF);
      expect((await http.get('/api/v1/me', { token: other.accessToken })).status).toBe(200);
    });

    it('refuses an unknown refresh token and a malformed body', async () => {
      const unknown = await http.post('/api/v1/auth/refresh', {
        refreshToken: 'made-up-token',
      });
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe('REFRESH_TOKEN_INVALID');
      const bad = await http.post('/api/v1/auth/refresh', {});
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('refreshToken');
    });

    it('logout ends the session: access and refresh tokens stop working', async () => {
      const { users } = await factory.world(['STAFF']);
      const session = await login(http, users.STAFF);
      expect(
        (await http.post('/api/v1/auth/logout', undefined, { token: session.accessToken })).status,
      ).toBe(204);
      expect((await http.get('/api/v1/me', { token: session.accessToken })).status).toBe(401);
      expect(
        (await http.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).status,
      ).toBe(401);
    });
  });

  describe('access tokens', () => {
    it('rejects a missing, malformed or tampered token', async () => {
      const { users } = await factory.world(['STAFF']);
      const { accessToken } = await login(http, users.STAFF);
      expect((await http.get('/api/v1/me')).body.code).toBe('UNAUTHENTICATED');
      expect((await http.get('/api/v1/me', { token: 'not-a-jwt' })).status).toBe(401);
      const [h, p, s] = accessToken.split('.');
      const claims = decodeJwt(accessToken);
      const forgedPayload = Buffer.from(
        JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' }),
      ).toString('base64url');
      const tampered = await http.get('/api/v1/me', { token: `${h}.${forgedPayload}.${s}` });
      expect(tampered.status).toBe(401);
      expect(tampered.body.code).toBe('UNAUTHENTICATED');
      expect((await http.get('/api/v1/me', { token: `${h}.${p}.${s}` })).status).toBe(200);
    });

    it('rejects an expired token with a code that tells the client to refresh', async () => {
      const { users } = await factory.world(['STAFF']);
      const { accessToken } = await login(http, users.STAFF);
      const claims = decodeJwt(accessToken);
      const now = Math.floor(Date.now() / 1000);
      const expired = signJwt({ ...claims, iat: now - 3600, exp: now - 60 }, config.auth.jwtSecret);
      const res = await http.get('/api/v1/me', { token: expired });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('ACCESS_TOKEN_EXPIRED');
    });

    it('pins the algorithm, issuer and audience', async () => {
      const { users } = await factory.world(['STAFF']);
      const claims = decodeJwt((await login(http, users.STAFF)).accessToken);
      const secret = config.auth.jwtSecret;
      const cases = [
        signJwt(claims, secret, { alg: 'none', typ: 'JWT' }),
        signJwt({ ...claims, aud: 'someone-else' }, secret),
        signJwt({ ...claims, iss: 'someone-else' }, secret),
        signJwt(claims, 'a-different-secret-of-enough-length-000'),
      ];
      for (const token of cases) expect((await http.get('/api/v1/me', { token })).status).toBe(401);
      expect((await http.get('/api/v1/me', { token: signJwt(claims, secret) })).status).toBe(200);
    });

    it('ends an idle session (setting: 30 minutes)', async () => {
      const { users } = await factory.world(['STAFF']);
      const session = await login(http, users.STAFF);
      const { sid } = decodeJwt(session.accessToken);
      await factory.db.query(
        `UPDATE auth_sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`,
        [sid],
      );
      const res = await http.get('/api/v1/me', { token: session.accessToken });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('SESSION_EXPIRED');
      // The idle session is over for good: refreshing cannot revive it.
      expect(
        (await http.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).status,
      ).toBe(401);
    });

    it("stops a deactivated user's token at once", async () => {
      const { users } = await factory.world(['STAFF', 'ADMIN']);
      const staff = await login(http, users.STAFF);
      const admin = await login(http, users.ADMIN);
      expect((await http.get('/api/v1/me', { token: staff.accessToken })).status).toBe(200);
      const off = await http.post(
        `/api/v1/users/${users.STAFF.id}/deactivate`,
        { reason: '퇴직' },
        { token: admin.accessToken },
      );
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect((await http.get('/api/v1/me', { token: staff.accessToken })).status).toBe(401);
      expect(
        (await http.post('/api/v1/auth/refresh', { refreshToken: staff.refreshToken })).status,
      ).toBe(401);
      expect(
        (
          await http.post('/api/v1/auth/login', {
            email: users.STAFF.email,
            password: TEST_PASSWORD,
          })
        ).status,
      ).toBe(401);
    });
  });

  describe('role denial', () => {
    it('answers 403 to a role that may not use an endpoint', async () => {
      const { users } = await factory.world(['STAFF', 'AUDITOR', 'COMMITTEE']);
      const staff = await login(http, users.STAFF);
      const auditor = await login(http, users.AUDITOR);
      const committee = await login(http, users.COMMITTEE);
      expect((await http.get('/api/v1/users', { token: staff.accessToken })).status).toBe(403);
      expect((await http.get('/api/v1/organisations', { token: auditor.accessToken })).status).toBe(
        403,
      );
      expect((await http.get('/api/v1/history/verify', { token: staff.accessToken })).status).toBe(
        403,
      );
      expect((await http.get('/api/v1/access-log', { token: committee.accessToken })).status).toBe(
        403,
      );
      const denied = await http.post(
        '/api/v1/departments',
        { organisationId: users.STAFF.organisationId, name: 'x', kind: 'TEAM' },
        { token: staff.accessToken },
      );
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('FORBIDDEN');
      expect(
        (await http.get('/api/v1/history/verify', { token: auditor.accessToken })).status,
      ).toBe(200);
    });
  });
});

describe('login rate limit', () => {
  const { http } = useTestApi({}, (c) => {
    c.http.loginRateLimitPerMinute = 3;
  });

  it('answers 429 in the common error shape after the per-minute limit', async () => {
    const attempt = () =>
      http.post('/api/v1/auth/login', {
        email: 'someone@test.gwaje.kr',
        password: 'whatever-123',
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', details: [] });
    expect(typeof limited.body.message).toBe('string');
    // Authenticated endpoints are not affected by the login limiter.
    expect((await http.get('/health')).status).not.toBe(429);
  });
});
