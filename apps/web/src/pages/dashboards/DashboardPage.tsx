// /dashboards: the latest compiled dashboard of a year (the organisation's for auditors and the
// office, one department's for its staff): headline figures, two charts each with a table for
// screen readers, how old the snapshot is (the office may compile now and follow the compile's
// handle until it is done or failed), drill-down lists that link to the records' pages (their
// `webUrl`), and the XLSX export. The year is in the URL (?year=2026).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, call, download } from '../../api/client';
import { appPath } from '../../api/links';
import { useAuth } from '../../app/auth';
import { SelectField } from '../../components/forms';
import {
  Badge,
  Empty,
  ErrorState,
  Loading,
  Notice,
  PageHeader,
  Pagination,
  Table,
} from '../../components/ui';
import { formatDate, formatDateTime, formatPercent, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import { DepartmentsChart, StatusChart } from './charts';
import { DRILLDOWN_KINDS, type DashboardFigures, type DrilldownKind } from './figures';
import './messages';
import './dashboards.css';

const thisYear = () => Number(seoulToday().slice(0, 4));
const DRILL_LIMIT = 20;

/** A year the API accepts (2000–2100), or null. */
const parseYear = (value: string | null): number | null => {
  const y = Number(value);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null;
};

export default function DashboardPage() {
  const { t } = useTranslation('dashboards');
  const { user, hasRole } = useAuth();
  const whole = hasRole('AUDITOR', 'PROACTIVE_OFFICE');
  const office = hasRole('PROACTIVE_OFFICE');
  const queryClient = useQueryClient();
  // The year is in the URL (/dashboards?year=2026: what a compile's webUrl opens).
  const [sp, setSp] = useSearchParams();
  const year = parseYear(sp.get('year')) ?? thisYear();
  const [departmentId, setDepartmentId] = useState('');
  // After "compile now": the compile's handle, followed until it is DONE or FAILED.
  const [compile, setCompile] = useState<{ id: string; coalesced: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const setYear = (next: number) => {
    setCompile(null);
    setSp(
      (prev) => {
        const params = new URLSearchParams(prev);
        params.set('year', String(next));
        return params;
      },
      { replace: true },
    );
  };

  const query = { year, ...(whole && departmentId ? { departmentId } : {}) };
  const dashboard = useQuery({
    queryKey: ['dashboard', query],
    queryFn: () => call(api.GET('/api/v1/dashboards', { params: { query } })),
  });
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => call(api.GET('/api/v1/departments', { params: { query: {} } })),
    enabled: whole,
  });
  const handle = useQuery({
    queryKey: ['dashboard-compile', compile?.id],
    queryFn: () =>
      call(api.GET('/api/v1/dashboards/compiles/{id}', { params: { path: { id: compile!.id } } })),
    enabled: !!compile,
    refetchInterval: (q) =>
      q.state.data?.status === 'DONE' || q.state.data?.status === 'FAILED' ? false : 2000,
  });

  const compiledAt = dashboard.data?.compiledAt ?? null;
  const compileState = compile ? (handle.data?.status ?? 'QUEUED') : null;
  const produced = handle.data?.snapshot?.compiledAt ?? null;
  // DONE: shown once the dashboard has been read again with that snapshot (or a later one).
  const shown =
    compileState === 'DONE' &&
    compiledAt !== null &&
    produced !== null &&
    Date.parse(compiledAt) >= Date.parse(produced);
  const waiting =
    compileState === 'QUEUED' || compileState === 'RUNNING' || (compileState === 'DONE' && !shown);
  const recompiled = shown;
  const compileFailed = compileState === 'FAILED';

  useEffect(() => {
    if (compileState === 'DONE') void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  }, [compileState, queryClient]);

  const requestCompile = async () => {
    setError(null);
    setNotice(null);
    try {
      const accepted = await call(api.POST('/api/v1/dashboards/compile', { body: { year } }));
      setCompile({ id: accepted.id, coalesced: accepted.coalesced });
    } catch (err) {
      setError(err);
    }
  };

  const exportFile = async () => {
    setError(null);
    setNotice(null);
    setCompile(null);
    const q = new URLSearchParams({ year: String(year) });
    if (whole && departmentId) q.set('departmentId', departmentId);
    try {
      await download(`/api/v1/dashboards/export?${q.toString()}`, `dashboard-${year}.xlsx`);
      setNotice(t('export.done'));
    } catch (err) {
      setError(err);
    }
  };

  const current = thisYear();
  const years = Array.from({ length: 6 }, (_, i) => current + 1 - i);
  if (!years.includes(year)) years.push(year);
  const data = dashboard.data;
  const figures = data?.figures;

  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
        actions={
          <button
            type="button"
            className="krds-btn secondary"
            onClick={() => void exportFile()}
            disabled={!figures}
          >
            {t('export.button')}
          </button>
        }
      />
      <div className="gw-filters gw-dash-filters" role="group" aria-label={t('filters')}>
        <SelectField
          name="year"
          label={t('year')}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value))}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        {whole ? (
          <SelectField
            name="departmentId"
            label={t('department')}
            value={departmentId}
            onChange={(e) => setDepartmentId(e.target.value)}
            placeholder={t('wholeOrganisation')}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : (
          <div className="gw-field">
            <p className="gw-dash-label">{t('department')}</p>
            <p className="gw-dash-own">
              {t('ownDepartment', { department: user?.departmentName ?? '' })}
            </p>
          </div>
        )}
      </div>
      {waiting && (
        <Notice>
          {t(compile?.coalesced ? 'snapshot.compileCoalesced' : 'snapshot.compileRequested')}
        </Notice>
      )}
      {recompiled && <Notice>{t('snapshot.compiled')}</Notice>}
      {compileFailed && (
        <div className="gw-alert gw-alert--danger" role="alert">
          {t('snapshot.compileFailed', { error: handle.data?.error ?? '' })}
        </div>
      )}
      {notice && <Notice>{notice}</Notice>}
      {error !== null && <ErrorState error={error} />}
      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <>
          <Snapshot
            compiledAt={data!.compiledAt}
            ageSeconds={data!.ageSeconds}
            stale={data!.stale}
            canCompile={office}
            waiting={waiting}
            onCompile={() => void requestCompile()}
          />
          {!figures ? (
            <Empty>
              {data!.compiledAt ? t('noDepartmentData', { year }) : t('empty', { year })}
            </Empty>
          ) : (
            <>
              <Headline figures={figures} />
              <section className="gw-section" aria-labelledby="dash-charts">
                <h2 id="dash-charts">{t('charts.title')}</h2>
                <div className="gw-dash-charts">
                  <StatusChart byStatus={figures.tasks.byStatus} />
                  {data.scope === 'ORGANISATION' && (
                    <DepartmentsChart departments={data.departments} />
                  )}
                </div>
              </section>
            </>
          )}
          <Drilldown
            key={`${year}:${departmentId}`}
            year={year}
            departmentId={whole ? departmentId : ''}
          />
        </>
      )}
    </>
  );
}

function ageText(t: (k: string, o?: Record<string, unknown>) => string, seconds: number) {
  if (seconds < 60) return t('snapshot.justNow');
  if (seconds < 3600) return t('snapshot.minutes', { count: Math.floor(seconds / 60) });
  if (seconds < 86400) return t('snapshot.hours', { count: Math.floor(seconds / 3600) });
  return t('snapshot.days', { count: Math.floor(seconds / 86400) });
}

function Snapshot({
  compiledAt,
  ageSeconds,
  stale,
  canCompile,
  waiting,
  onCompile,
}: {
  compiledAt: string | null;
  ageSeconds: number | null;
  stale: boolean;
  canCompile: boolean;
  waiting: boolean;
  onCompile: () => void;
}) {
  const { t } = useTranslation('dashboards');
  return (
    <div className="gw-dash-snapshot">
      <p className="gw-dash-snapshot-text">
        {compiledAt
          ? t('snapshot.compiledAt', {
              time: formatDateTime(compiledAt),
              age: ageText(t, ageSeconds ?? 0),
            })
          : t('snapshot.never')}{' '}
        {compiledAt &&
          (stale ? (
            <Badge tone="warning">{t('snapshot.stale')}</Badge>
          ) : (
            <Badge tone="success">{t('snapshot.fresh')}</Badge>
          ))}
      </p>
      {stale && compiledAt && <p className="gw-dash-muted">{t('snapshot.staleHint')}</p>}
      {canCompile && (
        <button
          type="button"
          className="krds-btn secondary small"
          onClick={onCompile}
          disabled={waiting}
        >
          {t('snapshot.compile')}
        </button>
      )}
    </div>
  );
}

function Headline({ figures }: { figures: DashboardFigures }) {
  const { t } = useTranslation('dashboards');
  const { tasks, reports, consultations, evaluations } = figures;
  const pct = (v: number | null) => formatPercent(v, { isPercent: true });
  const days = (v: number | null) =>
    v === null ? t('headline.none') : t('headline.days', { count: Math.round(v * 10) / 10 });
  const n = (count: number) => t('headline.count', { count });
  return (
    <section className="gw-section" aria-labelledby="dash-headline">
      <h2 id="dash-headline">{t('headline.title')}</h2>
      <div className="gw-grid">
        <div className="gw-card">
          <h3>{t('headline.tasks')}</h3>
          <p className="gw-dash-sentence">
            {t('headline.tasksSentence', {
              total: tasks.priority,
              completed: tasks.completed,
              inProgress: tasks.inProgress,
            })}
          </p>
          <dl className="gw-dash-dl">
            <div>
              <dt>{t('headline.completionRate')}</dt>
              <dd className="gw-dash-big">{pct(tasks.completionRate)}</dd>
            </div>
            <div>
              <dt>{t('headline.delayed')}</dt>
              <dd>{n(tasks.delayed)}</dd>
            </div>
            <div>
              <dt>{t('headline.averageProgress')}</dt>
              <dd>{pct(tasks.averageProgress)}</dd>
            </div>
            <div>
              <dt>{t('headline.milestones')}</dt>
              <dd>
                {t('headline.milestonesValue', {
                  done: tasks.milestones.doneOfDue,
                  due: tasks.milestones.due,
                })}
              </dd>
            </div>
          </dl>
        </div>
        <div className="gw-card">
          <h3>{t('headline.reports')}</h3>
          <dl className="gw-dash-dl">
            <div>
              <dt>{t('headline.onTimeRate')}</dt>
              <dd className="gw-dash-big">{pct(reports.onTimeRate)}</dd>
            </div>
            <div>
              <dt>{t('headline.reportsDue')}</dt>
              <dd>{n(reports.due)}</dd>
            </div>
            <div>
              <dt>{t('headline.submitted')}</dt>
              <dd>{n(reports.submitted)}</dd>
            </div>
            <div>
              <dt>{t('headline.onTime')}</dt>
              <dd>{n(reports.onTime)}</dd>
            </div>
            <div>
              <dt>{t('headline.late')}</dt>
              <dd>{n(reports.late)}</dd>
            </div>
            <div>
              <dt>{t('headline.missing')}</dt>
              <dd>{n(reports.missing)}</dd>
            </div>
            <div>
              <dt>{t('headline.awaitingReview')}</dt>
              <dd>{n(reports.awaitingReview)}</dd>
            </div>
            <div>
              <dt>{t('headline.accepted')}</dt>
              <dd>{n(reports.accepted)}</dd>
            </div>
            <div>
              <dt>{t('headline.returned')}</dt>
              <dd>{n(reports.returned)}</dd>
            </div>
            <div>
              <dt>{t('headline.returnedNow')}</dt>
              <dd>{n(reports.returnedNow)}</dd>
            </div>
          </dl>
        </div>
        <div className="gw-card">
          <h3>{t('headline.consultations')}</h3>
          <dl className="gw-dash-dl">
            <div>
              <dt>{t('headline.consultationsTotal')}</dt>
              <dd className="gw-dash-big">{n(consultations.total)}</dd>
            </div>
            <div>
              <dt>{t('headline.overdue')}</dt>
              <dd>{n(consultations.overdue)}</dd>
            </div>
            <div>
              <dt>{t('headline.median')}</dt>
              <dd>{days(consultations.medianTurnaroundDays)}</dd>
            </div>
            <div>
              <dt>{t('headline.p90')}</dt>
              <dd>{days(consultations.p90TurnaroundDays)}</dd>
            </div>
            <div>
              <dt>{t('headline.immunity')}</dt>
              <dd>{n(consultations.immunityPresumed)}</dd>
            </div>
          </dl>
        </div>
        {evaluations && (
          <div className="gw-card">
            <h3>{t('headline.evaluations')}</h3>
            {evaluations.rounds.length === 0 ? (
              <p className="gw-dash-muted">{t('headline.noRounds')}</p>
            ) : (
              <ul className="gw-dash-rounds">
                {evaluations.rounds.map((r) => (
                  <li key={r.id}>
                    <Link to={`/evaluations/${r.id}`}>{r.title}</Link>
                    <br />
                    <Badge tone={r.status === 'CONFIRMED' ? 'success' : 'info'}>
                      {t(`roundStatus.${r.status}`, { defaultValue: r.status })}
                    </Badge>{' '}
                    {r.scoringCompletion !== null &&
                      t('headline.scoring', { completion: pct(r.scoringCompletion) })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function Drilldown({ year, departmentId }: { year: number; departmentId: string }) {
  const { t } = useTranslation('dashboards');
  const [kind, setKind] = useState<DrilldownKind>('delayedTasks');
  const [offset, setOffset] = useState(0);
  const query = {
    year,
    kind,
    limit: DRILL_LIMIT,
    offset,
    ...(departmentId ? { departmentId } : {}),
  };
  const list = useQuery({
    queryKey: ['dashboard-drilldown', query],
    queryFn: () => call(api.GET('/api/v1/dashboards/drilldown', { params: { query } })),
  });
  const kindLabel = t(`drilldown.${kind}`);
  return (
    <section className="gw-section" aria-labelledby="dash-drilldown">
      <h2 id="dash-drilldown">{t('drilldown.title')}</h2>
      <div className="gw-dash-tabs" role="group" aria-label={t('drilldown.label')}>
        {DRILLDOWN_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={`krds-btn small ${k === kind ? 'primary' : 'tertiary'}`}
            aria-pressed={k === kind}
            onClick={() => {
              setKind(k);
              setOffset(0);
            }}
          >
            {t(`drilldown.${k}`)}
          </button>
        ))}
      </div>
      <h3>
        {kindLabel}
        {list.data && (
          <span className="gw-dash-count">
            {' '}
            · {t('drilldown.total', { count: list.data.total })}
          </span>
        )}
      </h3>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState
          error={list.error instanceof ApiError ? list.error : null}
          onRetry={() => void list.refetch()}
        />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('drilldown.empty')}</Empty>
      ) : (
        <>
          <Table
            caption={t('drilldown.caption', { kind: kindLabel })}
            head={[t('drilldown.colTitle'), t('drilldown.colDepartment'), t('drilldown.colDue')]}
          >
            {list.data.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={appPath(item.webUrl)}>{item.title}</Link>
                </td>
                <td>{item.departmentName}</td>
                <td>{formatDate(item.dueDate)}</td>
              </tr>
            ))}
          </Table>
          <Pagination
            total={list.data.total}
            limit={DRILL_LIMIT}
            offset={offset}
            onChange={setOffset}
          />
        </>
      )}
    </section>
  );
}
