import type { Tx } from '@gwaje/db';
import type { DepartmentKind } from '@gwaje/identity';

export interface ExistingDepartment {
  id: string;
  organisationId: string;
  name: string;
  kind: DepartmentKind;
  isAuditUnit: boolean;
  isProactiveOffice: boolean;
  active: boolean;
}

/**
 * The organisation's departments of these names, by name; `lock` takes their row locks for the
 * rest of the transaction (a real import deciding on what it read).
 */
export async function lockedDepartments(
  tx: Tx,
  organisationId: string,
  names: string[],
  lock: boolean,
): Promise<Map<string, ExistingDepartment>> {
  const rows = await tx.manager.query<ExistingDepartment[]>(
    `SELECT id, organisation_id AS "organisationId", name, kind, is_audit_unit AS "isAuditUnit",
            is_proactive_office AS "isProactiveOffice", active
       FROM departments WHERE organisation_id = $1 AND name = ANY($2::text[])
      ORDER BY id ${lock ? 'FOR NO KEY UPDATE' : ''}`,
    [organisationId, names],
  );
  return new Map(rows.map((d) => [d.name, d]));
}

export async function insertDepartment(
  tx: Tx,
  v: {
    organisationId: string;
    name: string;
    kind: DepartmentKind;
    isAuditUnit: boolean;
    isProactiveOffice: boolean;
  },
): Promise<string> {
  const [row] = await tx.manager.query<Array<{ id: string }>>(
    `INSERT INTO departments (organisation_id, name, kind, is_audit_unit, is_proactive_office)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [v.organisationId, v.name, v.kind, v.isAuditUnit, v.isProactiveOffice],
  );
  return row.id;
}

/** The listed fields of a department whose row lock the transaction holds. */
export async function updateDepartment(
  tx: Tx,
  id: string,
  v: { kind: DepartmentKind; isAuditUnit: boolean; isProactiveOffice: boolean },
): Promise<void> {
  await tx.manager.query(
    `UPDATE departments SET kind = $2, is_audit_unit = $3, is_proactive_office = $4,
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, v.kind, v.isAuditUnit, v.isProactiveOffice],
  );
}
