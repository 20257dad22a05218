import { type AnnualFiguresSection, averageOf, businessDaysBetween } from '@gwaje/annual-figures';

/**
 * 사전컨설팅 figures of the annual 추진실적 report (issue 22 part 7): the organisation's requests
 * counted in the year (a request about a task in the task's year, DOMAIN.md §8). Requested: every
 * request submitted (drafts are the department's own); answered: an opinion was issued (by the audit
 * unit or, after escalation, the parent's); turnaround: business days from the Seoul date of
 * submission to that of the opinion, averaged over the answered; followed: closed as followed.
 */
const CONSULTATION_FIGURES_SQL = `
  SELECT count(*)::int AS requested,
         count(*) FILTER (WHERE c.state = 'REJECTED')::int AS rejected,
         count(*) FILTER (WHERE c.follow_up = 'FOLLOWED')::int AS followed,
         count(*) FILTER (WHERE c.immunity_presumed)::int AS immunity,
         COALESCE(jsonb_agg(jsonb_build_array(
                    to_char(c.submitted_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD'),
                    to_char(c.opinion_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD')))
                  FILTER (WHERE c.opinion_at IS NOT NULL), '[]') AS answered
    FROM consultations c
   WHERE c.organisation_id = $1 AND c.year = $2 AND c.state <> 'DRAFT'`;

/** The average turnaround in business days of answered requests (submitted, answered), one decimal. */
export function averageTurnaroundBusinessDays(
  answered: ReadonlyArray<readonly [string, string]>,
): number | null {
  return averageOf(answered.map(([submitted, opinion]) => businessDaysBetween(submitted, opinion)));
}

export const CONSULTATION_ANNUAL_FIGURES: AnnualFiguresSection = {
  name: 'consultations',
  order: 20,
  titleKo: '사전컨설팅',
  titleEn: 'Pre-consultations',
  async compute(m, { organisationId, year }) {
    const [r] = await m.query<
      Array<{
        requested: number;
        rejected: number;
        followed: number;
        immunity: number;
        answered: Array<[string, string]>;
      }>
    >(CONSULTATION_FIGURES_SQL, [organisationId, year]);
    return [
      {
        key: 'requested',
        labelKo: '신청',
        labelEn: 'Requested',
        value: r.requested,
        unit: 'COUNT',
      },
      {
        key: 'answered',
        labelKo: '의견 회신',
        labelEn: 'Answered',
        value: r.answered.length,
        unit: 'COUNT',
      },
      { key: 'rejected', labelKo: '반려', labelEn: 'Rejected', value: r.rejected, unit: 'COUNT' },
      {
        key: 'averageTurnaround',
        labelKo: '평균 처리기간(근무일)',
        labelEn: 'Average turnaround (business days)',
        value: averageTurnaroundBusinessDays(r.answered),
        unit: 'DAYS',
      },
      {
        key: 'followed',
        labelKo: '의견대로 처리',
        labelEn: 'Followed',
        value: r.followed,
        unit: 'COUNT',
      },
      {
        key: 'immunityPresumed',
        labelKo: '면책 추정',
        labelEn: 'Immunity presumed',
        value: r.immunity,
        unit: 'COUNT',
      },
    ];
  },
};
