import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService, AccessResult } from '@gwaje/audit';
import type { Tx } from '@gwaje/db';
import { DataSource } from 'typeorm';
import type { SignInFailure } from './sign-in-rules.js';

/**
 * 접속기록 (개인정보의 안전성 확보조치 기준 제8조) of sign-ins, failed sign-ins, sign-outs and
 * refresh-token reuse: time, account, client address and user agent (from the request context)
 * and result, in the access log.
 */
@Injectable()
export class SignInLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  /** A successful sign-in, in the transaction that opens the session. */
  success(
    tx: Tx,
    user: { id: string; organisation_id: string; email: string },
    sessionId: string,
  ): Promise<void> {
    return this.accessLog.record(
      {
        organisationId: user.organisation_id,
        userId: user.id,
        account: user.email,
        action: AccessAction.LOGIN,
        recordType: 'session',
        recordId: sessionId,
      },
      tx.manager,
    );
  }

  /**
   * 접속기록 of a failed sign-in. An unknown account belongs to no organisation: its entry goes to
   * the installation's first organisation (the oldest without a parent, where the first
   * administrator was created), whose ADMIN and AUDITOR read it.
   */
  async failure(
    email: string,
    user: { id: string; organisation_id: string; email: string } | undefined,
    failure: SignInFailure,
  ): Promise<void> {
    let organisationId = user?.organisation_id;
    if (!organisationId) {
      const [root] = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM organisations WHERE parent_id IS NULL ORDER BY created_at, id LIMIT 1`,
      );
      if (!root) return; // no organisation at all yet: nothing could have been signed in to
      organisationId = root.id;
    }
    await this.accessLog.record({
      organisationId,
      userId: user?.id ?? null,
      account: user?.email ?? email.slice(0, 254),
      action: AccessAction.LOGIN,
      recordType: 'session',
      result: AccessResult.FAILURE,
      reason: failure,
    });
  }

  /** 접속기록 of an event of a session (sign-out, token reuse), in the transaction that caused it. */
  async sessionEvent(
    tx: Tx,
    sessionId: string,
    action: AccessAction,
    result: AccessResult,
    reason: string | null = null,
  ): Promise<void> {
    const [owner] = await tx.manager.query<
      Array<{ id: string; organisation_id: string; email: string }>
    >(
      `SELECT u.id, u.organisation_id, u.email FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [sessionId],
    );
    if (!owner) return;
    await this.accessLog.record(
      {
        organisationId: owner.organisation_id,
        userId: owner.id,
        account: owner.email,
        action,
        recordType: 'session',
        recordId: sessionId,
        result,
        reason,
      },
      tx.manager,
    );
  }
}
