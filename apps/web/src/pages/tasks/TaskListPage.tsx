// 중점과제 목록: filters kept in the URL (back/forward and reload keep them), sort, paging,
// XLSX/CSV export with the same filters, and a "새 과제" dialog for STAFF and DEPT_HEAD. The
// 적극행정 office chooses rows to select, reject or drop them at once (all or nothing: a refusal
// names each row's problem next to it).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, call, download } from '../../api/client';
import { messagesById, onlyItemProblems } from '../../api/details';
import { useAuth } from '../../app/auth';
import {
  CheckboxField,
  Form,
  RowCheckbox,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import {
  Dialog,
  Empty,
  EnteredLaterBadge,
  ErrorState,
  Loading,
  Notice,
  PageHeader,
  Pagination,
  sortableColumn,
  Table,
} from '../../components/ui';
import { SavedViews, viewQuery } from '../../components/SavedViews';
import { formatDate, formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import { type BulkAction, bulkNeedsReason, LIFECYCLE } from './lifecycle';
import './messages';
import { NewTaskForm } from './NewTaskForm';
import {
  currentYear,
  DelayedBadge,
  RISKS,
  TASK_STATUSES,
  type TaskStatus,
  TaskStatusBadge,
  type TaskSummary,
  useDepartments,
  useFocusFirstProblem,
} from './shared';

const BULK_ACTIONS: BulkAction[] = ['select', 'reject', 'drop'];

const SORTS = ['code', 'title', 'startDate', 'dueDate', 'status', 'progress', 'updatedAt'] as const;
type Sort = (typeof SORTS)[number];
const PAGE_SIZES = [20, 50, 100];
const DEFAULT_LIMIT = 20;

/** Screens where the filters start folded (the stylesheet's phone layout). */
const NARROW = '(max-width: 768px)';

/** The filter names in the URL (the API's query names). */
const FILTER_KEYS = [
  'year',
  'status',
  'leadDepartmentId',
  'ownerId',
  'risk',
  'delayed',
  'q',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type FilterValues = Record<FilterKey | 'sort' | 'order' | 'limit', string>;

function readFilters(params: URLSearchParams): FilterValues {
  return {
    year: params.get('year') ?? '',
    status: params.get('status') ?? '',
    leadDepartmentId: params.get('leadDepartmentId') ?? '',
    ownerId: params.get('ownerId') ?? '',
    risk: params.get('risk') ?? '',
    delayed: params.get('delayed') ?? '',
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? 'code',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    limit: params.get('limit') ?? String(DEFAULT_LIMIT),
  };
}

/** The API query for the filters (the list and the export use the same). */
function filterQuery(f: FilterValues) {
  const statuses = f.status
    .split(',')
    .filter((s): s is TaskStatus => (TASK_STATUSES as string[]).includes(s));
  const year = Number(f.year);
  return {
    year: f.year && Number.isInteger(year) ? year : undefined,
    status: statuses.length ? statuses : undefined,
    leadDepartmentId: f.leadDepartmentId || undefined,
    ownerId: f.ownerId || undefined,
    risk: (RISKS as string[]).includes(f.risk) ? (f.risk as 'LOW' | 'MEDIUM' | 'HIGH') : undefined,
    delayed: f.delayed === 'true' ? true : f.delayed === 'false' ? false : undefined,
    q: f.q.trim() || undefined,
  };
}

function exportPath(f: FilterValues, format: 'xlsx' | 'csv'): string {
  const q = filterQuery(f);
  const p = new URLSearchParams();
  if (q.year !== undefined) p.set('year', String(q.year));
  if (q.status) p.set('status', q.status.join(','));
  if (q.leadDepartmentId) p.set('leadDepartmentId', q.leadDepartmentId);
  if (q.ownerId) p.set('ownerId', q.ownerId);
  if (q.risk) p.set('risk', q.risk);
  if (q.delayed !== undefined) p.set('delayed', String(q.delayed));
  if (q.q) p.set('q', q.q);
  p.set('format', format);
  return `/api/v1/tasks/export?${p.toString()}`;
}

/**
 * The filter form: holds what the user is choosing until "검색" puts it in the URL; back/forward
 * and links show the filters that are applied.
 */
function TaskFilters({
  applied,
  onApply,
  onReset,
}: {
  applied: FilterValues;
  onApply: (values: FilterValues) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const departments = useDepartments();
  const { values, setValues, set } = useFormValues<FilterValues>(applied);
  // When the URL changes (search, back/forward, a link), the form shows what is applied now.
  const appliedKey = JSON.stringify(applied);
  const [shown, setShown] = useState(appliedKey);
  if (shown !== appliedKey) {
    setShown(appliedKey);
    setValues(applied);
  }
  const year = currentYear();
  const years = Array.from({ length: 7 }, (_, i) => String(year + 1 - i));
  if (values.year && !years.includes(values.year)) years.push(values.year);
  const statusOptions: Array<{ value: string; label: string }> = TASK_STATUSES.map((s) => ({
    value: s,
    label: tc(`taskStatus.${s}`),
  }));
  // A combination from a link (e.g. a dashboard's "IN_PROGRESS,SUSPENDED") stays selectable.
  if (values.status.includes(',')) {
    statusOptions.push({
      value: values.status,
      label: values.status
        .split(',')
        .map((s) => tc(`taskStatus.${s}`))
        .join(' · '),
    });
  }

  // On a phone the filters fold under one line saying how many apply, so the list shows first.
  const [open, setOpen] = useState(() => !window.matchMedia(NARROW).matches);
  // A screen that becomes wide (a tablet turned) shows them: there the summary is not shown.
  useEffect(() => {
    const narrow = window.matchMedia(NARROW);
    const widened = (e: MediaQueryListEvent) => {
      if (!e.matches) setOpen(true);
    };
    narrow.addEventListener('change', widened);
    return () => narrow.removeEventListener('change', widened);
  }, []);
  const appliedCount = FILTER_KEYS.filter((k) => applied[k] !== '').length;

  return (
    <details className="gw-filter-fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('list.filtersFolded', { count: appliedCount })}</summary>
      <form
        className="gw-filters"
        role="search"
        aria-label={t('list.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          onApply(values);
        }}
      >
        <div className="gwt-filters-row">
          <SelectField
            name="year"
            label={t('list.year')}
            placeholder={t('list.all')}
            options={years.map((y) => ({ value: y, label: y }))}
            value={values.year}
            onChange={set('year')}
          />
          <SelectField
            name="status"
            label={t('list.status')}
            placeholder={t('list.all')}
            options={statusOptions}
            value={values.status}
            onChange={set('status')}
          />
          <SelectField
            name="leadDepartmentId"
            label={t('list.department')}
            placeholder={t('list.all')}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={values.leadDepartmentId}
            onChange={set('leadDepartmentId')}
          />
          <SelectField
            name="risk"
            label={t('list.risk')}
            placeholder={t('list.all')}
            options={RISKS.map((r) => ({ value: r, label: t(`riskLevel.${r}`) }))}
            value={values.risk}
            onChange={set('risk')}
          />
          <SelectField
            name="delayed"
            label={t('list.delayed')}
            placeholder={t('list.all')}
            options={[
              { value: 'true', label: t('list.delayedOnly') },
              { value: 'false', label: t('list.onTimeOnly') },
            ]}
            value={values.delayed}
            onChange={set('delayed')}
          />
          <TextField
            name="q"
            type="search"
            label={t('list.q')}
            hint={t('list.qHint')}
            maxLength={100}
            value={values.q}
            onChange={set('q')}
          />
        </div>
        <div className="gwt-filters-foot">
          <CheckboxField
            name="ownerId"
            label={
              !values.ownerId || values.ownerId === user?.id ? t('list.mine') : t('list.ownerSet')
            }
            checked={values.ownerId !== ''}
            onChange={(e) =>
              setValues((v) => ({ ...v, ownerId: e.target.checked ? (user?.id ?? '') : '' }))
            }
          />
          <div className="gwt-filters-actions">
            <button type="submit" className="krds-btn primary medium">
              {t('list.search')}
            </button>
            <button type="button" className="krds-btn tertiary medium" onClick={onReset}>
              {t('list.reset')}
            </button>
          </div>
        </div>
      </form>
    </details>
  );
}

/** The page size above the table (sorting is by the column headers): applied as soon as it changes. */
function PageSizeControl({
  applied,
  onApply,
}: {
  applied: FilterValues;
  onApply: (values: FilterValues) => void;
}) {
  const { t } = useTranslation('tasks');
  const id = useId();
  return (
    <div className="gwt-buttons">
      <div className="gwt-inline-select">
        <label htmlFor={`${id}-limit`}>{t('list.pageSize')}</label>
        <select
          id={`${id}-limit`}
          name="limit"
          className="krds-form-select"
          value={applied.limit}
          onChange={(e) => onApply({ ...applied, limit: e.target.value })}
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={String(n)}>
              {t('list.pageSizeOption', { count: n })}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/**
 * The office's confirmation of a bulk action: how many tasks, which, the reason where the action
 * needs one, and a warning for chosen tasks the action does not apply to now (the API refuses the
 * whole request then, naming them).
 */
function BulkDialog({
  action,
  tasks,
  onClose,
  onDone,
  onRefused,
}: {
  action: BulkAction | null;
  tasks: TaskSummary[];
  onClose: () => void;
  onDone: (action: BulkAction, moved: TaskSummary[]) => void;
  /** Only some rows were wrong: the messages per task id, and the API's error. */
  onRefused: (byId: Map<string, string>, error: ApiError) => void;
}) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { problems, fail, clear } = useFormProblems();
  const box = useRef<HTMLDivElement>(null);
  useFocusFirstProblem(problems, box);
  const [shown, setShown] = useState<BulkAction | null>(action);
  if (shown !== action) {
    // Another action (or a new opening): a fresh form.
    setShown(action);
    setReason('');
    clear();
  }
  const label = action ? t(`bulk.${action}`) : '';
  const notApplicable = action ? tasks.filter((task) => !task.allowedActions.includes(action)) : [];

  const submit = async () => {
    if (!action) return;
    setBusy(true);
    clear();
    // The tasks in the order sent: the API's `items.<i>` is the task at position i.
    const sent = tasks.map((task) => ({ taskId: task.id, version: task.version }));
    try {
      const moved = await call(
        api.POST('/api/v1/tasks/bulk-transitions', {
          body: { action, items: sent, ...(reason.trim() ? { reason } : {}) },
        }),
      );
      setReason('');
      onDone(action, moved);
    } catch (err) {
      // Refused for some tasks (400, or 409 as for one task: not possible in its status, or
      // changed meanwhile): nothing moved, each task's problem goes to its row.
      if (err instanceof ApiError && onlyItemProblems(err.details, 'items')) {
        onRefused(
          messagesById(
            err.details,
            'items',
            sent.map((i) => i.taskId),
          ),
          err,
        );
      } else {
        fail(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={action !== null} title={t('bulk.title', { action: label })} onClose={onClose}>
      {action && (
        <div ref={box}>
          <Form
            problems={problems}
            onSubmit={() => void submit()}
            label={t('bulk.title', { action: label })}
          >
            <p>
              {t('bulk.confirm', {
                count: tasks.length,
                to: tc(`taskStatus.${LIFECYCLE[action].to}`),
              })}
            </p>
            <ul className="gwt-bulk-list">
              {tasks.map((task) => (
                <li key={task.id}>
                  {task.code} {task.title} ({tc(`taskStatus.${task.status}`)})
                </li>
              ))}
            </ul>
            {notApplicable.length > 0 && (
              <p className="gw-alert gw-alert--warning">
                {t('bulk.notApplicable', {
                  count: notApplicable.length,
                  codes: notApplicable.map((task) => task.code).join(', '),
                })}
              </p>
            )}
            {bulkNeedsReason(action) && (
              <TextAreaField
                name="reason"
                label={t('actions.reason')}
                hint={t('bulk.reasonHint')}
                required
                rows={3}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
            <div className="gw-form-actions">
              <button type="submit" className="krds-btn primary" disabled={busy}>
                {t('bulk.submit', { action: label, count: tasks.length })}
              </button>
              <button type="button" className="krds-btn secondary" onClick={onClose}>
                {tc('actions.cancel')}
              </button>
            </div>
          </Form>
        </div>
      )}
    </Dialog>
  );
}

export default function TaskListPage() {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const applied = useMemo(() => readFilters(params), [params]);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const limit = PAGE_SIZES.includes(Number(applied.limit)) ? Number(applied.limit) : DEFAULT_LIMIT;
  const sort: Sort = (SORTS as readonly string[]).includes(applied.sort)
    ? (applied.sort as Sort)
    : 'code';
  const order = applied.order as 'asc' | 'desc';

  const query = { ...filterQuery(applied), sort, order, limit, offset };
  const list = useQuery({
    queryKey: ['tasks', 'list', query],
    queryFn: () => call(api.GET('/api/v1/tasks', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const [exporting, setExporting] = useState<null | 'xlsx' | 'csv'>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exported, setExported] = useState(false);
  const [creating, setCreating] = useState(false);

  const apply = (next: FilterValues, nextOffset = 0) => {
    const p = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key].trim()) p.set(key, next[key].trim());
    if (next.sort !== 'code') p.set('sort', next.sort);
    if (next.order !== 'asc') p.set('order', next.order);
    if (next.limit !== String(DEFAULT_LIMIT)) p.set('limit', next.limit);
    if (nextOffset > 0) p.set('offset', String(nextOffset));
    setParams(p);
  };

  const runExport = async (format: 'xlsx' | 'csv') => {
    setExporting(format);
    setExportError(null);
    setExported(false);
    try {
      await download(exportPath(applied, format), `tasks.${format}`);
      setExported(true);
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(null);
    }
  };

  const canCreate = hasRole('STAFF', 'DEPT_HEAD');
  // Sorting by a column header: the same column again reverses the order; the URL keeps both.
  const sortBy = (label: string, key: Sort) =>
    sortableColumn(label, key, { sort, order }, (next, nextOrder) =>
      apply({ ...applied, sort: next, order: nextOrder }),
    );
  const data = list.data;

  // Bulk work (PROACTIVE_OFFICE): the rows chosen on this page, the action being confirmed, what
  // the API said about each row when it refused, and the result announced.
  const bulk = hasRole('PROACTIVE_OFFICE');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [bulkAction, setBulkAction] = useState<BulkAction | null>(null);
  const [rowErrors, setRowErrors] = useState<Map<string, string>>(new Map());
  const [bulkRefusal, setBulkRefusal] = useState<ApiError | null>(null);
  const [bulkNotice, setBulkNotice] = useState<string | null>(null);
  const bulkResult = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  // Another page, filter or sort shows other rows: the choice (and its problems) starts again.
  const queryKey = JSON.stringify(query);
  const [chosenFor, setChosenFor] = useState(queryKey);
  if (chosenFor !== queryKey) {
    setChosenFor(queryKey);
    setChosen(new Set());
    setRowErrors(new Map());
    setBulkRefusal(null);
  }
  const rows = data?.items ?? [];
  const chosenTasks = rows.filter((task) => chosen.has(task.id));
  const allChosen = rows.length > 0 && chosenTasks.length === rows.length;
  const choose = (ids: string[], on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  useEffect(() => {
    // After the dialog closes, the result (or the refusal) is where the focus goes.
    if (bulkNotice || bulkRefusal) bulkResult.current?.focus();
  }, [bulkNotice, bulkRefusal]);

  return (
    <div className="gwt-page">
      <PageHeader
        title={t('list.title')}
        crumbs={[{ label: t('list.title') }]}
        description={t('list.description')}
        actions={
          <>
            <button
              type="button"
              className="krds-btn secondary"
              disabled={exporting !== null}
              onClick={() => void runExport('xlsx')}
            >
              {t('list.exportXlsx')}
            </button>
            <button
              type="button"
              className="krds-btn secondary"
              disabled={exporting !== null}
              onClick={() => void runExport('csv')}
            >
              {t('list.exportCsv')}
            </button>
            {canCreate && (
              <button type="button" className="krds-btn primary" onClick={() => setCreating(true)}>
                {t('list.newTask')}
              </button>
            )}
          </>
        }
      />

      <div aria-live="polite">
        {exporting && <Loading label={t('list.exporting')} />}
        {exported && <Notice>{t('list.exported')}</Notice>}
      </div>
      <div ref={bulkResult} tabIndex={-1} aria-live="polite">
        {bulkNotice && <Notice>{bulkNotice}</Notice>}
        {bulkRefusal && (
          <div className="gw-alert gw-alert--danger" role="alert">
            <strong>{bulkRefusal.message}</strong>
            <p>{t('bulk.refusedRows', { count: rowErrors.size })}</p>
          </div>
        )}
      </div>
      {exportError !== null && <ErrorState error={exportError} />}

      <SavedViews list="tasks" current={viewQuery(params)} onApply={(query) => setParams(query)} />

      <TaskFilters
        applied={applied}
        onApply={(next) => apply(next)}
        onReset={() => setParams({})}
      />

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : data && data.items.length === 0 ? (
        <Empty>{t('list.empty')}</Empty>
      ) : data ? (
        <>
          <div className="gwt-toolbar">
            <p role="status">
              {t('list.count', { total: data.total })}
              {list.isFetching && <span className="gwt-muted"> · {tc('state.loading')}</span>}
            </p>
            <PageSizeControl applied={applied} onApply={(next) => apply(next)} />
          </div>
          {bulk && (
            <div className="gwt-bulk-bar" role="group" aria-label={t('bulk.label')}>
              <p>{t('bulk.chosen', { count: chosenTasks.length })}</p>
              {BULK_ACTIONS.map((a) => (
                <button
                  key={a}
                  type="button"
                  className={`krds-btn ${a === 'select' ? 'primary' : 'secondary'} small`}
                  disabled={chosenTasks.length === 0}
                  onClick={() => {
                    setBulkNotice(null);
                    setBulkAction(a);
                  }}
                >
                  {t(`bulk.${a}`)}
                </button>
              ))}
            </div>
          )}
          <Table
            caption={t('list.caption', {
              total: data.total,
              sort: t(`sortBy.${sort}`),
              order: t(`list.${order}`),
            })}
            head={[
              ...(bulk
                ? [
                    <RowCheckbox
                      key="all"
                      label={t('bulk.chooseAll', { count: rows.length })}
                      checked={allChosen}
                      onChange={(on) =>
                        choose(
                          rows.map((task) => task.id),
                          on,
                        )
                      }
                    />,
                  ]
                : []),
              sortBy(t('col.code'), 'code'),
              sortBy(t('col.title'), 'title'),
              t('col.department'),
              t('col.owner'),
              sortBy(t('col.status'), 'status'),
              sortBy(t('col.progress'), 'progress'),
              sortBy(t('col.dueDate'), 'dueDate'),
              t('col.completedOn'),
              t('col.delayed'),
            ]}
          >
            {data.items.map((task) => {
              const rowError = rowErrors.get(task.id);
              const errorId = rowError ? `${idPrefix}-row-${task.id}` : undefined;
              return (
                <tr key={task.id} className={rowError ? 'gw-row-invalid' : undefined}>
                  {bulk && (
                    <td>
                      <RowCheckbox
                        label={t('bulk.choose', { code: task.code, title: task.title })}
                        checked={chosen.has(task.id)}
                        errorId={errorId}
                        onChange={(on) => choose([task.id], on)}
                      />
                    </td>
                  )}
                  <td className="gwt-nowrap">{task.code}</td>
                  <td>
                    <Link to={`/tasks/${task.id}`}>{task.title}</Link>
                    {rowError && (
                      <p className="form-hint-invalid gw-row-error" id={errorId}>
                        {rowError}
                      </p>
                    )}
                  </td>
                  <td>{task.leadDepartmentName}</td>
                  <td>{task.ownerName}</td>
                  <td>
                    <span className="gw-badges">
                      <TaskStatusBadge status={task.status} />
                      {task.enteredLater && <EnteredLaterBadge />}
                    </span>
                  </td>
                  <td className="gw-num">{formatPercent(task.progress, { isPercent: true })}</td>
                  <td className="gwt-nowrap">{formatDate(task.dueDate)}</td>
                  <td className="gwt-nowrap">{formatDate(task.completedOn) || '–'}</td>
                  <td>
                    <DelayedBadge delayed={task.delayed} />
                  </td>
                </tr>
              );
            })}
          </Table>
          <Pagination
            total={data.total}
            limit={limit}
            offset={offset}
            onChange={(next) => apply(applied, next)}
          />
        </>
      ) : null}

      {bulk && (
        <BulkDialog
          action={bulkAction}
          tasks={chosenTasks}
          onClose={() => setBulkAction(null)}
          onDone={(action, moved) => {
            setBulkAction(null);
            setChosen(new Set());
            setRowErrors(new Map());
            setBulkRefusal(null);
            setBulkNotice(
              t('bulk.done', {
                count: moved.length,
                action: t(`bulk.${action}`),
                to: tc(`taskStatus.${LIFECYCLE[action].to}`),
              }),
            );
            void queryClient.invalidateQueries({ queryKey: ['tasks'] });
          }}
          onRefused={(byId, error) => {
            setBulkAction(null);
            setBulkNotice(null);
            setRowErrors(byId);
            setBulkRefusal(error);
            // A row may have been changed by someone meanwhile (a stale version): the rows as
            // they are now, for the next try.
            void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
          }}
        />
      )}

      <Dialog open={creating} title={t('create.title')} onClose={() => setCreating(false)}>
        <NewTaskForm
          onCreated={(task) => {
            setCreating(false);
            void queryClient.invalidateQueries({ queryKey: ['tasks'] });
            void navigate(`/tasks/${task.id}`, { state: { created: true } });
          }}
          onCancel={() => setCreating(false)}
        />
      </Dialog>
    </div>
  );
}
