import type {
  ApplicationChannel,
  ApplicationDecision,
  ApplicationStatus,
  ReplyMethod,
} from './citizen-applications-rules.js';

/** One application with its department's name and who acted on it. */
export interface ApplicationRow {
  id: string;
  organisation_id: string;
  application_number: string;
  channel: ApplicationChannel;
  received_on: string;
  applicant_name: string;
  applicant_phone: string | null;
  applicant_email: string | null;
  content: string;
  challenged_rule: string;
  status: ApplicationStatus;
  processing_business_days: number;
  due_date: string;
  overdue: boolean;
  department_id: string | null;
  department_name: string | null;
  assigned_at: Date | null;
  reassigned_count: number;
  review_started_at: Date | null;
  review_notes: string | null;
  opinion_requested_on: string | null;
  opinion_request_note: string | null;
  opinion_on: string | null;
  opinion: string | null;
  decision: ApplicationDecision | null;
  decision_reasons: string | null;
  decided_on: string | null;
  decided_by: string | null;
  replied_on: string | null;
  reply_method: ReplyMethod | null;
  reply_text: string | null;
  replied_by: string | null;
  reply_email_status: string | null;
  reply_email_sent_at: Date | null;
  registered_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface ApplicationFilter {
  id?: string;
  year?: number;
  status?: readonly string[];
  departmentId?: string;
  limit?: number;
  offset?: number;
}

/**
 * The applications of organisation $1 as of today ($2, Asia/Seoul) that the reader may see:
 * `$3` the reader's department when only that department's applications are theirs (null: the
 * whole organisation, the office and the auditors). Optionally one ($4), of a year of receipt
 * ($5), of some statuses ($6) or of one department ($7).
 */
export function buildApplicationList(
  organisationId: string,
  today: string,
  ownDepartmentId: string | null,
  filter: ApplicationFilter,
): [string, unknown[]] {
  return [
    `SELECT a.id, a.organisation_id, a.application_number, a.channel,
            to_char(a.received_on, 'YYYY-MM-DD') AS received_on,
            a.applicant_name, a.applicant_phone, a.applicant_email, a.content, a.challenged_rule,
            a.status, a.processing_business_days, to_char(a.due_date, 'YYYY-MM-DD') AS due_date,
            (a.status <> 'REPLIED' AND a.due_date < $2::date) AS overdue,
            a.department_id, d.name AS department_name, a.assigned_at, a.reassigned_count,
            a.review_started_at, a.review_notes,
            to_char(a.opinion_requested_on, 'YYYY-MM-DD') AS opinion_requested_on, a.opinion_request_note,
            to_char(a.opinion_on, 'YYYY-MM-DD') AS opinion_on, a.opinion,
            a.decision, a.decision_reasons, to_char(a.decided_on, 'YYYY-MM-DD') AS decided_on, a.decided_by,
            to_char(a.replied_on, 'YYYY-MM-DD') AS replied_on, a.reply_method, a.reply_text, a.replied_by,
            a.reply_email_status, a.reply_email_sent_at, a.registered_by,
            a.version, a.created_at, a.updated_at
       FROM citizen_applications a
       LEFT JOIN departments d ON d.id = a.department_id
      WHERE a.organisation_id = $1
        AND ($3::uuid IS NULL OR a.department_id = $3::uuid)
        AND ($4::uuid IS NULL OR a.id = $4::uuid)
        AND ($5::int IS NULL OR (a.received_on >= make_date($5::int, 1, 1) AND a.received_on < make_date($5::int + 1, 1, 1)))
        AND ($6::text[] IS NULL OR a.status = ANY($6::text[]))
        AND ($7::uuid IS NULL OR a.department_id = $7::uuid)
      ORDER BY a.received_on DESC, a.application_number DESC, a.id
      LIMIT $8 OFFSET $9`,
    [
      organisationId,
      today,
      ownDepartmentId,
      filter.id ?? null,
      filter.year ?? null,
      filter.status?.length ? filter.status : null,
      filter.departmentId ?? null,
      Math.min(filter.limit ?? 200, 500),
      filter.offset ?? 0,
    ],
  ];
}

/** The year's applications of organisation $1 (by the day of receipt), for the statistics. */
export const YEAR_APPLICATIONS = `
  SELECT a.status, a.decision, to_char(a.received_on, 'YYYY-MM-DD') AS received_on,
         to_char(a.due_date, 'YYYY-MM-DD') AS due_date, to_char(a.replied_on, 'YYYY-MM-DD') AS replied_on
    FROM citizen_applications a
   WHERE a.organisation_id = $1
     AND a.received_on >= make_date($2::int, 1, 1) AND a.received_on < make_date($2::int + 1, 1, 1)`;

export interface YearApplicationRow {
  status: ApplicationStatus;
  decision: ApplicationDecision | null;
  received_on: string;
  due_date: string;
  replied_on: string | null;
}
