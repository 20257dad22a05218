import {
  registerSearchSource,
  searchMatchSql,
  searchRankSql,
  type SearchSqlContext,
} from '@gwaje/search';
import type { ContestAccess } from './contest-access.js';
import { ENTRY_SCOPE, scoped } from './contest-query.js';

/** The text of an entry the global search matches (the expression of IDX_contest_entries_search_bigm). */
export const CONTEST_ENTRY_SEARCH_TEXT = `(e.title || ' ' || e.summary)`;

/**
 * Contest entries (공모 사례) in the global search (@gwaje/search): title and summary, over the
 * bigram index IDX_contest_entries_search_bigm, scoped as ContestAccess.readableEntries is
 * (ENTRY_SCOPE; an account without a business role reads none).
 */
export function contestEntrySearchSql(access: ContestAccess, ctx: SearchSqlContext): string | null {
  if (!access.isBusinessUser(ctx.user)) return null;
  const scope = scoped(ENTRY_SCOPE, ctx.values, {
    ORG: ctx.user.organisationId,
    USER: ctx.user.id,
    DEPT: ctx.user.departmentId,
    FULL: access.isFullReader(ctx.user),
  });
  return `SELECT e.id, NULL::text AS code, e.title, e.summary AS body,
                 '/contests/entries/' || e.id AS path, r.year, e.state::text AS status,
                 ${searchRankSql(ctx, null, 'e.title')} AS rank, e.created_at AS sort_at
            FROM contest_entries e JOIN contest_rounds r ON r.id = e.round_id
           WHERE ${searchMatchSql(ctx, CONTEST_ENTRY_SEARCH_TEXT)} AND ${scope}
           ORDER BY e.created_at DESC, e.id DESC LIMIT ${ctx.limit}`;
}

export function registerContestEntrySearch(access: ContestAccess): void {
  registerSearchSource({ type: 'contestEntry', sql: (ctx) => contestEntrySearchSql(access, ctx) });
}
