import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The TF (task force) of a collaboration task (issue 21 item 3): its members (users of the
 * participating organisations and of the coordinator, each with a TF role), its meetings with
 * minutes and attendees, the decisions of a meeting, the milestones a decision created on the
 * collaboration's task and the action items a decision created (chased by the reminder engine).
 * Every row hangs off the collaboration (ON DELETE CASCADE); who reads it is the collaboration's
 * rule (libs/collaboration/src/tf).
 */
export class CollaborationTf1796260000000 implements MigrationInterface {
  name = 'CollaborationTf1796260000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "collaboration_tf_members" (
        "collaboration_id" uuid NOT NULL REFERENCES "collaboration_tasks" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "role" character varying(7) NOT NULL,
        "added_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "added_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_collaboration_tf_members" PRIMARY KEY ("collaboration_id", "user_id"),
        CONSTRAINT "CHK_collaboration_tf_members_role" CHECK ("role" IN ('LEAD', 'MEMBER', 'LIAISON'))
      )`);
    // One TF lead per collaboration.
    await q.query(
      `CREATE UNIQUE INDEX "UQ_collaboration_tf_members_lead" ON "collaboration_tf_members" ("collaboration_id") WHERE "role" = 'LEAD'`,
    );
    await q.query(
      `CREATE INDEX "IDX_collaboration_tf_members_user" ON "collaboration_tf_members" ("user_id")`,
    );
    await q.query(`
      CREATE TABLE "collaboration_tf_meetings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "collaboration_id" uuid NOT NULL REFERENCES "collaboration_tasks" ("id") ON DELETE CASCADE,
        "held_at" timestamptz NOT NULL,
        "title" character varying(200) NOT NULL,
        "place" character varying(200) NOT NULL DEFAULT '',
        "online" boolean NOT NULL DEFAULT false,
        "attendee_ids" uuid[] NOT NULL DEFAULT '{}',
        "minutes" text NOT NULL DEFAULT '',
        "recorded_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX "IDX_collaboration_tf_meetings_collaboration" ON "collaboration_tf_meetings" ("collaboration_id", "held_at")`,
    );
    await q.query(`
      CREATE TABLE "collaboration_tf_decisions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "meeting_id" uuid NOT NULL REFERENCES "collaboration_tf_meetings" ("id") ON DELETE CASCADE,
        "collaboration_id" uuid NOT NULL REFERENCES "collaboration_tasks" ("id") ON DELETE CASCADE,
        "text" text NOT NULL,
        "outcome" character varying(12) NOT NULL,
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_collaboration_tf_decisions_outcome"
          CHECK ("outcome" IN ('NONE', 'MILESTONES', 'ACTION_ITEMS'))
      )`);
    await q.query(
      `CREATE INDEX "IDX_collaboration_tf_decisions_meeting" ON "collaboration_tf_decisions" ("meeting_id")`,
    );
    // The milestones a decision created on the collaboration's task (gone with the milestone).
    await q.query(`
      CREATE TABLE "collaboration_tf_decision_milestones" (
        "decision_id" uuid NOT NULL REFERENCES "collaboration_tf_decisions" ("id") ON DELETE CASCADE,
        "milestone_id" uuid NOT NULL REFERENCES "milestones" ("id") ON DELETE CASCADE,
        CONSTRAINT "PK_collaboration_tf_decision_milestones" PRIMARY KEY ("decision_id", "milestone_id")
      )`);
    await q.query(
      `CREATE INDEX "IDX_collaboration_tf_decision_milestones_milestone" ON "collaboration_tf_decision_milestones" ("milestone_id")`,
    );
    await q.query(`
      CREATE TABLE "collaboration_tf_action_items" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "collaboration_id" uuid NOT NULL REFERENCES "collaboration_tasks" ("id") ON DELETE CASCADE,
        "decision_id" uuid NOT NULL REFERENCES "collaboration_tf_decisions" ("id") ON DELETE CASCADE,
        "title" character varying(200) NOT NULL,
        "owner_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
        "due_date" date NOT NULL,
        "status" character varying(4) NOT NULL DEFAULT 'OPEN',
        "completed_at" timestamptz,
        "completed_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_collaboration_tf_action_items_status" CHECK ("status" IN ('OPEN', 'DONE')),
        CONSTRAINT "CHK_collaboration_tf_action_items_completed"
          CHECK (("status" = 'DONE') = ("completed_at" IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX "IDX_collaboration_tf_action_items_collaboration" ON "collaboration_tf_action_items" ("collaboration_id", "due_date")`,
    );
    // The reminder rules look open items up by owner and due date.
    await q.query(
      `CREATE INDEX "IDX_collaboration_tf_action_items_open" ON "collaboration_tf_action_items" ("owner_id", "due_date") WHERE "status" = 'OPEN'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "collaboration_tf_action_items"`);
    await q.query(`DROP TABLE "collaboration_tf_decision_milestones"`);
    await q.query(`DROP TABLE "collaboration_tf_decisions"`);
    await q.query(`DROP TABLE "collaboration_tf_meetings"`);
    await q.query(`DROP TABLE "collaboration_tf_members"`);
  }
}
