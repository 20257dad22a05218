import { MigrationInterface, QueryRunner } from 'typeorm';

/** Foreign keys across libraries and checks, named by hand (the generator does not know them). */
const FOREIGN_KEYS: Array<[string, string, string, string]> = [
  ['consultations', 'organisation_id', 'organisations', 'RESTRICT'],
  ['consultations', 'requesting_department_id', 'departments', 'RESTRICT'],
  ['consultations', 'drafter_id', 'users', 'RESTRICT'],
  ['consultations', 'requester_id', 'users', 'RESTRICT'],
  ['consultations', 'task_id', 'tasks', 'SET NULL'],
  ['consultations', 'screener_id', 'users', 'RESTRICT'],
  ['consultations', 'assigned_auditor_id', 'users', 'RESTRICT'],
  ['consultations', 'escalated_to_organisation_id', 'organisations', 'RESTRICT'],
  ['consultations', 'opinion_by', 'users', 'RESTRICT'],
  ['consultations', 'opinion_organisation_id', 'organisations', 'RESTRICT'],
  // Reports may name the pre-consultation their support request refers to.
  ['reports', 'consultation_id', 'consultations', 'SET NULL'],
];
const fkName = (table: string, column: string): string =>
  `FK_${table}_${column.replace(/_id$/, '')}`;
const CHECKS: Array<[string, string, string]> = [
  ['consultations', 'CHK_consultations_year', `"year" BETWEEN 2000 AND 2100`],
  ['consultations', 'CHK_consultations_extension', `"extension_days" >= 0`],
  [
    'consultations',
    'CHK_consultations_submitted',
    `("state" = 'DRAFT') = ("submitted_at" IS NULL)`,
  ],
  [
    'consultations',
    'CHK_consultations_rejected',
    `("state" = 'REJECTED') = ("rejection_reason" IS NOT NULL)`,
  ],
  [
    'consultations',
    'CHK_consultations_rejection_reason',
    `"rejection_reason" IN ('CLEAR_RULE_EXISTS', 'NO_OWN_REVIEW', 'DISPOSITION_ALREADY_MADE', 'PROCEEDINGS_PENDING_OR_FINAL')`,
  ],
  [
    'consultations',
    'CHK_consultations_opinion',
    `("opinion_at" IS NULL) = ("opinion_type" IS NULL) AND ("state" IN ('OPINION_ISSUED', 'CLOSED')) = ("opinion_at" IS NOT NULL)`,
  ],
  [
    'consultations',
    'CHK_consultations_opinion_type',
    `"opinion_type" IN ('ACCEPTABLE', 'NOT_ACCEPTABLE', 'CONDITIONAL')`,
  ],
  ['consultations', 'CHK_consultations_closed', `("state" = 'CLOSED') = ("follow_up" IS NOT NULL)`],
  ['consultations', 'CHK_consultations_follow_up', `"follow_up" IN ('FOLLOWED', 'NOT_FOLLOWED')`],
  [
    'consultations',
    'CHK_consultations_immunity',
    `NOT "immunity_presumed" OR ("state" = 'CLOSED' AND "follow_up" = 'FOLLOWED' AND NOT "private_interest")`,
  ],
];

export class PreConsultations1795338894499 implements MigrationInterface {
  name = 'PreConsultations1795338894499';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."consultation_state" AS ENUM(
                'DRAFT',
                'SUBMITTED',
                'SCREENING',
                'REJECTED',
                'ACCEPTED',
                'UNDER_REVIEW',
                'ESCALATED',
                'COMMITTEE_ADVICE',
                'OPINION_ISSUED',
                'CLOSED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "consultations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "requesting_department_id" uuid NOT NULL,
                "drafter_id" uuid NOT NULL,
                "requester_id" uuid,
                "task_id" uuid,
                "year" smallint NOT NULL,
                "subject" character varying(200) NOT NULL,
                "facts" text NOT NULL DEFAULT '',
                "question" text NOT NULL DEFAULT '',
                "relevant_laws" text NOT NULL DEFAULT '',
                "own_review" text NOT NULL DEFAULT '',
                "options" jsonb NOT NULL DEFAULT '[]',
                "desired_answer_date" date,
                "private_interest" boolean NOT NULL DEFAULT false,
                "private_interest_note" text,
                "state" "public"."consultation_state" NOT NULL DEFAULT 'DRAFT',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "screening_due_date" date,
                "screener_id" uuid,
                "screened_at" TIMESTAMP WITH TIME ZONE,
                "screening_checklist" jsonb,
                "rejection_reason" character varying(40),
                "rejection_note" text,
                "assigned_auditor_id" uuid,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "opinion_due_date" date,
                "extension_days" smallint NOT NULL DEFAULT '0',
                "extension_reason" text,
                "extended_at" TIMESTAMP WITH TIME ZONE,
                "escalated_to_organisation_id" uuid,
                "escalated_at" TIMESTAMP WITH TIME ZONE,
                "advice" jsonb NOT NULL DEFAULT '[]',
                "opinion" text,
                "opinion_type" character varying(20),
                "opinion_at" TIMESTAMP WITH TIME ZONE,
                "opinion_by" uuid,
                "opinion_organisation_id" uuid,
                "turnaround_days" integer,
                "follow_up" character varying(20),
                "follow_up_reason" text,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "immunity_presumed" boolean NOT NULL DEFAULT false,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c5b78e9424d9bc68464f6a12103" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_682c292ecbfd889ccad96916b6" ON "consultations" ("escalated_to_organisation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2f1f57466dab8c70e606b296d8" ON "consultations" ("task_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_72e48b6cb747761082139d7030" ON "consultations" ("requesting_department_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_74b6436b8fe44620f8cb429df7" ON "consultations" ("organisation_id", "year")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f9b467070db3e2308f16449d4b" ON "consultations" ("organisation_id", "state")
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
            DROP INDEX "public"."IDX_f9b467070db3e2308f16449d4b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_74b6436b8fe44620f8cb429df7"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_72e48b6cb747761082139d7030"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2f1f57466dab8c70e606b296d8"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_682c292ecbfd889ccad96916b6"
        `);
    await queryRunner.query(`
            DROP TABLE "consultations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."consultation_state"
        `);
  }
}
