import { type HttpResult, startApi, type TestApi, useTestApi } from './support/app.js';
import { TEST_PASSWORD } from './support/factory.js';

/**
 * The web app's session (SECURITY.md "Accounts and sessions", issue 18): the refresh token lives in
 * an HttpOnly, SameSite=Strict cookie scoped to the auth paths, never in a JSON body the page's
 * scripts could read; API clients keep the refresh token in the body as before.
 */
describe('the refresh token in a cookie for the web app', () => {
  const { http, factory } = useTestApi();
  const WEB = { 'x-gwaje-client': 'web' };

  /** The `gwaje_refresh` Set-Cookie line of a response, if any. */
  const refreshCookie = (res: HttpResult): string | undefined =>
    res.headers.getSetCookie().find((c) => c.startsWith('gwaje_refresh='));
  /** `name=value` of a Set-Cookie line: what a browser sends back. */
  const pair = (setCookie: string) => setCookie.split(';')[0];
  const attributes = (setCookie: string) =>
    setCookie
      .split(';')
      .slice(1)
      .map((a) => a.trim().toLowerCase());

  const webLogin = async () => {
    const { users } = await factory.world(['STAFF']);
    const res = await http.post(
      '/api/v1/auth/login',
      { email: users.STAFF.email, password: TEST_PASSWORD },
      { headers: WEB },
    );
    expect(res.status).toBe(200);
    return res;
  };

  it('login sets an HttpOnly, Secure, SameSite=Strict cookie on the auth path and keeps the token out of the body', async () => {
    const res = await webLogin();
    const cookie = refreshCookie(res);
    expect(cookie).toBeDefined();
    const attrs = attributes(cookie!);
    expect(attrs).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api/v1/auth', 'secure']),
    );
    // Lives as long as the session may (its absolute expiry), not past it.
    const maxAge = Number(attrs.find((a) => a.startsWith('max-age='))?.split('=')[1]);
    const sessionSeconds = (Date.parse(res.body.sessionExpiresAt) - Date.now()) / 1000;
    expect(Math.abs(maxAge - sessionSeconds)).toBeLessThan(5);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body).not.toHaveProperty('refreshToken');
    expect(JSON.stringify(res.body)).not.toContain(pair(cookie!).split('=')[1]);
  });

  it('refreshes from the cookie alone, rotating it; the old cookie then revokes the session', async () => {
    const first = refreshCookie(await webLogin())!;
    const refreshed = await http.post(
      '/api/v1/auth/refresh',
      {},
      { headers: { ...WEB, cookie: pair(first) } },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.accessToken).toEqual(expect.any(String));
    expect(refreshed.body).not.toHaveProperty('refreshToken');
    const second = refreshCookie(refreshed)!;
    expect(second).toBeDefined();
    expect(pair(second)).not.toBe(pair(first));
    const me = await http.get('/api/v1/me', { token: refreshed.body.accessToken });
    expect(me.status).toBe(200);

    const replay = await http.post(
      '/api/v1/auth/refresh',
      {},
      { headers: { ...WEB, cookie: pair(first) } },
    );
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
  });

  it('reads the cookie only with the web app header (a cross-site form cannot send one)', async () => {
    const cookie = pair(refreshCookie(await webLogin())!);
    const forged = await http.post('/api/v1/auth/refresh', {}, { headers: { cookie } });
    // Without the header it is an API client's refresh that names no token.
    expect(forged.status).toBe(400);
    expect(forged.body.details).toEqual([
      expect.objectContaining({ field: 'refreshToken', code: 'required' }),
    ]);
    // Nothing was rotated: the web app's own refresh still works.
    const own = await http.post('/api/v1/auth/refresh', {}, { headers: { ...WEB, cookie } });
    expect(own.status).toBe(200);
  });

  it('answers 401 REFRESH_TOKEN_INVALID to a web refresh with no cookie (a tab nobody signed in to)', async () => {
    const res = await http.post('/api/v1/auth/refresh', {}, { headers: WEB });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('logout clears the cookie and ends the session behind it', async () => {
    const login = await webLogin();
    const cookie = pair(refreshCookie(login)!);
    const out = await http.post('/api/v1/auth/logout', undefined, {
      token: login.body.accessToken,
      headers: { ...WEB, cookie },
    });
    expect(out.status).toBe(204);
    const cleared = refreshCookie(out);
    expect(cleared).toBeDefined();
    expect(pair(cleared!)).toBe('gwaje_refresh=');
    expect(attributes(cleared!)).toEqual(
      expect.arrayContaining(['max-age=0', 'path=/api/v1/auth', 'httponly']),
    );
    const after = await http.post('/api/v1/auth/refresh', {}, { headers: { ...WEB, cookie } });
    expect(after.status).toBe(401);
  });

  it('API clients still get and use the refresh token in the body', async () => {
    const { users } = await factory.world(['STAFF']);
    const login = await http.post('/api/v1/auth/login', {
      email: users.STAFF.email,
      password: TEST_PASSWORD,
    });
    expect(login.body.refreshToken).toEqual(expect.any(String));
    const refreshed = await http.post('/api/v1/auth/refresh', {
      refreshToken: login.body.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
  });

  // The Swagger UI (docsUi) cannot load under Jest (@fastify/static); the browser suite opens it.
  it('allows no inline script: script-src without unsafe-inline', async () => {
    const health = await http.get('/health');
    const csp = health.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc).toBeDefined();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
  });
});

describe('the refresh cookie on a plain-HTTP intranet address', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ PUBLIC_URL: 'http://gwaje.intra.example.go.kr' });
  });
  afterAll(() => api.close());

  it('is not marked Secure, or the browser would drop it there', async () => {
    const { Factory } = await import('./support/factory.js');
    const factory = new Factory();
    try {
      const { users } = await factory.world(['STAFF']);
      const res = await api.http.post(
        '/api/v1/auth/login',
        { email: users.STAFF.email, password: TEST_PASSWORD },
        { headers: { 'x-gwaje-client': 'web' } },
      );
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gwaje_refresh='));
      expect(cookie).toBeDefined();
      expect(cookie!.toLowerCase()).toContain('httponly');
      expect(cookie!.toLowerCase()).not.toMatch(/;\s*secure/);
    } finally {
      await factory.close();
    }
  });
});
