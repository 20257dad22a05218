import { MigrationInterface, QueryRunner } from 'typeorm';

export class Dashboards1795341118706 implements MigrationInterface {
  name = 'Dashboards1795341118706';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "dashboard_snapshots" (
                "organisation_id" uuid NOT NULL,
                "year" smallint NOT NULL,
                "compiled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "high_water_mark" bigint NOT NULL,
                "as_of" date NOT NULL,
                "duration_ms" integer NOT NULL,
                "data" jsonb NOT NULL,
                CONSTRAINT "PK_b7d225416457f2a52068e38cfc0" PRIMARY KEY ("organisation_id", "year")
            )
        `);
    await queryRunner.query(
      `ALTER TABLE "dashboard_snapshots" ADD CONSTRAINT "FK_dashboard_snapshots_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dashboard_snapshots" DROP CONSTRAINT "FK_dashboard_snapshots_organisation"`,
    );
    await queryRunner.query(`
            DROP TABLE "dashboard_snapshots"
        `);
  }
}
