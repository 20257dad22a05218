import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './web-stack.js';

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
  // Evaluated in the page (this file is type-checked without the DOM library).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run: (ctx: unknown) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    return (await g.axe.run(g.document)).violations;
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

/**
 * Visit-check of a page: waits until it has rendered its h1 and no loading indicator remains,
 * takes its screenshot and returns axe's serious/critical violations (expected to be none).
 */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page
    .locator('.gw-loading')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await screenshot(page, name);
  return describeViolations(await seriousViolations(page));
}
