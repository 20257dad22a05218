// /education — the year's 적극행정 education sessions (title, kind, date, hours, online/offline,
// attendees), the year kept in the URL; the proactive office registers a session in a dialog.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { SelectField, TextAreaField, TextField, useFormValues } from '../../components/forms';
import { Dialog, Empty, ErrorState, Loading, Notice, PageHeader, Table } from '../../components/ui';
import { formatDate, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import { ActionForm, optional, YearFilter, yearParam } from './shared';

const KINDS = ['ALL_STAFF', 'LEADERSHIP', 'NEW_STAFF', 'OTHER'] as const;
const DELIVERIES = ['OFFLINE', 'ONLINE'] as const;

export default function EducationPage() {
  const { t } = useTranslation('programme');
  const { hasRole } = useAuth();
  const [sp, setSp] = useSearchParams();
  const year = yearParam(sp);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['education', 'sessions', year],
    queryFn: () => call(api.GET('/api/v1/education/sessions', { params: { query: { year } } })),
  });
  const canRegister = hasRole('PROACTIVE_OFFICE');

  return (
    <>
      <PageHeader
        title={t('education.title')}
        crumbs={[{ label: t('education.title') }]}
        description={t('education.description')}
        actions={
          <>
            <Link className="krds-btn secondary" to={`/education/completion?year=${year}`}>
              {t('education.completionLink')}
            </Link>
            {canRegister && (
              <button
                type="button"
                className="krds-btn primary"
                onClick={() => {
                  setNotice(null);
                  setOpen(true);
                }}
              >
                {t('education.form.open')}
              </button>
            )}
          </>
        }
      />
      {notice && <Notice>{notice}</Notice>}
      <YearFilter
        key={year}
        year={year}
        label={t('common.year')}
        onApply={(y) => setSp({ year: String(y) })}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>{t('education.empty')}</Empty>
      ) : (
        <Table
          caption={t('education.caption', { year, count: list.data.length })}
          head={[
            t('education.col.title'),
            t('education.col.kind'),
            t('education.col.date'),
            t('education.col.hours'),
            t('education.col.delivery'),
            t('education.col.place'),
            t('education.col.attendees'),
          ]}
        >
          {list.data.map((s) => (
            <tr key={s.id}>
              <td>
                <Link to={`/education/sessions/${s.id}`}>{s.title}</Link>
              </td>
              <td>{t(`education.kind.${s.kind}`)}</td>
              <td className="gw-pg-nowrap">{formatDate(s.sessionDate)}</td>
              <td className="gw-pg-num">{t('common.hours', { count: s.hours })}</td>
              <td>{t(`education.delivery.${s.delivery}`)}</td>
              <td>{s.place || '–'}</td>
              <td className="gw-pg-num">{t('common.people', { count: s.attendeeCount })}</td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog open={open} title={t('education.form.open')} onClose={() => setOpen(false)}>
        <SessionForm
          onCancel={() => setOpen(false)}
          onDone={async (sessionYear) => {
            setOpen(false);
            await queryClient.invalidateQueries({ queryKey: ['education'] });
            setNotice(t('education.form.created'));
            if (sessionYear !== year) setSp({ year: String(sessionYear) });
          }}
        />
      </Dialog>
    </>
  );
}

function SessionForm({
  onCancel,
  onDone,
}: {
  onCancel: () => void;
  onDone: (year: number) => Promise<void>;
}) {
  const { t } = useTranslation('programme');
  const { values, set } = useFormValues({
    title: '',
    kind: 'ALL_STAFF',
    sessionDate: seoulToday(),
    hours: '2',
    delivery: 'OFFLINE',
    place: '',
    notes: '',
  });
  return (
    <ActionForm
      label={t('education.form.open')}
      submitLabel={t('education.form.submit')}
      onCancel={onCancel}
      onReload={async () => {}}
      run={async () => {
        const created = await call(
          api.POST('/api/v1/education/sessions', {
            body: {
              title: values.title,
              kind: values.kind as (typeof KINDS)[number],
              sessionDate: values.sessionDate,
              hours: Number(values.hours),
              delivery: values.delivery as (typeof DELIVERIES)[number],
              ...optional('place', values.place),
              ...optional('notes', values.notes),
            },
          }),
        );
        await onDone(Number(created.sessionDate.slice(0, 4)));
      }}
    >
      <TextField
        name="title"
        label={t('education.form.title')}
        required
        maxLength={200}
        value={values.title}
        onChange={set('title')}
      />
      <div className="gw-form-row">
        <SelectField
          name="kind"
          label={t('education.form.kind')}
          required
          value={values.kind}
          onChange={set('kind')}
          options={KINDS.map((k) => ({ value: k, label: t(`education.kind.${k}`) }))}
        />
        <SelectField
          name="delivery"
          label={t('education.form.delivery')}
          required
          value={values.delivery}
          onChange={set('delivery')}
          options={DELIVERIES.map((k) => ({ value: k, label: t(`education.delivery.${k}`) }))}
        />
      </div>
      <div className="gw-form-row">
        <TextField
          name="sessionDate"
          type="date"
          label={t('education.form.sessionDate')}
          required
          value={values.sessionDate}
          onChange={set('sessionDate')}
        />
        <TextField
          name="hours"
          type="number"
          min={0.5}
          step={0.5}
          inputMode="decimal"
          label={t('education.form.hours')}
          hint={t('education.form.hoursHint')}
          required
          value={values.hours}
          onChange={set('hours')}
        />
      </div>
      <TextField
        name="place"
        label={t('education.form.place')}
        maxLength={200}
        value={values.place}
        onChange={set('place')}
      />
      <TextAreaField
        name="notes"
        label={t('education.form.notes')}
        maxLength={2000}
        rows={3}
        value={values.notes}
        onChange={set('notes')}
      />
    </ActionForm>
  );
}
