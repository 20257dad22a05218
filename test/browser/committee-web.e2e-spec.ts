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
 * 적극행정위원회 in the browser, on the demo data (노원구 seats five members last January and
 * resolved last year's criteria and results in two meetings): the office finds the committee
 * under 평가·포상, sees its members and the composition warning (short of nine members and of
 * civilians: a warning, not an error), opens the results meeting and its decided item (가결, the
 * tally against the rule), and schedules a written meeting — the missing ground is named next to
 * its field first. Every page visited passes axe-core.
 */
describe('the committee in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  const lastYear =
    Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date()).slice(0, 4),
    ) - 1;
  const RESULTS_MEETING = `${lastYear}년 제2회 적극행정위원회`;
  const RESULTS_ITEM = `${lastYear}년 적극행정 우수공무원 선발 — 평가 결과 심의·의결`;

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

  it('the office reads the committee, a decided meeting and item, and schedules a written meeting', async () => {
    const page = await pageAs(DEMO.office);
    await page.goto('/');
    await page.getByRole('link', { name: '평가·포상' }).click();
    await page
      .getByRole('navigation', { name: '평가·포상 하위 메뉴' })
      .getByRole('link', { name: '적극행정위원회' })
      .click();
    const members = page.getByRole('table', { name: '위원 목록' });
    await expectContent(page, members.locator('tbody tr', { hasText: '한지민' }));
    expect(await members.locator('tbody tr').count()).toBe(5);
    // Short of the rule: a warning (role status), not an error banner.
    const warning = page.getByRole('status').filter({ hasText: '위원회 구성 기준 미달' });
    await warning.getByText('위원이 5명으로 기준(9명 이상)에 못 미칩니다.').waitFor();
    await warning.getByText('민간위원이 2명으로 기준(3명 이상)에 못 미칩니다.').waitFor();
    expect(await checkPage(page, 'committee')).toEqual([]);

    await page.getByRole('link', { name: RESULTS_MEETING }).click();
    const agenda = page.getByRole('table', { name: '안건 목록' });
    await expectContent(page, agenda.locator('tbody tr', { hasText: RESULTS_ITEM }));
    expect(await agenda.locator('tbody tr', { hasText: RESULTS_ITEM }).innerText()).toContain(
      '가결',
    );
    await page.getByText('재적 5명 중 5명 출석').waitFor();
    // Closed: nothing left to do.
    await page.getByText('지금 할 수 있는 처리가 없습니다.').waitFor();
    expect(await checkPage(page, 'committee-meeting')).toEqual([]);

    await agenda.getByRole('link', { name: RESULTS_ITEM }).click();
    await page.getByRole('heading', { name: '정족수와 의결 기준' }).waitFor();
    await page.getByText('의결 당시 기록').waitFor();
    await page.getByText('5 / 0 / 0').waitFor();
    const votes = page.getByRole('table', { name: '출석 위원의 표결' });
    expect(await votes.locator('tbody tr', { hasText: '찬성' }).count()).toBe(5);
    await page.getByRole('link', { name: '평가 결과 심의·의결' }).first().waitFor();
    expect(await checkPage(page, 'committee-item')).toEqual([]);

    await page.goto('/committee');
    await page.getByRole('button', { name: '회의 소집' }).click();
    const dialog = page.getByRole('dialog', { name: '회의 소집' });
    await dialog.getByLabel(/^회의명/).fill(`${lastYear + 1}년 서면 적극행정위원회`);
    // KRDS draws the radio on its label.
    await dialog.locator('label', { hasText: /^서면$/ }).click();
    await dialog.getByRole('button', { name: '소집', exact: true }).click();
    const ground = dialog.getByRole('combobox', { name: /^서면 심의 사유/ });
    await dialog.locator('.form-hint-invalid').first().waitFor();
    expect(await ground.getAttribute('aria-invalid')).toBe('true');
    expect(await checkPage(page, 'committee-meeting-invalid')).toEqual([]);
    await ground.selectOption('URGENT');
    await dialog.getByLabel(/^서면 심의 사유 설명/).fill('평가 일정상 이번 주 안에 의결해야 함');
    await dialog.getByRole('button', { name: '소집', exact: true }).click();
    await page.getByText('회의를 소집했습니다.').waitFor();
    // The new meeting: an OTHER item, held with every member answering, three votes for from the
    // minutes, resolved: 가결.
    await page.getByRole('link', { name: `${lastYear + 1}년 서면 적극행정위원회` }).click();
    await page.getByRole('button', { name: '안건 상정' }).click();
    const add = page.getByRole('dialog', { name: '안건 상정' });
    await add.getByRole('combobox', { name: /^안건 종류/ }).selectOption('OTHER');
    await add.getByRole('textbox', { name: /^안건명/ }).fill('위원회 운영 세칙 개정');
    await add.getByRole('button', { name: '상정', exact: true }).click();
    await page.getByText('안건을 상정했습니다.').waitFor();
    await page.getByRole('button', { name: '회의 개최 기록' }).click();
    const hold = page.getByRole('dialog', { name: '회의 개최와 출석 기록' });
    const boxes = hold.locator('fieldset .krds-form-check label');
    expect(await boxes.count()).toBe(5);
    for (let i = 0; i < 5; i++) await boxes.nth(i).click();
    await hold.getByRole('button', { name: '회의 개최 기록' }).click();
    await page.getByText('회의 개최와 출석을 기록했습니다.').waitFor();
    await page.getByText('재적 5명 중 5명 출석').waitFor();
    await page.getByRole('link', { name: '위원회 운영 세칙 개정' }).click();
    const minutes = page.getByRole('form', { name: '회의록에 따른 표결 입력' });
    for (const name of ['정하은', '한지민', '서준호']) {
      await minutes.getByRole('combobox', { name: /^위원/ }).selectOption({ label: name });
      await minutes.locator('label', { hasText: /^찬성$/ }).click();
      await minutes.getByRole('button', { name: '표결 입력' }).click();
      await page
        .getByRole('table', { name: '출석 위원의 표결' })
        .locator('tbody tr', { hasText: name })
        .getByText('찬성')
        .waitFor();
    }
    await page.getByText('3 / 0 / 2').waitFor();
    expect(await checkPage(page, 'committee-item-open')).toEqual([]);
    await page.getByRole('button', { name: '의결', exact: true }).click();
    const resolve = page.getByRole('dialog', { name: '의결' });
    await resolve.getByRole('textbox', { name: /^의결 내용/ }).fill('원안대로 의결함');
    await resolve.getByRole('button', { name: '의결', exact: true }).click();
    await page.getByText('의결했습니다: 가결').waitFor();
    await page.getByText('의결 당시 기록').waitFor();
    await page.context().close();
  }, 120_000);
});
