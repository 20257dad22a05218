// /contests — the contest rounds of a year the user may read (what the organisation organises,
// what it may enter, where its entries went), the 적극행정 office's form to create a round, and
// the awards' HR execution for the office and auditors.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { SelectField } from '../../components/forms';
import { Empty, ErrorState, Loading, Notice, PageHeader, Table } from '../../components/ui';
import { formatDate } from '../../format';
import { useTranslation } from '../../i18n';
import { currentYear } from '../tasks/shared';
import { AwardsSection } from './Awards';
import { CreateRoundForm } from './CreateRoundForm';
import { relationText, RoundStatusBadge } from './shared';

export default function ContestsPage() {
  const { t } = useTranslation('contests');
  const { hasRole } = useAuth();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get('year')) || currentYear();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const rounds = useQuery({
    queryKey: ['contest-rounds', year],
    queryFn: () => call(api.GET('/api/v1/contests/rounds', { params: { query: { year } } })),
  });
  const office = hasRole('PROACTIVE_OFFICE');
  const years = Array.from({ length: 5 }, (_, i) => currentYear() + 1 - i);

  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title') }]}
        description={t('description')}
        actions={
          office && !creating ? (
            <button
              type="button"
              className="krds-btn primary"
              onClick={() => {
                setNotice(null);
                setCreating(true);
              }}
            >
              {t('list.create')}
            </button>
          ) : undefined
        }
      />
      {notice && <Notice>{notice}</Notice>}
      {creating && (
        <CreateRoundForm
          year={year}
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setNotice(t('form.created'));
          }}
        />
      )}
      <div className="gw-form-row">
        <SelectField
          name="year"
          label={t('list.year')}
          value={String(year)}
          onChange={(e) => setSp(new URLSearchParams({ year: e.target.value }))}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      {rounds.isPending ? (
        <Loading />
      ) : rounds.isError ? (
        <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : rounds.data.length === 0 ? (
        <Empty>{t('list.empty')}</Empty>
      ) : (
        <Table
          caption={t('list.caption', { year })}
          head={[
            t('list.round'),
            t('list.organiser'),
            t('list.period'),
            t('list.state'),
            t('list.relation'),
          ]}
        >
          {rounds.data.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/contests/${r.id}`}>{r.title}</Link>
              </td>
              <td>{r.organisationName}</td>
              <td className="gw-ct-nowrap">
                {t('list.range', {
                  from: formatDate(r.entriesOpen),
                  to: formatDate(r.entriesClose),
                })}
              </td>
              <td>
                <RoundStatusBadge status={r.status} />
              </td>
              <td>{relationText(t, r.relation)}</td>
            </tr>
          ))}
        </Table>
      )}
      {hasRole('PROACTIVE_OFFICE', 'AUDITOR') && <AwardsSection />}
    </>
  );
}
