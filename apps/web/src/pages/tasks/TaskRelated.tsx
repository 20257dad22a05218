// What hangs off a task: its reports, its pre-consultations (with the immunity presumption) and
// its history (Seoul time), each loaded on its own so one failing does not hide the others.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import {
  Badge,
  EnteredLaterBadge,
  Empty,
  ErrorState,
  HistoryReason,
  HistoryTime,
  Loading,
  Table,
} from '../../components/ui';
import { formatDate, formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import './messages';
import { REPORT_STATE_TONE, type Task, Timeliness } from './shared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function TaskReports({
  taskId,
  canRecordPast = false,
}: {
  taskId: string;
  /** PROACTIVE_OFFICE of the task's organisation: may enter a past period's report afterwards. */
  canRecordPast?: boolean;
}) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const reports = useQuery({
    queryKey: ['tasks', 'detail', taskId, 'reports'],
    queryFn: () =>
      call(
        api.GET('/api/v1/reports', {
          params: { query: { taskId, sort: 'period', order: 'asc', limit: 200 } },
        }),
      ),
  });
  return (
    <section className="gwt-section" aria-labelledby="task-reports-heading">
      <div className="gwt-section-head">
        <h2 id="task-reports-heading">{t('reports.heading')}</h2>
        {canRecordPast && (
          <Link
            className="krds-btn secondary"
            to={`/reports/past-records/new?taskId=${encodeURIComponent(taskId)}`}
          >
            {t('reports.recordPast')}
          </Link>
        )}
      </div>
      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
      ) : reports.data.items.length === 0 ? (
        <Empty>{t('reports.empty')}</Empty>
      ) : (
        <Table
          caption={t('reports.caption', { count: reports.data.total })}
          head={[
            t('reports.period'),
            t('reports.dueDate'),
            t('reports.state'),
            t('reports.timeliness'),
            t('reports.progress'),
          ]}
        >
          {reports.data.items.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/reports/${r.id}`} aria-label={t('reports.open', { period: r.period })}>
                  {r.period}
                </Link>
              </td>
              <td className="gwt-nowrap">{formatDate(r.dueDate)}</td>
              <td>
                <Badge tone={REPORT_STATE_TONE[r.status]}>{tc(`reportState.${r.status}`)}</Badge>
                {r.enteredLater && (
                  <>
                    {' '}
                    <EnteredLaterBadge />
                  </>
                )}
              </td>
              <td>
                <Timeliness report={r} />
              </td>
              <td className="gw-num">
                {r.progress === null ? '–' : formatPercent(r.progress, { isPercent: true })}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

export function TaskConsultations({ taskId }: { taskId: string }) {
  const { t } = useTranslation('tasks');
  const consultations = useQuery({
    queryKey: ['tasks', 'detail', taskId, 'consultations'],
    queryFn: () =>
      call(api.GET('/api/v1/tasks/{id}/consultations', { params: { path: { id: taskId } } })),
  });
  return (
    <section className="gwt-section" aria-labelledby="task-consultations-heading">
      <h2 id="task-consultations-heading">{t('consultations.heading')}</h2>
      {consultations.isPending ? (
        <Loading />
      ) : consultations.isError ? (
        <ErrorState error={consultations.error} onRetry={() => void consultations.refetch()} />
      ) : consultations.data.length === 0 ? (
        <Empty>{t('consultations.empty')}</Empty>
      ) : (
        <Table
          caption={t('consultations.caption', { count: consultations.data.length })}
          head={[
            t('consultations.subject'),
            t('consultations.state'),
            t('consultations.department'),
            t('consultations.opinion'),
            t('consultations.immunity'),
          ]}
        >
          {consultations.data.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/consultations/${c.id}`}>{c.subject}</Link>
              </td>
              <td>
                <Badge tone={c.status === 'CLOSED' ? 'success' : 'neutral'}>
                  {t(`consultationState.${c.status}`)}
                </Badge>
              </td>
              <td>{c.departmentName}</td>
              <td>{c.opinionType ? t(`opinionType.${c.opinionType}`) : '–'}</td>
              <td>
                {c.immunityPresumed ? (
                  <Badge tone="success">{t('consultations.immunityYes')}</Badge>
                ) : (
                  <span className="gwt-muted">{t('consultations.immunityNo')}</span>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

type Change = { from?: unknown; to?: unknown };

export function TaskHistory({ task }: { task: Task }) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const history = useQuery({
    queryKey: ['tasks', 'detail', task.id, 'history'],
    queryFn: () =>
      call(api.GET('/api/v1/tasks/{id}/history', { params: { path: { id: task.id } } })),
  });

  const milestoneTitles = new Map(task.milestones.map((m) => [m.id, m.title]));

  const fieldLabel = (key: string): string => {
    const ms = /^milestone:([0-9a-f-]+)(?:\.(\w+))?$/.exec(key);
    if (ms) {
      const title = milestoneTitles.get(ms[1]);
      const base = title ? t('history.milestone', { title }) : t('history.milestoneUnknown');
      if (!ms[2]) return base;
      const sub =
        ms[2] === 'title' ? t('history.name') : t(`milestones.${ms[2]}`, { defaultValue: ms[2] });
      return `${base} ${sub}`;
    }
    if (key.startsWith('attachment:')) return t('historyField.attachment');
    return t(`historyField.${key}`, { defaultValue: key });
  };

  /** A value in words; `names` are the entry's (the API names the people and departments in it). */
  const valueText = (key: string, value: unknown, names: Record<string, string>): string => {
    if (value === null || value === undefined || value === '') return '–';
    const field = key.includes('.') ? key.slice(key.lastIndexOf('.') + 1) : key;
    if (Array.isArray(value)) return value.map((v) => valueText(key, v, names)).join(', ');
    if (typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.title === 'string') {
        const parts = [o.title];
        if (typeof o.dueDate === 'string') parts.push(formatDate(o.dueDate));
        if (typeof o.status === 'string') parts.push(t(`milestones.${o.status}`));
        return parts.join(' · ');
      }
      if (typeof o.period === 'string') return o.period;
      if (typeof o.fileName === 'string') return o.fileName;
      return JSON.stringify(value);
    }
    const s =
      typeof value === 'string'
        ? value
        : typeof value === 'number'
          ? String(value)
          : JSON.stringify(value);
    if (field === 'status') {
      return s === 'DONE' || s === 'PLANNED' ? t(`milestones.${s}`) : tc(`taskStatus.${s}`);
    }
    if (field === 'risk') return t(`riskLevel.${s}`, { defaultValue: s });
    if (field === 'category') return t(`category.${s}`, { defaultValue: s });
    if (UUID.test(s)) return names[s] ?? t('history.unknownRef');
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return formatDate(s);
    if (field === 'reportedProgress') return formatPercent(Number(s), { isPercent: true });
    return s;
  };

  const entries = history.data ? [...history.data].reverse() : [];
  return (
    <section className="gwt-section" aria-labelledby="task-history-heading">
      <h2 id="task-history-heading">{t('history.heading')}</h2>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : entries.length === 0 ? (
        <Empty>{t('history.empty')}</Empty>
      ) : (
        <Table
          caption={t('history.caption', { count: entries.length })}
          head={[
            t('history.when'),
            t('history.action'),
            t('history.actor'),
            t('history.changes'),
            t('history.reason'),
          ]}
        >
          {entries.map((h) => {
            const changes = Object.entries(h.changes as Record<string, Change>);
            const created = h.action === 'create' || h.action === 'seed';
            return (
              <tr key={h.id}>
                <td className={h.enteredLater ? undefined : 'gwt-nowrap'}>
                  <HistoryTime entry={h} />
                </td>
                <td>
                  {t(`historyAction.${h.action}`, {
                    defaultValue: t(`common:historyActions.${h.action}`, {
                      defaultValue: h.action,
                    }),
                  })}
                </td>
                <td>{h.actorName ?? t('history.system')}</td>
                <td>
                  {changes.length === 0 ? (
                    '–'
                  ) : (
                    <ul className="gwt-changes">
                      {changes.map(([key, c]) => (
                        <li key={key}>
                          {fieldLabel(key)}:{' '}
                          {c && typeof c === 'object' && ('from' in c || 'to' in c) ? (
                            created || c.from === null || c.from === undefined ? (
                              valueText(key, c.to, h.names)
                            ) : (
                              <>
                                {valueText(key, c.from, h.names)} → {valueText(key, c.to, h.names)}
                              </>
                            )
                          ) : (
                            valueText(key, c, h.names)
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <HistoryReason entry={h} empty="–" />
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}
