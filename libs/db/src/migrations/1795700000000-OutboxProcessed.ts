import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox row is done when its job was processed, not when it was enqueued (issue 16): Redis
 * keeps nothing across a restart without persistence, so a row enqueued but never processed is
 * relayed again after a while.
 */
export class OutboxProcessed1795700000000 implements MigrationInterface {
  name = 'OutboxProcessed1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "outbox" ADD "processed_at" TIMESTAMP WITH TIME ZONE, ADD "relays" integer NOT NULL DEFAULT 0`,
    );
    // Rows relayed before this change were handed to their jobs: count them as processed.
    await queryRunner.query(
      `UPDATE "outbox" SET "processed_at" = "relayed_at", "relays" = 1 WHERE "relayed_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_unprocessed" ON "outbox" ("id") WHERE "processed_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_outbox_unprocessed"`);
    await queryRunner.query(
      `ALTER TABLE "outbox" DROP COLUMN "relays", DROP COLUMN "processed_at"`,
    );
  }
}
