import type { AnnualFiguresSection } from '@gwaje/annual-figures';
import type { DashboardSection } from '@gwaje/dashboards';
import type { SettingsService } from '@gwaje/identity';
import type { EntityManager } from 'typeorm';
import { departmentFigures, yearEnd, yearTotals } from './education-query.js';
import { rate } from './education-rules.js';

/** The key of the education figures in the dashboard snapshot (`sections.education`). */
export const EDUCATION_SECTION = 'education';

/** The dashboard's education figures of a year, as of the compile's day. */
export interface EducationDashboardFigures {
  requiredHours: number;
  sessions: number;
  attendances: number;
  attendanceHours: number;
  activeUsers: number;
  completedUsers: number;
  completionRate: number | null;
  /** Per active department: users completed / counted users of the department. */
  departments: Array<{
    departmentId: string;
    name: string;
    activeUsers: number;
    completedUsers: number;
    completionRate: number | null;
  }>;
}

async function figures(
  settings: SettingsService,
  m: EntityManager,
  organisationId: string,
  year: number,
  asOf: string,
): Promise<EducationDashboardFigures> {
  const required = (await settings.values(organisationId, m))['education.requiredHoursPerYear'];
  const end = yearEnd(year, asOf);
  const [totals, depts] = [
    await yearTotals(m, organisationId, year, end),
    await departmentFigures(m, organisationId, year, end, required),
  ];
  const activeUsers = depts.reduce((n, d) => n + d.active_users, 0);
  const completedUsers = depts.reduce((n, d) => n + d.completed_users, 0);
  return {
    requiredHours: required,
    sessions: totals.sessions,
    attendances: totals.attendances,
    attendanceHours: totals.attendance_hours,
    activeUsers,
    completedUsers,
    completionRate: rate(completedUsers, activeUsers),
    departments: depts.map((d) => ({
      departmentId: d.department_id,
      name: d.name,
      activeUsers: d.active_users,
      completedUsers: d.completed_users,
      completionRate: rate(d.completed_users, d.active_users),
    })),
  };
}

/**
 * The dashboard section `education` (DOMAIN.md §7, §9): completion of the year per department
 * as of the compile's day, computed in the compile's transaction. Education history is recorded
 * under the organisation itself, so its own history mark covers it.
 */
export function educationDashboardSection(settings: SettingsService): DashboardSection {
  return {
    name: EDUCATION_SECTION,
    compute: (m, input) => figures(settings, m, input.organisationId, input.year, input.asOf),
  };
}

/**
 * The annual report's section `education` (적극행정 추진실적): sessions held, attendances and hours,
 * users completed and the completion rate of the year (users counted as they are now).
 */
export function educationAnnualFigures(settings: SettingsService): AnnualFiguresSection {
  return {
    name: EDUCATION_SECTION,
    order: 40,
    titleKo: '적극행정 교육',
    titleEn: 'Proactive administration education',
    async compute(m, { organisationId, year }) {
      const f = await figures(settings, m, organisationId, year, yearEnd(year));
      return [
        {
          key: 'sessions',
          labelKo: '교육 실시 횟수',
          labelEn: 'Sessions held',
          value: f.sessions,
          unit: 'COUNT',
        },
        {
          key: 'attendances',
          labelKo: '교육 참석 연인원',
          labelEn: 'Attendances',
          value: f.attendances,
          unit: 'PEOPLE',
        },
        {
          key: 'attendanceHours',
          labelKo: '교육 이수 시간 합계',
          labelEn: 'Hours attended in all',
          value: f.attendanceHours,
          unit: 'HOURS',
        },
        {
          key: 'requiredHours',
          labelKo: '1인 연간 이수 기준 시간',
          labelEn: 'Required hours per person',
          value: f.requiredHours,
          unit: 'HOURS',
        },
        {
          key: 'activeUsers',
          labelKo: '교육 대상 인원',
          labelEn: 'Users counted',
          value: f.activeUsers,
          unit: 'PEOPLE',
        },
        {
          key: 'completedUsers',
          labelKo: '이수 인원',
          labelEn: 'Users completed',
          value: f.completedUsers,
          unit: 'PEOPLE',
        },
        {
          key: 'completionRate',
          labelKo: '이수율',
          labelEn: 'Completion rate',
          value: f.completionRate,
          unit: 'SHARE',
        },
      ];
    },
  };
}
