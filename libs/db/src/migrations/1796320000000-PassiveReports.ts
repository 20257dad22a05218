import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 소극행정 신고 (reports of passive administration, DOMAIN.md §9, issue 22 part 4): received by the
 * audit unit or the proactive office (receipt number unique per organisation, day of receipt,
 * channel, the reporter's identity or anonymity, content, the department concerned), investigated
 * by an auditor with a deadline in business days (setting `passiveReports.investigationBusinessDays`)
 * and one extension, concluded with an outcome and findings, or closed with a reason. The officials
 * concerned (users of the department concerned) are in `passive_report_officials`. The reporter's
 * identity and the officials are read only by the audit unit (the service, access-logged).
 */
export class PassiveReports1796320000000 implements MigrationInterface {
  name = 'PassiveReports1796320000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "passive_reports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "receipt_number" character varying(50) NOT NULL,
        "received_on" date NOT NULL,
        "channel" character varying(10) NOT NULL,
        "anonymous" boolean NOT NULL,
        "reporter_name" character varying(100),
        "reporter_contact" character varying(200),
        "content" text NOT NULL,
        "department_id" uuid NOT NULL REFERENCES "departments" ("id") ON DELETE RESTRICT,
        "received_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "status" character varying(14) NOT NULL DEFAULT 'RECEIVED',
        "investigation_business_days" integer NOT NULL,
        "due_date" date NOT NULL,
        "investigator_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "investigation_started_at" timestamptz,
        "extended_due_date" date,
        "extension_business_days" integer,
        "extension_reason" text,
        "extended_at" timestamptz,
        "extended_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "outcome" character varying(24),
        "findings" text,
        "concluded_on" date,
        "concluded_at" timestamptz,
        "concluded_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "closed_at" timestamptz,
        "closed_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "close_reason" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_passive_reports_number" UNIQUE ("organisation_id", "receipt_number"),
        CONSTRAINT "CHK_passive_reports_channel" CHECK ("channel" IN ('SINMUNGO', 'INTERNAL', 'OTHER')),
        CONSTRAINT "CHK_passive_reports_status"
          CHECK ("status" IN ('RECEIVED', 'INVESTIGATING', 'CONCLUDED', 'CLOSED')),
        CONSTRAINT "CHK_passive_reports_outcome" CHECK ("outcome" IS NULL OR "outcome" IN
          ('NO_ACTION', 'NOT_PASSIVE', 'CAUTION', 'WARNING', 'DISCIPLINE_REQUESTED', 'TRANSFERRED')),
        CONSTRAINT "CHK_passive_reports_anonymous"
          CHECK (NOT "anonymous" OR ("reporter_name" IS NULL AND "reporter_contact" IS NULL)),
        CONSTRAINT "CHK_passive_reports_concluded" CHECK (("status" = 'CONCLUDED') =
          ("outcome" IS NOT NULL AND "findings" IS NOT NULL AND "concluded_on" IS NOT NULL)),
        CONSTRAINT "CHK_passive_reports_dates" CHECK ("due_date" > "received_on"
          AND ("extended_due_date" IS NULL OR "extended_due_date" > "due_date")
          AND ("concluded_on" IS NULL OR "concluded_on" >= "received_on"))
      )`);
    // The yearly list and statistics, and the reminder runs over open reports.
    await q.query(
      `CREATE INDEX "IDX_passive_reports_org_received" ON "passive_reports" ("organisation_id", "received_on")`,
    );
    await q.query(
      `CREATE INDEX "IDX_passive_reports_org_open" ON "passive_reports" ("organisation_id", "due_date") WHERE "status" IN ('RECEIVED', 'INVESTIGATING')`,
    );
    await q.query(
      `CREATE INDEX "IDX_passive_reports_department" ON "passive_reports" ("department_id", "status")`,
    );
    await q.query(`
      CREATE TABLE "passive_report_officials" (
        "report_id" uuid NOT NULL REFERENCES "passive_reports" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
        PRIMARY KEY ("report_id", "user_id")
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "passive_report_officials"`);
    await q.query(`DROP TABLE "passive_reports"`);
  }
}
