// 중점과제 목록: filters kept in the URL (back/forward and reload keep them), sort, paging,
// XLSX/CSV export with the same filters, and a "새 과제" dialog for STAFF and DEPT_HEAD.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call, download } from '../../api/client';
import { useAuth } from '../../app/auth';
import { CheckboxField, SelectField, TextField, useFormValues } from '../../components/forms';
import {
  Dialog,
  Empty,
  ErrorState,
  Loading,
  Notice,
  PageHeader,
  Pagination,
  Table,
} from '../../components/ui';
import { formatDate, formatPercent } from '../../format';
import { NewTaskForm } from './NewTaskForm';
import {
  currentYear,
  DelayedBadge,
  RISKS,
  TASK_STATUSES,
  type TaskStatus,
  TaskStatusBadge,
  useDepartments,
} from './shared';

const SORTS = ['code', 'title', 'startDate', 'dueDate', 'status', 'progress', 'updatedAt'] as const;
type Sort = (typeof SORTS)[number];
const PAGE_SIZES = [20, 50, 100];
const DEFAULT_LIMIT = 20;

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

  return (
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
  );
}

/** Sort and page size above the table: applied as soon as they change. */
function SortControls({
  applied,
  onApply,
}: {
  applied: FilterValues;
  onApply: (values: FilterValues) => void;
}) {
  const { t } = useTranslation('tasks');
  const id = useId();
  const select = (
    key: 'sort' | 'order' | 'limit',
    label: string,
    options: Array<{ value: string; label: string }>,
  ) => (
    <div className="gwt-inline-select">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select
        id={`${id}-${key}`}
        name={key}
        className="krds-form-select"
        value={applied[key]}
        onChange={(e) => onApply({ ...applied, [key]: e.target.value })}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="gwt-buttons">
      {select(
        'sort',
        t('list.sort'),
        SORTS.map((s) => ({ value: s, label: t(`sortBy.${s}`) })),
      )}
      {select('order', t('list.order'), [
        { value: 'asc', label: t('list.asc') },
        { value: 'desc', label: t('list.desc') },
      ])}
      {select(
        'limit',
        t('list.pageSize'),
        PAGE_SIZES.map((n) => ({
          value: String(n),
          label: t('list.pageSizeOption', { count: n }),
        })),
      )}
    </div>
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
  const data = list.data;

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
      {exportError !== null && <ErrorState error={exportError} />}

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
            <SortControls applied={applied} onApply={(next) => apply(next)} />
          </div>
          <Table
            caption={t('list.caption', {
              total: data.total,
              sort: t(`sortBy.${sort}`),
              order: t(`list.${order}`),
            })}
            head={[
              t('col.code'),
              t('col.title'),
              t('col.department'),
              t('col.owner'),
              t('col.status'),
              t('col.progress'),
              t('col.dueDate'),
              t('col.delayed'),
            ]}
          >
            {data.items.map((task) => (
              <tr key={task.id}>
                <td className="gwt-nowrap">{task.code}</td>
                <td>
                  <Link to={`/tasks/${task.id}`}>{task.title}</Link>
                </td>
                <td>{task.leadDepartmentName}</td>
                <td>{task.ownerName}</td>
                <td>
                  <TaskStatusBadge status={task.status} />
                </td>
                <td className="gw-num">{formatPercent(task.progress, { isPercent: true })}</td>
                <td className="gwt-nowrap">{formatDate(task.dueDate)}</td>
                <td>
                  <DelayedBadge delayed={task.delayed} />
                </td>
              </tr>
            ))}
          </Table>
          <Pagination
            total={data.total}
            limit={limit}
            offset={offset}
            onChange={(next) => apply(applied, next)}
          />
        </>
      ) : null}

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
