// A round's nominations: the list (what the user may read), a new nomination (by the sources the
// user's roles allow), and the office's verification or exclusion while nominations are open.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
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
import { useTranslation } from '../../i18n';
import {
  EXCLUSION_REASONS,
  exclusionText,
  formatScore,
  gradeLabel,
  NOMINATION_SOURCES,
  NOMINATION_TYPES,
  type Nomination,
  NominationStateBadge,
  nomineeNames,
  type Round,
} from './shared';

type NominationType = (typeof NOMINATION_TYPES)[number];
type Source = (typeof NOMINATION_SOURCES)[number];

export function useNominations(roundId: string, enabled = true) {
  return useQuery({
    queryKey: ['nominations', roundId],
    queryFn: () =>
      call(
        api.GET('/api/v1/evaluation-rounds/{id}/nominations', {
          params: { path: { id: roundId }, query: {} },
        }),
      ),
    enabled,
  });
}

/** The sources a user may nominate by (DEPT_HEAD 부서추천, STAFF/DEPT_HEAD 본인신청, office 국민추천). */
function useAllowedSources(): Source[] {
  const { hasRole } = useAuth();
  return NOMINATION_SOURCES.filter((s) =>
    s === 'DEPARTMENT'
      ? hasRole('DEPT_HEAD')
      : s === 'SELF'
        ? hasRole('STAFF', 'DEPT_HEAD')
        : hasRole('PROACTIVE_OFFICE'),
  );
}

export function NominationsSection({ round }: { round: Round }) {
  const { t } = useTranslation('evaluations');
  const { hasRole } = useAuth();
  const queryClient = useQueryClient();
  const [type, setType] = useState('');
  const [creating, setCreating] = useState(false);
  const [excluding, setExcluding] = useState<Nomination | null>(null);
  const [result, setResult] = useState<{ ok?: string; error?: ApiError } | null>(null);
  const [busy, setBusy] = useState(false);
  const nominations = useNominations(round.id);
  const sources = useAllowedSources();
  const office = hasRole('PROACTIVE_OFFICE');
  const deciding = office && round.status === 'NOMINATING';
  const canNominate = round.status === 'NOMINATING' && sources.length > 0;

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['nominations', round.id] }),
      queryClient.invalidateQueries({ queryKey: ['evaluation-progress', round.id] }),
    ]);

  const verify = async (n: Nomination) => {
    setBusy(true);
    setResult(null);
    try {
      await call(
        api.POST('/api/v1/nominations/{id}/decision', {
          params: { path: { id: n.id } },
          body: { decision: 'verify', version: n.version },
        }),
      );
      await refresh();
      setResult({ ok: t('nominations.verified') });
    } catch (err) {
      setResult({ error: err instanceof ApiError ? err : new ApiError(0, {}) });
    } finally {
      setBusy(false);
    }
  };

  const list = (nominations.data ?? []).filter((n) => !type || n.type === type);

  return (
    <section className="gw-section" aria-labelledby="round-nominations">
      <div className="gw-eval-section-head">
        <h2 id="round-nominations">{t('nominations.title')}</h2>
        {canNominate && (
          <button type="button" className="krds-btn primary" onClick={() => setCreating(true)}>
            {t('nominations.create')}
          </button>
        )}
      </div>
      <div className="gw-filters">
        <SelectField
          name="type"
          label={t('nominations.filterType')}
          value={type}
          onChange={(e) => setType(e.target.value)}
          placeholder={t('nominations.allTypes')}
          options={NOMINATION_TYPES.map((x) => ({ value: x, label: t(`nominationType.${x}`) }))}
        />
      </div>
      {result?.ok && <Notice>{result.ok}</Notice>}
      {result?.error && (
        <FormAlert problems={{ fields: {}, error: result.error }} onReload={() => void refresh()} />
      )}
      {nominations.isPending ? (
        <Loading />
      ) : nominations.isError ? (
        <ErrorState error={nominations.error} onRetry={() => void nominations.refetch()} />
      ) : list.length === 0 ? (
        <Empty>{t('nominations.empty')}</Empty>
      ) : (
        <Table
          caption={t('nominations.caption')}
          head={[
            t('nominations.colTitle'),
            t('nominations.colType'),
            t('nominations.colSource'),
            t('nominations.colNominees'),
            t('nominations.colState'),
            t('nominations.colScore'),
            ...(deciding ? [t('nominations.colActions')] : []),
          ]}
        >
          {list.map((n) => (
            <tr key={n.id}>
              <td>
                <Link to={`/nominations/${n.id}`}>{n.title}</Link>
              </td>
              <td>{t(`nominationType.${n.type}`)}</td>
              <td>{t(`source.${n.source}`)}</td>
              <td>{nomineeNames(n)}</td>
              <td>
                <NominationStateBadge state={n.status} />
                {n.exclusionReason && (
                  <div className="gw-eval-muted">{exclusionText(t, n.exclusionReason)}</div>
                )}
              </td>
              <td>
                {n.results?.finalScore != null
                  ? `${formatScore(n.results.finalScore)} · ${gradeLabel(t, n.results.grade, n.results.gradeLabel)}`
                  : '–'}
              </td>
              {deciding && (
                <td>
                  {n.status === 'SUBMITTED' && (
                    <div className="gw-eval-row-actions">
                      <button
                        type="button"
                        className="krds-btn secondary small"
                        disabled={busy}
                        onClick={() => void verify(n)}
                      >
                        {t('nominations.verify')}
                        <span className="sr-only"> {n.title}</span>
                      </button>
                      <button
                        type="button"
                        className="krds-btn tertiary small"
                        onClick={() => {
                          setResult(null);
                          setExcluding(n);
                        }}
                      >
                        {t('nominations.exclude')}
                        <span className="sr-only"> {n.title}</span>
                      </button>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      <Dialog
        open={creating}
        title={t('nominations.createTitle')}
        onClose={() => setCreating(false)}
      >
        <NominationForm
          round={round}
          sources={sources}
          onCancel={() => setCreating(false)}
          onDone={async () => {
            setCreating(false);
            await refresh();
            setResult({ ok: t('nominations.created') });
          }}
        />
      </Dialog>
      <Dialog
        open={excluding !== null}
        title={t('nominations.excludeTitle')}
        onClose={() => setExcluding(null)}
      >
        {excluding && (
          <ExcludeForm
            nomination={excluding}
            onCancel={() => setExcluding(null)}
            onDone={async () => {
              setExcluding(null);
              await refresh();
              setResult({ ok: t('nominations.excluded') });
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function ExcludeForm({
  nomination,
  onDone,
  onCancel,
}: {
  nomination: Nomination;
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('evaluations');
  const { values, set } = useFormValues({ reason: '', note: '' });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  // A FAILURE_CASE is never excluded because its target was missed (the API refuses it too).
  const reasons = EXCLUSION_REASONS.filter(
    (r) => !(r === 'TARGET_NOT_MET' && nomination.type === 'FAILURE_CASE'),
  );
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.POST('/api/v1/nominations/{id}/decision', {
          params: { path: { id: nomination.id } },
          body: {
            decision: 'exclude',
            reason: (values.reason || undefined) as (typeof EXCLUSION_REASONS)[number] | undefined,
            note: values.note.trim() || undefined,
            version: nomination.version,
          },
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
    <Form problems={problems} onSubmit={() => void submit()} label={t('nominations.excludeTitle')}>
      <p>
        <strong>{nomination.title}</strong>
      </p>
      <SelectField
        name="reason"
        label={t('nominations.reason')}
        required
        value={values.reason}
        onChange={set('reason')}
        placeholder={t('nominations.choose')}
        options={reasons.map((r) => ({ value: r, label: t(`exclusionReason.${r}`) }))}
      />
      <TextAreaField
        name="note"
        label={t('nominations.note')}
        maxLength={2000}
        rows={3}
        value={values.note}
        onChange={set('note')}
      />
      <FormActions busy={busy} submitLabel={t('nominations.excludeSubmit')} onCancel={onCancel} />
    </Form>
  );
}

function NominationForm({
  round,
  sources,
  onDone,
  onCancel,
}: {
  round: Round;
  sources: Source[];
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('evaluations');
  const { user } = useAuth();
  const { values, set } = useFormValues({
    type: 'OFFICIAL',
    source: sources[0],
    title: '',
    narrative: '',
    nomineeUserId: '',
    nomineeDepartmentId: '',
  });
  const [taskIds, setTaskIds] = useState<string[]>([]);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [deptIds, setDeptIds] = useState<string[]>([]);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);

  const tasks = useQuery({
    queryKey: ['tasks', 'for-nomination', round.year],
    queryFn: () =>
      call(
        api.GET('/api/v1/tasks', {
          params: { query: { year: round.year, limit: 100, sort: 'code', order: 'asc' } },
        }),
      ),
  });
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => call(api.GET('/api/v1/departments', { params: { query: {} } })),
  });
  // People who can be nominated: the user, and the owners and members of the chosen tasks.
  const details = useQueries({
    queries: taskIds.map((id) => ({
      queryKey: ['task', id],
      queryFn: () => call(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
    })),
  });
  const people = new Map<string, string>();
  if (user) people.set(user.id, t('nominations.me', { name: user.name }));
  for (const d of details) {
    if (!d.data) continue;
    if (!people.has(d.data.ownerId)) {
      people.set(
        d.data.ownerId,
        t('nominations.candidate', {
          name: d.data.ownerName,
          department: d.data.leadDepartmentName,
        }),
      );
    }
    for (const m of d.data.members) {
      if (!people.has(m.userId)) {
        people.set(
          m.userId,
          t('nominations.candidate', { name: m.name, department: m.departmentName }),
        );
      }
    }
  }
  const personOptions = [...people].map(([value, label]) => ({ value, label }));
  const departmentOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const type = values.type as NominationType;

  const submit = async () => {
    setBusy(true);
    clear();
    const users =
      type === 'OFFICIAL'
        ? values.nomineeUserId
          ? [values.nomineeUserId]
          : []
        : type === 'DEPARTMENT'
          ? []
          : userIds;
    const depts =
      type === 'DEPARTMENT'
        ? values.nomineeDepartmentId
          ? [values.nomineeDepartmentId]
          : []
        : type === 'OFFICIAL'
          ? []
          : deptIds;
    try {
      await call(
        api.POST('/api/v1/evaluation-rounds/{id}/nominations', {
          params: { path: { id: round.id } },
          body: {
            type,
            source: values.source,
            title: values.title,
            nomineeUserIds: users,
            nomineeDepartmentIds: depts,
            taskIds,
            narrative: values.narrative,
          },
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
    <Form problems={problems} onSubmit={() => void submit()} label={t('nominations.createTitle')}>
      <div className="gw-form-row">
        <SelectField
          name="type"
          label={t('nominations.type')}
          required
          value={values.type}
          onChange={set('type')}
          options={NOMINATION_TYPES.map((x) => ({ value: x, label: t(`nominationType.${x}`) }))}
        />
        <SelectField
          name="source"
          label={t('nominations.sourceField')}
          required
          value={values.source}
          onChange={set('source')}
          options={sources.map((s) => ({ value: s, label: t(`source.${s}`) }))}
        />
      </div>
      <TextField
        name="title"
        label={t('nominations.titleField')}
        required
        maxLength={200}
        value={values.title}
        onChange={set('title')}
      />
      <CheckboxGroup
        name="taskIds"
        legend={t('nominations.tasks')}
        hint={t('nominations.tasksHint')}
        options={(tasks.data?.items ?? []).map((x) => ({
          value: x.id,
          label: `${x.code} ${x.title}`,
        }))}
        selected={taskIds}
        onChange={setTaskIds}
        error={fieldMessages(problems, 'taskIds')}
        empty={tasks.isPending ? t('common:state.loading') : t('nominations.noTasks')}
        scroll
      />
      {type === 'OFFICIAL' && (
        <SelectField
          name="nomineeUserIds"
          label={t('nominations.nomineeUser')}
          hint={t('nominations.nomineeUsersHint')}
          required
          value={values.nomineeUserId}
          onChange={set('nomineeUserId')}
          placeholder={t('nominations.choose')}
          options={personOptions}
          error={fieldMessages(problems, 'nomineeUserIds')}
        />
      )}
      {(type === 'TEAM' || type === 'FAILURE_CASE') && (
        <>
          <CheckboxGroup
            name="nomineeUserIds"
            legend={t('nominations.nomineeUsers')}
            hint={t('nominations.nomineeUsersHint')}
            options={personOptions}
            selected={userIds}
            onChange={setUserIds}
            error={fieldMessages(problems, 'nomineeUserIds')}
          />
          <CheckboxGroup
            name="nomineeDepartmentIds"
            legend={t('nominations.nomineeDepartments')}
            options={departmentOptions}
            selected={deptIds}
            onChange={setDeptIds}
            error={fieldMessages(problems, 'nomineeDepartmentIds')}
            scroll
          />
        </>
      )}
      {type === 'DEPARTMENT' && (
        <SelectField
          name="nomineeDepartmentIds"
          label={t('nominations.nomineeDepartment')}
          required
          value={values.nomineeDepartmentId}
          onChange={set('nomineeDepartmentId')}
          placeholder={t('nominations.choose')}
          options={departmentOptions}
          error={fieldMessages(problems, 'nomineeDepartmentIds')}
        />
      )}
      <TextAreaField
        name="narrative"
        label={t('nominations.narrative')}
        maxLength={10000}
        rows={5}
        value={values.narrative}
        onChange={set('narrative')}
      />
      <FormActions busy={busy} submitLabel={t('nominations.submit')} onCancel={onCancel} />
    </Form>
  );
}
