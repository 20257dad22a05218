// /passive-reports — 소극행정 신고 the user may read (the audit unit and the office every report,
// a department its concluded ones), filtered by year and status (kept in the URL), the year's
// statistics for the audit unit and the office, and the receipt form (AUDITOR, PROACTIVE_OFFICE).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  CheckboxField,
  SelectField,
  TextAreaField,
  TextField,
  useFormValues,
} from '../../components/forms';
import { Dialog, Empty, ErrorState, Facts, Loading, PageHeader, Table } from '../../components/ui';
import { formatDate, formatPercent, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import {
  ActionForm,
  optional,
  OverdueBadge,
  PASSIVE_STATUSES,
  type PassiveStatus,
  PassiveStatusBadge,
  useDepartmentOptions,
  YearFilter,
  yearParam,
} from './shared';

const CHANNELS = ['SINMUNGO', 'INTERNAL', 'OTHER'] as const;

export default function PassiveReportsPage() {
  const { t } = useTranslation('programme');
  const { hasRole } = useAuth();
  const [sp, setSp] = useSearchParams();
  const year = yearParam(sp);
  const status = (sp.get('status') ?? '') as PassiveStatus | '';
  const [draftStatus, setDraftStatus] = useState<string>(status);
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['passive-reports', 'list', year, status],
    queryFn: () =>
      call(
        api.GET('/api/v1/passive-reports', {
          params: { query: { year, ...(status ? { status: [status] } : {}) } },
        }),
      ),
  });
  const canReceive = hasRole('AUDITOR', 'PROACTIVE_OFFICE');
  const stats = useQuery({
    queryKey: ['passive-reports', 'statistics', year],
    queryFn: () =>
      call(api.GET('/api/v1/passive-reports/statistics', { params: { query: { year } } })),
    enabled: canReceive,
  });

  return (
    <>
      <PageHeader
        title={t('passive.title')}
        crumbs={[{ label: t('passive.title') }]}
        description={t('passive.description')}
        actions={
          canReceive ? (
            <button type="button" className="krds-btn primary" onClick={() => setOpen(true)}>
              {t('passive.list.new')}
            </button>
          ) : undefined
        }
      />
      <YearFilter
        key={`${year}-${status}`}
        year={year}
        label={t('passive.list.filters')}
        onApply={(y) => setSp({ year: String(y), ...(draftStatus ? { status: draftStatus } : {}) })}
      >
        <SelectField
          name="status"
          label={t('common.status')}
          value={draftStatus}
          placeholder={t('common.all')}
          options={PASSIVE_STATUSES.map((s) => ({ value: s, label: t(`passive.status.${s}`) }))}
          onChange={(e) => setDraftStatus(e.target.value)}
        />
      </YearFilter>
      {canReceive && stats.data && (
        <section className="gw-section" aria-labelledby="pr-stats">
          <h2 id="pr-stats">{t('passive.stats.title', { year })}</h2>
          <Facts
            items={[
              [t('passive.stats.received'), t('common.count', { count: stats.data.received })],
              [
                t('passive.stats.anonymous'),
                `${t('common.count', { count: stats.data.anonymous })} (${formatPercent(stats.data.anonymousShare)})`,
              ],
              [t('passive.stats.open'), t('common.count', { count: stats.data.open })],
              [t('passive.stats.overdue'), t('common.count', { count: stats.data.overdue })],
              [t('passive.stats.concluded'), t('common.count', { count: stats.data.concluded })],
              [t('passive.stats.closed'), t('common.count', { count: stats.data.closed })],
              [
                t('passive.stats.average'),
                stats.data.averageDays === null
                  ? '–'
                  : t('common.days', { count: stats.data.averageDays }),
              ],
            ]}
          />
        </section>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>{t('passive.list.empty')}</Empty>
      ) : (
        <Table
          caption={t('passive.list.caption', { count: list.data.length })}
          head={[
            t('passive.list.number'),
            t('passive.list.content'),
            t('passive.list.receivedOn'),
            t('passive.list.department'),
            t('passive.list.dueDate'),
            t('common.status'),
          ]}
        >
          {list.data.map((r) => (
            <tr key={r.id}>
              <td className="gw-pg-nowrap">
                <Link to={`/passive-reports/${r.id}`}>{r.receiptNumber}</Link>
              </td>
              <td>{r.content}</td>
              <td className="gw-pg-nowrap">{formatDate(r.receivedOn)}</td>
              <td>{r.department.name}</td>
              <td className="gw-pg-nowrap">
                {formatDate(r.effectiveDueDate)} <OverdueBadge overdue={r.overdue} />
              </td>
              <td>
                <PassiveStatusBadge status={r.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog open={open} title={t('passive.form.title')} onClose={() => setOpen(false)}>
        <ReceiveForm onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function ReceiveForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('programme');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const departments = useDepartmentOptions();
  const { values, set } = useFormValues({
    receiptNumber: '',
    receivedOn: seoulToday(),
    channel: 'SINMUNGO',
    anonymous: false,
    reporterName: '',
    reporterContact: '',
    content: '',
    departmentId: '',
  });
  return (
    <ActionForm
      label={t('passive.form.title')}
      submitLabel={t('passive.form.submit')}
      onCancel={onCancel}
      onReload={async () => {}}
      run={async () => {
        const reporter = values.anonymous
          ? {}
          : {
              reporter: {
                ...optional('name', values.reporterName),
                ...optional('contact', values.reporterContact),
              },
            };
        const created = await call(
          api.POST('/api/v1/passive-reports', {
            body: {
              receiptNumber: values.receiptNumber,
              receivedOn: values.receivedOn,
              channel: values.channel as (typeof CHANNELS)[number],
              anonymous: values.anonymous,
              content: values.content,
              departmentId: values.departmentId,
              ...reporter,
            },
          }),
        );
        queryClient.setQueryData(['passive-reports', created.id], created);
        void queryClient.invalidateQueries({ queryKey: ['passive-reports', 'list'] });
        void navigate(`/passive-reports/${created.id}`, { state: { created: true } });
      }}
    >
      <div className="gw-form-row">
        <TextField
          name="receiptNumber"
          label={t('passive.form.receiptNumber')}
          hint={t('passive.form.receiptNumberHint')}
          required
          maxLength={50}
          value={values.receiptNumber}
          onChange={set('receiptNumber')}
        />
        <TextField
          name="receivedOn"
          type="date"
          label={t('passive.form.receivedOn')}
          required
          value={values.receivedOn}
          onChange={set('receivedOn')}
        />
        <SelectField
          name="channel"
          label={t('passive.form.channel')}
          required
          value={values.channel}
          onChange={set('channel')}
          options={CHANNELS.map((c) => ({ value: c, label: t(`passive.channel.${c}`) }))}
        />
      </div>
      <CheckboxField
        name="anonymous"
        label={t('passive.form.anonymous')}
        checked={values.anonymous}
        onChange={set('anonymous')}
      />
      {!values.anonymous && (
        <div className="gw-form-row">
          <TextField
            name="reporter.name"
            label={t('passive.form.reporterName')}
            hint={t('passive.form.reporterNameHint')}
            maxLength={100}
            autoComplete="off"
            value={values.reporterName}
            onChange={set('reporterName')}
          />
          <TextField
            name="reporter.contact"
            label={t('passive.form.reporterContact')}
            maxLength={200}
            autoComplete="off"
            value={values.reporterContact}
            onChange={set('reporterContact')}
          />
        </div>
      )}
      <TextAreaField
        name="content"
        label={t('passive.form.content')}
        required
        maxLength={10000}
        value={values.content}
        onChange={set('content')}
      />
      <SelectField
        name="departmentId"
        label={t('passive.form.department')}
        required
        value={values.departmentId}
        placeholder={t('common.chooseDepartment')}
        options={departments}
        onChange={set('departmentId')}
      />
    </ActionForm>
  );
}
