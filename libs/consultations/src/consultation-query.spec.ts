import { jest } from '@jest/globals';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import type { ConsultationState } from './consultation.entity.js';
import { overdueSql } from './consultation-deadlines.js';
import {
  buildConsultationQuery,
  CONSULTATION_SORTS,
  type ConsultationSort,
  consultationScopeSql,
} from './consultation-query.js';

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

/** The caller passes Seoul's date; buildConsultationQuery never reads the clock. */
const TODAY = '2026-10-06';

// consultationScopeSql only uses hasRole/readsWholeOrganisation: the data source is never touched.
const policy = new AccessPolicy(null as never);

const staff = user([Role.STAFF], DEPT_A2);
const head = user([Role.DEPT_HEAD], DEPT_A2);
const auditor = user([Role.AUDITOR]);
const office = user([Role.PROACTIVE_OFFICE]);

type Query = { sql: string; values: unknown[] };

/** Every `$n` points at a value and every value is used. */
function expectWellNumbered({ sql, values }: Query): void {
  const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  expect([...used].sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
  expect(sql).not.toMatch(/[^:]:[a-zA-Z]\w*/); // `::date` casts are fine, `:name` is not
}

/** The SQL with each `$n` replaced by «value», to read what a clause compares with. */
function bound(sql: string, values: unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `«${String(values[Number(n) - 1])}»`);
}

/** The WHERE clause, without ORDER BY/LIMIT (the columns and joins have no WHERE of their own). */
function whereOf(sql: string): string {
  const parts = sql.split(/\sWHERE\s/);
  expect(parts).toHaveLength(2);
  return `WHERE ${parts[1].split(/\sORDER BY\s/)[0].trim()}`;
}

/** consultationScopeSql with a recording parameter function: the scope bound to its values. */
function scopeOf(u: AuthUser): { sql: string; values: unknown[]; readable: string } {
  const values: unknown[] = [];
  const sql = consultationScopeSql(policy, u, (v) => {
    values.push(v);
    return `$${values.length}`;
  });
  expectWellNumbered({ sql, values });
  return { sql, values, readable: bound(sql, values) };
}

const OWN_ORG_SUBMITTED = (org: string) => `(c.organisation_id = «${org}» AND c.state <> 'DRAFT')`;
const ESCALATED_TO = (org: string) =>
  `(c.escalated_to_organisation_id = «${org}» OR c.escalation_hops @> jsonb_build_array(jsonb_build_object('toOrganisationId', «${org}»::text)))`;
const OWN_DEPT = (dept: string) => `c.requesting_department_id = «${dept}»`;

describe('consultationScopeSql: who reads which requests', () => {
  it.each([
    ['STAFF', staff],
    ['DEPT_HEAD', head],
  ])('%s reads its own department’s requests, drafts included', (_role, u) => {
    const s = scopeOf(u);
    expect(s.readable).toBe(`(${OWN_DEPT(DEPT_A2)})`);
    expect(s.values).toEqual([DEPT_A2]);
    expect(s.sql).not.toContain('DRAFT');
    expect(s.sql).not.toContain('organisation_id');
  });

  it('AUDITOR reads its organisation except drafts, and what was escalated to it', () => {
    const s = scopeOf(auditor);
    expect(s.readable).toBe(`(${OWN_ORG_SUBMITTED(ORG_A)} OR ${ESCALATED_TO(ORG_A)})`);
    expect(s.values.every((v) => v === ORG_A)).toBe(true);
    expect(s.sql).not.toContain('requesting_department_id');
  });

  it('PROACTIVE_OFFICE reads its organisation except drafts, but not escalations to it', () => {
    const s = scopeOf(office);
    expect(s.readable).toBe(`(${OWN_ORG_SUBMITTED(ORG_A)})`);
    expect(s.sql).not.toContain('escalated_to_organisation_id');
    expect(s.values).toEqual([ORG_A]);
  });

  it.each([
    ['COMMITTEE', user([Role.COMMITTEE])],
    ['ADMIN', user([Role.ADMIN])],
    ['COMMITTEE + ADMIN', user([Role.COMMITTEE, Role.ADMIN])],
    ['no role', user([])],
  ])('%s reads nothing: FALSE, without parameters', (_role, u) => {
    const s = scopeOf(u);
    expect(s.sql).toBe('FALSE');
    expect(s.values).toEqual([]);
  });

  it('DEPT_HEAD + AUDITOR: the organisation (submitted), escalations, and the own department', () => {
    const u = user([Role.DEPT_HEAD, Role.AUDITOR], DEPT_A2);
    const s = scopeOf(u);
    expect(s.readable).toMatch(/^\(.* OR .* OR .*\)$/);
    expect(s.readable).toContain(OWN_ORG_SUBMITTED(ORG_A));
    expect(s.readable).toContain(ESCALATED_TO(ORG_A));
    expect(s.readable).toContain(OWN_DEPT(DEPT_A2));
    // The escalation clause holds an OR of its own (the organisations it passed through).
    expect(s.readable.split(' OR ')).toHaveLength(4);
  });

  it('STAFF + PROACTIVE_OFFICE: the organisation (submitted) and the own department, no escalations', () => {
    const u = user([Role.STAFF, Role.PROACTIVE_OFFICE], DEPT_A1);
    const s = scopeOf(u);
    expect(s.readable).toContain(OWN_ORG_SUBMITTED(ORG_A));
    expect(s.readable).toContain(OWN_DEPT(DEPT_A1));
    expect(s.readable).not.toContain('escalated_to_organisation_id');
    expect(s.readable.split(' OR ')).toHaveLength(2);
  });

  it('AUDITOR + PROACTIVE_OFFICE: the escalation clause once, the organisation clause once', () => {
    const s = scopeOf(user([Role.AUDITOR, Role.PROACTIVE_OFFICE]));
    expect(s.readable).toBe(`(${OWN_ORG_SUBMITTED(ORG_A)} OR ${ESCALATED_TO(ORG_A)})`);
  });

  it('COMMITTEE + STAFF reads just the department', () => {
    const s = scopeOf(user([Role.COMMITTEE, Role.STAFF], DEPT_A1));
    expect(s.readable).toBe(`(${OWN_DEPT(DEPT_A1)})`);
  });

  it('uses the caller’s own organisation and department only (a parent’s auditor sees escalations to the parent)', () => {
    const PARENT = 'cccccccc-0000-4000-8000-000000000001';
    const s = scopeOf(user([Role.AUDITOR], 'cccccccc-3333-4000-8000-000000000003', PARENT));
    expect(s.readable).toBe(`(${OWN_ORG_SUBMITTED(PARENT)} OR ${ESCALATED_TO(PARENT)})`);
    expect(s.readable).not.toContain(ORG_A);
  });
});

describe('buildConsultationQuery: values are parameters, never SQL text', () => {
  const injection = "x'; DROP TABLE consultations; --";

  it('passes hostile id, department, task and statuses only as values', () => {
    const q = buildConsultationQuery(
      policy,
      staff,
      {
        id: injection,
        departmentId: `${injection}1`,
        taskId: `${injection}2`,
        status: [injection as ConsultationState],
      },
      TODAY,
    );
    expectWellNumbered(q);
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toContain("x'");
    expect(q.sql).not.toContain("'; ");
    expect(q.sql).not.toContain('--');
    expect(q.values).toEqual(
      expect.arrayContaining([injection, `${injection}1`, `${injection}2`, [injection]]),
    );
  });

  it('puts no user-supplied or user-derived value in the SQL text', () => {
    const filter = {
      id: 'cccccccc-0000-4000-8000-000000000009',
      year: 2026,
      departmentId: 'dddddddd-0000-4000-8000-000000000001',
      taskId: 'eeeeeeee-0000-4000-8000-000000000001',
      // statuses the code never writes as literals, so their absence from the text means something
      status: ['REJECTED', 'CLOSED'] as ConsultationState[],
      overdue: true,
      assignedToMe: true,
    };
    const u = user([Role.DEPT_HEAD, Role.AUDITOR], DEPT_A2);
    const q = buildConsultationQuery(policy, u, filter, TODAY, {
      sort: 'dueDate',
      order: 'desc',
      limit: 37,
      offset: 1234,
    });
    expectWellNumbered(q);
    for (const v of [
      filter.id,
      filter.departmentId,
      filter.taskId,
      'REJECTED',
      'CLOSED',
      '2026',
      TODAY,
      '1234',
      '37',
      u.id,
      u.departmentId,
      u.organisationId,
    ]) {
      expect(q.sql).not.toContain(v);
    }
    expect(q.sql).not.toMatch(/LIMIT \d|OFFSET \d/);
    for (const v of [filter.id, 2026, filter.departmentId, filter.taskId, filter.status, TODAY]) {
      expect(q.values).toContainEqual(v);
    }
    expect(q.values).toContain(u.id);
    expect(q.values.slice(-2)).toEqual([37, 1234]);
  });
});

describe('buildConsultationQuery: filters', () => {
  const base = buildConsultationQuery(policy, staff, {}, TODAY);
  const SCOPE = `(${OWN_DEPT(DEPT_A2)})`;
  /** The WHERE clause of `q`, its parameters replaced by their values. */
  const where = (q: Query) => bound(whereOf(q.sql), q.values);

  it('without filters has only the scope, as a parameter', () => {
    expectWellNumbered(base);
    expect(base.values).toEqual([DEPT_A2]);
    expect(where(base)).toBe(`WHERE ${SCOPE}`);
    expect(base.sql).toMatch(/^SELECT\s+c\.id, c\.organisation_id/);
    expect(base.sql).toContain('FROM consultations c');
    expect(base.sql).not.toContain('ORDER BY');
    expect(base.sql).not.toContain('LIMIT');
    expect(base.sql).not.toContain('OFFSET');
    expect(base.sql).not.toContain('count(*) OVER');
  });

  it('id', () => {
    const id = 'cccccccc-0000-4000-8000-000000000001';
    const q = buildConsultationQuery(policy, staff, { id }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([DEPT_A2, id]);
    expect(where(q)).toBe(`WHERE ${SCOPE} AND c.id = «${id}»`);
  });

  it('status list, as one array parameter cast to consultation_state[] (column state)', () => {
    const status: ConsultationState[] = ['SUBMITTED', 'SCREENING'];
    const q = buildConsultationQuery(policy, staff, { status }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([DEPT_A2, status]);
    expect(whereOf(q.sql)).toBe(
      `WHERE ${scopeSqlOf(staff)} AND c.state = ANY($2::consultation_state[])`,
    );
  });

  it('an empty status list adds nothing', () => {
    expect(buildConsultationQuery(policy, staff, { status: [] }, TODAY)).toEqual(base);
  });

  it('overdue true uses today as a parameter, in the rule of overdueSql', () => {
    const q = buildConsultationQuery(policy, staff, { overdue: true }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([DEPT_A2, TODAY]);
    expect(q.sql).not.toContain(TODAY);
    expect(whereOf(q.sql)).toBe(`WHERE ${scopeSqlOf(staff)} AND ${overdueSql('$2')}`);
  });

  it('overdue false is the negated rule, with the same parameter', () => {
    const q = buildConsultationQuery(policy, staff, { overdue: false }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([DEPT_A2, TODAY]);
    expect(whereOf(q.sql)).toBe(`WHERE ${scopeSqlOf(staff)} AND NOT ${overdueSql('$2')}`);
  });

  it('today is a parameter only when the overdue filter needs it', () => {
    for (const filter of [
      {},
      { year: 2026 },
      { assignedToMe: true },
      { status: ['SUBMITTED' as const] },
    ]) {
      expect(buildConsultationQuery(policy, staff, filter, TODAY).values).not.toContain(TODAY);
    }
  });

  it('uses the today it is given, not the clock', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    try {
      const q = buildConsultationQuery(policy, staff, { overdue: true }, '2026-02-19');
      expect(q.values).toEqual([DEPT_A2, '2026-02-19']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('assignedToMe true matches the caller’s id as a parameter', () => {
    const q = buildConsultationQuery(policy, auditor, { assignedToMe: true }, TODAY);
    expectWellNumbered(q);
    expect(q.values.at(-1)).toBe(auditor.id);
    expect(q.sql).not.toContain(auditor.id);
    expect(where(q)).toMatch(new RegExp(`\\) AND c\\.assigned_auditor_id = «${auditor.id}»$`));
  });

  it('assignedToMe false keeps the unassigned ones (IS DISTINCT FROM), caller’s id as a parameter', () => {
    const q = buildConsultationQuery(policy, auditor, { assignedToMe: false }, TODAY);
    expectWellNumbered(q);
    expect(q.values.at(-1)).toBe(auditor.id);
    expect(where(q)).toMatch(
      new RegExp(`\\) AND c\\.assigned_auditor_id IS DISTINCT FROM «${auditor.id}»$`),
    );
  });

  it('the caller’s id is a parameter only when assignedToMe is given', () => {
    for (const filter of [{}, { overdue: true }, { year: 2026 }]) {
      expect(buildConsultationQuery(policy, auditor, filter, TODAY).values).not.toContain(
        auditor.id,
      );
    }
  });

  it('department is the requesting department', () => {
    const q = buildConsultationQuery(policy, auditor, { departmentId: DEPT_A1 }, TODAY);
    expectWellNumbered(q);
    expect(where(q)).toMatch(new RegExp(`\\) AND c\\.requesting_department_id = «${DEPT_A1}»$`));
  });

  it('year, including 0 (checked against undefined, not truthiness)', () => {
    for (const year of [2025, 0]) {
      const q = buildConsultationQuery(policy, staff, { year }, TODAY);
      expectWellNumbered(q);
      expect(q.values).toEqual([DEPT_A2, year]);
      expect(where(q)).toBe(`WHERE ${SCOPE} AND c.year = «${year}»`);
    }
  });

  it('task', () => {
    const taskId = 'cccccccc-0000-4000-8000-000000000002';
    const q = buildConsultationQuery(policy, staff, { taskId }, TODAY);
    expectWellNumbered(q);
    expect(q.values).toEqual([DEPT_A2, taskId]);
    expect(where(q)).toBe(`WHERE ${SCOPE} AND c.task_id = «${taskId}»`);
  });

  it('combines every filter with AND after the scope', () => {
    const taskId = 'cccccccc-0000-4000-8000-000000000002';
    const id = 'cccccccc-0000-4000-8000-000000000001';
    const q = buildConsultationQuery(
      policy,
      staff,
      {
        id,
        status: ['UNDER_REVIEW'],
        overdue: false,
        assignedToMe: false,
        departmentId: DEPT_A2,
        year: 2026,
        taskId,
      },
      TODAY,
    );
    expectWellNumbered(q);
    const w = where(q);
    expect(w.startsWith(`WHERE ${SCOPE} AND `)).toBe(true);
    for (const clause of [
      `c.id = «${id}»`,
      `c.state = ANY(«UNDER_REVIEW»::consultation_state[])`,
      `NOT ${bound(overdueSql('$1'), [TODAY])}`,
      `c.assigned_auditor_id IS DISTINCT FROM «${staff.id}»`,
      `c.requesting_department_id = «${DEPT_A2}»`,
      `c.year = «2026»`,
      `c.task_id = «${taskId}»`,
    ]) {
      expect(w).toContain(` AND ${clause}`);
    }
    expect(q.values).toHaveLength(8);
  });

  it.each([
    ['COMMITTEE', user([Role.COMMITTEE])],
    ['ADMIN', user([Role.ADMIN])],
  ])('an %s-only user reads nothing: WHERE FALSE, whatever the filters', (_role, u) => {
    const q = buildConsultationQuery(policy, u, { year: 2026 }, TODAY);
    expectWellNumbered(q);
    expect(whereOf(q.sql)).toBe('WHERE FALSE AND c.year = $1');
    expect(q.values).toEqual([2026]);
  });

  it('the scope comes first: an AUDITOR’s filter values follow its scope values', () => {
    const q = buildConsultationQuery(policy, auditor, { year: 2026 }, TODAY);
    expectWellNumbered(q);
    expect(where(q)).toBe(
      `WHERE (${OWN_ORG_SUBMITTED(ORG_A)} OR ${ESCALATED_TO(ORG_A)}) AND c.year = «2026»`,
    );
    expect(q.values.at(-1)).toBe(2026);
  });
});

/** The scope of `u` as buildConsultationQuery numbers it (from $1). */
function scopeSqlOf(u: AuthUser): string {
  return scopeOf(u).sql;
}

describe('buildConsultationQuery: pages', () => {
  const EXPECTED_COLUMN: Record<Exclude<ConsultationSort, 'dueDate'>, string> = {
    submittedAt: 'c.submitted_at',
    updatedAt: 'c.updated_at',
    createdAt: 'c.created_at',
  };
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('knows these sorts', () => {
    expect([...CONSULTATION_SORTS].sort()).toEqual(
      ['createdAt', 'dueDate', 'submittedAt', 'updatedAt'].sort(),
    );
  });

  it.each(Object.keys(EXPECTED_COLUMN) as Array<keyof typeof EXPECTED_COLUMN>)(
    'sorted by %s: column, NULLS LAST, id tiebreak, limit and offset as parameters',
    (sort) => {
      for (const [order, dir] of [
        ['asc', 'ASC'],
        ['desc', 'DESC'],
      ] as const) {
        const q = buildConsultationQuery(policy, staff, { year: 2026 }, TODAY, {
          sort,
          order,
          limit: 25,
          offset: 50,
        });
        expectWellNumbered(q);
        expect(q.values).toEqual([DEPT_A2, 2026, 25, 50]);
        expect(q.sql).toMatch(
          new RegExp(
            `ORDER BY ${escape(EXPECTED_COLUMN[sort])} ${dir} NULLS LAST, c\\.id ${dir} ` +
              `LIMIT \\$3 OFFSET \\$4\\s*$`,
          ),
        );
        expect(q.sql).toContain(', count(*) OVER () AS total');
      }
    },
  );

  it('sorted by dueDate: the running deadline (screening, or opinion + extension), NULLS LAST', () => {
    for (const [order, dir] of [
      ['asc', 'ASC'],
      ['desc', 'DESC'],
    ] as const) {
      const q = buildConsultationQuery(policy, staff, {}, TODAY, {
        sort: 'dueDate',
        order,
        limit: 10,
        offset: 0,
      });
      expectWellNumbered(q);
      expect(q.values).toEqual([DEPT_A2, 10, 0]);
      const orderBy = q.sql.slice(q.sql.indexOf('ORDER BY'));
      expect(orderBy).toMatch(
        new RegExp(
          `^ORDER BY \\(CASE [\\s\\S]+ END\\) ${dir} NULLS LAST, c\\.id ${dir} LIMIT \\$2 OFFSET \\$3\\s*$`,
        ),
      );
      expect(orderBy).toMatch(
        /WHEN c\.state IN \('SUBMITTED', 'SCREENING'\) THEN c\.screening_due_date/,
      );
      expect(orderBy).toMatch(
        /WHEN c\.state IN \('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE'\) THEN c\.opinion_due_date \+ c\.extension_days/,
      );
      // no ELSE: requests without a running deadline sort last
      expect(orderBy).not.toContain('ELSE');
    }
  });

  it('limit and offset come after every filter parameter, including today and the user id', () => {
    const q = buildConsultationQuery(
      policy,
      auditor,
      { overdue: true, assignedToMe: true },
      TODAY,
      {
        sort: 'submittedAt',
        order: 'asc',
        limit: 100,
        offset: 0,
      },
    );
    expectWellNumbered(q);
    const n = q.values.length;
    expect(q.values.slice(-4)).toEqual([TODAY, auditor.id, 100, 0]);
    expect(q.sql).toMatch(new RegExp(`LIMIT \\$${n - 1} OFFSET \\$${n}\\s*$`));
  });

  it('the total is counted over the filtered rows, before LIMIT', () => {
    const q = buildConsultationQuery(policy, staff, {}, TODAY, {
      sort: 'createdAt',
      order: 'desc',
      limit: 10,
      offset: 20,
    });
    expect(q.sql.indexOf('count(*) OVER () AS total')).toBeLessThan(
      q.sql.indexOf('FROM consultations c'),
    );
  });
});
