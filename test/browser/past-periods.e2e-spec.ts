import type { Browser, Locator, Page } from 'playwright-core';
import {
  checkPage,
  login,
  newContext,
  screenshot,
  startStackAndBrowser,
} from './support/browser.js';
import { apiAs, DEMO, type WebStack } from './support/web-stack.js';

/**
 * Last year's work entered afterwards (issue 19) and bulk work, in the browser: the 적극행정 office
 * records a past task's steps on the days they happened (a missing reason and a day before the
 * previous step are named next to the field), the owner marks milestones done with their actual
 * days several at once (the refused row is the one marked), the office enters a past period's
 * report with a return and a resubmission (the step out of order is the one marked), and selects
 * several proposed tasks in one go (a refusal marks the row it is about and changes nothing).
 */
describe('past periods and bulk work in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  const pages: Record<'office' | 'staff', Page> = {} as never;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
  const Y = Number(today.slice(0, 4));
  const P = Y - 1;
  const TITLE = '경로당 냉방비 지원 (지난해 기록)';
  let taskId = '';

  const addDays = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const task = async () =>
    (
      await stack.db.query<{ status: string; entered_later: boolean; completed_on: string | null }>(
        'SELECT status, entered_later, completed_on FROM tasks WHERE id = $1',
        [taskId],
      )
    ).rows[0];
  /** A field's label, with the mark (and the screen readers' "(필수)") of a required field. */
  const label = (text: string) => new RegExp(`^${text}( \\*)?( \\(필수\\))?$`);
  /** What a field's description says (its error and hint, tied to it with aria-describedby). */
  const describedAs = async (field: Locator): Promise<string> => {
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    const page = field.page();
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    return texts.join(' ');
  };
  const invalid = async (field: Locator) =>
    expect(await field.getAttribute('aria-invalid')).toBe('true');
  const valid = async (field: Locator) =>
    expect(await field.getAttribute('aria-invalid')).toBeNull();

  beforeAll(async () => {
    [stack, browser] = await startStackAndBrowser();
    // Last year's task of 복지정책과, proposed (today) and never handled since: its past is to enter.
    const staff = await apiAs(stack, DEMO.staff);
    const created = await staff.call('POST', '/api/v1/tasks', {
      year: P,
      title: TITLE,
      category: 'PROACTIVE',
      ownerId: staff.user.id,
      startDate: `${P}-02-01`,
      dueDate: `${P}-12-31`,
    });
    taskId = created.id;
    for (const [title, dueDate] of [
      ['대상 경로당 조사', `${P}-04-30`],
      ['냉방비 지급', `${P}-07-31`],
      ['결과 보고', `${P}-11-30`],
    ]) {
      await staff.call('POST', `/api/v1/tasks/${taskId}/milestones`, { title, dueDate });
    }
    // Proposed back then too: a later step may not go before the one it follows.
    const { version } = await staff.call('GET', `/api/v1/tasks/${taskId}`);
    await staff.call('POST', `/api/v1/tasks/${taskId}/transitions`, {
      action: 'propose',
      version,
      occurredOn: `${P}-01-20`,
      lateEntryReason: '지난해 제안 기록을 옮겨 적음',
    });
    for (const who of ['office', 'staff'] as const) {
      pages[who] = await (await newContext(browser, stack.url)).newPage();
      await login(pages[who], DEMO[who]);
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('the office records the past selection and start on their days, told what is missing or out of order', async () => {
    const page = pages.office;
    await page.goto(`/tasks/${taskId}`);
    await page.getByRole('button', { name: '지난 처리 사후 입력' }).click();
    const dialog = page.getByRole('dialog', { name: '지난 처리 사후 입력' });
    // Every step the life cycle allows from 제안, not only what the office may do today.
    expect(await dialog.getByRole('radiogroup').locator('label').allTextContents()).toEqual([
      '선정 → 「선정」',
      '미선정 → 「미선정」',
      '폐지 → 「폐지」',
    ]);
    await dialog.getByRole('button', { name: '사후 입력', exact: true }).click();
    const day = dialog.getByLabel(/^처리일/);
    const why = dialog.getByLabel(/^사후 입력 사유/);
    await dialog.locator('.form-hint-invalid').first().waitFor();
    await invalid(day);
    expect(await describedAs(day)).toContain('처리일을 입력하세요.');
    await invalid(why);
    expect(await checkPage(page, 'task-past-step-invalid')).toEqual([]);

    // KRDS draws a check input with its label, which lies over the input: the click goes through it.
    await dialog.getByRole('radio', { name: /^선정 → / }).check({ force: true });
    await day.fill(`${P}-02-10`);
    await why.fill('Gwaje 도입 전 종이 대장의 지난해 선정 기록을 옮겨 적음');
    await dialog.getByRole('button', { name: '사후 입력', exact: true }).click();
    await page.getByText('상태를 「선정」(으)로 바꿨습니다.').waitFor();
    expect(await task()).toMatchObject({ status: 'SELECTED', entered_later: true });
    await page.locator('.gwt-status-line').getByText('사후 입력', { exact: true }).waitFor();

    // The start before the selection's day: the API names the day, next to the field.
    await page.getByRole('button', { name: '지난 처리 사후 입력' }).click();
    await dialog.getByRole('radio', { name: /^추진 시작 → / }).check({ force: true });
    await day.fill(`${P}-02-05`);
    await why.fill('Gwaje 도입 전 종이 대장의 지난해 착수 기록을 옮겨 적음');
    await dialog.getByRole('button', { name: '사후 입력', exact: true }).click();
    await dialog.locator('.form-hint-invalid').first().waitFor();
    await invalid(day);
    expect(await describedAs(day)).toContain(`직전 상태 변경일(${P}-02-10)보다 앞선 날짜입니다.`);
    expect((await task()).status).toBe('SELECTED');
    await screenshot(page, 'task-past-step-out-of-order');

    await day.fill(`${P}-02-15`);
    await dialog.getByRole('button', { name: '사후 입력', exact: true }).click();
    await page.getByText('상태를 「추진 중」(으)로 바꿨습니다.').waitFor();
    expect((await task()).status).toBe('IN_PROGRESS');

    // The history shows the day it happened, when it was entered and why.
    const history = page.getByRole('table', { name: /^변경 이력/ });
    const start = history.locator('tbody tr').filter({ hasText: '추진 시작' });
    await start
      .getByText('사후 입력 사유: Gwaje 도입 전 종이 대장의 지난해 착수 기록을 옮겨 적음')
      .waitFor();
    expect(await start.textContent()).toContain(`${P}. 02. 15.`);
    expect(await start.textContent()).toMatch(/\(입력: \d{4}\. \d{2}\. \d{2}\. \d{2}:\d{2}\)/);
    expect(await checkPage(page, 'task-past-steps-history')).toEqual([]);
  }, 120_000);

  it('the owner marks milestones done with their actual days, several at once, the wrong row marked', async () => {
    const page = pages.staff;
    await page.goto(`/tasks/${taskId}`);
    await page
      .getByRole('checkbox', { name: '「대상 경로당 조사」 단계 선택' })
      .check({ force: true });
    await page.getByRole('checkbox', { name: '「냉방비 지급」 단계 선택' }).check({ force: true });
    await page.getByRole('button', { name: '선택한 단계 완료 처리' }).click();
    const dialog = page.getByRole('dialog', { name: '단계 2개 완료 처리' });
    const first = dialog.getByLabel(/「대상 경로당 조사」 완료일/);
    const second = dialog.getByLabel(/「냉방비 지급」 완료일/);
    expect(await first.inputValue()).toBe(today);
    await first.fill(`${P - 1}-12-31`); // before the task's year
    await second.fill(`${P}-07-25`);
    await dialog.getByRole('button', { name: '2개 단계 완료 처리' }).click();
    await dialog.locator('.form-hint-invalid').first().waitFor();
    await invalid(first);
    expect(await describedAs(first)).toContain(
      `과제의 연도(${P}년) 이전 날짜는 입력할 수 없습니다.`,
    );
    await valid(second);
    await invalid(dialog.getByLabel(/^사후 입력 사유/));
    expect(await checkPage(page, 'milestones-bulk-invalid')).toEqual([]);
    const none = await stack.db.query(
      `SELECT 1 FROM milestones WHERE task_id = $1 AND status = 'DONE'`,
      [taskId],
    );
    expect(none.rowCount).toBe(0);

    await first.fill(`${P}-04-28`);
    await dialog.getByLabel(/^사후 입력 사유/).fill('지난해 단계 완료 기록을 옮겨 적음');
    await dialog.getByRole('button', { name: '2개 단계 완료 처리' }).click();
    await page.getByText('2개 단계를 완료 처리했습니다.').waitFor();
    const table = page.getByRole('table', { name: /^단계별 추진계획/ });
    await table
      .locator('tbody tr')
      .filter({ hasText: '대상 경로당 조사' })
      .getByText('사후 입력', { exact: true })
      .waitFor();

    // One more, done today: no reason asked, nothing flagged.
    await page.getByRole('button', { name: '「결과 보고」 단계 완료 처리' }).click();
    const single = page.getByRole('dialog', { name: '단계 완료 처리: 결과 보고' });
    expect(await single.getByLabel(/^완료일/).inputValue()).toBe(today);
    expect(await single.getByLabel(/^사후 입력 사유/).count()).toBe(0);
    await single.getByRole('button', { name: '완료 처리', exact: true }).click();
    await page.getByText('「결과 보고」 단계를 완료 처리했습니다.').waitFor();
    const done = await stack.db.query<{ title: string; done: string; late: boolean }>(
      `SELECT title, to_char(done_date, 'YYYY-MM-DD') AS done, done_entered_later AS late
         FROM milestones WHERE task_id = $1 ORDER BY due_date`,
      [taskId],
    );
    expect(done.rows).toEqual([
      { title: '대상 경로당 조사', done: `${P}-04-28`, late: true },
      { title: '냉방비 지급', done: `${P}-07-25`, late: true },
      { title: '결과 보고', done: today, late: false },
    ]);
    await screenshot(page, 'milestones-done');
  }, 120_000);

  it("the office enters a past period's report with its return and resubmission", async () => {
    const office = await apiAs(stack, DEMO.office);
    const calendar = await office.call('GET', `/api/v1/reporting-calendars/${P}`);
    // The first period the task was active in (selected on ${P}-02-10).
    const period = (calendar.periods as Array<{ period: string; end: string }>).find(
      (p) => p.end >= `${P}-02-10`,
    )!;
    const after = (days: number) => addDays(period.end, days);

    const page = pages.office;
    await page.goto(`/tasks/${taskId}`);
    await page.getByRole('link', { name: '지난 기간 실적 사후 입력' }).click();
    await page.waitForURL(`**/reports/past-records/new?taskId=${taskId}`);
    expect(await page.getByLabel(label('과제')).inputValue()).toBe(taskId);
    await page.getByLabel(label('보고 기간')).selectOption(period.period);
    await page.getByLabel('진척도(%)').fill('30');
    await page.getByLabel('추진실적', { exact: true }).fill('경로당 42곳 냉방비 지급 대상 확정');
    await page.getByLabel(label('1단계 처리일')).fill(after(3));
    await page.getByRole('button', { name: '단계 추가' }).click();
    // The next step is suggested (승인 after a submission) and takes the focus.
    const action2 = page.getByLabel(label('2단계 처리'));
    expect(await action2.inputValue()).toBe('accept');
    expect(
      await action2.evaluate(
        (el) =>
          el ===
          (globalThis as unknown as { document: { activeElement: unknown } }).document
            .activeElement,
      ),
    ).toBe(true);
    await action2.selectOption('return');
    await page.getByLabel(label('2단계 처리일')).fill(after(1)); // before the submission
    await page
      .getByLabel(label('사후 입력 사유'))
      .fill('Gwaje 도입 전 지난해 이행실적을 옮겨 적음');
    await page.getByRole('button', { name: '사후 입력 저장' }).click();
    await page.locator('.form-hint-invalid').first().waitFor();
    await invalid(page.getByLabel(label('2단계 처리일')));
    expect(await describedAs(page.getByLabel(label('2단계 처리일')))).toContain(
      `앞선 처리일(${after(3)})보다 빠릅니다.`,
    );
    await invalid(page.getByLabel(label('2단계 검토 의견')));
    await valid(page.getByLabel(label('1단계 처리일')));
    expect(await checkPage(page, 'past-report-invalid')).toEqual([]);

    await page.getByLabel(label('2단계 처리일')).fill(after(5));
    await page.getByLabel(label('2단계 검토 의견')).fill('지급 대상 명단을 첨부해 주세요.');
    await page.getByRole('button', { name: '단계 추가' }).click();
    expect(await page.getByLabel(label('3단계 처리')).inputValue()).toBe('submit');
    await page.getByLabel(label('3단계 처리일')).fill(after(8));
    await page.getByRole('button', { name: '단계 추가' }).click();
    expect(await page.getByLabel(label('4단계 처리')).inputValue()).toBe('accept');
    await page.getByLabel(label('4단계 처리일')).fill(after(9));
    await page.getByText('이 경과대로 입력하면 최종 상태는 「승인」입니다(반려 1회).').waitFor();
    await page.getByRole('button', { name: '사후 입력 저장' }).click();

    await page.getByText('지난 기간 실적을 사후 입력했습니다.').waitFor();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    const reportId = page.url().split('/').pop()!;
    const overview = page.getByRole('region', { name: '개요' });
    await overview.getByText('사후 입력', { exact: true }).first().waitFor();
    const report = await stack.db.query(
      `SELECT state, resubmission_count, entered_later, to_char(first_submitted_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD') AS first
         FROM reports WHERE id = $1`,
      [reportId],
    );
    expect(report.rows[0]).toEqual({
      state: 'ACCEPTED',
      resubmission_count: 1,
      entered_later: true,
      first: after(3),
    });
    expect(await checkPage(page, 'past-report-recorded')).toEqual([]);
  }, 120_000);

  it('the office selects several proposed tasks at once; a task that cannot be is marked and nothing changes', async () => {
    const page = pages.office;
    const status = async (code: string) =>
      (await stack.db.query<{ status: string }>('SELECT status FROM tasks WHERE code = $1', [code]))
        .rows[0].status;
    // This year's demo tasks: two proposed and one draft (which cannot be selected).
    await page.goto(`/tasks?year=${Y}&status=DRAFT,PROPOSED`);
    const rows = page.getByRole('table', { name: /^중점과제 목록/ }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    await page
      .getByRole('checkbox', { name: /^이 페이지의 과제 3건 모두 선택$/ })
      .check({ force: true });
    await page.getByRole('button', { name: '일괄 선정' }).click();
    const dialog = page.getByRole('dialog', { name: '일괄 선정' });
    await dialog
      .getByText(`선택한 과제 3건을 「선정」 상태로 바꿉니다.`, { exact: false })
      .waitFor();
    await dialog
      .getByText(new RegExp(`${Y}-06`))
      .first()
      .waitFor();
    await dialog.getByRole('button', { name: '3건 일괄 선정' }).click();

    await page.getByText('처리할 수 없는 과제가 있어 아무것도 바꾸지 않았습니다.').waitFor();
    const draft = rows.filter({ hasText: `${Y}-06` });
    await draft.locator('.form-hint-invalid').waitFor();
    await invalid(draft.getByRole('checkbox'));
    expect(await rows.locator('.form-hint-invalid').count()).toBe(1);
    expect(await status(`${Y}-05`)).toBe('PROPOSED');
    expect(await checkPage(page, 'tasks-bulk-refused')).toEqual([]);

    await draft.getByRole('checkbox').uncheck({ force: true });
    await page.getByRole('button', { name: '일괄 선정' }).click();
    await dialog.getByRole('button', { name: '2건 일괄 선정' }).click();
    await page.getByText('과제 2건을 「선정」 상태로 바꿨습니다(일괄 선정).').waitFor();
    expect([await status(`${Y}-05`), await status(`${Y}-11`), await status(`${Y}-06`)]).toEqual([
      'SELECTED',
      'SELECTED',
      'DRAFT',
    ]);
    await screenshot(page, 'tasks-bulk-selected');
  }, 120_000);

  it("the dashboard tells the year's returns from those awaiting resubmission", async () => {
    const page = pages.office;
    await page.goto('/dashboards');
    const figure = (label: string) =>
      page
        .locator('.gw-card', { has: page.getByRole('heading', { name: '이행실적', exact: true }) })
        .locator('div', { has: page.locator('dt', { hasText: label }) })
        .locator('dd')
        .filter({ hasText: /\d/ });
    await figure('반려(연중 건수)').first().waitFor();
    await figure('재제출 대기').first().waitFor();
    expect(await checkPage(page, 'dashboard-returns')).toEqual([]);
  }, 120_000);
});
