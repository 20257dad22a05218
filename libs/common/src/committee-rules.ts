/**
 * The 적극행정위원회's decision rules (지방공무원 적극행정 운영규정 / 적극행정 운영규정, as amended
 * 2025-12-30), shared by every context that puts something before the committee (evaluation
 * rounds, contests, pre-consultation advice, 의견제시) and by the committee context itself.
 */

/**
 * 재적위원 과반수의 출석으로 개의하고, 출석위원 과반수의 찬성으로 의결한다.
 * Abstentions count as present and not for, so they weigh like a vote against.
 * `present` is those present *for this item*: members excluded from it (제척·기피·회피) are not.
 */
export function resolutionOutcome(r: { members: number; present: number; votesFor: number }): {
  quorum: boolean;
  passed: boolean;
  quorumRequired: number;
  votesRequired: number;
} {
  const quorumRequired = Math.floor(r.members / 2) + 1;
  const votesRequired = Math.floor(r.present / 2) + 1;
  const quorum = r.members > 0 && r.present >= quorumRequired;
  return { quorum, passed: quorum && r.votesFor >= votesRequired, quorumRequired, votesRequired };
}

/** How someone stands to what an agenda item (or a nomination, or a contest entry) decides. */
export type InterestedRole = 'NOMINEE' | 'TEAM_MEMBER' | 'DEPARTMENT' | 'NOMINATOR' | 'REQUESTER';

export interface InterestedParty {
  role: InterestedRole;
  /** A person (nominee, team member, nominator, requester). */
  userId?: string;
  /** A nominated department: its members are interested. */
  departmentId?: string;
}

/**
 * 제척: why a member may not score or vote on a matter, or null. A member who is the nominee, a
 * member of the nominated team or department, or the nominator (or the requester) is excluded
 * automatically; the first matching role is the reason.
 */
export function disqualification(
  member: { userId: string; departmentIds: readonly string[] },
  parties: readonly InterestedParty[],
): InterestedRole | null {
  for (const p of parties) {
    if (p.userId && p.userId === member.userId) return p.role;
    if (p.departmentId && member.departmentIds.includes(p.departmentId)) return p.role;
  }
  return null;
}

/** The composition rule (settings; the statute's defaults: chair plus at least 8, half civilian). */
export interface CompositionRule {
  minMembers: number;
  maxMembers: number;
  /** Percent of the members who must be civilians (민간위원). */
  minCivilianPercent: number;
}

export const DEFAULT_COMPOSITION: CompositionRule = {
  minMembers: 9,
  maxMembers: 15,
  minCivilianPercent: 50,
};

export type CompositionWarning =
  | { code: 'NO_CHAIR' }
  | { code: 'SEVERAL_CHAIRS'; chairs: number }
  | { code: 'TOO_FEW_MEMBERS'; members: number; required: number }
  | { code: 'TOO_MANY_MEMBERS'; members: number; allowed: number }
  | { code: 'TOO_FEW_CIVILIANS'; civilians: number; required: number };

/**
 * What the sitting members (chair included) lack against the rule: warnings, not refusals, so a
 * committee short of a member can still meet, and its minutes say so.
 */
export function compositionWarnings(
  members: readonly { chair: boolean; civilian: boolean }[],
  rule: CompositionRule,
): CompositionWarning[] {
  const warnings: CompositionWarning[] = [];
  const chairs = members.filter((m) => m.chair).length;
  if (chairs === 0) warnings.push({ code: 'NO_CHAIR' });
  if (chairs > 1) warnings.push({ code: 'SEVERAL_CHAIRS', chairs });
  if (members.length < rule.minMembers) {
    warnings.push({ code: 'TOO_FEW_MEMBERS', members: members.length, required: rule.minMembers });
  }
  if (members.length > rule.maxMembers) {
    warnings.push({ code: 'TOO_MANY_MEMBERS', members: members.length, allowed: rule.maxMembers });
  }
  const civilians = members.filter((m) => m.civilian).length;
  const required = Math.ceil((members.length * rule.minCivilianPercent) / 100);
  if (civilians < required) warnings.push({ code: 'TOO_FEW_CIVILIANS', civilians, required });
  return warnings;
}
