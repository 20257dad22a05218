// /opinion-requests — 의견제시 requests the user may read (the requester, the task's people, the
// audit office and the 적극행정 office), filtered by status, "mine" and "overdue" (kept in the URL),
// with the due date as a D-day badge. STAFF, DEPT_HEAD, AUDITOR and PROACTIVE_OFFICE may file one.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { CheckboxField, SelectField } from '../../components/forms';
import { Empty, ErrorState, Loading, PageHeader, Pagination, Table } from '../../components/ui';
import { formatDate } from '../../format';
import { useTranslation } from '../../i18n';
import { DueBadge, OPINION_STATUSES, type OpinionStatus, OpinionStatusBadge } from './shared';

const LIMIT = 20;

export default function OpinionRequestsPage() {
  const { t } = useTranslation('opinions');
  const { hasRole } = useAuth();
  const [sp, setSp] = useSearchParams();
  const status = (sp.get('status') ?? '') as OpinionStatus | '';
  const mine = sp.get('mine') === 'true';
  const overdue = sp.get('overdue') === 'true';
  const offset = Math.max(0, Number(sp.get('offset') ?? 0) || 0);
  const [draft, setDraft] = useState({ status, mine, overdue });

  const list = useQuery({
    queryKey: ['opinion-requests', 'list', status, mine, overdue, offset],
    queryFn: () =>
      call(
        api.GET('/api/v1/opinion-requests', {
          params: {
            query: {
              ...(status ? { status } : {}),
              ...(mine ? { mine: true } : {}),
              ...(overdue ? { overdue: true } : {}),
              limit: LIMIT,
              offset,
            },
          },
        }),
      ),
  });

  const apply = (f: typeof draft, nextOffset = 0) => {
    const q = new URLSearchParams();
    if (f.status) q.set('status', f.status);
    if (f.mine) q.set('mine', 'true');
    if (f.overdue) q.set('overdue', 'true');
    if (nextOffset) q.set('offset', String(nextOffset));
    setSp(q);
  };

  const canFile = hasRole('STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE');
  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
        actions={
          canFile ? (
            <Link className="krds-btn primary" to="/opinion-requests/new">
              {t('list.new')}
            </Link>
          ) : undefined
        }
      />
      <form
        className="gw-filters"
        aria-label={t('list.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <div className="gw-form-row">
          <SelectField
            name="status"
            label={t('list.status')}
            value={draft.status}
            placeholder={t('list.all')}
            options={OPINION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            onChange={(e) => setDraft((d) => ({ ...d, status: e.target.value as OpinionStatus }))}
          />
          <CheckboxField
            name="mine"
            label={t('list.mine')}
            checked={draft.mine}
            onChange={(e) => setDraft((d) => ({ ...d, mine: e.target.checked }))}
          />
          <CheckboxField
            name="overdue"
            label={t('list.overdue')}
            checked={draft.overdue}
            onChange={(e) => setDraft((d) => ({ ...d, overdue: e.target.checked }))}
          />
        </div>
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary">
            {t('list.apply')}
          </button>
          <button
            type="button"
            className="krds-btn secondary"
            onClick={() => {
              const empty = { status: '' as const, mine: false, overdue: false };
              setDraft(empty);
              apply(empty);
            }}
          >
            {t('list.reset')}
          </button>
        </div>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('list.empty')}</Empty>
      ) : (
        <>
          <Table
            caption={t('list.caption', { count: list.data.total })}
            head={[
              t('list.question'),
              t('list.task'),
              t('list.requester'),
              t('list.receivedOn'),
              t('list.dueDate'),
              t('list.status'),
            ]}
          >
            {list.data.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/opinion-requests/${r.id}`}>{r.question}</Link>
                </td>
                <td>
                  {r.task.code} {r.task.title}
                </td>
                <td>
                  {r.requester.name} ({r.requester.departmentName})
                </td>
                <td className="gw-op-nowrap">{formatDate(r.receivedOn)}</td>
                <td className="gw-op-nowrap">
                  {formatDate(r.dueDate)} <DueBadge request={r} />
                </td>
                <td>
                  <OpinionStatusBadge status={r.status} />
                </td>
              </tr>
            ))}
          </Table>
          <Pagination
            total={list.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={(o) => apply({ status, mine, overdue }, o)}
          />
        </>
      )}
    </>
  );
}
