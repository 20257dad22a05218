import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@gwaje/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { Role, ROLE_LABELS } from '../roles.js';

/** What the policy needs to know about a business record to decide who may read it. */
export interface OwnedRecord {
  organisationId: string;
  /** The owning (lead) department. */
  departmentId: string | null;
  /** Departments that read it through collaboration (partner departments), possibly of other organisations. */
  sharedWithDepartmentIds?: readonly string[];
  /** Organisations whose org-wide readers see it (e.g. a parent audit unit after escalation). */
  sharedWithOrganisationIds?: readonly string[];
}

/** A WHERE fragment with named parameters, for TypeORM's query builder. */
export interface SqlScope {
  where: string;
  params: Record<string, unknown>;
}

/**
 * Business roles no administrator may grant itself (separation of duties, SECURITY.md): another
 * administrator grants them, and the grant is on record with that administrator as its actor.
 */
export const SELF_GRANT_REFUSED_ROLES: readonly Role[] = [
  Role.AUDITOR,
  Role.COMMITTEE,
  Role.PROACTIVE_OFFICE,
];

/** Roles that read everything in their organisation (DOMAIN.md §1). */
const ORGANISATION_READERS: readonly Role[] = [Role.AUDITOR, Role.PROACTIVE_OFFICE];
/** Roles that read their own department's records. */
const DEPARTMENT_READERS: readonly Role[] = [Role.STAFF, Role.DEPT_HEAD];

/**
 * The one place that decides reads and writes from (user, roles, department, organisation,
 * record). Lists use `businessScope` in SQL; single records use `authorize`, which answers 404 for
 * what the user may not read (its existence stays hidden) and 403 for what they may read but not do.
 * ADMIN manages identity records of its organisation and the organisations below it (the system
 * administrator: of every organisation), and has no business rights by default.
 */
@Injectable()
export class AccessPolicy {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  hasRole(user: AuthUser, ...roles: Role[]): boolean {
    return roles.some((r) => user.roles.includes(r));
  }

  readsWholeOrganisation(user: AuthUser): boolean {
    return this.hasRole(user, ...ORGANISATION_READERS);
  }

  canReadBusinessRecord(user: AuthUser, record: OwnedRecord): boolean {
    if (this.readsWholeOrganisation(user)) {
      if (record.organisationId === user.organisationId) return true;
      if (record.sharedWithOrganisationIds?.includes(user.organisationId)) return true;
    }
    if (this.hasRole(user, ...DEPARTMENT_READERS)) {
      if (record.departmentId === user.departmentId) return true;
      if (record.sharedWithDepartmentIds?.includes(user.departmentId)) return true;
    }
    return false;
  }

  /** Throws 404 when the record is not readable, 403 when readable but `allowed` is false. */
  authorize(user: AuthUser, record: OwnedRecord, allowed: boolean): void {
    if (!this.canReadBusinessRecord(user, record)) throw DomainError.notFound();
    if (!allowed) throw DomainError.forbidden();
  }

  /**
   * The read scope of business records as SQL. `columns` name the record's organisation and owning
   * department columns; `sharedDepartmentsSql`/`sharedOrganisationsSql` are optional sub-selects a
   * module adds for collaboration (they may use :scopeDept, :scopeOrg and :scopeUser).
   */
  businessScope(
    user: AuthUser,
    columns: { organisation: string; department: string },
    extensions: { sharedDepartmentsSql?: string; sharedOrganisationsSql?: string } = {},
  ): SqlScope {
    const parts: string[] = [];
    if (this.readsWholeOrganisation(user)) {
      parts.push(`${columns.organisation} = :scopeOrg`);
      if (extensions.sharedOrganisationsSql) parts.push(`(${extensions.sharedOrganisationsSql})`);
    }
    if (this.hasRole(user, ...DEPARTMENT_READERS)) {
      parts.push(`${columns.department} = :scopeDept`);
      if (extensions.sharedDepartmentsSql) parts.push(`(${extensions.sharedDepartmentsSql})`);
    }
    return {
      where: parts.length ? `(${parts.join(' OR ')})` : 'FALSE',
      params: { scopeOrg: user.organisationId, scopeDept: user.departmentId, scopeUser: user.id },
    };
  }

  /**
   * Organisations an ADMIN administers: its own and every organisation below it; the system
   * administrator administers every organisation.
   */
  async administeredOrganisationIds(user: AuthUser): Promise<string[]> {
    if (!this.hasRole(user, Role.ADMIN)) return [];
    if (this.isSystemAdministrator(user)) {
      const rows = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM organisations`,
      );
      return rows.map((r) => r.id);
    }
    return this.organisationSubtree(user.organisationId);
  }

  /** The organisation and every organisation below it. */
  async organisationSubtree(organisationId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `WITH RECURSIVE tree AS (
         SELECT id FROM organisations WHERE id = $1
         UNION SELECT o.id FROM organisations o JOIN tree t ON o.parent_id = t.id
       ) SELECT id FROM tree`,
      [organisationId],
    );
    return rows.map((r) => r.id);
  }

  /** Organisations whose history and access log the user may read: AUDITOR its own, ADMIN those it administers. */
  async auditableOrganisationIds(user: AuthUser): Promise<string[]> {
    const ids = new Set(await this.administeredOrganisationIds(user));
    if (this.hasRole(user, Role.AUDITOR)) ids.add(user.organisationId);
    return [...ids];
  }

  /**
   * The system administrator: an ADMIN marked so (users.system_administrator, a stored fact granted
   * by another system administrator or to the first administrator `setup` creates). It administers
   * every organisation, alone creates top-level organisations and alone uses what acts on every
   * organisation at once (the queue board). Read from the session with every request, so a grant or
   * a revocation counts at once.
   */
  isSystemAdministrator(user: AuthUser): boolean {
    return user.systemAdministrator === true && this.hasRole(user, Role.ADMIN);
  }

  /**
   * 403 when an administrator's change of its own roles adds a business role it did not hold
   * (SELF_GRANT_REFUSED_ROLES); keeping or removing roles is fine, and so is any change by another
   * administrator.
   */
  assertNoSelfGrant(
    actor: AuthUser,
    userId: string,
    currentRoles: readonly Role[],
    nextRoles: readonly Role[],
  ): void {
    if (actor.id !== userId) return;
    const added = [...new Set(nextRoles)].filter(
      (r) => SELF_GRANT_REFUSED_ROLES.includes(r) && !currentRoles.includes(r),
    );
    if (!added.length) return;
    const list = added.join(', ');
    const labels = added.map((r) => `${ROLE_LABELS[r]}(${r})`).join(', ');
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      {
        ko: `자기 자신에게 업무 역할 ${labels}을(를) 부여할 수 없습니다. 다른 관리자가 부여해야 합니다.`,
        en: `You cannot grant yourself a business role (${list}); another administrator must grant it.`,
      },
      [
        {
          field: 'roles',
          code: 'selfGrant',
          message: {
            ko: `자기 자신에게 ${labels} 역할을 더할 수 없습니다. 다른 관리자가 부여해야 합니다.`,
            en: `must not add ${list} to your own roles; another administrator must grant it`,
          },
        },
      ],
    );
  }

  /** 404 unless the ADMIN administers the organisation. */
  async assertAdministers(user: AuthUser, organisationId: string): Promise<void> {
    const ids = await this.administeredOrganisationIds(user);
    if (!ids.includes(organisationId)) throw DomainError.notFound();
  }
}
