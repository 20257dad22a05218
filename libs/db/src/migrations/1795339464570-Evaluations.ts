import { MigrationInterface, QueryRunner } from 'typeorm';

/** Foreign keys across libraries and checks, named by hand (the generator does not know them). */
const FOREIGN_KEYS: Array<[string, string, string, string]> = [
  ['evaluation_rounds', 'organisation_id', 'organisations', 'RESTRICT'],
  ['evaluation_rounds', 'created_by', 'users', 'SET NULL'],
  ['evaluation_members', 'round_id', 'evaluation_rounds', 'CASCADE'],
  ['evaluation_members', 'user_id', 'users', 'RESTRICT'],
  ['nominations', 'round_id', 'evaluation_rounds', 'CASCADE'],
  ['nominations', 'organisation_id', 'organisations', 'RESTRICT'],
  ['nominations', 'nominated_by', 'users', 'RESTRICT'],
  ['nominations', 'department_id', 'departments', 'RESTRICT'],
  ['nominations', 'verified_by', 'users', 'RESTRICT'],
  ['evaluation_conflicts', 'nomination_id', 'nominations', 'CASCADE'],
  ['evaluation_conflicts', 'member_id', 'users', 'RESTRICT'],
  ['evaluation_scores', 'nomination_id', 'nominations', 'CASCADE'],
  ['evaluation_scores', 'member_id', 'users', 'RESTRICT'],
  ['evaluation_resolutions', 'round_id', 'evaluation_rounds', 'CASCADE'],
  ['evaluation_resolutions', 'recorded_by', 'users', 'RESTRICT'],
  ['incentive_grants', 'round_id', 'evaluation_rounds', 'CASCADE'],
  ['incentive_grants', 'nomination_id', 'nominations', 'RESTRICT'],
  ['incentive_grants', 'user_id', 'users', 'RESTRICT'],
  ['incentive_grants', 'granted_by', 'users', 'RESTRICT'],
  ['incentive_preferences', 'nomination_id', 'nominations', 'CASCADE'],
  ['incentive_preferences', 'user_id', 'users', 'RESTRICT'],
];
const fkName = (table: string, column: string): string =>
  `FK_${table}_${column.replace(/_id$/, '').replace(/_by$/, '')}`;
const CHECKS: Array<[string, string, string]> = [
  [
    'evaluation_rounds',
    'CHK_evaluation_rounds_kind',
    `"kind" IN ('ANNUAL', 'FIRST_HALF', 'SECOND_HALF')`,
  ],
  [
    'evaluation_rounds',
    'CHK_evaluation_rounds_status',
    `"status" IN ('NOMINATING', 'SCORING', 'CONFIRMED')`,
  ],
  [
    'evaluation_rounds',
    'CHK_evaluation_rounds_schedule',
    `"nominations_open" <= "nominations_close" AND "nominations_close" <= "scoring_due" AND "scoring_due" <= "resolution_date"`,
  ],
  [
    'evaluation_rounds',
    'CHK_evaluation_rounds_incentives',
    `0 <= "incentives_min" AND "incentives_min" <= "incentives_max" AND "incentives_max" <= "incentives_max_task_owner"`,
  ],
  [
    'nominations',
    'CHK_nominations_type',
    `"type" IN ('OFFICIAL', 'TEAM', 'DEPARTMENT', 'FAILURE_CASE')`,
  ],
  ['nominations', 'CHK_nominations_source', `"source" IN ('DEPARTMENT', 'SELF', 'CITIZEN')`],
  [
    'nominations',
    'CHK_nominations_state',
    `"state" IN ('SUBMITTED', 'VERIFIED', 'EXCLUDED', 'SCORED', 'GRADED', 'CONFIRMED')`,
  ],
  [
    'nominations',
    'CHK_nominations_excluded',
    `("state" = 'EXCLUDED') = ("exclusion_reason" IS NOT NULL)`,
  ],
  [
    'nominations',
    'CHK_nominations_graded',
    `("state" IN ('GRADED', 'CONFIRMED')) = ("grade" IS NOT NULL)`,
  ],
  ['evaluation_scores', 'CHK_evaluation_scores_total', `"total" >= 0 AND "total" <= 100`],
  [
    'evaluation_resolutions',
    'CHK_evaluation_resolutions_votes',
    `"votes_for" >= 0 AND "votes_against" >= 0`,
  ],
  [
    'incentive_grants',
    'CHK_incentive_grants_status',
    `"status" IN ('GRANTED', 'EXECUTED', 'CANCELLED')`,
  ],
];

export class Evaluations1795339464570 implements MigrationInterface {
  name = 'Evaluations1795339464570';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "evaluation_rounds" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "kind" character varying(12) NOT NULL,
                "year" smallint NOT NULL,
                "title" character varying(200) NOT NULL,
                "nominations_open" date NOT NULL,
                "nominations_close" date NOT NULL,
                "scoring_due" date NOT NULL,
                "resolution_date" date NOT NULL,
                "criteria" jsonb NOT NULL,
                "grades" jsonb NOT NULL,
                "trim_min_members" smallint NOT NULL,
                "incentives_min" smallint NOT NULL,
                "incentives_max" smallint NOT NULL,
                "incentives_max_task_owner" smallint NOT NULL,
                "status" character varying(12) NOT NULL DEFAULT 'NOMINATING',
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2f89fb85254cd05489583c27c58" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_6846f373fb0ff91cbd6aa56174" ON "evaluation_rounds" ("organisation_id", "year", "kind")
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation_members" (
                "round_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2ae38e30407d87868250b5bc421" PRIMARY KEY ("round_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "nominations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "type" character varying(14) NOT NULL,
                "source" character varying(12) NOT NULL,
                "title" character varying(200) NOT NULL,
                "nominee_user_ids" uuid array NOT NULL DEFAULT '{}',
                "nominee_department_ids" uuid array NOT NULL DEFAULT '{}',
                "task_ids" uuid array NOT NULL DEFAULT '{}',
                "narrative" text NOT NULL DEFAULT '',
                "nominated_by" uuid NOT NULL,
                "department_id" uuid NOT NULL,
                "state" character varying(10) NOT NULL DEFAULT 'SUBMITTED',
                "exclusion_reason" text,
                "verified_by" uuid,
                "verified_at" TIMESTAMP WITH TIME ZONE,
                "final_score" numeric(6, 2),
                "rank" smallint,
                "grade" character varying(30),
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_94d2a23f18ea8e3b22d1ec6e972" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_8a0392c9751e0ebd8b7fce92dd" ON "nominations" ("round_id", "type")
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation_conflicts" (
                "nomination_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fdffd22c20d9fbba87cd8f0357e" PRIMARY KEY ("nomination_id", "member_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation_scores" (
                "nomination_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "scores" jsonb NOT NULL,
                "total" numeric(6, 2) NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_7a47ff78e53a7f25512665b591e" PRIMARY KEY ("nomination_id", "member_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation_resolutions" (
                "round_id" uuid NOT NULL,
                "meeting_date" date NOT NULL,
                "present_member_ids" uuid array NOT NULL,
                "votes_for" smallint NOT NULL,
                "votes_against" smallint NOT NULL,
                "recorded_by" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_878a0404cc47790117b459e7fc0" PRIMARY KEY ("round_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "incentive_grants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "nomination_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "incentive_type" character varying(40) NOT NULL,
                "detail" text,
                "status" character varying(10) NOT NULL DEFAULT 'GRANTED',
                "hr_note" text,
                "granted_by" uuid NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d4facb663d38647da85cebfdc8b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_eff8e08b7a0398676b78ed3b8c" ON "incentive_grants" ("round_id", "user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "incentive_preferences" (
                "nomination_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "preferred" character varying(40) array NOT NULL,
                "note" text,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fa4f584e9208c9b5fdf3135b1ac" PRIMARY KEY ("nomination_id", "user_id")
            )
        `);
    for (const [table, column, target, onDelete] of FOREIGN_KEYS) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${fkName(table, column)}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE ${onDelete}`,
      );
    }
    for (const [table, name, check] of CHECKS) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" CHECK (${check})`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of CHECKS) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
    }
    for (const [table, column] of [...FOREIGN_KEYS].reverse()) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${fkName(table, column)}"`);
    }
    await queryRunner.query(`
            DROP TABLE "incentive_preferences"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_eff8e08b7a0398676b78ed3b8c"
        `);
    await queryRunner.query(`
            DROP TABLE "incentive_grants"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation_resolutions"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation_scores"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation_conflicts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_8a0392c9751e0ebd8b7fce92dd"
        `);
    await queryRunner.query(`
            DROP TABLE "nominations"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation_members"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6846f373fb0ff91cbd6aa56174"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation_rounds"
        `);
  }
}
