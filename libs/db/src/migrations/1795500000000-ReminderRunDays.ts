import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The days an organisation's scheduled reminder run completed. The hourly job runs every
 * organisation whose send hour has come and whose day is not recorded yet, so a missed or late hour
 * is caught up, and an organisation whose run failed is run again at the next hour (issue 16).
 */
export class ReminderRunDays1795500000000 implements MigrationInterface {
  name = 'ReminderRunDays1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reminder_run_days" (
      "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
      "run_date" date NOT NULL,
      "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_reminder_run_days" PRIMARY KEY ("organisation_id", "run_date")
    )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reminder_run_days"`);
  }
}
