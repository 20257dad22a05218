// /citizen-applications — 적극행정 국민신청 the user may read (the office and auditors the
// organisation's, the assigned department its own), filtered by year and status (kept in the URL),
// the year's statistics for the office and auditors, and the office's registration form.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { SelectField, TextAreaField, TextField, useFormValues } from '../../components/forms';
import { Dialog, Empty, ErrorState, Facts, Loading, PageHeader, Table } from '../../components/ui';
import { formatDate, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import {
  ActionForm,
  APPLICATION_STATUSES,
  type ApplicationStatus,
  ApplicationStatusBadge,
  optional,
  OverdueBadge,
  useDepartmentOptions,
  YearFilter,
  yearParam,
} from './shared';

export default function CitizenApplicationsPage() {
  const { t } = useTranslation('programme');
  const { hasRole } = useAuth();
  const [sp, setSp] = useSearchParams();
  const year = yearParam(sp);
  const status = (sp.get('status') ?? '') as ApplicationStatus | '';
  const [draftStatus, setDraftStatus] = useState<string>(status);
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['citizen-applications', 'list', year, status],
    queryFn: () =>
      call(
        api.GET('/api/v1/citizen-applications', {
          params: { query: { year, ...(status ? { status: [status] } : {}), limit: 500 } },
        }),
      ),
  });
  const seesStats = hasRole('PROACTIVE_OFFICE', 'AUDITOR');
  const stats = useQuery({
    queryKey: ['citizen-applications', 'statistics', year],
    queryFn: () =>
      call(api.GET('/api/v1/citizen-applications/statistics', { params: { query: { year } } })),
    enabled: seesStats,
  });
  const canRegister = hasRole('PROACTIVE_OFFICE');

  return (
    <>
      <PageHeader
        title={t('citizen.title')}
        crumbs={[{ label: t('citizen.title') }]}
        description={t('citizen.description')}
        actions={
          canRegister ? (
            <button type="button" className="krds-btn primary" onClick={() => setOpen(true)}>
              {t('citizen.list.new')}
            </button>
          ) : undefined
        }
      />
      <YearFilter
        key={`${year}-${status}`}
        year={year}
        label={t('citizen.list.filters')}
        onApply={(y) => setSp({ year: String(y), ...(draftStatus ? { status: draftStatus } : {}) })}
      >
        <SelectField
          name="status"
          label={t('common.status')}
          value={draftStatus}
          placeholder={t('common.all')}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`citizen.status.${s}`) }))}
          onChange={(e) => setDraftStatus(e.target.value)}
        />
      </YearFilter>
      {seesStats && stats.data && (
        <section className="gw-section" aria-labelledby="ca-stats">
          <h2 id="ca-stats">{t('citizen.stats.title', { year })}</h2>
          <Facts
            items={[
              [t('citizen.stats.received'), t('common.count', { count: stats.data.received })],
              [t('citizen.stats.accepted'), t('common.count', { count: stats.data.accepted })],
              [t('citizen.stats.rejected'), t('common.count', { count: stats.data.rejected })],
              [t('citizen.stats.pending'), t('common.count', { count: stats.data.pending })],
              [t('citizen.stats.overdue'), t('common.count', { count: stats.data.overdue })],
              [
                t('citizen.stats.average'),
                stats.data.averageProcessingBusinessDays === null
                  ? '–'
                  : t('common.days', { count: stats.data.averageProcessingBusinessDays }),
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
        <Empty>{t('citizen.list.empty')}</Empty>
      ) : (
        <Table
          caption={t('citizen.list.caption', { count: list.data.length })}
          head={[
            t('citizen.list.number'),
            t('citizen.list.content'),
            t('citizen.list.receivedOn'),
            t('citizen.list.department'),
            t('common.dueDate'),
            t('common.status'),
          ]}
        >
          {list.data.map((a) => (
            <tr key={a.id}>
              <td className="gw-pg-nowrap">
                <Link to={`/citizen-applications/${a.id}`}>{a.applicationNumber}</Link>
              </td>
              <td>{a.content}</td>
              <td className="gw-pg-nowrap">{formatDate(a.receivedOn)}</td>
              <td>{a.department?.name ?? t('citizen.list.unassigned')}</td>
              <td className="gw-pg-nowrap">
                {formatDate(a.dueDate)} <OverdueBadge overdue={a.overdue} />
              </td>
              <td>
                <ApplicationStatusBadge status={a.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog open={open} title={t('citizen.form.title')} onClose={() => setOpen(false)}>
        <RegisterForm onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function RegisterForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('programme');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const departments = useDepartmentOptions();
  const { values, set } = useFormValues({
    applicationNumber: '',
    channel: 'OFFICE',
    receivedOn: seoulToday(),
    applicantName: '',
    applicantPhone: '',
    applicantEmail: '',
    content: '',
    challengedRule: '',
    departmentId: '',
  });
  return (
    <ActionForm
      label={t('citizen.form.title')}
      submitLabel={t('citizen.form.submit')}
      onCancel={onCancel}
      onReload={async () => {}}
      run={async () => {
        const created = await call(
          api.POST('/api/v1/citizen-applications', {
            body: {
              applicationNumber: values.applicationNumber,
              channel: values.channel as 'OFFICE' | 'EPEOPLE',
              receivedOn: values.receivedOn,
              applicantName: values.applicantName,
              content: values.content,
              challengedRule: values.challengedRule,
              ...optional('applicantPhone', values.applicantPhone),
              ...optional('applicantEmail', values.applicantEmail),
              ...optional('departmentId', values.departmentId),
            },
          }),
        );
        queryClient.setQueryData(['citizen-applications', created.id], created);
        void queryClient.invalidateQueries({ queryKey: ['citizen-applications', 'list'] });
        void navigate(`/citizen-applications/${created.id}`, { state: { created: true } });
      }}
    >
      <div className="gw-form-row">
        <TextField
          name="applicationNumber"
          label={t('citizen.form.applicationNumber')}
          hint={t('citizen.form.applicationNumberHint')}
          required
          maxLength={50}
          value={values.applicationNumber}
          onChange={set('applicationNumber')}
        />
        <SelectField
          name="channel"
          label={t('citizen.form.channel')}
          required
          value={values.channel}
          onChange={set('channel')}
          options={(['OFFICE', 'EPEOPLE'] as const).map((c) => ({
            value: c,
            label: t(`citizen.channel.${c}`),
          }))}
        />
        <TextField
          name="receivedOn"
          type="date"
          label={t('citizen.form.receivedOn')}
          required
          value={values.receivedOn}
          onChange={set('receivedOn')}
        />
      </div>
      <TextField
        name="applicantName"
        label={t('citizen.form.applicantName')}
        required
        maxLength={100}
        autoComplete="off"
        value={values.applicantName}
        onChange={set('applicantName')}
      />
      <div className="gw-form-row">
        <TextField
          name="applicantPhone"
          type="tel"
          label={t('citizen.form.applicantPhone')}
          hint={t('citizen.form.contactHint')}
          maxLength={30}
          autoComplete="off"
          value={values.applicantPhone}
          onChange={set('applicantPhone')}
        />
        <TextField
          name="applicantEmail"
          type="email"
          label={t('citizen.form.applicantEmail')}
          hint={t('citizen.form.contactHint')}
          maxLength={254}
          autoComplete="off"
          value={values.applicantEmail}
          onChange={set('applicantEmail')}
        />
      </div>
      <TextAreaField
        name="content"
        label={t('citizen.form.content')}
        required
        maxLength={10000}
        value={values.content}
        onChange={set('content')}
      />
      <TextAreaField
        name="challengedRule"
        label={t('citizen.form.challengedRule')}
        required
        maxLength={2000}
        rows={3}
        value={values.challengedRule}
        onChange={set('challengedRule')}
      />
      <SelectField
        name="departmentId"
        label={t('citizen.form.department')}
        hint={t('citizen.form.departmentHint')}
        value={values.departmentId}
        placeholder={t('common.chooseDepartment')}
        options={departments}
        onChange={set('departmentId')}
      />
    </ActionForm>
  );
}
