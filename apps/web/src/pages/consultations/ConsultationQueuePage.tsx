// /consultations — the pre-consultation queue (사전컨설팅): filters, sorting and paging kept in the
// URL. Auditors start with the open requests, nearest deadline first; department users with their
// own department's. Department users get the "사전컨설팅 신청" button.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { type User, useAuth } from '../../app/auth';
import { CheckboxField, SelectField } from '../../components/forms';
import {
  Badge,
  Empty,
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
  FilterPanel,
  useFilterOptions,
  yearOptions,
} from '../reports/shared';
import { CONSULTATION_STATES, ConsultationStateBadge, type ConsultationState } from './shared';
import './messages';

type Sort = 'submittedAt' | 'dueDate' | 'updatedAt' | 'createdAt';
const SORTS: readonly Sort[] = ['submittedAt', 'dueDate', 'updatedAt', 'createdAt'];
const PAGE_SIZE = 20;

/** The export URL of what the list shows (the API's names: status for the URL's state). */
function exportPath(f: Filters, format: 'xlsx' | 'csv'): string {
  const p = new URLSearchParams({ format });
  if (f.state.length) p.set('status', f.state.join(','));
  if (f.overdue) p.set('overdue', 'true');
  if (f.assignedToMe) p.set('assignedToMe', 'true');
  if (f.departmentId) p.set('departmentId', f.departmentId);
  if (f.year) p.set('year', f.year);
  if (f.taskId) p.set('taskId', f.taskId);
  return `/api/v1/consultations/export?${p.toString()}`;
}

interface Filters {
  state: ConsultationState[];
  overdue: boolean;
  assignedToMe: boolean;
  departmentId: string;
  year: string;
  taskId: string;
  sort: Sort;
  order: 'asc' | 'desc';
}

const EMPTY: Filters = {
  state: [],
  overdue: false,
  assignedToMe: false,
  departmentId: '',
  year: '',
  taskId: '',
  sort: 'submittedAt',
  order: 'asc',
};

const isAuditor = (u: User | null) => !!u && u.roles.includes('AUDITOR');
const isDepartmentUser = (u: User | null) =>
  !!u && u.roles.some((r) => r === 'STAFF' || r === 'DEPT_HEAD');

/** Auditors: requests waiting for the audit unit, nearest deadline first. Departments: their own. */
function defaultsFor(user: User | null): Filters {
  if (isAuditor(user)) {
    return {
      ...EMPTY,
      state: [
        'SUBMITTED',
        'SCREENING',
        'ACCEPTED',
        'UNDER_REVIEW',
        'ESCALATED',
        'COMMITTEE_ADVICE',
      ],
      sort: 'dueDate',
    };
  }
  if (isDepartmentUser(user) && user) {
    return { ...EMPTY, departmentId: user.departmentId, sort: 'createdAt', order: 'desc' };
  }
  return { ...EMPTY, sort: 'createdAt', order: 'desc' };
}

function parse(sp: URLSearchParams): Filters {
  const sort = sp.get('sort') as Sort | null;
  return {
    state: (sp.get('state') ?? '')
      .split(',')
      .filter((s): s is ConsultationState =>
        (CONSULTATION_STATES as readonly string[]).includes(s),
      ),
    overdue: sp.get('overdue') === 'true',
    assignedToMe: sp.get('assignedToMe') === 'true',
    departmentId: sp.get('departmentId') ?? '',
    year: sp.get('year') ?? '',
    taskId: sp.get('taskId') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'submittedAt',
    order: sp.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

function toParams(f: Filters, offset = 0): URLSearchParams {
  const sp = new URLSearchParams({ [CHOSEN]: '1' });
  if (f.state.length) sp.set('state', f.state.join(','));
  if (f.overdue) sp.set('overdue', 'true');
  if (f.assignedToMe) sp.set('assignedToMe', 'true');
  if (f.departmentId) sp.set('departmentId', f.departmentId);
  if (f.year) sp.set('year', f.year);
  if (f.taskId) sp.set('taskId', f.taskId);
  sp.set('sort', f.sort);
  sp.set('order', f.order);
  if (offset > 0) sp.set('offset', String(offset));
  return sp;
}

export default function ConsultationQueuePage() {
  const { t } = useTranslation('consultations');
  const { user } = useAuth();
  const { sp, chosen, filters, offset, atDefaults, apply, reset, setOffset } = useUrlFilters({
    parse,
    toParams,
    defaults: defaultsFor(user),
  });

  // Sorting by a column header: the same column again reverses the order; the URL keeps both.
  const sortBy = (label: string, key: Sort, width: string) =>
    sortableColumn(label, key, filters, (sort, order) => apply({ ...filters, sort, order }), width);

  const list = useQuery({
    queryKey: ['consultations', 'list', sp.toString()],
    enabled: chosen,
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/consultations', {
          params: {
            query: {
              ...(filters.state.length ? { status: filters.state } : {}),
              ...(filters.overdue ? { overdue: true } : {}),
              ...(filters.assignedToMe ? { assignedToMe: true } : {}),
              ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
              ...(filters.year ? { year: Number(filters.year) } : {}),
              ...(filters.taskId ? { taskId: filters.taskId } : {}),
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
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('queue.description')}
        actions={
          <>
            <ExportButtons
              path={(format) => exportPath(filters, format)}
              fallbackName="consultations"
            />
            {isDepartmentUser(user) && (
              <Link to="/consultations/new" className="krds-btn primary medium">
                {t('queue.new')}
              </Link>
            )}
          </>
        }
      />
      <SavedViews
        list="consultations"
        current={viewQuery(sp)}
        onApply={(query) => apply(parse(query))}
      />
      <FilterForm
        key={sp.toString()}
        initial={filters}
        showAssigned={isAuditor(user)}
        note={
          atDefaults
            ? isAuditor(user)
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
          {list.data && <p aria-live="polite">{t('queue.count', { total: list.data.total })}</p>}
        </div>
        {!chosen || list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Empty>{t('queue.empty')}</Empty>
        ) : (
          <>
            <DataTable
              caption={t('queue.caption')}
              head={[
                { label: t('col.subject'), width: '28%' },
                { label: t('col.department'), width: '11%' },
                { label: t('col.task'), width: '17%' },
                { label: t('col.state'), width: '11%' },
                sortBy(t('col.submittedAt'), 'submittedAt', '12%'),
                sortBy(t('col.dueDate'), 'dueDate', '12%'),
                { label: t('col.auditor'), width: '9%' },
              ]}
            >
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td className="gw-link-cell">
                    <Link to={`/consultations/${c.id}`}>{c.subject}</Link>
                  </td>
                  <td>{c.departmentName}</td>
                  <td>{c.taskCode ? `${c.taskCode} ${c.taskTitle ?? ''}` : '–'}</td>
                  <td>
                    <ConsultationStateBadge state={c.status} />
                  </td>
                  <td className="gw-nowrap">{formatDateTime(c.submittedAt) || '–'}</td>
                  <td>
                    <span className="gw-nowrap">{c.dueDate ? formatDate(c.dueDate) : '–'}</span>
                    {c.overdue && (
                      <span className="gw-block-badge">
                        <Badge tone="danger">{t('overdueBy', { count: c.daysOverdue })}</Badge>
                      </span>
                    )}
                  </td>
                  <td>{c.assignedAuditor?.name ?? '–'}</td>
                </tr>
              ))}
            </DataTable>
            <Pagination
              total={list.data.total}
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
  showAssigned,
  note,
  onApply,
  onReset,
}: {
  initial: Filters;
  showAssigned: boolean;
  note?: string;
  onApply: (f: Filters) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation('consultations');
  const [f, setF] = useState<Filters>(initial);
  const { taskOptions, departmentOptions } = useFilterOptions(f);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setF((v) => ({ ...v, [key]: value }));

  return (
    <FilterPanel
      title={t('queue.filters')}
      note={note}
      applyLabel={t('filter.apply')}
      resetLabel={t('filter.reset')}
      onApply={() => onApply(f)}
      onReset={onReset}
    >
      <div className="gw-filter-checks">
        <CheckboxGroup
          legend={t('filter.state')}
          name="state"
          options={CONSULTATION_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
          value={f.state}
          onChange={(next) => set('state', next)}
        />
        <fieldset className="gw-checks">
          <Legend>{t('filter.flags')}</Legend>
          <div className="gw-checks-list">
            <CheckboxField
              name="overdue"
              label={t('filter.overdue')}
              checked={f.overdue}
              onChange={(e) => set('overdue', e.target.checked)}
            />
            {showAssigned && (
              <CheckboxField
                name="assignedToMe"
                label={t('filter.assignedToMe')}
                checked={f.assignedToMe}
                onChange={(e) => set('assignedToMe', e.target.checked)}
              />
            )}
          </div>
        </fieldset>
      </div>
      <div className="gw-filter-grid gw-filter-grid--5">
        <SelectField
          name="departmentId"
          label={t('filter.department')}
          placeholder={t('filter.all')}
          options={departmentOptions}
          value={f.departmentId}
          onChange={(e) => set('departmentId', e.target.value)}
        />
        <SelectField
          name="year"
          label={t('filter.year')}
          placeholder={t('filter.all')}
          options={yearOptions()}
          value={f.year}
          onChange={(e) => setF((v) => ({ ...v, year: e.target.value, taskId: '' }))}
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
    </FilterPanel>
  );
}
