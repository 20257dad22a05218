import { DEMO_PASSWORD, IdentityDemoSeed } from '@gwaje/identity';
import { ConsultationsDemoSeed } from '@gwaje/consultations';
import { DashboardsService } from '@gwaje/dashboards';
import { EvaluationsDemoSeed } from '@gwaje/evaluations';
import { ReportsDemoSeed } from '@gwaje/reports';
import { TasksDemoSeed } from '@gwaje/tasks';
import { login } from './support/factory.js';
import { useDemoDatabase } from './support/demo-database.js';
import { seoulToday } from './support/tasks.js';

/** Own database, as in tasks-demo.e2e-spec.ts: seeding is global to a database. */
describe('demo data: milestone reports and pre-consultations', () => {
  const demo = useDemoDatabase('reports_demo');

  const today = seoulToday();
  const year = Number(today.slice(0, 4));
  const counts = async () =>
    (
      await demo.db.query<{ reports: number; history: number; filled: number }>(
        `SELECT (SELECT count(*) FROM reports)::int AS reports, (SELECT count(*) FROM history)::int AS history,
                (SELECT count(*) FROM reports WHERE author_id IS NOT NULL)::int AS filled`,
      )
    ).rows[0];

  it('seeds last year’s reports accepted and this year’s review queue; a second run changes nothing', async () => {
    await demo.context.get(IdentityDemoSeed).run();
    await demo.context.get(TasksDemoSeed).run();
    const first = await demo.context.get(ReportsDemoSeed).run();
    expect(first.created).toBeGreaterThan(0);
    const after = await counts();
    expect(after.filled).toBeGreaterThan(0);

    const second = await demo.context.get(ReportsDemoSeed).run();
    expect(second.created).toBe(0);
    expect(await counts()).toEqual(after);

    const auditor = await login(demo.api.http, {
      email: 'auditor@nowon.demo.gwaje.kr',
      password: DEMO_PASSWORD,
    });
    const list = async (query: string) => {
      const res = await demo.api.http.get(`/api/v1/reports?limit=200&${query}`, {
        token: auditor.accessToken,
      });
      expect(res.status).toBe(200);
      return res.body as { total: number; items: Array<Record<string, any>> };
    };

    // Last year: every expected report is accepted, exactly two came in late.
    const previous = await list(`year=${year - 1}`);
    expect(previous.total).toBeGreaterThanOrEqual(9);
    expect(previous.items.every((r) => r.status === 'ACCEPTED')).toBe(true);
    expect(previous.items.filter((r) => r.timeliness === 'LATE')).toHaveLength(2);
    // All nine tasks of last year reported at least once.
    expect(new Set(previous.items.map((r) => r.taskId)).size).toBe(9);

    // This year: the audit office has something to review, something returned, something missing.
    const current = await list(`year=${year}`);
    expect(current.total).toBeGreaterThan(0);
    // Once a period of this year has ended (April onwards), its reports make up the queue.
    if (today >= `${year}-04-01`) {
      expect((await list(`year=${year}&status=SUBMITTED`)).total).toBeGreaterThan(0);
      expect((await list(`year=${year}&status=RETURNED`)).total).toBeGreaterThan(0);
      expect((await list(`year=${year}&missing=true`)).total).toBeGreaterThan(0);
    }
    // Accepted reports drive the in-progress tasks' progress.
    const { rows } = await demo.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks WHERE reported_progress IS NOT NULL`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('seeds pre-consultations in several states, one escalated to 서울특별시; a second run changes nothing', async () => {
    const first = await demo.context.get(ConsultationsDemoSeed).run();
    expect(first.created).toBeGreaterThan(0);
    expect((await demo.context.get(ConsultationsDemoSeed).run()).created).toBe(0);

    const auditor = await login(demo.api.http, {
      email: 'auditor@nowon.demo.gwaje.kr',
      password: DEMO_PASSWORD,
    });
    const all = await demo.api.http.get('/api/v1/consultations?limit=200', {
      token: auditor.accessToken,
    });
    expect(all.status).toBe(200);
    const statuses = (all.body.items as Array<{ status: string }>).map((c) => c.status).sort();
    // The draft stays with its department.
    expect(statuses).toEqual([
      'CLOSED',
      'ESCALATED',
      'OPINION_ISSUED',
      'REJECTED',
      'SUBMITTED',
      'UNDER_REVIEW',
    ]);
    const closed = all.body.items.find((c: { status: string }) => c.status === 'CLOSED');
    expect(closed).toMatchObject({ immunityPresumed: true, turnaroundDays: 21 });
    const review = all.body.items.find((c: { status: string }) => c.status === 'UNDER_REVIEW');
    expect(review.overdue).toBe(true);

    const seoul = await login(demo.api.http, {
      email: 'auditor@seoul.demo.gwaje.kr',
      password: DEMO_PASSWORD,
    });
    const escalated = await demo.api.http.get('/api/v1/consultations', {
      token: seoul.accessToken,
    });
    expect(escalated.body.items.map((c: { status: string }) => c.status)).toEqual(['ESCALATED']);
    expect(escalated.body.items[0].allowedActions).toEqual(
      expect.arrayContaining(['returnAdvice', 'issueOpinion']),
    );
  });

  it('seeds last year’s completed evaluation with grades and incentives; a second run changes nothing', async () => {
    expect((await demo.context.get(EvaluationsDemoSeed).run()).created).toBeGreaterThan(0);
    expect((await demo.context.get(EvaluationsDemoSeed).run()).created).toBe(0);

    const office = await login(demo.api.http, {
      email: 'office@nowon.demo.gwaje.kr',
      password: DEMO_PASSWORD,
    });
    const rounds = await demo.api.http.get(`/api/v1/evaluation-rounds?year=${year - 1}`, {
      token: office.accessToken,
    });
    expect(rounds.status).toBe(200);
    expect(rounds.body).toHaveLength(1);
    const round = rounds.body[0];
    expect(round).toMatchObject({ status: 'CONFIRMED', kind: 'ANNUAL' });
    expect(round.memberIds).toHaveLength(5);
    expect(round.resolution).toMatchObject({
      votesFor: 5,
      votesAgainst: 0,
      agendaItemId: expect.any(String),
    });
    // The results were resolved by the committee: a PASSED EVALUATION_RESULTS item on the round.
    const item = await demo.api.http.get(
      `/api/v1/committee/agenda-items/${round.resolution.agendaItemId}`,
      {
        token: office.accessToken,
      },
    );
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({
      subjectKind: 'EVALUATION_RESULTS',
      subjectId: round.id,
      status: 'DECIDED',
      outcome: 'PASSED',
      meetingDate: round.resolution.meetingDate,
    });

    const nominations = await demo.api.http.get(
      `/api/v1/evaluation-rounds/${round.id}/nominations`,
      {
        token: office.accessToken,
      },
    );
    expect(nominations.body).toHaveLength(5);
    expect(nominations.body.every((n: { status: string }) => n.status === 'CONFIRMED')).toBe(true);
    // The failure case is ranked on its own.
    const failure = nominations.body.find((n: { type: string }) => n.type === 'FAILURE_CASE');
    expect(failure.results).toMatchObject({ rank: 1, grade: 'TOP' });

    const incentives = await demo.api.http.get(`/api/v1/evaluation-rounds/${round.id}/incentives`, {
      token: office.accessToken,
    });
    const staffGrants = incentives.body.grants.filter(
      (g: { userName: string }) => g.userName === '김민준',
    );
    // The owner of a priority task may take two; one is executed.
    expect(staffGrants.map((g: { status: string }) => g.status).sort()).toEqual([
      'EXECUTED',
      'GRANTED',
    ]);

    // The nominee sees the confirmed result of their own nomination, not the sheets.
    const staff = await login(demo.api.http, {
      email: 'staff@nowon.demo.gwaje.kr',
      password: DEMO_PASSWORD,
    });
    const own = await demo.api.http.get(`/api/v1/nominations/${failure.id}`, {
      token: staff.accessToken,
    });
    expect(own.status).toBe(200);
    expect(own.body.results.rank).toBe(1);
    expect(own.body.sheets).toBeNull();
  });

  it('compiles last year’s dashboard to “9 tasks: 7 completed, 2 in progress”', async () => {
    const [org] = (
      await demo.db.query<{ id: string }>(
        `SELECT o.id FROM organisations o JOIN organisations p ON p.id = o.parent_id WHERE o.name = '노원구'`,
      )
    ).rows;
    await demo.context.get(DashboardsService).compile(org.id, year - 1);
    const office = await login(demo.api.http, {
      email: 'office@nowon.demo.gwaje.kr',
      password: DEMO_PASSWORD,
    });
    const res = await demo.api.http.get(`/api/v1/dashboards?year=${year - 1}`, {
      token: office.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.body.figures.tasks).toMatchObject({ priority: 9, completed: 7, inProgress: 2 });
    expect(res.body.figures.tasks.completionRate).toBe(77.8);
    // Last year's reports entered afterwards: all accepted, two late, one returned and resubmitted.
    expect(res.body.figures.reports).toMatchObject({ late: 2, returned: 1, returnedNow: 0 });
    expect(res.body.figures.reports.accepted).toBe(res.body.figures.reports.expected);
  });

  it("counts this year's returns with those still waiting for resubmission", async () => {
    const [org] = (
      await demo.db.query<{ id: string }>(
        `SELECT o.id FROM organisations o JOIN organisations p ON p.id = o.parent_id WHERE o.name = '노원구'`,
      )
    ).rows;
    await demo.context.get(DashboardsService).compile(org.id, year);
    const office = await login(demo.api.http, {
      email: 'office@nowon.demo.gwaje.kr',
      password: DEMO_PASSWORD,
    });
    const res = await demo.api.http.get(`/api/v1/dashboards?year=${year}`, {
      token: office.accessToken,
    });
    expect(res.status).toBe(200);
    const { returned, returnedNow } = res.body.figures.reports;
    // Every report waiting for resubmission was returned this year (the demo's returns are today's).
    expect(returnedNow).toBe(
      (
        await demo.db.query(
          `SELECT 1 FROM reports r JOIN tasks t ON t.id = r.task_id WHERE r.state = 'RETURNED' AND t.year = $1`,
          [year],
        )
      ).rowCount,
    );
    expect(returned).toBeGreaterThanOrEqual(returnedNow);
  });
});
