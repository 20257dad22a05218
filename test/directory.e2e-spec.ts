import { randomUUID } from 'node:crypto';
import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';

// The directory of organisations (issue 21): the public structure a PROACTIVE_OFFICE needs to name
// the coordinator and participants of a 협업과제 in other organisations. Active organisations with
// their parent, and an organisation's active departments; never another organisation's users.

describe('directory of organisations (기관 안내)', () => {
  const { http, factory } = useTestApi();
  const D = '/api/v1/directory/organisations';
  /** A marker in every name of this file, so the shared database's other organisations stay out. */
  const tag = `안내${randomUUID().slice(0, 6)}`;
  let office = '';
  let admin = '';
  const refused: Record<string, string> = {};
  let si: { id: string; name: string };
  let gu: { id: string; name: string };
  let closed: { id: string; name: string };
  let guDepts: { active: string; inactive: string };

  beforeAll(async () => {
    // The caller's own organisation is unrelated to the ones it reads.
    const own = await factory.world(['STAFF', 'DEPT_HEAD', 'AUDITOR', 'COMMITTEE']);
    const ownOffice = await factory.dept(own.org.id, { isProactiveOffice: true });
    const tokenOf = async (u: Parameters<typeof login>[1]) => (await login(http, u)).accessToken;
    office = await tokenOf(await factory.user(ownOffice, ['PROACTIVE_OFFICE']));
    admin = await tokenOf(await factory.user(own.dept, ['ADMIN']));
    for (const role of ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'COMMITTEE'] as const)
      refused[role] = await tokenOf(own.users[role]);

    si = await factory.org({ name: `${tag} 특별시` });
    await factory.db.query(`UPDATE organisations SET kind = 'METROPOLITAN' WHERE id = $1`, [si.id]);
    gu = await factory.org({ name: `${tag} 노원구`, parentId: si.id });
    closed = await factory.org({ name: `${tag} 폐지구`, parentId: si.id });
    await factory.db.query(`UPDATE organisations SET active = false WHERE id = $1`, [closed.id]);
    const [active, inactive] = await Promise.all([
      factory.dept(gu.id, { name: '복지정책과' }),
      factory.dept(gu.id, { name: '옛청소과' }),
    ]);
    await factory.db.query(`UPDATE departments SET active = false WHERE id = $1`, [inactive.id]);
    // A user of the 구, whose name and e-mail must not appear.
    await factory.user(active, ['STAFF'], { name: '비공개직원', email: `hidden-${tag}@x.kr` });
    guDepts = { active: active.id, inactive: inactive.id };
  });

  const q = (query: string) => `${D}?q=${encodeURIComponent(tag)}&${query}`;

  it('lists the active organisations matching q by name, with their parent; inactive ones left out', async () => {
    const res = await http.get(q(''), { token: office });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { id: gu.id, name: gu.name, kind: 'LOCAL', parent: { id: si.id, name: si.name } },
        { id: si.id, name: si.name, kind: 'METROPOLITAN', parent: null },
      ],
      total: 2,
      limit: 50,
      offset: 0,
    });
    expect(JSON.stringify(res.body)).not.toContain(closed.id);
  });

  it('filters by kind and part of the name, pages with limit and offset, and treats % as itself', async () => {
    const kind = await http.get(q('kind=METROPOLITAN'), { token: admin });
    expect(kind.status).toBe(200);
    expect(kind.body.items.map((o: any) => o.id)).toEqual([si.id]);

    const part = await http.get(`${D}?q=${encodeURIComponent(`${tag} 노원`)}`, { token: office });
    expect(part.body.items.map((o: any) => o.id)).toEqual([gu.id]);

    const page = await http.get(q('limit=1&offset=1'), { token: office });
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.items.map((o: any) => o.id)).toEqual([si.id]);

    const wildcard = await http.get(`${D}?q=${encodeURIComponent(`${tag}%`)}`, { token: office });
    expect(wildcard.body.total).toBe(0);
  });

  it("gives another organisation's active departments (id, name, kind) and nothing of its users", async () => {
    const res = await http.get(`${D}/${gu.id}/departments`, { token: office });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ id: guDepts.active, name: '복지정책과', kind: 'DIVISION' }]);
    expect(JSON.stringify(res.body)).not.toMatch(/비공개직원|hidden-/);
    expect((await http.get(`${D}/${si.id}/departments`, { token: admin })).body).toEqual([]);
  });

  it('answers 404 for an unknown or inactive organisation', async () => {
    for (const id of [randomUUID(), closed.id]) {
      const res = await http.get(`${D}/${id}/departments`, { token: office });
      expect([id, res.status, res.body.code]).toEqual([id, 404, 'NOT_FOUND']);
    }
  });

  it('refuses every other role with 403, whatever it asks', async () => {
    const got: Record<string, number[]> = {};
    for (const [role, token] of Object.entries(refused))
      got[role] = [
        (await http.get(q(''), { token })).status,
        (await http.get(`${D}/${gu.id}/departments`, { token })).status,
      ];
    expect(got).toEqual({
      STAFF: [403, 403],
      DEPT_HEAD: [403, 403],
      AUDITOR: [403, 403],
      COMMITTEE: [403, 403],
    });
  });

  it('answers 400 naming the field for bad parameters', async () => {
    const cases: Array<[string, string]> = [
      ['kind=TOWN', 'kind'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=abc', 'limit'],
      [`q=${'가'.repeat(101)}`, 'q'],
      ['extra=1', 'extra'],
    ];
    for (const [query, field] of cases) {
      const res = await http.get(`${D}?${query}`, { token: office });
      expect([query, res.status, res.body.details?.map((d: any) => d.field)]).toEqual([
        query,
        400,
        [field],
      ]);
    }
    const bad = await http.get(`${D}/not-a-uuid/departments`, { token: office });
    expect(bad.status).toBe(400);
  });
});
