import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { containsPattern, DomainError } from '@gwaje/common';
import { DataSource } from 'typeorm';
import type { DepartmentKind } from '../departments/department.entity.js';
import type { OrganisationKind } from './organisation.entity.js';

export interface DirectoryFilter {
  /** Part of the organisation's name (case-insensitive; % and _ match themselves). */
  q?: string;
  kind?: OrganisationKind;
  limit: number;
  offset: number;
}

export interface DirectoryOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** The organisation above it (a 구's 시·도), whatever its state: its name is public structure. */
  parent: { id: string; name: string } | null;
}

export interface DirectoryDepartment {
  id: string;
  name: string;
  kind: DepartmentKind;
}

export interface DirectoryPage {
  items: DirectoryOrganisation[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * The public structure of government: active organisations and their active departments, by
 * name. What a PROACTIVE_OFFICE needs to name the coordinator and the participants of a 협업과제
 * (DOMAIN.md §9) in organisations it does not belong to. Names, kinds and the parent link only:
 * never users, heads, flags or versions of another organisation.
 */
@Injectable()
export class OrganisationDirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async organisations(filter: DirectoryFilter): Promise<DirectoryPage> {
    const where = ['o.active'];
    const params: unknown[] = [];
    if (filter.q) {
      params.push(containsPattern(filter.q));
      where.push(`o.name ILIKE $${params.length}`);
    }
    if (filter.kind) {
      params.push(filter.kind);
      where.push(`o.kind = $${params.length}`);
    }
    const clause = where.join(' AND ');
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM organisations o WHERE ${clause}`,
      params,
    );
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        name: string;
        kind: OrganisationKind;
        parent_id: string | null;
        parent_name: string | null;
      }>
    >(
      `SELECT o.id, o.name, o.kind, p.id AS parent_id, p.name AS parent_name
         FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
        WHERE ${clause}
        ORDER BY o.name, o.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        parent: r.parent_id ? { id: r.parent_id, name: r.parent_name ?? '' } : null,
      })),
      total,
      limit: filter.limit,
      offset: filter.offset,
    };
  }

  /** The active departments of an active organisation by name; any other id is a 404. */
  async departments(organisationId: string): Promise<DirectoryDepartment[]> {
    const [org] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM organisations WHERE id = $1 AND active`,
      [organisationId],
    );
    if (!org) throw DomainError.notFound();
    return this.dataSource.query<DirectoryDepartment[]>(
      `SELECT id, name, kind FROM departments
        WHERE organisation_id = $1 AND active
        ORDER BY name, id`,
      [organisationId],
    );
  }
}
