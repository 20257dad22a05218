import type { Tx } from '@gwaje/db';
import type { Role } from '@gwaje/identity';

export interface ExistingUser {
  id: string;
  organisationId: string;
  departmentId: string;
  name: string;
  email: string;
  grade: string;
  roles: Role[];
  language: 'ko' | 'en';
  active: boolean;
  systemAdministrator: boolean;
}

/**
 * Accounts with these e-mail addresses, in any organisation (an address is unique everywhere: one
 * registered elsewhere is refused, never read further). `lock` takes their row locks.
 */
export async function usersByEmail(
  tx: Pick<Tx, 'manager'>,
  emails: string[],
  lock: boolean,
): Promise<Map<string, ExistingUser>> {
  const rows = await tx.manager.query<ExistingUser[]>(
    `SELECT id, organisation_id AS "organisationId", department_id AS "departmentId", name, email,
            grade, roles::text[] AS roles, language, active,
            system_administrator AS "systemAdministrator"
       FROM users WHERE email = ANY($1::text[])
      ORDER BY id ${lock ? 'FOR NO KEY UPDATE' : ''}`,
    [emails],
  );
  return new Map(rows.map((u) => [u.email, u]));
}

/** A new account whose password must be changed at the first sign-in. */
export async function insertUser(
  tx: Tx,
  v: {
    organisationId: string;
    departmentId: string;
    name: string;
    email: string;
    grade: string;
    roles: Role[];
    language: 'ko' | 'en';
  },
  passwordHash: string,
): Promise<string> {
  const [row] = await tx.manager.query<Array<{ id: string }>>(
    `INSERT INTO users (organisation_id, department_id, name, email, grade, roles, language,
                        password_hash, password_change_required)
     VALUES ($1, $2, $3, $4, $5, $6::user_role[], $7, $8, true) RETURNING id`,
    [v.organisationId, v.departmentId, v.name, v.email, v.grade, v.roles, v.language, passwordHash],
  );
  return row.id;
}

/** The listed fields of an account whose row lock the transaction holds. */
export async function updateUser(
  tx: Tx,
  id: string,
  v: { departmentId: string; name: string; grade: string; roles: Role[]; language: 'ko' | 'en' },
): Promise<void> {
  await tx.manager.query(
    `UPDATE users SET department_id = $2, name = $3, grade = $4, roles = $5::user_role[],
            language = $6, version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, v.departmentId, v.name, v.grade, v.roles, v.language],
  );
}

/**
 * The active department heads (DEPT_HEAD users) of the organisation's departments; `lock` first
 * takes the departments' rows, the guard every change of a head takes (lock order: departments,
 * then users), so no API call makes a second head meanwhile.
 */
export async function activeHeads(
  tx: Pick<Tx, 'manager'>,
  organisationId: string,
  lock: boolean,
): Promise<Array<{ id: string; departmentId: string }>> {
  if (lock) {
    await tx.manager.query(
      `SELECT 1 FROM departments WHERE organisation_id = $1 ORDER BY id FOR UPDATE`,
      [organisationId],
    );
  }
  return tx.manager.query<Array<{ id: string; departmentId: string }>>(
    `SELECT id, department_id AS "departmentId" FROM users
      WHERE organisation_id = $1 AND active AND 'DEPT_HEAD' = ANY(roles)`,
    [organisationId],
  );
}
