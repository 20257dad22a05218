import { Injectable, Logger } from '@nestjs/common';
import { HistoryService } from '@gwaje/audit';
import { AppConfig } from '@gwaje/config';
import { TransactionService } from '@gwaje/db';
import { PasswordService } from '../auth/password.service.js';

/**
 * On a fresh installation (no ADMIN at all), creates the first administrator from ADMIN_EMAIL and
 * ADMIN_PASSWORD in an organisation of its own, so production can start without the demo seed.
 * Serialised by an advisory lock so two API instances starting together create one.
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

  async ensureAdministrator(): Promise<'exists' | 'created' | 'skipped'> {
    const { email, password, organisationName } = this.config.admin;
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
      const [org] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO organisations (name, kind) VALUES ($1, 'LOCAL') RETURNING id`,
        [organisationName],
      );
      const [dept] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO departments (organisation_id, name, kind) VALUES ($1, '시스템 관리', 'TEAM') RETURNING id`,
        [org.id],
      );
      const [user] = await tx.manager.query<Array<{ id: string }>>(
        // ADMIN_PASSWORD sits in the deployment's environment: the administrator replaces it at
        // the first sign-in (403 PASSWORD_CHANGE_REQUIRED everywhere else until then).
        `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash, password_change_required)
         VALUES ($1, $2, '시스템 관리자', $3, '{ADMIN}', $4, true) RETURNING id`,
        [org.id, dept.id, email.toLowerCase(), passwordHash],
      );
      await this.history.record(tx, {
        organisationId: org.id,
        recordType: 'user',
        recordId: user.id,
        action: 'bootstrap_admin',
        actorId: null,
        changes: {
          email: { from: null, to: email.toLowerCase() },
          roles: { from: null, to: ['ADMIN'] },
        },
      });
      this.logger.log('Created the first administrator');
      return 'created';
    });
  }
}
