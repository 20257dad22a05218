import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';
import { activeTaskSince, openReport } from './support/reports.js';
import { on, taskWorld } from './support/tasks.js';

const URL = '/api/v1/calendar/business-days';

describe('business-day calendar', () => {
  const { http, factory } = useTestApi();
  let staffToken: string;
  beforeAll(async () => {
    const { users } = await factory.world(['STAFF']);
    staffToken = (await login(http, users.STAFF)).accessToken;
  });

  const get = (query: string, headers: Record<string, string> = {}) =>
    http.get(`${URL}?${query}`, { token: staffToken, headers });

  it('needs a logged-in user (401 without a token)', async () => {
    const res = await http.get(`${URL}?from=2026-09-21&to=2026-10-12`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('is open to every role', async () => {
    const { users } = await factory.world();
    for (const user of Object.values(users)) {
      const { accessToken } = await login(http, user);
      const res = await http.get(`${URL}?from=2026-01-07&to=2026-01-07`, { token: accessToken });
      expect({ roles: user.roles, status: res.status }).toEqual({ roles: user.roles, status: 200 });
      expect(res.body.businessDays).toBe(1); // 2026-01-07 is an ordinary Wednesday
    }
  });

  it('lists 2026-09-21..2026-10-12 with 추석, 개천절 and its substitute holiday: 12 business days', async () => {
    // 9/21 Mon(1) 9/22(2) 9/23(3) [9/24 Thu 추석 전날, 9/25 Fri 추석, 9/26 Sat 추석 다음 날, 9/27 Sun]
    // 9/28 Mon(4) 9/29(5) 9/30(6) 10/1(7) 10/2 Fri(8) [10/3 Sat 개천절, 10/4 Sun,
    // 10/5 Mon 대체공휴일(개천절)] 10/6(9) 10/7(10) 10/8(11) [10/9 Fri 한글날, 10/10 Sat, 10/11 Sun]
    // 10/12 Mon(12)
    const res = await get('from=2026-09-21&to=2026-10-12');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: '2026-09-21',
      to: '2026-10-12',
      businessDays: 12,
      timeZone: 'Asia/Seoul',
      source: '@hyunbinseo/holidays-kr (관보), 2018–2027',
    });
    expect(res.body.days).toHaveLength(22);
    expect(res.body.days[0]).toEqual({
      date: '2026-09-21',
      weekday: 1,
      businessDay: true,
      holidays: [],
      source: null,
      declarationId: null,
      declaredFor: null,
    });
    // Nothing is declared here: every holiday comes from the package.
    expect(
      new Set(res.body.days.filter((d: any) => d.holidays.length).map((d: any) => d.source)),
    ).toEqual(new Set(['package']));
    const holidays = res.body.days
      .filter((d: any) => d.holidays.length > 0)
      .map((d: any) => [d.date, d.weekday, d.businessDay, d.holidays]);
    expect(holidays).toEqual([
      ['2026-09-24', 4, false, ['추석 전날']],
      ['2026-09-25', 5, false, ['추석']],
      ['2026-09-26', 6, false, ['추석 다음 날']],
      ['2026-10-03', 6, false, ['개천절']],
      ['2026-10-05', 1, false, ['대체공휴일(개천절)']],
      ['2026-10-09', 5, false, ['한글날']],
    ]);
    expect(res.body.days.filter((d: any) => d.businessDay).map((d: any) => d.date)).toEqual([
      '2026-09-21',
      '2026-09-22',
      '2026-09-23',
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-01',
      '2026-10-02',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-12',
    ]);
  });

  it('accepts the longest range, a whole leap year (2024: 246 business days)', async () => {
    // 2024: 262 weekdays (Mon 1/1 + 52 weeks + Tue 12/31) − 16 weekday holidays = 246
    const res = await get('from=2024-01-01&to=2024-12-31');
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(366);
    expect(res.body.businessDays).toBe(246);
  });

  it('refuses an end before the start with 400 on `to`', async () => {
    const res = await get('from=2026-10-12&to=2026-09-21');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '종료일은 시작일보다 빠를 수 없습니다.',
    });
    expect(res.body.details).toEqual([
      {
        field: 'to',
        code: 'notBeforeFrom',
        message: '종료일은 시작일보다 빠를 수 없습니다.',
      },
    ]);
  });

  it('refuses more than 366 days with 400 on `to`', async () => {
    // 2026-01-01 + 366 days = 2027-01-02 (367 days listed)
    const res = await get('from=2026-01-01&to=2027-01-02');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details[0]).toMatchObject({ field: 'to', code: 'maxRange' });
  });

  it.each([
    ['from=2026-02-30&to=2026-03-10', 'from'], // February 2026 has 28 days
    ['from=2026-03-01&to=2026-02-29', 'to'], // 2026 is not a leap year
    ['from=2026/03/01&to=2026-03-10', 'from'],
    ['from=2026-03-01&to=tomorrow', 'to'],
    ['from=2026-3-1&to=2026-03-10', 'from'],
    ['to=2026-03-10', 'from'], // missing
  ])('refuses a malformed or impossible date (%s) with 400 on `%s`', async (query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: any) => d.field)).toEqual([field]);
  });

  it('names the query parameter in Korean: missing, or not a real day', async () => {
    const missing = await get('to=2026-03-10');
    expect(missing.body.details).toEqual([
      { field: 'from', code: 'required', message: '시작일을 입력하세요.' },
    ]);
    expect(missing.body.message).toBe('시작일을 입력하세요.');
    const impossible = await get('from=2026-03-01&to=2026-02-29');
    expect(impossible.body.details).toEqual([
      { field: 'to', code: 'matches', message: '종료일은 실제 있는 날짜여야 합니다(YYYY-MM-DD).' },
    ]);
    const malformed = await get('from=2026/03/01&to=2026-03-10');
    expect(malformed.body.details[0].message).toBe('시작일은 날짜 형식(YYYY-MM-DD)이어야 합니다.');
  });

  it('refuses unknown query parameters', async () => {
    const res = await get('from=2026-03-02&to=2026-03-10&year=2026');
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: any) => d.field)).toEqual(['year']);
  });

  it('answers 422 CALENDAR_UNAVAILABLE for a year without holiday data', async () => {
    const res = await get('from=2030-01-01&to=2030-01-31');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'CALENDAR_UNAVAILABLE', details: [] });
    expect(res.body.message).toContain('2030년');
    const edge = await get('from=2027-12-20&to=2028-01-05');
    expect(edge.status).toBe(422);
    expect(edge.body.code).toBe('CALENDAR_UNAVAILABLE');
  });

  it('answers in English on request', async () => {
    const en = { 'accept-language': 'en-US,en;q=0.9' };
    const unavailable = await get('from=2030-01-01&to=2030-01-31', en);
    expect(unavailable.status).toBe(422);
    expect(unavailable.body.message).toBe(
      'Public holidays of 2030 are not known yet, so business days cannot be computed (known: 2018–2027).',
    );
    const reversed = await get('from=2026-10-12&to=2026-09-21', en);
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toBe('to: must not be before from.');
    expect(reversed.body.details[0]).toEqual({
      field: 'to',
      code: 'notBeforeFrom',
      message: 'must not be before from',
    });
    const impossible = await get('from=2026-02-30&to=2026-03-10', en);
    expect(impossible.body.details[0]).toMatchObject({
      field: 'from',
      message: 'from must be a date as YYYY-MM-DD',
    });
  });

  // ── My deadlines and their iCal feed (issue 23) ─────────────────────────────────────────────

  it('lists the deadlines a person is concerned with, and not those of others', async () => {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01', {
      memberIds: [w.staff.id],
      milestones: [{ title: '실시설계 완료', dueDate: on('06-30') }],
    });
    await factory.db.query(`UPDATE milestones SET due_date = '2026-12-15' WHERE task_id = $1`, [
      task.id,
    ]);
    const report = await openReport(http, w.staff.token, task.id, '2025-Q2');
    await factory.db.query(`UPDATE reports SET due_date = '2026-12-10' WHERE id = $1`, [report.id]);
    const mine = async (token: string, from = '2026-12-01', to = '2026-12-31') => {
      const res = await http.get(`/api/v1/me/deadlines?from=${from}&to=${to}`, { token });
      expect(res.status).toBe(200);
      return (res.body as any[]).map((d) => [d.kind, d.date, d.path]);
    };
    const both = [
      ['REPORT', '2026-12-10', `/reports/${report.id}`],
      ['MILESTONE', '2026-12-15', `/tasks/${task.id}`],
    ];
    // The member, the owner, the head of the lead department.
    for (const u of [w.staff, w.owner, w.head]) expect(await mine(u.token)).toEqual(both);
    // Not theirs: the partner department, another department, the office (no report to write).
    for (const u of [w.partner, w.outsider, w.office]) expect(await mine(u.token)).toEqual([]);
    // Outside the range: nothing.
    expect(await mine(w.staff.token, '2026-12-11', '2026-12-14')).toEqual([]);
    // Bad ranges: 400 on `to`.
    for (const q of ['from=2026-12-31&to=2026-12-01', 'from=2026-01-01&to=2027-01-03']) {
      const res = await http.get(`/api/v1/me/deadlines?${q}`, { token: w.staff.token });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: any) => d.field)).toEqual(['to']);
    }
  });

  it('serves them as an iCal feed at a secret URL that a new one replaces and revoking ends', async () => {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const report = await openReport(http, w.staff.token, task.id, '2025-Q3');
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await factory.db.query(`UPDATE reports SET due_date = $2 WHERE id = $1`, [report.id, due]);

    expect((await http.get('/api/v1/me/calendar-feed', { token: w.staff.token })).body).toEqual({
      active: false,
      createdAt: null,
    });
    const made = await http.post('/api/v1/me/calendar-feed', null, { token: w.staff.token });
    expect(made.status).toBe(201);
    const path = new globalThis.URL(made.body.url).pathname;
    expect(path).toMatch(/^\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    // Only its hash is stored.
    const { rows } = await factory.db.query<{ token_hash: string }>(
      `SELECT token_hash FROM calendar_feeds WHERE user_id = $1`,
      [w.staff.id],
    );
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(path).not.toContain(rows[0].token_hash);

    const feed = await http.get(path); // no sign-in: the URL is the credential
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    // Long lines are folded (RFC 5545 §3.1): read them unfolded.
    const ics = String(feed.body).replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:report-${report.id}@gwaje`);
    expect(ics).toContain(`DTSTART;VALUE=DATE:${due.replaceAll('-', '')}`);
    expect(ics).toContain('SUMMARY:[이행실적 제출]');
    expect(ics).toContain(`/reports/${report.id}`);
    expect((await http.get('/api/v1/me/calendar-feed', { token: w.staff.token })).body.active).toBe(
      true,
    );
    // Read through the feed: one access-log entry for the person, as for any list.
    const { rows: logged } = await factory.db.query<{ filter: { via: string } }>(
      `SELECT filter FROM access_log WHERE user_id = $1 AND record_type = 'deadline' AND action = 'LIST'`,
      [w.staff.id],
    );
    expect(logged.map((r) => r.filter.via)).toEqual(['feed']);

    // A new URL replaces it; revoking ends the new one; an unknown one never worked.
    const again = await http.post('/api/v1/me/calendar-feed', null, { token: w.staff.token });
    const path2 = new globalThis.URL(again.body.url).pathname;
    expect((await http.get(path)).status).toBe(404);
    expect((await http.get(path2)).status).toBe(200);
    expect((await http.delete('/api/v1/me/calendar-feed', { token: w.staff.token })).status).toBe(
      204,
    );
    expect((await http.get(path2)).status).toBe(404);
    expect((await http.get(`/api/v1/calendar-feeds/${'A'.repeat(43)}.ics`)).status).toBe(404);
  });
});
