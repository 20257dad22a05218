import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 적극행정위원회 as a standing committee (issue 20, part A; DOMAIN.md §9): members with terms,
 * meetings (대면 or 서면 심의 with its ground), attendance, agenda items that point at what they
 * decide, 기피·회피 per item (제척 is computed from the subject's interested parties, never stored
 * apart from the resolution's record), votes and the resolution. Evaluation rounds record the agenda
 * item that approved their criteria, and a round's resolution the item that confirmed it.
 */
export class Committee1796220000000 implements MigrationInterface {
  name = 'Committee1796220000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "committee_members" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "term_start" date NOT NULL,
        "term_end" date,
        "chair" boolean NOT NULL DEFAULT false,
        "civilian" boolean NOT NULL DEFAULT false,
        "affiliation" character varying(200) NOT NULL DEFAULT '',
        "created_by" uuid,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_committee_members" PRIMARY KEY ("id"),
        CONSTRAINT "FK_committee_members_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_committee_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_committee_members_created" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_committee_members_term" CHECK ("term_end" IS NULL OR "term_end" >= "term_start")
      )`);
    await q.query(
      `CREATE INDEX "IDX_committee_members_organisation_term" ON "committee_members" ("organisation_id", "term_start", "term_end")`,
    );
    await q.query(`CREATE INDEX "IDX_committee_members_user" ON "committee_members" ("user_id")`);

    await q.query(`
      CREATE TABLE "committee_meetings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid NOT NULL,
        "title" character varying(200) NOT NULL,
        "meeting_date" date NOT NULL,
        "kind" character varying(10) NOT NULL,
        "written_ground" character varying(20),
        "written_reason" text,
        "status" character varying(10) NOT NULL DEFAULT 'SCHEDULED',
        "composition_warnings" jsonb NOT NULL DEFAULT '[]',
        "sitting_member_ids" uuid[] NOT NULL DEFAULT '{}',
        "created_by" uuid,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_committee_meetings" PRIMARY KEY ("id"),
        CONSTRAINT "FK_committee_meetings_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_committee_meetings_created" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_committee_meetings_kind" CHECK ("kind" IN ('IN_PERSON', 'WRITTEN')),
        CONSTRAINT "CHK_committee_meetings_status" CHECK ("status" IN ('SCHEDULED', 'HELD', 'CLOSED')),
        CONSTRAINT "CHK_committee_meetings_ground" CHECK (
          ("kind" = 'WRITTEN') = ("written_ground" IS NOT NULL)
          AND ("written_ground" IS NULL OR "written_ground" IN ('URGENT', 'MINOR', 'UNAVOIDABLE'))
          AND ("kind" = 'IN_PERSON' OR length(btrim(coalesce("written_reason", ''))) > 0))
      )`);
    await q.query(
      `CREATE INDEX "IDX_committee_meetings_organisation_date" ON "committee_meetings" ("organisation_id", "meeting_date" DESC, "id")`,
    );

    await q.query(`
      CREATE TABLE "committee_attendance" (
        "meeting_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_committee_attendance" PRIMARY KEY ("meeting_id", "user_id"),
        CONSTRAINT "FK_committee_attendance_meeting" FOREIGN KEY ("meeting_id") REFERENCES "committee_meetings"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_committee_attendance_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT
      )`);

    await q.query(`
      CREATE TABLE "committee_agenda_items" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid NOT NULL,
        "meeting_id" uuid NOT NULL,
        "seq" smallint NOT NULL,
        "subject_kind" character varying(24) NOT NULL,
        "subject_id" uuid,
        "title" character varying(300) NOT NULL,
        "interested_parties" jsonb NOT NULL DEFAULT '[]',
        "status" character varying(10) NOT NULL DEFAULT 'OPEN',
        "outcome" character varying(10),
        "decision" text,
        "members_count" smallint,
        "present_member_ids" uuid[],
        "excluded" jsonb,
        "votes_for" smallint,
        "votes_against" smallint,
        "votes_abstain" smallint,
        "decided_by" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "created_by" uuid,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_committee_agenda_items" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_committee_agenda_items_seq" UNIQUE ("meeting_id", "seq"),
        CONSTRAINT "FK_committee_agenda_items_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_committee_agenda_items_meeting" FOREIGN KEY ("meeting_id") REFERENCES "committee_meetings"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_committee_agenda_items_decided" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_committee_agenda_items_created" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_committee_agenda_items_kind" CHECK ("subject_kind" IN ('EVALUATION_CRITERIA', 'EVALUATION_RESULTS', 'CONSULTATION_ADVICE', 'OPINION_REQUEST', 'CONTEST_RESULTS', 'OTHER')),
        CONSTRAINT "CHK_committee_agenda_items_subject" CHECK (("subject_kind" = 'OTHER') = ("subject_id" IS NULL)),
        CONSTRAINT "CHK_committee_agenda_items_status" CHECK ("status" IN ('OPEN', 'DECIDED', 'WITHDRAWN')),
        CONSTRAINT "CHK_committee_agenda_items_outcome" CHECK (("status" = 'DECIDED') = ("outcome" IS NOT NULL) AND ("outcome" IS NULL OR "outcome" IN ('PASSED', 'REJECTED')))
      )`);
    await q.query(
      `CREATE INDEX "IDX_committee_agenda_items_subject" ON "committee_agenda_items" ("subject_kind", "subject_id")`,
    );
    await q.query(
      `CREATE INDEX "IDX_committee_agenda_items_organisation" ON "committee_agenda_items" ("organisation_id")`,
    );

    await q.query(`
      CREATE TABLE "committee_exclusions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agenda_item_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "kind" character varying(10) NOT NULL,
        "reason" text NOT NULL,
        "status" character varying(10) NOT NULL,
        "requested_by" uuid NOT NULL,
        "decided_by" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "decision_note" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_committee_exclusions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_committee_exclusions_item" FOREIGN KEY ("agenda_item_id") REFERENCES "committee_agenda_items"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_committee_exclusions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_committee_exclusions_requested" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_committee_exclusions_decided" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "CHK_committee_exclusions_kind" CHECK ("kind" IN ('CHALLENGE', 'RECUSAL')),
        CONSTRAINT "CHK_committee_exclusions_status" CHECK ("status" IN ('REQUESTED', 'ACCEPTED', 'REJECTED'))
      )`);
    // One pending or accepted exclusion of a kind per member and item (a rejected 기피 may be asked again).
    await q.query(
      `CREATE UNIQUE INDEX "UQ_committee_exclusions_live" ON "committee_exclusions" ("agenda_item_id", "user_id", "kind") WHERE "status" <> 'REJECTED'`,
    );

    await q.query(`
      CREATE TABLE "committee_votes" (
        "agenda_item_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "vote" character varying(8) NOT NULL,
        "recorded_by" uuid NOT NULL,
        "cast_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_committee_votes" PRIMARY KEY ("agenda_item_id", "user_id"),
        CONSTRAINT "FK_committee_votes_item" FOREIGN KEY ("agenda_item_id") REFERENCES "committee_agenda_items"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_committee_votes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_committee_votes_recorded" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "CHK_committee_votes_vote" CHECK ("vote" IN ('FOR', 'AGAINST', 'ABSTAIN'))
      )`);

    await q.query(`
      ALTER TABLE "evaluation_rounds"
        ADD COLUMN "criteria_approved_item_id" uuid,
        ADD CONSTRAINT "FK_evaluation_rounds_criteria_approved_item" FOREIGN KEY ("criteria_approved_item_id") REFERENCES "committee_agenda_items"("id") ON DELETE RESTRICT`);
    await q.query(`
      ALTER TABLE "evaluation_resolutions"
        ADD COLUMN "agenda_item_id" uuid,
        ADD CONSTRAINT "FK_evaluation_resolutions_agenda_item" FOREIGN KEY ("agenda_item_id") REFERENCES "committee_agenda_items"("id") ON DELETE RESTRICT`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "evaluation_resolutions" DROP COLUMN "agenda_item_id"`);
    await q.query(`ALTER TABLE "evaluation_rounds" DROP COLUMN "criteria_approved_item_id"`);
    await q.query(`DROP TABLE "committee_votes"`);
    await q.query(`DROP TABLE "committee_exclusions"`);
    await q.query(`DROP TABLE "committee_agenda_items"`);
    await q.query(`DROP TABLE "committee_attendance"`);
    await q.query(`DROP TABLE "committee_meetings"`);
    await q.query(`DROP TABLE "committee_members"`);
  }
}
