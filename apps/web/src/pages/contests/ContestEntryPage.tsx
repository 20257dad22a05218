// /contests/entries/:id — one entry: what was entered (officials, department, task), its
// attachments (upload before screening by the entrant's office; download), screening (accept or
// reject per allowedActions), a judge's score sheet, the score sheets for the organiser, the
// result, the entry it advanced from or to (with the higher level's result), and its history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, call, download, upload } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Form, FormActions, FormAlert, TextField, useFormProblems } from '../../components/forms';
import { RecordHistory } from '../../components/RecordHistory';
import {
  Dialog,
  Empty,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { formatDateTime, formatWon } from '../../format';
import { currentLanguage, useTranslation } from '../../i18n';
import { RejectForm } from './RoundEntries';
import {
  awardText,
  type ContestEntry,
  EntryStateBadge,
  fieldLabel,
  formatScore,
  RoundStatusBadge,
  useContestRound,
} from './shared';

export default function ContestEntryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('contests');
  const { user, hasRole } = useAuth();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const key = ['contest-entry', id];
  const entry = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/contests/entries/{id}', { params: { path: { id } } })),
  });
  const round = useContestRound(entry.data?.roundId);
  const crumbs = [{ label: t('title'), to: '/contests' }, { label: t('entry.crumb') }];
  if (entry.isPending || entry.isError) {
    return (
      <>
        <PageHeader title={t('entry.crumb')} crumbs={crumbs} />
        {entry.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />
        )}
      </>
    );
  }
  const e = entry.data;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['contest-entry', id, 'history'] }),
      queryClient.invalidateQueries({ queryKey: ['contest-entries', e.roundId] }),
    ]);
  const act = async (work: () => Promise<unknown>, ok: string) => {
    setNotice(null);
    setError(null);
    try {
      await work();
      await refresh();
      setNotice(ok);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, {}));
    }
  };
  const canUpload =
    e.status === 'SUBMITTED' &&
    hasRole('PROACTIVE_OFFICE') &&
    user?.organisationId === e.entrantOrganisationId;
  const r = e.result;

  return (
    <>
      <PageHeader
        title={e.title}
        crumbs={[
          { label: t('title'), to: '/contests' },
          ...(round.data ? [{ label: round.data.title, to: `/contests/${e.roundId}` }] : []),
          { label: t('entry.crumb') },
        ]}
      />
      {notice && <Notice>{notice}</Notice>}
      {error && <FormAlert problems={{ fields: {}, error }} onReload={() => void refresh()} />}
      <section className="gw-section" aria-labelledby="entry-overview">
        <h2 id="entry-overview">{t('entry.overview')}</h2>
        <Facts
          items={[
            [t('entry.state'), <EntryStateBadge key="s" state={e.status} />],
            [
              t('entry.round'),
              <Link key="r" to={`/contests/${e.roundId}`}>
                {round.data
                  ? `${round.data.organisationName} · ${round.data.title}`
                  : t('entry.round')}
              </Link>,
            ],
            [t('entry.entrant'), e.entrantOrganisationName],
            [t('entry.department'), e.departmentName],
            [t('entry.field'), fieldLabel(round.data, e.field)],
            [t('entry.submittedAt'), formatDateTime(e.submittedAt)],
            [t('entry.officials'), e.officials.map((o) => o.name).join(', ')],
            ...(e.taskId
              ? [
                  [
                    t('entry.task'),
                    <Link key="t" to={`/tasks/${e.taskId}`}>
                      {t('entry.task')}
                    </Link>,
                  ] as [string, React.ReactNode],
                ]
              : []),
            ...(e.rejectionReason
              ? [[t('entry.rejection'), e.rejectionReason] as [string, string]]
              : []),
          ]}
        />
        {e.summary && (
          <>
            <h3>{t('entry.summary')}</h3>
            <p className="gw-ct-text">{e.summary}</p>
          </>
        )}
        {(e.allowedActions.includes('accept') || e.allowedActions.includes('reject')) && (
          <div className="gw-ct-actions">
            {e.allowedActions.includes('accept') && (
              <button
                type="button"
                className="krds-btn primary"
                onClick={() =>
                  void act(
                    () =>
                      call(
                        api.POST('/api/v1/contests/entries/{id}/screening', {
                          params: { path: { id } },
                          body: { decision: 'accept', version: e.version },
                        }),
                      ),
                    t('entries.screeningDone'),
                  )
                }
              >
                {t('entries.accept')}
              </button>
            )}
            {e.allowedActions.includes('reject') && (
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => setRejecting(true)}
              >
                {t('entries.reject')}
              </button>
            )}
          </div>
        )}
      </section>

      <section className="gw-section" aria-labelledby="entry-result">
        <h2 id="entry-result">{t('entry.result')}</h2>
        {r && r.rank !== null ? (
          <Facts
            items={[
              [t('entry.rank'), t('round.rankOne', { rank: r.rank })],
              ...(r.finalScore !== null
                ? [[t('entry.score'), formatScore(r.finalScore)] as [string, string]]
                : []),
              [t('entry.award'), r.award?.award ?? '–'],
              ...(r.award
                ? ([
                    [t('entry.commendation'), r.award.commendation ?? '–'],
                    [t('entry.prize'), formatWon(r.award.prizeKrw, language)],
                    [t('entry.bonus'), String(r.award.bonusPoints)],
                  ] as Array<[string, string]>)
                : []),
              [t('results.advances'), r.advances ? t('round.yes') : t('round.no')],
            ]}
          />
        ) : (
          <p>{t('entry.noResult')}</p>
        )}
        {e.advancedFrom && (
          <>
            <h3>{t('entry.advancedFrom')}</h3>
            <p>
              <Link to={`/contests/entries/${e.advancedFrom.entryId}`}>
                {t('entry.linkValue', {
                  org: e.advancedFrom.organisationName,
                  round: e.advancedFrom.roundTitle,
                })}
              </Link>{' '}
              {e.advancedFrom.rank !== null && t('round.rankOne', { rank: e.advancedFrom.rank })}{' '}
              {awardText(t, e.advancedFrom.award)}
            </p>
          </>
        )}
        {e.advancedTo && (
          <>
            <h3>{t('entry.advancedTo')}</h3>
            <p>
              <Link to={`/contests/entries/${e.advancedTo.entryId}`}>
                {t('entry.linkValue', {
                  org: e.advancedTo.organisationName,
                  round: e.advancedTo.roundTitle,
                })}
              </Link>{' '}
              <RoundStatusBadge status={e.advancedTo.roundStatus} />{' '}
              <EntryStateBadge state={e.advancedTo.status} />
            </p>
            <p>
              {t('entry.higherResult')}:{' '}
              {e.advancedTo.rank !== null
                ? `${t('round.rankOne', { rank: e.advancedTo.rank })} · ${awardText(t, e.advancedTo.award)}`
                : t('entry.notYet')}
            </p>
          </>
        )}
      </section>

      <section className="gw-section" aria-labelledby="entry-attachments">
        <h2 id="entry-attachments">{t('entry.attachments')}</h2>
        {e.attachments.length === 0 ? (
          <Empty>{t('entry.noAttachments')}</Empty>
        ) : (
          <Table
            caption={t('entry.attachmentsCaption')}
            head={[
              t('entry.fileName'),
              t('entry.size'),
              t('entry.uploadedBy'),
              t('entry.uploadedAt'),
            ]}
          >
            {e.attachments.map((a) => (
              <tr key={a.id}>
                <td>
                  <button
                    type="button"
                    className="krds-btn text"
                    onClick={() =>
                      void download(
                        `/api/v1/contests/entries/${id}/attachments/${a.id}`,
                        a.fileName,
                      ).catch((err: unknown) =>
                        setError(err instanceof ApiError ? err : new ApiError(0, {})),
                      )
                    }
                  >
                    {a.fileName}
                    <span className="sr-only"> {t('entry.download')}</span>
                  </button>
                </td>
                <td className="gw-num">{Math.max(1, Math.round(a.sizeBytes / 1024))} KB</td>
                <td>{a.uploadedByName}</td>
                <td>{formatDateTime(a.createdAt)}</td>
              </tr>
            ))}
          </Table>
        )}
        {canUpload && (
          <div className="gw-field">
            <label htmlFor="entry-upload">{t('entry.upload')}</label>
            <p className="form-hint" id="entry-upload-hint">
              {t('entry.uploadHint')}
            </p>
            <input
              id="entry-upload"
              ref={fileRef}
              type="file"
              aria-describedby="entry-upload-hint"
              onChange={(ev) => {
                const file = ev.target.files?.[0];
                if (!file) return;
                void act(
                  () => upload(`/api/v1/contests/entries/${id}/attachments`, file),
                  t('entry.uploaded'),
                ).then(() => {
                  if (fileRef.current) fileRef.current.value = '';
                });
              }}
            />
          </div>
        )}
      </section>

      {e.myDisqualification && (
        <p className="gw-alert gw-alert--info">
          {t('entry.disqualified', { reason: t(`disqualification.${e.myDisqualification}`) })}
        </p>
      )}
      {e.allowedActions.includes('score') && round.data && (
        <ScoreForm
          entry={e}
          criteria={round.data.criteria}
          onDone={async () => {
            await refresh();
            setNotice(t('entry.scoreSaved'));
          }}
        />
      )}
      {e.sheets && e.sheets.length > 0 && round.data && (
        <section className="gw-section" aria-labelledby="entry-sheets">
          <h2 id="entry-sheets">{t('entry.sheets')}</h2>
          <Table
            caption={t('entry.sheetsCaption')}
            head={[t('entry.member'), ...round.data.criteria.map((c) => c.label), t('entry.total')]}
          >
            {e.sheets.map((s) => (
              <tr key={s.memberId}>
                <td>{s.memberName}</td>
                {round.data.criteria.map((c) => (
                  <td key={c.key} className="gw-num">
                    {formatScore((s.scores as Record<string, number>)[c.key])}
                  </td>
                ))}
                <td className="gw-num">{formatScore(s.total)}</td>
              </tr>
            ))}
          </Table>
        </section>
      )}

      <Dialog open={rejecting} title={t('entries.rejectTitle')} onClose={() => setRejecting(false)}>
        {rejecting && (
          <RejectForm
            entry={e}
            onCancel={() => setRejecting(false)}
            onDone={async () => {
              setRejecting(false);
              await refresh();
              setNotice(t('entries.screeningDone'));
            }}
          />
        )}
      </Dialog>

      <RecordHistory
        queryKey={['contest-entry', id, 'history']}
        load={() =>
          call(api.GET('/api/v1/contests/entries/{id}/history', { params: { path: { id } } }))
        }
        namespace="contests"
        headingId="entry-history"
      />
    </>
  );
}

function ScoreForm({
  entry,
  criteria,
  onDone,
}: {
  entry: ContestEntry;
  criteria: Array<{ key: string; label: string; weight: number }>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('contests');
  const mine = (entry.myScore?.scores ?? {}) as Record<string, number>;
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      criteria.map((c) => [c.key, mine[c.key] === undefined ? '' : String(mine[c.key])]),
    ),
  );
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const total = criteria.reduce((s, c) => s + (Number(scores[c.key]) || 0), 0);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.PUT('/api/v1/contests/entries/{id}/scores', {
          params: { path: { id: entry.id } },
          // The API names a missing or out-of-range score by its criterion (scores.<key>).
          body: {
            scores: Object.fromEntries(
              criteria.map((c) => [c.key, scores[c.key] === '' ? null : Number(scores[c.key])]),
            ) as unknown as Record<string, never>,
          },
        }),
      );
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="gw-section" aria-labelledby="entry-score-title" id="score">
      <h2 id="entry-score-title">{t('entry.scoreTitle')}</h2>
      <p className="form-hint">{t('entry.scoreHint')}</p>
      <Form problems={problems} onSubmit={() => void submit()} label={t('entry.scoreTitle')}>
        <div className="gw-form-row">
          {criteria.map((c) => (
            <TextField
              key={c.key}
              name={`scores.${c.key}`}
              type="number"
              min={0}
              max={c.weight}
              step={0.5}
              label={`${c.label} (${t('round.points', { value: c.weight })})`}
              required
              value={scores[c.key]}
              onChange={(ev) => setScores((s) => ({ ...s, [c.key]: ev.target.value }))}
            />
          ))}
        </div>
        <p aria-live="polite">
          {t('entry.total')}: {formatScore(total)}
        </p>
        <FormActions
          busy={busy}
          submitLabel={t('entry.scoreSubmit')}
          onCancel={() => setScores(Object.fromEntries(criteria.map((c) => [c.key, ''])))}
        />
      </Form>
    </section>
  );
}
