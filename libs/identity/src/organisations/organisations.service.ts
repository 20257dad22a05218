import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { diffFields, HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import { TransactionService, updateWithVersion } from '@gwaje/db';
import { DataSource, In } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AuthService } from '../auth/auth.service.js';
import { AccessPolicy } from '../policy/access-policy.service.js';
import { Organisation, type OrganisationKind } from './organisation.entity.js';

export interface CreateOrganisationInput {
  name: string;
  kind: OrganisationKind;
  /** Left out or null: a top-level organisation, which only a system administrator creates. */
  parentId?: string | null;
}

export interface UpdateOrganisationInput {
  version: number;
  name?: string;
  kind?: OrganisationKind;
  /** null: makes it a top-level organisation (a system administrator only). */
  parentId?: string | null;
}

const AUDITED_FIELDS: Array<Extract<keyof Organisation, string>> = [
  'name',
  'kind',
  'parentId',
  'active',
];

/**
 * ADMIN management of organisations: its own and those below it. The system administrator manages
 * every organisation and alone creates top-level ones (서울특별시, a 중앙행정기관, a 공공기관).
 */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
    private readonly auth: AuthService,
  ) {}

  async list(actor: AuthUser): Promise<Organisation[]> {
    const ids = await this.policy.administeredOrganisationIds(actor);
    if (!ids.length) return [];
    return this.dataSource
      .getRepository(Organisation)
      .find({ where: { id: In(ids) }, order: { name: 'ASC' } });
  }

  async get(actor: AuthUser, id: string): Promise<Organisation> {
    await this.policy.assertAdministers(actor, id);
    return this.dataSource.getRepository(Organisation).findOneByOrFail({ id });
  }

  async create(actor: AuthUser, input: CreateOrganisationInput): Promise<Organisation> {
    const parentId = input.parentId ?? null;
    if (parentId === null) this.assertMayMakeTopLevel(actor);
    else await this.assertParent(actor, parentId, 'parentId');
    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO organisations (name, kind, parent_id) VALUES ($1, $2, $3) RETURNING id`,
        [input.name, input.kind, parentId],
      );
      await this.history.record(tx, {
        organisationId: row.id,
        recordType: 'organisation',
        recordId: row.id,
        action: 'create',
        actorId: actor.id,
        changes: diffFields<Organisation>(
          null,
          { ...input, parentId, active: true },
          AUDITED_FIELDS,
        ),
      });
      return row.id;
    });
    return this.dataSource.getRepository(Organisation).findOneByOrFail({ id });
  }

  async update(actor: AuthUser, id: string, input: UpdateOrganisationInput): Promise<Organisation> {
    const before = await this.get(actor, id);
    if (input.parentId === null && before.parentId !== null) this.assertMayMakeTopLevel(actor);
    if (typeof input.parentId === 'string' && input.parentId !== before.parentId) {
      // An ADMIN does not move the organisation its administration hangs from.
      if (id === actor.organisationId && !this.policy.isSystemAdministrator(actor))
        throw DomainError.forbidden();
      await this.assertParent(actor, input.parentId, 'parentId');
      const below = await this.policy.organisationSubtree(id);
      if (below.includes(input.parentId)) {
        throw DomainError.invalidField('parentId', 'noCycle', {
          ko: '하위 기관을 상위 기관으로 지정할 수 없습니다.',
          en: 'must not be the organisation itself or one below it',
        });
      }
    }
    const { version, ...patch } = input;
    await this.tx.run(async (tx) => {
      await updateWithVersion(tx.manager, Organisation, id, version, patch);
      await this.history.record(tx, {
        organisationId: id,
        recordType: 'organisation',
        recordId: id,
        action: 'update',
        actorId: actor.id,
        changes: diffFields<Organisation>(before, { ...before, ...patch }, AUDITED_FIELDS),
      });
    });
    return this.dataSource.getRepository(Organisation).findOneByOrFail({ id });
  }

  async setActive(
    actor: AuthUser,
    id: string,
    active: boolean,
    reason?: string,
  ): Promise<Organisation> {
    const before = await this.get(actor, id);
    if (!active && id === actor.organisationId) throw new DomainError(ErrorCode.SELF_DEACTIVATION);
    if (before.active !== active) {
      await this.tx.run(async (tx) => {
        await updateWithVersion(tx.manager, Organisation, id, before.version, { active });
        await this.history.record(tx, {
          organisationId: id,
          recordType: 'organisation',
          recordId: id,
          action: active ? 'reactivate' : 'deactivate',
          actorId: actor.id,
          changes: { active: { from: before.active, to: active } },
          reason: reason ?? null,
        });
        // Its users cannot sign in (AuthService checks the organisation) and their sessions end
        // now; a later reactivation does not bring those sessions back.
        if (!active) await this.auth.revokeOrganisationSessions(tx, id, 'ORGANISATION_DEACTIVATED');
      });
    }
    return this.dataSource.getRepository(Organisation).findOneByOrFail({ id });
  }

  /** 403 naming parentId unless the actor is the system administrator. */
  private assertMayMakeTopLevel(actor: AuthUser): void {
    if (this.policy.isSystemAdministrator(actor)) return;
    const message = {
      ko: '최상위 기관(상위 기관 없음)은 시스템 관리자만 만들 수 있습니다. 관리하는 기관을 상위 기관으로 지정하세요.',
      en: 'only a system administrator makes a top-level organisation (no parentId); name an organisation you administer as the parent',
    };
    throw new DomainError(ErrorCode.FORBIDDEN, message, [
      { field: 'parentId', code: 'systemAdministratorOnly', message },
    ]);
  }

  private async assertParent(actor: AuthUser, parentId: string, field: string): Promise<void> {
    const administered = await this.policy.administeredOrganisationIds(actor);
    if (!administered.includes(parentId)) {
      throw DomainError.invalidField(
        field,
        'administeredOrganisation',
        { ko: '관리 권한이 있는 기관이어야 합니다.', en: 'must be an organisation you administer' },
        ErrorCode.INVALID_REFERENCE,
      );
    }
  }
}
