// /reports — the review queue of milestone reports (이행실적): filters, sorting and paging kept in
// the URL. Reviewers (AUDITOR, PROACTIVE_OFFICE) start with the submitted reports waiting for them;
// department users start with their own department's reports. Each row opens /reports/:id.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { type User, useAuth } from '../../app/auth';
import { CheckboxField, SelectField } from '../../components/forms';
import {
  Empty,
  EnteredLaterBadge,
  ErrorState,
  Loading,
  PageHeader,
  Pagination,
  sortableColumn,
} from '../../components/ui';
import { ExportButtons, SavedViews, viewQuery } from '../../components/SavedViews';
import { formatDate, formatDateTime } from '../../format';
import { CHOSEN, useUrlFilters } from '../../components/useUrlState';
import { useTranslation } from '../../i18n';
import {
  CheckboxGroup,
  DataTable,
  Legend,
  ReportStateBadge,
  TimelinessBadge,
  FilterPanel,
  useFilterOptions,
  yearOptions,
} from './shared';
import './messages';

type Report = Schemas['ReportSummaryDto'];
type ReportState = Report['status'];
type Sort = 'dueDate' | 'submittedAt' | 'period' | 'taskCode' | 'updatedAt';

const STATES: readonly ReportState[] = ['DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'];
const SORTS: readonly Sort[] = ['dueDate', 'submittedAt', 'period', 'taskCode', 'updatedAt'];
const PAGE_SIZE = 20;

/** The export URL of what the list shows (the API's names: status for the URL's state). */
function exportPath(f: Filters, format: 'xlsx' | 'csv'): string {
  const p = new URLSearchParams({ format });
  if (f.year) p.set('year', f.year);
  if (f.year && f.period) p.set('period', f.period);
  if (f.departmentId) p.set('departmentId', f.departmentId);
  if (f.taskId) p.set('taskId', f.taskId);
  if (f.state.length) p.set('status', f.state.join(','));
  if (f.late) p.set('late', 'true');
  if (f.missing) p.set('missing', 'true');
  return `/api/v1/reports/export?${p.toString()}`;
}

interface Filters {
  year: string;
  period: string;
  departmentId: string;
  taskId: string;
  state: ReportState[];
  late: boolean;
  missing: boolean;
  sort: Sort;
  order: 'asc' | 'desc';
}

const EMPTY: Filters = {
  year: '',
  period: '',
  departmentId: '',
  taskId: '',
  state: [],
  late: false,
  missing: false,
  sort: 'dueDate',
  order: 'asc',
};

const isReviewer = (u: User | null) =>
  !!u && u.roles.some((r) => r === 'AUDITOR' || r === 'PROACTIVE_OFFICE');
const isDepartmentUser = (u: User | null) =>
  !!u && u.roles.some((r) => r === 'STAFF' || r === 'DEPT_HEAD');

/** Reviewers: submitted reports, the longest waiting first. Departments: their own, newest first. */
function defaultsFor(user: User | null): Filters {
  if (isReviewer(user)) return { ...EMPTY, state: ['SUBMITTED'], sort: 'submittedAt' };
  if (isDepartmentUser(user) && user) {
    return { ...EMPTY, departmentId: user.departmentId, order: 'desc' };
  }
  return { ...EMPTY, order: 'desc' };
}

function parse(sp: URLSearchParams): Filters {
  const sort = sp.get('sort') as Sort | null;
  return {
    year: sp.get('year') ?? '',
    period: sp.get('period') ?? '',
    departmentId: sp.get('departmentId') ?? '',
    taskId: sp.get('taskId') ?? '',
    state: (sp.get('state') ?? '')
      .split(',')
      .filter((s): s is ReportState => (STATES as readonly string[]).includes(s)),
    late: sp.get('late') === 'true',
    missing: sp.get('missing') === 'true',
    sort: sort && SORTS.includes(sort) ? sort : 'dueDate',
    order: sp.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

function toParams(f: Filters, offset = 0): URLSearchParams {
  const sp = new URLSearchParams({ [CHOSEN]: '1' });
  if (f.year) sp.set('year', f.year);
  if (f.year && f.period) sp.set('period', f.period);
  if (f.departmentId) sp.set('departmentId', f.departmentId);
  if (f.taskId) sp.set('taskId', f.taskId);
  if (f.state.length) sp.set('state', f.state.join(','));
  if (f.late) sp.set('late', 'true');
  if (f.missing) sp.set('missing', 'true');
  sp.set('sort', f.sort);
  sp.set('order', f.order);
  if (offset > 0) sp.set('offset', String(offset));
  return sp;
}

export default function ReportQueuePage() {
  const { t } = useTranslation(['reports', 'common']);
  const { user, hasRole } = useAuth();
  const { sp, chosen, filters, offset, atDefaults, apply, reset, setOffset } = useUrlFilters({
    parse,
    toParams,
    defaults: defaultsFor(user),
  });

  // Sorting by a column header: the same column again reverses the order; the URL keeps both.
  const sortBy = (label: string, key: Sort, width: string) =>
    sortableColumn(label, key, filters, (sort, order) => apply({ ...filters, sort, order }), width);

  const reports = useQuery({
    queryKey: ['reports', 'list', sp.toString()],
    enabled: chosen,
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/reports', {
          params: {
            query: {
              ...(filters.year ? { year: Number(filters.year) } : {}),
              ...(filters.year && filters.period ? { period: filters.period } : {}),
              ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
              ...(filters.taskId ? { taskId: filters.taskId } : {}),
              ...(filters.state.length ? { status: filters.state } : {}),
              ...(filters.late ? { late: true } : {}),
              ...(filters.missing ? { missing: true } : {}),
              sort: filters.sort,
              order: filters.order,
              limit: PAGE_SIZE,
              offset,
            },
          },
          querySerializer: { array: { style: 'form', explode: false } },
        }),
      ),
  });

  return (
    <>
      <PageHeader
        title={t('queue.title')}
        crumbs={[{ label: t('queue.title') }]}
        description={t('queue.description')}
        actions={
          <>
            <ExportButtons path={(format) => exportPath(filters, format)} fallbackName="reports" />
            {hasRole('PROACTIVE_OFFICE') && (
              <Link className="krds-btn secondary" to="/reports/past-records/new">
                {t('past.title')}
              </Link>
            )}
          </>
        }
      />
      <SavedViews list="reports" current={viewQuery(sp)} onApply={(query) => apply(parse(query))} />
      <FilterForm
        key={sp.toString()}
        initial={filters}
        note={
          atDefaults
            ? isReviewer(user)
              ? t('queue.defaultAuditor')
              : isDepartmentUser(user)
                ? t('queue.defaultDepartment')
                : undefined
            : undefined
        }
        onApply={apply}
        onReset={reset}
      />
      <section aria-labelledby="results-heading">
        <div className="gw-toolbar">
          <h2 id="results-heading">{t('queue.results')}</h2>
          {reports.data && (
            <p aria-live="polite">{t('queue.count', { total: reports.data.total })}</p>
          )}
        </div>
        {!chosen || reports.isPending ? (
          <Loading />
        ) : reports.isError ? (
          <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
        ) : reports.data.items.length === 0 ? (
          <Empty>{t('queue.empty')}</Empty>
        ) : (
          <>
            <DataTable
              caption={t('queue.caption')}
              head={[
                sortBy(t('col.task'), 'taskCode', '30%'),
                { label: t('col.department'), width: '12%' },
                sortBy(t('col.period'), 'period', '9%'),
                sortBy(t('col.dueDate'), 'dueDate', '11%'),
                { label: t('col.state'), width: '9%' },
                { label: t('col.timeliness'), width: '15%' },
                sortBy(t('col.submittedAt'), 'submittedAt', '14%'),
              ]}
            >
              {reports.data.items.map((r) => (
                <tr key={r.id}>
                  <td className="gw-link-cell">
                    <Link
                      to={`/reports/${r.id}`}
                      aria-label={t('queue.rowLabel', {
                        code: r.taskCode,
                        title: r.taskTitle,
                        period: r.period,
                      })}
                    >
                      {r.taskCode} {r.taskTitle}
                    </Link>
                  </td>
                  <td>{r.departmentName}</td>
                  <td className="gw-nowrap">{r.period}</td>
                  <td className="gw-nowrap">{formatDate(r.dueDate)}</td>
                  <td>
                    <span className="gw-badges">
                      <ReportStateBadge state={r.status} />
                      {r.enteredLater && <EnteredLaterBadge />}
                    </span>
                  </td>
                  <td>
                    <TimelinessBadge report={r} />
                  </td>
                  <td className="gw-nowrap">{formatDateTime(r.submittedAt) || '–'}</td>
                </tr>
              ))}
            </DataTable>
            <Pagination
              total={reports.data.total}
              limit={PAGE_SIZE}
              offset={offset}
              onChange={setOffset}
            />
          </>
        )}
      </section>
    </>
  );
}

function FilterForm({
  initial,
  note,
  onApply,
  onReset,
}: {
  initial: Filters;
  note?: string;
  onApply: (f: Filters) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation(['reports', 'common']);
  const [f, setF] = useState<Filters>(initial);
  const { taskOptions, departmentOptions } = useFilterOptions(f);
  const calendar = useQuery({
    queryKey: ['reporting-calendar', f.year],
    enabled: !!f.year,
    staleTime: 10 * 60_000,
    queryFn: () =>
      call(
        api.GET('/api/v1/reporting-calendars/{year}', {
          params: { path: { year: Number(f.year) } },
        }),
      ),
  });
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setF((v) => ({ ...v, [key]: value }));

  const periodOptions = (calendar.data?.periods ?? []).map((p) => ({
    value: p.period,
    label: p.period,
  }));
  if (f.period && !periodOptions.some((o) => o.value === f.period)) {
    periodOptions.unshift({ value: f.period, label: f.period });
  }

  return (
    <FilterPanel
      title={t('queue.filters')}
      note={note}
      applyLabel={t('filter.apply')}
      resetLabel={t('filter.reset')}
      onApply={() => onApply(f)}
      onReset={onReset}
    >
      <div className="gw-filter-grid">
        <SelectField
          name="year"
          label={t('filter.year')}
          placeholder={t('filter.all')}
          options={yearOptions()}
          value={f.year}
          onChange={(e) => setF((v) => ({ ...v, year: e.target.value, period: '', taskId: '' }))}
        />
        <SelectField
          name="period"
          label={t('filter.period')}
          placeholder={t('filter.all')}
          options={periodOptions}
          value={f.period}
          disabled={!f.year}
          hint={f.year ? undefined : t('filter.periodNeedsYear')}
          onChange={(e) => set('period', e.target.value)}
        />
        <SelectField
          name="departmentId"
          label={t('filter.department')}
          placeholder={t('filter.all')}
          options={departmentOptions}
          value={f.departmentId}
          onChange={(e) => set('departmentId', e.target.value)}
        />
        <SelectField
          name="taskId"
          label={t('filter.task')}
          placeholder={t('filter.all')}
          options={taskOptions}
          value={f.taskId}
          onChange={(e) => set('taskId', e.target.value)}
        />
      </div>
      <div className="gw-filter-checks">
        <CheckboxGroup
          legend={t('filter.state')}
          name="state"
          options={STATES.map((s) => ({ value: s, label: t(`common:reportState.${s}`) }))}
          value={f.state}
          onChange={(next) => set('state', next)}
        />
        <fieldset className="gw-checks">
          <Legend>{t('filter.timeliness')}</Legend>
          <div className="gw-checks-list">
            <CheckboxField
              name="late"
              label={t('filter.late')}
              checked={f.late}
              onChange={(e) => set('late', e.target.checked)}
            />
            <CheckboxField
              name="missing"
              label={t('filter.missing')}
              checked={f.missing}
              onChange={(e) => set('missing', e.target.checked)}
            />
          </div>
        </fieldset>
      </div>
    </FilterPanel>
  );
}
