import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23, the global search's speed: gwaje_bigrams (BigramSearch) in PL/pgSQL. As an SQL
 * function with an aggregate (never inlined) each call ran a small query of its own: 0.78 ms per
 * pre-consultation text of the benchmark, against 0.06 ms now and 2 µs for the LIKE over the
 * same text (2,000 texts, load 7 on 2 cores). Postgres computes it for every row a plan filters
 * by it rather than finds through its index: the newest-first walk over a common word
 * (AUDITOR, 창업) and a department's own records (STAFF, 창업 over its 400 pre-consultations:
 * 50–120 ms).
 *
 * The same pieces as before (lower-cased, runs of whitespace as one space, every two characters),
 * but neither sorted nor made distinct: only their set counts, as the GIN indexes store each key
 * once and `@>` ignores order and repeats. So the expression indexes stay valid without a rebuild.
 */
export class FasterBigrams1796415000000 implements MigrationInterface {
  name = 'FasterBigrams1796415000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION gwaje_bigrams(t text) RETURNS text[]
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
        AS $$
          DECLARE
            s text := regexp_replace(lower(t), '\\s+', ' ', 'g');
            pieces text[] := '{}';
          BEGIN
            FOR i IN 1 .. length(s) - 1 LOOP
              pieces := pieces || substr(s, i, 2);
            END LOOP;
            RETURN pieces;
          END
        $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION gwaje_bigrams(t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$
          SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}')
            FROM (SELECT regexp_replace(lower(t), '\\s+', ' ', 'g') AS s) x,
                 generate_series(1, length(s) - 1) i
        $$`);
  }
}
