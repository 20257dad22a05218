import { jest } from '@jest/globals';
import {
  DeclaredDays,
  nthBusinessDayAfter,
  nthBusinessDayBefore,
  parsePeriod,
} from '@gwaje/calendar';
import { useTestApi } from './support/app.js';
import { consultationInState, consultationWorld } from './support/consultations.js';
import { login } from './support/factory.js';
import { activeTaskSince, openReport } from './support/reports.js';
import { seoulToday, type TaskWorld, taskWorld } from './support/tasks.js';

/**
 * Issue 25: declared national holidays and organisation closures move the open deadlines they
 * shift (with history and reminders following), withdrawing moves them back, the business-day
 * calendar says where each day comes from, and the holiday data's horizon warns in time.
 *
 * Declarations are global to the worker's database: every one made here is withdrawn again
 * (afterAll withdraws what a failed test left), so suites after this one see none.
 */
const DECLARED = '/api/v1/calendar/declared-days';
const PACKAGE_ONLY = { declared: new DeclaredDays(), organisationId: null };

describe('declared holidays and closures (issue 25)', () => {
  const { http, factory } = useTestApi();
  let a: TaskWorld;
  let b: TaskWorld;
  let system: string;
  const made = new Set<string>();

  // The current quarter's report: it ends today or later, so its whole count lies ahead.
  const today = seoulToday();
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const period = parsePeriod(`${today.slice(0, 4)}-Q${quarter}`)!;
  /** The first business day after the period: inside every report's count of 5. */
  const inside = nthBusinessDayAfter(period.end, 1, PACKAGE_ONLY);
  const due = nthBusinessDayAfter(period.end, 5, PACKAGE_ONLY);
  /** Where the due date lands with `inside` closed: one business day on. */
  const later = nthBusinessDayAfter(due, 1, PACKAGE_ONLY);
  let reportA: any;
  let reportB: any;

  beforeAll(async () => {
    [a, b] = await Promise.all([taskWorld(http, factory), taskWorld(http, factory)]);
    const root = await factory.org({ name: '행정안전부(테스트)' });
    const dept = await factory.dept(root.id);
    const admin = await factory.user(dept, ['ADMIN'], { systemAdministrator: true });
    system = (await login(http, admin)).accessToken;
    for (const w of [a, b]) {
      const task = await activeTaskSince(w, factory, period.start);
      const report = await openReport(http, w.owner.token, task.id, period.period);
      if (w === a) reportA = report;
      else reportB = report;
    }
  }, 60_000);

  // After each test (the API is closed by afterAll): a failed test leaves nothing declared.
  afterEach(async () => {
    for (const id of made) {
      await http.post(`${DECLARED}/${id}/withdraw`, { reason: '테스트 정리' }, { token: system });
      made.delete(id);
    }
  });

  const declare = async (token: string, body: Record<string, unknown>) => {
    const res = await http.post(
      DECLARED,
      { name: '임시공휴일', basis: '관보 제0000호', reason: '테스트 지정', ...body },
      { token },
    );
    if (res.status === 201) made.add(res.body.declaration.id);
    return res;
  };
  const withdraw = async (token: string, id: string, reason = '발표 정정') => {
    const res = await http.post(`${DECLARED}/${id}/withdraw`, { reason }, { token });
    if (res.status === 200) made.delete(id);
    return res;
  };
  const dueOf = async (w: TaskWorld, id: string) =>
    (await http.get(`/api/v1/reports/${id}`, { token: w.owner.token })).body.dueDate;
  const dryRun = async (w: TaskWorld, date: string) => {
    const res = await http.post(
      '/api/v1/notifications/run',
      { date, dryRun: true },
      { token: w.office.token },
    );
    expect(res.status).toBe(202);
    // What each rule would make (a rule with nothing due may be listed with 0 or left out).
    const rules = res.body.rules as Record<string, number>;
    return (rule: string) => rules[rule] ?? 0;
  };
  const day = async (token: string, date: string) => {
    const res = await http.get(`/api/v1/calendar/business-days?from=${date}&to=${date}`, {
      token,
    });
    expect(res.status).toBe(200);
    return res.body.days[0];
  };

  it('a national holiday moves every organisation’s report and its reminders; withdrawing moves them back', async () => {
    expect(reportA.dueDate).toBe(due);
    const dayBefore = nthBusinessDayBefore(due, 1, PACKAGE_ONLY);
    expect((await dryRun(a, dayBefore))('report.due-1')).toBe(2); // owner and head

    const res = await declare(system, { scope: 'NATIONAL', date: inside });
    expect(res.status).toBe(201);
    const id = res.body.declaration.id;
    expect(res.body.declaration).toMatchObject({
      scope: 'NATIONAL',
      organisation: null,
      date: inside,
      name: '임시공휴일',
      basis: '관보 제0000호',
      withdrawable: true,
    });
    // This suite's two reports at least (other suites' open reports in the database move too).
    expect(res.body.moved.byRecordType.report).toBeGreaterThanOrEqual(2);
    expect(await dueOf(a, reportA.id)).toBe(later);
    expect(await dueOf(b, reportB.id)).toBe(later);

    // The report's history says why its due date changed.
    const history = await http.get(`/api/v1/reports/${reportA.id}/history`, {
      token: a.owner.token,
    });
    const moved = history.body.find((h: any) => h.action === 'dueDateMoved');
    expect(moved).toMatchObject({ changes: { dueDate: { from: due, to: later } } });
    expect(moved.reason).toContain(`${inside} 임시공휴일 공휴일 지정`);

    // The calendar says so, with the declaration; reminders follow: D-1 is now the old due date.
    expect(await day(a.staff.token, inside)).toMatchObject({
      businessDay: false,
      source: 'declared',
      declarationId: id,
      declaredFor: 'national',
      holidays: ['임시공휴일'],
    });
    expect((await dryRun(a, dayBefore))('report.due-1')).toBe(0);
    expect((await dryRun(a, due))('report.due-1')).toBe(2);

    // Declared twice: 409, nothing changes.
    expect((await declare(system, { scope: 'NATIONAL', date: inside })).status).toBe(409);

    const back = await withdraw(system, id);
    expect(back.status).toBe(200);
    expect(back.body.declaration).toMatchObject({
      withdrawalReason: '발표 정정',
      withdrawable: false,
    });
    expect(back.body.declaration.withdrawnAt).not.toBeNull();
    expect(back.body.moved.byRecordType.report).toBeGreaterThanOrEqual(2);
    expect(await dueOf(a, reportA.id)).toBe(due);
    expect(await dueOf(b, reportB.id)).toBe(due);
    expect((await dryRun(a, dayBefore))('report.due-1')).toBe(2);
    expect(await day(a.staff.token, inside)).toMatchObject({ businessDay: true, source: null });
    // Withdrawn once: 409.
    expect((await withdraw(system, id)).status).toBe(409);
  });

  it("an organisation's closure moves only its own deadlines", async () => {
    const res = await declare(a.admin.token, {
      scope: 'ORGANISATION',
      date: inside,
      name: '재량휴업일',
    });
    expect(res.status).toBe(201);
    expect(res.body.declaration.organisation).toMatchObject({ id: a.org.id });
    expect(await dueOf(a, reportA.id)).toBe(later);
    expect(await dueOf(b, reportB.id)).toBe(due);
    expect(await day(a.staff.token, inside)).toMatchObject({
      businessDay: false,
      source: 'declared',
      declaredFor: 'organisation',
    });
    expect(await day(b.staff.token, inside)).toMatchObject({ businessDay: true, source: null });

    // B's administrator can neither see nor withdraw it; A's staff cannot withdraw it.
    expect((await withdraw(b.admin.token, res.body.declaration.id)).status).toBe(404);
    expect((await withdraw(a.staff.token, res.body.declaration.id)).status).toBe(403);
    const listed = await http.get(`${DECLARED}?year=${inside.slice(0, 4)}`, {
      token: b.admin.token,
    });
    expect(listed.body.items.map((d: any) => d.id)).not.toContain(res.body.declaration.id);

    expect((await withdraw(a.admin.token, res.body.declaration.id)).status).toBe(200);
    expect(await dueOf(a, reportA.id)).toBe(due);
  });

  it("a closure inside a consultation's screening count moves its deadline, with history", async () => {
    const w = await consultationWorld(http, factory);
    const c = await consultationInState(http, w, 'SUBMITTED');
    const submitted = today; // submitted just now (Asia/Seoul)
    expect(c.screeningDueDate).toBe(nthBusinessDayAfter(submitted, 5, PACKAGE_ONLY));
    const closed = nthBusinessDayAfter(submitted, 1, PACKAGE_ONLY);
    const res = await declare(w.admin.token, { scope: 'ORGANISATION', date: closed });
    expect(res.status).toBe(201);
    expect(res.body.moved.byRecordType).toEqual({ consultation: 1 });
    const read = async () =>
      (await http.get(`/api/v1/consultations/${c.id}`, { token: w.staff.token })).body;
    const moved = nthBusinessDayAfter(c.screeningDueDate, 1, PACKAGE_ONLY);
    expect((await read()).screeningDueDate).toBe(moved);
    const history = await http.get(`/api/v1/consultations/${c.id}/history`, {
      token: w.staff.token,
    });
    expect(history.body.find((h: any) => h.action === 'dueDateMoved')).toMatchObject({
      changes: { screeningDueDate: { from: c.screeningDueDate, to: moved } },
    });
    expect((await withdraw(w.admin.token, res.body.declaration.id)).status).toBe(200);
    expect((await read()).screeningDueDate).toBe(c.screeningDueDate);
  });

  it('refuses what it must, with a field-level message, and changes nothing', async () => {
    // Only the system administrator declares a national holiday; only ADMIN a closure.
    expect((await declare(a.admin.token, { scope: 'NATIONAL', date: inside })).status).toBe(403);
    expect((await declare(a.office.token, { scope: 'ORGANISATION', date: inside })).status).toBe(
      403,
    );
    // Another organisation than the ones it administers: 404.
    expect(
      (
        await declare(a.admin.token, {
          scope: 'ORGANISATION',
          organisationId: b.org.id,
          date: inside,
        })
      ).status,
    ).toBe(404);
    // A past day.
    const past = await declare(system, { scope: 'NATIONAL', date: '2026-01-05' });
    expect(past.status).toBe(400);
    expect(past.body.details).toEqual([expect.objectContaining({ field: 'date', code: 'past' })]);
    // Missing fields.
    const empty = await http.post(DECLARED, { scope: 'NATIONAL', date: inside }, { token: system });
    expect(empty.status).toBe(400);
    expect(empty.body.details.map((d: any) => d.field).sort()).toEqual(['basis', 'name', 'reason']);
    // A year without holiday data: 422 naming it.
    const beyond = await declare(system, { scope: 'NATIONAL', date: '2028-01-04' });
    expect(beyond.status).toBe(422);
    expect(beyond.body).toMatchObject({ code: 'CALENDAR_UNAVAILABLE', missingYear: 2028 });
    expect(beyond.body.message).toContain('2028');
    const calendar = await http.get(
      '/api/v1/calendar/business-days?from=2027-12-20&to=2028-01-10',
      {
        token: a.staff.token,
      },
    );
    expect(calendar.status).toBe(422);
    expect(calendar.body).toMatchObject({ code: 'CALENDAR_UNAVAILABLE', missingYear: 2028 });
    // Nothing was declared by any of these. (Listed as A's administrator: national days and A's
    // closures; the system administrator would also see other suites' closures in this database.)
    const listed = await http.get(DECLARED, { token: a.admin.token });
    expect(listed.body.items.filter((d: any) => !d.withdrawnAt)).toEqual([]);
    expect(await dueOf(a, reportA.id)).toBe(due);
  });

  describe('the holiday data horizon (fixed clock)', () => {
    const at = (instant: string) =>
      jest.useFakeTimers({
        now: new Date(instant),
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
    afterEach(() => jest.useRealTimers());

    it('/health turns degraded (200) from 2027-03-31, 9 months before the data ends', async () => {
      at('2027-03-30T23:00:00+09:00');
      const before = await http.get('/health');
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ status: 'ok', warnings: [] });
      at('2027-03-31T00:30:00+09:00');
      const after = await http.get('/health');
      expect(after.status).toBe(200);
      expect(after.body.status).toBe('degraded');
      expect(after.body.warnings).toEqual([
        expect.objectContaining({ code: 'HOLIDAY_DATA_ENDING' }),
      ]);
      expect(after.body.warnings[0].message).toContain('2027-12-31');
    });

    it('the administrators get it in their Monday summary from then on', async () => {
      // Reminder runs are dated, not clocked: a dry run of a Monday before and after 2027-03-31.
      expect((await dryRun(a, '2027-03-29'))('admin.weekly')).toBe(0);
      expect((await dryRun(a, '2027-04-05'))('admin.weekly')).toBe(1);
      // Not on other days of the week.
      expect((await dryRun(a, '2027-04-06'))('admin.weekly')).toBe(0);
    });
  });

  it('the admin screen reads where the data ends (no warning yet before 2027-03-31)', async () => {
    const listed = await http.get(DECLARED, { token: a.admin.token });
    expect(listed.status).toBe(200);
    expect(listed.body.horizon).toMatchObject({
      dataUntil: '2027-12-31',
      firstMissingYear: 2028,
      warnFrom: '2027-03-31',
    });
    expect(listed.body.horizon.warning === null).toBe(today < '2027-03-31');
  });
});
