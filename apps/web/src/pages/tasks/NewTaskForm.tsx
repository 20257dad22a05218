// "새 과제": drafts a priority task of the user's own department (POST /api/v1/tasks). The owner
// is the user (the API lists other officials to administrators only); milestones are added on the
// task's page afterwards.
import { useRef, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  FormActions,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { useTranslation } from '../../i18n';
import './messages';
import { CATEGORIES, currentYear, numberOrNull, RISKS, useFocusFirstProblem } from './shared';

export function NewTaskForm({
  onCreated,
  onCancel,
}: {
  onCreated: (task: Schemas['TaskDetailDto']) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('tasks');
  const { user } = useAuth();
  const { values, set } = useFormValues({
    year: String(currentYear()),
    title: '',
    category: 'PROACTIVE',
    summary: '',
    goal: '',
    kpiIndicator: '',
    kpiUnit: '',
    kpiBaseline: '',
    kpiTarget: '',
    startDate: '',
    dueDate: '',
    risk: 'LOW',
  });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useFocusFirstProblem(problems, box);

  const submit = async () => {
    if (!user) return;
    setBusy(true);
    clear();
    try {
      const body: Schemas['CreateTaskDto'] = {
        year: numberOrNull(values.year) as number,
        title: values.title.trim(),
        category: values.category as Schemas['CreateTaskDto']['category'],
        ownerId: user.id,
        startDate: values.startDate,
        dueDate: values.dueDate,
        risk: values.risk as Schemas['CreateTaskDto']['risk'],
      };
      if (values.summary.trim()) body.summary = values.summary.trim();
      if (values.goal.trim()) body.goal = values.goal.trim();
      if (values.kpiIndicator.trim()) body.kpiIndicator = values.kpiIndicator.trim();
      if (values.kpiUnit.trim()) body.kpiUnit = values.kpiUnit.trim();
      const baseline = numberOrNull(values.kpiBaseline);
      const target = numberOrNull(values.kpiTarget);
      if (baseline !== null) body.kpiBaseline = baseline;
      if (target !== null) body.kpiTarget = target;
      onCreated(await call(api.POST('/api/v1/tasks', { body })));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div ref={box}>
      <Form problems={problems} onSubmit={() => void submit()} label={t('create.title')}>
        <p>{t('create.intro')}</p>
        <div className="gw-form-row">
          <TextField
            name="year"
            type="number"
            label={t('field.year')}
            required
            min={2000}
            max={2100}
            value={values.year}
            onChange={set('year')}
          />
          <SelectField
            name="category"
            label={t('field.category')}
            required
            options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            value={values.category}
            onChange={set('category')}
          />
        </div>
        <TextField
          name="title"
          label={t('field.title')}
          required
          maxLength={200}
          value={values.title}
          onChange={set('title')}
        />
        <SelectField
          name="ownerId"
          label={t('field.owner')}
          hint={t('field.ownerHint')}
          required
          options={
            user ? [{ value: user.id, label: t('create.ownerMe', { name: user.name }) }] : []
          }
          value={user?.id ?? ''}
          onChange={() => undefined}
        />
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
          <SelectField
            name="risk"
            label={t('field.risk')}
            options={RISKS.map((r) => ({ value: r, label: t(`riskLevel.${r}`) }))}
            value={values.risk}
            onChange={set('risk')}
          />
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
        </div>
        <FormActions busy={busy} submitLabel={t('create.submit')} onCancel={onCancel} />
      </Form>
    </div>
  );
}
