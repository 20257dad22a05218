import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import { containsPattern, DomainError, SqlParams } from '@gwaje/common';
import { onReplica } from '@gwaje/db';
import { AccessPolicy, type AuthUser } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { SEARCH_TYPES, type SearchType, searchSources } from './search-sources.js';
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

interface Row {
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
    const query = this.query(user, q, types, input.limit);
    const rows = query ? await onReplica<Row[]>(this.dataSource, query.sql, query.values) : [];
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.LIST,
      recordType: 'search',
      filter: { q, types: types ? [...types] : 'all', limit: input.limit },
    });
    const groups: SearchGroup[] = [];
    // Each source's rows come in its order; the statement's parts are not ordered among themselves.
    const order = (t: SearchType) => SEARCH_TYPES.indexOf(t);
    const at = (r: Row) => (r.sort_at ? new Date(r.sort_at).getTime() : 0);
    rows.sort(
      (a, b) =>
        order(a.type) - order(b.type) ||
        a.rank - b.rank ||
        at(b) - at(a) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    for (const row of rows) {
      let group = groups.find((g) => g.type === row.type);
      if (!group) groups.push((group = { type: row.type, items: [], hasMore: false }));
      if (group.items.length === input.limit) {
        group.hasMore = true;
        continue;
      }
      const matched =
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
    return { q, groups };
  }

  /** One statement: each source's page (limit + 1 rows, to tell whether there are more). */
  private query(
    user: AuthUser,
    q: string,
    types: Set<SearchType> | null,
    limit: number,
  ): { sql: string; values: unknown[] } | null {
    const p = new SqlParams();
    const ctx = {
      user,
      policy: this.policy,
      values: p.values,
      param: (v: unknown) => p.add(v),
      like: p.add(containsPattern(q)),
      exact: p.add(q.toLowerCase()),
      limit: p.add(limit + 1),
    };
    const parts = searchSources()
      .filter((s) => !types || types.has(s.type))
      .flatMap((s) => {
        const sql = s.sql(ctx);
        return sql === null ? [] : [`(SELECT '${s.type}' AS type, x.* FROM (${sql}) x)`];
      });
    if (!parts.length) return null;
    return { sql: parts.join('\nUNION ALL\n'), values: p.values };
  }
}

const hasText = (text: string | null, q: string): boolean =>
  text !== null && text.toLocaleLowerCase('ko').includes(q.toLocaleLowerCase('ko'));
