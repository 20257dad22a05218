import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795328734832 implements MigrationInterface {
  name = 'Initial1795328734832';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "access_log" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "action" character varying(20) NOT NULL, "record_type" character varying(50) NOT NULL, "record_id" character varying(100), "filter" jsonb, "reason" text, "request_id" character varying(64), "ip" character varying(64), CONSTRAINT "PK_bd09621fb73b42d9e32b85ae41f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_02e6ef6203a157db73058a737c" ON "access_log"  ("user_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cab8f6462f672dca9daa8ddb00" ON "access_log"  ("organisation_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."organisation_kind" AS ENUM('CENTRAL_AGENCY', 'METROPOLITAN', 'LOCAL', 'EDUCATION_OFFICE', 'PUBLIC_INSTITUTION')`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" "public"."organisation_kind" NOT NULL, "parent_id" uuid, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "settings_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_41f1cc89689b55aede50d36d0c" ON "organisations"  ("parent_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."department_kind" AS ENUM('DIVISION', 'OFFICER', 'DONG', 'HEALTH_CENTER', 'TEAM')`,
    );
    await queryRunner.query(
      `CREATE TABLE "departments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "kind" "public"."department_kind" NOT NULL, "head_user_id" uuid, "is_audit_unit" boolean NOT NULL DEFAULT false, "is_proactive_office" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_839517a681a86bb84cbcc6a1e9d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_01cdf8cc5eac9e0223a33e04b1" ON "departments"  ("organisation_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation_settings" ("organisation_id" uuid NOT NULL, "key" character varying(100) NOT NULL, "value" jsonb NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_af8c72f7a938d3afc0b7999f601" PRIMARY KEY ("organisation_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "history" ("id" BIGSERIAL NOT NULL, "organisation_id" uuid NOT NULL, "seq" bigint NOT NULL, "record_type" character varying(50) NOT NULL, "record_id" character varying(100) NOT NULL, "action" character varying(50) NOT NULL, "actor_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "changes" jsonb NOT NULL DEFAULT '{}', "reason" text, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_9384942edf4804b38ca0ee51416" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_db8a8b2cdf672af64d8dd6017d" ON "history"  ("record_type", "record_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_91958927185b29a880654e08c3" ON "history"  ("organisation_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."user_role" AS ENUM('STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE', 'COMMITTEE', 'ADMIN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "department_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "email" character varying(254) NOT NULL, "grade" character varying(50) NOT NULL DEFAULT '', "roles" "public"."user_role" array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, "language" character varying(2) NOT NULL DEFAULT 'ko', "password_hash" character varying(255) NOT NULL, "failed_login_count" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "deactivated_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users"  ("email") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_44dca4b9014db24b9bee45e20e" ON "users"  ("organisation_id", "department_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoke_reason" character varying(40), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_50ccaa6440288a06f0ba693ccc" ON "auth_sessions"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3bf308fa93da3966f9e76fcfba" ON "refresh_tokens"  ("session_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a7838d2ba25be1342091b6695f" ON "refresh_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "departments" ADD CONSTRAINT "FK_456ff387e276c0d6fc89be46664" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_settings" ADD CONSTRAINT "FK_d9215c8f7eb10e8d5e17dc1e80b" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_0921d1972cf861d568f5271cd85" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_50ccaa6440288a06f0ba693ccc6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4" FOREIGN KEY ("session_id") REFERENCES "auth_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Added by hand after generation: links kept out of TypeORM relations on purpose, rules the
    // entity decorators cannot express, and the append-only guarantee of history and access log.
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "FK_organisations_parent" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "departments" ADD CONSTRAINT "FK_departments_head_user" FOREIGN KEY ("head_user_id") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "history" ADD CONSTRAINT "FK_history_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "access_log" ADD CONSTRAINT "FK_access_log_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "access_log" ADD CONSTRAINT "FK_access_log_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "CHK_users_email_lower" CHECK ("email" = lower("email"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "history" ADD CONSTRAINT "CHK_history_seq_positive" CHECK ("seq" > 0)`,
    );
    await queryRunner.query(`CREATE FUNCTION "reject_modification"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
            END $$`);
    for (const table of ['history', 'access_log']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "reject_modification"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "reject_modification"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['history', 'access_log']) {
      await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "${table}_append_only" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "reject_modification"()`);
    await queryRunner.query(`ALTER TABLE "history" DROP CONSTRAINT "CHK_history_seq_positive"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_email_lower"`);
    await queryRunner.query(`ALTER TABLE "access_log" DROP CONSTRAINT "FK_access_log_user"`);
    await queryRunner.query(
      `ALTER TABLE "access_log" DROP CONSTRAINT "FK_access_log_organisation"`,
    );
    await queryRunner.query(`ALTER TABLE "history" DROP CONSTRAINT "FK_history_organisation"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP CONSTRAINT "FK_departments_head_user"`);
    await queryRunner.query(
      `ALTER TABLE "organisations" DROP CONSTRAINT "FK_organisations_parent"`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" DROP CONSTRAINT "FK_50ccaa6440288a06f0ba693ccc6"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_0921d1972cf861d568f5271cd85"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"`);
    await queryRunner.query(
      `ALTER TABLE "organisation_settings" DROP CONSTRAINT "FK_d9215c8f7eb10e8d5e17dc1e80b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "departments" DROP CONSTRAINT "FK_456ff387e276c0d6fc89be46664"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_a7838d2ba25be1342091b6695f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3bf308fa93da3966f9e76fcfba"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_50ccaa6440288a06f0ba693ccc"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_44dca4b9014db24b9bee45e20e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_97672ac88f789774dd47f7c8be"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_91958927185b29a880654e08c3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_db8a8b2cdf672af64d8dd6017d"`);
    await queryRunner.query(`DROP TABLE "history"`);
    await queryRunner.query(`DROP TABLE "organisation_settings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_01cdf8cc5eac9e0223a33e04b1"`);
    await queryRunner.query(`DROP TABLE "departments"`);
    await queryRunner.query(`DROP TYPE "public"."department_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_41f1cc89689b55aede50d36d0c"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP TYPE "public"."organisation_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cab8f6462f672dca9daa8ddb00"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_02e6ef6203a157db73058a737c"`);
    await queryRunner.query(`DROP TABLE "access_log"`);
  }
}
