// /reports/:id — one milestone report (이행실적). The lead department edits it while DRAFT or
// RETURNED (PATCH with the version read); its head submits it; a reviewer (AUDITOR,
// PROACTIVE_OFFICE) accepts it or returns it with a comment. Everyone else reads it. Files and
// history below. Only the actions in the API's `allowedActions` are offered.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
} from '../../components/forms';
import {
  ConfirmDialog,
  EnteredLaterBadge,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
} from '../../components/ui';
import { clearDraft, readDraft, useAutosave } from '../../components/drafts';
import { formatDate, formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import {
  Attachments,
  History,
  Legend,
  Prose,
  type RecordRef,
  revealAlert,
  toTop,
  ReportStateBadge,
  TimelinessBadge,
} from './shared';
import { ApprovalRequestNotice, RequestApprovalDialog } from './ApprovalRequest';
import './messages';
import { Comments } from '../../components/Comments';

type Report = Schemas['ReportDetailDto'];
type Milestone = Schemas['MilestoneDto'];
type MilestoneResult = Schemas['MilestoneResultDto'];
type Action = 'submit' | 'accept' | 'return';

/** The editable content, as the form holds it (numbers as typed). */
interface Values {
  progress: string;
  achievements: string;
  milestones: Record<string, { planned: string; actual: string }>;
  issuesAndRisks: string;
  nextSteps: string;
  supportNeeded: string;
  consultationId: string;
}
type Field = keyof Values;
/** The fields the user changed and their values, as the browser keeps them between visits. */
interface ReportDraft {
  touched: Field[];
  values: Partial<Values>;
}

function valuesOf(r: Report): Values {
  return {
    progress: r.progress === null ? '' : String(r.progress),
    achievements: r.achievements,
    milestones: Object.fromEntries(
      r.milestoneResults.map((m) => [m.milestoneId, { planned: m.planned, actual: m.actual }]),
    ),
    issuesAndRisks: r.issuesAndRisks,
    nextSteps: r.nextSteps,
    supportNeeded: r.supportNeeded,
    consultationId: r.consultationId ?? '',
  };
}

/** The milestone results to send: the task's order, only milestones with something written. */
function milestoneResults(values: Values, order: string[]): MilestoneResult[] {
  const ids = [...order, ...Object.keys(values.milestones).filter((id) => !order.includes(id))];
  return ids
    .map((id) => ({ milestoneId: id, ...(values.milestones[id] ?? { planned: '', actual: '' }) }))
    .filter((m) => m.planned.trim() || m.actual.trim());
}

const reportKey = (id: string) => ['reports', id] as const;

export default function ReportEditorPage() {
  const { t } = useTranslation('reports');
  const { id = '' } = useParams();
  const report = useQuery({
    queryKey: reportKey(id),
    queryFn: () => call(api.GET('/api/v1/reports/{id}', { params: { path: { id } } })),
  });
  if (report.isPending || report.isError) {
    return (
      <>
        <PageHeader
          title={t('editor.loadingTitle')}
          crumbs={[
            { label: t('queue.title'), to: '/reports' },
            { label: t('editor.loadingTitle') },
          ]}
        />
        {report.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        )}
      </>
    );
  }
  return <ReportView key={report.data.id} report={report.data} />;
}

function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation(['reports', 'common']);
  const queryClient = useQueryClient();
  const { user } = useAuth();
  const location = useLocation();
  const owner: RecordRef = { kind: 'reports', id: report.id };
  const allowed = report.allowedActions;
  const canEdit = allowed.includes('edit');

  // The version the form edits against, and the user's input (kept through a conflict), with the
  // draft of it this browser kept from an earlier visit (restored, and said so).
  const draftKey = `report.${report.id}.${user?.id ?? ''}`;
  const [restored, setRestored] = useState(() =>
    canEdit ? readDraft<ReportDraft>(draftKey) : null,
  );
  const [base, setBase] = useState<Report>(report);
  const [values, setValues] = useState<Values>(() => ({
    ...valuesOf(report),
    ...restored?.value.values,
  }));
  const [touched, setTouched] = useState<ReadonlySet<Field>>(
    () => new Set(restored?.value.touched ?? []),
  );
  const draftSavedAt = useAutosave<ReportDraft>(
    draftKey,
    canEdit && touched.size > 0
      ? {
          touched: [...touched],
          values: Object.fromEntries([...touched].map((k) => [k, values[k]])),
        }
      : null,
  );
  const discardDraft = () => {
    clearDraft(draftKey);
    setRestored(null);
    setValues(valuesOf(base));
    setTouched(new Set());
  };
  const [busy, setBusy] = useState<'save' | 'handOff' | Action | null>(null);
  const [notice, setNotice] = useState<string | null>(() =>
    (location.state as { pastRecorded?: boolean } | null)?.pastRecorded ? t('past.recorded') : null,
  );
  const [formNotice, setFormNotice] = useState<string | null>(null);
  const edit = useFormProblems();
  const review = useFormProblems();
  const [comment, setComment] = useState('');
  // 제출 and 승인 cannot be undone: they are asked first, saying what follows.
  const [confirming, setConfirming] = useState<'submit' | 'accept' | null>(null);
  const [requesting, setRequesting] = useState(false);

  const task = useQuery({
    queryKey: ['tasks', report.taskId],
    queryFn: () => call(api.GET('/api/v1/tasks/{id}', { params: { path: { id: report.taskId } } })),
    staleTime: 60_000,
  });
  const milestones: Milestone[] = task.data?.milestones ?? [];

  const change = <K extends Field>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setTouched((s) => new Set(s).add(key));
    setFormNotice(null);
  };

  /** A newer version of the report: the form moves to it, keeping what the user changed. */
  const adopt = (fresh: Report) => {
    setBase(fresh);
    setValues((v) => {
      const next = valuesOf(fresh);
      for (const k of touched) (next as unknown as Record<Field, unknown>)[k] = v[k];
      return next;
    });
    queryClient.setQueryData(reportKey(fresh.id), fresh);
  };

  const refresh = async (): Promise<Report | undefined> => {
    const res = await queryClient.fetchQuery({
      queryKey: reportKey(report.id),
      queryFn: () => call(api.GET('/api/v1/reports/{id}', { params: { path: { id: report.id } } })),
      staleTime: 0,
    });
    adopt(res);
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
    return res;
  };

  const afterChange = (res: Report) => {
    clearDraft(draftKey);
    setRestored(null);
    setBase(res);
    setValues(valuesOf(res));
    setTouched(new Set());
    queryClient.setQueryData(reportKey(res.id), res);
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
    void queryClient.invalidateQueries({ queryKey: ['tasks', res.taskId] });
  };

  /** PATCH what the user changed; the saved report, or null after showing the problem. */
  const save = async (): Promise<Report | null> => {
    const body: Schemas['UpdateReportDto'] = { version: base.version };
    if (touched.has('progress')) {
      body.progress = values.progress.trim() === '' ? null : Number(values.progress);
    }
    if (touched.has('achievements')) body.achievements = values.achievements;
    if (touched.has('milestones')) {
      body.milestoneResults = milestoneResults(
        values,
        milestones.map((m) => m.id),
      );
    }
    if (touched.has('issuesAndRisks')) body.issuesAndRisks = values.issuesAndRisks;
    if (touched.has('nextSteps')) body.nextSteps = values.nextSteps;
    if (touched.has('supportNeeded')) body.supportNeeded = values.supportNeeded;
    if (touched.has('consultationId')) body.consultationId = values.consultationId || null;
    try {
      const res = await call(
        api.PATCH('/api/v1/reports/{id}', { params: { path: { id: report.id } }, body }),
      );
      afterChange(res);
      return res;
    } catch (err) {
      edit.fail(err);
      revealAlert('#report-form');
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    edit.clear();
    setNotice(null);
    setFormNotice(null);
    const res = await save();
    if (res) setFormNotice(t('editor.saved'));
    setBusy(null);
  };

  const transition = async (action: Action) => {
    const problems = action === 'submit' ? edit : review;
    setBusy(action);
    edit.clear();
    review.clear();
    setNotice(null);
    setFormNotice(null);
    try {
      let version = action === 'submit' ? base.version : report.version;
      if (action === 'submit' && touched.size > 0) {
        const saved = await save();
        if (!saved) return;
        version = saved.version;
      }
      const res = await call(
        api.POST('/api/v1/reports/{id}/transitions', {
          params: { path: { id: report.id } },
          body: {
            action,
            version,
            ...(action !== 'submit' && comment.trim() ? { comment } : {}),
          },
        }),
      );
      afterChange(res);
      if (action !== 'submit') setComment('');
      setNotice(
        t(
          action === 'submit'
            ? 'editor.submitted'
            : action === 'accept'
              ? 'editor.accepted'
              : 'editor.returned',
        ),
      );
      toTop();
    } catch (err) {
      problems.fail(err);
      revealAlert(action === 'submit' ? '#report-form' : '#review-form');
    } finally {
      setBusy(null);
    }
  };

  /** 결재 요청: unsaved changes are saved first (the head submits what is saved). */
  const requestApproval = async (note: string) => {
    setBusy('handOff');
    edit.clear();
    setNotice(null);
    setFormNotice(null);
    try {
      let version = base.version;
      if (touched.size > 0) {
        const saved = await save();
        if (!saved) return;
        version = saved.version;
      }
      const res = await call(
        api.POST('/api/v1/reports/{id}/approval-request', {
          params: { path: { id: report.id } },
          body: { version, ...(note ? { note } : {}) },
        }),
      );
      afterChange(res);
      setNotice(t('approval.requested'));
      toTop();
    } catch (err) {
      edit.fail(err);
      revealAlert('#report-form');
    } finally {
      setBusy(null);
    }
  };

  /** The requester takes the request back, or a head sends it back; typed input is kept. */
  const withdrawApproval = async (reason: string) => {
    const mine = report.approvalRequest?.requestedBy?.id === user?.id;
    setBusy('handOff');
    edit.clear();
    setNotice(null);
    try {
      const res = await call(
        api.POST('/api/v1/reports/{id}/approval-request/withdraw', {
          params: { path: { id: report.id } },
          body: { version: base.version, ...(reason ? { reason } : {}) },
        }),
      );
      adopt(res);
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      setNotice(t(mine ? 'approval.withdrawn' : 'approval.declined'));
      toTop();
    } catch (err) {
      edit.fail(err);
      revealAlert('#report-form');
    } finally {
      setBusy(null);
    }
  };

  const reloadForReview = async () => {
    review.clear();
    await refresh();
  };
  const reloadForEdit = async () => {
    edit.clear();
    await refresh();
    setFormNotice(t('editor.reloaded'));
  };

  const reviewer = allowed.includes('accept') || allowed.includes('return');
  // A report entered later (사후 입력) holds the days its past steps happened (midnight in Seoul),
  // not times of day: those show as dates.
  const when = (at: string | null) => {
    const text = formatDateTime(at);
    return report.enteredLater && text.endsWith(' 00:00') ? formatDate(at) : text;
  };
  const title = t('editor.title', { title: report.taskTitle, period: report.period });

  return (
    <>
      <PageHeader
        title={title}
        crumbs={[
          { label: t('queue.title'), to: '/reports' },
          { label: t('editor.crumb', { code: report.taskCode, period: report.period }) },
        ]}
        description={`${report.taskCode} · ${report.departmentName}`}
      />
      {notice && <Notice>{notice}</Notice>}

      <ReviewCommentNotice report={report} />
      <ApprovalRequestNotice
        report={report}
        userId={user?.id}
        busy={busy !== null}
        onWithdraw={(reason) => void withdrawApproval(reason)}
      />

      <section className="gw-section" aria-labelledby="overview-heading">
        <h2 id="overview-heading">{t('editor.overview')}</h2>
        <Facts
          items={[
            [
              t('editor.state'),
              <span key="s" className="gw-badges">
                <ReportStateBadge state={report.status} />
                {report.enteredLater && <EnteredLaterBadge />}
              </span>,
            ],
            [t('editor.timeliness'), <TimelinessBadge key="t" report={report} />],
            [
              t('editor.task'),
              <Link key="task" to={`/tasks/${report.taskId}`}>
                {report.taskCode} {report.taskTitle}
              </Link>,
            ],
            [t('editor.department'), report.departmentName],
            [
              t('editor.period'),
              `${report.period} (${t('editor.periodRange', {
                start: formatDate(report.periodStart),
                end: formatDate(report.periodEnd),
              })})`,
            ],
            [t('editor.dueDate'), formatDate(report.dueDate)],
            [t('editor.firstSubmittedAt'), when(report.firstSubmittedAt) || '–'],
            [t('editor.submittedAt'), when(report.submittedAt) || '–'],
            [
              t('editor.resubmissions'),
              t('editor.resubmissionCount', { count: report.resubmissionCount }),
            ],
            [t('editor.author'), report.author?.name ?? '–'],
            [t('editor.submitter'), report.submitter?.name ?? '–'],
            [t('editor.reviewer'), report.reviewer?.name ?? '–'],
            [t('editor.reviewedAt'), when(report.reviewedAt) || '–'],
            [
              t('editor.allowedActions'),
              allowed.length ? (
                <span key="a" data-testid="allowed-actions">
                  {allowed.map((a) => t(`action.${a}`)).join(', ')}
                </span>
              ) : (
                t('editor.noActions')
              ),
            ],
          ]}
        />
      </section>

      {canEdit ? (
        <section id="report-form" className="gw-section gw-panel" aria-labelledby="form-heading">
          <h2 id="form-heading">{t('editor.form')}</h2>
          {restored && (
            <div className="gw-alert gw-alert--warning" role="status">
              <p>{t('editor.draftRestored', { at: formatDateTime(restored.savedAt) })}</p>
              <button type="button" className="krds-btn secondary small" onClick={discardDraft}>
                {t('editor.draftDiscard')}
              </button>
            </div>
          )}
          <Form
            problems={edit.problems}
            onSubmit={() => void onSave()}
            onReload={() => void reloadForEdit()}
            label={t('editor.form')}
            unsaved={touched.size > 0}
          >
            <TextField
              name="progress"
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              label={t('editor.progress')}
              hint={t('editor.progressHint')}
              value={values.progress}
              onChange={(e) => change('progress', e.target.value)}
              className="gw-input-short"
            />
            <TextAreaField
              name="achievements"
              label={t('editor.achievements')}
              hint={t('editor.achievementsHint')}
              rows={6}
              maxLength={10000}
              value={values.achievements}
              onChange={(e) => change('achievements', e.target.value)}
            />
            <MilestoneFields
              milestones={milestones}
              loading={task.isPending}
              values={values}
              onChange={(id, part, text) =>
                change('milestones', {
                  ...values.milestones,
                  [id]: {
                    ...(values.milestones[id] ?? { planned: '', actual: '' }),
                    [part]: text,
                  },
                })
              }
            />
            <TextAreaField
              name="issuesAndRisks"
              label={t('editor.issuesAndRisks')}
              maxLength={10000}
              value={values.issuesAndRisks}
              onChange={(e) => change('issuesAndRisks', e.target.value)}
            />
            <TextAreaField
              name="nextSteps"
              label={t('editor.nextSteps')}
              maxLength={10000}
              value={values.nextSteps}
              onChange={(e) => change('nextSteps', e.target.value)}
            />
            <TextAreaField
              name="supportNeeded"
              label={t('editor.supportNeeded')}
              maxLength={10000}
              value={values.supportNeeded}
              onChange={(e) => change('supportNeeded', e.target.value)}
            />
            <ConsultationSelect
              taskId={report.taskId}
              value={values.consultationId}
              onChange={(v) => change('consultationId', v)}
            />
            <div className="gw-form-actions">
              <button type="submit" className="krds-btn secondary medium" disabled={busy !== null}>
                {busy === 'save' ? t('editor.saving') : t('editor.save')}
              </button>
              {allowed.includes('submit') && (
                <button
                  type="button"
                  className="krds-btn primary medium"
                  disabled={busy !== null}
                  aria-describedby="submit-hint"
                  onClick={() => setConfirming('submit')}
                >
                  {t('editor.submit')}
                </button>
              )}
              {allowed.includes('requestApproval') && (
                <button
                  type="button"
                  className="krds-btn primary medium"
                  disabled={busy !== null}
                  aria-describedby="request-hint"
                  onClick={() => setRequesting(true)}
                >
                  {t('approval.request')}
                </button>
              )}
            </div>
            {allowed.includes('submit') ? (
              <p id="submit-hint" className="gw-subtle">
                {t('editor.submitHint')}
              </p>
            ) : allowed.includes('requestApproval') ? (
              <p id="request-hint" className="gw-subtle">
                {t('approval.requestHint')}
              </p>
            ) : (
              <p className="gw-subtle">{t('editor.staffCannotSubmit')}</p>
            )}
            {formNotice && <Notice>{formNotice}</Notice>}
            {draftSavedAt && (
              <p className="gw-subtle" aria-live="polite">
                {t('editor.draftSaved', { at: formatDateTime(draftSavedAt) })}
              </p>
            )}
          </Form>
        </section>
      ) : (
        <>
          <p className="gw-alert gw-alert--info">
            {report.status === 'SUBMITTED' && user?.departmentId === report.departmentId
              ? t('editor.readOnlySubmitted')
              : t('editor.readOnly')}
          </p>
          <ReadOnlyContent report={report} milestones={milestones} />
        </>
      )}

      <ConfirmDialog
        open={confirming !== null}
        title={t(confirming === 'accept' ? 'editor.confirmAccept' : 'editor.confirmSubmit')}
        consequence={t(
          confirming === 'accept' ? 'editor.acceptConsequence' : 'editor.submitConsequence',
        )}
        confirmLabel={t(confirming === 'accept' ? 'editor.acceptNow' : 'editor.submitNow')}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const action = confirming;
          setConfirming(null);
          if (action) void transition(action);
        }}
      />

      <RequestApprovalDialog
        open={requesting}
        onCancel={() => setRequesting(false)}
        onConfirm={(note) => {
          setRequesting(false);
          void requestApproval(note);
        }}
      />

      {reviewer && (
        <section id="review-form" className="gw-section gw-panel" aria-labelledby="review-heading">
          <h2 id="review-heading">{t('editor.review')}</h2>
          <Form
            problems={review.problems}
            onSubmit={() => undefined}
            onReload={() => void reloadForReview()}
            label={t('editor.review')}
          >
            <TextAreaField
              name="comment"
              label={t('editor.reviewComment')}
              hint={t('editor.reviewCommentHint')}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <div className="gw-form-actions">
              {allowed.includes('accept') && (
                <button
                  type="button"
                  className="krds-btn primary medium"
                  disabled={busy !== null}
                  onClick={() => setConfirming('accept')}
                >
                  {t('editor.accept')}
                </button>
              )}
              {allowed.includes('return') && (
                <button
                  type="button"
                  className="krds-btn secondary medium"
                  disabled={busy !== null}
                  onClick={() => void transition('return')}
                >
                  {t('editor.return')}
                </button>
              )}
            </div>
          </Form>
        </section>
      )}

      <Attachments
        owner={owner}
        attachments={report.attachments}
        canChange={canEdit}
        onChanged={() => void refresh().catch(() => undefined)}
      />
      <Comments recordType="report" recordId={report.id} />
      <History
        owner={owner}
        formatValue={(field, value) =>
          field === 'state' && typeof value === 'string'
            ? t(`common:reportState.${value}`, { defaultValue: value })
            : undefined
        }
      />
    </>
  );
}

/** The reviewer's comment: the reason for return (RETURNED), or the earlier one, or the review note. */
function ReviewCommentNotice({ report }: { report: Report }) {
  const { t } = useTranslation('reports');
  if (!report.reviewComment) return null;
  const by = report.reviewer
    ? t('editor.byOn', { name: report.reviewer.name, at: formatDateTime(report.reviewedAt) })
    : null;
  if (report.status === 'RETURNED') {
    return (
      <div className="gw-alert gw-alert--warning" role="note" aria-labelledby="return-heading">
        <h2 id="return-heading" className="gw-alert-title">
          {t('editor.returnedTitle')}
        </h2>
        <p>{t('editor.returnedBody')}</p>
        <blockquote className="gw-prose" data-testid="review-comment">
          {report.reviewComment}
        </blockquote>
        {by && <p className="gw-subtle">{by}</p>}
      </div>
    );
  }
  const heading =
    report.status === 'SUBMITTED' ? t('editor.previousReturn') : t('editor.reviewCommentTitle');
  return (
    <div className="gw-alert gw-alert--info" role="note" aria-labelledby="return-heading">
      <h2 id="return-heading" className="gw-alert-title">
        {heading}
      </h2>
      <blockquote className="gw-prose" data-testid="review-comment">
        {report.reviewComment}
      </blockquote>
      {by && <p className="gw-subtle">{by}</p>}
    </div>
  );
}

function MilestoneFields({
  milestones,
  loading,
  values,
  onChange,
}: {
  milestones: Milestone[];
  loading: boolean;
  values: Values;
  onChange: (id: string, part: 'planned' | 'actual', text: string) => void;
}) {
  const { t } = useTranslation('reports');
  const order = milestones.map((m) => m.id);
  // A field's name is its index in the list sent, so the API's messages land next to it.
  const sent = milestoneResults(values, order);
  const indexOf = (id: string) => sent.findIndex((m) => m.milestoneId === id);
  const known = new Set(order);
  const extra = Object.keys(values.milestones).filter((id) => !known.has(id));
  const rows = [
    ...milestones.map((m) => ({
      id: m.id,
      title: m.title,
      meta: `${t('editor.milestoneDue', { date: formatDate(m.dueDate) })}${
        m.status === 'DONE' ? ` · ${t('editor.milestoneDone')}` : ''
      }`,
    })),
    ...extra.map((id) => ({ id, title: t('editor.milestoneUnknown'), meta: '' })),
  ];
  return (
    <fieldset className="gw-checks" aria-describedby="milestones-hint">
      <Legend>{t('editor.milestones')}</Legend>
      <p id="milestones-hint" className="gw-subtle">
        {t('editor.milestonesHint')}
      </p>
      {loading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="gw-subtle">{t('editor.milestonesEmpty')}</p>
      ) : (
        rows.map((m) => {
          const i = indexOf(m.id);
          const name = (part: string) =>
            i >= 0 ? `milestoneResults.${i}.${part}` : `${m.id}.${part}`;
          const v = values.milestones[m.id] ?? { planned: '', actual: '' };
          return (
            <div className="gw-milestone" key={m.id}>
              <p className="gw-milestone-title">
                {m.title} {m.meta && <span className="gw-subtle">({m.meta})</span>}
              </p>
              <div className="gw-two-col">
                <TextAreaField
                  name={name('planned')}
                  rows={2}
                  maxLength={2000}
                  label={t('editor.milestoneLabel', {
                    title: m.title,
                    part: t('editor.milestonePlanned'),
                  })}
                  value={v.planned}
                  onChange={(e) => onChange(m.id, 'planned', e.target.value)}
                />
                <TextAreaField
                  name={name('actual')}
                  rows={2}
                  maxLength={2000}
                  label={t('editor.milestoneLabel', {
                    title: m.title,
                    part: t('editor.milestoneActual'),
                  })}
                  value={v.actual}
                  onChange={(e) => onChange(m.id, 'actual', e.target.value)}
                />
              </div>
            </div>
          );
        })
      )}
    </fieldset>
  );
}

/** The pre-consultations of the report's task, to link the support request to one. */
function ConsultationSelect({
  taskId,
  value,
  onChange,
}: {
  taskId: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation('reports');
  const consultations = useQuery({
    queryKey: ['consultations', 'of-task', taskId],
    queryFn: () =>
      call(api.GET('/api/v1/tasks/{id}/consultations', { params: { path: { id: taskId } } })),
    staleTime: 60_000,
  });
  const options = (consultations.data ?? []).map((c) => ({ value: c.id, label: c.subject }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <SelectField
      name="consultationId"
      label={t('editor.consultation')}
      hint={t('editor.consultationHint')}
      placeholder={t('editor.consultationNone')}
      options={options}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function ReadOnlyContent({ report, milestones }: { report: Report; milestones: Milestone[] }) {
  const { t } = useTranslation('reports');
  const titles = new Map(milestones.map((m) => [m.id, m.title]));
  const empty = t('editor.notEntered');
  return (
    <section className="gw-section" aria-labelledby="content-heading">
      <h2 id="content-heading">{t('editor.content')}</h2>
      <h3>{t('editor.progress')}</h3>
      <p>{report.progress === null ? empty : `${report.progress}%`}</p>
      <h3>{t('editor.achievements')}</h3>
      <Prose text={report.achievements} empty={empty} />
      <h3>{t('editor.milestones')}</h3>
      {report.milestoneResults.length === 0 ? (
        <p className="gw-prose--empty">{empty}</p>
      ) : (
        <div className="krds-table-wrap gw-table-wrap">
          <table className="tbl col data">
            <caption className="sr-only">{t('editor.milestones')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('editor.milestone')}</th>
                <th scope="col">{t('editor.milestonePlanned')}</th>
                <th scope="col">{t('editor.milestoneActual')}</th>
              </tr>
            </thead>
            <tbody>
              {report.milestoneResults.map((m) => (
                <tr key={m.milestoneId}>
                  <th scope="row">{titles.get(m.milestoneId) ?? t('editor.milestoneUnknown')}</th>
                  <td className="gw-prose-cell">{m.planned}</td>
                  <td className="gw-prose-cell">{m.actual}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('editor.issuesAndRisks')}</h3>
      <Prose text={report.issuesAndRisks} empty={empty} />
      <h3>{t('editor.nextSteps')}</h3>
      <Prose text={report.nextSteps} empty={empty} />
      <h3>{t('editor.supportNeeded')}</h3>
      <Prose text={report.supportNeeded} empty={empty} />
      <h3>{t('editor.consultation')}</h3>
      <p>
        {report.consultationId ? (
          <Link to={`/consultations/${report.consultationId}`}>{t('editor.consultationLink')}</Link>
        ) : (
          empty
        )}
      </p>
    </section>
  );
}
