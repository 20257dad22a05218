import type { Tx } from '@gwaje/db';

/**
 * The tasks' milestone-plan port: a context built on a task (collaboration tasks, whose
 * participants agree to the milestones) hears of every change of the task's milestone plan in the
 * transaction that makes it, without the tasks library naming that context.
 */
/** A change of a task's milestone plan (added, removed, or its title, due date or weight changed). */
export interface MilestonePlanChange {
  taskId: string;
  milestoneId: string;
  action: 'add' | 'update' | 'remove';
  actorId: string;
}

/**
 * Called inside the transaction that changes a task's milestone plan, after the task's row lock
 * (lock order: task first), so a context built on the task (a collaboration whose participants
 * agreed to the milestones) reacts in the same transaction. Status and done-date changes are no
 * plan change.
 */
export type MilestonePlanListener = (tx: Tx, change: MilestonePlanChange) => Promise<void>;

const planListeners = new Map<string, MilestonePlanListener>();

/** Registers (or replaces) a context's listener under its name; idempotent. */
export function registerMilestonePlanListener(name: string, listener: MilestonePlanListener): void {
  planListeners.set(name, listener);
}

/** The registered listeners, in registration order. */
export function milestonePlanListeners(): readonly MilestonePlanListener[] {
  return [...planListeners.values()];
}
