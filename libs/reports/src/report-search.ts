import {
  registerSearchSource,
  searchMatchSql,
  searchRankSql,
  type SearchSqlContext,
} from '@gwaje/search';
import { readableTaskIdsStatement, taskReadScopeSql } from '@gwaje/tasks';

/** The text of a report the global search matches (the expression of IDX_reports_search_bigm). */
export const REPORT_SEARCH_TEXT = `(r.period || ' ' || r.achievements || ' ' || r.issues_and_risks || ' ' || r.next_steps || ' ' || r.support_needed)`;

/**
 * Milestone reports (이행실적) in the global search (@gwaje/search): their period and texts, over
 * the bigram index IDX_reports_search_bigm, scoped as the report list is (by their task:
 * taskReadScopeSql). Shown with their task's code and title.
 *
 * For a department reader, by the list of its readable task ids (the preselect,
 * readableTaskIdsStatement: the same scope): with the list's real size Postgres combines the
 * task_id index with the text's index (BitmapAnd) instead of walking every report newest first
 * (창업 when the department's tasks had none: ~270 ms; issue 23) or fetching each report of the
 * department's tasks to compare its text. Fenced (MATERIALIZED) and sorted as in task-search.ts.
 */
export function reportSearchSql(ctx: SearchSqlContext): string {
  const columns = `r.id, t.code || ' ' || r.period AS code, t.title,
                 concat_ws(' ', r.achievements, r.issues_and_risks, r.next_steps, r.support_needed) AS body,
                 '/reports/' || r.id AS path, r.year, r.state::text AS status,
                 ${searchRankSql(ctx, 'r.period', 'r.period')} AS rank, r.created_at AS sort_at`;
  const match = searchMatchSql(ctx, REPORT_SEARCH_TEXT);
  if (ctx.preselected) {
    return `WITH m AS MATERIALIZED (
            SELECT ${columns} FROM reports r JOIN tasks t ON t.id = r.task_id
             WHERE r.task_id = ANY(${ctx.param(ctx.preselected)}::uuid[]) AND ${match})
          SELECT * FROM m ORDER BY sort_at DESC, id DESC LIMIT ${ctx.limit}`;
  }
  const scope = taskReadScopeSql(ctx.policy, ctx.user, 't', ctx.param);
  return `SELECT ${columns}
            FROM reports r JOIN tasks t ON t.id = r.task_id
           WHERE ${match} AND ${scope}
           ORDER BY r.created_at DESC, r.id DESC LIMIT ${ctx.limit}`;
}

export function registerReportSearch(): void {
  registerSearchSource({
    type: 'report',
    preselect: readableTaskIdsStatement,
    sql: reportSearchSql,
  });
}
