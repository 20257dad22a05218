import type { SosNeedKind, SosStatus, StaffDecision } from './collaboration-sos-rules.js';

/** One SOS with its collaboration's parties, names and the 협업정원 request (if any). */
export interface SosRow {
  id: string;
  collaboration_id: string;
  lead_organisation_id: string;
  coordinator_organisation_id: string;
  filed_by: string;
  filed_by_name: string | null;
  filed_by_organisation_id: string;
  filed_by_organisation_name: string;
  blocked: string;
  blocking_organisation_id: string | null;
  blocking_organisation_name: string | null;
  blocking_contact_user_id: string | null;
  need_kind: SosNeedKind;
  details: string;
  status: SosStatus;
  filed_at: Date;
  filed_on: string;
  answer_business_days: number;
  due_date: string;
  overdue: boolean;
  age_days: number;
  answer: string | null;
  answered_at: Date | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_by_organisation_id: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_note: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  close_reason: string | null;
  reopened_count: number;
  escalated_at: Date | null;
  version: number;
  updated_at: Date;
  staff_count: number | null;
  staff_grade: string | null;
  staff_months: number | null;
  staff_until_date: string | null;
  staff_reason: string | null;
  staff_decision: StaffDecision | null;
  staff_approved_count: number | null;
  staff_decision_reason: string | null;
  staff_decided_by: string | null;
  staff_decided_at: Date | null;
}

/**
 * The SOS of one collaboration ($1), as of today ($2, Asia/Seoul), optionally one ($3) or of some
 * statuses ($4). The caller has already read the collaboration (its scope is the collaboration's).
 */
export function buildSosList(
  collaborationId: string,
  today: string,
  filter: { id?: string; status?: readonly string[]; limit?: number; offset?: number },
): [string, unknown[]] {
  return [
    `SELECT s.id, s.collaboration_id, ct.lead_organisation_id, ct.coordinator_organisation_id,
            s.filed_by, fu.name AS filed_by_name, s.filed_by_organisation_id, fo.name AS filed_by_organisation_name,
            s.blocked, s.blocking_organisation_id, bo.name AS blocking_organisation_name,
            bp.contact_user_id AS blocking_contact_user_id,
            s.need_kind, s.details, s.status, s.filed_at, to_char(s.filed_on, 'YYYY-MM-DD') AS filed_on,
            s.answer_business_days, to_char(s.due_date, 'YYYY-MM-DD') AS due_date,
            (s.status = 'OPEN' AND s.due_date < $2::date) AS overdue,
            GREATEST($2::date - s.filed_on, 0)::int AS age_days,
            s.answer, s.answered_at, s.answered_by, au.name AS answered_by_name, s.answered_by_organisation_id,
            s.resolved_at, s.resolved_by, s.resolution_note, s.closed_at, s.closed_by, s.close_reason,
            s.reopened_count, s.escalated_at, s.version, s.updated_at,
            r.staff_count, r.grade AS staff_grade, r.months AS staff_months,
            to_char(r.until_date, 'YYYY-MM-DD') AS staff_until_date, r.reason AS staff_reason,
            r.decision AS staff_decision, r.approved_count AS staff_approved_count,
            r.decision_reason AS staff_decision_reason, r.decided_by AS staff_decided_by,
            r.decided_at AS staff_decided_at
       FROM collaboration_sos s
       JOIN collaboration_tasks ct ON ct.id = s.collaboration_id
       JOIN organisations fo ON fo.id = s.filed_by_organisation_id
       LEFT JOIN users fu ON fu.id = s.filed_by
       LEFT JOIN organisations bo ON bo.id = s.blocking_organisation_id
       LEFT JOIN collaboration_participants bp
              ON bp.collaboration_id = s.collaboration_id AND bp.organisation_id = s.blocking_organisation_id
       LEFT JOIN users au ON au.id = s.answered_by
       LEFT JOIN collaboration_staff_requests r ON r.sos_id = s.id
      WHERE s.collaboration_id = $1
        AND ($3::uuid IS NULL OR s.id = $3::uuid)
        AND ($4::text[] IS NULL OR s.status = ANY($4::text[]))
      ORDER BY s.filed_at DESC, s.id
      LIMIT $5 OFFSET $6`,
    [
      collaborationId,
      today,
      filter.id ?? null,
      filter.status?.length ? filter.status : null,
      filter.limit ?? 200,
      filter.offset ?? 0,
    ],
  ];
}

/** The open-SOS figures of a collaboration, for the list's lateral join (`ct`, today as `today`). */
export const OPEN_SOS_LATERAL = (today: string) => `
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS open_count, (${today}::date - min(os.filed_on))::int AS oldest_days
          FROM collaboration_sos os WHERE os.collaboration_id = ct.id AND os.status = 'OPEN'
      ) sos ON true`;
