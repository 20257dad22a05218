// /exemptions/:id — one 적극행정 면책 case: the finding, the applicant or official, the
// linked pre-consultation and whether it presumes the exemption, the checklist of the statutory
// conditions, the decision with reasons and its notification; the audit unit's actions of
// allowedActions (assess the conditions, decide, notify) as small forms; and the history. The
// decision e-mail links here.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { RadioGroup, TextAreaField, TextField, useFormValues } from '../../components/forms';
import { RecordHistory } from '../../components/RecordHistory';
import {
  Badge,
  Dialog,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { formatDate } from '../../format';
import { useTranslation } from '../../i18n';
import './exempt-messages';
import { ActionForm, optional } from './shared';

type Exemption = Schemas['ExemptionDto'];
type Action = Exemption['allowedActions'][number];
type Condition = keyof Exemption['checklist'];
const CONDITIONS: readonly Condition[] = [
  'PUBLIC_INTEREST',
  'NO_PRIVATE_INTEREST',
  'NO_INTENT_OR_GROSS_NEGLIGENCE',
  'PROCEDURE_AND_PROACTIVE_HANDLING',
];

function StatusBadge({ status }: { status: Exemption['status'] }) {
  const { t } = useTranslation('exemptions');
  const tone = status === 'OPEN' ? 'warning' : status === 'DECIDED' ? 'info' : 'success';
  return <Badge tone={tone}>{t(`status.${status}`)}</Badge>;
}

const metKey = (met: boolean | null) => (met === null ? 'unknown' : met ? 'yes' : 'no');

export default function ExemptionDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('exemptions');
  const location = useLocation();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t('form.created') : null,
  );
  const [open, setOpen] = useState<Action | null>(null);
  const key = ['exemptions', id];
  const exemption = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/exemptions/{id}', { params: { path: { id } } })),
  });
  const crumbs = [{ label: t('title'), to: '/exemptions' }, { label: t('detail.crumb') }];
  if (exemption.isPending || exemption.isError) {
    return (
      <>
        <PageHeader title={t('detail.crumb')} crumbs={crumbs} />
        {exemption.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={exemption.error} onRetry={() => void exemption.refetch()} />
        )}
      </>
    );
  }
  const e = exemption.data;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['exemptions', 'list'] }),
    ]);
  const line = (label: string, value: string | null | undefined) =>
    value ? [[label, value] as [string, string]] : [];

  return (
    <>
      <PageHeader title={`${t('title')}: ${e.title}`} crumbs={crumbs} />
      {notice && <Notice>{notice}</Notice>}
      <section className="gw-section" aria-labelledby="ex-overview">
        <h2 id="ex-overview">{t('detail.overview')}</h2>
        <Facts
          items={[
            [t('programme:common.status'), <StatusBadge key="s" status={e.status} />],
            [t('list.kind'), t(`kind.${e.kind}`)],
            ...line(
              t('detail.applicant'),
              e.applicant &&
                `${e.applicant.name}${e.applicant.departmentName ? ` (${e.applicant.departmentName})` : ''}`,
            ),
            ...line(t('detail.subjectName'), e.subjectName),
            [t('detail.auditReference'), e.auditReference],
            [t('detail.appliedOn'), formatDate(e.appliedOn)],
            [t('detail.registeredBy'), e.registeredBy.name],
            ...(e.consultation
              ? [
                  [
                    t('detail.consultation'),
                    <span key="c">
                      <Link to={`/consultations/${e.consultation.id}`}>
                        {e.consultation.subject}
                      </Link>{' '}
                      <Badge tone={e.consultation.immunityPresumed ? 'success' : 'neutral'}>
                        {e.consultation.immunityPresumed
                          ? t('detail.presumed')
                          : t('detail.notPresumed')}
                      </Badge>
                    </span>,
                  ] as [string, React.ReactNode],
                ]
              : []),
          ]}
        />
        {e.finding && (
          <>
            <h3>{t('detail.finding')}</h3>
            <p className="gw-pg-text">{e.finding}</p>
          </>
        )}
      </section>

      <section className="gw-section" aria-labelledby="ex-checklist">
        <h2 id="ex-checklist">{t('detail.checklist')}</h2>
        <Table
          caption={t('detail.checklistCaption')}
          head={[t('detail.condition'), t('detail.met'), t('detail.note')]}
        >
          {CONDITIONS.map((c) => {
            const a = e.checklist[c];
            return (
              <tr key={c}>
                <td>{t(`condition.${c}`)}</td>
                <td>
                  <Badge tone={a.met === null ? 'neutral' : a.met ? 'success' : 'danger'}>
                    {t(`met.${metKey(a.met)}`)}
                  </Badge>
                </td>
                <td className="gw-pg-text">{a.note || '–'}</td>
              </tr>
            );
          })}
        </Table>
      </section>

      {(e.decision || e.notification) && (
        <section className="gw-section" aria-labelledby="ex-decision">
          <h2 id="ex-decision">{t('detail.decision')}</h2>
          <Facts
            items={[
              ...line(t('detail.decision'), e.decision && t(`decision.${e.decision}`)),
              ...line(t('detail.decidedOn'), e.decidedOn && formatDate(e.decidedOn)),
              ...line(t('detail.decidedBy'), e.decidedBy?.name),
              ...line(t('detail.reasons'), e.reasons),
              ...line(
                t('detail.notification'),
                e.notification &&
                  `${t('detail.notificationValue', {
                    date: formatDate(e.notification.notifiedOn),
                    channel: t(`channel.${e.notification.channel}`),
                  })}${e.notification.note ? ` — ${e.notification.note}` : ''}`,
              ),
            ]}
          />
        </section>
      )}

      {e.allowedActions.length > 0 && (
        <section className="gw-section" aria-labelledby="ex-actions">
          <h2 id="ex-actions">{t('programme:common.actions')}</h2>
          <div className="gw-pg-actions">
            {e.allowedActions.map((a) => (
              <button
                key={a}
                type="button"
                className={`krds-btn ${a === 'decide' ? 'primary' : 'secondary'}`}
                onClick={() => {
                  setNotice(null);
                  setOpen(a);
                }}
              >
                {t(`action.${a}`)}
              </button>
            ))}
          </div>
        </section>
      )}
      <Dialog
        open={open !== null}
        title={open ? t(`action.${open}`) : ''}
        onClose={() => setOpen(null)}
      >
        {open && (
          <ExemptionActionForm
            exemption={e}
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
              setNotice(t('action.done', { action: t(`action.${done}`) }));
            }}
          />
        )}
      </Dialog>

      <RecordHistory
        queryKey={[...key, 'history']}
        load={() => call(api.GET('/api/v1/exemptions/{id}/history', { params: { path: { id } } }))}
        namespace="exemptions"
        headingId="ex-history"
      />
    </>
  );
}

function ExemptionActionForm({
  exemption,
  action,
  onCancel,
  onReload,
  onDone,
}: {
  exemption: Exemption;
  action: Action;
  onCancel: () => void;
  onReload: () => Promise<void>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('exemptions');
  const [checklist, setChecklist] = useState(
    () =>
      Object.fromEntries(
        CONDITIONS.map((c) => [
          c,
          { met: metKey(exemption.checklist[c].met), note: exemption.checklist[c].note },
        ]),
      ) as Record<Condition, { met: string; note: string }>,
  );
  const { values, set, setValues } = useFormValues({ decision: '', text: '', date: '' });
  const [version, setVersion] = useState(exemption.version);
  const path = { path: { id: exemption.id } };
  const run = async () => {
    const p = { params: path };
    if (action === 'update') {
      await call(
        api.PATCH('/api/v1/exemptions/{id}', {
          ...p,
          body: {
            version,
            checklist: Object.fromEntries(
              CONDITIONS.map((c) => [
                c,
                {
                  met: checklist[c].met === 'unknown' ? null : checklist[c].met === 'yes',
                  note: checklist[c].note,
                },
              ]),
            ),
          },
        }),
      );
    } else if (action === 'decide') {
      await call(
        api.POST('/api/v1/exemptions/{id}/decide', {
          ...p,
          body: {
            version,
            decision: values.decision as 'GRANTED' | 'PARTIALLY_GRANTED' | 'DENIED',
            reasons: values.text,
            decidedOn: values.date,
          },
        }),
      );
    } else {
      await call(
        api.POST('/api/v1/exemptions/{id}/notify', {
          ...p,
          body: {
            version,
            ...optional('note', values.text),
            ...optional('notifiedOn', values.date),
          },
        }),
      );
    }
    await onDone();
  };
  return (
    <ActionForm
      label={t(`action.${action}`)}
      submitLabel={t(`action.${action}`)}
      onCancel={onCancel}
      onReload={async () => {
        await onReload();
        const fresh = await call(api.GET('/api/v1/exemptions/{id}', { params: path }));
        setVersion(fresh.version);
      }}
      run={run}
    >
      {action === 'update' &&
        CONDITIONS.map((c) => (
          <div key={c}>
            <RadioGroup
              name={`checklist.${c}.met`}
              legend={t('action.conditionMet', { condition: t(`condition.${c}`) })}
              layout="row"
              value={checklist[c].met}
              onChange={(v) => setChecklist((s) => ({ ...s, [c]: { ...s[c], met: v } }))}
              options={(['yes', 'no', 'unknown'] as const).map((m) => ({
                value: m,
                label: t(`met.${m}`),
              }))}
            />
            <TextAreaField
              name={`checklist.${c}.note`}
              label={t('action.conditionNote', { condition: t(`condition.${c}`) })}
              maxLength={2000}
              rows={2}
              value={checklist[c].note}
              onChange={(ev) => {
                const note = ev.target.value;
                setChecklist((s) => ({ ...s, [c]: { ...s[c], note } }));
              }}
            />
          </div>
        ))}
      {action === 'decide' && (
        <RadioGroup
          name="decision"
          legend={t('action.decision')}
          required
          layout="row"
          value={values.decision}
          onChange={(v) => setValues((s) => ({ ...s, decision: v }))}
          options={(['GRANTED', 'PARTIALLY_GRANTED', 'DENIED'] as const).map((d) => ({
            value: d,
            label: t(`decision.${d}`),
          }))}
        />
      )}
      {action !== 'update' && (
        <>
          <TextField
            name={action === 'decide' ? 'decidedOn' : 'notifiedOn'}
            type="date"
            label={action === 'decide' ? t('action.decidedOn') : t('action.notifiedOn')}
            hint={action === 'decide' ? undefined : t('action.dateHint')}
            required={action === 'decide'}
            value={values.date}
            onChange={set('date')}
          />
          <TextAreaField
            name={action === 'decide' ? 'reasons' : 'note'}
            label={action === 'decide' ? t('action.reasons') : t('action.note')}
            required={action === 'decide'}
            maxLength={action === 'decide' ? 10000 : 2000}
            rows={5}
            value={values.text}
            onChange={set('text')}
          />
        </>
      )}
    </ActionForm>
  );
}
