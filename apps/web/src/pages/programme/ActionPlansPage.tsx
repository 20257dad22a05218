// /action-plans?year= — the organisation's 실행계획 of a year (everyone of the organisation reads
// them): status, version, directions, measures and progress; the proactive office opens the
// year's plan with a small form and lands on it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { TextField, useFormValues } from '../../components/forms';
import { Badge, Dialog, Empty, ErrorState, Loading, PageHeader, Table } from '../../components/ui';
import { formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import './plan-messages';
import { ActionForm, optional, YearFilter, yearParam } from './shared';

export default function ActionPlansPage() {
  const { t } = useTranslation('actionPlans');
  const { hasRole } = useAuth();
  const [sp, setSp] = useSearchParams();
  const year = yearParam(sp);
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['action-plans', 'list', year],
    queryFn: () => call(api.GET('/api/v1/action-plans', { params: { query: { year } } })),
  });
  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
        actions={
          hasRole('PROACTIVE_OFFICE') ? (
            <button type="button" className="krds-btn primary" onClick={() => setOpen(true)}>
              {t('list.new')}
            </button>
          ) : undefined
        }
      />
      <YearFilter
        key={year}
        year={year}
        label={t('list.year')}
        onApply={(y) => setSp({ year: String(y) })}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>{t('list.empty')}</Empty>
      ) : (
        <Table
          caption={t('list.caption', { count: list.data.length })}
          head={[
            t('list.planTitle'),
            t('list.year'),
            t('list.status'),
            t('list.planVersion'),
            t('list.directions'),
            t('list.measures'),
            t('list.progress'),
          ]}
        >
          {list.data.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/action-plans/${p.id}`}>{p.title}</Link>
              </td>
              <td className="gw-pg-num">{p.year}</td>
              <td>
                <Badge tone={p.status === 'APPROVED' ? 'success' : 'info'}>
                  {t(`status.${p.status}`)}
                </Badge>
              </td>
              <td className="gw-pg-num">{p.planVersion}</td>
              <td className="gw-pg-num">{p.directions}</td>
              <td className="gw-pg-num">{p.measures}</td>
              <td className="gw-pg-num">{formatPercent(p.progress.share)}</td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog open={open} title={t('form.title')} onClose={() => setOpen(false)}>
        <NewPlanForm year={year} onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function NewPlanForm({ year, onCancel }: { year: number; onCancel: () => void }) {
  const { t } = useTranslation('actionPlans');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { values, set } = useFormValues({ year: String(year), title: '' });
  return (
    <ActionForm
      label={t('form.title')}
      submitLabel={t('form.submit')}
      onCancel={onCancel}
      onReload={async () => {}}
      run={async () => {
        const created = await call(
          api.POST('/api/v1/action-plans', {
            body: { year: Number(values.year), ...optional('title', values.title) },
          }),
        );
        queryClient.setQueryData(['action-plans', created.id, 'current'], created);
        void queryClient.invalidateQueries({ queryKey: ['action-plans', 'list'] });
        void navigate(`/action-plans/${created.id}`, { state: { created: true } });
      }}
    >
      <TextField
        name="year"
        type="number"
        min={2000}
        max={2100}
        inputMode="numeric"
        label={t('form.year')}
        required
        value={values.year}
        onChange={set('year')}
      />
      <TextField
        name="title"
        label={t('form.planTitle')}
        hint={t('form.planTitleHint')}
        maxLength={200}
        value={values.title}
        onChange={set('title')}
      />
    </ActionForm>
  );
}
