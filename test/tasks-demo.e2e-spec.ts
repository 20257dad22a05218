import { DEMO_PASSWORD, IdentityDemoSeed } from '@gwaje/identity';
import { seoulToday, TasksDemoSeed } from '@gwaje/tasks';
import { login } from './support/factory.js';
import { useDemoDatabase } from './support/demo-database.js';

/**
 * The demo seed runs in a database of this suite's own (created beside the run's test database and
 * dropped after), because demo-seed.e2e-spec.ts asserts that its own first identity seed creates
 * records and that a second run leaves the history count unchanged: seeding the same database from
 * a parallel worker would break both.
 */
describe('demo data: priority tasks', () => {
  const demo = useDemoDatabase('tasks_demo');

  const year = Number(seoulToday().slice(0, 4));

  const counts = async () =>
    (
      await demo.db.query(
        `SELECT (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM milestones)::int AS milestones,
                (SELECT count(*) FROM task_members)::int AS members,
                (SELECT count(*) FROM task_partner_departments)::int AS partners,
                (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM history)::int AS history`,
      )
    ).rows[0];

  it('seeds last year’s 9 tasks and this year’s tasks in every state; a second run changes nothing', async () => {
    await demo.context.get(IdentityDemoSeed).run();
    const before = await counts();
    const first = await demo.context.get(TasksDemoSeed).run();
    expect(first.tasks).toBeGreaterThanOrEqual(9 + 8);
    expect(first.created).toBe(first.tasks + first.users);
    const after = await counts();
    expect(after.tasks - before.tasks).toBe(first.tasks);

    const { rows: previous } = await demo.db.query(
      `SELECT t.code, t.title, t.status FROM tasks t JOIN organisations o ON o.id = t.organisation_id
        WHERE o.name = '노원구' AND t.year = $1 ORDER BY t.code`,
      [year - 1],
    );
    expect(previous.map((r) => r.code)).toEqual(
      Array.from({ length: 9 }, (_, i) => `${year - 1}-0${i + 1}`),
    );
    const byStatus = (rows: Array<{ status: string }>, status: string) =>
      rows.filter((r) => r.status === status).length;
    expect(byStatus(previous, 'COMPLETED')).toBe(7);
    expect(byStatus(previous, 'IN_PROGRESS')).toBe(2);
    const titles = Object.fromEntries(previous.map((r) => [r.title, r.status]));
    expect(titles).toMatchObject({
      '뇌병변장애인 비전센터 조성': 'COMPLETED',
      '당현천 음악분수 개선': 'IN_PROGRESS',
    });
    expect(Object.keys(titles)).toEqual(
      expect.arrayContaining(['초등학교 맞춤형 통학로 개선', '카카오톡 체납안내 서비스']),
    );
    // Completed tasks have every milestone done with a date; those in progress some.
    const { rows: milestones } = await demo.db.query(
      `SELECT t.status AS task_status, m.status, m.done_date FROM milestones m JOIN tasks t ON t.id = m.task_id
        WHERE t.year = $1`,
      [year - 1],
    );
    for (const m of milestones.filter((r) => r.task_status === 'COMPLETED')) {
      expect(m.status).toBe('DONE');
      expect(m.done_date).not.toBeNull();
    }
    const running = milestones.filter((r) => r.task_status === 'IN_PROGRESS');
    expect(running.some((m) => m.status === 'DONE')).toBe(true);
    expect(running.some((m) => m.status === 'PLANNED')).toBe(true);

    const { rows: current } = await demo.db.query(
      `SELECT DISTINCT status FROM tasks WHERE year = $1`,
      [year],
    );
    expect(current.map((r) => r.status).sort()).toEqual(
      [
        'COMPLETED',
        'DRAFT',
        'DROPPED',
        'IN_PROGRESS',
        'PROPOSED',
        'REJECTED',
        'SELECTED',
        'SUSPENDED',
      ].sort(),
    );
    // Owners are active users of the lead department; a 서울특별시 department is a partner.
    const { rows: owners } = await demo.db.query(
      `SELECT count(*)::int AS bad FROM tasks t JOIN users u ON u.id = t.owner_id
        WHERE u.department_id <> t.lead_department_id OR NOT u.active`,
    );
    expect(owners[0].bad).toBe(0);
    const { rows: partners } = await demo.db.query(
      `SELECT o.name FROM task_partner_departments tp JOIN departments d ON d.id = tp.department_id
         JOIN organisations o ON o.id = d.organisation_id WHERE o.name = '서울특별시'`,
    );
    expect(partners.length).toBeGreaterThan(0);
    // This year's tasks are written by the seed (one entry each); last year's went through the
    // services as an adopting office enters them: drafted by the owner, then its life and its
    // milestones' actual days entered afterwards (사후 입력), each entry keeping both times.
    const { rows: seeded } = await demo.db.query(
      `SELECT DISTINCT h.action, h.actor_id FROM history h JOIN tasks t ON t.id::text = h.record_id
        WHERE h.record_type = 'task' AND t.year = $1`,
      [year],
    );
    expect(seeded).toEqual([{ action: 'seed', actor_id: null }]);
    const { rows: entered } = await demo.db.query(
      `SELECT h.action, count(*)::int AS n, bool_and(h.effective_at IS NOT NULL) AS dated,
              bool_and(h.late_entry_reason IS NOT NULL) AS reasoned,
              bool_and(h.effective_at < h.occurred_at) AS earlier
         FROM history h JOIN tasks t ON t.id::text = h.record_id
        WHERE h.record_type = 'task' AND t.year = $1 AND h.action <> 'create'
        GROUP BY h.action ORDER BY h.action`,
      [year - 1],
    );
    expect(entered).toEqual([
      { action: 'complete', n: 7, dated: true, reasoned: true, earlier: true },
      {
        action: 'milestone.update',
        n: expect.any(Number),
        dated: true,
        reasoned: true,
        earlier: true,
      },
      { action: 'propose', n: 9, dated: true, reasoned: true, earlier: true },
      { action: 'select', n: 9, dated: true, reasoned: true, earlier: true },
      { action: 'start', n: 9, dated: true, reasoned: true, earlier: true },
    ]);
    const { rows: spans } = await demo.db.query(
      `SELECT count(*)::int AS n FROM task_active_spans s JOIN tasks t ON t.id = s.task_id
        WHERE t.year = $1 AND (s.active_from AT TIME ZONE 'Asia/Seoul')::date < $2::date`,
      [year - 1, `${year}-01-01`],
    );
    expect(spans[0].n).toBe(9);

    // Both seeds again: nothing created, no history added.
    expect((await demo.context.get(IdentityDemoSeed).run()).created).toBe(0);
    expect(await demo.context.get(TasksDemoSeed).run()).toEqual({ created: 0, tasks: 0, users: 0 });
    expect(await counts()).toEqual(after);
  });

  it('shows delayed tasks of this year to the demo AUDITOR, and a staff member their tasks', async () => {
    await demo.context.get(IdentityDemoSeed).run();
    await demo.context.get(TasksDemoSeed).run();
    const auditor = await login(demo.api.http, {
      email: 'auditor@nowon.demo.gwaje.kr',
      password: DEMO_PASSWORD,
    });
    const delayed = await demo.api.http.get(`/api/v1/tasks?year=${year}&delayed=true`, {
      token: auditor.accessToken,
    });
    expect(delayed.status).toBe(200);
    expect(delayed.body.total).toBeGreaterThanOrEqual(2);
    for (const t of delayed.body.items) {
      expect(t).toMatchObject({ delayed: true, status: 'IN_PROGRESS' });
    }
    const all = await demo.api.http.get(`/api/v1/tasks?year=${year}&limit=200`, {
      token: auditor.accessToken,
    });
    expect(all.body.total).toBeGreaterThanOrEqual(8);

    // A demo staff member of 재난안전과 signs in with the demo password and owns tasks there.
    const staff = await login(demo.api.http, {
      email: 'jaenan@nowon.demo.gwaje.kr',
      password: DEMO_PASSWORD,
    });
    const own = await demo.api.http.get(`/api/v1/tasks?year=${year - 1}`, {
      token: staff.accessToken,
    });
    expect(own.status).toBe(200);
    expect(own.body.items.map((t: { title: string }) => t.title)).toContain(
      '초등학교 맞춤형 통학로 개선',
    );
  });
});
