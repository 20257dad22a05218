// The shapes of the dashboard's figures (the API documents `figures` as an object; these are the
// fields it carries, from libs/dashboards/src/dashboard-figures.ts).
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

export interface TaskFigures {
  total: number;
  byStatus: Record<string, number>;
  priority: number;
  completed: number;
  inProgress: number;
  delayed: number;
  completionRate: number | null;
  averageProgress: number | null;
  milestones: { total: number; done: number; due: number; doneOfDue: number };
}

export interface ReportFigures {
  expected: number;
  due: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  awaitingReview: number;
  accepted: number;
  returned: number;
  onTimeRate: number | null;
}

export interface ConsultationFigures {
  total: number;
  byState: Record<string, number>;
  overdue: number;
  immunityPresumed: number;
  medianTurnaroundDays: number | null;
  p90TurnaroundDays: number | null;
}

export interface EvaluationFigures {
  rounds: Array<{
    id: string;
    kind: string;
    title: string;
    status: string;
    nominationsByState: Record<string, number>;
    sheetsOwed: number;
    sheetsScored: number;
    scoringCompletion: number | null;
  }>;
}

export interface DashboardFigures {
  tasks: TaskFigures;
  reports: ReportFigures;
  consultations: ConsultationFigures;
  /** The organisation's dashboard only. */
  evaluations?: EvaluationFigures;
}

export interface DepartmentFigures {
  departmentId: string;
  departmentName: string;
  tasks: TaskFigures;
  reports: ReportFigures;
  consultations: ConsultationFigures;
}
