import type { AccessPolicy, AuthUser } from '@gwaje/identity';
import { preselectKey, registerSearchSource, searchMatchSql } from './search-sources.js';
import { buildSearchQuery, searchPreselects } from './search.service.js';

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

describe('preselects (SearchSource.preselect)', () => {
  const types = new Set(['consultation', 'contestEntry'] as const);
  const statement = (u: AuthUser) => ({
    sql: 'SELECT ids FROM readable WHERE u = $1',
    values: [u.id],
  });
  const seen: Array<string | null> = [];
  beforeAll(() => {
    for (const type of types) {
      registerSearchSource({
        type,
        preselect: (_policy, u) => statement(u),
        sql: (ctx) => {
          seen.push(ctx.preselected);
          return ctx.preselected === null
            ? `SELECT 1 FROM ${type} WHERE scope`
            : `SELECT 1 FROM ${type} WHERE id = ANY(${ctx.param(ctx.preselected)}::uuid[])`;
        },
      });
    }
  });
  const u = { id: 'u-1' } as AuthUser;

  it('runs one statement for the sources that share it', () => {
    expect(searchPreselects({} as AccessPolicy, u, types)).toEqual([statement(u)]);
  });

  it('passes each source the ids of its statement, or null when it did not run', () => {
    seen.length = 0;
    const ran = new Map([[preselectKey(statement(u)), '{x}']]);
    const { sql, values } = buildSearchQuery({} as AccessPolicy, u, '정산', types, 10, ran)!;
    expect(seen).toEqual(['{x}', '{x}']);
    expect(values).toEqual(['{x}', '{x}']);
    expect(sql).toContain('FROM consultation WHERE id = ANY($1::uuid[])');
    expect(sql).toContain('FROM contestEntry WHERE id = ANY($2::uuid[])');

    seen.length = 0;
    const plain = buildSearchQuery({} as AccessPolicy, u, '정산', types, 10)!;
    expect(seen).toEqual([null, null]);
    expect(plain.sql).toContain('FROM consultation WHERE scope');
  });
});
