import type { GradeBand } from '@gwaje/common';
import {
  ALL_INCENTIVE_STATUSES,
  ALL_INCENTIVE_TYPES,
  type IncentiveStatus,
  type IncentiveType,
  type NominationState,
  type NominationType,
  type QualifyingTaskOwner,
} from './evaluation.entity.js';

/**
 * 인사상 우대조치 rules (DOMAIN.md §5, 지방공무원 적극행정 운영규정): who is "selected", how many
 * incentives each may take, and the per-round report's arithmetic. Pure functions, unit-tested.
 */

/**
 * Nomination types whose nominees are selected officials: individuals, teams and the officials of a
 * 모범 실패사례 (DOMAIN.md §5: eligible for awards, never excluded for the missed target). A
 * DEPARTMENT nomination names no official (its award is 우수부서 prize money).
 */
export const SELECTED_NOMINATION_TYPES: readonly NominationType[] = [
  'OFFICIAL',
  'TEAM',
  'FAILURE_CASE',
];

/**
 * A nomination's nominees are selected officials when it is CONFIRMED with a grade above the last
 * band (노력 is not a selection) and it names officials (OFFICIAL, TEAM or FAILURE_CASE).
 */
export function isSelectedNomination(
  n: { state: NominationState; grade: string | null; type: NominationType },
  grades: readonly GradeBand[],
): boolean {
  const last = grades[grades.length - 1]?.grade;
  return (
    n.state === 'CONFIRMED' &&
    n.grade !== null &&
    n.grade !== last &&
    SELECTED_NOMINATION_TYPES.includes(n.type)
  );
}

/** A priority task counts for the owner's allowance in these states (selected, under way or done). */
export const OWNER_QUALIFYING_TASK_STATUSES = ['SELECTED', 'IN_PROGRESS', 'COMPLETED'] as const;

/**
 * The nominees who own (주담당자) a qualifying priority task of the round's year: taken when the
 * nomination is submitted and kept on it, so a later change of owner or status does not move it.
 */
export function qualifyingTaskOwners(
  tasks: ReadonlyArray<{ id: string; code: string; ownerId: string; year: number; status: string }>,
  nomineeUserIds: readonly string[],
  roundYear: number,
): QualifyingTaskOwner[] {
  return tasks
    .filter(
      (t) =>
        t.year === roundYear &&
        nomineeUserIds.includes(t.ownerId) &&
        (OWNER_QUALIFYING_TASK_STATUSES as readonly string[]).includes(t.status),
    )
    .map((t) => ({ userId: t.ownerId, taskId: t.id, code: t.code, status: t.status }))
    .sort((a, b) => a.code.localeCompare(b.code) || a.taskId.localeCompare(b.taskId));
}

/**
 * How many incentives the official may hold: the round's `incentivesMaxTaskOwner` when the
 * nomination's snapshot shows them as owner of a qualifying task, else `incentivesMax`.
 */
export function incentiveAllowance(
  snapshot: readonly QualifyingTaskOwner[],
  userId: string,
  limits: { max: number; maxTaskOwner: number },
): { max: number; taskOwner: boolean } {
  const taskOwner = snapshot.some((s) => s.userId === userId);
  return { max: taskOwner ? limits.maxTaskOwner : limits.max, taskOwner };
}

/** The statute's major incentives: 특별승진, 특별승급, 성과상여금 최고등급. */
export const MAJOR_INCENTIVES: readonly IncentiveType[] = [
  'SPECIAL_PROMOTION',
  'SPECIAL_STEP_INCREASE',
  'TOP_PERFORMANCE_BONUS',
];

export interface IncentiveReportFigures {
  selectedOfficials: number;
  byType: Record<IncentiveType, number>;
  byStatus: Record<IncentiveStatus, number>;
  /** Selected officials with at least one major incentive that is not cancelled. */
  withMajorIncentive: number;
  /** withMajorIncentive / selectedOfficials, 0 when nobody is selected (four decimals). */
  majorShare: number;
  /** The same as a percent with one decimal. */
  majorSharePercent: number;
  /** Selected officials holding fewer than `min` incentives that are not cancelled. */
  belowMinimum: Array<{ userId: string; granted: number }>;
}

/**
 * The per-round incentive report's figures. Counts by type leave cancelled grants out (they are
 * counted under their status); an official is counted once however many nominations name them.
 */
export function incentiveReportFigures(
  selectedUserIds: readonly string[],
  grants: ReadonlyArray<{ userId: string; incentiveType: IncentiveType; status: IncentiveStatus }>,
  min: number,
): IncentiveReportFigures {
  const selected = [...new Set(selectedUserIds)];
  const byType = Object.fromEntries(ALL_INCENTIVE_TYPES.map((t) => [t, 0])) as Record<
    IncentiveType,
    number
  >;
  const byStatus = Object.fromEntries(ALL_INCENTIVE_STATUSES.map((s) => [s, 0])) as Record<
    IncentiveStatus,
    number
  >;
  const active = new Map<string, number>();
  const major = new Set<string>();
  for (const g of grants) {
    byStatus[g.status] += 1;
    if (g.status === 'CANCELLED') continue;
    byType[g.incentiveType] += 1;
    active.set(g.userId, (active.get(g.userId) ?? 0) + 1);
    if (MAJOR_INCENTIVES.includes(g.incentiveType)) major.add(g.userId);
  }
  const withMajorIncentive = selected.filter((u) => major.has(u)).length;
  const share = selected.length ? withMajorIncentive / selected.length : 0;
  return {
    selectedOfficials: selected.length,
    byType,
    byStatus,
    withMajorIncentive,
    majorShare: Math.round(share * 10000) / 10000,
    majorSharePercent: Math.round(share * 1000) / 10,
    belowMinimum: selected
      .map((userId) => ({ userId, granted: active.get(userId) ?? 0 }))
      .filter((o) => o.granted < min),
  };
}
