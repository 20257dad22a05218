import { TaskStatus } from './task.entity.js';

/** Transitions of DOMAIN.md §2. */
export const TaskAction = {
  PROPOSE: 'propose',
  SELECT: 'select',
  REJECT: 'reject',
  START: 'start',
  COMPLETE: 'complete',
  SUSPEND: 'suspend',
  RESUME: 'resume',
  DROP: 'drop',
  REOPEN: 'reopen',
} as const;
export type TaskAction = (typeof TaskAction)[keyof typeof TaskAction];
export const ALL_TASK_ACTIONS = Object.values(TaskAction);

/**
 * How the caller stands to the task. A transition names the standings that may take it; the
 * caller needs one of them.
 */
export type Standing =
  /** STAFF or DEPT_HEAD of the lead department */
  | 'LEAD_STAFF'
  /** DEPT_HEAD of the lead department */
  | 'LEAD_HEAD'
  /** the task's owner (주담당자) */
  | 'OWNER'
  /** PROACTIVE_OFFICE of the task's organisation */
  | 'OFFICE';

export interface Transition {
  from: readonly TaskStatus[];
  action: TaskAction;
  to: TaskStatus;
  who: readonly Standing[];
  /** The action needs a reason (for `complete`, the evidence of completion). */
  reasonRequired: boolean;
}

const { DRAFT, PROPOSED, SELECTED, REJECTED, IN_PROGRESS, COMPLETED, SUSPENDED, DROPPED } =
  TaskStatus;

/** States a task can still be dropped from. */
export const OPEN_STATES: readonly TaskStatus[] = [
  DRAFT,
  PROPOSED,
  SELECTED,
  IN_PROGRESS,
  SUSPENDED,
];

export const TASK_TRANSITIONS: readonly Transition[] = [
  { from: [DRAFT], action: 'propose', to: PROPOSED, who: ['LEAD_STAFF'], reasonRequired: false },
  { from: [PROPOSED], action: 'select', to: SELECTED, who: ['OFFICE'], reasonRequired: false },
  { from: [PROPOSED], action: 'reject', to: REJECTED, who: ['OFFICE'], reasonRequired: true },
  {
    from: [SELECTED],
    action: 'start',
    to: IN_PROGRESS,
    who: ['OWNER', 'LEAD_HEAD'],
    reasonRequired: false,
  },
  {
    from: [IN_PROGRESS],
    action: 'complete',
    to: COMPLETED,
    who: ['LEAD_HEAD'],
    reasonRequired: true,
  },
  {
    from: [IN_PROGRESS, SELECTED],
    action: 'suspend',
    to: SUSPENDED,
    who: ['OFFICE'],
    reasonRequired: true,
  },
  { from: [SUSPENDED], action: 'resume', to: IN_PROGRESS, who: ['OFFICE'], reasonRequired: false },
  { from: OPEN_STATES, action: 'drop', to: DROPPED, who: ['OFFICE'], reasonRequired: true },
  { from: [COMPLETED], action: 'reopen', to: IN_PROGRESS, who: ['OFFICE'], reasonRequired: true },
];

/** What the office may do to many proposed (or open) tasks in one request. */
export const BULK_TASK_ACTIONS = ['select', 'reject', 'drop'] as const;
export type BulkTaskAction = (typeof BULK_TASK_ACTIONS)[number];

/** Final states: nothing but `reopen` (from COMPLETED) leaves them. */
export const CLOSED_STATES: readonly TaskStatus[] = [REJECTED, COMPLETED, DROPPED];

export function transitionFor(status: TaskStatus, action: TaskAction): Transition | undefined {
  return TASK_TRANSITIONS.find((t) => t.action === action && t.from.includes(status));
}

/** The actions the caller may take on a task in `status`, in table order. */
export function allowedTransitions(
  status: TaskStatus,
  standings: ReadonlySet<Standing>,
): TaskAction[] {
  return TASK_TRANSITIONS.filter(
    (t) => t.from.includes(status) && t.who.some((w) => standings.has(w)),
  ).map((t) => t.action);
}
