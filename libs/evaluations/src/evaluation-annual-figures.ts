import { type AnnualFigure, type AnnualFiguresSection } from '@gwaje/annual-figures';
import {
  ALL_INCENTIVE_TYPES,
  type IncentiveStatus,
  type IncentiveType,
} from './evaluation.entity.js';
import { INCENTIVE_TYPE_LABELS } from './evaluation-export.service.js';
import { incentiveReportFigures, SELECTED_NOMINATION_TYPES } from './incentive-rules.js';

const INCENTIVE_TYPE_LABELS_EN: Record<IncentiveType, string> = {
  SPECIAL_PROMOTION: 'Special promotion',
  SPECIAL_STEP_INCREASE: 'Special step increase',
  TOP_PERFORMANCE_BONUS: 'Top performance bonus grade',
  REWARD_LEAVE: 'Reward leave',
  SENIOR_TREATMENT_SHORTENING: 'Shorter wait for senior treatment',
  RATING_BONUS_POINTS: 'Performance rating bonus points',
  SENIORITY_PROMOTION_SHORTENING: 'Shorter wait for seniority promotion',
  OTHER: 'Other',
};

/**
 * The officials selected in the organisation's evaluation rounds of the year (the same selection as
 * isSelectedNomination: CONFIRMED OFFICIAL, TEAM or FAILURE_CASE nominations above the round's last
 * grade band) and the incentives granted in those rounds.
 */
const SELECTED_SQL = `
  SELECT DISTINCT x.user_id
    FROM evaluation_rounds r
    JOIN nominations n ON n.round_id = r.id
    CROSS JOIN LATERAL unnest(n.nominee_user_ids) AS x(user_id)
   WHERE r.organisation_id = $1 AND r.year = $2
     AND n.state = 'CONFIRMED' AND n.type = ANY($3::text[])
     AND n.grade IS NOT NULL AND n.grade <> (r.grades -> -1 ->> 'grade')`;
const GRANTS_SQL = `
  SELECT g.user_id AS "userId", g.incentive_type AS "incentiveType", g.status
    FROM incentive_grants g JOIN evaluation_rounds r ON r.id = g.round_id
   WHERE r.organisation_id = $1 AND r.year = $2`;

/**
 * 우수공무원 and 인사상 우대조치 figures of the annual 추진실적 report (issue 22 part 7), over every
 * evaluation round of the year (annual and half-year contests): officials selected (each counted
 * once), incentives by type (cancelled ones left out), and the share of selected officials holding
 * one of the statute's major incentives (특별승진, 특별승급, 성과상여금 최고등급; DOMAIN.md §5).
 */
export const EVALUATION_ANNUAL_FIGURES: AnnualFiguresSection = {
  name: 'evaluations',
  order: 30,
  titleKo: '적극행정 우수공무원 선발 및 인사상 우대',
  titleEn: 'Selected officials and incentives',
  async compute(m, { organisationId, year }) {
    const selected = await m.query<Array<{ user_id: string }>>(SELECTED_SQL, [
      organisationId,
      year,
      SELECTED_NOMINATION_TYPES,
    ]);
    const grants = await m.query<
      Array<{ userId: string; incentiveType: IncentiveType; status: IncentiveStatus }>
    >(GRANTS_SQL, [organisationId, year]);
    const f = incentiveReportFigures(
      selected.map((s) => s.user_id),
      grants,
      0,
    );
    const byType: AnnualFigure[] = ALL_INCENTIVE_TYPES.map((t) => ({
      key: `incentive${t
        .toLowerCase()
        .split('_')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join('')}`,
      labelKo: `우대조치: ${INCENTIVE_TYPE_LABELS[t]}`,
      labelEn: `Incentive: ${INCENTIVE_TYPE_LABELS_EN[t]}`,
      value: f.byType[t],
      unit: 'COUNT',
    }));
    const totalIncentives = ALL_INCENTIVE_TYPES.reduce((sum, t) => sum + f.byType[t], 0);
    return [
      {
        key: 'selectedOfficials',
        labelKo: '우수공무원 선발',
        labelEn: 'Officials selected',
        value: f.selectedOfficials,
        unit: 'PEOPLE',
      },
      {
        key: 'incentives',
        labelKo: '인사상 우대조치(계)',
        labelEn: 'Incentives granted',
        value: totalIncentives,
        unit: 'COUNT',
      },
      ...byType,
      {
        key: 'majorIncentiveOfficials',
        labelKo: '주요 우대조치(특별승진·특별승급·성과상여금 최고등급) 받은 인원',
        labelEn: 'Selected officials with a major incentive',
        value: f.withMajorIncentive,
        unit: 'PEOPLE',
      },
      {
        key: 'majorIncentiveShare',
        labelKo: '주요 우대조치 비율',
        labelEn: 'Share with a major incentive',
        value: f.selectedOfficials ? f.majorShare : null,
        unit: 'SHARE',
      },
    ];
  },
};
