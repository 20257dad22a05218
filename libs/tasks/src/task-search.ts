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
 *
 * A department reader's matches are at most its department's tasks (and the few shared with it),
 * so they are all read through the indexes (the scope's BitmapOr combined with the text's index)
 * and then sorted; the MATERIALIZED fence keeps the LIMIT from tempting Postgres into walking every
 * task newest first, which it did when a common word matched none of the department's tasks
 * (창업: 339 ms; issue 23). Organisation-wide readers keep that walk: their scope is most tasks.
 */
export function taskSearchSql(ctx: SearchSqlContext): string {
  const select = `SELECT t.id, t.code, t.title, t.summary AS body, '/tasks/' || t.id AS path, t.year,
                 t.status::text AS status, ${searchRankSql(ctx, 't.code', 't.title')} AS rank,
                 t.created_at AS sort_at
            FROM tasks t
           WHERE ${searchMatchSql(ctx, TASK_SEARCH_TEXT)}
             AND ${taskReadScopeSql(ctx.policy, ctx.user, 't', ctx.param)}`;
  if (!ctx.policy.readsWholeOrganisation(ctx.user)) {
    return `WITH m AS MATERIALIZED (${select})
          SELECT * FROM m ORDER BY sort_at DESC, id DESC LIMIT ${ctx.limit}`;
  }
  return `${select}
           ORDER BY t.created_at DESC, t.id DESC LIMIT ${ctx.limit}`;
}

export function registerTaskSearch(): void {
  registerSearchSource({ type: 'task', sql: taskSearchSql });
}
