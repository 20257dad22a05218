import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AppConfig } from '@gwaje/config';
import { startApi, type TestApi, useTestApi } from './support/app.js';
import { buildOnce } from './support/build.js';
import { Factory, login } from './support/factory.js';

/**
 * Rate limits (SECURITY.md, Input and output; issue 18): keyed on the matched route, never the raw
 * URL, and on what the request is about: the account and the client address for sign-in, the
 * refresh token for refresh, the signed-in user for exports.
 */

/** Small limits so a test reaches them: 3 per account or token, 6 per address, 2 exports. */
const lowLimits = (c: AppConfig) =>
  Object.assign(c.http, {
    loginRateLimitPerMinute: 3,
    loginAddressRateLimitPerMinute: 6,
    exportRateLimitPerMinute: 2,
  });

/** A fresh address per test (TEST-NET-2), so the tests of one API do not share allowances. */
let lastAddress = 0;
const newAddress = () => `198.51.100.${++lastAddress}`;
const newEmail = () => `nobody-${randomBytes(4).toString('hex')}@test.gwaje.kr`;
const newToken = () => randomBytes(32).toString('base64url');

/**
 * A request as sent, without the contract check of the usual client: encoded paths are not paths
 * the OpenAPI document lists, although the router serves them.
 */
async function raw(
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; from?: string; cookie?: string } = {},
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.from) headers['x-forwarded-for'] = opts.from;
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

describe('rate limits behind a trusted proxy (the loopback address)', () => {
  const { http, factory } = useTestApi(
    { HTTP_TRUSTED_PROXIES: '127.0.0.1/32, ::1/128' },
    lowLimits,
  );
  const send = (
    method: string,
    path: string,
    opts: { body?: unknown; token?: string; from?: string; cookie?: string } = {},
  ) => raw(http.baseUrl, method, path, opts);
  const attempt = (email: string, from: string, path = '/api/v1/auth/login') =>
    send('POST', path, { body: { email, password: 'whatever-123' }, from });

  it('counts percent-encoded spellings of login against the same allowance, and other spellings do not reach login', async () => {
    const email = newEmail();
    const from = newAddress();
    expect((await attempt(email, from)).status).toBe(401);
    expect((await attempt(email, from, '/api/v1/auth/logi%6E')).status).toBe(401);
    expect((await attempt(email, from, '/api/v1/auth/%6c%6f%67%69%6e')).status).toBe(401);
    const limited = await attempt(email, from, '/api/v1/auth/logi%6E');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', details: [] });
    expect((await attempt(email, from)).status).toBe(429);
    // The router does not serve these spellings at all: no way around the limit either.
    for (const path of [
      '/api/v1/auth/login/',
      '//api/v1/auth/login',
      '/api/v1//auth/login',
      '/API/v1/auth/login',
      '/api/v1/auth/LOGIN',
      '/api/v1/auth/login;x',
    ]) {
      expect([path, (await attempt(email, from, path)).status]).toEqual([path, 404]);
    }
  });

  it('counts percent-encoded spellings of refresh against the same allowance', async () => {
    const from = newAddress();
    const refreshToken = newToken();
    const refresh = (path: string) => send('POST', path, { body: { refreshToken }, from });
    expect((await refresh('/api/v1/auth/refresh')).status).toBe(401);
    expect((await refresh('/api/v1/auth/refres%68')).status).toBe(401);
    expect((await refresh('/api/v1/auth/%72efresh')).status).toBe(401);
    expect((await refresh('/api/v1/auth/refres%68')).status).toBe(429);
    expect((await refresh('/api/v1/auth/refresh')).status).toBe(429);
  });

  it('counts percent-encoded spellings of an export against the same allowance', async () => {
    const { users } = await factory.world(['STAFF']);
    const from = newAddress();
    const { accessToken: token } = await login(http, users.STAFF);
    const exportAt = (path: string) => send('GET', `${path}?format=csv`, { token, from });
    expect((await exportAt('/api/v1/tasks/export')).status).toBe(200);
    expect((await exportAt('/api/v1/tasks/expor%74')).status).toBe(200);
    expect((await exportAt('/api/v1/tasks/expor%74')).status).toBe(429);
    const limited = await http.get('/api/v1/tasks/export?format=csv', { token });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', details: [] });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('gives each client behind the proxy its own address allowance, taken from X-Forwarded-For', async () => {
    const first = newAddress();
    const second = newAddress();
    for (let i = 0; i < 6; i++) expect((await attempt(newEmail(), first)).status).toBe(401);
    // The seventh attempt from the same client is refused whichever account it names ...
    expect((await attempt(newEmail(), first)).status).toBe(429);
    // ... while a colleague behind the same proxy still signs in as usual,
    expect((await attempt(newEmail(), second)).status).toBe(401);
    // and a forged left-hand entry does not move a client to another address: the proxy appends
    // the address it saw, and that one counts.
    expect((await attempt(newEmail(), `${newAddress()}, ${first}`)).status).toBe(429);
  });

  it('keeps one account’s attempts off another account’s allowance, and limits one account across addresses', async () => {
    const x = newEmail();
    const y = newEmail();
    const from = newAddress();
    for (let i = 0; i < 3; i++) expect((await attempt(x, from)).status).toBe(401);
    expect((await attempt(x, from)).status).toBe(429);
    expect((await attempt(y, from)).status).toBe(401);
    // The account's allowance is the same from everywhere (spelled differently, too).
    expect((await attempt(` ${x.toUpperCase()} `, newAddress())).status).toBe(429);
    expect((await attempt(y, newAddress())).status).toBe(401);
  });

  it('gives refresh an allowance of its own, per refresh token, apart from login', async () => {
    const { users } = await factory.world(['STAFF']);
    const from = newAddress();
    const { STAFF: user } = users;
    const signIn = (password: string) =>
      http.post(
        '/api/v1/auth/login',
        { email: user.email, password },
        { headers: { 'x-forwarded-for': from } },
      );
    const first = await signIn(user.password);
    expect(first.status).toBe(200);
    const second = await signIn(user.password);
    expect(second.status).toBe(200);
    expect((await signIn('not-the-password')).status).toBe(401);
    // The account's sign-in allowance is used up ...
    expect((await signIn(user.password)).status).toBe(429);
    // ... refreshing still works, for both sessions, a token after the other.
    let tokens = [first.body.refreshToken as string, second.body.refreshToken as string];
    for (let round = 0; round < 2; round++) {
      const next: string[] = [];
      for (const refreshToken of tokens) {
        const res = await http.post(
          '/api/v1/auth/refresh',
          { refreshToken },
          { headers: { 'x-forwarded-for': from } },
        );
        expect(res.status).toBe(200);
        next.push(res.body.refreshToken as string);
      }
      tokens = next;
    }
    // One token presented again and again is limited on its own (in the body or in the cookie).
    // (From addresses of their own: refreshes are counted per address too.)
    const replayed = newToken();
    const replayFrom = newAddress();
    for (let i = 0; i < 3; i++) {
      const res = await send('POST', '/api/v1/auth/refresh', {
        body: { refreshToken: replayed },
        from: replayFrom,
      });
      expect(res.status).toBe(401);
    }
    expect(
      (
        await send('POST', '/api/v1/auth/refresh', {
          body: { refreshToken: replayed },
          from: replayFrom,
        })
      ).status,
    ).toBe(429);
    const cookie = `gwaje_refresh=${newToken()}`;
    const cookieFrom = newAddress();
    for (let i = 0; i < 3; i++) {
      const res = await send('POST', '/api/v1/auth/refresh', {
        body: {},
        cookie,
        from: cookieFrom,
      });
      expect(res.status).not.toBe(429);
    }
    expect(
      (await send('POST', '/api/v1/auth/refresh', { body: {}, cookie, from: cookieFrom })).status,
    ).toBe(429);
    // A new made-up token each time escapes the per-token count, not the per-address one.
    const flood = newAddress();
    const guess = () =>
      send('POST', '/api/v1/auth/refresh', { body: { refreshToken: newToken() }, from: flood });
    for (let i = 0; i < 6; i++) expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(429);
  });

  it('counts exports per signed-in user: anonymous calls and colleagues at the same address use none of it', async () => {
    const { users } = await factory.world(['STAFF', 'DEPT_HEAD']);
    const from = newAddress();
    const as = (token?: string) =>
      http.get('/api/v1/tasks/export?format=csv', {
        token,
        headers: { 'x-forwarded-for': from },
      });
    for (let i = 0; i < 5; i++) expect((await as()).status).toBe(401);
    const staff = (await login(http, users.STAFF)).accessToken;
    const head = (await login(http, users.DEPT_HEAD)).accessToken;
    expect((await as(staff)).status).toBe(200);
    expect((await as(staff)).status).toBe(200);
    expect((await as(staff)).status).toBe(429);
    expect((await as(head)).status).toBe(200);
    expect((await as()).status).toBe(401);
  });
});

describe('rate limits without a trusted proxy', () => {
  const { http } = useTestApi({}, lowLimits);

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await raw(http.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: newEmail(), password: 'whatever-123' },
        from: newAddress(),
      });
      expect(res.status).toBe(401);
    }
    const res = await raw(http.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: newEmail(), password: 'whatever-123' },
      from: newAddress(),
    });
    expect(res.status).toBe(429);
  });
});

describe('configuration of trusted proxies', () => {
  let api: TestApi | undefined;
  afterAll(async () => {
    await api?.close();
  });

  it('refuses to start with a malformed CIDR', async () => {
    await expect(
      startApi({ HTTP_TRUSTED_PROXIES: '10.0.0.0/8, 10.0.0.300/33' }).then((a) => (api = a)),
    ).rejects.toThrow(/HTTP_TRUSTED_PROXIES \(http\.trustedProxies\)/);
  });
});

/**
 * The queue board's login form signs in with the same password check (a 64 MiB argon2 hash each):
 * it shares the sign-in allowance. Its UI plugin cannot load under Jest (README, Known
 * limitations), so this suite builds the API and runs it as a real process with the default limits
 * (20 attempts per account and minute).
 */
describe('queue board login (/admin/queues/login)', () => {
  let api: ChildProcess | undefined;
  let base = '';
  const factory = new Factory();

  beforeAll(async () => {
    await buildOnce('api');
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as { port: number };
        s.close(() => resolve(p));
      });
    });
    base = `http://127.0.0.1:${port}`;
    api = spawn('node', ['dist/apps/api/apps/api/src/main.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        DEMO: 'false',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the API did not start');
  }, 180_000);

  afterAll(async () => {
    api?.kill('SIGTERM');
    await factory.close();
  });

  it('limits the form, together with the API login, per account', async () => {
    const email = newEmail();
    const form = () =>
      fetch(`${base}/admin/queues/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, password: 'whatever-123' }).toString(),
      });
    for (let i = 0; i < 10; i++) expect((await form()).status).toBe(401);
    for (let i = 0; i < 10; i++)
      expect(
        (await raw(base, 'POST', '/api/v1/auth/login', { body: { email, password: 'x-123' } }))
          .status,
      ).toBe(401);
    const limited = await form();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(
      (await raw(base, 'POST', '/api/v1/auth/login', { body: { email, password: 'x-123' } }))
        .status,
    ).toBe(429);
  }, 60_000);
});
