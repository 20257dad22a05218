import { isBusinessDay, nthBusinessDayAfter, nthBusinessDayBefore } from '@gwaje/calendar';
import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';
import { type Actor, seoulToday, taskWorld } from './support/tasks.js';

// 의견제시 (DOMAIN.md §9): any official asks the audit office for its opinion on a priority task
// they can read; the answer is due 10 days after receipt (calendar days, counted from the day after:
// 초일 불산입), extendable once by 10 (settings opinionRequests.answerDays / extensionDays).

/** `date` plus `days` calendar days (YYYY-MM-DD), worked out here rather than taken from the API. */
function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

import { addItem, castVote, heldMeeting, resolveItem, seatCommittee } from './support/committee.js';
describe('opinion requests (의견제시)', () => {
  const { http, factory } = useTestApi();

  const file = (who: Actor, body: Record<string, unknown>) =>
    http.post('/api/v1/opinion-requests', body, { token: who.token });
  const get = (who: Actor, id: string) =>
    http.get(`/api/v1/opinion-requests/${id}`, { token: who.token });
  const act = (who: Actor, id: string, action: string, body: Record<string, unknown>) =>
    http.post(`/api/v1/opinion-requests/${id}/${action}`, body, { token: who.token });
  const list = async (who: Actor, query = '') => {
    const res = await http.get(`/api/v1/opinion-requests${query}`, { token: who.token });
    expect(res.status).toBe(200);
    return res.body as { items: any[]; total: number };
  };
  const outboxEvents = async (id: string) =>
    (
      await factory.db.query<{ event: string }>(
        `SELECT event FROM outbox WHERE record_type = 'opinion_request' AND record_id = $1 ORDER BY id`,
        [id],
      )
    ).rows.map((r) => r.event);

  it('files a request with its due date, extends it once, answers it, and the requester reads the answer', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    const today = seoulToday();

    const filed = await file(w.staff, {
      taskId: task.id,
      question: '  공유재산을 주민 공동체에 1년 단위로 무상 사용하게 해도 되는지요?  ',
      background: '주민 공동이용 시설로 운영 중',
    });
    expect(filed.status).toBe(201);
    const r = filed.body;
    // Received today (Asia/Seoul); due on the 10th day counted from tomorrow.
    expect(r).toMatchObject({
      organisationId: w.org.id,
      task: { id: task.id, code: task.code, title: task.title },
      requester: { id: w.staff.id, departmentId: w.lead.id },
      question: '공유재산을 주민 공동체에 1년 단위로 무상 사용하게 해도 되는지요?',
      background: '주민 공동이용 시설로 운영 중',
      status: 'SUBMITTED',
      receivedOn: today,
      answerDays: 10,
      dueDate: plusDays(today, 10),
      overdue: false,
      daysOverdue: 0,
      extension: null,
      referral: null,
      answer: null,
      withdrawal: null,
      allowedActions: ['withdraw'],
      version: 1,
    });
    // The auditors are told (an e-mail through the outbox).
    expect(await outboxEvents(r.id)).toEqual(['opinion-request.submitted']);

    // The audit office sees what it may do; the requester may not extend or answer (403).
    const asAuditor = await get(w.auditor, r.id);
    expect(asAuditor.status).toBe(200);
    expect(asAuditor.body.allowedActions).toEqual(['extend', 'answer', 'refer']);
    const notTheirs = await act(w.staff, r.id, 'extend', { version: 1, reason: '사유' });
    expect([notTheirs.status, notTheirs.body.code]).toEqual([403, 'FORBIDDEN']);

    // Extension: a reason is required (400, field named, nothing changed); once by 10 days.
    const noReason = await act(w.auditor, r.id, 'extend', { version: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.map((d: any) => d.field)).toEqual(['reason']);
    expect((await get(w.staff, r.id)).body.version).toBe(1);
    const stale = await act(w.auditor, r.id, 'extend', { version: 7, reason: '관계 부서 협의' });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const extended = await act(w.auditor, r.id, 'extend', {
      version: 1,
      reason: '관계 부서 협의',
    });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({
      status: 'EXTENDED',
      dueDate: plusDays(today, 20),
      extension: { days: 10, reason: '관계 부서 협의', extendedBy: w.auditor.id },
      version: 2,
    });
    // A second extension is refused.
    const again = await act(w.auditor, r.id, 'extend', { version: 2, reason: '한 번 더' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'LIMIT_REACHED',
      limit: 'opinionRequestExtensions',
      max: 1,
      used: 1,
      currentStatus: 'EXTENDED',
      allowedActions: ['answer', 'refer'],
    });

    // The answer: empty is a 400; then ANSWERED, and the requester is told.
    const empty = await act(w.auditor, r.id, 'answer', { version: 2, answer: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.details.map((d: any) => d.field)).toEqual(['answer']);
    const answered = await act(w.auditor, r.id, 'answer', {
      version: 2,
      answer: '1년 단위 갱신은 공유재산법상 가능합니다.',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'ANSWERED',
      answer: {
        text: '1년 단위 갱신은 공유재산법상 가능합니다.',
        source: 'AUDIT',
        answeredBy: w.auditor.id,
      },
      allowedActions: [],
      version: 3,
    });
    expect(await outboxEvents(r.id)).toEqual([
      'opinion-request.submitted',
      'opinion-request.answered',
    ]);
    const seen = await get(w.staff, r.id);
    expect(seen.status).toBe(200);
    expect(seen.body.answer.text).toBe('1년 단위 갱신은 공유재산법상 가능합니다.');
    // Answered: no withdrawal, no second answer.
    const late = await act(w.staff, r.id, 'withdraw', { version: 3 });
    expect([late.status, late.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const twice = await act(w.auditor, r.id, 'answer', { version: 3, answer: '다시' });
    expect([twice.status, twice.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);

    // The history tells the story.
    const history = await http.get(`/api/v1/opinion-requests/${r.id}/history`, {
      token: w.staff.token,
    });
    expect(history.status).toBe(200);
    expect(history.body.map((h: any) => h.action)).toEqual(['submit', 'extend', 'answer']);
    expect(history.body[1].reason).toBe('관계 부서 협의');
  });

  it('shows a request to the requester, the task’s department and members and the offices; others get 404', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('SELECTED', { memberIds: [w.partner.id] });
    const r = (await file(w.staff, { taskId: task.id, question: '질의' })).body;
    const other = await taskWorld(http, factory);

    // Requester, the lead department (owner, head), a member of the task, the audit office and the
    // proactive office read it.
    for (const who of [w.staff, w.owner, w.head, w.partner, w.auditor, w.office])
      expect((await get(who, r.id)).status).toBe(200);
    // Another department, a committee member, an administrator, another organisation: 404.
    for (const who of [w.outsider, w.committee, w.admin, other.auditor, other.office, other.staff])
      expect((await get(who, r.id)).status).toBe(404);
    for (const who of [w.outsider, other.auditor]) {
      expect((await act(who, r.id, 'answer', { version: 1, answer: '의견' })).status).toBe(404);
      const h = await http.get(`/api/v1/opinion-requests/${r.id}/history`, { token: who.token });
      expect(h.status).toBe(404);
    }

    // Lists are scoped the same way.
    expect((await list(w.auditor)).items.map((x) => x.id)).toEqual([r.id]);
    expect((await list(w.owner)).items.map((x) => x.id)).toEqual([r.id]);
    expect(await list(w.outsider)).toMatchObject({ items: [], total: 0 });
    expect(await list(other.auditor)).toMatchObject({ items: [], total: 0 });
    expect((await list(w.staff, '?mine=true&status=SUBMITTED')).total).toBe(1);
    expect((await list(w.staff, '?status=ANSWERED')).total).toBe(0);
  });

  it('refuses bad input with field details, a task the official cannot read, and roles without the right', async () => {
    const w = await taskWorld(http, factory);
    const other = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    const foreignTask = await other.task('IN_PROGRESS');
    const before = await list(w.auditor);

    const bad = await file(w.staff, { taskId: 'not-a-uuid', question: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(
      ['extra', 'question', 'taskId'].sort(),
    );
    const missing = await file(w.staff, { taskId: task.id });
    expect(missing.body.details.map((d: any) => d.field)).toEqual(['question']);

    // Another organisation's task, or one of another department the official cannot read.
    const foreign = await file(w.staff, { taskId: foreignTask.id, question: '질의' });
    expect([foreign.status, foreign.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    expect(foreign.body.details.map((d: any) => d.field)).toEqual(['taskId']);
    const unreadable = await file(w.outsider, { taskId: task.id, question: '질의' });
    expect([unreadable.status, unreadable.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    // A committee member or an administrator files none.
    expect((await file(w.committee, { taskId: task.id, question: '질의' })).status).toBe(403);
    expect((await file(w.admin, { taskId: task.id, question: '질의' })).status).toBe(403);
    const badQuery = await http.get('/api/v1/opinion-requests?status=DONE&limit=0', {
      token: w.auditor.token,
    });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.details.map((d: any) => d.field).sort()).toEqual(['limit', 'status']);

    expect((await list(w.auditor)).total).toBe(before.total);
  });

  it('lets the requester withdraw before an answer and the office refer it to the committee; the answer days follow the settings', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');

    const a = (await file(w.staff, { taskId: task.id, question: '철회할 질의' })).body;
    // Only the requester withdraws.
    expect((await act(w.owner, a.id, 'withdraw', { version: 1 })).status).toBe(403);
    const withdrawn = await act(w.staff, a.id, 'withdraw', { version: 1, reason: '자체 해결' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      status: 'WITHDRAWN',
      withdrawal: { reason: '자체 해결' },
      allowedActions: [],
    });
    const afterWithdrawal = await act(w.auditor, a.id, 'answer', { version: 2, answer: '의견' });
    expect([afterWithdrawal.status, afterWithdrawal.body.code]).toEqual([
      409,
      'ILLEGAL_TRANSITION',
    ]);

    const b = (await file(w.staff, { taskId: task.id, question: '위원회 심의가 필요한 질의' }))
      .body;
    const referred = await act(w.auditor, b.id, 'refer', {
      version: 1,
      note: '법령 해석이 엇갈림',
    });
    expect(referred.status).toBe(200);
    expect(referred.body).toMatchObject({
      status: 'REFERRED',
      referral: { referredBy: w.auditor.id, note: '법령 해석이 엇갈림' },
      allowedActions: [],
    });
    // Before the committee: the office neither answers nor extends, the requester cannot withdraw.
    for (const [who, action, body] of [
      [w.auditor, 'answer', { version: 2, answer: '의견' }],
      [w.auditor, 'extend', { version: 2, reason: '연장' }],
      [w.staff, 'withdraw', { version: 2 }],
    ] as const) {
      const res = await act(who, b.id, action, body);
      expect([action, res.status, res.body.code]).toEqual([action, 409, 'ILLEGAL_TRANSITION']);
    }

    // The committee takes it up: a request not referred is no agenda item; the referred one is,
    // with the requester as the interested party, and the passed resolution is the opinion.
    const office = { ...w.office, name: '전담부서' };
    const member = { ...w.committee, name: '위원' };
    await seatCommittee(http, office, [member]);
    const meeting = await heldMeeting(http, office, [member]);
    const notReferred = await http.post(
      `/api/v1/committee/meetings/${meeting.id}/agenda-items`,
      { subjectKind: 'OPINION_REQUEST', subjectId: a.id },
      { token: w.office.token },
    );
    expect([notReferred.status, notReferred.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const item = await addItem(http, office, meeting.id, 'OPINION_REQUEST', b.id);
    expect(item.title).toContain('위원회 심의가 필요한 질의');
    expect(item.interestedParties).toEqual([
      { role: 'REQUESTER', userId: w.staff.id, name: expect.any(String) },
    ]);
    expect((await castVote(http, member, item.id, 'FOR')).status).toBe(200);
    const resolved = await resolveItem(http, office, item.id, '법령 취지에 비추어 추진 가능');
    expect([resolved.status, resolved.body.outcome]).toEqual([200, 'PASSED']);
    const answered = await get(w.staff, b.id);
    expect(answered.body).toMatchObject({
      status: 'ANSWERED',
      answer: { text: '법령 취지에 비추어 추진 가능', source: 'COMMITTEE' },
      committeeOutcome: { passed: true, text: '법령 취지에 비추어 추진 가능' },
    });
    expect(await outboxEvents(b.id)).toContain('opinion-request.answered');

    // The office sets 7 days: a new request is due on the 7th day after receipt.
    const current = await http.get('/api/v1/settings', { token: w.office.token });
    const changed = await http.patch(
      '/api/v1/settings',
      {
        version: current.body.version,
        values: { 'opinionRequests.answerDays': 7 },
        reason: '회신 기한 단축',
      },
      { token: w.office.token },
    );
    expect(changed.status).toBe(200);
    const c = (await file(w.head, { taskId: task.id, question: '기한 확인' })).body;
    expect(c).toMatchObject({ answerDays: 7, dueDate: plusDays(seoulToday(), 7) });
    // The setting's bounds: 0 days is refused.
    const zero = await http.patch(
      '/api/v1/settings',
      {
        version: changed.body.version,
        values: { 'opinionRequests.answerDays': 0 },
        reason: '잘못된 값',
      },
      { token: w.office.token },
    );
    expect(zero.status).toBe(400);
  });

  it('reminds the audit office D-2 business days and on the day while unanswered, then daily when overdue; not once answered', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    const r = (await file(w.staff, { taskId: task.id, question: '질의' })).body;
    const due: string = r.dueDate;
    const ours = async (date: string) => {
      const res = await http.post(
        '/api/v1/notifications/run',
        { date, dryRun: true },
        { token: w.office.token },
      );
      expect(res.status).toBe(202);
      return Object.fromEntries(
        Object.entries(res.body.rules as Record<string, number>).filter(
          ([k, n]) => k.startsWith('opinion-request.') && n > 0,
        ),
      );
    };
    // The organisation's one auditor (its audit unit has no head in this world).
    expect(await ours(nthBusinessDayBefore(due, 2))).toEqual({ 'opinion-request.due-2': 1 });
    const dDay = isBusinessDay(due) ? due : nthBusinessDayBefore(due, 1);
    expect(await ours(dDay)).toEqual({ 'opinion-request.due-0': 1 });
    const overdueDay = nthBusinessDayAfter(due, 1);
    expect(await ours(overdueDay)).toEqual({ 'opinion-request.overdue': 1 });
    // Answered: nothing more.
    expect((await act(w.auditor, r.id, 'answer', { version: 1, answer: '의견' })).status).toBe(200);
    expect(await ours(overdueDay)).toEqual({});
    expect(await ours(nthBusinessDayBefore(due, 2))).toEqual({});
  });

  it('scopes by the task’s lead department as it is: a newcomer to it reads the request, a stranger gets 404', async () => {
    // A STAFF of the lead department who joins later reads the department's requests (scoped in
    // SQL by the task's lead department, not by a list kept on the request).
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    const r = (await file(w.owner, { taskId: task.id, question: '질의' })).body;
    const newcomer = await factory.user(w.lead, ['STAFF']);
    const token = (await login(http, newcomer)).accessToken;
    expect((await http.get(`/api/v1/opinion-requests/${r.id}`, { token })).status).toBe(200);
    const stranger = await factory.user(w.otherDept, ['STAFF']);
    const token2 = (await login(http, stranger)).accessToken;
    expect((await http.get(`/api/v1/opinion-requests/${r.id}`, { token: token2 })).status).toBe(
      404,
    );
  });
});
