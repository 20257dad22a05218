import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collaboration tasks (협업과제, DOMAIN.md §9, issue 21 slice 1): a collaboration wraps one priority
 * task of its lead organisation (the task, its milestones and reports stay where they are) and names
 * a coordinating organisation, the participating organisations with their responsible department
 * and contact, each participant's agreement of the current plan (reset when goals, plan or milestone
 * shares change: `plan_version`), and which participant carries which milestone. Participants and
 * the coordinator read the task through the tasks' read-share port. The application role gets its
 * privileges from the database set-up (libs/db/src/database-admin.ts grants on every table).
 */
export class Collaboration1796250000000 implements MigrationInterface {
  name = 'Collaboration1796250000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "collaboration_tasks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "task_id" uuid NOT NULL REFERENCES "tasks" ("id") ON DELETE RESTRICT,
        "lead_organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "coordinator_organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "focus" boolean NOT NULL DEFAULT false,
        "focus_designated_at" timestamptz,
        "focus_designated_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "focus_reason" text,
        "review_by" character varying(14) NOT NULL DEFAULT 'LEAD_AUDITOR',
        "goals" text NOT NULL DEFAULT '',
        "plan" text NOT NULL DEFAULT '',
        "plan_version" integer NOT NULL DEFAULT 1,
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_collaboration_tasks_task" UNIQUE ("task_id"),
        CONSTRAINT "CHK_collaboration_tasks_review_by"
          CHECK ("review_by" IN ('LEAD_AUDITOR', 'COORDINATOR')),
        CONSTRAINT "CHK_collaboration_tasks_focus"
          CHECK (NOT "focus" OR "focus_designated_at" IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX "IDX_collaboration_tasks_coordinator" ON "collaboration_tasks" ("coordinator_organisation_id", "focus")`,
    );
    await q.query(
      `CREATE INDEX "IDX_collaboration_tasks_lead" ON "collaboration_tasks" ("lead_organisation_id")`,
    );
    await q.query(`
      CREATE TABLE "collaboration_participants" (
        "collaboration_id" uuid NOT NULL REFERENCES "collaboration_tasks" ("id") ON DELETE CASCADE,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "role" character varying(11) NOT NULL,
        "department_id" uuid NOT NULL REFERENCES "departments" ("id") ON DELETE RESTRICT,
        "contact_user_id" uuid REFERENCES "users" ("id") ON DELETE RESTRICT,
        "agreed_at" timestamptz,
        "agreed_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "agreed_plan_version" integer,
        "added_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_collaboration_participants" PRIMARY KEY ("collaboration_id", "organisation_id"),
        CONSTRAINT "CHK_collaboration_participants_role" CHECK ("role" IN ('LEAD', 'PARTICIPANT')),
        CONSTRAINT "CHK_collaboration_participants_agreed"
          CHECK (("agreed_at" IS NULL) = ("agreed_plan_version" IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_collaboration_participants_lead" ON "collaboration_participants" ("collaboration_id") WHERE "role" = 'LEAD'`,
    );
    // The read scopes look participants up by organisation and by department.
    await q.query(
      `CREATE INDEX "IDX_collaboration_participants_organisation" ON "collaboration_participants" ("organisation_id")`,
    );
    await q.query(
      `CREATE INDEX "IDX_collaboration_participants_department" ON "collaboration_participants" ("department_id")`,
    );
    await q.query(`
      CREATE TABLE "collaboration_milestone_shares" (
        "milestone_id" uuid NOT NULL PRIMARY KEY REFERENCES "milestones" ("id") ON DELETE CASCADE,
        "collaboration_id" uuid NOT NULL,
        "organisation_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "FK_collaboration_milestone_shares_participant"
          FOREIGN KEY ("collaboration_id", "organisation_id")
          REFERENCES "collaboration_participants" ("collaboration_id", "organisation_id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "IDX_collaboration_milestone_shares_participant" ON "collaboration_milestone_shares" ("collaboration_id", "organisation_id")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "collaboration_milestone_shares"`);
    await q.query(`DROP TABLE "collaboration_participants"`);
    await q.query(`DROP TABLE "collaboration_tasks"`);
  }
}
