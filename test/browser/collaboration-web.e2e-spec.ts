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
 * 협업과제 in the browser, on the demo data: 노원구's 적극행정 office registers its flood-sensor task
 * (whose partner department is 서울특별시 정보기획관) as a collaboration coordinated by 행정안전부,
 * found in the directory of organisations, with 한국사회보장정보원 복지정보부 picked there too
 * — a missing coordinator is named next to the field first; the head of 정보기획관 agrees to the
 * plan; an office of an organisation not taking part (제주특별자치도) finds nothing. Every page
 * visited passes axe-core.
 */
describe('collaboration tasks in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  const TASK = '스마트 침수감지 경보체계 구축';
  const SEOUL_HEAD = 'head@seoul-info.demo.gwaje.kr';

  const pageAs = async (email: string): Promise<Page> => {
    const page = await (await newContext(browser, stack.url)).newPage();
    await login(page, email);
    return page;
  };

  beforeAll(async () => {
    [stack, browser] = await startStackAndBrowser();
    // The head of 서울특별시 정보기획관 (the demo has no one there who may agree): the demo password.
    await stack.db.query(
      `INSERT INTO users (organisation_id, department_id, name, email, grade, roles, password_hash)
       SELECT d.organisation_id, d.id, '한도윤', $1, '지방서기관', '{DEPT_HEAD}'::user_role[], u.password_hash
         FROM departments d JOIN organisations o ON o.id = d.organisation_id
         JOIN users u ON u.email = $2
        WHERE o.name = '서울특별시' AND d.name = '정보기획관'`,
      [SEOUL_HEAD, DEMO.head],
    );
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('the lead’s office registers it, a participant agrees, an outsider gets nothing', async () => {
    const office = await pageAs(DEMO.office);
    await office.goto('/');
    await office
      .getByRole('navigation', { name: '주 메뉴' })
      .getByRole('link', { name: '협업과제' })
      .click();
    await office.getByRole('heading', { level: 1, name: '협업과제' }).waitFor();
    await office.getByRole('link', { name: '협업과제 등록' }).click();

    const task = office.getByLabel(/^중점과제/);
    const option = task.locator('option', { hasText: TASK });
    await option.waitFor({ state: 'attached' });
    await task.selectOption(await option.getAttribute('value'));
    // The KRDS checkbox is drawn by its label (the input itself is hidden).
    await office.locator('label', { hasText: '서울특별시 정보기획관' }).click();
    expect(await office.getByLabel('서울특별시 정보기획관').isChecked()).toBe(true);
    await office.getByLabel(/^공동 목표/).fill('반지하 주택 침수 인명피해 0건');
    await office.getByRole('button', { name: '등록하기' }).click();
    const coordinator = office.getByRole('combobox', { name: /^총괄기관/ });
    await office.locator('.form-hint-invalid').first().waitFor();
    expect(await coordinator.getAttribute('aria-invalid')).toBe('true');
    expect(await checkPage(office, 'collaboration-form-invalid')).toEqual([]);

    // The directory: a search narrows the organisations, then the department of the one picked.
    await office.getByRole('searchbox', { name: '총괄기관 검색' }).fill('행정안전');
    await coordinator.locator('option', { hasText: '행정안전부' }).waitFor({ state: 'attached' });
    await coordinator.selectOption({ label: '행정안전부' });
    await office.getByRole('button', { name: '참여기관 추가' }).click();
    await office.getByRole('searchbox', { name: '참여기관 1 검색' }).fill('사회보장');
    const ssis = office.getByRole('combobox', { name: /^참여기관 1(?!의)/ });
    await ssis.locator('option', { hasText: '한국사회보장정보원' }).waitFor({ state: 'attached' });
    await ssis.selectOption({ label: '한국사회보장정보원' });
    const ssisDept = office.getByRole('combobox', { name: /^참여기관 1의 담당부서/ });
    await ssisDept.locator('option', { hasText: '복지정보부' }).waitFor({ state: 'attached' });
    await ssisDept.selectOption({ label: '복지정보부' });
    expect(await checkPage(office, 'collaboration-form-directory')).toEqual([]);
    await office.getByRole('button', { name: '등록하기' }).click();
    await office.getByText('협업과제를 등록했습니다.').waitFor();
    const participants = office.getByRole('table', { name: /^참여기관과 담당부서/ });
    const seoulRow = participants.locator('tbody tr', { hasText: '정보기획관' });
    await expectContent(office, seoulRow);
    expect(await seoulRow.innerText()).toMatch(/서울특별시[\s\S]*참여기관[\s\S]*미합의/);
    expect(await participants.locator('tbody tr', { hasText: '복지정보부' }).innerText()).toMatch(
      /한국사회보장정보원[\s\S]*참여기관/,
    );
    await office.getByRole('button', { name: '목표·계획 수정' }).waitFor();
    const url = office.url();
    expect(await checkPage(office, 'collaboration-created')).toEqual([]);

    const head = await pageAs(SEOUL_HEAD);
    await head.goto(url);
    await head.getByRole('button', { name: '계획에 합의' }).click();
    const dialog = head.getByRole('dialog', { name: '계획에 합의' });
    await dialog.getByRole('button', { name: '계획에 합의' }).click();
    await head.getByText('계획에 합의했습니다.').waitFor();
    await head.getByText('우리 기관은 계획 버전 1에 합의했습니다.').waitFor();
    expect(
      await head
        .getByRole('table', { name: /^참여기관과 담당부서/ })
        .locator('tbody tr', { hasText: '정보기획관' })
        .innerText(),
    ).toContain('합의함');
    // A participant edits nothing of the lead's.
    expect(await head.getByRole('button', { name: '목표·계획 수정' }).count()).toBe(0);
    expect(await checkPage(head, 'collaboration-agreed')).toEqual([]);

    const outsider = await pageAs('office@jeju.demo.gwaje.kr');
    await outsider.goto(url);
    await outsider.getByText('찾을 수 없거나 볼 권한이 없습니다.').waitFor();
    expect(await checkPage(outsider, 'collaboration-outsider')).toEqual([]);
    await outsider.goto('/collaborations');
    await outsider.getByText('조건에 맞는 협업과제가 없습니다.').waitFor();
    for (const p of [office, head, outsider]) await p.context().close();
  }, 120_000);
});
