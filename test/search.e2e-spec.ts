import { randomUUID } from 'node:crypto';
import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';
import { draftConsultation } from './support/consultations.js';
import { type Actor, type TaskWorld, taskWorld, YEAR } from './support/tasks.js';

// GET /api/v1/search: the global search over tasks, reports, pre-consultations and contest
// entries, each kind within its own list's scope.

interface Hit {
  type: string;
  id: string;
  code: string | null;
  title: string;
  snippet: string | null;
  matched: string;
  path: string;
  year: number | null;
  status: string | null;
}

describe('global search', () => {
  const { http, factory } = useTestApi();

  /** A word no other test writes, so hits are this test's. */
  const word = () => `검색${randomUUID().replace(/-/g, '').slice(0, 8)}`;

  const search = async (token: string, query: string) => {
    const res = await http.get(`/api/v1/search?${query}`, { token });
    expect(res.status).toBe(200);
    const hits = (res.body.groups as Array<{ type: string; items: Hit[] }>).flatMap((g) => g.items);
    return { body: res.body, hits, ids: hits.map((h) => h.id) };
  };
  const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;

  /** A report of the task written directly (its text is what is searched, not its workflow). */
  async function report(taskId: string, organisationId: string, achievements: string) {
    const { rows } = await factory.db.query<{ id: string }>(
      `INSERT INTO reports (organisation_id, task_id, year, period, period_start, period_end, due_date, achievements)
       VALUES ($1, $2, $3::int, $4, make_date($3::int, 1, 1), make_date($3::int, 3, 31), make_date($3::int, 4, 7), $5)
       RETURNING id`,
      [organisationId, taskId, YEAR, `${YEAR}-Q1`, achievements],
    );
    return rows[0].id;
  }

  /** An open contest round of the world's organisation with one entry of `departmentId`. */
  async function contestEntry(w: TaskWorld, departmentId: string, title: string) {
    const { rows: round } = await factory.db.query<{ id: string }>(
      `INSERT INTO contest_rounds (organisation_id, year, title, entries_open, entries_close, judging_due,
                                   results_date, fields, criteria, status)
       VALUES ($1, $2::int, '적극행정 경진대회', make_date($2::int, 3, 1), make_date($2::int, 4, 1),
               make_date($2::int, 5, 1), make_date($2::int, 6, 1), '[]', '[]', 'OPEN') RETURNING id`,
      [w.org.id, YEAR],
    );
    const { rows } = await factory.db.query<{ id: string }>(
      `INSERT INTO contest_entries (round_id, entrant_organisation_id, field, title, summary, department_id, submitted_by)
       VALUES ($1, $2, 'GENERAL', $3, '현장 중심 규제 개선 사례', $4, $5) RETURNING id`,
      [round[0].id, w.org.id, title, departmentId, w.office.id],
    );
    return rows[0].id;
  }

  let w: TaskWorld;
  let key: string;
  let task: any;
  let reportId: string;
  let consultation: any;
  let entryId: string;
  beforeAll(async () => {
    w = await taskWorld(http, factory);
    key = word();
    task = await w.task('IN_PROGRESS', {
      title: `청년${key} 창업 공간 확충`,
      summary: '역세권 유휴 공간을 청년 창업 지원 시설로 바꾸는 과제',
      partnerDepartmentIds: [],
    });
    reportId = await report(task.id, w.org.id, `1분기에 ${key}보고 공유오피스 두 곳을 열었다`);
    consultation = await draftConsultation(http, w.staff.token, {
      subject: `${key}자문 보조금 정산 기준`,
    });
    entryId = await contestEntry(w, w.lead.id, `${key}출품 민원 서식 간소화`);
  }, 60_000);

  it('finds a task by its code, first when the code is the query', async () => {
    const { body, hits } = await search(w.office.token, q(task.code, '&types=task'));
    expect(body.groups.map((g: { type: string }) => g.type)).toEqual(['task']);
    expect(hits[0]).toMatchObject({
      type: 'task',
      id: task.id,
      code: task.code,
      matched: 'code',
      path: `/tasks/${task.id}`,
      year: YEAR,
      status: 'IN_PROGRESS',
      snippet: null,
    });
  });

  it('finds a task by part of its Korean title, and by its text with an excerpt', async () => {
    const byTitle = await search(w.head.token, q(`${key} 창업`));
    expect(byTitle.hits).toEqual([
      expect.objectContaining({ id: task.id, matched: 'title', title: task.title }),
    ]);
    // A syllable run inside a word (no word boundary): trigram substring matching.
    const inside = await search(w.head.token, q(key.slice(2, 10)));
    expect(inside.ids).toContain(task.id);

    const byText = await search(w.head.token, q('역세권 유휴', '&types=task'));
    const hit = byText.hits.find((h) => h.id === task.id);
    expect(hit).toMatchObject({ matched: 'text', snippet: expect.stringContaining('역세권 유휴') });
  });

  it('finds reports, pre-consultations and contest entries, each linking to its page', async () => {
    const { body, hits } = await search(w.staff.token, q(key));
    expect(body.groups.map((g: { type: string }) => g.type)).toEqual([
      'task',
      'report',
      'consultation',
      'contestEntry',
    ]);
    const byId = Object.fromEntries(hits.map((h) => [h.id, h]));
    expect(byId[reportId]).toMatchObject({
      type: 'report',
      code: `${task.code} ${YEAR}-Q1`,
      title: task.title,
      matched: 'text',
      path: `/reports/${reportId}`,
      status: 'DRAFT',
      snippet: expect.stringContaining(`${key}보고`),
    });
    expect(byId[consultation.id]).toMatchObject({
      type: 'consultation',
      title: `${key}자문 보조금 정산 기준`,
      matched: 'title',
      path: `/consultations/${consultation.id}`,
      status: 'DRAFT',
    });
    expect(byId[entryId]).toMatchObject({
      type: 'contestEntry',
      matched: 'title',
      path: `/contests/entries/${entryId}`,
      year: YEAR,
    });
    // types narrows the kinds, each alone too
    const only = await search(w.staff.token, q(key, '&types=report,consultation'));
    expect(only.hits.map((h) => h.type).sort()).toEqual(['consultation', 'report']);
    for (const type of ['task', 'report', 'consultation', 'contestEntry']) {
      const one = await search(w.staff.token, q(key, `&types=${type}`));
      expect([type, one.hits.map((h) => h.type)]).toEqual([type, [type]]);
    }
  });

  it('finds a query of two characters (no trigram: the bigram indexes) in every kind', async () => {
    // One bigram each, from the texts written in beforeAll: task summary, report text,
    // consultation subject, contest entry title.
    for (const [text, id] of [
      ['유휴', task.id],
      ['오피', reportId],
      ['정산', consultation.id],
      ['서식', entryId],
    ] as const) {
      expect([text, (await search(w.staff.token, q(text))).ids]).toEqual([
        text,
        expect.arrayContaining([id]),
      ]);
    }
    // Latin letters ignore case over the bigrams too (lower() on both sides), and a pair of
    // syllables no text holds finds nothing.
    const latin = await w.task('IN_PROGRESS', {
      title: 'GIS 기반 현황도 구축',
      summary: '지도 서비스',
      partnerDepartmentIds: [],
    });
    expect((await search(w.staff.token, q('gi', '&types=task'))).ids).toContain(latin.id);
    expect((await search(w.staff.token, q('뷁쉟'))).hits).toEqual([]);
  });

  it('searches each kind within its own scope: never another department’s or organisation’s', async () => {
    // STAFF of an unrelated department reads none of them (the draft consultation and the entry
    // belong to the lead department; the task has no partner department).
    expect((await search(w.outsider.token, q(key))).hits).toEqual([]);
    // The organisation-wide readers find the task, its report and the entry; the consultation
    // is a draft, which only its department reads.
    for (const reader of [w.office, w.auditor]) {
      const { ids } = await search(reader.token, q(key));
      expect(ids).toEqual(expect.arrayContaining([task.id, reportId, entryId]));
      expect(ids).not.toContain(consultation.id);
    }
    // A member of the task reads it (and its report) from another department.
    await factory.db.query(`INSERT INTO task_members (task_id, user_id) VALUES ($1, $2)`, [
      task.id,
      w.outsider.id,
    ]);
    const member = await search(w.outsider.token, q(key));
    expect(member.ids.sort()).toEqual([task.id, reportId].sort());
    await factory.db.query(`DELETE FROM task_members WHERE task_id = $1 AND user_id = $2`, [
      task.id,
      w.outsider.id,
    ]);
    // So does a partner department (each branch of the scope's OR reaches the search: issue 23
    // lists a department reader's readable task ids first).
    await factory.db.query(
      `INSERT INTO task_partner_departments (task_id, department_id) VALUES ($1, $2)`,
      [task.id, w.otherDept.id],
    );
    const partner = await search(w.outsider.token, q(key));
    expect(partner.ids.sort()).toEqual([task.id, reportId].sort());
    await factory.db.query(
      `DELETE FROM task_partner_departments WHERE task_id = $1 AND department_id = $2`,
      [task.id, w.otherDept.id],
    );
    expect((await search(w.outsider.token, q(key))).hits).toEqual([]);

    // Another organisation's auditor, office and staff find nothing of it, even by code.
    const other = await factory.org();
    const dept = await factory.dept(other.id);
    for (const role of ['AUDITOR', 'PROACTIVE_OFFICE', 'STAFF'] as const) {
      const u = await factory.user(dept, [role]);
      const token = (await login(http, u)).accessToken;
      expect((await search(token, q(key))).hits).toEqual([]);
      expect((await search(token, q(task.code))).ids).not.toContain(task.id);
    }
    // An ADMIN-only account reads no business records.
    expect((await search(w.admin.token, q(key))).hits).toEqual([]);
  });

  it('records each search in the access log with its query', async () => {
    const reader: Actor = w.auditor;
    await search(reader.token, q(`  ${key}  `, '&limit=5'));
    const { rows } = await factory.db.query(
      `SELECT action, record_type, filter FROM access_log
        WHERE user_id = $1 AND record_type = 'search' ORDER BY id DESC LIMIT 1`,
      [reader.id],
    );
    expect(rows[0]).toEqual({
      action: 'LIST',
      record_type: 'search',
      filter: { q: key, types: 'all', limit: 5 },
    });
  });

  it('pages each kind: limit per kind and whether there are more', async () => {
    const shared = word();
    for (let i = 0; i < 3; i++)
      await w.task('SELECTED', { title: `${shared} 과제 ${i}`, partnerDepartmentIds: [] });
    const { body } = await search(w.office.token, q(shared, '&types=task&limit=2'));
    expect(body.groups).toEqual([expect.objectContaining({ type: 'task', hasMore: true })]);
    expect(body.groups[0].items).toHaveLength(2);
    const all = await search(w.office.token, q(shared, '&types=task&limit=3'));
    expect(all.body.groups[0]).toMatchObject({ hasMore: false });
    expect(all.hits).toHaveLength(3);
  });

  it('refuses a query shorter than 2 characters after trimming, naming q', async () => {
    for (const text of ['', ' ', '복', '  가  ', 'a']) {
      const res = await http.get(`/api/v1/search?${q(text)}`, { token: w.staff.token });
      expect([text, res.status, res.body.code]).toEqual([text, 400, 'VALIDATION_FAILED']);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'q' })]);
      expect(res.body.details[0].message).toMatch(/2자 이상/);
    }
    const missing = await http.get('/api/v1/search', { token: w.staff.token });
    expect(missing.status).toBe(400);
    const badType = await http.get(`/api/v1/search?${q(key, '&types=user')}`, {
      token: w.staff.token,
    });
    expect([badType.status, badType.body.details?.[0]?.field]).toEqual([400, 'types']);
    const unauthenticated = await http.get(`/api/v1/search?${q(key)}`);
    expect(unauthenticated.status).toBe(401);
  });

  it('takes ILIKE wildcards literally', async () => {
    const { hits } = await search(w.office.token, q('%%'));
    expect(hits).toEqual([]);
  });
});
