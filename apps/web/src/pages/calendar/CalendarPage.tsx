// 일정: the deadlines the signed-in user is concerned with, a month at a time, as a calendar or a
// list (month and view kept in the URL), and the iCal feed URL to subscribe to them elsewhere.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { TextField } from '../../components/forms';
import {
  Badge,
  type BadgeTone,
  ConfirmDialog,
  Empty,
  ErrorState,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { formatDate, formatDateTime, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import './messages';
import './calendar.css';

type Deadline = Schemas['DeadlineDto'];

const KIND_TONE: Record<string, BadgeTone> = {
  MILESTONE: 'info',
  REPORT: 'warning',
  CONSULTATION_SCREENING: 'neutral',
  CONSULTATION_OPINION: 'neutral',
};

const pad = (n: number) => String(n).padStart(2, '0');
/** The month `YYYY-MM` moved by `delta` months. */
function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}
const daysIn = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

export default function CalendarPage() {
  const { t } = useTranslation('calendar');
  const [params, setParams] = useSearchParams();
  const today = seoulToday();
  const param = params.get('month') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(param) ? param : today.slice(0, 7);
  const view = params.get('view') === 'list' ? 'list' : 'month';
  const [year, monthNo] = month.split('-').map(Number);
  const from = `${month}-01`;
  const to = `${month}-${pad(daysIn(month))}`;
  const deadlines = useQuery({
    queryKey: ['deadlines', from, to],
    queryFn: () => call(api.GET('/api/v1/me/deadlines', { params: { query: { from, to } } })),
  });
  const go = (next: { month?: string; view?: string }) =>
    setParams({
      month: next.month ?? month,
      ...((next.view ?? view) === 'list' ? { view: 'list' } : {}),
    });

  return (
    <div className="gwt-page">
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
      />
      <div className="gw-calendar-bar">
        <h2 className="gw-calendar-month">{t('month', { year, month: monthNo })}</h2>
        <div className="gw-form-actions">
          <button
            type="button"
            className="krds-btn secondary small"
            onClick={() => go({ month: shiftMonth(month, -1) })}
          >
            {t('previous')}
          </button>
          <button
            type="button"
            className="krds-btn tertiary small"
            onClick={() => go({ month: today.slice(0, 7) })}
          >
            {t('thisMonth')}
          </button>
          <button
            type="button"
            className="krds-btn secondary small"
            onClick={() => go({ month: shiftMonth(month, 1) })}
          >
            {t('next')}
          </button>
          <button
            type="button"
            className="krds-btn tertiary small"
            aria-pressed={view === 'list'}
            onClick={() => go({ view: view === 'list' ? 'month' : 'list' })}
          >
            {view === 'list' ? t('viewMonth') : t('viewList')}
          </button>
        </div>
      </div>
      {deadlines.isPending ? (
        <Loading />
      ) : deadlines.isError ? (
        <ErrorState error={deadlines.error} onRetry={() => void deadlines.refetch()} />
      ) : view === 'list' ? (
        <DeadlineList items={deadlines.data} caption={t('caption', { year, month: monthNo })} />
      ) : (
        <MonthGrid month={month} today={today} items={deadlines.data} />
      )}
      <FeedSection />
    </div>
  );
}

function Item({ d }: { d: Deadline }) {
  const { t } = useTranslation('calendar');
  return (
    <>
      <Badge tone={KIND_TONE[d.kind] ?? 'neutral'}>{t(`kind.${d.kind}`)}</Badge>{' '}
      <Link to={d.path}>{d.title}</Link>
    </>
  );
}

function DeadlineList({ items, caption }: { items: Deadline[]; caption: string }) {
  const { t } = useTranslation('calendar');
  if (items.length === 0) return <Empty>{t('empty')}</Empty>;
  return (
    <Table caption={caption} head={[t('date'), t('kindLabel'), t('item')]}>
      {items.map((d) => (
        <tr key={d.id}>
          <td className="gwt-nowrap">{formatDate(d.date)}</td>
          <td>
            <Badge tone={KIND_TONE[d.kind] ?? 'neutral'}>{t(`kind.${d.kind}`)}</Badge>
          </td>
          <td>
            <Link to={d.path}>{d.title}</Link>
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** A table of weeks (Sunday first); each day lists its deadlines. */
function MonthGrid({ month, today, items }: { month: string; today: string; items: Deadline[] }) {
  const { t } = useTranslation('calendar');
  const [year, monthNo] = month.split('-').map(Number);
  const first = new Date(Date.UTC(year, monthNo - 1, 1)).getUTCDay();
  const days = daysIn(month);
  const cells: Array<number | null> = [
    ...Array<null>(first).fill(null),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const weekdays = t('weekdays').split(',');
  return (
    <>
      {items.length === 0 && <Empty>{t('empty')}</Empty>}
      <div className="krds-table-wrap">
        <table className="tbl gw-month">
          <caption className="sr-only">{t('caption', { year, month: monthNo })}</caption>
          <thead>
            <tr>
              {weekdays.map((w) => (
                <th scope="col" key={w}>
                  {w}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week, i) => (
              <tr key={i}>
                {week.map((day, j) => {
                  if (day === null) return <td key={j} className="gw-month-out" />;
                  const date = `${month}-${pad(day)}`;
                  const mine = items.filter((d) => d.date === date);
                  return (
                    <td key={j} className={date === today ? 'gw-month-today' : undefined}>
                      <span className="gw-month-day">
                        {day}
                        {date === today && <span className="sr-only"> ({t('today')})</span>}
                      </span>
                      {mine.length > 0 && (
                        <ul aria-label={t('dayItems', { day, count: mine.length })}>
                          {mine.map((d) => (
                            <li key={d.id}>
                              <Item d={d} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function FeedSection() {
  const { t } = useTranslation('calendar');
  const queryClient = useQueryClient();
  const feed = useQuery({
    queryKey: ['calendar-feed'],
    queryFn: () => call(api.GET('/api/v1/me/calendar-feed')),
  });
  const [url, setUrl] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [revoking, setRevoking] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
  const create = async () => {
    setFailed(null);
    setNotice(null);
    try {
      const made = await call(api.POST('/api/v1/me/calendar-feed'));
      setUrl(made.url);
      await refresh();
    } catch (err) {
      setFailed(err);
    }
  };
  const revoke = async () => {
    setRevoking(false);
    setFailed(null);
    try {
      await call(api.DELETE('/api/v1/me/calendar-feed'));
      setUrl(null);
      setNotice(t('feed.revoked'));
      await refresh();
    } catch (err) {
      setFailed(err);
    }
  };
  return (
    <section className="gwt-section" aria-labelledby="feed-heading">
      <h2 id="feed-heading">{t('feed.heading')}</h2>
      <p>{t('feed.intro')}</p>
      {notice && <Notice>{notice}</Notice>}
      {failed !== null && <ErrorState error={failed} />}
      {feed.data && !url && (
        <p className="gw-subtle">
          {feed.data.active
            ? t('feed.active', { at: formatDateTime(feed.data.createdAt) })
            : t('feed.none')}
        </p>
      )}
      {url && (
        <>
          <TextField
            name="feedUrl"
            label={t('feed.url')}
            hint={t('feed.urlHint')}
            value={url}
            readOnly
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            className="krds-btn secondary small"
            onClick={() =>
              void navigator.clipboard?.writeText(url).then(() => setNotice(t('feed.copied')))
            }
          >
            {t('feed.copy')}
          </button>
        </>
      )}
      <div className="gw-form-actions">
        <button type="button" className="krds-btn primary small" onClick={() => void create()}>
          {feed.data?.active ? t('feed.renew') : t('feed.create')}
        </button>
        {feed.data?.active && (
          <button
            type="button"
            className="krds-btn secondary small"
            onClick={() => setRevoking(true)}
          >
            {t('feed.revoke')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={revoking}
        title={t('feed.confirmRevoke')}
        consequence={t('feed.revokeConsequence')}
        confirmLabel={t('feed.revokeNow')}
        onCancel={() => setRevoking(false)}
        onConfirm={() => void revoke()}
      />
    </section>
  );
}
