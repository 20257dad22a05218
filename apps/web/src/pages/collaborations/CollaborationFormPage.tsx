// /collaborations/new — the lead's 적극행정 전담부서 makes one of its organisation's priority tasks a
// 협업과제: the task (from the task list; `?taskId=` preselects one), the coordinating organisation,
// the lead's contact (the task's owner or members), goals, plan, who reviews the reports, and the
// participants with their responsible departments: the task's partner departments of other
// organisations at a tick, any other organisation and department from the directory of
// organisations. The API's messages are shown next to the fields; registered, the collaboration's
// page opens.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  CheckboxGroup,
  fieldMessages,
  Form,
  FormActions,
  RadioGroup,
  SelectField,
  TextAreaField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { PageHeader } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { useTaskOptions } from '../reports/shared';
import { DepartmentPicker, OrganisationPicker, type PickedOrganisation } from './DirectoryPickers';
import { collaborationKey } from './shared';

const REVIEW_BY = ['LEAD_AUDITOR', 'COORDINATOR'] as const;

interface Row {
  key: number;
  organisation: PickedOrganisation | null;
  departmentId: string;
}

export default function CollaborationFormPage() {
  const { t } = useTranslation('collaborations');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { hasRole } = useAuth();
  const [sp] = useSearchParams();
  const { values, setValues, set } = useFormValues<{
    taskId: string;
    leadContactUserId: string;
    goals: string;
    plan: string;
    reviewBy: (typeof REVIEW_BY)[number];
  }>({
    taskId: sp.get('taskId') ?? '',
    leadContactUserId: '',
    goals: '',
    plan: '',
    reviewBy: 'LEAD_AUDITOR',
  });
  const [coordinator, setCoordinator] = useState<PickedOrganisation | null>(null);
  const [departments, setDepartments] = useState<string[]>([]);
  // Participants from the directory, after the ticked partner departments in the request.
  const [extra, setExtra] = useState<Row[]>([]);
  const [nextKey, setNextKey] = useState(1);
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
  const ticked = partners.filter((p) => departments.includes(p.departmentId));
  const contacts = (task.data?.members ?? []).filter((m) => m.userId !== task.data?.ownerId);

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const created = await call(
        api.POST('/api/v1/collaborations', {
          body: {
            taskId: values.taskId,
            coordinatorOrganisationId: coordinator?.id ?? '',
            goals: values.goals,
            plan: values.plan,
            reviewBy: values.reviewBy,
            ...(values.leadContactUserId ? { leadContactUserId: values.leadContactUserId } : {}),
            participants: [
              ...ticked.map((p) => ({
                organisationId: p.organisationId,
                departmentId: p.departmentId,
              })),
              ...extra.map((r) => ({
                organisationId: r.organisation?.id ?? '',
                departmentId: r.departmentId,
              })),
            ],
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
  // The API names participants by their index in the request: the ticked ones first.
  const participantError = (index: number, field?: string) =>
    fieldMessages(problems, `participants.${index}${field ? `.${field}` : ''}`);
  const tickedError = [problems.fields.participants, ...ticked.map((_, i) => participantError(i))]
    .filter(Boolean)
    .join(' '); // '' (not undefined): the other participants' messages stand by their rows
  const setRow = (key: number, patch: Partial<Row>) =>
    setExtra((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

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
        <OrganisationPicker
          name="coordinatorOrganisationId"
          label={t('form.coordinator')}
          hint={t('form.coordinatorHint')}
          required
          value={coordinator}
          onChange={setCoordinator}
        />
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
          error={tickedError}
        />
        <fieldset className="form-group gw-field gw-group">
          <legend>{t('form.moreParticipants')}</legend>
          <p className="form-hint">{t('form.moreParticipantsHint')}</p>
          {extra.map((row, i) => {
            const n = i + 1;
            const index = ticked.length + i;
            return (
              <fieldset key={row.key} className="gw-co-participant">
                <legend>{t('form.participantN', { n })}</legend>
                <OrganisationPicker
                  name={`participants.${index}.organisationId`}
                  label={t('form.participantOrganisation', { n })}
                  required
                  error={
                    [
                      problems.fields[`participants.${index}`],
                      participantError(index, 'organisationId'),
                    ]
                      .filter(Boolean)
                      .join(' ') || undefined
                  }
                  value={row.organisation}
                  onChange={(organisation) => setRow(row.key, { organisation, departmentId: '' })}
                />
                <DepartmentPicker
                  name={`participants.${index}.departmentId`}
                  label={t('form.participantDepartment', { n })}
                  required
                  error={participantError(index, 'departmentId')}
                  organisationId={row.organisation?.id ?? null}
                  value={row.departmentId}
                  onChange={(departmentId) => setRow(row.key, { departmentId })}
                />
                <button
                  type="button"
                  className="krds-btn tertiary small"
                  onClick={() => setExtra((rows) => rows.filter((r) => r.key !== row.key))}
                >
                  {t('form.removeParticipant', { n })}
                </button>
              </fieldset>
            );
          })}
          <div>
            <button
              type="button"
              className="krds-btn secondary small"
              onClick={() => {
                setExtra((rows) => [
                  ...rows,
                  { key: nextKey, organisation: null, departmentId: '' },
                ]);
                setNextKey((k) => k + 1);
              }}
            >
              {t('form.addParticipant')}
            </button>
          </div>
        </fieldset>
        <FormActions
          busy={busy}
          submitLabel={t('form.submit')}
          onCancel={() => void navigate('/collaborations')}
        />
      </Form>
    </>
  );
}
