import type { AnnualFiguresSection } from '@gwaje/annual-figures';

/**
 * 적극행정위원회 figures of the annual 추진실적 report (issue 22 part 7): the organisation's meetings
 * held in the year (HELD or CLOSED, by meeting date; 서면 심의 among them) and the agenda items they
 * decided (passed or rejected).
 */
const COMMITTEE_FIGURES_SQL = `
  SELECT count(*)::int AS held,
         count(*) FILTER (WHERE mt.kind = 'WRITTEN')::int AS written,
         COALESCE(sum(i.decided), 0)::int AS decided,
         COALESCE(sum(i.passed), 0)::int AS passed
    FROM committee_meetings mt
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE a.status = 'DECIDED') AS decided,
             count(*) FILTER (WHERE a.outcome = 'PASSED') AS passed
        FROM committee_agenda_items a WHERE a.meeting_id = mt.id) i ON true
   WHERE mt.organisation_id = $1 AND mt.status IN ('HELD', 'CLOSED')
     AND mt.meeting_date >= make_date($2::int, 1, 1) AND mt.meeting_date < make_date($2::int + 1, 1, 1)`;

export const COMMITTEE_ANNUAL_FIGURES: AnnualFiguresSection = {
  name: 'committee',
  order: 40,
  titleKo: '적극행정위원회 운영',
  titleEn: 'Proactive administration committee',
  async compute(m, { organisationId, year }) {
    const [r] = await m.query<
      Array<{ held: number; written: number; decided: number; passed: number }>
    >(COMMITTEE_FIGURES_SQL, [organisationId, year]);
    return [
      {
        key: 'meetingsHeld',
        labelKo: '개최 회의',
        labelEn: 'Meetings held',
        value: r.held,
        unit: 'COUNT',
      },
      {
        key: 'writtenMeetings',
        labelKo: '서면 심의',
        labelEn: 'Held in writing',
        value: r.written,
        unit: 'COUNT',
      },
      {
        key: 'itemsDecided',
        labelKo: '의결 안건',
        labelEn: 'Items decided',
        value: r.decided,
        unit: 'COUNT',
      },
      {
        key: 'itemsPassed',
        labelKo: '가결 안건',
        labelEn: 'Items passed',
        value: r.passed,
        unit: 'COUNT',
      },
    ];
  },
};
