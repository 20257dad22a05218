import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 협업SOS (DOMAIN.md §9, issue 21 item 5): a difficulty filed on a collaboration task by one of its
 * participants or its coordinator: what is blocked, the organisation blocking it (a participant or
 * the coordinator, optional), what is needed and the answer deadline (business days, the
 * coordinator's setting `collaboration.sosAnswerBusinessDays`); its answer, resolution or closing,
 * and when the overdue SOS was first escalated to the coordinator's proactive office head. A
 * 협업정원 request (kind STAFF) keeps its own fields and the coordinator's decision in
 * `collaboration_staff_requests` (one row per SOS of that kind).
 */
export class CollaborationSos1796270000000 implements MigrationInterface {
  name = 'CollaborationSos1796270000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "collaboration_sos" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "collaboration_id" uuid NOT NULL REFERENCES "collaboration_tasks" ("id") ON DELETE CASCADE,
        "filed_by" uuid NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
        "filed_by_organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "blocked" text NOT NULL,
        "blocking_organisation_id" uuid REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "need_kind" character varying(20) NOT NULL,
        "details" text NOT NULL DEFAULT '',
        "status" character varying(10) NOT NULL DEFAULT 'OPEN',
        "filed_at" timestamptz NOT NULL DEFAULT now(),
        "filed_on" date NOT NULL,
        "answer_business_days" integer NOT NULL,
        "due_date" date NOT NULL,
        "answer" text,
        "answered_at" timestamptz,
        "answered_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "answered_by_organisation_id" uuid REFERENCES "organisations" ("id") ON DELETE SET NULL,
        "resolved_at" timestamptz,
        "resolved_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "resolution_note" text,
        "closed_at" timestamptz,
        "closed_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "close_reason" text,
        "reopened_count" integer NOT NULL DEFAULT 0,
        "escalated_at" timestamptz,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_collaboration_sos_kind"
          CHECK ("need_kind" IN ('RULE_INTERPRETATION', 'DECISION', 'BUDGET', 'STAFF', 'OTHER')),
        CONSTRAINT "CHK_collaboration_sos_status"
          CHECK ("status" IN ('OPEN', 'ANSWERED', 'RESOLVED', 'CLOSED')),
        CONSTRAINT "CHK_collaboration_sos_answered"
          CHECK ("status" NOT IN ('ANSWERED') OR "answered_at" IS NOT NULL)
      )`);
    // The task's SOS list, the coordinator's open-SOS figures and the reminder runs.
    await q.query(
      `CREATE INDEX "IDX_collaboration_sos_collaboration" ON "collaboration_sos" ("collaboration_id", "status")`,
    );
    await q.query(
      `CREATE INDEX "IDX_collaboration_sos_open_blocking" ON "collaboration_sos" ("blocking_organisation_id", "due_date") WHERE "status" = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX "IDX_collaboration_sos_open_due" ON "collaboration_sos" ("due_date") WHERE "status" = 'OPEN'`,
    );
    await q.query(`
      CREATE TABLE "collaboration_staff_requests" (
        "sos_id" uuid NOT NULL PRIMARY KEY REFERENCES "collaboration_sos" ("id") ON DELETE CASCADE,
        "staff_count" integer NOT NULL,
        "grade" character varying(50) NOT NULL,
        "months" integer,
        "until_date" date,
        "reason" text NOT NULL,
        "decision" character varying(16),
        "approved_count" integer,
        "decision_reason" text,
        "decided_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "decided_at" timestamptz,
        CONSTRAINT "CHK_collaboration_staff_requests_count" CHECK ("staff_count" BETWEEN 1 AND 1000),
        CONSTRAINT "CHK_collaboration_staff_requests_term"
          CHECK (("months" IS NULL) <> ("until_date" IS NULL)),
        CONSTRAINT "CHK_collaboration_staff_requests_decision"
          CHECK ("decision" IS NULL OR "decision" IN ('APPROVED', 'PARTLY_APPROVED', 'REJECTED')),
        CONSTRAINT "CHK_collaboration_staff_requests_decided"
          CHECK (("decision" IS NULL) = ("decided_at" IS NULL)
             AND ("decision" IS NULL OR ("approved_count" IS NOT NULL AND "approved_count" BETWEEN 0 AND "staff_count")))
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "collaboration_staff_requests"`);
    await q.query(`DROP TABLE "collaboration_sos"`);
  }
}
