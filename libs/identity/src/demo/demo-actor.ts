import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import type { Role } from '../roles.js';

/**
 * A demo user as the services see a signed-in caller, so demo seeds can enter records through the
 * public services (with their rules and history) rather than with SQL.
 */
export async function demoActor(dataSource: DataSource, email: string): Promise<AuthUser> {
  const [u] = await dataSource.query<
    Array<{
      id: string;
      organisation_id: string;
      department_id: string;
      roles: Role[];
      name: string;
      language: 'ko' | 'en';
    }>
  >(
    `SELECT id, organisation_id, department_id, roles, name, language FROM users WHERE email = $1`,
    [email],
  );
  if (!u) throw new Error(`demo user ${email} is missing: run IdentityDemoSeed first`);
  return {
    id: u.id,
    sessionId: 'demo-seed',
    organisationId: u.organisation_id,
    departmentId: u.department_id,
    roles: u.roles,
    name: u.name,
    email,
    language: u.language,
  };
}
