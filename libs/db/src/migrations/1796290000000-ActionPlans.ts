import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 실행계획 (DOMAIN.md §9, issue 22 part 1): one action plan per organisation and year with its
 * directions (추진방향, ordered) and the measures under each (세부 추진과제: owner department,
 * target, due date in the plan's year, status); a measure flagged focus (중점 추진과제) links one or
 * more priority tasks of the organisation and year (`action_plan_measure_tasks`). The plan is
 * approved by the head of the proactive office (DRAFT → SUBMITTED → APPROVED); each approved
 * version is kept as a snapshot in `action_plan_versions`, and changing an approved plan opens the
 * next version (`plan_version`). `version` is the row's optimistic version.
 */
export class ActionPlans1796290000000 implements MigrationInterface {
  name = 'ActionPlans1796290000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "action_plans" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "year" integer NOT NULL,
        "title" character varying(200) NOT NULL,
        "status" character varying(10) NOT NULL DEFAULT 'DRAFT',
        "plan_version" integer NOT NULL DEFAULT 1,
        "submitted_at" timestamptz,
        "submitted_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "approved_at" timestamptz,
        "approved_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_action_plans_organisation_year" UNIQUE ("organisation_id", "year"),
        CONSTRAINT "CHK_action_plans_year" CHECK ("year" BETWEEN 2000 AND 2100),
        CONSTRAINT "CHK_action_plans_status" CHECK ("status" IN ('DRAFT', 'SUBMITTED', 'APPROVED')),
        CONSTRAINT "CHK_action_plans_approved"
          CHECK ("status" <> 'APPROVED' OR "approved_at" IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE "action_plan_directions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "plan_id" uuid NOT NULL REFERENCES "action_plans" ("id") ON DELETE CASCADE,
        "position" integer NOT NULL,
        "title" character varying(200) NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX "IDX_action_plan_directions_plan" ON "action_plan_directions" ("plan_id", "position")`,
    );
    await q.query(`
      CREATE TABLE "action_plan_measures" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "plan_id" uuid NOT NULL REFERENCES "action_plans" ("id") ON DELETE CASCADE,
        "direction_id" uuid NOT NULL REFERENCES "action_plan_directions" ("id") ON DELETE RESTRICT,
        "position" integer NOT NULL,
        "title" character varying(300) NOT NULL,
        "owner_department_id" uuid NOT NULL REFERENCES "departments" ("id") ON DELETE RESTRICT,
        "target" text NOT NULL DEFAULT '',
        "due_date" date NOT NULL,
        "status" character varying(12) NOT NULL DEFAULT 'PLANNED',
        "focus" boolean NOT NULL DEFAULT false,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_action_plan_measures_status"
          CHECK ("status" IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED'))
      )`);
    await q.query(
      `CREATE INDEX "IDX_action_plan_measures_plan" ON "action_plan_measures" ("plan_id", "direction_id", "position")`,
    );
    await q.query(
      `CREATE INDEX "IDX_action_plan_measures_owner" ON "action_plan_measures" ("owner_department_id")`,
    );
    await q.query(`
      CREATE TABLE "action_plan_measure_tasks" (
        "measure_id" uuid NOT NULL REFERENCES "action_plan_measures" ("id") ON DELETE CASCADE,
        "task_id" uuid NOT NULL REFERENCES "tasks" ("id") ON DELETE RESTRICT,
        PRIMARY KEY ("measure_id", "task_id")
      )`);
    await q.query(
      `CREATE INDEX "IDX_action_plan_measure_tasks_task" ON "action_plan_measure_tasks" ("task_id")`,
    );
    await q.query(`
      CREATE TABLE "action_plan_versions" (
        "plan_id" uuid NOT NULL REFERENCES "action_plans" ("id") ON DELETE CASCADE,
        "plan_version" integer NOT NULL,
        "snapshot" jsonb NOT NULL,
        "submitted_at" timestamptz,
        "submitted_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "approved_at" timestamptz NOT NULL,
        "approved_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        PRIMARY KEY ("plan_id", "plan_version")
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "action_plan_versions"`);
    await q.query(`DROP TABLE "action_plan_measure_tasks"`);
    await q.query(`DROP TABLE "action_plan_measures"`);
    await q.query(`DROP TABLE "action_plan_directions"`);
    await q.query(`DROP TABLE "action_plans"`);
  }
}
