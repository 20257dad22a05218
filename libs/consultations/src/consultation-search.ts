import {
  registerSearchSource,
  searchMatchSql,
  searchRankSql,
  type SearchSqlContext,
} from '@gwaje/search';
import { consultationScopeSql } from './consultation-query.js';

/** The text of a request the global search matches (the expression of IDX_consultations_search_bigm). */
export const CONSULTATION_SEARCH_TEXT = `(c.subject || ' ' || c.facts || ' ' || c.question)`;

/**
 * Pre-consultations (사전컨설팅) in the global search (@gwaje/search): subject, facts and
 * question, over the bigram index IDX_consultations_search_bigm, scoped as the consultation list
 * is (consultationScopeSql).
 */
export function consultationSearchSql(ctx: SearchSqlContext): string {
  const scope = consultationScopeSql(ctx.policy, ctx.user, ctx.param);
  return `SELECT c.id, NULL::text AS code, c.subject AS title, c.facts || ' ' || c.question AS body,
                 '/consultations/' || c.id AS path, c.year, c.state::text AS status,
                 ${searchRankSql(ctx, null, 'c.subject')} AS rank, c.created_at AS sort_at
            FROM consultations c
           WHERE ${searchMatchSql(ctx, CONSULTATION_SEARCH_TEXT)} AND ${scope}
           ORDER BY c.created_at DESC, c.id DESC LIMIT ${ctx.limit}`;
}

export function registerConsultationSearch(): void {
  registerSearchSource({ type: 'consultation', sql: consultationSearchSql });
}
