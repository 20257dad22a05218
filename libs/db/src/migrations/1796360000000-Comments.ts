import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: comments on tasks, reports, pre-consultations and collaboration tasks, threaded one
 * level (a reply answers a top-level comment), with the people they mention. Read and written by
 * whoever may read the record; the author edits or deletes within comments.editMinutes. A deleted
 * comment keeps its row (its replies stay in place) with the text gone; the history keeps what it
 * said. The record's title is kept as it was when commented, for the notification of a mention.
 */
export class Comments1796360000000 implements MigrationInterface {
  name = 'Comments1796360000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "comments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
        "record_type" character varying(20) NOT NULL,
        "record_id" uuid NOT NULL,
        "record_title" character varying(300) NOT NULL,
        "parent_id" uuid REFERENCES "comments" ("id") ON DELETE RESTRICT,
        "author_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "body" text NOT NULL,
        "mention_ids" uuid[] NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "edited_at" timestamptz,
        "deleted_at" timestamptz,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "CHK_comments_record_type"
          CHECK ("record_type" IN ('task', 'report', 'consultation', 'collaboration')),
        CONSTRAINT "CHK_comments_body" CHECK (char_length("body") <= 4000)
      )`);
    await q.query(
      `CREATE INDEX "IDX_comments_record" ON "comments" ("record_type", "record_id", "created_at")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "comments"`);
  }
}
