import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@gwaje/common';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';

export interface FailedEmailView {
  id: string;
  status: 'FAILED' | 'RETRY';
  recipient: { id: string; name: string; email: string };
  kind: 'DIGEST' | 'IMMEDIATE';
  digestDate: string | null;
  attempts: number;
  /** The SMTP server's last answer (or why the claim was given up). */
  error: string | null;
  lastAttemptAt: Date;
  nextAttemptAt: Date | null;
  /** Reminders the e-mail carries. */
  notifications: number;
}

interface Row {
  id: string;
  status: 'FAILED' | 'RETRY';
  recipient_id: string;
  name: string;
  email: string;
  kind: 'DIGEST' | 'IMMEDIATE';
  digest_date: string | null;
  attempts: number;
  error: string | null;
  claimed_at: Date;
  next_attempt_at: Date | null;
  notifications: number;
  total?: string;
}

const SELECT = `SELECT e.id::text, e.status, e.recipient_id, u.name, u.email, e.kind,
       to_char(e.digest_date, 'YYYY-MM-DD') AS digest_date, e.attempts, e.error, e.claimed_at,
       e.next_attempt_at, (SELECT count(*)::int FROM notifications n WHERE n.email_id = e.id) AS notifications`;

const STATUS_LABELS: Record<string, [string, string]> = {
  SENDING: ['발송 중', 'being sent'],
  SENT: ['발송 완료', 'sent'],
  RETRY: ['재발송 대기', 'waiting for a retry'],
  SKIPPED: ['발송 생략', 'skipped'],
};

const view = (r: Row): FailedEmailView => ({
  id: r.id,
  status: r.status,
  recipient: { id: r.recipient_id, name: r.name, email: r.email },
  kind: r.kind,
  digestDate: r.digest_date,
  attempts: r.attempts,
  error: r.error,
  lastAttemptAt: r.claimed_at,
  nextAttemptAt: r.next_attempt_at,
  notifications: r.notifications,
});

/**
 * E-mails given up after smtp.maxAttempts (FAILED), for the administrators of the recipients'
 * organisation: what the server answered, and a resend that gives the e-mail its attempts again.
 */
@Injectable()
export class EmailFailures {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  async list(
    user: AuthUser,
    page: { limit: number; offset: number },
  ): Promise<{ items: FailedEmailView[]; total: number; limit: number; offset: number }> {
    this.assertAdmin(user);
    const rows = await this.dataSource.query<Row[]>(
      `${SELECT}, count(*) OVER () AS total
         FROM notification_emails e JOIN users u ON u.id = e.recipient_id
        WHERE e.status = 'FAILED' AND u.organisation_id = $1
        ORDER BY e.claimed_at DESC, e.id DESC LIMIT $2 OFFSET $3`,
      [user.organisationId, page.limit, page.offset],
    );
    return {
      items: rows.map(view),
      total: rows.length ? Number(rows[0].total) : 0,
      limit: page.limit,
      offset: page.offset,
    };
  }

  /**
   * Sends a given-up e-mail again: due at once for the worker's sweep (within a minute), with its
   * attempts reset and the same Message-ID. Only a FAILED e-mail of the caller's organisation.
   */
  async resend(user: AuthUser, id: string): Promise<FailedEmailView> {
    this.assertAdmin(user);
    const [row] = await this.dataSource.query<Row[]>(
      `WITH target AS (
         SELECT e.id, e.status FROM notification_emails e JOIN users u ON u.id = e.recipient_id
          WHERE e.id = $1 AND u.organisation_id = $2 FOR UPDATE OF e),
       resent AS (
         UPDATE notification_emails e SET status = 'RETRY', attempts = 0, next_attempt_at = now()
           FROM target t WHERE e.id = t.id AND t.status = 'FAILED' RETURNING e.id)
       SELECT t.status AS was, (SELECT count(*)::int FROM resent) AS resent FROM target t`,
      [id, user.organisationId],
    );
    const found = row as unknown as { was: string; resent: number } | undefined;
    if (!found) throw DomainError.notFound();
    if (!found.resent) {
      const [ko, en] = STATUS_LABELS[found.was] ?? [found.was, found.was];
      // Only FAILED has an action (resend); the others are on their way or delivered.
      throw DomainError.illegalTransition(
        { resource: 'email', currentStatus: found.was, allowedActions: [] },
        {
          ko: `발송 실패한 메일만 다시 보낼 수 있습니다(현재: ${ko}).`,
          en: `Only a failed e-mail can be sent again (it is ${en}).`,
        },
      );
    }
    const [after] = await this.dataSource.query<Row[]>(
      `${SELECT} FROM notification_emails e JOIN users u ON u.id = e.recipient_id WHERE e.id = $1`,
      [id],
    );
    return view(after);
  }

  private assertAdmin(user: AuthUser): void {
    if (!this.policy.hasRole(user, Role.ADMIN)) throw DomainError.forbidden();
  }
}
