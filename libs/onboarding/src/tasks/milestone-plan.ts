import { TASK_STATUS_LABELS, type TaskStatus } from '@gwaje/tasks';
import type { ImportProblems } from '../import-problems.js';
import type { ExistingMilestone } from './tasks-import-query.js';
import type { MilestoneRow } from './tasks-sheet.js';

/** States in which an import may still change a task's plan (DOMAIN.md §2: drafts and proposals). */
export const PLANNING_STATES: readonly TaskStatus[] = ['DRAFT', 'PROPOSED'];

/** A task's milestones are planned against: its period and state after the import. */
export interface MilestoneTarget {
  /** null: a task the import creates. */
  taskId: string | null;
  code: string;
  status: TaskStatus;
  startDate: string;
  dueDate: string;
  existing: readonly ExistingMilestone[];
}

export interface MilestonePlan {
  row: MilestoneRow;
  target: MilestoneTarget;
  outcome: 'created' | 'updated' | 'unchanged';
  milestone: ExistingMilestone | null;
  after: { title: string; dueDate: string; weight: number };
  /** Korean headers of the changed values. */
  changes: string[];
  /** The id of the milestone a real import created for this row. */
  createdId?: string;
}

export const lockedMessage = (status: TaskStatus) => ({
  ko: `「${TASK_STATUS_LABELS[status]}」 상태의 과제는 가져오기로 바꿀 수 없습니다(작성중·제안 상태만 됩니다). 이 행을 지우거나 지금 값으로 맞추세요.`,
  en: `a task in state ${status} cannot be changed by an import (only DRAFT and PROPOSED can); remove the row or match the current values`,
});

/**
 * The milestone rows of one task, each matched by title to the task's milestones: a new title
 * adds one, a known title with another due date or weight changes it, else nothing. Due dates
 * must lie within the task's period; a task past PROPOSED refuses any change.
 */
export function planMilestones(
  target: MilestoneTarget,
  rows: readonly MilestoneRow[],
  problems: ImportProblems,
): MilestonePlan[] {
  const plans: MilestonePlan[] = [];
  for (const row of rows) {
    const at = (column: string) => ({ sheet: row.sheet, row: row.row, column });
    const same = target.existing.filter((m) => m.title === row.title);
    if (same.length > 1) {
      problems.at(at('단계명'), 'ambiguousMilestone', {
        ko: '이 과제에 같은 이름의 단계가 여럿 있어 어느 단계인지 알 수 없습니다. 화면에서 단계 이름을 먼저 고치세요.',
        en: 'the task has several milestones of this title; rename them on screen first',
      });
      continue;
    }
    const milestone = same[0] ?? null;
    const after = {
      title: row.title,
      dueDate: row.dueDate,
      weight: row.weight ?? milestone?.weight ?? 1,
    };
    if (after.dueDate < target.startDate || after.dueDate > target.dueDate) {
      problems.at(at('완료 예정일'), 'withinTask', {
        ko: `단계 완료 예정일은 과제 기간(${target.startDate}~${target.dueDate}) 안의 날짜여야 합니다.`,
        en: `must lie within the task's period (${target.startDate} to ${target.dueDate})`,
      });
    }
    const changes = milestone
      ? [
          ...(milestone.dueDate !== after.dueDate ? ['완료 예정일'] : []),
          ...(milestone.weight !== after.weight ? ['가중치'] : []),
        ]
      : [];
    const outcome = !milestone ? 'created' : changes.length ? 'updated' : 'unchanged';
    if (outcome !== 'unchanged' && target.taskId && !PLANNING_STATES.includes(target.status)) {
      for (const column of outcome === 'created' ? ['단계명'] : changes)
        problems.at(at(column), 'taskLocked', lockedMessage(target.status));
    }
    plans.push({ row, target, outcome, milestone, after, changes });
  }
  return plans;
}

/**
 * Milestones the file does not list stay as they are, so they must still lie within the task's
 * period after the import; the first one outside is named.
 */
export function milestoneOutside(
  target: MilestoneTarget,
  listed: readonly MilestonePlan[],
): ExistingMilestone | undefined {
  const touched = new Set(listed.flatMap((p) => (p.milestone ? [p.milestone.id] : [])));
  return target.existing.find(
    (m) => !touched.has(m.id) && (m.dueDate < target.startDate || m.dueDate > target.dueDate),
  );
}
