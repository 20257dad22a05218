// 단계별 추진계획 of a task: the list; with `edit` add, change (title, due date, weight) and
// delete; with `updateProgress` mark done or planned again. Changes carry the milestone's version;
// a conflict keeps the typed values and offers to reload.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { Form, FormAlert, TextField, useFormProblems, useFormValues } from '../../components/forms';
import { Badge, Dialog, Empty, Table } from '../../components/ui';
import { formatDate } from '../../format';
import { numberOrNull, numberText, type Task, useFocusFirstProblem } from './shared';

type Milestone = Task['milestones'][number];
type MilestoneValues = { title: string; dueDate: string; weight: string };

function MilestoneFields({
  values,
  set,
}: {
  values: MilestoneValues;
  set: (
    key: keyof MilestoneValues,
  ) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
}) {
  const { t } = useTranslation('tasks');
  return (
    <>
      <TextField
        name="title"
        label={t('milestones.title')}
        required
        maxLength={200}
        value={values.title}
        onChange={set('title')}
      />
      <div className="gw-form-row">
        <TextField
          name="dueDate"
          type="date"
          label={t('milestones.dueDate')}
          required
          value={values.dueDate}
          onChange={set('dueDate')}
        />
        <TextField
          name="weight"
          type="number"
          step="any"
          min={0.01}
          max={1000}
          label={t('milestones.weight')}
          hint={t('milestones.weightHint')}
          value={values.weight}
          onChange={set('weight')}
        />
      </div>
    </>
  );
}

export function TaskMilestones({
  task,
  onChanged,
  onReload,
  announce,
}: {
  task: Task;
  onChanged: () => Promise<unknown>;
  onReload: () => Promise<Task | undefined>;
  announce: (message: string) => void;
}) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const canEdit = task.allowedActions.includes('edit');
  const canProgress = task.allowedActions.includes('updateProgress');
  const milestones = task.milestones;

  // Adding
  const [adding, setAdding] = useState(false);
  const add = useFormValues<MilestoneValues>({ title: '', dueDate: '', weight: '1' });
  const addProblems = useFormProblems();
  // Editing one milestone (in a dialog)
  const [editing, setEditing] = useState<Milestone | null>(null);
  const edit = useFormValues<MilestoneValues>({ title: '', dueDate: '', weight: '' });
  const editProblems = useFormProblems();
  // Deleting one milestone (confirmed in a dialog)
  const [removing, setRemoving] = useState<Milestone | null>(null);
  const removeProblems = useFormProblems();
  // Marking done / planned: errors shown above the table
  const rowProblems = useFormProblems();
  const [busy, setBusy] = useState(false);
  const addBox = useRef<HTMLDivElement>(null);
  const editBox = useRef<HTMLDivElement>(null);
  const rowBox = useRef<HTMLDivElement>(null);
  useFocusFirstProblem(addProblems.problems, addBox);
  useFocusFirstProblem(editProblems.problems, editBox);
  useFocusFirstProblem(rowProblems.problems, rowBox);

  const run = async (work: () => Promise<void>, fail: (err: unknown) => void) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const submitAdd = () =>
    run(async () => {
      addProblems.clear();
      const weight = numberOrNull(add.values.weight);
      await call(
        api.POST('/api/v1/tasks/{id}/milestones', {
          params: { path: { id: task.id } },
          // `weight` has a default, so the API may go without it.
          body: {
            title: add.values.title.trim(),
            dueDate: add.values.dueDate,
            ...(weight !== null ? { weight } : {}),
          } as Schemas['MilestoneInputDto'],
        }),
      );
      add.setValues({ title: '', dueDate: '', weight: '1' });
      setAdding(false);
      await onChanged();
      announce(t('milestones.added'));
    }, addProblems.fail);

  const openEdit = (m: Milestone) => {
    editProblems.clear();
    if (editing?.id !== m.id) {
      edit.setValues({ title: m.title, dueDate: m.dueDate, weight: numberText(m.weight) });
    }
    setEditing(m);
  };

  /** After a conflict: the newer milestone for what the user did not touch; their edits stay. */
  const reloadEdit = async () => {
    const fresh = (await onReload())?.milestones.find((m) => m.id === editing?.id);
    if (!editing || !fresh) return;
    const seen = {
      title: editing.title,
      dueDate: editing.dueDate,
      weight: numberText(editing.weight),
    };
    const next = { title: fresh.title, dueDate: fresh.dueDate, weight: numberText(fresh.weight) };
    edit.setValues((v) => ({
      title: v.title !== seen.title ? v.title : next.title,
      dueDate: v.dueDate !== seen.dueDate ? v.dueDate : next.dueDate,
      weight: v.weight !== seen.weight ? v.weight : next.weight,
    }));
    setEditing(fresh);
    editProblems.clear();
  };

  const submitEdit = () =>
    run(async () => {
      if (!editing) return;
      editProblems.clear();
      // Changes are measured against the milestone as the user saw it (`editing`).
      const body: {
        version: number;
        title?: string;
        dueDate?: string;
        weight?: number;
      } = { version: editing.version };
      if (edit.values.title.trim() !== editing.title) body.title = edit.values.title.trim();
      if (edit.values.dueDate !== editing.dueDate) body.dueDate = edit.values.dueDate;
      if (edit.values.weight !== numberText(editing.weight)) {
        body.weight = numberOrNull(edit.values.weight) as number;
      }
      await call(
        api.PATCH('/api/v1/tasks/{id}/milestones/{milestoneId}', {
          params: { path: { id: task.id, milestoneId: editing.id } },
          body: body as Schemas['UpdateMilestoneDto'],
        }),
      );
      setEditing(null);
      await onChanged();
      announce(t('milestones.saved'));
    }, editProblems.fail);

  const submitRemove = () =>
    run(async () => {
      if (!removing) return;
      removeProblems.clear();
      await call(
        api.DELETE('/api/v1/tasks/{id}/milestones/{milestoneId}', {
          params: { path: { id: task.id, milestoneId: removing.id } },
        }),
      );
      setRemoving(null);
      await onChanged();
      announce(t('milestones.removed'));
    }, removeProblems.fail);

  const toggle = (m: Milestone) =>
    run(async () => {
      rowProblems.clear();
      await call(
        api.PATCH('/api/v1/tasks/{id}/milestones/{milestoneId}', {
          params: { path: { id: task.id, milestoneId: m.id } },
          body: {
            version: m.version,
            status: m.status === 'DONE' ? 'PLANNED' : 'DONE',
          } as Schemas['UpdateMilestoneDto'],
        }),
      );
      await onChanged();
      announce(t('milestones.saved'));
    }, rowProblems.fail);

  const manage = canEdit || canProgress;
  return (
    <section className="gwt-section" aria-labelledby="task-milestones-heading">
      <div className="gwt-section-head">
        <h2 id="task-milestones-heading">{t('milestones.heading')}</h2>
        {canEdit && !adding && (
          <button type="button" className="krds-btn secondary" onClick={() => setAdding(true)}>
            {t('milestones.add')}
          </button>
        )}
      </div>

      {adding && (
        <div className="gwt-inline-form" ref={addBox}>
          <h3>{t('milestones.addHeading')}</h3>
          <Form
            problems={addProblems.problems}
            onSubmit={() => void submitAdd()}
            label={t('milestones.addHeading')}
          >
            <MilestoneFields values={add.values} set={add.set} />
            <div className="gw-form-actions">
              <button type="submit" className="krds-btn primary" disabled={busy}>
                {t('milestones.addSubmit')}
              </button>
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => {
                  setAdding(false);
                  addProblems.clear();
                }}
              >
                {tc('actions.cancel')}
              </button>
            </div>
          </Form>
        </div>
      )}

      <div ref={rowBox}>
        <FormAlert
          problems={rowProblems.problems}
          onReload={() => void onReload().then(() => rowProblems.clear())}
        />
      </div>

      {milestones.length === 0 ? (
        <Empty>{t('milestones.empty')}</Empty>
      ) : (
        <Table
          caption={t('milestones.caption', { count: milestones.length })}
          head={[
            t('milestones.title'),
            t('milestones.dueDate'),
            t('milestones.weight'),
            t('milestones.status'),
            t('milestones.doneDate'),
            ...(manage ? [t('milestones.manage')] : []),
          ]}
        >
          {milestones.map((m) => (
            <tr key={m.id}>
              <td>{m.title}</td>
              <td className="gwt-nowrap">{formatDate(m.dueDate)}</td>
              <td className="gw-num">{m.weight}</td>
              <td>
                <Badge tone={m.status === 'DONE' ? 'success' : 'neutral'}>
                  {t(`milestones.${m.status}`)}
                </Badge>{' '}
                {m.overdue && <Badge tone="danger">{t('flag.overdue')}</Badge>}
              </td>
              <td className="gwt-nowrap">{formatDate(m.doneDate) || '–'}</td>
              {manage && (
                <td>
                  <div className="gwt-buttons">
                    {canProgress && (
                      <button
                        type="button"
                        className="krds-btn tertiary small"
                        disabled={busy}
                        aria-label={t(
                          m.status === 'DONE'
                            ? 'milestones.markPlannedLabel'
                            : 'milestones.markDoneLabel',
                          { title: m.title },
                        )}
                        onClick={() => void toggle(m)}
                      >
                        {m.status === 'DONE'
                          ? t('milestones.markPlanned')
                          : t('milestones.markDone')}
                      </button>
                    )}
                    {canEdit && (
                      <>
                        <button
                          type="button"
                          className="krds-btn tertiary small"
                          aria-label={t('milestones.editLabel', { title: m.title })}
                          onClick={() => openEdit(m)}
                        >
                          {t('milestones.edit')}
                        </button>
                        <button
                          type="button"
                          className="krds-btn tertiary small"
                          aria-label={t('milestones.removeLabel', { title: m.title })}
                          onClick={() => {
                            removeProblems.clear();
                            setRemoving(m);
                          }}
                        >
                          {t('milestones.remove')}
                        </button>
                      </>
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}

      <Dialog
        open={editing !== null}
        title={editing ? t('milestones.editHeading', { title: editing.title }) : ''}
        onClose={() => setEditing(null)}
      >
        <div ref={editBox}>
          <Form
            problems={editProblems.problems}
            onSubmit={() => void submitEdit()}
            onReload={() => void reloadEdit()}
            label={editing ? t('milestones.editHeading', { title: editing.title }) : undefined}
          >
            <MilestoneFields values={edit.values} set={edit.set} />
            <div className="gw-form-actions">
              <button type="submit" className="krds-btn primary" disabled={busy}>
                {tc('actions.save')}
              </button>
              <button type="button" className="krds-btn secondary" onClick={() => setEditing(null)}>
                {tc('actions.cancel')}
              </button>
            </div>
          </Form>
        </div>
      </Dialog>

      <Dialog
        open={removing !== null}
        title={t('milestones.remove')}
        onClose={() => setRemoving(null)}
      >
        <FormAlert problems={removeProblems.problems} />
        <p>{removing && t('milestones.removeConfirm', { title: removing.title })}</p>
        <div className="gw-form-actions">
          <button
            type="button"
            className="krds-btn primary"
            disabled={busy}
            onClick={() => void submitRemove()}
          >
            {t('remove.confirm')}
          </button>
          <button type="button" className="krds-btn secondary" onClick={() => setRemoving(null)}>
            {t('remove.cancel')}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
