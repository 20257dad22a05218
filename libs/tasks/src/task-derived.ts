import { MilestoneStatus } from './milestone.entity.js';
import { TaskStatus } from './task.entity.js';
import { seoulDate } from '@gwaje/calendar';

/** Active states: the task is supposed to be moving, reports progress and can be delayed. */
export const ACTIVE_TASK_STATES: readonly TaskStatus[] = [
  TaskStatus.SELECTED,
  TaskStatus.IN_PROGRESS,
];
/** States in which a passed due date makes a task delayed. */
export const DELAY_TRACKED_STATES = ACTIVE_TASK_STATES;

export interface MilestoneFacts {
  status: MilestoneStatus;
  dueDate: string;
  weight: number;
}

/**
 * DOMAIN.md §2: the weighted share of done milestones, unless the latest accepted report states a
 * figure. A completed task is at 100; a task without milestones or report is at 0. Rounded to a
 * whole percent. The same rule is written in SQL in task-query.ts for lists; the unit tests hold
 * both to the same cases.
 */
export function taskProgress(
  status: TaskStatus,
  reportedProgress: number | null,
  milestones: readonly MilestoneFacts[],
): number {
  if (status === TaskStatus.COMPLETED) return 100;
  if (reportedProgress !== null) return reportedProgress;
  // Weights have two decimals (numeric(8,2)): sum them as whole hundredths, so a share that is
  // exactly x.5 rounds up here as it does in Postgres, not down through float error.
  const hundredths = (w: number) => Math.round(w * 100);
  const total = milestones.reduce((n, m) => n + hundredths(m.weight), 0);
  if (total <= 0) return 0;
  const done = milestones
    .filter((m) => m.status === MilestoneStatus.DONE)
    .reduce((n, m) => n + hundredths(m.weight), 0);
  return Math.round((100 * done) / total);
}

/** Delayed is a flag, not a state: the task or one of its milestones is past due and unfinished. */
export function taskDelayed(
  status: TaskStatus,
  dueDate: string,
  milestones: readonly MilestoneFacts[],
  today: string,
): boolean {
  if (!DELAY_TRACKED_STATES.includes(status)) return false;
  if (dueDate < today) return true;
  return milestones.some((m) => m.status === MilestoneStatus.PLANNED && m.dueDate < today);
}

/** Today's date in Asia/Seoul as YYYY-MM-DD (ARCHITECTURE.md convention 9). */
export function seoulToday(now: Date = new Date()): string {
  return seoulDate(now);
}
