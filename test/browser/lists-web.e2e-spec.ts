import type { Browser, Locator, Page } from 'playwright-core';
import {
  checkPage,
  expectNoErrorBanner,
  login,
  newContext,
  screenshot,
  startStackAndBrowser,
} from './support/browser.js';
import { DEMO, type WebStack } from './support/web-stack.js';

/**
 * The lists as OpenProject/Redmine users expect them (issue 23), in Chromium with the demo data:
 * sorting by clicking a column header (the server's order, aria-sort on the header cell), saved
 * views saved and applied, the queues' exports carrying the filters on screen, the office's bulk
 * selection beside the sortable headers, no serious accessibility violation, desktop and phone.
 */
describe('lists in the browser: sortable headers, saved views, exports', () => {
  let stack: WebStack;
  let browser: Browser;
  const pages: Partial<Record<keyof typeof DEMO, Page>> = {};

  beforeAll(async () => {
    [stack, browser] = await startStackAndBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  const pageAs = async (who: keyof typeof DEMO): Promise<Page> => {
    if (!pages[who]) {
      const page = await (await newContext(browser, stack.url)).newPage();
      await login(page, DEMO[who]);
      pages[who] = page;
    }
    return pages[who];
  };

  const header = (table: Locator, name: string) =>
    table.locator('th', { has: table.page().getByRole('button', { name, exact: true }) });
  /** The text of one column (1-based) of the table's rows. */
  const column = (table: Locator, n: number) =>
    table.locator(`tbody tr td:nth-child(${n})`).allInnerTexts();
  /** Clicks a column's sort button and waits for the list the server sorted (not the kept one). */
  const sortBy = async (table: Locator, name: string, api: RegExp) => {
    const page = table.page();
    await Promise.all([
      page.waitForResponse((r) => api.test(r.url()) && r.status() === 200),
      table.getByRole('button', { name, exact: true }).click(),
    ]);
    await page
      .locator('.gw-loading')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
  };
  const ascending = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);
  const descending = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);

  it('sorts the task list by clicking a header, on the server, with aria-sort; the office still chooses rows', async () => {
    const page = await pageAs('office');
    await page.goto('/tasks');
    const table = page.getByRole('table', { name: /^중점과제 목록/ });
    await table.locator('tbody tr').first().waitFor();
    // The office's bulk selection: the first column is the row checkbox, the code is the second.
    const codeCol = 2;
    const progressCol = 7;
    const codes = await column(table, codeCol);
    expect(codes.length).toBeGreaterThan(2);
    expect(ascending(codes)).toBe(true);
    expect(await header(table, '코드').getAttribute('aria-sort')).toBe('ascending');
    expect(await header(table, '진척도').getAttribute('aria-sort')).toBe('none');
    // No sort select any more: the headers are the one way to sort.
    expect(await page.locator('select[name="sort"]').count()).toBe(0);

    await sortBy(table, '코드', /\/api\/v1\/tasks\?.*order=desc/);
    await page.waitForURL(/[?&]order=desc/);
    await expectNoErrorBanner(page);
    const reversed = await column(table, codeCol);
    expect(descending(reversed)).toBe(true);
    expect(reversed[0]).not.toBe(codes[0]);
    expect(await header(table, '코드').getAttribute('aria-sort')).toBe('descending');

    await sortBy(table, '진척도', /\/api\/v1\/tasks\?.*sort=progress/);
    await page.waitForURL(/[?&]sort=progress/);
    await expect_(
      async () => (await header(table, '진척도').getAttribute('aria-sort')) === 'ascending',
    );
    await page
      .locator('.gw-loading')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    // A task without a progress figure (–) comes last (NULLS LAST): the figures before it rise.
    const percents = (await column(table, progressCol))
      .filter((p) => /\d/.test(p))
      .map((p) => Number(p.replace(/[^\d.]/g, '')));
    expect(percents.length).toBeGreaterThan(1);
    expect(percents.every((p, i) => i === 0 || percents[i - 1] <= p)).toBe(true);
    expect(await header(table, '코드').getAttribute('aria-sort')).toBe('none');

    // Bulk selection beside the sortable headers: the header's checkbox chooses the page's rows.
    // The sorted page may still be settling (a refetch re-renders the rows and resets a choice
    // made meanwhile): wait for the network to rest, then check until the page's rows are chosen.
    await page.waitForLoadState('networkidle');
    const all = page.getByRole('checkbox', { name: /^이 페이지의 과제 \d+건 모두 선택$/ });
    const rows = await table.locator('tbody tr').count();
    await expect_(async () => {
      if (!(await all.isChecked())) await all.check({ force: true }).catch(() => undefined);
      return (await page.locator('tbody input[type="checkbox"]:checked').count()) === rows;
    });
    await all.uncheck({ force: true });

    expect(await checkPage(page, 'lists-tasks-sorted-office')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'lists-tasks-sorted-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
  }, 180_000);

  it('saves the current filters as a view shared by the office, and a colleague applies it', async () => {
    const office = await pageAs('office');
    await office.goto('/tasks?risk=HIGH&sort=dueDate&order=desc');
    await office
      .getByRole('table', { name: /^중점과제 목록/ })
      .or(office.getByText('조건에 맞는'))
      .first()
      .waitFor();
    await office.getByRole('button', { name: '현재 조건 저장' }).click();
    const dialog = office.getByRole('dialog', { name: '현재 조건을 보기로 저장' });
    await dialog.locator('input[name="name"]').fill('위험 높은 과제(기한 늦은 순)');
    // KRDS draws the box on the label, which takes the click.
    await dialog.getByText('기관 전체에 공유', { exact: true }).click();
    expect(await dialog.getByRole('checkbox', { name: '기관 전체에 공유' }).isChecked()).toBe(true);
    expect(await checkPage(office, 'lists-save-view-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: '저장', exact: true }).click();
    await office.getByText('“위험 높은 과제(기한 늦은 순)” 보기를 저장했습니다.').waitFor();
    const { rows } = await stack.db.query<{ query: string; shared: boolean }>(
      `SELECT query, shared FROM saved_views WHERE name = '위험 높은 과제(기한 늦은 순)'`,
    );
    expect(rows).toEqual([{ query: 'risk=HIGH&sort=dueDate&order=desc', shared: true }]);

    // A colleague of the organisation starts from the plain list and applies the shared view.
    const staff = await pageAs('staff');
    await staff.goto('/tasks');
    const table = staff.getByRole('table', { name: /^중점과제 목록/ });
    await table.locator('tbody tr').first().waitFor();
    await staff
      .locator('select[name="savedView"]')
      .selectOption({ label: '위험 높은 과제(기한 늦은 순) (공유)' });
    // Not the author: no delete button for this one.
    expect(await staff.getByRole('button', { name: '보기 삭제' }).count()).toBe(0);
    await staff.getByRole('button', { name: '보기 적용' }).click();
    await staff.waitForURL(/risk=HIGH/);
    const url = new URL(staff.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      risk: 'HIGH',
      sort: 'dueDate',
      order: 'desc',
    });
    expect(await staff.locator('select[name="risk"]').inputValue()).toBe('HIGH');
    await staff.getByText('“위험 높은 과제(기한 늦은 순)” 보기를 적용했습니다.').waitFor();
    const applied = staff.getByRole('table', { name: /^중점과제 목록/ });
    if (await applied.count()) {
      expect(await header(applied, '완료 예정일').getAttribute('aria-sort')).toBe('descending');
    }
    expect(await checkPage(staff, 'lists-view-applied-staff')).toEqual([]);
  }, 180_000);

  it('sorts the report queue by a header and exports what it shows, filters included', async () => {
    const page = await pageAs('auditor');
    await page.goto('/reports?f=1&state=SUBMITTED,ACCEPTED,DRAFT,RETURNED&sort=dueDate&order=asc');
    const table = page.getByRole('table', { name: /^이행실적 목록/ });
    await table.locator('tbody tr').first().waitFor();
    expect(await header(table, '제출 기한').getAttribute('aria-sort')).toBe('ascending');
    await sortBy(table, '보고 기간', /\/api\/v1\/reports\?.*sort=period/);
    await page.waitForURL(/sort=period/);
    await expect_(
      async () => (await header(table, '보고 기간').getAttribute('aria-sort')) === 'ascending',
    );
    await page
      .locator('.gw-loading')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    const periods = await column(table, 3);
    expect(ascending(periods)).toBe(true);
    await sortBy(table, '보고 기간', /\/api\/v1\/reports\?.*order=desc/);
    await page.waitForURL(/order=desc/);
    await expect_(
      async () => (await header(table, '보고 기간').getAttribute('aria-sort')) === 'descending',
    );
    await expect_(async () => descending(await column(table, 3)));
    expect(await header(table, '제출 기한').getAttribute('aria-sort')).toBe('none');

    // The CSV button asks for the list's filters (status for the URL's state), and gets the file.
    const [request] = await Promise.all([
      page.waitForRequest(/\/api\/v1\/reports\/export\?/),
      page.getByRole('button', { name: 'CSV 내려받기' }).click(),
    ]);
    const sent = new URL(request.url()).searchParams;
    expect(sent.get('format')).toBe('csv');
    expect(sent.get('status')?.split(',').sort()).toEqual([
      'ACCEPTED',
      'DRAFT',
      'RETURNED',
      'SUBMITTED',
    ]);
    const response = await request.response();
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toBe('text/csv; charset=utf-8');

    // The auditor's own view of the queue, applied from the plain queue.
    await page.getByRole('button', { name: '현재 조건 저장' }).click();
    const dialog = page.getByRole('dialog', { name: '현재 조건을 보기로 저장' });
    await dialog.locator('input[name="name"]').fill('기간 역순');
    // Not the office: no sharing offered.
    expect(await dialog.getByRole('checkbox').count()).toBe(0);
    await dialog.getByRole('button', { name: '저장', exact: true }).click();
    await page.getByText('“기간 역순” 보기를 저장했습니다.').waitFor();
    await page.goto('/reports');
    await page.waitForURL(/sort=submittedAt/);
    await page.locator('select[name="savedView"]').selectOption({ label: '기간 역순' });
    await page.getByRole('button', { name: '보기 적용' }).click();
    await page.waitForURL(/sort=period/);
    expect(new URL(page.url()).searchParams.get('order')).toBe('desc');
    expect(new URL(page.url()).searchParams.get('f')).toBe('1');
    expect(await checkPage(page, 'lists-reports-sorted-auditor')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'lists-reports-phone');
    await page.setViewportSize({ width: 1366, height: 768 });

    // Own view: deletable, after a confirmation.
    await page.locator('select[name="savedView"]').selectOption({ label: '기간 역순' });
    await page.getByRole('button', { name: '보기 삭제' }).click();
    await page.getByRole('button', { name: '삭제합니다' }).click();
    await page.getByText('“기간 역순” 보기를 삭제했습니다.').waitFor();
    expect(
      (await stack.db.query(`SELECT 1 FROM saved_views WHERE name = '기간 역순'`)).rows,
    ).toEqual([]);
  }, 180_000);

  it('sorts the consultation queue by a header and exports XLSX with its filters', async () => {
    const page = await pageAs('auditor');
    await page.goto('/consultations');
    await page.waitForURL(/f=1/);
    const table = page.getByRole('table', { name: /^사전컨설팅 목록/ });
    await table.locator('tbody tr').first().waitFor();
    // The auditor's queue starts nearest deadline first; 신청일 sorts by the submission.
    expect(await header(table, '처리 기한').getAttribute('aria-sort')).toBe('ascending');
    await sortBy(table, '신청일', /\/api\/v1\/consultations\?.*sort=submittedAt/);
    await expect_(
      async () => (await header(table, '신청일').getAttribute('aria-sort')) === 'ascending',
    );
    const url = new URL(page.url());
    expect(url.searchParams.get('sort')).toBe('submittedAt');
    const [request] = await Promise.all([
      page.waitForRequest(/\/api\/v1\/consultations\/export\?/),
      page.getByRole('button', { name: 'XLSX 내려받기' }).click(),
    ]);
    const sent = new URL(request.url()).searchParams;
    expect(sent.get('format')).toBe('xlsx');
    expect(sent.get('status')).toBe(url.searchParams.get('state'));
    expect((await request.response())?.status()).toBe(200);
    expect(await checkPage(page, 'lists-consultations-auditor')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'lists-consultations-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
  }, 180_000);
});

/** Polls `check` until it holds (the list re-renders after the URL changes), for up to 10 s. */
async function expect_(check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`still not so after 10 s: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
