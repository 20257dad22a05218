import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { login, newContext, startStackAndBrowser } from './support/browser.js';
import { DEMO, type WebStack } from './support/web-stack.js';

/**
 * The session as a user lives it (SECURITY.md "Accounts and sessions", issue 18): signed in once,
 * every tab, bookmark and e-mail link of the browser is signed in; a refresh that hit the rate limit
 * or a network error is tried again instead of ending the session; signing out in one tab signs out
 * all of them. The refresh token is an HttpOnly cookie no script of the page can read.
 */
describe('web app session across tabs', () => {
  let stack: WebStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [stack, browser] = await startStackAndBrowser();
  }, 240_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  /** A browser profile (cookies, storage) of its own, signed in as `email` in its first tab. */
  const signedIn = async (email: string, setup?: (context: BrowserContext) => Promise<void>) => {
    const context = await newContext(browser, stack.url);
    contexts.push(context);
    await setup?.(context);
    const page = await context.newPage();
    await login(page, email);
    return { context, page };
  };

  const mainMenu = (page: Page) => page.getByRole('navigation', { name: '주 메뉴' });
  const loginForm = (page: Page) => page.getByRole('button', { name: '로그인' });
  /** Where the page ends up: the signed-in app or the login form. */
  const settled = async (page: Page): Promise<'app' | 'login'> => {
    await mainMenu(page).or(loginForm(page)).first().waitFor();
    return (await mainMenu(page).isVisible()) ? 'app' : 'login';
  };

  it('opens a second tab, a deep link and a reload signed in, with no token where scripts can read it', async () => {
    const { context, page } = await signedIn(DEMO.staff);
    const cookies = await context.cookies();
    const refresh = cookies.find((c) => c.name === 'gwaje_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });

    const second = await context.newPage();
    await second.goto('/tasks');
    expect(await settled(second)).toBe('app');
    expect(new URL(second.url()).pathname).toBe('/tasks');
    await second.getByRole('heading', { level: 1 }).waitFor();

    await page.reload();
    expect(await settled(page)).toBe('app');

    // With no tab left to hand it a token, a bookmark opened later gets one from the cookie.
    await second.close();
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.goto('/notifications');
    expect((await refreshed).status()).toBe(200);
    expect(await settled(page)).toBe('app');

    // Nothing a script of the page could steal: no cookie it can read, nothing token-like stored.
    // Evaluated in the page (this file is type-checked without the DOM library).
    const readable = await page.evaluate(() => {
      interface Store {
        length: number;
        key(i: number): string | null;
        getItem(key: string | null): string | null;
      }
      const g = globalThis as unknown as {
        document: { cookie: string };
        localStorage: Store;
        sessionStorage: Store;
      };
      const dump = (s: Store) =>
        Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i))}`);
      return [g.document.cookie, ...dump(g.localStorage), ...dump(g.sessionStorage)].join('\n');
    });
    expect(readable).not.toContain(refresh!.value);
    expect(readable).not.toMatch(/refreshToken|accessToken/);
  }, 120_000);

  it('keeps the user signed in when a refresh is answered 429 or fails on the network', async () => {
    const { context, page } = await signedIn(DEMO.head);
    // No open tab to hand the new ones a token: they refresh from the cookie.
    await page.close();
    const refreshes: string[] = [];
    const failFirst =
      (how: '429' | 'network') =>
      async (route: Route): Promise<void> => {
        refreshes.push(how);
        if (refreshes.filter((r) => r === how).length > 1) return route.continue();
        if (how === 'network') return route.abort('connectionreset');
        return route.fulfill({
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '1' },
          body: JSON.stringify({
            statusCode: 429,
            code: 'RATE_LIMITED',
            message: '요청이 너무 많습니다.',
            details: [],
            requestId: 'test-429',
          }),
        });
      };

    for (const how of ['429', 'network'] as const) {
      const tab = await context.newPage();
      await tab.route('**/api/v1/auth/refresh', failFirst(how));
      await tab.goto('/reports');
      expect(await settled(tab)).toBe('app');
      expect(new URL(tab.url()).pathname).toBe('/reports');
      expect(refreshes.filter((r) => r === how).length).toBeGreaterThanOrEqual(2);
      await tab.close();
    }
  }, 120_000);

  it('signs every tab out when one tab signs out', async () => {
    const { context, page } = await signedIn(DEMO.auditor);
    const other = await context.newPage();
    await other.goto('/consultations');
    expect(await settled(other)).toBe('app');

    await page.getByRole('button', { name: '로그아웃' }).click();
    await loginForm(page).waitFor();
    // The other tab, untouched, goes to the login page by itself.
    await loginForm(other).waitFor();
    expect(new URL(other.url()).pathname).toBe('/login');
    // And stays signed out when reloaded: the cookie is gone.
    expect((await context.cookies()).find((c) => c.name === 'gwaje_refresh')).toBeUndefined();
    await other.goto('/tasks');
    expect(await settled(other)).toBe('login');
  }, 120_000);

  it.each([
    ['with the Web Locks API', false],
    ['without it (plain-HTTP intranet: the localStorage lease)', true],
  ])(
    'opens several tabs at once %s without two of them spending the same refresh token',
    async (_name, withoutLocks) => {
      const { context } = await signedIn(DEMO.office, async (c) => {
        // Web Locks exist only in secure contexts: a plain-HTTP intranet address has none.
        if (withoutLocks) {
          await c.addInitScript(() => {
            const { navigator } = globalThis as unknown as { navigator: object };
            delete (Object.getPrototypeOf(navigator) as { locks?: unknown }).locks;
          });
        }
      });
      // No open tab to hand the new ones a token: all three refresh from the cookie. The first
      // refreshes are held back together (up to all three, or 2 s), so the tabs' requests overlap
      // however their page loads are spread: a tab that waits for another's refresh sends none.
      await Promise.all(context.pages().map((p) => p.close()));
      const held: Route[] = [];
      let gate: Promise<void> | undefined;
      await context.route('**/api/v1/auth/refresh', async (route) => {
        if (held.length >= 3) return route.continue();
        held.push(route);
        gate ??= new Promise((r) => setTimeout(r, 2_000));
        if (held.length < 3) await gate;
        await route.continue();
      });
      const tabs = await Promise.all([1, 2, 3].map(() => context.newPage()));
      const answers: number[] = [];
      for (const tab of tabs) {
        tab.on('response', (r) => {
          if (r.url().endsWith('/api/v1/auth/refresh')) answers.push(r.status());
        });
      }
      await Promise.all(tabs.map((tab, i) => tab.goto(['/tasks', '/reports', '/dashboards'][i])));
      expect(await Promise.all(tabs.map(settled))).toEqual(['app', 'app', 'app']);
      // A reused refresh token would have ended the session (401 REFRESH_TOKEN_REUSED).
      expect(answers.length).toBeGreaterThanOrEqual(1);
      expect(answers.filter((s) => s !== 200)).toEqual([]);
      const later = await context.newPage();
      await later.goto('/');
      expect(await settled(later)).toBe('app');
    },
    120_000,
  );

  it('serves the API docs and the app under a CSP without inline scripts, with no violation', async () => {
    const context = await newContext(browser, stack.url);
    contexts.push(context);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const docs = await page.goto('/api/docs');
    expect(docs?.headers()['content-security-policy']).not.toMatch(
      /script-src[^;]*'unsafe-inline'/,
    );
    await page.getByText('Gwaje API').first().waitFor();
    await page.goto('/login');
    await loginForm(page).waitFor();
    expect(violations).toEqual([]);
  }, 120_000);
});
