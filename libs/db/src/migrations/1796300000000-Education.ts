import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 적극행정 education (DOMAIN.md §9, issue 22 part 2): sessions of an organisation (title, kind such
 * as 전 직원 교육 or 리더십 과정, date, hours in half hours up to 40, online or offline, place and
 * notes), kept by the proactive office, and the attendance of its users (hours attended, at most
 * the session's), entered by the office or imported from a roster file. Completion per user and
 * year is computed from the attendance against the setting `education.requiredHoursPerYear`.
 */
export class Education1796300000000 implements MigrationInterface {
  name = 'Education1796300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "education_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "title" character varying(200) NOT NULL,
        "kind" character varying(20) NOT NULL,
        "session_date" date NOT NULL,
        "hours" numeric(4,1) NOT NULL,
        "delivery" character varying(10) NOT NULL,
        "place" character varying(200) NOT NULL DEFAULT '',
        "notes" text NOT NULL DEFAULT '',
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_education_sessions_kind"
          CHECK ("kind" IN ('ALL_STAFF', 'LEADERSHIP', 'NEW_STAFF', 'OTHER')),
        CONSTRAINT "CHK_education_sessions_delivery" CHECK ("delivery" IN ('ONLINE', 'OFFLINE')),
        CONSTRAINT "CHK_education_sessions_hours"
          CHECK ("hours" > 0 AND "hours" <= 40 AND "hours" * 2 = trunc("hours" * 2))
      )`);
    // The organisation's sessions of a year (lists, completion, the dashboard, the annual report).
    await q.query(
      `CREATE INDEX "IDX_education_sessions_org_date" ON "education_sessions" ("organisation_id", "session_date")`,
    );
    await q.query(`
      CREATE TABLE "education_attendances" (
        "session_id" uuid NOT NULL REFERENCES "education_sessions" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
        "hours" numeric(4,1) NOT NULL,
        "source" character varying(10) NOT NULL,
        "recorded_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("session_id", "user_id"),
        CONSTRAINT "CHK_education_attendances_source" CHECK ("source" IN ('ENTERED', 'ROSTER')),
        CONSTRAINT "CHK_education_attendances_hours"
          CHECK ("hours" > 0 AND "hours" <= 40 AND "hours" * 2 = trunc("hours" * 2))
      )`);
    // A user's hours of a year (completion, reminders).
    await q.query(
      `CREATE INDEX "IDX_education_attendances_user" ON "education_attendances" ("user_id")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "education_attendances"`);
    await q.query(`DROP TABLE "education_sessions"`);
  }
}
