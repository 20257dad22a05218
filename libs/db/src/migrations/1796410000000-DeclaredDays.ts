import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 25: days declared closed in Gwaje on top of the holiday package's gazette data: national
 * holidays (organisation_id NULL, by the system administrator) and one organisation's closures (by
 * its administrator). A withdrawn declaration stays, with who withdrew it and why; one in force per
 * day and reach. `moved` counts the deadlines the declaration moved when it was made.
 */
export class DeclaredDays1796410000000 implements MigrationInterface {
  name = 'DeclaredDays1796410000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "declared_days" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "day" date NOT NULL,
        "name" character varying(100) NOT NULL,
        "basis" character varying(500) NOT NULL,
        "reason" character varying(1000) NOT NULL,
        "declared_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "declared_at" timestamptz NOT NULL DEFAULT now(),
        "moved" integer NOT NULL DEFAULT 0,
        "withdrawn_at" timestamptz,
        "withdrawn_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "withdrawal_reason" character varying(1000),
        CONSTRAINT "CHK_declared_days_withdrawal" CHECK (("withdrawn_at" IS NULL) = ("withdrawal_reason" IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_declared_days_national" ON "declared_days" ("day") WHERE "organisation_id" IS NULL AND "withdrawn_at" IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_declared_days_organisation" ON "declared_days" ("organisation_id", "day") WHERE "organisation_id" IS NOT NULL AND "withdrawn_at" IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "declared_days"`);
  }
}
