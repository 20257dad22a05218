// Status actions of a task: one button per transition the API allows now (`allowedActions`),
// each confirmed in a dialog with a reason where the action needs one. The reason lives in the
// page's state, so a version conflict ("someone changed this; reload") keeps what was typed.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { Form, TextAreaField, useFormProblems } from '../../components/forms';
import { Dialog } from '../../components/ui';
import { type Task, type TaskAction, type TaskStatus, useFocusFirstProblem } from './shared';

type Transition = Exclude<TaskAction, 'edit' | 'updateProgress'>;

/** Where each action leads and whether it needs a reason (the API's state machine, DOMAIN.md §2). */
export const TRANSITIONS: Record<Transition, { to: TaskStatus; reason: boolean }> = {
  propose: { to: 'PROPOSED', reason: false },
  select: { to: 'SELECTED', reason: false },
  reject: { to: 'REJECTED', reason: true },
  start: { to: 'IN_PROGRESS', reason: false },
  complete: { to: 'COMPLETED', reason: true },
  suspend: { to: 'SUSPENDED', reason: true },
  resume: { to: 'IN_PROGRESS', reason: false },
  drop: { to: 'DROPPED', reason: true },
  reopen: { to: 'IN_PROGRESS', reason: true },
};

const isTransition = (a: TaskAction): a is Transition => a in TRANSITIONS;
const DANGER: Transition[] = ['reject', 'drop', 'suspend'];

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
  const [action, setAction] = useState<Transition | null>(null);
  // The last action opened: reopening it keeps the reason typed before.
  const [last, setLast] = useState<Transition | null>(null);
  const [reason, setReason] = useState('');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useFocusFirstProblem(problems, box);
  const actions = task.allowedActions.filter(isTransition);

  const open = (a: Transition) => {
    if (a !== last) {
      setReason('');
      clear();
    }
    setLast(a);
    setAction(a);
  };

  const submit = async () => {
    if (!action) return;
    setBusy(true);
    clear();
    try {
      const updated = await call(
        api.POST('/api/v1/tasks/{id}/transitions', {
          params: { path: { id: task.id } },
          body: { action, version: task.version, ...(reason.trim() ? { reason } : {}) },
        }),
      );
      setAction(null);
      setLast(null);
      setReason('');
      onDone(updated);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const rule = action ? TRANSITIONS[action] : null;
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
              onClick={() => open(a)}
            >
              {t(`actions.${a}`)}
            </button>
          ))}
        </div>
      )}
      <Dialog
        open={action !== null}
        title={action ? t('actions.dialogTitle', { action: t(`actions.${action}`) }) : ''}
        onClose={() => setAction(null)}
      >
        {action && rule && (
          <div ref={box}>
            <Form
              problems={problems}
              onSubmit={() => void submit()}
              onReload={onReload}
              label={t('actions.dialogTitle', { action: t(`actions.${action}`) })}
            >
              <p>
                {t('actions.confirmText', {
                  from: tc(`taskStatus.${task.status}`),
                  to: tc(`taskStatus.${rule.to}`),
                })}
              </p>
              <TextAreaField
                name="reason"
                label={
                  action === 'complete'
                    ? t('actions.evidence')
                    : rule.reason
                      ? t('actions.reason')
                      : t('actions.reasonOptional')
                }
                hint={action === 'complete' ? t('actions.evidenceHint') : t('actions.reasonHint')}
                required={rule.reason}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <div className="gw-form-actions">
                <button type="submit" className="krds-btn primary" disabled={busy}>
                  {t('actions.submit', { action: t(`actions.${action}`) })}
                </button>
                <button
                  type="button"
                  className="krds-btn secondary"
                  onClick={() => setAction(null)}
                >
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
