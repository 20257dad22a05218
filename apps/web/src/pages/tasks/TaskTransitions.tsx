// Status actions of a task: one button per transition the API allows now (`allowedActions`),
// each confirmed in a dialog with a reason where the action needs one and an optional day it
// happened (처리일; a past day asks why it is entered later). The 적극행정 office also has "지난 처리
// 사후 입력": any step the state machine allows from the current status, on a past day (the API lets
// the office record past periods' steps whoever took them then). What was typed lives in the
// page's state, so a version conflict ("someone changed this; reload") keeps it.
import { useRef, useState } from 'react';
import { ApiError, api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  RadioGroup,
  TextAreaField,
  TextField,
  useFormProblems,
} from '../../components/forms';
import { Dialog } from '../../components/ui';
import { seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import {
  dayBefore,
  isPastDay,
  isTransition,
  LIFECYCLE,
  stepsFrom,
  type Transition,
  transitionBody,
} from './lifecycle';
import './messages';
import { type Task, useFocusFirstProblem } from './shared';

const DANGER: Transition[] = ['reject', 'drop', 'suspend'];

/** `now`: an action the API allows now; `past`: the office records a past step (사후 입력). */
type Mode = 'now' | 'past';

interface Draft {
  mode: Mode;
  /** The chosen action; in `past` mode none until the user picks one. */
  action: Transition | null;
  reason: string;
  occurredOn: string;
  lateEntryReason: string;
}

const EMPTY: Omit<Draft, 'mode' | 'action'> = { reason: '', occurredOn: '', lateEntryReason: '' };

export function TaskTransitions({
  task,
  onReload,
  onDone,
}: {
  task: Task;
  onReload: () => void;
  onDone: (task: Task) => void;
}) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const { user, hasRole } = useAuth();
  const [open, setOpen] = useState(false);
  // What the dialog holds; reopening the same action (or the past mode) keeps what was typed.
  const [draft, setDraft] = useState<Draft | null>(null);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useFocusFirstProblem(problems, box);
  const actions = task.allowedActions.filter(isTransition);
  const pastSteps =
    hasRole('PROACTIVE_OFFICE') && user?.organisationId === task.organisationId
      ? stepsFrom(task.status)
      : [];
  const today = seoulToday();

  const start = (mode: Mode, action: Transition | null) => {
    const same = draft && draft.mode === mode && (mode === 'past' || draft.action === action);
    if (!same) {
      setDraft({ mode, action, ...EMPTY });
      clear();
    }
    setOpen(true);
  };
  const update = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  /** The past mode's own rules, before asking the API: a step, and a day before today. */
  const pastProblems = (d: Draft): ApiError | null => {
    const details: Array<{ field: string; code: string; message: string }> = [];
    if (!d.action) {
      details.push({ field: 'action', code: 'required', message: t('past.chooseStep') });
    }
    if (!d.occurredOn) {
      details.push({ field: 'occurredOn', code: 'required', message: t('past.dateRequired') });
    } else if (!isPastDay(d.occurredOn, today)) {
      details.push({ field: 'occurredOn', code: 'past', message: t('past.datePast') });
    }
    if (!d.lateEntryReason.trim()) {
      details.push({
        field: 'lateEntryReason',
        code: 'required',
        message: t('transition.lateReasonRequired'),
      });
    }
    if (details.length === 0) return null;
    return new ApiError(400, { code: 'CLIENT', message: t('past.check'), details });
  };

  const submit = async () => {
    if (!draft) return;
    if (draft.mode === 'past') {
      const problem = pastProblems(draft);
      if (problem) {
        fail(problem);
        return;
      }
    }
    if (!draft.action) return;
    setBusy(true);
    clear();
    try {
      const updated = await call(
        api.POST('/api/v1/tasks/{id}/transitions', {
          params: { path: { id: task.id } },
          body: transitionBody(
            {
              action: draft.action,
              version: task.version,
              reason: draft.reason,
              occurredOn: draft.occurredOn,
              lateEntryReason: draft.lateEntryReason,
            },
            today,
          ),
        }),
      );
      setOpen(false);
      setDraft(null);
      onDone(updated);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const action = draft?.action ?? null;
  const rule = action ? LIFECYCLE[action] : null;
  const past = draft?.mode === 'past';
  const lateEntry = !!draft && isPastDay(draft.occurredOn, today);
  const title = past
    ? t('past.title')
    : action
      ? t('actions.dialogTitle', { action: t(`actions.${action}`) })
      : '';

  return (
    <section className="gwt-section" aria-labelledby="task-actions-heading">
      <h2 id="task-actions-heading">{t('actions.heading')}</h2>
      {actions.length === 0 ? (
        <p className="gwt-muted">{t('actions.none')}</p>
      ) : (
        <div className="gwt-buttons">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={`krds-btn ${DANGER.includes(a) ? 'secondary' : 'primary'}`}
              onClick={() => start('now', a)}
            >
              {t(`actions.${a}`)}
            </button>
          ))}
        </div>
      )}
      {pastSteps.length > 0 && (
        <div className="gwt-past-entry">
          <button type="button" className="krds-btn tertiary" onClick={() => start('past', null)}>
            {t('past.open')}
          </button>
          <p className="gwt-muted">{t('past.intro')}</p>
        </div>
      )}
      <Dialog open={open && draft !== null} title={title} onClose={() => setOpen(false)}>
        {draft && (
          <div ref={box}>
            <Form
              problems={problems}
              onSubmit={() => void submit()}
              onReload={onReload}
              label={title}
            >
              {past ? (
                <>
                  <p>{t('past.explain', { status: tc(`taskStatus.${task.status}`) })}</p>
                  <RadioGroup<Transition>
                    name="action"
                    legend={t('past.step')}
                    required
                    options={pastSteps.map((a) => ({
                      value: a,
                      label: t('past.stepOption', {
                        action: t(`actions.${a}`),
                        to: tc(`taskStatus.${LIFECYCLE[a].to}`),
                      }),
                    }))}
                    value={draft.action ?? ''}
                    onChange={(a) => update({ action: a })}
                  />
                </>
              ) : (
                rule && (
                  <p>
                    {t('actions.confirmText', {
                      from: tc(`taskStatus.${task.status}`),
                      to: tc(`taskStatus.${rule.to}`),
                    })}
                  </p>
                )
              )}
              {(rule || past) && (
                <TextAreaField
                  name="reason"
                  label={
                    action === 'complete'
                      ? t('actions.evidence')
                      : rule?.reason
                        ? t('actions.reason')
                        : t('actions.reasonOptional')
                  }
                  hint={action === 'complete' ? t('actions.evidenceHint') : t('actions.reasonHint')}
                  required={rule?.reason}
                  maxLength={2000}
                  value={draft.reason}
                  onChange={(e) => update({ reason: e.target.value })}
                />
              )}
              <TextField
                name="occurredOn"
                type="date"
                label={past ? t('transition.occurredOnPast') : t('transition.occurredOn')}
                hint={past ? t('past.dateHint') : t('transition.occurredOnHint')}
                required={past}
                max={past ? dayBefore(today) : today}
                min={`${task.year}-01-01`}
                value={draft.occurredOn}
                onChange={(e) => update({ occurredOn: e.target.value })}
              />
              {(lateEntry || past) && (
                <TextAreaField
                  name="lateEntryReason"
                  label={t('transition.lateReason')}
                  hint={t('transition.lateReasonHint')}
                  required
                  rows={3}
                  maxLength={2000}
                  value={draft.lateEntryReason}
                  onChange={(e) => update({ lateEntryReason: e.target.value })}
                />
              )}
              <div className="gw-form-actions">
                <button type="submit" className="krds-btn primary" disabled={busy}>
                  {past
                    ? t('past.submit')
                    : action
                      ? t('actions.submit', { action: t(`actions.${action}`) })
                      : ''}
                </button>
                <button type="button" className="krds-btn secondary" onClick={() => setOpen(false)}>
                  {tc('actions.cancel')}
                </button>
              </div>
            </Form>
          </div>
        )}
      </Dialog>
    </section>
  );
}
