import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import { containsPattern, DomainError, SqlParams } from '@gwaje/common';
import { AccessPolicy, type AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import {
  preselectKey,
  SEARCH_TYPES,
  type SearchSource,
  type SearchSqlContext,
  type SearchStatement,
  type SearchType,
  searchSources,
} from './search-sources.js';
import {
  normaliseSearchQuery,
  SEARCH_MAX_CHARS,
  SEARCH_MIN_CHARS,
  snippetAround,
} from './search-text.js';

export interface SearchHit {
  type: SearchType;
  id: string;
  code: string | null;
  title: string;
  /** An excerpt of the text that matched, or null when the code or title did. */
  snippet: string | null;
  matched: 'code' | 'title' | 'text';
  /** The web app's route that opens the record. */
  path: string;
  year: number | null;
  status: string | null;
}

export interface SearchGroup {
  type: SearchType;
  items: SearchHit[];
  /** More records of this kind match than were returned. */
  hasMore: boolean;
}

export interface SearchResult {
  /** The query as it was matched (normalised). */
  q: string;
  groups: SearchGroup[];
}

/** A row of the search statement (SearchSource's columns, with the kind). */
export interface SearchRow {
  type: SearchType;
  id: string;
  code: string | null;
  title: string;
  body: string | null;
  path: string;
  year: number | null;
  status: string | null;
  rank: number;
  sort_at: Date | null;
}

/**
 * The global search over the records the caller may read: each kind through its own source (the
 * port in search-sources.ts), all of them in one statement on the read replica, one access-log
 * entry per search as for any list read.
 */
@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly accessLog: AccessLogService,
  ) {}

  async search(
    user: AuthUser,
    input: { q: string; types?: SearchType[]; limit: number },
  ): Promise<SearchResult> {
    const q = normaliseSearchQuery(input.q);
    if (q === null) {
      throw DomainError.invalidField('q', 'minLength', {
        ko: `검색어를 ${SEARCH_MIN_CHARS}자 이상 입력하세요.`,
        en: `enter at least ${SEARCH_MIN_CHARS} characters`,
      });
    }
    if ([...q].length > SEARCH_MAX_CHARS) {
      throw DomainError.invalidField('q', 'maxLength', {
        ko: `검색어는 ${SEARCH_MAX_CHARS}자까지 입력할 수 있습니다.`,
        en: `at most ${SEARCH_MAX_CHARS} characters`,
      });
    }
    const types = input.types?.length ? new Set(input.types) : null;
    // The preselects and the search on one connection: the same replica answers both.
    const runner = this.dataSource.createQueryRunner('slave');
    let rows: SearchRow[] = [];
    try {
      const preselected = new Map<string, string>();
      for (const statement of searchPreselects(this.policy, user, types)) {
        const [row] = (await runner.query(statement.sql, statement.values)) as Array<{
          ids: string;
        }>;
        if (row) preselected.set(preselectKey(statement), row.ids);
      }
      const query = buildSearchQuery(this.policy, user, q, types, input.limit, preselected);
      if (query) rows = (await runner.query(query.sql, query.values)) as SearchRow[];
    } finally {
      await runner.release();
    }
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: 'search',
      filter: { q, types: types ? [...types] : 'all', limit: input.limit },
    });
    return { q, groups: toSearchGroups(rows, q, input.limit) };
  }
}

/**
 * The rows of the statement as groups: per kind (in SEARCH_TYPES order) its newest `limit` rows,
 * as the source returned them (created_at DESC, id DESC; the parts of a UNION ALL are not ordered
 * among themselves), then ranked: the code equal to the query first, then code or title matches,
 * then text-only matches, newest first within each.
 */
export function toSearchGroups(rows: SearchRow[], q: string, limit: number): SearchGroup[] {
  const order = (t: SearchType) => SEARCH_TYPES.indexOf(t);
  const at = (r: SearchRow) => (r.sort_at ? new Date(r.sort_at).getTime() : 0);
  const newest = [...rows].sort(
    (a, b) =>
      order(a.type) - order(b.type) || at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  const groups: SearchGroup[] = [];
  for (const row of newest) {
    let group = groups.find((g) => g.type === row.type);
    if (!group) groups.push((group = { type: row.type, items: [], hasMore: false }));
    if (group.items.length === limit) {
      group.hasMore = true;
      continue;
    }
    const matched: SearchHit['matched'] =
      row.rank < 2 ? (row.rank === 0 || hasText(row.code, q) ? 'code' : 'title') : 'text';
    group.items.push({
      type: row.type,
      id: row.id,
      code: row.code,
      title: row.title,
      snippet: matched === 'text' && row.body ? snippetAround(row.body, q) : null,
      matched,
      path: row.path,
      year: row.year === null ? null : Number(row.year),
      status: row.status,
    });
  }
  const rankOf: Record<SearchHit['matched'], number> = { code: 0, title: 1, text: 2 };
  for (const g of groups) {
    // Stable: newest first within a rank. An exact code (rank 0) before other code matches.
    const exact = (h: SearchHit) => (h.code?.toLowerCase() === q.toLowerCase() ? -1 : 0);
    g.items.sort((a, b) => exact(a) - exact(b) || rankOf[a.matched] - rankOf[b.matched]);
  }
  return groups;
}
/** The sources of the kinds asked for (all when `types` is null). */
const sourcesFor = (types: ReadonlySet<SearchType> | null): SearchSource[] =>
  searchSources().filter((s) => !types || types.has(s.type));

/**
 * The distinct preselect statements of the sources of the kinds asked for (SearchSource.preselect),
 * to run before buildSearchQuery; their `ids` go to it by preselectKey.
 */
export function searchPreselects(
  policy: AccessPolicy,
  user: AuthUser,
  types: ReadonlySet<SearchType> | null,
): SearchStatement[] {
  const byKey = new Map<string, SearchStatement>();
  for (const source of sourcesFor(types)) {
    const statement = source.preselect?.(policy, user);
    if (statement) byKey.set(preselectKey(statement), statement);
  }
  return [...byKey.values()];
}

/**
 * The search as one statement: each registered source's page (limit + 1 rows, to tell whether
 * there are more), UNION ALL; null when the user may read none of the kinds asked for. Exported for
 * the benchmark's baseline (bench/run.mjs), which sends the same statement over plain pg.
 */
export function buildSearchQuery(
  policy: AccessPolicy,
  user: AuthUser,
  q: string,
  types: ReadonlySet<SearchType> | null,
  limit: number,
  preselected: ReadonlyMap<string, string> = new Map(),
): { sql: string; values: unknown[] } | null {
  const p = new SqlParams();
  // Each added when a source first uses it: Postgres cannot type a parameter no expression uses
  // (a search of contest entries alone never compares a code).
  const once = (value: unknown) => {
    let placeholder: string | undefined;
    return () => (placeholder ??= p.add(value));
  };
  const like = once(containsPattern(q));
  const exact = once(q.toLowerCase());
  const page = once(limit + 1);
  const query = once(q);
  const ctx: SearchSqlContext = {
    user,
    policy,
    values: p.values,
    param: (v: unknown) => p.add(v),
    get like() {
      return like();
    },
    op: hasCase(q) ? 'ILIKE' : 'LIKE',
    get exact() {
      return exact();
    },
    get limit() {
      return page();
    },
    get bigrams() {
      return [...q].length < BIGRAM_QUERY_BELOW ? `gwaje_bigrams(${query()}::text)` : null;
    },
    preselected: null,
  };
  const parts = sourcesFor(types).flatMap((s) => {
    const statement = s.preselect?.(policy, user);
    ctx.preselected = (statement && preselected.get(preselectKey(statement))) ?? null;
    const sql = s.sql(ctx);
    return sql === null ? [] : [`(SELECT '${s.type}' AS type, x.* FROM (${sql}) x)`];
  });
  if (!parts.length) return null;
  return { sql: parts.join('\nUNION ALL\n'), values: p.values };
}

/** Queries shorter than this (in characters) match over the bigram indexes (searchMatchSql). */
export const BIGRAM_QUERY_BELOW = 3;

/** Whether the text has a letter with an upper and a lower case (then matching ignores case). */
export const hasCase = (text: string): boolean => text.toLowerCase() !== text.toUpperCase();

const hasText = (text: string | null, q: string): boolean =>
  text !== null && text.toLocaleLowerCase('ko').includes(q.toLocaleLowerCase('ko'));
