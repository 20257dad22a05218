import type { HttpClient } from './app.js';
import { type Factory, login, type TestDept, type TestOrg } from './factory.js';
import type { Actor } from './tasks.js';

/**
 * An organisation of `kind` for the collaboration suites: its proactive office (with its head), an
 * audit unit, a responsible department (`dept`, with staff and head) and another department (staff
 * and head), each user signed in.
 */
export async function collaborationOrganisation(
  http: HttpClient,
  factory: Factory,
  kind: string,
  parentId: string | null = null,
) {
  const actor = async (dept: TestDept, roles: string[]): Promise<Actor> => {
    const user = await factory.user(dept, roles as any);
    return { ...user, token: (await login(http, user)).accessToken };
  };
  const org: TestOrg = await factory.org({ parentId });
  await factory.db.query(`UPDATE organisations SET kind = $2 WHERE id = $1`, [org.id, kind]);
  const [officeDept, auditDept, dept, otherDept] = await Promise.all([
    factory.dept(org.id, { isProactiveOffice: true }),
    factory.dept(org.id, { isAuditUnit: true }),
    factory.dept(org.id, { name: `담당과 ${org.id.slice(0, 4)}` }),
    factory.dept(org.id),
  ]);
  const [office, officeHead, auditor, staff, head, otherStaff, otherHead] = await Promise.all([
    actor(officeDept, ['PROACTIVE_OFFICE']),
    actor(officeDept, ['DEPT_HEAD']),
    actor(auditDept, ['AUDITOR']),
    actor(dept, ['STAFF']),
    actor(dept, ['DEPT_HEAD']),
    actor(otherDept, ['STAFF']),
    actor(otherDept, ['DEPT_HEAD']),
  ]);
  return { org, dept, otherDept, office, officeHead, auditor, staff, head, otherStaff, otherHead };
}
export type CollaborationOrg = Awaited<ReturnType<typeof collaborationOrganisation>>;
