import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: saved views of the task list, the report queue and the pre-consultation queue (a name
 * and the list's filters and sort as a URL query string). Each person keeps their own; the
 * proactive-administration office (PROACTIVE_OFFICE) and ADMIN may share one with their
 * organisation. Creation, changes and deletion are recorded in history (record type saved_view).
 */
export class SavedViews1796390000000 implements MigrationInterface {
  name = 'SavedViews1796390000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "saved_views" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE CASCADE,
        "owner_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "list" character varying(20) NOT NULL,
        "name" character varying(100) NOT NULL,
        "query" character varying(1000) NOT NULL DEFAULT '',
        "shared" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_saved_views_list" CHECK ("list" IN ('tasks', 'reports', 'consultations'))
      )`);
    await q.query(
      `CREATE INDEX "IDX_saved_views_organisation_list" ON "saved_views" ("organisation_id", "list")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "saved_views"`);
  }
}
