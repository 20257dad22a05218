import { useTestApi } from './support/app.js';
import { taskWorld } from './support/tasks.js';

// Saved views of the lists (issue 23): each person's own, the office's shared ones, the rules on
// who may share, change and delete them, validation of the saved query, and their history.

const API = '/api/v1/saved-views';

describe('saved views', () => {
  const { http, factory } = useTestApi();

  async function views(token: string, list = 'tasks'): Promise<any[]> {
    const res = await http.get(`${API}?list=${list}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  }
  const count = async (orgId: string) =>
    Number(
      (
        await factory.db.query('SELECT count(*) FROM saved_views WHERE organisation_id = $1', [
          orgId,
        ])
      ).rows[0].count,
    );

  it('keeps a person’s own views to themselves and shows the office’s shared ones to the organisation', async () => {
    const w = await taskWorld(http, factory);
    const own = await http.post(
      API,
      { list: 'tasks', name: ' 지연 과제 ', query: '?year=2026&delayed=true&sort=dueDate' },
      { token: w.staff.token },
    );
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      list: 'tasks',
      name: '지연 과제',
      query: 'year=2026&delayed=true&sort=dueDate',
      shared: false,
      owner: { id: w.staff.id },
      mine: true,
      deletable: true,
    });
    const shared = await http.post(
      API,
      { list: 'tasks', name: '올해 중점과제', query: 'year=2026', shared: true },
      { token: w.office.token },
    );
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ shared: true, mine: true, deletable: true });

    // The owner sees both (shared first); a colleague only the shared one, and may not delete it.
    expect((await views(w.staff.token)).map((v) => v.id)).toEqual([shared.body.id, own.body.id]);
    const colleague = await views(w.owner.token);
    expect(colleague.map((v) => v.id)).toEqual([shared.body.id]);
    expect(colleague[0]).toMatchObject({ mine: false, deletable: false });
    // Per list: none on the report queue.
    expect(await views(w.staff.token, 'reports')).toEqual([]);

    // Someone else's unshared view does not exist for the colleague (404); the shared one is
    // visible but only its owner changes it (403), and only the owner or the office deletes it.
    for (const [method, path, body] of [
      ['PATCH', `${API}/${own.body.id}`, { name: '남의 보기' }],
      ['DELETE', `${API}/${own.body.id}`, undefined],
    ] as const) {
      const res = await http.request(method, path, { token: w.owner.token, body });
      expect([method, res.status, res.body?.code]).toEqual([method, 404, 'NOT_FOUND']);
    }
    const rename = await http.patch(
      `${API}/${shared.body.id}`,
      { name: 'x' },
      { token: w.staff.token },
    );
    expect(rename.status).toBe(403);
    expect(rename.body.message).toMatch(/만든 사람만/);
    const del = await http.delete(`${API}/${shared.body.id}`, { token: w.staff.token });
    expect(del.status).toBe(403);
    expect(del.body.message).toMatch(/지울 수 있습니다/);

    // Another organisation sees nothing and reaches nothing (404), even its office.
    const other = await taskWorld(http, factory);
    expect(await views(other.office.token)).toEqual([]);
    for (const id of [own.body.id, shared.body.id]) {
      const patch = await http.patch(
        `${API}/${id}`,
        { name: '남의 기관' },
        { token: other.office.token },
      );
      expect(patch.status).toBe(404);
      const gone = await http.delete(`${API}/${id}`, { token: other.admin.token });
      expect(gone.status).toBe(404);
    }
    expect(await count(w.org.id)).toBe(2);
  });

  it('lets only the office and ADMIN share a view (403 in Korean for others, nothing saved)', async () => {
    const w = await taskWorld(http, factory);
    for (const actor of [w.staff, w.head, w.auditor, w.committee]) {
      const res = await http.post(
        API,
        { list: 'reports', name: '공유 시도', query: 'year=2025', shared: true },
        { token: actor.token },
      );
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(res.body.message).toMatch(/적극행정 전담부서/);
    }
    expect(await count(w.org.id)).toBe(0);
    // Nor may STAFF turn an own view into a shared one.
    const own = await http.post(
      API,
      { list: 'reports', name: '내 보기', query: '' },
      { token: w.staff.token },
    );
    expect(own.status).toBe(201);
    const share = await http.patch(
      `${API}/${own.body.id}`,
      { shared: true },
      { token: w.staff.token },
    );
    expect(share.status).toBe(403);
    expect((await views(w.staff.token, 'reports'))[0].shared).toBe(false);

    // ADMIN may share; the office may delete ADMIN's shared view, and ADMIN the office's.
    const byAdmin = await http.post(
      API,
      { list: 'consultations', name: '기한 경과', query: 'overdue=true', shared: true },
      { token: w.admin.token },
    );
    expect(byAdmin.status).toBe(201);
    const byOffice = await http.post(
      API,
      { list: 'consultations', name: '접수 대기', query: 'state=SUBMITTED', shared: true },
      { token: w.office.token },
    );
    expect(byOffice.status).toBe(201);
    expect(
      (await views(w.office.token, 'consultations')).find((v) => v.id === byAdmin.body.id),
    ).toMatchObject({ mine: false, deletable: true });
    expect((await http.delete(`${API}/${byAdmin.body.id}`, { token: w.office.token })).status).toBe(
      204,
    );
    expect((await http.delete(`${API}/${byOffice.body.id}`, { token: w.admin.token })).status).toBe(
      204,
    );
    expect(await views(w.staff.token, 'consultations')).toEqual([]);
  });

  it('refuses a query the list does not use, an unknown sort or a bad field with 400 naming the field', async () => {
    const w = await taskWorld(http, factory);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ list: 'tasks', name: '보기', query: 'year=2026&offset=40' }, 'query'],
      [{ list: 'reports', name: '보기', query: 'q=통학로' }, 'query'],
      [{ list: 'consultations', name: '보기', query: 'state=SUBMITTED&state=CLOSED' }, 'query'],
      [{ list: 'tasks', name: '보기', query: 'sort=bogus' }, 'query'],
      [{ list: 'tasks', name: '보기', query: 'order=sideways' }, 'query'],
      [{ list: 'tasks', name: '보기', query: `q=${'가'.repeat(1001)}` }, 'query'],
      [{ list: 'tasks', name: '보기', query: `q=${'a'.repeat(301)}` }, 'query'],
      [{ list: 'dashboards', name: '보기', query: '' }, 'list'],
      [{ list: 'tasks', name: '   ', query: '' }, 'name'],
      [{ list: 'tasks', name: '가'.repeat(101), query: '' }, 'name'],
      [{ list: 'tasks', name: '보기' }, 'query'],
    ];
    for (const [body, field] of bad) {
      const res = await http.post(API, body, { token: w.office.token });
      expect([body, res.status, res.body.code]).toEqual([body, 400, 'VALIDATION_FAILED']);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.message).toMatch(/[가-힣]/);
    }
    const unknown = await http.post(
      API,
      { list: 'reports', name: '보기', query: 'q=통학로' },
      { token: w.office.token },
    );
    expect(unknown.body.details[0].message).toMatch(/이 목록에서 쓸 수 없는 조건입니다: q/);
    expect((await http.get(`${API}?list=nope`, { token: w.staff.token })).status).toBe(400);
    expect(await count(w.org.id)).toBe(0);

    // The same rules on a change; a refused change changes nothing.
    const ok = await http.post(
      API,
      { list: 'tasks', name: '보기', query: 'year=2026' },
      { token: w.staff.token },
    );
    const refused = await http.patch(
      `${API}/${ok.body.id}`,
      { query: 'limit=20&foo=1' },
      { token: w.staff.token },
    );
    expect(refused.status).toBe(400);
    expect((await views(w.staff.token))[0].query).toBe('year=2026');
  });

  it('records creation, changes and deletion in the history', async () => {
    const w = await taskWorld(http, factory);
    const created = await http.post(
      API,
      { list: 'tasks', name: '내 과제', query: `ownerId=${w.staff.id}` },
      { token: w.staff.token },
    );
    const id = created.body.id;
    const renamed = await http.patch(
      `${API}/${id}`,
      { name: '내 과제(지연)', query: `ownerId=${w.staff.id}&delayed=true` },
      { token: w.staff.token },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: '내 과제(지연)',
      query: `ownerId=${w.staff.id}&delayed=true`,
    });
    expect((await http.delete(`${API}/${id}`, { token: w.staff.token })).status).toBe(204);
    expect(await views(w.staff.token)).toEqual([]);
    expect((await http.delete(`${API}/${id}`, { token: w.staff.token })).status).toBe(404);

    const { rows } = await factory.db.query(
      `SELECT action, actor_id, changes FROM history
        WHERE organisation_id = $1 AND record_type = 'saved_view' AND record_id = $2 ORDER BY record_seq`,
      [w.org.id, id],
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows.every((r) => r.actor_id === w.staff.id)).toBe(true);
    expect(rows[0].changes.name).toEqual({ from: null, to: '내 과제' });
    expect(rows[1].changes).toEqual({
      name: { from: '내 과제', to: '내 과제(지연)' },
      query: { from: `ownerId=${w.staff.id}`, to: `ownerId=${w.staff.id}&delayed=true` },
    });
    expect(rows[2].changes.name).toEqual({ from: '내 과제(지연)', to: null });
  });
});
