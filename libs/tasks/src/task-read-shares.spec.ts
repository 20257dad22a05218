import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { taskReadScopeSql } from './task-query.js';
import { registerTaskReadShare } from './task-read-shares.js';

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

function scope(u: AuthUser): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const sql = taskReadScopeSql(policy, u, 't', (v) => `$${values.push(v)}`);
  return { sql, values };
}

describe('task read shares (the port another context extends the task read scope through)', () => {
  it('a registered share reaches org-wide readers and department readers, as parameters', () => {
    const before = scope(user([Role.AUDITOR]));
    expect(before.sql).not.toContain('shared_org_marker');
    registerTaskReadShare('spec', {
      organisations: (t) => `${t}.id IN (SELECT shared_org_marker FROM x WHERE o = :scopeOrg)`,
      departments: (t) => `${t}.id IN (SELECT shared_dept_marker FROM x WHERE d = :scopeDept)`,
    });
    const auditor = scope(user([Role.AUDITOR]));
    expect(auditor.sql).toContain('t.id IN (SELECT shared_org_marker FROM x WHERE o = $1)');
    expect(auditor.sql).not.toContain('shared_dept_marker');
    expect(auditor.sql).not.toContain(':scope');
    expect(auditor.values).toEqual(['org-1']);

    const staff = scope(user([Role.STAFF]));
    expect(staff.sql).toContain('shared_dept_marker FROM x WHERE d = $1');
    expect(staff.sql).not.toContain('shared_org_marker');
    expect(staff.values[0]).toBe('dept-1');

    // Registering again under the same name replaces, never duplicates.
    registerTaskReadShare('spec', { departments: (t) => `${t}.id IN (SELECT shared_dept_marker)` });
    const again = scope(user([Role.STAFF, Role.AUDITOR]));
    expect(again.sql.match(/shared_dept_marker/g)).toHaveLength(1);
    expect(again.sql).not.toContain('shared_org_marker');

    // ADMIN and COMMITTEE read no tasks, shares or not.
    expect(scope(user([Role.ADMIN])).sql).toBe('FALSE');
    registerTaskReadShare('spec', {});
  });
});
