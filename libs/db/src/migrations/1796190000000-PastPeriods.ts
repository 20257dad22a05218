import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Past periods, honestly recorded (issue 19):
 * - history.effective_at / late_entry_reason: a back-dated entry (사후 입력) keeps when it was
 *   entered (occurred_at) and when what it records happened, with the reason it is entered late.
 *   Entries written as things happen keep NULL there, which their hashes never covered. Adding
 *   columns fires no UPDATE trigger: the append-only rule is untouched.
 * - tasks.completed_on (the completion date the user states, not only "today"),
 *   tasks.status_changed_at (when the latest transition took effect: a back-dated one may not go
 *   before it) and tasks.entered_later (the task holds back-dated entries).
 * - milestones.done_entered_later and reports.entered_later: the same flag where it is shown.
 * - report_returns: every return of a report with when it happened, so a year's dashboard counts
 *   the returns of that year (the RETURNED state only says what is waiting now). Filled from the
 *   history for returns made before.
 * - consultations linked to a task count in the task's year.
 */
export class PastPeriods1796190000000 implements MigrationInterface {
  name = 'PastPeriods1796190000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "history" ADD COLUMN "effective_at" timestamptz, ADD COLUMN "late_entry_reason" text`,
    );
    await q.query(`ALTER TABLE "tasks"
      ADD COLUMN "completed_on" date,
      ADD COLUMN "status_changed_at" timestamptz,
      ADD COLUMN "entered_later" boolean NOT NULL DEFAULT false`);
    await q.query(`
      UPDATE "tasks" t SET "status_changed_at" = h.at
        FROM (SELECT record_id, max(occurred_at) AS at FROM "history"
               WHERE record_type = 'task' AND action <> 'create' AND changes ? 'status'
               GROUP BY record_id) h
       WHERE h.record_id = t.id::text`);
    await q.query(`
      UPDATE "tasks" t SET "completed_on" = COALESCE(
          (SELECT (max(h.occurred_at) AT TIME ZONE 'Asia/Seoul')::date FROM "history" h
            WHERE h.record_type = 'task' AND h.record_id = t.id::text AND h.action = 'complete'),
          (t.updated_at AT TIME ZONE 'Asia/Seoul')::date)
       WHERE t.status = 'COMPLETED'`);
    await q.query(`ALTER TABLE "tasks" ADD CONSTRAINT "CHK_tasks_completed_on"
      CHECK (("status" = 'COMPLETED') = ("completed_on" IS NOT NULL))`);
    await q.query(
      `ALTER TABLE "milestones" ADD COLUMN "done_entered_later" boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `ALTER TABLE "reports" ADD COLUMN "entered_later" boolean NOT NULL DEFAULT false`,
    );
    await q.query(`
      CREATE TABLE "report_returns" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id"),
        "report_id" uuid NOT NULL REFERENCES "reports" ("id") ON DELETE CASCADE,
        "returned_at" timestamptz NOT NULL,
        "entered_later" boolean NOT NULL DEFAULT false
      )`);
    await q.query(
      `CREATE INDEX "IDX_report_returns_org_time" ON "report_returns" ("organisation_id", "returned_at")`,
    );
    await q.query(`CREATE INDEX "IDX_report_returns_report" ON "report_returns" ("report_id")`);
    await q.query(`
      INSERT INTO "report_returns" (organisation_id, report_id, returned_at)
      SELECT r.organisation_id, r.id, h.occurred_at
        FROM "history" h JOIN "reports" r ON r.id::text = h.record_id
       WHERE h.record_type = 'report' AND h.action = 'return'
       ORDER BY h.id`);
    await q.query(`
      UPDATE "consultations" c SET "year" = t.year
        FROM "tasks" t WHERE t.id = c.task_id AND c.year <> t.year`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "report_returns"`);
    await q.query(`ALTER TABLE "reports" DROP COLUMN "entered_later"`);
    await q.query(`ALTER TABLE "milestones" DROP COLUMN "done_entered_later"`);
    await q.query(`ALTER TABLE "tasks" DROP CONSTRAINT "CHK_tasks_completed_on"`);
    await q.query(`ALTER TABLE "tasks"
      DROP COLUMN "entered_later", DROP COLUMN "status_changed_at", DROP COLUMN "completed_on"`);
    await q.query(
      `ALTER TABLE "history" DROP COLUMN "late_entry_reason", DROP COLUMN "effective_at"`,
    );
  }
}
