import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23, the global search's speed: a query of two characters (창업, 정산: most Korean words)
 * has no trigram, so the pg_trgm indexes of GlobalSearch could not narrow it and a rare one read
 * every row of the caller's scope (p95 305 ms over 100,000 tasks). This is the pg_bigm approach
 * without the extension (not available on every managed Postgres): gwaje_bigrams(text), the
 * distinct two-character pieces of the lower-cased text with runs of whitespace as one space, and
 * a GIN index on gwaje_bigrams(<the searched text>) per kind. The search matches
 * `gwaje_bigrams(<text>) @> gwaje_bigrams($q)` (every piece of the query is in the text: true for
 * each text that contains the query, also with ILIKE, as lower() folds both) and rechecks with
 * LIKE/ILIKE (searchMatchSql in libs/search). The expressions are the very ones of the search's
 * SQL (task-search.ts, report-search.ts, consultation-search.ts, contest-search.ts): an expression
 * index serves only the same expression.
 *
 * An expression index stores no column, but each insert or update of a searched text computes the
 * function again. Building the indexes on the benchmark's data (100,000 tasks, 400,000 reports,
 * 20,000 consultations, on 2 busy cores): tasks 27 s, reports 42 s, consultations 5.5 s; plan for
 * about a minute of locked writes on such a database (CREATE INDEX, not CONCURRENTLY: TypeORM runs
 * a migration in a transaction). The function costs about 0.1 ms per report text (100,000 of the
 * benchmark's in 10.6 s at load 8–10), added to each write of a searched text with its GIN entries;
 * sizes there: reports 18 MB, tasks 13 MB, consultations 5.3 MB (the trigram ones: 19, 13, 5.5).
 *
 * Only queries of two characters use these (searchMatchSql): for longer ones the trigram indexes
 * of GlobalSearch stay, as Postgres estimates a query of several bigrams as if they were
 * independent (far too few rows) and then reads every match instead of walking the newest rows.
 */
export class BigramSearch1796385000000 implements MigrationInterface {
  name = 'BigramSearch1796385000000';

  public async up(q: QueryRunner): Promise<void> {
    // IMMUTABLE (an index expression must be), PARALLEL SAFE, STRICT (null text: null, as the
    // concatenations of a null column are). lower() and \s follow the database's locale, the same
    // for the index and for the query.
    await q.query(`
      CREATE FUNCTION gwaje_bigrams(t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$
          SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}')
            FROM (SELECT regexp_replace(lower(t), '\\s+', ' ', 'g') AS s) x,
                 generate_series(1, length(s) - 1) i
        $$`);
    await q.query(
      `CREATE INDEX "IDX_tasks_search_bigm" ON "tasks" USING gin (gwaje_bigrams(code || ' ' || title || ' ' || summary))`,
    );
    await q.query(
      `CREATE INDEX "IDX_reports_search_bigm" ON "reports" USING gin (gwaje_bigrams(period || ' ' || achievements || ' ' || issues_and_risks || ' ' || next_steps || ' ' || support_needed))`,
    );
    await q.query(
      `CREATE INDEX "IDX_consultations_search_bigm" ON "consultations" USING gin (gwaje_bigrams(subject || ' ' || facts || ' ' || question))`,
    );
    await q.query(
      `CREATE INDEX "IDX_contest_entries_search_bigm" ON "contest_entries" USING gin (gwaje_bigrams(title || ' ' || summary))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_contest_entries_search_bigm"`);
    await q.query(`DROP INDEX "IDX_consultations_search_bigm"`);
    await q.query(`DROP INDEX "IDX_reports_search_bigm"`);
    await q.query(`DROP INDEX "IDX_tasks_search_bigm"`);
    await q.query(`DROP FUNCTION gwaje_bigrams(text)`);
  }
}
