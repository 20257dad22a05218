// The task life cycle as the API's state machine has it (libs/tasks/src/task-state-machine.ts,
// DOMAIN.md §2) and the rules of a dated status change (사후 입력). Pure functions, no React
// (unit-tested in lifecycle.spec.ts).
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type TaskStatus = Schemas['TaskSummaryDto']['status'];
export type Transition = Schemas['TransitionDto']['action'];
export type BulkAction = Schemas['BulkTransitionDto']['action'];

const OPEN: readonly TaskStatus[] = ['DRAFT', 'PROPOSED', 'SELECTED', 'IN_PROGRESS', 'SUSPENDED'];

/** Each action: the states it leaves, where it leads, and whether it needs a reason. */
export const LIFECYCLE: Record<
  Transition,
  { from: readonly TaskStatus[]; to: TaskStatus; reason: boolean }
> = {
  propose: { from: ['DRAFT'], to: 'PROPOSED', reason: false },
  select: { from: ['PROPOSED'], to: 'SELECTED', reason: false },
  reject: { from: ['PROPOSED'], to: 'REJECTED', reason: true },
  start: { from: ['SELECTED'], to: 'IN_PROGRESS', reason: false },
  complete: { from: ['IN_PROGRESS'], to: 'COMPLETED', reason: true },
  suspend: { from: ['IN_PROGRESS', 'SELECTED'], to: 'SUSPENDED', reason: true },
  resume: { from: ['SUSPENDED'], to: 'IN_PROGRESS', reason: false },
  drop: { from: OPEN, to: 'DROPPED', reason: true },
  reopen: { from: ['COMPLETED'], to: 'IN_PROGRESS', reason: true },
};

export const TRANSITION_ACTIONS = Object.keys(LIFECYCLE) as Transition[];

export const isTransition = (action: string): action is Transition => action in LIFECYCLE;

/**
 * Every step the state machine allows from `status`, whoever may take it now: what the office may
 * record afterwards for a past day (the API lets PROACTIVE_OFFICE enter any step back-dated).
 */
export function stepsFrom(status: TaskStatus): Transition[] {
  return TRANSITION_ACTIONS.filter((a) => LIFECYCLE[a].from.includes(status));
}

/** Whether `date` (YYYY-MM-DD) is a real day before `today`: a back-dated entry needing a reason. */
export function isPastDay(date: string, today: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && date < today;
}

/** The day before `today` (YYYY-MM-DD), the latest a past entry may carry. */
export function dayBefore(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export interface TransitionInput {
  action: Transition;
  version: number;
  reason: string;
  /** The day it happened; empty for today. */
  occurredOn: string;
  lateEntryReason: string;
}

/**
 * The request body of a status change: the reason when one was typed, the day when one was chosen,
 * and the reason for entering it later only with a past day (the API ignores nothing it is sent,
 * so a reason left from a past day the user changed back is not sent).
 */
export function transitionBody(input: TransitionInput, today: string): Schemas['TransitionDto'] {
  const body: Schemas['TransitionDto'] = { action: input.action, version: input.version };
  if (input.reason.trim()) body.reason = input.reason;
  const day = input.occurredOn.trim();
  if (day) {
    body.occurredOn = day;
    if (isPastDay(day, today) && input.lateEntryReason.trim()) {
      body.lateEntryReason = input.lateEntryReason;
    }
  }
  return body;
}

/** The bulk actions that need a reason (as the single ones do). */
export const bulkNeedsReason = (action: BulkAction): boolean => LIFECYCLE[action].reason;
