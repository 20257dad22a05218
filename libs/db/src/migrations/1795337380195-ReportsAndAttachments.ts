import { MigrationInterface, QueryRunner } from 'typeorm';

/** Foreign keys across libraries and checks, named by hand (the generator does not know them). */
const FOREIGN_KEYS: Array<[string, string, string, string]> = [
  ['attachments', 'organisation_id', 'organisations', 'RESTRICT'],
  ['attachments', 'uploaded_by', 'users', 'RESTRICT'],
  ['task_active_spans', 'task_id', 'tasks', 'CASCADE'],
  ['reports', 'organisation_id', 'organisations', 'RESTRICT'],
  ['reports', 'task_id', 'tasks', 'CASCADE'],
  ['reports', 'author_id', 'users', 'RESTRICT'],
  ['reports', 'submitted_by', 'users', 'RESTRICT'],
  ['reports', 'reviewer_id', 'users', 'RESTRICT'],
  ['reporting_calendars', 'organisation_id', 'organisations', 'CASCADE'],
  ['reporting_calendars', 'updated_by', 'users', 'SET NULL'],
];
const fkName = (table: string, column: string): string =>
  `FK_${table}_${column.replace(/_id$/, '')}`;
const CHECKS: Array<[string, string, string]> = [
  ['reports', 'CHK_reports_progress', `"progress" BETWEEN 0 AND 100`],
  ['reports', 'CHK_reports_period', `"period_end" >= "period_start" AND "due_date" > "period_end"`],
  ['reports', 'CHK_reports_submitted', `("state" = 'DRAFT') = ("first_submitted_at" IS NULL)`],
  ['reports', 'CHK_reports_resubmissions', `"resubmission_count" >= 0`],
  ['attachments', 'CHK_attachments_size', `"size_bytes" >= 0`],
  [
    'attachments',
    'CHK_attachments_stored',
    `("storage" = 'database' AND "content" IS NOT NULL AND "storage_key" IS NULL) OR ("storage" = 'directory' AND "content" IS NULL AND "storage_key" IS NOT NULL)`,
  ],
  [
    'task_active_spans',
    'CHK_task_active_spans_order',
    `"active_until" IS NULL OR "active_until" >= "active_from"`,
  ],
  [
    'reporting_calendars',
    'CHK_reporting_calendars_cadence',
    `"cadence" IN ('MONTHLY', 'QUARTERLY', 'HALF_YEARLY')`,
  ],
  ['reporting_calendars', 'CHK_reporting_calendars_due', `"due_business_days" BETWEEN 1 AND 30`],
];

export class ReportsAndAttachments1795337380195 implements MigrationInterface {
  name = 'ReportsAndAttachments1795337380195';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "attachments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "owner_type" character varying(30) NOT NULL,
                "owner_id" uuid NOT NULL,
                "file_name" character varying(255) NOT NULL,
                "media_type" character varying(100) NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "storage" character varying(10) NOT NULL,
                "content" bytea,
                "storage_key" character varying(100),
                "uploaded_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3cb0098f75e9626de69809f5ba" ON "attachments" ("owner_type", "owner_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."report_state" AS ENUM('DRAFT', 'SUBMITTED', 'ACCEPTED', 'RETURNED')
        `);
    await queryRunner.query(`
            CREATE TABLE "reports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "task_id" uuid NOT NULL,
                "year" smallint NOT NULL,
                "period" character varying(8) NOT NULL,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "due_date" date NOT NULL,
                "state" "public"."report_state" NOT NULL DEFAULT 'DRAFT',
                "progress" smallint,
                "achievements" text NOT NULL DEFAULT '',
                "milestone_results" jsonb NOT NULL DEFAULT '[]',
                "issues_and_risks" text NOT NULL DEFAULT '',
                "next_steps" text NOT NULL DEFAULT '',
                "support_needed" text NOT NULL DEFAULT '',
                "consultation_id" uuid,
                "author_id" uuid,
                "submitted_by" uuid,
                "first_submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "reviewer_id" uuid,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "review_comment" text,
                "resubmission_count" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_54c485eea32b9af61785940062" ON "reports" ("organisation_id", "due_date")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ab9937bfc6a5e6296a57b11d22" ON "reports" ("organisation_id", "year", "state")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_8cf234d6128ae87c8582d792b0" ON "reports" ("task_id", "period")
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting_calendars" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "year" smallint NOT NULL,
                "cadence" character varying(12) NOT NULL,
                "due_business_days" smallint NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "updated_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0d62e8e175af249d61a85c22bfe" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a38330cb8277b7f8d408ef6e38" ON "reporting_calendars" ("organisation_id", "year")
        `);
    await queryRunner.query(`
            CREATE TABLE "task_active_spans" (
                "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
                "task_id" uuid NOT NULL,
                "active_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "active_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_53d7588bdfc4a505219d6de1d14" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_61beb4df4ce5c4a3fcb8d76945" ON "task_active_spans" ("task_id")
            WHERE "active_until" IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_03847ba3c71f3ee28cb694143a" ON "task_active_spans" ("task_id", "active_from")
        `);
    for (const [table, column, target, onDelete] of FOREIGN_KEYS) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${fkName(table, column)}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE ${onDelete}`,
      );
    }
    for (const [table, name, check] of CHECKS) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" CHECK (${check})`);
    }
    // The review queue: what waits for review, oldest submission first.
    await queryRunner.query(
      `CREATE INDEX "IDX_reports_submitted_queue" ON "reports" ("organisation_id", "submitted_at") WHERE "state" = 'SUBMITTED'`,
    );
    // Tasks already active get an open span from their last status change, so reporting sees
    // them as active from then on.
    await queryRunner.query(`
            INSERT INTO "task_active_spans" ("task_id", "active_from")
            SELECT t.id, COALESCE(
                     (SELECT max(h.occurred_at) FROM history h
                       WHERE h.record_type = 'task' AND h.record_id = t.id::text AND h.changes ? 'status'),
                     t.updated_at)
              FROM tasks t WHERE t.status IN ('SELECTED', 'IN_PROGRESS')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_reports_submitted_queue"`);
    for (const [table, name] of CHECKS) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
    }
    for (const [table, column] of [...FOREIGN_KEYS].reverse()) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${fkName(table, column)}"`);
    }
    await queryRunner.query(`
            DROP INDEX "public"."IDX_03847ba3c71f3ee28cb694143a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_61beb4df4ce5c4a3fcb8d76945"
        `);
    await queryRunner.query(`
            DROP TABLE "task_active_spans"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a38330cb8277b7f8d408ef6e38"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting_calendars"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_8cf234d6128ae87c8582d792b0"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ab9937bfc6a5e6296a57b11d22"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_54c485eea32b9af61785940062"
        `);
    await queryRunner.query(`
            DROP TABLE "reports"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."report_state"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3cb0098f75e9626de69809f5ba"
        `);
    await queryRunner.query(`
            DROP TABLE "attachments"
        `);
  }
}
