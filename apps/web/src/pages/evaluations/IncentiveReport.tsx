// The round's 우대조치 실적 (incentive report) for the 적극행정 office and the auditors: grants per
// incentive type and per HR execution status, the share of selected officials holding one of the
// statute's major incentives, and the officials below the minimum.
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { registerMessages, useTranslation } from '../../i18n';
import { Badge, Empty, ErrorState, Facts, Loading, Table } from '../../components/ui';
import { type Round } from './shared';

const ko = {
  incentiveReport: {
    title: '우대조치 실적',
    hint: '취소된 우대조치는 세지 않습니다.',
    selected: '선정된 공무원',
    selectedValue: '{{count}}명',
    major: '주요 우대조치 부여 비율',
    majorValue: '{{officials}}명 / {{selected}}명 ({{percent}}%)',
    majorTypes: '주요 우대조치: {{types}}',
    min: '1인당 최소 우대조치',
    minValue: '{{count}}개',
    byTypeCaption: '우대조치 유형별 부여 건수',
    byStatusCaption: '인사 집행 상태별 건수',
    type: '우대조치',
    status: '집행 상태',
    count: '건수',
    countValue: '{{count}}건',
    belowTitle: '최소 개수 미달 공무원',
    belowCaption: '우대조치가 최소 개수에 못 미치는 공무원',
    official: '공무원',
    granted: '부여',
    grantedValue: '{{count}}개',
    noneBelow: '최소 개수에 못 미치는 공무원이 없습니다.',
    noGrants: '아직 부여한 우대조치가 없습니다.',
  },
};

export type IncentiveMessages = typeof ko;

registerMessages('evaluations', ko, () => import('./IncentiveReport.en'));

export function IncentiveReportSection({ round }: { round: Round }) {
  const { t } = useTranslation('evaluations');
  const report = useQuery({
    queryKey: ['incentive-report', round.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/evaluation-rounds/{id}/incentive-report', {
          params: { path: { id: round.id } },
        }),
      ),
  });
  return (
    <section className="gw-section" aria-labelledby="round-incentive-report">
      <h2 id="round-incentive-report">{t('incentiveReport.title')}</h2>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <p className="form-hint">{t('incentiveReport.hint')}</p>
          <Facts
            items={[
              [
                t('incentiveReport.selected'),
                t('incentiveReport.selectedValue', { count: report.data.selectedOfficials }),
              ],
              [
                t('incentiveReport.min'),
                t('incentiveReport.minValue', { count: report.data.incentivesMin }),
              ],
              [
                t('incentiveReport.major'),
                t('incentiveReport.majorValue', {
                  officials: report.data.major.officials,
                  selected: report.data.selectedOfficials,
                  percent: report.data.major.sharePercent.toFixed(1),
                }),
              ],
            ]}
          />
          <p className="form-hint">
            {t('incentiveReport.majorTypes', {
              types: report.data.major.types.map((x) => t(`incentiveType.${x}`)).join(', '),
            })}
          </p>
          {report.data.byType.length === 0 ? (
            <Empty>{t('incentiveReport.noGrants')}</Empty>
          ) : (
            <div className="gw-grid">
              <Table
                caption={t('incentiveReport.byTypeCaption')}
                captionHidden={false}
                head={[t('incentiveReport.type'), t('incentiveReport.count')]}
              >
                {report.data.byType.map((x) => (
                  <tr key={x.incentiveType}>
                    <td>{t(`incentiveType.${x.incentiveType}`)}</td>
                    <td className="gw-num">
                      {t('incentiveReport.countValue', { count: x.count })}
                    </td>
                  </tr>
                ))}
              </Table>
              <Table
                caption={t('incentiveReport.byStatusCaption')}
                captionHidden={false}
                head={[t('incentiveReport.status'), t('incentiveReport.count')]}
              >
                {report.data.byStatus.map((x) => (
                  <tr key={x.status}>
                    <td>{t(`incentiveStatus.${x.status}`)}</td>
                    <td className="gw-num">
                      {t('incentiveReport.countValue', { count: x.count })}
                    </td>
                  </tr>
                ))}
              </Table>
            </div>
          )}
          <h3>{t('incentiveReport.belowTitle')}</h3>
          {report.data.belowMinimum.length === 0 ? (
            <Empty>{t('incentiveReport.noneBelow')}</Empty>
          ) : (
            <Table
              caption={t('incentiveReport.belowCaption')}
              head={[t('incentiveReport.official'), t('incentiveReport.granted')]}
            >
              {report.data.belowMinimum.map((o) => (
                <tr key={o.userId}>
                  <td>
                    {o.name} <Badge tone="warning">{t('incentives.belowMinimum')}</Badge>
                  </td>
                  <td className="gw-num">
                    {t('incentiveReport.grantedValue', { count: o.granted })}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
    </section>
  );
}
