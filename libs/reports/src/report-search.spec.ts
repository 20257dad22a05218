import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import type { SearchSqlContext } from '@gwaje/search';
import { reportSearchSql } from './report-search.js';

const staff: AuthUser = {
  id: 'u0000000-0000-4000-8000-000000000001',
  sessionId: 's',
  organisationId: 'org-1',
  departmentId: 'dept-1',
  roles: [Role.STAFF],
  name: '홍길동',
  email: 'x@example.go.kr',
  language: 'ko',
};

// businessScope is synchronous and never touches the data source.
const policy = new AccessPolicy(null as any);

function context(preselected: string | null): SearchSqlContext {
  const values: unknown[] = [];
  return {
    user: staff,
    policy,
    values,
    param: (v) => `$${values.push(v)}`,
    like: '$L',
    op: 'LIKE',
    exact: '$E',
    limit: '$N',
    bigrams: null,
    preselected,
  };
}

describe('reportSearchSql', () => {
  it('scopes by the preselected readable task ids, as one parameter, behind a fence', () => {
    const ctx = context('{a,b}');
    const sql = reportSearchSql(ctx);
    expect(ctx.values).toEqual(['{a,b}']);
    expect(sql).toContain('WHERE r.task_id = ANY($1::uuid[]) AND ');
    expect(sql).not.toContain('lead_department_id');
    expect(sql).toMatch(/^WITH m AS MATERIALIZED \(/);
    expect(sql).toMatch(/SELECT \* FROM m ORDER BY sort_at DESC, id DESC LIMIT \$N$/);
  });

  it('scopes by the task read scope when nothing was preselected', () => {
    const ctx = context(null);
    const sql = reportSearchSql(ctx);
    expect(sql).toContain('t.lead_department_id = $1');
    expect(ctx.values).toEqual(['dept-1', staff.id]);
    expect(sql).not.toContain('MATERIALIZED');
    expect(sql).toMatch(/ORDER BY r\.created_at DESC, r\.id DESC LIMIT \$N$/);
  });
});
