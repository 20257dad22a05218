import canonicalize from 'canonicalize';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode, type ErrorDetail, withParticle } from '@gwaje/common';
import { AppConfig, ConfigError } from '@gwaje/config';
import { TransactionService } from '@gwaje/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AccessPolicy } from '../policy/access-policy.service.js';
import { Role } from '../roles.js';
import {
  isAdminOnlySetting,
  isSettingKey,
  SETTING_DEFINITIONS,
  type SettingDefinition,
  type SettingKey,
  type SettingValue,
  type SettingValues,
  settingValueProblem,
} from './setting-definitions.js';

export interface SettingView {
  key: SettingKey;
  value: unknown;
  defaultValue: unknown;
  isDefault: boolean;
  definition: SettingDefinition;
}

export interface SettingsView {
  organisationId: string;
  version: number;
  settings: SettingView[];
}

/** How long an organisation's settings are cached in this process; a write here clears it at once. */
const CACHE_MS = 15_000;

@Injectable()
export class SettingsService implements OnModuleInit {
  private defaults: SettingValues;
  private readonly cache = new Map<string, { at: number; values: SettingValues }>();

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly policy: AccessPolicy,
  ) {}

  onModuleInit(): void {
    const defaults: Record<string, unknown> = {};
    for (const [key, def] of Object.entries(SETTING_DEFINITIONS)) {
      const value = this.config.settings[key];
      const problem = value === undefined ? { en: 'must be set' } : settingValueProblem(def, value);
      if (problem) throw new ConfigError(`Configuration error: settings.${key} ${problem.en}`);
      defaults[key] = value;
    }
    for (const key of Object.keys(this.config.settings)) {
      if (!isSettingKey(key))
        throw new ConfigError(`Configuration error: settings.${key} is not a known setting`);
    }
    this.defaults = defaults as SettingValues;
  }

  async get<K extends SettingKey>(
    organisationId: string,
    key: K,
    manager?: EntityManager,
  ): Promise<SettingValue<K>> {
    return (await this.values(organisationId, manager))[key];
  }

  /**
   * `manager`: read through the caller's transaction. A caller inside a transaction must pass it:
   * asking the pool for a second connection while holding one deadlocks once every connection is
   * held by a caller doing the same (concurrent sign-ins did).
   */
  async values(organisationId: string, manager?: EntityManager): Promise<SettingValues> {
    const hit = this.cache.get(organisationId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.values;
    const rows = await (manager ?? this.dataSource).query<Array<{ key: string; value: unknown }>>(
      `SELECT key, value FROM organisation_settings WHERE organisation_id = $1`,
      [organisationId],
    );
    const values = { ...this.defaults } as Record<string, unknown>;
    for (const row of rows) if (isSettingKey(row.key)) values[row.key] = row.value;
    this.cache.set(organisationId, { at: Date.now(), values: values as SettingValues });
    return values as SettingValues;
  }

  /** Every user reads their organisation's settings; an ADMIN also those of organisations it administers. */
  async viewFor(actor: AuthUser, organisationId = actor.organisationId): Promise<SettingsView> {
    await this.assertReadable(actor, organisationId);
    return this.view(organisationId);
  }

  /**
   * PROACTIVE_OFFICE changes its own organisation's business settings, ADMIN every setting of the
   * organisations it administers (DOMAIN.md §1); the security settings are ADMIN's alone.
   */
  async updateFor(
    actor: AuthUser,
    organisationId: string = actor.organisationId,
    input: { values: Record<string, unknown>; version: number; reason?: string },
  ): Promise<SettingsView> {
    await this.assertReadable(actor, organisationId);
    const administered = await this.policy.administeredOrganisationIds(actor);
    const administers = administered.includes(organisationId);
    const mayWrite =
      administers ||
      (organisationId === actor.organisationId &&
        this.policy.hasRole(actor, Role.PROACTIVE_OFFICE));
    if (!mayWrite) throw DomainError.forbidden();
    if (!administers) assertNoAdminOnlySetting(Object.keys(input.values));
    return this.update(actor.id, organisationId, input);
  }

  private async assertReadable(actor: AuthUser, organisationId: string): Promise<void> {
    if (organisationId === actor.organisationId) return;
    await this.policy.assertAdministers(actor, organisationId);
  }

  async view(organisationId: string): Promise<SettingsView> {
    const [org] = await this.dataSource.query<Array<{ settings_version: number }>>(
      `SELECT settings_version FROM organisations WHERE id = $1`,
      [organisationId],
    );
    if (!org) throw DomainError.notFound();
    this.cache.delete(organisationId);
    const values = await this.values(organisationId);
    return {
      organisationId,
      version: org.settings_version,
      settings: (Object.keys(SETTING_DEFINITIONS) as SettingKey[]).map((key) => ({
        key,
        value: values[key],
        defaultValue: this.defaults[key],
        isDefault: sameValue(values[key], this.defaults[key]),
        definition: SETTING_DEFINITIONS[key],
      })),
    };
  }

  /**
   * Validates every value first (nothing is written if one is wrong), then writes them with one
   * history entry, guarded by the organisation's settings version.
   */
  async update(
    actorId: string,
    organisationId: string,
    input: { values: Record<string, unknown>; version: number; reason?: string },
  ): Promise<SettingsView> {
    const details: ErrorDetail[] = [];
    for (const [key, value] of Object.entries(input.values)) {
      const field = `values.${key}`;
      if (!isSettingKey(key)) {
        details.push({
          field,
          code: 'knownSetting',
          message: { ko: '알 수 없는 설정 항목입니다.', en: 'is not a known setting' },
        });
        continue;
      }
      const def = SETTING_DEFINITIONS[key];
      const problem = settingValueProblem(def, value);
      if (problem) {
        // Named like every other field: "계정 잠금 시간(분)은 1부터 1440까지의 정수여야 합니다."
        details.push({
          field,
          code: 'settingValue',
          message: {
            ko: `${withParticle(def.label.ko, '은/는')} ${problem.ko}`,
            en: `${key} ${problem.en}`,
          },
        });
      }
    }
    if (Object.keys(input.values).length === 0) {
      details.push({
        field: 'values',
        code: 'notEmpty',
        message: {
          ko: '변경할 설정을 하나 이상 입력하세요.',
          en: 'must contain at least one setting',
        },
      });
    }
    if (details.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, undefined, details);

    await this.tx.run(async (tx) => {
      const bumped = await tx.manager.query<[unknown[], number]>(
        `UPDATE organisations SET settings_version = settings_version + 1 WHERE id = $1 AND settings_version = $2 RETURNING id`,
        [organisationId, input.version],
      );
      if (bumped[1] === 0) {
        const [current] = await tx.manager.query<Array<{ settings_version: number }>>(
          `SELECT settings_version FROM organisations WHERE id = $1`,
          [organisationId],
        );
        if (!current) throw DomainError.notFound();
        throw DomainError.conflict(current.settings_version);
      }
      const before = await this.values(organisationId);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of Object.entries(input.values)) {
        const from = before[key as SettingKey];
        if (sameValue(from, value)) continue;
        changes[key] = { from, to: value };
        await tx.manager.query(
          `INSERT INTO organisation_settings (organisation_id, key, value, updated_by, updated_at)
           VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (organisation_id, key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [organisationId, key, JSON.stringify(value), actorId],
        );
      }
      await this.history.record(tx, {
        organisationId,
        recordType: 'settings',
        recordId: organisationId,
        action: 'update',
        actorId,
        changes,
        reason: input.reason ?? null,
      });
      tx.afterCommit(() => this.cache.delete(organisationId));
    });
    return this.view(organisationId);
  }
}

/**
 * Separation of duties (SECURITY.md): a change by someone who is not an administrator of the
 * organisation (PROACTIVE_OFFICE) may name no security setting. All of them are named in one 403 and
 * nothing is written, not even the business settings beside them.
 */
function assertNoAdminOnlySetting(keys: readonly string[]): void {
  const refused = keys.filter(isAdminOnlySetting) as SettingKey[];
  if (!refused.length) return;
  throw new DomainError(
    ErrorCode.FORBIDDEN,
    {
      ko: '보안 설정은 시스템 관리자(ADMIN)만 바꿀 수 있습니다. 아무것도 저장하지 않았습니다.',
      en: 'Only an administrator (ADMIN) may change security settings; nothing was saved.',
    },
    refused.map((key) => ({
      field: `values.${key}`,
      code: 'adminOnlySetting',
      message: {
        ko: `${withParticle(SETTING_DEFINITIONS[key].label.ko, '은/는')} 시스템 관리자(ADMIN)만 바꿀 수 있습니다.`,
        en: `${key} may be changed only by an administrator (ADMIN)`,
      },
    })),
  );
}

/** Settings compare by value: structured ones (json) by their canonical JSON. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || canonicalize(a) === canonicalize(b);
}
