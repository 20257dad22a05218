// /reports/past-records/new — the 적극행정 office enters a past period's report as it went (사후
// 입력): the task and period, the content, the steps with the day each happened (제출, 반려 with its
// comment, 재제출, 승인) and why it is entered later. The API replays the steps through the report
// state machine; a step it refuses is named (`events.<i>.on` …) and shown next to that step.
// Reached from a task's reports section (?taskId=) and from the report queue.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
} from '../../components/forms';
import { ErrorState, Loading, PageHeader } from '../../components/ui';
import { formatDate, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import {
  nextStepAction,
  pastReportBody,
  type PastReportValues,
  replaySteps,
  type Step,
  STEP_ACTIONS,
  stepHasComment,
} from './pastSteps';
import { revealAlert, useTaskOptions } from './shared';
import './messages';

type Task = Schemas['TaskDetailDto'];

export default function PastReportPage() {
  const { t } = useTranslation('reports');
  const { hasRole } = useAuth();
  const [sp] = useSearchParams();
  const taskId = sp.get('taskId') ?? '';
  const task = useQuery({
    queryKey: ['tasks', 'detail', taskId],
    enabled: !!taskId,
    queryFn: () => call(api.GET('/api/v1/tasks/{id}', { params: { path: { id: taskId } } })),
  });
  const header = (
    <PageHeader
      title={t('past.title')}
      crumbs={[{ label: t('queue.title'), to: '/reports' }, { label: t('past.title') }]}
      description={t('past.description')}
    />
  );
  if (!hasRole('PROACTIVE_OFFICE')) {
    return (
      <>
        {header}
        <p className="gw-alert gw-alert--info">{t('past.officeOnly')}</p>
      </>
    );
  }
  if (taskId && (task.isPending || task.isError)) {
    return (
      <>
        {header}
        {task.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={task.error} onRetry={() => void task.refetch()} />
        )}
      </>
    );
  }
  return (
    <>
      {header}
      <PastReportForm key={taskId} fromTask={taskId ? task.data : undefined} />
    </>
  );
}

/** A step as the form holds it, with a key of its own (rows are added and removed). */
type StepRow = Step & { key: number };

function PastReportForm({ fromTask }: { fromTask?: Task }) {
  const { t } = useTranslation(['reports', 'common']);
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = seoulToday();
  const [year, setYear] = useState(String(fromTask?.year ?? Number(today.slice(0, 4)) - 1));
  const [values, setValues] = useState<PastReportValues>({
    taskId: fromTask?.id ?? '',
    period: '',
    progress: '',
    achievements: '',
    issuesAndRisks: '',
    nextSteps: '',
    supportNeeded: '',
    submittedBy: '',
    reviewedBy: '',
    lateEntryReason: '',
  });
  const nextKey = useRef(1);
  const [steps, setSteps] = useState<StepRow[]>([
    { key: 0, action: 'submit', on: '', comment: '' },
  ]);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const stepsBox = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  // After adding a step its first field takes the focus; after removing one, the add button.
  const [focusAfter, setFocusAfter] = useState<'added' | 'removed' | null>(null);
  useEffect(() => {
    if (focusAfter === 'added') {
      const selects = stepsBox.current?.querySelectorAll<HTMLSelectElement>('select');
      selects?.[selects.length - 1]?.focus();
    } else if (focusAfter === 'removed') addButton.current?.focus();
  }, [focusAfter, steps.length]);

  const set = <K extends keyof PastReportValues>(key: K, value: PastReportValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const tasks = useTaskOptions(year);
  const taskOptions = (tasks.data?.items ?? []).map((task) => ({
    value: task.id,
    label: `${task.code} ${task.title}`,
  }));
  if (fromTask && !taskOptions.some((o) => o.value === fromTask.id)) {
    taskOptions.unshift({ value: fromTask.id, label: `${fromTask.code} ${fromTask.title}` });
  }
  const chosenTask = useQuery({
    queryKey: ['tasks', 'detail', values.taskId],
    enabled: !!values.taskId,
    queryFn: () => call(api.GET('/api/v1/tasks/{id}', { params: { path: { id: values.taskId } } })),
  });
  const calendar = useQuery({
    queryKey: ['reporting-calendar', year],
    enabled: /^\d{4}$/.test(year),
    staleTime: 10 * 60_000,
    queryFn: () =>
      call(
        api.GET('/api/v1/reporting-calendars/{year}', { params: { path: { year: Number(year) } } }),
      ),
  });
  // Periods that have begun: a past period, or the current one.
  const periodOptions = (calendar.data?.periods ?? [])
    .filter((p) => p.start <= today)
    .map((p) => ({
      value: p.period,
      label: t('past.periodOption', {
        period: p.period,
        start: formatDate(p.start),
        end: formatDate(p.end),
        due: p.dueDate ? formatDate(p.dueDate) : '–',
      }),
    }));

  // Who could have submitted it then: the task's owner and members of the lead department.
  const detail = chosenTask.data;
  const submitters = detail
    ? [
        { value: detail.ownerId, label: `${detail.ownerName} (${detail.leadDepartmentName})` },
        ...detail.members
          .filter(
            (m) => m.departmentName === detail.leadDepartmentName && m.userId !== detail.ownerId,
          )
          .map((m) => ({ value: m.userId, label: `${m.name} (${m.departmentName})` })),
      ]
    : [];
  const reviewers = user
    ? [{ value: user.id, label: t('past.reviewerMe', { name: user.name }) }]
    : [];

  const updateStep = (key: number, patch: Partial<Step>) =>
    setSteps((list) => list.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const addStep = () => {
    const key = nextKey.current++;
    setSteps((list) => [...list, { key, action: nextStepAction(list), on: '', comment: '' }]);
    setFocusAfter('added');
  };
  const removeStep = (key: number) => {
    setSteps((list) => list.filter((s) => s.key !== key));
    setFocusAfter('removed');
  };

  const outcome = replaySteps(steps);
  const returns = steps.filter((s) => s.action === 'return').length;

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const report = await call(
        api.POST('/api/v1/reports/past-records', { body: pastReportBody(values, steps) }),
      );
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void navigate(`/reports/${report.id}`, { state: { pastRecorded: true } });
    } catch (err) {
      fail(err);
      revealAlert('#past-report-form');
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => void navigate(fromTask ? `/tasks/${fromTask.id}` : '/reports');
  const yearNow = Number(today.slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => String(yearNow - i));
  const eventsMessage = problems.fields['events'];

  return (
    <section
      id="past-report-form"
      className="gw-section gw-panel"
      aria-labelledby="past-form-heading"
    >
      <h2 id="past-form-heading">{t('past.form')}</h2>
      <Form problems={problems} onSubmit={() => void submit()} label={t('past.form')}>
        <div className="gw-two-col">
          <SelectField
            name="year"
            label={t('past.year')}
            options={years.map((y) => ({ value: y, label: y }))}
            value={year}
            onChange={(e) => {
              setYear(e.target.value);
              setValues((v) => ({ ...v, taskId: '', period: '', submittedBy: '' }));
            }}
          />
          <SelectField
            name="taskId"
            label={t('past.task')}
            required
            placeholder={tasks.isPending ? t('common:state.loading') : t('past.chooseTask')}
            options={taskOptions}
            value={values.taskId}
            onChange={(e) => setValues((v) => ({ ...v, taskId: e.target.value, submittedBy: '' }))}
          />
        </div>
        <SelectField
          name="period"
          label={t('past.period')}
          hint={t('past.periodHint')}
          required
          placeholder={t('past.choosePeriod')}
          options={periodOptions}
          value={values.period}
          onChange={(e) => set('period', e.target.value)}
        />

        <h3>{t('editor.content')}</h3>
        <TextField
          name="progress"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          label={t('editor.progress')}
          hint={t('past.progressHint')}
          className="gw-input-short"
          value={values.progress}
          onChange={(e) => set('progress', e.target.value)}
        />
        <TextAreaField
          name="achievements"
          label={t('editor.achievements')}
          hint={t('past.achievementsHint')}
          rows={5}
          maxLength={10000}
          value={values.achievements}
          onChange={(e) => set('achievements', e.target.value)}
        />
        <TextAreaField
          name="issuesAndRisks"
          label={t('editor.issuesAndRisks')}
          maxLength={10000}
          value={values.issuesAndRisks}
          onChange={(e) => set('issuesAndRisks', e.target.value)}
        />
        <TextAreaField
          name="nextSteps"
          label={t('editor.nextSteps')}
          maxLength={10000}
          value={values.nextSteps}
          onChange={(e) => set('nextSteps', e.target.value)}
        />
        <TextAreaField
          name="supportNeeded"
          label={t('editor.supportNeeded')}
          maxLength={10000}
          value={values.supportNeeded}
          onChange={(e) => set('supportNeeded', e.target.value)}
        />

        <fieldset className="gw-group gw-past-steps" aria-describedby="past-steps-hint">
          <legend>{t('past.steps')}</legend>
          <p id="past-steps-hint" className="gw-subtle">
            {t('past.stepsHint')}
          </p>
          {eventsMessage && (
            <p className="form-hint-invalid" role="alert">
              {eventsMessage}
            </p>
          )}
          <div ref={stepsBox}>
            <ol className="gw-past-step-list">
              {steps.map((step, i) => (
                <li key={step.key}>
                  <fieldset className="gw-group gw-past-step">
                    <legend>{t('past.stepLegend', { n: i + 1 })}</legend>
                    <div className="gw-two-col">
                      <SelectField
                        name={`events.${i}.action`}
                        label={t('past.stepAction', { n: i + 1 })}
                        required
                        options={STEP_ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`) }))}
                        value={step.action}
                        error={
                          outcome.invalidAt === i && !problems.fields[`events.${i}.action`]
                            ? t('past.stepOutOfOrder', { n: i + 1 })
                            : undefined
                        }
                        onChange={(e) =>
                          updateStep(step.key, { action: e.target.value as Step['action'] })
                        }
                      />
                      <TextField
                        name={`events.${i}.on`}
                        type="date"
                        label={t('past.stepOn', { n: i + 1 })}
                        required
                        max={today}
                        value={step.on}
                        onChange={(e) => updateStep(step.key, { on: e.target.value })}
                      />
                    </div>
                    {stepHasComment(step.action) && (
                      <TextAreaField
                        name={`events.${i}.comment`}
                        label={t('past.stepComment', { n: i + 1 })}
                        hint={
                          step.action === 'return'
                            ? t('past.returnCommentHint')
                            : t('past.acceptCommentHint')
                        }
                        required={step.action === 'return'}
                        rows={2}
                        maxLength={2000}
                        value={step.comment}
                        onChange={(e) => updateStep(step.key, { comment: e.target.value })}
                      />
                    )}
                    <button
                      type="button"
                      className="krds-btn tertiary small"
                      disabled={steps.length === 1}
                      onClick={() => removeStep(step.key)}
                    >
                      {t('past.removeStep', { n: i + 1 })}
                    </button>
                  </fieldset>
                </li>
              ))}
            </ol>
          </div>
          <button
            ref={addButton}
            type="button"
            className="krds-btn secondary small"
            disabled={steps.length >= 20}
            onClick={addStep}
          >
            {t('past.addStep')}
          </button>
          <p className="gw-past-outcome" aria-live="polite">
            {outcome.invalidAt === null
              ? t('past.outcome', {
                  state: t(`common:reportState.${outcome.state}`),
                  count: returns,
                })
              : t('past.stepOutOfOrder', { n: outcome.invalidAt + 1 })}
          </p>
        </fieldset>

        <div className="gw-two-col">
          <SelectField
            name="submittedBy"
            label={t('past.submittedBy')}
            hint={t('past.submittedByHint')}
            placeholder={t('past.notRecorded')}
            options={submitters}
            value={values.submittedBy}
            onChange={(e) => set('submittedBy', e.target.value)}
          />
          <SelectField
            name="reviewedBy"
            label={t('past.reviewedBy')}
            hint={t('past.reviewedByHint')}
            placeholder={t('past.notRecorded')}
            options={reviewers}
            value={values.reviewedBy}
            onChange={(e) => set('reviewedBy', e.target.value)}
          />
        </div>

        <TextAreaField
          name="lateEntryReason"
          label={t('past.lateEntryReason')}
          hint={t('past.lateEntryReasonHint')}
          required
          rows={3}
          maxLength={2000}
          value={values.lateEntryReason}
          onChange={(e) => set('lateEntryReason', e.target.value)}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary medium" disabled={busy}>
            {busy ? t('editor.saving') : t('past.submit')}
          </button>
          <button type="button" className="krds-btn secondary medium" onClick={cancel}>
            {t('common:actions.cancel')}
          </button>
        </div>
      </Form>
    </section>
  );
}
