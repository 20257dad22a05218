// /contests/:id — one contest round: overview and schedule, the rules (fields, criteria, award
// table), the actions the API allows (open, close entries, start judging, rank, publish, close),
// the judging panel, the next-level link (propose; accept/decline feeders), the entry form for an
// entrant's office, the entries as the API scopes them (with screening), the ranking per field
// with awards and the budget check, the export with a reason, and the round's award records.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { FormAlert } from '../../components/forms';
import { ErrorState, Facts, Loading, Notice, PageHeader, Table } from '../../components/ui';
import { formatDate, formatDateTime, formatWon } from '../../format';
import { currentLanguage, useTranslation } from '../../i18n';
import { AwardsSection } from './Awards';
import { CreateRoundForm } from './CreateRoundForm';
import { ExportSection, LinkSection, PanelSection, ResultsSection } from './RoundSections';
import { EntriesSection, SubmitEntrySection } from './RoundEntries';
import {
  type ContestRound,
  fieldLabel,
  rankRange,
  relationText,
  RoundStatusBadge,
  useContestRound,
} from './shared';

export default function ContestRoundPage() {
  const { id } = useParams();
  const { t } = useTranslation('contests');
  const round = useContestRound(id);
  const crumbs = [{ label: t('title'), to: '/contests' }];
  if (round.isPending || round.isError) {
    return (
      <>
        <PageHeader title={t('title')} crumbs={crumbs} />
        {round.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={round.error} onRetry={() => void round.refetch()} />
        )}
      </>
    );
  }
  return <RoundView round={round.data} />;
}

type Transition = 'open' | 'closeEntries' | 'startJudging' | 'close';
const TRANSITIONS: readonly Transition[] = ['open', 'closeEntries', 'startJudging', 'close'];

function RoundView({ round }: { round: ContestRound }) {
  const { t } = useTranslation('contests');
  const { hasRole } = useAuth();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const [result, setResult] = useState<{ ok?: string; error?: ApiError } | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const allowed = new Set(round.allowedActions);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['contest-round', round.id] }),
      queryClient.invalidateQueries({ queryKey: ['contest-rounds'] }),
      queryClient.invalidateQueries({ queryKey: ['contest-entries', round.id] }),
      queryClient.invalidateQueries({ queryKey: ['contest-results', round.id] }),
      queryClient.invalidateQueries({ queryKey: ['contest-awards'] }),
    ]);
  const run = async (action: Transition | 'rank' | 'publish') => {
    setBusy(true);
    setResult(null);
    try {
      const path = { params: { path: { id: round.id } } };
      if (action === 'rank') await call(api.POST('/api/v1/contests/rounds/{id}/ranking', path));
      else if (action === 'publish') {
        await call(
          api.POST('/api/v1/contests/rounds/{id}/publish', {
            ...path,
            body: { version: round.version },
          }),
        );
      } else {
        await call(
          api.POST('/api/v1/contests/rounds/{id}/transitions', {
            ...path,
            body: { action, version: round.version },
          }),
        );
      }
      await refresh();
      setResult({ ok: t(`round.done.${action}`) });
    } catch (err) {
      setResult({ error: err instanceof ApiError ? err : new ApiError(0, {}) });
    } finally {
      setBusy(false);
    }
  };
  const actions = [
    ...TRANSITIONS.filter((a) => allowed.has(a)),
    ...(['rank', 'publish'] as const).filter((a) => allowed.has(a)),
  ];
  const actionsShown = round.relation.organiser || actions.length > 0;
  const showResults =
    round.relation.full ||
    round.relation.judge ||
    round.status === 'RESULTS_PUBLISHED' ||
    round.status === 'CLOSED';

  return (
    <>
      <PageHeader
        title={round.title}
        crumbs={[{ label: t('title'), to: '/contests' }, { label: round.title }]}
        actions={
          allowed.has('update') && !editing ? (
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => {
                setResult(null);
                setEditing(true);
              }}
            >
              {t('form.edit')}
            </button>
          ) : undefined
        }
      />
      {editing && (
        <CreateRoundForm
          year={round.year}
          round={round}
          onCancel={() => setEditing(false)}
          onCreated={() => {
            setEditing(false);
            void refresh();
            setResult({ ok: t('form.saved') });
          }}
        />
      )}
      {result?.ok && editing === false && !actionsShown && <Notice>{result.ok}</Notice>}
      <section className="gw-section" aria-labelledby="contest-overview">
        <h2 id="contest-overview">{t('round.overview')}</h2>
        <Facts
          items={[
            [t('round.status'), <RoundStatusBadge key="s" status={round.status} />],
            [t('round.organiser'), round.organisationName],
            [t('round.year'), String(round.year)],
            [
              t('round.entries'),
              t('list.range', {
                from: formatDate(round.entriesOpen),
                to: formatDate(round.entriesClose),
              }),
            ],
            [t('round.judgingDue'), formatDate(round.judgingDue)],
            [t('round.resultsDate'), formatDate(round.resultsDate)],
            [t('round.budget'), formatWon(round.budgetKrw, language)],
            ...(round.publishedAt
              ? [[t('round.publishedAt'), formatDateTime(round.publishedAt)] as [string, string]]
              : []),
            ...(round.acceptsAdvancement
              ? [
                  [t('round.acceptsAdvancement'), t('round.acceptsAdvancementValue')] as [
                    string,
                    string,
                  ],
                ]
              : []),
            [t('round.relation'), relationText(t, round.relation)],
          ]}
        />
        {round.description && <p className="gw-ct-text">{round.description}</p>}
      </section>

      <section className="gw-section" aria-labelledby="contest-rules">
        <h2 id="contest-rules">{t('round.rules')}</h2>
        <div className="gw-grid">
          <Table caption={t('round.fieldsCaption')} head={[t('round.fieldsCaption')]}>
            {round.fields.map((f) => (
              <tr key={f.key}>
                <td>{f.label}</td>
              </tr>
            ))}
          </Table>
          <Table
            caption={t('round.criteriaCaption')}
            head={[t('round.criterion'), t('round.weight')]}
          >
            {round.criteria.map((c) => (
              <tr key={c.key}>
                <td>{c.label}</td>
                <td className="gw-num">{t('round.points', { value: c.weight })}</td>
              </tr>
            ))}
          </Table>
        </div>
        <Table
          caption={t('round.awardsCaption')}
          head={[
            t('round.rankRange'),
            t('form.field'),
            t('form.award'),
            t('form.commendation'),
            t('form.prize'),
            t('form.bonus'),
            t('form.advances'),
          ]}
        >
          {round.awardTable.map((a, i) => (
            <tr key={i}>
              <td>{rankRange(t, a.fromRank, a.toRank)}</td>
              <td>{a.field ? fieldLabel(round, a.field) : t('form.allFields')}</td>
              <td>{a.award}</td>
              <td>{a.commendation ?? '–'}</td>
              <td className="gw-num">{formatWon(a.prizeKrw, language)}</td>
              <td className="gw-num">{a.bonusPoints}</td>
              <td>{a.advances ? t('round.yes') : t('round.no')}</td>
            </tr>
          ))}
        </Table>
      </section>

      {actionsShown && (
        <section className="gw-section" aria-labelledby="contest-actions">
          <h2 id="contest-actions">{t('round.actions')}</h2>
          {actions.length === 0 ? (
            <p>{t('round.noActions')}</p>
          ) : (
            <div className="gw-ct-actions">
              {actions.map((a) => (
                <button
                  key={a}
                  type="button"
                  className={`krds-btn ${a === 'publish' ? 'primary' : 'secondary'}`}
                  disabled={busy}
                  onClick={() => void run(a)}
                >
                  {t(`round.transition.${a}`)}
                </button>
              ))}
            </div>
          )}
          {result?.ok && <Notice>{result.ok}</Notice>}
          {result?.error && (
            <FormAlert
              problems={{ fields: {}, error: result.error }}
              onReload={() => void refresh()}
            />
          )}
        </section>
      )}

      {(round.relation.full || allowed.has('setPanel')) && (
        <PanelSection round={round} onChanged={refresh} />
      )}
      {(round.relation.organiser || round.nextRound) && (
        <LinkSection round={round} onChanged={refresh} />
      )}
      {allowed.has('submitEntry') && <SubmitEntrySection round={round} onDone={refresh} />}
      <EntriesSection round={round} onChanged={refresh} />
      {showResults && <ResultsSection round={round} />}
      {round.relation.full && hasRole('PROACTIVE_OFFICE', 'AUDITOR') && (
        <ExportSection round={round} />
      )}
      {hasRole('PROACTIVE_OFFICE', 'AUDITOR') &&
        (round.status === 'RESULTS_PUBLISHED' || round.status === 'CLOSED') && (
          <AwardsSection roundId={round.id} />
        )}
    </>
  );
}
