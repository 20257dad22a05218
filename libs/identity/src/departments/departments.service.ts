import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { diffFields, HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import { PG_UNIQUE_VIOLATION, pgErrorCode, TransactionService, updateWithVersion } from '@gwaje/db';
import { DataSource, In } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AccessPolicy } from '../policy/access-policy.service.js';
import { Role } from '../roles.js';
import { Department, type DepartmentKind } from './department.entity.js';
import { DepartmentHeads, headsOf } from './department-heads.js';

export interface CreateDepartmentInput {
  organisationId: string;
  name: string;
  kind: DepartmentKind;
  isAuditUnit?: boolean;
  isProactiveOffice?: boolean;
}

export interface UpdateDepartmentInput {
  version: number;
  name?: string;
  kind?: DepartmentKind;
  /** A convenience: names the head as PUT …/head does (grants DEPT_HEAD, takes it from the other). */
  headUserId?: string | null;
  isAuditUnit?: boolean;
  isProactiveOffice?: boolean;
}

export interface SetDepartmentHeadInput {
  /** An active user of the department; null: the department has no head. */
  userId: string | null;
  /** The department's version as read; left out, the head is named whatever it is now. */
  version?: number;
  reason?: string;
}

/**
 * A department as read: its head is derived from the DEPT_HEAD role of its active users
 * (DepartmentHeads), never stored on the department.
 */
export interface DepartmentView extends Department {
  headUserId: string | null;
  headName: string | null;
}

const AUDITED_FIELDS: Array<Extract<keyof Department, string>> = [
  'organisationId',
  'name',
  'kind',
  'isAuditUnit',
  'isProactiveOffice',
  'active',
];

const duplicateName = (): DomainError =>
  DomainError.invalidField(
    'name',
    'unique',
    {
      ko: '같은 기관에 같은 이름의 부서가 이미 있습니다.',
      en: 'a department with this name already exists in the organisation',
    },
    ErrorCode.DUPLICATE,
  );

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly heads: DepartmentHeads,
  ) {}

  /** Departments with their derived heads (one query for all of them). */
  private async withHeads(departments: Department[]): Promise<DepartmentView[]> {
    const heads = await headsOf(
      this.dataSource,
      departments.map((d) => d.id),
    );
    return departments.map((d) => {
      const head = heads.get(d.id);
      return Object.assign(d, { headUserId: head?.userId ?? null, headName: head?.name ?? null });
    });
  }

  private async view(id: string): Promise<DepartmentView> {
    const [view] = await this.withHeads([
      await this.dataSource.getRepository(Department).findOneByOrFail({ id }),
    ]);
    return view;
  }

  /** Every user sees the departments of their own organisation; an ADMIN also those it administers. */
  async list(
    actor: AuthUser,
    filter: { organisationId?: string; includeInactive?: boolean },
  ): Promise<DepartmentView[]> {
    const visible = new Set([
      actor.organisationId,
      ...(await this.policy.administeredOrganisationIds(actor)),
    ]);
    const orgIds = filter.organisationId
      ? [filter.organisationId].filter((id) => visible.has(id))
      : [actor.organisationId];
    if (!orgIds.length) return [];
    return this.withHeads(
      await this.dataSource.getRepository(Department).find({
        where: { organisationId: In(orgIds), ...(filter.includeInactive ? {} : { active: true }) },
        order: { name: 'ASC' },
      }),
    );
  }

  async get(actor: AuthUser, id: string): Promise<DepartmentView> {
    const department = await this.find(actor, id);
    const [view] = await this.withHeads([department]);
    return view;
  }

  private async find(actor: AuthUser, id: string): Promise<Department> {
    const department = await this.dataSource.getRepository(Department).findOneBy({ id });
    if (!department) throw DomainError.notFound();
    if (department.organisationId !== actor.organisationId) {
      await this.policy.assertAdministers(actor, department.organisationId);
    }
    return department;
  }

  private async getAdministered(actor: AuthUser, id: string): Promise<Department> {
    const department = await this.find(actor, id);
    if (!this.policy.hasRole(actor, Role.ADMIN)) throw DomainError.forbidden();
    await this.policy.assertAdministers(actor, department.organisationId);
    return department;
  }

  async create(actor: AuthUser, input: CreateDepartmentInput): Promise<DepartmentView> {
    const administered = await this.policy.administeredOrganisationIds(actor);
    if (!administered.includes(input.organisationId)) {
      throw DomainError.invalidField(
        'organisationId',
        'administeredOrganisation',
        { ko: '관리 권한이 있는 기관이어야 합니다.', en: 'must be an organisation you administer' },
        ErrorCode.INVALID_REFERENCE,
      );
    }
    const values = { isAuditUnit: false, isProactiveOffice: false, ...input };
    try {
      const id = await this.tx.run(async (tx) => {
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO departments (organisation_id, name, kind, is_audit_unit, is_proactive_office)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [
            values.organisationId,
            values.name,
            values.kind,
            values.isAuditUnit,
            values.isProactiveOffice,
          ],
        );
        await this.history.record(tx, {
          organisationId: values.organisationId,
          recordType: 'department',
          recordId: row.id,
          action: 'create',
          actorId: actor.id,
          changes: diffFields<Department>(null, { ...values, active: true }, AUDITED_FIELDS),
        });
        return row.id;
      });
      return this.view(id);
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw duplicateName();
      throw err;
    }
  }

  /**
   * Name, kind and flags; `headUserId`, when given, names the head in the same transaction exactly
   * as setHead does (a convenience for the edit form: the head itself is the DEPT_HEAD role).
   */
  async update(actor: AuthUser, id: string, input: UpdateDepartmentInput): Promise<DepartmentView> {
    const before = await this.getAdministered(actor, id);
    const { version, headUserId, ...patch } = input;
    try {
      await this.tx.run(async (tx) => {
        await updateWithVersion(tx.manager, Department, id, version, patch);
        const changes = diffFields<Department>(before, { ...before, ...patch }, AUDITED_FIELDS);
        // A PATCH that only names the head is recorded as that (set_head), not as an empty update.
        if (Object.keys(changes).length || headUserId === undefined)
          await this.history.record(tx, {
            organisationId: before.organisationId,
            recordType: 'department',
            recordId: id,
            action: 'update',
            actorId: actor.id,
            changes,
          });
        if (headUserId !== undefined)
          await this.heads.name(tx, actor, before, headUserId, 'headUserId');
      });
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw duplicateName();
      throw err;
    }
    return this.view(id);
  }

  /**
   * Names the department's head in one call (PUT /departments/{id}/head): DEPT_HEAD granted to that
   * active user of the department and taken from the previous head, the department's version moved
   * on, all in one transaction with history entries. Naming the current head changes nothing.
   */
  async setHead(
    actor: AuthUser,
    id: string,
    input: SetDepartmentHeadInput,
  ): Promise<DepartmentView> {
    const department = await this.getAdministered(actor, id);
    await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ version: number }>>(
        `SELECT version FROM departments WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (input.version !== undefined && input.version !== row.version)
        throw DomainError.conflict(row.version);
      const changed = await this.heads.name(
        tx,
        actor,
        department,
        input.userId,
        'userId',
        input.reason,
      );
      if (changed)
        await tx.manager.query(
          `UPDATE departments SET version = version + 1, updated_at = now() WHERE id = $1`,
          [id],
        );
    });
    return this.view(id);
  }

  async setActive(
    actor: AuthUser,
    id: string,
    active: boolean,
    reason?: string,
  ): Promise<DepartmentView> {
    const before = await this.getAdministered(actor, id);
    if (before.active !== active) {
      await this.tx.run(async (tx) => {
        await updateWithVersion(tx.manager, Department, id, before.version, { active });
        await this.history.record(tx, {
          organisationId: before.organisationId,
          recordType: 'department',
          recordId: id,
          action: active ? 'reactivate' : 'deactivate',
          actorId: actor.id,
          changes: { active: { from: before.active, to: active } },
          reason: reason ?? null,
        });
      });
    }
    return this.view(id);
  }
}
