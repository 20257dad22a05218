import type { Browser, Page } from 'playwright-core';
import {
  checkPage,
  expectContent,
  login,
  newContext,
  startStackAndBrowser,
} from './support/browser.js';
import { DEMO, DEMO_PASSWORD, type WebStack } from './support/web-stack.js';

/**
 * 통합 검색 in the browser, on the demo data: the header's search box (a search landmark with a
 * labelled field) opens the results page, grouped by kind with links to each record; each person
 * finds only what they may read; a query too short is named next to the field; on a phone the box
 * folds behind 메뉴. Every page visited passes axe-core (desktop and phone screenshots kept).
 */
describe('global search in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  const BOKJI_BUS = "찾아가는 복지상담 '노원 복지버스' 운영"; // 복지정책과's task, the staff member's
  const FOOD_TRUCK = '공원 내 푸드트럭 영업 허가 절차'; // 복지정책과's draft pre-consultation
  const FOUNTAIN = '당현천 음악분수 개선'; // 공원녹지과's task: not the staff member's to read

  const pageAs = async (email: string): Promise<Page> => {
    const page = await (await newContext(browser, stack.url)).newPage();
    await login(page, email);
    return page;
  };
  const headerSearch = (page: Page) =>
    page.getByRole('search', { name: '통합 검색' }).getByRole('searchbox', { name: '통합 검색' });
  const results = (page: Page) => page.getByRole('main');

  beforeAll(async () => {
    [stack, browser] = await startStackAndBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('searches from the header with the keyboard and opens a hit', async () => {
    const page = await pageAs(DEMO.staff);
    await page.goto('/tasks');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await headerSearch(page).focus();
    await page.keyboard.type('복지버스');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('복지버스');
    const group = results(page).getByRole('region', { name: '중점과제 1건' });
    await expectContent(page, group.getByRole('link', { name: new RegExp(BOKJI_BUS) }));
    // The count is announced (a status region), and the page's own field holds the query.
    await page
      .getByRole('status')
      .filter({ hasText: /“복지버스” 검색 결과 \d+건/ })
      .waitFor();
    expect(await page.getByRole('searchbox', { name: '검색어' }).inputValue()).toBe('복지버스');
    await group.getByText('제목 일치').waitFor();
    expect(await checkPage(page, 'search-results')).toEqual([]);

    // Keyboard: the hit's link takes focus and opens with Enter.
    await group.getByRole('link', { name: new RegExp(BOKJI_BUS) }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: BOKJI_BUS }).waitFor();
    await page.context().close();
  }, 120_000);

  it('groups the kinds and finds text, within what each person may read', async () => {
    const staff = await pageAs(DEMO.staff);
    await staff.goto(`/search?q=${encodeURIComponent('푸드트럭')}`);
    const consultations = results(staff).getByRole('region', { name: /^사전컨설팅 \d+건$/ });
    await expectContent(staff, consultations.getByRole('link', { name: FOOD_TRUCK }));

    // Text only: an excerpt around the words found.
    await staff.goto(`/search?q=${encodeURIComponent('사각지대 주거지')}`);
    const tasks = results(staff).getByRole('region', { name: /^중점과제 \d+건$/ });
    await expectContent(staff, tasks.getByRole('link', { name: new RegExp(BOKJI_BUS) }));
    await tasks.getByText('본문 일치').first().waitFor();
    expect(await tasks.locator('.gw-search-snippet').first().innerText()).toContain(
      '사각지대 주거지',
    );

    // 공원녹지과's task: the staff member finds only their department's consultation about it,
    // the auditor the task too.
    await staff.goto(`/search?q=${encodeURIComponent('음악분수')}`);
    await expectContent(
      staff,
      results(staff)
        .getByRole('region', { name: /^사전컨설팅 \d+건$/ })
        .getByRole('link', { name: /음악분수/ }),
    );
    expect(
      await results(staff)
        .getByRole('region', { name: /^중점과제/ })
        .count(),
    ).toBe(0);
    expect(
      await results(staff)
        .getByRole('link', { name: new RegExp(FOUNTAIN) })
        .count(),
    ).toBe(0);
    await staff.goto(`/search?q=${encodeURIComponent('없는 검색어입니다')}`);
    await expectContent(staff, staff.getByText('“없는 검색어입니다”에 맞는 기록이 없습니다.'));
    expect(await checkPage(staff, 'search-nothing')).toEqual([]);
    await staff.context().close();

    const auditor = await pageAs(DEMO.auditor);
    await auditor.goto(`/search?q=${encodeURIComponent('음악분수')}`);
    await expectContent(
      auditor,
      results(auditor)
        .getByRole('region', { name: /^중점과제 \d+건$/ })
        .getByRole('link', { name: new RegExp(FOUNTAIN) }),
    );
    await auditor.context().close();
  }, 120_000);

  it('names a query that is too short next to the field', async () => {
    const page = await pageAs(DEMO.staff);
    await page.goto('/search');
    await page.getByRole('heading', { level: 1, name: '통합 검색' }).waitFor();
    const field = page.getByRole('searchbox', { name: '검색어' });
    await field.fill(' 복 ');
    await results(page).getByRole('button', { name: '검색', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '검색어를 2자 이상 입력하세요.' }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // Nothing was searched: the URL has no query.
    expect(new URL(page.url()).search).toBe('');
    expect(await checkPage(page, 'search-too-short')).toEqual([]);

    // A too-short query in the URL (a typed address) says the same.
    await page.goto('/search?q=a');
    await page.getByRole('alert').filter({ hasText: '2자 이상' }).waitFor();
    await page.context().close();
  }, 120_000);

  it('on a phone, the box folds behind 메뉴 and still searches', async () => {
    const context = await browser.newContext({
      baseURL: stack.url,
      viewport: { width: 390, height: 844 },
      locale: 'ko-KR',
      timezoneId: 'Asia/Seoul',
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('이메일').fill(DEMO.staff);
    await page.getByLabel('비밀번호').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    const toggle = page.getByRole('button', { name: '메뉴', exact: true });
    await toggle.waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await headerSearch(page).isVisible()).toBe(false);
    // The header stays one row under the masthead.
    const headerBottom = await page.evaluate(
      `document.getElementById('krds-header').getBoundingClientRect().bottom`,
    );
    expect(headerBottom).toBeLessThanOrEqual(130);

    await toggle.click();
    await headerSearch(page).fill('푸드트럭');
    await headerSearch(page).press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await expectContent(page, results(page).getByRole('link', { name: FOOD_TRUCK }));
    // A navigation folds the menu again.
    await page.locator('#krds-header[data-menu="closed"]').waitFor();
    expect(await headerSearch(page).isVisible()).toBe(false);
    expect(await checkPage(page, 'search-mobile')).toEqual([]);
    await context.close();
  }, 120_000);
});
