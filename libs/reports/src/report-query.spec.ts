import { jest } from '@jest/globals';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { buildReportQuery, REPORT_SORTS, type ReportSort } from './report-query.js';
import { LATE_SQL } from './report-timeliness.js';

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

/** The caller passes Seoul's date; buildReportQuery never reads the clock. */
const TODAY = '2026-06-16';

// businessScope is synchronous and never touches the data source.
const policy = new AccessPolicy(null as any);

const staff = user([Role.STAFF], DEPT_A2);
const auditor = user([Role.AUDITOR]);
const admin = user([Role.ADMIN]);

type Query = { sql: string; values: unknown[] };

/** Every `$n` points at a value and every value is used; no named placeholder is left. */
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

/** The outer WHERE clause (the scope's sub-selects have their own WHEREs). */
function whereOf(sql: string): string {
  const m = /LEFT JOIN users apr ON apr\.id = r\.approval_requested_by\s+WHERE /.exec(sql);
  expect(m).not.toBeNull();
  return sql.slice(m!.index + m![0].lastIndexOf('WHERE'));
}

/** The scope of `staff` (STAFF of DEPT_A2): lead department, partner departments, owner, members. */
const STAFF_SCOPE =
  '(t.lead_department_id = $1 OR (' +
  't.id = ANY(ARRAY(SELECT tp.task_id FROM task_partner_departments tp WHERE tp.department_id = $1)) ' +
  'OR t.owner_id = $2 ' +
  'OR t.id = ANY(ARRAY(SELECT tmm.task_id FROM task_members tmm WHERE tmm.user_id = $2))))';

describe('buildReportQuery: values are parameters, never SQL text', () => {
  const injection = "x'; DROP TABLE reports; --";

  it('passes a hostile period only as a value', () => {
    const q = buildReportQuery(policy, staff, { period: injection }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([DEPT_A2, staff.id, injection]);
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toContain("x'");
    expect(q.sql).not.toContain("'; ");
    expect(q.sql).not.toContain('--');
    expect(whereOf(q.sql)).toContain(`r.period = ${param(q.values, injection)}`);
  });

  it('passes hostile ids, department and statuses only as values', () => {
    const q = buildReportQuery(
      policy,
      staff,
      {
        id: injection,
        departmentId: `${injection}1`,
        taskId: `${injection}2`,
        status: [injection as 'DRAFT'],
      },
      TODAY,
    );
    expectWellNumbered(q);
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toContain("x'");
    expect(q.values).toEqual([
      DEPT_A2,
      staff.id,
      injection,
      `${injection}1`,
      `${injection}2`,
      [injection],
    ]);
  });

  it('puts no user-supplied or user-derived value in the SQL text', () => {
    const filter = {
      id: 'cccccccc-0000-4000-8000-000000000009',
      year: 2026,
      period: '2026-Q2',
      departmentId: 'dddddddd-0000-4000-8000-000000000001',
      taskId: 'eeeeeeee-0000-4000-8000-000000000001',
      status: ['SUBMITTED' as const, 'RETURNED' as const],
      late: true,
      missing: false,
    };
    const q = buildReportQuery(policy, staff, filter, TODAY, {
      sort: 'dueDate',
      order: 'desc',
      limit: 37,
      offset: 1234,
    });
    expectWellNumbered(q);
    for (const v of [
      filter.id,
      filter.period,
      filter.departmentId,
      filter.taskId,
      'SUBMITTED',
      'RETURNED',
      '2026',
      TODAY,
      '1234',
      '37',
      staff.id,
      staff.departmentId,
      staff.organisationId,
    ]) {
      expect(q.sql).not.toContain(v);
    }
    expect(q.values).toEqual([
      DEPT_A2,
      staff.id,
      filter.id,
      2026,
      '2026-Q2',
      filter.departmentId,
      filter.taskId,
      filter.status,
      TODAY,
      37,
      1234,
    ]);
  });
});

describe('buildReportQuery: filters', () => {
  const base = buildReportQuery(policy, staff, {}, TODAY);

  it('without filters has only the scope, as parameters', () => {
    expectWellNumbered(base);
    expect(base.values).toEqual([DEPT_A2, staff.id]);
    expect(whereOf(base.sql).trimEnd()).toBe(`WHERE ${STAFF_SCOPE}`);
    expect(base.sql).toMatch(/^SELECT\s+r\.id, r\.organisation_id/);
    expect(base.sql).toContain('FROM reports r');
    expect(base.sql).toContain('JOIN tasks t ON t.id = r.task_id');
  });

  it('id', () => {
    const id = 'cccccccc-0000-4000-8000-000000000001';
    const q = buildReportQuery(policy, staff, { id }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, id]);
    expect(whereOf(q.sql)).toContain(`${STAFF_SCOPE} AND r.id = $3`);
  });

  it('year', () => {
    const q = buildReportQuery(policy, staff, { year: 2025 }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, 2025]);
    expect(whereOf(q.sql)).toContain(`${STAFF_SCOPE} AND r.year = $3`);
  });

  it('year 0 is still a filter (checked against undefined, not truthiness)', () => {
    const q = buildReportQuery(policy, staff, { year: 0 }, TODAY);
    expect(q.values).toEqual([...base.values, 0]);
    expect(whereOf(q.sql)).toContain(' AND r.year = $3');
  });

  it('period', () => {
    const q = buildReportQuery(policy, staff, { period: '2025-Q3' }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, '2025-Q3']);
    expect(whereOf(q.sql)).toContain(`${STAFF_SCOPE} AND r.period = $3`);
  });

  it('department is the task’s lead department', () => {
    const q = buildReportQuery(policy, staff, { departmentId: DEPT_A1 }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, DEPT_A1]);
    expect(whereOf(q.sql)).toContain(`${STAFF_SCOPE} AND t.lead_department_id = $3`);
  });

  it('task', () => {
    const taskId = 'cccccccc-0000-4000-8000-000000000002';
    const q = buildReportQuery(policy, staff, { taskId }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, taskId]);
    expect(whereOf(q.sql)).toContain(`${STAFF_SCOPE} AND r.task_id = $3`);
  });

  it('pending approval request (결재 요청), or none, without parameters', () => {
    const yes = buildReportQuery(policy, staff, { approvalRequested: true }, TODAY);
    expect(yes.values).toEqual(base.values);
    expect(whereOf(yes.sql)).toContain(`${STAFF_SCOPE} AND r.approval_requested_at IS NOT NULL`);
    const no = buildReportQuery(policy, staff, { approvalRequested: false }, TODAY);
    expect(whereOf(no.sql)).toContain(`${STAFF_SCOPE} AND r.approval_requested_at IS NULL`);
  });

  it('status list, cast to report_state[] (the column keeps the name state)', () => {
    const status = ['SUBMITTED' as const, 'RETURNED' as const];
    const q = buildReportQuery(policy, staff, { status }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, status]);
    expect(whereOf(q.sql)).toContain(`${STAFF_SCOPE} AND r.state = ANY($3::report_state[])`);
  });

  it('an empty status list adds nothing', () => {
    expect(buildReportQuery(policy, staff, { status: [] }, TODAY)).toEqual(base);
  });

  it('late true adds the Seoul-date lateness condition, without parameters', () => {
    const q = buildReportQuery(policy, staff, { late: true }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual(base.values);
    expect(q.values).not.toContain(TODAY);
    const w = whereOf(q.sql);
    expect(w).toContain(`${STAFF_SCOPE} AND ${LATE_SQL}`);
    expect(w).toContain("AT TIME ZONE 'Asia/Seoul'");
    expect(w).not.toContain('NOT (r.first_submitted_at');
  });

  it('late false adds the negated condition', () => {
    const q = buildReportQuery(policy, staff, { late: false }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual(base.values);
    expect(whereOf(q.sql)).toContain(`${STAFF_SCOPE} AND NOT ${LATE_SQL}`);
  });

  it('missing true uses today as a parameter', () => {
    const q = buildReportQuery(policy, staff, { missing: true }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, TODAY]);
    expect(q.sql).not.toContain(TODAY);
    expect(whereOf(q.sql)).toContain(
      `${STAFF_SCOPE} AND (r.first_submitted_at IS NULL AND r.due_date < $3::date)`,
    );
  });

  it('missing false adds the negated condition, with the same parameter', () => {
    const q = buildReportQuery(policy, staff, { missing: false }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([...base.values, TODAY]);
    expect(whereOf(q.sql)).toContain(
      `${STAFF_SCOPE} AND NOT (r.first_submitted_at IS NULL AND r.due_date < $3::date)`,
    );
  });

  it('today is a parameter only when the missing filter needs it', () => {
    for (const filter of [{}, { late: true }, { late: false }, { year: 2026 }]) {
      expect(buildReportQuery(policy, staff, filter, TODAY).values).not.toContain(TODAY);
    }
  });

  it('uses the today it is given, not the clock', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    try {
      const q = buildReportQuery(policy, staff, { missing: true }, '2025-10-15');
      expect(q.values).toEqual([...base.values, '2025-10-15']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('combines filters with AND after the scope, in a fixed order', () => {
    const q = buildReportQuery(
      policy,
      staff,
      {
        id: 'cccccccc-0000-4000-8000-000000000001',
        year: 2026,
        period: '2026-Q1',
        departmentId: DEPT_A1,
        taskId: 'cccccccc-0000-4000-8000-000000000002',
        status: ['DRAFT'],
        late: false,
        missing: true,
      },
      TODAY,
    );
    expectWellNumbered(q);
    expect(whereOf(q.sql).trimEnd()).toBe(
      `WHERE ${STAFF_SCOPE} AND r.id = $3 AND r.year = $4 AND r.period = $5 ` +
        `AND t.lead_department_id = $6 AND r.task_id = $7 AND r.state = ANY($8::report_state[]) ` +
        `AND NOT ${LATE_SQL} AND (r.first_submitted_at IS NULL AND r.due_date < $9::date)`,
    );
  });
});

describe('buildReportQuery: scope', () => {
  it('comes first and is parameterised, with a stub policy', () => {
    const businessScope = jest.fn(() => ({
      where: '(STUB_SCOPE = :scopeOrg OR STUB_DEPT = :scopeDept OR STUB_ORG_AGAIN = :scopeOrg)',
      params: { scopeOrg: 'org-from-policy', scopeDept: 'dept-from-policy', scopeUser: 'u' },
    }));
    const stub = { businessScope } as unknown as AccessPolicy;
    const q = buildReportQuery(stub, staff, { year: 2026, missing: true }, TODAY);
    expectWellNumbered(q);
    expect(businessScope).toHaveBeenCalledTimes(1);
    expect(businessScope.mock.calls[0]).toEqual(
      expect.arrayContaining([
        staff,
        { organisation: 't.organisation_id', department: 't.lead_department_id' },
      ]),
    );
    expect(q.values).toEqual(['org-from-policy', 'dept-from-policy', 2026, TODAY]);
    expect(whereOf(q.sql).trimEnd()).toBe(
      'WHERE (STUB_SCOPE = $1 OR STUB_DEPT = $2 OR STUB_ORG_AGAIN = $1) AND r.year = $3 ' +
        'AND (r.first_submitted_at IS NULL AND r.due_date < $4::date)',
    );
    expect(q.sql).not.toContain('org-from-policy');
  });

  it('scopes an AUDITOR by the task’s organisation', () => {
    const q = buildReportQuery(policy, auditor, {}, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([ORG_A]);
    expect(whereOf(q.sql).trimEnd()).toBe('WHERE (t.organisation_id = $1)');
  });

  it('scopes a STAFF by the task’s lead department, partners, owner and members', () => {
    const q = buildReportQuery(policy, staff, {}, TODAY);
    expect(whereOf(q.sql).trimEnd()).toBe(`WHERE ${STAFF_SCOPE}`);
    expect(q.sql).not.toContain('t.organisation_id');
  });

  it('ORs both for a DEPT_HEAD who is also AUDITOR', () => {
    const both = user([Role.DEPT_HEAD, Role.AUDITOR], DEPT_A2);
    const q = buildReportQuery(policy, both, { year: 2026 }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([ORG_A, DEPT_A2, both.id, 2026]);
    expect(whereOf(q.sql)).toMatch(
      /^WHERE \(t\.organisation_id = \$1 OR t\.lead_department_id = \$2 OR \(/,
    );
  });

  it.each([
    ['ADMIN', admin],
    ['COMMITTEE', user([Role.COMMITTEE])],
  ])('an %s-only user reads nothing (FALSE) and gets no scope parameter', (_role, u) => {
    const q = buildReportQuery(policy, u, { year: 2026 }, TODAY);
    expectWellNumbered(q);
    expect(whereOf(q.sql).trimEnd()).toBe('WHERE FALSE AND r.year = $1');
    expect(q.values).toEqual([2026]);
  });
});

describe('buildReportQuery: pages', () => {
  const EXPECTED_COLUMN: Record<ReportSort, string> = {
    dueDate: 'r.due_date',
    submittedAt: 'r.submitted_at',
    period: 'r.period_start',
    taskCode: 't.code',
    updatedAt: 'r.updated_at',
  };

  it('knows these sorts', () => {
    expect([...REPORT_SORTS].sort()).toEqual(Object.keys(EXPECTED_COLUMN).sort());
  });

  it.each(REPORT_SORTS)('sorted by %s: column, NULLS LAST, id tiebreak, limit, offset', (sort) => {
    for (const [order, dir] of [
      ['asc', 'ASC'],
      ['desc', 'DESC'],
    ] as const) {
      const q = buildReportQuery(policy, staff, { year: 2026 }, TODAY, {
        sort,
        order,
        limit: 25,
        offset: 50,
      });
      expectWellNumbered(q);
      expect(q.values).toEqual([DEPT_A2, staff.id, 2026, 25, 50]);
      expect(q.sql).toMatch(
        new RegExp(
          `ORDER BY ${EXPECTED_COLUMN[sort].replace('.', '\\.')} ${dir} NULLS LAST, r\\.id ${dir} ` +
            `LIMIT \\$4 OFFSET \\$5\\s*$`,
        ),
      );
      expect(q.sql).toContain(', count(*) OVER () AS total');
      expect(q.sql).not.toMatch(/LIMIT \d|OFFSET \d/);
    }
  });

  it('limit and offset come after the filter parameters, including today', () => {
    const q = buildReportQuery(policy, staff, { missing: true }, TODAY, {
      sort: 'submittedAt',
      order: 'asc',
      limit: 100,
      offset: 0,
    });
    expectWellNumbered(q);
    expect(q.values).toEqual([DEPT_A2, staff.id, TODAY, 100, 0]);
    expect(q.sql).toMatch(/LIMIT \$4 OFFSET \$5\s*$/);
  });

  it('the total is counted over the filtered rows, before LIMIT', () => {
    const q = buildReportQuery(policy, staff, {}, TODAY, {
      sort: 'dueDate',
      order: 'asc',
      limit: 10,
      offset: 0,
    });
    expect(q.sql.indexOf('count(*) OVER () AS total')).toBeLessThan(
      q.sql.indexOf('FROM reports r'),
    );
  });

  it('without a page: no ORDER BY, LIMIT, OFFSET or count', () => {
    const q = buildReportQuery(
      policy,
      staff,
      { id: 'cccccccc-0000-4000-8000-000000000001' },
      TODAY,
    );
    expectWellNumbered(q);
    expect(q.sql).not.toContain('ORDER BY');
    expect(q.sql).not.toContain('LIMIT');
    expect(q.sql).not.toContain('OFFSET');
    expect(q.sql).not.toContain('count(*) OVER');
  });
});
