import type { AnnualFiguresSection } from '@gwaje/annual-figures';
import { seoulDate } from '@gwaje/calendar';
import { YEAR_APPLICATIONS, type YearApplicationRow } from './citizen-applications-query.js';
import { applicationStatistics } from './citizen-applications-views.js';

/**
 * The annual report's section of 적극행정 국민신청 (@gwaje/annual-figures): the year's
 * applications by the day of receipt, accepted (수용), rejected (불수용), pending (not decided) and
 * the average business days from receipt to the reply.
 */
export const CITIZEN_APPLICATIONS_FIGURES: AnnualFiguresSection = {
  name: 'citizenApplications',
  order: 70,
  titleKo: '적극행정 국민신청',
  titleEn: 'Citizens’ applications for proactive administration',
  async compute(m, { organisationId, year }) {
    const rows = await m.query<YearApplicationRow[]>(YEAR_APPLICATIONS, [organisationId, year]);
    const s = applicationStatistics(year, rows, seoulDate());
    return [
      { key: 'received', labelKo: '접수', labelEn: 'Received', value: s.received, unit: 'COUNT' },
      { key: 'accepted', labelKo: '수용', labelEn: 'Accepted', value: s.accepted, unit: 'COUNT' },
      { key: 'rejected', labelKo: '불수용', labelEn: 'Rejected', value: s.rejected, unit: 'COUNT' },
      {
        key: 'pending',
        labelKo: '처리 중',
        labelEn: 'Pending (not decided)',
        value: s.pending,
        unit: 'COUNT',
      },
      {
        key: 'averageProcessingDays',
        labelKo: '평균 처리기간(근무일)',
        labelEn: 'Average processing time (business days)',
        value: s.averageProcessingBusinessDays,
        unit: 'DAYS',
      },
    ];
  },
};
