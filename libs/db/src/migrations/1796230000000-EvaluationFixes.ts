import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Year-end evaluation fixes (issue 20, part B):
 * - An organisation may run several rounds of one kind in a year (its 우수공무원 selection and
 *   several contests): the unique index on (organisation_id, year, kind) becomes a plain one.
 * - At least one incentive per selected official: a round's incentives_min is at least 1 (rounds
 *   and stored settings below 1 are raised to 1, and their maximums with them where needed).
 * - The priority-task owner's allowance: who owned a qualifying priority task of the round's year
 *   (SELECTED, IN_PROGRESS or COMPLETED) when the nomination was submitted is kept on the
 *   nomination (tasks keep only their current owner). Nominations submitted before this migration
 *   are filled from the owners as they are now: the best that can be known for them.
 */
export class EvaluationFixes1796230000000 implements MigrationInterface {
  name = 'EvaluationFixes1796230000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "IDX_6846f373fb0ff91cbd6aa56174"`);
    await q.query(
      `CREATE INDEX "IDX_evaluation_rounds_org_year_kind" ON "evaluation_rounds" ("organisation_id", "year", "kind")`,
    );
    await q.query(`UPDATE "evaluation_rounds"
      SET "incentives_min" = 1,
          "incentives_max" = GREATEST("incentives_max", 1),
          "incentives_max_task_owner" = GREATEST("incentives_max_task_owner", 1)
      WHERE "incentives_min" < 1`);
    await q.query(
      `ALTER TABLE "evaluation_rounds" DROP CONSTRAINT "CHK_evaluation_rounds_incentives"`,
    );
    await q.query(`ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "CHK_evaluation_rounds_incentives"
      CHECK (1 <= "incentives_min" AND "incentives_min" <= "incentives_max" AND "incentives_max" <= "incentives_max_task_owner")`);
    await q.query(`UPDATE "organisation_settings" SET "value" = '1'::jsonb
      WHERE "key" = 'evaluations.incentivesMin' AND jsonb_typeof("value") = 'number' AND ("value")::text::numeric < 1`);
    await q.query(
      `ALTER TABLE "nominations" ADD COLUMN "qualifying_task_owners" jsonb NOT NULL DEFAULT '[]'::jsonb`,
    );
    await q.query(`
      UPDATE "nominations" n SET "qualifying_task_owners" = s.owners
        FROM (SELECT n2.id, jsonb_agg(jsonb_build_object('userId', t.owner_id, 'taskId', t.id, 'code', t.code, 'status', t.status)
                                      ORDER BY t.code, t.id) AS owners
                FROM "nominations" n2 JOIN "evaluation_rounds" r ON r.id = n2.round_id
                JOIN "tasks" t ON t.organisation_id = n2.organisation_id AND t.year = r.year
                 AND t.status IN ('SELECTED', 'IN_PROGRESS', 'COMPLETED') AND t.owner_id = ANY(n2.nominee_user_ids)
               GROUP BY n2.id) s
       WHERE s.id = n.id`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "nominations" DROP COLUMN "qualifying_task_owners"`);
    await q.query(
      `ALTER TABLE "evaluation_rounds" DROP CONSTRAINT "CHK_evaluation_rounds_incentives"`,
    );
    await q.query(`ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "CHK_evaluation_rounds_incentives"
      CHECK (0 <= "incentives_min" AND "incentives_min" <= "incentives_max" AND "incentives_max" <= "incentives_max_task_owner")`);
    await q.query(`DROP INDEX "IDX_evaluation_rounds_org_year_kind"`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_6846f373fb0ff91cbd6aa56174" ON "evaluation_rounds" ("organisation_id", "year", "kind")`,
    );
  }
}
