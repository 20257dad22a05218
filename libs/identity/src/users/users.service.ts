import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, diffFields, HistoryService } from '@gwaje/audit';
import { containsPattern, DomainError, ErrorCode } from '@gwaje/common';
import {
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  TransactionService,
  type Tx,
  updateWithVersion,
} from '@gwaje/db';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AuthService } from '../auth/auth.service.js';
import { PasswordService } from '../auth/password.service.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentHeads, systemAdministratorAccount } from '../departments/department-heads.js';
import { AccessPolicy } from '../policy/access-policy.service.js';
import { Role } from '../roles.js';
import { SettingsService } from '../settings/settings.service.js';
import { User } from './user.entity.js';

export interface CreateUserInput {
  departmentId: string;
  name: string;
  email: string;
  grade?: string;
  roles: Role[];
  language?: 'ko' | 'en';
  password: string;
}

export interface UpdateUserInput {
  version: number;
  departmentId?: string;
  name?: string;
  grade?: string;
  roles?: Role[];
  language?: 'ko' | 'en';
  /** An administrator's password reset; ends the user's sessions. */
  password?: string;
  /** Granted or revoked by a system administrator only; needs the ADMIN role. */
  systemAdministrator?: boolean;
}

export interface UserFilter {
  organisationId?: string;
  departmentId?: string;
  role?: Role;
  active?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

export interface UserView {
  id: string;
  organisationId: string;
  departmentId: string;
  departmentName: string;
  name: string;
  email: string;
  grade: string;
  roles: Role[];
  /** Administers every organisation (AccessPolicy.isSystemAdministrator). */
  systemAdministrator: boolean;
  language: 'ko' | 'en';
  active: boolean;
  locked: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  /** The password must be changed before anything else (after a reset, for the first ADMIN). */
  passwordChangeRequired: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const AUDITED_FIELDS: Array<Extract<keyof User, string>> = [
  'organisationId',
  'departmentId',
  'name',
  'email',
  'grade',
  'roles',
  'systemAdministrator',
  'language',
  'active',
];

function toView(u: User & { department?: Department }): UserView {
  return {
    id: u.id,
    organisationId: u.organisationId,
    departmentId: u.departmentId,
    departmentName: u.department?.name ?? '',
    name: u.name,
    email: u.email,
    grade: u.grade,
    roles: u.roles,
    systemAdministrator: u.systemAdministrator,
    language: u.language,
    active: u.active,
    locked: !!u.lockedUntil && u.lockedUntil > new Date(),
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil : null,
    lastLoginAt: u.lastLoginAt,
    passwordChangeRequired: u.passwordChangeRequired,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

/** ADMIN management of user accounts. Accounts are deactivated, never deleted. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
    private readonly passwords: PasswordService,
    private readonly settings: SettingsService,
    private readonly auth: AuthService,
    private readonly heads: DepartmentHeads,
  ) {}

  async list(actor: AuthUser, filter: UserFilter): Promise<{ items: UserView[]; total: number }> {
    const administered = await this.policy.administeredOrganisationIds(actor);
    const orgIds = filter.organisationId
      ? administered.filter((id) => id === filter.organisationId)
      : administered;
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.department', 'd')
      .where('u.organisation_id = ANY(:orgIds)', { orgIds });
    if (filter.departmentId)
      qb.andWhere('u.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.role) qb.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.q) {
      const like = containsPattern(filter.q);
      qb.andWhere('(u.name ILIKE :like OR u.email ILIKE :like)', { like });
    }
    const [users, total] = await qb
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    await this.accessLog.record({
      organisationId: actor.organisationId,
      userId: actor.id,
      action: AccessAction.LIST,
      recordType: 'user',
      filter: { ...filter },
    });
    return { items: users.map(toView), total };
  }

  async get(actor: AuthUser, id: string): Promise<UserView> {
    const user = await this.findAdministered(actor, id);
    await this.accessLog.record({
      organisationId: actor.organisationId,
      userId: actor.id,
      action: AccessAction.READ,
      recordType: 'user',
      recordId: id,
    });
    return toView(user);
  }

  /** The caller's own profile (GET /me). */
  async profile(userId: string): Promise<UserView> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id: userId }, relations: { department: true } });
    if (!user) throw DomainError.notFound();
    return toView(user);
  }

  async create(actor: AuthUser, input: CreateUserInput): Promise<UserView> {
    const department = await this.administeredDepartment(actor, input.departmentId);
    const email = input.email.trim().toLowerCase();
    const minLength = await this.settings.get(
      department.organisationId,
      'security.passwordMinLength',
    );
    this.passwords.assertPolicy(input.password, minLength, { email, name: input.name });
    const passwordHash = await this.passwords.hash(input.password);
    const values = {
      organisationId: department.organisationId,
      departmentId: department.id,
      name: input.name,
      email,
      grade: input.grade ?? '',
      roles: [...new Set(input.roles)],
      language: input.language ?? 'ko',
      active: true,
    };
    try {
      const id = await this.tx.run(async (tx) => {
        // One head per department: DEPT_HEAD for a department that has one is a 409.
        if (values.roles.includes(Role.DEPT_HEAD))
          await this.heads.assertVacant(tx, department.id, null, 'roles');
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO users (organisation_id, department_id, name, email, grade, roles, language, password_hash)
           VALUES ($1, $2, $3, $4, $5, $6::user_role[], $7, $8) RETURNING id`,
          [
            values.organisationId,
            values.departmentId,
            values.name,
            values.email,
            values.grade,
            values.roles,
            values.language,
            passwordHash,
          ],
        );
        await this.history.record(tx, {
          organisationId: values.organisationId,
          recordType: 'user',
          recordId: row.id,
          action: 'create',
          actorId: actor.id,
          changes: diffFields<User>(null, values, AUDITED_FIELDS),
        });
        return row.id;
      });
      return this.profile(id);
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
        throw DomainError.invalidField(
          'email',
          'unique',
          { ko: '이미 등록된 이메일입니다.', en: 'is already registered' },
          ErrorCode.DUPLICATE,
        );
      }
      throw err;
    }
  }

  async update(actor: AuthUser, id: string, input: UpdateUserInput): Promise<UserView> {
    const before = await this.findAdministered(actor, id);
    this.assertMayManage(actor, before);
    // Separation of duties: no administrator grants itself a business role (SECURITY.md).
    if (input.roles) this.policy.assertNoSelfGrant(actor, id, before.roles, input.roles);
    const { version, password, ...fields } = input;
    const patch: Partial<User> = { ...fields };
    if (fields.roles) patch.roles = [...new Set(fields.roles)];
    if (fields.departmentId && fields.departmentId !== before.departmentId) {
      const department = await this.administeredDepartment(actor, fields.departmentId);
      patch.organisationId = department.organisationId;
    }
    const revokesSystemAdministrator = this.checkSystemAdministrator(actor, before, patch);
    if (password !== undefined) {
      const minLength = await this.settings.get(
        patch.organisationId ?? before.organisationId,
        'security.passwordMinLength',
      );
      this.passwords.assertPolicy(password, minLength, {
        email: before.email,
        name: fields.name ?? before.name,
      });
      patch.passwordHash = await this.passwords.hash(password);
      // Someone else's password set by an administrator is a temporary one: changed at next sign-in.
      if (id !== actor.id) patch.passwordChangeRequired = true;
    }
    const departmentId = patch.departmentId ?? before.departmentId;
    const becomesHead =
      before.active &&
      (patch.roles ?? before.roles).includes(Role.DEPT_HEAD) &&
      (!before.roles.includes(Role.DEPT_HEAD) || departmentId !== before.departmentId);
    await this.tx.run(async (tx) => {
      // Lock order: the department (its head) before the user.
      if (becomesHead)
        await this.heads.assertVacant(
          tx,
          departmentId,
          id,
          patch.roles && !before.roles.includes(Role.DEPT_HEAD) ? 'roles' : 'departmentId',
        );
      if (revokesSystemAdministrator) await this.assertAnotherSystemAdministrator(tx, id);
      await updateWithVersion(tx.manager, User, id, version, patch);
      const changes = diffFields<User>(before, { ...before, ...patch }, AUDITED_FIELDS);
      // A reset is recorded, its value never.
      if (password !== undefined) changes.password = { from: '(hidden)', to: '(reset)' };
      await this.history.record(tx, {
        organisationId: before.organisationId,
        recordType: 'user',
        recordId: id,
        action: changes.roles || changes.systemAdministrator ? 'update_roles' : 'update',
        actorId: actor.id,
        changes,
      });
      if (password !== undefined) await this.auth.revokeAllSessions(tx, id, 'PASSWORD_RESET');
    });
    return this.profile(id);
  }

  /**
   * The system administrator mark, granted and revoked by a system administrator only: 403 when
   * anyone else changes it, 400 when it would sit on a user without ADMIN.
   * Returns whether the change revokes it (the caller then checks another one remains).
   */
  private checkSystemAdministrator(actor: AuthUser, before: User, patch: Partial<User>): boolean {
    const next = patch.systemAdministrator ?? before.systemAdministrator;
    const changes = next !== before.systemAdministrator;
    if (changes && !this.policy.isSystemAdministrator(actor)) {
      const message = {
        ko: '시스템 관리자 지정과 해제는 시스템 관리자만 할 수 있습니다.',
        en: 'only a system administrator grants or revokes systemAdministrator',
      };
      throw new DomainError(ErrorCode.FORBIDDEN, message, [
        { field: 'systemAdministrator', code: 'systemAdministratorOnly', message },
      ]);
    }
    if (next && !(patch.roles ?? before.roles).includes(Role.ADMIN)) {
      throw changes
        ? DomainError.invalidField('systemAdministrator', 'requiresAdmin', {
            ko: '시스템 관리자는 ADMIN 역할이 있는 사용자여야 합니다.',
            en: 'must be given to a user with the ADMIN role',
          })
        : DomainError.invalidField('roles', 'systemAdministratorKeepsAdmin', {
            ko: '시스템 관리자에게서 ADMIN 역할을 뺄 수 없습니다. 먼저 시스템 관리자 지정을 해제하세요.',
            en: 'must keep ADMIN while the user is a system administrator; revoke systemAdministrator first',
          });
    }
    return changes && !next;
  }

  /** 400 when revoking `userId`'s mark would leave no active system administrator. */
  private async assertAnotherSystemAdministrator(tx: Tx, userId: string): Promise<void> {
    // Serialises revocations, so two system administrators cannot revoke each other at once.
    await tx.manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('system-administrators', 0))`,
    );
    const [other] = await tx.manager.query<unknown[]>(
      `SELECT 1 FROM users WHERE system_administrator AND active AND id <> $1 LIMIT 1`,
      [userId],
    );
    if (!other) {
      throw DomainError.invalidField('systemAdministrator', 'lastSystemAdministrator', {
        ko: '마지막 시스템 관리자는 해제할 수 없습니다. 다른 사용자를 먼저 시스템 관리자로 지정하세요.',
        en: 'cannot be revoked from the last system administrator; make another user a system administrator first',
      });
    }
  }

  /** A system administrator's account is changed only by a system administrator (403). */
  private assertMayManage(actor: AuthUser, user: User): void {
    if (user.systemAdministrator && !this.policy.isSystemAdministrator(actor))
      throw systemAdministratorAccount();
  }

  async setActive(
    actor: AuthUser,
    id: string,
    active: boolean,
    reason?: string,
  ): Promise<UserView> {
    if (!active && id === actor.id) throw new DomainError(ErrorCode.SELF_DEACTIVATION);
    const before = await this.findAdministered(actor, id);
    if (before.active === active) return toView(before);
    this.assertMayManage(actor, before);
    await this.tx.run(async (tx) => {
      // A head coming back must not make a second head of its department.
      if (active && before.roles.includes(Role.DEPT_HEAD))
        await this.heads.assertVacant(tx, before.departmentId, id, 'roles');
      await updateWithVersion(tx.manager, User, id, before.version, {
        active,
        deactivatedAt: active ? null : new Date(),
      });
      await this.recordHistory(
        tx,
        actor,
        before,
        active ? 'reactivate' : 'deactivate',
        { active: { from: !active, to: active } },
        reason,
      );
      if (!active) await this.auth.revokeAllSessions(tx, id, 'DEACTIVATED');
    });
    return this.profile(id);
  }

  /** ADMIN lifts a lockout before it expires; recorded in history. */
  async unlock(actor: AuthUser, id: string, reason?: string): Promise<UserView> {
    const before = await this.findAdministered(actor, id);
    this.assertMayManage(actor, before);
    await this.tx.run(async (tx) => {
      await tx.manager.query(
        `UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1`,
        [id],
      );
      await this.recordHistory(
        tx,
        actor,
        before,
        'unlock',
        { lockedUntil: { from: before.lockedUntil, to: null } },
        reason,
      );
    });
    return this.profile(id);
  }

  private recordHistory(
    tx: Tx,
    actor: AuthUser,
    user: User,
    action: string,
    changes: Record<string, { from: unknown; to: unknown }>,
    reason?: string,
  ): Promise<void> {
    return this.history.record(tx, {
      organisationId: user.organisationId,
      recordType: 'user',
      recordId: user.id,
      action,
      actorId: actor.id,
      changes,
      reason: reason ?? null,
    });
  }

  private async findAdministered(actor: AuthUser, id: string): Promise<User> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id }, relations: { department: true } });
    if (!user) throw DomainError.notFound();
    await this.policy.assertAdministers(actor, user.organisationId);
    return user;
  }

  private async administeredDepartment(actor: AuthUser, departmentId: string): Promise<Department> {
    const department = await this.dataSource
      .getRepository(Department)
      .findOneBy({ id: departmentId, active: true });
    const administered = await this.policy.administeredOrganisationIds(actor);
    if (!department || !administered.includes(department.organisationId)) {
      throw DomainError.invalidField(
        'departmentId',
        'administeredDepartment',
        {
          ko: '관리 권한이 있는 기관의 활성 부서여야 합니다.',
          en: 'must be an active department of an organisation you administer',
        },
        ErrorCode.INVALID_REFERENCE,
      );
    }
    return department;
  }
}
