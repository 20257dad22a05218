// The dashboard's drill-down kinds and task states in display order; the figures' types come
// from the OpenAPI document.
import type { Schemas } from '../../api/client';

export const DRILLDOWN_KINDS = [
  'delayedTasks',
  'missingReports',
  'lateReports',
  'overdueConsultations',
] as const;
export type DrilldownKind = (typeof DRILLDOWN_KINDS)[number];

export const TASK_STATUSES = [
  'DRAFT',
  'PROPOSED',
  'SELECTED',
  'REJECTED',
  'IN_PROGRESS',
  'COMPLETED',
  'SUSPENDED',
  'DROPPED',
] as const;

/** The figures of the organisation or of one department (generated from the OpenAPI document). */
export type DashboardFigures = Schemas['FiguresDto'];
export type DepartmentFigures = Schemas['DepartmentFiguresDto'];
