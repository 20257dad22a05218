import type { AuthUser } from '@gwaje/identity';
import type { MilestoneStatus } from './milestone.entity.js';
import { allowedTaskActions, type TaskAllowedAction } from './task-permissions.js';
import { seoulToday } from './task-derived.js';
import type { MilestoneJson, TaskDetailRow, TaskRow } from './task-query.js';
import type { TaskCategory, TaskRisk, TaskStatus } from './task.entity.js';

export interface TaskSummary {
  id: string;
  organisationId: string;
  code: string;
  year: number;
  title: string;
  summary: string;
  category: TaskCategory;
  leadDepartmentId: string;
  leadDepartmentName: string;
  ownerId: string;
  ownerName: string;
  startDate: string;
  dueDate: string;
  status: TaskStatus;
  risk: TaskRisk;
  progress: number;
  delayed: boolean;
  /** The day it was completed (COMPLETED only). */
  completedOn: string | null;
  /** Some of its record was entered later than it happened (사후 입력). */
  enteredLater: boolean;
  version: number;
  updatedAt: Date;
  allowedActions: TaskAllowedAction[];
}

export interface Kpi {
  indicator: string | null;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  current: number | null;
}

export interface MilestoneView {
  id: string;
  title: string;
  dueDate: string;
  weight: number;
  status: MilestoneStatus;
  doneDate: string | null;
  /** The done date was entered later than it happened (사후 입력). */
  doneEnteredLater: boolean;
  /** Past due and not done (Asia/Seoul date). */
  overdue: boolean;
  version: number;
}

export interface TaskDetail extends TaskSummary {
  goal: string;
  kpi: Kpi;
  reportedProgress: number | null;
  members: Array<{ userId: string; name: string; departmentName: string }>;
  partnerDepartments: Array<{
    departmentId: string;
    name: string;
    organisationId: string;
    organisationName: string;
  }>;
  milestones: MilestoneView[];
  createdAt: Date;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

export function toSummary(user: AuthUser, r: TaskRow): TaskSummary {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    code: r.code,
    year: r.year,
    title: r.title,
    summary: r.summary,
    category: r.category,
    leadDepartmentId: r.lead_department_id,
    leadDepartmentName: r.lead_department_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    startDate: r.start_date,
    dueDate: r.due_date,
    status: r.status,
    risk: r.risk,
    progress: r.progress,
    delayed: r.delayed,
    completedOn: r.completed_on,
    enteredLater: r.entered_later,
    version: r.version,
    updatedAt: r.updated_at,
    allowedActions: allowedTaskActions(user, {
      organisationId: r.organisation_id,
      leadDepartmentId: r.lead_department_id,
      ownerId: r.owner_id,
      status: r.status,
      isMember: r.is_member,
    }),
  };
}

export function kpiOf(r: TaskRow): Kpi {
  return {
    indicator: r.kpi_indicator,
    unit: r.kpi_unit,
    baseline: num(r.kpi_baseline),
    target: num(r.kpi_target),
    current: num(r.kpi_current),
  };
}

export function toMilestoneView(m: MilestoneJson, today = seoulToday()): MilestoneView {
  return {
    id: m.id,
    title: m.title,
    dueDate: m.dueDate,
    weight: Number(m.weight),
    status: m.status,
    doneDate: m.doneDate,
    doneEnteredLater: m.doneEnteredLater,
    overdue: m.status === 'PLANNED' && m.dueDate < today,
    version: m.version,
  };
}

export function toDetail(user: AuthUser, row: TaskDetailRow): TaskDetail {
  const today = seoulToday();
  return {
    ...toSummary(user, row),
    goal: row.goal,
    kpi: kpiOf(row),
    reportedProgress: row.reported_progress,
    members: row.members,
    partnerDepartments: row.partners,
    milestones: row.milestones.map((m) => toMilestoneView(m, today)),
    createdAt: row.created_at,
  };
}
