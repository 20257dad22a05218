import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sweep of emails whose send lease expired (NotificationsService.resendExpired, every minute)
 * looks for SENDING claims by age: a partial index keeps that a lookup of the few claims in flight,
 * however many sent emails the table holds.
 */
export class EmailSendLease1795351745538 implements MigrationInterface {
  name = 'EmailSendLease1795351745538';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_emails_sending" ON "notification_emails" ("claimed_at") WHERE "status" = 'SENDING'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_emails_sending"`);
  }
}
