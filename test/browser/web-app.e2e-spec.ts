import type { Browser, Locator, Page } from 'playwright-core';
import {
  checkPage,
  describeViolations,
  expectContent,
  expectNoErrorBanner,
  login,
  newContext,
  screenshot,
  seriousViolations,
  startStackAndBrowser,
} from './support/browser.js';
import { apiAs, DEMO, type WebStack } from './support/web-stack.js';

/**
 * The web app in Debian's Chromium, served by the built API with the demo data: every page renders
 * for the roles that use it with no serious accessibility violation (axe-core), and the screenshots
 * of each are kept in test-results/screenshots.
 */
describe('web app in a real browser', () => {
  let stack: WebStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await startStackAndBrowser();
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...tabs.values()].map((tab) => tab.context().close()));
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  // One signed-in tab per person (a browser context of its own, whose refresh cookie holds the
  // session), reused across tests: logging in for every page would run into the login rate limit.
  const tabs = new Map<string, Page>();
  const pageAs = async (email: string): Promise<Page> => {
    const open = tabs.get(email);
    if (open) return open;
    const page = await (await newContext(browser, stack.url)).newPage();
    await login(page, email);
    tabs.set(email, page);
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
    await page.goto('/');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'My work' }));
    // A page opened in English brings its English (fetched on demand), and so does a new visit.
    await page.getByRole('link', { name: 'Tasks', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Priority tasks' }));
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Priority tasks' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: /한국어/ }).click();
    await page.getByRole('navigation', { name: '주 메뉴' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await expectVisible(page.getByRole('heading', { level: 1, name: '중점과제', exact: true }));
  }, 120_000);

  // The demo's records (DemoSeed in libs/*/src/demo), which a page shows only when it loaded its data.
  const BOKJI_BUS = "찾아가는 복지상담 '노원 복지버스' 운영"; // 복지정책과's task of this year, staff's
  const FOOD_TRUCK = '공원 내 푸드트럭 영업 허가 절차'; // 복지정책과's draft pre-consultation
  const SCHOOL_ROUTE = '통학로 보도 설치를 위한 사유지 일시 사용 보상 기준'; // under the auditor's review
  const link = (name: string | RegExp) => (page: Page) => page.getByRole('link', { name });
  const rows = (table: string | RegExp) => (page: Page) =>
    page.getByRole('table', { name: table }).locator('tbody tr');
  const row = (table: string | RegExp, text: string | RegExp) => (page: Page) =>
    rows(table)(page).filter({ hasText: text });
  /** A My Work section's heading with its count, which it shows once its list has loaded. */
  const counted = (section: string) => (page: Page) =>
    page.getByRole('heading', { level: 2, name: new RegExp(`^${section} \\d+건$`) });
  /** A dashboard figure (a dt/dd pair) of a key-figure card: a number once the snapshot loaded. */
  const figure = (card: string, label: string) => (page: Page) =>
    page
      .locator('.gw-card', { has: page.getByRole('heading', { name: card, exact: true }) })
      .locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd')
      .filter({ hasText: /\d/ });
  /** A form field's label, with the screen readers' "(필수)" of a required field. */
  const required = (label: string) => new RegExp(`^${label}( \\(필수\\))?$`);
  const dashboard = [
    figure('중점과제', '완료율'),
    figure('이행실적', '승인'),
    figure('사전컨설팅', '요청'),
    (page: Page) => page.getByRole('heading', { name: '세부 목록', exact: true }),
  ];

  /** Each page as a role, with what it shows only when its data loaded. */
  const TOUR: Array<[string, keyof typeof DEMO, string, Array<(page: Page) => Locator>]> = [
    [
      'my-work-staff',
      'staff',
      '/',
      [
        counted('내가 담당하는 과제'),
        link(BOKJI_BUS),
        counted('제출할 이행실적'),
        link(FOOD_TRUCK),
      ],
    ],
    ['tasks', 'staff', '/tasks', [row(/^중점과제 목록/, BOKJI_BUS), link(BOKJI_BUS)]],
    ['reports-staff', 'staff', '/reports', [row(/^이행실적 목록/, BOKJI_BUS)]],
    ['consultations-staff', 'staff', '/consultations', [link(FOOD_TRUCK)]],
    [
      'consultation-new',
      'head',
      '/consultations/new',
      [
        (page) => page.getByRole('textbox', { name: required('제목') }),
        (page) => page.getByRole('textbox', { name: required('사실관계') }),
        (page) => page.getByRole('textbox', { name: required('질의 내용') }),
      ],
    ],
    [
      'notifications',
      'staff',
      '/notifications',
      [
        (page) =>
          page
            .getByRole('table', { name: /^받은 알림/ })
            .or(page.getByText('받은 알림이 없습니다.')),
        (page) => page.getByLabel('하루 한 번 모아서 받기'),
        (page) => page.getByRole('button', { name: '알림 설정 저장' }),
      ],
    ],
    [
      'calendar',
      'staff',
      '/calendar',
      [
        (page) => page.getByRole('table', { name: /일정 \(서울 시각\)$/ }),
        (page) => page.getByRole('button', { name: '목록으로 보기' }),
        (page) => page.getByRole('button', { name: '구독 주소 만들기' }),
      ],
    ],
    ['dashboards-staff', 'staff', '/dashboards', dashboard],
    [
      'my-work-auditor',
      'auditor',
      '/',
      [counted('검토할 이행실적'), counted('나에게 배정된 사전컨설팅'), link(SCHOOL_ROUTE)],
    ],
    ['reports-auditor', 'auditor', '/reports', [row(/^이행실적 목록/, BOKJI_BUS)]],
    ['consultations-auditor', 'auditor', '/consultations', [link(SCHOOL_ROUTE)]],
    ['dashboards-auditor', 'auditor', '/dashboards', dashboard],
    ['evaluations', 'office', '/evaluations', [link(/^\d{4}년 적극행정 우수공무원 선발$/)]],
    [
      'admin',
      'office',
      '/admin',
      [
        (page) => page.getByLabel('비밀번호 최소 길이'),
        (page) => page.getByRole('button', { name: '설정 저장' }),
      ],
    ],
    ['my-work-committee', 'committee', '/', [counted('채점할 후보')]],
    [
      'admin-organisations',
      'admin',
      '/admin/organisations',
      [row(/^기관 목록/, '노원구'), row(/^기관 목록/, '최상위 기관')],
    ],
    [
      'admin-organisation-new',
      'admin',
      '/admin/organisations/new',
      [
        (page) => page.getByRole('combobox', { name: '상위 기관' }),
        // The system administrator's hint: no parent makes a top-level organisation.
        (page) =>
          page.getByText('비워 두면 최상위 기관(상위 기관 없음)이 됩니다.', { exact: false }),
      ],
    ],
    [
      'imports',
      'office',
      '/admin/imports',
      [
        (page) => page.getByRole('radio', { name: '중점과제와 단계별 계획' }),
        (page) => page.getByRole('button', { name: '양식 내려받기(XLSX)' }),
        (page) => page.getByRole('button', { name: '미리 보기' }),
      ],
    ],
  ];

  it.each(TOUR)(
    'page %s shows its data for %s, no error banner and no serious accessibility violation',
    async (name, who, path, contents) => {
      const page = await pageAs(DEMO[who]);
      await page.goto(path);
      for (const content of contents) await expectContent(page, content(page));
      expect(await checkPage(page, name)).toEqual([]);
      await expectNoErrorBanner(page);
    },
    120_000,
  );

  it('the office previews a tasks file, reads its errors by row and column, then imports it corrected', async () => {
    const page = await pageAs(DEMO.office);
    const staff = await apiAs(stack, DEMO.staff);
    const me = await staff.call('GET', '/api/v1/me');
    const year = new Date().getFullYear() + 1;
    const file = (start: string) => ({
      name: 'tasks.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `\ufeff과제번호,연도,과제명,분야,주관부서,주담당자 이메일,시작일,종료일\r\n` +
          `,${year},가져오기 시험 과제,적극행정,${me.departmentName},${DEMO.staff},${start},${year}-12-31\r\n`,
      ),
    });
    await page.goto('/admin/imports');
    await page.getByRole('radio', { name: '중점과제와 단계별 계획' }).check();
    await page.getByLabel('파일').setInputFiles(file(`${year}-02-30`));
    await page.getByRole('button', { name: '미리 보기' }).click();
    const errors = page.getByRole('table', { name: /^오류 목록/ });
    await errors.waitFor();
    const line = await errors.getByRole('row').nth(1).innerText();
    expect(line).toContain('2');
    expect(line).toContain('시작일');
    expect(await checkPage(page, 'imports-errors')).toEqual([]);

    await page.getByLabel('파일').setInputFiles(file(`${year}-01-02`));
    await page.getByRole('button', { name: '미리 보기' }).click();
    await page.getByRole('table', { name: /^행별 결과/ }).waitFor();
    await page.getByRole('button', { name: '가져오기', exact: true }).click();
    await page.getByText('가져왔습니다.').waitFor();
    expect(await checkPage(page, 'imports-done')).toEqual([]);
    await expectNoErrorBanner(page);
  }, 120_000);

  it('a committee member finds the sheet they owe, is told what is wrong, and scores', async () => {
    // A round in scoring with one verified nomination and the demo's committee member.
    const [office, committee, staff] = await Promise.all([
      apiAs(stack, DEMO.office),
      apiAs(stack, DEMO.committee),
      apiAs(stack, DEMO.staff),
    ]);
    const round = await office.call('POST', '/api/v1/evaluation-rounds', {
      kind: 'FIRST_HALF',
      year: 2026,
      title: '2026 상반기 적극행정 우수공무원 선발',
      nominationsOpen: '2026-06-01',
      nominationsClose: '2026-06-20',
      scoringDue: '2026-07-05',
      resolutionDate: '2026-07-12',
    });
    const nomination = await office.call(
      'POST',
      `/api/v1/evaluation-rounds/${round.id}/nominations`,
      {
        type: 'OFFICIAL',
        source: 'CITIZEN',
        title: '찾아가는 복지상담으로 복지 사각지대 발굴',
        nomineeUserIds: [staff.user.id],
        taskIds: [],
        narrative: '주민 추천 공적입니다.',
      },
    );
    await office.call('POST', `/api/v1/nominations/${nomination.id}/decision`, {
      decision: 'verify',
      version: nomination.version,
    });
    await office.call('PUT', `/api/v1/evaluation-rounds/${round.id}/members`, {
      memberIds: [committee.user.id],
    });
    // The criteria pass the demo's standing committee first (지방 13조②): every sitting member
    // attends and the office records their votes from the minutes.
    const sitting: string[] = (await office.call('GET', '/api/v1/committee')).members.map(
      (m: any) => m.userId,
    );
    const meeting = await office.call('POST', '/api/v1/committee/meetings', {
      title: '2026년 상반기 평가 기준 심의',
      meetingDate: '2026-06-25',
      kind: 'IN_PERSON',
    });
    await office.call('POST', `/api/v1/committee/meetings/${meeting.id}/hold`, {
      version: meeting.version,
      attendeeIds: sitting,
    });
    const criteria = await office.call(
      'POST',
      `/api/v1/committee/meetings/${meeting.id}/agenda-items`,
      { subjectKind: 'EVALUATION_CRITERIA', subjectId: round.id },
    );
    for (const memberId of sitting) {
      await office.call('PUT', `/api/v1/committee/agenda-items/${criteria.id}/votes`, {
        vote: 'FOR',
        memberId,
      });
    }
    await office.call('POST', `/api/v1/committee/agenda-items/${criteria.id}/resolution`, {
      version: criteria.version,
    });
    await office.call('POST', `/api/v1/evaluation-rounds/${round.id}/start-scoring`);

    const page = await pageAs(DEMO.committee);
    await page.goto('/');
    await page.getByRole('link', { name: /찾아가는 복지상담으로 복지 사각지대 발굴/ }).click();
    await page.waitForURL(`**/nominations/${nomination.id}`);
    expect(await checkPage(page, 'nomination-scoring')).toEqual([]);

    const citizenImpact = page.getByLabel('국민체감도 (0~40점)');
    await citizenImpact.fill('45');
    await page.getByLabel('적극성 (0~20점)').fill('18');
    await page.getByLabel('창의성·전문성 (0~20점)').fill('17');
    await page.getByLabel('난이도 (0~10점)').fill('8');
    await page.getByLabel('확산가능성 (0~10점)').fill('9');
    await page.getByRole('button', { name: '채점 저장' }).click();
    await page.getByText('0부터 40까지(소수 둘째 자리까지)입니다.').first().waitFor();
    expect(await citizenImpact.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'nomination-scoring-invalid');
    const none = await stack.db.query('SELECT 1 FROM evaluation_scores WHERE nomination_id = $1', [
      nomination.id,
    ]);
    expect(none.rowCount).toBe(0);

    await citizenImpact.fill('37.5');
    await page.getByRole('button', { name: '채점 저장' }).click();
    await page.getByText('채점표를 저장했습니다.', { exact: true }).waitFor();
    await screenshot(page, 'nomination-scored');
    const progress = await office.call('GET', `/api/v1/evaluation-rounds/${round.id}/progress`);
    expect(JSON.stringify(progress)).toContain('"sheetsScored":1');
  }, 180_000);

  it('the yearly programme pages show the demo and take an action: education, 국민신청, 소극행정 신고, 실행계획, 면책, 추진실적', async () => {
    // The demo (libs/programme/src/*/…-demo.seed.ts): two sessions, three 국민신청 of this year
    // (one under review), two 소극행정 reports (one concluded, one just received), last year's
    // report submitted and this year's a draft.
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(
        new Date(),
      ),
    );
    const visit = async (page: Page, name: string) => {
      expect(await checkPage(page, name)).toEqual([]);
      await expectNoErrorBanner(page);
    };
    const office = await pageAs(DEMO.office);
    await office.getByRole('link', { name: '적극행정 운영', exact: true }).click();
    await office.waitForURL('**/action-plans');
    // The action plan of the year (approved in the demo) with its four directions.
    await office
      .getByRole('link', { name: /실행계획/ })
      .filter({ hasText: String(year) })
      .first()
      .click();
    await office.waitForURL('**/action-plans/*');
    await expectContent(office, office.getByRole('heading', { name: /추진체계 정비 및 교육/ }));
    await expectContent(
      office,
      row(/추진체계 정비 및 교육의 세부 추진과제/, '전 직원 적극행정 교육')(office),
    );
    await expectVisible(office.getByRole('button', { name: '엑셀(XLSX) 내려받기' }));
    await visit(office, 'programme-action-plan');

    await office
      .getByRole('navigation', { name: '적극행정 운영 하위 메뉴' })
      .getByRole('link', { name: '교육', exact: true })
      .click();
    await office.waitForURL('**/education');
    await expectContent(office, row(/^\d{4}년 교육 목록/, '적극행정 전 직원 교육')(office));
    await expectContent(office, row(/^\d{4}년 교육 목록/, '적극행정 리더십 과정(부서장)')(office));
    await expectVisible(office.getByRole('button', { name: '교육 등록' }));
    await visit(office, 'programme-education');
    await office.getByRole('link', { name: '적극행정 전 직원 교육' }).click();
    await office.waitForURL('**/education/sessions/*');
    await expectContent(office, rows(/^참석자 목록/)(office).first());
    await expectVisible(office.getByRole('button', { name: '양식 내려받기(XLSX)' }));
    await visit(office, 'programme-education-session');

    await office.goto(`/education/completion?year=${year}`);
    await expectContent(office, office.getByRole('heading', { name: '나의 이수 현황' }));
    await expectContent(office, rows(/부서별 교육 참여 순위/)(office).first());
    await expectContent(office, row(/부서별 이수율$/, '복지정책과')(office));
    await visit(office, 'programme-education-completion');

    await office.goto('/citizen-applications');
    await expectContent(office, link(`${year}-국민신청-003`)(office));
    expect(await rows(/^국민신청 목록/)(office).count()).toBe(3);
    await expectVisible(office.getByRole('button', { name: '국민신청 등록' }));
    await visit(office, 'programme-citizen-applications');

    // The department reviewing application 003 records a review note.
    const staff = await pageAs(DEMO.staff);
    await staff.goto('/citizen-applications');
    await staff.getByRole('link', { name: `${year}-국민신청-003` }).click();
    await staff.waitForURL('**/citizen-applications/*');
    await expectContent(staff, staff.getByText('윤서영'));
    await staff.getByRole('button', { name: '검토 의견 기록' }).click();
    const dialog = staff.getByRole('dialog', { name: '검토 의견 기록' });
    await dialog.getByRole('button', { name: '검토 의견 기록' }).click();
    await expectVisible(dialog.getByRole('alert').first());
    await dialog
      .getByRole('textbox', { name: required('검토 의견') })
      .fill('온라인 신청 기능은 내년 누리집 개편 때 반영 가능함');
    await dialog.getByRole('button', { name: '검토 의견 기록' }).click();
    await staff.getByText('처리했습니다: 검토 의견 기록').waitFor();
    await expectContent(
      staff,
      staff.getByText('온라인 신청 기능은 내년 누리집 개편 때 반영 가능함').first(),
    );
    await visit(staff, 'programme-citizen-application-reviewed');

    const auditor = await pageAs(DEMO.auditor);
    await auditor.goto('/passive-reports');
    await expectContent(auditor, link('소극-데모-001')(auditor));
    await expectContent(auditor, row(/^소극행정 신고 목록/, '소극-데모-002')(auditor));
    await visit(auditor, 'programme-passive-reports');
    await auditor.getByRole('link', { name: '소극-데모-002' }).click();
    await auditor.waitForURL('**/passive-reports/*');
    await expectContent(auditor, auditor.getByRole('button', { name: '조사자 지정' }));
    await expectContent(auditor, auditor.getByText('내부 신고'));
    await visit(auditor, 'programme-passive-report');

    // The 면책 register (two demo cases of the last quarter that ended) and its report to 감사원.
    await auditor.goto('/exemptions');
    await expectContent(auditor, link('보조금 정산 지연에 따른 이자 미징수')(auditor));
    await auditor.getByRole('link', { name: '비전센터 운영 위탁 시 공개모집 생략' }).click();
    await auditor.waitForURL('**/exemptions/*');
    await expectContent(auditor, row('면책 요건 검토표', '공공의 이익을 위한 업무 처리')(auditor));
    await expectContent(auditor, auditor.getByText('의견대로 처리 — 면책 추정'));
    await visit(auditor, 'programme-exemption');
    await auditor.getByRole('link', { name: '적극행정 면책', exact: true }).click();
    await auditor.getByRole('link', { name: '감사원 분기 보고' }).click();
    await auditor.waitForURL('**/exemption-reports');
    await expectContent(auditor, auditor.getByText('제출 완료').first());
    await expectContent(
      auditor,
      row(/분기 면책 결정 목록$/, '비전센터 운영 위탁 시 공개모집 생략')(auditor),
    );
    await visit(auditor, 'programme-exemption-report');

    await office.goto(`/annual-reports?year=${year - 1}`);
    await expectContent(office, office.getByText('제출 완료').first());
    await expectContent(office, office.getByRole('table', { name: /중점과제/ }).first());
    await office.goto(`/annual-reports?year=${year}`);
    await expectContent(office, office.getByText('작성 중').first());
    await expectVisible(office.getByRole('button', { name: 'PDF 내려받기' }));
    await office.getByRole('button', { name: '다시 생성(새 판)' }).click();
    await office.getByText(new RegExp(`^${year}년 추진실적 \\d+판을 생성했습니다\\.$`)).waitFor();
    await expectContent(office, office.getByText('하위 기관이 없습니다.'));
    await visit(office, 'programme-annual-report');

    // 서울특별시 (the system administrator's organisation) sees 노원구's submitted report beside
    // its other subordinates'.
    const admin = await pageAs(DEMO.admin);
    await admin.goto(`/annual-reports?year=${year - 1}`);
    const side = admin.getByRole('table', { name: `${year - 1}년 하위 기관 추진실적 비교` });
    await expectContent(admin, side.getByRole('columnheader', { name: /노원구/ }));
    await expectContent(admin, side.getByRole('row', { name: /선정 과제/ }));
    await visit(admin, 'programme-annual-report-subordinates');
  }, 180_000);

  it('the system administrator declares a national holiday, sees what it moved, and withdraws it (issue 25)', async () => {
    const admin = await pageAs(DEMO.admin);
    await admin.goto('/admin/holidays');
    const main = admin.getByRole('main');
    await expectContent(admin, main.getByText(/공휴일 자료: 2027-12-31까지/));
    expect(await checkPage(admin, 'admin-holidays')).toEqual([]);

    const form = main.getByRole('form', { name: '공휴일·휴무일 지정' });
    await form.getByText('전국 공휴일 (모든 기관)').click();
    // A past day: the server's message stands next to the date, nothing is declared.
    await form.locator('input[name="date"]').fill('2026-01-05');
    await form.locator('input[name="name"]').fill('임시공휴일');
    await form.locator('input[name="basis"]').fill('관보 제00000호');
    await form.locator('textarea[name="reason"]').fill('정부 발표');
    await form.getByRole('button', { name: '지정하기' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: '지정하기' }).click();
    await expectVisible(
      form.locator('.form-hint-invalid', { hasText: /^지난 날짜의 휴일은 지정하거나 철회할 수/ }),
    );

    // A day ahead: confirmed with what it will do, then listed with what it moved.
    await form.locator('input[name="date"]').fill('2027-12-29');
    await form.getByRole('button', { name: '지정하기' }).click();
    const confirm = admin.getByRole('dialog');
    await expectVisible(confirm.getByText(/2027-12-29을\(를\) 휴일로 지정하면/));
    await confirm.getByRole('button', { name: '지정하기' }).click();
    await expectVisible(main.getByText(/^지정했습니다\. 기한 \d+건이 옮겨졌습니다\.$/));
    const table = main.getByRole('table', { name: '지정한 공휴일과 휴무일' });
    const row = table.getByRole('row', { name: /2027-12-29/ });
    await expectVisible(row.getByText('전국 공휴일'));
    await expectVisible(row.getByText('지정됨'));
    expect(await checkPage(admin, 'admin-holidays-declared')).toEqual([]);

    // Withdrawn with a reason: listed as such, nothing left to withdraw.
    await row.getByRole('button', { name: '철회' }).click();
    const dialog = admin.getByRole('dialog', { name: /2027-12-29 임시공휴일 철회/ });
    await dialog.locator('textarea[name="reason"]').fill('발표 정정');
    expect(describeViolations(await seriousViolations(admin))).toEqual([]);
    await dialog.getByRole('button', { name: '철회하기' }).click();
    await expectVisible(main.getByText(/^철회했습니다\. 기한 \d+건이 다시 계산되었습니다\.$/));
    await expectVisible(row.getByText('철회됨'));
    expect(await row.getByRole('button', { name: '철회' }).count()).toBe(0);

    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, 'admin-holidays-phone');
    await admin.setViewportSize({ width: 1366, height: 768 });
  }, 120_000);
});

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}
