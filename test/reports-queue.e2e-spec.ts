import { useTestApi } from './support/app.js';
import { activeTaskSince, fillReport, openReport, reportAction } from './support/reports.js';
import {
  type Actor,
  seoulToday,
  type TaskWorld,
  taskInState,
  taskWorld,
  transition,
} from './support/tasks.js';

// Reporting calendars, the generation of expected reports and the review queue (DOMAIN.md §1, §3).
// Every test builds its own organisation, so generation, calendars and settings never leak between
// tests. Tasks are dated back with activeTaskSince (only the activity record is moved), so the
// periods of 2025 are reportable whatever day the suite runs. The worker's daily job (and its e2e
// spec, which may run alongside) generates the CURRENT year's reports of every organisation, so
// assertions on exact sets name a past year, a period, or a year this suite generated itself.

/** Calendar days from `from` to `to` (both YYYY-MM-DD), counted independently of the product. */
const dayNumber = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The Asia/Seoul quarter containing today, e.g. { period: '2026-Q4', start: '2026-10-01' }. */
function currentQuarter() {
  const today = seoulToday();
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return {
    year,
    quarter,
    period: `${year}-Q${quarter}`,
    start: `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`,
  };
}

const ids = (items: Array<{ id: string }>) => items.map((r) => r.id).sort();

describe('reporting calendars, expected reports and the review queue', () => {
  const { http, factory } = useTestApi();

  /** GET /reports that must succeed (limit 200 unless the query sets one). */
  async function queue(token: string, query = '') {
    const withLimit = /(^|&)limit=/.test(query) ? query : `limit=200${query ? `&${query}` : ''}`;
    const res = await http.get(`/api/v1/reports?${withLimit}`, { token });
    expect(res.status).toBe(200);
    return res.body as { items: any[]; total: number; limit: number; offset: number };
  }

  async function generate(token: string, year: number): Promise<number> {
    const res = await http.post('/api/v1/reports/generate', { year }, { token });
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(year);
    return res.body.created as number;
  }

  /** Dates a task's activity back to `activeFrom` 09:00 Asia/Seoul (set-up of time only). */
  async function backdate(taskId: string, activeFrom: string) {
    await factory.db.query(
      `UPDATE task_active_spans SET active_from = ($2::date + time '09:00') AT TIME ZONE 'Asia/Seoul'
        WHERE task_id = $1`,
      [taskId, activeFrom],
    );
  }

  /**
   * An IN_PROGRESS task led by the world's unrelated department (its STAFF `outsider` creates and
   * owns it; the owner may start it), active since `activeFrom`.
   */
  async function otherDepartmentTask(w: TaskWorld, activeFrom: string) {
    const drivers = { creator: w.outsider.token, head: w.outsider.token, office: w.office.token };
    const task = await taskInState(http, drivers, 'IN_PROGRESS', w.outsider.id);
    await backdate(task.id, activeFrom);
    return task;
  }

  /** Reports of 2025 by task id → sorted periods. */
  function periodsByTask(items: any[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const r of items) (out[r.taskId] ??= []).push(r.period);
    for (const k of Object.keys(out)) out[k].sort();
    return out;
  }

  // ── 1. Due dates ─────────────────────────────────────────────────────────────────────────────

  it('computes 2025 quarterly due dates (5 business days) and monthly ones (3) counted by hand', async () => {
    const w = await taskWorld(http, factory);
    const res = await http.get('/api/v1/reporting-calendars/2025', { token: w.staff.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2025,
      cadence: 'QUARTERLY',
      dueBusinessDays: 5,
      source: 'DEFAULT',
      version: null,
    });
    // Holidays from node_modules/@hyunbinseo/holidays-kr/dist/2025-*.js. Business days are
    // numbered (1)…(5); skipped days are in [brackets].
    // Q1 ends Mon 3/31 → 4/1 Tue(1) 4/2 Wed(2) 4/3 Thu(3) 4/4 Fri(4) [4/5 Sat, 4/6 Sun] 4/7 Mon(5)
    // Q2 ends Mon 6/30 → 7/1 Tue(1) 7/2 Wed(2) 7/3 Thu(3) 7/4 Fri(4) [7/5 Sat, 7/6 Sun] 7/7 Mon(5)
    // Q3 ends Tue 9/30 → 10/1 Wed(1) 10/2 Thu(2) [10/3 Fri 개천절, 10/4 Sat, 10/5 Sun 추석 전날,
    //   10/6 Mon 추석, 10/7 Tue 추석 다음 날, 10/8 Wed 대체공휴일(추석), 10/9 Thu 한글날]
    //   10/10 Fri(3) [10/11 Sat, 10/12 Sun] 10/13 Mon(4) 10/14 Tue(5)
    // Q4 ends Wed 12/31 → [2026-01-01 Thu 1월 1일] 1/2 Fri(1) [1/3 Sat, 1/4 Sun] 1/5 Mon(2)
    //   1/6 Tue(3) 1/7 Wed(4) 1/8 Thu(5)
    expect(res.body.periods).toEqual([
      {
        period: '2025-Q1',
        year: 2025,
        cadence: 'QUARTERLY',
        start: '2025-01-01',
        end: '2025-03-31',
        dueDate: '2025-04-07',
      },
      {
        period: '2025-Q2',
        year: 2025,
        cadence: 'QUARTERLY',
        start: '2025-04-01',
        end: '2025-06-30',
        dueDate: '2025-07-07',
      },
      {
        period: '2025-Q3',
        year: 2025,
        cadence: 'QUARTERLY',
        start: '2025-07-01',
        end: '2025-09-30',
        dueDate: '2025-10-14',
      },
      {
        period: '2025-Q4',
        year: 2025,
        cadence: 'QUARTERLY',
        start: '2025-10-01',
        end: '2025-12-31',
        dueDate: '2026-01-08',
      },
    ]);

    // Any business role reads the calendar; COMMITTEE and ADMIN hold none.
    for (const u of [w.head, w.auditor, w.office, w.partner])
      expect((await http.get('/api/v1/reporting-calendars/2025', { token: u.token })).status).toBe(
        200,
      );
    for (const u of [w.committee, w.admin])
      expect((await http.get('/api/v1/reporting-calendars/2025', { token: u.token })).status).toBe(
        403,
      );

    // The organisation has no report of 2025 at all: the office may switch it to monthly, 3 days.
    const set = await http.put(
      '/api/v1/reporting-calendars/2025',
      { cadence: 'MONTHLY', dueBusinessDays: 3 },
      { token: w.office.token },
    );
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      year: 2025,
      cadence: 'MONTHLY',
      dueBusinessDays: 3,
      source: 'SET',
      version: 1,
    });
    expect(set.body.periods).toHaveLength(12);
    const due = Object.fromEntries(
      (set.body.periods as any[]).map((p) => [p.period, [p.start, p.end, p.dueDate]]),
    );
    // M01 ends Fri 1/31 → [2/1 Sat, 2/2 Sun] 2/3 Mon(1) 2/4 Tue(2) 2/5 Wed(3)
    expect(due['2025-M01']).toEqual(['2025-01-01', '2025-01-31', '2025-02-05']);
    // M05 ends Sat 5/31 → [6/1 Sun] 6/2 Mon(1) [6/3 Tue 임시공휴일(대통령선거)] 6/4 Wed(2) 6/5 Thu(3)
    expect(due['2025-M05']).toEqual(['2025-05-01', '2025-05-31', '2025-06-05']);
    // M09 ends Tue 9/30 → 10/1 Wed(1) 10/2 Thu(2) [10/3 Fri … 10/9 Thu: 개천절, weekend, 추석 ×3,
    //   대체공휴일(추석), 한글날] 10/10 Fri(3)
    expect(due['2025-M09']).toEqual(['2025-09-01', '2025-09-30', '2025-10-10']);
    // M12 ends Wed 12/31 → [2026-01-01 Thu 1월 1일] 1/2 Fri(1) [1/3 Sat, 1/4 Sun] 1/5 Mon(2) 1/6 Tue(3)
    expect(due['2025-M12']).toEqual(['2025-12-01', '2025-12-31', '2026-01-06']);

    const reread = await http.get('/api/v1/reporting-calendars/2025', { token: w.auditor.token });
    expect(reread.body).toMatchObject({ cadence: 'MONTHLY', dueBusinessDays: 3, source: 'SET' });
  });

  // ── 2. Generation ────────────────────────────────────────────────────────────────────────────

  it('generates one expected report per period in which a task was SELECTED or IN_PROGRESS, idempotently', async () => {
    const w = await taskWorld(http, factory);
    const before = await http.get('/api/v1/reporting-calendars/2025', { token: w.office.token });
    expect(before.body).toMatchObject({ source: 'DEFAULT', version: null });

    const fullYear1 = await activeTaskSince(w, factory, '2025-01-01');
    const fullYear2 = await activeTaskSince(w, factory, '2025-01-01');
    const fromAugust = await activeTaskSince(w, factory, '2025-08-01');
    const draft = await w.task('DRAFT');
    const proposed = await w.task('PROPOSED');
    // A task whose activity ended: it is completed through the API (which closes its activity span
    // now), then the end of that span is dated back to 2025-05-20 with factory.db — the only way to
    // place a past end of activity; the completion itself is the API's.
    const ended = await activeTaskSince(w, factory, '2025-01-01');
    const completed = await transition(
      http,
      w.head.token,
      ended.id,
      'complete',
      '완료 보고서 첨부',
    );
    expect(completed.status).toBe('COMPLETED');
    const span = await factory.db.query(
      `UPDATE task_active_spans SET active_until = ('2025-05-20'::date + time '18:00') AT TIME ZONE 'Asia/Seoul'
        WHERE task_id = $1 AND active_until IS NOT NULL`,
      [ended.id],
    );
    expect(span.rowCount).toBe(1);

    // Only the proactive-administration office generates.
    for (const u of [w.staff, w.head, w.auditor]) {
      const denied = await http.post(
        '/api/v1/reports/generate',
        { year: 2025 },
        { token: u.token },
      );
      expect(denied.status).toBe(403);
    }
    // 4 + 4 (whole year) + 2 (Q3, Q4) + 2 (Q1, Q2 until 5/20) = 12
    expect(await generate(w.office.token, 2025)).toBe(12);
    expect(await generate(w.office.token, 2025)).toBe(0);

    const page = await queue(w.office.token, 'year=2025');
    expect(page.total).toBe(12);
    const quarters = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];
    expect(periodsByTask(page.items)).toEqual({
      [fullYear1.id]: quarters,
      [fullYear2.id]: quarters,
      [fromAugust.id]: ['2025-Q3', '2025-Q4'],
      [ended.id]: ['2025-Q1', '2025-Q2'],
    });
    for (const t of [draft, proposed])
      expect((await queue(w.office.token, `taskId=${t.id}`)).total).toBe(0);
    const dueByPeriod = {
      '2025-Q1': '2025-04-07',
      '2025-Q2': '2025-07-07',
      '2025-Q3': '2025-10-14',
      '2025-Q4': '2026-01-08',
    } as Record<string, string>;
    for (const r of page.items) {
      expect(r).toMatchObject({ status: 'DRAFT', year: 2025, dueDate: dueByPeriod[r.period] });
    }
    const { rows } = await factory.db.query(
      `SELECT count(*)::int AS n FROM reports WHERE organisation_id = $1 AND year = 2025`,
      [w.org.id],
    );
    expect(rows[0].n).toBe(12);

    // Generation fixed the year's calendar: later changes to the defaults do not move it.
    const after = await http.get('/api/v1/reporting-calendars/2025', { token: w.office.token });
    expect(after.body).toMatchObject({
      cadence: 'QUARTERLY',
      dueBusinessDays: 5,
      source: 'SET',
      version: 1,
    });
    const settings = await http.get('/api/v1/settings', { token: w.office.token });
    const patched = await http.patch(
      '/api/v1/settings',
      { version: settings.body.version, values: { 'reports.dueBusinessDays': 3 } },
      { token: w.office.token },
    );
    expect(patched.status).toBe(200);
    expect(
      (await http.get('/api/v1/reporting-calendars/2025', { token: w.office.token })).body,
    ).toMatchObject({ dueBusinessDays: 5, source: 'SET' });
    expect(
      (await http.get('/api/v1/reporting-calendars/2024', { token: w.office.token })).body,
    ).toMatchObject({ dueBusinessDays: 3, source: 'DEFAULT' });
  });

  // ── 3. Calendar changes ──────────────────────────────────────────────────────────────────────

  it('replaces untouched expected reports on a calendar change and refuses it once a report was edited', async () => {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    expect(await generate(w.office.token, 2025)).toBe(4);
    const quarterly = await queue(w.office.token, 'year=2025');
    expect(quarterly.total).toBe(4);

    // Validation first (400 on the field), then the role (403), for a valid body.
    for (const [body, field] of [
      [{ cadence: 'WEEKLY', dueBusinessDays: 5 }, 'cadence'],
      [{ cadence: 'MONTHLY', dueBusinessDays: 0 }, 'dueBusinessDays'],
      [{ cadence: 'MONTHLY', dueBusinessDays: 31 }, 'dueBusinessDays'],
      [{ dueBusinessDays: 3 }, 'cadence'],
    ] as const) {
      const bad = await http.put('/api/v1/reporting-calendars/2025', body, {
        token: w.office.token,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.map((d: any) => d.field)).toContain(field);
    }
    for (const u of [w.staff, w.head, w.auditor, w.committee, w.admin]) {
      const denied = await http.put(
        '/api/v1/reporting-calendars/2025',
        { cadence: 'MONTHLY', dueBusinessDays: 3 },
        { token: u.token },
      );
      expect(denied.status).toBe(403);
    }
    expect((await queue(w.office.token, 'year=2025')).total).toBe(4);

    // Nothing touched yet: allowed, the four quarterly reports become twelve monthly ones.
    const set = await http.put(
      '/api/v1/reporting-calendars/2025',
      { cadence: 'MONTHLY', dueBusinessDays: 3, version: 1 },
      { token: w.office.token },
    );
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ cadence: 'MONTHLY', dueBusinessDays: 3, version: 2 });
    const monthly = await queue(w.office.token, 'year=2025&sort=period');
    expect(monthly.total).toBe(12);
    expect(monthly.items.map((r) => r.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-M${String(i + 1).padStart(2, '0')}`),
    );
    expect(monthly.items.every((r) => r.taskId === task.id && r.status === 'DRAFT')).toBe(true);
    expect(monthly.items.find((r) => r.period === '2025-M01').dueDate).toBe('2025-02-05');
    expect(monthly.items.find((r) => r.period === '2025-M09').dueDate).toBe('2025-10-10');
    for (const old of quarterly.items)
      expect((await http.get(`/api/v1/reports/${old.id}`, { token: w.office.token })).status).toBe(
        404,
      );

    // A stale version is a conflict.
    const stale = await http.put(
      '/api/v1/reporting-calendars/2025',
      { cadence: 'QUARTERLY', dueBusinessDays: 5, version: 1 },
      { token: w.office.token },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });

    // One report edited: the year's calendar is in use.
    const march = monthly.items.find((r) => r.period === '2025-M03');
    await fillReport(http, w.staff.token, march);
    const inUse = await http.put(
      '/api/v1/reporting-calendars/2025',
      { cadence: 'QUARTERLY', dueBusinessDays: 5, version: 2 },
      { token: w.office.token },
    );
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'CALENDAR_IN_USE', reportsInUse: 1 });
    expect(
      (await http.get('/api/v1/reporting-calendars/2025', { token: w.office.token })).body,
    ).toMatchObject({ cadence: 'MONTHLY', dueBusinessDays: 3, version: 2 });
    const still = await queue(w.office.token, 'year=2025');
    expect(ids(still.items)).toEqual(ids(monthly.items));

    // 2031 has no holiday data: 422, and neither a calendar nor reports appear.
    const future = await http.put(
      '/api/v1/reporting-calendars/2031',
      { cadence: 'QUARTERLY', dueBusinessDays: 5 },
      { token: w.office.token },
    );
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('CALENDAR_UNAVAILABLE');
    const generated = await http.post(
      '/api/v1/reports/generate',
      { year: 2031 },
      { token: w.office.token },
    );
    expect(generated.status).toBe(422);
    expect(generated.body.code).toBe('CALENDAR_UNAVAILABLE');
    const { rows } = await factory.db.query(
      `SELECT (SELECT count(*)::int FROM reporting_calendars WHERE organisation_id = $1 AND year = 2031) AS calendars,
              (SELECT count(*)::int FROM reports WHERE organisation_id = $1 AND year = 2031) AS reports`,
      [w.org.id],
    );
    expect(rows[0]).toEqual({ calendars: 0, reports: 0 });
  });

  it('counts a report that only has an attachment as in use', async () => {
    const w = await taskWorld(http, factory);
    await activeTaskSince(w, factory, '2025-01-01');
    expect(await generate(w.office.token, 2025)).toBe(4);
    const [first] = (await queue(w.staff.token, 'year=2025&sort=period')).items;
    const upload = await http.upload(
      `/api/v1/reports/${first.id}/attachments`,
      { name: '근거자료.txt', bytes: Buffer.from('1분기 근거자료', 'utf8') },
      { token: w.staff.token },
    );
    expect(upload.status).toBe(201);
    const inUse = await http.put(
      '/api/v1/reporting-calendars/2025',
      { cadence: 'HALF_YEARLY', dueBusinessDays: 5 },
      { token: w.office.token },
    );
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('CALENDAR_IN_USE');
    expect((await queue(w.office.token, 'year=2025')).total).toBe(4);
  });

  // ── 4. Who sees which reports ────────────────────────────────────────────────────────────────

  it('scopes the queue: the whole organisation for auditors and the office, the department and partners otherwise', async () => {
    const w = await taskWorld(http, factory);
    const partnered = await activeTaskSince(w, factory, '2025-01-01'); // partner dept listed
    const leadOnly = await activeTaskSince(w, factory, '2025-01-01', { partnerDepartmentIds: [] });
    const otherDept = await otherDepartmentTask(w, '2025-01-01');
    expect(await generate(w.office.token, 2025)).toBe(12);
    const all = await queue(w.office.token, 'year=2025');
    const of = (task: { id: string }) => ids(all.items.filter((r) => r.taskId === task.id));
    const everything = ids(all.items);
    expect(everything).toHaveLength(12);

    // A second organisation with a report of its own.
    const far = await taskWorld(http, factory);
    await activeTaskSince(far, factory, '2025-01-01');
    expect(await generate(far.office.token, 2025)).toBe(4);

    const seen = async (u: Actor) => {
      const page = await queue(u.token, 'year=2025');
      return { total: page.total, ids: ids(page.items) };
    };
    for (const u of [w.auditor, w.office])
      expect(await seen(u)).toEqual({ total: 12, ids: everything });
    const leadDept = [...of(partnered), ...of(leadOnly)].sort();
    for (const u of [w.staff, w.owner, w.head])
      expect(await seen(u)).toEqual({ total: 8, ids: leadDept });
    expect(await seen(w.partner)).toEqual({ total: 4, ids: of(partnered) });
    expect(await seen(w.outsider)).toEqual({ total: 4, ids: of(otherDept) });
    for (const u of [w.committee, w.admin]) expect(await seen(u)).toEqual({ total: 0, ids: [] });
    const farIds = ids((await queue(far.office.token, 'year=2025')).items);
    expect(farIds).toHaveLength(4);
    for (const u of [far.auditor, far.office, far.staff, far.partner])
      expect(await seen(u)).toEqual({ total: 4, ids: farIds });
    for (const u of [far.outsider, far.committee])
      expect(await seen(u)).toEqual({ total: 0, ids: [] });

    // Single reads follow the same scope: 404 for whoever does not see the report.
    const [p] = of(partnered);
    const [l] = of(leadOnly);
    const read = (u: Actor, id: string) => http.get(`/api/v1/reports/${id}`, { token: u.token });
    expect((await read(w.partner, p)).status).toBe(200);
    expect((await read(w.partner, l)).status).toBe(404);
    expect((await read(w.outsider, p)).status).toBe(404);
    expect((await read(far.auditor, p)).status).toBe(404);
    expect((await read(w.committee, p)).status).toBe(404);
    expect((await read(w.auditor, farIds[0])).status).toBe(404);
  });

  // ── 5 & 6. Filters, pagination and lateness ──────────────────────────────────────────────────

  /**
   * One organisation with a lead-department task (active since 2025-01-01) and a task of another
   * department (since 2025-07-01), both years generated by the office, and these reports:
   *   A lead 2025-Q1 ACCEPTED (late)   B lead 2025-Q2 SUBMITTED (late)   C lead 2025-Q3 RETURNED (late)
   *   D lead 2025-Q4 DRAFT (missing)   E other 2025-Q3 DRAFT edited (missing)
   *   F other 2025-Q4 DRAFT (missing)  G lead <current quarter> SUBMITTED (on time)
   * The other reports of the current year are untouched drafts.
   */
  async function sevenReports() {
    const w = await taskWorld(http, factory);
    const lead = await activeTaskSince(w, factory, '2025-01-01');
    const other = await otherDepartmentTask(w, '2025-07-01');
    expect(await generate(w.office.token, 2025)).toBe(6);
    const rows = (await queue(w.office.token, 'year=2025')).items;
    const find = (task: { id: string }, period: string) =>
      rows.find((r) => r.taskId === task.id && r.period === period);
    const submit = async (r: any) => {
      await fillReport(http, w.staff.token, r);
      return reportAction(http, w.head.token, r.id, 'submit');
    };
    const A = find(lead, '2025-Q1');
    await submit(A);
    await reportAction(http, w.auditor.token, A.id, 'accept');
    const B = find(lead, '2025-Q2');
    await submit(B);
    const C = find(lead, '2025-Q3');
    await submit(C);
    await reportAction(http, w.auditor.token, C.id, 'return', '실적 근거를 보완하세요.');
    const D = find(lead, '2025-Q4');
    const E = find(other, '2025-Q3');
    await fillReport(http, w.outsider.token, E);
    const F = find(other, '2025-Q4');
    const current = currentQuarter();
    // Generated here, so the current year's set does not depend on when the worker last ran.
    await generate(w.office.token, current.year);
    const G = await openReport(http, w.staff.token, lead.id, current.period);
    await submit(G);
    return { w, lead, other, current, A, B, C, D, E, F, G };
  }

  it('filters the queue by year, period, department, status, lateness, missing and task, and paginates', async () => {
    const { w, lead, other, current, A, B, C, D, E, F, G } = await sevenReports();
    const token = w.auditor.token;
    const expectIds = async (query: string, expected: Array<{ id: string }>) => {
      const page = await queue(token, query);
      expect({ query, total: page.total, ids: ids(page.items) }).toEqual({
        query,
        total: expected.length,
        ids: ids(expected),
      });
    };
    await expectIds('year=2025', [A, B, C, D, E, F]);
    // The current year: every quarter begun so far, for both tasks, G among them.
    const thisYear = await queue(token, `year=${current.year}`);
    const quarters = Array.from({ length: current.quarter }, (_, i) => `${current.year}-Q${i + 1}`);
    expect(thisYear.total).toBe(2 * current.quarter);
    expect(periodsByTask(thisYear.items)).toEqual({ [lead.id]: quarters, [other.id]: quarters });
    expect(thisYear.items.map((r) => r.id)).toContain(G.id);
    await expectIds('period=2025-Q3', [C, E]);
    await expectIds(`period=${current.period}&departmentId=${w.lead.id}`, [G]);
    await expectIds(`year=2025&departmentId=${w.lead.id}`, [A, B, C, D]);
    await expectIds(`year=2025&departmentId=${w.otherDept.id}`, [E, F]);
    await expectIds(`departmentId=${w.partnerDept.id}`, []);
    await expectIds('year=2025&status=DRAFT', [D, E, F]);
    await expectIds('status=ACCEPTED', [A]);
    await expectIds('status=RETURNED', [C]);
    await expectIds('status=SUBMITTED,RETURNED', [B, C, G]);
    await expectIds('status=DRAFT,ACCEPTED&year=2025', [A, D, E, F]);
    await expectIds('late=true', [A, B, C]);
    await expectIds('year=2025&late=false', [D, E, F]);
    await expectIds('late=false&status=SUBMITTED', [G]);
    await expectIds('year=2025&missing=true', [D, E, F]);
    await expectIds('year=2025&missing=false', [A, B, C]);
    await expectIds(`missing=false&period=${current.period}&taskId=${lead.id}`, [G]);
    await expectIds(`year=2025&taskId=${other.id}`, [E, F]);
    await expectIds(`taskId=${other.id}&missing=true&period=2025-Q4`, [F]);
    await expectIds(`year=2025&departmentId=${w.lead.id}&missing=true`, [D]);

    // Pagination: the total is of the whole filtered set, pages do not overlap.
    const page = (offset: number) =>
      queue(token, `year=2025&limit=4&offset=${offset}&sort=dueDate&order=asc`);
    const first = await page(0);
    expect(first).toMatchObject({ total: 6, limit: 4, offset: 0 });
    expect(first.items).toHaveLength(4);
    const second = await page(4);
    expect(second).toMatchObject({ total: 6, limit: 4, offset: 4 });
    expect(second.items).toHaveLength(2);
    const paged = [...first.items, ...second.items];
    expect(ids(paged)).toEqual(ids([A, B, C, D, E, F]));
    const dueDates = paged.map((r) => r.dueDate);
    expect(dueDates).toEqual([...dueDates].sort());
    const beyond = await page(30);
    expect(beyond).toMatchObject({ items: [], total: 6, offset: 30 });
    // Latest submission first; never-submitted reports last.
    const bySubmission = await queue(token, 'year=2025&sort=submittedAt&order=desc');
    expect(bySubmission.items.slice(0, 3).map((r) => r.id)).toEqual([C.id, B.id, A.id]);

    // Invalid values: 400 naming the field.
    for (const [query, field] of [
      ['status=FOO', 'status'],
      ['status=DRAFT,FOO', 'status'],
      // The name used before issue 17 is not accepted any more (no alias).
      ['state=DRAFT', 'state'],
      ['late=maybe', 'late'],
      ['missing=maybe', 'missing'],
      ['period=2025-Q5', 'period'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['offset=-1', 'offset'],
      ['year=abc', 'year'],
      ['departmentId=not-a-uuid', 'departmentId'],
      ['taskId=123', 'taskId'],
      ['sort=title', 'sort'],
    ]) {
      const res = await http.get(`/api/v1/reports?${query}`, { token });
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: any) => d.field)).toContain(field);
    }
  });

  it('flags a late submission LATE with days late, a timely one ON_TIME and an unsubmitted past one MISSING', async () => {
    const { w, lead, current, B, C, D, G } = await sevenReports();
    const token = w.auditor.token;
    const today = seoulToday();
    const get = async (r: { id: string }) => {
      const res = await http.get(`/api/v1/reports/${r.id}`, { token });
      expect(res.status).toBe(200);
      return res.body;
    };

    // 2025-Q3 (due 2025-10-14) submitted now: late by the days between due date and submission.
    const late = await get(C);
    expect(late.status).toBe('RETURNED');
    expect(late.dueDate).toBe('2025-10-14');
    const submittedOn = seoulToday(new Date(late.firstSubmittedAt));
    expect(late).toMatchObject({
      timeliness: 'LATE',
      daysLate: daysBetween('2025-10-14', submittedOn),
      daysOverdue: 0,
    });
    expect(late.daysLate).toBeGreaterThan(0);
    // Submitting again after the return keeps it late (judged on the first submission).
    await fillReport(http, w.staff.token, late, { achievements: '보완한 추진실적' });
    const again = await reportAction(http, w.head.token, C.id, 'submit');
    expect(again).toMatchObject({ status: 'SUBMITTED', timeliness: 'LATE', resubmissionCount: 1 });
    expect(again.daysLate).toBe(late.daysLate);
    expect((await get(B)).timeliness).toBe('LATE');

    // The current quarter's report, submitted before its (future) due date: on time.
    const onTime = await get(G);
    expect(onTime.period).toBe(current.period);
    expect(onTime.dueDate > today).toBe(true);
    expect(onTime).toMatchObject({
      status: 'SUBMITTED',
      timeliness: 'ON_TIME',
      daysLate: 0,
      daysOverdue: 0,
    });

    // 2025-Q4 (due 2026-01-08) never submitted: missing since its due date, in Seoul days.
    const missing = await get(D);
    expect(missing).toMatchObject({
      status: 'DRAFT',
      dueDate: '2026-01-08',
      timeliness: 'MISSING',
      daysLate: 0,
      daysOverdue: daysBetween('2026-01-08', today),
    });

    // The list shows the same judgement.
    const page = await queue(token, `taskId=${lead.id}`);
    const byId = Object.fromEntries(page.items.map((r) => [r.id, r]));
    expect(byId[D.id]).toMatchObject({ timeliness: 'MISSING', daysOverdue: missing.daysOverdue });
    expect(byId[G.id]).toMatchObject({ timeliness: 'ON_TIME', daysLate: 0 });
    expect(byId[C.id]).toMatchObject({ timeliness: 'LATE', daysLate: late.daysLate });
  });

  it('shows a report of the current period that is not yet submitted as PENDING, neither late nor missing', async () => {
    const w = await taskWorld(http, factory);
    const current = currentQuarter();
    const task = await activeTaskSince(w, factory, current.start);
    const report = await openReport(http, w.staff.token, task.id, current.period);
    expect(report).toMatchObject({
      status: 'DRAFT',
      timeliness: 'PENDING',
      daysLate: 0,
      daysOverdue: 0,
    });
    const accessToken = w.auditor.token;
    expect((await queue(accessToken, 'missing=true')).total).toBe(0);
    expect((await queue(accessToken, 'late=true')).total).toBe(0);
    expect(ids((await queue(accessToken, 'missing=false&late=false')).items)).toEqual([report.id]);
  });
});
