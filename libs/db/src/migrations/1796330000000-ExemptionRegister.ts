import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 면책 register and the quarterly report to 감사원 (issue 22 parts 5 and 6, DOMAIN.md §9):
 *
 * - `exemption_cases`: a 면책 case of an organisation, registered by its audit unit: an official's
 *   application after an audit finding (the applicant a user) or ex officio (직권); the checklist of
 *   the statutory conditions (each yes/no with a note), an optional linked pre-consultation (its
 *   immunity presumption is read from it, never copied), the decision with reasons and date, an
 *   optional committee agenda item (면책 건의) and the notification of the applicant.
 * - `exemption_quarter_reports`: the submission of a quarter's report to 감사원 (공공감사에 관한 법률
 *   시행령 제13조의4): who, when, the reference and the figures and rows as submitted (one per
 *   organisation and quarter).
 * - `consultations`: the chain of escalation hops, each with the approval of the head the statute
 *   names, an external destination (감사원 or a ministry's audit body) when there is no parent in
 *   Gwaje, and whether the requester withheld information the audit unit needed (recorded with the
 *   opinion; the immunity presumption does not hold then).
 */
export class ExemptionRegister1796330000000 implements MigrationInterface {
  name = 'ExemptionRegister1796330000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "exemption_cases" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "kind" character varying(12) NOT NULL,
        "applicant_id" uuid REFERENCES "users" ("id") ON DELETE RESTRICT,
        "subject_name" character varying(100),
        "title" character varying(300) NOT NULL,
        "audit_reference" character varying(300) NOT NULL,
        "finding" text NOT NULL DEFAULT '',
        "applied_on" date NOT NULL,
        "consultation_id" uuid REFERENCES "consultations" ("id") ON DELETE RESTRICT,
        "checklist" jsonb NOT NULL DEFAULT '{}',
        "status" character varying(10) NOT NULL DEFAULT 'OPEN',
        "decision" character varying(20),
        "decision_reasons" text,
        "decided_on" date,
        "decided_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "decided_at" timestamptz,
        "committee_agenda_item_id" uuid REFERENCES "committee_agenda_items" ("id") ON DELETE RESTRICT,
        "notified_on" date,
        "notified_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "notification_channel" character varying(12),
        "notification_note" text,
        "registered_by" uuid NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_exemption_cases_kind" CHECK ("kind" IN ('APPLICATION', 'EX_OFFICIO')),
        CONSTRAINT "CHK_exemption_cases_applicant"
          CHECK ("kind" <> 'APPLICATION' OR "applicant_id" IS NOT NULL),
        CONSTRAINT "CHK_exemption_cases_status" CHECK ("status" IN ('OPEN', 'DECIDED', 'NOTIFIED')),
        CONSTRAINT "CHK_exemption_cases_decision"
          CHECK ("decision" IS NULL OR "decision" IN ('GRANTED', 'PARTIALLY_GRANTED', 'DENIED')),
        CONSTRAINT "CHK_exemption_cases_decided"
          CHECK ("status" = 'OPEN' OR ("decision" IS NOT NULL AND "decided_on" IS NOT NULL
                 AND "decision_reasons" IS NOT NULL AND "decided_on" >= "applied_on")),
        CONSTRAINT "CHK_exemption_cases_channel"
          CHECK ("notification_channel" IS NULL OR "notification_channel" IN ('IN_APP_EMAIL', 'DOCUMENT'))
      )`);
    // The register of an organisation by decision date (the quarterly report) and an applicant's own.
    await q.query(
      `CREATE INDEX "IDX_exemption_cases_decided" ON "exemption_cases" ("organisation_id", "decided_on")`,
    );
    await q.query(
      `CREATE INDEX "IDX_exemption_cases_applied" ON "exemption_cases" ("organisation_id", "applied_on")`,
    );
    await q.query(
      `CREATE INDEX "IDX_exemption_cases_applicant" ON "exemption_cases" ("applicant_id") WHERE "applicant_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_exemption_cases_consultation" ON "exemption_cases" ("consultation_id") WHERE "consultation_id" IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE "exemption_quarter_reports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "year" smallint NOT NULL,
        "quarter" smallint NOT NULL,
        "due_date" date NOT NULL,
        "submitted_on" date NOT NULL,
        "submitted_at" timestamptz NOT NULL DEFAULT now(),
        "submitted_by" uuid NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
        "reference" character varying(200) NOT NULL,
        "snapshot" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "CHK_exemption_quarter_reports_quarter" CHECK ("quarter" BETWEEN 1 AND 4),
        CONSTRAINT "UQ_exemption_quarter_reports" UNIQUE ("organisation_id", "year", "quarter")
      )`);
    await q.query(`
      ALTER TABLE "consultations"
        ADD COLUMN "escalation_hops" jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN "escalated_external" character varying(20),
        ADD COLUMN "escalated_external_name" character varying(200),
        ADD COLUMN "information_withheld" boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT "CHK_consultations_escalated_external"
          CHECK ("escalated_external" IS NULL OR "escalated_external" IN ('BOARD_OF_AUDIT', 'MINISTRY_AUDIT'))`);
    await q.query(
      `CREATE INDEX "IDX_consultations_escalation_hops" ON "consultations" USING gin ("escalation_hops" jsonb_path_ops)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_consultations_escalation_hops"`);
    await q.query(`
      ALTER TABLE "consultations"
        DROP CONSTRAINT "CHK_consultations_escalated_external",
        DROP COLUMN "information_withheld",
        DROP COLUMN "escalated_external_name",
        DROP COLUMN "escalated_external",
        DROP COLUMN "escalation_hops"`);
    await q.query(`DROP TABLE "exemption_quarter_reports"`);
    await q.query(`DROP TABLE "exemption_cases"`);
  }
}
