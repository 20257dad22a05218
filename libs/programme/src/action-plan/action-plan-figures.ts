import type { AnnualFiguresSection } from '@gwaje/annual-figures';
import { annualPlanFigures } from './action-plan-query.js';

/**
 * The action plan's figures of the annual 추진실적 report: the measures of the organisation's plan
 * of the year, how many are done, the share done (dropped measures excluded) and whether the plan
 * was approved (1) or not (0): an approved version counts even while its next one is drafted.
 */
export const ACTION_PLAN_FIGURES: AnnualFiguresSection = {
  name: 'actionPlan',
  order: 10,
  titleKo: '적극행정 실행계획',
  titleEn: 'Action plan',
  async compute(m, { organisationId, year }) {
    const f = await annualPlanFigures(m, organisationId, year);
    const counted = f.total - f.dropped;
    return [
      {
        key: 'measures',
        labelKo: '세부 추진과제 수',
        labelEn: 'Measures',
        value: f.total,
        unit: 'COUNT',
      },
      {
        key: 'done',
        labelKo: '완료한 세부 추진과제 수',
        labelEn: 'Measures done',
        value: f.done,
        unit: 'COUNT',
      },
      {
        key: 'shareDone',
        labelKo: '세부 추진과제 완료율',
        labelEn: 'Share of measures done',
        value: counted > 0 ? Math.round((f.done / counted) * 10_000) / 10_000 : null,
        unit: 'SHARE',
      },
      {
        key: 'approved',
        labelKo: '실행계획 승인 여부(1: 승인)',
        labelEn: 'Plan approved (1 yes, 0 no)',
        value: f.approved ? 1 : 0,
        unit: 'COUNT',
      },
    ];
  },
};
