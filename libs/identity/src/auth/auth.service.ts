import { createHash, createSecretKey, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessResult, HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import { AppConfig } from '@gwaje/config';
import { queryPrepared, TransactionService, type Tx } from '@gwaje/db';
import { DataSource } from 'typeorm';
import type { Role } from '../roles.js';
import { SettingsService } from '../settings/settings.service.js';
import type { AuthUser } from './auth-user.js';
import { PasswordService } from './password.service.js';
import { SignInLog } from './sign-in-log.service.js';
import { type SignInCandidate, SignInFailure, signInFailure } from './sign-in-rules.js';

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  /** When the session ends at the latest; idle expiry can end it sooner. */
  sessionExpiresAt: Date;
  idleTimeoutMinutes: number;
}

interface AccessClaims {
  sub: string;
  sid: string;
}

interface SessionUserRow {
  id: string;
  organisation_id: string;
  organisation_active: boolean;
  password_change_required: boolean;
  system_administrator: boolean;
  department_id: string;
  roles: Role[] | string;
  name: string;
  email: string;
  language: 'ko' | 'en';
  active: boolean;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

/** Session activity is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** pg returns enum arrays as the literal '{A,B}' unless the type parser knows the enum. */
export function parseRoles(value: Role[] | string): Role[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? (inner.split(',') as Role[]) : [];
}

const SESSION_SQL = `SELECT u.id, u.organisation_id, u.department_id, u.roles::text[] AS roles, u.name, u.email, u.language, u.active,
              u.password_change_required, u.system_administrator, o.active AS organisation_active,
              s.last_seen_at, s.expires_at, s.revoked_at
         FROM auth_sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
        WHERE s.id = $1`;

@Injectable()
export class AuthService {
  /**
   * The signing key as a key object, made once: given a string, jsonwebtoken first tries to parse
   * it as a public key on every call (about 0.9 ms of CPU per request, measured by the benchmark).
   */
  // @nestjs/jwt hands `secret` to jsonwebtoken unchanged; its types only name string | Buffer.
  private readonly jwtKey = createSecretKey(
    Buffer.from(this.config.auth.jwtSecret, 'utf8'),
  ) as unknown as Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly settings: SettingsService,
    private readonly history: HistoryService,
    private readonly signInLog: SignInLog,
  ) {}

  /**
   * Email + password → tokens. Unknown email, wrong password, deactivated accounts, accounts of a
   * deactivated organisation and locked accounts all get the same INVALID_CREDENTIALS after the
   * same argon2 work, so the answer reveals nothing; the access log records which it was.
   */
  async login(
    emailInput: string,
    password: string,
  ): Promise<TokenPair & { userId: string; passwordChangeRequired: boolean }> {
    const email = emailInput.trim().toLowerCase();
    const rows = await this.dataSource.query<
      Array<
        SignInCandidate & {
          id: string;
          organisation_id: string;
          email: string;
          password_hash: string;
          password_change_required: boolean;
        }
      >
    >(
      `SELECT u.id, u.organisation_id, u.email, u.active, u.password_hash, u.locked_until,
              u.password_change_required, o.active AS organisation_active
         FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.email = $1`,
      [email],
    );
    const user = rows.at(0);
    const passwordOk = await this.passwords.verify(user?.password_hash ?? null, password);
    const failure = signInFailure(user, passwordOk);
    if (failure || !user) {
      if (user && failure === SignInFailure.WRONG_PASSWORD)
        await this.recordFailure(user.id, user.organisation_id);
      await this.signInLog.failure(email, user, failure ?? SignInFailure.UNKNOWN_ACCOUNT);
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    }
    const found = user;
    const tokens = await this.tx.run(async (tx) => {
      await tx.manager.query(
        `UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`,
        [found.id],
      );
      const sessionExpiresAt = new Date(
        Date.now() + this.config.auth.refreshTokenDays * 86_400_000,
      );
      const [session] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO auth_sessions (user_id, last_seen_at, expires_at) VALUES ($1, now(), $2) RETURNING id`,
        [found.id, sessionExpiresAt],
      );
      await this.signInLog.success(tx, found, session.id);
      return this.issueTokens(tx, found.id, found.organisation_id, session.id, sessionExpiresAt);
    });
    return {
      ...tokens,
      userId: found.id,
      passwordChangeRequired: found.password_change_required,
    };
  }

  /**
   * Counts a failed password (at sign-in or at a password change) atomically; reaching the
   * threshold locks the account and records the lock.
   */
  async recordFailure(userId: string, organisationId: string): Promise<void> {
    const { 'security.lockoutThreshold': threshold, 'security.lockoutMinutes': minutes } =
      await this.settings.values(organisationId);
    await this.tx.run(async (tx) => {
      // An expired lock starts a fresh count; all SET expressions read the row's old values.
      const [[row]] = await tx.manager.query<
        [[{ failed_login_count: number; locked_until: Date | null }], number]
      >(
        `UPDATE users SET
           failed_login_count = CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_login_count + 1 END,
           locked_until = CASE
             WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_login_count + 1 END) >= $2
               THEN now() + make_interval(mins => $3)
             WHEN locked_until IS NOT NULL AND locked_until <= now() THEN NULL
             ELSE locked_until END
         WHERE id = $1
         RETURNING failed_login_count, locked_until`,
        [userId, threshold, minutes],
      );
      if (row.failed_login_count === threshold && row.locked_until) {
        await this.history.record(tx, {
          organisationId,
          recordType: 'user',
          recordId: userId,
          action: 'lock',
          actorId: null,
          changes: { lockedUntil: { from: null, to: row.locked_until } },
          reason: `${threshold} consecutive failed logins`,
        });
      }
    });
  }

  /**
   * Rotates a refresh token: each token works once. Presenting a used token again means it was
   * stolen or replayed, so the whole session (the token family) is revoked.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const tokenHash = sha256(refreshToken);
    type Outcome = { error: ErrorCode; tokens?: never } | { tokens: TokenPair; error?: never };
    const outcome = await this.tx.run(async (tx): Promise<Outcome> => {
      const [rows] = await tx.manager.query<[Array<{ session_id: string }>, number]>(
        `UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL RETURNING session_id`,
        [tokenHash],
      );
      if (rows.length === 0) {
        const [seen] = await tx.manager.query<Array<{ session_id: string }>>(
          `SELECT session_id FROM refresh_tokens WHERE token_hash = $1`,
          [tokenHash],
        );
        if (!seen) return { error: ErrorCode.REFRESH_TOKEN_INVALID };
        await this.revokeSession(tx, seen.session_id, 'REFRESH_REUSE');
        await this.signInLog.sessionEvent(
          tx,
          seen.session_id,
          AccessAction.REFRESH_REUSE,
          AccessResult.FAILURE,
          ErrorCode.REFRESH_TOKEN_REUSED,
        );
        return { error: ErrorCode.REFRESH_TOKEN_REUSED };
      }
      const sessionId = rows[0].session_id;
      const row = await this.loadSession(tx, sessionId);
      const problem = row ? await this.sessionProblem(row) : 'REVOKED';
      if (!row || problem) {
        await this.revokeSession(tx, sessionId, problem ?? 'REVOKED');
        return { error: ErrorCode.SESSION_EXPIRED };
      }
      await tx.manager.query(`UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1`, [
        sessionId,
      ]);
      return {
        tokens: await this.issueTokens(tx, row.id, row.organisation_id, sessionId, row.expires_at),
      };
    });
    // Revocations above are committed before the error is thrown.
    if (outcome.error) throw new DomainError(outcome.error);
    return outcome.tokens;
  }

  async logout(sessionId: string): Promise<void> {
    await this.tx.run(async (tx) => {
      await this.revokeSession(tx, sessionId, 'LOGOUT');
      await this.signInLog.sessionEvent(tx, sessionId, AccessAction.LOGOUT, AccessResult.SUCCESS);
    });
  }

  /** Access token → caller. Checks signature, algorithm, issuer, audience, expiry, session and user. */
  async authenticate(accessToken: string): Promise<AuthUser> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims & object>(accessToken, {
        secret: this.jwtKey,
        algorithms: ['HS256'],
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
      });
    } catch (err) {
      const expired = (err as { name?: string }).name === 'TokenExpiredError';
      throw new DomainError(expired ? ErrorCode.ACCESS_TOKEN_EXPIRED : ErrorCode.UNAUTHENTICATED);
    }
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') {
      throw new DomainError(ErrorCode.UNAUTHENTICATED);
    }
    const row = await this.loadSession(this.dataSource, claims.sid);
    if (!row || row.id !== claims.sub) throw new DomainError(ErrorCode.UNAUTHENTICATED);
    const problem = await this.sessionProblem(row);
    if (problem) {
      if (problem === 'IDLE') await this.tx.run((tx) => this.revokeSession(tx, claims.sid, 'IDLE'));
      throw new DomainError(
        problem === 'INACTIVE' ? ErrorCode.UNAUTHENTICATED : ErrorCode.SESSION_EXPIRED,
      );
    }
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await this.dataSource.query(`UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1`, [
        claims.sid,
      ]);
    }
    return {
      id: row.id,
      sessionId: claims.sid,
      organisationId: row.organisation_id,
      departmentId: row.department_id,
      roles: parseRoles(row.roles),
      name: row.name,
      email: row.email,
      language: row.language,
      passwordChangeRequired: row.password_change_required,
      systemAdministrator: row.system_administrator,
    };
  }

  /**
   * Ends every session of a user, e.g. on deactivation or a password reset; `exceptSessionId`
   * keeps that one (the session that changed its own password).
   */
  async revokeAllSessions(
    tx: Tx,
    userId: string,
    reason: string,
    exceptSessionId?: string,
  ): Promise<void> {
    await tx.manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoke_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, exceptSessionId ?? null],
    );
  }

  /** Ends every session of every user of an organisation (its deactivation). */
  async revokeOrganisationSessions(tx: Tx, organisationId: string, reason: string): Promise<void> {
    await tx.manager.query(
      `UPDATE auth_sessions s SET revoked_at = now(), revoke_reason = $2
         FROM users u
        WHERE u.id = s.user_id AND u.organisation_id = $1 AND s.revoked_at IS NULL`,
      [organisationId, reason],
    );
  }

  private async revokeSession(tx: Tx, sessionId: string, reason: string): Promise<void> {
    await tx.manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  private async loadSession(
    db: Tx | DataSource,
    sessionId: string,
  ): Promise<SessionUserRow | undefined> {
    // Every authenticated request runs this: prepared outside a transaction (queryPrepared).
    const [row] =
      'manager' in db
        ? await db.manager.query<SessionUserRow[]>(SESSION_SQL, [sessionId])
        : await queryPrepared<SessionUserRow>(db, SESSION_SQL, [sessionId]);
    return row;
  }

  private async sessionProblem(
    row: SessionUserRow,
  ): Promise<'REVOKED' | 'EXPIRED' | 'IDLE' | 'INACTIVE' | null> {
    if (!row.active || !row.organisation_active) return 'INACTIVE';
    if (row.revoked_at) return 'REVOKED';
    if (row.expires_at <= new Date()) return 'EXPIRED';
    const idleMinutes = await this.settings.get(row.organisation_id, 'security.idleTimeoutMinutes');
    if (row.last_seen_at.getTime() + idleMinutes * 60_000 <= Date.now()) return 'IDLE';
    return null;
  }

  private async issueTokens(
    tx: Tx,
    userId: string,
    organisationId: string,
    sessionId: string,
    sessionExpiresAt: Date,
  ): Promise<TokenPair> {
    const values = await this.settings.values(organisationId, tx.manager);
    const ttlSeconds = values['security.accessTokenMinutes'] * 60;
    const claims: AccessClaims = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: this.jwtKey,
      algorithm: 'HS256',
      expiresIn: ttlSeconds,
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
    });
    const refreshToken = randomBytes(32).toString('base64url');
    await tx.manager.query(`INSERT INTO refresh_tokens (session_id, token_hash) VALUES ($1, $2)`, [
      sessionId,
      sha256(refreshToken),
    ]);
    return {
      accessToken,
      accessTokenExpiresAt: new Date(Date.now() + ttlSeconds * 1000),
      refreshToken,
      sessionExpiresAt,
      idleTimeoutMinutes: values['security.idleTimeoutMinutes'],
    };
  }
}
