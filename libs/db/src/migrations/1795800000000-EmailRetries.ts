import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mails the SMTP server refused are retried with backoff (issue 16): RETRY waits for
 * `next_attempt_at`; FAILED now means given up after smtp.maxAttempts, listed for administrators
 * (GET /notifications/failures). A run records how many of its e-mails were refused.
 *
 * The foreign key from a notification to its e-mail goes: the claim statements set `email_id`
 * only to the e-mail they insert in the same statement, and e-mails are never deleted. Its check
 * ran once per linked notification with a plan cached on the connection; planned while
 * `notification_emails` was empty (a new installation), it scanned the whole table each time and
 * made a 10,000-e-mail fan-out quadratic (729 ms of a 797 ms claim of 500 in the benchmark).
 */
export class EmailRetries1795800000000 implements MigrationInterface {
  name = 'EmailRetries1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_emails" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_emails" DROP CONSTRAINT "CHK_notification_emails_status"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_emails" ADD CONSTRAINT "CHK_notification_emails_status"
         CHECK ("status" IN ('SENDING', 'SENT', 'RETRY', 'FAILED', 'SKIPPED'))`,
    );
    // Before this change FAILED meant "refused, to be retried by the job": retry those now; the
    // ones the lease sweep gave up on (five claims) stay FAILED.
    await queryRunner.query(
      `UPDATE "notification_emails" SET "status" = 'RETRY', "next_attempt_at" = now()
        WHERE "status" = 'FAILED' AND "attempts" < 5`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_emails_retry" ON "notification_emails" ("next_attempt_at") WHERE "status" = 'RETRY'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_emails_failed" ON "notification_emails" ("recipient_id") WHERE "status" = 'FAILED'`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_runs" ADD "failed_emails" integer NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_notifications_email"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_notifications_email" FOREIGN KEY ("email_id") REFERENCES "notification_emails"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(`ALTER TABLE "notification_runs" DROP COLUMN "failed_emails"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_emails_failed"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_emails_retry"`);
    await queryRunner.query(
      `UPDATE "notification_emails" SET "status" = 'FAILED' WHERE "status" = 'RETRY'`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_emails" DROP CONSTRAINT "CHK_notification_emails_status"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_emails" ADD CONSTRAINT "CHK_notification_emails_status"
         CHECK ("status" IN ('SENDING', 'SENT', 'FAILED', 'SKIPPED'))`,
    );
    await queryRunner.query(`ALTER TABLE "notification_emails" DROP COLUMN "next_attempt_at"`);
  }
}
