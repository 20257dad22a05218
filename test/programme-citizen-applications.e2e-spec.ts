import { nthBusinessDayAfter, nthBusinessDayBefore } from '@gwaje/calendar';
import { annualFiguresSections } from '@gwaje/annual-figures';
import { ReminderRunner } from '@gwaje/notifications';
import { DataSource } from 'typeorm';
import { startApi, type TestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { Factory, login } from './support/factory.js';
import { SmtpSink } from './support/smtp-sink.js';
import { type Actor, seoulToday, type TaskWorld, taskWorld } from './support/tasks.js';

// 적극행정 국민신청 (DOMAIN.md §9, issue 22 part 3): the proactive office registers citizens'
// applications, assigns them to a department (again until the decision); the department reviews,
// the office may ask the committee's opinion, the department head decides 수용/불수용 with reasons,
// the reply is recorded and e-mailed to the applicant's address. The applicant's name and contact
// are read only by the office and the assigned department (each read access-logged); auditors
// read them masked; other departments and other organisations (the parent one too) get a 404.
// Everything happens in last year, so every date of the course is in the past.

describe('적극행정 국민신청', () => {
  const sink = new SmtpSink();
  const factory = new Factory();
  let api: TestApi;
  const http = () => api.http;
  const A = '/api/v1/citizen-applications';
  const today = seoulToday();
  const Y = Number(today.slice(0, 4)) - 1;
  const after = (d: string, n: number) => nthBusinessDayAfter(d, n);

  let w: TaskWorld;
  let parentOffice: Actor;
  let foreignDept: string;

  beforeAll(async () => {
    await sink.start();
    api = await startApi({}, (config) => {
      config.smtp.url = sink.url;
    });
    w = await taskWorld(http(), factory);
    const parent = await factory.org({ name: `서울특별시 ${Date.now()}` });
    await factory.db.query(`UPDATE organisations SET parent_id = $2 WHERE id = $1`, [
      w.org.id,
      parent.id,
    ]);
    const parentDept = await factory.dept(parent.id, { isProactiveOffice: true });
    const u = await factory.user(parentDept, ['PROACTIVE_OFFICE', 'AUDITOR']);
    parentOffice = { ...u, token: (await login(http(), u)).accessToken };
    foreignDept = parentDept.id;
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await factory.close();
    await sink.stop();
  });

  const register = (who: Actor, body: Record<string, unknown>) =>
    http().post(A, body, { token: who.token });
  const get = (who: Actor, id: string) => http().get(`${A}/${id}`, { token: who.token });
  const act = (who: Actor, id: string, action: string, body: Record<string, unknown>) =>
    http().post(`${A}/${id}/${action}`, body, { token: who.token });
  const fields = (res: { body: any }) => (res.body.details ?? []).map((d: any) => d.field);
  /** Handles the application's outbox rows of `event` as the worker does. */
  const relay = async (id: string, event: string) => {
    const runner = api.app.get(ReminderRunner);
    const { rows } = await factory.db.query<{ id: string }>(
      `SELECT id FROM outbox WHERE record_id = $1 AND event = $2 ORDER BY id`,
      [id, event],
    );
    for (const row of rows) await runner.handleOutbox(row.id);
    return rows.length;
  };
  const mailsAbout = (email: string, id: string) =>
    sink.to(email).filter((m) => m.text.includes(`/citizen-applications/${id}`));
  const body = (overrides: Record<string, unknown> = {}) => ({
    applicationNumber: `${Y}-국민신청-${Math.random().toString(36).slice(2, 8)}`,
    channel: 'EPEOPLE',
    receivedOn: `${Y}-04-01`,
    applicantName: '김민수',
    applicantPhone: '010-1234-5678',
    applicantEmail: 'minsu.kim@example.com',
    content: '공원 내 푸드트럭 영업 허가 기간을 1년 단위로 늘려 주십시오.',
    challengedRule: '도시공원 점용허가 기간을 6개월로 제한하는 관행',
    ...overrides,
  });

  const recvA = `${Y}-04-01`;
  let appA: any;

  it('registers an application; bad input is a 400 naming the field and changes nothing', async () => {
    const before = await businessChecksum(factory.db);
    const bad: Array<[Record<string, unknown>, string[]]> = [
      [{ receivedOn: nthBusinessDayAfter(today, 1) }, ['receivedOn']],
      [{ applicantPhone: undefined, applicantEmail: undefined }, ['applicantPhone']],
      [{ applicantPhone: '12-34', applicantEmail: 'minsu@' }, ['applicantPhone', 'applicantEmail']],
      [{ departmentId: foreignDept }, ['departmentId']],
      [{ channel: 'FAX' }, ['channel']],
      [{ applicantName: '  ' }, ['applicantName']],
    ];
    for (const [overrides, want] of bad) {
      const res = await register(w.office, body(overrides));
      expect({ overrides, status: res.status, fields: fields(res) }).toEqual({
        overrides,
        status: 400,
        fields: want,
      });
    }
    // Only the office registers.
    const byStaff = await register(w.staff, body());
    expect([byStaff.status, byStaff.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const res = await register(
      w.office,
      body({ applicationNumber: ` ${Y}-A-001 `, receivedOn: recvA }),
    );
    expect(res.status).toBe(201);
    appA = res.body;
    // 14 business days after receipt (the default of citizenApplications.processingBusinessDays).
    expect(appA).toMatchObject({
      applicationNumber: `${Y}-A-001`,
      channel: 'EPEOPLE',
      receivedOn: recvA,
      status: 'RECEIVED',
      personalDataVisible: true,
      applicant: { name: '김민수', phone: '010-1234-5678', email: 'minsu.kim@example.com' },
      processingBusinessDays: 14,
      dueDate: after(recvA, 14),
      overdue: true,
      department: null,
      allowedActions: ['assign'],
      version: 1,
    });

    // A duplicate number (per organisation): 400 naming it, nothing changed.
    const again = await businessChecksum(factory.db);
    const dup = await register(w.office, body({ applicationNumber: `${Y}-A-001` }));
    expect([dup.status, fields(dup)]).toEqual([400, ['applicationNumber']]);
    expect(changedTables(again, await businessChecksum(factory.db))).toEqual([]);
  });

  it('the whole course: assignment, review, the committee’s opinion, decision and the reply e-mailed to the applicant', async () => {
    const id = appA.id;
    sink.clear();
    const assigned = await act(w.office, id, 'assign', { version: 1, departmentId: w.lead.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      status: 'ASSIGNED',
      department: { id: w.lead.id, name: w.lead.name },
      version: 2,
    });
    // The department's people are told at once; not the office, not another department.
    expect(await relay(id, 'citizen-application.assigned')).toBe(1);
    for (const who of [w.staff, w.owner, w.head])
      expect({ who: who.email, n: mailsAbout(who.email, id).length }).toEqual({
        who: who.email,
        n: 1,
      });
    expect(sink.toAny([w.office.email, w.partner.email, w.auditor.email])).toEqual([]);

    const started = await act(w.staff, id, 'start-review', { version: 2 });
    expect(started.body).toMatchObject({
      status: 'UNDER_REVIEW',
      allowedActions: ['recordReview'],
    });
    const noted = await act(w.staff, id, 'review', {
      version: 3,
      notes: '조례 개정 없이 허가 기간 연장 가능',
    });
    expect(noted.body.review).toMatchObject({ notes: '조례 개정 없이 허가 기간 연장 가능' });

    // STAFF may not decide (403); the office asks the committee (dates in order).
    const byStaff = await act(w.staff, id, 'decide', {
      version: 4,
      decision: 'ACCEPTED',
      reasons: '수용',
    });
    expect([byStaff.status, byStaff.body.code]).toEqual([403, 'FORBIDDEN']);
    const early = await act(w.office, id, 'request-opinion', {
      version: 4,
      requestedOn: `${Y}-03-31`,
    });
    expect([early.status, fields(early)]).toEqual([400, ['requestedOn']]);
    const asked = await act(w.office, id, 'request-opinion', {
      version: 4,
      requestedOn: after(recvA, 1),
      note: '선례가 없어 위원회 의견을 구함',
    });
    expect(asked.body).toMatchObject({
      status: 'COMMITTEE_OPINION_REQUESTED',
      committeeOpinion: { requestedOn: after(recvA, 1), opinion: null },
    });
    // While the committee is asked, the department head cannot decide: 409 with what may be done.
    const waiting = await act(w.head, id, 'decide', {
      version: 5,
      decision: 'ACCEPTED',
      reasons: '수용',
    });
    expect(waiting.status).toBe(409);
    expect(waiting.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      resource: 'citizenApplication',
      currentStatus: 'COMMITTEE_OPINION_REQUESTED',
      allowedActions: [],
    });
    const opinion = await act(w.office, id, 'opinion', {
      version: 5,
      opinionOn: after(recvA, 2),
      opinion: '수용 의견',
    });
    expect(opinion.body).toMatchObject({
      status: 'UNDER_REVIEW',
      committeeOpinion: { opinionOn: after(recvA, 2), opinion: '수용 의견' },
    });

    // A decision without reasons, before receipt, before the opinion or in the future: 400, nothing changed.
    const before = await businessChecksum(factory.db);
    const decide = (extra: Record<string, unknown>) =>
      act(w.head, id, 'decide', { version: 6, decision: 'ACCEPTED', reasons: '수용함', ...extra });
    for (const [extra, field] of [
      [{ reasons: '   ' }, 'reasons'],
      [{ reasons: undefined }, 'reasons'],
      [{ decidedOn: `${Y}-03-01` }, 'decidedOn'],
      [{ decidedOn: after(recvA, 1) }, 'decidedOn'],
      [{ decidedOn: nthBusinessDayAfter(today, 1) }, 'decidedOn'],
    ] as const) {
      const res = await decide(extra);
      expect({ extra, status: res.status, fields: fields(res) }).toEqual({
        extra,
        status: 400,
        fields: [field],
      });
    }
    const stale = await decide({ version: 2, decidedOn: after(recvA, 3) });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const decided = await decide({ decidedOn: after(recvA, 3), reasons: '운영 지침을 개정함' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'DECIDED',
      decision: {
        decision: 'ACCEPTED',
        reasons: '운영 지침을 개정함',
        decidedOn: after(recvA, 3),
        decidedBy: w.head.id,
      },
    });
    // Decided: no reassignment any more.
    const late = await act(w.office, id, 'assign', { version: 7, departmentId: w.partnerDept.id });
    expect([late.status, late.body.allowedActions]).toEqual([409, ['reply']]);

    const tooEarly = await act(w.staff, id, 'reply', {
      version: 7,
      repliedOn: after(recvA, 2),
      method: 'EMAIL',
      text: '수용 결과 안내',
    });
    expect([tooEarly.status, fields(tooEarly)]).toEqual([400, ['repliedOn']]);
    sink.clear();
    const replied = await act(w.staff, id, 'reply', {
      version: 7,
      repliedOn: after(recvA, 5),
      method: 'EMAIL',
      text: '신청하신 내용을 수용하여 허가 기간을 1년으로 늘렸습니다.',
    });
    expect(replied.body).toMatchObject({
      status: 'REPLIED',
      reply: {
        repliedOn: after(recvA, 5),
        method: 'EMAIL',
        repliedBy: w.staff.id,
        emailStatus: 'PENDING',
      },
      allowedActions: [],
    });
    // The reply goes once to the applicant's address (no user): decision, reasons and the text.
    expect(await relay(id, 'citizen-application.reply-email')).toBe(1);
    await relay(id, 'citizen-application.reply-email');
    const mails = sink.to('minsu.kim@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain(`적극행정 국민신청 처리 결과 안내 (신청번호 ${Y}-A-001)`);
    expect(mails[0].text).toContain('김민수 님');
    expect(mails[0].text).toContain('결정: 수용');
    expect(mails[0].text).toContain('사유: 운영 지침을 개정함');
    expect(mails[0].text).toContain('허가 기간을 1년으로 늘렸습니다');
    expect((await get(w.office, id)).body.reply).toMatchObject({
      emailStatus: 'SENT',
      emailSentAt: expect.any(String),
    });

    const history = await http().get(`${A}/${id}/history`, { token: w.auditor.token });
    expect(history.body.map((h: any) => h.action)).toEqual([
      'register',
      'assign',
      'startReview',
      'recordReview',
      'requestOpinion',
      'recordOpinion',
      'decide',
      'reply',
    ]);
    // The ledger (read by auditors) never holds the applicant's personal data.
    const ledger = JSON.stringify(history.body);
    for (const personal of ['김민수', '010-1234-5678', 'minsu.kim@example.com'])
      expect(ledger).not.toContain(personal);
  });

  let appB: any;

  it('personal data: the office and the assigned department read it, auditors masked, others 404; reads are access-logged', async () => {
    const res = await register(
      w.office,
      body({
        applicationNumber: `${Y}-B-002`,
        receivedOn: `${Y}-05-06`,
        applicantName: '이영희',
        applicantPhone: '02-2116-3114',
        applicantEmail: undefined,
        departmentId: w.partnerDept.id,
      }),
    );
    expect(res.body).toMatchObject({ status: 'ASSIGNED', department: { id: w.partnerDept.id } });
    appB = res.body;
    const id = appB.id;
    const seen = async (who: Actor) => {
      const r = await get(who, id);
      return [
        r.status,
        r.body.personalDataVisible,
        r.body.applicant?.name ?? null,
        r.body.applicant?.phone ?? null,
      ];
    };
    expect(await seen(w.office)).toEqual([200, true, '이영희', '02-2116-3114']);
    expect(await seen(w.partner)).toEqual([200, true, '이영희', '02-2116-3114']);
    expect(await seen(w.auditor)).toEqual([200, false, null, null]);
    for (const who of [w.staff, w.head, w.outsider, w.committee, w.admin, parentOffice])
      expect({ who: who.roles, status: (await get(who, id)).status }).toEqual({
        who: who.roles,
        status: 404,
      });
    // Lists: the auditor reads the organisation's masked, a department only its own, others 403.
    const auditorList = await http().get(`${A}?year=${Y}`, { token: w.auditor.token });
    expect(auditorList.body.map((a: any) => a.id).sort()).toEqual([appA.id, id].sort());
    expect(auditorList.body.every((a: any) => a.applicant.name === null)).toBe(true);
    const partnerList = await http().get(A, { token: w.partner.token });
    expect(partnerList.body.map((a: any) => [a.id, a.applicant.name])).toEqual([[id, '이영희']]);
    expect((await http().get(A, { token: w.committee.token })).status).toBe(403);
    expect((await http().get(A, { token: parentOffice.token })).body).toEqual([]);

    // Every read is in the access log, with whether it held the personal data.
    const { rows } = await factory.db.query<{ user_id: string; action: string; personal: string }>(
      `SELECT user_id, action, filter->>'personalData' AS personal FROM access_log
        WHERE record_type = 'citizen_application' AND record_id = $1 AND action = 'READ'`,
      [id],
    );
    const byUser = (u: Actor) => rows.filter((r) => r.user_id === u.id).map((r) => r.personal);
    expect(byUser(w.office)).toEqual(expect.arrayContaining(['true']));
    expect(byUser(w.partner)).toEqual(['true']);
    expect(byUser(w.auditor)).toEqual(['false']);
    const lists = await factory.db.query<{ personal: string }>(
      `SELECT filter->>'personalData' AS personal FROM access_log
        WHERE record_type = 'citizen_application' AND action = 'LIST' AND user_id = $1`,
      [w.partner.id],
    );
    expect(lists.rows.map((r) => r.personal)).toEqual(['true']);

    // Reassigned before the decision: the new department reads it, the previous one no longer.
    sink.clear();
    const moved = await act(w.office, id, 'assign', {
      version: 1,
      departmentId: w.lead.id,
      reason: '소관 부서 변경',
    });
    expect(moved.body).toMatchObject({
      status: 'ASSIGNED',
      reassignedCount: 1,
      department: { id: w.lead.id },
    });
    await relay(id, 'citizen-application.assigned');
    expect(mailsAbout(w.head.email, id)).toHaveLength(1);
    expect((await get(w.partner, id)).status).toBe(404);
    expect(await seen(w.head)).toEqual([200, true, '이영희', '02-2116-3114']);
    const same = await act(w.office, id, 'assign', { version: 2, departmentId: w.lead.id });
    expect([same.status, fields(same)]).toEqual([400, ['departmentId']]);

    // Rejected with reasons, replied by phone (no address: no e-mail).
    await act(w.head, id, 'start-review', { version: 2 });
    const rejected = await act(w.head, id, 'decide', {
      version: 3,
      decision: 'REJECTED',
      reasons: '상위 법령(도시공원법 시행령)상 허가 기간을 늘릴 수 없음',
      decidedOn: `${Y}-05-20`,
    });
    expect(rejected.body.decision).toMatchObject({ decision: 'REJECTED' });
    const phoned = await act(w.head, id, 'reply', {
      version: 4,
      method: 'PHONE',
      text: '전화로 안내함',
      repliedOn: `${Y}-05-21`,
    });
    expect(phoned.body.reply).toMatchObject({ method: 'PHONE', emailStatus: null });
    expect(await relay(id, 'citizen-application.reply-email')).toBe(0);
  });

  it('reminds the department and the office D-3 business days, on the day and when overdue, until the reply', async () => {
    const recv = `${Y}-06-01`;
    const created = await register(
      w.office,
      body({
        applicationNumber: `${Y}-C-003`,
        receivedOn: recv,
        departmentId: w.lead.id,
      }),
    );
    const id = created.body.id;
    const due: string = created.body.dueDate;
    expect(due).toBe(after(recv, 14));
    const runner = api.app.get(ReminderRunner);
    const owed = async () =>
      (
        await factory.db.query<{ recipient_id: string; rule: string }>(
          `SELECT recipient_id, rule FROM notifications WHERE record_id = $1 AND NOT urgent ORDER BY rule, recipient_id`,
          [id],
        )
      ).rows
        .map((r) => `${r.rule} ${r.recipient_id}`)
        .sort();
    const to = (rule: string) => [w.staff, w.owner, w.head, w.office].map((u) => `${rule} ${u.id}`);

    sink.clear();
    await runner.runReminders(w.org.id, nthBusinessDayBefore(due, 3));
    expect(await owed()).toEqual(to('citizen-application.due-3').sort());
    expect(mailsAbout(w.head.email, id)).toHaveLength(1);
    expect(mailsAbout(w.office.email, id)).toHaveLength(1);
    expect(mailsAbout(w.partner.email, id)).toHaveLength(0);
    expect(mailsAbout(w.auditor.email, id)).toHaveLength(0);
    // The day before: nothing for it.
    await runner.runReminders(w.org.id, nthBusinessDayBefore(due, 1));
    expect(await owed()).toHaveLength(4);

    await runner.runReminders(w.org.id, due);
    const late = after(due, 1);
    await runner.runReminders(w.org.id, late);
    const daysLate = Math.round((Date.parse(late) - Date.parse(due)) / 86_400_000);
    expect(await owed()).toEqual(
      [
        ...to('citizen-application.due-3'),
        ...to('citizen-application.due-0'),
        ...to(`citizen-application.overdue+${daysLate}`),
      ].sort(),
    );
    const [overdue] = mailsAbout(w.office.email, id).slice(-1);
    expect(overdue.text).toContain('적극행정 국민신청 처리기한 경과');

    // Replied (late): nothing more is owed.
    let v = created.body.version;
    v = (await act(w.staff, id, 'start-review', { version: v })).body.version;
    v = (
      await act(w.office, id, 'decide', {
        version: v,
        decision: 'ACCEPTED',
        reasons: '수용',
        decidedOn: after(recv, 15),
      })
    ).body.version;
    const replied = await act(w.office, id, 'reply', {
      version: v,
      method: 'EMAIL',
      text: '수용 안내',
      repliedOn: after(recv, 16),
    });
    expect(replied.body.status).toBe('REPLIED');
    // The SMTP server refuses the reply e-mail: recorded FAILED (no address in the error), the
    // job fails to be retried; the retry sends it once.
    sink.clear();
    sink.failNext(1, 451, ['minsu.kim@example.com']);
    await expect(relay(id, 'citizen-application.reply-email')).rejects.toThrow(/refused/);
    const failed = await factory.db.query<{ s: string; n: number; e: string }>(
      `SELECT reply_email_status AS s, reply_email_attempts AS n, reply_email_error AS e
         FROM citizen_applications WHERE id = $1`,
      [id],
    );
    expect(failed.rows[0]).toMatchObject({ s: 'FAILED', n: 1 });
    expect(failed.rows[0].e).not.toContain('minsu.kim@example.com');
    await relay(id, 'citizen-application.reply-email');
    await relay(id, 'citizen-application.reply-email');
    expect(sink.to('minsu.kim@example.com')).toHaveLength(1);
    expect((await get(w.office, id)).body.reply).toMatchObject({ emailStatus: 'SENT' });
    const count = (await owed()).length;
    await runner.runReminders(w.org.id, after(due, 3));
    expect(await owed()).toHaveLength(count);
  });

  it('counts a year: received, by state, outcomes, average business days to the reply, overdue; and the annual figures', async () => {
    // D: received, never assigned (past its deadline).
    const d = await register(
      w.office,
      body({ applicationNumber: `${Y}-D-004`, receivedOn: `${Y}-07-01` }),
    );
    expect(d.status).toBe(201);
    // Another year does not count.
    await register(
      w.office,
      body({ applicationNumber: `${Y - 1}-E-005`, receivedOn: `${Y - 1}-12-30` }),
    );

    const stats = await http().get(`${A}/statistics?year=${Y}`, { token: w.auditor.token });
    expect(stats.status).toBe(200);
    // A replied in 5 business days (on time), B rejected and replied, C replied in 16 (late), D open.
    const daysB = countBusinessDays(`${Y}-05-06`, `${Y}-05-21`);
    expect(stats.body).toEqual({
      year: Y,
      received: 4,
      byStatus: {
        RECEIVED: 1,
        ASSIGNED: 0,
        UNDER_REVIEW: 0,
        COMMITTEE_OPINION_REQUESTED: 0,
        DECIDED: 0,
        REPLIED: 3,
      },
      accepted: 2,
      rejected: 1,
      pending: 1,
      averageProcessingBusinessDays: Math.round(((5 + daysB + 16) / 3) * 10) / 10,
      overdue: 2,
    });
    expect((await http().get(`${A}/statistics?year=${Y}`, { token: w.staff.token })).status).toBe(
      403,
    );
    expect((await http().get(`${A}/statistics`, { token: w.office.token })).status).toBe(400);

    const section = annualFiguresSections().find((s) => s.name === 'citizenApplications');
    const figures = await section!.compute(api.app.get(DataSource).manager, {
      organisationId: w.org.id,
      year: Y,
    });
    expect(Object.fromEntries(figures.map((f) => [f.key, f.value]))).toEqual({
      received: 4,
      accepted: 2,
      rejected: 1,
      pending: 1,
      averageProcessingDays: stats.body.averageProcessingBusinessDays,
    });
  });
});

/** Business days after `from` up to `to`, counted by the test itself (weekdays and holidays). */
function countBusinessDays(from: string, to: string): number {
  let n = 0;
  for (let d = nthBusinessDayAfter(from, 1); d <= to; d = nthBusinessDayAfter(d, 1)) n++;
  return n;
}
