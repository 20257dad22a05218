import type { DataSource } from 'typeorm';
import { scrubPersonalData, withoutPersonalData } from '@gwaje/common';

/** Longest wait between two attempts at a refused e-mail. */
const MAX_BACKOFF_MS = 6 * 3600_000;
/** What the recorder holds before it writes, and how long at most (the duplicate window). */
const FLUSH_SIZE = 200;
const FLUSH_MS = 50;

/**
 * What happened to claimed e-mails, written in batches: one statement per batch and outcome, not
 * one per e-mail (the fan-out's cost). Outcomes wait at most FLUSH_MS: a worker killed before
 * they are written leaves those claims SENDING, and they go again after their lease with the same
 * Message-ID (EmailDelivery), so the window is what a crash can duplicate, never lose.
 *
 * A refused e-mail becomes RETRY, due after retryBaseMs × 2^(attempt − 1) (at most 6 h); at
 * maxAttempts it becomes FAILED, listed for administrators.
 */
export class DeliveryOutcomes {
  readonly counts = { sent: 0, failed: 0, skipped: 0 };
  private sent: Array<[string, string, string]> = [];
  private failed: Array<[string, string]> = [];
  private skipped: Array<[string, string]> = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private error: Error | undefined;

  constructor(
    private readonly db: Pick<DataSource, 'query'>,
    private readonly retry: { maxAttempts: number; retryBaseMs: number },
  ) {}

  markSent(emailId: string, subject: string, messageId: string): void {
    this.sent.push([emailId, subject.slice(0, 300), messageId.slice(0, 200)]);
    this.counts.sent++;
    this.schedule();
  }

  /**
   * `error`: the SMTP server's answer, kept for administrators (notification failures) without the
   * address a refusal usually quotes ("550 5.1.1 <kim@…>: user unknown"): the row names its
   * recipient already, and no copy of the address outlives a change of the account's.
   */
  markFailed(emailId: string, error: string): void {
    this.failed.push([emailId, scrubPersonalData(error).slice(0, 1000)]);
    this.counts.failed++;
    this.schedule();
  }

  markSkipped(emailId: string, reason: string): void {
    this.skipped.push([emailId, reason]);
    this.counts.skipped++;
    this.schedule();
  }

  /** Writes what is left; throws the first write that failed (its claims stay SENDING). */
  async close(): Promise<void> {
    this.flush();
    await this.writing;
    if (this.error) throw withoutPersonalData(this.error);
  }

  private schedule(): void {
    if (this.sent.length + this.failed.length + this.skipped.length >= FLUSH_SIZE) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const [sent, failed, skipped] = [this.sent, this.failed, this.skipped];
    if (!sent.length && !failed.length && !skipped.length) return;
    this.sent = [];
    this.failed = [];
    this.skipped = [];
    this.writing = this.writing
      .then(() => this.write(sent, failed, skipped))
      .catch((error: unknown) => {
        this.error ??= error instanceof Error ? error : new Error(String(error));
      });
  }

  private async write(
    sent: Array<[string, string, string]>,
    failed: Array<[string, string]>,
    skipped: Array<[string, string]>,
  ): Promise<void> {
    const column = <T>(rows: T[][], i: number) => rows.map((r) => r[i]);
    if (sent.length)
      await this.db.query(
        `UPDATE notification_emails e
            SET status = 'SENT', sent_at = now(), subject = v.subject, message_id = v.message_id,
                error = NULL, next_attempt_at = NULL
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, subject, message_id)
          WHERE e.id = v.id`,
        [column(sent, 0), column(sent, 1), column(sent, 2)],
      );
    if (failed.length)
      await this.db.query(
        `UPDATE notification_emails e
            SET status = CASE WHEN e.attempts >= $3 THEN 'FAILED' ELSE 'RETRY' END,
                next_attempt_at = CASE WHEN e.attempts >= $3 THEN NULL
                  ELSE now() + least($4::float8 * 2 ^ (e.attempts - 1), $5::float8) * interval '1 millisecond' END,
                error = v.error
           FROM unnest($1::bigint[], $2::text[]) AS v(id, error)
          WHERE e.id = v.id`,
        [
          column(failed, 0),
          column(failed, 1),
          this.retry.maxAttempts,
          this.retry.retryBaseMs,
          MAX_BACKOFF_MS,
        ],
      );
    if (skipped.length)
      await this.db.query(
        `UPDATE notification_emails e SET status = 'SKIPPED', error = v.reason, next_attempt_at = NULL
           FROM unnest($1::bigint[], $2::text[]) AS v(id, reason) WHERE e.id = v.id`,
        [column(skipped, 0), column(skipped, 1)],
      );
  }
}
