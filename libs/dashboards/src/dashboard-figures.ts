import { TASK_PROGRESS_SQL } from '@gwaje/tasks';

/** The figures of DOMAIN.md §7 for the organisation or one department. */
export interface TaskFigures {
  total: number;
  byStatus: Record<string, number>;
  /** Selected and not dropped or rejected: SELECTED, IN_PROGRESS, COMPLETED, SUSPENDED. */
  priority: number;
  completed: number;
  inProgress: number;
  delayed: number;
  /** completed / priority, percent with one decimal; null without priority tasks. */
  completionRate: number | null;
  averageProgress: number | null;
  milestones: { total: number; done: number; due: number; doneOfDue: number };
}

export interface ReportFigures {
  expected: number;
  /** Reports whose due date has passed. */
  due: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  awaitingReview: number;
  accepted: number;
  /** Returns that happened during the year (each return counted, also of a report resubmitted since). */
  returned: number;
  /** Reports returned and not yet resubmitted now (the current queue). */
  returnedNow: number;
  /** Reports submitted by their due date / reports due, percent; null when none is due yet. */
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

export interface SectionFigures {
  tasks: TaskFigures;
  reports: ReportFigures;
  consultations: ConsultationFigures;
}

export interface DashboardData {
  asOf: string;
  organisation: SectionFigures & { evaluations: EvaluationFigures };
  departments: Array<SectionFigures & { departmentId: string; departmentName: string }>;
  /**
   * The registered sections' figures by name (dashboard-sections.ts); absent in snapshots compiled
   * before the port existed.
   */
  sections?: Record<string, unknown>;
}

const TASK_STATUSES = [
  'DRAFT',
  'PROPOSED',
  'SELECTED',
  'REJECTED',
  'IN_PROGRESS',
  'COMPLETED',
  'SUSPENDED',
  'DROPPED',
];
const CONSULTATION_STATES = [
  'SUBMITTED',
  'SCREENING',
  'REJECTED',
  'ACCEPTED',
  'UNDER_REVIEW',
  'ESCALATED',
  'COMMITTEE_ADVICE',
  'OPINION_ISSUED',
  'CLOSED',
];
const statusCounts = (column: string, values: string[]) =>
  values.map((v) => `count(*) FILTER (WHERE ${column} = '${v}')::int AS "${v}"`).join(', ');

/**
 * One statement per section, each grouped by GROUPING SETS ((), (department)): the organisation's
 * total and every department's in a single pass over the rows. $1 organisation, $2 year, $3 as-of
 * date (Asia/Seoul).
 */
export const TASKS_SQL = `
  WITH ms AS (
    SELECT m.task_id, sum(m.weight) AS total_weight,
           COALESCE(sum(m.weight) FILTER (WHERE m.status = 'DONE'), 0) AS done_weight,
           count(*)::int AS total, count(*) FILTER (WHERE m.status = 'DONE')::int AS done,
           count(*) FILTER (WHERE m.due_date <= $3::date)::int AS due,
           count(*) FILTER (WHERE m.due_date <= $3::date AND m.status = 'DONE')::int AS done_of_due,
           bool_or(m.status = 'PLANNED' AND m.due_date < $3::date) AS overdue
      FROM milestones m JOIN tasks t ON t.id = m.task_id
     WHERE t.organisation_id = $1 AND t.year = $2
     GROUP BY m.task_id
  ), tt AS (
    SELECT t.lead_department_id AS dept, t.status, ${TASK_PROGRESS_SQL} AS progress,
           (t.status IN ('SELECTED', 'IN_PROGRESS') AND (t.due_date < $3::date OR COALESCE(ms.overdue, false))) AS delayed,
           COALESCE(ms.total, 0) AS m_total, COALESCE(ms.done, 0) AS m_done,
           COALESCE(ms.due, 0) AS m_due, COALESCE(ms.done_of_due, 0) AS m_done_of_due
      FROM tasks t LEFT JOIN ms ON ms.task_id = t.id
     WHERE t.organisation_id = $1 AND t.year = $2
  )
  SELECT dept, GROUPING(dept) = 1 AS is_total, count(*)::int AS total, ${statusCounts('status', TASK_STATUSES)},
         count(*) FILTER (WHERE delayed)::int AS delayed,
         round(avg(progress) FILTER (WHERE status IN ('SELECTED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED')), 1)::float AS avg_progress,
         sum(m_total)::int AS m_total, sum(m_done)::int AS m_done, sum(m_due)::int AS m_due,
         sum(m_done_of_due)::int AS m_done_of_due
    FROM tt GROUP BY GROUPING SETS ((), (dept))`;

const FIRST_DAY = `(r.first_submitted_at AT TIME ZONE 'Asia/Seoul')::date`;
export const REPORTS_SQL = `
  SELECT t.lead_department_id AS dept, GROUPING(t.lead_department_id) = 1 AS is_total,
         count(*)::int AS expected,
         count(*) FILTER (WHERE r.due_date < $3::date)::int AS due,
         count(*) FILTER (WHERE r.first_submitted_at IS NOT NULL)::int AS submitted,
         count(*) FILTER (WHERE r.first_submitted_at IS NOT NULL AND ${FIRST_DAY} <= r.due_date)::int AS on_time,
         count(*) FILTER (WHERE r.due_date < $3::date AND r.first_submitted_at IS NOT NULL AND ${FIRST_DAY} <= r.due_date)::int AS on_time_of_due,
         count(*) FILTER (WHERE r.first_submitted_at IS NOT NULL AND ${FIRST_DAY} > r.due_date)::int AS late,
         count(*) FILTER (WHERE r.first_submitted_at IS NULL AND r.due_date < $3::date)::int AS missing,
         count(*) FILTER (WHERE r.state = 'SUBMITTED')::int AS awaiting,
         count(*) FILTER (WHERE r.state = 'ACCEPTED')::int AS accepted,
         count(*) FILTER (WHERE r.state = 'RETURNED')::int AS returned_now
    FROM reports r JOIN tasks t ON t.id = r.task_id
   WHERE r.organisation_id = $1 AND r.year = $2
   GROUP BY GROUPING SETS ((), (t.lead_department_id))`;

/**
 * Returns of reports that happened during the year up to the as-of date (report_returns keeps each
 * with its day, also those entered afterwards), by the report's lead department.
 */
export const RETURNS_SQL = `
  SELECT t.lead_department_id AS dept, GROUPING(t.lead_department_id) = 1 AS is_total,
         count(*)::int AS returns
    FROM report_returns rr JOIN reports r ON r.id = rr.report_id JOIN tasks t ON t.id = r.task_id
   WHERE rr.organisation_id = $1
     AND rr.returned_at >= make_timestamptz($2::int, 1, 1, 0, 0, 0, 'Asia/Seoul')
     AND rr.returned_at < make_timestamptz($2::int + 1, 1, 1, 0, 0, 0, 'Asia/Seoul')
     AND (rr.returned_at AT TIME ZONE 'Asia/Seoul')::date <= $3::date
   GROUP BY GROUPING SETS ((), (t.lead_department_id))`;

/** Drafts are the department's own business and stay out of the dashboards. */
export const CONSULTATIONS_SQL = `
  SELECT c.requesting_department_id AS dept, GROUPING(c.requesting_department_id) = 1 AS is_total,
         count(*)::int AS total, ${statusCounts('c.state', CONSULTATION_STATES)},
         count(*) FILTER (WHERE (c.state IN ('SUBMITTED', 'SCREENING') AND c.screening_due_date < $3::date)
            OR (c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')
                AND c.opinion_due_date + c.extension_days < $3::date))::int AS overdue,
         count(*) FILTER (WHERE c.immunity_presumed)::int AS immunity,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY c.turnaround_days)::float AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY c.turnaround_days)::float AS p90
    FROM consultations c
   WHERE c.organisation_id = $1 AND c.year = $2 AND c.state <> 'DRAFT'
   GROUP BY GROUPING SETS ((), (c.requesting_department_id))`;

export const EVALUATIONS_SQL = `
  SELECT r.id, r.kind, r.title, r.status,
         (SELECT COALESCE(jsonb_object_agg(s.state, s.n), '{}') FROM (
            SELECT n.state, count(*)::int AS n FROM nominations n WHERE n.round_id = r.id GROUP BY n.state) s) AS by_state,
         (SELECT count(*)::int FROM evaluation_members m JOIN nominations n ON n.round_id = m.round_id
           JOIN users mu ON mu.id = m.user_id
           WHERE m.round_id = r.id AND n.state IN ('VERIFIED', 'SCORED', 'GRADED', 'CONFIRMED')
             AND NOT EXISTS (SELECT 1 FROM evaluation_conflicts k WHERE k.nomination_id = n.id AND k.member_id = m.user_id)
             -- 제척 (the evaluation's rule): nominee, team or department member, nominator owe nothing
             AND NOT (m.user_id = ANY(n.nominee_user_ids) OR m.user_id = n.nominated_by
                      OR mu.department_id = ANY(n.nominee_department_ids))) AS owed,
         (SELECT count(*)::int FROM evaluation_scores s JOIN nominations n ON n.id = s.nomination_id
           WHERE n.round_id = r.id) AS scored
    FROM evaluation_rounds r WHERE r.organisation_id = $1 AND r.year = $2
   ORDER BY r.kind, r.created_at, r.id`;

const rate = (part: number, whole: number): number | null =>
  whole ? Math.round((1000 * part) / whole) / 10 : null;

type Row = Record<string, unknown>;
const num = (r: Row | undefined, k: string): number => Number(r?.[k] ?? 0);

export function taskFigures(r: Row | undefined): TaskFigures {
  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, num(r, s)]));
  const priority =
    byStatus.SELECTED + byStatus.IN_PROGRESS + byStatus.COMPLETED + byStatus.SUSPENDED;
  return {
    total: num(r, 'total'),
    byStatus,
    priority,
    completed: byStatus.COMPLETED,
    inProgress: byStatus.IN_PROGRESS,
    delayed: num(r, 'delayed'),
    completionRate: rate(byStatus.COMPLETED, priority),
    averageProgress:
      r?.avg_progress === null || r?.avg_progress === undefined ? null : Number(r.avg_progress),
    milestones: {
      total: num(r, 'm_total'),
      done: num(r, 'm_done'),
      due: num(r, 'm_due'),
      doneOfDue: num(r, 'm_done_of_due'),
    },
  };
}

export function reportFigures(r: Row | undefined, returns?: Row): ReportFigures {
  return {
    expected: num(r, 'expected'),
    due: num(r, 'due'),
    submitted: num(r, 'submitted'),
    onTime: num(r, 'on_time'),
    late: num(r, 'late'),
    missing: num(r, 'missing'),
    awaitingReview: num(r, 'awaiting'),
    accepted: num(r, 'accepted'),
    returned: num(returns, 'returns'),
    returnedNow: num(r, 'returned_now'),
    onTimeRate: rate(num(r, 'on_time_of_due'), num(r, 'due')),
  };
}

export function consultationFigures(r: Row | undefined): ConsultationFigures {
  const value = (k: string) => (r?.[k] === null || r?.[k] === undefined ? null : Number(r[k]));
  return {
    total: num(r, 'total'),
    byState: Object.fromEntries(CONSULTATION_STATES.map((s) => [s, num(r, s)])),
    overdue: num(r, 'overdue'),
    immunityPresumed: num(r, 'immunity'),
    medianTurnaroundDays: value('median'),
    p90TurnaroundDays: value('p90'),
  };
}
