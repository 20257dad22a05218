import type { AccessPolicy, AuthUser } from '@gwaje/identity';
import { registerSearchSource, searchMatchSql } from './search-sources.js';
import { buildSearchQuery } from './search.service.js';

describe('searchMatchSql', () => {
  it('adds the bigram containment (index) before the LIKE recheck only when given bigrams', () => {
    const ctx = { like: '$1', op: 'LIKE' as const };
    expect(searchMatchSql({ ...ctx, bigrams: null }, '(a.x)')).toBe('(a.x) LIKE $1');
    expect(searchMatchSql({ ...ctx, bigrams: 'gwaje_bigrams($2::text)' }, '(a.x)')).toBe(
      'gwaje_bigrams((a.x)) @> gwaje_bigrams($2::text) AND (a.x) LIKE $1',
    );
  });
});

describe('buildSearchQuery', () => {
  registerSearchSource({
    type: 'task',
    sql: (ctx) => `SELECT 1 FROM t WHERE ${searchMatchSql(ctx, '(t.x)')} LIMIT ${ctx.limit}`,
  });
  const build = (q: string) => buildSearchQuery({} as AccessPolicy, {} as AuthUser, q, null, 10)!;

  it('matches a two-character query over the bigrams of the query, passed as a parameter', () => {
    const { sql, values } = build('정산');
    expect(sql).toContain('gwaje_bigrams((t.x)) @> gwaje_bigrams($2::text) AND (t.x) LIKE $1');
    expect(values).toEqual(['%정산%', '정산', 11]);
  });

  it('leaves longer queries (counted in characters) to the trigram index', () => {
    const { sql, values } = build('정산서');
    expect(sql).not.toContain('gwaje_bigrams');
    expect(sql).toContain('(t.x) LIKE $1');
    expect(values).toEqual(['%정산서%', 11]);
    // A two-character query with a case: ILIKE, over the bigrams still.
    expect(build('AI').sql).toContain('@> gwaje_bigrams($2::text) AND (t.x) ILIKE $1');
  });
});
