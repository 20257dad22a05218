import { HttpClient, startApi, type TestApi } from './support/app.js';
import { Factory, login, type TestDept, type TestOrg } from './support/factory.js';
import { activeTaskSince } from './support/reports.js';
import { type Actor, type TaskWorld, taskWorld } from './support/tasks.js';

// 중점 협업과제 report monthly (issue 21 item 2, "closer management"): whatever the lead
// organisation's reporting calendar (QUARTERLY by default), a focus collaboration task owes the
// monthly periods that begin after its designation, while the periods begun before stay as they
// were. Its non-focus sibling and a plain task of the same organisation owe the quarterly ones.
// Time is arranged only by back-dating the tasks' activity and the designation (last year's
// periods have all begun); everything else goes through HTTP, generation through the route that
// runs what the worker's GENERATE_EXPECTED_REPORTS job runs per organisation.

const P = 2025;
const DESIGNATED = `${P}-05-10 10:00`; // Asia/Seoul: Q2 (04-01) and M05 began before it

describe('중점 협업과제 report monthly (collaboration cadence)', () => {
  const http = new HttpClient();
  const factory = new Factory();
  let api: TestApi;
  const C = '/api/v1/collaborations';

  beforeAll(async () => {
    api = await startApi();
    http.baseUrl = api.url;
  });
  afterAll(async () => {
    await api?.close();
    await factory.close();
  });

  const actor = async (dept: TestDept, roles: string[]): Promise<Actor> => {
    const user = await factory.user(dept, roles as any);
    return { ...user, token: (await login(http, user)).accessToken };
  };

  async function ministry() {
    const org: TestOrg = await factory.org();
    await factory.db.query(`UPDATE organisations SET kind = 'CENTRAL_AGENCY' WHERE id = $1`, [
      org.id,
    ]);
    const officeDept = await factory.dept(org.id, { isProactiveOffice: true });
    return { org, office: await actor(officeDept, ['PROACTIVE_OFFICE']) };
  }

  async function collaborate(lead: TaskWorld, taskId: string, coordinatorId: string) {
    const res = await http.post(
      C,
      { taskId, coordinatorOrganisationId: coordinatorId },
      { token: lead.office.token },
    );
    if (res.status !== 201)
      throw new Error(`collaboration: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const open = (who: Actor, taskId: string, period: string) =>
    http.post('/api/v1/reports', { taskId, period }, { token: who.token });

  async function periodsOf(who: Actor, taskId: string): Promise<string[]> {
    const res = await http.get(`/api/v1/reports?taskId=${taskId}&year=${P}&limit=100`, {
      token: who.token,
    });
    expect(res.status).toBe(200);
    return res.body.items
      .map((r: any) => [r.periodStart, r.period])
      .sort(([a, p]: string[], [b, q]: string[]) => a.localeCompare(b) || p.localeCompare(q))
      .map(([, p]: string[]) => p);
  }

  it('a focus task owes the months begun after its designation, the quarters begun before; the others the quarters', async () => {
    const coordinator = await ministry();
    const si = await taskWorld(http, factory);
    const since = `${P}-01-01`;
    const [focusTask, siblingTask, plainTask] = [
      await activeTaskSince(si, factory, since),
      await activeTaskSince(si, factory, since),
      await activeTaskSince(si, factory, since),
    ];
    const focus = await collaborate(si, focusTask.id, coordinator.org.id);
    const sibling = await collaborate(si, siblingTask.id, coordinator.org.id);
    const designated = await http.post(
      `${C}/${focus.id}/focus`,
      { version: focus.version, focus: true, reason: 'TF 운영, 월별 점검' },
      { token: coordinator.office.token },
    );
    expect(designated.status).toBe(200);
    expect(designated.body.focus).toBe(true);
    await factory.db.query(
      `UPDATE collaboration_tasks SET focus_designated_at = $2::timestamp AT TIME ZONE 'Asia/Seoul'
        WHERE id = $1`,
      [focus.id, DESIGNATED],
    );

    // The detail says how often each reports from now on.
    const cadenceOf = async (id: string) =>
      (await http.get(`${C}/${id}`, { token: si.staff.token })).body.reportingCadence;
    expect([await cadenceOf(focus.id), await cadenceOf(sibling.id)]).toEqual([
      'MONTHLY',
      'QUARTERLY',
    ]);

    // The lead's staff opens a period's report (the specific-period path): the focus task's
    // quarter that began after the designation is not one it owes, its month is.
    const q3 = await open(si.staff, focusTask.id, `${P}-Q3`);
    expect(q3.status).toBe(400);
    expect(q3.body).toMatchObject({
      code: 'PERIOD_NOT_OPEN',
      details: [{ field: 'period', code: 'notInCalendar' }],
      cadence: 'MONTHLY',
    });
    expect(q3.body.taskOwn).toBeUndefined();
    expect(JSON.stringify(q3.body)).toContain('이 과제의');
    expect((await open(si.staff, focusTask.id, `${P}-M07`)).status).toBe(200);
    // Q2 and May began before the designation: the calendar's quarter, not the month.
    expect((await open(si.staff, focusTask.id, `${P}-Q2`)).status).toBe(200);
    const may = await open(si.staff, focusTask.id, `${P}-M05`);
    expect(may.status).toBe(400);
    expect(may.body).toMatchObject({ code: 'PERIOD_NOT_OPEN', cadence: 'QUARTERLY' });
    // The non-focus sibling and the plain task: quarters only.
    for (const task of [siblingTask, plainTask]) {
      const month = await open(si.staff, task.id, `${P}-M07`);
      expect(month.status).toBe(400);
      expect(month.body).toMatchObject({ code: 'PERIOD_NOT_OPEN', cadence: 'QUARTERLY' });
      expect(JSON.stringify(month.body)).not.toContain('이 과제의');
    }
    expect((await open(si.staff, plainTask.id, `${P}-Q3`)).status).toBe(200);

    // Generation (what the worker's daily job does for each organisation): the rest of the year.
    const generate = () =>
      http.post('/api/v1/reports/generate', { year: P }, { token: si.office.token });
    const first = await generate();
    expect(first.status).toBe(200);
    // focus: Q1 and M06, M08–M12 (Q2 and M07 were opened); sibling: Q1–Q4; plain: Q1, Q2, Q4.
    expect(first.body).toEqual({ year: P, created: 7 + 4 + 3 });
    expect(await periodsOf(si.auditor, focusTask.id)).toEqual([
      `${P}-Q1`,
      `${P}-Q2`,
      `${P}-M06`,
      `${P}-M07`,
      `${P}-M08`,
      `${P}-M09`,
      `${P}-M10`,
      `${P}-M11`,
      `${P}-M12`,
    ]);
    const quarters = [1, 2, 3, 4].map((q) => `${P}-Q${q}`);
    expect(await periodsOf(si.auditor, siblingTask.id)).toEqual(quarters);
    expect(await periodsOf(si.auditor, plainTask.id)).toEqual(quarters);
    // Each monthly report is due like the calendar's: N business days after its month.
    const [dec] = (
      await http.get(`/api/v1/reports?taskId=${focusTask.id}&period=${P}-M12`, {
        token: si.auditor.token,
      })
    ).body.items;
    expect(dec).toMatchObject({ periodStart: `${P}-12-01`, periodEnd: `${P}-12-31` });
    expect(dec.dueDate > `${P}-12-31`).toBe(true);

    // Generating again creates nothing.
    expect((await generate()).body).toEqual({ year: P, created: 0 });

    // 기관관리 again: the calendar's cadence applies to the periods not yet expected (here Q3 and
    // Q4, which the monthly reports stood in for); the monthly reports already expected stay.
    const undesignated = await http.post(
      `${C}/${focus.id}/focus`,
      { version: designated.body.version, focus: false, reason: '기관관리 전환' },
      { token: coordinator.office.token },
    );
    expect(undesignated.status).toBe(200);
    expect(undesignated.body.reportingCadence).toBe('QUARTERLY');
    expect((await open(si.staff, focusTask.id, `${P}-M08`)).status).toBe(200); // already there
    expect((await generate()).body).toEqual({ year: P, created: 2 });
    expect(await periodsOf(si.auditor, focusTask.id)).toEqual([
      `${P}-Q1`,
      `${P}-Q2`,
      `${P}-M06`,
      `${P}-M07`,
      `${P}-Q3`,
      `${P}-M08`,
      `${P}-M09`,
      `${P}-M10`,
      `${P}-Q4`,
      `${P}-M11`,
      `${P}-M12`,
    ]);
  });
});
