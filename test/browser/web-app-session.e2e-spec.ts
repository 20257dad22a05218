import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { eventually } from '../support/redis-server.js';
import {
  checkPage,
  describeViolations,
  login,
  newContext,
  screenshot,
  seriousViolations,
  startStackAndBrowser,
} from './support/browser.js';
import { apiAs, DEMO, DEMO_PASSWORD, type WebStack } from './support/web-stack.js';

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

  it('sends the app compressed, its assets cached for good and looked up on each request', async () => {
    const html = await fetch(`${stack.url}/tasks`, { headers: { 'accept-encoding': 'br' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(script).toBeDefined();
    // Node's fetch decodes the body itself and keeps the header: what the server chose is visible.
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      const res = await fetch(`${stack.url}${script}`, { headers: { 'accept-encoding': accept } });
      expect({ accept, status: res.status, encoding: res.headers.get('content-encoding') }).toEqual(
        {
          accept,
          status: 200,
          encoding,
        },
      );
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect((await res.text()).length).toBeGreaterThan(10_000);
    }
    // A chunk no build has (an older build's) is a 404, never the app's page in its place.
    const gone = await fetch(`${stack.url}/assets/TaskListPage-0ld0ld.js`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('reloads a tab whose page chunk is gone (a new version), and shows a Korean error page with a reload button when it stays gone', async () => {
    const { page } = await signedIn(DEMO.staff);
    let loads = 0;
    page.on('load', () => loads++);
    // The first request for the task list's chunk fails as it does after a new deployment.
    let refused = 0;
    await page.route(/\/assets\/TaskListPage-[^/]+\.js$/, async (route) => {
      if (refused++ === 0) return route.fulfill({ status: 404, body: 'gone' });
      return route.continue();
    });
    await mainMenu(page).getByRole('link', { name: '중점과제' }).click();
    await page.getByRole('heading', { level: 1, name: '중점과제' }).waitFor();
    expect(loads).toBe(1);
    expect(refused).toBe(2);

    // Gone for good: one automatic reload, then the error page instead of a blank one.
    await page.route(/\/assets\/ReportQueuePage-[^/]+\.js$/, (route) =>
      route.fulfill({ status: 404, body: 'gone' }),
    );
    await page.evaluate('sessionStorage.clear()');
    loads = 0;
    await mainMenu(page).getByRole('link', { name: '이행실적' }).click();
    await page.getByRole('heading', { level: 1, name: '화면을 표시하지 못했습니다' }).waitFor();
    expect(loads).toBe(1);
    await page.getByText('새 버전이 배포되어 화면을 새로 고쳐야 합니다.').waitFor();
    expect(await checkPage(page, 'error-page')).toEqual([]);
    await page.unroute(/\/assets\/ReportQueuePage-[^/]+\.js$/);
    await page.getByRole('button', { name: '새로 고침' }).click();
    await page.getByRole('heading', { level: 1, name: '이행실적' }).waitFor();
  }, 120_000);

  it('rings keyboard focus only, and opens each page at its top after a menu click', async () => {
    const { page } = await signedIn(DEMO.staff);
    await page.setViewportSize({ width: 1366, height: 400 });
    await page.goto('/tasks');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(
      `window.scrollTo({ top: document.body.scrollHeight, behavior: 'instant' })`,
    );
    expect(await page.evaluate('window.scrollY')).toBeGreaterThan(200);
    // Clicked where the user scrolled to (a click of Playwright's would scroll to the link first).
    await page.evaluate(
      `document.querySelector('nav[aria-label="주 메뉴"] a[href="/reports"]').click()`,
    );
    await page.getByRole('heading', { level: 1, name: '이행실적' }).waitFor();
    const after = await page.evaluate(`(() => {
      const active = document.activeElement;
      const style = getComputedStyle(active);
      return {
        focused: active.id,
        outline: style.outlineStyle,
        shadow: style.boxShadow,
        scrollY: window.scrollY,
      };
    })()`);
    // Focus moved to the content for screen readers, with no frame around the page, at the top.
    expect(after).toEqual({ focused: 'main', outline: 'none', shadow: 'none', scrollY: 0 });
    expect(await page.getByRole('navigation', { name: '현재 경로' }).first().isVisible()).toBe(
      true,
    );
    await page.setViewportSize({ width: 1366, height: 768 });

    // A button clicked with the mouse is not ringed; the same button reached by Tab is.
    const ring = () =>
      page.evaluate(`(() => {
        const style = getComputedStyle(document.activeElement);
        return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
      })()`);
    const language = page.getByRole('button', { name: /언어/ });
    await language.click();
    await page.getByRole('button', { name: /Language/ }).waitFor();
    expect(await ring()).toBe(false);
    await page.getByRole('button', { name: /Language/ }).click();
    await language.waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(`document.activeElement.getAttribute('aria-label')`)).toMatch(
      /언어/,
    );
    expect(await ring()).toBe(true);
  }, 120_000);

  it("holds a menu click away from typed text, and keeps a report's text in the browser through a reload until it is saved", async () => {
    const { rows } = await stack.db.query<{ id: string; achievements: string | null }>(
      `SELECT r.id, r.achievements FROM reports r JOIN tasks t ON t.id = r.task_id
        JOIN organisations o ON o.id = t.organisation_id
        WHERE r.state = 'DRAFT' AND t.code = '2026-01' AND o.name = '노원구' ORDER BY r.period DESC LIMIT 1`,
    );
    const report = `/reports/${rows[0].id}`;
    const { page } = await signedIn(DEMO.staff);
    page.on('dialog', (d) => void d.accept());
    await page.goto(report);
    const achievements = page.getByLabel('추진실적', { exact: true });
    const typed = `초안 ${Date.now()}: 복지버스 3회 운행`;
    await achievements.fill(typed);
    await page.getByText('작성 내용을 이 브라우저에 임시 저장했습니다', { exact: false }).waitFor();

    // A menu click is held in a dialog; "계속 작성" stays with the text.
    const menu = mainMenu(page).getByRole('link', { name: '중점과제' });
    const dialog = page.getByRole('dialog', { name: '저장하지 않은 내용이 있습니다' });
    await menu.click();
    await dialog.waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await dialog.getByRole('button', { name: '계속 작성' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe(report);
    expect(await achievements.inputValue()).toBe(typed);
    // A reload or a closed tab asks the browser's own question.
    expect(
      await page.evaluate(`(() => {
        const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      })()`),
    ).toBe(true);

    // Reloaded, the text comes back from the browser, said so, and still holds the menu.
    await page.reload();
    await page.getByText('임시 저장된 작성 내용', { exact: false }).waitFor();
    expect(await achievements.inputValue()).toBe(typed);
    expect(await checkPage(page, 'report-draft-restored')).toEqual([]);
    await menu.click();
    await dialog.getByRole('button', { name: '저장하지 않고 떠나기' }).click();
    await page.getByRole('heading', { level: 1, name: '중점과제' }).waitFor();

    // Discarded, the saved text shows; typed again and saved, no draft is offered any more.
    await page.goto(report);
    await page.getByRole('button', { name: '임시 저장 내용 버리기' }).click();
    expect(await achievements.inputValue()).toBe(rows[0].achievements ?? '');
    await achievements.fill(typed);
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await page.getByText('저장했습니다', { exact: false }).first().waitFor();
    const saved = await eventually(
      () =>
        stack.db.query<{ achievements: string }>('SELECT achievements FROM reports WHERE id = $1', [
          rows[0].id,
        ]),
      (r) => r.rows[0].achievements === typed,
    );
    expect(saved.rows[0].achievements).toBe(typed);
    await page.reload();
    await achievements.waitFor();
    expect(await achievements.inputValue()).toBe(typed);
    expect(await page.getByText('임시 저장된 작성 내용', { exact: false }).count()).toBe(0);
    await menu.click();
    await page.getByRole('heading', { level: 1, name: '중점과제' }).waitFor();
  }, 120_000);

  it("on a phone, folds the menu and the user's buttons behind one 메뉴 button", async () => {
    const context = await browser.newContext({
      baseURL: stack.url,
      viewport: { width: 390, height: 844 },
      locale: 'ko-KR',
      timezoneId: 'Asia/Seoul',
      isMobile: true,
      hasTouch: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    // Signed in as on a desktop, but the menu is folded: the 메뉴 button says the app is open.
    await page.goto('/login');
    await page.getByLabel('이메일').fill(DEMO.staff);
    await page.getByLabel('비밀번호').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('button', { name: '메뉴', exact: true }).waitFor();
    await page.goto('/tasks');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const toggle = page.getByRole('button', { name: '메뉴', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await mainMenu(page).isVisible()).toBe(false);
    // The masthead and the header together, once 290 px of an 844 px screen.
    const headerBottom = await page.evaluate(
      `document.getElementById('krds-header').getBoundingClientRect().bottom`,
    );
    expect(headerBottom).toBeLessThanOrEqual(130);
    // The filters fold under one line (once six stacked fields): the list starts on the first screen.
    await page.getByRole('table').first().waitFor();
    const tableTop = await page.evaluate(
      `document.querySelector('table').getBoundingClientRect().top + window.scrollY`,
    );
    expect(tableTop).toBeLessThan(844);
    expect(await page.getByLabel('검색어').isVisible()).toBe(false);
    expect(await checkPage(page, 'mobile-tasks')).toEqual([]);
    await page.getByText('검색 조건 (적용', { exact: false }).click();
    await page.getByLabel('검색어').waitFor();

    await toggle.click();
    const close = page.getByRole('button', { name: '메뉴 닫기' });
    expect(await close.getAttribute('aria-expanded')).toBe('true');
    await mainMenu(page).getByRole('link', { name: '이행실적' }).waitFor();
    expect(await page.getByRole('button', { name: '로그아웃' }).isVisible()).toBe(true);
    expect(await checkPage(page, 'mobile-menu-open')).toEqual([]);
    await mainMenu(page).getByRole('link', { name: '이행실적' }).click();
    await page.getByRole('heading', { level: 1, name: '이행실적' }).waitFor();
    expect(await mainMenu(page).isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  }, 120_000);

  it('shows my deadlines by month or as a list, and makes, serves and revokes an iCal feed URL', async () => {
    const { page } = await signedIn(DEMO.staff);
    // A deadline of the staff member this month: a planned milestone of a task they own.
    const { rows } = await stack.db.query<{ id: string; title: string; task: string }>(
      `SELECT m.id, m.title, t.title AS task FROM milestones m JOIN tasks t ON t.id = m.task_id
         JOIN users u ON u.id = t.owner_id
        WHERE u.email = $1 AND t.status = 'IN_PROGRESS' AND m.status = 'PLANNED' LIMIT 1`,
      [DEMO.staff],
    );
    const month = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7);
    await stack.db.query(`UPDATE milestones SET due_date = $2 WHERE id = $1`, [
      rows[0].id,
      `${month}-15`,
    ]);
    await page.goto('/');
    await page
      .getByRole('navigation', { name: /하위 메뉴/ })
      .getByRole('link', { name: '일정' })
      .click();
    await page.getByRole('heading', { level: 1, name: '일정' }).waitFor();
    const grid = page.getByRole('table', { name: /일정 \(서울 시각\)$/ });
    await grid
      .getByRole('list', { name: /^15일: \d+건$/ })
      .getByText(rows[0].title, { exact: false })
      .waitFor();
    expect(await checkPage(page, 'calendar-month')).toEqual([]);
    await page.getByRole('button', { name: '목록으로 보기' }).click();
    await page.getByRole('row').filter({ hasText: rows[0].title }).getByText('단계 기한').waitFor();
    expect(page.url()).toContain('view=list');
    await screenshot(page, 'calendar-list');

    await page.getByRole('button', { name: '구독 주소 만들기' }).click();
    const url = await page.locator('input[name="feedUrl"]').inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await fetch(`${stack.url}${new URL(url).pathname}`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain(rows[0].title);
    expect(await checkPage(page, 'calendar-feed')).toEqual([]);
    await page.getByRole('button', { name: '구독 주소 없애기' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '없앱니다' }).click();
    await page.getByText('구독 주소를 없앴습니다.', { exact: false }).waitFor();
    expect((await fetch(`${stack.url}${new URL(url).pathname}`)).status).toBe(404);
  }, 120_000);

  it('lets the head add a member found by name and a partner department from the list, with no ids typed', async () => {
    const { page } = await signedIn(DEMO.head);
    const {
      rows: [task],
    } = await stack.db.query<{ id: string; owner_id: string }>(
      `SELECT t.id, t.owner_id FROM tasks t JOIN users h ON h.department_id = t.lead_department_id
        WHERE h.email = $1 AND t.status = 'IN_PROGRESS' ORDER BY t.code LIMIT 1`,
      [DEMO.head],
    );
    const {
      rows: [person],
    } = await stack.db.query<{ id: string; name: string; dept: string }>(
      `SELECT u.id, u.name, d.name AS dept FROM users u JOIN departments d ON d.id = u.department_id
         JOIN users h ON h.organisation_id = u.organisation_id AND h.email = $1
        WHERE u.active AND u.id <> $3
          AND u.id NOT IN (SELECT user_id FROM task_members WHERE task_id = $2)
        ORDER BY u.name LIMIT 1`,
      [DEMO.head, task.id, task.owner_id],
    );
    await page.goto(`/tasks/${task.id}`);
    const section = page.getByRole('region', { name: '참여자와 협업부서' });
    await section.locator('input[name="memberSearch"]').fill(person.name);
    await section
      .getByRole('button', { name: `${person.name} (${person.dept}) 참여자로 추가` })
      .click();
    await page.getByText(`${person.name}님을 참여자로 추가했습니다.`).waitFor();
    await section.getByRole('list', { name: '참여자' }).getByText(person.name).waitFor();
    expect(await checkPage(page, 'task-people')).toEqual([]);

    const select = section.locator('select[name="partnerDepartment"]');
    const partner = (await select.locator('option').nth(1).textContent())!.trim();
    await select.selectOption({ index: 1 });
    await section.getByRole('button', { name: '협업부서 추가' }).click();
    await page.getByText(`${partner}을(를) 협업부서로 추가했습니다.`).waitFor();
    await section.getByRole('button', { name: `참여자에서 ${person.name} 빼기` }).click();
    await page.getByText(`${person.name}님을 참여자에서 뺐습니다.`).waitFor();

    const members = await stack.db.query(
      'SELECT 1 FROM task_members WHERE task_id = $1 AND user_id = $2',
      [task.id, person.id],
    );
    expect(members.rowCount).toBe(0);
    const partners = await stack.db.query<{ name: string }>(
      `SELECT d.name FROM task_partner_departments p JOIN departments d ON d.id = p.department_id
        WHERE p.task_id = $1`,
      [task.id],
    );
    expect(partners.rows.map((r) => r.name)).toContain(partner);
    // The history names who and which department, never an id.
    await page.reload();
    const history = page.getByRole('region', { name: '변경 이력' });
    await history.getByText(`참여자: ${person.name}`).first().waitFor();
    await history.getByText(`협업부서: ${partner}`).first().waitFor();
    expect(await history.getByText(/[0-9a-f]{8}-?[0-9a-f]{4}|[0-9a-f]{8}…/).count()).toBe(0);
  }, 120_000);
  it('lets the office edit criteria, the grade table and reminder days as forms, told next to the field what the server refuses', async () => {
    const { page } = await signedIn(DEMO.office);
    const stored = async () =>
      (
        await stack.db.query<{ key: string; value: unknown }>(
          `SELECT s.key, s.value FROM organisation_settings s JOIN users u
              ON u.organisation_id = s.organisation_id
            WHERE u.email = $1 AND s.key IN ('evaluations.criteria', 'notifications.reportDueDays')`,
          [DEMO.office],
        )
      ).rows;
    const before = await stored();
    await page.goto('/admin/settings');
    const criteria = page.getByRole('group', { name: '평가 항목과 배점(합계 100)' });
    await criteria.waitFor();
    const weights = criteria.getByRole('textbox', { name: /행 배점$/ });
    const count = await weights.count();
    expect(count).toBeGreaterThan(1);
    // A new criterion with 10 points: the running total says it is over 100 before saving.
    await criteria.getByRole('button', { name: '평가 항목 추가' }).click();
    await criteria.getByRole('textbox', { name: `${count + 1}행 평가 항목` }).fill('협업');
    await criteria.getByRole('textbox', { name: `${count + 1}행 배점` }).fill('10');
    await criteria.getByText('110점').waitFor();
    await criteria.getByText('(합계는 100점이어야 합니다)').waitFor();
    const reminders = page.getByRole('group', { name: '이행실적 제출 기한 알림(근무일 전)' });
    await reminders.getByRole('textbox').fill('7, 3, 1');
    await page.getByRole('button', { name: '설정 저장' }).click();
    // The server refuses the total, named under the table; nothing is saved (the days neither).
    await criteria.getByRole('alert').getByText('100', { exact: false }).waitFor();
    expect(await checkPage(page, 'settings-structured-invalid')).toEqual([]);
    expect(await stored()).toEqual(before);

    // Take 10 points from the first criterion: 100 again, and both are saved.
    const first = Number(await weights.first().inputValue());
    await weights.first().fill(String(first - 10));
    await criteria.getByText('100점').waitFor();
    await page.getByRole('button', { name: '설정 저장' }).click();
    await page.getByText('설정 2개를 저장했습니다.').waitFor();
    const saved = Object.fromEntries((await stored()).map((r) => [r.key, r.value]));
    expect(saved['notifications.reportDueDays']).toEqual([7, 3, 1]);
    expect(saved['evaluations.criteria']).toContainEqual(
      expect.objectContaining({ label: '협업', weight: 10 }),
    );

    // The grade table: the last band takes everyone left, a new band goes before it.
    const grades = page.getByRole('group', { name: /^등급표/ });
    await grades.getByText('나머지 모두').waitFor();
    await grades.getByRole('button', { name: '등급 추가' }).click();
    expect(await checkPage(page, 'settings-structured')).toEqual([]);
  }, 120_000);
  it("lets the office choose a round's scorers among the sitting committee members by name, no ids typed", async () => {
    const office = await apiAs(stack, DEMO.office);
    const round = await office.call('POST', '/api/v1/evaluation-rounds', {
      kind: 'SECOND_HALF',
      year: 2026,
      title: '2026 하반기 적극행정 우수공무원 선발',
      nominationsOpen: '2026-09-01',
      nominationsClose: '2026-09-20',
      scoringDue: '2026-10-05',
      resolutionDate: '2026-10-12',
    });
    const sitting: Array<{ userId: string; name: string }> = (
      await office.call('GET', '/api/v1/committee')
    ).members;
    expect(sitting.length).toBeGreaterThan(1);
    const { page } = await signedIn(DEMO.office);
    await page.goto(`/evaluations/${round.id}`);
    await page.getByRole('button', { name: '평가위원 지정' }).click();
    const dialog = page.getByRole('dialog', { name: '평가위원 지정' });
    const group = dialog.getByRole('group', { name: '평가위원' });
    const box = (name: string) => group.getByRole('checkbox', { name: new RegExp(`^${name} \\(`) });
    for (const { name } of sitting) await box(name).waitFor();
    // Nothing asks for a user id, and no id is shown.
    expect(await dialog.getByText(/ID|[0-9a-f]{8}-[0-9a-f]{4}/).count()).toBe(0);
    expect(await dialog.locator('input[type="text"], input:not([type])').count()).toBe(0);
    // A new round starts with the sitting members; one of them is taken off.
    expect(await box(sitting[0].name).isChecked()).toBe(
      round.memberIds.includes(sitting[0].userId),
    );
    // KRDS draws the box on the label: a user clicks the label.
    await group.locator('label', { hasText: sitting[0].name }).click();
    expect(await box(sitting[0].name).isChecked()).toBe(false);
    expect(await checkPage(page, 'round-members')).toEqual([]);
    await dialog.getByRole('button', { name: '위원 저장' }).click();
    await page.getByText('평가위원을 저장했습니다.').waitFor();
    const saved = await office.call('GET', `/api/v1/evaluation-rounds/${round.id}`);
    expect([...saved.memberIds].sort()).toEqual(
      round.memberIds.filter((id: string) => id !== sitting[0].userId).sort(),
    );
    expect(saved.memberIds.length).toBeGreaterThan(0);
  }, 120_000);
  it("lets the head re-plan a running task's milestone with a date picker", async () => {
    const {
      rows: [m],
    } = await stack.db.query<{
      id: string;
      task_id: string;
      title: string;
      due: string;
      end: string;
    }>(
      `SELECT m.id, m.task_id, m.title, to_char(m.due_date, 'YYYY-MM-DD') AS due,
              to_char(t.due_date, 'YYYY-MM-DD') AS end
         FROM milestones m JOIN tasks t ON t.id = m.task_id
         JOIN users h ON h.department_id = t.lead_department_id AND h.email = $1
        WHERE t.status = 'IN_PROGRESS' AND m.status = 'PLANNED' AND m.due_date < t.due_date
        ORDER BY t.code, m.due_date LIMIT 1`,
      [DEMO.head],
    );
    const { page } = await signedIn(DEMO.head);
    await page.goto(`/tasks/${m.task_id}`);
    await page.getByRole('button', { name: `「${m.title}」 단계 수정` }).click();
    const date = page.locator('input[name="dueDate"]');
    expect(await date.getAttribute('type')).toBe('date');
    await date.fill(m.end);
    await page
      .getByRole('dialog', { name: `단계 수정: ${m.title}` })
      .getByRole('button', { name: '저장', exact: true })
      .click();
    await page.getByText('단계를 저장했습니다.').waitFor();
    const after = await stack.db.query<{ due: string }>(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM milestones WHERE id = $1`,
      [m.id],
    );
    expect(after.rows[0].due).toBe(m.end);
    expect(await checkPage(page, 'milestone-replanned')).toEqual([]);
  }, 120_000);
});
