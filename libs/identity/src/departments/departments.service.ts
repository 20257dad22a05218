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
  headUserId?: string | null;
  isAuditUnit?: boolean;
  isProactiveOffice?: boolean;
}

const AUDITED_FIELDS: Array<Extract<keyof Department, string>> = [
  'organisationId',
  'name',
  'kind',
  'headUserId',
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
  ) {}

  /** Every user sees the departments of their own organisation; an ADMIN also those it administers. */
  async list(
    actor: AuthUser,
    filter: { organisationId?: string; includeInactive?: boolean },
  ): Promise<Department[]> {
    const visible = new Set([
      actor.organisationId,
      ...(await this.policy.administeredOrganisationIds(actor)),
    ]);
    const orgIds = filter.organisationId
      ? [filter.organisationId].filter((id) => visible.has(id))
      : [actor.organisationId];
    if (!orgIds.length) return [];
    return this.dataSource.getRepository(Department).find({
      where: { organisationId: In(orgIds), ...(filter.includeInactive ? {} : { active: true }) },
      order: { name: 'ASC' },
    });
  }

  async get(actor: AuthUser, id: string): Promise<Department> {
    const department = await this.dataSource.getRepository(Department).findOneBy({ id });
    if (!department) throw DomainError.notFound();
    if (department.organisationId !== actor.organisationId) {
      await this.policy.assertAdministers(actor, department.organisationId);
    }
    return department;
  }

  private async getAdministered(actor: AuthUser, id: string): Promise<Department> {
    const department = await this.get(actor, id);
    if (!this.policy.hasRole(actor, Role.ADMIN)) throw DomainError.forbidden();
    await this.policy.assertAdministers(actor, department.organisationId);
    return department;
  }

  async create(actor: AuthUser, input: CreateDepartmentInput): Promise<Department> {
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
      return this.dataSource.getRepository(Department).findOneByOrFail({ id });
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw duplicateName();
      throw err;
    }
  }

  async update(actor: AuthUser, id: string, input: UpdateDepartmentInput): Promise<Department> {
    const before = await this.getAdministered(actor, id);
    if (input.headUserId) {
      const [head] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM users WHERE id = $1 AND department_id = $2 AND active`,
        [input.headUserId, id],
      );
      if (!head) {
        throw DomainError.invalidField(
          'headUserId',
          'memberOfDepartment',
          {
            ko: '이 부서에 소속된 활성 사용자여야 합니다.',
            en: 'must be an active user of this department',
          },
          ErrorCode.INVALID_REFERENCE,
        );
      }
    }
    const { version, ...patch } = input;
    try {
      await this.tx.run(async (tx) => {
        await updateWithVersion(tx.manager, Department, id, version, patch);
        await this.history.record(tx, {
          organisationId: before.organisationId,
          recordType: 'department',
          recordId: id,
          action: 'update',
          actorId: actor.id,
          changes: diffFields<Department>(before, { ...before, ...patch }, AUDITED_FIELDS),
        });
      });
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw duplicateName();
      throw err;
    }
    return this.dataSource.getRepository(Department).findOneByOrFail({ id });
  }

  async setActive(
    actor: AuthUser,
    id: string,
    active: boolean,
    reason?: string,
  ): Promise<Department> {
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
    return this.dataSource.getRepository(Department).findOneByOrFail({ id });
  }
}
