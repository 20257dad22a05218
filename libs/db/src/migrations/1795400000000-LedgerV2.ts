import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit ledger v2 (issue 15, ARCHITECTURE.md convention 8).
 *
 * - history: each entry chains to the previous entry of the same record (record_seq, prev_hash), not
 *   to the organisation's previous entry, so writers of different records never wait for each other.
 *   The existing organisation chains are re-based here into record chains.
 * - txid: the writing transaction's id. The sealer only seals entries of transactions older than the
 *   oldest one still running, so an entry whose id was taken early but committed late is never
 *   skipped by a checkpoint (ids from a sequence commit out of order).
 * - ledger_checkpoints: signed Merkle tree heads (RFC 9162) over each organisation's new entries.
 * - access_log: the same shape (entry hash, txid, sealed), partitioned by month; whole partitions are
 *   dropped after the retention period once sealed, by a SECURITY DEFINER function that is the
 *   application role's only way to remove access records, and that keeps at least 24 months.
 *
 * The hashing below is a frozen copy of the v2 definitions in libs/audit/src/ledger (migrations do
 * not import the libraries they precede): the verifier checks it against the live code on every run.
 */
const GENESIS = '0'.repeat(64);

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function canonicalHash(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('ledger value cannot be serialised');
  return sha256Hex(text);
}

interface HistoryRow {
  id: string;
  organisation_id: string;
  record_type: string;
  record_id: string;
  action: string;
  actor_id: string | null;
  occurred_at: Date;
  changes: unknown;
  reason: string | null;
}

interface AccessRow {
  id: string;
  occurred_at: Date;
  organisation_id: string;
  user_id: string;
  action: string;
  record_type: string;
  record_id: string | null;
  filter: unknown;
  reason: string | null;
  request_id: string | null;
  ip: string | null;
}

const BATCH = 1000;

export class LedgerV21795400000000 implements MigrationInterface {
  name = 'LedgerV21795400000000';

  public async up(q: QueryRunner): Promise<void> {
    const txid = `(pg_current_xact_id()::text::bigint)`;

    // ---- history: record chains -------------------------------------------------------------
    await q.query(`DROP INDEX "IDX_91958927185b29a880654e08c3"`);
    await q.query(`DROP INDEX "IDX_db8a8b2cdf672af64d8dd6017d"`);
    await q.query(`ALTER TABLE "history" DROP CONSTRAINT "CHK_history_seq_positive"`);
    await q.query(
      `ALTER TABLE "history" ADD "record_seq" integer, ADD "txid" bigint NOT NULL DEFAULT ${txid}`,
    );
    await q.query(`ALTER TABLE "history" DISABLE TRIGGER "history_append_only"`);
    const heads = new Map<string, { seq: number; hash: string }>();
    for (let after = '0'; ;) {
      const rows = (await q.query(
        `SELECT id, organisation_id, record_type, record_id, action, actor_id, occurred_at, changes, reason
           FROM history WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      )) as HistoryRow[];
      if (!rows.length) break;
      const ids: string[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const r of rows) {
        const key = `${r.organisation_id}|${r.record_type}|${r.record_id}`;
        const head = heads.get(key) ?? { seq: 0, hash: GENESIS };
        const content = canonicalHash({
          organisationId: r.organisation_id,
          recordType: r.record_type,
          recordId: r.record_id,
          action: r.action,
          actorId: r.actor_id,
          occurredAt: r.occurred_at.toISOString(),
          changes: r.changes,
          reason: r.reason,
        });
        const seq = head.seq + 1;
        const hash = sha256Hex(`gwaje-history-v2|${content}|${seq}|${head.hash}`);
        heads.set(key, { seq, hash });
        ids.push(r.id);
        seqs.push(seq);
        prevs.push(head.hash);
        hashes.push(hash);
      }
      await q.query(
        `UPDATE history h SET record_seq = v.seq, prev_hash = v.prev, hash = v.hash
           FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[]) AS v(id, seq, prev, hash)
          WHERE h.id = v.id`,
        [ids, seqs, prevs, hashes],
      );
      after = rows[rows.length - 1].id;
    }
    await q.query(`ALTER TABLE "history" ENABLE TRIGGER "history_append_only"`);
    await q.query(`ALTER TABLE "history" DROP COLUMN "seq"`);
    await q.query(`ALTER TABLE "history" ALTER "record_seq" SET NOT NULL`);
    await q.query(
      `ALTER TABLE "history" ADD CONSTRAINT "CHK_history_record_seq_positive" CHECK ("record_seq" > 0)`,
    );
    // One chain per record; a concurrent first write to the same chain loses here and is re-run by
    // the transaction helper.
    await q.query(
      `CREATE UNIQUE INDEX "UQ_history_record_chain" ON "history" ("organisation_id", "record_type", "record_id", "record_seq")`,
    );
    await q.query(`CREATE INDEX "IDX_history_org_txid" ON "history" ("organisation_id", "txid")`);
    await q.query(`CREATE INDEX "IDX_history_org_id" ON "history" ("organisation_id", "id")`);

    // ---- checkpoints ------------------------------------------------------------------------
    await q.query(`CREATE TABLE "ledger_checkpoints" (
      "id" BIGSERIAL PRIMARY KEY,
      "ledger" varchar(20) NOT NULL CHECK ("ledger" IN ('history', 'access_log')),
      "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE RESTRICT,
      "seq" integer NOT NULL CHECK ("seq" > 0),
      "txid_from" bigint NOT NULL,
      "txid_to" bigint NOT NULL,
      "first_entry_id" bigint NOT NULL,
      "last_entry_id" bigint NOT NULL,
      "first_occurred_at" timestamptz NOT NULL,
      "last_occurred_at" timestamptz NOT NULL,
      "tree_size" integer NOT NULL CHECK ("tree_size" > 0),
      "root_hash" char(64) NOT NULL,
      "prev_hash" char(64) NOT NULL,
      "sealed_at" timestamptz NOT NULL,
      "key_id" char(64) NOT NULL,
      "signature" text NOT NULL,
      "hash" char(64) NOT NULL,
      CONSTRAINT "UQ_ledger_checkpoints_seq" UNIQUE ("ledger", "organisation_id", "seq")
    )`);
    // What the retention function dropped: verify tells expired access records from deleted ones.
    await q.query(`CREATE TABLE "ledger_retention" (
      "id" BIGSERIAL PRIMARY KEY,
      "ledger" varchar(20) NOT NULL,
      "partition_name" varchar(63) NOT NULL,
      "range_from" timestamptz NOT NULL,
      "range_to" timestamptz NOT NULL,
      "entries" bigint NOT NULL,
      "dropped_at" timestamptz NOT NULL DEFAULT now()
    )`);

    // ---- access log: hashed, sealed, partitioned by month ------------------------------------
    await q.query(`ALTER TABLE "access_log" RENAME TO "access_log_v1"`);
    await q.query(`ALTER SEQUENCE "access_log_id_seq" OWNED BY NONE`);
    await q.query(`CREATE TABLE "access_log" (
      "id" bigint NOT NULL DEFAULT nextval('access_log_id_seq'),
      "occurred_at" timestamptz NOT NULL DEFAULT now(),
      "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE RESTRICT,
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
      "action" varchar(20) NOT NULL,
      "record_type" varchar(50) NOT NULL,
      "record_id" varchar(100),
      "filter" jsonb,
      "reason" text,
      "request_id" varchar(64),
      "ip" varchar(64),
      "txid" bigint NOT NULL DEFAULT ${txid},
      "hash" char(64) NOT NULL,
      CONSTRAINT "PK_access_log" PRIMARY KEY ("id", "occurred_at")
    ) PARTITION BY RANGE ("occurred_at")`);
    await q.query(`ALTER SEQUENCE "access_log_id_seq" OWNED BY "access_log"."id"`);
    await q.query(`CREATE TABLE "access_log_default" PARTITION OF "access_log" DEFAULT`);
    const [{ first }] = (await q.query(
      `SELECT to_char(date_trunc('month', COALESCE(min(occurred_at), now()) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS first FROM access_log_v1`,
    )) as Array<{ first: string }>;
    await q.query(
      `DO $$ DECLARE m date := '${first}'; BEGIN
         WHILE m <= (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months')::date LOOP
           EXECUTE format('CREATE TABLE %I PARTITION OF access_log FOR VALUES FROM (%L) TO (%L)',
             'access_log_' || to_char(m, 'YYYYMM'), m::text || ' 00:00:00+00',
             (m + interval '1 month')::date::text || ' 00:00:00+00');
           m := (m + interval '1 month')::date;
         END LOOP; END $$`,
    );
    for (let after = '0'; ;) {
      const rows = (await q.query(
        `SELECT id, occurred_at, organisation_id, user_id, action, record_type, record_id, filter, reason, request_id, ip
           FROM access_log_v1 WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      )) as AccessRow[];
      if (!rows.length) break;
      await q.query(
        `INSERT INTO access_log (id, occurred_at, organisation_id, user_id, action, record_type, record_id, filter, reason, request_id, ip, hash)
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::text[], $11::text[], $12::text[])`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.occurred_at),
          rows.map((r) => r.organisation_id),
          rows.map((r) => r.user_id),
          rows.map((r) => r.action),
          rows.map((r) => r.record_type),
          rows.map((r) => r.record_id),
          rows.map((r) => (r.filter === null ? null : JSON.stringify(r.filter))),
          rows.map((r) => r.reason),
          rows.map((r) => r.request_id),
          rows.map((r) => r.ip),
          rows.map((r) =>
            canonicalHash({
              organisationId: r.organisation_id,
              userId: r.user_id,
              action: r.action,
              recordType: r.record_type,
              recordId: r.record_id,
              filter: r.filter,
              reason: r.reason,
              requestId: r.request_id,
              ip: r.ip,
              occurredAt: r.occurred_at.toISOString(),
            }),
          ),
        ],
      );
      after = rows[rows.length - 1].id;
    }
    await q.query(`DROP TABLE "access_log_v1"`);
    await q.query(`CREATE INDEX "IDX_access_log_org_id" ON "access_log" ("organisation_id", "id")`);
    await q.query(
      `CREATE INDEX "IDX_access_log_user_time" ON "access_log" ("user_id", "occurred_at")`,
    );
    await q.query(
      `CREATE INDEX "IDX_access_log_org_txid" ON "access_log" ("organisation_id", "txid")`,
    );

    // ---- append-only, for the owner's own mistakes too (the application role has no UPDATE,
    // DELETE or TRUNCATE on these tables at all: setup's grants) --------------------------------
    for (const table of ['access_log', 'ledger_checkpoints', 'ledger_retention']) {
      await q.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "reject_modification"()`,
      );
      await q.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "reject_modification"()`,
      );
    }

    // ---- retention: the only way access records leave, whole sealed months past retention ----
    await q.query(`CREATE FUNCTION "access_log_maintain"(keep_months integer) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        m date;
        part text;
        created text[] := '{}';
        dropped text[] := '{}';
        horizon date;
        r record;
        unsealed boolean;
        n bigint;
      BEGIN
        -- 개인정보의 안전성 확보조치 기준: access records are kept at least two years, whatever is asked.
        keep_months := GREATEST(COALESCE(keep_months, 24), 24);
        FOR i IN 0..3 LOOP
          m := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i))::date;
          part := 'access_log_' || to_char(m, 'YYYYMM');
          IF to_regclass(part) IS NULL AND NOT EXISTS (
               SELECT 1 FROM access_log_default
                WHERE occurred_at >= (m::text || ' 00:00:00+00')::timestamptz
                  AND occurred_at < ((m + interval '1 month')::date::text || ' 00:00:00+00')::timestamptz) THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF access_log FOR VALUES FROM (%L) TO (%L)',
              part, m::text || ' 00:00:00+00', (m + interval '1 month')::date::text || ' 00:00:00+00');
            created := created || part;
          END IF;
        END LOOP;
        horizon := (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => keep_months))::date;
        FOR r IN
          SELECT c.relname, to_date(substr(c.relname, 12), 'YYYYMM') AS month
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'access_log'::regclass AND c.relname ~ '^access_log_[0-9]{6}$'
             AND (to_date(substr(c.relname, 12), 'YYYYMM') + interval '1 month')::date <= horizon
           ORDER BY c.relname
        LOOP
          -- Only what every checkpoint already covers: the checkpoint stays as the record.
          EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I a WHERE a.txid >= COALESCE((SELECT max(c.txid_to)
                            FROM ledger_checkpoints c WHERE c.ledger = ''access_log''
                             AND c.organisation_id = a.organisation_id), 0))', r.relname) INTO unsealed;
          CONTINUE WHEN unsealed;
          EXECUTE format('SELECT count(*) FROM %I', r.relname) INTO n;
          INSERT INTO ledger_retention (ledger, partition_name, range_from, range_to, entries)
          VALUES ('access_log', r.relname, (r.month::text || ' 00:00:00+00')::timestamptz,
                  ((r.month + interval '1 month')::date::text || ' 00:00:00+00')::timestamptz, n);
          EXECUTE format('DROP TABLE %I', r.relname);
          dropped := dropped || r.relname;
        END LOOP;
        RETURN jsonb_build_object('created', to_jsonb(created), 'dropped', to_jsonb(dropped));
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION "access_log_maintain"(integer) FROM PUBLIC`);
  }

  public down(): Promise<void> {
    // The record chains and signed checkpoints cannot be turned back into one organisation chain
    // without rewriting every hash: restore a backup instead.
    return Promise.reject(
      new Error('LedgerV2 cannot be reverted: restore the database from a backup'),
    );
  }
}
