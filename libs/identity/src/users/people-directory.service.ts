import { Injectable } from '@nestjs/common';
import { containsPattern } from '@gwaje/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';

export interface PersonRef {
  id: string;
  name: string;
  departmentId: string;
  departmentName: string;
}

/**
 * People of the caller's own organisation by name or department, for pickers (task members, the
 * people an office names): active users only, names and departments, never contact details.
 */
@Injectable()
export class PeopleDirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(user: AuthUser, query: string, limit: number): Promise<PersonRef[]> {
    const like = containsPattern(query.trim());
    const rows = await this.dataSource.query<
      Array<{ id: string; name: string; department_id: string; department_name: string }>
    >(
      `SELECT u.id, u.name, u.department_id, d.name AS department_name
         FROM users u JOIN departments d ON d.id = u.department_id
        WHERE u.organisation_id = $1 AND u.active AND (u.name ILIKE $2 OR d.name ILIKE $2)
        ORDER BY u.name, d.name, u.id LIMIT $3`,
      [user.organisationId, like, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      departmentId: r.department_id,
      departmentName: r.department_name,
    }));
  }
}
