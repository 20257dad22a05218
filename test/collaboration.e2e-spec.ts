import ExcelJS from 'exceljs';
import { useTestApi } from './support/app.js';
import { collaborationOrganisation, type CollaborationOrg } from './support/collaboration.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { activeTaskSince, openReport } from './support/reports.js';
import { type Actor, on, type TaskWorld, taskWorld, YEAR } from './support/tasks.js';

// 협업과제 (DOMAIN.md §9, issue 21 slice 1): a collaboration wraps a priority task of its lead
// organisation (a 시); a 구 under it takes part with its own department and share of the
// milestones; a ministry coordinates; an unrelated organisation sees nothing of it.

describe('collaboration tasks (협업과제)', () => {
  const { http, factory } = useTestApi();
  const C = '/api/v1/collaborations';

  const organisation = (kind: string, parentId: string | null = null) =>
    collaborationOrganisation(http, factory, kind, parentId);
  type Org = CollaborationOrg;

  interface World {
    ministry: Org;
    si: TaskWorld;
    gu: Org;
    outsider: Org;
    task: any;
    milestones: any[];
  }

  /** The ministry coordinates; the 시 leads with a running task of two milestones; the 구 is under the 시. */
  async function world(): Promise<World> {
    const ministry = await organisation('CENTRAL_AGENCY');
    const si = await taskWorld(http, factory);
    await factory.db.query(`UPDATE organisations SET kind = 'METROPOLITAN' WHERE id = $1`, [
      si.org.id,
    ]);
    const gu = await organisation('LOCAL', si.org.id);
    const outsider = await organisation('LOCAL');
    // Active since 2025 (only its activity record is moved back), so it has reports of 2025.
    const task = await activeTaskSince(si, factory, '2025-01-01', {
      partnerDepartmentIds: undefined,
      milestones: [
        { title: '현황 조사(시)', dueDate: on('03-31'), weight: 1 },
        { title: '시범 운영(구)', dueDate: on('06-30'), weight: 3 },
      ],
    });
    const ms = await http.get(`/api/v1/tasks/${task.id}/milestones`, { token: si.office.token });
    expect(ms.status).toBe(200);
    return { ministry, si, gu, outsider, task, milestones: ms.body };
  }

  const create = (w: World, body: Record<string, unknown> = {}, who: Actor = w.si.office) =>
    http.post(
      C,
      {
        taskId: w.task.id,
        coordinatorOrganisationId: w.ministry.org.id,
        goals: '민원 처리기간 30% 단축',
        plan: '1분기 조사, 2분기 시범 운영',
        participants: [
          { organisationId: w.gu.org.id, departmentId: w.gu.dept.id, contactUserId: w.gu.staff.id },
        ],
        ...body,
      },
      { token: who.token },
    );

  async function collaboration(w: World) {
    const res = await create(w);
    expect(res.status).toBe(201);
    const shares = await http.put(
      `${C}/${res.body.id}/milestone-shares`,
      {
        version: res.body.version,
        shares: [
          { milestoneId: w.milestones[0].id, organisationId: w.si.org.id },
          { milestoneId: w.milestones[1].id, organisationId: w.gu.org.id },
        ],
      },
      { token: w.si.office.token },
    );
    expect(shares.status).toBe(200);
    return shares.body;
  }

  const get = (who: Actor, id: string) => http.get(`${C}/${id}`, { token: who.token });

  it('the lead’s office creates it from its task; participants, shares and figures come back', async () => {
    const w = await world();
    const res = await create(w);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      task: { id: w.task.id, code: w.task.code, status: 'IN_PROGRESS', progress: 0 },
      leadOrganisation: { id: w.si.org.id },
      coordinatorOrganisation: { id: w.ministry.org.id, name: w.ministry.org.name },
      focus: false,
      reviewBy: 'LEAD_AUDITOR',
      goals: '민원 처리기간 30% 단축',
      planVersion: 1,
      participantsCount: 2,
      agreementsMissing: 2,
      allowedActions: ['edit', 'agree', 'completeShare'],
      version: 1,
    });
    expect(res.body.participants).toEqual([
      expect.objectContaining({
        organisationId: w.si.org.id,
        role: 'LEAD',
        departmentId: w.si.lead.id,
        contactUserId: w.si.owner.id,
        agreement: null,
      }),
      expect.objectContaining({
        organisationId: w.gu.org.id,
        organisationKind: 'LOCAL',
        role: 'PARTICIPANT',
        departmentId: w.gu.dept.id,
        departmentName: w.gu.dept.name,
        contactUserId: w.gu.staff.id,
        agreement: null,
      }),
    ]);
    expect(res.body.milestones.map((m: any) => m.organisationId)).toEqual([null, null]);

    // The same task twice: 409 DUPLICATE on taskId.
    const twice = await create(w);
    expect([twice.status, twice.body.code]).toEqual([409, 'DUPLICATE']);
    expect(twice.body.details.map((d: any) => [d.field, d.code])).toEqual([
      ['taskId', 'alreadyCollaboration'],
    ]);
    // Not the office: 403; another organisation's office naming the 시's task: 400 (not its task).
    expect((await create(w, {}, w.si.head)).status).toBe(403);
    const foreign = await create(w, {}, w.gu.office);
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0].field).toBe('taskId');

    const history = await http.get(`${C}/${res.body.id}/history`, { token: w.si.office.token });
    expect(history.status).toBe(200);
    expect(history.body.map((h: any) => h.action)).toEqual(['create']);
  });

  it('bad input is a 400 naming the field, and nothing changes', async () => {
    const w = await world();
    const inactive = await factory.org();
    await factory.db.query(`UPDATE organisations SET active = false WHERE id = $1`, [inactive.id]);
    const inactiveDept = await factory.dept(inactive.id);
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    const participant = (p: Record<string, unknown>) => ({
      participants: [
        {
          organisationId: w.gu.org.id,
          departmentId: w.gu.dept.id,
          contactUserId: w.gu.staff.id,
          ...p,
        },
      ],
    });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        participant({ organisationId: unknown, departmentId: w.gu.dept.id }),
        'participants.0.organisationId',
        'unknownOrganisation',
      ],
      [
        participant({
          organisationId: inactive.id,
          departmentId: inactiveDept.id,
          contactUserId: undefined,
        }),
        'participants.0.organisationId',
        'inactiveOrganisation',
      ],
      [
        participant({ departmentId: w.outsider.dept.id }),
        'participants.0.departmentId',
        'organisationDepartment',
      ],
      [
        participant({ departmentId: w.si.lead.id }),
        'participants.0.departmentId',
        'organisationDepartment',
      ],
      [
        participant({ contactUserId: w.outsider.staff.id }),
        'participants.0.contactUserId',
        'organisationUser',
      ],
      [{ coordinatorOrganisationId: unknown }, 'coordinatorOrganisationId', 'unknownOrganisation'],
      [
        participant({ organisationId: w.si.org.id, departmentId: w.si.lead.id }),
        'participants.0.organisationId',
        'unique',
      ],
    ];
    const before = await businessChecksum(factory.db);
    for (const [body, field, code] of cases) {
      const res = await create(w, body);
      expect([
        res.status,
        res.body.code,
        res.body.details?.map((d: any) => [d.field, d.code]),
      ]).toEqual([400, 'INVALID_REFERENCE', [[field, code]]]);
    }
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    // Shares: a milestone of another task, a non-participant; adding a participant with a
    // department of another organisation. Each a 400 with nothing changed.
    const c = await collaboration(w);
    const other = await w.si.task('IN_PROGRESS', {
      milestones: [{ title: '다른 과제 단계', dueDate: on('05-31') }],
    });
    const [otherMilestone] = (
      await http.get(`/api/v1/tasks/${other.id}/milestones`, { token: w.si.office.token })
    ).body;
    const afterCreate = await businessChecksum(factory.db);
    const badShares: Array<[unknown[], string, string]> = [
      [
        [{ milestoneId: otherMilestone.id, organisationId: w.si.org.id }],
        'shares.0.milestoneId',
        'taskMilestone',
      ],
      [
        [{ milestoneId: w.milestones[0].id, organisationId: w.outsider.org.id }],
        'shares.0.organisationId',
        'participant',
      ],
    ];
    for (const [shares, field, code] of badShares) {
      const res = await http.put(
        `${C}/${c.id}/milestone-shares`,
        { version: c.version, shares },
        { token: w.si.office.token },
      );
      expect([
        res.status,
        res.body.code,
        res.body.details?.map((d: any) => [d.field, d.code]),
      ]).toEqual([400, 'INVALID_REFERENCE', [[field, code]]]);
    }
    const badParticipant = await http.post(
      `${C}/${c.id}/participants`,
      { version: c.version, organisationId: w.outsider.org.id, departmentId: w.gu.dept.id },
      { token: w.si.office.token },
    );
    expect([badParticipant.status, badParticipant.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    expect(badParticipant.body.details.map((d: any) => d.field)).toEqual(['departmentId']);
    expect(changedTables(afterCreate, await businessChecksum(factory.db))).toEqual([]);
  });

  it('participants and the coordinator read the collaboration, its task, milestones and reports; nobody else does (404)', async () => {
    const w = await world();
    const report = await openReport(http, w.si.staff.token, w.task.id, '2025-Q1');
    const c = await collaboration(w);
    const readers: Actor[] = [
      w.si.office,
      w.si.auditor,
      w.si.staff,
      w.gu.office,
      w.gu.auditor,
      w.gu.staff,
      w.gu.head,
      w.ministry.office,
      w.ministry.auditor,
    ];
    const strangers: Actor[] = [
      w.outsider.office,
      w.outsider.auditor,
      w.outsider.staff,
      w.gu.otherStaff, // the participant's other department
      w.gu.otherHead,
      w.ministry.staff, // the coordinator's departments read only as org-wide readers
      w.si.outsider, // another department of the lead
    ];
    const paths = [
      `${C}/${c.id}`,
      `${C}/${c.id}/history`,
      `/api/v1/tasks/${w.task.id}`,
      `/api/v1/tasks/${w.task.id}/milestones`,
      `/api/v1/tasks/${w.task.id}/history`,
      `/api/v1/reports/${report.id}`,
    ];
    for (const who of readers) {
      for (const path of paths) {
        expect([who.email, path, (await http.get(path, { token: who.token })).status]).toEqual([
          who.email,
          path,
          200,
        ]);
      }
    }
    for (const who of strangers) {
      for (const path of paths) {
        expect([who.email, path, (await http.get(path, { token: who.token })).status]).toEqual([
          who.email,
          path,
          404,
        ]);
      }
      // Lists never name it either.
      const list = await http.get(`${C}?coordinated=false`, { token: who.token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: any) => i.id)).not.toContain(c.id);
      const tasks = await http.get(`/api/v1/tasks?year=${w.task.year}`, { token: who.token });
      expect(tasks.body.items.map((t: any) => t.id)).not.toContain(w.task.id);
      const reports = await http.get(`/api/v1/reports?taskId=${w.task.id}`, { token: who.token });
      expect(reports.body.items).toEqual([]);
    }
    // A participant's lists include the task (and its report), the coordinator's too.
    for (const who of [w.gu.staff, w.ministry.auditor]) {
      const tasks = await http.get(`/api/v1/tasks?year=${w.task.year}`, { token: who.token });
      expect(tasks.body.items.map((t: any) => t.id)).toContain(w.task.id);
      const reports = await http.get(`/api/v1/reports?taskId=${w.task.id}`, { token: who.token });
      expect(reports.body.items.map((r: any) => r.id)).toEqual([report.id]);
    }
  });

  it('a participant completes its own share only and changes nothing else of the task', async () => {
    const w = await world();
    const c = await collaboration(w);
    const [siMilestone, guMilestone] = c.milestones;
    expect([siMilestone.organisationId, guMilestone.organisationId]).toEqual([
      w.si.org.id,
      w.gu.org.id,
    ]);
    const complete = (who: Actor, m: any, body: Record<string, unknown> = {}) =>
      http.post(
        `${C}/${c.id}/milestones/${m.milestoneId}/completion`,
        { version: m.version, ...body },
        { token: who.token },
      );

    // Another participant's milestone: 403; a reader with no part in it: 403; an outsider: 404.
    const before = await businessChecksum(factory.db);
    expect((await complete(w.gu.staff, siMilestone)).status).toBe(403);
    expect((await complete(w.gu.auditor, guMilestone)).status).toBe(403);
    expect((await complete(w.ministry.office, guMilestone)).status).toBe(403);
    expect((await complete(w.gu.otherStaff, guMilestone)).status).toBe(404);
    expect((await complete(w.outsider.office, guMilestone)).status).toBe(404);
    // A done date in the future: the tasks' rule (400), nothing changed.
    const future = await complete(w.gu.staff, guMilestone, { doneDate: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.details.map((d: any) => d.field)).toEqual(['doneDate']);
    // Through the task's own routes a participant changes nothing (403).
    const edit = await http.patch(
      `/api/v1/tasks/${w.task.id}/milestones/${guMilestone.milestoneId}`,
      { version: guMilestone.version, status: 'DONE' },
      { token: w.gu.staff.token },
    );
    expect(edit.status).toBe(403);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    // Its own share: done today, in the task's and the collaboration's history.
    const done = await complete(w.gu.staff, guMilestone);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: guMilestone.milestoneId, status: 'DONE' });
    const after = (await get(w.ministry.office, c.id)).body;
    expect(after.task.progress).toBe(75); // weight 3 of 4
    expect(after.participants.find((p: any) => p.organisationId === w.gu.org.id).progress).toEqual({
      milestones: 1,
      done: 1,
      overdue: 0,
      percent: 100,
    });
    expect(after.participants.find((p: any) => p.organisationId === w.si.org.id).progress).toEqual({
      milestones: 1,
      done: 0,
      overdue: 0,
      percent: 0,
    });
    const history = (await http.get(`${C}/${c.id}/history`, { token: w.gu.head.token })).body;
    expect(history.map((h: any) => h.action)).toEqual([
      'create',
      'shares.replace',
      'share.complete',
    ]);
    const taskHistory = (
      await http.get(`/api/v1/tasks/${w.task.id}/history`, { token: w.gu.head.token })
    ).body;
    expect(taskHistory.at(-1)).toMatchObject({
      action: 'milestone.update',
      actorId: w.gu.staff.id,
    });
    // The lead's share is the lead's: its department's staff completes it.
    expect((await complete(w.si.staff, siMilestone)).status).toBe(200);
  });

  it('agreements are recorded per participant and reset when goals, plan or shares change', async () => {
    const w = await world();
    const c = await collaboration(w);
    expect(c.planVersion).toBe(2); // the shares were set after creation
    const agree = (who: Actor, planVersion: number) =>
      http.post(`${C}/${c.id}/agreement`, { planVersion }, { token: who.token });

    expect((await agree(w.gu.staff, 2)).status).toBe(403); // STAFF: not the head
    expect((await agree(w.ministry.office, 2)).status).toBe(403); // the coordinator is no participant
    expect((await agree(w.outsider.office, 2)).status).toBe(404);
    const stale = await agree(w.gu.head, 1);
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);

    const gu = await agree(w.gu.head, 2);
    expect(gu.status).toBe(200);
    expect(gu.body.agreementsMissing).toBe(1);
    expect(
      gu.body.participants.find((p: any) => p.organisationId === w.gu.org.id).agreement,
    ).toMatchObject({ agreedById: w.gu.head.id });
    const si = await agree(w.si.office, 2);
    expect(si.body.agreementsMissing).toBe(0);

    // Only the lead's office edits; the review setting alone keeps the agreements.
    const patch = (who: Actor, body: Record<string, unknown>, version: number) =>
      http.patch(`${C}/${c.id}`, { version, ...body }, { token: who.token });
    expect((await patch(w.gu.office, { goals: '바꿈' }, si.body.version)).status).toBe(403);
    expect((await patch(w.ministry.office, { goals: '바꿈' }, si.body.version)).status).toBe(403);
    const review = await patch(w.si.office, { reviewBy: 'COORDINATOR' }, si.body.version);
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({
      reviewBy: 'COORDINATOR',
      planVersion: 2,
      agreementsMissing: 0,
    });
    const staleEdit = await patch(w.si.office, { goals: '새 목표' }, si.body.version);
    expect(staleEdit.status).toBe(409);
    // New goals: the plan version moves on and every agreement is reset.
    const goals = await patch(w.si.office, { goals: '새 목표' }, review.body.version);
    expect(goals.status).toBe(200);
    expect(goals.body).toMatchObject({ goals: '새 목표', planVersion: 3, agreementsMissing: 2 });
    expect(goals.body.participants.map((p: any) => p.agreement)).toEqual([null, null]);
    const history = (await http.get(`${C}/${c.id}/history`, { token: w.si.auditor.token })).body;
    expect(history.at(-1)).toMatchObject({
      action: 'update',
      changes: { goals: { to: '새 목표' }, planVersion: { from: 2, to: 3 } },
    });

    // A participant added keeps the others' agreements; removing one with a share resets them.
    await agree(w.gu.head, 3);
    const third = await organisation('PUBLIC_INSTITUTION');
    const current = (await get(w.si.office, c.id)).body;
    expect(current.version).toBe(goals.body.version); // an agreement moves no version
    const added2 = await http.post(
      `${C}/${c.id}/participants`,
      { version: current.version, organisationId: third.org.id, departmentId: third.dept.id },
      { token: w.si.office.token },
    );
    expect(added2.status).toBe(201);
    expect(added2.body).toMatchObject({
      participantsCount: 3,
      agreementsMissing: 2,
      planVersion: 3,
    });
    // The new participant reads it now.
    expect((await get(third.office, c.id)).status).toBe(200);
    const lead = await http.delete(`${C}/${c.id}/participants/${w.si.org.id}`, {
      token: w.si.office.token,
    });
    expect(lead.status).toBe(400);
    const removed = await http.delete(`${C}/${c.id}/participants/${w.gu.org.id}`, {
      token: w.si.office.token,
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      participantsCount: 2,
      planVersion: 4,
      agreementsMissing: 2,
    });
    expect(removed.body.milestones.map((m: any) => m.organisationId)).toEqual([w.si.org.id, null]);
    // Gone means gone: the 구 no longer reads the collaboration or the task.
    expect((await get(w.gu.staff, c.id)).status).toBe(404);
    expect(
      (await http.get(`/api/v1/tasks/${w.task.id}`, { token: w.gu.office.token })).status,
    ).toBe(404);
  });

  it('a change of the task’s milestone plan through the tasks resets the agreements; completing one does not', async () => {
    const w = await world();
    const c = await collaboration(w);
    for (const who of [w.si.office, w.gu.head]) {
      const res = await http.post(
        `${C}/${c.id}/agreement`,
        { planVersion: c.planVersion },
        { token: who.token },
      );
      expect(res.status).toBe(200);
    }
    const [siShare, guShare] = c.milestones;
    // Progress is no plan change: the agreements stand.
    const done = await http.post(
      `${C}/${c.id}/milestones/${guShare.milestoneId}/completion`,
      { version: guShare.version },
      { token: w.gu.head.token },
    );
    expect(done.status).toBe(200);
    let now = (await get(w.gu.head, c.id)).body;
    expect(now).toMatchObject({ planVersion: c.planVersion, agreementsMissing: 0 });
    // The lead's head moves the lead's milestone (the tasks' own route): both agreements reset.
    const moved = await http.patch(
      `/api/v1/tasks/${w.task.id}/milestones/${siShare.milestoneId}`,
      { version: siShare.version, dueDate: on('04-30') },
      { token: w.si.head.token },
    );
    expect(moved.status).toBe(200);
    now = (await get(w.gu.head, c.id)).body;
    expect(now).toMatchObject({ planVersion: c.planVersion + 1, agreementsMissing: 2 });
    expect(now.participants.map((p: any) => p.agreement)).toEqual([null, null]);
    const history = (await http.get(`${C}/${c.id}/history`, { token: w.gu.head.token })).body;
    expect(history.at(-1)).toMatchObject({
      action: 'plan.milestones',
      actorId: w.si.head.id,
      changes: {
        planVersion: { from: c.planVersion, to: c.planVersion + 1 },
        [`milestone:${siShare.milestoneId}`]: { to: 'update' },
      },
    });
    // A milestone added to the task: again.
    const added = await http.post(
      `/api/v1/tasks/${w.task.id}/milestones`,
      { title: '성과 공유', dueDate: on('11-30') },
      { token: w.si.head.token },
    );
    expect(added.status).toBe(201);
    now = (await get(w.gu.head, c.id)).body;
    expect(now.planVersion).toBe(c.planVersion + 2);
    expect(now.milestones.map((m: any) => m.organisationId)).toEqual([
      w.si.org.id,
      w.gu.org.id,
      null,
    ]);
  });

  it('only the coordinator’s office designates 중점 협업과제; the coordinator’s view lists, filters and exports', async () => {
    const w = await world();
    const c = await collaboration(w);
    const second = await w.si.task('IN_PROGRESS', { partnerDepartmentIds: undefined });
    const c2 = await http.post(
      C,
      { taskId: second.id, coordinatorOrganisationId: w.ministry.org.id },
      { token: w.si.office.token },
    );
    expect(c2.status).toBe(201);

    const focus = (who: Actor, body: Record<string, unknown>) =>
      http.post(`${C}/${c.id}/focus`, { version: c.version, ...body }, { token: who.token });
    const before = await businessChecksum(factory.db);
    expect((await focus(w.si.office, { focus: true, reason: '사유' })).status).toBe(403);
    expect((await focus(w.gu.office, { focus: true, reason: '사유' })).status).toBe(403);
    expect((await focus(w.ministry.auditor, { focus: true, reason: '사유' })).status).toBe(403);
    expect((await focus(w.outsider.office, { focus: true, reason: '사유' })).status).toBe(404);
    const noReason = await focus(w.ministry.office, { focus: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.map((d: any) => d.field)).toEqual(['reason']);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
    const designated = await focus(w.ministry.office, { focus: true, reason: 'TF 운영 필요' });
    expect(designated.status).toBe(200);
    expect(designated.body).toMatchObject({
      focus: true,
      focusDesignation: { by: w.ministry.office.id, reason: 'TF 운영 필요' },
    });
    const history = (await http.get(`${C}/${c.id}/history`, { token: w.si.office.token })).body;
    expect(history.at(-1)).toMatchObject({
      action: 'focus.designate',
      actorId: w.ministry.office.id,
      reason: 'TF 운영 필요',
      changes: { focus: { from: false, to: true } },
    });

    // The coordinator's view: both, with figures; the focus filter splits them.
    const view = async (who: Actor, query: string) => {
      const res = await http.get(`${C}?coordinated=true${query}`, { token: who.token });
      expect(res.status).toBe(200);
      return res.body;
    };
    const all = await view(w.ministry.office, '');
    expect(all.total).toBe(2);
    expect(all.items.map((i: any) => i.id)).toEqual([c.id, c2.body.id]); // focus first
    expect(all.items[0]).toMatchObject({
      focus: true,
      task: {
        id: w.task.id,
        status: 'IN_PROGRESS',
        progress: 0,
        delayed: false,
        overdueMilestones: 0,
      },
      leadOrganisation: { id: w.si.org.id },
      participantsCount: 2,
      agreementsMissing: 2,
    });
    expect(all.items[1]).toMatchObject({
      focus: false,
      participantsCount: 1,
      agreementsMissing: 1,
    });
    expect((await view(w.ministry.auditor, '&focus=true')).items.map((i: any) => i.id)).toEqual([
      c.id,
    ]);
    expect((await view(w.ministry.auditor, '&focus=false')).items.map((i: any) => i.id)).toEqual([
      c2.body.id,
    ]);
    expect((await view(w.ministry.office, '&status=COMPLETED')).total).toBe(0);
    expect((await view(w.ministry.office, '&delayed=true')).total).toBe(0);
    // A third, of last year (entered late, still running), with two milestones past due and one
    // done (hand count: 2 overdue, delayed): the only one the delayed filter finds.
    const thisYear = YEAR - 2;
    const late = await w.si.task('IN_PROGRESS', {
      partnerDepartmentIds: undefined,
      year: thisYear,
      startDate: `${thisYear}-01-02`,
      dueDate: `${thisYear}-12-31`,
      milestones: [
        { title: '착수', dueDate: `${thisYear}-01-05` },
        { title: '중간', dueDate: `${thisYear}-01-06` },
        { title: '마무리', dueDate: `${thisYear}-12-31` },
      ],
    });
    const [, , last] = (
      await http.get(`/api/v1/tasks/${late.id}/milestones`, { token: w.si.head.token })
    ).body;
    const finished = await http.post(
      `/api/v1/tasks/${late.id}/milestones/complete`,
      {
        items: [{ milestoneId: last.id, version: last.version, doneDate: `${thisYear}-12-30` }],
        lateEntryReason: '작년 실적 입력',
      },
      { token: w.si.head.token },
    );
    expect(finished.status).toBe(200);
    const c3 = await http.post(
      C,
      { taskId: late.id, coordinatorOrganisationId: w.ministry.org.id },
      { token: w.si.office.token },
    );
    expect(c3.status).toBe(201);
    expect(c3.body.task).toMatchObject({ delayed: true, overdueMilestones: 2 });
    const delayed = await view(w.ministry.office, '&delayed=true');
    expect(delayed.items.map((i: any) => [i.id, i.task.overdueMilestones])).toEqual([
      [c3.body.id, 2],
    ]);
    expect((await view(w.ministry.office, `&delayed=false&year=${YEAR}`)).total).toBe(2);
    expect(
      (await view(w.ministry.office, `&year=${thisYear}`)).items.map((i: any) => i.id),
    ).toEqual([c3.body.id]);
    // Another organisation's "coordinated" view is its own (empty); the lead's is too.
    expect((await view(w.outsider.office, '')).total).toBe(0);
    expect((await view(w.si.office, '')).total).toBe(0);
    // The lead's own list shows both; the participant's only the one it takes part in.
    const guList = await http.get(C, { token: w.gu.office.token });
    expect(guList.body.items.map((i: any) => i.id)).toEqual([c.id]);

    // XLSX export of the coordinator's view.
    const file = await http.download(`${C}/export.xlsx?coordinated=true&year=${YEAR}`, {
      token: w.ministry.office.token,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="collaborations-\d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('협업과제')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([
      '과제번호',
      '연도',
      '과제명',
      '구분',
      '주관기관',
      '주관부서',
      '총괄기관',
      '상태',
      '추진률(%)',
      '지연 여부',
      '지연 단계 수',
      '참여기관 수',
      '합의 미완료 기관 수',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        w.task.code,
        w.task.year,
        w.task.title,
        '중점 협업과제',
        w.si.org.name,
        w.si.lead.name,
        w.ministry.org.name,
        '추진중',
        0,
        '아니오',
        0,
        2,
        2,
      ],
      [
        second.code,
        second.year,
        second.title,
        '기관관리 협업과제',
        w.si.org.name,
        w.si.lead.name,
        w.ministry.org.name,
        '추진중',
        0,
        '아니오',
        0,
        1,
        1,
      ],
    ]);
    // An outsider's export has the header only.
    const empty = await http.download(`${C}/export.xlsx?coordinated=true`, {
      token: w.outsider.office.token,
    });
    const emptyBook = new ExcelJS.Workbook();
    await emptyBook.xlsx.load(empty.bytes as unknown as ExcelJS.Buffer);
    expect(emptyBook.getWorksheet('협업과제')!.rowCount).toBe(1);
  });
});
