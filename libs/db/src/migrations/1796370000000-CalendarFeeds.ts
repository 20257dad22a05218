import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: a person's deadlines as an iCal feed calendar applications subscribe to. The feed's
 * URL carries a secret of its own (not a session): only its SHA-256 is kept, one per person; making
 * a new one replaces it and revoking deletes it, so an old URL stops working at once.
 */
export class CalendarFeeds1796370000000 implements MigrationInterface {
  name = 'CalendarFeeds1796370000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "calendar_feeds" (
        "user_id" uuid NOT NULL PRIMARY KEY REFERENCES "users" ("id") ON DELETE CASCADE,
        "token_hash" character(64) NOT NULL UNIQUE,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_read_at" timestamptz
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "calendar_feeds"`);
  }
}
