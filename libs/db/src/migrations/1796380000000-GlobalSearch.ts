import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: the global search (GET /api/v1/search) matches a query anywhere in the codes, titles
 * and texts of tasks, milestone reports, pre-consultations and contest entries with ILIKE
 * '%…%', which a pg_trgm GIN index serves for Korean as for Latin text (trigrams are taken over
 * characters, so 청년창업 splits into 청년창, 년창업, …). Tasks already have theirs
 * (IDX_tasks_search_trgm, PriorityTasks); these are the others, each on the very expression the
 * search's SQL matches (libs/reports report-search.ts, libs/consultations consultation-search.ts,
 * libs/contests contest-search.ts).
 *
 * pg_trgm is created by PriorityTasks; `IF NOT EXISTS` again here so this migration stands on its
 * own. It is a trusted extension (PostgreSQL 13+): the database owner that runs the migrations
 * may create it without being a superuser; the application role only uses it.
 */
export class GlobalSearch1796380000000 implements MigrationInterface {
  name = 'GlobalSearch1796380000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE INDEX "IDX_reports_search_trgm" ON "reports" USING gin ((period || ' ' || achievements || ' ' || issues_and_risks || ' ' || next_steps || ' ' || support_needed) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX "IDX_consultations_search_trgm" ON "consultations" USING gin ((subject || ' ' || facts || ' ' || question) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX "IDX_contest_entries_search_trgm" ON "contest_entries" USING gin ((title || ' ' || summary) gin_trgm_ops)`,
    );
    // Each kind's page is its newest matches (created_at DESC, id DESC): when a query matches many
    // records, Postgres walks these and stops at the page's end instead of reading every match.
    // Not updated_at: a transition sets it, and an index on it would cost every transition its
    // HOT update (every index of the row written again).
    await q.query(`CREATE INDEX "IDX_tasks_created" ON "tasks" ("created_at", "id")`);
    await q.query(`CREATE INDEX "IDX_reports_created" ON "reports" ("created_at", "id")`);
    await q.query(
      `CREATE INDEX "IDX_consultations_created" ON "consultations" ("created_at", "id")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_consultations_created"`);
    await q.query(`DROP INDEX "IDX_reports_created"`);
    await q.query(`DROP INDEX "IDX_tasks_created"`);
    await q.query(`DROP INDEX "IDX_contest_entries_search_trgm"`);
    await q.query(`DROP INDEX "IDX_consultations_search_trgm"`);
    await q.query(`DROP INDEX "IDX_reports_search_trgm"`);
  }
}
