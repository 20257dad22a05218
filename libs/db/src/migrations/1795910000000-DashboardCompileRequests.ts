import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compile requests as handles (issue 17): `POST /dashboards/compile` answers the request it
 * recorded, `GET /dashboards/compiles/{id}` its state (QUEUED, RUNNING, DONE, FAILED) with the
 * snapshot it produced. One QUEUED request per organisation-year (a partial unique index), so
 * asking again while one waits answers that one.
 */
export class DashboardCompileRequests1795910000000 implements MigrationInterface {
  name = 'DashboardCompileRequests1795910000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dashboard_compile_requests" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "organisation_id" uuid NOT NULL,
      "year" smallint NOT NULL,
      "requested_by" uuid,
      "state" character varying(10) NOT NULL DEFAULT 'QUEUED',
      "attempts" integer NOT NULL DEFAULT 0,
      "error" text,
      "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "started_at" TIMESTAMP WITH TIME ZONE,
      "finished_at" TIMESTAMP WITH TIME ZONE,
      "compiled_at" TIMESTAMP WITH TIME ZONE,
      "as_of" date,
      "high_water_mark" bigint,
      "duration_ms" integer,
      "data" jsonb,
      CONSTRAINT "CHK_dashboard_compile_requests_state" CHECK ("state" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
      CONSTRAINT "PK_dashboard_compile_requests" PRIMARY KEY ("id"),
      CONSTRAINT "FK_dashboard_compile_requests_organisation" FOREIGN KEY ("organisation_id")
        REFERENCES "organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_dashboard_compile_requests_requested_by" FOREIGN KEY ("requested_by")
        REFERENCES "users"("id") ON DELETE SET NULL
    )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_dashboard_compile_requests_queued" ON "dashboard_compile_requests" ("organisation_id", "year") WHERE "state" = 'QUEUED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_dashboard_compile_requests_org" ON "dashboard_compile_requests" ("organisation_id", "requested_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dashboard_compile_requests"`);
  }
}
