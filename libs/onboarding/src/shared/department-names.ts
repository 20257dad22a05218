import type { Tx } from '@gwaje/db';
import { squash } from '../sheet/cells.js';

export interface NamedDepartment {
  id: string;
  name: string;
}

/**
 * The organisation's active departments by name, as rows of a sheet name them: the exact name,
 * or else the one department whose name differs only in spaces or case ("복지 정책과").
 */
export class DepartmentNames {
  private readonly exact = new Map<string, NamedDepartment>();
  private readonly loose = new Map<string, NamedDepartment | null>();

  constructor(departments: readonly NamedDepartment[]) {
    for (const d of departments) {
      this.exact.set(d.name, d);
      const key = squash(d.name);
      // Two departments that differ only in spaces: neither is found loosely.
      this.loose.set(key, this.loose.has(key) ? null : d);
    }
  }

  find(name: string): NamedDepartment | undefined {
    return this.exact.get(name) ?? this.loose.get(squash(name)) ?? undefined;
  }

  get names(): string[] {
    return [...this.exact.keys()].sort((a, b) => a.localeCompare(b, 'ko'));
  }
}

/** Active departments of the organisation (scoped in SQL to it). */
export async function organisationDepartments(
  tx: Pick<Tx, 'manager'>,
  organisationId: string,
): Promise<DepartmentNames> {
  const rows = await tx.manager.query<NamedDepartment[]>(
    `SELECT id, name FROM departments WHERE organisation_id = $1 AND active ORDER BY name`,
    [organisationId],
  );
  return new DepartmentNames(rows);
}
