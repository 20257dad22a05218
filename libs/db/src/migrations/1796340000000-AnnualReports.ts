import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual 적극행정 추진실적 report upward (DOMAIN.md §9, issue 22 part 7): one row per generated
 * version of an organisation's report of a year. The figures are a snapshot (JSON of the registered
 * sections, @gwaje/annual-figures) taken when the PROACTIVE_OFFICE generated it; regenerating adds
 * the next version and never changes an older one. A version may be submitted upward once (DRAFT →
 * SUBMITTED, who and when).
 */
export class AnnualReports1796340000000 implements MigrationInterface {
  name = 'AnnualReports1796340000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "annual_reports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "year" smallint NOT NULL,
        "version" integer NOT NULL,
        "figures" jsonb NOT NULL,
        "generated_at" timestamptz NOT NULL DEFAULT now(),
        "generated_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "status" character varying(10) NOT NULL DEFAULT 'DRAFT',
        "submitted_at" timestamptz,
        "submitted_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_annual_reports_version" UNIQUE ("organisation_id", "year", "version"),
        CONSTRAINT "CHK_annual_reports_year" CHECK ("year" BETWEEN 2000 AND 2100),
        CONSTRAINT "CHK_annual_reports_version" CHECK ("version" >= 1),
        CONSTRAINT "CHK_annual_reports_status" CHECK ("status" IN ('DRAFT', 'SUBMITTED')),
        CONSTRAINT "CHK_annual_reports_submitted"
          CHECK (("status" = 'SUBMITTED') = ("submitted_at" IS NOT NULL))
      )`);
    // The subordinates' side-by-side view reads the latest version of many organisations of a year.
    await q.query(
      `CREATE INDEX "IDX_annual_reports_year_organisation" ON "annual_reports" ("year", "organisation_id", "version" DESC)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "annual_reports"`);
  }
}
