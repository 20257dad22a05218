// 통합 검색: the records the user may read whose code, title or text holds the query, grouped by
// kind (GET /api/v1/search). The query is in the URL (/search?q=…), so a search can be linked,
// reloaded and reached with back and forward; the header's box lands here.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { Badge, Empty, ErrorState, Loading, PageHeader } from '../../components/ui';
import { useTranslation } from '../../i18n';
import '../consultations/messages';
import '../contests/messages';
import './messages';

const TYPES = ['task', 'report', 'consultation', 'contestEntry'] as const;
type SearchType = (typeof TYPES)[number];

/** The characters of a query as the API counts them (after trimming, whitespace collapsed). */
const queryLength = (q: string) => [...q.normalize('NFC').replace(/\s+/gu, ' ').trim()].length;

const STATUS_KEY: Record<SearchType, string> = {
  task: 'taskStatus',
  report: 'reportState',
  consultation: 'consultations:state',
  contestEntry: 'contests:entryState',
};

export default function SearchPage() {
  const { t } = useTranslation('search');
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const types = (params.get('types') ?? '')
    .split(',')
    .filter((x): x is SearchType => (TYPES as readonly string[]).includes(x));
  const limit = Number(params.get('limit')) || 10;

  // What is typed, for the query of the URL it was typed at: a new URL (the header's box, back and
  // forward) puts its own query into the field.
  const [draft, setDraft] = useState({ q, text: q });
  const text = draft.q === q ? draft.text : q;
  const setText = (value: string) => setDraft({ q, text: value });
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();

  const valid = queryLength(q) >= 2;
  const result = useQuery({
    queryKey: ['search', q, types.join(','), limit],
    queryFn: () =>
      call(
        api.GET('/api/v1/search', {
          params: { query: { q, limit, ...(types.length ? { types } : {}) } },
        }),
      ),
    enabled: valid,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (queryLength(text) < 2) {
      setProblem(t('tooShort'));
      return;
    }
    setProblem(null);
    setParams({ q: text.trim() });
  };

  const apiProblem =
    result.error instanceof ApiError
      ? result.error.details.find((d) => d.field === 'q')?.message
      : undefined;
  const fieldProblem = problem ?? apiProblem ?? (q && !valid ? t('tooShort') : null);
  const groups = result.data?.groups ?? [];
  const count = groups.reduce((n, g) => n + g.items.length, 0);

  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
      />
      <form
        role="search"
        aria-label={t('label')}
        className="gw-search-page-form"
        onSubmit={submit}
        noValidate
      >
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor={inputId}>{t('label')}</label>
          </div>
          <div className="form-conts">
            <div className="gw-search-row">
              <input
                id={inputId}
                name="q"
                type="search"
                className="krds-input"
                value={text}
                maxLength={100}
                autoComplete="off"
                aria-invalid={fieldProblem ? true : undefined}
                aria-describedby={`${inputId}-hint${fieldProblem ? ` ${inputId}-error` : ''}`}
                onChange={(e) => setText(e.target.value)}
              />
              <button type="submit" className="krds-btn primary">
                {t('submit')}
              </button>
            </div>
          </div>
          <p className="form-hint" id={`${inputId}-hint`}>
            {t('hint')}
          </p>
          {fieldProblem && (
            <p className="form-hint-invalid" id={`${inputId}-error`} role="alert">
              {fieldProblem}
            </p>
          )}
        </div>
      </form>

      <div role="status" className="gw-search-summary">
        {valid && result.data && (count ? t('summary', { q: result.data.q, count }) : '')}
      </div>
      {!q && <Empty>{t('start')}</Empty>}
      {valid && result.isPending && <Loading />}
      {valid && result.isError && !apiProblem && (
        <ErrorState error={result.error} onRetry={() => void result.refetch()} />
      )}
      {valid && result.data && !count && <Empty>{t('none', { q: result.data.q })}</Empty>}
      {groups.map((g) => {
        const type = g.type;
        const headingId = `search-group-${type}`;
        return (
          <section key={type} className="gw-search-group" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {t('typeCount', { type: t(`type.${type}`), count: g.items.length })}
            </h2>
            <ul className="gw-search-hits">
              {g.items.map((hit) => (
                <li key={hit.id}>
                  <Link to={hit.path} className="gw-search-hit-title">
                    {hit.code && <span className="gw-search-code">{hit.code}</span>}
                    {hit.title}
                  </Link>
                  <div className="gw-search-meta">
                    {hit.status && (
                      <Badge>
                        {tc(`${STATUS_KEY[type]}.${hit.status}`, { defaultValue: hit.status })}
                      </Badge>
                    )}
                    {hit.year !== null && <span>{t('year', { year: hit.year })}</span>}
                    <span>{t(`matched.${hit.matched}`)}</span>
                  </div>
                  {hit.snippet && <p className="gw-search-snippet">{hit.snippet}</p>}
                </li>
              ))}
            </ul>
            {g.hasMore && (
              <p>
                <Link
                  to={`/search?${new URLSearchParams({ q, types: type, limit: '50' }).toString()}`}
                >
                  {t('showMore', { type: t(`type.${type}`) })}
                </Link>
              </p>
            )}
          </section>
        );
      })}
    </>
  );
}
