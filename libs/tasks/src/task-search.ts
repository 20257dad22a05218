import {
  registerSearchSource,
  searchMatchSql,
  searchRankSql,
  type SearchSqlContext,
} from '@gwaje/search';
import { taskReadScopeSql } from './task-query.js';

/** The text of a task the global search matches (the expression of IDX_tasks_search_bigm). */
export const TASK_SEARCH_TEXT = `(t.code || ' ' || t.title || ' ' || t.summary)`;

/**
 * Priority tasks in the global search (@gwaje/search): code, title and summary, over the bigram
 * index IDX_tasks_search_bigm, scoped as the task list is (taskReadScopeSql).
 */
export function taskSearchSql(ctx: SearchSqlContext): string {
  const scope = taskReadScopeSql(ctx.policy, ctx.user, 't', ctx.param);
  return `SELECT t.id, t.code, t.title, t.summary AS body, '/tasks/' || t.id AS path, t.year,
                 t.status::text AS status, ${searchRankSql(ctx, 't.code', 't.title')} AS rank,
                 t.created_at AS sort_at
            FROM tasks t
           WHERE ${searchMatchSql(ctx, TASK_SEARCH_TEXT)} AND ${scope}
           ORDER BY t.created_at DESC, t.id DESC LIMIT ${ctx.limit}`;
}

export function registerTaskSearch(): void {
  registerSearchSource({ type: 'task', sql: taskSearchSql });
}
