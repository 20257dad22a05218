// /education/completion?year= — education completion of a year: my own hours and completion for
// everyone; the users and departments the API returns (department heads and staff their
// department, the office and auditors the organisation); and for the office and auditors the
// department participation ranking used for department incentives. The reminders link here.
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Badge, Empty, ErrorState, Facts, Loading, PageHeader, Table } from '../../components/ui';
import { formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import { YearFilter, yearParam } from './shared';

export default function EducationCompletionPage() {
  const { t } = useTranslation('programme');
  const { user, hasRole } = useAuth();
  const [sp, setSp] = useSearchParams();
  const year = yearParam(sp);
  const completion = useQuery({
    queryKey: ['education', 'completion', year],
    queryFn: () => call(api.GET('/api/v1/education/completion', { params: { query: { year } } })),
  });
  const seesRanking = hasRole('PROACTIVE_OFFICE', 'AUDITOR');
  const ranking = useQuery({
    queryKey: ['education', 'departments', year],
    queryFn: () => call(api.GET('/api/v1/education/departments', { params: { query: { year } } })),
    enabled: seesRanking,
  });
  const crumbs = [
    { label: t('education.title'), to: `/education?year=${year}` },
    { label: t('completion.title') },
  ];

  if (completion.isPending || completion.isError) {
    return (
      <>
        <PageHeader title={t('completion.title')} crumbs={crumbs} />
        {completion.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={completion.error} onRetry={() => void completion.refetch()} />
        )}
      </>
    );
  }
  const c = completion.data;
  const mine = c.users.find((u) => u.userId === user?.id);
  const hours = (n: number) => t('common.hours', { count: n });

  return (
    <>
      <PageHeader
        title={t('completion.title')}
        crumbs={crumbs}
        description={t('completion.description', { hours: c.requiredHours })}
      />
      <YearFilter
        key={year}
        year={year}
        label={t('common.year')}
        onApply={(y) => setSp({ year: String(y) })}
      />
      <section className="gw-section" aria-labelledby="ed-mine">
        <h2 id="ed-mine">{t('completion.mine')}</h2>
        {mine ? (
          <Facts
            items={[
              [t('completion.col.hours'), hours(mine.hours)],
              [t('completion.col.required'), hours(mine.required)],
              [t('completion.col.sessions'), t('common.count', { count: mine.sessions })],
              [
                t('completion.col.completed'),
                <Badge key="c" tone={mine.completed ? 'success' : 'warning'}>
                  {mine.completed ? t('completion.done') : t('completion.notDone')}
                </Badge>,
              ],
              ...(mine.completed
                ? []
                : [[t('completion.col.shortfall'), hours(mine.shortfall)] as [string, string]]),
            ]}
          />
        ) : (
          <Empty>{t('completion.mineNone')}</Empty>
        )}
      </section>

      {c.departments.length > 0 && (
        <section className="gw-section" aria-labelledby="ed-departments">
          <h2 id="ed-departments">{t('completion.departments')}</h2>
          <p>
            {t('completion.summary', {
              completed: c.completedUsers,
              total: c.total,
              rate: formatPercent(c.completionRate),
            })}
          </p>
          <Table
            caption={t('completion.departmentsCaption', { year })}
            head={[
              t('completion.col.department'),
              t('completion.col.activeUsers'),
              t('completion.col.completedUsers'),
              t('completion.col.rate'),
            ]}
          >
            {c.departments.map((d) => (
              <tr key={d.departmentId}>
                <td>{d.name}</td>
                <td className="gw-pg-num">{t('common.people', { count: d.activeUsers })}</td>
                <td className="gw-pg-num">{t('common.people', { count: d.completedUsers })}</td>
                <td className="gw-pg-num">{formatPercent(d.completionRate)}</td>
              </tr>
            ))}
          </Table>
        </section>
      )}

      {seesRanking && (
        <section className="gw-section" aria-labelledby="ed-ranking">
          <h2 id="ed-ranking">{t('completion.ranking')}</h2>
          <p>{t('completion.rankingHint')}</p>
          {ranking.isPending ? (
            <Loading />
          ) : ranking.isError ? (
            <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />
          ) : (
            <Table
              caption={t('completion.rankingCaption', { year })}
              head={[
                t('completion.col.rank'),
                t('completion.col.department'),
                t('completion.col.rate'),
                t('completion.col.hoursPerUser'),
                t('completion.col.participants'),
                t('completion.col.attendances'),
                t('completion.col.attendanceHours'),
              ]}
            >
              {ranking.data.map((d) => (
                <tr key={d.departmentId}>
                  <td className="gw-pg-num">{d.rank ?? '–'}</td>
                  <td>{d.name}</td>
                  <td className="gw-pg-num">{formatPercent(d.completionRate)}</td>
                  <td className="gw-pg-num">
                    {d.hoursPerUser === null ? '–' : hours(d.hoursPerUser)}
                  </td>
                  <td className="gw-pg-num">{t('common.people', { count: d.participants })}</td>
                  <td className="gw-pg-num">{t('common.count', { count: d.attendances })}</td>
                  <td className="gw-pg-num">{hours(d.attendanceHours)}</td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      )}

      {c.users.length > 1 && (
        <section className="gw-section" aria-labelledby="ed-users">
          <h2 id="ed-users">{t('completion.users')}</h2>
          <Table
            caption={t('completion.usersCaption', { year })}
            head={[
              t('completion.col.name'),
              t('completion.col.grade'),
              t('completion.col.department'),
              t('completion.col.sessions'),
              t('completion.col.hours'),
              t('completion.col.completed'),
              t('completion.col.shortfall'),
            ]}
          >
            {c.users.map((u) => (
              <tr key={u.userId}>
                <td>{u.name}</td>
                <td>{u.grade ?? '–'}</td>
                <td>{u.departmentName}</td>
                <td className="gw-pg-num">{t('common.count', { count: u.sessions })}</td>
                <td className="gw-pg-num">{hours(u.hours)}</td>
                <td>
                  <Badge tone={u.completed ? 'success' : 'warning'}>
                    {u.completed ? t('completion.done') : t('completion.notDone')}
                  </Badge>
                </td>
                <td className="gw-pg-num">{u.completed ? '–' : hours(u.shortfall)}</td>
              </tr>
            ))}
          </Table>
        </section>
      )}
    </>
  );
}
