import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 접속기록 (개인정보의 안전성 확보조치 기준 제8조) and password changes (issue 18):
 * - access_log records sign-ins, failed sign-ins, sign-outs, refresh-token reuse and password
 *   changes besides reads: the account (normalised e-mail, also for an unknown one, which has no
 *   user id), the user agent and the result. The columns are added to the partitioned table (and so
 *   to every partition); existing entries keep NULL there, which their hashes never covered.
 *   Adding columns fires no UPDATE trigger: the append-only rule is untouched.
 * - users.password_change_required: set by an administrator's reset and for the first
 *   administrator; until the user changes the password, only /me, the change and sign-out work.
 */
export class SignInRecords1796180300000 implements MigrationInterface {
  name = 'SignInRecords1796180300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "access_log" ALTER COLUMN "user_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "access_log"
      ADD COLUMN "account" varchar(254),
      ADD COLUMN "user_agent" varchar(512),
      ADD COLUMN "result" varchar(10),
      ADD CONSTRAINT "CHK_access_log_result" CHECK ("result" IN ('SUCCESS', 'FAILURE')),
      ADD CONSTRAINT "CHK_access_log_who" CHECK ("user_id" IS NOT NULL OR "account" IS NOT NULL)`);
    await q.query(
      `CREATE INDEX "IDX_access_log_org_action" ON "access_log" ("organisation_id", "action", "id")`,
    );
    await q.query(
      `CREATE INDEX "IDX_access_log_account" ON "access_log" ("account", "id") WHERE "account" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "users" ADD COLUMN "password_change_required" boolean NOT NULL DEFAULT false`,
    );
    await q.query(`ALTER TABLE "users" ADD COLUMN "password_changed_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "password_changed_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "password_change_required"`);
    await q.query(`DROP INDEX "IDX_access_log_account"`);
    await q.query(`DROP INDEX "IDX_access_log_org_action"`);
    // Entries of unknown accounts have no user: the column stays nullable rather than lose them.
    await q.query(`ALTER TABLE "access_log"
      DROP CONSTRAINT "CHK_access_log_who",
      DROP CONSTRAINT "CHK_access_log_result",
      DROP COLUMN "result",
      DROP COLUMN "user_agent",
      DROP COLUMN "account"`);
  }
}
