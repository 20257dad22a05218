import type { Browser, Page } from 'playwright-core';
import {
  checkPage,
  describeViolations,
  login,
  newContext,
  screenshot,
  seriousViolations,
  startStackAndBrowser,
} from './support/browser.js';
import { DEMO, type WebStack } from './support/web-stack.js';

/**
 * The quarter's report as the people who handle it do it in the browser: staff draft it with an
 * attachment, the department head submits, the auditor returns it with a comment (not without
 * one), the department resubmits, the auditor accepts, and the dashboard shows the change.
 */
describe('report review in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  let reportId: string;
  const pages: Record<string, Page> = {};

  beforeAll(async () => {
    [stack, browser] = await startStackAndBrowser();
    // The demo's draft of 노원구 복지정책과 for the current quarter (other demo organisations, such as
    // the collaboration demo's 서울특별시, have tasks numbered 2026-01 too).
    const { rows } = await stack.db.query<{ id: string }>(
      `SELECT r.id FROM reports r JOIN tasks t ON t.id = r.task_id JOIN organisations o ON o.id = t.organisation_id
        WHERE r.state = 'DRAFT' AND t.code = '2026-01' AND o.name = '노원구' ORDER BY r.period DESC LIMIT 1`,
    );
    reportId = rows[0].id;
    for (const who of ['staff', 'head', 'auditor', 'office'] as const) {
      pages[who] = await (await newContext(browser, stack.url)).newPage();
      await login(pages[who], DEMO[who]);
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  const state = async () =>
    (
      await stack.db.query<{ state: string; version: number }>(
        'SELECT state, version FROM reports WHERE id = $1',
        [reportId],
      )
    ).rows[0];

  /** The office's dashboard, freshly compiled: the organisation's count of accepted reports. */
  const acceptedOnDashboard = async (): Promise<number> => {
    const page = pages.office;
    await page.goto('/dashboards');
    await page.getByRole('button', { name: '지금 집계' }).click();
    await page.getByText('새로 집계한 현황입니다.', { exact: true }).waitFor({ timeout: 60_000 });
    const figure = page
      .locator('.gw-card', { has: page.getByRole('heading', { name: '이행실적', exact: true }) })
      .locator('div', { has: page.locator('dt', { hasText: /^승인$/ }) })
      .locator('dd');
    return Number(await figure.textContent());
  };
  let acceptedBefore = 0;

  it("the dashboard shows the organisation's figures before the review", async () => {
    acceptedBefore = await acceptedOnDashboard();
    expect(await checkPage(pages.office, 'dashboard-before-review')).toEqual([]);
  }, 120_000);

  it('staff draft the report with an attachment; only the head may submit', async () => {
    const page = pages.staff;
    await page.goto(`/reports/${reportId}`);
    expect(await checkPage(page, 'report-draft-staff')).toEqual([]);
    await page.getByLabel('진척도(%)').fill('60');
    await page.getByLabel('추진실적', { exact: true }).fill('복지버스 12회 운행, 상담 340건');
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await page.getByText('저장했습니다.', { exact: true }).waitFor();

    await page.getByLabel('첨부할 파일').setInputFiles({
      name: '운행일지.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('4분기 복지버스 운행일지\n', 'utf8'),
    });
    await page.getByRole('button', { name: '올리기' }).click();
    await page.getByRole('table', { name: '첨부파일 목록' }).getByText('운행일지.txt').waitFor();
    expect(await page.getByRole('button', { name: '제출', exact: true }).count()).toBe(0);
    await screenshot(page, 'report-saved-staff');
    expect((await state()).state).toBe('DRAFT');
  }, 120_000);

  it('a stale save says someone changed it and keeps what the head typed', async () => {
    const head = pages.head;
    await head.goto(`/reports/${reportId}`);
    await head.getByLabel('추진실적', { exact: true }).waitFor();
    // Staff save again meanwhile: the head's copy is now one version behind.
    await pages.staff.getByLabel('진척도(%)').fill('65');
    await pages.staff.getByRole('button', { name: '저장', exact: true }).click();
    await pages.staff.getByText('저장했습니다.', { exact: true }).waitFor();

    const typed = '복지버스 12회 운행, 상담 340건 (부서장 보완)';
    await head.getByLabel('추진실적', { exact: true }).fill(typed);
    await head.getByRole('button', { name: '저장', exact: true }).click();
    await head.getByText('다른 사용자가 이 내용을 변경했습니다').waitFor();
    expect(await head.getByLabel('추진실적', { exact: true }).inputValue()).toBe(typed);
    await screenshot(head, 'report-conflict-head');

    await head.getByRole('button', { name: '최신 내용 다시 불러오기' }).click();
    // Saving before the newer version has arrived would conflict again: wait for the notice.
    await head.getByText('최신 내용을 불러왔습니다.', { exact: false }).waitFor();
    expect(await head.getByLabel('추진실적', { exact: true }).inputValue()).toBe(typed);
    await head.getByRole('button', { name: '저장', exact: true }).click();
    await head.getByText('저장했습니다.', { exact: true }).waitFor();
    const saved = await stack.db.query<{ achievements: string; progress: number }>(
      'SELECT achievements, progress FROM reports WHERE id = $1',
      [reportId],
    );
    expect(saved.rows[0]).toMatchObject({ achievements: typed });
  }, 120_000);

  it('staff ask the head to submit (결재 요청); the header tells the head, who finds it in 나의 업무 and in the notification centre', async () => {
    const staff = pages.staff;
    await staff.goto(`/reports/${reportId}`);
    await staff.getByRole('button', { name: '결재 요청', exact: true }).click();
    const ask = staff.getByRole('dialog', { name: '부서장에게 결재를 요청하시겠습니까?' });
    await ask.getByText('제출은 부서장이 하며', { exact: false }).waitFor();
    await ask.getByLabel('부서장에게 남길 말').fill('4분기 실적 작성을 마쳤습니다.');
    expect(describeViolations(await seriousViolations(staff))).toEqual([]);
    await ask.getByRole('button', { name: '결재를 요청합니다' }).click();
    await staff.getByText('부서장에게 결재를 요청했습니다.', { exact: true }).waitFor();
    await staff.getByRole('note', { name: '결재 요청 중' }).waitFor();
    expect(await staff.getByRole('button', { name: '결재 요청', exact: true }).count()).toBe(0);
    await screenshot(staff, 'report-approval-requested-staff');

    // The worker relays the request to the head's notifications.
    const notification = async () =>
      (
        await stack.db.query<{ id: string; read: boolean }>(
          `SELECT n.id, n.read_at IS NOT NULL AS read FROM notifications n JOIN users u ON u.id = n.recipient_id
            WHERE n.record_id = $1 AND n.rule LIKE 'report.approval%' AND u.email = $2`,
          [reportId, DEMO.head],
        )
      ).rows[0];
    for (let i = 0; i < 100 && !(await notification()); i++) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await notification()).toMatchObject({ read: false });

    const head = pages.head;
    await head.goto('/');
    const mine = head.getByRole('region', { name: /결재 요청된 이행실적/ });
    await mine.getByText('결재 요청', { exact: true }).waitFor();
    expect(await checkPage(head, 'my-work-approval-requested-head')).toEqual([]);
    const bell = head.getByRole('link', { name: /^알림\s*\d+\s*건 읽지 않음$/ });
    await bell.click();
    const row = head.getByRole('row').filter({ has: head.getByText('이행실적 결재 요청') });
    await row.getByText('새 알림').waitFor();
    await row.getByText('4분기 실적 작성을 마쳤습니다.', { exact: false }).waitFor();
    expect(await checkPage(head, 'notifications-unread-head')).toEqual([]);
    expect(await head.getByRole('button', { name: '모두 읽음으로 표시' }).isEnabled()).toBe(true);
    // Opening what it is about reads it.
    await row.getByRole('link').click();
    await head.waitForURL(`**/reports/${reportId}`);
    await head.getByRole('note', { name: '결재 요청 중' }).waitFor();
    await head.getByRole('button', { name: '결재 요청 돌려보내기' }).waitFor();
    expect(await notification()).toMatchObject({ read: true });

    // On a phone the count stays in view beside 메뉴.
    await head.setViewportSize({ width: 390, height: 844 });
    await head.goto('/notifications');
    await head.getByRole('button', { name: '메뉴', exact: true }).waitFor();
    await head.getByRole('link', { name: /^알림/ }).first().waitFor();
    await screenshot(head, 'notifications-phone-head');
    await head.setViewportSize({ width: 1366, height: 768 });
    await head.goto(`/reports/${reportId}`);
  }, 120_000);

  it('the head submits, once asked and told what follows', async () => {
    const head = pages.head;
    const ask = head.getByRole('dialog', { name: '이행실적을 제출하시겠습니까?' });
    await head.getByRole('button', { name: '제출', exact: true }).click();
    await ask
      .getByText('반려되기 전까지는 부서에서 수정할 수 없습니다', { exact: false })
      .waitFor();
    expect(describeViolations(await seriousViolations(head))).toEqual([]);
    await ask.getByRole('button', { name: '취소' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect((await state()).state).toBe('DRAFT');
    await head.getByRole('button', { name: '제출', exact: true }).click();
    await ask.getByRole('button', { name: '제출합니다' }).click();
    await head.getByText('제출했습니다.', { exact: true }).waitFor();
    expect((await state()).state).toBe('SUBMITTED');
  }, 120_000);

  it('the auditor finds it in the queue, cannot return it without a comment, returns it with one', async () => {
    const page = pages.auditor;
    await page.goto('/reports');
    expect(await checkPage(page, 'report-queue-auditor')).toEqual([]);
    await page.getByRole('link', { name: /2026-01 .* 2026-Q4 이행실적/ }).click();
    await page.waitForURL(`**/reports/${reportId}`);
    expect(await checkPage(page, 'report-review-auditor')).toEqual([]);

    await page.getByRole('button', { name: '반려', exact: true }).click();
    const comment = page.getByLabel('검토 의견', { exact: true });
    await page.locator('.form-hint-invalid').first().waitFor();
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    expect((await state()).state).toBe('SUBMITTED');
    await screenshot(page, 'report-return-without-comment');

    await comment.fill('상담 건수의 근거 자료(운행일지 외 상담대장)를 첨부해 주세요.');
    await page.getByRole('button', { name: '반려', exact: true }).click();
    await page.getByText('반려했습니다.', { exact: true }).waitFor();
    expect((await state()).state).toBe('RETURNED');
  }, 120_000);

  it('the department sees the comment, fixes the report and resubmits; the auditor accepts', async () => {
    const head = pages.head;
    await head.goto(`/reports/${reportId}`);
    await head.getByText('상담대장').first().waitFor();
    await screenshot(head, 'report-returned-head');
    await head
      .getByLabel('추진실적', { exact: true })
      .fill('복지버스 12회 운행, 상담 340건 (상담대장 첨부)');
    await head.getByRole('button', { name: '저장', exact: true }).click();
    await head.getByText('저장했습니다.', { exact: true }).waitFor();
    await head.getByRole('button', { name: '제출', exact: true }).click();
    await head.getByRole('button', { name: '제출합니다' }).click();
    await head.getByText('제출했습니다.', { exact: true }).waitFor();
    expect((await state()).state).toBe('SUBMITTED');

    const auditor = pages.auditor;
    await auditor.goto(`/reports/${reportId}`);
    await auditor.getByRole('button', { name: '승인', exact: true }).click();
    await auditor
      .getByRole('dialog', { name: '이행실적을 승인하시겠습니까?' })
      .getByRole('button', { name: '승인합니다' })
      .click();
    await auditor.getByText('승인했습니다.', { exact: true }).waitFor();
    await screenshot(auditor, 'report-accepted');
    const row = (
      await stack.db.query<{ state: string; resubmission_count: number }>(
        'SELECT state, resubmission_count FROM reports WHERE id = $1',
        [reportId],
      )
    ).rows[0];
    expect(row).toEqual({ state: 'ACCEPTED', resubmission_count: 1 });
  }, 120_000);

  it('they talk about it in comments: the auditor mentions the author, who is told, opens the comment and replies', async () => {
    const nameOf = async (email: string) =>
      (await stack.db.query<{ name: string }>('SELECT name FROM users WHERE email = $1', [email]))
        .rows[0].name;
    const [staffName, auditorName] = [await nameOf(DEMO.staff), await nameOf(DEMO.auditor)];

    const auditor = pages.auditor;
    await auditor.goto(`/reports/${reportId}`);
    const comments = auditor.getByRole('region', { name: /^댓글/ });
    await comments.getByLabel('댓글', { exact: true }).fill('운행일지 원본도 보관해 주세요.');
    await comments.getByLabel('언급할 사람 찾기').fill(staffName);
    await comments
      .getByRole('button', { name: new RegExp(`^${staffName} \\(.+\\) 언급$`) })
      .click();
    await comments.getByText(`@${staffName}`).waitFor();
    await comments.getByRole('button', { name: '댓글 등록' }).click();
    await auditor.getByText('댓글을 등록했습니다.', { exact: true }).waitFor();
    await comments.getByText(`언급한 사람: @${staffName}`).waitFor();
    expect(await checkPage(auditor, 'report-comment-auditor')).toEqual([]);

    const mention = async () =>
      (
        await stack.db.query<{ id: string }>(
          `SELECT n.id FROM notifications n JOIN users u ON u.id = n.recipient_id
            WHERE n.rule = 'comment.mention' AND u.email = $1`,
          [DEMO.staff],
        )
      ).rows[0];
    for (let i = 0; i < 100 && !(await mention()); i++) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await mention()).toBeDefined();

    const staff = pages.staff;
    await staff.goto('/notifications');
    const row = staff.getByRole('row').filter({ has: staff.getByText('댓글에서 언급') });
    await row.getByText('운행일지 원본도 보관해 주세요.', { exact: false }).waitFor();
    await row.getByRole('link').click();
    await staff.waitForURL(/\/reports\/.+#comment-/);
    const marked = staff.locator('.gw-comment--marked');
    await marked.getByText('운행일지 원본도 보관해 주세요.').waitFor();
    expect(await marked.isVisible()).toBe(true);

    await staff.getByRole('button', { name: `${auditorName}님의 댓글에 답글` }).click();
    await staff
      .getByLabel(`${auditorName}님의 댓글에 답글`)
      .fill('원본은 부서에서 보관하겠습니다.');
    await staff.getByRole('button', { name: '답글 등록' }).click();
    await staff.getByText('댓글을 등록했습니다.', { exact: true }).waitFor();
    const written = staff
      .locator('.gw-comment-replies .gw-comment')
      .filter({ hasText: '원본은 부서에서 보관하겠습니다.' });
    await written.waitFor();
    // By its id: while edited its text is in the form, not in the comment.
    const reply = staff.locator(`[id="${await written.getAttribute('id')}"]`);
    // The author may still fix it for a while.
    await reply.getByRole('button', { name: '수정' }).click();
    await reply.getByRole('textbox').fill('원본은 복지정책과에서 보관하겠습니다.');
    await reply.getByRole('button', { name: '수정 저장' }).click();
    await reply.getByText('원본은 복지정책과에서 보관하겠습니다.').waitFor();
    await reply.getByText('수정됨', { exact: false }).waitFor();
    expect(await checkPage(staff, 'report-comments-staff')).toEqual([]);
    await staff.setViewportSize({ width: 390, height: 844 });
    await screenshot(staff, 'report-comments-phone');
    await staff.setViewportSize({ width: 1366, height: 768 });
  }, 120_000);

  it('the dashboard counts the accepted report', async () => {
    expect(await acceptedOnDashboard()).toBe(acceptedBefore + 1);
    await screenshot(pages.office, 'dashboard-after-review');
  }, 120_000);
});
