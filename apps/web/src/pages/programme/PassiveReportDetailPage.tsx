// /passive-reports/:id — one 소극행정 신고 as the API shows it to the reader (the reporter and
// officials only for the audit unit; a department only content and outcome), its deadline and
// extension, investigator, outcome or closing; the audit unit's actions of allowedActions (correct,
// assign the investigator, extend, conclude, close) as small forms; and the history for those who
// may read it. The reminder e-mails link here.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { SelectField, TextAreaField, TextField, useFormValues } from '../../components/forms';
import { RecordHistory } from '../../components/RecordHistory';
import { Dialog, ErrorState, Facts, Loading, Notice, PageHeader } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import {
  ActionForm,
  optional,
  OverdueBadge,
  type PassiveAction,
  type PassiveReport,
  PassiveStatusBadge,
  useDepartmentOptions,
} from './shared';

const OUTCOMES = [
  'NO_ACTION',
  'NOT_PASSIVE',
  'CAUTION',
  'WARNING',
  'DISCIPLINE_REQUESTED',
  'TRANSFERRED',
] as const;

export default function PassiveReportDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('programme');
  const location = useLocation();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t('passive.form.created') : null,
  );
  const [open, setOpen] = useState<PassiveAction | null>(null);
  const key = ['passive-reports', id];
  const report = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/passive-reports/{id}', { params: { path: { id } } })),
  });
  const crumbs = [
    { label: t('passive.title'), to: '/passive-reports' },
    { label: t('passive.detail.crumb') },
  ];
  if (report.isPending || report.isError) {
    return (
      <>
        <PageHeader title={t('passive.detail.crumb')} crumbs={crumbs} />
        {report.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        )}
      </>
    );
  }
  const r = report.data;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['passive-reports', 'list'] }),
    ]);
  const line = (label: string, value: string | null | undefined) =>
    value ? [[label, value] as [string, string]] : [];

  return (
    <>
      <PageHeader title={`${t('passive.title')}: ${r.receiptNumber}`} crumbs={crumbs} />
      {notice && <Notice>{notice}</Notice>}
      <section className="gw-section" aria-labelledby="pr-overview">
        <h2 id="pr-overview">{t('passive.detail.overview')}</h2>
        <Facts
          items={[
            [t('common.status'), <PassiveStatusBadge key="s" status={r.status} />],
            [t('passive.detail.receivedOn'), formatDate(r.receivedOn)],
            ...line(t('passive.detail.channel'), r.channel && t(`passive.channel.${r.channel}`)),
            ...(r.anonymous === null || r.anonymous === undefined
              ? []
              : [
                  [
                    t('passive.detail.anonymous'),
                    r.anonymous
                      ? t('passive.detail.anonymousYes')
                      : t('passive.detail.anonymousNo'),
                  ] as [string, string],
                ]),
            ...line(
              t('passive.detail.reporter'),
              r.reporter && [r.reporter.name, r.reporter.contact].filter(Boolean).join(' · '),
            ),
            [t('passive.detail.department'), r.department.name],
            ...line(
              t('passive.detail.officials'),
              r.officials && r.officials.map((o) => o.name).join(', '),
            ),
            [
              t('passive.detail.dueDate'),
              <span key="d">
                {t('passive.detail.dueValue', {
                  date: formatDate(r.effectiveDueDate),
                  days: r.investigationBusinessDays,
                })}{' '}
                <OverdueBadge overdue={r.overdue} />
              </span>,
            ],
            ...line(
              t('passive.detail.extension'),
              r.extension &&
                t('passive.detail.extensionValue', {
                  days: r.extension.businessDays ?? '',
                  date: formatDate(r.extension.dueDate),
                  reason: r.extension.reason ?? '',
                }),
            ),
            ...line(
              t('passive.detail.investigator'),
              r.investigator &&
                `${r.investigator.name ?? ''}${
                  r.investigator.since ? ` (${formatDateTime(r.investigator.since)})` : ''
                }`,
            ),
          ]}
        />
        <h3>{t('passive.detail.content')}</h3>
        <p className="gw-pg-text">{r.content}</p>
      </section>

      {(r.conclusion || r.closing) && (
        <section className="gw-section" aria-labelledby="pr-outcome">
          <h2 id="pr-outcome">{t('passive.detail.conclusion')}</h2>
          {r.conclusion && (
            <>
              <Facts
                items={[
                  [t('passive.detail.outcome'), t(`passive.outcome.${r.conclusion.outcome}`)],
                  [t('passive.detail.concludedOn'), formatDate(r.conclusion.concludedOn)],
                  ...line(
                    t('passive.detail.daysTaken'),
                    r.conclusion.daysTaken === null
                      ? null
                      : t('common.days', { count: r.conclusion.daysTaken }),
                  ),
                ]}
              />
              <h3>{t('passive.detail.findings')}</h3>
              <p className="gw-pg-text">{r.conclusion.findings}</p>
            </>
          )}
          {r.closing && (
            <p>
              {t('passive.detail.closingValue', {
                date: formatDateTime(r.closing.at),
                reason: r.closing.reason ?? '',
              })}
            </p>
          )}
        </section>
      )}

      {r.visibility === 'AUDIT' && (
        <section className="gw-section" aria-labelledby="pr-actions">
          <h2 id="pr-actions">{t('common.actions')}</h2>
          {r.allowedActions.length === 0 ? (
            <p>{t('common.noActions')}</p>
          ) : (
            <div className="gw-pg-actions">
              {r.allowedActions.map((action) => (
                <button
                  key={action}
                  type="button"
                  className={`krds-btn ${action === 'conclude' ? 'primary' : 'secondary'}`}
                  onClick={() => {
                    setNotice(null);
                    setOpen(action);
                  }}
                >
                  {t(`passive.action.${action}`)}
                </button>
              ))}
            </div>
          )}
        </section>
      )}
      <Dialog
        open={open !== null}
        title={open ? t(`passive.action.${open}`) : ''}
        onClose={() => setOpen(null)}
      >
        {open && (
          <PassiveActionForm
            report={r}
            action={open}
            onCancel={() => setOpen(null)}
            onReload={async () => {
              await refresh();
            }}
            onDone={async () => {
              const done = open;
              setOpen(null);
              await refresh();
              await queryClient.invalidateQueries({ queryKey: [...key, 'history'] });
              setNotice(t('passive.action.done', { action: t(`passive.action.${done}`) }));
            }}
          />
        )}
      </Dialog>

      {r.visibility !== 'DEPARTMENT' && (
        <RecordHistory
          queryKey={[...key, 'history']}
          load={() =>
            call(api.GET('/api/v1/passive-reports/{id}/history', { params: { path: { id } } }))
          }
          namespace="programmePassive"
          headingId="pr-history"
        />
      )}
    </>
  );
}

function PassiveActionForm({
  report,
  action,
  onCancel,
  onReload,
  onDone,
}: {
  report: PassiveReport;
  action: PassiveAction;
  onCancel: () => void;
  onReload: () => Promise<void>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('programme');
  const { user } = useAuth();
  const departments = useDepartmentOptions();
  const { values, set } = useFormValues({
    investigatorId: report.investigator?.id ?? user?.id ?? '',
    businessDays: '5',
    text: action === 'edit' ? report.content : '',
    outcome: '',
    date: '',
    departmentId: report.department.id,
  });
  const [version, setVersion] = useState(report.version);
  const path = { path: { id: report.id } };
  const investigators = [
    ...(user ? [{ value: user.id, label: t('passive.action.me', { name: user.name }) }] : []),
    ...(report.investigator && report.investigator.id !== user?.id
      ? [{ value: report.investigator.id, label: report.investigator.name ?? '' }]
      : []),
  ];

  const run = async () => {
    const p = { params: path };
    if (action === 'edit') {
      await call(
        api.PATCH('/api/v1/passive-reports/{id}', {
          ...p,
          body: { version, content: values.text, departmentId: values.departmentId },
        }),
      );
    } else if (action === 'assign') {
      await call(
        api.POST('/api/v1/passive-reports/{id}/assign', {
          ...p,
          body: { version, investigatorId: values.investigatorId },
        }),
      );
    } else if (action === 'extend') {
      await call(
        api.POST('/api/v1/passive-reports/{id}/extend', {
          ...p,
          body: { version, businessDays: Number(values.businessDays), reason: values.text },
        }),
      );
    } else if (action === 'conclude') {
      await call(
        api.POST('/api/v1/passive-reports/{id}/conclude', {
          ...p,
          body: {
            version,
            outcome: values.outcome as (typeof OUTCOMES)[number],
            findings: values.text,
            ...optional('concludedOn', values.date),
          },
        }),
      );
    } else {
      await call(
        api.POST('/api/v1/passive-reports/{id}/close', {
          ...p,
          body: { version, reason: values.text },
        }),
      );
    }
    await onDone();
  };

  return (
    <ActionForm
      label={t(`passive.action.${action}`)}
      submitLabel={t(`passive.action.${action}`)}
      onCancel={onCancel}
      onReload={async () => {
        await onReload();
        const fresh = await call(api.GET('/api/v1/passive-reports/{id}', { params: path }));
        setVersion(fresh.version);
      }}
      run={run}
    >
      {action === 'assign' && (
        <SelectField
          name="investigatorId"
          label={t('passive.action.investigator')}
          required
          value={values.investigatorId}
          options={investigators}
          onChange={set('investigatorId')}
        />
      )}
      {action === 'edit' && (
        <SelectField
          name="departmentId"
          label={t('passive.action.department')}
          required
          value={values.departmentId}
          options={departments}
          onChange={set('departmentId')}
        />
      )}
      {action === 'extend' && (
        <TextField
          name="businessDays"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          label={t('passive.action.businessDays')}
          required
          value={values.businessDays}
          onChange={set('businessDays')}
        />
      )}
      {action === 'conclude' && (
        <>
          <SelectField
            name="outcome"
            label={t('passive.action.outcome')}
            required
            value={values.outcome}
            placeholder={t('common.choose')}
            options={OUTCOMES.map((o) => ({ value: o, label: t(`passive.outcome.${o}`) }))}
            onChange={set('outcome')}
          />
          <TextField
            name="concludedOn"
            type="date"
            label={t('passive.action.concludedOn')}
            hint={t('passive.action.dateHint')}
            value={values.date}
            onChange={set('date')}
          />
        </>
      )}
      {action !== 'assign' && (
        <TextAreaField
          name={action === 'edit' ? 'content' : action === 'conclude' ? 'findings' : 'reason'}
          label={
            action === 'edit'
              ? t('passive.action.content')
              : action === 'conclude'
                ? t('passive.action.findings')
                : t('passive.action.reason')
          }
          required
          maxLength={action === 'edit' || action === 'conclude' ? 10000 : 2000}
          rows={5}
          value={values.text}
          onChange={set('text')}
        />
      )}
    </ActionForm>
  );
}
