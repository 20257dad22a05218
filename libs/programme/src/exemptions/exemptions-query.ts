import type {
  ExemptionChecklist,
  ExemptionDecision,
  ExemptionKind,
  ExemptionStatus,
} from './exemptions-rules.js';

export const EXEMPTION_RECORD_TYPE = 'exemption_case';
export const EXEMPTION_REPORT_RECORD_TYPE = 'exemption_quarter_report';

/** One 면책 case with the names it shows and its linked consultation's computed presumption. */
export interface ExemptionRow {
  id: string;
  organisation_id: string;
  kind: ExemptionKind;
  applicant_id: string | null;
  applicant_name: string | null;
  applicant_department_name: string | null;
  subject_name: string | null;
  title: string;
  audit_reference: string;
  finding: string;
  applied_on: string;
  consultation_id: string | null;
  consultation_subject: string | null;
  consultation_state: string | null;
  /** Read from the consultation (libs/consultations computes it); null without a link. */
  consultation_immunity_presumed: boolean | null;
  checklist: Partial<ExemptionChecklist>;
  status: ExemptionStatus;
  decision: ExemptionDecision | null;
  decision_reasons: string | null;
  decided_on: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  committee_agenda_item_id: string | null;
  notified_on: string | null;
  notified_by: string | null;
  notified_by_name: string | null;
  notification_channel: 'IN_APP_EMAIL' | 'DOCUMENT' | null;
  notification_note: string | null;
  registered_by: string;
  registered_by_name: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const d = (column: string, as: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;

const COLUMNS = `
  e.id, e.organisation_id, e.kind, e.applicant_id, au.name AS applicant_name,
  ad.name AS applicant_department_name, e.subject_name, e.title, e.audit_reference, e.finding,
  ${d('e.applied_on', 'applied_on')}, e.consultation_id, c.subject AS consultation_subject,
  c.state::text AS consultation_state, c.immunity_presumed AS consultation_immunity_presumed,
  e.checklist, e.status, e.decision, e.decision_reasons, ${d('e.decided_on', 'decided_on')},
  e.decided_by, du.name AS decided_by_name, e.decided_at, e.committee_agenda_item_id,
  ${d('e.notified_on', 'notified_on')}, e.notified_by, nu.name AS notified_by_name,
  e.notification_channel, e.notification_note, e.registered_by, ru.name AS registered_by_name,
  e.version, e.created_at, e.updated_at`;

const JOINS = `
  FROM exemption_cases e
  LEFT JOIN users au ON au.id = e.applicant_id
  LEFT JOIN departments ad ON ad.id = au.department_id
  LEFT JOIN consultations c ON c.id = e.consultation_id
  LEFT JOIN users du ON du.id = e.decided_by
  LEFT JOIN users nu ON nu.id = e.notified_by
  JOIN users ru ON ru.id = e.registered_by`;

export interface ExemptionFilter {
  id?: string;
  year?: number;
  status?: readonly ExemptionStatus[];
  decision?: readonly ExemptionDecision[];
  /** Decided within [from, to] (the quarterly report). */
  decidedFrom?: string;
  decidedTo?: string;
  limit?: number;
  offset?: number;
}

/**
 * The cases a user reads, scoped in SQL: the organisation's whole register for its audit unit
 * (AUDITOR) and proactive office (PROACTIVE_OFFICE), an applicant's own cases for anyone else.
 */
export function buildExemptionList(
  viewer: { organisationId: string; userId: string; readsRegister: boolean },
  filter: ExemptionFilter,
): [string, unknown[]] {
  return [
    `SELECT ${COLUMNS} ${JOINS}
      WHERE e.organisation_id = $1 AND ($2::boolean OR e.applicant_id = $3::uuid)
        AND ($4::uuid IS NULL OR e.id = $4::uuid)
        AND ($5::int IS NULL OR EXTRACT(year FROM e.applied_on)::int = $5::int)
        AND ($6::text[] IS NULL OR e.status = ANY($6::text[]))
        AND ($7::text[] IS NULL OR e.decision = ANY($7::text[]))
        AND ($8::date IS NULL OR e.decided_on >= $8::date)
        AND ($9::date IS NULL OR e.decided_on <= $9::date)
      ORDER BY ${filter.decidedFrom ? 'e.decided_on, e.created_at' : 'e.applied_on DESC, e.created_at DESC'}, e.id
      LIMIT $10 OFFSET $11`,
    [
      viewer.organisationId,
      viewer.readsRegister,
      viewer.userId,
      filter.id ?? null,
      filter.year ?? null,
      filter.status?.length ? filter.status : null,
      filter.decision?.length ? filter.decision : null,
      filter.decidedFrom ?? null,
      filter.decidedTo ?? null,
      filter.limit ?? 200,
      filter.offset ?? 0,
    ],
  ];
}

/** A quarter's submission to 감사원, if any. */
export interface QuarterReportRow {
  id: string;
  organisation_id: string;
  year: number;
  quarter: number;
  due_date: string;
  submitted_on: string;
  submitted_at: Date;
  submitted_by: string;
  submitted_by_name: string | null;
  reference: string;
  snapshot: unknown;
}

export const QUARTER_REPORT_SQL = `
  SELECT r.id, r.organisation_id, r.year, r.quarter, ${d('r.due_date', 'due_date')},
         ${d('r.submitted_on', 'submitted_on')}, r.submitted_at, r.submitted_by, u.name AS submitted_by_name,
         r.reference, r.snapshot
    FROM exemption_quarter_reports r LEFT JOIN users u ON u.id = r.submitted_by
   WHERE r.organisation_id = $1 AND r.year = $2 AND r.quarter = $3`;

/** The annual figures of the register (section `exemptions`) for organisation $1 and year $2. */
export const ANNUAL_FIGURES_SQL = `
  SELECT (SELECT count(*)::int FROM exemption_cases
           WHERE organisation_id = $1 AND EXTRACT(year FROM applied_on)::int = $2) AS cases,
         count(*) FILTER (WHERE decision = 'GRANTED')::int AS granted,
         count(*) FILTER (WHERE decision = 'PARTIALLY_GRANTED')::int AS partially,
         count(*) FILTER (WHERE decision = 'DENIED')::int AS denied,
         (SELECT count(*)::int FROM exemption_quarter_reports
           WHERE organisation_id = $1 AND year = $2) AS reports_submitted,
         (SELECT count(*)::int FROM exemption_quarter_reports
           WHERE organisation_id = $1 AND year = $2 AND submitted_on <= due_date) AS reports_on_time
    FROM exemption_cases
   WHERE organisation_id = $1 AND decision IS NOT NULL AND EXTRACT(year FROM decided_on)::int = $2`;
