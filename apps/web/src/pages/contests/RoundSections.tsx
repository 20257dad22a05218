// Sections of a contest round: the judging panel (committee members picked from the lists the
// API gives), the next-level link (propose one; accept or decline lower rounds), the ranking and
// results per field with awards and the budget check, and the export with a reason.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, call, download } from '../../api/client';
import {
  CheckboxGroup,
  fieldMessages,
  Form,
  FormActions,
  FormAlert,
  SelectField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { Badge, Dialog, Empty, ErrorState, Loading, Notice, Table } from '../../components/ui';
import { formatWon, seoulToday } from '../../format';
import { currentLanguage, useTranslation } from '../../i18n';
import {
  awardText,
  type ContestRound,
  fieldLabel,
  formatScore,
  RoundStatusBadge,
  useContestRound,
} from './shared';

/**
 * The judging panel's candidates: the 적극행정위원회's members sitting today (the organiser's
 * office reads them); names of panel members come from them and from the round's score sheets.
 */
function usePanelNames(round: ContestRound) {
  const members = useQuery({
    queryKey: ['committee', 'members', false],
    queryFn: () => call(api.GET('/api/v1/committee/members', { params: { query: {} } })),
    enabled: round.relation.organiser,
  });
  const entries = useQuery({
    queryKey: ['contest-entries', round.id],
    queryFn: () =>
      call(api.GET('/api/v1/contests/rounds/{id}/entries', { params: { path: { id: round.id } } })),
  });
  const today = seoulToday();
  const candidates = new Map<string, string>();
  for (const m of members.data ?? []) {
    if (m.termStart <= today) candidates.set(m.userId, `${m.name} (${m.departmentName})`);
  }
  const names = new Map(candidates);
  for (const e of entries.data ?? [])
    for (const s of e.sheets ?? []) if (!names.has(s.memberId)) names.set(s.memberId, s.memberName);
  return { names, candidates };
}

export function PanelSection({
  round,
  onChanged,
}: {
  round: ContestRound;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation('contests');
  const { names, candidates } = usePanelNames(round);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const label = (id: string) => names.get(id) ?? t('panel.unknown', { id: id.slice(0, 8) });
  return (
    <section className="gw-section" aria-labelledby="contest-panel">
      <h2 id="contest-panel">{t('panel.title')}</h2>
      {notice && <Notice>{notice}</Notice>}
      {round.panelMemberIds.length === 0 ? (
        <p>{t('panel.none')}</p>
      ) : (
        <p>
          {t('panel.count', { count: round.panelMemberIds.length })}:{' '}
          {round.panelMemberIds.map(label).join(', ')}
        </p>
      )}
      {round.allowedActions.includes('setPanel') && (
        <button
          type="button"
          className="krds-btn secondary"
          onClick={() => {
            setNotice(null);
            setOpen(true);
          }}
        >
          {t('panel.set')}
        </button>
      )}
      <Dialog open={open} title={t('panel.set')} onClose={() => setOpen(false)}>
        <PanelForm
          round={round}
          candidates={candidates}
          label={label}
          onCancel={() => setOpen(false)}
          onDone={async () => {
            setOpen(false);
            await onChanged();
            setNotice(t('panel.saved'));
          }}
        />
      </Dialog>
    </section>
  );
}

function PanelForm({
  round,
  candidates: sitting,
  label,
  onCancel,
  onDone,
}: {
  round: ContestRound;
  candidates: Map<string, string>;
  label: (id: string) => string;
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('contests');
  const [selected, setSelected] = useState<string[]>(round.panelMemberIds);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const candidates = [...new Set([...sitting.keys(), ...round.panelMemberIds])];
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.PUT('/api/v1/contests/rounds/{id}/panel', {
          params: { path: { id: round.id } },
          body: { memberIds: selected },
        }),
      );
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const memberErrors = selected
    .map((id, i) => [id, problems.fields[`memberIds.${i}`]] as const)
    .filter(([, m]) => m)
    .map(([id, m]) => `${label(id)}: ${m}`)
    .join(' ');
  return (
    <Form problems={problems} onSubmit={() => void submit()} label={t('panel.set')}>
      <CheckboxGroup
        name="memberIds"
        legend={t('panel.legend')}
        hint={t('panel.hint')}
        options={candidates.map((id) => ({ value: id, label: label(id) }))}
        selected={selected}
        onChange={setSelected}
        error={memberErrors || fieldMessages(problems, 'memberIds')}
        empty={t('panel.noCandidates')}
        scroll
      />
      <FormActions busy={busy} submitLabel={t('panel.save')} onCancel={onCancel} />
    </Form>
  );
}

export function LinkSection({
  round,
  onChanged,
}: {
  round: ContestRound;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation('contests');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const canPropose = round.allowedActions.includes('proposeNextRound');
  const canDecide = round.allowedActions.includes('decideFeeder');
  // Higher rounds the organiser may read that accept advancement: the candidates to propose.
  const candidates = useQuery({
    queryKey: ['contest-rounds', round.year],
    queryFn: () =>
      call(api.GET('/api/v1/contests/rounds', { params: { query: { year: round.year } } })),
    enabled: canPropose,
  });
  const options = (candidates.data ?? [])
    .filter((r) => r.acceptsAdvancement && r.id !== round.id)
    .map((r) => ({ value: r.id, label: `${r.organisationName} · ${r.title}` }));
  const [choice, setChoice] = useState(round.nextRound?.roundId ?? '');
  const { problems, fail, clear } = useFormProblems();

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      await work();
      await onChanged();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, {}));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const propose = async (nextRoundId: string | null) => {
    clear();
    try {
      await call(
        api.PUT('/api/v1/contests/rounds/{id}/next-round', {
          params: { path: { id: round.id } },
          body: { nextRoundId, version: round.version },
        }),
      );
      await onChanged();
      setNotice(t('link.saved'));
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section className="gw-section" aria-labelledby="contest-link">
      <h2 id="contest-link">{t('link.title')}</h2>
      {notice && <Notice>{notice}</Notice>}
      {error && <FormAlert problems={{ fields: {}, error }} onReload={() => void onChanged()} />}
      <h3>{t('link.next')}</h3>
      {round.nextRound ? (
        <p>
          <Link to={`/contests/${round.nextRound.roundId}`}>
            {round.nextRound.organisationName} · {round.nextRound.title}
          </Link>{' '}
          <Badge tone={round.nextRound.linkStatus === 'ACCEPTED' ? 'success' : 'info'}>
            {t(`linkStatus.${round.nextRound.linkStatus}`)}
          </Badge>{' '}
          <RoundStatusBadge status={round.nextRound.status} />
        </p>
      ) : (
        <p>{t('link.noNext')}</p>
      )}
      {canPropose && (
        <Form
          problems={problems}
          onSubmit={() => void propose(choice || null)}
          onReload={() => void onChanged()}
          label={t('link.propose')}
        >
          <SelectField
            name="nextRoundId"
            label={t('link.propose')}
            hint={options.length ? t('link.proposeHint') : t('link.noCandidates')}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            placeholder={t('link.choose')}
            options={options}
          />
          <div className="gw-form-actions">
            <button type="submit" className="krds-btn primary" disabled={!choice}>
              {t('link.save')}
            </button>
            {round.nextRound && (
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => void propose(null)}
              >
                {t('link.withdraw')}
              </button>
            )}
          </div>
        </Form>
      )}
      {round.relation.organiser && (
        <>
          <h3>{t('link.feeders')}</h3>
          {round.feeders.length === 0 ? (
            <p>{t('link.noFeeders')}</p>
          ) : (
            <Table
              caption={t('link.feedersCaption')}
              head={[t('list.round'), t('list.organiser'), t('list.state'), t('entries.actions')]}
            >
              {round.feeders.map((f) => (
                <tr key={f.roundId}>
                  <td>{f.title}</td>
                  <td>{f.organisationName}</td>
                  <td>
                    <Badge tone={f.linkStatus === 'ACCEPTED' ? 'success' : 'info'}>
                      {t(`linkStatus.${f.linkStatus}`)}
                    </Badge>
                  </td>
                  <td>
                    {canDecide && f.linkStatus === 'PROPOSED' && (
                      <span className="gw-ct-inline">
                        {(['accept', 'decline'] as const).map((decision) => (
                          <button
                            key={decision}
                            type="button"
                            className={`krds-btn small ${decision === 'accept' ? 'primary' : 'secondary'}`}
                            disabled={busy}
                            onClick={() =>
                              void act(() =>
                                call(
                                  api.POST('/api/v1/contests/rounds/{id}/feeders', {
                                    params: { path: { id: round.id } },
                                    body: { feederRoundId: f.roundId, decision },
                                  }),
                                ),
                              ).then((ok) => ok && setNotice(t('link.decided')))
                            }
                          >
                            {t(`link.${decision}`)}
                            <span className="sr-only"> {f.title}</span>
                          </button>
                        ))}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
    </section>
  );
}

export function ResultsSection({ round }: { round: ContestRound }) {
  const { t } = useTranslation('contests');
  const language = currentLanguage();
  const results = useQuery({
    queryKey: ['contest-results', round.id],
    queryFn: () =>
      call(api.GET('/api/v1/contests/rounds/{id}/results', { params: { path: { id: round.id } } })),
  });
  // The next level's round, to say where entries advance to.
  const next = useContestRound(
    round.nextRound?.linkStatus === 'ACCEPTED' ? round.nextRound.roundId : undefined,
  );
  return (
    <section className="gw-section" aria-labelledby="contest-results">
      <h2 id="contest-results">{t('results.title')}</h2>
      {results.isPending ? (
        <Loading />
      ) : results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : results.data.entries.length === 0 ? (
        <Empty>{t('results.empty')}</Empty>
      ) : (
        <>
          <p>{results.data.published ? t('results.published') : t('results.provisional')}</p>
          {results.data.budget && (
            <p
              className={`gw-alert ${results.data.budget.withinBudget ? 'gw-alert--info' : 'gw-alert--warning'}`}
              role="status"
            >
              {t(results.data.budget.withinBudget ? 'results.budgetOk' : 'results.budgetOver', {
                total: formatWon(results.data.budget.prizeTotalKrw, language),
                budget: formatWon(results.data.budget.budgetKrw, language),
              })}
            </p>
          )}
          {round.fields.map((f) => {
            const rows = results.data.entries
              .filter((e) => e.field === f.key)
              .sort((a, b) => a.rank - b.rank);
            if (!rows.length) return null;
            const showScore = rows.some((r) => r.finalScore !== null);
            return (
              <div key={f.key}>
                {round.fields.length > 1 && <h3>{f.label}</h3>}
                <Table
                  caption={t('results.caption', { field: fieldLabel(round, f.key) })}
                  head={[
                    t('results.rank'),
                    t('results.entry'),
                    t('results.entrant'),
                    ...(showScore ? [t('results.score')] : []),
                    t('results.award'),
                    t('results.advances'),
                  ]}
                >
                  {rows.map((r) => (
                    <tr key={r.entryId}>
                      <td className="gw-num">{t('round.rankOne', { rank: r.rank })}</td>
                      <td>
                        <Link to={`/contests/entries/${r.entryId}`}>{r.title}</Link>
                      </td>
                      <td>{r.entrantOrganisationName}</td>
                      {showScore && <td className="gw-num">{formatScore(r.finalScore)}</td>}
                      <td>{awardText(t, r.award)}</td>
                      <td>
                        {r.advances ? (
                          <Badge tone="success">
                            {t('results.advance')}
                            {next.data ? ` · ${next.data.organisationName}` : ''}
                          </Badge>
                        ) : (
                          '–'
                        )}
                      </td>
                    </tr>
                  ))}
                </Table>
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}

export function ExportSection({ round }: { round: ContestRound }) {
  const { t } = useTranslation('contests');
  const { values, set } = useFormValues({ sheet: '', reason: '' });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    setDone(false);
    try {
      const q = new URLSearchParams({ reason: values.reason });
      if (values.sheet) q.set('sheet', values.sheet);
      await download(
        `/api/v1/contests/rounds/${round.id}/export?${q.toString()}`,
        `contest-${round.year}.xlsx`,
      );
      setDone(true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="gw-section" aria-labelledby="contest-export">
      <h2 id="contest-export">{t('export.title')}</h2>
      <p className="form-hint">{t('export.hint')}</p>
      {done && <Notice>{t('export.done')}</Notice>}
      <Form problems={problems} onSubmit={() => void submit()} label={t('export.title')}>
        <SelectField
          name="sheet"
          label={t('export.sheet')}
          value={values.sheet}
          onChange={set('sheet')}
          placeholder={t('export.all')}
          options={(['entries', 'scores', 'results'] as const).map((s) => ({
            value: s,
            label: t(`export.sheets.${s}`),
          }))}
        />
        <TextField
          name="reason"
          label={t('export.reason')}
          required
          maxLength={500}
          placeholder={t('export.reasonPlaceholder')}
          value={values.reason}
          onChange={set('reason')}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('export.submit')}
          </button>
        </div>
      </Form>
    </section>
  );
}
