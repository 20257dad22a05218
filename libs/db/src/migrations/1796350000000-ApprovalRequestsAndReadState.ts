import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: the staff → head hand-off (결재 요청) and the notification centre.
 * - A report's pending approval request: who asked the lead department's head to submit it, when,
 *   with an optional note; cleared when it is submitted or the request is withdrawn. The count
 *   makes each request its own notification (rule report.approval#n).
 * - A notification's read state (the header's unread badge counts rows with no read_at); those
 *   older than a week when this runs are taken as read (their e-mails told people then).
 */
export class ApprovalRequestsAndReadState1796350000000 implements MigrationInterface {
  name = 'ApprovalRequestsAndReadState1796350000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "reports"
        ADD COLUMN "approval_requested_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        ADD COLUMN "approval_requested_at" timestamptz,
        ADD COLUMN "approval_request_note" character varying(500),
        ADD COLUMN "approval_request_count" integer NOT NULL DEFAULT 0`);
    await q.query(
      `CREATE INDEX "IDX_reports_approval_requested" ON "reports" ("organisation_id") WHERE "approval_requested_at" IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "notifications" ADD COLUMN "read_at" timestamptz`);
    // Before the centre existed people were told by e-mail: only the last week's count as new.
    await q.query(
      `UPDATE "notifications" SET "read_at" = now() WHERE "created_at" < now() - interval '7 days'`,
    );
    await q.query(
      `CREATE INDEX "IDX_notifications_unread" ON "notifications" ("recipient_id") WHERE "read_at" IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_notifications_unread"`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "read_at"`);
    await q.query(`DROP INDEX "IDX_reports_approval_requested"`);
    await q.query(`
      ALTER TABLE "reports"
        DROP COLUMN "approval_requested_by", DROP COLUMN "approval_requested_at",
        DROP COLUMN "approval_request_note", DROP COLUMN "approval_request_count"`);
  }
}
