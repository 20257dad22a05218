// Read-mostly sections of a round: committee progress, results per nomination type, incentives
// (grant within the limits, HR execution) and the export of the results.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, download } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  FormActions,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { Badge, Dialog, Empty, ErrorState, Loading, Notice, Table } from '../../components/ui';
import { formatDate, formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import {
  formatScore,
  gradeLabel,
  type Incentive,
  INCENTIVE_TYPES,
  type Incentives,
  NOMINATION_TYPES,
  type Nomination,
  nomineeNames,
  type Round,
} from './shared';

export function ProgressSection({ round }: { round: Round }) {
  const { t } = useTranslation('evaluations');
  const progress = useQuery({
    queryKey: ['evaluation-progress', round.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/evaluation-rounds/{id}/progress', { params: { path: { id: round.id } } }),
      ),
  });
  return (
    <section className="gw-section" aria-labelledby="round-progress">
      <h2 id="round-progress">{t('progress.title')}</h2>
      {progress.isPending ? (
        <Loading />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : progress.data.members.length === 0 ? (
        <Empty>{t('progress.empty')}</Empty>
      ) : (
        <>
          <p>
            {t('progress.summary', {
              scored: progress.data.sheetsScored,
              owed: progress.data.sheetsOwed,
              completion: formatPercent(progress.data.completion, { isPercent: true }),
            })}
          </p>
          <progress
            className="gw-eval-progress"
            max={100}
            value={progress.data.completion}
            aria-label={t('progress.title')}
          />
          <Table
            caption={t('progress.caption')}
            head={[
              t('progress.member'),
              t('progress.owed'),
              t('progress.scored'),
              t('progress.conflicts'),
            ]}
          >
            {progress.data.members.map((m) => (
              <tr key={m.memberId}>
                <td>{m.name}</td>
                <td className="gw-num">{m.owed}</td>
                <td className="gw-num">{m.scored}</td>
                <td className="gw-num">{m.conflicts}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </section>
  );
}

export function ResultsSection({
  round,
  nominations,
}: {
  round: Round;
  nominations: Nomination[];
}) {
  const { t } = useTranslation('evaluations');
  const ranked = nominations.filter((n) => n.results?.rank != null);
  return (
    <section className="gw-section" aria-labelledby="round-results">
      <h2 id="round-results">{t('results.title')}</h2>
      {ranked.length === 0 ? (
        <Empty>{t('results.empty')}</Empty>
      ) : (
        <>
          <p>{round.status === 'CONFIRMED' ? t('results.confirmed') : t('results.provisional')}</p>
          {NOMINATION_TYPES.map((type) => {
            const rows = ranked
              .filter((n) => n.type === type)
              .sort((a, b) => (a.results?.rank ?? 0) - (b.results?.rank ?? 0));
            if (!rows.length) return null;
            const typeLabel = t(`nominationType.${type}`);
            return (
              <div key={type}>
                <h3>{typeLabel}</h3>
                <Table
                  caption={t('results.caption', { type: typeLabel })}
                  head={[
                    t('results.rank'),
                    t('results.nomination'),
                    t('results.nominees'),
                    t('results.score'),
                    t('results.grade'),
                  ]}
                >
                  {rows.map((n) => (
                    <tr key={n.id}>
                      <td className="gw-num">
                        {t('results.rankValue', { rank: n.results?.rank })}
                      </td>
                      <td>
                        <Link to={`/nominations/${n.id}`}>{n.title}</Link>
                      </td>
                      <td>{nomineeNames(n)}</td>
                      <td className="gw-num">{formatScore(n.results?.finalScore)}</td>
                      <td>{gradeLabel(t, n.results?.grade ?? null, n.results?.gradeLabel)}</td>
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

export function IncentivesSection({ round }: { round: Round }) {
  const { t } = useTranslation('evaluations');
  const { hasRole } = useAuth();
  const office = hasRole('PROACTIVE_OFFICE');
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [updating, setUpdating] = useState<Incentive | null>(null);
  const incentives = useQuery({
    queryKey: ['incentives', round.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/evaluation-rounds/{id}/incentives', {
          params: { path: { id: round.id } },
        }),
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['incentives', round.id] });
  const typeLabel = (x: string) => t(`incentiveType.${x}`);

  return (
    <section className="gw-section" aria-labelledby="round-incentives">
      <h2 id="round-incentives">{t('incentives.title')}</h2>
      {incentives.isPending ? (
        <Loading />
      ) : incentives.isError ? (
        <ErrorState error={incentives.error} onRetry={() => void incentives.refetch()} />
      ) : (
        <>
          <p>
            {t('incentives.limits', {
              min: incentives.data.min,
              max: incentives.data.max,
              owner: incentives.data.maxTaskOwner,
            })}
          </p>
          {notice && <Notice>{notice}</Notice>}
          {incentives.data.officials.length === 0 ? (
            <Empty>{t('incentives.noOfficials')}</Empty>
          ) : (
            <Table
              caption={t('incentives.officialsCaption')}
              head={[
                t('incentives.official'),
                t('incentives.grade'),
                t('incentives.preferred'),
                t('incentives.granted'),
                t('incentives.status'),
              ]}
            >
              {incentives.data.officials.map((o) => (
                <tr key={`${o.nominationId}:${o.userId}`}>
                  <td>{o.name}</td>
                  <td>{gradeLabel(t, o.grade)}</td>
                  <td>
                    {o.preferred.length
                      ? o.preferred.map(typeLabel).join(', ')
                      : t('incentives.none')}
                  </td>
                  <td className="gw-num">{t('incentives.grantedValue', { count: o.granted })}</td>
                  <td>
                    {o.belowMinimum ? (
                      <Badge tone="warning">{t('incentives.belowMinimum')}</Badge>
                    ) : (
                      <Badge tone="success">{t('incentives.enough')}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
          {office &&
            incentives.data.officials.map((o) => (
              <GrantForm
                key={`${o.nominationId}:${o.userId}`}
                roundId={round.id}
                official={o}
                onDone={async () => {
                  await refresh();
                  setNotice(t('incentives.grantedNotice'));
                }}
              />
            ))}
          <h3>{t('incentives.grantsCaption')}</h3>
          {incentives.data.grants.length === 0 ? (
            <Empty>{t('incentives.noGrants')}</Empty>
          ) : (
            <Table
              caption={t('incentives.grantsCaption')}
              head={[
                t('incentives.official'),
                t('incentives.department'),
                t('incentives.type'),
                t('incentives.detail'),
                t('incentives.grantedAt'),
                t('incentives.status'),
                t('incentives.hrNote'),
                ...(office ? [t('incentives.actions')] : []),
              ]}
            >
              {incentives.data.grants.map((g) => (
                <tr key={g.id}>
                  <td>{g.userName}</td>
                  <td>{g.departmentName}</td>
                  <td>{typeLabel(g.incentiveType)}</td>
                  <td>{g.detail ?? '–'}</td>
                  <td>{formatDate(g.grantedAt)}</td>
                  <td>
                    <Badge
                      tone={
                        g.status === 'EXECUTED'
                          ? 'success'
                          : g.status === 'CANCELLED'
                            ? 'neutral'
                            : 'info'
                      }
                    >
                      {t(`incentiveStatus.${g.status}`)}
                    </Badge>
                  </td>
                  <td>{g.hrNote ?? '–'}</td>
                  {office && (
                    <td>
                      {g.status === 'GRANTED' && (
                        <button
                          type="button"
                          className="krds-btn secondary small"
                          onClick={() => {
                            setNotice(null);
                            setUpdating(g);
                          }}
                        >
                          {t('incentives.updateTitle')}
                          <span className="sr-only">
                            {' '}
                            {g.userName} {typeLabel(g.incentiveType)}
                          </span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
      <Dialog
        open={updating !== null}
        title={t('incentives.updateTitle')}
        onClose={() => setUpdating(null)}
      >
        {updating && (
          <GrantUpdateForm
            grant={updating}
            onCancel={() => setUpdating(null)}
            onReload={async () => {
              const fresh = await queryClient.fetchQuery({
                queryKey: ['incentives', round.id],
                queryFn: () =>
                  call(
                    api.GET('/api/v1/evaluation-rounds/{id}/incentives', {
                      params: { path: { id: round.id } },
                    }),
                  ),
              });
              return fresh.grants.find((g) => g.id === updating.id) ?? updating;
            }}
            onDone={async () => {
              setUpdating(null);
              await refresh();
              setNotice(t('incentives.updated'));
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function GrantForm({
  roundId,
  official,
  onDone,
}: {
  roundId: string;
  official: Incentives['officials'][number];
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('evaluations');
  const { values, set, setValues } = useFormValues({
    incentiveType: official.preferred[0] ?? '',
    detail: '',
  });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.POST('/api/v1/evaluation-rounds/{id}/incentives', {
          params: { path: { id: roundId } },
          body: {
            nominationId: official.nominationId,
            userId: official.userId,
            incentiveType: values.incentiveType,
            detail: values.detail.trim() || undefined,
          },
        }),
      );
      setValues((v) => ({ ...v, detail: '' }));
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const legend = t('incentives.grantLegend', { name: official.name });
  return (
    <Form problems={problems} onSubmit={() => void submit()} label={legend}>
      <fieldset className="gw-group">
        <legend>{legend}</legend>
        <div className="gw-eval-grant">
          <SelectField
            name="incentiveType"
            label={t('incentives.type')}
            required
            value={values.incentiveType}
            onChange={set('incentiveType')}
            placeholder={t('nominations.choose')}
            options={INCENTIVE_TYPES.map((x) => ({ value: x, label: t(`incentiveType.${x}`) }))}
          />
          <TextField
            name="detail"
            label={t('incentives.detail')}
            maxLength={500}
            value={values.detail}
            onChange={set('detail')}
          />
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('incentives.grantSubmit')}
            <span className="sr-only"> {official.name}</span>
          </button>
        </div>
      </fieldset>
    </Form>
  );
}

function GrantUpdateForm({
  grant,
  onDone,
  onCancel,
  onReload,
}: {
  grant: Incentive;
  onDone: () => Promise<void>;
  onCancel: () => void;
  onReload: () => Promise<Incentive>;
}) {
  const { t } = useTranslation('evaluations');
  const [version, setVersion] = useState(grant.version);
  const { values, set } = useFormValues({ status: 'EXECUTED', hrNote: grant.hrNote ?? '' });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.PATCH('/api/v1/incentives/{id}', {
          params: { path: { id: grant.id } },
          body: {
            status: values.status as 'EXECUTED' | 'CANCELLED',
            hrNote: values.hrNote.trim() || undefined,
            version,
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
    <Form
      problems={problems}
      onSubmit={() => void submit()}
      onReload={() =>
        void onReload().then((g) => {
          setVersion(g.version);
          clear();
        })
      }
      label={t('incentives.updateTitle')}
    >
      <p>
        <strong>
          {grant.userName} · {t(`incentiveType.${grant.incentiveType}`)}
        </strong>
      </p>
      <SelectField
        name="status"
        label={t('incentives.updateStatus')}
        required
        value={values.status}
        onChange={set('status')}
        options={(['EXECUTED', 'CANCELLED'] as const).map((s) => ({
          value: s,
          label: t(`incentiveStatus.${s}`),
        }))}
      />
      <TextAreaField
        name="hrNote"
        label={t('incentives.hrNote')}
        maxLength={2000}
        rows={3}
        value={values.hrNote}
        onChange={set('hrNote')}
      />
      <FormActions busy={busy} submitLabel={t('incentives.updateSubmit')} onCancel={onCancel} />
    </Form>
  );
}

export function ExportSection({ round }: { round: Round }) {
  const { t } = useTranslation('evaluations');
  const { values, set } = useFormValues({ format: 'xlsx', sheet: '', reason: '' });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    setDone(false);
    try {
      const q = new URLSearchParams({ format: values.format, reason: values.reason });
      if (values.sheet) q.set('sheet', values.sheet);
      await download(
        `/api/v1/evaluation-rounds/${round.id}/export?${q.toString()}`,
        `evaluation-${round.year}.${values.format}`,
      );
      setDone(true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="gw-section" aria-labelledby="round-export">
      <h2 id="round-export">{t('export.title')}</h2>
      <p className="form-hint">{t('export.hint')}</p>
      {done && <Notice>{t('export.done')}</Notice>}
      <Form problems={problems} onSubmit={() => void submit()} label={t('export.title')}>
        <div className="gw-form-row">
          <SelectField
            name="format"
            label={t('export.format')}
            required
            value={values.format}
            onChange={set('format')}
            options={[
              { value: 'xlsx', label: 'XLSX' },
              { value: 'csv', label: 'CSV' },
            ]}
          />
          <SelectField
            name="sheet"
            label={t('export.sheet')}
            value={values.sheet}
            onChange={set('sheet')}
            placeholder={t('export.allSheets')}
            options={(['results', 'incentives', 'awards'] as const).map((s) => ({
              value: s,
              label: t(`export.sheets.${s}`),
            }))}
          />
        </div>
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
