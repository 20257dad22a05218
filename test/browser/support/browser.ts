import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { DEMO_PASSWORD, startWebStack, type WebStack } from './web-stack.js';

/** Screenshots of every page the browser tests visit: kept as the run's artefacts. */
export const SCREENSHOT_DIR = join('test-results', 'screenshots');

const AXE = readFileSync(join('node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Debian's Chromium (installed by .ci/run), headless and offline. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The stack and the browser, started side by side. When one fails the other is stopped before the
 * error goes on: a suite whose beforeAll throws never gets to assign them, so its afterAll could not.
 */
export async function startStackAndBrowser(): Promise<[WebStack, Browser]> {
  const [stack, browser] = await Promise.allSettled([startWebStack(), launchBrowser()]);
  if (stack.status === 'fulfilled' && browser.status === 'fulfilled')
    return [stack.value, browser.value];
  if (stack.status === 'fulfilled') await stack.value.stop();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw stack.status === 'rejected' ? stack.reason : (browser as PromiseRejectedResult).reason;
}

/** A laptop-sized window (1366×768) in Korean, as the users have. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 768 },
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.getByRole('navigation', { name: '주 메뉴' }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // After the page's CSS transitions end: a KRDS button fading back from busy has, mid-transition,
  // colours no one reads (a false contrast finding that came and went between runs).
  await page
    .waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { getAnimations(): unknown[] } }
        ).document.getAnimations().length === 0,
      undefined,
      { timeout: 3_000 },
    )
    .catch(() => undefined);
  // Evaluated in the page (this file is type-checked without the DOM library).
  // Evaluated, not added as an inline <script>: the app's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run: (ctx: unknown, options: object) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    // Only violations are read: axe then skips collecting the nodes of passed and other results.
    return (await g.axe.run(g.document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Readable list of violations for a failing expectation. */
export const describeViolations = (vs: AxeViolation[]) =>
  vs.map(
    (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );

/** A full-page screenshot named after the step (names are unique across the browser suites). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Waits until no loading indicator is left on the page; one still there after the timeout fails. */
export async function loaded(page: Page): Promise<void> {
  await page
    .locator('.gw-loading')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => {
      throw new Error(`${page.url()} is still loading (a .gw-loading indicator remains)`);
    });
}

/**
 * Visit-check of a page: waits until it has rendered its h1 and no loading indicator remains,
 * takes its screenshot and returns axe's serious/critical violations (expected to be none).
 */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await loaded(page);
  await screenshot(page, name);
  return describeViolations(await seriousViolations(page));
}

/**
 * How the web app shows a failure: ErrorState (a load that failed, with the API's message), the
 * form's problem summary and the conflict warning — all `role="alert"` — and the danger banners.
 */
const errorBanners = (page: Page): Locator =>
  page.locator('[role="alert"], .gw-alert--danger').filter({ visible: true });

/** Fails, quoting them, when the page shows an error banner (after it has finished loading). */
export async function expectNoErrorBanner(page: Page): Promise<void> {
  await loaded(page);
  const shown = await errorBanners(page).allInnerTexts();
  if (shown.length > 0) {
    throw new Error(
      `${page.url()} shows an error banner: ${shown.map((t) => JSON.stringify(t.trim())).join(', ')}`,
    );
  }
}

/**
 * Waits for content the page shows only when it loaded its data; an error banner shown instead
 * fails at once with its text, and content that never comes fails naming what was expected.
 */
export async function expectContent(page: Page, content: Locator): Promise<void> {
  try {
    await content.or(errorBanners(page)).first().waitFor({ state: 'visible' });
  } catch {
    await expectNoErrorBanner(page);
    throw new Error(`${page.url()} does not show ${String(content)}`);
  }
  if (!(await content.first().isVisible())) await expectNoErrorBanner(page);
  await content.first().waitFor({ state: 'visible' });
}
