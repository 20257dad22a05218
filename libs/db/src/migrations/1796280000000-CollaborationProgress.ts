import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared progress of collaboration tasks (협업과제, issue 21 item 4): each participant's
 * contribution to a report (이행실적) on the collaboration's task, one row per report and
 * participant organisation, written by that participant while the report is a draft (or returned)
 * and read by every participant and the coordinator. A participant removed from the collaboration
 * takes its contributions with it (the participant's key); a report removed takes its own.
 */
export class CollaborationProgress1796280000000 implements MigrationInterface {
  name = 'CollaborationProgress1796280000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "collaboration_report_contributions" (
        "report_id" uuid NOT NULL REFERENCES "reports" ("id") ON DELETE CASCADE,
        "organisation_id" uuid NOT NULL,
        "collaboration_id" uuid NOT NULL,
        "text" text NOT NULL,
        "progress" smallint,
        "author_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_collaboration_report_contributions" PRIMARY KEY ("report_id", "organisation_id"),
        CONSTRAINT "FK_collaboration_report_contributions_participant"
          FOREIGN KEY ("collaboration_id", "organisation_id")
          REFERENCES "collaboration_participants" ("collaboration_id", "organisation_id") ON DELETE CASCADE,
        CONSTRAINT "CHK_collaboration_report_contributions_progress"
          CHECK ("progress" IS NULL OR "progress" BETWEEN 0 AND 100)
      )`);
    await q.query(
      `CREATE INDEX "IDX_collaboration_report_contributions_participant" ON "collaboration_report_contributions" ("collaboration_id", "organisation_id")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "collaboration_report_contributions"`);
  }
}
