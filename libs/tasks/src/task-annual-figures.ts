import { type AnnualFiguresSection, shareOf } from '@gwaje/annual-figures';

/**
 * 중점과제 figures of the annual 추진실적 report (issue 22 part 7): the organisation's priority tasks
 * of the year. "Selected" are the tasks the office selected and did not drop or reject (SELECTED,
 * IN_PROGRESS, COMPLETED, SUSPENDED: the dashboard's priority count, DOMAIN.md §7); the completion
 * rate is completed over selected.
 */
const TASK_FIGURES_SQL = `
  SELECT count(*) FILTER (WHERE t.status IN ('SELECTED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED'))::int AS selected,
         count(*) FILTER (WHERE t.status = 'COMPLETED')::int AS completed,
         count(*) FILTER (WHERE t.status = 'IN_PROGRESS')::int AS in_progress,
         count(*) FILTER (WHERE t.status = 'SUSPENDED')::int AS suspended
    FROM tasks t
   WHERE t.organisation_id = $1 AND t.year = $2`;

export const TASK_ANNUAL_FIGURES: AnnualFiguresSection = {
  name: 'tasks',
  order: 10,
  titleKo: '적극행정 중점과제',
  titleEn: 'Priority tasks',
  async compute(m, { organisationId, year }) {
    const [r] = await m.query<
      Array<{ selected: number; completed: number; in_progress: number; suspended: number }>
    >(TASK_FIGURES_SQL, [organisationId, year]);
    return [
      {
        key: 'selected',
        labelKo: '선정 과제',
        labelEn: 'Selected',
        value: r.selected,
        unit: 'COUNT',
      },
      {
        key: 'completed',
        labelKo: '완료',
        labelEn: 'Completed',
        value: r.completed,
        unit: 'COUNT',
      },
      {
        key: 'inProgress',
        labelKo: '추진 중',
        labelEn: 'In progress',
        value: r.in_progress,
        unit: 'COUNT',
      },
      {
        key: 'suspended',
        labelKo: '중단',
        labelEn: 'Suspended',
        value: r.suspended,
        unit: 'COUNT',
      },
      {
        key: 'completionRate',
        labelKo: '완료율',
        labelEn: 'Completion rate',
        value: shareOf(r.completed, r.selected),
        unit: 'SHARE',
      },
    ];
  },
};
