import type { TaskStatus } from '@gwaje/tasks';
import type { DirectionRow, LinkedTaskRow, MeasureRow, PlanRow } from './action-plan-query.js';
import {
  allowedMeasureStatuses,
  allowedPlanActions,
  type MeasureStatus,
  measurePercent,
  type PlanAction,
  type PlanCaller,
  type PlanProgress,
  planProgress,
  type PlanStatus,
} from './action-plan-rules.js';

export interface LinkedTaskView {
  id: string;
  code: string;
  title: string;
  status: TaskStatus;
  /** The task's own progress (0–100). */
  progress: number;
  completed: boolean;
}

export interface MeasureView {
  id: string;
  directionId: string;
  position: number;
  title: string;
  ownerDepartment: { id: string; name: string };
  target: string;
  dueDate: string;
  status: MeasureStatus;
  /** 중점 추진과제: links priority tasks. */
  focus: boolean;
  linkedTasks: LinkedTaskView[];
  /** DONE 100, DROPPED null, otherwise the linked tasks' mean progress (0 without links). */
  percent: number | null;
  /** The statuses the caller may set now (the owner department or the office). */
  allowedStatuses: MeasureStatus[];
  version: number;
}

export interface DirectionView {
  id: string;
  position: number;
  title: string;
  description: string;
  measures: MeasureView[];
  progress: PlanProgress;
}

export interface PersonAt {
  at: Date;
  by: { id: string | null; name: string | null };
}

export interface PlanView {
  id: string;
  organisationId: string;
  year: number;
  title: string;
  status: PlanStatus;
  /** The plan's version number: changing an approved plan opens the next. */
  planVersion: number;
  /** true: a stored approved version (GET ?version=N), read-only. */
  snapshot: boolean;
  submitted: PersonAt | null;
  approved: PersonAt | null;
  directions: DirectionView[];
  progress: PlanProgress;
  allowedActions: PlanAction[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type PlanSummary = Omit<PlanView, 'directions'> & {
  directions: number;
  measures: number;
};

const personAt = (at: Date | null, id: string | null, name: string | null): PersonAt | null =>
  at ? { at, by: { id, name } } : null;

function linkedView(t: LinkedTaskRow): LinkedTaskView {
  return {
    id: t.id,
    code: t.code,
    title: t.title,
    status: t.status,
    progress: Number(t.progress),
    completed: t.status === 'COMPLETED',
  };
}

/** The whole plan as its readers see it, with progress per direction and overall. */
export function planView(
  caller: PlanCaller,
  plan: PlanRow,
  directions: readonly DirectionRow[],
  measures: readonly MeasureRow[],
  links: readonly LinkedTaskRow[],
): PlanView {
  const linksOf = new Map<string, LinkedTaskRow[]>();
  for (const l of links) linksOf.set(l.measure_id, [...(linksOf.get(l.measure_id) ?? []), l]);
  const measureView = (m: MeasureRow): MeasureView => {
    const tasks = (linksOf.get(m.id) ?? []).map(linkedView);
    return {
      id: m.id,
      directionId: m.direction_id,
      position: m.position,
      title: m.title,
      ownerDepartment: { id: m.owner_department_id, name: m.owner_department_name },
      target: m.target,
      dueDate: m.due_date,
      status: m.status,
      focus: m.focus,
      linkedTasks: tasks,
      percent: measurePercent(m.status, tasks),
      allowedStatuses: allowedMeasureStatuses(caller, plan.organisation_id, {
        status: m.status,
        ownerDepartmentId: m.owner_department_id,
      }),
      version: m.version,
    };
  };
  const own = measures.filter((m) => m.plan_id === plan.id);
  const tasksOf = (ms: readonly MeasureRow[]) =>
    ms.flatMap((m) => (linksOf.get(m.id) ?? []).map(linkedView));
  const dirs = directions
    .filter((d) => d.plan_id === plan.id)
    .map((d): DirectionView => {
      const ms = own.filter((m) => m.direction_id === d.id);
      return {
        id: d.id,
        position: d.position,
        title: d.title,
        description: d.description,
        measures: ms.map(measureView),
        progress: planProgress(ms, tasksOf(ms)),
      };
    });
  return {
    id: plan.id,
    organisationId: plan.organisation_id,
    year: plan.year,
    title: plan.title,
    status: plan.status,
    planVersion: plan.plan_version,
    snapshot: false,
    submitted: personAt(plan.submitted_at, plan.submitted_by, plan.submitted_by_name),
    approved: personAt(plan.approved_at, plan.approved_by, plan.approved_by_name),
    directions: dirs,
    progress: planProgress(own, tasksOf(own)),
    allowedActions: allowedPlanActions(caller, {
      organisationId: plan.organisation_id,
      status: plan.status,
    }),
    version: plan.version,
    createdAt: plan.created_at,
    updatedAt: plan.updated_at,
  };
}

export function planSummary(view: PlanView): PlanSummary {
  return {
    ...view,
    directions: view.directions.length,
    measures: view.directions.reduce((n, d) => n + d.measures.length, 0),
  };
}

/** A stored approved version as read later: nobody acts on it. */
export function snapshotView(stored: PlanView): PlanView {
  return {
    ...stored,
    snapshot: true,
    allowedActions: [],
    directions: stored.directions.map((d) => ({
      ...d,
      measures: d.measures.map((m) => ({ ...m, allowedStatuses: [] })),
    })),
  };
}
