import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, AccessResult, HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AuthService } from '../auth/auth.service.js';
import { PasswordService } from '../auth/password.service.js';
import { SettingsService } from '../settings/settings.service.js';

/** The detail of a wrong current password: named by its field, so the form shows it there. */
export function currentPasswordIncorrect(): DomainError {
  return DomainError.invalidField(
    'currentPassword',
    'incorrect',
    {
      ko: '현재 비밀번호가 맞지 않습니다.',
      en: 'currentPassword is not your current password',
    },
    ErrorCode.CURRENT_PASSWORD_INCORRECT,
  );
}

/** The new password may not be the current one (a forced change must really change it). */
export function assertNotSameAsCurrent(currentPassword: string, newPassword: string): void {
  if (currentPassword === newPassword) {
    throw DomainError.invalidField(
      'newPassword',
      'sameAsCurrent',
      {
        ko: '새 비밀번호는 현재 비밀번호와 달라야 합니다.',
        en: 'newPassword must differ from the current password',
      },
      ErrorCode.PASSWORD_POLICY,
    );
  }
}

/**
 * A user's own password change (POST /me/password). The current password is required and a wrong
 * one counts towards the lockout like a failed sign-in (the same secret is being guessed, here with
 * a live session); while the account is locked every attempt is refused. On success every other
 * session of the user ends, this one stays, and the forced-change flag is cleared.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly passwords: PasswordService,
    private readonly settings: SettingsService,
    private readonly auth: AuthService,
    private readonly history: HistoryService,
    private readonly accessLog: AccessLogService,
  ) {}

  async change(actor: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const [row] = await this.dataSource.query<
      Array<{ password_hash: string; locked_until: Date | null; name: string; email: string }>
    >(`SELECT password_hash, locked_until, name, email FROM users WHERE id = $1`, [actor.id]);
    if (!row) throw DomainError.notFound();
    const ok = await this.passwords.verify(row.password_hash, currentPassword);
    const locked = !!row.locked_until && row.locked_until > new Date();
    if (!ok || locked) {
      if (!ok && !locked) await this.auth.recordFailure(actor.id, actor.organisationId);
      await this.recordAttempt(
        actor,
        AccessResult.FAILURE,
        locked ? 'ACCOUNT_LOCKED' : 'WRONG_PASSWORD',
      );
      throw currentPasswordIncorrect();
    }
    const minLength = await this.settings.get(actor.organisationId, 'security.passwordMinLength');
    try {
      assertNotSameAsCurrent(currentPassword, newPassword);
      this.passwords.assertPolicy(newPassword, minLength, row, 'newPassword');
    } catch (err) {
      await this.recordAttempt(actor, AccessResult.FAILURE, ErrorCode.PASSWORD_POLICY);
      throw err;
    }
    const passwordHash = await this.passwords.hash(newPassword);
    await this.tx.run(async (tx) => {
      await tx.manager.query(
        `UPDATE users SET password_hash = $2, password_change_required = false, password_changed_at = now(),
                failed_login_count = 0, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [actor.id, passwordHash],
      );
      await this.history.record(tx, {
        organisationId: actor.organisationId,
        recordType: 'user',
        recordId: actor.id,
        action: 'password_change',
        actorId: actor.id,
        // Recorded, its value never.
        changes: { password: { from: '(hidden)', to: '(changed)' } },
      });
      await this.auth.revokeAllSessions(tx, actor.id, 'PASSWORD_CHANGE', actor.sessionId);
      await this.recordAttempt(actor, AccessResult.SUCCESS, null, tx.manager);
    });
  }

  private recordAttempt(
    actor: AuthUser,
    result: AccessResult,
    reason: string | null,
    manager?: Parameters<AccessLogService['record']>[1],
  ): Promise<void> {
    return this.accessLog.record(
      {
        organisationId: actor.organisationId,
        userId: actor.id,
        account: actor.email,
        action: AccessAction.PASSWORD_CHANGE,
        recordType: 'user',
        recordId: actor.id,
        result,
        reason,
      },
      manager,
    );
  }
}
