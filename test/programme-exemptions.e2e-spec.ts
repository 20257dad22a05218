import ExcelJS from 'exceljs';
import { annualFiguresSections } from '@gwaje/annual-figures';
import { isBusinessDay } from '@gwaje/calendar';
import { ReminderRunner } from '@gwaje/notifications';
import { DataSource } from 'typeorm';
import { startApi, type TestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import {
  consultationAction,
  consultationInState,
  type ConsultationActor,
  consultationWorld,
  type ConsultationWorld,
} from './support/consultations.js';
import { Factory, login } from './support/factory.js';
import { SmtpSink } from './support/smtp-sink.js';
import { seoulToday } from './support/tasks.js';

// 면책 register and the quarterly report to 감사원 (issue 22 parts 5 and 6): a 구 (org) under a 시
// (parent) under a ministry-like top organisation (grand); the 구's audit unit registers, assesses,
// decides and notifies 면책 cases; the quarter's report is compiled from the decisions, due 10
// calendar days after the quarter (moved past a weekend or holiday), reminded to the audit unit and
// submitted once. Pre-consultations escalate beyond one level, each hop with its approval.

const P = '/api/v1/exemptions';
const R = '/api/v1/exemption-reports';
/** Q3 2026 ends on Wednesday 30 Sep; the 10th day, 10 Oct, is a Saturday after 한글날 (Fri 9 Oct). */
const Q3 = { year: 2026, quarter: 3, end: '2026-09-30', due: '2026-10-12' };

describe('면책 register and the quarterly report to 감사원', () => {
  const sink = new SmtpSink();
  const factory = new Factory();
  let api: TestApi;
  const http = () => api.http;
  let w: ConsultationWorld;
  let grandAuditor: ConsultationActor;
  let staffName: string;

  beforeAll(async () => {
    await sink.start();
    api = await startApi({}, (config) => {
      config.smtp.url = sink.url;
    });
    w = await consultationWorld(http(), factory);
    // The 시 has a parent of its own (a ministry-like organisation with an audit unit).
    const grand = await factory.org();
    await factory.db.query(`UPDATE organisations SET parent_id = $2 WHERE id = $1`, [
      w.parent.id,
      grand.id,
    ]);
    const audit = await factory.dept(grand.id, { isAuditUnit: true });
    const user = await factory.user(audit, ['AUDITOR']);
    grandAuditor = { ...user, token: (await login(http(), user)).accessToken };
    const { rows } = await factory.db.query<{ name: string }>(
      `SELECT name FROM users WHERE id = $1`,
      [w.staff.id],
    );
    staffName = rows[0].name;
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await factory.close();
    await sink.stop();
  });

  const act = (who: ConsultationActor, id: string, action: string, body: Record<string, unknown>) =>
    http().post(`${P}/${id}/${action}`, body, { token: who.token });
  const approval = (name: string, title: string) => ({
    approverName: name,
    approverTitle: title,
    approvedOn: seoulToday(),
  });

  it('escalates a pre-consultation beyond one level, each hop with its approval, and out of Gwaje to 감사원', async () => {
    const c = await consultationInState(http(), w, 'UNDER_REVIEW');
    const first = await consultationAction(http(), w.auditor.token, c.id, 'escalate', {
      reason: '시 감사위원회 해석 요청',
      ...approval('박구청', '구청장'),
    });
    expect(first).toMatchObject({ status: 'ESCALATED', escalatedToOrganisationId: w.parent.id });
    expect(first.escalationHops).toEqual([
      expect.objectContaining({
        seq: 1,
        fromOrganisationId: w.org.id,
        toOrganisationId: w.parent.id,
        destination: 'PARENT',
        approvedByName: '박구청',
        approvedByTitle: '구청장',
        approvedOn: seoulToday(),
        requestedBy: w.auditor.id,
      }),
    ]);

    // Beyond the first level the approval is required: 400 naming each field, nothing changed.
    const url = `/api/v1/consultations/${c.id}/transitions`;
    const before = await businessChecksum(factory.db);
    const bad = await http().post(
      url,
      { action: 'escalate', reason: '상급 감사기구 의견 필요', version: first.version },
      { token: w.parentAuditor.token },
    );
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual([
      'approvedOn',
      'approverName',
      'approverTitle',
    ]);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const second = await consultationAction(http(), w.parentAuditor.token, c.id, 'escalate', {
      reason: '상급 감사기구 의견 필요',
      ...approval('최감사', '감사위원장'),
    });
    expect(second.escalatedToOrganisationId).not.toBe(w.parent.id);
    expect(second.escalationHops[1]).toMatchObject({
      seq: 2,
      fromOrganisationId: w.parent.id,
      destination: 'PARENT',
      approvedByName: '최감사',
    });
    // The 시 passed it on and still reads it; the top organisation's auditor now holds it.
    expect(
      (await http().get(`/api/v1/consultations/${c.id}`, { token: w.parentAuditor.token })).status,
    ).toBe(200);
    const held = await http().get(`/api/v1/consultations/${c.id}`, { token: grandAuditor.token });
    expect(held.body.allowedActions).toEqual(expect.arrayContaining(['issueOpinion']));

    // No parent above: without an external destination there is nowhere to go (409).
    const nowhere = await http().post(
      url,
      {
        action: 'escalate',
        reason: '감사원 의견',
        version: second.version,
        ...approval('정장관', '감사관'),
      },
      { token: grandAuditor.token },
    );
    expect([nowhere.status, nowhere.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect(nowhere.body.allowedActions).not.toContain('escalate');
    const out = await consultationAction(http(), grandAuditor.token, c.id, 'escalate', {
      reason: '감사원 사전컨설팅 의뢰',
      externalDestination: 'BOARD_OF_AUDIT',
      ...approval('정장관', '감사관'),
    });
    expect(out).toMatchObject({
      escalatedExternal: 'BOARD_OF_AUDIT',
      escalatedExternalName: '감사원',
    });
    expect(out.escalationHops[2]).toMatchObject({
      seq: 3,
      toOrganisationId: null,
      destination: 'BOARD_OF_AUDIT',
      toName: '감사원',
      approvedByTitle: '감사관',
    });
    // Out of Gwaje is the last hop; the sender records 감사원's answer.
    expect(out.allowedActions).not.toContain('escalate');
    const back = await consultationAction(http(), grandAuditor.token, c.id, 'returnAdvice', {
      advice: '감사원: 공유재산법 시행령 제19조에 따라 가능',
    });
    expect(back.status).toBe('UNDER_REVIEW');

    // The auditor records with the opinion that the requester withheld information: no presumption.
    await consultationAction(http(), w.auditor.token, c.id, 'issueOpinion', {
      opinion: '허가 가능',
      opinionType: 'ACCEPTABLE',
      informationWithheld: true,
    });
    const closed = await consultationAction(http(), w.staff.token, c.id, 'close', {
      followUp: 'FOLLOWED',
    });
    expect(closed).toMatchObject({
      status: 'CLOSED',
      followUp: 'FOLLOWED',
      informationWithheld: true,
      immunityPresumed: false,
    });
  });

  // ── The register ─────────────────────────────────────────────────────────────────────────────

  let granted: any;
  let denied: any;
  let followed: any;

  it('registers an application linked to a followed pre-consultation, assesses, decides and notifies it', async () => {
    followed = await consultationInState(http(), w, 'CLOSED');
    expect(followed.immunityPresumed).toBe(true);

    // Bad input: the applicant of an application, an unknown consultation: 400, nothing changed.
    const before = await businessChecksum(factory.db);
    const body = {
      kind: 'APPLICATION',
      applicantId: w.staff.id,
      title: '공유재산 무상사용 허가',
      auditReference: '2026년 종합감사 지적 제3호',
      finding: '공유재산 무상사용 허가 시 심의 절차 일부 생략',
      appliedOn: '2026-08-03',
      consultationId: followed.id,
    };
    const noApplicant = await http().post(
      P,
      { ...body, applicantId: undefined },
      { token: w.auditor.token },
    );
    expect([noApplicant.status, noApplicant.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['applicantId'],
    ]);
    const unknown = await http().post(
      P,
      { ...body, consultationId: '0b3c6f1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f' },
      { token: w.auditor.token },
    );
    expect([unknown.status, unknown.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    expect(unknown.body.details.map((d: any) => d.field)).toEqual(['consultationId']);
    // Only the audit unit registers.
    expect((await http().post(P, body, { token: w.office.token })).status).toBe(403);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const res = await http().post(
      P,
      { ...body, checklist: { PUBLIC_INTEREST: { met: true, note: '주민 공동체 활동 지원' } } },
      { token: w.auditor.token },
    );
    expect(res.status).toBe(201);
    granted = res.body;
    expect(granted).toMatchObject({
      kind: 'APPLICATION',
      applicant: { id: w.staff.id, name: staffName },
      status: 'OPEN',
      consultation: { id: followed.id, status: 'CLOSED', immunityPresumed: true },
      checklist: {
        PUBLIC_INTEREST: { met: true, note: '주민 공동체 활동 지원' },
        NO_PRIVATE_INTEREST: { met: null, note: '' },
      },
      allowedActions: ['update', 'decide'],
    });

    // Deciding needs every condition answered, reasons, and a date not before the application.
    const decide = {
      version: granted.version,
      decision: 'GRANTED',
      reasons: '요건 충족',
      decidedOn: '2026-08-20',
    };
    const before2 = await businessChecksum(factory.db);
    const incomplete = await act(w.auditor, granted.id, 'decide', decide);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.details.map((d: any) => d.field)).toEqual([
      'checklist.NO_PRIVATE_INTEREST',
      'checklist.NO_INTENT_OR_GROSS_NEGLIGENCE',
      'checklist.PROCEDURE_AND_PROACTIVE_HANDLING',
    ]);
    const assessed = await http().patch(
      `${P}/${granted.id}`,
      {
        version: granted.version,
        checklist: {
          NO_PRIVATE_INTEREST: { met: true },
          NO_INTENT_OR_GROSS_NEGLIGENCE: { met: true, note: '사전컨설팅 의견대로 처리' },
          PROCEDURE_AND_PROACTIVE_HANDLING: { met: true },
        },
      },
      { token: w.auditor.token },
    );
    expect(assessed.status).toBe(200);
    const v = assessed.body.version;
    const noReasons = await act(w.auditor, granted.id, 'decide', {
      ...decide,
      version: v,
      reasons: '  ',
    });
    expect([noReasons.status, noReasons.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['reasons'],
    ]);
    const early = await act(w.auditor, granted.id, 'decide', {
      ...decide,
      version: v,
      decidedOn: '2026-08-02',
    });
    expect([early.status, early.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['decidedOn'],
    ]);
    const badItem = await act(w.auditor, granted.id, 'decide', {
      ...decide,
      version: v,
      committeeAgendaItemId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    });
    expect([badItem.status, badItem.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    // The proactive office reads but does not decide.
    expect((await act(w.office, granted.id, 'decide', { ...decide, version: v })).status).toBe(403);
    expect(changedTables(before2, await businessChecksum(factory.db))).toEqual([
      'exemption_cases',
      'history',
    ]);

    const done = await act(w.auditor, granted.id, 'decide', { ...decide, version: v });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'DECIDED',
      decision: 'GRANTED',
      reasons: '요건 충족',
      decidedOn: '2026-08-20',
      decidedBy: { id: w.auditor.id },
      allowedActions: ['notify'],
    });
    const again = await act(w.auditor, granted.id, 'decide', {
      ...decide,
      version: done.body.version,
    });
    expect([again.status, again.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);

    // Notified: recorded with its date, and the applicant told in the app and by e-mail.
    const tooEarly = await act(w.auditor, granted.id, 'notify', {
      version: done.body.version,
      notifiedOn: '2026-08-19',
    });
    expect([tooEarly.status, tooEarly.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['notifiedOn'],
    ]);
    sink.clear();
    const notified = await act(w.auditor, granted.id, 'notify', {
      version: done.body.version,
      notifiedOn: '2026-08-21',
    });
    expect(notified.body).toMatchObject({
      status: 'NOTIFIED',
      notification: {
        notifiedOn: '2026-08-21',
        channel: 'IN_APP_EMAIL',
        notifiedBy: { id: w.auditor.id },
      },
    });
    const { rows: outbox } = await factory.db.query<{ id: string }>(
      `SELECT id FROM outbox WHERE record_id = $1 AND event = 'exemption.notified'`,
      [granted.id],
    );
    expect(outbox).toHaveLength(1);
    await api.app.get(ReminderRunner).handleOutbox(outbox[0].id);
    const { rows: inApp } = await factory.db.query<{ recipient_id: string }>(
      `SELECT recipient_id FROM notifications WHERE record_id = $1`,
      [granted.id],
    );
    expect(inApp.map((n) => n.recipient_id)).toEqual([w.staff.id]);
    const mails = sink
      .to(w.staff.email)
      .filter((m) => m.text.includes(`/exemptions/${granted.id}`));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('적극행정 면책 결정');
  });

  it('denies an ex officio case; a grant with an unmet condition is refused', async () => {
    const res = await http().post(
      P,
      {
        kind: 'EX_OFFICIO',
        subjectName: '홍길동 (전 주무관)',
        title: '보조금 정산 지연',
        auditReference: '2026년 재무감사 지적 제7호',
        appliedOn: '2026-09-01',
        checklist: {
          PUBLIC_INTEREST: { met: true },
          NO_PRIVATE_INTEREST: { met: true },
          NO_INTENT_OR_GROSS_NEGLIGENCE: { met: false, note: '정산 기한을 반복하여 넘김(중과실)' },
          PROCEDURE_AND_PROACTIVE_HANDLING: { met: false },
        },
      },
      { token: w.auditor.token },
    );
    expect(res.status).toBe(201);
    const body = { version: res.body.version, reasons: '중과실 인정', decidedOn: '2026-09-15' };
    const grant = await act(w.auditor, res.body.id, 'decide', { ...body, decision: 'GRANTED' });
    expect([grant.status, grant.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['decision'],
    ]);
    const deny = await act(w.auditor, res.body.id, 'decide', { ...body, decision: 'DENIED' });
    expect(deny.body).toMatchObject({ status: 'DECIDED', decision: 'DENIED' });
    const notified = await act(w.auditor, res.body.id, 'notify', {
      version: deny.body.version,
      note: '공문 통지',
    });
    expect(notified.body.notification).toMatchObject({
      channel: 'DOCUMENT',
      notifiedOn: seoulToday(),
    });
    denied = notified.body;
  });

  it('shows the register to the audit unit and the office, an applicant their own case, nobody else', async () => {
    const ids = async (who: ConsultationActor) =>
      (await http().get(P, { token: who.token })).body.map((c: any) => c.id).sort();
    expect(await ids(w.auditor)).toEqual([granted.id, denied.id].sort());
    expect(await ids(w.office)).toEqual([granted.id, denied.id].sort());
    expect(await ids(w.staff)).toEqual([granted.id]);
    expect((await http().get(`${P}/${granted.id}`, { token: w.staff.token })).status).toBe(200);
    for (const who of [w.otherStaff, w.head, w.siblingAuditor, w.parentAuditor])
      for (const id of [granted.id, denied.id])
        expect((await http().get(`${P}/${id}`, { token: who.token })).status).toBe(404);
    expect((await http().get(`${P}/${denied.id}`, { token: w.staff.token })).status).toBe(404);
    expect(await ids(w.siblingAuditor)).toEqual([]);
    const history = await http().get(`${P}/${granted.id}/history`, { token: w.office.token });
    expect(history.body.map((h: any) => h.action)).toEqual([
      'register',
      'update',
      'decide',
      'notify',
    ]);
  });

  // ── The quarterly report ─────────────────────────────────────────────────────────────────────

  it('compiles the quarter’s report from its decisions, due on the next business day after Sat 10 Oct', async () => {
    const res = await http().get(`${R}?year=2026&quarter=3`, { token: w.office.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2026,
      quarter: 3,
      periodStart: '2026-07-01',
      periodEnd: Q3.end,
      dueDate: Q3.due,
      status: seoulToday() > Q3.due ? 'OVERDUE' : 'DUE',
      figures: {
        decided: 2,
        granted: 1,
        partiallyGranted: 0,
        denied: 1,
        presumedFromConsultation: 1,
      },
      submission: null,
    });
    expect(res.body.rows).toEqual([
      expect.objectContaining({
        caseId: granted.id,
        kind: 'APPLICATION',
        officialName: staffName,
        decision: 'GRANTED',
        decidedOn: '2026-08-20',
        consultationId: followed.id,
        immunityPresumed: true,
      }),
      expect.objectContaining({
        caseId: denied.id,
        kind: 'EX_OFFICIO',
        officialName: '홍길동 (전 주무관)',
        decision: 'DENIED',
        decidedOn: '2026-09-15',
        immunityPresumed: false,
      }),
    ]);
    // Another quarter holds none of them; staff and other organisations see no report.
    expect(
      (await http().get(`${R}?year=2026&quarter=2`, { token: w.auditor.token })).body.figures
        .decided,
    ).toBe(0);
    expect((await http().get(`${R}?year=2026&quarter=3`, { token: w.staff.token })).status).toBe(
      404,
    );
    expect((await http().get(`${R}?year=2026&quarter=5`, { token: w.auditor.token })).status).toBe(
      400,
    );
  });

  it('reminds the audit unit D-5, D-1 (before 한글날), on the day and when overdue, until submitted', async () => {
    const runner = api.app.get(ReminderRunner);
    const owed = async () =>
      (
        await factory.db.query<{ rule: string; recipient_id: string; due: string }>(
          `SELECT rule, recipient_id, to_char(due_date, 'YYYY-MM-DD') AS due FROM notifications
            WHERE record_type = 'exemption_quarter_report' AND record_id = $1 ORDER BY rule, recipient_id`,
          [w.org.id],
        )
      ).rows.map(
        (r) =>
          `${r.rule} ${r.recipient_id === w.auditor.id ? 'auditor' : r.recipient_id === w.auditor2.id ? 'auditor2' : r.recipient_id} ${r.due}`,
      );
    const both = (rule: string) => [`${rule} auditor ${Q3.due}`, `${rule} auditor2 ${Q3.due}`];
    // D-5 business days before Mon 12 Oct: 8, 7, 6, 2 (5 Oct 대체공휴일), 1 Oct; D-1: Thu 8 Oct.
    expect(isBusinessDay('2026-10-09')).toBe(false);
    sink.clear();
    for (const day of [
      '2026-09-30', // the last day of Q3: Q2 had no decisions, nothing to remind of
      '2026-10-01',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
      '2026-10-12',
      '2026-10-13',
    ])
      await runner.runReminders(w.org.id, day);
    expect((await owed()).sort()).toEqual(
      [
        ...both('exemption-report.due-0'),
        ...both('exemption-report.due-1'),
        ...both('exemption-report.due-5'),
        ...both('exemption-report.overdue+1'),
      ].sort(),
    );
    const mails = sink
      .to(w.auditor.email)
      .filter((m) => m.text.includes('/exemption-reports/2026/3'));
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0].text).toContain('감사원 적극행정면책 분기 보고');
    expect(sink.to(w.office.email).filter((m) => m.text.includes('exemption-reports'))).toEqual([]);

    // Submitted: bad input first (a quarter not over, the office, a day before the quarter's end).
    const before = await businessChecksum(factory.db);
    const current = await http().post(
      `${R}/submit`,
      { year: 2026, quarter: 4, reference: '감사-1' },
      { token: w.auditor.token },
    );
    if (seoulToday() <= '2026-12-31') {
      expect([current.status, current.body.code]).toEqual([400, 'PERIOD_NOT_OPEN']);
      expect(current.body.details.map((d: any) => d.field)).toEqual(['quarter']);
    }
    expect(
      (
        await http().post(
          `${R}/submit`,
          { year: 2026, quarter: 3, reference: '감사-1' },
          { token: w.office.token },
        )
      ).status,
    ).toBe(403);
    const early = await http().post(
      `${R}/submit`,
      { year: 2026, quarter: 3, reference: '감사-1', submittedOn: '2026-09-30' },
      { token: w.auditor.token },
    );
    expect([early.status, early.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['submittedOn'],
    ]);
    if (seoulToday() <= '2026-12-31')
      expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const submitted = await http().post(
      `${R}/submit`,
      { year: 2026, quarter: 3, reference: '감사담당관-2345', submittedOn: '2026-10-08' },
      { token: w.auditor.token },
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'SUBMITTED',
      submission: {
        submittedOn: '2026-10-08',
        reference: '감사담당관-2345',
        submittedBy: { id: w.auditor.id },
        onTime: true,
      },
      figures: { decided: 2, granted: 1, denied: 1 },
    });
    const before2 = await businessChecksum(factory.db);
    const twice = await http().post(
      `${R}/submit`,
      { year: 2026, quarter: 3, reference: '감사-9' },
      { token: w.auditor.token },
    );
    expect([twice.status, twice.body.code, twice.body.details[0].field]).toEqual([
      409,
      'DUPLICATE',
      'quarter',
    ]);
    expect(changedTables(before2, await businessChecksum(factory.db))).toEqual([]);

    // Submitted: no more reminders.
    await runner.runReminders(w.org.id, '2026-10-14');
    expect((await owed()).filter((r) => r.startsWith('exemption-report.overdue+2'))).toEqual([]);
  });

  it('exports the quarter’s report as XLSX and counts the year’s figures for the annual report', async () => {
    const file = await http().download(`${R}/export.xlsx?year=2026&quarter=3`, {
      token: w.auditor.token,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/filename="exemptions-2026-Q3\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]).toEqual([
      '결정',
      2,
      '면책',
      1,
      '감경',
      0,
      '불인정',
      1,
      '감사원 통보 기한',
      Q3.due,
    ]);
    expect(rows[2][0]).toBe('연번');
    expect(rows.slice(3).map((r) => [r[1], r[2], r[7], r[8], r[10]])).toEqual([
      ['신청', staffName, '면책', '2026-08-20', '예'],
      ['직권', '홍길동 (전 주무관)', '불인정', '2026-09-15', '아니오'],
    ]);
    expect(
      (await http().download(`${R}/export.xlsx?year=2026&quarter=3`, { token: w.staff.token }))
        .status,
    ).toBe(404);

    const section = annualFiguresSections().find((s) => s.name === 'exemptions')!;
    const figures = await section.compute(api.app.get(DataSource).manager, {
      organisationId: w.org.id,
      year: 2026,
    });
    expect(Object.fromEntries(figures.map((f) => [f.key, f.value]))).toEqual({
      cases: 2,
      granted: 1,
      partiallyGranted: 0,
      denied: 1,
      quarterlyReportsSubmitted: 1,
      quarterlyReportsOnTime: 1,
    });
  });
});
