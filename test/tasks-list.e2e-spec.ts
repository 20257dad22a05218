import { useTestApi } from './support/app.js';
import { createTask, type TaskWorld, taskWorld, on, YEAR } from './support/tasks.js';

// Each test builds an organisation and logs its users in (argon2): more than Jest's 5 s default.

describe('listing priority tasks', () => {
  const { http, factory } = useTestApi();

  const list = async (w: TaskWorld, query: string, token = w.office.token) => {
    const res = await http.get(`/api/v1/tasks?${query}`, { token });
    expect([query, res.status]).toEqual([query, 200]);
    return res.body as { items: any[]; total: number; limit: number; offset: number };
  };
  const titles = async (w: TaskWorld, query: string) =>
    (await list(w, query)).items.map((t) => t.title);
  const idsOf = (tasks: any[]) => tasks.map((t) => t.id).sort();
  const listIds = async (w: TaskWorld, query: string) => idsOf((await list(w, query)).items);

  describe('filters', () => {
    // One organisation whose tasks every filter test reads; the tests only read.
    let w: TaskWorld;
    const t: Record<string, any> = {};
    beforeAll(async () => {
      w = await taskWorld(http, factory);
      const other = await createTask(http, w.outsider.token, w.outsider.id, {
        title: '다른 부서 과제',
        category: 'REGULATORY',
      });
      t.other = other;
      t.school = await w.task('IN_PROGRESS', {
        title: '초등학교 맞춤형 통학로 개선사업',
        summary: '어린이 보행 안전 확보',
        category: 'PROACTIVE',
        risk: 'HIGH',
        dueDate: on('10-31'),
      });
      t.kakao = await w.task('SELECTED', {
        title: '카카오톡 체납안내 서비스',
        summary: '모바일 전자고지로 100% 전환',
        category: 'GOV_INNOVATION',
        risk: 'MEDIUM',
        dueDate: on('08-31'),
      });
      t.fountain = await w.task('DRAFT', {
        title: '당현천 음악분수 개선',
        summary: '노후 설비 교체',
        category: 'COLLABORATION',
        ownerId: w.staff.id,
        dueDate: on('11-30'),
      });
      t.late = await w.task('IN_PROGRESS', {
        year: 2025,
        title: '뇌병변장애인 비전센터 조성',
        summary: '지난해 과제 (under_score)',
        startDate: '2025-01-02',
        dueDate: '2025-12-31',
      });
      t.done = await w.task('COMPLETED', {
        year: 2025,
        title: '공원 정비',
        startDate: '2025-01-02',
        dueDate: '2025-06-30',
      });
    });

    it('shows the organisation with total, default sort by code', async () => {
      const page = await list(w, '');
      expect(page).toMatchObject({ total: 6, limit: 50, offset: 0 });
      expect(page.items.map((x) => x.code)).toEqual([
        '2025-01',
        '2025-02',
        `${YEAR}-01`,
        `${YEAR}-02`,
        `${YEAR}-03`,
        `${YEAR}-04`,
      ]);
      expect(page.items.find((x) => x.id === t.school.id)).toMatchObject({
        code: t.school.code,
        title: '초등학교 맞춤형 통학로 개선사업',
        leadDepartmentId: w.lead.id,
        leadDepartmentName: w.lead.name,
        ownerId: w.owner.id,
        status: 'IN_PROGRESS',
        risk: 'HIGH',
        progress: 0,
        delayed: false,
      });
    });

    it.each<[string, (t: Record<string, any>) => any[]]>([
      ['year=2025', (t) => [t.late, t.done]],
      [`year=${YEAR}`, (t) => [t.other, t.school, t.kakao, t.fountain]],
      ['status=DRAFT', (t) => [t.other, t.fountain]],
      ['status=IN_PROGRESS,SELECTED', (t) => [t.school, t.kakao, t.late]],
      ['status=COMPLETED,DRAFT&year=2025', (t) => [t.done]],
      ['category=GOV_INNOVATION', (t) => [t.kakao]],
      ['category=REGULATORY', (t) => [t.other]],
      ['risk=HIGH', (t) => [t.school]],
      ['risk=LOW', (t) => [t.other, t.fountain, t.late, t.done]],
      ['delayed=true', (t) => [t.late]],
      ['delayed=false', (t) => [t.other, t.school, t.kakao, t.fountain, t.done]],
      ['q=%ED%86%B5%ED%95%99%EB%A1%9C', (t) => [t.school]], // 통학로
      ['q=%EB%B3%B4%ED%96%89%20%EC%95%88%EC%A0%84', (t) => [t.school]], // summary: 보행 안전
      [`q=${YEAR}-0`, (t) => [t.other, t.school, t.kakao, t.fountain]],
      ['q=2025-02', (t) => [t.done]],
      ['q=%25', (t) => [t.kakao]], // a literal %, not a wildcard
      ['q=_', (t) => [t.late]], // a literal _, not a wildcard
      ['q=%EC%97%86%EB%8A%94%EB%A7%90', () => []], // 없는말
      ['q=%ED%86%B5%ED%95%99%EB%A1%9C&status=DRAFT', () => []],
    ])('%s', async (query, expected) => {
      expect(await listIds(w, query)).toEqual(idsOf(expected(t)));
      expect((await list(w, query)).total).toBe(expected(t).length);
    });

    it('filters by lead department and by owner', async () => {
      expect(await listIds(w, `leadDepartmentId=${w.otherDept.id}`)).toEqual([t.other.id]);
      expect(await listIds(w, `leadDepartmentId=${w.lead.id}`)).toEqual(
        idsOf([t.school, t.kakao, t.fountain, t.late, t.done]),
      );
      expect(await listIds(w, `ownerId=${w.staff.id}`)).toEqual([t.fountain.id]);
      expect(await listIds(w, `ownerId=${w.outsider.id}`)).toEqual([t.other.id]);
    });

    it('applies filters inside the caller’s scope only', async () => {
      // the other department's STAFF sees only its own task, whatever the filter
      expect(idsOf((await list(w, `year=${YEAR}`, w.outsider.token)).items)).toEqual([t.other.id]);
      expect((await list(w, `leadDepartmentId=${w.lead.id}`, w.outsider.token)).total).toBe(0);
    });

    it.each([
      [
        'sort=title&order=desc',
        [
          '카카오톡 체납안내 서비스',
          '초등학교 맞춤형 통학로 개선사업',
          '당현천 음악분수 개선',
          '다른 부서 과제',
          '뇌병변장애인 비전센터 조성',
          '공원 정비',
        ],
      ],
      [
        'sort=title',
        [
          '공원 정비',
          '뇌병변장애인 비전센터 조성',
          '다른 부서 과제',
          '당현천 음악분수 개선',
          '초등학교 맞춤형 통학로 개선사업',
          '카카오톡 체납안내 서비스',
        ],
      ],
      [
        `sort=dueDate&year=${YEAR}`,
        [
          '카카오톡 체납안내 서비스',
          '초등학교 맞춤형 통학로 개선사업',
          '당현천 음악분수 개선',
          '다른 부서 과제',
        ],
      ],
      ['sort=dueDate&order=desc&year=2025', ['뇌병변장애인 비전센터 조성', '공원 정비']],
    ])('sorts: %s', async (query, expected) => {
      expect(await titles(w, query)).toEqual(expected);
    });

    it.each([
      ['limit=1000', 'limit'],
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['offset=10001', 'offset'],
      ['offset=-1', 'offset'],
      ['year=1999', 'year'],
      ['status=DRAFT,DONE', 'status'],
      ['sort=owner', 'sort'],
      ['order=up', 'order'],
      ['delayed=maybe', 'delayed'],
      ['risk=EXTREME', 'risk'],
      ['leadDepartmentId=abc', 'leadDepartmentId'],
      ['q=' + 'a'.repeat(101), 'q'],
      ['colour=red', 'colour'],
    ])('refuses %s with 400 on the field', async (query, field) => {
      const res = await http.get(`/api/v1/tasks?${query}`, { token: w.office.token });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: any) => d.field)).toEqual([field]);
    });

    it('accepts the edges: limit 200 and offset 10000', async () => {
      expect(await list(w, 'limit=200&offset=10000')).toMatchObject({
        items: [],
        total: 6,
        limit: 200,
        offset: 10000,
      });
    });
  });

  it('sorts by derived progress', async () => {
    const w = await taskWorld(http, factory);
    const half = await w.task('IN_PROGRESS', {
      title: '반',
      milestones: [
        { title: 'a', dueDate: on('06-30') },
        { title: 'b', dueDate: on('09-30') },
      ],
    });
    await http.patch(
      `/api/v1/tasks/${half.id}/milestones/${half.milestones[0].id}`,
      { version: 1, status: 'DONE' },
      { token: w.owner.token },
    );
    await w.task('COMPLETED', { title: '완료' });
    await w.task('DRAFT', { title: '없음' });
    expect(await titles(w, 'sort=progress')).toEqual(['없음', '반', '완료']);
    expect((await list(w, 'sort=progress&order=desc')).items.map((x) => x.progress)).toEqual([
      100, 50, 0,
    ]);
  });

  it('pages with limit and offset, the total staying the same', async () => {
    const w = await taskWorld(http, factory);
    for (let i = 0; i < 5; i++) await createTask(http, w.staff.token, w.owner.id);
    const pages = [
      await list(w, 'limit=2&offset=0'),
      await list(w, 'limit=2&offset=2'),
      await list(w, 'limit=2&offset=4'),
      await list(w, 'limit=2&offset=6'),
    ];
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((p) => p.items.map((x) => x.code))).toEqual([
      [`${YEAR}-01`, `${YEAR}-02`],
      [`${YEAR}-03`, `${YEAR}-04`],
      [`${YEAR}-05`],
      [],
    ]);
    expect(pages[1]).toMatchObject({ limit: 2, offset: 2 });
  });

  it('gives codes <year>-01, -02 … per organisation and year, distinct under concurrent creation', async () => {
    const w = await taskWorld(http, factory);
    const elsewhere = await taskWorld(http, factory);
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createTask(http, i % 2 ? w.staff.token : w.head.token, w.owner.id),
      ),
    );
    expect(made.map((x) => x.code).sort()).toEqual([
      `${YEAR}-01`,
      `${YEAR}-02`,
      `${YEAR}-03`,
      `${YEAR}-04`,
      `${YEAR}-05`,
      `${YEAR}-06`,
      `${YEAR}-07`,
      `${YEAR}-08`,
    ]);
    const prior = await createTask(http, w.staff.token, w.owner.id, {
      year: 2025,
      startDate: '2025-01-01',
      dueDate: '2025-12-31',
    });
    expect(prior.code).toBe('2025-01');
    // another organisation numbers its own tasks from 01
    expect((await createTask(http, elsewhere.staff.token, elsewhere.owner.id)).code).toBe(
      `${YEAR}-01`,
    );
  });
});
