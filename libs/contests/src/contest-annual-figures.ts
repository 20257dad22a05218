import type { AnnualFiguresSection } from '@gwaje/annual-figures';

/**
 * 경진대회 figures of the annual 추진실적 report (issue 22 part 7): the contest rounds of the year the
 * organisation ran (beyond drafting), the entries it submitted to any organiser's rounds of the year
 * (its own, its 시·도's or the ministry's), and those of them awarded once results were published.
 */
const CONTEST_FIGURES_SQL = `
  SELECT (SELECT count(*)::int FROM contest_rounds r
           WHERE r.organisation_id = $1 AND r.year = $2 AND r.status <> 'DRAFT') AS organised,
         count(e.id)::int AS entries,
         count(e.id) FILTER (WHERE e.state = 'AWARDED'
                               AND r.status IN ('RESULTS_PUBLISHED', 'CLOSED'))::int AS awarded
    FROM contest_entries e JOIN contest_rounds r ON r.id = e.round_id
   WHERE e.entrant_organisation_id = $1 AND r.year = $2`;

export const CONTEST_ANNUAL_FIGURES: AnnualFiguresSection = {
  name: 'contests',
  order: 50,
  titleKo: '적극행정 경진대회',
  titleEn: 'Contests',
  async compute(m, { organisationId, year }) {
    const [r] = await m.query<Array<{ organised: number; entries: number; awarded: number }>>(
      CONTEST_FIGURES_SQL,
      [organisationId, year],
    );
    return [
      {
        key: 'roundsOrganised',
        labelKo: '개최 경진대회',
        labelEn: 'Rounds organised',
        value: r.organised,
        unit: 'COUNT',
      },
      {
        key: 'entries',
        labelKo: '출품(참가) 사례',
        labelEn: 'Entries',
        value: r.entries,
        unit: 'COUNT',
      },
      { key: 'awards', labelKo: '수상', labelEn: 'Awards', value: r.awarded, unit: 'COUNT' },
    ];
  },
};
