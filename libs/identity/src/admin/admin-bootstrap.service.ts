import { Injectable, Logger } from '@nestjs/common';
import { HistoryService } from '@gwaje/audit';
import { AppConfig, ConfigError } from '@gwaje/config';
import { TransactionService } from '@gwaje/db';
import { PasswordService } from '../auth/password.service.js';
import {
  isOrganisationKind,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KIND_VALUES,
  type OrganisationKind,
} from '../organisations/organisation.entity.js';

/** The first administrator's organisation: what it is called and what kind of body it is. */
export interface BootstrapOrganisation {
  name: string;
  kind: OrganisationKind;
}

/** Used when nobody said (no ORGANISATION_NAME / ORGANISATION_KIND and no terminal to ask). */
export const DEFAULT_BOOTSTRAP_ORGANISATION: BootstrapOrganisation = {
  name: '기본 기관',
  kind: 'LOCAL',
};

/** "CENTRAL_AGENCY (중앙행정기관), METROPOLITAN (시·도), …" for messages. */
export const ORGANISATION_KIND_LIST = ORGANISATION_KIND_VALUES.map(
  (k) => `${k} (${ORGANISATION_KIND_LABELS[k]})`,
).join(', ');

/**
 * The bootstrap organisation as configured (ORGANISATION_NAME / ORGANISATION_KIND), each part null
 * when not set. A kind that is no organisation kind is a ConfigError listing the valid ones.
 */
export function configuredOrganisation(config: AppConfig): {
  name: string | null;
  kind: OrganisationKind | null;
} {
  const name = config.admin.organisationName.trim();
  const kind = config.admin.organisationKind.trim();
  if (kind && !isOrganisationKind(kind)) {
    throw new ConfigError(
      `Configuration error: ORGANISATION_KIND (admin.organisationKind) must be one of ${ORGANISATION_KIND_LIST}`,
    );
  }
  return { name: name || null, kind: kind ? (kind as OrganisationKind) : null };
}

/**
 * On a fresh installation (no ADMIN at all), creates the first administrator from ADMIN_EMAIL and
 * ADMIN_PASSWORD in an organisation of its own (its name and kind from `setup`, which asks for them,
 * or ORGANISATION_NAME / ORGANISATION_KIND), so production can start without the demo seed. That
 * administrator is the system administrator: it administers every organisation and creates the
 * other top-level ones. Serialised by an advisory lock so two API instances starting together
 * create one.
 */
@Injectable()
export class AdminBootstrapService {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionService,
    private readonly passwords: PasswordService,
    private readonly history: HistoryService,
  ) {}

  /** Whether any user holds ADMIN (then nothing is bootstrapped). */
  async administratorExists(): Promise<boolean> {
    const [existing] = await this.tx.run((tx) =>
      tx.manager.query<unknown[]>(`SELECT 1 FROM users WHERE 'ADMIN' = ANY(roles) LIMIT 1`),
    );
    return !!existing;
  }

  /**
   * `organisation`: the bootstrap organisation (setup passes what it took or asked for); left out,
   * the configured one, else DEFAULT_BOOTSTRAP_ORGANISATION with a warning that says how to choose.
   */
  async ensureAdministrator(
    organisation?: BootstrapOrganisation,
  ): Promise<'exists' | 'created' | 'skipped'> {
    const { email, password } = this.config.admin;
    const { org, defaulted } = organisation
      ? { org: organisation, defaulted: false }
      : this.configured();
    if (!isOrganisationKind(org.kind)) {
      throw new ConfigError(
        `Configuration error: the organisation kind must be one of ${ORGANISATION_KIND_LIST}, not ${JSON.stringify(org.kind)}`,
      );
    }
    const name = org.name.trim();
    if (!name || name.length > 200) {
      throw new ConfigError(
        'Configuration error: the organisation name (ORGANISATION_NAME) must be 1 to 200 characters',
      );
    }
    const passwordHash = password ? await this.passwords.hash(password) : null;
    return this.tx.run(async (tx) => {
      await tx.manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('bootstrap-admin', 0))`,
      );
      const [existing] = await tx.manager.query<unknown[]>(
        `SELECT 1 FROM users WHERE 'ADMIN' = ANY(roles) LIMIT 1`,
      );
      if (existing) return 'exists';
      if (!passwordHash) {
        this.logger.warn(
          'No administrator exists and ADMIN_PASSWORD is empty: set ADMIN_EMAIL and ADMIN_PASSWORD to create one',
        );
        return 'skipped';
      }
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO organisations (name, kind) VALUES ($1, $2) RETURNING id`,
        [name, org.kind],
      );
      await this.history.record(tx, {
        organisationId: row.id,
        recordType: 'organisation',
        recordId: row.id,
        action: 'create',
        actorId: null,
        changes: {
          name: { from: null, to: name },
          kind: { from: null, to: org.kind },
          parentId: { from: null, to: null },
        },
        reason: 'first administrator (setup)',
      });
      const [dept] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO departments (organisation_id, name, kind) VALUES ($1, '시스템 관리', 'TEAM') RETURNING id`,
        [row.id],
      );
      const [user] = await tx.manager.query<Array<{ id: string }>>(
        // ADMIN_PASSWORD sits in the deployment's environment: the administrator replaces it at
        // the first sign-in (403 PASSWORD_CHANGE_REQUIRED everywhere else until then).
        `INSERT INTO users (organisation_id, department_id, name, email, roles, system_administrator,
                            password_hash, password_change_required)
         VALUES ($1, $2, '시스템 관리자', $3, '{ADMIN}', true, $4, true) RETURNING id`,
        [row.id, dept.id, email.toLowerCase(), passwordHash],
      );
      await this.history.record(tx, {
        organisationId: row.id,
        recordType: 'user',
        recordId: user.id,
        action: 'bootstrap_admin',
        actorId: null,
        changes: {
          email: { from: null, to: email.toLowerCase() },
          roles: { from: null, to: ['ADMIN'] },
          systemAdministrator: { from: null, to: true },
          departmentId: { from: null, to: dept.id },
        },
      });
      this.logger.log('Created the first administrator (the system administrator)');
      if (defaulted) {
        this.logger.warn(
          `ORGANISATION_NAME/ORGANISATION_KIND were not set: the first administrator's organisation is "${name}" (${org.kind}); rename it in the admin pages, or set them (kinds: ${ORGANISATION_KIND_LIST}) or run setup on a terminal next time`,
        );
      }
      return 'created';
    });
  }

  private configured(): { org: BootstrapOrganisation; defaulted: boolean } {
    const { name, kind } = configuredOrganisation(this.config);
    return {
      org: {
        name: name ?? DEFAULT_BOOTSTRAP_ORGANISATION.name,
        kind: kind ?? DEFAULT_BOOTSTRAP_ORGANISATION.kind,
      },
      defaulted: !name || !kind,
    };
  }
}
