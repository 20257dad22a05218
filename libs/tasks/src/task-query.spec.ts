import { afterAll, jest } from '@jest/globals';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { seoulToday, taskDelayed, taskProgress } from './task-derived.js';
import { buildTaskIdQuery, buildTaskRowsQuery, TASK_SORTS } from './task-query.js';
import { TaskCategory, TaskRisk, TaskStatus } from './task.entity.js';

const ORG_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const DEPT_A1 = 'aaaaaaaa-1111-4000-8000-000000000001';
const DEPT_A2 = 'aaaaaaaa-2222-4000-8000-000000000002';

let nextId = 1;
function user(roles: Role[], departmentId = DEPT_A1, organisationId = ORG_A): AuthUser {
  const n = nextId++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sessionId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    organisationId,
    departmentId,
    roles,
    name: `사용자${n}`,
    email: `user${n}@example.go.kr`,
    language: 'ko',
  };
}

// 01:00 on 2026-06-16 in Seoul while it is still the 15th in UTC: "today" must be Seoul's date.
jest.useFakeTimers({ now: new Date('2026-06-15T16:00:00Z') });
afterAll(() => {
  jest.useRealTimers();
});
const TODAY = '2026-06-16';

// businessScope is synchronous and never touches the data source.
const policy = new AccessPolicy(null as any);

const staff = user([Role.STAFF], DEPT_A2);
const auditor = user([Role.AUDITOR]);
const admin = user([Role.ADMIN]);

type Query = { sql: string; values: unknown[] };

/**
 * Every `$n` points at a value and every value is used (Postgres rejects a parameter no expression
 * uses: "could not determine data type of parameter $n"); no named placeholder is left.
 */
function expectWellNumbered({ sql, values }: Query): void {
  const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  expect([...used].sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
  expect(sql).not.toMatch(/:scope/);
  expect(sql).not.toMatch(/[^:]:[a-zA-Z]\w*/); // `::date` casts are fine, `:name` is not
}

/** The placeholder that carries `value` (the first value deeply equal to it). */
function param(values: unknown[], value: unknown): string {
  const i = values.findIndex((v) => JSON.stringify(v) === JSON.stringify(value));
  expect(i).toBeGreaterThanOrEqual(0);
  return `$${i + 1}`;
}

/** The outer WHERE clause (sub-selects have their own WHEREs). */
function whereOf(sql: string): string {
  const m = /(?:FROM tasks t|\) ms ON true)\s+WHERE /.exec(sql);
  expect(m).not.toBeNull();
  return sql.slice(m!.index + m![0].lastIndexOf('WHERE'));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

it('runs on a fixed clock whose Seoul date differs from the UTC date', () => {
  expect(seoulToday()).toBe(TODAY);
  expect(new Date().toISOString().slice(0, 10)).toBe('2026-06-15');
});

describe('buildTaskIdQuery: values are parameters, never SQL text', () => {
  const injection = "통학로'; DROP TABLE tasks; --";

  it('passes a hostile q only as a %…% parameter', () => {
    const q = buildTaskIdQuery(policy, staff, { q: injection });
    expectWellNumbered(q);
    expect(q.values).toContain(`%${injection}%`);
    expect(q.sql).not.toContain('통학로');
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toContain("'; ");
    expect(q.sql).not.toContain('--');
    expect(whereOf(q.sql)).toContain(
      `(t.code || ' ' || t.title || ' ' || t.summary) ILIKE ${param(q.values, `%${injection}%`)}`,
    );
  });

  it('escapes LIKE wildcards and the escape character in q', () => {
    const q = buildTaskIdQuery(policy, staff, { q: '50%_off\\x' });
    expect(q.values).toContain('%50\\%\\_off\\\\x%');
    expect(q.sql).not.toContain('50');
    expect(q.sql).not.toContain('off');
  });

  it('puts no user-supplied or user-derived value in the SQL text', () => {
    const filter = {
      id: 'cccccccc-0000-4000-8000-000000000009',
      year: 2026,
      status: [TaskStatus.SELECTED, TaskStatus.IN_PROGRESS],
      leadDepartmentId: 'dddddddd-0000-4000-8000-000000000001',
      ownerId: 'eeeeeeee-0000-4000-8000-000000000001',
      category: TaskCategory.COLLABORATION,
      risk: TaskRisk.HIGH,
      delayed: true,
      q: injection,
    };
    const q = buildTaskIdQuery(policy, staff, filter, {
      sort: 'progress',
      order: 'desc',
      limit: 37,
      offset: 1234,
    });
    expectWellNumbered(q);
    for (const v of [
      filter.id,
      filter.leadDepartmentId,
      filter.ownerId,
      'COLLABORATION',
      'HIGH',
      '2026',
      '1234',
      '37',
      staff.id,
      staff.departmentId,
      staff.organisationId,
    ]) {
      expect(q.sql).not.toContain(v);
    }
    expect(q.values).toEqual(
      expect.arrayContaining([
        filter.id,
        2026,
        filter.status,
        filter.leadDepartmentId,
        filter.ownerId,
        'COLLABORATION',
        'HIGH',
        `%${injection}%`,
        37,
        1234,
      ]),
    );
  });

  it('buildTaskRowsQuery passes ids and the caller as parameters too', () => {
    const ids = ['cccccccc-0000-4000-8000-000000000001', 'cccccccc-0000-4000-8000-000000000002'];
    const q = buildTaskRowsQuery(ids, staff.id);
    expectWellNumbered(q);
    expect(q.values).toEqual([ids, expect.stringMatching(DATE), staff.id]);
    for (const v of [...ids, staff.id]) expect(q.sql).not.toContain(v);
  });
});

describe('buildTaskIdQuery: filters', () => {
  const base = buildTaskIdQuery(policy, staff, {});

  it('without filters has only the scope as parameters and selects ids', () => {
    expectWellNumbered(base);
    expect(base.values).toEqual([DEPT_A2, staff.id]);
    expect(base.sql).toMatch(/^SELECT t\.id FROM tasks t WHERE /);
    expect(base.sql).not.toContain('t.year =');
    expect(base.sql).not.toContain('t.status = ANY');
    expect(base.sql).not.toContain('ILIKE');
    expect(base.sql).not.toContain('due_date');
  });

  it('year', () => {
    const q = buildTaskIdQuery(policy, staff, { year: 2025 });
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, 2025]);
    expect(whereOf(q.sql)).toContain(' AND t.year = $3');
  });

  it('status array', () => {
    const status = [TaskStatus.DRAFT, TaskStatus.SUSPENDED];
    const q = buildTaskIdQuery(policy, staff, { status });
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, status]);
    expect(whereOf(q.sql)).toContain(' AND t.status = ANY($3::task_status[])');
  });

  it('an empty status array adds nothing', () => {
    const q = buildTaskIdQuery(policy, staff, { status: [] });
    expect(q).toEqual(base);
  });

  it('id, lead department, owner, category and risk', () => {
    const q = buildTaskIdQuery(policy, staff, {
      id: 'cccccccc-0000-4000-8000-000000000001',
      leadDepartmentId: DEPT_A1,
      ownerId: auditor.id,
      category: TaskCategory.REGULATORY,
      risk: TaskRisk.LOW,
    });
    expectWellNumbered(q);
    const w = whereOf(q.sql);
    expect(w).toContain(`t.id = ${param(q.values, 'cccccccc-0000-4000-8000-000000000001')}`);
    expect(w).toContain(`t.lead_department_id = ${param(q.values, DEPT_A1)}`);
    expect(w).toContain(`t.owner_id = ${param(q.values, auditor.id)}`);
    expect(w).toContain(`t.category = ${param(q.values, 'REGULATORY')}`);
    expect(w).toContain(`t.risk = ${param(q.values, 'LOW')}`);
  });

  it('q', () => {
    const q = buildTaskIdQuery(policy, staff, { q: '통학로' });
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, '%통학로%']);
    expect(whereOf(q.sql)).toContain(
      ` AND (t.code || ' ' || t.title || ' ' || t.summary) ILIKE $3`,
    );
  });

  it('delayed true adds the delayed condition with one parameter: the Seoul date', () => {
    const q = buildTaskIdQuery(policy, staff, { delayed: true });
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, TODAY]);
    const w = whereOf(q.sql).replace(/\s+/g, ' ');
    expect(w).toContain(
      " AND (t.status IN ('SELECTED', 'IN_PROGRESS') AND (t.due_date < $3::date OR EXISTS ( " +
        "SELECT 1 FROM milestones m WHERE m.task_id = t.id AND m.status = 'PLANNED' AND m.due_date < $3::date)))",
    );
    expect(w).not.toContain('NOT (');
  });

  it('delayed false adds the negated condition', () => {
    const yes = buildTaskIdQuery(policy, staff, { delayed: true });
    const no = buildTaskIdQuery(policy, staff, { delayed: false });
    expectWellNumbered(no);
    expect(no.values).toEqual(yes.values);
    const cond = whereOf(yes.sql).slice(whereOf(yes.sql).indexOf(' AND ') + 5);
    expect(whereOf(no.sql)).toContain(` AND NOT ${cond}`);
  });

  it('combines filters with AND after the scope, in a fixed order', () => {
    const q = buildTaskIdQuery(policy, staff, { year: 2026, status: [TaskStatus.DRAFT], q: 'x' });
    expectWellNumbered(q);
    const w = whereOf(q.sql);
    expect(w).toContain(') AND t.year = $3 AND t.status = ANY($4::task_status[]) AND (t.code');
    expect(w).toContain('ILIKE $5');
  });
});

describe('buildTaskIdQuery: scope', () => {
  it('replaces every scope placeholder with a numbered parameter, one per name', () => {
    const q = buildTaskIdQuery(policy, staff, {});
    expectWellNumbered(q);
    // STAFF uses :scopeDept twice and :scopeUser twice; each name becomes one parameter.
    expect(q.values).toEqual([DEPT_A2, staff.id]);
    expect(q.sql.match(/\$1\b/g)).toHaveLength(2);
    expect(q.sql.match(/\$2\b/g)).toHaveLength(2);
  });

  it('scopes an AUDITOR by the organisation column', () => {
    const q = buildTaskIdQuery(policy, auditor, {});
    expectWellNumbered(q);
    expect(q.values).toEqual([ORG_A]);
    expect(whereOf(q.sql).trimEnd()).toBe('WHERE (t.organisation_id = $1)');
    expect(q.sql).not.toContain('lead_department_id');
    expect(q.sql).not.toContain('task_partner_departments');
  });

  it('scopes a STAFF by the department column, partner departments, owner and members', () => {
    const q = buildTaskIdQuery(policy, staff, {});
    expect(whereOf(q.sql).trimEnd()).toBe(
      'WHERE (t.lead_department_id = $1 OR (' +
        't.id = ANY(ARRAY(SELECT tp.task_id FROM task_partner_departments tp WHERE tp.department_id = $1)) ' +
        'OR t.owner_id = $2 ' +
        'OR t.id = ANY(ARRAY(SELECT tmm.task_id FROM task_members tmm WHERE tmm.user_id = $2))))',
    );
    expect(q.sql).not.toContain('t.organisation_id');
  });

  it('ORs both for a DEPT_HEAD who is also AUDITOR', () => {
    const both = user([Role.DEPT_HEAD, Role.AUDITOR], DEPT_A2);
    const q = buildTaskIdQuery(policy, both, {});
    expectWellNumbered(q);
    expect(q.values).toEqual([ORG_A, DEPT_A2, both.id]);
    expect(whereOf(q.sql)).toMatch(
      /^WHERE \(t\.organisation_id = \$1 OR t\.lead_department_id = \$2 OR \(/,
    );
  });

  it.each([
    ['ADMIN', admin],
    ['COMMITTEE', user([Role.COMMITTEE])],
  ])('an %s-only user reads nothing (FALSE) and gets no scope parameter', (_role, u) => {
    const q = buildTaskIdQuery(policy, u, { year: 2026 });
    expectWellNumbered(q);
    expect(whereOf(q.sql).trimEnd()).toBe('WHERE FALSE AND t.year = $1');
    expect(q.values).toEqual([2026]);
  });
});

describe('buildTaskIdQuery: pages', () => {
  it.each(TASK_SORTS)('a sorted page by %s orders, limits, offsets and counts', (sort) => {
    const q = buildTaskIdQuery(policy, staff, {}, { sort, order: 'desc', limit: 25, offset: 50 });
    expectWellNumbered(q);
    const n = q.values.length;
    expect(q.values.slice(-2)).toEqual([25, 50]);
    expect(q.sql).toMatch(
      new RegExp(`ORDER BY \\S+ DESC, t\\.id DESC LIMIT \\$${n - 1} OFFSET \\$${n}\\s*$`),
    );
    expect(q.sql).toContain(', count(*) OVER () AS total FROM tasks t');
  });

  it('maps sort keys to columns and order to ASC', () => {
    const page = { order: 'asc', limit: 10, offset: 0 } as const;
    const expected: Record<(typeof TASK_SORTS)[number], string> = {
      code: 't.code',
      title: 't.title',
      startDate: 't.start_date',
      dueDate: 't.due_date',
      status: 't.status',
      progress: 'progress',
      updatedAt: 't.updated_at',
    };
    for (const sort of TASK_SORTS) {
      const q = buildTaskIdQuery(policy, staff, {}, { sort, ...page });
      expect(q.sql).toContain(`ORDER BY ${expected[sort]} ASC, t.id ASC LIMIT`);
    }
  });

  it('only the progress sort computes progress (and then needs the Seoul date)', () => {
    const byCode = buildTaskIdQuery(
      policy,
      staff,
      {},
      { sort: 'code', order: 'asc', limit: 10, offset: 0 },
    );
    expect(byCode.sql).not.toContain('LATERAL');
    expect(byCode.sql).not.toContain('AS progress');
    expect(byCode.values).toEqual([DEPT_A2, staff.id, 10, 0]);

    const byProgress = buildTaskIdQuery(
      policy,
      staff,
      {},
      {
        sort: 'progress',
        order: 'asc',
        limit: 10,
        offset: 0,
      },
    );
    expectWellNumbered(byProgress);
    expect(byProgress.values).toEqual([DEPT_A2, staff.id, TODAY, 10, 0]);
    expect(byProgress.sql).toContain('LEFT JOIN LATERAL');
    expect(byProgress.sql).toContain('END AS progress');
    expect(byProgress.sql).toContain('m.due_date < $3::date');
  });

  it('the progress sort and the delayed filter share one date parameter', () => {
    const q = buildTaskIdQuery(
      policy,
      staff,
      { delayed: true },
      {
        sort: 'progress',
        order: 'asc',
        limit: 10,
        offset: 0,
      },
    );
    expectWellNumbered(q);
    expect(q.values.filter((v) => v === TODAY)).toHaveLength(1);
  });

  it('a keyset page continues after an id, orders by id and does not count', () => {
    const after = 'ffffffff-0000-4000-8000-000000000001';
    const q = buildTaskIdQuery(policy, staff, { year: 2026 }, { afterId: after, limit: 500 });
    expectWellNumbered(q);
    expect(q.sql).not.toContain(after);
    expect(q.values).toEqual([DEPT_A2, staff.id, 2026, after, 500]);
    expect(whereOf(q.sql)).toContain(' AND t.year = $3 AND t.id > $4 ORDER BY t.id LIMIT $5');
    expect(q.sql).toMatch(/ORDER BY t\.id LIMIT \$5\s*$/);
    expect(q.sql).not.toContain('count(*) OVER');
    expect(q.sql).not.toContain('OFFSET');
  });

  it('the first keyset page has no id condition', () => {
    const q = buildTaskIdQuery(policy, staff, {}, { afterId: null, limit: 500 });
    expectWellNumbered(q);
    expect(q.sql).not.toContain('t.id >');
    expect(q.sql).toMatch(/ORDER BY t\.id LIMIT \$3\s*$/);
    expect(q.sql).not.toContain('count(*) OVER');
  });

  it('without a page: no ORDER BY, LIMIT or count', () => {
    const q = buildTaskIdQuery(policy, staff, { id: 'cccccccc-0000-4000-8000-000000000001' });
    expectWellNumbered(q);
    expect(q.sql).not.toContain('ORDER BY');
    expect(q.sql).not.toContain('LIMIT');
    expect(q.sql).not.toContain('count(*) OVER');
  });
});

describe('buildTaskRowsQuery', () => {
  const ids = ['cccccccc-0000-4000-8000-000000000002', 'cccccccc-0000-4000-8000-000000000001'];
  const { sql, values } = buildTaskRowsQuery(ids, staff.id);

  it('reads exactly the given ids, in the given order', () => {
    expect(values[0]).toEqual(ids);
    expect(whereOf(sql)).toContain('WHERE t.id = ANY($1::uuid[])');
    expect(sql).toMatch(/ORDER BY array_position\(\$1::uuid\[\], t\.id\)\s*$/);
  });

  it('derives delayed with the same rule as taskDelayed and the Seoul date', () => {
    expect(values[1]).toBe(TODAY);
    expect(sql).toContain(
      "(t.status IN ('SELECTED', 'IN_PROGRESS') AND (t.due_date < $2::date OR COALESCE(ms.overdue, false))) AS delayed",
    );
    expect(sql).toContain("bool_or(m.status = 'PLANNED' AND m.due_date < $2::date) AS overdue");
    // the same cases in taskDelayed: strictly before today, only PLANNED milestones
    const today = '2026-06-15';
    expect(taskDelayed(TaskStatus.IN_PROGRESS, today, [], today)).toBe(false);
    expect(
      taskDelayed(
        TaskStatus.SELECTED,
        '2026-12-31',
        [{ status: 'PLANNED', weight: 1, dueDate: '2026-06-14' }],
        today,
      ),
    ).toBe(true);
    expect(
      taskDelayed(
        TaskStatus.SELECTED,
        '2026-12-31',
        [{ status: 'DONE', weight: 1, dueDate: '2026-06-14' }],
        today,
      ),
    ).toBe(false);
  });

  it('tells whether the caller is a member', () => {
    expect(values[2]).toBe(staff.id);
    expect(sql).toContain(
      'EXISTS (SELECT 1 FROM task_members tm WHERE tm.task_id = t.id AND tm.user_id = $3) AS is_member',
    );
  });
});

describe('progress in SQL agrees with taskProgress', () => {
  const rows = buildTaskRowsQuery(['cccccccc-0000-4000-8000-000000000001'], staff.id).sql;
  const ids = buildTaskIdQuery(
    policy,
    staff,
    {},
    {
      sort: 'progress',
      order: 'asc',
      limit: 10,
      offset: 0,
    },
  ).sql;

  it.each([
    ['buildTaskRowsQuery', rows],
    ['buildTaskIdQuery sorted by progress', ids],
  ])('%s has the branches of taskProgress in the same order', (_name, sql) => {
    const branches = [
      "CASE WHEN t.status = 'COMPLETED' THEN 100",
      'WHEN t.reported_progress IS NOT NULL THEN t.reported_progress',
      'WHEN COALESCE(ms.total_weight, 0) = 0 THEN 0',
      'ELSE round(100 * ms.done_weight / ms.total_weight)::int END AS progress',
    ];
    const at = branches.map((b) => sql.indexOf(b));
    for (const i of at) expect(i).toBeGreaterThan(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // weighted by weight, not by count
    expect(sql).toContain('sum(m.weight) AS total_weight');
    expect(sql).toContain(
      "COALESCE(sum(m.weight) FILTER (WHERE m.status = 'DONE'), 0) AS done_weight",
    );
  });

  it('taskProgress answers the same cases the same way', () => {
    const planned = { status: 'PLANNED', weight: 1, dueDate: '2026-01-01' } as const;
    const done = { status: 'DONE', weight: 1, dueDate: '2026-01-01' } as const;
    // COMPLETED → 100, even with a report and nothing done
    expect(taskProgress(TaskStatus.COMPLETED, 30, [planned])).toBe(100);
    // a report overrides the milestones, including 0
    expect(taskProgress(TaskStatus.IN_PROGRESS, 0, [done])).toBe(0);
    // no milestones → 0
    expect(taskProgress(TaskStatus.IN_PROGRESS, null, [])).toBe(0);
    // otherwise the rounded weighted share
    expect(taskProgress(TaskStatus.IN_PROGRESS, null, [done, planned, planned])).toBe(33);
  });
});
