import type { ReportReviewerPolicy, TaskReportingCadence } from '@gwaje/reports';
import type { TaskStatus } from '@gwaje/tasks';

/**
 * The reports' reviewer port (libs/reports/src/report-reviewer-policy.ts): the reports of a
 * collaboration task whose `review_by` is COORDINATOR are reviewed by the coordinator's AUDITOR
 * and PROACTIVE_OFFICE instead of the lead's. One indexed look-up by task (UQ_collaboration_tasks_task).
 */
export const COLLABORATION_REVIEWER_POLICY: ReportReviewerPolicy = {
  reviewerOrganisationSql: (t) =>
    `SELECT CASE WHEN rct.review_by = 'COORDINATOR' THEN rct.coordinator_organisation_id END
       FROM collaboration_tasks rct WHERE rct.task_id = ${t}.id`,
};

/**
 * The reports' cadence port (libs/reports/src/task-reporting-cadence.ts): a 중점 협업과제 reports
 * monthly for the periods that begin after its designation (midnight Asia/Seoul of the period's
 * first day), whatever its organisation's calendar; the periods begun before stay as they were, and
 * once undesignated (기관관리 again: focus false) the calendar's cadence applies again. Reports
 * already expected are never withdrawn. One indexed look-up by task (UQ_collaboration_tasks_task).
 */
export const COLLABORATION_REPORTING_CADENCE: TaskReportingCadence = {
  cadenceSql: (t, periodStart) =>
    `SELECT 'MONTHLY' FROM collaboration_tasks cct
      WHERE cct.task_id = ${t}.id AND cct.focus
        AND cct.focus_designated_at < ((${periodStart})::timestamp AT TIME ZONE 'Asia/Seoul')`,
};

/**
 * The newest history id of the collaborations an organisation (the SQL expression `org`)
 * coordinates and of their tasks: both are recorded under the lead organisation, so without this
 * the coordinator's dashboard would not see them change (the dashboards' section port).
 */
export const coordinatedHistoryMarkSql = (org: string): string =>
  `SELECT max(xh.id) FROM collaboration_tasks xc
     CROSS JOIN LATERAL (
       SELECT max(h.id) AS id FROM history h WHERE h.record_type = 'collaboration' AND h.record_id = xc.id::text
       UNION ALL
       SELECT max(h.id) FROM history h WHERE h.record_type = 'task' AND h.record_id = xc.task_id::text
     ) xh
    WHERE xc.coordinator_organisation_id = ${org}`;

/** Whether the organisation ($1) coordinates any collaboration task at all (any year). */
export const COORDINATES_ANY_SQL = `SELECT EXISTS (SELECT 1 FROM collaboration_tasks WHERE coordinator_organisation_id = $1) AS any`;

export interface CoordinatedTaskRow {
  lead_organisation_id: string;
  lead_organisation_name: string;
  focus: boolean;
  status: TaskStatus;
  delayed: boolean;
  agreements_missing: number;
}

/**
 * The collaboration tasks the organisation $1 coordinates whose task belongs to year $2, as of
 * $3, one row each: delayed as the dashboards count it for tasks (dashboard-figures.ts TASKS_SQL:
 * SELECTED or IN_PROGRESS, and past its due date or with a milestone past due and not done), the
 * participants (the lead included) that have not agreed the current plan.
 */
export const COORDINATOR_TASKS_SQL = `
  SELECT ct.lead_organisation_id, lo.name AS lead_organisation_name, ct.focus, t.status,
         (t.status IN ('SELECTED', 'IN_PROGRESS') AND (t.due_date < $3::date OR COALESCE(ms.overdue, false))) AS delayed,
         COALESCE(pc.missing, 0)::int AS agreements_missing
    FROM collaboration_tasks ct
    JOIN tasks t ON t.id = ct.task_id
    JOIN organisations lo ON lo.id = ct.lead_organisation_id
    LEFT JOIN LATERAL (
      SELECT bool_or(m.status = 'PLANNED' AND m.due_date < $3::date) AS overdue
        FROM milestones m WHERE m.task_id = t.id
    ) ms ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS missing FROM collaboration_participants p
       WHERE p.collaboration_id = ct.id AND p.agreed_plan_version IS DISTINCT FROM ct.plan_version
    ) pc ON true
   WHERE ct.coordinator_organisation_id = $1 AND t.year = $2
   ORDER BY lo.name, ct.lead_organisation_id, ct.id`;

export interface ContributionRow {
  organisation_id: string;
  organisation_name: string;
  role: 'LEAD' | 'PARTICIPANT';
  department_id: string;
  text: string | null;
  progress: number | null;
  author_id: string | null;
  author_name: string | null;
  version: number | null;
  updated_at: Date | null;
}

/** Every participant of collaboration $1 with its contribution to report $2 (or none yet); $3: one organisation or NULL. */
export const CONTRIBUTIONS_SQL = `
  SELECT p.organisation_id, o.name AS organisation_name, p.role, p.department_id,
         c.text, c.progress, c.author_id, u.name AS author_name, c.version, c.updated_at
    FROM collaboration_participants p
    JOIN organisations o ON o.id = p.organisation_id
    LEFT JOIN collaboration_report_contributions c
           ON c.report_id = $2 AND c.organisation_id = p.organisation_id
    LEFT JOIN users u ON u.id = c.author_id
   WHERE p.collaboration_id = $1 AND ($3::uuid IS NULL OR p.organisation_id = $3::uuid)
   ORDER BY (p.role = 'LEAD') DESC, o.name, p.organisation_id`;
