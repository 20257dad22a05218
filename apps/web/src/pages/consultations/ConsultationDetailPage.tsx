// /consultations/:id — one pre-consultation (사전컨설팅): the request, its deadlines and state, the
// workflow actions the API allows the user (each with exactly the inputs it takes), editing while
// DRAFT (PATCH with the version read), the screening, advice, opinion, follow-up and immunity
// presumption, files and history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
} from '../../components/forms';
import { Badge, Dialog, ErrorState, Facts, Loading, Notice, PageHeader } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import { Attachments, History, Prose, type RecordRef, revealAlert, toTop } from '../reports/shared';
import {
  type Consultation,
  ConsultationStateBadge,
  OPINION_PENDING,
  type RequestField,
  RequestFields,
  type RequestValues,
  requestBody,
  requestOf,
} from './shared';
import './messages';
import { Comments } from '../../components/Comments';

type Action = Schemas['ConsultationTransitionDto']['action'];
type TransitionBody = Omit<Schemas['ConsultationTransitionDto'], 'action' | 'version'>;

const ACTIONS: readonly Action[] = [
  'submit',
  'startScreening',
  'reject',
  'accept',
  'startReview',
  'escalate',
  'returnAdvice',
  'requestCommitteeAdvice',
  'recordCommitteeAdvice',
  'issueOpinion',
  'extend',
  'close',
];
const REJECTION_REASONS = [
  'CLEAR_RULE_EXISTS',
  'NO_OWN_REVIEW',
  'DISPOSITION_ALREADY_MADE',
  'PROCEEDINGS_PENDING_OR_FINAL',
] as const;
const OPINION_TYPES = ['ACCEPTABLE', 'CONDITIONAL', 'NOT_ACCEPTABLE'] as const;
const FOLLOW_UPS = ['FOLLOWED', 'NOT_FOLLOWED'] as const;

const consultationKey = (id: string) => ['consultations', id] as const;

export default function ConsultationDetailPage() {
  const { t } = useTranslation('consultations');
  const { id = '' } = useParams();
  const consultation = useQuery({
    queryKey: consultationKey(id),
    queryFn: () => call(api.GET('/api/v1/consultations/{id}', { params: { path: { id } } })),
  });
  if (consultation.isPending || consultation.isError) {
    return (
      <>
        <PageHeader
          title={t('detail.loadingTitle')}
          crumbs={[
            { label: t('title'), to: '/consultations' },
            { label: t('detail.loadingTitle') },
          ]}
        />
        {consultation.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={consultation.error} onRetry={() => void consultation.refetch()} />
        )}
      </>
    );
  }
  return <ConsultationView key={consultation.data.id} consultation={consultation.data} />;
}

function ConsultationView({ consultation: c }: { consultation: Consultation }) {
  const { t } = useTranslation(['consultations', 'reports']);
  const queryClient = useQueryClient();
  const { hasRole } = useAuth();
  const owner: RecordRef = { kind: 'consultations', id: c.id };
  const allowed = c.allowedActions;
  const canEdit = allowed.includes('edit');
  const actions = ACTIONS.filter((a) => allowed.includes(a));

  const [base, setBase] = useState<Consultation>(c);
  const [values, setValues] = useState<RequestValues>(() => requestOf(c));
  const [touched, setTouched] = useState<ReadonlySet<RequestField>>(new Set());
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [formNotice, setFormNotice] = useState<string | null>(null);
  const [open, setOpen] = useState<Action | null>(null);
  const edit = useFormProblems();

  const change = <K extends RequestField>(key: K, value: RequestValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setTouched((s) => new Set(s).add(key));
    setFormNotice(null);
  };

  /** A newer version: the form moves to it, keeping what the user changed. */
  const adopt = (fresh: Consultation) => {
    setBase(fresh);
    setValues((v) => {
      const next = requestOf(fresh);
      for (const k of touched) (next as unknown as Record<RequestField, unknown>)[k] = v[k];
      return next;
    });
  };

  const refresh = async (): Promise<Consultation> => {
    const fresh = await queryClient.fetchQuery({
      queryKey: consultationKey(c.id),
      queryFn: () =>
        call(api.GET('/api/v1/consultations/{id}', { params: { path: { id: c.id } } })),
      staleTime: 0,
    });
    adopt(fresh);
    void queryClient.invalidateQueries({ queryKey: ['consultations'] });
    return fresh;
  };

  const afterChange = (res: Consultation) => {
    setBase(res);
    setValues(requestOf(res));
    setTouched(new Set());
    queryClient.setQueryData(consultationKey(res.id), res);
    void queryClient.invalidateQueries({ queryKey: ['consultations'] });
  };

  /** PATCH what the user changed: the saved version, or null after showing the problem. */
  const save = async (): Promise<Consultation | null> => {
    try {
      const res = await call(
        api.PATCH('/api/v1/consultations/{id}', {
          params: { path: { id: c.id } },
          body: { ...requestBody(values, touched), version: base.version },
        }),
      );
      afterChange(res);
      return res;
    } catch (err) {
      edit.fail(err);
      revealAlert('#request-form');
      return null;
    }
  };

  const onSave = async () => {
    setSaving(true);
    edit.clear();
    setNotice(null);
    setFormNotice(null);
    if (await save()) setFormNotice(t('detail.saved'));
    setSaving(false);
  };

  /** Runs a transition; saves pending edits first when submitting. Throws the API's refusal. */
  const runAction = async (action: Action, body: TransitionBody) => {
    let version = c.version;
    if (action === 'submit' && touched.size > 0) {
      edit.clear();
      const saved = await save();
      if (!saved) {
        setOpen(null);
        return;
      }
      version = saved.version;
    }
    const res = await call(
      api.POST('/api/v1/consultations/{id}/transitions', {
        params: { path: { id: c.id } },
        body: { action, version, ...body },
      }),
    );
    afterChange(res);
    setOpen(null);
    setFormNotice(null);
    setNotice(t('detail.done', { action: t(`action.${action}`) }));
    toTop();
  };

  const canAttach =
    canEdit || (hasRole('AUDITOR') && (OPINION_PENDING as readonly string[]).includes(c.status));

  return (
    <>
      <PageHeader
        title={c.subject}
        crumbs={[{ label: t('title'), to: '/consultations' }, { label: c.subject }]}
        description={`${c.departmentName} · ${t(`state.${c.status}`)}`}
      />
      {notice && <Notice>{notice}</Notice>}
      {c.overdue && (
        <p className="gw-alert gw-alert--danger">
          <strong>{t('detail.overdue', { count: c.daysOverdue })}</strong>
        </p>
      )}

      {actions.length > 0 && (
        <section className="gw-section gw-panel" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t('detail.actions')}</h2>
          <div className="gw-form-actions" data-testid="consultation-actions">
            {actions.map((a) => (
              <button
                key={a}
                type="button"
                className={`krds-btn ${a === 'reject' ? 'secondary' : 'primary'} medium`}
                onClick={() => setOpen(a)}
              >
                {t(`action.${a}`)}
              </button>
            ))}
          </div>
        </section>
      )}

      <section className="gw-section" aria-labelledby="overview-heading">
        <h2 id="overview-heading">{t('detail.overview')}</h2>
        <Facts items={overviewFacts(c, t)} />
      </section>

      {canEdit ? (
        <section
          id="request-form"
          className="gw-section gw-panel gw-form-narrow"
          aria-labelledby="edit-heading"
        >
          <h2 id="edit-heading">{t('detail.edit')}</h2>
          <Form
            problems={edit.problems}
            onSubmit={() => void onSave()}
            onReload={() =>
              void refresh().then(() => {
                edit.clear();
                setFormNotice(t('detail.reloaded'));
              })
            }
            label={t('detail.edit')}
          >
            <RequestFields values={values} onChange={change} />
            <div className="gw-form-actions">
              <button type="submit" className="krds-btn secondary medium" disabled={saving}>
                {saving ? t('detail.saving') : t('detail.save')}
              </button>
            </div>
            {formNotice && <Notice>{formNotice}</Notice>}
          </Form>
        </section>
      ) : (
        <RequestContent c={c} />
      )}

      <ScreeningSection c={c} />
      <AdviceSection c={c} />
      <OpinionSection c={c} />
      <FollowUpSection c={c} />

      <Attachments
        owner={owner}
        attachments={c.attachments}
        canChange={canAttach}
        onChanged={() => void refresh().catch(() => undefined)}
      />
      <Comments recordType="consultation" recordId={c.id} />
      <History
        owner={owner}
        formatValue={(field, value) => {
          if (field === 'screeningChecklist' && value && typeof value === 'object') {
            const applies = Object.entries(value as Record<string, boolean>)
              .filter(([, yes]) => yes)
              .map(([reason]) => t(`rejectionReason.${reason}`, { defaultValue: reason }));
            return applies.length ? applies.join(', ') : t('detail.checklistNo');
          }
          if (typeof value !== 'string') return undefined;
          if (field === 'state') return t(`state.${value}`, { defaultValue: value });
          if (field === 'opinionType') return t(`opinionType.${value}`, { defaultValue: value });
          if (field === 'followUp') return t(`followUp.${value}`, { defaultValue: value });
          if (field === 'rejectionReason') {
            return t(`rejectionReason.${value}`, { defaultValue: value });
          }
          return undefined;
        }}
      />

      <Dialog
        open={open !== null}
        title={open ? t(`action.${open}`) : ''}
        onClose={() => setOpen(null)}
      >
        {open && (
          <ActionForm
            action={open}
            unsavedEdits={open === 'submit' && touched.size > 0}
            onRun={(body) => runAction(open, body)}
            onReload={async () => {
              await refresh();
            }}
            onCancel={() => setOpen(null)}
          />
        )}
      </Dialog>
    </>
  );
}

function overviewFacts(
  c: Consultation,
  t: (key: string, options?: Record<string, unknown>) => string,
): Array<[string, ReactNode]> {
  const none = t('detail.none');
  return [
    [t('detail.state'), <ConsultationStateBadge key="s" state={c.status} />],
    [
      t('detail.dueDate'),
      c.dueDate ? (
        <span key="d">
          {formatDate(c.dueDate)}{' '}
          {c.overdue ? (
            <Badge tone="danger">{t('detail.overdueBadge', { count: c.daysOverdue })}</Badge>
          ) : (
            <Badge tone="success">{t('detail.onTime')}</Badge>
          )}
        </span>
      ) : (
        none
      ),
    ],
    [t('detail.department'), `${c.departmentName} (${c.organisationName})`],
    [t('detail.drafter'), c.drafter.name],
    [t('detail.requester'), c.requester?.name ?? none],
    [
      t('detail.task'),
      c.taskId ? (
        <Link key="task" to={`/tasks/${c.taskId}`}>
          {c.taskCode} {c.taskTitle}
        </Link>
      ) : (
        none
      ),
    ],
    [t('detail.createdAt'), formatDateTime(c.createdAt)],
    [t('detail.submittedAt'), formatDateTime(c.submittedAt) || none],
    [t('detail.screeningDueDate'), formatDate(c.screeningDueDate) || none],
    [t('detail.acceptedAt'), formatDateTime(c.acceptedAt) || none],
    [t('detail.opinionDueDate'), formatDate(c.opinionDueDate) || none],
    [
      t('detail.extension'),
      c.extensionDays > 0
        ? t('detail.extensionValue', { days: c.extensionDays, reason: c.extensionReason ?? '' })
        : none,
    ],
    [t('detail.auditor'), c.assignedAuditor?.name ?? none],
    [
      t('detail.escalation'),
      c.escalatedToOrganisationName
        ? t('detail.escalationValue', {
            name: c.escalatedToOrganisationName,
            at: formatDateTime(c.escalatedAt),
          })
        : none,
    ],
    [t('detail.desiredAnswerDate'), formatDate(c.desiredAnswerDate) || none],
    [
      t('detail.allowedActions'),
      c.allowedActions.length ? (
        <span key="a" data-testid="allowed-actions">
          {c.allowedActions.map((a) => t(`action.${a}`)).join(', ')}
        </span>
      ) : (
        t('detail.noActions')
      ),
    ],
  ];
}

/** The inputs of one workflow action, in a dialog; the API's messages appear next to each. */
function ActionForm({
  action,
  unsavedEdits,
  onRun,
  onReload,
  onCancel,
}: {
  action: Action;
  unsavedEdits: boolean;
  onRun: (body: TransitionBody) => Promise<void>;
  onReload: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('consultations');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const [v, setV] = useState({
    reason: '',
    rejectionReason: '',
    advice: '',
    opinion: '',
    opinionType: '',
    days: '',
    followUp: '',
  });
  const set =
    (key: keyof typeof v) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setV((x) => ({ ...x, [key]: e.target.value }));

  const body = (): TransitionBody => {
    const text = (s: string) => (s.trim() ? s : undefined);
    switch (action) {
      case 'reject':
        return {
          rejectionReason: (v.rejectionReason || undefined) as TransitionBody['rejectionReason'],
          reason: text(v.reason),
        };
      case 'escalate':
      case 'requestCommitteeAdvice':
        return { reason: text(v.reason) };
      case 'returnAdvice':
      case 'recordCommitteeAdvice':
        return { advice: text(v.advice) };
      case 'issueOpinion':
        return {
          opinion: text(v.opinion),
          opinionType: (v.opinionType || undefined) as TransitionBody['opinionType'],
        };
      case 'extend':
        return { days: v.days.trim() ? Number(v.days) : undefined, reason: text(v.reason) };
      case 'close':
        return {
          followUp: (v.followUp || undefined) as TransitionBody['followUp'],
          reason: text(v.reason),
        };
      case 'submit':
      case 'startScreening':
      case 'accept':
      case 'startReview':
        return {};
    }
  };

  const run = async () => {
    setBusy(true);
    clear();
    try {
      await onRun(body());
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  let fields: ReactNode;
  switch (action) {
    case 'reject':
      fields = (
        <>
          <RadioGroup
            legend={t('input.rejectionReason')}
            name="rejectionReason"
            required
            error={problems.fields.rejectionReason}
            options={REJECTION_REASONS.map((r) => ({ value: r, label: t(`rejectionReason.${r}`) }))}
            value={v.rejectionReason}
            onChange={(value) => setV((x) => ({ ...x, rejectionReason: value }))}
          />
          <TextAreaField
            name="reason"
            label={t('input.rejectNote')}
            maxLength={4000}
            value={v.reason}
            onChange={set('reason')}
          />
        </>
      );
      break;
    case 'escalate':
    case 'requestCommitteeAdvice':
      fields = (
        <TextAreaField
          name="reason"
          label={t(action === 'escalate' ? 'input.escalateReason' : 'input.committeeReason')}
          required
          maxLength={4000}
          value={v.reason}
          onChange={set('reason')}
        />
      );
      break;
    case 'returnAdvice':
    case 'recordCommitteeAdvice':
      fields = (
        <TextAreaField
          name="advice"
          label={t('input.advice')}
          required
          rows={6}
          maxLength={10000}
          value={v.advice}
          onChange={set('advice')}
        />
      );
      break;
    case 'issueOpinion':
      fields = (
        <>
          <SelectField
            name="opinionType"
            label={t('input.opinionType')}
            required
            placeholder={t('input.opinionTypeChoose')}
            options={OPINION_TYPES.map((o) => ({ value: o, label: t(`opinionType.${o}`) }))}
            value={v.opinionType}
            onChange={set('opinionType')}
          />
          <TextAreaField
            name="opinion"
            label={t('input.opinion')}
            required
            rows={8}
            maxLength={10000}
            value={v.opinion}
            onChange={set('opinion')}
          />
        </>
      );
      break;
    case 'extend':
      fields = (
        <>
          <TextField
            name="days"
            type="number"
            inputMode="numeric"
            min={1}
            max={90}
            step={1}
            label={t('input.days')}
            hint={t('input.daysHint')}
            required
            className="gw-input-short"
            value={v.days}
            onChange={set('days')}
          />
          <TextAreaField
            name="reason"
            label={t('input.extendReason')}
            required
            maxLength={4000}
            value={v.reason}
            onChange={set('reason')}
          />
        </>
      );
      break;
    case 'close':
      fields = (
        <>
          <RadioGroup
            legend={t('input.followUp')}
            name="followUp"
            required
            error={problems.fields.followUp}
            options={FOLLOW_UPS.map((f) => ({ value: f, label: t(`followUp.${f}`) }))}
            value={v.followUp}
            onChange={(value) => setV((x) => ({ ...x, followUp: value }))}
          />
          <TextAreaField
            name="reason"
            label={t('input.closeReason')}
            hint={t('input.closeReasonHint')}
            required={v.followUp === 'NOT_FOLLOWED'}
            maxLength={4000}
            value={v.reason}
            onChange={set('reason')}
          />
        </>
      );
      break;
    case 'submit':
    case 'startScreening':
    case 'accept':
    case 'startReview':
      fields = null;
  }

  return (
    <Form
      problems={problems}
      onSubmit={() => void run()}
      onReload={() =>
        void onReload().then(() => {
          clear();
          setReloaded(true);
        })
      }
      label={t(`action.${action}`)}
    >
      {reloaded && <p className="gw-alert gw-alert--info">{t('detail.reloaded')}</p>}
      <p>{t(`actionHelp.${action}`)}</p>
      {unsavedEdits && <p className="gw-subtle">{t('actionHelp.submitSavesFirst')}</p>}
      {fields}
      <div className="gw-form-actions">
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t('input.working') : t('input.confirm')}
        </button>
        <button type="button" className="krds-btn secondary medium" onClick={onCancel}>
          {t('input.cancel')}
        </button>
      </div>
    </Form>
  );
}

function RequestContent({ c }: { c: Consultation }) {
  const { t } = useTranslation('consultations');
  const empty = t('detail.notEntered');
  return (
    <section className="gw-section" aria-labelledby="request-heading">
      <h2 id="request-heading">{t('detail.request')}</h2>
      <h3>{t('field.facts')}</h3>
      <Prose text={c.facts} empty={empty} />
      <h3>{t('field.question')}</h3>
      <Prose text={c.question} empty={empty} />
      <h3>{t('field.relevantLaws')}</h3>
      <Prose text={c.relevantLaws} empty={empty} />
      <h3>{t('field.ownReview')}</h3>
      <Prose text={c.ownReview} empty={empty} />
      <h3>{t('field.options')}</h3>
      {c.options.length === 0 ? (
        <p className="gw-prose--empty">{t('detail.optionsNone')}</p>
      ) : (
        <dl className="gw-options">
          {c.options.map((o, i) => (
            <div key={i}>
              <dt>{o.label}</dt>
              <dd className="gw-prose">{o.content}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3>{t('field.privateInterestLegend')}</h3>
      <p>{c.privateInterest ? t('detail.privateInterestYes') : t('detail.privateInterestNo')}</p>
      {c.privateInterest && <Prose text={c.privateInterestNote} empty={empty} />}
    </section>
  );
}

function ScreeningSection({ c }: { c: Consultation }) {
  const { t } = useTranslation('consultations');
  if (!c.screenedAt && !c.rejectionReason) return null;
  const checklist = (c.screeningChecklist ?? {}) as Record<string, boolean>;
  return (
    <section className="gw-section" aria-labelledby="screening-heading">
      <h2 id="screening-heading">{t('detail.screening')}</h2>
      <Facts
        items={[
          [t('detail.screenedAt'), formatDateTime(c.screenedAt) || t('detail.none')],
          [
            t('detail.rejectionReason'),
            c.rejectionReason ? t(`rejectionReason.${c.rejectionReason}`) : t('detail.none'),
          ],
          [t('detail.rejectionNote'), c.rejectionNote ?? t('detail.none')],
        ]}
      />
      {Object.keys(checklist).length > 0 && (
        <>
          <h3>{t('detail.checklist')}</h3>
          <ul className="gw-checklist">
            {Object.entries(checklist).map(([reason, applies]) => (
              <li key={reason}>
                <Badge tone={applies ? 'danger' : 'neutral'}>
                  {applies ? t('detail.checklistYes') : t('detail.checklistNo')}
                </Badge>{' '}
                {t(`rejectionReason.${reason}`, { defaultValue: reason })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AdviceSection({ c }: { c: Consultation }) {
  const { t } = useTranslation('consultations');
  if (c.advice.length === 0) return null;
  return (
    <section className="gw-section" aria-labelledby="advice-heading">
      <h2 id="advice-heading">{t('detail.advice')}</h2>
      {c.advice.map((a, i) => (
        <div className="gw-card gw-advice" key={i}>
          <h3>{t(`detail.adviceKind.${a.kind}`)}</h3>
          <Facts
            items={[
              [t('detail.adviceRequestedAt'), formatDateTime(a.requestedAt)],
              [
                t('detail.adviceAdvisedAt'),
                formatDateTime(a.advisedAt) || t('detail.advicePending'),
              ],
            ]}
          />
          <h4 className="gw-h4">{t('detail.adviceRequest')}</h4>
          <Prose text={a.request} />
          <h4 className="gw-h4">{t('detail.adviceAnswer')}</h4>
          <Prose text={a.advice} empty={t('detail.advicePending')} />
        </div>
      ))}
    </section>
  );
}

function OpinionSection({ c }: { c: Consultation }) {
  const { t } = useTranslation('consultations');
  if (!c.opinion && !c.opinionType) return null;
  return (
    <section className="gw-section" aria-labelledby="opinion-heading">
      <h2 id="opinion-heading">{t('detail.opinion')}</h2>
      <Facts
        items={[
          [
            t('detail.opinionType'),
            c.opinionType ? (
              <Badge
                key="o"
                tone={
                  c.opinionType === 'ACCEPTABLE'
                    ? 'success'
                    : c.opinionType === 'CONDITIONAL'
                      ? 'warning'
                      : 'danger'
                }
              >
                {t(`opinionType.${c.opinionType}`)}
              </Badge>
            ) : (
              t('detail.none')
            ),
          ],
          [t('detail.opinionBy'), c.opinionBy?.name ?? t('detail.none')],
          [t('detail.opinionAt'), formatDateTime(c.opinionAt) || t('detail.none')],
          [
            t('detail.turnaround'),
            c.turnaroundDays === null
              ? t('detail.none')
              : t('detail.turnaroundValue', { count: c.turnaroundDays }),
          ],
        ]}
      />
      <Prose text={c.opinion} />
    </section>
  );
}

function FollowUpSection({ c }: { c: Consultation }) {
  const { t } = useTranslation('consultations');
  if (c.status !== 'CLOSED' && !c.followUp) return null;
  return (
    <section className="gw-section" aria-labelledby="followup-heading">
      <h2 id="followup-heading">{t('detail.followUp')}</h2>
      <Facts
        items={[
          [t('detail.followUpValue'), c.followUp ? t(`followUp.${c.followUp}`) : t('detail.none')],
          [t('detail.followUpReason'), c.followUpReason ?? t('detail.none')],
          [t('detail.closedAt'), formatDateTime(c.closedAt) || t('detail.none')],
        ]}
      />
      {c.status === 'CLOSED' &&
        (c.immunityPresumed ? (
          <div className="gw-alert gw-alert--success" data-testid="immunity">
            <strong>
              <Badge tone="success">{t('detail.immunityYes')}</Badge>
            </strong>
            <p>{t('detail.immunityYesBody')}</p>
          </div>
        ) : (
          <div className="gw-alert gw-alert--info" data-testid="immunity">
            <strong>
              <Badge tone="neutral">{t('detail.immunityNo')}</Badge>
            </strong>
            <p>
              {c.followUp === 'NOT_FOLLOWED'
                ? t('detail.immunityNoFollowed')
                : t('detail.immunityNoInterest')}
            </p>
          </div>
        ))}
    </section>
  );
}
