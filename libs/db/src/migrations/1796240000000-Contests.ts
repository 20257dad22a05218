import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contests across levels (경진대회, issue 20 part C): rounds of an organising body with fields,
 * criteria, an award table and a budget; entries of its departments and subordinate
 * organisations; a judging panel and its score sheets; award records per named official with their
 * HR execution status. A round may feed a higher round of another organisation (next_round_id):
 * the lower organiser proposes the link, the higher organiser accepts it, and only an accepted link
 * carries advancing entries (advanced_from_entry_id). The application role gets its privileges
 * from the database set-up (libs/db/src/database-admin.ts grants on every table).
 */
const FOREIGN_KEYS: Array<[string, string, string, string]> = [
  ['contest_rounds', 'organisation_id', 'organisations', 'RESTRICT'],
  ['contest_rounds', 'next_round_id', 'contest_rounds', 'SET NULL'],
  ['contest_rounds', 'created_by', 'users', 'SET NULL'],
  ['contest_panel_members', 'round_id', 'contest_rounds', 'CASCADE'],
  ['contest_panel_members', 'user_id', 'users', 'RESTRICT'],
  ['contest_entries', 'round_id', 'contest_rounds', 'CASCADE'],
  ['contest_entries', 'entrant_organisation_id', 'organisations', 'RESTRICT'],
  ['contest_entries', 'department_id', 'departments', 'RESTRICT'],
  ['contest_entries', 'task_id', 'tasks', 'RESTRICT'],
  ['contest_entries', 'nomination_id', 'nominations', 'RESTRICT'],
  ['contest_entries', 'advanced_from_entry_id', 'contest_entries', 'RESTRICT'],
  ['contest_entries', 'submitted_by', 'users', 'RESTRICT'],
  ['contest_scores', 'entry_id', 'contest_entries', 'CASCADE'],
  ['contest_scores', 'member_id', 'users', 'RESTRICT'],
  ['contest_awards', 'round_id', 'contest_rounds', 'CASCADE'],
  ['contest_awards', 'entry_id', 'contest_entries', 'CASCADE'],
  ['contest_awards', 'user_id', 'users', 'RESTRICT'],
  ['contest_awards', 'organisation_id', 'organisations', 'RESTRICT'],
];
const fkName = (table: string, column: string): string =>
  `FK_${table}_${column.replace(/_id$/, '').replace(/_by$/, '')}`;

const CHECKS: Array<[string, string, string]> = [
  [
    'contest_rounds',
    'CHK_contest_rounds_status',
    `"status" IN ('DRAFT', 'OPEN', 'SCREENING', 'JUDGING', 'RESULTS_PUBLISHED', 'CLOSED')`,
  ],
  [
    'contest_rounds',
    'CHK_contest_rounds_schedule',
    `"entries_open" <= "entries_close" AND "entries_close" <= "judging_due" AND "judging_due" <= "results_date"`,
  ],
  ['contest_rounds', 'CHK_contest_rounds_budget', `"budget_krw" >= 0`],
  [
    'contest_rounds',
    'CHK_contest_rounds_link',
    `("next_round_id" IS NULL) = ("next_round_status" IS NULL) AND ("next_round_status" IS NULL OR "next_round_status" IN ('PROPOSED', 'ACCEPTED', 'DECLINED')) AND ("next_round_id" IS NULL OR "next_round_id" <> "id")`,
  ],
  [
    'contest_entries',
    'CHK_contest_entries_state',
    `"state" IN ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'AWARDED', 'NOT_AWARDED')`,
  ],
  [
    'contest_entries',
    'CHK_contest_entries_rejected',
    `("state" = 'REJECTED') = ("rejection_reason" IS NOT NULL)`,
  ],
  ['contest_scores', 'CHK_contest_scores_total', `"total" >= 0 AND "total" <= 100`],
  [
    'contest_awards',
    'CHK_contest_awards_status',
    `"hr_status" IN ('PENDING', 'EXECUTED', 'NOT_EXECUTED') AND ("hr_status" <> 'NOT_EXECUTED' OR "hr_note" IS NOT NULL)`,
  ],
  [
    'contest_awards',
    'CHK_contest_awards_amounts',
    `"prize_share_krw" >= 0 AND "bonus_points" >= 0 AND "bonus_points" <= 5`,
  ],
];

export class Contests1796240000000 implements MigrationInterface {
  name = 'Contests1796240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "contest_rounds" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "year" smallint NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "entries_open" date NOT NULL,
                "entries_close" date NOT NULL,
                "judging_due" date NOT NULL,
                "results_date" date NOT NULL,
                "fields" jsonb NOT NULL,
                "criteria" jsonb NOT NULL,
                "award_table" jsonb NOT NULL DEFAULT '[]',
                "budget_krw" bigint NOT NULL DEFAULT 0,
                "accepts_advancement" boolean NOT NULL DEFAULT false,
                "next_round_id" uuid,
                "next_round_status" character varying(10),
                "status" character varying(20) NOT NULL DEFAULT 'DRAFT',
                "published_at" TIMESTAMP WITH TIME ZONE,
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT 1,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_contest_rounds" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(
      `CREATE INDEX "IDX_contest_rounds_organisation_year" ON "contest_rounds" ("organisation_id", "year")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contest_rounds_next_round" ON "contest_rounds" ("next_round_id") WHERE "next_round_id" IS NOT NULL`,
    );
    await queryRunner.query(`
            CREATE TABLE "contest_panel_members" (
                "round_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_contest_panel_members" PRIMARY KEY ("round_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "contest_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "entrant_organisation_id" uuid NOT NULL,
                "field" character varying(40) NOT NULL,
                "title" character varying(200) NOT NULL,
                "summary" text NOT NULL DEFAULT '',
                "department_id" uuid NOT NULL,
                "official_ids" uuid array NOT NULL DEFAULT '{}',
                "task_id" uuid,
                "nomination_id" uuid,
                "state" character varying(12) NOT NULL DEFAULT 'SUBMITTED',
                "rejection_reason" text,
                "final_score" numeric(6, 2),
                "rank" smallint,
                "award" jsonb,
                "advances" boolean NOT NULL DEFAULT false,
                "advanced_from_entry_id" uuid,
                "submitted_by" uuid NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT 1,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_contest_entries" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(
      `CREATE INDEX "IDX_contest_entries_round_entrant" ON "contest_entries" ("round_id", "entrant_organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contest_entries_entrant" ON "contest_entries" ("entrant_organisation_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_contest_entries_advanced_from" ON "contest_entries" ("advanced_from_entry_id") WHERE "advanced_from_entry_id" IS NOT NULL`,
    );
    await queryRunner.query(`
            CREATE TABLE "contest_scores" (
                "entry_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "scores" jsonb NOT NULL,
                "total" numeric(6, 2) NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_contest_scores" PRIMARY KEY ("entry_id", "member_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "contest_awards" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "entry_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "award" character varying(50) NOT NULL,
                "commendation" character varying(100),
                "prize_share_krw" bigint NOT NULL DEFAULT 0,
                "bonus_points" numeric(4, 2) NOT NULL DEFAULT 0,
                "hr_status" character varying(14) NOT NULL DEFAULT 'PENDING',
                "hr_note" text,
                "version" integer NOT NULL DEFAULT 1,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_contest_awards" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_contest_awards_entry_user" ON "contest_awards" ("entry_id", "user_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contest_awards_organisation" ON "contest_awards" ("organisation_id", "round_id")`,
    );
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
    await queryRunner.query(`DROP TABLE "contest_awards"`);
    await queryRunner.query(`DROP TABLE "contest_scores"`);
    await queryRunner.query(`DROP TABLE "contest_entries"`);
    await queryRunner.query(`DROP TABLE "contest_panel_members"`);
    await queryRunner.query(`DROP TABLE "contest_rounds"`);
  }
}
