// /citizen-applications/:id — one 국민신청: the application, the applicant (only as the API returns
// it: the office and the assigned department; never guessed), its course (review, committee
// opinion, decision with reasons, reply), the actions of its allowedActions as buttons opening
// small forms (assign, start review, review notes, request/record the committee's opinion, decide,
// reply), and the history. The reminder e-mails link here.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { api, call } from '../../api/client';
import {
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
  useFormValues,
} from '../../components/forms';
import { RecordHistory } from '../../components/RecordHistory';
import { Dialog, ErrorState, Facts, Loading, Notice, PageHeader } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import {
  ActionForm,
  type Application,
  type ApplicationAction,
  ApplicationStatusBadge,
  optional,
  OverdueBadge,
  useDepartmentOptions,
} from './shared';

const METHODS = ['EMAIL', 'POST', 'PHONE', 'SMS', 'EPEOPLE', 'IN_PERSON'] as const;

export default function CitizenApplicationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('programme');
  const location = useLocation();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t('citizen.form.created') : null,
  );
  const [open, setOpen] = useState<ApplicationAction | null>(null);
  const key = ['citizen-applications', id];
  const application = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/citizen-applications/{id}', { params: { path: { id } } })),
  });
  const crumbs = [
    { label: t('citizen.title'), to: '/citizen-applications' },
    { label: t('citizen.detail.crumb') },
  ];
  if (application.isPending || application.isError) {
    return (
      <>
        <PageHeader title={t('citizen.detail.crumb')} crumbs={crumbs} />
        {application.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={application.error} onRetry={() => void application.refetch()} />
        )}
      </>
    );
  }
  const a = application.data;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['citizen-applications', 'list'] }),
    ]);
  const line = (label: string, value: string | null | undefined) =>
    value ? [[label, value] as [string, string]] : [];

  return (
    <>
      <PageHeader title={`${t('citizen.title')}: ${a.applicationNumber}`} crumbs={crumbs} />
      {notice && <Notice>{notice}</Notice>}
      <section className="gw-section" aria-labelledby="ca-overview">
        <h2 id="ca-overview">{t('citizen.detail.overview')}</h2>
        <Facts
          items={[
            [t('common.status'), <ApplicationStatusBadge key="s" status={a.status} />],
            [t('citizen.detail.channel'), t(`citizen.channel.${a.channel}`)],
            [t('citizen.detail.receivedOn'), formatDate(a.receivedOn)],
            [
              t('citizen.detail.dueDate'),
              <span key="d">
                {t('citizen.detail.dueValue', {
                  date: formatDate(a.dueDate),
                  days: a.processingBusinessDays,
                })}{' '}
                <OverdueBadge overdue={a.overdue} />
              </span>,
            ],
            [
              t('citizen.detail.department'),
              a.department
                ? `${a.department.name ?? ''}${
                    a.reassignedCount > 0
                      ? ` (${t('citizen.detail.reassigned', { count: a.reassignedCount })})`
                      : ''
                  }`
                : t('citizen.list.unassigned'),
            ],
            ...line(t('citizen.detail.assignedAt'), a.assignedAt && formatDateTime(a.assignedAt)),
          ]}
        />
        <h3>{t('citizen.detail.content')}</h3>
        <p className="gw-pg-text">{a.content}</p>
        <h3>{t('citizen.detail.challengedRule')}</h3>
        <p className="gw-pg-text">{a.challengedRule}</p>
      </section>

      <section className="gw-section" aria-labelledby="ca-applicant">
        <h2 id="ca-applicant">{t('citizen.detail.applicant')}</h2>
        {a.personalDataVisible ? (
          <Facts
            items={[
              [t('citizen.detail.name'), a.applicant.name ?? '–'],
              [t('citizen.detail.phone'), a.applicant.phone ?? '–'],
              [t('citizen.detail.email'), a.applicant.email ?? '–'],
            ]}
          />
        ) : (
          <p>{t('citizen.detail.applicantHidden')}</p>
        )}
      </section>

      {(a.review || a.committeeOpinion || a.decision || a.reply) && (
        <section className="gw-section" aria-labelledby="ca-course">
          <h2 id="ca-course">{t('citizen.detail.course')}</h2>
          <Facts
            items={[
              ...line(
                t('citizen.detail.reviewStarted'),
                a.review?.startedAt && formatDateTime(a.review.startedAt),
              ),
              ...line(t('citizen.detail.reviewNotes'), a.review?.notes),
              ...line(
                t('citizen.detail.opinionRequested'),
                a.committeeOpinion && formatDate(a.committeeOpinion.requestedOn),
              ),
              ...line(t('citizen.detail.opinionNote'), a.committeeOpinion?.requestNote),
              ...line(
                t('citizen.detail.opinionOn'),
                a.committeeOpinion?.opinionOn && formatDate(a.committeeOpinion.opinionOn),
              ),
              ...line(t('citizen.detail.opinion'), a.committeeOpinion?.opinion),
              ...line(
                t('citizen.detail.decision'),
                a.decision && t(`citizen.decision.${a.decision.decision}`),
              ),
              ...line(
                t('citizen.detail.decidedOn'),
                a.decision && formatDate(a.decision.decidedOn),
              ),
              ...line(t('citizen.detail.reasons'), a.decision?.reasons),
              ...line(t('citizen.detail.repliedOn'), a.reply && formatDate(a.reply.repliedOn)),
              ...line(
                t('citizen.detail.replyMethod'),
                a.reply && t(`citizen.method.${a.reply.method}`),
              ),
              ...line(t('citizen.detail.replyText'), a.reply?.text),
              ...line(
                t('citizen.detail.emailStatus'),
                a.reply?.emailStatus
                  ? `${t(`citizen.emailStatus.${a.reply.emailStatus}`)}${
                      a.reply.emailSentAt ? ` (${formatDateTime(a.reply.emailSentAt)})` : ''
                    }`
                  : null,
              ),
            ]}
          />
        </section>
      )}

      <section className="gw-section" aria-labelledby="ca-actions">
        <h2 id="ca-actions">{t('common.actions')}</h2>
        {a.allowedActions.length === 0 ? (
          <p>{t('common.noActions')}</p>
        ) : (
          <div className="gw-pg-actions">
            {a.allowedActions.map((action) => (
              <button
                key={action}
                type="button"
                className={`krds-btn ${action === 'decide' ? 'primary' : 'secondary'}`}
                onClick={() => {
                  setNotice(null);
                  setOpen(action);
                }}
              >
                {t(`citizen.action.${action}`)}
              </button>
            ))}
          </div>
        )}
      </section>
      <Dialog
        open={open !== null}
        title={open ? t(`citizen.action.${open}`) : ''}
        onClose={() => setOpen(null)}
      >
        {open && (
          <ApplicationActionForm
            application={a}
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
              setNotice(t('citizen.action.done', { action: t(`citizen.action.${done}`) }));
            }}
          />
        )}
      </Dialog>

      <RecordHistory
        queryKey={[...key, 'history']}
        load={() =>
          call(api.GET('/api/v1/citizen-applications/{id}/history', { params: { path: { id } } }))
        }
        namespace="programmeCitizen"
        headingId="ca-history"
      />
    </>
  );
}

function ApplicationActionForm({
  application,
  action,
  onCancel,
  onReload,
  onDone,
}: {
  application: Application;
  action: ApplicationAction;
  onCancel: () => void;
  onReload: () => Promise<void>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('programme');
  const departments = useDepartmentOptions();
  const { values, set, setValues } = useFormValues({
    departmentId: application.department?.id ?? '',
    text: '',
    date: '',
    decision: '',
    method: application.applicant.email ? 'EMAIL' : 'POST',
  });
  // The form keeps the version it was opened with: a stale one is a conflict to reload.
  const [version, setVersion] = useState(application.version);
  const path = { path: { id: application.id } };
  const date = (key: string) => optional(key, values.date);

  const run = async () => {
    const p = { params: path };
    if (action === 'assign') {
      await call(
        api.POST('/api/v1/citizen-applications/{id}/assign', {
          ...p,
          body: { version, departmentId: values.departmentId, ...optional('reason', values.text) },
        }),
      );
    } else if (action === 'startReview') {
      await call(
        api.POST('/api/v1/citizen-applications/{id}/start-review', {
          ...p,
          body: { version, ...optional('notes', values.text) },
        }),
      );
    } else if (action === 'recordReview') {
      await call(
        api.POST('/api/v1/citizen-applications/{id}/review', {
          ...p,
          body: { version, notes: values.text },
        }),
      );
    } else if (action === 'requestOpinion') {
      await call(
        api.POST('/api/v1/citizen-applications/{id}/request-opinion', {
          ...p,
          body: { version, ...optional('note', values.text), ...date('requestedOn') },
        }),
      );
    } else if (action === 'recordOpinion') {
      await call(
        api.POST('/api/v1/citizen-applications/{id}/opinion', {
          ...p,
          body: { version, opinion: values.text, ...date('opinionOn') },
        }),
      );
    } else if (action === 'decide') {
      await call(
        api.POST('/api/v1/citizen-applications/{id}/decide', {
          ...p,
          body: {
            version,
            decision: values.decision as 'ACCEPTED' | 'REJECTED',
            reasons: values.text,
            ...date('decidedOn'),
          },
        }),
      );
    } else {
      await call(
        api.POST('/api/v1/citizen-applications/{id}/reply', {
          ...p,
          body: {
            version,
            method: values.method as (typeof METHODS)[number],
            text: values.text,
            ...date('repliedOn'),
          },
        }),
      );
    }
    await onDone();
  };

  const text: Record<ApplicationAction, { name: string; label: string; required: boolean }> = {
    assign: { name: 'reason', label: t('citizen.action.reason'), required: false },
    startReview: { name: 'notes', label: t('citizen.action.notes'), required: false },
    recordReview: { name: 'notes', label: t('citizen.action.notes'), required: true },
    requestOpinion: { name: 'note', label: t('citizen.action.note'), required: false },
    recordOpinion: { name: 'opinion', label: t('citizen.action.opinion'), required: true },
    decide: { name: 'reasons', label: t('citizen.action.reasons'), required: true },
    reply: { name: 'text', label: t('citizen.action.text'), required: true },
  };
  const dateField: Partial<Record<ApplicationAction, { name: string; label: string }>> = {
    requestOpinion: { name: 'requestedOn', label: t('citizen.action.requestedOn') },
    recordOpinion: { name: 'opinionOn', label: t('citizen.action.opinionOn') },
    decide: { name: 'decidedOn', label: t('citizen.action.decidedOn') },
    reply: { name: 'repliedOn', label: t('citizen.action.repliedOn') },
  };
  const d = dateField[action];

  return (
    <ActionForm
      label={t(`citizen.action.${action}`)}
      submitLabel={t(`citizen.action.${action}`)}
      onCancel={onCancel}
      onReload={async () => {
        await onReload();
        const fresh = await call(api.GET('/api/v1/citizen-applications/{id}', { params: path }));
        setVersion(fresh.version);
      }}
      run={run}
    >
      {action === 'assign' && (
        <SelectField
          name="departmentId"
          label={t('citizen.action.departmentId')}
          required
          value={values.departmentId}
          placeholder={t('common.chooseDepartment')}
          options={departments}
          onChange={set('departmentId')}
        />
      )}
      {action === 'decide' && (
        <RadioGroup
          name="decision"
          legend={t('citizen.action.decision')}
          required
          layout="row"
          value={values.decision}
          onChange={(v) => setValues((s) => ({ ...s, decision: v }))}
          options={(['ACCEPTED', 'REJECTED'] as const).map((v) => ({
            value: v,
            label: t(`citizen.decision.${v}`),
          }))}
        />
      )}
      {action === 'reply' && (
        <SelectField
          name="method"
          label={t('citizen.action.method')}
          required
          value={values.method}
          onChange={set('method')}
          options={METHODS.map((m) => ({ value: m, label: t(`citizen.method.${m}`) }))}
        />
      )}
      {d && (
        <TextField
          name={d.name}
          type="date"
          label={d.label}
          hint={t('citizen.action.dateHint')}
          value={values.date}
          onChange={set('date')}
        />
      )}
      <TextAreaField
        name={text[action].name}
        label={text[action].label}
        required={text[action].required}
        maxLength={action === 'assign' ? 2000 : 10000}
        rows={5}
        value={values.text}
        onChange={set('text')}
      />
    </ActionForm>
  );
}
