// 단계별 추진계획 of a task: the list; with `edit` add, change (title, due date, weight) and
// delete; with `updateProgress` mark done (on the day it was actually done: a past day asks why it
// is entered later) or planned again, one at a time or several at once (row checkboxes, one
// request, all or nothing, each row's problem next to it). Changes carry the milestone's version;
// a conflict keeps the typed values and offers to reload.
import { useRef, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import {
  fieldMessages,
  Form,
  FormAlert,
  RowCheckbox,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { Badge, Dialog, Empty, EnteredLaterBadge, Table } from '../../components/ui';
import { formatDate, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import { isPastDay } from './lifecycle';
import './messages';
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
  // Marking one done: the day it was done (today unless changed) and, for a past day, why late.
  const [completing, setCompleting] = useState<Milestone | null>(null);
  const done = useFormValues({ doneDate: '', lateEntryReason: '' });
  const doneProblems = useFormProblems();
  // Marking several done: the rows chosen, each one's day, one reason for the past days.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkOpen, setBulkOpen] = useState(false);
  const [bulkDates, setBulkDates] = useState<Record<string, string>>({});
  const [bulkReason, setBulkReason] = useState('');
  const bulkProblems = useFormProblems();
  const [busy, setBusy] = useState(false);
  const addBox = useRef<HTMLDivElement>(null);
  const editBox = useRef<HTMLDivElement>(null);
  const rowBox = useRef<HTMLDivElement>(null);
  const doneBox = useRef<HTMLDivElement>(null);
  const bulkBox = useRef<HTMLDivElement>(null);
  useFocusFirstProblem(addProblems.problems, addBox);
  useFocusFirstProblem(editProblems.problems, editBox);
  useFocusFirstProblem(rowProblems.problems, rowBox);
  useFocusFirstProblem(doneProblems.problems, doneBox);
  useFocusFirstProblem(bulkProblems.problems, bulkBox);
  const today = seoulToday();
  const planned = milestones.filter((m) => m.status === 'PLANNED');
  // Only milestones still planned can be chosen (a reload may have finished some meanwhile).
  const chosen = planned.filter((m) => selected.has(m.id));

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

  /** Back to planned: at once (it clears the done date, nothing to ask). */
  const markPlanned = (m: Milestone) =>
    run(async () => {
      rowProblems.clear();
      await call(
        api.PATCH('/api/v1/tasks/{id}/milestones/{milestoneId}', {
          params: { path: { id: task.id, milestoneId: m.id } },
          body: { version: m.version, status: 'PLANNED' } as Schemas['UpdateMilestoneDto'],
        }),
      );
      await onChanged();
      announce(t('milestones.saved'));
    }, rowProblems.fail);

  const openDone = (m: Milestone) => {
    if (completing?.id !== m.id) {
      done.setValues({ doneDate: today, lateEntryReason: '' });
      doneProblems.clear();
    }
    rowProblems.clear();
    setCompleting(m);
  };
  const doneLate = isPastDay(done.values.doneDate, today);

  const submitDone = () =>
    run(async () => {
      if (!completing) return;
      doneProblems.clear();
      // The milestone as it is now (a reload after a conflict brings its newer version).
      const current = milestones.find((m) => m.id === completing.id) ?? completing;
      await call(
        api.PATCH('/api/v1/tasks/{id}/milestones/{milestoneId}', {
          params: { path: { id: task.id, milestoneId: current.id } },
          body: {
            version: current.version,
            status: 'DONE',
            ...(done.values.doneDate ? { doneDate: done.values.doneDate } : {}),
            ...(doneLate && done.values.lateEntryReason.trim()
              ? { lateEntryReason: done.values.lateEntryReason }
              : {}),
          } as Schemas['UpdateMilestoneDto'],
        }),
      );
      setCompleting(null);
      await onChanged();
      announce(
        doneLate
          ? t('milestones.doneLate', {
              title: current.title,
              date: formatDate(done.values.doneDate),
            })
          : t('milestones.done', { title: current.title }),
      );
    }, doneProblems.fail);

  const choose = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const openBulk = () => {
    bulkProblems.clear();
    // Each chosen milestone's day starts as today; days typed before are kept.
    setBulkDates((d) => Object.fromEntries(chosen.map((m) => [m.id, d[m.id] ?? today])));
    setBulkOpen(true);
  };
  const bulkLate = chosen.some((m) => isPastDay(bulkDates[m.id] ?? '', today));

  const submitBulk = () =>
    run(async () => {
      bulkProblems.clear();
      // Sent in the table's order: the API's `items.<i>` names the row shown at position i.
      const items = chosen.map((m) => ({
        milestoneId: m.id,
        version: m.version,
        ...(bulkDates[m.id] ? { doneDate: bulkDates[m.id] } : {}),
      }));
      await call(
        api.POST('/api/v1/tasks/{id}/milestones/complete', {
          params: { path: { id: task.id } },
          body: {
            items,
            ...(bulkLate && bulkReason.trim() ? { lateEntryReason: bulkReason } : {}),
          },
        }),
      );
      setBulkOpen(false);
      setSelected(new Set());
      setBulkDates({});
      setBulkReason('');
      await onChanged();
      announce(t('milestones.bulkDone', { count: items.length }));
    }, bulkProblems.fail);

  const manage = canEdit || canProgress;
  const allChosen = planned.length > 0 && chosen.length === planned.length;
  // Rows can be chosen while some milestone is still planned and the user records progress.
  const choosing = canProgress && planned.length > 0;
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

      {choosing && (
        <div className="gwt-bulk-bar" role="group" aria-label={t('milestones.bulkLabel')}>
          <p aria-live="polite">{t('milestones.selectedCount', { count: chosen.length })}</p>
          <button
            type="button"
            className="krds-btn secondary small"
            disabled={chosen.length === 0 || busy}
            onClick={openBulk}
          >
            {t('milestones.bulkOpen')}
          </button>
        </div>
      )}

      {milestones.length === 0 ? (
        <Empty>{t('milestones.empty')}</Empty>
      ) : (
        <Table
          caption={t('milestones.caption', { count: milestones.length })}
          head={[
            ...(choosing
              ? [
                  <RowCheckbox
                    key="all"
                    label={t('milestones.selectAll')}
                    checked={allChosen}
                    onChange={(on) =>
                      choose(
                        planned.map((m) => m.id),
                        on,
                      )
                    }
                  />,
                ]
              : []),
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
              {choosing && (
                <td>
                  {m.status === 'PLANNED' && (
                    <RowCheckbox
                      label={t('milestones.select', { title: m.title })}
                      checked={selected.has(m.id)}
                      onChange={(on) => choose([m.id], on)}
                    />
                  )}
                </td>
              )}
              <td>{m.title}</td>
              <td className="gwt-nowrap">{formatDate(m.dueDate)}</td>
              <td className="gw-num">{m.weight}</td>
              <td>
                <Badge tone={m.status === 'DONE' ? 'success' : 'neutral'}>
                  {t(`milestones.${m.status}`)}
                </Badge>{' '}
                {m.overdue && <Badge tone="danger">{t('flag.overdue')}</Badge>}
              </td>
              <td>
                <span className="gwt-nowrap">{formatDate(m.doneDate) || '–'}</span>
                {m.doneEnteredLater && (
                  <>
                    {' '}
                    <EnteredLaterBadge />
                  </>
                )}
              </td>
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
                        onClick={() => (m.status === 'DONE' ? void markPlanned(m) : openDone(m))}
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
        open={completing !== null}
        title={completing ? t('milestones.doneHeading', { title: completing.title }) : ''}
        onClose={() => setCompleting(null)}
      >
        <div ref={doneBox}>
          <Form
            problems={doneProblems.problems}
            onSubmit={() => void submitDone()}
            onReload={() => void onReload().then(() => doneProblems.clear())}
            label={
              completing ? t('milestones.doneHeading', { title: completing.title }) : undefined
            }
          >
            {completing && (
              <p>{t('milestones.doneIntro', { due: formatDate(completing.dueDate) })}</p>
            )}
            <TextField
              name="doneDate"
              type="date"
              label={t('milestones.doneDateLabel')}
              hint={t('milestones.doneDateHint')}
              required
              max={today}
              value={done.values.doneDate}
              onChange={done.set('doneDate')}
            />
            {doneLate && (
              <TextAreaField
                name="lateEntryReason"
                label={t('transition.lateReason')}
                hint={t('transition.lateReasonHint')}
                required
                rows={3}
                maxLength={2000}
                value={done.values.lateEntryReason}
                onChange={done.set('lateEntryReason')}
              />
            )}
            <div className="gw-form-actions">
              <button type="submit" className="krds-btn primary" disabled={busy}>
                {t('milestones.markDone')}
              </button>
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => setCompleting(null)}
              >
                {tc('actions.cancel')}
              </button>
            </div>
          </Form>
        </div>
      </Dialog>

      <Dialog
        open={bulkOpen}
        title={t('milestones.bulkHeading', { count: chosen.length })}
        onClose={() => setBulkOpen(false)}
      >
        <div ref={bulkBox}>
          <Form
            problems={bulkProblems.problems}
            onSubmit={() => void submitBulk()}
            onReload={() => void onReload().then(() => bulkProblems.clear())}
            label={t('milestones.bulkHeading', { count: chosen.length })}
          >
            <p>{t('milestones.bulkIntro')}</p>
            <fieldset className="gw-group">
              <legend>{t('milestones.bulkDates')}</legend>
              {chosen.map((m, i) => (
                <TextField
                  key={m.id}
                  name={`items.${i}.doneDate`}
                  type="date"
                  label={t('milestones.bulkDateLabel', { title: m.title })}
                  hint={t('milestones.bulkDateHint', { due: formatDate(m.dueDate) })}
                  error={fieldMessages(bulkProblems.problems, `items.${i}`)}
                  required
                  max={today}
                  value={bulkDates[m.id] ?? ''}
                  onChange={(e) => setBulkDates((d) => ({ ...d, [m.id]: e.target.value }))}
                />
              ))}
            </fieldset>
            {bulkLate && (
              <TextAreaField
                name="lateEntryReason"
                label={t('transition.lateReason')}
                hint={t('milestones.bulkLateHint')}
                required
                rows={3}
                maxLength={2000}
                value={bulkReason}
                onChange={(e) => setBulkReason(e.target.value)}
              />
            )}
            <div className="gw-form-actions">
              <button type="submit" className="krds-btn primary" disabled={busy || !chosen.length}>
                {t('milestones.bulkSubmit', { count: chosen.length })}
              </button>
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => setBulkOpen(false)}
              >
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
