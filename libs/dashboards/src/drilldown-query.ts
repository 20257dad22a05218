import { webUrl } from '@gwaje/config';

export const DRILLDOWN_KINDS = [
  'delayedTasks',
  'missingReports',
  'lateReports',
  'overdueConsultations',
] as const;
export type DrilldownKind = (typeof DRILLDOWN_KINDS)[number];

export type DrilldownRecordType = 'task' | 'report' | 'consultation';

/**
 * Where each record a drill-down lists lives: its page in the web app (what e-mails link to, see
 * the reminder ports' `path`) and its API resource.
 */
export const RECORD_PATHS: Readonly<Record<DrilldownRecordType, { web: string; api: string }>> = {
  task: { web: '/tasks/', api: '/api/v1/tasks/' },
  report: { web: '/reports/', api: '/api/v1/reports/' },
  consultation: { web: '/consultations/', api: '/api/v1/consultations/' },
};

/**
 * A record's two links: `webUrl`, the web app's page for a person (absolute under PUBLIC_URL, like
 * the links in e-mails), and `href`, the API resource's path.
 */
export function recordLinks(
  config: { publicUrl: string },
  recordType: DrilldownRecordType,
  id: string,
): { webUrl: string; href: string } {
  const paths = RECORD_PATHS[recordType];
  return { webUrl: webUrl(config, `${paths.web}${id}`), href: `${paths.api}${id}` };
}

/**
 * The records behind a figure, live: $1 organisation, $2 year, $3 department (null: all), $4 today
 * (Asia/Seoul); the caller appends LIMIT and OFFSET. Each row: id, recordType, title,
 * departmentName, dueDate and the total count of the list.
 */
export const DRILLDOWN_SQL: Readonly<Record<DrilldownKind, string>> = {
  delayedTasks: `
    SELECT t.id, 'task' AS "recordType", t.code || ' ' || t.title AS title, d.name AS "departmentName",
           to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", count(*) OVER () AS total
      FROM tasks t JOIN departments d ON d.id = t.lead_department_id
     WHERE t.organisation_id = $1 AND t.year = $2 AND ($3::uuid IS NULL OR t.lead_department_id = $3::uuid)
       AND t.status IN ('SELECTED', 'IN_PROGRESS')
       AND (t.due_date < $4::date OR EXISTS (SELECT 1 FROM milestones m WHERE m.task_id = t.id
            AND m.status = 'PLANNED' AND m.due_date < $4::date))
     ORDER BY t.due_date, t.code`,
  missingReports: `
    SELECT r.id, 'report' AS "recordType", t.code || ' ' || t.title || ' (' || r.period || ')' AS title,
           d.name AS "departmentName", to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate",
           count(*) OVER () AS total
      FROM reports r JOIN tasks t ON t.id = r.task_id JOIN departments d ON d.id = t.lead_department_id
     WHERE r.organisation_id = $1 AND r.year = $2 AND ($3::uuid IS NULL OR t.lead_department_id = $3::uuid)
       AND r.first_submitted_at IS NULL AND r.due_date < $4::date
     ORDER BY r.due_date, t.code`,
  lateReports: `
    SELECT r.id, 'report' AS "recordType", t.code || ' ' || t.title || ' (' || r.period || ')' AS title,
           d.name AS "departmentName", to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate",
           count(*) OVER () AS total
      FROM reports r JOIN tasks t ON t.id = r.task_id JOIN departments d ON d.id = t.lead_department_id
     WHERE r.organisation_id = $1 AND r.year = $2 AND ($3::uuid IS NULL OR t.lead_department_id = $3::uuid)
       AND r.first_submitted_at IS NOT NULL AND (r.first_submitted_at AT TIME ZONE 'Asia/Seoul')::date > r.due_date
       AND $4::date IS NOT NULL
     ORDER BY r.due_date, t.code`,
  overdueConsultations: `
    SELECT c.id, 'consultation' AS "recordType", c.subject AS title, d.name AS "departmentName",
           to_char(CASE WHEN c.state IN ('SUBMITTED', 'SCREENING') THEN c.screening_due_date
                        ELSE c.opinion_due_date + c.extension_days END, 'YYYY-MM-DD') AS "dueDate",
           count(*) OVER () AS total
      FROM consultations c JOIN departments d ON d.id = c.requesting_department_id
     WHERE c.organisation_id = $1 AND c.year = $2 AND ($3::uuid IS NULL OR c.requesting_department_id = $3::uuid)
       AND ((c.state IN ('SUBMITTED', 'SCREENING') AND c.screening_due_date < $4::date)
         OR (c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')
             AND c.opinion_due_date + c.extension_days < $4::date))
     ORDER BY 5, c.id`,
};
