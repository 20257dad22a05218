// /opinion-requests/new — file a 의견제시 request: a priority task of the organisation (chosen from
// the task list; `?taskId=` preselects one, as the task page's link does), the question and its
// background. The API's messages are shown next to the fields; saved, the request's page opens.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import {
  Form,
  FormActions,
  SelectField,
  TextAreaField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { PageHeader } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { useTaskOptions } from '../reports/shared';
import './shared';

export default function OpinionRequestFormPage() {
  const { t } = useTranslation('opinions');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [sp] = useSearchParams();
  const { values, set } = useFormValues({
    taskId: sp.get('taskId') ?? '',
    question: '',
    background: '',
  });
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

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const created = await call(
        api.POST('/api/v1/opinion-requests', {
          body: {
            taskId: values.taskId,
            question: values.question,
            ...(values.background.trim() ? { background: values.background } : {}),
          },
        }),
      );
      queryClient.setQueryData(['opinion-requests', created.id], created);
      void queryClient.invalidateQueries({ queryKey: ['opinion-requests', 'list'] });
      void navigate(`/opinion-requests/${created.id}`, { state: { created: true } });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('form.title')}
        crumbs={[{ label: t('title'), to: '/opinion-requests' }, { label: t('form.title') }]}
        description={t('form.intro')}
      />
      <Form problems={problems} onSubmit={() => void submit()} label={t('form.title')}>
        <SelectField
          name="taskId"
          label={t('form.task')}
          hint={t('form.taskHint')}
          required
          value={values.taskId}
          onChange={set('taskId')}
          placeholder={t('form.chooseTask')}
          options={taskOptions}
        />
        <TextAreaField
          name="question"
          label={t('form.question')}
          hint={t('form.questionHint')}
          required
          maxLength={10000}
          rows={5}
          value={values.question}
          onChange={set('question')}
        />
        <TextAreaField
          name="background"
          label={t('form.background')}
          hint={t('form.backgroundHint')}
          maxLength={10000}
          rows={6}
          value={values.background}
          onChange={set('background')}
        />
        <FormActions
          busy={busy}
          submitLabel={t('form.submit')}
          onCancel={() => void navigate(-1)}
        />
      </Form>
    </>
  );
}
