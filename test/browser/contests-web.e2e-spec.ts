import type { Browser, Page } from 'playwright-core';
import {
  checkPage,
  expectContent,
  login,
  newContext,
  startStackAndBrowser,
} from './support/browser.js';
import { DEMO, type WebStack } from './support/web-stack.js';

/**
 * 경진대회 and 의견제시 in the browser, on the demo data: 제주특별자치도's office reads its
 * published contest (ranks, awards, the budget check); 서귀포시's office finds its officials'
 * awards and follows its entry to the national round it advanced to; a staff member asks the
 * audit office's opinion from a task page and the auditor answers it (an empty answer named next
 * to the field first). Every page visited passes axe-core.
 */
describe('contests and opinion requests in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' })
    .format(new Date())
    .slice(0, 4);
  const JEJU = `${year}년 상반기 적극행정 우수사례 경진대회`;
  const NATIONAL = `${year}년 전국 적극행정 우수사례 경진대회`;
  const CITRUS = '감귤 수확기 농촌 인력 중개 플랫폼'; // 서귀포시's entry, 3rd: 우수, advances
  const BOKJI_BUS = "찾아가는 복지상담 '노원 복지버스' 운영"; // the demo staff member's task

  const pageAs = async (email: string): Promise<Page> => {
    const page = await (await newContext(browser, stack.url)).newPage();
    await login(page, email);
    return page;
  };

  beforeAll(async () => {
    [stack, browser] = await startStackAndBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('제주 office reads its published contest: ranks, awards and the budget check', async () => {
    const page = await pageAs('office@jeju.demo.gwaje.kr');
    await page.goto('/');
    await page.getByRole('link', { name: '평가·포상' }).click();
    await page
      .getByRole('navigation', { name: '평가·포상 하위 메뉴' })
      .getByRole('link', { name: '경진대회' })
      .click();
    await expectContent(page, page.getByRole('link', { name: JEJU }));
    expect(await checkPage(page, 'contests-jeju')).toEqual([]);

    await page.getByRole('link', { name: JEJU }).click();
    const ranking = page.getByRole('table', { name: '적극행정 분야 순위' });
    await expectContent(page, ranking);
    const first = ranking.locator('tbody tr').first();
    expect(await first.innerText()).toMatch(/1위[\s\S]*대중교통 노선 전면 개편[\s\S]*최우수/);
    const citrus = ranking.locator('tbody tr', { hasText: CITRUS });
    expect(await citrus.innerText()).toMatch(/3위[\s\S]*서귀포시[\s\S]*우수[\s\S]*진출/);
    await page.getByText('포상금 합계 2,000,000원 · 예산 2,000,000원 이내입니다.').waitFor();
    // Published: nothing left to run but closing the contest.
    await page.getByRole('button', { name: '대회 종료' }).waitFor();
    expect(await page.getByRole('button', { name: '결과 발표' }).count()).toBe(0);
    expect(await checkPage(page, 'contest-round-jeju')).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('서귀포시 office sees its officials’ awards and the entry that advanced to the national round', async () => {
    const page = await pageAs('office@seogwipo.demo.gwaje.kr');
    await page.goto('/contests');
    const awards = page.getByRole('table', { name: '포상 기록' });
    await expectContent(page, awards.locator('tbody tr', { hasText: CITRUS }));
    expect(await awards.locator('tbody tr', { hasText: CITRUS }).innerText()).toContain('우수');
    // Only its own officials' awards: none of 제주시's.
    expect(await awards.locator('tbody tr', { hasText: '대중교통 노선' }).count()).toBe(0);
    expect(await checkPage(page, 'contests-seogwipo')).toEqual([]);

    await awards.getByRole('link', { name: CITRUS }).click();
    await page.getByRole('heading', { name: '상위 대회 진출' }).waitFor();
    await page.getByRole('link', { name: `행정안전부 「${NATIONAL}」` }).waitFor();
    await page.getByText('3위', { exact: true }).waitFor();
    expect(await checkPage(page, 'contest-entry-seogwipo')).toEqual([]);

    // Its own contest for 서귀포시's departments: what is missing is named next to the field.
    await page.goto('/contests');
    await page.getByRole('button', { name: '경진대회 만들기' }).click();
    await page.getByRole('button', { name: '만들기', exact: true }).click();
    const title = page.getByLabel(/^대회명/);
    await page.locator('.form-hint-invalid').first().waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await checkPage(page, 'contest-create-invalid')).toEqual([]);
    const TITLE = `${year}년 서귀포시 적극행정 우수사례 경진대회`;
    await title.fill(TITLE);
    for (const [label, day] of [
      ['접수 시작일', `${year}-12-10`],
      ['접수 마감일', `${year}-12-20`],
      ['심사 마감일', `${year}-12-24`],
      ['결과 발표일', `${year}-12-28`],
    ]) {
      await page.getByLabel(new RegExp(`^${label}`)).fill(day);
    }
    await page.getByLabel(/^포상 예산/).fill('300000');
    await page.getByLabel(/^시작 순위/).fill('1');
    await page.getByLabel(/^끝 순위/).fill('2');
    await page.getByLabel(/^시상/).fill('최우수');
    await page.getByLabel(/^포상금/).fill('150000');
    await page.getByRole('button', { name: '만들기', exact: true }).click();
    await page.getByText('경진대회를 만들었습니다.').waitFor();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('button', { name: '접수 시작' }).waitFor();
    await page.getByRole('button', { name: '대회 정보 변경' }).waitFor();
    expect(await checkPage(page, 'contest-round-draft')).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('a staff member asks the audit office from a task page; the auditor answers', async () => {
    const staff = await pageAs(DEMO.staff);
    await staff.goto('/tasks');
    await staff.getByRole('link', { name: BOKJI_BUS }).first().click();
    await staff.getByRole('link', { name: '의견제시 요청' }).click();
    await staff.waitForURL(/\/opinion-requests\/new\?taskId=/);
    const task = staff.getByLabel(/^과제/);
    // The task list loads into the select (options are attached, never "visible").
    await task.locator('option', { hasText: BOKJI_BUS }).waitFor({ state: 'attached' });
    expect(await task.locator('option:checked').innerText()).toContain(BOKJI_BUS);
    await staff
      .getByLabel(/^요청 내용\(질의\)/)
      .fill('복지버스 상담 중 긴급 지원금을 현장에서 바로 지급해도 되는지 의견을 구합니다.');
    expect(await checkPage(staff, 'opinion-request-form')).toEqual([]);
    await staff.getByRole('button', { name: '요청하기' }).click();
    await staff.getByText('의견제시를 요청했습니다.').waitFor();
    await staff
      .getByText(/^D-\d+$/)
      .first()
      .waitFor();
    const url = staff.url();
    expect(await checkPage(staff, 'opinion-request-filed')).toEqual([]);
    // The requester may withdraw, not answer.
    await staff.getByRole('button', { name: '요청 철회' }).waitFor();
    expect(await staff.getByRole('button', { name: '회신 작성' }).count()).toBe(0);

    const auditor = await pageAs(DEMO.auditor);
    await auditor.goto(url);
    await auditor.getByRole('button', { name: '회신 작성' }).click();
    const dialog = auditor.getByRole('dialog', { name: '회신 작성' });
    await dialog.getByRole('button', { name: '회신 작성' }).click();
    const answer = dialog.getByLabel(/^회신 내용/);
    await dialog.locator('.form-hint-invalid').first().waitFor();
    expect(await answer.getAttribute('aria-invalid')).toBe('true');
    await answer.fill(
      '긴급복지지원법에 따른 현장 지급은 가능하며, 사후에 지급 사유를 기록하십시오.',
    );
    await dialog.getByRole('button', { name: '회신 작성' }).click();
    await auditor.getByText('회신했습니다.').waitFor();
    await auditor.locator('.gw-badge', { hasText: '회신 완료' }).waitFor();
    await auditor
      .getByRole('table', { name: '처리 이력' })
      .getByText('회신', { exact: true })
      .waitFor();
    expect(await checkPage(auditor, 'opinion-request-answered')).toEqual([]);

    await auditor.goto('/opinion-requests?status=ANSWERED');
    await expectContent(
      auditor,
      auditor.getByRole('link', { name: /복지버스 상담 중 긴급 지원금/ }),
    );
    expect(await checkPage(auditor, 'opinion-requests-list')).toEqual([]);
    await staff.context().close();
    await auditor.context().close();
  }, 120_000);
});
