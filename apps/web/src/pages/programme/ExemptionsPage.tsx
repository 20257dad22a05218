// /exemptions — the 적극행정 면책 register (the audit unit and the office the
// organisation's cases, an applicant their own), filtered by year and status (kept in the URL),
// with the audit unit's registration form and a link to the quarterly report to 감사원.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import { SelectField, TextAreaField, TextField, useFormValues } from '../../components/forms';
import { Badge, Dialog, Empty, ErrorState, Loading, PageHeader, Table } from '../../components/ui';
import { formatDate, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import './exempt-messages';
import { ActionForm, optional, YearFilter, yearParam } from './shared';

type Exemption = Schemas['ExemptionDto'];
type Status = Exemption['status'];
const STATUSES: readonly Status[] = ['OPEN', 'DECIDED', 'NOTIFIED'];

function ExemptionStatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation('exemptions');
  const tone = status === 'OPEN' ? 'warning' : status === 'DECIDED' ? 'info' : 'success';
  return <Badge tone={tone}>{t(`status.${status}`)}</Badge>;
}

export default function ExemptionsPage() {
  const { t } = useTranslation('exemptions');
  const { hasRole } = useAuth();
  const [sp, setSp] = useSearchParams();
  const year = yearParam(sp);
  const status = (sp.get('status') ?? '') as Status | '';
  const [draftStatus, setDraftStatus] = useState<string>(status);
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['exemptions', 'list', year, status],
    queryFn: () =>
      call(
        api.GET('/api/v1/exemptions', {
          params: { query: { year, ...(status ? { status: [status] } : {}) } },
        }),
      ),
  });
  const isAuditor = hasRole('AUDITOR');
  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
        actions={
          <>
            {hasRole('AUDITOR', 'PROACTIVE_OFFICE') && (
              <Link className="krds-btn secondary" to="/exemption-reports">
                {t('list.reports')}
              </Link>
            )}
            {isAuditor && (
              <button type="button" className="krds-btn primary" onClick={() => setOpen(true)}>
                {t('list.new')}
              </button>
            )}
          </>
        }
      />
      <YearFilter
        key={`${year}-${status}`}
        year={year}
        label={t('list.filters')}
        onApply={(y) => setSp({ year: String(y), ...(draftStatus ? { status: draftStatus } : {}) })}
      >
        <SelectField
          name="status"
          label={t('programme:common.status')}
          value={draftStatus}
          placeholder={t('programme:common.all')}
          options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(e) => setDraftStatus(e.target.value)}
        />
      </YearFilter>
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
            t('list.caseTitle'),
            t('list.kind'),
            t('list.official'),
            t('list.appliedOn'),
            t('list.decision'),
            t('programme:common.status'),
          ]}
        >
          {list.data.map((e) => (
            <tr key={e.id}>
              <td>
                <Link to={`/exemptions/${e.id}`}>{e.title}</Link>
              </td>
              <td>{t(`kind.${e.kind}`)}</td>
              <td>{e.applicant?.name ?? e.subjectName ?? '–'}</td>
              <td className="gw-pg-nowrap">{formatDate(e.appliedOn)}</td>
              <td>{e.decision ? t(`decision.${e.decision}`) : '–'}</td>
              <td>
                <ExemptionStatusBadge status={e.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog open={open} title={t('form.title')} onClose={() => setOpen(false)}>
        <RegisterForm onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function RegisterForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('exemptions');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { values, set } = useFormValues({
    kind: 'EX_OFFICIO',
    applicantId: '',
    subjectName: '',
    title: '',
    auditReference: '',
    finding: '',
    appliedOn: seoulToday(),
  });
  return (
    <ActionForm
      label={t('form.title')}
      submitLabel={t('form.submit')}
      onCancel={onCancel}
      onReload={async () => {}}
      run={async () => {
        const created = await call(
          api.POST('/api/v1/exemptions', {
            body: {
              kind: values.kind as Exemption['kind'],
              title: values.title,
              auditReference: values.auditReference,
              appliedOn: values.appliedOn,
              ...optional('applicantId', values.applicantId),
              ...optional('subjectName', values.subjectName),
              ...optional('finding', values.finding),
            },
          }),
        );
        queryClient.setQueryData(['exemptions', created.id], created);
        void queryClient.invalidateQueries({ queryKey: ['exemptions', 'list'] });
        void navigate(`/exemptions/${created.id}`, { state: { created: true } });
      }}
    >
      <div className="gw-form-row">
        <SelectField
          name="kind"
          label={t('form.kind')}
          required
          value={values.kind}
          onChange={set('kind')}
          options={(['EX_OFFICIO', 'APPLICATION'] as const).map((k) => ({
            value: k,
            label: t(`kind.${k}`),
          }))}
        />
        <TextField
          name="appliedOn"
          type="date"
          label={t('form.appliedOn')}
          required
          value={values.appliedOn}
          onChange={set('appliedOn')}
        />
      </div>
      <div className="gw-form-row">
        <TextField
          name="applicantId"
          label={t('form.applicantId')}
          hint={t('form.applicantIdHint')}
          autoComplete="off"
          value={values.applicantId}
          onChange={set('applicantId')}
        />
        <TextField
          name="subjectName"
          label={t('form.subjectName')}
          hint={t('form.subjectNameHint')}
          maxLength={100}
          autoComplete="off"
          value={values.subjectName}
          onChange={set('subjectName')}
        />
      </div>
      <TextField
        name="title"
        label={t('form.caseTitle')}
        required
        maxLength={300}
        value={values.title}
        onChange={set('title')}
      />
      <TextField
        name="auditReference"
        label={t('form.auditReference')}
        required
        maxLength={300}
        value={values.auditReference}
        onChange={set('auditReference')}
      />
      <TextAreaField
        name="finding"
        label={t('form.finding')}
        maxLength={10000}
        value={values.finding}
        onChange={set('finding')}
      />
    </ActionForm>
  );
}
