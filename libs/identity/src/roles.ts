/** Roles of DOMAIN.md §1. A user may hold several. */
export const Role = {
  STAFF: 'STAFF',
  DEPT_HEAD: 'DEPT_HEAD',
  AUDITOR: 'AUDITOR',
  PROACTIVE_OFFICE: 'PROACTIVE_OFFICE',
  COMMITTEE: 'COMMITTEE',
  ADMIN: 'ADMIN',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ALL_ROLES = Object.values(Role);

export const ROLE_LABELS: Record<Role, string> = {
  STAFF: '부서 직원',
  DEPT_HEAD: '부서장',
  AUDITOR: '감사담당관',
  PROACTIVE_OFFICE: '적극행정 전담부서',
  COMMITTEE: '적극행정위원회 위원',
  ADMIN: '시스템 관리자',
};
