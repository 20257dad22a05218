import { annualFiguresSections } from '@gwaje/annual-figures';
import { addDays, isBusinessDay } from '@gwaje/calendar';
import { DashboardsService } from '@gwaje/dashboards';
import { ReminderRunner } from '@gwaje/notifications';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { startApi, type TestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { collaborationOrganisation, type CollaborationOrg } from './support/collaboration.js';
import { Factory } from './support/factory.js';
import { SmtpSink } from './support/smtp-sink.js';
import { type Actor, seoulToday } from './support/tasks.js';

// 적극행정 education (issue 22 part 2): the office keeps sessions and attendance (entered, or
// imported from a CSV/XLSX roster), completion per user and department is computed against
// education.requiredHoursPerYear (default 2 hours), shown on the dashboard and reminded to those
// short from 1 December on the first business day of each week. Last year is used throughout, so
// every session lies in the past whatever day the suite runs.

const Y = Number(seoulToday().slice(0, 4)) - 1;
const E = '/api/v1/education';

describe('적극행정 education', () => {
  const sink = new SmtpSink();
  const factory = new Factory();
  let api: TestApi;
  const http = () => api.http;
  let w: CollaborationOrg;
  let outsider: CollaborationOrg;
  /** 전 직원 교육 (2 h, offline) and 리더십 과정 (1.5 h, online). */
  let s1: any;
  let s2: any;

  beforeAll(async () => {
    await sink.start();
    api = await startApi({}, (config) => {
      config.smtp.url = sink.url;
      config.imports.maxRows = 20;
    });
    w = await collaborationOrganisation(http(), factory, 'LOCAL');
    outsider = await collaborationOrganisation(http(), factory, 'LOCAL');
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await factory.close();
    await sink.stop();
  });

  const post = (who: Actor, path: string, body: unknown) =>
    http().post(`${E}${path}`, body, { token: who.token });
  const get = (who: Actor, path: string) => http().get(`${E}${path}`, { token: who.token });
  const unchanged = async (work: () => Promise<void>) => {
    const before = await businessChecksum(factory.db);
    await work();
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
  };
  const fields = (res: any) => res.body.details.map((d: any) => d.field);
  const csv = (text: string) => ({
    name: 'roster.csv',
    bytes: new TextEncoder().encode(text),
    type: 'text/csv',
  });
  const xlsx = async (rows: Array<Array<string | number | null>>) => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('교육 이수자');
    for (const r of rows) sheet.addRow(r);
    return {
      name: 'roster.xlsx',
      bytes: new Uint8Array(await wb.xlsx.writeBuffer()),
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  };
  const roster = (file: { name: string; bytes: Uint8Array; type: string }) =>
    http().upload(`${E}/sessions/${s2.id}/roster`, file, { token: w.office.token });

  it('the office keeps sessions; bad input is a 400 naming the field and changes nothing', async () => {
    const body = {
      title: '적극행정 전 직원 교육',
      kind: 'ALL_STAFF',
      sessionDate: `${Y}-03-10`,
      hours: 2,
      delivery: 'OFFLINE',
      place: '구청 대강당',
    };
    await unchanged(async () => {
      for (const [patch, field] of [
        [{ hours: 0.3 }, 'hours'],
        [{ hours: 41 }, 'hours'],
        [{ hours: 0 }, 'hours'],
        [{ sessionDate: `${Y}-02-30` }, 'sessionDate'],
        [{ sessionDate: '내일' }, 'sessionDate'],
        [{ kind: 'WORKSHOP' }, 'kind'],
      ] as const) {
        const res = await post(w.office, '/sessions', { ...body, ...patch });
        expect([res.status, res.body.code, fields(res)]).toEqual([
          400,
          'VALIDATION_FAILED',
          [field],
        ]);
      }
      const staff = await post(w.staff, '/sessions', body);
      expect(staff.status).toBe(403);
    });
    const created = await post(w.office, '/sessions', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kindLabel: '전 직원 교육', hours: 2, attendees: [] });
    s1 = created.body;
    s2 = (
      await post(w.office, '/sessions', {
        title: '적극행정 리더십 과정',
        kind: 'LEADERSHIP',
        sessionDate: `${Y}-06-10`,
        hours: 1,
        delivery: 'ONLINE',
      })
    ).body;

    // Changes with the version read; a stale one is a 409.
    const changed = await http().patch(
      `${E}/sessions/${s2.id}`,
      { version: s2.version, hours: 1.5, place: '온라인' },
      { token: w.office.token },
    );
    expect([changed.status, changed.body.hours, changed.body.version]).toEqual([200, 1.5, 2]);
    const stale = await http().patch(
      `${E}/sessions/${s2.id}`,
      { version: s2.version, hours: 2 },
      { token: w.office.token },
    );
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    s2 = changed.body;

    // Everyone of the organisation reads them; another organisation sees nothing (404).
    const list = await get(w.otherStaff, `/sessions?year=${Y}`);
    expect(list.body.map((s: any) => s.title)).toEqual([
      '적극행정 리더십 과정',
      '적극행정 전 직원 교육',
    ]);
    expect((await get(outsider.office, `/sessions?year=${Y}`)).body).toEqual([]);
    expect((await get(outsider.office, `/sessions/${s1.id}`)).status).toBe(404);
    const history = await get(w.auditor, `/sessions/${s2.id}/history`);
    expect(history.body.map((h: any) => h.action)).toEqual(['create', 'update']);
  });

  it('attendance entered by the office: hours up to the session’s, no duplicates, only own users', async () => {
    const add = (attendees: unknown[]) =>
      post(w.office, `/sessions/${s1.id}/attendees`, { attendees });
    await unchanged(async () => {
      const other = await add([{ userId: w.staff.id }, { userId: outsider.staff.id }]);
      expect([other.status, other.body.code, fields(other)]).toEqual([
        400,
        'INVALID_REFERENCE',
        ['attendees.1.userId'],
      ]);
      const twice = await add([{ userId: w.staff.id }, { userId: w.staff.id, hours: 1 }]);
      expect([twice.status, fields(twice)]).toEqual([400, ['attendees.1.userId']]);
      const over = await add([{ userId: w.staff.id, hours: 2.5 }]);
      expect([over.status, fields(over)]).toEqual([400, ['attendees.0.hours']]);
      const odd = await add([{ userId: w.staff.id, hours: 1.25 }]);
      expect([odd.status, fields(odd)]).toEqual([400, ['attendees.0.hours']]);
      const byStaff = await post(w.staff, `/sessions/${s1.id}/attendees`, {
        attendees: [{ userId: w.staff.id }],
      });
      expect(byStaff.status).toBe(403);
    });
    const ok = await add([
      { userId: w.staff.id },
      { userId: w.head.id, hours: 1.5 },
      { userId: w.otherStaff.id },
    ]);
    expect(ok.status).toBe(200);
    expect(ok.body.attendees.map((a: any) => [a.userId, a.hours, a.source]).sort()).toEqual(
      [
        [w.staff.id, 2, 'ENTERED'],
        [w.head.id, 1.5, 'ENTERED'],
        [w.otherStaff.id, 2, 'ENTERED'],
      ].sort(),
    );
    await unchanged(async () => {
      const again = await add([{ userId: w.head.id }]);
      expect([again.status, again.body.details[0]]).toEqual([
        400,
        expect.objectContaining({ field: 'attendees.0.userId', code: 'alreadyAttending' }),
      ]);
      // Hours cannot drop below an attendee's.
      const shorter = await http().patch(
        `${E}/sessions/${s1.id}`,
        { version: s1.version, hours: 1.5 },
        { token: w.office.token },
      );
      expect([shorter.status, fields(shorter)]).toEqual([400, ['hours']]);
    });
    // Remove and add again: both recorded.
    const removed = await http().delete(`${E}/sessions/${s1.id}/attendees/${w.head.id}`, {
      token: w.office.token,
    });
    expect(removed.status).toBe(204);
    expect(
      (
        await http().delete(`${E}/sessions/${s1.id}/attendees/${w.head.id}`, {
          token: w.office.token,
        })
      ).status,
    ).toBe(404);
    expect((await add([{ userId: w.head.id, hours: 1.5 }])).status).toBe(200);

    // Department staff see their department's attendees (and themselves); the office all.
    const byHead = await get(w.head, `/sessions/${s1.id}`);
    expect(byHead.body.attendees.map((a: any) => a.userId).sort()).toEqual(
      [w.staff.id, w.head.id].sort(),
    );
    expect(byHead.body.attendeeCount).toBe(3);
    expect((await get(w.office, `/sessions/${s1.id}`)).body.attendees).toHaveLength(3);
  });

  it('imports a roster from CSV and XLSX: all rows checked first, errors by row and column, idempotent', async () => {
    const template = await http().download(`${E}/roster-template`, { token: w.office.token });
    expect(template.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('교육 이수자')!.getRow(1).values).toEqual([
      undefined,
      '이메일',
      '이수시간',
      '이름',
    ]);
    expect((await http().download(`${E}/roster-template`, { token: w.staff.token })).status).toBe(
      403,
    );

    // Every problem at once, nothing imported: an unknown e-mail (another organisation's user),
    // a repeated e-mail, hours above the session's and hours that are no half hours.
    await unchanged(async () => {
      const bad = await roster(
        csv(
          [
            '이메일,이수시간,이름',
            `${w.otherStaff.email},,다른직원`,
            `${outsider.staff.email},1,외부인`,
            `${w.otherStaff.email},1,다시`,
            `${w.auditor.email},2,감사`,
            `${w.otherHead.email},0.3,부서장`,
          ].join('\n'),
        ),
      );
      expect([bad.status, bad.body.code]).toEqual([400, 'IMPORT_INVALID']);
      expect(bad.body.rowErrors.map((e: any) => [e.row, e.column, e.code])).toEqual([
        [3, '이메일', 'unknownUser'],
        [4, '이메일', 'duplicateInFile'],
        [5, '이수시간', 'overSessionHours'],
        [6, '이수시간', 'halfHours'],
      ]);
      expect(bad.body.message).toContain('아무것도 가져오지 않았습니다');
    });

    const file = csv(
      [
        '이메일,이수시간,이름',
        `${w.otherStaff.email},,다른직원`,
        `${w.otherHead.email.toUpperCase()},1,다른부서장`,
        `${w.auditor.email},1.5,감사`,
      ].join('\r\n'),
    );
    const first = await roster(file);
    expect([first.status, first.body.summary]).toEqual([
      200,
      { created: 3, updated: 0, unchanged: 0 },
    ]);
    expect(first.body.rows.map((r: any) => r.hours)).toEqual([1.5, 1, 1.5]);
    // The same file again changes nothing at all (no history entry either).
    await unchanged(async () => {
      const again = await roster(file);
      expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 3 });
    });
    // XLSX: one user's hours changed, an attendee not listed stays.
    const book = await xlsx([
      ['이메일', '이수시간'],
      [w.otherHead.email, 1.5],
      [w.auditor.email, 1.5],
    ]);
    const second = await roster(book);
    expect([second.status, second.body.format, second.body.summary]).toEqual([
      200,
      'xlsx',
      { created: 0, updated: 1, unchanged: 1 },
    ]);
    const detail = await get(w.office, `/sessions/${s2.id}`);
    expect(detail.body.attendees.map((a: any) => [a.userId, a.hours, a.source]).sort()).toEqual(
      [
        [w.otherStaff.id, 1.5, 'ROSTER'],
        [w.otherHead.id, 1.5, 'ROSTER'],
        [w.auditor.id, 1.5, 'ROSTER'],
      ].sort(),
    );
    await unchanged(async () => {
      expect((await roster(book)).body.summary).toEqual({ created: 0, updated: 0, unchanged: 2 });
      const empty = await roster(await xlsx([['이름'], ['누구']]));
      expect([empty.status, empty.body.rowErrors[0].code]).toEqual([400, 'missingColumn']);
      // The reader's limits: the content decides the type; at most imports.maxRows data rows.
      const png = await roster({
        name: 'roster.csv',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
        type: 'text/csv',
      });
      expect([png.status, png.body.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
      const many = Array.from({ length: 21 }, (_, i) => `user${i}@example.kr,1`);
      const long = await roster(csv(['이메일,이수시간', ...many].join('\n')));
      expect([long.status, long.body.rowErrors.map((e: any) => e.code)]).toEqual([
        400,
        ['maxRows'],
      ]);
    });
  });

  // Hours: staff 2, head 1.5, otherStaff 2 + 1.5, otherHead 1.5, auditor 1.5, office and its head 0.
  it('completion per user and department against the required hours, scoped by role', async () => {
    const office = await get(w.office, `/completion?year=${Y}`);
    expect(office.status).toBe(200);
    expect(office.body).toMatchObject({ year: Y, requiredHours: 2, total: 7, completedUsers: 2 });
    expect(office.body.completionRate).toBeCloseTo(2 / 7, 4);
    const byUser = Object.fromEntries(
      office.body.users.map((u: any) => [u.userId, [u.hours, u.completed, u.shortfall]]),
    );
    expect(byUser).toEqual({
      [w.staff.id]: [2, true, 0],
      [w.head.id]: [1.5, false, 0.5],
      [w.otherStaff.id]: [3.5, true, 0],
      [w.otherHead.id]: [1.5, false, 0.5],
      [w.auditor.id]: [1.5, false, 0.5],
      [w.office.id]: [0, false, 2],
      [w.officeHead.id]: [0, false, 2],
    });
    const rates = Object.fromEntries(
      office.body.departments.map((d: any) => [d.departmentId, [d.activeUsers, d.completionRate]]),
    );
    expect(rates[w.dept.id]).toEqual([2, 0.5]);
    expect(rates[w.otherDept.id]).toEqual([2, 0.5]);
    expect(Object.values(rates).filter((r: any) => r[1] === 0)).toHaveLength(2);

    // The auditor sees all too; department heads and staff their department; a department filter.
    expect((await get(w.auditor, `/completion?year=${Y}`)).body.total).toBe(7);
    const head = await get(w.head, `/completion?year=${Y}`);
    expect(head.body.users.map((u: any) => u.userId).sort()).toEqual(
      [w.staff.id, w.head.id].sort(),
    );
    expect(head.body.departments.map((d: any) => d.departmentId)).toEqual([w.dept.id]);
    const peek = await get(w.head, `/completion?year=${Y}&departmentId=${w.otherDept.id}`);
    expect([peek.body.total, peek.body.departments]).toEqual([0, []]);
    const filtered = await get(w.office, `/completion?year=${Y}&departmentId=${w.otherDept.id}`);
    expect(filtered.body.users.map((u: any) => u.userId).sort()).toEqual(
      [w.otherStaff.id, w.otherHead.id].sort(),
    );
    expect((await get(outsider.office, `/completion?year=${Y}`)).body.completedUsers).toBe(0);
    expect((await get(w.office, '/completion?year=20x6')).status).toBe(400);

    // Department participation for incentives: office and auditors only, ranked.
    const parts = await get(w.office, `/departments?year=${Y}`);
    expect(parts.status).toBe(200);
    const row = (id: string) => parts.body.find((d: any) => d.departmentId === id);
    expect(row(w.otherDept.id)).toMatchObject({
      attendances: 3,
      participants: 2,
      attendanceHours: 5,
      hoursPerUser: 2.5,
      completionRate: 0.5,
      rank: 1,
    });
    expect(row(w.dept.id)).toMatchObject({ attendances: 2, attendanceHours: 3.5, rank: 2 });
    expect(parts.body.map((d: any) => d.rank)).toEqual([1, 2, 3, 4]);
    expect((await get(w.staff, `/departments?year=${Y}`)).status).toBe(403);
  });

  it('the dashboard section and the annual figures count as by hand', async () => {
    await api.app.get(DashboardsService, { strict: false }).compile(w.org.id, Y, `${Y}-12-31`);
    const board = await http().get(`/api/v1/dashboards?year=${Y}`, { token: w.office.token });
    expect(board.status).toBe(200);
    const edu = board.body.sections.education;
    expect(edu).toMatchObject({
      requiredHours: 2,
      sessions: 2,
      attendances: 6,
      attendanceHours: 10,
      activeUsers: 7,
      completedUsers: 2,
    });
    expect(
      Object.fromEntries(edu.departments.map((d: any) => [d.departmentId, d.completedUsers])),
    ).toMatchObject({ [w.dept.id]: 1, [w.otherDept.id]: 1 });
    // As of a day between the sessions, only the first counts.
    await api.app.get(DashboardsService, { strict: false }).compile(w.org.id, Y, `${Y}-04-01`);
    const spring = await http().get(`/api/v1/dashboards?year=${Y}`, { token: w.office.token });
    expect(spring.body.sections.education).toMatchObject({ sessions: 1, completedUsers: 2 });

    const section = annualFiguresSections().find((s) => s.name === 'education')!;
    const figures = await api.app
      .get(DataSource, { strict: false })
      .transaction((m) => section.compute(m, { organisationId: w.org.id, year: Y }));
    expect(Object.fromEntries(figures.map((f) => [f.key, f.value]))).toMatchObject({
      sessions: 2,
      attendances: 6,
      attendanceHours: 10,
      completedUsers: 2,
      activeUsers: 7,
    });
  });

  it('reminds those short of the hours on the year’s reminder Mondays, with their shortfall', async () => {
    let first = `${Y}-12-01`;
    while (!isBusinessDay(first)) first = addDays(first, 1);
    const runner = api.app.get(ReminderRunner);
    const owed = async () =>
      (
        await factory.db.query<{ recipient_id: string; rule: string }>(
          `SELECT recipient_id, rule FROM notifications
            WHERE organisation_id = $1 AND record_type = 'education_completion' ORDER BY rule, recipient_id`,
          [w.org.id],
        )
      ).rows;

    // Before the window nothing is owed.
    await runner.runReminders(w.org.id, `${Y}-11-30`);
    expect(await owed()).toEqual([]);

    sink.clear();
    await runner.runReminders(w.org.id, first);
    const short = [w.head, w.otherHead, w.auditor, w.office, w.officeHead];
    const rule = `education.short.${first.slice(5, 7)}${first.slice(8, 10)}`;
    expect(await owed()).toEqual(
      short
        .map((u) => ({ recipient_id: u.id, rule }))
        .sort((a, b) => a.recipient_id.localeCompare(b.recipient_id)),
    );
    const [mail] = sink.to(w.head.email);
    expect(mail.text).toContain(
      `${Y}년 적극행정 교육 이수 안내: 이수 1.5시간 / 기준 2시간, 0.5시간 부족`,
    );
    expect(sink.to(w.office.email)[0].text).toContain('2시간 부족');
    expect(sink.toAny([w.staff.email, w.otherStaff.email])).toEqual([]);

    // The same day again sends nothing new; the head completes; the next week's run leaves them out.
    await runner.runReminders(w.org.id, first);
    expect(await owed()).toHaveLength(5);
    const s3 = await post(w.office, '/sessions', {
      title: '적극행정 보충 교육',
      kind: 'OTHER',
      sessionDate: `${Y}-12-03`,
      hours: 1,
      delivery: 'ONLINE',
    });
    await post(w.office, `/sessions/${s3.body.id}/attendees`, {
      attendees: [{ userId: w.head.id }],
    });
    let next = addDays(first, 1);
    while (!isEducationReminderMonday(next)) next = addDays(next, 1);
    sink.clear();
    await runner.runReminders(w.org.id, next);
    const nextRule = `education.short.${next.slice(5, 7)}${next.slice(8, 10)}`;
    expect(
      (await owed())
        .filter((r) => r.rule === nextRule)
        .map((r) => r.recipient_id)
        .sort(),
    ).toEqual([w.otherHead.id, w.auditor.id, w.office.id, w.officeHead.id].sort());
    expect(sink.to(w.head.email)).toEqual([]);
  });
});

/** The first business day of a week (Monday, or later when Monday is a holiday). */
function isEducationReminderMonday(day: string): boolean {
  if (!isBusinessDay(day)) return false;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  for (let d = 1; d < dow; d++) if (isBusinessDay(addDays(day, d - dow))) return false;
  return dow !== 0;
}
