// /action-plans/:id?version= — one 실행계획: status, version, submission and approval (who, when),
// progress; its directions, each with its measures (owner department, target, due date, focus,
// linked priority tasks, progress, status, and the status changes the API allows the reader); the
// plan's actions (submit, approve, return with a reason) and the office's forms to add a
// direction or a measure; XLSX export, versions (approved ones read only) and history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { api, call, download, type Schemas } from '../../api/client';
import {
  CheckboxField,
  SelectField,
  TextAreaField,
  TextField,
  useFormValues,
} from '../../components/forms';
import { RecordHistory } from '../../components/RecordHistory';
import {
  Badge,
  Dialog,
  Empty,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { formatDate, formatDateTime, formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import './plan-messages';
import { ActionForm, optional, useDepartmentOptions } from './shared';

type Plan = Schemas['ActionPlanDto'];
type Measure = Schemas['MeasureDto'];
type PlanAction = Plan['allowedActions'][number];
type Dialogs = 'submit' | 'approve' | 'return' | 'addDirection' | 'addMeasure';

export default function ActionPlanDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('actionPlans');
  const location = useLocation();
  const [sp] = useSearchParams();
  const version = Number(sp.get('version')) || undefined;
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t('form.created') : null,
  );
  const [problem, setProblem] = useState<unknown>(null);
  const [open, setOpen] = useState<Dialogs | null>(null);
  const key = ['action-plans', id];
  const plan = useQuery({
    queryKey: [...key, version ?? 'current'],
    queryFn: () =>
      call(
        api.GET('/api/v1/action-plans/{id}', {
          params: { path: { id }, query: version ? { version } : {} },
        }),
      ),
  });
  const versions = useQuery({
    queryKey: [...key, 'versions'],
    queryFn: () =>
      call(api.GET('/api/v1/action-plans/{id}/versions', { params: { path: { id } } })),
  });
  const crumbs = [{ label: t('title'), to: '/action-plans' }, { label: t('detail.crumb') }];
  if (plan.isPending || plan.isError) {
    return (
      <>
        <PageHeader title={t('detail.crumb')} crumbs={crumbs} />
        {plan.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
        )}
      </>
    );
  }
  const p = plan.data;
  const canEdit = !p.snapshot && p.allowedActions.includes('edit');
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['action-plans', 'list'] }),
    ]);
  const done = async (message: string) => {
    setOpen(null);
    await refresh();
    setNotice(message);
  };
  const personAt = (x: Plan['submitted']) =>
    x ? t('detail.personAt', { name: x.by.name ?? '–', at: formatDateTime(x.at) }) : null;
  const planActions = p.snapshot
    ? []
    : p.allowedActions.filter((a): a is Exclude<PlanAction, 'edit'> => a !== 'edit');

  return (
    <>
      <PageHeader
        title={`${p.title}${version ? ` (${t('detail.planVersionValue', { version })})` : ''}`}
        crumbs={crumbs}
      />
      {notice && <Notice>{notice}</Notice>}
      {problem !== null && <ErrorState error={problem} />}
      <section className="gw-section" aria-labelledby="ap-overview">
        <h2 id="ap-overview">{t('detail.overview')}</h2>
        <Facts
          items={[
            [
              t('detail.status'),
              <Badge key="s" tone={p.status === 'APPROVED' ? 'success' : 'info'}>
                {t(`status.${p.status}`)}
              </Badge>,
            ],
            [
              t('detail.planVersion'),
              `${t('detail.planVersionValue', { version: p.planVersion })}${
                p.snapshot ? ` — ${t('detail.snapshot')}` : ''
              }`,
            ],
            ...(p.submitted
              ? [[t('detail.submitted'), personAt(p.submitted)] as [string, string]]
              : []),
            ...(p.approved
              ? [[t('detail.approved'), personAt(p.approved)] as [string, string]]
              : []),
            [
              t('detail.progress'),
              t('detail.progressValue', {
                percent: formatPercent(p.progress.share),
                done: p.progress.measuresDone,
                measures: p.progress.measures,
                tasksDone: p.progress.linkedTasksCompleted,
                tasks: p.progress.linkedTasks,
              }),
            ],
          ]}
        />
        <div className="gw-pg-actions">
          {planActions.map((a) => (
            <button
              key={a}
              type="button"
              className={`krds-btn ${a === 'approve' ? 'primary' : 'secondary'}`}
              onClick={() => {
                setNotice(null);
                setOpen(a);
              }}
            >
              {t(`action.${a}`)}
            </button>
          ))}
          <button
            type="button"
            className="krds-btn secondary"
            onClick={() => {
              setProblem(null);
              download(
                `/api/v1/action-plans/${id}/export${version ? `?version=${version}` : ''}`,
                `action-plan-${p.year}.xlsx`,
              ).catch(setProblem);
            }}
          >
            {t('detail.export')}
          </button>
        </div>
      </section>

      <section className="gw-section" aria-labelledby="ap-directions">
        <h2 id="ap-directions">{t('detail.directions')}</h2>
        {canEdit && (
          <div className="gw-pg-actions">
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => setOpen('addDirection')}
            >
              {t('action.addDirection')}
            </button>
            {p.directions.length > 0 && (
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => setOpen('addMeasure')}
              >
                {t('action.addMeasure')}
              </button>
            )}
          </div>
        )}
        {p.directions.length === 0 ? (
          <Empty>{t('detail.noDirections')}</Empty>
        ) : (
          p.directions.map((d) => (
            <div key={d.id}>
              <h3>
                {d.position}. {d.title}{' '}
                <Badge tone="neutral">
                  {t('detail.directionProgress', { percent: formatPercent(d.progress.share) })}
                </Badge>
              </h3>
              {d.description && <p className="gw-pg-text">{d.description}</p>}
              {d.measures.length === 0 ? (
                <Empty>{t('detail.noMeasures')}</Empty>
              ) : (
                <Table
                  caption={t('detail.measuresCaption', { direction: d.title })}
                  head={[
                    t('detail.col.title'),
                    t('detail.col.owner'),
                    t('detail.col.target'),
                    t('detail.col.dueDate'),
                    t('detail.col.tasks'),
                    t('detail.col.percent'),
                    t('detail.col.status'),
                  ]}
                >
                  {d.measures.map((m) => (
                    <tr key={m.id}>
                      <td>
                        {m.title} {m.focus && <Badge tone="warning">{t('detail.focus')}</Badge>}
                      </td>
                      <td>{m.ownerDepartment.name}</td>
                      <td className="gw-pg-text">{m.target || '–'}</td>
                      <td className="gw-pg-nowrap">{formatDate(m.dueDate)}</td>
                      <td>
                        {m.linkedTasks.length === 0
                          ? '–'
                          : m.linkedTasks.map((task) => (
                              <div key={task.id}>
                                <Link to={`/tasks/${task.id}`}>
                                  {task.code} {task.title}
                                </Link>{' '}
                                ({task.progress}%)
                              </div>
                            ))}
                      </td>
                      <td className="gw-pg-num">{m.percent === null ? '–' : `${m.percent}%`}</td>
                      <td>
                        {!p.snapshot && m.allowedStatuses.length > 0 ? (
                          <MeasureStatus
                            planId={p.id}
                            measure={m}
                            onDone={() => done(t('action.statusChanged'))}
                            onError={setProblem}
                          />
                        ) : (
                          t(`measureStatus.${m.status}`)
                        )}
                      </td>
                    </tr>
                  ))}
                </Table>
              )}
            </div>
          ))
        )}
      </section>

      <Dialog
        open={open !== null}
        title={open ? t(`action.${open}`) : ''}
        onClose={() => setOpen(null)}
      >
        {open && (
          <PlanForm
            plan={p}
            action={open}
            onCancel={() => setOpen(null)}
            onReload={async () => {
              await refresh();
            }}
            onDone={() => done(t('action.done', { action: t(`action.${open}`) }))}
          />
        )}
      </Dialog>

      {versions.data && versions.data.length > 1 && (
        <section className="gw-section" aria-labelledby="ap-versions">
          <h2 id="ap-versions">{t('detail.versions')}</h2>
          <ul>
            {versions.data.map((v) => (
              <li key={v.planVersion}>
                {v.current ? (
                  <Link to={`/action-plans/${id}`}>
                    {t('detail.showCurrent')} ({t(`status.${v.status}`)})
                  </Link>
                ) : (
                  <Link to={`/action-plans/${id}?version=${v.planVersion}`}>
                    {t('detail.showVersion', { version: v.planVersion })} ({t(`status.${v.status}`)}
                    )
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <RecordHistory
        queryKey={[...key, 'history']}
        load={() =>
          call(api.GET('/api/v1/action-plans/{id}/history', { params: { path: { id } } }))
        }
        namespace="actionPlans"
        headingId="ap-history"
      />
    </>
  );
}

/** A measure's status as a select of the statuses the reader may move it to, with a button. */
function MeasureStatus({
  planId,
  measure,
  onDone,
  onError,
}: {
  planId: string;
  measure: Measure;
  onDone: () => Promise<void>;
  onError: (err: unknown) => void;
}) {
  const { t } = useTranslation('actionPlans');
  const [next, setNext] = useState<string>(measure.status);
  const [busy, setBusy] = useState(false);
  const options = [measure.status, ...measure.allowedStatuses.filter((s) => s !== measure.status)];
  return (
    <form
      className="gw-pg-status"
      aria-label={t('action.changeStatus')}
      onSubmit={(e) => {
        e.preventDefault();
        if (next === measure.status) return;
        setBusy(true);
        call(
          api.POST('/api/v1/action-plans/{id}/measures/{measureId}/status', {
            params: { path: { id: planId, measureId: measure.id } },
            body: { version: measure.version, status: next as Measure['status'] },
          }),
        )
          .then(onDone)
          .catch(onError)
          .finally(() => setBusy(false));
      }}
    >
      <SelectField
        name="status"
        label={<span className="sr-only">{t('action.newStatus', { title: measure.title })}</span>}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        options={options.map((s) => ({ value: s, label: t(`measureStatus.${s}`) }))}
      />
      <button type="submit" className="krds-btn secondary small" disabled={busy}>
        {t('action.apply')}
      </button>
    </form>
  );
}

function PlanForm({
  plan,
  action,
  onCancel,
  onReload,
  onDone,
}: {
  plan: Plan;
  action: Dialogs;
  onCancel: () => void;
  onReload: () => Promise<void>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('actionPlans');
  const departments = useDepartmentOptions();
  const { values, set } = useFormValues({
    text: '',
    description: '',
    directionId: plan.directions[0]?.id ?? '',
    ownerDepartmentId: '',
    target: '',
    dueDate: `${plan.year}-12-31`,
    focus: false,
  });
  const [version, setVersion] = useState(plan.version);
  const path = { path: { id: plan.id } };
  const run = async () => {
    const p = { params: path };
    if (action === 'submit')
      await call(api.POST('/api/v1/action-plans/{id}/submit', { ...p, body: { version } }));
    else if (action === 'approve')
      await call(api.POST('/api/v1/action-plans/{id}/approve', { ...p, body: { version } }));
    else if (action === 'return')
      await call(
        api.POST('/api/v1/action-plans/{id}/return', {
          ...p,
          body: { version, reason: values.text },
        }),
      );
    else if (action === 'addDirection')
      await call(
        api.POST('/api/v1/action-plans/{id}/directions', {
          ...p,
          body: { version, title: values.text, ...optional('description', values.description) },
        }),
      );
    else
      await call(
        api.POST('/api/v1/action-plans/{id}/measures', {
          ...p,
          body: {
            version,
            directionId: values.directionId,
            title: values.text,
            ownerDepartmentId: values.ownerDepartmentId,
            dueDate: values.dueDate,
            focus: values.focus,
            ...optional('target', values.target),
          },
        }),
      );
    await onDone();
  };
  return (
    <ActionForm
      label={t(`action.${action}`)}
      submitLabel={t(`action.${action}`)}
      onCancel={onCancel}
      onReload={async () => {
        await onReload();
        const fresh = await call(api.GET('/api/v1/action-plans/{id}', { params: path }));
        setVersion(fresh.version);
      }}
      run={run}
    >
      {action === 'return' && (
        <TextAreaField
          name="reason"
          label={t('action.reason')}
          required
          maxLength={2000}
          value={values.text}
          onChange={set('text')}
        />
      )}
      {action === 'addDirection' && (
        <>
          <TextField
            name="title"
            label={t('action.directionTitle')}
            required
            maxLength={200}
            value={values.text}
            onChange={set('text')}
          />
          <TextAreaField
            name="description"
            label={t('action.directionDescription')}
            maxLength={5000}
            value={values.description}
            onChange={set('description')}
          />
        </>
      )}
      {action === 'addMeasure' && (
        <>
          <SelectField
            name="directionId"
            label={t('action.direction')}
            required
            value={values.directionId}
            onChange={set('directionId')}
            options={plan.directions.map((d) => ({
              value: d.id,
              label: `${d.position}. ${d.title}`,
            }))}
          />
          <TextField
            name="title"
            label={t('action.measureTitle')}
            required
            maxLength={300}
            value={values.text}
            onChange={set('text')}
          />
          <div className="gw-form-row">
            <SelectField
              name="ownerDepartmentId"
              label={t('action.owner')}
              required
              value={values.ownerDepartmentId}
              placeholder={t('programme:common.chooseDepartment')}
              onChange={set('ownerDepartmentId')}
              options={departments}
            />
            <TextField
              name="dueDate"
              type="date"
              label={t('action.dueDate')}
              required
              value={values.dueDate}
              onChange={set('dueDate')}
            />
          </div>
          <TextAreaField
            name="target"
            label={t('action.target')}
            maxLength={5000}
            rows={3}
            value={values.target}
            onChange={set('target')}
          />
          <CheckboxField
            name="focus"
            label={t('action.focus')}
            checked={values.focus}
            onChange={set('focus')}
          />
        </>
      )}
    </ActionForm>
  );
}
