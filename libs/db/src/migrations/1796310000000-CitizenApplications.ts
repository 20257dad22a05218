import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 적극행정 국민신청 (DOMAIN.md §9, issue 22 part 3): a citizen's application registered by the
 * proactive office (received at the office or entered from the 국민신문고 record) with its number
 * (unique per organisation), channel, receipt date, the applicant's name and contact (personal
 * data: read only by the office and the assigned department, every read access-logged), content
 * and the rule or practice it challenges; the department it is assigned to, the 처리기한 (business
 * days after receipt, the setting `citizenApplications.processingBusinessDays`, kept with the row),
 * the department's review notes, the committee's opinion where asked, the decision (수용/불수용
 * with reasons) and the reply to the applicant, with the claim of the reply e-mail (sent once to
 * the applicant's address through the notifications' direct e-mail port).
 */
export class CitizenApplications1796310000000 implements MigrationInterface {
  name = 'CitizenApplications1796310000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "citizen_applications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "application_number" character varying(50) NOT NULL,
        "channel" character varying(10) NOT NULL,
        "received_on" date NOT NULL,
        "applicant_name" character varying(100) NOT NULL,
        "applicant_phone" character varying(30),
        "applicant_email" character varying(254),
        "content" text NOT NULL,
        "challenged_rule" text NOT NULL,
        "status" character varying(30) NOT NULL DEFAULT 'RECEIVED',
        "processing_business_days" integer NOT NULL,
        "due_date" date NOT NULL,
        "department_id" uuid REFERENCES "departments" ("id") ON DELETE RESTRICT,
        "assigned_at" timestamptz,
        "assigned_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "reassigned_count" integer NOT NULL DEFAULT 0,
        "review_started_at" timestamptz,
        "review_notes" text,
        "opinion_requested_on" date,
        "opinion_request_note" text,
        "opinion_on" date,
        "opinion" text,
        "decision" character varying(10),
        "decision_reasons" text,
        "decided_on" date,
        "decided_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "replied_on" date,
        "reply_method" character varying(12),
        "reply_text" text,
        "replied_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "reply_email_status" character varying(10),
        "reply_email_attempts" integer NOT NULL DEFAULT 0,
        "reply_email_claimed_at" timestamptz,
        "reply_email_sent_at" timestamptz,
        "reply_email_message_id" character varying(200),
        "reply_email_error" text,
        "registered_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_citizen_applications_number" UNIQUE ("organisation_id", "application_number"),
        CONSTRAINT "CHK_citizen_applications_channel" CHECK ("channel" IN ('OFFICE', 'EPEOPLE')),
        CONSTRAINT "CHK_citizen_applications_status" CHECK ("status" IN
          ('RECEIVED', 'ASSIGNED', 'UNDER_REVIEW', 'COMMITTEE_OPINION_REQUESTED', 'DECIDED', 'REPLIED')),
        CONSTRAINT "CHK_citizen_applications_contact"
          CHECK ("applicant_phone" IS NOT NULL OR "applicant_email" IS NOT NULL),
        CONSTRAINT "CHK_citizen_applications_assigned"
          CHECK ("status" = 'RECEIVED' OR "department_id" IS NOT NULL),
        CONSTRAINT "CHK_citizen_applications_decision"
          CHECK ("decision" IS NULL OR ("decision" IN ('ACCEPTED', 'REJECTED')
                 AND "decision_reasons" IS NOT NULL AND "decided_on" >= "received_on")),
        CONSTRAINT "CHK_citizen_applications_decided"
          CHECK ("status" NOT IN ('DECIDED', 'REPLIED') OR "decision" IS NOT NULL),
        CONSTRAINT "CHK_citizen_applications_replied"
          CHECK ("status" <> 'REPLIED' OR ("replied_on" IS NOT NULL AND "replied_on" >= "decided_on")),
        CONSTRAINT "CHK_citizen_applications_reply_email"
          CHECK ("reply_email_status" IS NULL OR "reply_email_status" IN ('PENDING', 'SENDING', 'SENT', 'FAILED'))
      )`);
    // The office's list of a year, a department's list, and the reminder runs (open ones by due date).
    await q.query(
      `CREATE INDEX "IDX_citizen_applications_received" ON "citizen_applications" ("organisation_id", "received_on")`,
    );
    await q.query(
      `CREATE INDEX "IDX_citizen_applications_department" ON "citizen_applications" ("department_id", "status")`,
    );
    await q.query(
      `CREATE INDEX "IDX_citizen_applications_open_due" ON "citizen_applications" ("organisation_id", "due_date") WHERE "status" <> 'REPLIED'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "citizen_applications"`);
  }
}
