import { annualFiguresSections } from '@gwaje/annual-figures';
import { addDays, nthBusinessDayAfter, nthBusinessDayBefore } from '@gwaje/calendar';
import { ReminderRunner } from '@gwaje/notifications';
import { DataSource } from 'typeorm';
import { startApi, type TestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { Factory, login, type TestDept } from './support/factory.js';
import { SmtpSink } from './support/smtp-sink.js';
import { type Actor, seoulToday } from './support/tasks.js';

// 소극행정 신고 (DOMAIN.md §9, issue 22 part 4): a 구 with an audit unit (two auditors and its
// head), a proactive office, the department concerned (청소행정과: staff, head, and the official
// reported), another department, a committee member and an administrator; another 구's auditor
// is the outsider. The reporter's identity is the audit unit's alone.

describe('소극행정 신고', () => {
  const sink = new SmtpSink();
  const factory = new Factory();
  let api: TestApi;
  const http = () => api.http;
  const P = '/api/v1/passive-reports';
  const REPORTER = '비밀신고인';
  const CONTACT = '010-9876-5432';

  beforeAll(async () => {
    await sink.start();
    api = await startApi({}, (config) => {
      config.smtp.url = sink.url;
    });
  });
  afterAll(async () => {
    await api?.close();
    await factory.close();
    await sink.stop();
  });

  const actor = async (dept: TestDept, roles: string[]): Promise<Actor> => {
    const user = await factory.user(dept, roles as any);
    return { ...user, token: (await login(http(), user)).accessToken };
  };

  let orgId = '';
  let dept: TestDept;
  let otherDept: TestDept;
  let auditor: Actor;
  let auditor2: Actor;
  let auditHead: Actor;
  let office: Actor;
  let staff: Actor;
  let head: Actor;
  let official: Actor;
  let otherStaff: Actor;
  let committee: Actor;
  let admin: Actor;
  let outsider: Actor;
  let outsiderDept: TestDept;
  const today = seoulToday();
  const year = Number(today.slice(0, 4));

  beforeAll(async () => {
    const org = await factory.org();
    orgId = org.id;
    const [auditDept, officeDept] = await Promise.all([
      factory.dept(org.id, { isAuditUnit: true }),
      factory.dept(org.id, { isProactiveOffice: true }),
    ]);
    dept = await factory.dept(org.id, { name: `청소행정과 ${org.id.slice(0, 4)}` });
    otherDept = await factory.dept(org.id);
    const other = await factory.org();
    outsiderDept = await factory.dept(other.id, { isAuditUnit: true });
    [
      auditor,
      auditor2,
      auditHead,
      office,
      staff,
      head,
      official,
      otherStaff,
      committee,
      admin,
      outsider,
    ] = await Promise.all([
      actor(auditDept, ['AUDITOR']),
      actor(auditDept, ['AUDITOR']),
      actor(auditDept, ['DEPT_HEAD']),
      actor(officeDept, ['PROACTIVE_OFFICE']),
      actor(dept, ['STAFF']),
      actor(dept, ['DEPT_HEAD']),
      actor(dept, ['STAFF']),
      actor(otherDept, ['STAFF']),
      actor(officeDept, ['COMMITTEE']),
      actor(officeDept, ['ADMIN']),
      actor(outsiderDept, ['AUDITOR']),
    ]);
  }, 60_000);

  let seq = 0;
  const body = (over: Record<string, unknown> = {}) => ({
    receiptNumber: `${year}-소극-${String(++seq).padStart(3, '0')}`,
    receivedOn: today,
    channel: 'SINMUNGO',
    anonymous: false,
    reporter: { name: REPORTER, contact: CONTACT },
    content: '변경 신청 접수를 세 차례 미루고 다른 부서로만 안내함',
    departmentId: dept.id,
    ...over,
  });
  const receive = (who: Actor, b: Record<string, unknown>) =>
    http().post(P, b, { token: who.token });
  const get = (who: Actor, id: string) => http().get(`${P}/${id}`, { token: who.token });
  const act = (who: Actor, id: string, action: string, b: Record<string, unknown>) =>
    http().post(`${P}/${id}/${action}`, b, { token: who.token });
  const reporterReads = async (id: string) =>
    (
      await factory.db.query<{ user_id: string }>(
        `SELECT user_id FROM access_log WHERE record_type = 'passive_report_reporter' AND record_id = $1 ORDER BY id`,
        [id],
      )
    ).rows.map((r) => r.user_id);

  /** The named report (with the official concerned), investigated and concluded along the way. */
  let named: any;
  /** The anonymous report received by the office, left awaiting its investigator. */
  let anonymous: any;

  it('receives named and anonymous reports with a deadline in business days; bad input changes nothing', async () => {
    const before = await businessChecksum(factory.db);
    const refused: Array<[string, Record<string, unknown>, number, string[]]> = [
      ['future', body({ receivedOn: addDays(today, 1) }), 400, ['receivedOn']],
      ['no name', body({ reporter: { contact: CONTACT } }), 400, ['reporter.name']],
      ['anonymous with identity', body({ anonymous: true }), 400, ['reporter']],
      ['official elsewhere', body({ officialIds: [otherStaff.id] }), 400, ['officialIds[0]']],
      ['department elsewhere', body({ departmentId: outsiderDept.id }), 400, ['departmentId']],
      ['no content', body({ content: ' ' }), 400, ['content']],
      ['bad channel', body({ channel: 'PHONE' }), 400, ['channel']],
    ];
    for (const [what, b, status, fields] of refused) {
      const res = await receive(auditor, b);
      expect({
        what,
        status: res.status,
        fields: res.body.details?.map((d: any) => d.field),
      }).toEqual({ what, status, fields });
    }
    // Only the audit unit and the office receive.
    const byStaff = await receive(staff, body());
    expect([byStaff.status, byStaff.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const res = await receive(auditor, body({ officialIds: [official.id] }));
    expect(res.status).toBe(201);
    named = res.body;
    // The default setting: 14 business days after receipt (weekends and holidays not counted).
    expect(named).toMatchObject({
      visibility: 'AUDIT',
      receivedOn: today,
      channel: 'SINMUNGO',
      anonymous: false,
      department: { id: dept.id, name: dept.name },
      status: 'RECEIVED',
      investigationBusinessDays: 14,
      dueDate: nthBusinessDayAfter(today, 14),
      effectiveDueDate: nthBusinessDayAfter(today, 14),
      overdue: false,
      investigator: null,
      conclusion: null,
      allowedActions: ['edit', 'assign', 'close'],
      version: 1,
    });

    // The organisation's setting sets the deadline of the next report (read when it is received).
    const settings = await http().get('/api/v1/settings', { token: office.token });
    const changed = await http().patch(
      '/api/v1/settings',
      {
        version: settings.body.version,
        values: { 'passiveReports.investigationBusinessDays': 7 },
        reason: '조사 기한 단축',
      },
      { token: office.token },
    );
    expect(changed.status).toBe(200);
    const shorter = await receive(auditor, body());
    expect(shorter.body).toMatchObject({
      investigationBusinessDays: 7,
      dueDate: nthBusinessDayAfter(today, 7),
    });
    const withdrawn = await act(auditor, shorter.body.id, 'close', {
      version: 1,
      reason: '중복 신고',
    });
    expect(withdrawn.body).toMatchObject({ status: 'CLOSED', allowedActions: [] });
    await http().patch(
      '/api/v1/settings',
      {
        version: changed.body.version,
        values: { 'passiveReports.investigationBusinessDays': 14 },
        reason: '원복',
      },
      { token: office.token },
    );

    // A duplicate receipt number: 400 naming it, nothing changed.
    const dupBefore = await businessChecksum(factory.db);
    const dup = await receive(office, body({ receiptNumber: named.receiptNumber }));
    expect([dup.status, dup.body.details.map((d: any) => `${d.field}:${d.code}`)]).toEqual([
      400,
      ['receiptNumber:duplicate'],
    ]);
    expect(changedTables(dupBefore, await businessChecksum(factory.db))).toEqual([]);

    // The office receives an anonymous internal report; the auditors are told at once.
    sink.clear();
    const anon = await receive(
      office,
      body({ anonymous: true, reporter: undefined, channel: 'INTERNAL' }),
    );
    expect(anon.status).toBe(201);
    anonymous = anon.body;
    expect(anonymous).toMatchObject({ visibility: 'OFFICE', anonymous: true, reporter: null });
    const { rows: events } = await factory.db.query<{ id: string; event: string }>(
      `SELECT id, event FROM outbox WHERE record_id = $1`,
      [anonymous.id],
    );
    expect(events.map((e) => e.event)).toEqual(['passive-report.received']);
    await api.app.get(ReminderRunner).handleOutbox(events[0].id);
    const told = (
      await factory.db.query<{ recipient_id: string }>(
        `SELECT recipient_id FROM notifications WHERE record_id = $1 ORDER BY recipient_id`,
        [anonymous.id],
      )
    ).rows.map((r) => r.recipient_id);
    expect(told).toEqual([auditor.id, auditor2.id].sort());
    const [mail] = sink.to(auditor.email);
    expect(mail.text).toContain('소극행정 신고');
    expect(mail.text).toContain(`/passive-reports/${anonymous.id}`);
  });

  it('shows the reporter and the officials only to the audit unit, each read access-logged; others see less or nothing', async () => {
    const seen = await get(auditor, named.id);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      visibility: 'AUDIT',
      reporter: { name: REPORTER, contact: CONTACT },
      officials: [{ id: official.id }],
    });
    expect(await reporterReads(named.id)).toEqual([auditor.id]);

    // The office: the report, its channel and anonymity, never who reported nor the officials.
    const byOffice = await get(office, named.id);
    expect(byOffice.status).toBe(200);
    expect(byOffice.body).toMatchObject({
      visibility: 'OFFICE',
      channel: 'SINMUNGO',
      anonymous: false,
      reporter: null,
      officials: null,
    });
    expect(JSON.stringify(byOffice.body)).not.toContain(REPORTER);
    const list = await http().get(`${P}?year=${year}&status=RECEIVED`, { token: office.token });
    expect(list.status).toBe(200);
    expect(list.body.map((r: any) => r.id).sort()).toEqual([named.id, anonymous.id].sort());
    expect(JSON.stringify(list.body)).not.toContain(REPORTER);
    // The auditor's list carries no identities either (only the detail, logged).
    const auditList = await http().get(P, { token: auditor.token });
    expect(JSON.stringify(auditList.body)).not.toContain(REPORTER);
    expect(await reporterReads(named.id)).toEqual([auditor.id]);

    // The department concerned sees nothing while it is investigated; nobody else ever.
    for (const who of [staff, head, official, otherStaff, committee, admin, outsider]) {
      const res = await get(who, named.id);
      expect({ who: who.email, status: res.status }).toEqual({ who: who.email, status: 404 });
    }
    const deptList = await http().get(P, { token: head.token });
    expect([deptList.status, deptList.body]).toEqual([200, []]);
  });

  it('is investigated by an assigned auditor, extended once, and concluded with an outcome and findings', async () => {
    const id = named.id;
    // The office reads it but does not investigate (403); the state refuses a conclusion (409).
    const byOffice = await act(office, id, 'assign', { version: 1, investigatorId: auditor2.id });
    expect([byOffice.status, byOffice.body.code]).toEqual([403, 'FORBIDDEN']);
    const early = await act(auditor, id, 'conclude', {
      version: 1,
      outcome: 'CAUTION',
      findings: '주의',
    });
    expect(early.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      currentStatus: 'RECEIVED',
      allowedActions: ['edit', 'assign', 'close'],
    });
    const notAuditor = await act(auditor, id, 'assign', { version: 1, investigatorId: office.id });
    expect([notAuditor.status, notAuditor.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['investigatorId'],
    ]);
    sink.clear();
    const assigned = await act(auditor, id, 'assign', { version: 1, investigatorId: auditor2.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      status: 'INVESTIGATING',
      investigator: { id: auditor2.id, since: expect.any(String) },
      allowedActions: ['edit', 'assign', 'extend', 'conclude', 'close'],
      version: 2,
    });

    // One extension, of at most the setting (14), with a reason.
    const tooLong = await act(auditor2, id, 'extend', {
      version: 2,
      businessDays: 15,
      reason: '자료',
    });
    expect([tooLong.status, tooLong.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['businessDays'],
    ]);
    const extended = await act(auditor2, id, 'extend', {
      version: 2,
      businessDays: 5,
      reason: '관련 부서 자료 제출 지연',
    });
    expect(extended.status).toBe(200);
    const newDue = nthBusinessDayAfter(named.dueDate, 5);
    expect(extended.body).toMatchObject({
      dueDate: named.dueDate,
      extension: {
        businessDays: 5,
        dueDate: newDue,
        reason: '관련 부서 자료 제출 지연',
        by: auditor2.id,
      },
      effectiveDueDate: newDue,
      allowedActions: ['edit', 'assign', 'conclude', 'close'],
    });
    const again = await act(auditor2, id, 'extend', { version: 3, businessDays: 1, reason: '또' });
    expect([again.status, again.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);

    // The audit unit corrects what was received; officials must be of the department concerned.
    const edit = (who: Actor, b: Record<string, unknown>) =>
      http().patch(`${P}/${id}`, b, { token: who.token });
    const byOfficeEdit = await edit(office, { version: 3, content: '바꿈' });
    expect([byOfficeEdit.status, byOfficeEdit.body.code]).toEqual([403, 'FORBIDDEN']);
    const moved = await edit(auditor, { version: 3, departmentId: otherDept.id });
    expect([moved.status, moved.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['officialIds[0]'],
    ]);
    const edited = await edit(auditor, {
      version: 3,
      content: '변경 신청 접수를 세 차례 미루고 다른 부서로만 안내함(추가 진술)',
      officialIds: [official.id, staff.id],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      content: '변경 신청 접수를 세 차례 미루고 다른 부서로만 안내함(추가 진술)',
      version: 4,
    });
    expect((await get(auditor, id)).body.officials.map((o: any) => o.id).sort()).toEqual(
      [official.id, staff.id].sort(),
    );

    // Without findings, or on a day before the receipt: 400 naming the field, nothing changed.
    const before = await businessChecksum(factory.db);
    const noFindings = await act(auditor2, id, 'conclude', { version: 4, outcome: 'CAUTION' });
    expect([noFindings.status, noFindings.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['findings'],
    ]);
    const noOutcome = await act(auditor2, id, 'conclude', { version: 4, findings: '주의 처분' });
    expect(noOutcome.body.details.map((d: any) => d.field)).toEqual(['outcome']);
    const outOfOrder = await act(auditor2, id, 'conclude', {
      version: 4,
      outcome: 'CAUTION',
      findings: '주의 처분',
      concludedOn: addDays(today, -1),
    });
    expect([outOfOrder.status, outOfOrder.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['concludedOn'],
    ]);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
    const concluded = await act(auditor2, id, 'conclude', {
      version: 4,
      outcome: 'CAUTION',
      findings: '접수 지연이 확인되어 담당자에게 주의 처분함',
    });
    expect(concluded.status).toBe(200);
    expect(concluded.body).toMatchObject({
      status: 'CONCLUDED',
      conclusion: { outcome: 'CAUTION', concludedOn: today, daysTaken: 0 },
      allowedActions: [],
    });

    // Now the department concerned reads its content and outcome, never who reported.
    const byDept = await get(head, id);
    expect(byDept.status).toBe(200);
    expect(byDept.body).toMatchObject({
      visibility: 'DEPARTMENT',
      channel: null,
      anonymous: null,
      reporter: null,
      officials: null,
      investigator: null,
      conclusion: { outcome: 'CAUTION', findings: '접수 지연이 확인되어 담당자에게 주의 처분함' },
    });
    expect(JSON.stringify(byDept.body)).not.toContain(REPORTER);
    expect((await http().get(P, { token: staff.token })).body.map((r: any) => r.id)).toEqual([id]);
    for (const who of [otherStaff, committee, admin, outsider])
      expect((await get(who, id)).status).toBe(404);
    // Its history: the audit unit and the office; it holds neither the reporter nor the officials.
    const deptHistory = await http().get(`${P}/${id}/history`, { token: head.token });
    expect([deptHistory.status, deptHistory.body.code]).toEqual([403, 'FORBIDDEN']);
    const history = await http().get(`${P}/${id}/history`, { token: office.token });
    expect(history.body.map((h: any) => h.action)).toEqual([
      'receive',
      'assign',
      'extend',
      'edit',
      'conclude',
    ]);
    const ledger = JSON.stringify(history.body);
    for (const secret of [REPORTER, CONTACT, official.id, staff.id])
      expect(ledger).not.toContain(secret);
    // The auditor's two reads of the detail are logged; the office's and the department's are no
    // reads of the reporter.
    expect(await reporterReads(id)).toEqual([auditor.id, auditor.id]);
  });

  it('reminds the investigator (or, unassigned, the audit unit) D-3 and D-1, and when overdue its head too', async () => {
    const runner = api.app.get(ReminderRunner);
    const report = (await receive(auditor, body())).body;
    await act(auditor, report.id, 'assign', { version: 1, investigatorId: auditor2.id });
    const owed = async (id: string) =>
      (
        await factory.db.query<{ recipient_id: string; rule: string }>(
          `SELECT recipient_id, rule FROM notifications WHERE record_id = $1 AND NOT urgent ORDER BY rule, recipient_id`,
          [id],
        )
      ).rows.map((r) => `${r.rule} ${r.recipient_id}`);
    const due: string = report.dueDate;
    sink.clear();
    for (const n of [3, 1]) await runner.runReminders(orgId, nthBusinessDayBefore(due, n));
    expect(await owed(report.id)).toEqual([
      `passive-report.due-1 ${auditor2.id}`,
      `passive-report.due-3 ${auditor2.id}`,
    ]);
    // Unassigned (due the same day), the audit unit: both auditors.
    expect(await owed(anonymous.id)).toEqual(
      ['due-1', 'due-3'].flatMap((r) =>
        [auditor.id, auditor2.id].sort().map((u) => `passive-report.${r} ${u}`),
      ),
    );

    // Overdue: the investigator and the head of the audit unit, every business day.
    const late = nthBusinessDayAfter(due, 1);
    const daysLate = Math.round((Date.parse(late) - Date.parse(due)) / 86_400_000);
    await runner.runReminders(orgId, late);
    const overdue = (await owed(report.id)).filter((r) => r.startsWith('passive-report.overdue'));
    expect(overdue).toEqual(
      [auditHead.id, auditor2.id].sort().map((u) => `passive-report.overdue+${daysLate} ${u}`),
    );
    const [mail] = sink.to(auditHead.email);
    expect(mail.text).toContain('소극행정 신고 조사 기한 경과');
    expect(mail.text).toContain(`/passive-reports/${report.id}`);
    // E-mails never carry the reporter nor the content.
    for (const m of sink.toAny([auditor.email, auditor2.email, auditHead.email])) {
      expect(m.text).not.toContain(REPORTER);
      expect(m.text).not.toContain('변경 신청');
    }
    expect(sink.toAny([office.email, staff.email, head.email])).toEqual([]);

    // Closed: nothing more is owed.
    const closed = await act(auditor, report.id, 'close', {
      version: 2,
      reason: '신고인이 취하함',
    });
    expect(closed.body).toMatchObject({ status: 'CLOSED', closing: { reason: '신고인이 취하함' } });
    const count = (await owed(report.id)).length;
    await runner.runReminders(orgId, nthBusinessDayAfter(late, 1));
    expect((await owed(report.id)).length).toBe(count);
  });

  it('counts a year as counted by hand, in the statistics and the annual report', async () => {
    // One more, received two days ago and past its deadline (written back).
    const old = (await receive(auditor, body())).body;
    const oldOn = addDays(today, -2);
    await factory.db.query(
      `UPDATE passive_reports SET received_on = $2, due_date = $3 WHERE id = $1`,
      [old.id, oldOn, addDays(today, -1)],
    );
    // Received this year: named (concluded, CAUTION), anonymous (open), the short one and the
    // reminded one (both closed) and the old one (open, overdue) unless two days ago was last year.
    const thisYear = oldOn.startsWith(String(year)) ? 1 : 0;
    const stats = await http().get(`${P}/statistics?year=${year}`, { token: office.token });
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      year,
      received: 4 + thisYear,
      anonymous: 1,
      anonymousShare: Math.round((1 / (4 + thisYear)) * 1000) / 1000,
      open: 1 + thisYear,
      overdue: thisYear,
      closed: 2,
      concluded: 1,
      concludedLate: 0,
      averageDays: 0,
      byOutcome: {
        NO_ACTION: 0,
        NOT_PASSIVE: 0,
        CAUTION: 1,
        WARNING: 0,
        DISCIPLINE_REQUESTED: 0,
        TRANSFERRED: 0,
      },
    });
    const byDept = await http().get(`${P}/statistics?year=${year}`, { token: head.token });
    expect(byDept.status).toBe(403);

    const section = annualFiguresSections().find((s) => s.name === 'passiveReports');
    expect(section).toBeDefined();
    const figures = await section!.compute(api.app.get(DataSource).manager, {
      organisationId: orgId,
      year,
    });
    expect(Object.fromEntries(figures.map((f) => [f.key, f.value]))).toEqual({
      received: 4 + thisYear,
      concluded: 1,
      noAction: 0,
      notPassive: 0,
      caution: 1,
      warning: 0,
      disciplineRequested: 0,
      transferred: 0,
      disciplinaryRequests: 0,
    });
  });

  it('an outsider gets 404 on every route of a report, and nothing changes', async () => {
    const before = await businessChecksum(factory.db);
    const id = anonymous.id;
    const routes: Array<[string, string, unknown]> = [
      ['GET', `${P}/${id}`, undefined],
      ['GET', `${P}/${id}/history`, undefined],
      ['PATCH', `${P}/${id}`, { version: 1, content: '바꿈' }],
      ['POST', `${P}/${id}/assign`, { version: 1, investigatorId: outsider.id }],
      ['POST', `${P}/${id}/extend`, { version: 1, businessDays: 1, reason: '사유' }],
      ['POST', `${P}/${id}/conclude`, { version: 1, outcome: 'NO_ACTION', findings: '없음' }],
      ['POST', `${P}/${id}/close`, { version: 1, reason: '사유' }],
    ];
    const wrong: string[] = [];
    for (const who of [outsider, otherStaff, staff, committee, admin])
      for (const [method, path, b] of routes) {
        const res = await http().request(method, path, { token: who.token, body: b });
        if (res.status !== 404 || res.body.code !== 'NOT_FOUND')
          wrong.push(`${who.email} ${method} ${path} → ${res.status}`);
      }
    expect(wrong).toEqual([]);
    // Another organisation's auditor lists none of them.
    expect((await http().get(P, { token: outsider.token })).body).toEqual([]);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
  });
});
