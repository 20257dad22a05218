import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Who gets what on Monday?" in one call (issue 16): a run keeps the people its digests go to
 * (a dry run: would go to), each with their name, department, language and count per rule, capped
 * at 500 with a flag; and the notifications a run asked for through the API made carry the run's
 * id, so the run answers per rule and per e-mail state (sent, retrying, failed, pending, skipped)
 * once processed. No foreign key on `run_id`: set only by the runner for API runs, and a run is
 * never deleted while its notifications exist (both go with the organisation).
 */
export class NotificationRunDetails1796285000000 implements MigrationInterface {
  name = 'NotificationRunDetails1796285000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_runs" ADD "recipient_list" jsonb NOT NULL DEFAULT '[]',
         ADD "recipients_truncated" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" ADD "run_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_run" ON "notifications" ("run_id") WHERE "run_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_notifications_run"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "run_id"`);
    await queryRunner.query(
      `ALTER TABLE "notification_runs" DROP COLUMN "recipients_truncated", DROP COLUMN "recipient_list"`,
    );
  }
}
