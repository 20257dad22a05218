// /collaborations/new — the lead's 적극행정 전담부서 makes one of its organisation's priority tasks a
// 협업과제: the task (from the task list; `?taskId=` preselects one), the coordinating organisation,
// the lead's contact (the task's owner or members), goals, plan, who reviews the reports, and the
// participants with their responsible departments, picked from the task's partner departments of
// other organisations (the organisations a non-administrator can name without an ID). The API's
// messages are shown next to the fields; registered, the collaboration's page opens.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  CheckboxGroup,
  Form,
  FormActions,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { PageHeader } from '../../components/ui';
import { useTaskOptions } from '../reports/shared';
import { collaborationKey, useKnownOrganisations } from './shared';

const OTHER = 'other';
const REVIEW_BY = ['LEAD_AUDITOR', 'COORDINATOR'] as const;

export default function CollaborationFormPage() {
  const { t } = useTranslation('collaborations');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { hasRole } = useAuth();
  const [sp] = useSearchParams();
  const { values, setValues, set } = useFormValues<{
    taskId: string;
    coordinator: string;
    coordinatorId: string;
    leadContactUserId: string;
    goals: string;
    plan: string;
    reviewBy: (typeof REVIEW_BY)[number];
  }>({
    taskId: sp.get('taskId') ?? '',
    coordinator: '',
    coordinatorId: '',
    leadContactUserId: '',
    goals: '',
    plan: '',
    reviewBy: 'LEAD_AUDITOR',
  });
  const [departments, setDepartments] = useState<string[]>([]);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);

  const tasks = useTaskOptions('');
  const taskOptions = (tasks.data?.items ?? []).map((task) => ({
    value: task.id,
    label: `${task.code} ${task.title}`,
  }));
  if (values.taskId && !taskOptions.some((o) => o.value === values.taskId)) {
    taskOptions.unshift({ value: values.taskId, label: t('form.task') });
  }
  const task = useQuery({
    queryKey: ['tasks', values.taskId],
    queryFn: () => call(api.GET('/api/v1/tasks/{id}', { params: { path: { id: values.taskId } } })),
    enabled: !!values.taskId,
  });
  const partners = (task.data?.partnerDepartments ?? []).filter(
    (p) => p.organisationId !== task.data?.organisationId,
  );
  const organisations = useKnownOrganisations(
    partners.map((p) => ({ id: p.organisationId, name: p.organisationName })),
  );
  const contacts = (task.data?.members ?? []).filter((m) => m.userId !== task.data?.ownerId);

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const coordinatorOrganisationId =
        values.coordinator === OTHER ? values.coordinatorId.trim() : values.coordinator;
      const created = await call(
        api.POST('/api/v1/collaborations', {
          body: {
            taskId: values.taskId,
            coordinatorOrganisationId,
            goals: values.goals,
            plan: values.plan,
            reviewBy: values.reviewBy,
            ...(values.leadContactUserId ? { leadContactUserId: values.leadContactUserId } : {}),
            participants: partners
              .filter((p) => departments.includes(p.departmentId))
              .map((p) => ({ organisationId: p.organisationId, departmentId: p.departmentId })),
          },
        }),
      );
      queryClient.setQueryData(collaborationKey(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['collaborations', 'list'] });
      void navigate(`/collaborations/${created.id}`, { state: { created: true } });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const header = (
    <PageHeader
      title={t('form.title')}
      crumbs={[{ label: t('title'), to: '/collaborations' }, { label: t('form.title') }]}
      description={t('form.intro')}
    />
  );
  if (!hasRole('PROACTIVE_OFFICE')) {
    return (
      <>
        {header}
        <p>{t('form.notAllowed')}</p>
      </>
    );
  }
  const coordinatorError =
    values.coordinator === OTHER ? undefined : problems.fields.coordinatorOrganisationId;

  return (
    <>
      {header}
      <Form problems={problems} onSubmit={() => void submit()} label={t('form.title')}>
        <SelectField
          name="taskId"
          label={t('form.task')}
          hint={t('form.taskHint')}
          required
          value={values.taskId}
          onChange={(e) => {
            set('taskId')(e);
            setDepartments([]);
            setValues((v) => ({ ...v, leadContactUserId: '' }));
          }}
          placeholder={t('form.chooseTask')}
          options={taskOptions}
        />
        <SelectField
          name="coordinator"
          label={t('form.coordinator')}
          hint={t('form.coordinatorHint')}
          required
          error={coordinatorError}
          value={values.coordinator}
          onChange={set('coordinator')}
          placeholder={t('form.chooseCoordinator')}
          options={[...organisations.options, { value: OTHER, label: t('form.otherOrganisation') }]}
        />
        {values.coordinator === OTHER && (
          <TextField
            name="coordinatorOrganisationId"
            label={t('form.coordinatorId')}
            hint={t('form.coordinatorIdHint')}
            required
            autoComplete="off"
            spellCheck={false}
            value={values.coordinatorId}
            onChange={set('coordinatorId')}
          />
        )}
        <SelectField
          name="leadContactUserId"
          label={t('form.leadContact')}
          hint={t('form.leadContactHint')}
          value={values.leadContactUserId}
          onChange={set('leadContactUserId')}
          placeholder={
            task.data
              ? t('form.ownerDefault', { name: task.data.ownerName })
              : t('form.leadContact')
          }
          options={contacts.map((m) => ({
            value: m.userId,
            label: `${m.name} (${m.departmentName})`,
          }))}
        />
        <TextAreaField
          name="goals"
          label={t('form.goals')}
          maxLength={10000}
          rows={4}
          value={values.goals}
          onChange={set('goals')}
        />
        <TextAreaField
          name="plan"
          label={t('form.plan')}
          maxLength={10000}
          rows={6}
          value={values.plan}
          onChange={set('plan')}
        />
        <RadioGroup
          name="reviewBy"
          legend={t('form.reviewBy')}
          layout="row"
          value={values.reviewBy}
          onChange={(reviewBy) => setValues((v) => ({ ...v, reviewBy }))}
          options={REVIEW_BY.map((r) => ({ value: r, label: t(`reviewBy.${r}`) }))}
        />
        <CheckboxGroup
          name="participants"
          legend={t('form.participants')}
          hint={t('form.participantsHint')}
          empty={values.taskId ? t('form.participantsNone') : t('form.chooseTaskFirst')}
          options={partners.map((p) => ({
            value: p.departmentId,
            label: t('form.partnerOption', {
              organisation: p.organisationName,
              department: p.name,
            }),
          }))}
          selected={departments}
          onChange={setDepartments}
        />
        <FormActions
          busy={busy}
          submitLabel={t('form.submit')}
          onCancel={() => void navigate('/collaborations')}
        />
      </Form>
    </>
  );
}
