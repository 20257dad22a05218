import { type AuthUser, Role } from '@gwaje/identity';
import { allowedTransitions, type Standing, type TaskAction } from './task-state-machine.js';
import { TaskStatus } from './task.entity.js';

/** Non-transition actions a client may render buttons for. */
export const TaskEditAction = {
  /** plan fields, milestones (add/change/remove), members and partner departments */
  EDIT: 'edit',
  /** risk, current KPI value, milestone done/planned */
  UPDATE_PROGRESS: 'updateProgress',
} as const;
export type TaskEditAction = (typeof TaskEditAction)[keyof typeof TaskEditAction];
export type TaskAllowedAction = TaskAction | TaskEditAction;

export interface TaskFacts {
  organisationId: string;
  leadDepartmentId: string;
  ownerId: string;
  status: TaskStatus;
  /** Whether the caller is a member of the task. */
  isMember: boolean;
}

const PLANNING: readonly TaskStatus[] = [TaskStatus.DRAFT, TaskStatus.PROPOSED];
const RUNNING: readonly TaskStatus[] = [
  TaskStatus.SELECTED,
  TaskStatus.IN_PROGRESS,
  TaskStatus.SUSPENDED,
];
const MOVING: readonly TaskStatus[] = [TaskStatus.SELECTED, TaskStatus.IN_PROGRESS];

export function standingsOf(user: AuthUser, task: TaskFacts): Set<Standing> {
  const s = new Set<Standing>();
  const inLead = user.departmentId === task.leadDepartmentId;
  if (inLead && (user.roles.includes(Role.STAFF) || user.roles.includes(Role.DEPT_HEAD)))
    s.add('LEAD_STAFF');
  if (inLead && user.roles.includes(Role.DEPT_HEAD)) s.add('LEAD_HEAD');
  if (task.ownerId === user.id) s.add('OWNER');
  if (user.organisationId === task.organisationId && user.roles.includes(Role.PROACTIVE_OFFICE))
    s.add('OFFICE');
  return s;
}

/**
 * Who may change what (DOMAIN.md §1–2): the lead department's staff plan a task while it is a
 * draft or proposal; once selected, only its head changes the plan, and the owner, members and
 * head record progress. Partner departments and org-wide readers never write. Closed tasks only
 * move through transitions.
 */
export function allowedTaskActions(user: AuthUser, task: TaskFacts): TaskAllowedAction[] {
  const standings = standingsOf(user, task);
  const actions: TaskAllowedAction[] = allowedTransitions(task.status, standings);
  const plans =
    (PLANNING.includes(task.status) && standings.has('LEAD_STAFF')) ||
    (RUNNING.includes(task.status) && standings.has('LEAD_HEAD'));
  if (plans) actions.push(TaskEditAction.EDIT);
  const recordsProgress =
    MOVING.includes(task.status) &&
    (standings.has('LEAD_HEAD') || standings.has('OWNER') || task.isMember);
  if (recordsProgress || (plans && PLANNING.includes(task.status)))
    actions.push(TaskEditAction.UPDATE_PROGRESS);
  return actions;
}
