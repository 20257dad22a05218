// Editing a task (PATCH with its version). With `edit` every plan field; with only
// `updateProgress` the risk and the current KPI value. Only the fields the user changed are sent.
// On a version conflict the typed values stay; "reload" takes the newer record for the fields the
// user did not touch, and saving again sends the user's changes with the new version.
import { useEffect, useRef, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  FormActions,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
} from '../../components/forms';
import { Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import './messages';
import {
  CATEGORIES,
  numberOrNull,
  numberText,
  RISKS,
  type Task,
  useFocusFirstProblem,
} from './shared';

type Values = {
  title: string;
  summary: string;
  category: string;
  ownerId: string;
  goal: string;
  kpiIndicator: string;
  kpiUnit: string;
  kpiBaseline: string;
  kpiTarget: string;
  kpiCurrent: string;
  startDate: string;
  dueDate: string;
  risk: string;
};
type Key = keyof Values;

const PROGRESS_KEYS: Key[] = ['risk', 'kpiCurrent'];
const NUMBER_KEYS: Key[] = ['kpiBaseline', 'kpiTarget', 'kpiCurrent'];
const NULLABLE_TEXT: Key[] = ['kpiIndicator', 'kpiUnit'];

function valuesOf(task: Task): Values {
  return {
    title: task.title,
    summary: task.summary,
    category: task.category,
    ownerId: task.ownerId,
    goal: task.goal,
    kpiIndicator: task.kpi.indicator ?? '',
    kpiUnit: task.kpi.unit ?? '',
    kpiBaseline: numberText(task.kpi.baseline),
    kpiTarget: numberText(task.kpi.target),
    kpiCurrent: numberText(task.kpi.current),
    startDate: task.startDate,
    dueDate: task.dueDate,
    risk: task.risk,
  };
}

export function TaskEditForm({
  task,
  full,
  onReload,
  onSaved,
  onCancel,
}: {
  task: Task;
  /** `edit` allowed: every field; otherwise only risk and kpiCurrent. */
  full: boolean;
  onReload: () => Promise<Task | undefined>;
  onSaved: (task: Task) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('tasks');
  const { user } = useAuth();
  // `base` is the record as the user saw it; changes are measured against it.
  const [base, setBase] = useState<Values>(() => valuesOf(task));
  const [values, setValues] = useState<Values>(base);
  const [version, setVersion] = useState(task.version);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [nothing, setNothing] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);
  useFocusFirstProblem(problems, box);

  const set =
    (key: Key) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [key]: e.target.value }));

  const keys = (full ? (Object.keys(base) as Key[]) : PROGRESS_KEYS).filter(
    (k) => values[k] !== base[k],
  );

  const reload = async () => {
    const fresh = await onReload();
    if (!fresh) return;
    const next = valuesOf(fresh);
    // Untouched fields follow the newer record; the user's edits stay.
    setValues((v) => {
      const merged = { ...next };
      for (const k of Object.keys(v) as Key[]) if (v[k] !== base[k]) merged[k] = v[k];
      return merged;
    });
    setBase(next);
    setVersion(fresh.version);
    clear();
  };

  const submit = async () => {
    clear();
    setNothing(false);
    if (!keys.length) {
      setNothing(true);
      return;
    }
    const body: Record<string, unknown> = { version };
    for (const k of keys) {
      const v = values[k];
      if (NUMBER_KEYS.includes(k)) body[k] = numberOrNull(v);
      else if (NULLABLE_TEXT.includes(k)) body[k] = v.trim() === '' ? null : v.trim();
      else body[k] = typeof v === 'string' && k !== 'startDate' && k !== 'dueDate' ? v.trim() : v;
    }
    setBusy(true);
    try {
      const saved = await call(
        api.PATCH('/api/v1/tasks/{id}', {
          params: { path: { id: task.id } },
          body: body as Schemas['UpdateTaskDto'],
        }),
      );
      onSaved(saved);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  // The owner must be an official of the lead department: the current owner, the user if they
  // work there, and the task's members from that department.
  const owners = new Map<string, string>([[task.ownerId, task.ownerName]]);
  if (user && user.departmentId === task.leadDepartmentId) owners.set(user.id, user.name);
  for (const m of task.members)
    if (m.departmentName === task.leadDepartmentName) owners.set(m.userId, m.name);

  const riskField = (
    <SelectField
      name="risk"
      label={t('field.risk')}
      options={RISKS.map((r) => ({ value: r, label: t(`riskLevel.${r}`) }))}
      value={values.risk}
      onChange={set('risk')}
    />
  );
  const kpiCurrentField = (
    <TextField
      name="kpiCurrent"
      type="number"
      step="any"
      label={t('field.kpiCurrent')}
      hint={values.kpiUnit || undefined}
      value={values.kpiCurrent}
      onChange={set('kpiCurrent')}
    />
  );

  return (
    <div ref={box}>
      <Form
        problems={problems}
        onSubmit={() => void submit()}
        onReload={() => void reload()}
        label={full ? t('edit.heading') : t('edit.progressHeading')}
      >
        {nothing && <Notice>{t('edit.nothing')}</Notice>}
        {!full && <p>{t('edit.progressIntro')}</p>}
        {full && (
          <>
            <TextField
              name="title"
              label={t('field.title')}
              required
              maxLength={200}
              value={values.title}
              onChange={set('title')}
            />
            <div className="gw-form-row">
              <SelectField
                name="category"
                label={t('field.category')}
                options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
                value={values.category}
                onChange={set('category')}
              />
              <SelectField
                name="ownerId"
                label={t('field.owner')}
                hint={t('field.ownerHint')}
                options={[...owners].map(([id, name]) => ({ value: id, label: name }))}
                value={values.ownerId}
                onChange={set('ownerId')}
              />
            </div>
            <TextAreaField
              name="summary"
              label={t('field.summary')}
              maxLength={4000}
              rows={3}
              value={values.summary}
              onChange={set('summary')}
            />
            <TextAreaField
              name="goal"
              label={t('field.goal')}
              maxLength={4000}
              rows={3}
              value={values.goal}
              onChange={set('goal')}
            />
            <div className="gw-form-row">
              <TextField
                name="startDate"
                type="date"
                label={t('field.startDate')}
                required
                value={values.startDate}
                onChange={set('startDate')}
              />
              <TextField
                name="dueDate"
                type="date"
                label={t('field.dueDate')}
                required
                value={values.dueDate}
                onChange={set('dueDate')}
              />
              {riskField}
            </div>
            <div className="gw-form-row">
              <TextField
                name="kpiIndicator"
                label={t('field.kpiIndicator')}
                maxLength={200}
                value={values.kpiIndicator}
                onChange={set('kpiIndicator')}
              />
              <TextField
                name="kpiUnit"
                label={t('field.kpiUnit')}
                maxLength={50}
                value={values.kpiUnit}
                onChange={set('kpiUnit')}
              />
            </div>
            <div className="gw-form-row">
              <TextField
                name="kpiBaseline"
                type="number"
                step="any"
                label={t('field.kpiBaseline')}
                value={values.kpiBaseline}
                onChange={set('kpiBaseline')}
              />
              <TextField
                name="kpiTarget"
                type="number"
                step="any"
                label={t('field.kpiTarget')}
                value={values.kpiTarget}
                onChange={set('kpiTarget')}
              />
              {kpiCurrentField}
            </div>
          </>
        )}
        {!full && (
          <div className="gw-form-row">
            {riskField}
            {kpiCurrentField}
          </div>
        )}
        <FormActions busy={busy} submitLabel={t('edit.submit')} onCancel={onCancel} />
      </Form>
    </div>
  );
}
