import { addDays, isBusinessDay, nthBusinessDayAfter, nthBusinessDayBefore } from '@gwaje/calendar';
import { DashboardsService } from '@gwaje/dashboards';
import { ReminderRunner } from '@gwaje/notifications';
import { startApi, type TestApi } from './support/app.js';
import { collaborationOrganisation, type CollaborationOrg } from './support/collaboration.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { Factory } from './support/factory.js';
import { SmtpSink } from './support/smtp-sink.js';
import { type Actor, seoulToday, type TaskWorld, taskWorld } from './support/tasks.js';

// 협업SOS (DOMAIN.md §9, issue 21 item 5): 행정안전부-like ministry (CENTRAL_AGENCY) coordinates a
// collaboration task led by a 시 (METROPOLITAN) in which a 구 (LOCAL) takes part; an unrelated
// organisation sees nothing. An SOS goes at once to the coordinator and the blocking organisation,
// is due in business days (the coordinator's setting), is reminded D-1, and once overdue is
// reminded daily and escalated to the head of the coordinator's proactive office.

describe('협업SOS', () => {
  const sink = new SmtpSink();
  const factory = new Factory();
  let api: TestApi;
  const http = () => api.http;
  const C = '/api/v1/collaborations';

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

  const organisation = (kind: string, parentId: string | null = null) =>
    collaborationOrganisation(http(), factory, kind, parentId);
  type Org = CollaborationOrg;

  let ministry: Org;
  let si: TaskWorld;
  let gu: Org;
  let outsider: Org;
  /** The collaboration with the SOS, and a second one of the same coordinator without any. */
  let collab: any;
  let quiet: any;

  beforeAll(async () => {
    ministry = await organisation('CENTRAL_AGENCY');
    si = await taskWorld(http(), factory);
    await factory.db.query(`UPDATE organisations SET kind = 'METROPOLITAN' WHERE id = $1`, [
      si.org.id,
    ]);
    gu = await organisation('LOCAL', si.org.id);
    outsider = await organisation('LOCAL');
    const make = async () => {
      const task = await si.task('IN_PROGRESS');
      const res = await http().post(
        C,
        {
          taskId: task.id,
          coordinatorOrganisationId: ministry.org.id,
          participants: [
            { organisationId: gu.org.id, departmentId: gu.dept.id, contactUserId: gu.staff.id },
          ],
        },
        { token: si.office.token },
      );
      expect(res.status).toBe(201);
      return res.body;
    };
    collab = await make();
    quiet = await make();
  }, 60_000);

  const sosUrl = (id = collab.id) => `${C}/${id}/sos`;
  const file = (who: Actor, body: Record<string, unknown>) =>
    http().post(sosUrl(), body, { token: who.token });
  const get = (who: Actor, sosId: string) =>
    http().get(`${sosUrl()}/${sosId}`, { token: who.token });
  const act = (who: Actor, sosId: string, action: string, body: Record<string, unknown>) =>
    http().post(`${sosUrl()}/${sosId}/${action}`, body, { token: who.token });
  const outbox = async (sosId: string) =>
    (
      await factory.db.query<{ id: string; organisation_id: string; event: string }>(
        `SELECT id, organisation_id, event FROM outbox WHERE record_id = $1 ORDER BY id`,
        [sosId],
      )
    ).rows;
  /** Handles the SOS's outbox rows as the worker does (urgent events are e-mailed at once). */
  const relay = async (sosId: string, event: string) => {
    const runner = api.app.get(ReminderRunner);
    for (const row of (await outbox(sosId)).filter((r) => r.event === event))
      await runner.handleOutbox(row.id);
  };
  const mailsAbout = (email: string, sosId: string) =>
    sink.to(email).filter((m) => m.text.includes(`?sos=${sosId}`));

  it('routes a filed SOS at once to the coordinator and the blocking organisation, due in business days', async () => {
    // The blocking organisation must take part or coordinate: 400 naming the field, nothing changed.
    const before = await businessChecksum(factory.db);
    const wrong = await file(si.staff, {
      blocked: '구 조례 개정 전에는 시범 운영 인력을 배치할 수 없음',
      blockingOrganisationId: outsider.org.id,
      needKind: 'DECISION',
    });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    expect(wrong.body.details.map((d: any) => d.field)).toEqual(['blockingOrganisationId']);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    sink.clear();
    const res = await file(si.staff, {
      blocked: '  구 조례 개정 전에는 시범 운영 인력을 배치할 수 없음 ',
      blockingOrganisationId: gu.org.id,
      needKind: 'DECISION',
      details: '구의 조례 개정 일정 확정이 필요합니다.',
    });
    expect(res.status).toBe(201);
    const today = seoulToday();
    // The coordinator's setting (default 3) in business days: weekends and holidays do not count.
    const due = nthBusinessDayAfter(today, 3);
    expect(res.body).toMatchObject({
      collaborationId: collab.id,
      filedBy: { id: si.staff.id, organisationId: si.org.id },
      blocked: '구 조례 개정 전에는 시범 운영 인력을 배치할 수 없음',
      blockingOrganisation: { id: gu.org.id, name: gu.org.name },
      needKind: 'DECISION',
      status: 'OPEN',
      filedOn: today,
      answerBusinessDays: 3,
      dueDate: due,
      overdue: false,
      answer: null,
      escalatedAt: null,
      staffRequest: null,
      allowedActions: ['edit', 'resolve', 'close'],
      version: 1,
    });
    const sos = res.body.id;
    // One urgent event per recipient organisation: the coordinator and the blocking organisation.
    expect((await outbox(sos)).map((r) => [r.organisation_id, r.event]).sort()).toEqual(
      [
        [ministry.org.id, 'collaboration-sos.filed'],
        [gu.org.id, 'collaboration-sos.filed'],
      ].sort(),
    );
    await relay(sos, 'collaboration-sos.filed');
    for (const who of [ministry.office, gu.office, gu.staff /* the 구's contact */])
      expect({ who: who.email, mails: mailsAbout(who.email, sos).length }).toEqual({
        who: who.email,
        mails: 1,
      });
    // Nobody else: not the filer's organisation, the coordinator's head, nor the outsider.
    expect(
      sink.toAny([
        si.office.email,
        si.staff.email,
        ministry.officeHead.email,
        outsider.office.email,
      ]),
    ).toEqual([]);
    const [notice] = mailsAbout(ministry.office.email, sos);
    expect(notice.text).toContain('협업SOS');
    expect(notice.text).toContain(`/collaborations/${collab.id}?sos=${sos}`);

    // The coordinator's setting changes the deadline of the next SOS (read from the coordinator).
    const settings = await http().get('/api/v1/settings', { token: ministry.office.token });
    const changed = await http().patch(
      '/api/v1/settings',
      {
        version: settings.body.version,
        values: { 'collaboration.sosAnswerBusinessDays': 5 },
        reason: '답변 기한 조정',
      },
      { token: ministry.office.token },
    );
    expect(changed.status).toBe(200);
    const later = await file(gu.staff, { blocked: '예산 부족', needKind: 'BUDGET' });
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({
      answerBusinessDays: 5,
      dueDate: nthBusinessDayAfter(today, 5),
    });
    expect(
      (await act(gu.staff, later.body.id, 'close', { version: 1, reason: '중복 요청' })).body
        .status,
    ).toBe('CLOSED');
    await http().patch(
      '/api/v1/settings',
      {
        version: changed.body.version,
        values: { 'collaboration.sosAnswerBusinessDays': 3 },
        reason: '원복',
      },
      { token: ministry.office.token },
    );
  });

  it('reminds the answerers D-1, then when overdue every business day, and escalates to the coordinator’s office head once', async () => {
    const filed = await file(gu.staff, {
      blocked: '시 보조금 교부 결정 지연',
      blockingOrganisationId: si.org.id,
      needKind: 'BUDGET',
    });
    expect(filed.status).toBe(201);
    const sos = filed.body.id;
    const due: string = filed.body.dueDate;
    const runner = api.app.get(ReminderRunner);
    const owed = async () =>
      (
        await factory.db.query<{ organisation_id: string; recipient_id: string; rule: string }>(
          `SELECT organisation_id, recipient_id, rule FROM notifications
            WHERE record_id = $1 AND NOT urgent ORDER BY rule, recipient_id`,
          [sos],
        )
      ).rows;

    // D-1 business day: the answerers of each organisation in its own run (the 시 is blocking:
    // its office and its contact in the task, the task owner).
    const key = (r: { recipient_id: string; rule: string }) => `${r.rule} ${r.recipient_id}`;
    const expectOwed = async (want: Array<[string, string, string]>) =>
      expect((await owed()).map((r) => `${r.organisation_id} ${key(r)}`).sort()).toEqual(
        want.map(([org, rule, who]) => `${org} ${rule} ${who}`).sort(),
      );
    const dMinus1 = nthBusinessDayBefore(due, 1);
    sink.clear();
    await runner.runReminders(ministry.org.id, dMinus1);
    await runner.runReminders(si.org.id, dMinus1);
    const dueSoon: Array<[string, string, string]> = [
      [ministry.org.id, 'collaboration-sos.due-1', ministry.office.id],
      [si.org.id, 'collaboration-sos.due-1', si.office.id],
      [si.org.id, 'collaboration-sos.due-1', si.owner.id],
    ];
    await expectOwed(dueSoon);
    expect(mailsAbout(ministry.office.email, sos)).toHaveLength(1);
    expect(mailsAbout(si.office.email, sos)).toHaveLength(1);
    expect(mailsAbout(si.owner.email, sos)).toHaveLength(1);
    expect(mailsAbout(ministry.officeHead.email, sos)).toHaveLength(0);

    // The first business day after the deadline, unanswered: overdue to the answerers and
    // escalated to the coordinator's proactive office head, each in its organisation's run.
    const late = nthBusinessDayAfter(due, 1);
    const daysLate = (day: string) => Math.round((Date.parse(day) - Date.parse(due)) / 86_400_000);
    const overdueOn = (day: string): Array<[string, string, string]> => [
      [ministry.org.id, `collaboration-sos.overdue+${daysLate(day)}`, ministry.office.id],
      [ministry.org.id, `collaboration-sos.escalated+${daysLate(day)}`, ministry.officeHead.id],
      [si.org.id, `collaboration-sos.overdue+${daysLate(day)}`, si.office.id],
      [si.org.id, `collaboration-sos.overdue+${daysLate(day)}`, si.owner.id],
    ];
    sink.clear();
    await runner.runReminders(ministry.org.id, late);
    await runner.runReminders(si.org.id, late);
    await expectOwed([...dueSoon, ...overdueOn(late)]);
    const [escalation] = mailsAbout(ministry.officeHead.email, sos);
    expect(escalation.text).toContain('협업SOS 답변 지연');
    expect(escalation.text).toContain(`/collaborations/${collab.id}?sos=${sos}`);
    for (const who of [ministry.office, si.office, si.owner])
      expect(mailsAbout(who.email, sos)).toHaveLength(1);
    expect(sink.toAny([gu.office.email, gu.staff.email, outsider.office.email])).toEqual([]);

    // Marked escalated the first time, with its history entry; the next day does not move it.
    const marked = (await get(gu.staff, sos)).body;
    expect(marked).toMatchObject({ status: 'OPEN', escalatedAt: expect.any(String) });
    const nextDay = nthBusinessDayAfter(late, 1);
    await runner.runReminders(ministry.org.id, nextDay);
    expect((await get(gu.staff, sos)).body.escalatedAt).toBe(marked.escalatedAt);
    const history = await http().get(`${sosUrl()}/${sos}/history`, { token: gu.staff.token });
    expect(history.body.map((h: any) => h.action)).toEqual(['file', 'escalate']);
    // Every business day while overdue: the coordinator's answerers and head again.
    await expectOwed([...dueSoon, ...overdueOn(late), ...overdueOn(nextDay).slice(0, 2)]);

    // Answered: nothing more is owed on a later day.
    expect(
      (await act(si.office, sos, 'answer', { version: marked.version, answer: '교부 결정 완료' }))
        .status,
    ).toBe(200);
    const count = (await owed()).length;
    const after = nthBusinessDayAfter(nextDay, 1);
    await runner.runReminders(ministry.org.id, after);
    await runner.runReminders(si.org.id, after);
    expect((await owed()).length).toBe(count);
    expect(isBusinessDay(after)).toBe(true);
  });

  it('the answer is visible to every participant and the coordinator; the filer is told; states refuse with allowedActions', async () => {
    const sos = (
      await file(si.staff, {
        blocked: '구 부지 사용 승인 필요',
        blockingOrganisationId: gu.org.id,
        needKind: 'DECISION',
      })
    ).body.id;
    // The filer may not answer (403); the blocking participant's contact may.
    const byFiler = await act(si.staff, sos, 'answer', { version: 1, answer: '셀프 답변' });
    expect([byFiler.status, byFiler.body.code]).toEqual([403, 'FORBIDDEN']);
    const empty = await act(gu.staff, sos, 'answer', { version: 1, answer: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.details.map((d: any) => d.field)).toEqual(['answer']);
    const stale = await act(gu.staff, sos, 'answer', { version: 9, answer: '답변' });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    sink.clear();
    const answered = await act(gu.staff, sos, 'answer', {
      version: 1,
      answer: '부지 사용 승인은 다음 주 구청장 결재 예정입니다.',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'ANSWERED',
      answer: {
        text: '부지 사용 승인은 다음 주 구청장 결재 예정입니다.',
        answeredById: gu.staff.id,
        organisationId: gu.org.id,
      },
      version: 2,
    });
    // Every reader of the task reads it: the lead's office and auditor, the 구's department and
    // office, the coordinator's office and auditor; the outsider does not.
    for (const who of [
      si.office,
      si.auditor,
      si.owner,
      gu.head,
      gu.office,
      ministry.office,
      ministry.auditor,
    ]) {
      const seen = await get(who, sos);
      expect({ who: who.email, status: seen.status, answer: seen.body.answer?.text }).toEqual({
        who: who.email,
        status: 200,
        answer: '부지 사용 승인은 다음 주 구청장 결재 예정입니다.',
      });
    }
    const list = await http().get(`${sosUrl()}?status=ANSWERED`, { token: gu.head.token });
    expect(list.status).toBe(200);
    expect(list.body.map((s: any) => s.id)).toContain(sos);
    expect(list.body.every((s: any) => s.status === 'ANSWERED')).toBe(true);
    // The filer is told at once.
    expect((await outbox(sos)).filter((r) => r.event === 'collaboration-sos.answered')).toEqual([
      expect.objectContaining({ organisation_id: si.org.id }),
    ]);
    await relay(sos, 'collaboration-sos.answered');
    expect(mailsAbout(si.staff.email, sos)).toHaveLength(1);

    // Answered already: a second answer is refused by the state, with what may be done instead.
    const again = await act(ministry.office, sos, 'answer', { version: 2, answer: '추가 답변' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      resource: 'collaborationSos',
      currentStatus: 'ANSWERED',
      allowedActions: ['close'],
    });
    // The filer reopens (a new deadline), it is answered again, and resolved.
    const reopened = await act(si.staff, sos, 'reopen', { version: 2, reason: '일정이 불확실함' });
    expect(reopened.body).toMatchObject({ status: 'OPEN', answer: null, reopenedCount: 1 });
    await act(ministry.office, sos, 'answer', { version: 3, answer: '행정안전부가 일정 조율' });
    const resolved = await act(si.staff, sos, 'resolve', { version: 4, note: '조율 완료' });
    expect(resolved.body).toMatchObject({
      status: 'RESOLVED',
      resolution: { by: si.staff.id, note: '조율 완료' },
      allowedActions: [],
    });
    const closed = await act(ministry.office, sos, 'close', { version: 5, reason: '종결' });
    expect([closed.status, closed.body.allowedActions]).toEqual([409, []]);
    const history = await http().get(`${sosUrl()}/${sos}/history`, {
      token: ministry.office.token,
    });
    expect(history.body.map((h: any) => h.action)).toEqual([
      'file',
      'answer',
      'reopen',
      'answer',
      'resolve',
    ]);
  });

  it('a 협업정원 request carries its fields and the coordinator’s decision record', async () => {
    const missing = await file(gu.staff, { blocked: '시범 운영 인력 부족', needKind: 'STAFF' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: any) => d.field)).toEqual(['staffRequest']);
    const bad = await file(gu.staff, {
      blocked: '시범 운영 인력 부족',
      needKind: 'STAFF',
      staffRequest: { count: 0, grade: '행정6급', months: 12, untilDate: '2099-12-31', reason: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(
      ['staffRequest.count', 'staffRequest.reason'].sort(),
    );
    const both = await file(gu.staff, {
      blocked: '시범 운영 인력 부족',
      needKind: 'STAFF',
      staffRequest: {
        count: 3,
        grade: '행정6급',
        months: 12,
        untilDate: '2099-12-31',
        reason: '현장 인력',
      },
    });
    expect(both.status).toBe(400);
    expect(both.body.details.map((d: any) => d.field)).toEqual(['staffRequest.months']);

    const res = await file(gu.staff, {
      blocked: '시범 운영 인력 부족',
      blockingOrganisationId: ministry.org.id,
      needKind: 'STAFF',
      staffRequest: { count: 3, grade: ' 행정6급 ', months: 12, reason: '3개 동 현장 운영 인력' },
    });
    expect(res.status).toBe(201);
    const sos = res.body.id;
    expect(res.body.staffRequest).toEqual({
      count: 3,
      grade: '행정6급',
      months: 12,
      untilDate: null,
      reason: '3개 동 현장 운영 인력',
      decision: null,
    });
    // Only the coordinator decides (the 구's office may answer, not decide).
    const byGu = await act(gu.office, sos, 'staff-decision', {
      version: 1,
      decision: 'APPROVED',
      reason: '승인',
    });
    expect([byGu.status, byGu.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await get(ministry.office, sos)).body.allowedActions).toEqual([
      'answer',
      'decideStaff',
      'close',
    ]);
    const tooMany = await act(ministry.office, sos, 'staff-decision', {
      version: 1,
      decision: 'PARTLY_APPROVED',
      approvedCount: 3,
      reason: '일부 승인',
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details.map((d: any) => d.field)).toEqual(['approvedCount']);
    const decided = await act(ministry.office, sos, 'staff-decision', {
      version: 1,
      decision: 'PARTLY_APPROVED',
      approvedCount: 2,
      reason: '한시 정원 2명 승인',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'ANSWERED',
      answer: { text: '한시 정원 2명 승인', answeredById: ministry.office.id },
      staffRequest: {
        count: 3,
        decision: {
          decision: 'PARTLY_APPROVED',
          approvedCount: 2,
          reason: '한시 정원 2명 승인',
          decidedBy: ministry.office.id,
          decidedAt: expect.any(String),
        },
      },
    });
    // Once only.
    const twice = await act(ministry.office, sos, 'staff-decision', {
      version: 2,
      decision: 'APPROVED',
      reason: '전부 승인',
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect((await outbox(sos)).filter((r) => r.event === 'collaboration-sos.decided')).toEqual([
      expect.objectContaining({ organisation_id: gu.org.id }),
    ]);
    sink.clear();
    await relay(sos, 'collaboration-sos.decided');
    expect(mailsAbout(gu.staff.email, sos)).toHaveLength(1);
    // A decision on another kind of SOS is refused by its state.
    const budget = (await file(gu.staff, { blocked: '예산', needKind: 'BUDGET' })).body.id;
    const notStaff = await act(ministry.office, budget, 'staff-decision', {
      version: 1,
      decision: 'REJECTED',
      reason: '해당 없음',
    });
    expect([notStaff.status, notStaff.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    await act(gu.staff, budget, 'close', { version: 1, reason: '철회' });
  });

  it('the filer edits it while open; a newly named blocking organisation is told; others may not', async () => {
    const sos = (
      await file(gu.staff, { blocked: '사업 범위 해석', needKind: 'RULE_INTERPRETATION' })
    ).body.id;
    const edit = (who: Actor, body: Record<string, unknown>) =>
      http().patch(`${sosUrl()}/${sos}`, body, { token: who.token });
    const notFiler = await edit(gu.office, { version: 1, blocked: '바꿈' });
    expect([notFiler.status, notFiler.body.code]).toEqual([403, 'FORBIDDEN']);
    const outside = await edit(gu.staff, { version: 1, blockingOrganisationId: outsider.org.id });
    expect([outside.status, outside.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['blockingOrganisationId'],
    ]);
    const edited = await edit(gu.staff, {
      version: 1,
      blocked: '사업 범위(시 조례) 해석',
      blockingOrganisationId: si.org.id,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      blocked: '사업 범위(시 조례) 해석',
      blockingOrganisation: { id: si.org.id },
      version: 2,
    });
    // The 시 is told now (the coordinator was told when it was filed).
    expect((await outbox(sos)).map((r) => r.organisation_id)).toEqual([ministry.org.id, si.org.id]);
    const history = await http().get(`${sosUrl()}/${sos}/history`, { token: si.office.token });
    expect(history.body.map((h: any) => h.action)).toEqual(['file', 'edit']);
    expect(history.body[1].changes).toMatchObject({
      blocked: { from: '사업 범위 해석', to: '사업 범위(시 조례) 해석' },
      blockingOrganisationId: { from: null, to: si.org.id },
    });
    // Answered, it is no longer edited.
    await act(si.office, sos, 'answer', { version: 2, answer: '조례 제3조에 따름' });
    const late = await edit(gu.staff, { version: 3, blocked: '다시 바꿈' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      currentStatus: 'ANSWERED',
      allowedActions: ['resolve', 'reopen', 'close'],
    });
  });

  it('an outsider gets 404 on every SOS route, and nothing changes', async () => {
    const sos = (await file(gu.office, { blocked: '외부 확인용', needKind: 'OTHER' })).body.id;
    const before = await businessChecksum(factory.db);
    const base = sosUrl();
    const routes: Array<[string, string, unknown]> = [
      ['GET', base, undefined],
      ['POST', base, { blocked: '외부', needKind: 'OTHER' }],
      ['GET', `${base}/${sos}`, undefined],
      ['GET', `${base}/${sos}/history`, undefined],
      ['PATCH', `${base}/${sos}`, { version: 1, blocked: '바꿈' }],
      ['POST', `${base}/${sos}/answer`, { version: 1, answer: '답변' }],
      [
        'POST',
        `${base}/${sos}/staff-decision`,
        { version: 1, decision: 'REJECTED', reason: '사유' },
      ],
      ['POST', `${base}/${sos}/resolve`, { version: 1 }],
      ['POST', `${base}/${sos}/reopen`, { version: 1, reason: '사유' }],
      ['POST', `${base}/${sos}/close`, { version: 1, reason: '사유' }],
    ];
    const wrong: string[] = [];
    for (const who of [outsider.office, outsider.staff, outsider.auditor])
      for (const [method, path, body] of routes) {
        const res = await http().request(method, path, { token: who.token, body });
        if (res.status !== 404 || res.body.code !== 'NOT_FOUND')
          wrong.push(`${method} ${path} → ${res.status}`);
      }
    expect(wrong).toEqual([]);
    // An SOS named under another collaboration does not exist there.
    expect(
      (await http().get(`${sosUrl(quiet.id)}/${sos}`, { token: ministry.office.token })).status,
    ).toBe(404);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
    await act(gu.office, sos, 'close', { version: 1, reason: '확인 끝' });
  });

  it('the coordinator’s list shows open SOS and their age, and filters by them', async () => {
    const open = await file(gu.staff, {
      blocked: '법령 해석 필요',
      needKind: 'RULE_INTERPRETATION',
    });
    expect(open.status).toBe(201);
    // Filed ten days ago and due three days ago (the list ages it from the filing day, in SQL).
    await factory.db.query(
      `UPDATE collaboration_sos SET filed_on = $2, due_date = $3 WHERE id = $1`,
      [open.body.id, addDays(seoulToday(), -10), addDays(seoulToday(), -3)],
    );
    const { rows } = await factory.db.query<{ n: number; oldest: number }>(
      `SELECT count(*)::int AS n, max(CURRENT_DATE - filed_on)::int AS oldest FROM collaboration_sos
        WHERE collaboration_id = $1 AND status = 'OPEN'`,
      [collab.id],
    );
    const ids = async (query: string) => {
      const res = await http().get(`${C}?coordinated=true&${query}`, {
        token: ministry.office.token,
      });
      expect(res.status).toBe(200);
      return res.body.items
        .map((i: any) => i.id)
        .filter((id: string) => [collab.id, quiet.id].includes(id));
    };
    expect(await ids('openSos=true')).toEqual([collab.id]);
    expect(await ids('openSos=false')).toEqual([quiet.id]);
    expect(await ids('sosOlderThanDays=7')).toEqual([collab.id]);
    expect(await ids(`sosOlderThanDays=${rows[0].oldest + 5}`)).toEqual([]);
    const bad = await http().get(`${C}?sosOlderThanDays=-1`, { token: ministry.office.token });
    expect(bad.status).toBe(400);

    const all = await http().get(`${C}?coordinated=true`, { token: ministry.office.token });
    const row = all.body.items.find((i: any) => i.id === collab.id);
    const today = seoulToday();
    expect(row.openSos.count).toBe(rows[0].n);
    expect(row.openSos.oldestAgeDays).toBeGreaterThanOrEqual(10);
    expect(all.body.items.find((i: any) => i.id === quiet.id).openSos).toEqual({
      count: 0,
      oldestAgeDays: null,
    });
    // The detail shows it too; the participants see the same figures.
    const detail = await http().get(`${C}/${collab.id}`, { token: gu.office.token });
    expect(detail.body.openSos).toEqual(row.openSos);
    expect((await get(gu.staff, open.body.id)).body).toMatchObject({ ageDays: 10, overdue: true });
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('the coordinator’s dashboard counts its SOS by state and age, as counted by hand', async () => {
    // A coordinator of its own, so the figures hold only what this test files.
    const coordinator = await organisation('CENTRAL_AGENCY');
    const task = await si.task('IN_PROGRESS');
    const created = await http().post(
      C,
      {
        taskId: task.id,
        coordinatorOrganisationId: coordinator.org.id,
        participants: [
          { organisationId: gu.org.id, departmentId: gu.dept.id, contactUserId: gu.staff.id },
        ],
      },
      { token: si.office.token },
    );
    expect(created.status).toBe(201);
    const url = `${C}/${created.body.id}/sos`;
    const today = seoulToday();
    /** Files one, then sets its filing and answer days (and escalation) as the story needs. */
    const filed = async (body: Record<string, unknown>, filedAgo: number, dueIn: number) => {
      const res = await http().post(url, body, { token: gu.staff.token });
      expect(res.status).toBe(201);
      await factory.db.query(
        `UPDATE collaboration_sos SET filed_on = $2, due_date = $3 WHERE id = $1`,
        [res.body.id, addDays(today, -filedAgo), addDays(today, dueIn)],
      );
      return res.body;
    };
    // Open: 10 days old and overdue (escalated), new today, and a 협업정원 request 5 days old.
    const late = await filed({ blocked: '규정 해석', needKind: 'RULE_INTERPRETATION' }, 10, -3);
    await factory.db.query(`UPDATE collaboration_sos SET escalated_at = now() WHERE id = $1`, [
      late.id,
    ]);
    await filed({ blocked: '예산 부족', needKind: 'BUDGET' }, 0, 3);
    await filed(
      {
        blocked: '인력 부족',
        needKind: 'STAFF',
        staffRequest: { count: 2, grade: '행정6급', months: 6, reason: '현장 조사 인력' },
      },
      5,
      1,
    );
    // Answered, and answered then resolved.
    const answer = async (sos: any) => {
      const fresh = (await http().get(`${url}/${sos.id}`, { token: coordinator.office.token }))
        .body;
      const res = await http().post(
        `${url}/${sos.id}/answer`,
        { version: fresh.version, answer: '검토 결과를 회신합니다.' },
        { token: coordinator.office.token },
      );
      expect(res.status).toBe(200);
      return res.body;
    };
    await answer(await filed({ blocked: '타 기관 결정', needKind: 'DECISION' }, 2, 1));
    const done = await answer(await filed({ blocked: '기타', needKind: 'OTHER' }, 3, 0));
    const resolved = await http().post(
      `${url}/${done.id}/resolve`,
      { version: done.version },
      { token: gu.staff.token },
    );
    expect(resolved.status).toBe(200);

    const { rows } = await factory.db.query<{ year: number }>(
      `SELECT year FROM tasks WHERE id = $1`,
      [task.id],
    );
    const year = rows[0].year;
    await api.app
      .get(DashboardsService, { strict: false })
      .compile(coordinator.org.id, year, today);
    const board = await http().get(`/api/v1/dashboards?year=${year}`, {
      token: coordinator.office.token,
    });
    expect(board.status).toBe(200);
    expect(board.body.sections.collaborations.extensions.sos).toEqual({
      filed: 5,
      open: 3,
      overdue: 1,
      escalated: 1,
      answered: 1,
      finished: 1,
      openByAge: { upTo3: 1, from4To7: 1, over7: 1 },
      oldestOpenDays: 10,
      staffRequests: 1,
      staffRequestsUndecided: 1,
    });
  });
});
