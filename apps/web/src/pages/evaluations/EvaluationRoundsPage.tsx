// /evaluations: the organisation's evaluation rounds and contests by year; the proactive
// administration office opens a new round with its schedule (its rules come from the settings).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  FormActions,
  SelectField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { Dialog, Empty, ErrorState, Loading, PageHeader, Table } from '../../components/ui';
import { formatDate, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import { ROUND_KINDS, RoundStatusBadge } from './shared';

const thisYear = () => Number(seoulToday().slice(0, 4));

export default function EvaluationRoundsPage() {
  const { t } = useTranslation('evaluations');
  const { hasRole } = useAuth();
  const [year, setYear] = useState('');
  const [opening, setOpening] = useState(false);
  const rounds = useQuery({
    queryKey: ['evaluation-rounds', year],
    queryFn: () =>
      call(
        api.GET('/api/v1/evaluation-rounds', {
          params: { query: year ? { year: Number(year) } : {} },
        }),
      ),
  });
  const current = thisYear();
  const years = Array.from({ length: 7 }, (_, i) => String(current + 1 - i));
  const office = hasRole('PROACTIVE_OFFICE');

  return (
    <>
      <PageHeader
        title={t('rounds.title')}
        crumbs={[{ label: t('rounds.title') }]}
        description={t('rounds.description')}
        actions={
          office && (
            <button type="button" className="krds-btn primary" onClick={() => setOpening(true)}>
              {t('rounds.open')}
            </button>
          )
        }
      />
      <div className="gw-filters">
        <SelectField
          name="year"
          label={t('rounds.filterLabel')}
          value={year}
          onChange={(e) => setYear(e.target.value)}
          placeholder={t('rounds.allYears')}
          options={years.map((y) => ({ value: y, label: y }))}
        />
      </div>
      {rounds.isPending ? (
        <Loading />
      ) : rounds.isError ? (
        <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : rounds.data.length === 0 ? (
        <Empty>{t('rounds.empty')}</Empty>
      ) : (
        <Table
          caption={t('rounds.caption')}
          head={[
            t('rounds.colTitle'),
            t('rounds.colKind'),
            t('rounds.colYear'),
            t('rounds.colStatus'),
            t('rounds.colNominations'),
            t('rounds.colScoringDue'),
            t('rounds.colResolution'),
          ]}
        >
          {rounds.data.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/evaluations/${r.id}`}>{r.title}</Link>
              </td>
              <td>{t(`kind.${r.kind}`)}</td>
              <td>{r.year}</td>
              <td>
                <RoundStatusBadge status={r.status} />
              </td>
              <td>
                {t('rounds.range', {
                  from: formatDate(r.nominationsOpen),
                  to: formatDate(r.nominationsClose),
                })}
              </td>
              <td>{formatDate(r.scoringDue)}</td>
              <td>{formatDate(r.resolutionDate)}</td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog open={opening} title={t('rounds.openTitle')} onClose={() => setOpening(false)}>
        <OpenRoundForm onCancel={() => setOpening(false)} />
      </Dialog>
    </>
  );
}

function OpenRoundForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('evaluations');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const y = thisYear();
  const { values, set } = useFormValues({
    kind: 'ANNUAL',
    year: String(y),
    title: '',
    nominationsOpen: `${y}-11-01`,
    nominationsClose: `${y}-11-20`,
    scoringDue: `${y}-12-05`,
    resolutionDate: `${y}-12-12`,
  });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const round = await call(
        api.POST('/api/v1/evaluation-rounds', {
          body: {
            kind: values.kind as (typeof ROUND_KINDS)[number],
            year: Number(values.year),
            title: values.title,
            nominationsOpen: values.nominationsOpen,
            nominationsClose: values.nominationsClose,
            scoringDue: values.scoringDue,
            resolutionDate: values.resolutionDate,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['evaluation-rounds'] });
      void navigate(`/evaluations/${round.id}`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form problems={problems} onSubmit={() => void submit()} label={t('rounds.openTitle')}>
      <p className="form-hint">{t('rounds.openHint')}</p>
      <div className="gw-form-row">
        <SelectField
          name="kind"
          label={t('rounds.kindField')}
          required
          value={values.kind}
          onChange={set('kind')}
          options={ROUND_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <TextField
          name="year"
          type="number"
          label={t('rounds.year')}
          required
          min={2000}
          max={2100}
          value={values.year}
          onChange={set('year')}
        />
      </div>
      <TextField
        name="title"
        label={t('rounds.titleField')}
        required
        maxLength={200}
        placeholder={t('rounds.titlePlaceholder')}
        value={values.title}
        onChange={set('title')}
      />
      <div className="gw-form-row">
        <TextField
          name="nominationsOpen"
          type="date"
          label={t('rounds.nominationsOpen')}
          required
          value={values.nominationsOpen}
          onChange={set('nominationsOpen')}
        />
        <TextField
          name="nominationsClose"
          type="date"
          label={t('rounds.nominationsClose')}
          required
          value={values.nominationsClose}
          onChange={set('nominationsClose')}
        />
      </div>
      <div className="gw-form-row">
        <TextField
          name="scoringDue"
          type="date"
          label={t('rounds.scoringDue')}
          required
          value={values.scoringDue}
          onChange={set('scoringDue')}
        />
        <TextField
          name="resolutionDate"
          type="date"
          label={t('rounds.resolutionDate')}
          required
          value={values.resolutionDate}
          onChange={set('resolutionDate')}
        />
      </div>
      <FormActions busy={busy} submitLabel={t('rounds.submit')} onCancel={onCancel} />
    </Form>
  );
}
