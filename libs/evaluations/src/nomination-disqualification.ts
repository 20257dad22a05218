import { disqualification, type InterestedParty, type InterestedRole } from '@gwaje/common';
import type { NominationType } from './evaluation.entity.js';

/**
 * 제척 in scoring (지방공무원 적극행정 운영규정; DOMAIN.md §9): a committee member who is a nominee,
 * a member of the nominated team, in a nominated department, or the nominator cannot score the
 * nomination, and is not counted for it. A TEAM nomination names its members as nominee users
 * (and may name departments); an OFFICIAL or FAILURE_CASE nomination names its nominee as a user.
 */
export function nominationParties(n: {
  type: NominationType;
  nomineeUserIds: readonly string[];
  nomineeDepartmentIds: readonly string[];
  nominatedBy: string;
}): InterestedParty[] {
  const personRole: InterestedRole = n.type === 'TEAM' ? 'TEAM_MEMBER' : 'NOMINEE';
  return [
    ...n.nomineeUserIds.map((userId) => ({ role: personRole, userId })),
    ...n.nomineeDepartmentIds.map((departmentId) => ({
      role: 'DEPARTMENT' as const,
      departmentId,
    })),
    { role: 'NOMINATOR' as const, userId: n.nominatedBy },
  ];
}

/** Why the member may not score the nomination, or null. */
export function nominationDisqualification(
  member: { userId: string; departmentIds: readonly string[] },
  n: Parameters<typeof nominationParties>[0],
): InterestedRole | null {
  return disqualification(member, nominationParties(n));
}

/**
 * The same rule in SQL, for queries over many members and nominations at once: true when the
 * member (`memberId`, whose department is `memberDept`) is disqualified from the nomination
 * aliased `n` (a row of `nominations`). Keep in step with `nominationParties`.
 */
export function disqualifiedSql(memberId: string, memberDept: string, n = 'n'): string {
  return `(${memberId} = ANY(${n}.nominee_user_ids) OR ${memberId} = ${n}.nominated_by
           OR ${memberDept} = ANY(${n}.nominee_department_ids))`;
}
