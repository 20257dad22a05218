import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 의견제시 (DOMAIN.md §9): an official's request for the audit office's opinion on a priority task,
 * due in `opinionRequests.answerDays` calendar days after receipt, extendable once.
 */
export class OpinionRequests1796230100000 implements MigrationInterface {
  name = 'OpinionRequests1796230100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "opinion_requests" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id"),
        "task_id" uuid NOT NULL REFERENCES "tasks" ("id"),
        "requester_id" uuid NOT NULL REFERENCES "users" ("id"),
        "requester_department_id" uuid NOT NULL REFERENCES "departments" ("id"),
        "question" text NOT NULL,
        "background" text NOT NULL DEFAULT '',
        "status" character varying(12) NOT NULL DEFAULT 'SUBMITTED',
        "received_at" timestamptz NOT NULL,
        "received_on" date NOT NULL,
        "answer_days" smallint NOT NULL,
        "due_date" date NOT NULL,
        "extension_days" smallint,
        "extension_reason" text,
        "extended_at" timestamptz,
        "extended_by" uuid REFERENCES "users" ("id"),
        "referred_at" timestamptz,
        "referred_by" uuid REFERENCES "users" ("id"),
        "referral_note" text,
        "committee_outcome" jsonb,
        "answer" text,
        "answer_source" character varying(10),
        "answered_at" timestamptz,
        "answered_by" uuid REFERENCES "users" ("id"),
        "withdrawn_at" timestamptz,
        "withdrawal_reason" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_opinion_requests_status"
          CHECK ("status" IN ('SUBMITTED', 'EXTENDED', 'REFERRED', 'ANSWERED', 'WITHDRAWN')),
        CONSTRAINT "CHK_opinion_requests_answer_source"
          CHECK ("answer_source" IS NULL OR "answer_source" IN ('AUDIT', 'COMMITTEE')),
        CONSTRAINT "CHK_opinion_requests_answered"
          CHECK (("status" = 'ANSWERED') = ("answer" IS NOT NULL AND "answered_at" IS NOT NULL)),
        CONSTRAINT "CHK_opinion_requests_extension"
          CHECK (("extension_days" IS NULL) = ("extended_at" IS NULL) AND ("extension_days" IS NULL OR "extension_days" > 0)),
        CONSTRAINT "CHK_opinion_requests_due"
          CHECK ("due_date" = "received_on" + "answer_days" + COALESCE("extension_days", 0))
      )`);
    await q.query(
      `CREATE INDEX "IDX_opinion_requests_org_status_due" ON "opinion_requests" ("organisation_id", "status", "due_date")`,
    );
    await q.query(
      `CREATE INDEX "IDX_opinion_requests_requester" ON "opinion_requests" ("requester_id")`,
    );
    await q.query(`CREATE INDEX "IDX_opinion_requests_task" ON "opinion_requests" ("task_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "opinion_requests"`);
  }
}
