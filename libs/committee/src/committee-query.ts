/**
 * The committee's SQL (ARCHITECTURE.md: raw SQL in query files beside the services). Every query is
 * scoped to one organisation by a parameter.
 */

/** A member's term covers a date ($2): started on or before it and not ended before it. */
export const COVERS = (alias: string, date: string) =>
  `${alias}.term_start <= ${date}::date AND (${alias}.term_end IS NULL OR ${alias}.term_end >= ${date}::date)`;

export interface MemberRow {
  id: string;
  organisation_id: string;
  user_id: string;
  name: string;
  department_id: string;
  department_name: string;
  term_start: string;
  term_end: string | null;
  chair: boolean;
  civilian: boolean;
  affiliation: string;
  version: number;
}

const MEMBER_COLUMNS = `m.id, m.organisation_id, m.user_id, u.name, u.department_id, d.name AS department_name,
  to_char(m.term_start, 'YYYY-MM-DD') AS term_start, to_char(m.term_end, 'YYYY-MM-DD') AS term_end,
  m.chair, m.civilian, m.affiliation, m.version`;

/** Members of organisation $1 whose term covers $2 (active users only), chair first. */
export const SITTING_MEMBERS = `
  SELECT ${MEMBER_COLUMNS}
    FROM committee_members m JOIN users u ON u.id = m.user_id AND u.active
    JOIN departments d ON d.id = u.department_id
   WHERE m.organisation_id = $1 AND ${COVERS('m', '$2')}
   ORDER BY m.chair DESC, u.name, m.id`;

/** Every term of organisation $1 (current or not, $2 false: only those not ended before $3). */
export const MEMBER_TERMS = `
  SELECT ${MEMBER_COLUMNS}
    FROM committee_members m JOIN users u ON u.id = m.user_id
    JOIN departments d ON d.id = u.department_id
   WHERE m.organisation_id = $1 AND ($2::boolean OR m.term_end IS NULL OR m.term_end >= $3::date)
   ORDER BY m.term_start DESC, u.name, m.id
   LIMIT 500`;

export const MEMBER_BY_ID = `
  SELECT ${MEMBER_COLUMNS}
    FROM committee_members m JOIN users u ON u.id = m.user_id
    JOIN departments d ON d.id = u.department_id
   WHERE m.id = $1 AND m.organisation_id = $2`;

/** Terms of one user ($2) in organisation $1 that overlap [$3, $4 or open) apart from $5. */
export const OVERLAPPING_TERMS = `
  SELECT id FROM committee_members
   WHERE organisation_id = $1 AND user_id = $2 AND id IS DISTINCT FROM $5::uuid
     AND term_start <= COALESCE($4::date, 'infinity'::date)
     AND COALESCE(term_end, 'infinity'::date) >= $3::date`;

export interface MeetingRow {
  id: string;
  organisation_id: string;
  title: string;
  meeting_date: string;
  kind: 'IN_PERSON' | 'WRITTEN';
  written_ground: 'URGENT' | 'MINOR' | 'UNAVOIDABLE' | null;
  written_reason: string | null;
  status: 'SCHEDULED' | 'HELD' | 'CLOSED';
  composition_warnings: unknown[];
  sitting_member_ids: string[];
  attendee_ids: string[];
  version: number;
}

export const MEETING_COLUMNS = `mt.id, mt.organisation_id, mt.title, to_char(mt.meeting_date, 'YYYY-MM-DD') AS meeting_date,
  mt.kind, mt.written_ground, mt.written_reason, mt.status, mt.composition_warnings, mt.sitting_member_ids, mt.version,
  COALESCE((SELECT array_agg(a.user_id ORDER BY a.user_id) FROM committee_attendance a WHERE a.meeting_id = mt.id), '{}') AS attendee_ids`;

export interface ItemRow {
  id: string;
  organisation_id: string;
  meeting_id: string;
  seq: number;
  subject_kind: string;
  subject_id: string | null;
  title: string;
  interested_parties: Array<{ role: string; userId?: string; departmentId?: string }>;
  status: 'OPEN' | 'DECIDED' | 'WITHDRAWN';
  outcome: 'PASSED' | 'REJECTED' | null;
  decision: string | null;
  members_count: number | null;
  present_member_ids: string[] | null;
  excluded: unknown;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  decided_by: string | null;
  decided_at: Date | null;
  version: number;
}

export interface ExclusionRow {
  id: string;
  agenda_item_id: string;
  user_id: string;
  name: string;
  kind: 'CHALLENGE' | 'RECUSAL';
  reason: string;
  status: 'REQUESTED' | 'ACCEPTED' | 'REJECTED';
  requested_by: string;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  version: number;
  created_at: Date;
}

export const ITEM_EXCLUSIONS = `
  SELECT x.id, x.agenda_item_id, x.user_id, u.name, x.kind, x.reason, x.status, x.requested_by, x.decided_by,
         x.decided_at, x.decision_note, x.version, x.created_at
    FROM committee_exclusions x JOIN users u ON u.id = x.user_id
   WHERE x.agenda_item_id = $1 ORDER BY x.created_at, x.id`;

export const ITEM_VOTES = `
  SELECT v.user_id, u.name, v.vote, v.recorded_by, v.cast_at
    FROM committee_votes v JOIN users u ON u.id = v.user_id
   WHERE v.agenda_item_id = $1 ORDER BY u.name, v.user_id`;

/** Users ($1) with their names and departments (for 제척 by department). */
export const USERS_WITH_DEPARTMENTS = `
  SELECT id, name, department_id FROM users WHERE id = ANY($1::uuid[])`;
