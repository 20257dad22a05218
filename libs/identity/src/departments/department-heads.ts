import { Injectable } from '@nestjs/common';
import { HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import type { Tx } from '@gwaje/db';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { parseRoles } from '../auth/auth.service.js';
import { AccessPolicy } from '../policy/access-policy.service.js';
import { Role } from '../roles.js';

/**
 * A department's head is one fact: the DEPT_HEAD role of an active user of that department, on which
 * every permission of a head hangs (submitting reports and consultations, completing tasks,
 * nominating). A department has at most one (DOMAIN.md §1: "head user"; the formal requester of a
 * 사전컨설팅 is the unit head). `headUserId` of a department is derived from it on read.
 *
 * Every change that could make a head (naming one, granting DEPT_HEAD, moving a DEPT_HEAD user to
 * another department, reactivating one) first locks the department's row, so two of them never
 * both see the department without a head: lock order department, then users.
 */
export interface DepartmentHead {
  departmentId: string;
  userId: string;
  name: string;
}

interface HeadRow {
  id: string;
  organisation_id: string;
  roles: Role[] | string;
  system_administrator: boolean;
}

/** The reason kept with the role changes that naming a head makes. */
const HEAD_CHANGE_REASON = '부서장 지정 · department head named';

/** The head of each department (derived; the oldest account if data made outside the API has two). */
export async function headsOf(
  manager: Pick<EntityManager, 'query'>,
  departmentIds: readonly string[],
): Promise<Map<string, DepartmentHead>> {
  if (!departmentIds.length) return new Map();
  const rows = await manager.query<Array<{ department_id: string; id: string; name: string }>>(
    `SELECT DISTINCT ON (department_id) department_id, id, name FROM users
      WHERE department_id = ANY($1::uuid[]) AND active AND 'DEPT_HEAD' = ANY(roles)
      ORDER BY department_id, created_at, id`,
    [departmentIds],
  );
  return new Map(
    rows.map((r) => [
      r.department_id,
      { departmentId: r.department_id, userId: r.id, name: r.name },
    ]),
  );
}

@Injectable()
export class DepartmentHeads {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
  ) {}

  /** Locks the department's row (the head's guard) and returns its active DEPT_HEAD users. */
  async lock(tx: Tx, departmentId: string): Promise<HeadRow[]> {
    await tx.manager.query(`SELECT 1 FROM departments WHERE id = $1 FOR UPDATE`, [departmentId]);
    return tx.manager.query<HeadRow[]>(
      `SELECT id, organisation_id, roles::text[] AS roles, system_administrator FROM users
        WHERE department_id = $1 AND active AND 'DEPT_HEAD' = ANY(roles)
        ORDER BY created_at, id`,
      [departmentId],
    );
  }

  /**
   * 409 unless the department has no head but (possibly) `userId` itself: for a user about to hold
   * DEPT_HEAD there (granted, moved in or reactivated). `field` names the input that asked for it.
   */
  async assertVacant(
    tx: Tx,
    departmentId: string,
    userId: string | null,
    field: string,
  ): Promise<void> {
    const other = (await this.lock(tx, departmentId)).find((h) => h.id !== userId);
    if (!other) return;
    const message = {
      ko: '이 부서에는 이미 부서장(DEPT_HEAD)이 있습니다. 부서장은 부서마다 한 명이며, 바꾸려면 부서 관리에서 새 부서장을 지정하세요(PUT /api/v1/departments/{id}/head).',
      en: 'this department already has a head (DEPT_HEAD); a department has one head: name the new one with PUT /api/v1/departments/{id}/head',
    };
    throw new DomainError(ErrorCode.DUPLICATE, message, [
      { field, code: 'departmentHasHead', message },
    ]);
  }

  /**
   * Makes `userId` (null: nobody) the department's head in the caller's transaction: DEPT_HEAD is
   * granted to it and taken from any other head, who keeps STAFF (DEPT_HEAD holds every STAFF right
   * of its department). Each role change is a history entry of its user, and the department records
   * the change of head. `field` names the input for errors (userId, headUserId). Returns whether
   * anything changed. The caller has checked that the actor administers the department.
   */
  async name(
    tx: Tx,
    actor: AuthUser,
    department: { id: string; organisationId: string },
    userId: string | null,
    field: string,
    reason?: string | null,
  ): Promise<boolean> {
    const heads = await this.lock(tx, department.id);
    let next: HeadRow | undefined;
    if (userId) {
      [next] = await tx.manager.query<HeadRow[]>(
        `SELECT id, organisation_id, roles::text[] AS roles, system_administrator FROM users
          WHERE id = $1 AND department_id = $2 AND active FOR UPDATE`,
        [userId, department.id],
      );
      if (!next) {
        throw DomainError.invalidField(
          field,
          'memberOfDepartment',
          {
            ko: '이 부서에 소속된 사용 중인 사용자여야 합니다.',
            en: 'must be an active user of this department',
          },
          ErrorCode.INVALID_REFERENCE,
        );
      }
    }
    const leaving = heads.filter((h) => h.id !== userId);
    const arriving = next && !heads.some((h) => h.id === next.id) ? next : undefined;
    if (!leaving.length && !arriving) return false;
    // A system administrator's account is changed only by a system administrator.
    if (
      [...leaving, ...(arriving ? [arriving] : [])].some((u) => u.system_administrator) &&
      !this.policy.isSystemAdministrator(actor)
    ) {
      throw systemAdministratorAccount();
    }
    const why = reason ?? HEAD_CHANGE_REASON;
    for (const head of leaving) {
      const from = parseRoles(head.roles);
      const kept = from.filter((r) => r !== Role.DEPT_HEAD);
      await this.setRoles(
        tx,
        actor,
        head,
        from,
        kept.includes(Role.STAFF) ? kept : [Role.STAFF, ...kept],
        why,
      );
    }
    if (arriving) {
      const from = parseRoles(arriving.roles);
      await this.setRoles(tx, actor, arriving, from, [...from, Role.DEPT_HEAD], why);
    }
    await this.history.record(tx, {
      organisationId: department.organisationId,
      recordType: 'department',
      recordId: department.id,
      action: 'set_head',
      actorId: actor.id,
      changes: { headUserId: { from: heads[0]?.id ?? null, to: userId } },
      reason: reason ?? null,
    });
    return true;
  }

  private async setRoles(
    tx: Tx,
    actor: AuthUser,
    user: HeadRow,
    from: Role[],
    to: Role[],
    reason: string,
  ): Promise<void> {
    await tx.manager.query(
      `UPDATE users SET roles = $2::user_role[], version = version + 1, updated_at = now() WHERE id = $1`,
      [user.id, to],
    );
    await this.history.record(tx, {
      organisationId: user.organisation_id,
      recordType: 'user',
      recordId: user.id,
      action: 'update_roles',
      actorId: actor.id,
      changes: { roles: { from, to } },
      reason,
    });
  }
}

/** 403: only a system administrator changes a system administrator's account. */
export function systemAdministratorAccount(): DomainError {
  return new DomainError(ErrorCode.FORBIDDEN, {
    ko: '시스템 관리자의 계정은 시스템 관리자만 바꿀 수 있습니다.',
    en: 'Only a system administrator changes a system administrator’s account.',
  });
}
