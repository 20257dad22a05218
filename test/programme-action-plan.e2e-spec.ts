import ExcelJS from 'exceljs';
import { annualFiguresSections } from '@gwaje/annual-figures';
import { DataSource } from 'typeorm';
import { startApi, type TestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { Factory, login } from './support/factory.js';
import { type Actor, on, type TaskWorld, taskWorld, YEAR } from './support/tasks.js';

// 실행계획 (DOMAIN.md §9, issue 22 part 1): the office opens the year's plan with 영등포구's four
// directions, adds measures (one a 중점 추진과제 linking two priority tasks), departments move their
// own measures, the head of the proactive office approves, a change opens version 2 with version 1
// kept, and the plan is exported as XLSX and counted in the annual figures.

const DIRECTIONS = [
  '추진체계 정비 및 교육',
  '우수공무원 선발 및 인센티브',
  '면책·사전컨설팅 등 공무원 보호·지원',
  '소극행정 예방 및 엄정 조치',
];

describe('실행계획', () => {
  const factory = new Factory();
  let api: TestApi;
  const http = () => api.http;
  const P = '/api/v1/action-plans';

  let w: TaskWorld;
  let officeHead: Actor;
  /** Another organisation: its office, and a task of its own. */
  let other: TaskWorld;
  let taskInProgress: any;
  let taskCompleted: any;
  let taskNextYear: any;
  let otherOrgTask: any;
  let plan: any;

  beforeAll(async () => {
    api = await startApi();
    [w, other] = await Promise.all([taskWorld(http(), factory), taskWorld(http(), factory)]);
    const head = await factory.user(
      { id: w.office.departmentId, organisationId: w.org.id, name: '' },
      ['DEPT_HEAD'],
    );
    officeHead = { ...head, token: (await login(http(), head)).accessToken };
    [taskInProgress, taskCompleted, taskNextYear, otherOrgTask] = await Promise.all([
      w.task('IN_PROGRESS'),
      w.task('COMPLETED'),
      w.task('SELECTED', {
        year: YEAR + 1,
        startDate: on('01-02', YEAR + 1),
        dueDate: on('12-31', YEAR + 1),
      }),
      other.task('SELECTED'),
    ]);
  }, 90_000);
  afterAll(async () => {
    await api?.close();
    await factory.close();
  });

  const url = (suffix = '') => `${P}/${plan.id}${suffix}`;
  const measure = (title: string) =>
    plan.directions.flatMap((d: any) => d.measures).find((m: any) => m.title === title);
  const addMeasure = (who: Actor, body: Record<string, unknown>) =>
    http().post(url('/measures'), { version: plan.version, ...body }, { token: who.token });
  const setStatus = (who: Actor, title: string, status: string, version?: number) =>
    http().post(
      url(`/measures/${measure(title).id}/status`),
      { version: version ?? measure(title).version, status },
      { token: who.token },
    );

  it('is opened once a year by the office, with its directions in order', async () => {
    const refused = await http().post(P, { year: YEAR }, { token: w.staff.token });
    expect(refused.status).toBe(403);
    const missing = await http().post(P, { directions: [] }, { token: w.office.token });
    expect([missing.status, missing.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['year'],
    ]);

    const res = await http().post(
      P,
      {
        year: YEAR,
        directions: DIRECTIONS.map((title) => ({ title, description: `${title} 설명` })),
      },
      { token: w.office.token },
    );
    expect(res.status).toBe(201);
    plan = res.body;
    expect(plan).toMatchObject({
      organisationId: w.org.id,
      year: YEAR,
      title: `${YEAR}년 적극행정 실행계획`,
      status: 'DRAFT',
      planVersion: 1,
      snapshot: false,
      submitted: null,
      approved: null,
      allowedActions: ['edit', 'submit'],
      progress: { measures: 0, share: null, percent: null },
    });
    expect(plan.directions.map((d: any) => [d.position, d.title])).toEqual(
      DIRECTIONS.map((t, i) => [i + 1, t]),
    );

    // A second plan of the same year: 409 naming the year, nothing changed.
    const before = await businessChecksum(factory.db);
    const dup = await http().post(P, { year: YEAR }, { token: w.office.token });
    expect([dup.status, dup.body.code, dup.body.details[0].field]).toEqual([
      409,
      'DUPLICATE',
      'year',
    ]);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
  });

  it('refuses bad measures naming the field, changing nothing', async () => {
    const [d1] = plan.directions;
    const valid = {
      directionId: d1.id,
      title: '적극행정 전 직원 교육',
      ownerDepartmentId: w.lead.id,
      target: '이수율 90%',
      dueDate: on('06-30'),
    };
    const before = await businessChecksum(factory.db);
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ dueDate: on('01-15', YEAR + 1) }, 400, 'VALIDATION_FAILED', 'dueDate'],
      [{ dueDate: on('12-31', YEAR - 1) }, 400, 'VALIDATION_FAILED', 'dueDate'],
      [{ dueDate: undefined }, 400, 'VALIDATION_FAILED', 'dueDate'],
      [{ title: undefined }, 400, 'VALIDATION_FAILED', 'title'],
      [{ ownerDepartmentId: other.lead.id }, 400, 'INVALID_REFERENCE', 'ownerDepartmentId'],
      [
        { ownerDepartmentId: '00000000-0000-4000-8000-000000000000' },
        400,
        'INVALID_REFERENCE',
        'ownerDepartmentId',
      ],
      [
        { directionId: '00000000-0000-4000-8000-000000000000' },
        400,
        'INVALID_REFERENCE',
        'directionId',
      ],
      [{ focus: true, taskIds: [otherOrgTask.id] }, 400, 'INVALID_REFERENCE', 'taskIds.0'],
      [
        { focus: true, taskIds: [taskInProgress.id, taskNextYear.id] },
        400,
        'INVALID_REFERENCE',
        'taskIds.1',
      ],
      [{ focus: true }, 400, 'VALIDATION_FAILED', 'taskIds'],
      [{ taskIds: [taskInProgress.id] }, 400, 'VALIDATION_FAILED', 'taskIds'],
    ];
    for (const [change, status, code, field] of cases) {
      const body: Record<string, unknown> = { ...valid, ...change };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      const res = await addMeasure(w.office, body);
      expect([
        JSON.stringify(change),
        res.status,
        res.body.code,
        res.body.details?.[0]?.field,
      ]).toEqual([JSON.stringify(change), status, code, field]);
    }
    const nextYear = await addMeasure(w.office, {
      ...valid,
      focus: true,
      taskIds: [taskNextYear.id],
    });
    expect(nextYear.body.details[0].code).toBe('otherYear');
    // Only the office writes the plan: 403 before any reference is looked at.
    expect((await addMeasure(w.head, valid)).status).toBe(403);
    // A stale plan version.
    const stale = await http().post(
      url('/measures'),
      { ...valid, version: plan.version + 5 },
      { token: w.office.token },
    );
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
  });

  it('adds measures, a 중점 추진과제 linking two priority tasks', async () => {
    const [d1, d2, d3] = plan.directions;
    const add = async (body: Record<string, unknown>) => {
      const res = await addMeasure(w.office, body);
      expect(res.status).toBe(201);
      plan = res.body;
    };
    await add({
      directionId: d1.id,
      title: '적극행정 전 직원 교육',
      ownerDepartmentId: w.lead.id,
      target: '이수율 90%',
      dueDate: on('06-30'),
    });
    await add({
      directionId: d1.id,
      title: '적극행정 지원 조례 정비',
      ownerDepartmentId: w.partnerDept.id,
      dueDate: on('09-30'),
    });
    await add({
      directionId: d2.id,
      title: '중점 추진과제: 생활밀착 과제 집중 관리',
      ownerDepartmentId: w.lead.id,
      target: '2개 과제 완료',
      dueDate: on('12-31'),
      focus: true,
      taskIds: [taskInProgress.id, taskCompleted.id, taskInProgress.id],
    });
    await add({
      directionId: d3.id,
      title: '사전컨설팅 안내',
      ownerDepartmentId: w.otherDept.id,
      dueDate: on('03-31'),
    });
    // The office rewrites a direction's description (with the plan's version read).
    const d4 = plan.directions[3];
    const renamed = await http().patch(
      url(`/directions/${d4.id}`),
      { version: plan.version, description: '  신고센터 운영과 엄정 조치 ' },
      { token: w.office.token },
    );
    expect(renamed.status).toBe(200);
    plan = renamed.body;
    expect(plan.directions[3]).toMatchObject({
      id: d4.id,
      position: 4,
      title: DIRECTIONS[3],
      description: '신고센터 운영과 엄정 조치',
    });

    // A measure entered by mistake is removed by the office (a department may not).
    await add({
      directionId: d3.id,
      title: '잘못 입력한 세부과제',
      ownerDepartmentId: w.lead.id,
      dueDate: on('05-31'),
    });
    const mistake = `/measures/${measure('잘못 입력한 세부과제').id}`;
    expect((await http().delete(url(mistake), { token: w.staff.token })).status).toBe(403);
    const removed = await http().delete(url(mistake), { token: w.office.token });
    expect(removed.status).toBe(200);
    plan = removed.body;
    expect(measure('잘못 입력한 세부과제')).toBeUndefined();
    expect((await http().delete(url(mistake), { token: w.office.token })).status).toBe(404);

    const focus = measure('중점 추진과제: 생활밀착 과제 집중 관리');
    expect(focus).toMatchObject({ focus: true, status: 'PLANNED', version: 1 });
    expect(focus.linkedTasks.map((t: any) => [t.id, t.status, t.completed]).sort()).toEqual(
      [
        [taskInProgress.id, 'IN_PROGRESS', false],
        [taskCompleted.id, 'COMPLETED', true],
      ].sort(),
    );
    expect(plan.directions.map((d: any) => d.measures.length)).toEqual([2, 1, 1, 0]);
  });

  it('is read by the organisation only; a department moves only its own measures', async () => {
    for (const who of [w.staff, w.auditor, w.committee, w.admin, w.outsider])
      expect((await http().get(url(), { token: who.token })).status).toBe(200);
    expect((await http().get(url(), { token: other.office.token })).status).toBe(404);
    expect((await http().get(url('/export'), { token: other.office.token })).status).toBe(404);
    const theirs = await http().get(`${P}?year=${YEAR}`, { token: other.office.token });
    expect(theirs.body).toEqual([]);
    const ours = await http().get(`${P}?year=${YEAR}`, { token: w.staff.token });
    expect(ours.body.map((p: any) => [p.id, p.measures, p.directions])).toEqual([[plan.id, 4, 4]]);

    const title = '적극행정 전 직원 교육';
    // The staff member sees what they may do with their department's measure, not another's.
    const staffView = (await http().get(url(), { token: w.staff.token })).body;
    const mine = staffView.directions[0].measures.find((m: any) => m.title === title);
    const notMine = staffView.directions[0].measures.find((m: any) => m.title !== title);
    expect([mine.allowedStatuses, notMine.allowedStatuses]).toEqual([['IN_PROGRESS', 'DONE'], []]);

    const before = await businessChecksum(factory.db);
    // Another department: 403; the owner cannot drop it or edit the measure (the office's).
    expect((await setStatus(w.outsider, title, 'IN_PROGRESS')).status).toBe(403);
    expect((await setStatus(w.staff, title, 'DROPPED')).status).toBe(403);
    const edit = await http().patch(
      url(`/measures/${measure(title).id}`),
      { version: 1, title: '바꾼 제목' },
      { token: w.staff.token },
    );
    expect(edit.status).toBe(403);
    const stale = await setStatus(w.staff, title, 'IN_PROGRESS', 7);
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const illegal = await setStatus(w.staff, title, 'PLANNED');
    expect([illegal.status, illegal.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const bad = await setStatus(w.staff, title, 'FINISHED');
    expect([bad.status, bad.body.details[0].field]).toEqual([400, 'status']);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const started = await setStatus(w.staff, title, 'IN_PROGRESS');
    expect(started.status).toBe(200);
    plan = started.body;
    const done = await setStatus(w.head, title, 'DONE');
    expect(done.status).toBe(200);
    plan = done.body;
    expect(measure(title)).toMatchObject({ status: 'DONE', version: 3, percent: 100 });
  });

  it('computes progress per direction and overall from measures and linked tasks', async () => {
    // 1 measure done of 4; linked tasks: 1 completed of 2 → (1 + 1) / (4 + 2).
    expect(plan.progress).toEqual({
      measures: 4,
      measuresDone: 1,
      measuresDropped: 0,
      measureShare: 0.25,
      linkedTasks: 2,
      linkedTasksCompleted: 1,
      linkedTaskShare: 0.5,
      linkedTaskProgress: expect.any(Number),
      share: 0.3333,
      percent: 33,
    });
    const [d1, d2, d3, d4] = plan.directions;
    expect([d1.progress.share, d2.progress.share, d3.progress.share, d4.progress.share]).toEqual([
      0.5,
      0.3333,
      0,
      null,
    ]);
    // The focus measure's own figure is its tasks' mean progress.
    const focus = measure('중점 추진과제: 생활밀착 과제 집중 관리');
    const mean = Math.round(
      focus.linkedTasks.reduce((n: number, t: any) => n + t.progress, 0) / focus.linkedTasks.length,
    );
    expect(focus.percent).toBe(mean);
    expect(plan.progress.linkedTaskProgress).toBe(mean);

    // The office drops a measure: it leaves the count.
    const dropped = await setStatus(w.office, '사전컨설팅 안내', 'DROPPED');
    expect(dropped.status).toBe(200);
    plan = dropped.body;
    expect([plan.progress.measures, plan.progress.measuresDropped, plan.progress.share]).toEqual([
      3, 1, 0.4,
    ]);
  });

  it('is approved by the head of the proactive office only, recorded', async () => {
    const act = (who: Actor, action: string, body: Record<string, unknown> = {}) =>
      http().post(url(`/${action}`), { version: plan.version, ...body }, { token: who.token });
    const before = await businessChecksum(factory.db);
    expect((await act(w.office, 'approve')).status).toBe(403);
    const early = await act(officeHead, 'approve');
    expect([early.status, early.body.code, early.body.allowedActions]).toEqual([
      409,
      'ILLEGAL_TRANSITION',
      ['submit'],
    ]);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const submitted = await act(w.office, 'submit');
    expect(submitted.status).toBe(200);
    plan = submitted.body;
    expect(plan).toMatchObject({ status: 'SUBMITTED', submitted: { by: { id: w.office.id } } });
    // Frozen while awaiting approval; approving is not another department head's.
    const frozen = await http().post(
      url('/directions'),
      { version: plan.version, title: '새 방향' },
      { token: w.office.token },
    );
    expect([frozen.status, frozen.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect((await act(w.head, 'approve')).status).toBe(403);
    expect((await act(officeHead, 'return', {})).status).toBe(400);

    const approved = await act(officeHead, 'approve');
    expect(approved.status).toBe(200);
    plan = approved.body;
    expect(plan).toMatchObject({
      status: 'APPROVED',
      planVersion: 1,
      approved: { by: { id: officeHead.id } },
      allowedActions: [],
    });
    const history = (await http().get(url('/history'), { token: w.staff.token })).body;
    expect(history.map((h: any) => h.action)).toEqual([
      'create',
      'addMeasure',
      'addMeasure',
      'addMeasure',
      'addMeasure',
      'updateDirection',
      'addMeasure',
      'removeMeasure',
      'measureStatus',
      'measureStatus',
      'measureStatus',
      'submit',
      'approve',
    ]);
    expect(history.at(-1)).toMatchObject({
      actorId: officeHead.id,
      changes: { status: { from: 'SUBMITTED', to: 'APPROVED' } },
    });
  });

  it('opens version 2 when the approved plan changes, version 1 kept', async () => {
    // A department's status change is execution: the approval stands.
    const moved = await setStatus(w.partner, '적극행정 지원 조례 정비', 'IN_PROGRESS');
    expect([moved.status, moved.body.status, moved.body.planVersion]).toEqual([200, 'APPROVED', 1]);
    plan = moved.body;

    const changed = await http().patch(
      url(`/measures/${measure('적극행정 지원 조례 정비').id}`),
      { version: measure('적극행정 지원 조례 정비').version, dueDate: on('10-31') },
      { token: w.office.token },
    );
    expect(changed.status).toBe(200);
    plan = changed.body;
    expect([plan.status, plan.planVersion, plan.approved]).toEqual(['DRAFT', 2, null]);
    expect(measure('적극행정 지원 조례 정비').dueDate).toBe(on('10-31'));

    const v1 = await http().get(`${url()}?version=1`, { token: w.staff.token });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({
      snapshot: true,
      status: 'APPROVED',
      planVersion: 1,
      approved: { by: { id: officeHead.id } },
      allowedActions: [],
    });
    const oldDue = v1.body.directions[0].measures.find(
      (m: any) => m.title === '적극행정 지원 조례 정비',
    ).dueDate;
    expect(oldDue).toBe(on('09-30'));
    expect((await http().get(`${url()}?version=3`, { token: w.staff.token })).status).toBe(404);
    expect((await http().get(`${url()}?version=0`, { token: w.staff.token })).status).toBe(400);

    for (const [who, action] of [
      [w.office, 'submit'],
      [officeHead, 'approve'],
    ] as const) {
      const res = await http().post(
        url(`/${action}`),
        { version: plan.version },
        { token: who.token },
      );
      expect(res.status).toBe(200);
      plan = res.body;
    }
    const versions = (await http().get(url('/versions'), { token: w.auditor.token })).body;
    expect(versions.map((v: any) => [v.planVersion, v.status, v.current])).toEqual([
      [1, 'APPROVED', false],
      [2, 'APPROVED', true],
    ]);
  });

  it('exports the plan as XLSX with Korean headers', async () => {
    const file = await http().download(url('/export'), { token: w.staff.token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(
      `attachment; filename="action-plan-${YEAR}-v2.xlsx"`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((r) => {
      const v = r.values as unknown[];
      rows.push(Array.from({ length: 8 }, (_, i) => v[i + 1] ?? ''));
    });
    expect(rows[0]).toEqual([
      '추진방향',
      '세부과제',
      '담당부서',
      '목표',
      '기한',
      '상태',
      '연결 과제',
      '진척도',
    ]);
    const byTitle = (t: string) => rows.find((r) => String(r[1]).endsWith(t))!;
    expect(byTitle('적극행정 전 직원 교육')).toEqual([
      `1. ${DIRECTIONS[0]}`,
      '적극행정 전 직원 교육',
      w.lead.name,
      '이수율 90%',
      on('06-30'),
      '완료',
      '',
      1,
    ]);
    const focus = byTitle('생활밀착 과제 집중 관리');
    expect(focus[0]).toBe(`2. ${DIRECTIONS[1]}`);
    expect(String(focus[1]).startsWith('[중점]')).toBe(true);
    expect(String(focus[6])).toContain(taskInProgress.code);
    expect(String(focus[6])).toContain(taskCompleted.code);
    expect(byTitle('사전컨설팅 안내').slice(5)).toEqual(['취소', '', '']);
    const total = rows.at(-1)!;
    expect([total[0], total[7]]).toEqual(['전체', plan.progress.percent / 100]);

    const v1 = await http().download(`${url('/export')}?version=1`, { token: w.staff.token });
    expect(v1.headers.get('content-disposition')).toContain(
      `filename="action-plan-${YEAR}-v1.xlsx"`,
    );
  });

  it('gives the annual report its figures', async () => {
    const section = annualFiguresSections().find((s) => s.name === 'actionPlan')!;
    const manager = api.app.get(DataSource).manager;
    const figures = async (organisationId: string) =>
      Object.fromEntries(
        (await section.compute(manager, { organisationId, year: YEAR })).map((f) => [
          f.key,
          f.value,
        ]),
      );
    // 4 measures, 1 done, 1 dropped: 1 / 3.
    expect(await figures(w.org.id)).toEqual({
      measures: 4,
      done: 1,
      shareDone: 0.3333,
      approved: 1,
    });
    expect(await figures(other.org.id)).toEqual({
      measures: 0,
      done: 0,
      shareDone: null,
      approved: 0,
    });
  });
});
