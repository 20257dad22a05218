import { CollaborationModule } from '@gwaje/collaboration';
import { DashboardsService } from '@gwaje/dashboards';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { HttpClient, startApi, type TestApi, testConfig } from './support/app.js';
import { collaborationOrganisation, type CollaborationOrg } from './support/collaboration.js';
import { Factory, type TestOrg } from './support/factory.js';
import { activeTaskSince, fillReport, openReport, reportAction } from './support/reports.js';
import { type Actor, on, type TaskWorld, taskWorld, YEAR } from './support/tasks.js';

// Shared progress of collaboration tasks (협업과제, issue 21 items 4 and 6): the participants'
// contributions to the lead's reports, the review setting (the coordinator's auditors review
// instead of the lead's), and the coordinator's figures compiled by the dashboard jobs. A ministry
// (CENTRAL_AGENCY) coordinates, a 시 (METROPOLITAN) leads, a 구 (LOCAL) takes part, an unrelated
// 구 sees nothing.

describe('collaboration shared progress (협업과제 실적 공유)', () => {
  const http = new HttpClient();
  const factory = new Factory();
  let api: TestApi;
  let dashboards: DashboardsService;
  const C = '/api/v1/collaborations';

  beforeAll(async () => {
    api = await startApi();
    http.baseUrl = api.url;
    dashboards = api.app.get(DashboardsService, { strict: false });
  });
  afterAll(async () => {
    await api?.close();
    await factory.close();
  });

  const organisation = (kind: string, parentId: string | null = null) =>
    collaborationOrganisation(http, factory, kind, parentId);
  type Org = CollaborationOrg;

  async function metropolitan(): Promise<TaskWorld> {
    const si = await taskWorld(http, factory);
    await factory.db.query(`UPDATE organisations SET kind = 'METROPOLITAN' WHERE id = $1`, [
      si.org.id,
    ]);
    return si;
  }

  /** `lead`'s task made a collaboration coordinated by `coordinator` with `participants`. */
  async function collaborate(
    lead: TaskWorld,
    taskId: string,
    coordinator: { org: TestOrg },
    participants: Org[],
    body: Record<string, unknown> = {},
  ) {
    const res = await http.post(
      C,
      {
        taskId,
        coordinatorOrganisationId: coordinator.org.id,
        participants: participants.map((p) => ({
          organisationId: p.org.id,
          departmentId: p.dept.id,
        })),
        ...body,
      },
      { token: lead.office.token },
    );
    if (res.status !== 201)
      throw new Error(`collaboration: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  // ── 1. Contributions and the review setting ─────────────────────────────────────────────────

  it('participants write their own part of the lead’s report; the coordinator’s auditors review it when reviewBy is COORDINATOR', async () => {
    const ministry = await organisation('CENTRAL_AGENCY');
    const si = await metropolitan();
    const gu = await organisation('LOCAL', si.org.id);
    const outsider = await organisation('LOCAL');
    const task = await activeTaskSince(si, factory, '2025-01-01', {
      partnerDepartmentIds: undefined,
    });
    const c = await collaborate(si, task.id, ministry, [gu], { reviewBy: 'COORDINATOR' });
    expect(c.reviewBy).toBe('COORDINATOR');
    const report = await openReport(http, si.staff.token, task.id, '2025-Q1');
    // A report of another task of the lead: not this collaboration's (404).
    const otherTask = await activeTaskSince(si, factory, '2025-01-01', {
      partnerDepartmentIds: undefined,
    });
    const otherReport = await openReport(http, si.staff.token, otherTask.id, '2025-Q1');

    const base = `${C}/${c.id}/reports/${report.id}/contributions`;
    const put = (who: Actor, org: string, body: Record<string, unknown>, reportId = report.id) =>
      http.put(`${C}/${c.id}/reports/${reportId}/contributions/${org}`, body, {
        token: who.token,
      });

    // Everyone taking part reads them all: the lead first, nothing written yet.
    const empty = await http.get(base, { token: gu.staff.token });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      collaborationId: c.id,
      reportId: report.id,
      reportStatus: 'DRAFT',
      reviewerOrganisationId: ministry.org.id,
    });
    expect(
      empty.body.items.map((i: any) => [i.organisationId, i.role, i.text, i.version, i.editable]),
    ).toEqual([
      [si.org.id, 'LEAD', null, null, false],
      [gu.org.id, 'PARTICIPANT', null, null, true],
    ]);

    // The 구 writes its own part.
    const written = await put(gu.staff, gu.org.id, {
      text: '구 시범 운영 3개 동 선정',
      progress: 40,
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({
      organisationId: gu.org.id,
      text: '구 시범 운영 3개 동 선정',
      progress: 40,
      author: { id: gu.staff.id },
      version: 1,
      editable: true,
    });

    // Nobody writes another organisation's part (403); outsiders see nothing (404); an
    // organisation not taking part is a 400 naming the field; a report of another task is a 404.
    expect((await put(gu.staff, si.org.id, { text: '남의 몫' })).status).toBe(403);
    expect((await put(si.staff, gu.org.id, { text: '남의 몫', version: 1 })).status).toBe(403);
    expect((await put(si.office, gu.org.id, { text: '남의 몫', version: 1 })).status).toBe(403);
    expect((await put(ministry.office, gu.org.id, { text: '남의 몫', version: 1 })).status).toBe(
      403,
    );
    expect((await put(gu.otherStaff, gu.org.id, { text: '다른 부서', version: 1 })).status).toBe(
      404,
    );
    for (const who of [outsider.office, outsider.auditor, outsider.staff]) {
      expect((await http.get(base, { token: who.token })).status).toBe(404);
      expect((await http.get(`${base}/${gu.org.id}`, { token: who.token })).status).toBe(404);
      expect((await put(who, gu.org.id, { text: '외부', version: 1 })).status).toBe(404);
      expect((await put(who, outsider.org.id, { text: '외부' })).status).toBe(404);
    }
    const notParticipant = await put(gu.staff, outsider.org.id, { text: '참여기관 아님' });
    expect([notParticipant.status, notParticipant.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    expect(notParticipant.body.details.map((d: any) => d.field)).toEqual(['organisationId']);
    const readNotParticipant = await http.get(`${base}/${outsider.org.id}`, {
      token: gu.staff.token,
    });
    expect([readNotParticipant.status, readNotParticipant.body.code]).toEqual([
      400,
      'INVALID_REFERENCE',
    ]);
    expect((await put(gu.staff, gu.org.id, { text: '다른 과제' }, otherReport.id)).status).toBe(
      404,
    );
    const blank = await put(gu.staff, gu.org.id, { text: '  ', version: 1 });
    expect([blank.status, blank.body.details?.[0]?.field]).toEqual([400, 'text']);

    // A change states the version read.
    const noVersion = await put(gu.staff, gu.org.id, { text: '고침' });
    expect([noVersion.status, noVersion.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const stale = await put(gu.head, gu.org.id, { text: '고침', version: 7 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const changed = await put(gu.head, gu.org.id, {
      text: '구 시범 운영 3개 동 선정, 설명회 2회',
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ progress: 40, version: 2, author: { id: gu.head.id } });
    // The lead's own part, by its department.
    expect((await put(si.staff, si.org.id, { text: '시 현황 조사 완료' })).status).toBe(200);

    // Every participant and the coordinator read both parts.
    for (const who of [si.auditor, si.staff, gu.auditor, ministry.auditor, ministry.office]) {
      const all = await http.get(base, { token: who.token });
      expect(all.status).toBe(200);
      expect(all.body.items.map((i: any) => [i.organisationId, i.text])).toEqual([
        [si.org.id, '시 현황 조사 완료'],
        [gu.org.id, '구 시범 운영 3개 동 선정, 설명회 2회'],
      ]);
    }
    const one = await http.get(`${base}/${gu.org.id}`, { token: ministry.auditor.token });
    expect(one.body).toMatchObject({ organisationId: gu.org.id, version: 2, editable: false });
    // Recorded in the report's history.
    const history = await http.get(`/api/v1/reports/${report.id}/history`, {
      token: si.staff.token,
    });
    expect(
      history.body
        .filter((h: any) => h.action.startsWith('contribution.'))
        .map((h: any) => [h.action, h.actorId]),
    ).toEqual([
      ['contribution.create', gu.staff.id],
      ['contribution.update', gu.head.id],
      ['contribution.create', si.staff.id],
    ]);

    // Submitted: the contributions are frozen (409) until the report is returned.
    const filled = await fillReport(http, si.staff.token, report);
    await reportAction(http, si.head.token, report.id, 'submit', undefined, filled.version);
    const frozen = await put(gu.staff, gu.org.id, { text: '제출 후', version: 2 });
    expect([frozen.status, frozen.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);

    // reviewBy COORDINATOR: the coordinator's auditor reviews, the lead's does not.
    const asLead = await http.get(`/api/v1/reports/${report.id}`, { token: si.auditor.token });
    expect(asLead.body.allowedActions).toEqual([]);
    const asCoordinator = await http.get(`/api/v1/reports/${report.id}`, {
      token: ministry.auditor.token,
    });
    expect(asCoordinator.body.allowedActions).toEqual(['accept', 'return']);
    // The review queues: the coordinator's auditors find it with its actions, the lead's without.
    const queue = async (who: Actor) =>
      (
        await http.get(`/api/v1/reports?status=SUBMITTED&limit=100`, { token: who.token })
      ).body.items.filter((i: any) => i.id === report.id);
    expect((await queue(ministry.auditor)).map((i: any) => i.allowedActions)).toEqual([
      ['accept', 'return'],
    ]);
    expect((await queue(si.auditor)).map((i: any) => i.allowedActions)).toEqual([[]]);
    expect(await queue(outsider.auditor)).toEqual([]);
    const leadAccepts = await http.post(
      `/api/v1/reports/${report.id}/transitions`,
      { action: 'accept', version: asLead.body.version },
      { token: si.auditor.token },
    );
    expect(leadAccepts.status).toBe(409);
    // The coordinator's auditor returns it; the participant may write again.
    await reportAction(http, ministry.auditor.token, report.id, 'return', '참여기관 실적 보완');
    expect((await put(gu.staff, gu.org.id, { text: '보완한 실적', version: 2 })).status).toBe(200);

    // Back to LEAD_AUDITOR: the lead's auditor reviews again, the coordinator's no longer.
    const detail = await http.get(`${C}/${c.id}`, { token: si.office.token });
    const back = await http.patch(
      `${C}/${c.id}`,
      { version: detail.body.version, reviewBy: 'LEAD_AUDITOR' },
      { token: si.office.token },
    );
    expect(back.status).toBe(200);
    await reportAction(http, si.head.token, report.id, 'submit');
    const coordinatorNow = await http.get(`/api/v1/reports/${report.id}`, {
      token: ministry.auditor.token,
    });
    expect(coordinatorNow.body.allowedActions).toEqual([]);
    const accepted = await reportAction(http, si.auditor.token, report.id, 'accept');
    expect(accepted.status).toBe('ACCEPTED');
  });

  // ── 2. The coordinator's dashboard figures ──────────────────────────────────────────────────

  it('the coordinator’s dashboard counts the collaboration tasks it coordinates (hand counts), and their changes make it dirty', async () => {
    // The worker compiles the section only if it imports the module that registers it.
    expect(WorkerModule.forRoot(testConfig()).imports).toContain(CollaborationModule);

    const ministry = await organisation('CENTRAL_AGENCY');
    const otherCoordinator = await organisation('CENTRAL_AGENCY');
    const si = await metropolitan(); // lead A
    const guLead = await taskWorld(http, factory); // lead B
    await factory.db.query(
      `UPDATE organisations SET kind = 'LOCAL', parent_id = $2 WHERE id = $1`,
      [guLead.org.id, si.org.id],
    );
    const participant = await organisation('LOCAL');
    const AS_OF = on('07-15');
    const noPartners = { partnerDepartmentIds: undefined };

    // Lead A (시): three tasks of YEAR.
    //   A1 IN_PROGRESS, a milestone due 03-31 not done → delayed; focus; nobody agreed (2 missing)
    //   A2 IN_PROGRESS, its milestone due 09-30 → not delayed; focus; the lead agreed (1 missing)
    //   A3 SELECTED, no milestone; agency-managed; both agreed (0 missing)
    const a1 = await si.task('IN_PROGRESS', {
      ...noPartners,
      milestones: [{ title: '착수 보고', dueDate: on('03-31') }],
    });
    const a2 = await si.task('IN_PROGRESS', {
      ...noPartners,
      milestones: [{ title: '중간 점검', dueDate: on('09-30') }],
    });
    const a3 = await si.task('SELECTED', noPartners);
    // Lead B (구): B1 COMPLETED, B2 SUSPENDED, both agency-managed, nobody agreed (2 missing each).
    const b1 = await guLead.task('COMPLETED', noPartners);
    const b2 = await guLead.task('SUSPENDED', noPartners);
    // Not counted: a task of last year coordinated by the ministry, and one coordinated by another.
    const lastYear = YEAR - 1;
    const old = await si.task('IN_PROGRESS', {
      ...noPartners,
      year: lastYear,
      startDate: `${lastYear}-01-02`,
      dueDate: `${lastYear}-12-31`,
      milestones: [{ title: '작년 단계', dueDate: `${lastYear}-02-01` }],
    });
    const elsewhere = await si.task('IN_PROGRESS', {
      ...noPartners,
      milestones: [{ title: '지난 단계', dueDate: on('02-01') }],
    });

    const cA1 = await collaborate(si, a1.id, ministry, [participant]);
    const cA2 = await collaborate(si, a2.id, ministry, [participant]);
    const cA3 = await collaborate(si, a3.id, ministry, [participant]);
    await collaborate(guLead, b1.id, ministry, [participant]);
    await collaborate(guLead, b2.id, ministry, [participant]);
    await collaborate(si, old.id, ministry, [participant]);
    await collaborate(si, elsewhere.id, otherCoordinator, [participant]);

    const agree = async (who: Actor, c: any) => {
      const res = await http.post(
        `${C}/${c.id}/agreement`,
        { planVersion: c.planVersion },
        { token: who.token },
      );
      expect(res.status).toBe(200);
    };
    await agree(si.office, cA2);
    await agree(si.office, cA3);
    await agree(participant.office, cA3);
    for (const c of [cA1, cA2]) {
      const v = (await http.get(`${C}/${c.id}`, { token: ministry.office.token })).body.version;
      const res = await http.post(
        `${C}/${c.id}/focus`,
        { version: v, focus: true, reason: '중점 관리' },
        { token: ministry.office.token },
      );
      expect(res.status).toBe(200);
    }

    // Counted by hand from the fixture above.
    const leadA = {
      organisationId: si.org.id,
      organisationName: si.org.name,
      total: 3,
      focus: 2, // A1, A2
      agencyManaged: 1, // A3
      delayed: 1, // A1
      awaitingAgreement: 2, // A1, A2
      agreementsMissing: 3, // A1: 2, A2: 1
    };
    const leadB = {
      organisationId: guLead.org.id,
      organisationName: guLead.org.name,
      total: 2,
      focus: 0,
      agencyManaged: 2,
      delayed: 0, // completed and suspended tasks are never delayed
      awaitingAgreement: 2,
      agreementsMissing: 4,
    };
    const expected = {
      total: 5,
      focus: 2,
      agencyManaged: 3,
      byStatus: {
        DRAFT: 0,
        PROPOSED: 0,
        SELECTED: 1,
        REJECTED: 0,
        IN_PROGRESS: 2,
        COMPLETED: 1,
        SUSPENDED: 1,
        DROPPED: 0,
      },
      delayed: 1,
      focusDelayed: 1,
      awaitingAgreement: 4,
      agreementsMissing: 7,
      // 협업SOS's figures (none filed here; counted in collaboration-sos.e2e-spec.ts).
      extensions: {
        sos: {
          filed: 0,
          open: 0,
          overdue: 0,
          escalated: 0,
          answered: 0,
          finished: 0,
          openByAge: { upTo3: 0, from4To7: 0, over7: 0 },
          oldestOpenDays: null,
          staffRequests: 0,
          staffRequestsUndecided: 0,
        },
      },
    };

    const read = (who: Actor) => http.get(`/api/v1/dashboards?year=${YEAR}`, { token: who.token });
    await dashboards.compile(ministry.org.id, YEAR, AS_OF);
    const board = await read(ministry.auditor);
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({ asOf: AS_OF, stale: false });
    const figures = board.body.sections.collaborations;
    expect(figures).toMatchObject(expected);
    const byId = (a: any, b: any) => a.organisationId.localeCompare(b.organisationId);
    expect([...figures.byLead].sort(byId)).toEqual([leadA, leadB].sort(byId));
    // The office reads the same; the lead's own dashboard has no coordinator's section.
    expect((await read(ministry.office)).body.sections.collaborations).toEqual(figures);
    await dashboards.compile(si.org.id, YEAR, AS_OF);
    const leadBoard = await read(si.auditor);
    expect(leadBoard.body.sections).not.toHaveProperty('collaborations');

    // Nothing changed since: the ministry's dashboard of YEAR is not dirty.
    const dirtyOf = async (org: string) =>
      (await dashboards.dirty(AS_OF)).filter((d) => d.organisationId === org && d.year === YEAR);
    expect(await dirtyOf(ministry.org.id)).toEqual([]);

    // The lead changes the collaboration (recorded under the lead): the coordinator's is dirty and stale.
    const detail = await http.get(`${C}/${cA1.id}`, { token: si.office.token });
    const edited = await http.patch(
      `${C}/${cA1.id}`,
      { version: detail.body.version, goals: '처리기간 20% 단축' },
      { token: si.office.token },
    );
    expect(edited.status).toBe(200);
    expect(await dirtyOf(ministry.org.id)).toHaveLength(1);
    expect((await read(ministry.auditor)).body.stale).toBe(true);
    // Compiled again, then a change of the task itself (the lead's task, a 'task' history entry):
    // the goals changed, so A1's agreements are still missing; A1's completion makes it not delayed.
    await dashboards.compile(ministry.org.id, YEAR, AS_OF);
    expect(await dirtyOf(ministry.org.id)).toEqual([]);
    const suspended = await http.post(
      `/api/v1/tasks/${a1.id}/transitions`,
      {
        action: 'suspend',
        reason: '예산 조정',
        version: (await http.get(`/api/v1/tasks/${a1.id}`, { token: si.office.token })).body
          .version,
      },
      { token: si.office.token },
    );
    expect(suspended.status).toBe(200);
    expect(await dirtyOf(ministry.org.id)).toHaveLength(1);
    await dashboards.compile(ministry.org.id, YEAR, AS_OF);
    const after = (await read(ministry.auditor)).body.sections.collaborations;
    // A1 is suspended now: no longer running, so no longer delayed.
    expect(after).toMatchObject({
      total: 5,
      delayed: 0,
      focusDelayed: 0,
      byStatus: { IN_PROGRESS: 1, SUSPENDED: 2 },
    });
  });
});
