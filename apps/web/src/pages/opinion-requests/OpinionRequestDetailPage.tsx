// /opinion-requests/:id — one 의견제시 request: the task, question and background, the due date
// with its D-day or overdue badge, extension, referral, committee outcome, answer or withdrawal;
// the forms the API's allowedActions permit (extend, answer, refer for the audit office; withdraw
// for the requester), each showing a version conflict with a reload; and the history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, call } from '../../api/client';
import {
  Form,
  FormActions,
  TextAreaField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { RecordHistory } from '../../components/RecordHistory';
import { Dialog, ErrorState, Facts, Loading, Notice, PageHeader } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import { DueBadge, type OpinionRequest, OpinionStatusBadge } from './shared';

type Action = OpinionRequest['allowedActions'][number];

export default function OpinionRequestDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('opinions');
  const location = useLocation();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t('form.created') : null,
  );
  const [open, setOpen] = useState<Action | null>(null);
  const key = ['opinion-requests', id];
  const request = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/opinion-requests/{id}', { params: { path: { id } } })),
  });
  const crumbs = [{ label: t('title'), to: '/opinion-requests' }, { label: t('detail.crumb') }];

  if (request.isPending || request.isError) {
    return (
      <>
        <PageHeader title={t('detail.crumb')} crumbs={crumbs} />
        {request.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={request.error} onRetry={() => void request.refetch()} />
        )}
      </>
    );
  }
  const r = request.data;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['opinion-requests', 'list'] }),
    ]);

  return (
    <>
      <PageHeader title={`${t('title')}: ${r.task.code} ${r.task.title}`} crumbs={crumbs} />
      {notice && <Notice>{notice}</Notice>}
      <section className="gw-section" aria-labelledby="op-overview">
        <h2 id="op-overview">{t('detail.overview')}</h2>
        <Facts
          items={[
            [t('detail.status'), <OpinionStatusBadge key="s" status={r.status} />],
            [
              t('detail.task'),
              <Link key="t" to={`/tasks/${r.task.id}`}>
                {r.task.code} {r.task.title}
              </Link>,
            ],
            [t('detail.requester'), `${r.requester.name} (${r.requester.departmentName})`],
            [t('detail.receivedAt'), formatDateTime(r.receivedAt)],
            [t('detail.answerDays'), t('detail.answerDaysValue', { days: r.answerDays })],
            [
              t('detail.dueDate'),
              <span key="d">
                {formatDate(r.dueDate)} <DueBadge request={r} />
              </span>,
            ],
            ...(r.extension
              ? [
                  [
                    t('detail.extension'),
                    t('detail.extensionValue', {
                      days: r.extension.days,
                      date: formatDate(r.extension.extendedAt),
                      by: r.extension.extendedBy,
                      reason: r.extension.reason,
                    }),
                  ] as [string, string],
                ]
              : []),
            ...(r.referral
              ? [
                  [
                    t('detail.referral'),
                    `${t('detail.referralValue', {
                      date: formatDate(r.referral.referredAt),
                      by: r.referral.referredBy,
                    })}${r.referral.note ? ` — ${r.referral.note}` : ''}`,
                  ] as [string, string],
                ]
              : []),
            ...(r.committeeOutcome
              ? [
                  [
                    t('detail.committeeOutcome'),
                    r.committeeOutcome.passed
                      ? t('detail.committeePassed', {
                          date: formatDate(r.committeeOutcome.meetingDate),
                        })
                      : t('detail.committeeNotPassed', {
                          date: formatDate(r.committeeOutcome.meetingDate),
                        }),
                  ] as [string, string],
                ]
              : []),
            ...(r.withdrawal
              ? [
                  [
                    t('detail.withdrawal'),
                    `${t('detail.withdrawalValue', { date: formatDate(r.withdrawal.withdrawnAt) })}${
                      r.withdrawal.reason ? ` — ${r.withdrawal.reason}` : ''
                    }`,
                  ] as [string, string],
                ]
              : []),
          ]}
        />
        <h3>{t('detail.question')}</h3>
        <p className="gw-op-text">{r.question}</p>
        {r.background && (
          <>
            <h3>{t('detail.background')}</h3>
            <p className="gw-op-text">{r.background}</p>
          </>
        )}
      </section>

      {r.answer && (
        <section className="gw-section" aria-labelledby="op-answer">
          <h2 id="op-answer">{t('detail.answer')}</h2>
          <Facts
            items={[
              [t('detail.answer'), t(`source.${r.answer.source}`)],
              [t('detail.answeredAt'), formatDateTime(r.answer.answeredAt)],
              ...(r.answer.answeredByName
                ? [[t('detail.answeredBy'), r.answer.answeredByName] as [string, string]]
                : []),
            ]}
          />
          <p className="gw-op-text">{r.answer.text}</p>
        </section>
      )}

      <section className="gw-section" aria-labelledby="op-actions">
        <h2 id="op-actions">{t('detail.actions')}</h2>
        {r.allowedActions.length === 0 ? (
          <p>{t('detail.noActions')}</p>
        ) : (
          <div className="gw-op-actions">
            {r.allowedActions.map((a) => (
              <button
                key={a}
                type="button"
                className={`krds-btn ${a === 'answer' ? 'primary' : 'secondary'}`}
                onClick={() => {
                  setNotice(null);
                  setOpen(a);
                }}
              >
                {t(`action.${a}`)}
              </button>
            ))}
          </div>
        )}
      </section>
      <Dialog
        open={open !== null}
        title={open ? t(`action.${open}`) : ''}
        onClose={() => setOpen(null)}
      >
        {open && (
          <ActionForm
            request={r}
            action={open}
            onCancel={() => setOpen(null)}
            onReload={async () => {
              await refresh();
            }}
            onDone={async (message) => {
              setOpen(null);
              await refresh();
              await queryClient.invalidateQueries({
                queryKey: ['opinion-requests', id, 'history'],
              });
              setNotice(message);
            }}
          />
        )}
      </Dialog>

      <RecordHistory
        queryKey={['opinion-requests', id, 'history']}
        load={() =>
          call(api.GET('/api/v1/opinion-requests/{id}/history', { params: { path: { id } } }))
        }
        namespace="opinions"
        headingId="op-history"
      />
    </>
  );
}

const DONE: Record<Action, string> = {
  extend: 'action.extended',
  answer: 'action.answered',
  refer: 'action.referred',
  withdraw: 'action.withdrawn',
};

function ActionForm({
  request,
  action,
  onCancel,
  onReload,
  onDone,
}: {
  request: OpinionRequest;
  action: Action;
  onCancel: () => void;
  onReload: () => Promise<void>;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation('opinions');
  const { values, set } = useFormValues({ text: '' });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  // The form keeps the version it was opened with: a stale one is a conflict to reload.
  const [version, setVersion] = useState(request.version);
  const path = { path: { id: request.id } };

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const text = values.text;
      if (action === 'extend') {
        await call(
          api.POST('/api/v1/opinion-requests/{id}/extend', {
            params: path,
            body: { version, reason: text },
          }),
        );
      } else if (action === 'answer') {
        await call(
          api.POST('/api/v1/opinion-requests/{id}/answer', {
            params: path,
            body: { version, answer: text },
          }),
        );
      } else if (action === 'refer') {
        await call(
          api.POST('/api/v1/opinion-requests/{id}/refer', {
            params: path,
            body: { version, ...(text.trim() ? { note: text } : {}) },
          }),
        );
      } else {
        await call(
          api.POST('/api/v1/opinion-requests/{id}/withdraw', {
            params: path,
            body: { version, ...(text.trim() ? { reason: text } : {}) },
          }),
        );
      }
      await onDone(t(DONE[action]));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const field =
    action === 'extend'
      ? { name: 'reason', label: t('action.reason'), required: true, hint: t('action.extendHint') }
      : action === 'answer'
        ? { name: 'answer', label: t('action.answerText'), required: true, hint: undefined }
        : action === 'refer'
          ? { name: 'note', label: t('action.note'), required: false, hint: t('action.referHint') }
          : { name: 'reason', label: t('action.withdrawReason'), required: false, hint: undefined };

  return (
    <Form
      problems={problems}
      onSubmit={() => void submit()}
      onReload={() =>
        void onReload().then(async () => {
          const fresh = await call(api.GET('/api/v1/opinion-requests/{id}', { params: path }));
          setVersion(fresh.version);
          clear();
        })
      }
      label={t(`action.${action}`)}
    >
      <TextAreaField
        name={field.name}
        label={field.label}
        hint={field.hint}
        required={field.required}
        maxLength={action === 'answer' ? 10000 : 2000}
        rows={action === 'answer' ? 8 : 4}
        value={values.text}
        onChange={set('text')}
      />
      <FormActions busy={busy} submitLabel={t(`action.${action}`)} onCancel={onCancel} />
    </Form>
  );
}
