import {
  registerSearchSource,
  searchMatchSql,
  searchRankSql,
  type SearchSqlContext,
} from '@gwaje/search';
import { taskReadScopeSql } from '@gwaje/tasks';

/** The text of a report the global search matches (the expression of IDX_reports_search_bigm). */
export const REPORT_SEARCH_TEXT = `(r.period || ' ' || r.achievements || ' ' || r.issues_and_risks || ' ' || r.next_steps || ' ' || r.support_needed)`;

/**
 * Milestone reports (이행실적) in the global search (@gwaje/search): their period and texts, over
 * the bigram index IDX_reports_search_bigm, scoped as the report list is (by their task:
 * taskReadScopeSql). Shown with their task's code and title.
 */
export function reportSearchSql(ctx: SearchSqlContext): string {
  const scope = taskReadScopeSql(ctx.policy, ctx.user, 't', ctx.param);
  return `SELECT r.id, t.code || ' ' || r.period AS code, t.title,
                 concat_ws(' ', r.achievements, r.issues_and_risks, r.next_steps, r.support_needed) AS body,
                 '/reports/' || r.id AS path, r.year, r.state::text AS status,
                 ${searchRankSql(ctx, 'r.period', 'r.period')} AS rank, r.created_at AS sort_at
            FROM reports r JOIN tasks t ON t.id = r.task_id
           WHERE ${searchMatchSql(ctx, REPORT_SEARCH_TEXT)} AND ${scope}
           ORDER BY r.created_at DESC, r.id DESC LIMIT ${ctx.limit}`;
}

export function registerReportSearch(): void {
  registerSearchSource({ type: 'report', sql: reportSearchSql });
}
