import type { AccessPolicy, AuthUser } from '@gwaje/identity';

/** The kinds of record the global search covers, in the order their groups are shown. */
export const SEARCH_TYPES = ['task', 'report', 'consultation', 'contestEntry'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** What a source's SQL is built with. */
export interface SearchSqlContext {
  user: AuthUser;
  policy: AccessPolicy;
  /** The statement's parameter list (positional; for helpers that push into it themselves). */
  values: unknown[];
  /** Adds a value to `values` and returns its placeholder (`$n`). */
  param: (value: unknown) => string;
  /** Placeholder of the pattern (`%q%`, wildcards of the query escaped), for `op`. */
  like: string;
  /**
   * `ILIKE`, or `LIKE` when the query has no letter that has a case (Korean, digits, signs): the
   * same matches at half the cost per row (ILIKE lower-cases every text it compares); the
   * trigram indexes serve both.
   */
  op: 'LIKE' | 'ILIKE';
  /** Placeholder of the query itself, lower-cased (for an exact code match). */
  exact: string;
  /** Placeholder of the number of rows to return (the page size plus one). */
  limit: string;
}

/**
 * The search port (ARCHITECTURE.md "Ports, not reach-ins"): each capability registers how its
 * records are found, with its own read scope and its own tables, so libs/search names no other
 * context's tables, states or access rules.
 *
 * `sql` returns one SELECT (or null when the user may read none of this kind) whose rows have the
 * columns id, code (or null), title, body (the text matched beyond code and title, or ''), path
 * (the web route that opens it), year (or null), status (or null), rank (0: the code is the query,
 * 1: code or title contains it, 2: only the text does) and sort_at (its created_at).
 * It must keep only the records the user may read (scoped in SQL, as the capability's list reads
 * are), match `like` with `op` over columns a trigram index covers, order by created_at DESC,
 * id DESC and stop at `limit`. Newest first, not by rank: Postgres can then walk an index on
 * (created_at, id) and stop at the page's last row when many records match (a common word over
 * 100,000 tasks), and take the trigram index when few do; ranking every match first would read
 * them all. (created_at rather than updated_at: an index on a column every change sets would make
 * each task transition update every index of the row, no HOT update.) The service ranks the page
 * it gets (search.service.ts).
 */
export interface SearchSource {
  type: SearchType;
  sql(ctx: SearchSqlContext): string | null;
}

const sources = new Map<SearchType, SearchSource>();

/** Registers (or replaces) the source of a kind; idempotent. */
export function registerSearchSource(source: SearchSource): void {
  sources.set(source.type, source);
}

/** The registered sources, in SEARCH_TYPES order. */
export function searchSources(): readonly SearchSource[] {
  return SEARCH_TYPES.flatMap((t) => {
    const s = sources.get(t);
    return s ? [s] : [];
  });
}

/**
 * The rank column of SearchSource (0 exact code, 1 code or title, 2 text), as SQL over the given
 * code and title expressions (code may be null).
 */
export function searchRankSql(
  ctx: Pick<SearchSqlContext, 'like' | 'exact' | 'op'>,
  code: string | null,
  title: string,
): string {
  const exact = code ? `WHEN lower(${code}) = ${ctx.exact} THEN 0 ` : '';
  const codeLike = code ? `${code} ${ctx.op} ${ctx.like} OR ` : '';
  return `CASE ${exact}WHEN ${codeLike}${title} ${ctx.op} ${ctx.like} THEN 1 ELSE 2 END`;
}
