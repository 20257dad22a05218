// The entries of a contest round as the API scopes them (the organiser and panel see all, an
// entrant its own), with the organiser's screening (accept; reject with a reason) and a link to
// score for judges; and the entrant office's form to submit an entry (department, task and
// officials picked from the lists the API gives).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  CheckboxGroup,
  fieldMessages,
  Form,
  FormActions,
  FormAlert,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { Dialog, Empty, ErrorState, Loading, Notice, Table } from '../../components/ui';
import { formatDate } from '../../format';
import { useTranslation } from '../../i18n';
import { useTaskOptions } from '../reports/shared';
import { useDepartments } from '../tasks/shared';
import { type ContestEntry, type ContestRound, EntryStateBadge, fieldLabel } from './shared';

export function useRoundEntries(roundId: string) {
  return useQuery({
    queryKey: ['contest-entries', roundId],
    queryFn: () =>
      call(api.GET('/api/v1/contests/rounds/{id}/entries', { params: { path: { id: roundId } } })),
  });
}

export function EntriesSection({
  round,
  onChanged,
}: {
  round: ContestRound;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation('contests');
  const entries = useRoundEntries(round.id);
  const [rejecting, setRejecting] = useState<ContestEntry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const accept = async (e: ContestEntry) => {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      await call(
        api.POST('/api/v1/contests/entries/{id}/screening', {
          params: { path: { id: e.id } },
          body: { decision: 'accept', version: e.version },
        }),
      );
      await onChanged();
      setNotice(t('entries.screeningDone'));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, {}));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="gw-section" aria-labelledby="contest-entries">
      <h2 id="contest-entries">{t('entries.title')}</h2>
      {notice && <Notice>{notice}</Notice>}
      {error && <FormAlert problems={{ fields: {}, error }} onReload={() => void onChanged()} />}
      {entries.isPending ? (
        <Loading />
      ) : entries.isError ? (
        <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
      ) : entries.data.length === 0 ? (
        <Empty>{t('entries.empty')}</Empty>
      ) : (
        <Table
          caption={t('entries.caption')}
          head={[
            t('entries.entry'),
            t('entries.entrant'),
            t('entries.field'),
            t('entries.submittedAt'),
            t('entries.state'),
            t('entries.actions'),
          ]}
        >
          {entries.data.map((e) => (
            <tr key={e.id}>
              <td>
                <Link to={`/contests/entries/${e.id}`}>{e.title}</Link>
              </td>
              <td>{e.entrantOrganisationName}</td>
              <td>{fieldLabel(round, e.field)}</td>
              <td className="gw-ct-nowrap">{formatDate(e.submittedAt)}</td>
              <td>
                <EntryStateBadge state={e.status} />
              </td>
              <td>
                <span className="gw-ct-inline">
                  {e.allowedActions.includes('accept') && (
                    <button
                      type="button"
                      className="krds-btn primary small"
                      disabled={busy}
                      onClick={() => void accept(e)}
                    >
                      {t('entries.accept')}
                      <span className="sr-only"> {e.title}</span>
                    </button>
                  )}
                  {e.allowedActions.includes('reject') && (
                    <button
                      type="button"
                      className="krds-btn secondary small"
                      onClick={() => {
                        setNotice(null);
                        setRejecting(e);
                      }}
                    >
                      {t('entries.reject')}
                      <span className="sr-only"> {e.title}</span>
                    </button>
                  )}
                  {e.allowedActions.includes('score') && (
                    <Link
                      className="krds-btn secondary small"
                      to={`/contests/entries/${e.id}#score`}
                    >
                      {e.myScore ? t('entries.scored') : t('entries.score')}
                      <span className="sr-only"> {e.title}</span>
                    </Link>
                  )}
                </span>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog
        open={rejecting !== null}
        title={t('entries.rejectTitle')}
        onClose={() => setRejecting(null)}
      >
        {rejecting && (
          <RejectForm
            entry={rejecting}
            onCancel={() => setRejecting(null)}
            onDone={async () => {
              setRejecting(null);
              await onChanged();
              setNotice(t('entries.screeningDone'));
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

export function RejectForm({
  entry,
  onCancel,
  onDone,
}: {
  entry: ContestEntry;
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('contests');
  const { values, set } = useFormValues({ reason: '' });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.POST('/api/v1/contests/entries/{id}/screening', {
          params: { path: { id: entry.id } },
          body: { decision: 'reject', reason: values.reason, version: entry.version },
        }),
      );
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form problems={problems} onSubmit={() => void submit()} label={t('entries.rejectTitle')}>
      <p>
        <strong>{entry.title}</strong>
      </p>
      <TextAreaField
        name="reason"
        label={t('entries.reason')}
        required
        maxLength={2000}
        rows={4}
        value={values.reason}
        onChange={set('reason')}
      />
      <FormActions busy={busy} submitLabel={t('entries.reject')} onCancel={onCancel} />
    </Form>
  );
}

export function SubmitEntrySection({
  round,
  onDone,
}: {
  round: ContestRound;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useTranslation('contests');
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { values, set, setValues } = useFormValues({
    field: round.fields.length === 1 ? round.fields[0].key : '',
    title: '',
    summary: '',
    departmentId: user?.departmentId ?? '',
    taskId: '',
  });
  const [officialIds, setOfficialIds] = useState<string[]>([]);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const departments = useDepartments();
  const tasks = useTaskOptions('');
  const task = useQuery({
    queryKey: ['tasks', 'detail', values.taskId],
    queryFn: () => call(api.GET('/api/v1/tasks/{id}', { params: { path: { id: values.taskId } } })),
    enabled: !!values.taskId,
  });
  // The officials to pick from: the user and the chosen task's owner and members.
  const people = new Map<string, string>();
  if (user) people.set(user.id, t('submit.me', { name: user.name }));
  if (task.data) {
    if (!people.has(task.data.ownerId)) people.set(task.data.ownerId, task.data.ownerName);
    for (const m of task.data.members)
      if (!people.has(m.userId)) people.set(m.userId, `${m.name} (${m.departmentName})`);
  }

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.POST('/api/v1/contests/rounds/{id}/entries', {
          params: { path: { id: round.id } },
          body: {
            field: values.field,
            title: values.title,
            ...(values.summary.trim() ? { summary: values.summary } : {}),
            departmentId: values.departmentId,
            officialIds,
            taskId: values.taskId || null,
          },
        }),
      );
      setValues((v) => ({ ...v, title: '', summary: '', taskId: '' }));
      setOfficialIds([]);
      setOpen(false);
      await onDone();
      setNotice(t('submit.done'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="gw-section" aria-labelledby="contest-submit">
      <h2 id="contest-submit">{t('submit.title')}</h2>
      {notice && <Notice>{notice}</Notice>}
      {!open ? (
        <button
          type="button"
          className="krds-btn primary"
          onClick={() => {
            setNotice(null);
            setOpen(true);
          }}
        >
          {t('submit.open')}
        </button>
      ) : (
        <Form problems={problems} onSubmit={() => void submit()} label={t('submit.title')}>
          <SelectField
            name="field"
            label={t('submit.field')}
            required
            value={values.field}
            onChange={set('field')}
            placeholder={t('submit.choose')}
            options={round.fields.map((f) => ({ value: f.key, label: f.label }))}
          />
          <TextField
            name="title"
            label={t('submit.entryTitle')}
            required
            maxLength={200}
            value={values.title}
            onChange={set('title')}
          />
          <TextAreaField
            name="summary"
            label={t('submit.summary')}
            maxLength={4000}
            rows={4}
            value={values.summary}
            onChange={set('summary')}
          />
          <SelectField
            name="departmentId"
            label={t('submit.department')}
            required
            value={values.departmentId}
            onChange={set('departmentId')}
            placeholder={t('submit.choose')}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
          <SelectField
            name="taskId"
            label={t('submit.task')}
            hint={t('submit.taskHint')}
            value={values.taskId}
            onChange={set('taskId')}
            placeholder={t('submit.noTask')}
            options={(tasks.data?.items ?? []).map((x) => ({
              value: x.id,
              label: `${x.code} ${x.title}`,
            }))}
          />
          <CheckboxGroup
            name="officialIds"
            legend={t('submit.officials')}
            hint={t('submit.officialsHint')}
            options={[...people].map(([value, label]) => ({ value, label }))}
            selected={officialIds}
            onChange={setOfficialIds}
            error={fieldMessages(problems, 'officialIds')}
            empty={t('submit.noOfficials')}
          />
          <FormActions
            busy={busy}
            submitLabel={t('submit.submit')}
            onCancel={() => setOpen(false)}
          />
        </Form>
      )}
    </section>
  );
}
