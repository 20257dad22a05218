import { DomainError, ErrorCode } from '@gwaje/common';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../roles.js';
import { AccessPolicy, type OwnedRecord } from './access-policy.service.js';

const ORG_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const ORG_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const DEPT_A1 = 'aaaaaaaa-1111-4000-8000-000000000001';
const DEPT_A2 = 'aaaaaaaa-2222-4000-8000-000000000002';
const DEPT_B1 = 'bbbbbbbb-1111-4000-8000-000000000001';

let nextId = 1;
function user(roles: Role[], organisationId = ORG_A, departmentId = DEPT_A1): AuthUser {
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

const policy = new AccessPolicy(null as any);

const inA1: OwnedRecord = { organisationId: ORG_A, departmentId: DEPT_A1 };
const inA2: OwnedRecord = { organisationId: ORG_A, departmentId: DEPT_A2 };
const inB1: OwnedRecord = { organisationId: ORG_B, departmentId: DEPT_B1 };
const noDept: OwnedRecord = { organisationId: ORG_A, departmentId: null };

function thrown(fn: () => void): DomainError | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  return undefined;
}

describe('AccessPolicy.canReadBusinessRecord', () => {
  it.each([Role.STAFF, Role.DEPT_HEAD])(
    '%s reads its own department, not another department of its organisation',
    (role) => {
      const u = user([role]);
      expect(policy.canReadBusinessRecord(u, inA1)).toBe(true);
      expect(policy.canReadBusinessRecord(u, inA2)).toBe(false);
      expect(policy.canReadBusinessRecord(u, noDept)).toBe(false);
      expect(policy.canReadBusinessRecord(u, inB1)).toBe(false);
    },
  );

  it.each([Role.AUDITOR, Role.PROACTIVE_OFFICE])(
    '%s reads everything in its organisation but nothing of another organisation',
    (role) => {
      const u = user([role], ORG_A, DEPT_A2);
      expect(policy.canReadBusinessRecord(u, inA1)).toBe(true);
      expect(policy.canReadBusinessRecord(u, inA2)).toBe(true);
      expect(policy.canReadBusinessRecord(u, noDept)).toBe(true);
      expect(policy.canReadBusinessRecord(u, inB1)).toBe(false);
    },
  );

  it('lets STAFF of a partner department read, also across organisations', () => {
    const partnerSameOrg: OwnedRecord = { ...inA1, sharedWithDepartmentIds: [DEPT_A2] };
    const partnerOtherOrg: OwnedRecord = { ...inA1, sharedWithDepartmentIds: [DEPT_B1] };
    expect(policy.canReadBusinessRecord(user([Role.STAFF], ORG_A, DEPT_A2), partnerSameOrg)).toBe(
      true,
    );
    expect(policy.canReadBusinessRecord(user([Role.STAFF], ORG_B, DEPT_B1), partnerOtherOrg)).toBe(
      true,
    );
    // a department that is not a partner still cannot
    expect(policy.canReadBusinessRecord(user([Role.STAFF], ORG_B, DEPT_B1), partnerSameOrg)).toBe(
      false,
    );
  });

  it('does not let an AUDITOR of another organisation read through a partner department', () => {
    const partnerOtherOrg: OwnedRecord = { ...inA1, sharedWithDepartmentIds: [DEPT_B1] };
    expect(
      policy.canReadBusinessRecord(user([Role.AUDITOR], ORG_B, 'some-other-dept'), partnerOtherOrg),
    ).toBe(false);
  });

  it('lets an AUDITOR of an organisation the record is shared with (escalation) read, not its STAFF', () => {
    const escalated: OwnedRecord = { ...inA1, sharedWithOrganisationIds: [ORG_B] };
    expect(policy.canReadBusinessRecord(user([Role.AUDITOR], ORG_B, DEPT_B1), escalated)).toBe(
      true,
    );
    expect(
      policy.canReadBusinessRecord(user([Role.PROACTIVE_OFFICE], ORG_B, DEPT_B1), escalated),
    ).toBe(true);
    expect(policy.canReadBusinessRecord(user([Role.STAFF], ORG_B, DEPT_B1), escalated)).toBe(false);
    expect(policy.canReadBusinessRecord(user([Role.DEPT_HEAD], ORG_B, DEPT_B1), escalated)).toBe(
      false,
    );
  });

  const noBusinessRoles: Role[][] = [
    [Role.COMMITTEE],
    [Role.ADMIN],
    [Role.COMMITTEE, Role.ADMIN],
    [],
  ];
  it.each(noBusinessRoles.map((r) => [r]))(
    'gives roles %j no business record, not even in its own department',
    (roles) => {
      const u = user(roles);
      expect(policy.canReadBusinessRecord(u, inA1)).toBe(false);
      expect(policy.canReadBusinessRecord(u, inA2)).toBe(false);
      expect(
        policy.canReadBusinessRecord(u, {
          ...inA1,
          sharedWithDepartmentIds: [DEPT_A1],
          sharedWithOrganisationIds: [ORG_A],
        }),
      ).toBe(false);
    },
  );

  it('combines roles: STAFF + AUDITOR reads the whole organisation', () => {
    const u = user([Role.STAFF, Role.AUDITOR]);
    expect(policy.canReadBusinessRecord(u, inA2)).toBe(true);
    expect(policy.canReadBusinessRecord(u, inB1)).toBe(false);
  });
});

describe('AccessPolicy.authorize', () => {
  const staff = user([Role.STAFF]);

  it('throws NOT_FOUND when the record is not readable, even if the action would be allowed', () => {
    expect(thrown(() => policy.authorize(staff, inA2, true))?.code).toBe(ErrorCode.NOT_FOUND);
    expect(thrown(() => policy.authorize(staff, inA2, false))?.code).toBe('NOT_FOUND');
    expect(thrown(() => policy.authorize(user([Role.ADMIN]), inA1, true))?.code).toBe('NOT_FOUND');
  });

  it('throws FORBIDDEN when the record is readable but the action is not allowed', () => {
    expect(thrown(() => policy.authorize(staff, inA1, false))?.code).toBe(ErrorCode.FORBIDDEN);
  });

  it('returns when readable and allowed', () => {
    expect(thrown(() => policy.authorize(staff, inA1, true))).toBeUndefined();
  });
});

describe('AccessPolicy.businessScope', () => {
  const columns = { organisation: 't.organisation_id', department: 't.lead_department_id' };

  it('is FALSE for an ADMIN-only user (and for COMMITTEE)', () => {
    const admin = user([Role.ADMIN]);
    expect(policy.businessScope(admin, columns)).toEqual({
      where: 'FALSE',
      params: { scopeOrg: ORG_A, scopeDept: DEPT_A1, scopeUser: admin.id },
    });
    expect(policy.businessScope(user([Role.COMMITTEE]), columns).where).toBe('FALSE');
  });

  it('scopes an AUDITOR to its organisation', () => {
    const auditor = user([Role.AUDITOR], ORG_B, DEPT_B1);
    expect(policy.businessScope(auditor, columns)).toEqual({
      where: '(t.organisation_id = :scopeOrg)',
      params: { scopeOrg: ORG_B, scopeDept: DEPT_B1, scopeUser: auditor.id },
    });
  });

  it('scopes STAFF to its department', () => {
    const staff = user([Role.STAFF], ORG_A, DEPT_A2);
    expect(policy.businessScope(staff, columns)).toEqual({
      where: '(t.lead_department_id = :scopeDept)',
      params: { scopeOrg: ORG_A, scopeDept: DEPT_A2, scopeUser: staff.id },
    });
  });

  it('ORs both conditions for STAFF + AUDITOR', () => {
    expect(policy.businessScope(user([Role.STAFF, Role.AUDITOR]), columns).where).toBe(
      '(t.organisation_id = :scopeOrg OR t.lead_department_id = :scopeDept)',
    );
  });

  it('adds the extension sub-selects of the roles that use them', () => {
    const extensions = {
      sharedDepartmentsSql:
        't.id IN (SELECT task_id FROM partners WHERE department_id = :scopeDept)',
      sharedOrganisationsSql:
        't.id IN (SELECT task_id FROM escalations WHERE organisation_id = :scopeOrg)',
    };
    expect(policy.businessScope(user([Role.STAFF]), columns, extensions).where).toBe(
      '(t.lead_department_id = :scopeDept OR (t.id IN (SELECT task_id FROM partners WHERE department_id = :scopeDept)))',
    );
    expect(policy.businessScope(user([Role.AUDITOR]), columns, extensions).where).toBe(
      '(t.organisation_id = :scopeOrg OR (t.id IN (SELECT task_id FROM escalations WHERE organisation_id = :scopeOrg)))',
    );
    expect(policy.businessScope(user([Role.ADMIN]), columns, extensions).where).toBe('FALSE');
  });
});

describe('AccessPolicy.assertNoSelfGrant (separation of duties)', () => {
  const admin = user([Role.ADMIN]);

  it.each([Role.AUDITOR, Role.COMMITTEE, Role.PROACTIVE_OFFICE])(
    'refuses an ADMIN adding %s to its own roles: 403 with a detail on roles',
    (role) => {
      const e = thrown(() =>
        policy.assertNoSelfGrant(admin, admin.id, [Role.ADMIN], [Role.ADMIN, role]),
      );
      expect(e?.code).toBe(ErrorCode.FORBIDDEN);
      expect(e?.details).toEqual([expect.objectContaining({ field: 'roles', code: 'selfGrant' })]);
      expect(e?.details[0].message.en).toContain(role);
    },
  );

  it('allows keeping or removing a business role one holds', () => {
    const held = [Role.ADMIN, Role.AUDITOR];
    expect(thrown(() => policy.assertNoSelfGrant(admin, admin.id, held, held))).toBeUndefined();
    expect(
      thrown(() => policy.assertNoSelfGrant(admin, admin.id, held, [Role.ADMIN])),
    ).toBeUndefined();
  });

  it('allows another administrator to grant it', () => {
    const other = user([Role.ADMIN]);
    expect(
      thrown(() => policy.assertNoSelfGrant(other, admin.id, [Role.ADMIN], [Role.AUDITOR])),
    ).toBeUndefined();
  });
});

describe('AccessPolicy: the system administrator (a stored fact)', () => {
  /** A policy over organisations given as id → parent id. */
  function over(orgs: Record<string, string | null>) {
    const dataSource = {
      query: (sql: string, params: unknown[] = []) => {
        if (sql.includes('WITH RECURSIVE')) {
          const tree = new Set([params[0] as string]);
          for (let size = 0; size !== tree.size;) {
            size = tree.size;
            for (const [id, parent] of Object.entries(orgs))
              if (parent && tree.has(parent)) tree.add(id);
          }
          return Promise.resolve([...tree].filter((id) => id in orgs).map((id) => ({ id })));
        }
        return Promise.resolve(Object.keys(orgs).map((id) => ({ id })));
      },
    };
    return new AccessPolicy(dataSource as any);
  }
  const ROOT = 'root',
    CHILD = 'child',
    GRANDCHILD = 'grandchild',
    OTHER = 'other';
  const forest = { [ROOT]: null, [CHILD]: ROOT, [GRANDCHILD]: CHILD, [OTHER]: null };
  const system = (roles: Role[], organisationId = CHILD): AuthUser => ({
    ...user(roles, organisationId),
    systemAdministrator: true,
  });

  it('is an ADMIN marked so, wherever its organisation sits, whatever the number of top-level organisations', () => {
    expect(policy.isSystemAdministrator(system([Role.ADMIN]))).toBe(true);
    expect(policy.isSystemAdministrator(system([Role.ADMIN], OTHER))).toBe(true);
  });

  it('is not an ADMIN of the top-level organisation without the mark, nor a marked user without ADMIN', () => {
    expect(policy.isSystemAdministrator(user([Role.ADMIN], ROOT))).toBe(false);
    expect(
      policy.isSystemAdministrator({ ...user([Role.ADMIN]), systemAdministrator: false }),
    ).toBe(false);
    for (const role of [Role.AUDITOR, Role.PROACTIVE_OFFICE, Role.STAFF])
      expect(policy.isSystemAdministrator(system([role]))).toBe(false);
  });

  it('administers every organisation; another ADMIN its own and those below it; other roles none', async () => {
    const p = over(forest);
    expect((await p.administeredOrganisationIds(system([Role.ADMIN]))).sort()).toEqual(
      Object.keys(forest).sort(),
    );
    expect((await p.administeredOrganisationIds(user([Role.ADMIN], ROOT))).sort()).toEqual(
      [CHILD, GRANDCHILD, ROOT].sort(),
    );
    expect(await p.administeredOrganisationIds(user([Role.ADMIN], GRANDCHILD))).toEqual([
      GRANDCHILD,
    ]);
    expect(await p.administeredOrganisationIds(system([Role.AUDITOR]))).toEqual([]);
  });
});
