import { DashboardsService } from '@gwaje/dashboards';
import { startApi, type TestApi, HttpClient } from './support/app.js';
import { Factory, login, TEST_PASSWORD } from './support/factory.js';
import { seoulToday } from './support/tasks.js';

// Issue 19, "proof through the front door": a district adopts Gwaje and enters last year's record
// (nine priority tasks, seven completed and two in progress, their quarterly reports with one
// returned and resubmitted and one submitted late) through the API only, starting from nothing but
// its first administrator (what `setup` creates). The dashboard of that year then reads every
// figure. Days are real calendar days of last year; "today" is the clock's.

const TODAY = seoulToday();
const P = Number(TODAY.slice(0, 4)) - 1;
const d = (monthDay: string) => `${P}-${monthDay}`;
const LATE = '지난해 실적을 Gwaje 도입 후 옮겨 적음';

describe('a district enters last year through the API (issue 19)', () => {
  const factory = new Factory();
  let api: TestApi;
  let http: HttpClient;

  const tokens: Record<string, string> = {};
  const users: Record<string, { id: string; email: string }> = {};
  const departments: Record<string, string> = {};
  let orgId: string;
  const tasks: Array<{ id: string; code: string; version: number; completeOn: string | null }> = [];
  let dueDates: Record<string, string>;

  function ok(res: { status: number; body: any }, want: number, what: string) {
    if (res.status !== want)
      throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`);
    return res.body;
  }

  beforeAll(async () => {
    api = await startApi();
    http = api.http;
    // The one record not made through the API: the organisation and its first administrator,
    // which `setup` creates on an empty installation.
    const org = await factory.org({ name: `가나구 ${Date.now()}` });
    orgId = org.id;
    const adminDept = await factory.dept(org.id, { name: '총무과' });
    const admin = await factory.user(adminDept, ['ADMIN']);
    const adminToken = (await login(http, admin)).accessToken;

    for (const [key, name, flags] of [
      ['office', '기획예산과', { isProactiveOffice: true }],
      ['audit', '감사담당관', { isAuditUnit: true }],
      ['edu', '교육지원과', {}],
      ['welfare', '복지정책과', {}],
      ['safety', '안전총괄과', {}],
    ] as const) {
      const dept = await ok(
        await http.post(
          '/api/v1/departments',
          { organisationId: org.id, name, kind: 'DIVISION', ...flags },
          { token: adminToken },
        ),
        201,
        `department ${name}`,
      );
      departments[key] = dept.id;
    }
    const people: Array<[string, string, string[]]> = [
      ['office', 'office', ['PROACTIVE_OFFICE']],
      ['auditor', 'audit', ['AUDITOR']],
      ['eduStaff', 'edu', ['STAFF']],
      ['eduHead', 'edu', ['DEPT_HEAD']],
      ['welfareStaff', 'welfare', ['STAFF']],
      ['welfareHead', 'welfare', ['DEPT_HEAD']],
      ['safetyStaff', 'safety', ['STAFF']],
      ['safetyHead', 'safety', ['DEPT_HEAD']],
    ];
    for (const [key, dept, roles] of people) {
      const email = `${key.toLowerCase()}-${Date.now()}@gana.go.kr`;
      const created = await ok(
        await http.post(
          '/api/v1/users',
          {
            departmentId: departments[dept],
            name: `${key} 담당`,
            email,
            grade: '행정7급',
            roles,
            password: TEST_PASSWORD,
          },
          { token: adminToken },
        ),
        201,
        `user ${key}`,
      );
      users[key] = { id: created.id, email };
      tokens[key] = (await login(http, { email, password: TEST_PASSWORD })).accessToken;
    }

    // Nine tasks of last year, drafted by the departments' staff; seven were completed.
    const plan: Array<[string, string, string | null]> = [
      ['edu', '통학로 안전 정비', d('11-28')],
      ['edu', '돌봄교실 확대', d('12-15')],
      ['edu', '방과후 학습 지원', null],
      ['welfare', '찾아가는 복지상담', d('10-30')],
      ['welfare', '긴급돌봄 지원체계', d('12-19')],
      ['welfare', '경로당 냉난방 개선', d('11-14')],
      ['safety', '침수 취약지역 차수판', d('10-16')],
      ['safety', '보행자 우선도로 지정', d('12-22')],
      ['safety', '재난문자 다국어화', null],
    ];
    for (const [dept, title, completeOn] of plan) {
      const created = await ok(
        await http.post(
          '/api/v1/tasks',
          {
            year: P,
            title,
            summary: `${title} 과제`,
            category: 'PROACTIVE',
            ownerId: users[`${dept}Staff`].id,
            goal: '주민 불편 해소',
            startDate: d('01-02'),
            dueDate: d('12-31'),
            milestones: [
              { title: '계획 수립', dueDate: d('03-31') },
              { title: '사업 추진', dueDate: d('09-30') },
            ],
          },
          { token: tokens[`${dept}Staff`] },
        ),
        201,
        `task ${title}`,
      );
      tasks.push({ id: created.id, code: created.code, version: created.version, completeOn });
    }

    // The office enters each task's life as it went: proposed, selected, started, completed.
    for (const t of tasks) {
      const steps: Array<[string, string, string?]> = [
        ['propose', d('01-10')],
        ['select', d('01-20')],
        ['start', d('02-03')],
        ...(t.completeOn
          ? [['complete', t.completeOn, '준공 및 결과보고 완료'] as [string, string, string]]
          : []),
      ];
      for (const [action, occurredOn, reason] of steps) {
        const moved = await ok(
          await http.post(
            `/api/v1/tasks/${t.id}/transitions`,
            { action, version: t.version, occurredOn, lateEntryReason: LATE, reason },
            { token: tokens.office },
          ),
          200,
          `${t.code} ${action}`,
        );
        t.version = moved.version;
      }
    }

    const calendar = await ok(
      await http.get(`/api/v1/reporting-calendars/${P}`, { token: tokens.office }),
      200,
      'calendar',
    );
    dueDates = Object.fromEntries(
      calendar.periods.map((p: { period: string; dueDate: string }) => [p.period, p.dueDate]),
    );
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await factory.close();
  });

  it('each task states its recorded days: completion date, flagged as entered later, both times in history', async () => {
    const done = tasks.find((t) => t.completeOn === d('11-28'))!;
    const detail = await ok(
      await http.get(`/api/v1/tasks/${done.id}`, { token: tokens.office }),
      200,
      'task',
    );
    expect(detail).toMatchObject({
      status: 'COMPLETED',
      completedOn: d('11-28'),
      enteredLater: true,
      progress: 100,
    });
    const history = await ok(
      await http.get(`/api/v1/tasks/${done.id}/history`, { token: tokens.eduHead }),
      200,
      'history',
    );
    const complete = history.find((h: any) => h.action === 'complete');
    expect(complete).toMatchObject({
      enteredLater: true,
      lateEntryReason: LATE,
      effectiveAt: new Date(`${d('11-28')}T00:00:00+09:00`).toISOString(),
      changes: {
        status: { from: 'IN_PROGRESS', to: 'COMPLETED' },
        completedOn: { from: null, to: d('11-28') },
      },
    });
    // Entered today, happened last year.
    expect(complete.occurredAt.slice(0, 4)).toBe(TODAY.slice(0, 4));
    expect(history.find((h: any) => h.action === 'create').enteredLater).toBe(false);
  });

  it('refuses back-dating that cannot be true, naming the field, and changes nothing', async () => {
    const open = tasks.find((t) => !t.completeOn)!;
    const before = await ok(
      await http.get(`/api/v1/tasks/${open.id}`, { token: tokens.office }),
      200,
      'task',
    );
    const attempt = (body: Record<string, unknown>) =>
      http.post(
        `/api/v1/tasks/${open.id}/transitions`,
        { action: 'complete', version: open.version, reason: '완료', ...body },
        { token: tokens.office },
      );
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [
        'a future day',
        { occurredOn: '2999-01-01', lateEntryReason: LATE },
        'occurredOn',
        'notInFuture',
      ],
      [
        'a day before the task’s year',
        { occurredOn: `${P - 1}-12-31`, lateEntryReason: LATE },
        'occurredOn',
        'withinYear',
      ],
      [
        'a completion before the start',
        { occurredOn: d('02-01'), lateEntryReason: LATE },
        'occurredOn',
        'notBeforePrevious',
      ],
      ['no reason for entering it late', { occurredOn: d('12-01') }, 'lateEntryReason', 'required'],
    ];
    for (const [what, body, field, code] of cases) {
      const res = await attempt(body);
      expect([what, res.status, res.body.details]).toEqual([
        what,
        400,
        [expect.objectContaining({ field, code })],
      ]);
    }
    const after = await ok(
      await http.get(`/api/v1/tasks/${open.id}`, { token: tokens.office }),
      200,
      'task',
    );
    expect(after).toMatchObject({
      status: 'IN_PROGRESS',
      version: before.version,
      completedOn: null,
    });
    // Only the office records other people's steps afterwards: the department's staff may not
    // complete (a DEPT_HEAD's step), back-dated or not.
    const staff = await http.post(
      `/api/v1/tasks/${open.id}/transitions`,
      {
        action: 'complete',
        version: open.version,
        reason: '완료',
        occurredOn: d('12-01'),
        lateEntryReason: LATE,
      },
      { token: tokens.eduStaff },
    );
    expect(staff.status).toBe(409);
  });

  it('builds the year: quarterly reports entered as they went, one returned and resubmitted, one late, one missing', async () => {
    const periods = [`${P}-Q1`, `${P}-Q2`, `${P}-Q3`, `${P}-Q4`];
    const periodEnd: Record<string, string> = {
      [`${P}-Q1`]: d('03-31'),
      [`${P}-Q2`]: d('06-30'),
      [`${P}-Q3`]: d('09-30'),
      [`${P}-Q4`]: d('12-31'),
    };
    const nextDay = (day: string) =>
      new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const addDays = (day: string, n: number) =>
      new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    let entered = 0;
    for (const [i, t] of tasks.entries()) {
      for (const period of periods) {
        const submitOn = nextDay(periodEnd[period]);
        const special =
          i === 0 && period === `${P}-Q2`
            ? 'returned'
            : i === 1 && period === `${P}-Q3`
              ? 'late'
              : i === 8 && period === `${P}-Q4`
                ? 'missing'
                : 'normal';
        if (special === 'missing') continue;
        const events =
          special === 'returned'
            ? [
                { action: 'submit', on: submitOn },
                { action: 'return', on: addDays(submitOn, 2), comment: '증빙 보완 필요' },
                { action: 'submit', on: addDays(submitOn, 6) },
                { action: 'accept', on: addDays(submitOn, 7) },
              ]
            : special === 'late'
              ? [
                  { action: 'submit', on: addDays(dueDates[period], 3) },
                  { action: 'accept', on: addDays(dueDates[period], 4) },
                ]
              : [
                  { action: 'submit', on: submitOn },
                  { action: 'accept', on: addDays(submitOn, 1) },
                ];
        const res = await http.post(
          '/api/v1/reports/past-records',
          {
            taskId: t.id,
            period,
            progress: 25 * (periods.indexOf(period) + 1),
            achievements: `${period} 추진실적`,
            events,
            lateEntryReason: LATE,
          },
          { token: tokens.office },
        );
        const report = await ok(res, 201, `${t.code} ${period}`);
        entered++;
        if (special === 'late')
          expect(report).toMatchObject({ timeliness: 'LATE', enteredLater: true });
        if (special === 'returned')
          expect(report).toMatchObject({
            status: 'ACCEPTED',
            timeliness: 'ON_TIME',
            resubmissionCount: 1,
            enteredLater: true,
          });
      }
    }
    expect(entered).toBe(35);

    // The missing one exists as expected and past due once the year's reports are generated.
    const generated = await ok(
      await http.post('/api/v1/reports/generate', { year: P }, { token: tokens.office }),
      200,
      'generate',
    );
    expect(generated).toEqual({ year: P, created: 1 });

    // The year's dashboard: compiled (as the worker does for the request) and read through HTTP.
    const requested = await http.post(
      '/api/v1/dashboards/compile',
      { year: P },
      { token: tokens.office },
    );
    expect(requested.status).toBe(202);
    await api.app.get(DashboardsService).compile(orgId, P, TODAY);
    const dashboard = await ok(
      await http.get(`/api/v1/dashboards?year=${P}`, { token: tokens.auditor }),
      200,
      'dashboard',
    );
    expect(dashboard.figures.tasks).toMatchObject({
      total: 9,
      priority: 9,
      completed: 7,
      inProgress: 2,
      completionRate: 77.8,
    });
    expect(dashboard.figures.reports).toEqual({
      expected: 36,
      due: 36,
      submitted: 35,
      onTime: 34,
      late: 1,
      missing: 1,
      awaitingReview: 0,
      accepted: 35,
      returned: 1,
      returnedNow: 0,
      onTimeRate: 94.4, // 34 / 36
    });
    const edu = dashboard.departments.find((x: any) => x.departmentId === departments.edu);
    expect(edu.reports).toMatchObject({ expected: 12, late: 1, returned: 1, onTimeRate: 91.7 });
  });

  it('refuses a past report that cannot be true, naming the step, and changes nothing', async () => {
    const t = tasks[2];
    const body = (events: unknown[], extra: Record<string, unknown> = {}) => ({
      taskId: t.id,
      period: `${P}-Q1`,
      progress: 10,
      achievements: '실적',
      events,
      lateEntryReason: LATE,
      ...extra,
    });
    // Already entered above: an untouched report only.
    const again = await http.post(
      '/api/v1/reports/past-records',
      body([{ action: 'submit', on: d('04-01') }]),
      { token: tokens.office },
    );
    expect(again.status).toBe(409);
    const cases: Array<[string, unknown[], Record<string, unknown>, string, string]> = [
      [
        'an acceptance before the submission',
        [
          { action: 'submit', on: d('07-05') },
          { action: 'accept', on: d('07-04') },
        ],
        {},
        'events.1.on',
        'notBeforePrevious',
      ],
      ['a future day', [{ action: 'submit', on: '2999-01-01' }], {}, 'events.0.on', 'notInFuture'],
      [
        'a step the workflow does not allow',
        [{ action: 'accept', on: d('07-05') }],
        {},
        'events.0.action',
        'notAfterPrevious',
      ],
      [
        'a return without its comment',
        [
          { action: 'submit', on: d('07-05') },
          { action: 'return', on: d('07-06') },
        ],
        {},
        'events.1.comment',
        'required',
      ],
      [
        'a period of another year',
        [{ action: 'submit', on: d('07-05') }],
        { period: `${P + 1}-Q2` },
        'period',
        'otherYear',
      ],
    ];
    const before = await ok(
      await http.get(`/api/v1/reports?taskId=${t.id}&limit=50`, { token: tokens.office }),
      200,
      'reports',
    );
    for (const [what, events, extra, field, code] of cases) {
      const res = await http.post(
        '/api/v1/reports/past-records',
        body(events, { period: `${P}-Q2`, ...extra }),
        {
          token: tokens.office,
        },
      );
      expect([what, res.status, res.body.details?.map((x: any) => [x.field, x.code])]).toEqual([
        what,
        400,
        expect.arrayContaining([[field, code]]),
      ]);
    }
    const missingReason = await http.post(
      '/api/v1/reports/past-records',
      { ...body([{ action: 'submit', on: d('07-05') }]), lateEntryReason: ' ' },
      { token: tokens.office },
    );
    expect(missingReason.status).toBe(400);
    const after = await ok(
      await http.get(`/api/v1/reports?taskId=${t.id}&limit=50`, { token: tokens.office }),
      200,
      'reports',
    );
    expect(after).toEqual(before);
    // Not the office: 403, whoever it is.
    const staff = await http.post(
      '/api/v1/reports/past-records',
      body([{ action: 'submit', on: d('07-05') }], { period: `${P}-Q2` }),
      { token: tokens.eduHead },
    );
    expect(staff.status).toBe(403);
  });

  it('a consultation about a last-year task counts in that year', async () => {
    const t = tasks[0];
    const created = await ok(
      await http.post(
        '/api/v1/consultations',
        {
          subject: '통학로 정비 보상 기준',
          facts: '사실관계',
          question: '질의',
          taskId: t.id,
        },
        { token: tokens.eduStaff },
      ),
      201,
      'consultation',
    );
    expect(created.year).toBe(P);
  });
});
