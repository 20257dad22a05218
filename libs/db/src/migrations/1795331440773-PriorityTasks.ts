import { MigrationInterface, QueryRunner } from 'typeorm';

export class PriorityTasks1795331440773 implements MigrationInterface {
  name = 'PriorityTasks1795331440773';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."milestone_status" AS ENUM('PLANNED', 'DONE')
        `);
    await queryRunner.query(`
            CREATE TABLE "milestones" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "task_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "due_date" date NOT NULL,
                "weight" numeric(8, 2) NOT NULL DEFAULT '1',
                "status" "public"."milestone_status" NOT NULL DEFAULT 'PLANNED',
                "done_date" date,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0bdbfe399c777a6a8520ff902d9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_792570cea73e0407d60e9a6fe8" ON "milestones" ("task_id", "due_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "task_members" (
                "task_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d8acdfb88479100e2654c3baf6f" PRIMARY KEY ("task_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_9479a7828448cd818eda779197" ON "task_members" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "task_partner_departments" (
                "task_id" uuid NOT NULL,
                "department_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_12d98ac24a9f094a790bd6d6b33" PRIMARY KEY ("task_id", "department_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_1d9396dae543777bcbcd226e51" ON "task_partner_departments" ("department_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."task_category" AS ENUM(
                'PROACTIVE',
                'GOV_INNOVATION',
                'REGULATORY',
                'COLLABORATION'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."task_status" AS ENUM(
                'DRAFT',
                'PROPOSED',
                'SELECTED',
                'REJECTED',
                'IN_PROGRESS',
                'COMPLETED',
                'SUSPENDED',
                'DROPPED'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."task_risk" AS ENUM('LOW', 'MEDIUM', 'HIGH')
        `);
    await queryRunner.query(`
            CREATE TABLE "tasks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "code" character varying(20) NOT NULL,
                "year" smallint NOT NULL,
                "title" character varying(200) NOT NULL,
                "summary" text NOT NULL DEFAULT '',
                "category" "public"."task_category" NOT NULL,
                "lead_department_id" uuid NOT NULL,
                "owner_id" uuid NOT NULL,
                "goal" text NOT NULL DEFAULT '',
                "kpi_indicator" character varying(200),
                "kpi_unit" character varying(50),
                "kpi_baseline" numeric(14, 2),
                "kpi_target" numeric(14, 2),
                "kpi_current" numeric(14, 2),
                "start_date" date NOT NULL,
                "due_date" date NOT NULL,
                "status" "public"."task_status" NOT NULL DEFAULT 'DRAFT',
                "risk" "public"."task_risk" NOT NULL DEFAULT 'LOW',
                "reported_progress" smallint,
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0d1c96b22a5793d9bbf9cc90db" ON "tasks" ("lead_department_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0631c1eb8316f8af361cf14eb8" ON "tasks" ("owner_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_51a84a91bcc8cc94da5462a147" ON "tasks" ("organisation_id", "year", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_7fcd545daa4604cd40208b6582" ON "tasks" ("organisation_id", "year", "code")
        `);
    // Added by hand after generation (descriptive names: migration:generate leaves them alone).
    // Korean free-text search: trigram GIN index over the searched expression (tasks.service.ts uses the same one).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "IDX_tasks_search_trgm" ON "tasks" USING gin ((code || ' ' || title || ' ' || summary) gin_trgm_ops)`,
    );
    const fks: Array<[string, string, string, string]> = [
      ['tasks', 'organisation_id', 'organisations', 'RESTRICT'],
      ['tasks', 'lead_department_id', 'departments', 'RESTRICT'],
      ['tasks', 'owner_id', 'users', 'RESTRICT'],
      ['tasks', 'created_by', 'users', 'SET NULL'],
      ['milestones', 'task_id', 'tasks', 'CASCADE'],
      ['task_members', 'task_id', 'tasks', 'CASCADE'],
      ['task_members', 'user_id', 'users', 'RESTRICT'],
      ['task_partner_departments', 'task_id', 'tasks', 'CASCADE'],
      ['task_partner_departments', 'department_id', 'departments', 'RESTRICT'],
    ];
    for (const [table, column, target, onDelete] of fks) {
      const name = `FK_${table}_${column.replace(/_id$/, '').replace('created_by', 'creator')}`;
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE ${onDelete}`,
      );
    }
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "CHK_tasks_dates" CHECK ("due_date" >= "start_date")`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "CHK_tasks_year" CHECK ("year" BETWEEN 2000 AND 2100)`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "CHK_tasks_reported_progress" CHECK ("reported_progress" BETWEEN 0 AND 100)`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "CHK_milestones_weight" CHECK ("weight" > 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "CHK_milestones_done_date" CHECK (("status" = 'DONE') = ("done_date" IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of [
      ['milestones', 'CHK_milestones_done_date'],
      ['milestones', 'CHK_milestones_weight'],
      ['tasks', 'CHK_tasks_reported_progress'],
      ['tasks', 'CHK_tasks_year'],
      ['tasks', 'CHK_tasks_dates'],
      ['task_partner_departments', 'FK_task_partner_departments_department'],
      ['task_partner_departments', 'FK_task_partner_departments_task'],
      ['task_members', 'FK_task_members_user'],
      ['task_members', 'FK_task_members_task'],
      ['milestones', 'FK_milestones_task'],
      ['tasks', 'FK_tasks_creator'],
      ['tasks', 'FK_tasks_owner'],
      ['tasks', 'FK_tasks_lead_department'],
      ['tasks', 'FK_tasks_organisation'],
    ]) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
    }
    await queryRunner.query(`DROP INDEX "public"."IDX_tasks_search_trgm"`);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_7fcd545daa4604cd40208b6582"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_51a84a91bcc8cc94da5462a147"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0631c1eb8316f8af361cf14eb8"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0d1c96b22a5793d9bbf9cc90db"
        `);
    await queryRunner.query(`
            DROP TABLE "tasks"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."task_risk"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."task_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."task_category"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_1d9396dae543777bcbcd226e51"
        `);
    await queryRunner.query(`
            DROP TABLE "task_partner_departments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_9479a7828448cd818eda779197"
        `);
    await queryRunner.query(`
            DROP TABLE "task_members"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_792570cea73e0407d60e9a6fe8"
        `);
    await queryRunner.query(`
            DROP TABLE "milestones"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."milestone_status"
        `);
  }
}
