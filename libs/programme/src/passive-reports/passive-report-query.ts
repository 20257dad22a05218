import type {
  PassiveReportChannel,
  PassiveReportOutcome,
  PassiveReportStatus,
} from './passive-report-rules.js';

export const PASSIVE_REPORT_RECORD_TYPE = 'passive_report';
/** Access-log record type of a read of the reporter's identity (and the officials concerned). */
export const PASSIVE_REPORT_REPORTER_RECORD_TYPE = 'passive_report_reporter';

/** One report with its names; the identity columns are null unless the query was asked for them. */
export interface PassiveReportRow {
  id: string;
  organisation_id: string;
  receipt_number: string;
  received_on: string;
  channel: PassiveReportChannel;
  anonymous: boolean;
  reporter_name: string | null;
  reporter_contact: string | null;
  content: string;
  department_id: string;
  department_name: string;
  received_by: string | null;
  status: PassiveReportStatus;
  investigation_business_days: number;
  due_date: string;
  extended_due_date: string | null;
  effective_due_date: string;
  overdue: boolean;
  investigator_id: string | null;
  investigator_name: string | null;
  investigation_started_at: Date | null;
  extension_business_days: number | null;
  extension_reason: string | null;
  extended_at: Date | null;
  extended_by: string | null;
  outcome: PassiveReportOutcome | null;
  findings: string | null;
  concluded_on: string | null;
  concluded_at: Date | null;
  concluded_by: string | null;
  days_taken: number | null;
  closed_at: Date | null;
  closed_by: string | null;
  close_reason: string | null;
  /** [{ id, name }] of the officials concerned; null unless asked for the identities. */
  officials: Array<{ id: string; name: string }> | null;
  version: number;
  updated_at: Date;
}

export interface PassiveReportScope {
  organisationId: string;
  /** AUDITOR or PROACTIVE_OFFICE: every report of the organisation. */
  wholeOrganisation: boolean;
  /** Otherwise: the concluded reports of this department (null: none). */
  departmentId: string | null;
  /** Select the reporter's identity and the officials concerned (the audit unit only). */
  identities: boolean;
}

export interface PassiveReportFilter {
  id?: string;
  year?: number;
  status?: readonly string[];
  limit?: number;
  offset?: number;
}

const STATUS_OPEN = `r.status IN ('RECEIVED', 'INVESTIGATING')`;
const EFFECTIVE_DUE = `COALESCE(r.extended_due_date, r.due_date)`;

/**
 * The reports the scope may read ($1 organisation, $2 whole organisation, $3 department, $4
 * identities), as of today ($5), optionally one ($6), of a year of receipt ($7) or some statuses
 * ($8), newest first.
 */
export function buildPassiveReportList(
  scope: PassiveReportScope,
  today: string,
  filter: PassiveReportFilter,
): [string, unknown[]] {
  return [
    `SELECT r.id, r.organisation_id, r.receipt_number, to_char(r.received_on, 'YYYY-MM-DD') AS received_on,
            r.channel, r.anonymous,
            CASE WHEN $4::boolean THEN r.reporter_name END AS reporter_name,
            CASE WHEN $4::boolean THEN r.reporter_contact END AS reporter_contact,
            r.content, r.department_id, d.name AS department_name, r.received_by, r.status,
            r.investigation_business_days, to_char(r.due_date, 'YYYY-MM-DD') AS due_date,
            to_char(r.extended_due_date, 'YYYY-MM-DD') AS extended_due_date,
            to_char(${EFFECTIVE_DUE}, 'YYYY-MM-DD') AS effective_due_date,
            (${STATUS_OPEN} AND ${EFFECTIVE_DUE} < $5::date) AS overdue,
            r.investigator_id, iu.name AS investigator_name, r.investigation_started_at,
            r.extension_business_days, r.extension_reason, r.extended_at, r.extended_by,
            r.outcome, r.findings, to_char(r.concluded_on, 'YYYY-MM-DD') AS concluded_on,
            r.concluded_at, r.concluded_by, (r.concluded_on - r.received_on)::int AS days_taken,
            r.closed_at, r.closed_by, r.close_reason,
            CASE WHEN $4::boolean THEN COALESCE((
              SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name, u.id)
                FROM passive_report_officials o JOIN users u ON u.id = o.user_id
               WHERE o.report_id = r.id), '[]'::json) END AS officials,
            r.version, r.updated_at
       FROM passive_reports r
       JOIN departments d ON d.id = r.department_id
       LEFT JOIN users iu ON iu.id = r.investigator_id
      WHERE r.organisation_id = $1
        AND ($2::boolean OR (r.department_id = $3::uuid AND r.status = 'CONCLUDED'))
        AND ($6::uuid IS NULL OR r.id = $6::uuid)
        AND ($7::int IS NULL OR EXTRACT(YEAR FROM r.received_on)::int = $7::int)
        AND ($8::text[] IS NULL OR r.status = ANY($8::text[]))
      ORDER BY r.received_on DESC, r.receipt_number DESC, r.id
      LIMIT $9 OFFSET $10`,
    [
      scope.organisationId,
      scope.wholeOrganisation,
      scope.departmentId,
      scope.identities,
      today,
      filter.id ?? null,
      filter.year ?? null,
      filter.status?.length ? filter.status : null,
      Math.min(filter.limit ?? 200, 500),
      filter.offset ?? 0,
    ],
  ];
}

/** One year's figures of an organisation (statistics and the annual report). */
export interface PassiveReportYearRow {
  received: number;
  anonymous: number;
  open: number;
  overdue: number;
  closed: number;
  concluded: number;
  concluded_late: number;
  average_days: string | null;
  no_action: number;
  not_passive: number;
  caution: number;
  warning: number;
  discipline_requested: number;
  transferred: number;
}

/**
 * The figures of organisation $1 and year $2 as of today ($3): receipts, anonymity and what is
 * still open (or overdue now) count by the year of receipt; conclusions, their outcomes, whether
 * they came after the (extended) deadline and the average calendar days from receipt count by the
 * year of conclusion (a report counts in the year its work was done).
 */
export const PASSIVE_REPORT_YEAR_SQL = `
  WITH received AS (
    SELECT * FROM passive_reports r
     WHERE r.organisation_id = $1 AND EXTRACT(YEAR FROM r.received_on)::int = $2
  ), concluded AS (
    SELECT * FROM passive_reports r
     WHERE r.organisation_id = $1 AND r.status = 'CONCLUDED'
       AND EXTRACT(YEAR FROM r.concluded_on)::int = $2
  )
  SELECT (SELECT count(*)::int FROM received) AS received,
         (SELECT count(*) FILTER (WHERE anonymous)::int FROM received) AS anonymous,
         (SELECT count(*) FILTER (WHERE status IN ('RECEIVED', 'INVESTIGATING'))::int FROM received) AS open,
         (SELECT count(*) FILTER (WHERE status IN ('RECEIVED', 'INVESTIGATING')
                 AND COALESCE(extended_due_date, due_date) < $3::date)::int FROM received) AS overdue,
         (SELECT count(*) FILTER (WHERE status = 'CLOSED')::int FROM received) AS closed,
         count(c.id)::int AS concluded,
         count(c.id) FILTER (WHERE c.concluded_on > COALESCE(c.extended_due_date, c.due_date))::int AS concluded_late,
         round(avg(c.concluded_on - c.received_on), 1)::text AS average_days,
         count(c.id) FILTER (WHERE c.outcome = 'NO_ACTION')::int AS no_action,
         count(c.id) FILTER (WHERE c.outcome = 'NOT_PASSIVE')::int AS not_passive,
         count(c.id) FILTER (WHERE c.outcome = 'CAUTION')::int AS caution,
         count(c.id) FILTER (WHERE c.outcome = 'WARNING')::int AS warning,
         count(c.id) FILTER (WHERE c.outcome = 'DISCIPLINE_REQUESTED')::int AS discipline_requested,
         count(c.id) FILTER (WHERE c.outcome = 'TRANSFERRED')::int AS transferred
    FROM concluded c`;
