// 알림: what was sent to me (paged, newest first, Seoul time) and how I receive notification
// emails (daily digest, language).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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

/** Where a notification points (milestone notices carry no task id, so they have no link). */
function recordPath(n: Notification): string | null {
  switch (n.recordType) {
    case 'report':
      return `/reports/${n.recordId}`;
    case 'consultation':
      return `/consultations/${n.recordId}`;
    case 'task':
      return `/tasks/${n.recordId}`;
    case 'evaluation_round':
      return `/evaluations/${n.recordId}`;
    case 'nomination':
      return `/nominations/${n.recordId}`;
    case 'organisation':
      return '/dashboards';
    default:
      return null;
  }
}

function History() {
  const { t } = useTranslation('notifications');
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const list = useQuery({
    queryKey: ['notifications', 'mine', offset],
    queryFn: () =>
      call(api.GET('/api/v1/me/notifications', { params: { query: { limit: LIMIT, offset } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <section className="gwt-section" aria-labelledby="notification-history-heading">
      <h2 id="notification-history-heading">{t('history.heading')}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('history.empty')}</Empty>
      ) : (
        <>
          <Table
            caption={t('history.caption', { total: list.data.total })}
            head={[
              t('history.when'),
              t('history.label'),
              t('history.section'),
              t('history.record'),
              t('history.dueDate'),
              t('history.email'),
            ]}
          >
            {list.data.items.map((n) => {
              const type = t(`recordType.${n.recordType}`, {
                defaultValue: t('recordType.other'),
              });
              const path = recordPath(n);
              const key = ruleKey(n.rule);
              const label = key ? t(`rule.${key}`) : n.label;
              return (
                <tr key={n.id}>
                  <td className="gwt-nowrap">{formatDateTime(n.createdAt)}</td>
                  <td>
                    {label} {n.urgent && <Badge tone="danger">{t('history.urgent')}</Badge>}
                  </td>
                  <td>
                    <Badge tone={SECTION_TONE[n.section] ?? 'neutral'}>
                      {t(`section.${n.section}`)}
                    </Badge>
                  </td>
                  <td>
                    {path ? (
                      <Link to={path} aria-label={t('openRecord', { type, label })}>
                        {type}
                      </Link>
                    ) : (
                      type
                    )}
                  </td>
                  <td className="gwt-nowrap">{formatDate(n.dueDate)}</td>
                  <td>
                    {n.sentAt
                      ? t('history.sentAt', {
                          status: t(`emailStatus.${n.emailStatus}`),
                          at: formatDateTime(n.sentAt),
                        })
                      : t(`emailStatus.${n.emailStatus}`)}
                  </td>
                </tr>
              );
            })}
          </Table>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={(next) => setParams(next > 0 ? { offset: String(next) } : {})}
          />
        </>
      )}
    </section>
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
      <History />
      <PreferencesSection />
    </div>
  );
}
