// 나의 업무 for a committee member: the meetings they sit on that are not closed yet (scheduled
// or held), with a link to each — where they vote, recuse themselves and read the agenda.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { Empty, ErrorState, Loading, Table } from '../../components/ui';
import { formatDate } from '../../format';
import { useTranslation } from '../../i18n';
import { MeetingStatusBadge } from './shared';

export function MyMeetings() {
  const { t } = useTranslation('committee');
  const meetings = useQuery({
    queryKey: ['committee', 'meetings', 'mine'],
    queryFn: () =>
      call(api.GET('/api/v1/committee/meetings', { params: { query: { limit: 50 } } })),
  });
  const open = (meetings.data ?? []).filter((m) => m.status !== 'CLOSED');
  return (
    <section className="gwt-section" aria-labelledby="committee-meetings-heading">
      <div className="gwt-section-head">
        <h2 id="committee-meetings-heading">{t('meeting.mine')}</h2>
        <Link to="/committee">{t('title')}</Link>
      </div>
      {meetings.isPending ? (
        <Loading />
      ) : meetings.isError ? (
        <ErrorState error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : open.length === 0 ? (
        <Empty>{t('meeting.mineEmpty')}</Empty>
      ) : (
        <Table
          caption={t('meeting.mine')}
          head={[t('meetings.name'), t('meetings.date'), t('meetings.kind'), t('meetings.status')]}
        >
          {open.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/committee/meetings/${m.id}`}>{m.title}</Link>
              </td>
              <td className="gw-cm-nowrap">{formatDate(m.meetingDate)}</td>
              <td>{t(`kind.${m.kind}`)}</td>
              <td>
                <MeetingStatusBadge status={m.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
