// 알림: the notification centre (what was sent to me, newest first, Seoul time, unread marked and
// filterable, read one by one or all at once) and how I receive notification e-mails.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { CheckboxField, Form, RadioGroup, useFormProblems } from '../../components/forms';
import {
  Badge,
  type BadgeTone,
  Empty,
  ErrorState,
  Loading,
  Notice,
  PageHeader,
  Pagination,
  Table,
} from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import '../tasks/tasks.css';
import './messages';

type Notification = Schemas['NotificationDto'];
type Preferences = Schemas['PreferencesDto'];
const LIMIT = 20;

const SECTION_TONE: Record<string, BadgeTone> = {
  ACTION_REQUIRED: 'info',
  DUE_SOON: 'warning',
  OVERDUE: 'danger',
};

/**
 * The reminder rules by prefix (most specific first), so the label follows the UI's language;
 * the API's label (in the user's mail language) is the fallback for a rule not listed here.
 */
const RULES: Array<[string, string]> = [
  ['report.due', 'reportDue'],
  ['report.overdue', 'reportOverdue'],
  ['report.returned', 'reportReturned'],
  ['report.approval', 'reportApproval'],
  ['consultation.submitted', 'consultationSubmitted'],
  ['consultation.screening', 'consultationScreening'],
  ['consultation.opinion-issued', 'consultationOpinionIssued'],
  ['consultation.opinion-overdue', 'consultationOpinionOverdue'],
  ['consultation.opinion', 'consultationOpinion'],
  ['milestone.due', 'milestoneDue'],
  ['task.due', 'taskDue'],
  ['scoring.due', 'scoringDue'],
  ['weekly.summary', 'weeklySummary'],
];
const ruleKey = (rule: string) => RULES.find(([prefix]) => rule.startsWith(prefix))?.[1];

/** 알림함: unread first to the eye (새 알림), a filter for the unread, marking read one or all. */
function Inbox() {
  const { t } = useTranslation('notifications');
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const unreadOnly = params.get('unread') === '1';
  const [notice, setNotice] = useState<string | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const list = useQuery({
    queryKey: ['notifications', 'mine', offset, unreadOnly],
    queryFn: () =>
      call(
        api.GET('/api/v1/me/notifications', {
          params: { query: { limit: LIMIT, offset, ...(unreadOnly ? { unread: true } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  // The header's badge and this list read the same state: both refresh after a change.
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = async (id: string) => {
    setFailed(null);
    try {
      await call(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } }));
      await refresh();
    } catch (err) {
      setFailed(err);
    }
  };
  const markAll = async () => {
    setFailed(null);
    try {
      const { marked } = await call(api.POST('/api/v1/me/notifications/read-all'));
      setNotice(t('inbox.markedAll', { count: marked }));
      await refresh();
    } catch (err) {
      setFailed(err);
    }
  };
  const unread = list.data?.unread ?? 0;
  const setFilter = (only: boolean) => {
    setNotice(null);
    setParams(only ? { unread: '1' } : {});
  };

  return (
    <section className="gwt-section" aria-labelledby="notification-history-heading">
      <div className="gwt-section-head">
        <h2 id="notification-history-heading">
          {t('history.heading')}{' '}
          {list.data && <span className="gwt-count">{t('inbox.unread', { count: unread })}</span>}
        </h2>
      </div>
      <div className="gw-form-actions">
        <button
          type="button"
          className="krds-btn secondary small"
          aria-pressed={unreadOnly}
          onClick={() => setFilter(!unreadOnly)}
        >
          {t('inbox.unreadOnly')}
        </button>
        <button
          type="button"
          className="krds-btn secondary small"
          disabled={unread === 0}
          onClick={() => void markAll()}
        >
          {t('inbox.markAll')}
        </button>
      </div>
      {notice && <Notice>{notice}</Notice>}
      {failed !== null && <ErrorState error={failed} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{unreadOnly ? t('inbox.noUnread') : t('history.empty')}</Empty>
      ) : (
        <>
          <Table
            caption={t(unreadOnly ? 'inbox.unreadCaption' : 'history.caption', {
              total: list.data.total,
            })}
            head={[
              t('history.when'),
              t('history.label'),
              t('history.record'),
              t('history.dueDate'),
              t('inbox.state'),
              t('history.email'),
              t('inbox.read'),
            ]}
          >
            {list.data.items.map((n) => (
              <InboxRow key={n.id} n={n} onRead={() => void markRead(n.id)} />
            ))}
          </Table>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={(next) =>
              setParams({
                ...(unreadOnly ? { unread: '1' } : {}),
                ...(next > 0 ? { offset: String(next) } : {}),
              })
            }
          />
        </>
      )}
    </section>
  );
}

function InboxRow({ n, onRead }: { n: Notification; onRead: () => void }) {
  const { t } = useTranslation('notifications');
  const type = t(`recordType.${n.recordType}`, { defaultValue: t('recordType.other') });
  const key = ruleKey(n.rule);
  const label = key ? t(`rule.${key}`) : n.label;
  const unread = n.readAt === null;
  const name = n.title ?? type;
  return (
    <tr className={unread ? 'gw-unread' : undefined}>
      <td className="gwt-nowrap">{formatDateTime(n.createdAt)}</td>
      <td>
        <span className="gw-badges">
          {unread && <Badge tone="info">{t('inbox.new')}</Badge>}
          <span>{label}</span>
          {n.urgent && <Badge tone="danger">{t('history.urgent')}</Badge>}
          <Badge tone={SECTION_TONE[n.section] ?? 'neutral'}>{t(`section.${n.section}`)}</Badge>
        </span>
      </td>
      <td>
        {n.path ? (
          // Opening what it is about reads it.
          <Link
            to={n.path}
            aria-label={t('openRecord', { type, label: name })}
            onClick={unread ? onRead : undefined}
          >
            {name}
          </Link>
        ) : (
          name
        )}
        {n.note && <p className="gw-subtle">{n.note}</p>}
      </td>
      <td className="gwt-nowrap">{formatDate(n.dueDate)}</td>
      <td>
        {n.stillOpen ? (
          <Badge tone="warning">{t('inbox.open')}</Badge>
        ) : (
          <Badge tone="neutral">{t('inbox.done')}</Badge>
        )}
      </td>
      <td>
        {n.sentAt
          ? t('history.sentAt', {
              status: t(`emailStatus.${n.emailStatus}`),
              at: formatDateTime(n.sentAt),
            })
          : t(`emailStatus.${n.emailStatus}`)}
      </td>
      <td>
        {unread ? (
          <button
            type="button"
            className="krds-btn tertiary small"
            aria-label={t('inbox.markReadLabel', { label, name })}
            onClick={onRead}
          >
            {t('inbox.markRead')}
          </button>
        ) : (
          <span className="gwt-nowrap">{formatDateTime(n.readAt)}</span>
        )}
      </td>
    </tr>
  );
}

function PreferencesForm({ current }: { current: Preferences }) {
  const { t } = useTranslation('notifications');
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Preferences>(current);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = async () => {
    setBusy(true);
    setSaved(false);
    clear();
    try {
      const next = await call(api.PUT('/api/v1/me/notification-preferences', { body: values }));
      queryClient.setQueryData(['notifications', 'preferences'], next);
      setValues(next);
      setSaved(true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form problems={problems} onSubmit={() => void submit()} label={t('prefs.heading')}>
      <div aria-live="polite">{saved && <Notice>{t('prefs.saved')}</Notice>}</div>
      <fieldset className="gw-group">
        <legend>{t('prefs.legend')}</legend>
        <CheckboxField
          name="digest"
          label={t('prefs.digest')}
          hint={t('prefs.digestHint')}
          checked={values.digest}
          onChange={(e) => setValues((v) => ({ ...v, digest: e.target.checked }))}
        />
      </fieldset>
      <RadioGroup
        name="language"
        legend={t('prefs.language')}
        options={(['ko', 'en'] as const).map((lang) => ({
          value: lang,
          label: t(`prefs.${lang}`),
          lang,
        }))}
        value={values.language}
        onChange={(lang) => setValues((v) => ({ ...v, language: lang }))}
        layout="row"
      />
      <div className="gw-form-actions">
        <button type="submit" className="krds-btn primary" disabled={busy}>
          {t('prefs.save')}
        </button>
      </div>
    </Form>
  );
}

function PreferencesSection() {
  const { t } = useTranslation('notifications');
  const prefs = useQuery({
    queryKey: ['notifications', 'preferences'],
    queryFn: () => call(api.GET('/api/v1/me/notification-preferences')),
  });
  return (
    <section className="gwt-section" aria-labelledby="notification-prefs-heading">
      <h2 id="notification-prefs-heading">{t('prefs.heading')}</h2>
      {prefs.isPending ? (
        <Loading />
      ) : prefs.isError ? (
        <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />
      ) : (
        <PreferencesForm current={prefs.data} />
      )}
    </section>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation('notifications');
  return (
    <div className="gwt-page">
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
      />
      <Inbox />
      <PreferencesSection />
    </div>
  );
}
