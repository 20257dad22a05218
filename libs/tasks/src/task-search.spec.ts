import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import type { SearchSqlContext } from '@gwaje/search';
import { readableTaskIdsStatement, taskReadScopeSql } from './task-query.js';
import { taskSearchSql } from './task-search.js';

const user = (roles: Role[]): AuthUser => ({
  id: 'u0000000-0000-4000-8000-000000000001',
  sessionId: 's',
  organisationId: 'org-1',
  departmentId: 'dept-1',
  roles,
  name: '홍길동',
  email: 'x@example.go.kr',
  language: 'ko',
});

// businessScope is synchronous and never touches the data source.
const policy = new AccessPolicy(null as any);

function context(u: AuthUser): SearchSqlContext {
  const values: unknown[] = [];
  return {
    user: u,
    policy,
    values,
    param: (v) => `$${values.push(v)}`,
    like: '$L',
    op: 'LIKE',
    exact: '$E',
    limit: '$N',
    bigrams: null,
    preselected: null,
  };
}

/** The task read scope with its values numbered from $1, as a fresh statement numbers them. */
function scopeOf(u: AuthUser): string {
  const values: unknown[] = [];
  return taskReadScopeSql(policy, u, 't', (v) => `$${values.push(v)}`);
}

describe('taskSearchSql', () => {
  it('reads a department reader’s matches in full behind a MATERIALIZED fence, then sorts them', () => {
    const staff = user([Role.STAFF]);
    const ctx = context(staff);
    const sql = taskSearchSql(ctx);
    expect(sql).toMatch(/^WITH m AS MATERIALIZED \(SELECT /);
    expect(sql).toContain('FROM tasks t');
    expect(sql).toContain(`AND ${scopeOf(staff)})`);
    expect(sql).toMatch(/\)\s+SELECT \* FROM m ORDER BY sort_at DESC, id DESC LIMIT \$N$/);
  });

  it('lets an organisation-wide reader walk the newest tasks (no fence)', () => {
    for (const roles of [[Role.AUDITOR], [Role.STAFF, Role.AUDITOR]]) {
      const sql = taskSearchSql(context(user(roles)));
      expect(sql).not.toContain('MATERIALIZED');
      expect(sql).toMatch(/ORDER BY t\.created_at DESC, t\.id DESC LIMIT \$N$/);
    }
  });
});

describe('readableTaskIdsStatement', () => {
  it('lists a department reader’s tasks through the very scope of the task list, ids as text', () => {
    const staff = user([Role.STAFF]);
    const statement = readableTaskIdsStatement(policy, staff);
    expect(statement).not.toBeNull();
    expect(statement!.sql).toBe(
      `SELECT coalesce(array_agg(t.id), '{}')::text AS ids FROM tasks t WHERE ${scopeOf(staff)}`,
    );
    expect(statement!.values).toEqual(['dept-1', staff.id]);
    // Index conditions inside the OR, not hashed sub-plans (issue 23).
    expect(statement!.sql).not.toContain(' IN (SELECT');
  });

  it('is null for organisation-wide readers and for those who read no task', () => {
    expect(readableTaskIdsStatement(policy, user([Role.AUDITOR]))).toBeNull();
    expect(
      readableTaskIdsStatement(policy, user([Role.DEPT_HEAD, Role.PROACTIVE_OFFICE])),
    ).toBeNull();
    expect(readableTaskIdsStatement(policy, user([Role.ADMIN]))).toBeNull();
    expect(readableTaskIdsStatement(policy, user([Role.COMMITTEE]))).toBeNull();
  });
});
