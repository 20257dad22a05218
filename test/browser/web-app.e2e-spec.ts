import type { Browser, Page } from 'playwright-core';
import { checkPage, launchBrowser, login, newContext } from './support/browser.js';
import { DEMO, startWebStack, type WebStack } from './support/web-stack.js';

/**
 * The web app in Debian's Chromium, served by the built API with the demo data: every page renders
 * for the roles that use it with no serious accessibility violation (axe-core), and the screenshots
 * of each are kept in test-results/screenshots.
 */
describe('web app in a real browser', () => {
  let stack: WebStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  const pageAs = async (email: string): Promise<Page> => {
    const page = await (await newContext(browser, stack.url)).newPage();
    await login(page, email);
    return page;
  };

  it('asks for a login first, says why a login failed, and comes back to the page asked for', async () => {
    const page = await (await newContext(browser, stack.url)).newPage();
    await page.goto('/tasks');
    await page.waitForURL('**/login');
    expect(await checkPage(page, 'login')).toEqual([]);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');

    await page.getByLabel('이메일').fill(DEMO.staff);
    await page.getByLabel('비밀번호').fill('wrong-password-1');
    await page.getByRole('button', { name: '로그인' }).click();
    await expectVisible(page.getByRole('alert').first());

    await page.getByLabel('비밀번호').fill('gwaje-demo-2026!');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.waitForURL('**/tasks');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.context().close();
  }, 120_000);

  it('switches to English and back, everywhere at once', async () => {
    const page = await pageAs(DEMO.staff);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectVisible(page.getByRole('link', { name: 'Tasks', exact: true }));
    await page.getByRole('button', { name: /한국어/ }).click();
    await page.getByRole('navigation', { name: '주 메뉴' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.context().close();
  }, 120_000);

  const TOUR: Array<[string, keyof typeof DEMO, string]> = [
    ['my-work-staff', 'staff', '/'],
    ['tasks', 'staff', '/tasks'],
    ['reports-staff', 'staff', '/reports'],
    ['consultations-staff', 'staff', '/consultations'],
    ['consultation-new', 'head', '/consultations/new'],
    ['notifications', 'staff', '/notifications'],
    ['dashboards-staff', 'staff', '/dashboards'],
    ['my-work-auditor', 'auditor', '/'],
    ['reports-auditor', 'auditor', '/reports'],
    ['consultations-auditor', 'auditor', '/consultations'],
    ['dashboards-auditor', 'auditor', '/dashboards'],
    ['evaluations', 'office', '/evaluations'],
    ['admin', 'office', '/admin'],
    ['my-work-committee', 'committee', '/'],
  ];

  it.each(TOUR)(
    'page %s renders for %s with no serious accessibility violation',
    async (name, who, path) => {
      const page = await pageAs(DEMO[who]);
      await page.goto(path);
      expect(await checkPage(page, name)).toEqual([]);
      await page.context().close();
    },
    120_000,
  );
});

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}
