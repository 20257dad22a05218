import type { ErrorDetail } from '@gwaje/common';
import { type AuthUser, Role } from '@gwaje/identity';
import { TaskStatus } from '@gwaje/tasks';

/**
 * 실행계획 rules (DOMAIN.md §9, issue 22 part 1), pure: the plan's approval state machine as a
 * table (state, action, who) → state, the measures' status table, who stands how to a plan and a
 * measure, the due date inside the plan's year, and the progress arithmetic.
 */

export const PLAN_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const MEASURE_STATUSES = ['PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** edit: any change of directions and measures (not a measure's status); return: back to DRAFT. */
export const PLAN_ACTIONS = ['edit', 'submit', 'approve', 'return'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/**
 * How a user stands to a plan: the organisation's proactive office (PROACTIVE_OFFICE), the head of
 * the proactive office (DEPT_HEAD of the department flagged 적극행정 전담부서), a reader (anyone of
 * the organisation).
 */
export type PlanActor = 'OFFICE' | 'HEAD';

export interface PlanTransition {
  from: PlanStatus;
  action: PlanAction;
  to: PlanStatus;
  by: readonly PlanActor[];
  /** Changing an approved plan opens its next version (the approved one is kept as a snapshot). */
  newVersion?: true;
}

export const PLAN_TRANSITIONS: readonly PlanTransition[] = [
  { from: 'DRAFT', action: 'edit', to: 'DRAFT', by: ['OFFICE'] },
  { from: 'APPROVED', action: 'edit', to: 'DRAFT', by: ['OFFICE'], newVersion: true },
  { from: 'DRAFT', action: 'submit', to: 'SUBMITTED', by: ['OFFICE', 'HEAD'] },
  { from: 'SUBMITTED', action: 'approve', to: 'APPROVED', by: ['HEAD'] },
  { from: 'SUBMITTED', action: 'return', to: 'DRAFT', by: ['OFFICE', 'HEAD'] },
];

/** What the rules know of the caller: their roles and whether they head the proactive office. */
export interface PlanCaller {
  user: Pick<AuthUser, 'id' | 'organisationId' | 'departmentId' | 'roles'>;
  /** DEPT_HEAD of the organisation's 적극행정 전담부서 (department flag isProactiveOffice). */
  officeHead: boolean;
}

export function planActors(c: PlanCaller, planOrganisationId: string): Set<PlanActor> {
  const actors = new Set<PlanActor>();
  if (c.user.organisationId !== planOrganisationId) return actors;
  if (c.user.roles.includes(Role.PROACTIVE_OFFICE)) actors.add('OFFICE');
  if (c.officeHead && c.user.roles.includes(Role.DEPT_HEAD)) actors.add('HEAD');
  return actors;
}

export function planTransition(status: PlanStatus, action: PlanAction) {
  return PLAN_TRANSITIONS.find((t) => t.from === status && t.action === action);
}

/** What the caller may do to the plan now (buttons, and every refusal's allowedActions). */
export function allowedPlanActions(
  c: PlanCaller,
  plan: { organisationId: string; status: PlanStatus },
): PlanAction[] {
  const actors = planActors(c, plan.organisationId);
  return PLAN_ACTIONS.filter((a) => {
    const t = planTransition(plan.status, a);
    return !!t && t.by.some((b) => actors.has(b));
  });
}

/** Whether the caller could take the action in some state (a 403 when not, a 409 when only not now). */
export function mayEverTakePlanAction(
  c: PlanCaller,
  organisationId: string,
  action: PlanAction,
): boolean {
  const actors = planActors(c, organisationId);
  return PLAN_TRANSITIONS.some((t) => t.action === action && t.by.some((b) => actors.has(b)));
}

/**
 * A measure's status changes: the owner department moves it between PLANNED, IN_PROGRESS and DONE
 * (and reopens a DONE one); dropping and restoring a dropped measure is the office's.
 */
export interface MeasureStatusChange {
  from: MeasureStatus;
  to: MeasureStatus;
  by: ReadonlyArray<'OFFICE' | 'OWNER'>;
}

export const MEASURE_STATUS_CHANGES: readonly MeasureStatusChange[] = [
  { from: 'PLANNED', to: 'IN_PROGRESS', by: ['OFFICE', 'OWNER'] },
  { from: 'PLANNED', to: 'DONE', by: ['OFFICE', 'OWNER'] },
  { from: 'IN_PROGRESS', to: 'DONE', by: ['OFFICE', 'OWNER'] },
  { from: 'IN_PROGRESS', to: 'PLANNED', by: ['OFFICE', 'OWNER'] },
  { from: 'DONE', to: 'IN_PROGRESS', by: ['OFFICE', 'OWNER'] },
  { from: 'PLANNED', to: 'DROPPED', by: ['OFFICE'] },
  { from: 'IN_PROGRESS', to: 'DROPPED', by: ['OFFICE'] },
  { from: 'DROPPED', to: 'PLANNED', by: ['OFFICE'] },
];

/** Who the caller is to a measure: the office, and/or STAFF or DEPT_HEAD of its owner department. */
export function measureActors(
  c: PlanCaller,
  planOrganisationId: string,
  ownerDepartmentId: string,
): Set<'OFFICE' | 'OWNER'> {
  const actors = new Set<'OFFICE' | 'OWNER'>();
  if (c.user.organisationId !== planOrganisationId) return actors;
  if (c.user.roles.includes(Role.PROACTIVE_OFFICE)) actors.add('OFFICE');
  if (
    c.user.departmentId === ownerDepartmentId &&
    (c.user.roles.includes(Role.STAFF) || c.user.roles.includes(Role.DEPT_HEAD))
  )
    actors.add('OWNER');
  return actors;
}

/** The statuses the caller may move the measure to now. */
export function allowedMeasureStatuses(
  c: PlanCaller,
  planOrganisationId: string,
  measure: { status: MeasureStatus; ownerDepartmentId: string },
): MeasureStatus[] {
  const actors = measureActors(c, planOrganisationId, measure.ownerDepartmentId);
  return MEASURE_STATUS_CHANGES.filter(
    (s) => s.from === measure.status && s.by.some((b) => actors.has(b)),
  ).map((s) => s.to);
}

/** Whether the caller could ever set a measure to `to` (403 when not; 409 when only not from here). */
export function mayEverSetMeasureStatus(
  c: PlanCaller,
  planOrganisationId: string,
  ownerDepartmentId: string,
  to: MeasureStatus,
): boolean {
  const actors = measureActors(c, planOrganisationId, ownerDepartmentId);
  return MEASURE_STATUS_CHANGES.some((s) => s.to === to && s.by.some((b) => actors.has(b)));
}

/** A measure's due date lies in the plan's year (a 400 on `field` otherwise). */
export function dueDateProblems(year: number, dueDate: string, field = 'dueDate'): ErrorDetail[] {
  if (dueDate >= `${year}-01-01` && dueDate <= `${year}-12-31`) return [];
  return [
    {
      field,
      code: 'outsidePlanYear',
      message: {
        ko: `기한은 계획 연도(${year}년) 안의 날짜여야 합니다.`,
        en: `the due date must fall within the plan's year ${year}`,
      },
    },
  ];
}

/**
 * A 중점 추진과제 (focus) links one or more priority tasks; a measure not flagged focus links none.
 * `taskIds` undefined: not given (an update that leaves the links as they are).
 */
export function focusProblems(focus: boolean, taskIds: readonly string[]): ErrorDetail[] {
  if (focus && !taskIds.length)
    return [
      {
        field: 'taskIds',
        code: 'required',
        message: {
          ko: '중점 추진과제는 연결할 중점과제를 하나 이상 지정하세요.',
          en: 'a focus measure (중점 추진과제) links at least one priority task',
        },
      },
    ];
  if (!focus && taskIds.length)
    return [
      {
        field: 'taskIds',
        code: 'focusOnly',
        message: {
          ko: '중점과제는 중점 추진과제(focus)에만 연결할 수 있습니다.',
          en: 'only a focus measure (중점 추진과제) links priority tasks',
        },
      },
    ];
  return [];
}

// ── Progress ─────────────────────────────────────────────────────────────────────────────────

/** What progress needs of a measure. */
export interface MeasureFacts {
  status: MeasureStatus;
}

/** What progress needs of a linked task: its state and its own progress (0–100, TasksService's rule). */
export interface LinkedTaskFacts {
  id: string;
  status: TaskStatus;
  progress: number;
}

/** Tasks that no longer count toward a plan: dropped or never selected. */
const TASKS_NOT_COUNTED: readonly TaskStatus[] = [TaskStatus.DROPPED, TaskStatus.REJECTED];

export interface PlanProgress {
  /** Measures counted (DROPPED excluded). */
  measures: number;
  measuresDone: number;
  measuresDropped: number;
  /** measuresDone / measures (0–1, 4 decimals); null without a counted measure. */
  measureShare: number | null;
  /** Distinct linked tasks counted (dropped or rejected tasks excluded). */
  linkedTasks: number;
  linkedTasksCompleted: number;
  linkedTaskShare: number | null;
  /** The mean of the linked tasks' own progress (0–100), null without one. */
  linkedTaskProgress: number | null;
  /** (measures done + linked tasks completed) / (measures + linked tasks), 0–1; null when both are 0. */
  share: number | null;
  /** share as a whole percent. */
  percent: number | null;
}

const share = (done: number, of: number): number | null =>
  of > 0 ? Math.round((done / of) * 10_000) / 10_000 : null;

/**
 * The progress of a set of measures (a direction's or the plan's) with the tasks they link: the
 * share of measures DONE (DROPPED excluded) and of linked tasks completed (a task linked twice
 * counts once), combined as one share of done items.
 */
export function planProgress(
  measures: readonly MeasureFacts[],
  tasks: readonly LinkedTaskFacts[],
): PlanProgress {
  const dropped = measures.filter((m) => m.status === 'DROPPED').length;
  const counted = measures.length - dropped;
  const done = measures.filter((m) => m.status === 'DONE').length;
  const distinct = [...new Map(tasks.map((t) => [t.id, t])).values()].filter(
    (t) => !TASKS_NOT_COUNTED.includes(t.status),
  );
  const completed = distinct.filter((t) => t.status === TaskStatus.COMPLETED).length;
  const all = share(done + completed, counted + distinct.length);
  return {
    measures: counted,
    measuresDone: done,
    measuresDropped: dropped,
    measureShare: share(done, counted),
    linkedTasks: distinct.length,
    linkedTasksCompleted: completed,
    linkedTaskShare: share(completed, distinct.length),
    linkedTaskProgress: distinct.length
      ? Math.round(distinct.reduce((n, t) => n + t.progress, 0) / distinct.length)
      : null,
    share: all,
    percent: all === null ? null : Math.round(all * 100),
  };
}

/**
 * One measure's own figure for the export's 진척도: DONE 100, DROPPED none, otherwise the mean of
 * its linked tasks' progress when it links any, else 0.
 */
export function measurePercent(
  status: MeasureStatus,
  tasks: readonly LinkedTaskFacts[],
): number | null {
  if (status === 'DONE') return 100;
  if (status === 'DROPPED') return null;
  const counted = tasks.filter((t) => !TASKS_NOT_COUNTED.includes(t.status));
  if (!counted.length) return 0;
  return Math.round(counted.reduce((n, t) => n + t.progress, 0) / counted.length);
}
