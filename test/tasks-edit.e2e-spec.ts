import { randomUUID } from 'node:crypto';
import { useTestApi } from './support/app.js';
import {
  type Actor,
  createTask,
  seoulToday,
  taskBody,
  taskHistory,
  taskInState,
  type TaskWorld,
  taskWorld,
  transition,
  on,
  YEAR,
} from './support/tasks.js';

// Each test builds an organisation and logs its users in (argon2): more than Jest's 5 s default.

describe('editing priority tasks and their milestones', () => {
  const { http, factory } = useTestApi();

  const get = async (w: TaskWorld, id: string) => {
    const res = await http.get(`/api/v1/tasks/${id}`, { token: w.office.token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const patch = (u: Actor, id: string, body: Record<string, unknown>) =>
    http.patch(`/api/v1/tasks/${id}`, body, { token: u.token });
  const taskCount = async (organisationId: string) =>
    (
      await factory.db.query(`SELECT count(*)::int AS n FROM tasks WHERE organisation_id = $1`, [
        organisationId,
      ])
    ).rows[0].n as number;

  describe('versions', () => {
    it('lets exactly one of two concurrent PATCHes with the same version win', async () => {
      const w = await taskWorld(http, factory);
      const task = await w.task('DRAFT');
      const [a, b] = await Promise.all([
        patch(w.staff, task.id, { version: task.version, title: '가 제목' }),
        patch(w.owner, task.id, { version: task.version, title: '나 제목' }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const [won, lost] = a.status === 200 ? [a, b] : [b, a];
      expect(lost.body).toMatchObject({
        code: 'VERSION_CONFLICT',
        currentVersion: task.version + 1,
      });
      expect(won.body.version).toBe(task.version + 1);
      const now = await get(w, task.id);
      expect(now).toMatchObject({ title: won.body.title, version: task.version + 1 });
      const updates = (await taskHistory(http, w.office.token, task.id)).filter(
        (h) => h.action === 'update',
      );
      expect(updates).toHaveLength(1);
      expect(updates[0].changes).toEqual({ title: { from: task.title, to: won.body.title } });
    });

    it('refuses a stale version with 409 and the current version, changing nothing', async () => {
      const w = await taskWorld(http, factory);
      const task = await w.task('DRAFT');
      const first = await patch(w.staff, task.id, { version: task.version, summary: '새 개요' });
      expect(first.status).toBe(200);
      const before = await taskHistory(http, w.office.token, task.id);
      const stale = await patch(w.staff, task.id, { version: task.version, title: '늦은 제목' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        code: 'VERSION_CONFLICT',
        currentVersion: task.version + 1,
      });
      expect(await get(w, task.id)).toMatchObject({
        title: task.title,
        summary: '새 개요',
        version: task.version + 1,
      });
      expect(await taskHistory(http, w.office.token, task.id)).toHaveLength(before.length);
    });
  });

  describe('plan and progress fields', () => {
    it('lets the lead STAFF plan a draft', async () => {
      const w = await taskWorld(http, factory);
      const task = await w.task('DRAFT');
      const res = await patch(w.staff, task.id, {
        version: task.version,
        title: '  초안 제목  ',
        kpiTarget: 12,
        dueDate: on('11-30'),
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: '초안 제목', dueDate: on('11-30') });
      expect(res.body.kpi.target).toBe(12);
    });

    it('once started: only the head changes the plan; owner and head record progress; others nothing', async () => {
      const w = await taskWorld(http, factory);
      let task = await w.task('IN_PROGRESS');

      const staffTitle = await patch(w.staff, task.id, { version: task.version, title: 'x' });
      expect(staffTitle.status).toBe(403);
      expect(staffTitle.body).toMatchObject({
        code: 'FORBIDDEN',
        resource: 'task',
        currentStatus: 'IN_PROGRESS',
        allowedActions: [],
      });
      const staffRisk = await patch(w.staff, task.id, { version: task.version, risk: 'HIGH' });
      expect(staffRisk.status).toBe(403);
      const ownerTitle = await patch(w.owner, task.id, { version: task.version, title: 'x' });
      expect(ownerTitle.status).toBe(403);
      expect(ownerTitle.body.allowedActions).toEqual(['updateProgress']);
      // a plan field mixed with progress fields still needs `edit`
      const ownerMixed = await patch(w.owner, task.id, {
        version: task.version,
        risk: 'HIGH',
        dueDate: on('12-30'),
      });
      expect(ownerMixed.status).toBe(403);
      for (const u of [w.auditor, w.office]) {
        const res = await patch(u, task.id, { version: task.version, risk: 'HIGH' });
        expect(res.status).toBe(403);
      }
      expect((await get(w, task.id)).version).toBe(task.version);

      const progress = await patch(w.owner, task.id, {
        version: task.version,
        risk: 'HIGH',
        kpiCurrent: 4.5,
      });
      expect(progress.status).toBe(200);
      expect(progress.body).toMatchObject({ risk: 'HIGH', version: task.version + 1 });
      expect(progress.body.kpi.current).toBe(4.5);
      task = progress.body;

      const headTitle = await patch(w.head, task.id, {
        version: task.version,
        title: '부서장이 바꾼 제목',
      });
      expect(headTitle.status).toBe(200);
      expect(headTitle.body).toMatchObject({
        title: '부서장이 바꾼 제목',
        version: task.version + 1,
      });

      const history = await taskHistory(http, w.office.token, task.id);
      expect(history.slice(-2)).toEqual([
        expect.objectContaining({
          action: 'update',
          actorId: w.owner.id,
          changes: { risk: { from: 'LOW', to: 'HIGH' }, kpiCurrent: { from: null, to: '4.5' } },
        }),
        expect.objectContaining({
          action: 'update',
          actorId: w.head.id,
          changes: { title: { from: task.title, to: '부서장이 바꾼 제목' } },
        }),
      ]);
    });

    it('keeps a COMPLETED task read-only: PATCH and milestone changes are 403', async () => {
      const w = await taskWorld(http, factory);
      const task = await w.task('COMPLETED', {
        milestones: [{ title: '설계', dueDate: on('06-30') }],
      });
      for (const [u, body] of [
        [w.head, { version: task.version, title: '완료 후 변경' }],
        [w.head, { version: task.version, risk: 'HIGH' }],
        [w.owner, { version: task.version, kpiCurrent: 10 }],
      ] as const) {
        const res = await patch(u, task.id, body);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      const add = await http.post(
        `/api/v1/tasks/${task.id}/milestones`,
        { title: '추가', dueDate: on('07-01') },
        { token: w.head.token },
      );
      expect(add.status).toBe(403);
      const done = await http.patch(
        `/api/v1/tasks/${task.id}/milestones/${task.milestones[0].id}`,
        { version: 1, status: 'DONE' },
        { token: w.head.token },
      );
      expect(done.status).toBe(403);
      expect(await get(w, task.id)).toMatchObject({ title: task.title, version: task.version });
    });
  });

  describe('milestones', () => {
    it('are added, changed and removed with history; DONE without a date records today in Seoul', async () => {
      const w = await taskWorld(http, factory);
      const task = await w.task('SELECTED');
      const base = `/api/v1/tasks/${task.id}/milestones`;

      const added = await http.post(
        base,
        { title: ' 실시설계 ', dueDate: on('06-30'), weight: 2 },
        { token: w.head.token },
      );
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        title: '실시설계',
        dueDate: on('06-30'),
        weight: 2,
        status: 'PLANNED',
        doneDate: null,
        version: 1,
      });
      const id = added.body.id;

      const renamed = await http.patch(
        `${base}/${id}`,
        { version: 1, title: '실시설계 완료' },
        { token: w.head.token },
      );
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ title: '실시설계 완료', version: 2 });

      // The owner records progress but may not change the plan.
      const ownerPlan = await http.patch(
        `${base}/${id}`,
        { version: 2, weight: 5 },
        { token: w.owner.token },
      );
      expect(ownerPlan.status).toBe(403);
      const done = await http.patch(
        `${base}/${id}`,
        { version: 2, status: 'DONE' },
        { token: w.owner.token },
      );
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'DONE', doneDate: seoulToday(), version: 3 });

      const stale = await http.patch(
        `${base}/${id}`,
        { version: 2, status: 'PLANNED' },
        { token: w.owner.token },
      );
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 3 });

      const again = await http.patch(
        `${base}/${id}`,
        { version: 3, status: 'PLANNED' },
        { token: w.owner.token },
      );
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'PLANNED', doneDate: null });

      const dated = await http.patch(
        `${base}/${id}`,
        { version: 4, status: 'DONE', doneDate: '2026-03-15' },
        { token: w.owner.token },
      );
      // A day before today is entered later (사후 입력): it needs its reason, and it may not lie
      // before the task's year (next year here); a day after today is refused too.
      expect(dated.status).toBe(400);
      expect(dated.body.details).toEqual([
        expect.objectContaining({ field: 'doneDate', code: 'withinYear' }),
        expect.objectContaining({ field: 'lateEntryReason', code: 'required' }),
      ]);
      const future = await http.patch(
        `${base}/${id}`,
        { version: 4, status: 'DONE', doneDate: on('12-31') },
        { token: w.owner.token },
      );
      expect(future.status).toBe(400);
      expect(future.body.details).toEqual([
        expect.objectContaining({ field: 'doneDate', code: 'notInFuture' }),
      ]);
      const today = await http.patch(
        `${base}/${id}`,
        { version: 4, status: 'DONE', doneDate: seoulToday() },
        { token: w.owner.token },
      );
      expect(today.body).toMatchObject({
        status: 'DONE',
        doneDate: seoulToday(),
        doneEnteredLater: false,
      });

      const removed = await http.request('DELETE', `${base}/${id}`, { token: w.head.token });
      expect(removed.status).toBe(204);
      expect((await http.get(base, { token: w.head.token })).body).toEqual([]);

      const history = await taskHistory(http, w.office.token, task.id);
      const mine = history.filter((h) => h.action.startsWith('milestone.'));
      expect(mine.map((h) => [h.action, h.actorId])).toEqual([
        ['milestone.add', w.head.id],
        ['milestone.update', w.head.id],
        ['milestone.update', w.owner.id],
        ['milestone.update', w.owner.id],
        ['milestone.update', w.owner.id],
        ['milestone.remove', w.head.id],
      ]);
      expect(mine[1].changes).toEqual({
        [`milestone:${id}.title`]: { from: '실시설계', to: '실시설계 완료' },
      });
      expect(mine[2].changes).toEqual({
        [`milestone:${id}.status`]: { from: 'PLANNED', to: 'DONE' },
        [`milestone:${id}.doneDate`]: { from: null, to: seoulToday() },
      });
    });

    it('drive progress: weights 1 and 3 with the heavier one done is 75; COMPLETED is 100', async () => {
      const w = await taskWorld(http, factory);
      const task = await w.task('IN_PROGRESS', {
        milestones: [
          { title: '가벼운 단계', dueDate: on('03-31'), weight: 1 },
          { title: '무거운 단계', dueDate: on('09-30'), weight: 3 },
        ],
      });
      expect(task.progress).toBe(0);
      const heavy = task.milestones.find((m: any) => m.weight === 3);
      const res = await http.patch(
        `/api/v1/tasks/${task.id}/milestones/${heavy.id}`,
        { version: heavy.version, status: 'DONE' },
        { token: w.owner.token },
      );
      expect(res.status).toBe(200);
      expect((await get(w, task.id)).progress).toBe(75);
      const listed = await http.get(`/api/v1/tasks?q=${encodeURIComponent(task.code)}`, {
        token: w.office.token,
      });
      expect(listed.body.items.map((t: any) => [t.id, t.progress])).toEqual([[task.id, 75]]);

      await transition(http, w.head.token, task.id, 'complete', '사업 완료');
      expect((await get(w, task.id)).progress).toBe(100);
    });
  });

  describe('delayed', () => {
    it('flags a moving task with a past-due PLANNED milestone until the milestone is done', async () => {
      const w = await taskWorld(http, factory);
      const period = { year: 2020, startDate: '2020-01-01', dueDate: `${YEAR + 3}-12-31` };
      const milestones = [{ title: '착수', dueDate: '2021-01-01' }];
      const selected = await w.task('SELECTED', { ...period, milestones });
      const running = await w.task('IN_PROGRESS', { ...period, milestones });
      const draft = await w.task('DRAFT', { ...period, milestones });
      expect((await get(w, selected.id)).delayed).toBe(true);
      expect((await get(w, running.id)).delayed).toBe(true);
      expect((await get(w, draft.id)).delayed).toBe(false);
      expect(selected.milestones[0].overdue).toBe(true);

      const m = running.milestones[0];
      const done = await http.patch(
        `/api/v1/tasks/${running.id}/milestones/${m.id}`,
        { version: m.version, status: 'DONE' },
        { token: w.owner.token },
      );
      expect(done.status).toBe(200);
      expect(done.body.overdue).toBe(false);
      expect((await get(w, running.id)).delayed).toBe(false);
    });

    it('flags a task past its own due date only while it should be moving', async () => {
      const w = await taskWorld(http, factory);
      const past = { year: 2020, startDate: '2020-01-01', dueDate: '2020-12-31' };
      const running = await w.task('IN_PROGRESS', past);
      const selected = await w.task('SELECTED', past);
      const draft = await w.task('DRAFT', past);
      const suspended = await w.task('SUSPENDED', past);
      const completed = await w.task('COMPLETED', past);
      expect((await get(w, running.id)).delayed).toBe(true);
      expect((await get(w, selected.id)).delayed).toBe(true);
      for (const t of [draft, suspended, completed])
        expect((await get(w, t.id)).delayed).toBe(false);
    });
  });

  describe('bad input', () => {
    let w: TaskWorld;
    beforeAll(async () => {
      w = await taskWorld(http, factory);
    });

    const CASES: Array<[string, (w: TaskWorld) => Record<string, unknown>, string, string?]> = [
      [
        'dueDate before startDate',
        () => ({ startDate: on('05-01'), dueDate: on('04-30') }),
        'dueDate',
      ],
      ['an impossible date', () => ({ startDate: '2026-02-30' }), 'startDate'],
      ['a badly formatted date', () => ({ dueDate: `${YEAR}/12/31` }), 'dueDate'],
      ['year 1999', () => ({ year: 1999 }), 'year'],
      ['year 2101', () => ({ year: 2101 }), 'year'],
      [
        'milestone weight 0',
        () => ({ milestones: [{ title: 'a', dueDate: on('05-01'), weight: 0 }] }),
        'milestones.0.weight',
      ],
      [
        'milestone weight -1',
        () => ({ milestones: [{ title: 'a', dueDate: on('05-01'), weight: -1 }] }),
        'milestones.0.weight',
      ],
      [
        'a milestone after the task',
        () => ({ milestones: [{ title: 'a', dueDate: on('01-01', YEAR + 1) }] }),
        'milestones.0.dueDate',
      ],
      [
        'a milestone before the task',
        () => ({ milestones: [{ title: 'a', dueDate: on('01-01') }] }),
        'milestones.0.dueDate',
      ],
      ['an unknown owner', () => ({ ownerId: randomUUID() }), 'ownerId'],
      ['an owner of another department', (w) => ({ ownerId: w.outsider.id }), 'ownerId'],
      ['an unknown member', () => ({ memberIds: [randomUUID()] }), 'memberIds.0'],
      [
        'an unknown partner department',
        () => ({ partnerDepartmentIds: [randomUUID()] }),
        'partnerDepartmentIds.0',
      ],
      [
        'the lead department as partner',
        (w) => ({ partnerDepartmentIds: [w.lead.id] }),
        'partnerDepartmentIds.0',
      ],
      ['a 201-character title', () => ({ title: '가'.repeat(201) }), 'title'],
      ['a blank title', () => ({ title: '   ' }), 'title', 'required'],
      ['an unknown field', () => ({ colour: 'red' }), 'colour', 'whitelistValidation'],
      ['a category outside the list', () => ({ category: 'OTHER' }), 'category', 'isIn'],
    ];

    // Objects, not rows: a row with fewer cells than parameters would make Jest pass `done`.
    const cases = CASES.map(([name, change, field, code]) => ({
      name,
      change,
      field,
      code,
    }));
    it.each(cases)(
      '$name is 400 on the field and creates nothing',
      async ({ change, field, code }) => {
        const res = await http.post('/api/v1/tasks', taskBody(w.owner.id, change(w)), {
          token: w.staff.token,
        });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details.map((d: any) => d.field)).toEqual([field]);
        if (code) expect(res.body.details[0].code).toBe(code);
        expect(await taskCount(w.org.id)).toBe(0);
      },
    );

    it('a 200-character title is accepted', async () => {
      const w2 = await taskWorld(http, factory);
      const t = await createTask(http, w2.staff.token, w2.owner.id, { title: '가'.repeat(200) });
      expect(t.title).toHaveLength(200);
    });

    it('is refused on PATCH too, naming the field and changing nothing', async () => {
      const w2 = await taskWorld(http, factory);
      const task = await w2.task('DRAFT', {
        milestones: [{ title: '설계', dueDate: on('06-30') }],
      });
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ dueDate: on('01-01') }, 'dueDate'],
        [{ startDate: '2026-02-30' }, 'startDate'],
        [{ ownerId: w2.outsider.id }, 'ownerId'],
        [{ title: '가'.repeat(201) }, 'title'],
        [{ year: YEAR + 1 }, 'year'],
        // shrinking the period would leave the milestone outside it
        [{ dueDate: on('05-31') }, 'dueDate'],
      ];
      for (const [body, field] of cases) {
        const res = await patch(w2.staff, task.id, { version: task.version, ...body });
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
        expect([...new Set(res.body.details.map((d: any) => d.field))]).toEqual([field]);
      }
      expect(await get(w2, task.id)).toMatchObject({
        title: task.title,
        category: task.category,
        risk: task.risk,
        startDate: task.startDate,
        dueDate: task.dueDate,
        version: task.version,
      });
    });

    it('milestone input is checked when added: weight and date within the task', async () => {
      const w2 = await taskWorld(http, factory);
      const task = await w2.task('DRAFT');
      const base = `/api/v1/tasks/${task.id}/milestones`;
      for (const [body, field] of [
        [{ title: 'a', dueDate: on('05-01'), weight: 0 }, 'weight'],
        [{ title: 'a', dueDate: on('05-01', YEAR + 1) }, 'dueDate'],
        [{ title: 'a', dueDate: '2026-02-30' }, 'dueDate'],
        [{ title: '', dueDate: on('05-01') }, 'title'],
      ] as const) {
        const res = await http.post(base, body, { token: w2.staff.token });
        expect(res.status).toBe(400);
        expect(res.body.details.map((d: any) => d.field)).toEqual([field]);
      }
      expect((await http.get(base, { token: w2.staff.token })).body).toEqual([]);
    });
  });

  describe('clearing a required field', () => {
    let w2: TaskWorld;
    beforeAll(async () => {
      w2 = await taskWorld(http, factory);
    });

    it.each(['title', 'category', 'risk', 'startDate', 'dueDate', 'ownerId', 'goal', 'summary'])(
      'PATCH with %s: null is 400 on the field (a required value cannot be cleared) and changes nothing',
      async (field) => {
        const task = await w2.task('DRAFT');
        const res = await patch(w2.staff, task.id, { version: task.version, [field]: null });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect([...new Set(res.body.details.map((d: any) => d.field))]).toEqual([field]);
        expect(await get(w2, task.id)).toMatchObject({
          [field]: task[field],
          version: task.version,
        });
      },
    );
  });

  describe('who may create', () => {
    it('refuses a task for another department (403) and creation by AUDITOR, PROACTIVE_OFFICE, COMMITTEE, ADMIN (403)', async () => {
      const w = await taskWorld(http, factory);
      const other = await http.post(
        '/api/v1/tasks',
        taskBody(w.outsider.id, { leadDepartmentId: w.otherDept.id }),
        { token: w.staff.token },
      );
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('FORBIDDEN');
      for (const u of [w.auditor, w.office, w.committee, w.admin]) {
        const res = await http.post('/api/v1/tasks', taskBody(w.owner.id), { token: u.token });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect(await taskCount(w.org.id)).toBe(0);
    });

    it('creates a draft of the own department with members, partners and milestones, recorded in history', async () => {
      const w = await taskWorld(http, factory);
      const far = await factory.org();
      const farDept = await factory.dept(far.id);
      const res = await http.post(
        '/api/v1/tasks',
        taskBody(w.owner.id, {
          title: '초등학교 맞춤형 통학로 개선사업',
          memberIds: [w.outsider.id],
          partnerDepartmentIds: [w.partnerDept.id, farDept.id],
          milestones: [{ title: '설계', dueDate: on('06-30') }],
          kpiIndicator: '통학로 정비 개소',
          kpiUnit: '개소',
          kpiBaseline: 0,
          kpiTarget: 12,
        }),
        { token: w.head.token },
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        code: `${YEAR}-01`,
        year: YEAR,
        status: 'DRAFT',
        leadDepartmentId: w.lead.id,
        ownerId: w.owner.id,
        risk: 'LOW',
        progress: 0,
        delayed: false,
        version: 1,
        kpi: {
          indicator: '통학로 정비 개소',
          unit: '개소',
          baseline: 0,
          target: 12,
          current: null,
        },
      });
      expect(res.body.members.map((m: any) => m.userId)).toEqual([w.outsider.id]);
      expect(res.body.partnerDepartments.map((p: any) => p.departmentId).sort()).toEqual(
        [w.partnerDept.id, farDept.id].sort(),
      );
      const [created] = await taskHistory(http, w.office.token, res.body.id);
      expect(created).toMatchObject({
        action: 'create',
        actorId: w.head.id,
        changes: expect.objectContaining({
          title: { from: null, to: '초등학교 맞춤형 통학로 개선사업' },
          status: { from: null, to: 'DRAFT' },
          memberIds: { from: null, to: [w.outsider.id] },
        }),
      });
    });
  });

  it('writes a history entry with the right action for every kind of change', async () => {
    const w = await taskWorld(http, factory);
    const far = await factory.org();
    const farDept = await factory.dept(far.id);
    const task = await createTask(http, w.staff.token, w.owner.id);
    const base = `/api/v1/tasks/${task.id}`;
    const opts = { token: w.staff.token };
    const steps = [
      await http.patch(base, { version: 1, summary: '바뀐 개요' }, opts),
      await http.post(`${base}/transitions`, { action: 'propose', version: 2 }, opts),
      await http.post(`${base}/milestones`, { title: '설계', dueDate: on('06-30') }, opts),
      await http.post(`${base}/members`, { userId: w.outsider.id }, opts),
      await http.request('DELETE', `${base}/members/${w.outsider.id}`, opts),
      await http.post(`${base}/partners`, { departmentId: farDept.id }, opts),
      await http.request('DELETE', `${base}/partners/${farDept.id}`, opts),
    ];
    expect(steps.map((s) => s.status)).toEqual([200, 200, 201, 200, 200, 200, 200]);
    const milestoneId = steps[2].body.id;
    expect(
      (await http.patch(`${base}/milestones/${milestoneId}`, { version: 1, weight: 2 }, opts))
        .status,
    ).toBe(200);
    expect((await http.request('DELETE', `${base}/milestones/${milestoneId}`, opts)).status).toBe(
      204,
    );
    const history = await taskHistory(http, w.auditor.token, task.id);
    expect(history.map((h) => h.action)).toEqual([
      'create',
      'update',
      'propose',
      'milestone.add',
      'member.add',
      'member.remove',
      'partner.add',
      'partner.remove',
      'milestone.update',
      'milestone.remove',
    ]);
    expect(history.every((h) => h.actorId === w.staff.id)).toBe(true);
    expect(history[1].changes).toEqual({ summary: { from: '과제 개요', to: '바뀐 개요' } });
    expect(history[4].changes).toEqual({ memberId: { from: null, to: w.outsider.id } });
    expect(history[6].changes).toEqual({ partnerDepartmentId: { from: null, to: farDept.id } });
    // Each entry names the people and departments its changes hold, so no id is shown.
    const names = async (table: string, id: string) =>
      (await factory.db.query<{ name: string }>(`SELECT name FROM ${table} WHERE id = $1`, [id]))
        .rows[0].name;
    expect(history[4].names).toEqual({ [w.outsider.id]: await names('users', w.outsider.id) });
    expect(history[6].names).toEqual({ [farDept.id]: await names('departments', farDept.id) });
    expect(history[1].names).toEqual({});
    expect(history[0].names[w.owner.id]).toBe(await names('users', w.owner.id));
  });

  it('lets the head hand a running task to another owner of the lead department only', async () => {
    const w = await taskWorld(http, factory);
    const task = await taskInState(http, w.drivers, 'IN_PROGRESS', w.owner.id);
    const res = await patch(w.head, task.id, { version: task.version, ownerId: w.partner.id });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: any) => d.field)).toEqual(['ownerId']);
    const ok = await patch(w.head, task.id, { version: task.version, ownerId: w.staff.id });
    expect(ok.status).toBe(200);
    expect(ok.body.ownerId).toBe(w.staff.id);
    // the new owner may now record progress, the old one no longer
    const oldOwner = await patch(w.owner, task.id, {
      version: ok.body.version,
      risk: 'HIGH',
    });
    expect(oldOwner.status).toBe(403);
    expect((await patch(w.staff, task.id, { version: ok.body.version, risk: 'HIGH' })).status).toBe(
      200,
    );
  });
});
