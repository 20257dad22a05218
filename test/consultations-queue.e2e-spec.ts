import { randomUUID } from 'node:crypto';
import { useTestApi } from './support/app.js';
import {
  consultationAction,
  type ConsultationActor,
  consultationInState,
  consultationWorld,
  type ConsultationWorld,
  draftConsultation,
} from './support/consultations.js';
import { login } from './support/factory.js';
import { createTask, seoulToday, withVersion } from './support/tasks.js';

// Pre-consultations (사전컨설팅, DOMAIN.md §1 and §4): who sees a request — its department while it
// is a draft, the organisation's AUDITOR and PROACTIVE_OFFICE once submitted, the parent's AUDITOR
// after an escalation, nobody in a sibling organisation — and the audit unit's queue (filters,
// sorting, pagination, the stored turnaround and the access log). Every test builds its own
// consultationWorld (a 구, a sibling 구 and their parent 시), so nothing leaks between tests.
// Deadlines are dated back with factory.db (set-up of time only; the API never dates anything back),
// then every judgement is read through the API.

const API = '/api/v1/consultations';

interface Page {
  items: any[];
  total: number;
  limit: number;
  offset: number;
}

const ids = (items: Array<{ id: string }>) => items.map((r) => r.id).sort();

/** A YYYY-MM-DD date moved by `days`, computed independently of the product. */
function addDays(date: string, days: number): string {
  const d = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))),
  );
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('pre-consultations: visibility, escalation and the audit queue', () => {
  const { http, factory } = useTestApi();

  /** GET /consultations that must succeed (limit 200 unless the query sets one). */
  async function list(token: string, query = ''): Promise<Page> {
    const withLimit = /(^|&)limit=/.test(query) ? query : `limit=200${query ? `&${query}` : ''}`;
    const res = await http.get(`${API}?${withLimit}`, { token });
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body as Page;
  }

  const read = (u: { token: string }, id: string) => http.get(`${API}/${id}`, { token: u.token });

  const act = async (
    u: { token: string },
    id: string,
    action: string,
    input: Record<string, unknown> = {},
  ) =>
    http.post(
      `${API}/${id}/transitions`,
      await withVersion(http, u.token, `${API}/${id}`, { action, ...input }),
      { token: u.token },
    );

  /** What a user sees in the list: total and sorted ids. */
  async function seen(u: { token: string }, query = '') {
    const page = await list(u.token, query);
    return { total: page.total, ids: ids(page.items) };
  }

  /** The user can read the request and finds it in the list; returns both views. */
  async function expectVisible(u: ConsultationActor, id: string) {
    const res = await read(u, id);
    expect({ user: u.roles, status: res.status }).toEqual({ user: u.roles, status: 200 });
    const item = (await list(u.token)).items.find((i) => i.id === id);
    expect(item).toBeDefined();
    return { detail: res.body, item };
  }

  /** 404 on the single read (existence not revealed) and absent from the list. */
  async function expectHidden(u: ConsultationActor, id: string) {
    const res = await read(u, id);
    expect({ user: u.roles, org: u.organisationId, status: res.status }).toEqual({
      user: u.roles,
      org: u.organisationId,
      status: 404,
    });
    expect((await list(u.token)).items.map((i) => i.id)).not.toContain(id);
  }

  /** A DRAFT of `drafter`'s department submitted by `head`. */
  async function submitted(drafter: ConsultationActor, head: ConsultationActor) {
    const draft = await draftConsultation(http, drafter.token);
    return consultationAction(http, head.token, draft.id, 'submit');
  }

  // ── 1. Escalation across organisations, committee advice ──────────────────────────────────────

  it('lets the parent organisation’s AUDITOR see and answer an escalated request, and nobody else outside', async () => {
    const w = await consultationWorld(http, factory);
    const c = await consultationInState(http, w, 'UNDER_REVIEW');
    const outsiders = [w.parentOffice, w.siblingAuditor, w.siblingStaff];

    // Before the escalation the parent sees nothing, and neither does the sibling organisation.
    for (const u of [w.parentAuditor, ...outsiders]) await expectHidden(u, c.id);
    expect(await seen(w.parentAuditor)).toEqual({ total: 0, ids: [] });
    const own = await expectVisible(w.auditor, c.id);
    expect(own.detail.allowedActions).toEqual(expect.arrayContaining(['escalate']));
    expect(own.detail.escalatedToOrganisationId).toBeNull();

    // The reason (what the parent is asked) is required.
    for (const body of [{}, { reason: '   ' }]) {
      const bad = await act(w.auditor, c.id, 'escalate', body);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.map((d: any) => d.field)).toContain('reason');
    }
    // A sibling organisation's auditor cannot even find it to escalate.
    expect((await act(w.siblingAuditor, c.id, 'escalate', { reason: '의견 요청' })).status).toBe(
      404,
    );

    const escalated = await consultationAction(http, w.auditor.token, c.id, 'escalate', {
      reason: '상급기관 해석 요청',
    });
    expect(escalated).toMatchObject({
      status: 'ESCALATED',
      escalatedToOrganisationId: w.parent.id,
      escalatedToOrganisationName: w.parent.name,
    });
    expect(escalated.advice).toEqual([
      expect.objectContaining({
        kind: 'ESCALATION',
        request: '상급기관 해석 요청',
        requestedBy: w.auditor.id,
        advice: null,
        advisedBy: null,
      }),
    ]);

    // The parent's AUDITOR now reads it and finds it in the queue, with both answers open.
    const parentView = await expectVisible(w.parentAuditor, c.id);
    expect(parentView.detail).toMatchObject({
      status: 'ESCALATED',
      organisationId: w.org.id,
      escalatedToOrganisationId: w.parent.id,
    });
    expect(parentView.detail.allowedActions).toEqual(
      expect.arrayContaining(['issueOpinion', 'returnAdvice']),
    );
    expect(parentView.item).toMatchObject({
      status: 'ESCALATED',
      escalatedToOrganisationId: w.parent.id,
    });
    expect(parentView.item.allowedActions).toEqual(
      expect.arrayContaining(['issueOpinion', 'returnAdvice']),
    );
    expect(await seen(w.parentAuditor)).toEqual({ total: 1, ids: [c.id] });
    expect(await seen(w.parentAuditor, 'status=ESCALATED')).toEqual({ total: 1, ids: [c.id] });
    // The parent's proactive office and the sibling organisation still see nothing.
    for (const u of outsiders) await expectHidden(u, c.id);
    expect((await act(w.parentOffice, c.id, 'returnAdvice', { advice: '의견' })).status).toBe(404);
    expect((await act(w.siblingAuditor, c.id, 'issueOpinion', {})).status).toBe(404);

    // Advice is required; then the request goes back to the requesting organisation's review.
    const noAdvice = await act(w.parentAuditor, c.id, 'returnAdvice', { advice: ' ' });
    expect(noAdvice.status).toBe(400);
    expect(noAdvice.body.details.map((d: any) => d.field)).toContain('advice');
    const returned = await consultationAction(http, w.parentAuditor.token, c.id, 'returnAdvice', {
      advice: '공유재산법 시행령 제19조에 따라 가능',
    });
    expect(returned.status).toBe('UNDER_REVIEW');
    expect(returned.allowedActions).toEqual([]);
    expect(returned.advice).toEqual([
      expect.objectContaining({
        kind: 'ESCALATION',
        request: '상급기관 해석 요청',
        advice: '공유재산법 시행령 제19조에 따라 가능',
        advisedBy: w.parentAuditor.id,
        advisedAt: expect.any(String),
      }),
    ]);
    const after = await expectVisible(w.parentAuditor, c.id);
    expect(after.detail).toMatchObject({
      status: 'UNDER_REVIEW',
      escalatedToOrganisationId: w.parent.id,
      allowedActions: [],
    });
    expect(after.item.allowedActions).toEqual([]);
    for (const u of outsiders) await expectHidden(u, c.id);
    // Back with the requesting organisation's auditor, who may issue the opinion now.
    const home = await read(w.auditor, c.id);
    expect(home.body.allowedActions).toEqual(expect.arrayContaining(['issueOpinion']));

    // A second request: this time the parent answers with the opinion itself.
    const d = await consultationInState(http, w, 'ESCALATED');
    expect(d.escalatedToOrganisationId).toBe(w.parent.id);
    const opinion = await consultationAction(http, w.parentAuditor.token, d.id, 'issueOpinion', {
      opinion: '조건부로 허가 가능',
      opinionType: 'CONDITIONAL',
    });
    expect(opinion).toMatchObject({
      status: 'OPINION_ISSUED',
      opinionType: 'CONDITIONAL',
      opinionOrganisationId: w.parent.id,
      opinionBy: { id: w.parentAuditor.id },
      allowedActions: [],
    });
    const issued = await expectVisible(w.parentAuditor, d.id);
    expect(issued.item).toMatchObject({ status: 'OPINION_ISSUED', allowedActions: [] });
    expect(await seen(w.parentAuditor)).toEqual({ total: 2, ids: ids([c, d]) });
    for (const u of outsiders) await expectHidden(u, d.id);
    for (const u of outsiders) expect(await seen(u)).toEqual({ total: 0, ids: [] });
    // The requesting department reads the parent's opinion.
    expect((await read(w.staff, d.id)).body.opinion).toBe('조건부로 허가 가능');
  });

  it('has no escalation for an organisation without a parent (409)', async () => {
    const w = await consultationWorld(http, factory);
    // The parent 시 is itself an organisation without a parent: give it a requesting department.
    const dept = await factory.dept(w.parent.id);
    const actor = async (roles: ConsultationActor['roles']): Promise<ConsultationActor> => {
      const user = await factory.user(dept, roles);
      return { ...user, token: (await login(http, user)).accessToken };
    };
    const [staff, head] = await Promise.all([actor(['STAFF']), actor(['DEPT_HEAD'])]);
    let c = await draftConsultation(http, staff.token);
    c = await consultationAction(http, head.token, c.id, 'submit');
    for (const action of ['startScreening', 'accept', 'startReview'])
      c = await consultationAction(http, w.parentAuditor.token, c.id, action);
    expect(c.status).toBe('UNDER_REVIEW');
    expect(c.allowedActions).toEqual(expect.arrayContaining(['issueOpinion']));
    expect(c.allowedActions).not.toContain('escalate');
    const listed = (await list(w.parentAuditor.token)).items.find((i) => i.id === c.id);
    expect(listed.allowedActions).not.toContain('escalate');

    const refused = await act(w.parentAuditor, c.id, 'escalate', { reason: '상급기관 의견 요청' });
    expect(refused.status).toBe(409);
    // Refused by a rule (no parent to ask), not by the state: a code of its own.
    expect(refused.body.code).toBe('NO_PARENT_ORGANISATION');
    const still = await read(w.parentAuditor, c.id);
    expect(still.body).toMatchObject({ status: 'UNDER_REVIEW', escalatedToOrganisationId: null });
    // Its own requests never reach the child organisations.
    await expectHidden(w.auditor, c.id);
    await expectHidden(w.siblingAuditor, c.id);
  });

  it('asks the committee for advice and records it, back to UNDER_REVIEW', async () => {
    const w = await consultationWorld(http, factory);
    const c = await consultationInState(http, w, 'UNDER_REVIEW');

    const noReason = await act(w.auditor, c.id, 'requestCommitteeAdvice', { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.map((d: any) => d.field)).toContain('reason');

    const asked = await consultationAction(http, w.auditor.token, c.id, 'requestCommitteeAdvice', {
      reason: '적극행정위원회 자문 요청',
    });
    expect(asked.status).toBe('COMMITTEE_ADVICE');
    expect(asked.allowedActions).toEqual(expect.arrayContaining(['recordCommitteeAdvice']));
    expect(asked.advice).toEqual([
      expect.objectContaining({
        kind: 'COMMITTEE',
        request: '적극행정위원회 자문 요청',
        requestedBy: w.auditor.id,
        advice: null,
        advisedBy: null,
        advisedAt: null,
      }),
    ]);
    expect((await list(w.auditor.token, 'status=COMMITTEE_ADVICE')).items.map((i) => i.id)).toEqual(
      [c.id],
    );

    const noAdvice = await act(w.auditor2, c.id, 'recordCommitteeAdvice', {});
    expect(noAdvice.status).toBe(400);
    expect(noAdvice.body.details.map((d: any) => d.field)).toContain('advice');

    const recorded = await consultationAction(
      http,
      w.auditor2.token,
      c.id,
      'recordCommitteeAdvice',
      { advice: '위원회는 허가가 가능하다는 의견임' },
    );
    expect(recorded.status).toBe('UNDER_REVIEW');
    expect(recorded.advice).toEqual([
      {
        kind: 'COMMITTEE',
        request: '적극행정위원회 자문 요청',
        requestedBy: w.auditor.id,
        requestedAt: expect.any(String),
        advice: '위원회는 허가가 가능하다는 의견임',
        advisedBy: w.auditor2.id,
        advisedAt: expect.any(String),
      },
    ]);
    // Committee advice stays inside the organisation: no escalation happened.
    expect(recorded.escalatedToOrganisationId).toBeNull();
    await expectHidden(w.parentAuditor, c.id);
  });

  // ── 2. Who sees which requests ───────────────────────────────────────────────────────────────

  it('scopes the list: drafts to their department, submitted requests to the organisation’s auditors and office', async () => {
    const w = await consultationWorld(http, factory);
    const draft = await draftConsultation(http, w.staff.token);
    const sent = await submitted(w.staff, w.head);
    const closed = await consultationInState(http, w, 'CLOSED');
    const otherDraft = await draftConsultation(http, w.otherStaff.token);
    const otherSent = await submitted(w.otherStaff, w.otherHead);

    const ownDept = { total: 3, ids: ids([draft, sent, closed]) };
    for (const u of [w.staff, w.head]) expect(await seen(u)).toEqual(ownDept);
    for (const u of [w.otherStaff, w.otherHead])
      expect(await seen(u)).toEqual({ total: 2, ids: ids([otherDraft, otherSent]) });
    const organisation = { total: 3, ids: ids([sent, closed, otherSent]) };
    for (const u of [w.auditor, w.auditor2, w.office]) expect(await seen(u)).toEqual(organisation);
    for (const u of [
      w.committee,
      w.admin,
      w.parentAuditor,
      w.parentOffice,
      w.siblingAuditor,
      w.siblingStaff,
    ])
      expect(await seen(u)).toEqual({ total: 0, ids: [] });
    expect(await seen(w.auditor, 'status=DRAFT')).toEqual({ total: 0, ids: [] });
    expect(await seen(w.staff, 'status=DRAFT')).toEqual({ total: 1, ids: [draft.id] });

    // Single reads follow the same scope.
    const draftView = await read(w.staff, draft.id);
    expect(draftView.status).toBe(200);
    expect(draftView.body.allowedActions).toContain('edit');
    expect((await read(w.head, draft.id)).body.allowedActions).toContain('submit');
    for (const u of [w.auditor, w.office, w.otherStaff, w.otherHead, w.committee, w.admin])
      await expectHidden(u, draft.id);
    for (const u of [w.auditor, w.office, w.staff, w.head]) await expectHidden(u, otherDraft.id);
    for (const u of [w.otherStaff, w.otherHead, w.committee, w.admin, w.siblingAuditor])
      await expectHidden(u, sent.id);
    for (const u of [w.staff, w.head]) await expectHidden(u, otherSent.id);
    for (const u of [w.auditor, w.office]) await expectVisible(u, otherSent.id);

    // Once submitted, the draft joins the organisation's queue.
    await consultationAction(http, w.head.token, draft.id, 'submit');
    for (const u of [w.auditor, w.office])
      expect(await seen(u)).toEqual({
        total: 4,
        ids: ids([draft, sent, closed, otherSent]),
      });
    for (const u of [w.otherStaff, w.otherHead])
      expect(await seen(u)).toEqual({ total: 2, ids: ids([otherDraft, otherSent]) });
    for (const u of [w.committee, w.admin]) expect(await seen(u)).toEqual({ total: 0, ids: [] });
  });

  // ── 3. The audit unit's queue ────────────────────────────────────────────────────────────────

  describe('queue filters, sorting and pagination', () => {
    /**
     * One organisation with these requests (deadlines dated back with factory.db; Seoul `today`):
     *   sub1 SUBMITTED, screening due yesterday              → overdue
     *   sub2 SUBMITTED, screening due today (linked to task)  → not overdue
     *   scr  SCREENING, screening due 3 days ago              → overdue
     *   acc  ACCEPTED for auditor2, opinion due yesterday    → overdue
     *   rev1 UNDER_REVIEW, opinion due 10 days ago + 10 extension = today (linked) → not overdue
     *   rev2 UNDER_REVIEW, opinion due 11 days ago + 10 extension = yesterday      → overdue
     *   esc  ESCALATED, opinion due 2 days ago                → overdue
     *   com  COMMITTEE_ADVICE, opinion due 2 days ago         → overdue
     *   rej  REJECTED, screening due 5 days ago, last year    → never overdue
     *   iss  OPINION_ISSUED, opinion due 5 days ago           → never overdue
     *   oth  SUBMITTED by the other department, due ahead     → not overdue
     *   dra  DRAFT (its department only)
     * Accepted by `auditor` (the default assignee) unless said otherwise.
     */
    let w: ConsultationWorld;
    let today: string;
    let year: number;
    let task: any;
    const c: Record<string, any> = {};
    let all: string[];

    /** Set-up of time only: moves stored dates (and the year) with factory.db, never via the API. */
    async function backdate(
      id: string,
      set: { screeningDue?: string; opinionDue?: string; year?: number },
    ) {
      const res = await factory.db.query(
        `UPDATE consultations
            SET screening_due_date = COALESCE($2::date, screening_due_date),
                opinion_due_date = COALESCE($3::date, opinion_due_date),
                year = COALESCE($4::smallint, year)
          WHERE id = $1`,
        [id, set.screeningDue ?? null, set.opinionDue ?? null, set.year ?? null],
      );
      expect(res.rowCount).toBe(1);
    }

    beforeAll(async () => {
      w = await consultationWorld(http, factory);
      today = seoulToday();
      year = Number(today.slice(0, 4));
      task = await createTask(http, w.staff.token, w.staff.id);
      const state = (s: string, overrides: Record<string, unknown> = {}) =>
        consultationInState(http, w, s, overrides);

      c.sub1 = await state('SUBMITTED');
      await backdate(c.sub1.id, { screeningDue: addDays(today, -1) });
      c.sub2 = await state('SUBMITTED', { taskId: task.id });
      await backdate(c.sub2.id, { screeningDue: today });
      c.scr = await state('SCREENING');
      await backdate(c.scr.id, { screeningDue: addDays(today, -3) });

      c.acc = await state('SCREENING');
      c.acc = await consultationAction(http, w.auditor.token, c.acc.id, 'accept', {
        assignedAuditorId: w.auditor2.id,
      });
      await backdate(c.acc.id, { opinionDue: addDays(today, -1) });

      c.rev1 = await state('UNDER_REVIEW', { taskId: task.id });
      await consultationAction(http, w.auditor.token, c.rev1.id, 'extend', {
        days: 10,
        reason: '관계기관 협의',
      });
      await backdate(c.rev1.id, { opinionDue: addDays(today, -10) });
      c.rev2 = await state('UNDER_REVIEW');
      await consultationAction(http, w.auditor.token, c.rev2.id, 'extend', {
        days: 10,
        reason: '관계기관 협의',
      });
      await backdate(c.rev2.id, { opinionDue: addDays(today, -11) });

      c.esc = await state('ESCALATED');
      await backdate(c.esc.id, { opinionDue: addDays(today, -2) });
      c.com = await state('COMMITTEE_ADVICE');
      await backdate(c.com.id, { opinionDue: addDays(today, -2) });
      c.rej = await state('REJECTED');
      await backdate(c.rej.id, { screeningDue: addDays(today, -5), year: year - 1 });
      c.iss = await state('OPINION_ISSUED');
      await backdate(c.iss.id, { opinionDue: addDays(today, -5) });
      c.oth = await submitted(w.otherStaff, w.otherHead);
      c.dra = await draftConsultation(http, w.staff.token);

      all = ids(
        ['sub1', 'sub2', 'scr', 'acc', 'rev1', 'rev2', 'esc', 'com', 'rej', 'iss', 'oth'].map(
          (k) => c[k],
        ),
      );
    }, 180_000);

    const pick = (...keys: string[]) => ids(keys.map((k) => c[k]));
    const deadline = (i: any) => ({
      dueDate: i.dueDate,
      overdue: i.overdue,
      daysOverdue: i.daysOverdue,
    });

    async function expectIds(query: string, keys: string[], u: ConsultationActor = w.auditor) {
      const page = await list(u.token, query);
      expect({ query, total: page.total, ids: ids(page.items) }).toEqual({
        query,
        total: keys.length,
        ids: pick(...keys),
      });
      return page;
    }

    it('sees the whole organisation’s submitted requests, never the draft', async () => {
      const page = await list(w.auditor.token);
      expect(page.total).toBe(11);
      expect(ids(page.items)).toEqual(all);
      expect(ids(page.items)).not.toContain(c.dra.id);
    });

    it('filters by status, a single one or a comma list', async () => {
      await expectIds('status=SUBMITTED', ['sub1', 'sub2', 'oth']);
      await expectIds('status=SUBMITTED,SCREENING', ['sub1', 'sub2', 'oth', 'scr']);
      await expectIds('status=ACCEPTED,UNDER_REVIEW,ESCALATED', ['acc', 'rev1', 'rev2', 'esc']);
      await expectIds('status=COMMITTEE_ADVICE', ['com']);
      await expectIds('status=REJECTED,OPINION_ISSUED,CLOSED', ['rej', 'iss']);
      await expectIds('status=DRAFT', []);
      await expectIds('status=DRAFT', ['dra'], w.staff);
    });

    it('filters overdue by the running deadline (screening or opinion plus extension, Seoul today)', async () => {
      const overdue = await expectIds('overdue=true', ['sub1', 'scr', 'acc', 'rev2', 'esc', 'com']);
      await expectIds('overdue=false', ['sub2', 'rev1', 'rej', 'iss', 'oth']);
      await expectIds('overdue=true&status=SUBMITTED', ['sub1']);
      await expectIds('overdue=false&status=UNDER_REVIEW', ['rev1']);
      await expectIds('overdue=true&status=REJECTED,OPINION_ISSUED', []);

      // The list shows the same judgement, with the deadline that runs and the days past it.
      const byId = Object.fromEntries(
        (await list(w.auditor.token)).items.map((i) => [i.id, i]),
      ) as Record<string, any>;
      const expected: Record<string, [string | null, boolean, number]> = {
        sub1: [addDays(today, -1), true, 1],
        sub2: [today, false, 0],
        scr: [addDays(today, -3), true, 3],
        acc: [addDays(today, -1), true, 1],
        rev1: [today, false, 0],
        rev2: [addDays(today, -1), true, 1],
        esc: [addDays(today, -2), true, 2],
        com: [addDays(today, -2), true, 2],
        rej: [null, false, 0],
        iss: [null, false, 0],
      };
      for (const [key, [dueDate, isOverdue, daysOverdue]] of Object.entries(expected))
        expect({ key, ...deadline(byId[c[key].id]) }).toEqual({
          key,
          dueDate,
          overdue: isOverdue,
          daysOverdue,
        });
      expect(byId[c.rev1.id]).toMatchObject({
        opinionDueDate: addDays(today, -10),
        extensionDays: 10,
      });
      expect(overdue.items.every((i) => i.overdue === true)).toBe(true);

      // The parent's auditor gets the same judgement on the escalated request.
      await expectIds('overdue=true', ['esc'], w.parentAuditor);
      await expectIds('overdue=false', [], w.parentAuditor);
    });

    it('filters assignedToMe by the auditor set on acceptance', async () => {
      const mine = await expectIds('assignedToMe=true', ['acc'], w.auditor2);
      expect(mine.items[0].assignedAuditor).toEqual({
        id: w.auditor2.id,
        name: expect.any(String),
      });
      await expectIds('assignedToMe=true', ['rev1', 'rev2', 'esc', 'com', 'iss']);
      await expectIds('assignedToMe=false', ['sub1', 'sub2', 'scr', 'acc', 'rej', 'oth']);
      const notMine = await list(w.auditor2.token, 'assignedToMe=false');
      expect(notMine.total).toBe(10);
      expect(ids(notMine.items)).toEqual(all.filter((id) => id !== c.acc.id));
      await expectIds('assignedToMe=true&overdue=true', ['acc'], w.auditor2);
    });

    it('filters by department, year and task', async () => {
      await expectIds(`departmentId=${w.otherDept.id}`, ['oth']);
      await expectIds(`departmentId=${w.dept.id}`, [
        'sub1',
        'sub2',
        'scr',
        'acc',
        'rev1',
        'rev2',
        'esc',
        'com',
        'rej',
        'iss',
      ]);
      await expectIds(`departmentId=${randomUUID()}`, []);
      await expectIds(`year=${year - 1}`, ['rej']);
      // A request about a task counts in the task's year (the suite's task is of next year).
      const thisYear = await list(w.auditor.token, `year=${year}`);
      expect(thisYear.total).toBe(8);
      const ofTask = [c.sub2.id, c.rev1.id];
      expect(ids(thisYear.items)).toEqual(
        all.filter((id) => id !== c.rej.id && !ofTask.includes(id)),
      );
      await expectIds(`year=${year + 1}`, ['sub2', 'rev1']);
      await expectIds('year=2001', []);
      await expectIds(`taskId=${task.id}`, ['sub2', 'rev1']);
      await expectIds(`taskId=${task.id}&overdue=false&status=UNDER_REVIEW`, ['rev1']);
      await expectIds(`taskId=${randomUUID()}`, []);
      await expectIds(`departmentId=${w.otherDept.id}&year=${year}&status=SUBMITTED`, ['oth']);
      // The department's own view is filtered the same way.
      await expectIds(`taskId=${task.id}`, ['sub2', 'rev1'], w.staff);
      await expectIds(`departmentId=${w.dept.id}`, [], w.otherStaff);
    });

    it('sorts by submittedAt, dueDate, updatedAt and createdAt in both orders (empty values last)', async () => {
      // createdAt and updatedAt are not in list items: read them from each request's detail.
      const details: Record<string, any> = {};
      for (const id of all) {
        const res = await read(w.auditor, id);
        expect(res.status).toBe(200);
        details[id] = res.body;
      }
      const value = (sort: string, id: string): string | null => {
        const v = details[id][sort];
        return v === null || v === undefined ? null : String(v);
      };
      const expectedOrder = (sort: string, order: 'asc' | 'desc') =>
        [...all].sort((a, b) => {
          const [va, vb] = [value(sort, a), value(sort, b)];
          if (va === null || vb === null) {
            if (va !== vb) return va === null ? 1 : -1;
          } else if (va !== vb) {
            const cmp = sort === 'dueDate' ? (va < vb ? -1 : 1) : Date.parse(va) - Date.parse(vb);
            return order === 'asc' ? cmp : -cmp;
          }
          return order === 'asc' ? (a < b ? -1 : 1) : a < b ? 1 : -1;
        });
      for (const sort of ['submittedAt', 'dueDate', 'updatedAt', 'createdAt'])
        for (const order of ['asc', 'desc'] as const) {
          const page = await list(w.auditor.token, `sort=${sort}&order=${order}`);
          expect({ sort, order, ids: page.items.map((i) => i.id) }).toEqual({
            sort,
            order,
            ids: expectedOrder(sort, order),
          });
        }
      // The default is submittedAt ascending: the oldest submission first.
      const byDefault = await list(w.auditor.token);
      expect(byDefault.items.map((i) => i.id)).toEqual(expectedOrder('submittedAt', 'asc'));
      expect(byDefault.items[0].id).toBe(c.sub1.id);
      // dueDate ascending starts with the longest-overdue request.
      const byDue = await list(w.auditor.token, 'sort=dueDate&order=asc&limit=1');
      expect(byDue.items[0].id).toBe(c.scr.id);
    });

    it('paginates with limit and offset over the whole filtered total', async () => {
      const full = (await list(w.auditor.token, 'sort=createdAt&order=asc')).items.map((i) => i.id);
      const page = (offset: number) =>
        list(w.auditor.token, `sort=createdAt&order=asc&limit=4&offset=${offset}`);
      const first = await page(0);
      expect(first).toMatchObject({ total: 11, limit: 4, offset: 0 });
      const second = await page(4);
      expect(second).toMatchObject({ total: 11, limit: 4, offset: 4 });
      const third = await page(8);
      expect(third).toMatchObject({ total: 11, limit: 4, offset: 8 });
      expect([first, second, third].map((p) => p.items.length)).toEqual([4, 4, 3]);
      expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual(full);
      const beyond = await page(40);
      expect(beyond).toMatchObject({ items: [], total: 11, limit: 4, offset: 40 });
      const filtered = await list(w.auditor.token, 'overdue=true&limit=2&offset=2');
      expect(filtered).toMatchObject({ total: 6, limit: 2, offset: 2 });
      expect(filtered.items).toHaveLength(2);
    });

    it('refuses invalid query values with 400 naming the field', async () => {
      for (const [query, field] of [
        ['status=FOO', 'status'],
        ['status=SUBMITTED,FOO', 'status'],
        // The name used before issue 17 is not accepted any more (no alias).
        ['state=SUBMITTED', 'state'],
        ['overdue=maybe', 'overdue'],
        ['assignedToMe=1x', 'assignedToMe'],
        ['departmentId=not-a-uuid', 'departmentId'],
        ['taskId=123', 'taskId'],
        ['year=1999', 'year'],
        ['year=abc', 'year'],
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['offset=-1', 'offset'],
        ['sort=bad', 'sort'],
        ['order=sideways', 'order'],
      ]) {
        const res = await http.get(`${API}?${query}`, { token: w.auditor.token });
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect({ query, fields: res.body.details.map((d: any) => d.field) }).toEqual({
          query,
          fields: expect.arrayContaining([field]),
        });
      }
    });
  });

  // ── 4. Turnaround, opinion type and immunity in list items ─────────────────────────────────

  it('stores the turnaround days when the opinion is issued and lists opinion type and immunity', async () => {
    const w = await consultationWorld(http, factory);
    const item = async (id: string) => {
      const found = (await list(w.auditor.token)).items.find((i) => i.id === id);
      expect(found).toBeDefined();
      return found;
    };

    const sameDay = await consultationInState(http, w, 'UNDER_REVIEW');
    expect(await item(sameDay.id)).toMatchObject({
      turnaroundDays: null,
      opinionType: null,
      immunityPresumed: false,
    });
    await consultationAction(http, w.auditor.token, sameDay.id, 'issueOpinion', {
      opinion: '허가 가능',
      opinionType: 'ACCEPTABLE',
    });
    expect(await item(sameDay.id)).toMatchObject({
      status: 'OPINION_ISSUED',
      turnaroundDays: 0,
      opinionType: 'ACCEPTABLE',
      immunityPresumed: false,
    });
    await consultationAction(http, w.staff.token, sameDay.id, 'close', { followUp: 'FOLLOWED' });
    expect(await item(sameDay.id)).toMatchObject({
      status: 'CLOSED',
      turnaroundDays: 0,
      opinionType: 'ACCEPTABLE',
      followUp: 'FOLLOWED',
      immunityPresumed: true,
    });

    // Submitted three days ago (submitted_at moved back with factory.db: set-up of time only).
    const slow = await consultationInState(http, w, 'UNDER_REVIEW');
    await factory.db.query(
      `UPDATE consultations SET submitted_at = submitted_at - interval '3 days' WHERE id = $1`,
      [slow.id],
    );
    await consultationAction(http, w.auditor.token, slow.id, 'issueOpinion', {
      opinion: '조건부 가능',
      opinionType: 'CONDITIONAL',
    });
    expect(await item(slow.id)).toMatchObject({ turnaroundDays: 3, opinionType: 'CONDITIONAL' });
    // Stored, not recomputed: moving the submission again afterwards changes nothing.
    await factory.db.query(
      `UPDATE consultations SET submitted_at = submitted_at - interval '7 days' WHERE id = $1`,
      [slow.id],
    );
    await consultationAction(http, w.staff.token, slow.id, 'close', {
      followUp: 'NOT_FOLLOWED',
      reason: '예산 사정으로 시행 보류',
    });
    const slowItem = await item(slow.id);
    expect(slowItem).toMatchObject({
      status: 'CLOSED',
      turnaroundDays: 3,
      opinionType: 'CONDITIONAL',
      followUp: 'NOT_FOLLOWED',
      immunityPresumed: false,
    });
    expect(typeof slowItem.turnaroundDays).toBe('number');

    // Followed, but with a private interest declared: no presumption.
    const declared = await consultationInState(http, w, 'CLOSED', {
      privateInterest: true,
      privateInterestNote: '담당자 친족이 단체 회원임',
    });
    expect(await item(declared.id)).toMatchObject({
      status: 'CLOSED',
      turnaroundDays: 0,
      opinionType: 'ACCEPTABLE',
      followUp: 'FOLLOWED',
      immunityPresumed: false,
    });
    // The department's own list shows the same fields.
    const own = (await list(w.staff.token)).items.find((i) => i.id === sameDay.id);
    expect(own).toMatchObject({
      turnaroundDays: 0,
      opinionType: 'ACCEPTABLE',
      immunityPresumed: true,
    });
  });

  // ── 5. Access log ─────────────────────────────────────────────────────────────────────────────

  it('records a LIST entry in the access log for every GET /consultations', async () => {
    const w = await consultationWorld(http, factory);
    await consultationInState(http, w, 'SUBMITTED');
    const res = await http.get(`${API}?status=SUBMITTED,SCREENING&overdue=false&limit=7`, {
      token: w.staff.token,
      headers: { 'x-request-id': 'consult-list-0001' },
    });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    await list(w.auditor.token, `departmentId=${w.dept.id}`);

    const log = async (userId: string) => {
      const page = await http.get(
        `/api/v1/access-log?recordType=consultation&userId=${userId}&limit=20`,
        { token: w.auditor.token },
      );
      expect(page.status).toBe(200);
      return page.body.items as any[];
    };
    const staffEntries = await log(w.staff.id);
    expect(staffEntries[0]).toEqual(
      expect.objectContaining({
        action: 'LIST',
        recordType: 'consultation',
        recordId: null,
        organisationId: w.org.id,
        userId: w.staff.id,
        requestId: 'consult-list-0001',
        filter: expect.objectContaining({
          status: ['SUBMITTED', 'SCREENING'],
          overdue: false,
          limit: 7,
          offset: 0,
        }),
      }),
    );
    const auditorEntries = await log(w.auditor.id);
    expect(auditorEntries[0]).toEqual(
      expect.objectContaining({
        action: 'LIST',
        recordType: 'consultation',
        recordId: null,
        userId: w.auditor.id,
        filter: expect.objectContaining({ departmentId: w.dept.id, limit: 200 }),
      }),
    );
    expect(auditorEntries.filter((e) => e.action === 'LIST')).toHaveLength(1);
  });
});
