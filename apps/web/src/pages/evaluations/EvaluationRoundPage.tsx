// /evaluations/:id: one round — its state, schedule and rules; the nominations; the office's
// actions as the state allows; committee progress; results; incentives; the export.
import { useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorState, Facts, Loading, PageHeader, Table } from '../../components/ui';
import { formatDate, formatWon } from '../../format';
import { currentLanguage, useTranslation } from '../../i18n';
import { IncentiveReportSection } from './IncentiveReport';
import { NominationsSection, useNominations } from './Nominations';
import { RoundOffice } from './RoundOffice';
import { ExportSection, IncentivesSection, ProgressSection, ResultsSection } from './RoundSections';
import { criterionLabel, gradeLabel, type Round, RoundStatusBadge, useRound } from './shared';

export default function EvaluationRoundPage() {
  const { id } = useParams();
  const { t } = useTranslation('evaluations');
  const round = useRound(id);

  if (round.isPending) {
    return (
      <>
        <PageHeader title={t('title')} crumbs={[{ label: t('title'), to: '/evaluations' }]} />
        <Loading />
      </>
    );
  }
  if (round.isError) {
    return (
      <>
        <PageHeader title={t('title')} crumbs={[{ label: t('title'), to: '/evaluations' }]} />
        <ErrorState error={round.error} onRetry={() => void round.refetch()} />
      </>
    );
  }
  return <RoundView round={round.data} />;
}

function RoundView({ round }: { round: Round }) {
  const { t } = useTranslation('evaluations');
  const { hasRole } = useAuth();
  const office = hasRole('PROACTIVE_OFFICE');
  const overseer = hasRole('PROACTIVE_OFFICE', 'AUDITOR');
  const nominations = useNominations(round.id);
  const language = currentLanguage();

  return (
    <>
      <PageHeader
        title={round.title}
        crumbs={[{ label: t('title'), to: '/evaluations' }, { label: round.title }]}
      />
      <section className="gw-section" aria-labelledby="round-overview">
        <h2 id="round-overview">{t('round.overview')}</h2>
        <Facts
          items={[
            [t('round.status'), <RoundStatusBadge key="s" status={round.status} />],
            [t('round.kind'), t(`kind.${round.kind}`)],
            [t('round.year'), String(round.year)],
            [
              t('round.nominations'),
              t('rounds.range', {
                from: formatDate(round.nominationsOpen),
                to: formatDate(round.nominationsClose),
              }),
            ],
            [t('round.scoringDue'), formatDate(round.scoringDue)],
            [t('round.resolutionDate'), formatDate(round.resolutionDate)],
            [t('round.members'), t('round.membersCount', { count: round.memberIds.length })],
            ...(round.resolution
              ? [
                  [
                    t('round.resolution'),
                    t('round.resolutionValue', {
                      date: formatDate(round.resolution.meetingDate),
                      present: round.resolution.presentMemberIds.length,
                      for: round.resolution.votesFor,
                      against: round.resolution.votesAgainst,
                    }),
                  ] as [string, string],
                ]
              : []),
          ]}
        />
        {round.isMember && <p className="gw-alert gw-alert--info">{t('round.youAreMember')}</p>}
      </section>

      <section className="gw-section" aria-labelledby="round-rules">
        <h2 id="round-rules">{t('round.rules')}</h2>
        <div className="gw-grid">
          <Table
            caption={t('round.criteriaCaption')}
            head={[t('round.criterion'), t('round.weight')]}
          >
            {round.criteria.map((c) => (
              <tr key={c.key}>
                <td>{criterionLabel(t, c)}</td>
                <td className="gw-num">{t('points', { value: c.weight })}</td>
              </tr>
            ))}
          </Table>
          <Table
            caption={t('round.gradesCaption')}
            head={[
              t('round.gradeCol'),
              t('round.gradeCount'),
              t('round.bonusPoints'),
              t('round.prize'),
            ]}
          >
            {round.grades.map((g) => (
              <tr key={g.grade}>
                <td>{gradeLabel(t, g.grade, g.label)}</td>
                <td>
                  {g.count === null
                    ? t('round.gradeAny')
                    : t('round.gradeCountValue', { count: g.count })}
                </td>
                <td className="gw-num">{g.bonusPoints}</td>
                <td className="gw-num">{formatWon(g.prizeKrw, language)}</td>
              </tr>
            ))}
          </Table>
        </div>
        <Facts
          items={[
            [
              t('round.limits'),
              t('round.limitsValue', {
                min: round.incentivesMin,
                max: round.incentivesMax,
                owner: round.incentivesMaxTaskOwner,
              }),
            ],
            [t('round.trim'), t('round.trimValue', { count: round.trimMinMembers })],
          ]}
        />
      </section>

      {office && <RoundOffice round={round} />}
      <NominationsSection round={round} />
      {overseer && <ProgressSection round={round} />}
      <ResultsSection round={round} nominations={nominations.data ?? []} />
      {overseer && round.status === 'CONFIRMED' && <IncentivesSection round={round} />}
      {overseer && <IncentiveReportSection round={round} />}
      {overseer && <ExportSection round={round} />}
    </>
  );
}
