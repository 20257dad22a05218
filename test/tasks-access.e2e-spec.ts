import type { Role } from '@gwaje/identity';
import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';
import { ACTIONS, type Actor, createTask, taskHistory, taskWorld, on } from './support/tasks.js';

// Each test builds an organisation and logs its users in (argon2): more than Jest's 5 s default.

describe('who reads and writes priority tasks', () => {
  const { http, factory } = useTestApi();

  /** A second organisation with one department and one user per role asked for. */
  async function otherOrg(roles: Role[]) {
    const org = await factory.org();
    const dept = await factory.dept(org.id);
    const users = {} as Record<Role, Actor>;
    for (const role of roles) {
      const u = await factory.user(dept, [role]);
      users[role] = { ...u, token: (await login(http, u)).accessToken };
    }
    return { org, dept, users };
  }

  const listIds = async (token: string, query = '') => {
    const res = await http.get(`/api/v1/tasks?limit=200${query}`, { token });
    expect(res.status).toBe(200);
    return {
      ids: (res.body.items as any[]).map((t) => t.id).sort(),
      total: res.body.total as number,
    };
  };

  it('hides a task from STAFF and DEPT_HEAD of another department: 404 on every route, absent from the list', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS', {
      partnerDepartmentIds: [],
      milestones: [{ title: '설계', dueDate: on('06-30') }],
    });
    const milestoneId = task.milestones[0].id;
    const otherHead = await factory.user(w.otherDept, ['DEPT_HEAD']);
    const head = { ...otherHead, token: (await login(http, otherHead)).accessToken };

    for (const u of [w.outsider, w.partner, head]) {
      const opts = { token: u.token };
      const base = `/api/v1/tasks/${task.id}`;
      const results = {
        get: await http.get(base, opts),
        patch: await http.patch(base, { version: task.version, risk: 'HIGH' }, opts),
        transition: await http.post(
          `${base}/transitions`,
          { action: 'suspend', reason: 'x', version: task.version },
          opts,
        ),
        milestones: await http.get(`${base}/milestones`, opts),
        addMilestone: await http.post(
          `${base}/milestones`,
          { title: '추가', dueDate: on('07-01') },
          opts,
        ),
        updateMilestone: await http.patch(
          `${base}/milestones/${milestoneId}`,
          { version: 1, status: 'DONE' },
          opts,
        ),
        history: await http.get(`${base}/history`, opts),
        addMember: await http.post(`${base}/members`, { userId: u.id }, opts),
        addPartner: await http.post(`${base}/partners`, { departmentId: u.departmentId }, opts),
      };
      for (const [route, res] of Object.entries(results))
        expect([route, res.status, res.body.code]).toEqual([route, 404, 'NOT_FOUND']);
      expect((await listIds(u.token)).ids).not.toContain(task.id);
    }
    const unchanged = await http.get(`/api/v1/tasks/${task.id}`, { token: w.head.token });
    expect(unchanged.body).toMatchObject({
      status: 'IN_PROGRESS',
      version: task.version,
      risk: 'LOW',
      members: [],
      partnerDepartments: [],
    });
    expect(unchanged.body.milestones).toHaveLength(1);
  });

  it('lets partner departments of the same and of another organisation read but never write', async () => {
    const w = await taskWorld(http, factory);
    const far = await otherOrg(['STAFF', 'AUDITOR', 'PROACTIVE_OFFICE']);
    const task = await w.task('IN_PROGRESS', {
      milestones: [{ title: '설계', dueDate: on('06-30') }],
    });
    const added = await http.post(
      `/api/v1/tasks/${task.id}/partners`,
      { departmentId: far.dept.id },
      { token: w.head.token },
    );
    expect(added.status).toBe(200);
    expect(added.body.partnerDepartments.map((p: any) => p.departmentId).sort()).toEqual(
      [w.partnerDept.id, far.dept.id].sort(),
    );
    expect(added.body.partnerDepartments).toContainEqual({
      departmentId: far.dept.id,
      name: far.dept.name,
      organisationId: far.org.id,
      organisationName: far.org.name,
    });
    const milestoneId = task.milestones[0].id;

    for (const u of [w.partner, far.users.STAFF]) {
      const opts = { token: u.token };
      const base = `/api/v1/tasks/${task.id}`;
      const read = await http.get(base, opts);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: task.id, status: 'IN_PROGRESS', allowedActions: [] });
      const milestones = await http.get(`${base}/milestones`, opts);
      expect(milestones.status).toBe(200);
      expect(milestones.body.map((m: any) => m.id)).toEqual([milestoneId]);
      expect((await http.get(`${base}/history`, opts)).status).toBe(200);
      expect((await listIds(u.token)).ids).toEqual([task.id]);

      for (const body of [
        { version: task.version, title: '바꾼 제목' },
        { version: task.version, risk: 'HIGH' },
        { version: task.version, kpiCurrent: 3 },
      ]) {
        const res = await http.patch(base, body, opts);
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ code: 'FORBIDDEN', allowedActions: [] });
      }
      const addMilestone = await http.post(
        `${base}/milestones`,
        { title: '추가', dueDate: on('07-01') },
        opts,
      );
      expect(addMilestone.status).toBe(403);
      const done = await http.patch(
        `${base}/milestones/${milestoneId}`,
        { version: 1, status: 'DONE' },
        opts,
      );
      expect(done.status).toBe(403);
      const member = await http.post(`${base}/members`, { userId: w.staff.id }, opts);
      expect(member.status).toBe(403);
      for (const action of ACTIONS) {
        const res = await http.post(
          `${base}/transitions`,
          { action, reason: '사유', version: task.version },
          opts,
        );
        expect([action, res.status, res.body.code]).toEqual([action, 403, 'FORBIDDEN']);
        expect(res.body.allowedActions).toEqual([]);
      }
    }
    // Org-wide readers of the partner's organisation are not collaborators.
    for (const u of [far.users.AUDITOR, far.users.PROACTIVE_OFFICE]) {
      expect((await http.get(`/api/v1/tasks/${task.id}`, { token: u.token })).status).toBe(404);
      expect((await listIds(u.token)).ids).toEqual([]);
    }

    const after = await http.get(`/api/v1/tasks/${task.id}`, { token: w.head.token });
    expect(after.body).toMatchObject({
      title: task.title,
      risk: 'LOW',
      version: task.version,
      status: 'IN_PROGRESS',
      members: [],
    });
    expect(after.body.kpi.current).toBeNull();
    expect(after.body.milestones).toEqual([expect.objectContaining({ status: 'PLANNED' })]);

    // Removing the partner ends the access.
    const removed = await http.request(
      'DELETE',
      `/api/v1/tasks/${task.id}/partners/${far.dept.id}`,
      { token: w.head.token },
    );
    expect(removed.status).toBe(200);
    expect(
      (await http.get(`/api/v1/tasks/${task.id}`, { token: far.users.STAFF.token })).status,
    ).toBe(404);
    expect((await listIds(far.users.STAFF.token)).ids).toEqual([]);
  });

  it('lets AUDITOR and PROACTIVE_OFFICE read every task of their organisation and nothing of another', async () => {
    const w = await taskWorld(http, factory);
    const far = await otherOrg(['STAFF', 'AUDITOR', 'PROACTIVE_OFFICE']);
    const mine = [
      await w.task('DRAFT', { partnerDepartmentIds: [] }),
      await w.task('IN_PROGRESS', { partnerDepartmentIds: [] }),
      await w.task('DROPPED', { partnerDepartmentIds: [] }),
      // a task of another department of the organisation
      await createTask(http, w.outsider.token, w.outsider.id),
    ];
    const theirs = await createTask(http, far.users.STAFF.token, far.users.STAFF.id);
    const ours = mine.map((t) => t.id).sort();

    for (const u of [w.auditor, w.office]) {
      expect(await listIds(u.token)).toEqual({ ids: ours, total: 4 });
      for (const t of mine)
        expect((await http.get(`/api/v1/tasks/${t.id}`, { token: u.token })).status).toBe(200);
      const foreign = await http.get(`/api/v1/tasks/${theirs.id}`, { token: u.token });
      expect(foreign.status).toBe(404);
      expect(
        (await http.get(`/api/v1/tasks/${theirs.id}/history`, { token: u.token })).status,
      ).toBe(404);
    }
    for (const u of [far.users.AUDITOR, far.users.PROACTIVE_OFFICE]) {
      expect(await listIds(u.token)).toEqual({ ids: [theirs.id], total: 1 });
      expect((await http.get(`/api/v1/tasks/${mine[0].id}`, { token: u.token })).status).toBe(404);
    }
    // The lead department's STAFF see their department's tasks only, the other department its own.
    expect((await listIds(w.staff.token)).ids).toEqual(
      mine
        .slice(0, 3)
        .map((t) => t.id)
        .sort(),
    );
    expect((await listIds(w.outsider.token)).ids).toEqual([mine[3].id]);
  });

  it('shows ADMIN-only and COMMITTEE-only users no task at all', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('SELECTED');
    for (const u of [w.admin, w.committee]) {
      const list = await http.get('/api/v1/tasks', { token: u.token });
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ items: [], total: 0 });
      expect((await http.get(`/api/v1/tasks/${task.id}`, { token: u.token })).status).toBe(404);
      expect(
        (await http.get(`/api/v1/tasks/${task.id}/milestones`, { token: u.token })).status,
      ).toBe(404);
    }
  });

  it('lets a member from another department read the task and record progress, until removed', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS', { partnerDepartmentIds: [] });
    expect((await http.get(`/api/v1/tasks/${task.id}`, { token: w.outsider.token })).status).toBe(
      404,
    );
    const added = await http.post(
      `/api/v1/tasks/${task.id}/members`,
      { userId: w.outsider.id },
      { token: w.head.token },
    );
    expect(added.status).toBe(200);
    expect(added.body.members).toEqual([
      { userId: w.outsider.id, name: '홍길동', departmentName: w.otherDept.name },
    ]);

    const read = await http.get(`/api/v1/tasks/${task.id}`, { token: w.outsider.token });
    expect(read.status).toBe(200);
    expect(read.body.allowedActions).toEqual(['updateProgress']);
    expect((await listIds(w.outsider.token)).ids).toEqual([task.id]);
    expect(
      (await http.get(`/api/v1/tasks/${task.id}/history`, { token: w.outsider.token })).status,
    ).toBe(200);

    const risk = await http.patch(
      `/api/v1/tasks/${task.id}`,
      { version: task.version, risk: 'MEDIUM' },
      { token: w.outsider.token },
    );
    expect(risk.status).toBe(200);
    expect(risk.body).toMatchObject({ risk: 'MEDIUM', version: task.version + 1 });
    const title = await http.patch(
      `/api/v1/tasks/${task.id}`,
      { version: risk.body.version, title: '다른 제목' },
      { token: w.outsider.token },
    );
    expect(title.status).toBe(403);
    const start = await http.post(
      `/api/v1/tasks/${task.id}/transitions`,
      { action: 'complete', reason: '완료', version: risk.body.version },
      { token: w.outsider.token },
    );
    expect(start.status).toBe(409);
    expect(start.body.allowedActions).toEqual(['updateProgress']);

    const removed = await http.request(
      'DELETE',
      `/api/v1/tasks/${task.id}/members/${w.outsider.id}`,
      { token: w.head.token },
    );
    expect(removed.status).toBe(200);
    expect(removed.body.members).toEqual([]);
    expect((await http.get(`/api/v1/tasks/${task.id}`, { token: w.outsider.token })).status).toBe(
      404,
    );
    const history = await taskHistory(http, w.head.token, task.id);
    expect(history.slice(-3).map((h) => [h.action, h.actorId])).toEqual([
      ['member.add', w.head.id],
      ['update', w.outsider.id],
      ['member.remove', w.head.id],
    ]);
  });
});
