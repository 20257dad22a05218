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
   * bigram recheck is the same either way.
   */
  op: 'LIKE' | 'ILIKE';
  /** Placeholder of the query itself, lower-cased (for an exact code match). */
  exact: string;
  /** Placeholder of the number of rows to return (the page size plus one). */
  limit: string;
  /**
   * `gwaje_bigrams($n)` over the query (the BigramSearch migration's function): its distinct
   * two-character pieces, for `gwaje_bigrams(<text>) @> …` over a source's bigram index; null
   * when the query is long enough for the trigram index (searchMatchSql). With the query as a
   * parameter of a one-off statement, Postgres computes it once while planning, not per row.
   */
  bigrams: string | null;
  /**
   * The result (`ids`) of the source's `preselect` statement when it has one and it ran, else
   * null (then the source scopes as it would without it).
   */
  preselected: string | null;
}

/** A statement with positional parameters. */
export interface SearchStatement {
  sql: string;
  values: unknown[];
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
 * are), match with searchMatchSql over the text expression its bigram index covers, order by created_at DESC,
 * id DESC and stop at `limit`. Newest first, not by rank: Postgres can then walk an index on
 * (created_at, id) and stop at the page's last row when many records match (a common word over
 * 100,000 tasks), and take the bigram index when few do; ranking every match first would read
 * them all. (created_at rather than updated_at: an index on a column every change sets would make
 * each task transition update every index of the row, no HOT update.) The service ranks the page
 * it gets (search.service.ts).
 */
export interface SearchSource {
  type: SearchType;
  /**
   * Optional: a statement run before the search, returning one row with `ids` (text, e.g. an
   * array literal), which `sql` then gets as `ctx.preselected` and passes as a parameter. Postgres plans with a
   * parameter's value, so a list of readable ids is planned at its real size, where a scope
   * written as an OR of sub-selects is estimated far off (issue 23). Sources returning the same
   * statement share one run.
   */
  preselect?(policy: AccessPolicy, user: AuthUser): SearchStatement | null;
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

/**
 * The match of a source over its text expression, `op` `like`; for a query of two characters
 * (창업, 정산: no trigram of its own, so a trigram index cannot narrow it and a rare one read
 * every row of the scope) also the query's bigrams contained in the text's, which a GIN index on
 * `gwaje_bigrams(<text>)` serves (the very same expression: BigramSearch migration); LIKE then
 * rechecks the rows it finds. Longer queries keep the trigram index alone: with several bigrams
 * Postgres multiplies their frequencies as if independent (어르신 돌봄's five: an estimate of 1 row
 * for 9,750) and then reads every match instead of walking the newest rows (measured 117 ms
 * against 11 ms on the benchmark's data).
 */
export function searchMatchSql(
  ctx: Pick<SearchSqlContext, 'like' | 'op' | 'bigrams'>,
  text: string,
): string {
  const like = `${text} ${ctx.op} ${ctx.like}`;
  const bigrams = ctx.bigrams;
  return bigrams === null ? like : `gwaje_bigrams(${text}) @> ${bigrams} AND ${like}`;
}

/** The key of a preselect statement: sources with the same statement share its result. */
export const preselectKey = (s: SearchStatement): string => JSON.stringify([s.sql, s.values]);
