import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder runs asked for through the API (issue 16): a run for a date, or a dry run that changes
 * nothing, with what it made per rule and its outcome, so an office can check what a day's run
 * sends and why a run sent nothing.
 */
export class NotificationRuns1795600000000 implements MigrationInterface {
  name = 'NotificationRuns1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification_runs" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
      "run_date" date NOT NULL,
      "dry_run" boolean NOT NULL,
      "requested_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
      "state" varchar(30) NOT NULL,
      "business_day" boolean NOT NULL,
      "rules" jsonb NOT NULL DEFAULT '{}',
      "notifications" integer NOT NULL DEFAULT 0,
      "recipients" integer NOT NULL DEFAULT 0,
      "emails" integer NOT NULL DEFAULT 0,
      "error" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "finished_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_notification_runs" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_runs_org" ON "notification_runs" ("organisation_id", "created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_runs"`);
  }
}
