import type { DataSource, EntityManager } from 'typeorm';
import type { ActionItemStatus, DecisionOutcome, TfMemberFact, TfRole } from './tf-rules.js';

type Db = DataSource | EntityManager;

// The SQL of the TF (raw SQL beside the services, ARCHITECTURE.md). Every query is keyed by the
// collaboration the caller was already found to read (collaborations.service readableRow, scoped
// in SQL), so a record of another collaboration is never named: it is simply not found.

/**
 * A TF member whose organisation no longer takes part (a participant removed) is no member any
 * more: every query of members keeps only those of a participant or the coordinator.
 */
const STILL_TAKING_PART = `(m.organisation_id = ct.coordinator_organisation_id OR EXISTS (
    SELECT 1 FROM collaboration_participants p
     WHERE p.collaboration_id = m.collaboration_id AND p.organisation_id = m.organisation_id))`;

export interface TfMemberRow {
  user_id: string;
  name: string;
  organisation_id: string;
  organisation_name: string;
  department_id: string;
  department_name: string;
  role: TfRole;
  added_at: Date;
}

export async function tfMembers(db: Db, collaborationId: string): Promise<TfMemberRow[]> {
  return db.query<TfMemberRow[]>(
    `SELECT m.user_id, u.name, m.organisation_id, o.name AS organisation_name, u.department_id,
            d.name AS department_name, m.role, m.added_at
       FROM collaboration_tf_members m
       JOIN collaboration_tasks ct ON ct.id = m.collaboration_id
       JOIN users u ON u.id = m.user_id
       JOIN organisations o ON o.id = m.organisation_id
       JOIN departments d ON d.id = u.department_id
      WHERE m.collaboration_id = $1 AND ${STILL_TAKING_PART}
      ORDER BY CASE m.role WHEN 'LEAD' THEN 0 WHEN 'LIAISON' THEN 1 ELSE 2 END, o.name, u.name, m.user_id`,
    [collaborationId],
  );
}

export const memberFacts = (rows: readonly TfMemberRow[]): TfMemberFact[] =>
  rows.map((r) => ({ userId: r.user_id, organisationId: r.organisation_id, role: r.role }));

/** The lead organisation's contact of a collaboration. */
export async function leadContact(db: Db, collaborationId: string): Promise<string | null> {
  const [row] = await db.query<Array<{ contact_user_id: string | null }>>(
    `SELECT contact_user_id FROM collaboration_participants WHERE collaboration_id = $1 AND role = 'LEAD'`,
    [collaborationId],
  );
  return row?.contact_user_id ?? null;
}

export interface TfCandidateRow {
  organisation_id: string;
  department_id: string;
  roles: string[];
  active: boolean;
}

export async function candidate(db: Db, userId: string): Promise<TfCandidateRow | undefined> {
  const [row] = await db.query<TfCandidateRow[]>(
    `SELECT organisation_id, department_id, roles::text[] AS roles, active FROM users WHERE id = $1`,
    [userId],
  );
  return row;
}

export interface MeetingRow {
  id: string;
  collaboration_id: string;
  held_at: Date;
  title: string;
  place: string;
  online: boolean;
  attendee_ids: string[];
  minutes: string;
  recorded_by: string | null;
  recorded_by_name: string | null;
  decisions_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  total?: number;
}

const MEETING_COLUMNS = `g.id, g.collaboration_id, g.held_at, g.title, g.place, g.online, g.attendee_ids,
       g.minutes, g.recorded_by, ru.name AS recorded_by_name,
       (SELECT count(*)::int FROM collaboration_tf_decisions x WHERE x.meeting_id = g.id) AS decisions_count,
       g.version, g.created_at, g.updated_at`;

export async function meetings(
  db: Db,
  collaborationId: string,
  page: { limit: number; offset: number },
): Promise<MeetingRow[]> {
  return db.query<MeetingRow[]>(
    `SELECT ${MEETING_COLUMNS}, count(*) OVER () AS total
       FROM collaboration_tf_meetings g LEFT JOIN users ru ON ru.id = g.recorded_by
      WHERE g.collaboration_id = $1
      ORDER BY g.held_at DESC, g.id LIMIT $2 OFFSET $3`,
    [collaborationId, page.limit, page.offset],
  );
}

export async function meeting(
  db: Db,
  collaborationId: string,
  meetingId: string,
): Promise<MeetingRow | undefined> {
  const [row] = await db.query<MeetingRow[]>(
    `SELECT ${MEETING_COLUMNS}
       FROM collaboration_tf_meetings g LEFT JOIN users ru ON ru.id = g.recorded_by
      WHERE g.collaboration_id = $1 AND g.id = $2`,
    [collaborationId, meetingId],
  );
  return row;
}

export interface AttendeeRow {
  user_id: string;
  name: string;
  organisation_id: string;
  organisation_name: string;
}

/** Attendees by id (names as the users table has them now). */
export async function attendees(db: Db, ids: readonly string[]): Promise<AttendeeRow[]> {
  if (!ids.length) return [];
  return db.query<AttendeeRow[]>(
    `SELECT u.id AS user_id, u.name, u.organisation_id, o.name AS organisation_name
       FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n)
       JOIN users u ON u.id = a.id JOIN organisations o ON o.id = u.organisation_id
      ORDER BY a.n`,
    [ids],
  );
}

export interface DecisionRow {
  id: string;
  meeting_id: string;
  text: string;
  outcome: DecisionOutcome;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export async function decisions(db: Db, meetingId: string): Promise<DecisionRow[]> {
  return db.query<DecisionRow[]>(
    `SELECT x.id, x.meeting_id, x.text, x.outcome, x.created_by, u.name AS created_by_name, x.created_at
       FROM collaboration_tf_decisions x LEFT JOIN users u ON u.id = x.created_by
      WHERE x.meeting_id = $1 ORDER BY x.created_at, x.id`,
    [meetingId],
  );
}

export interface DecisionMilestoneRow {
  decision_id: string;
  milestone_id: string;
  title: string;
  due_date: string;
  status: 'PLANNED' | 'DONE';
  organisation_id: string | null;
}

export async function decisionMilestones(
  db: Db,
  decisionIds: readonly string[],
): Promise<DecisionMilestoneRow[]> {
  if (!decisionIds.length) return [];
  return db.query<DecisionMilestoneRow[]>(
    `SELECT dm.decision_id, m.id AS milestone_id, m.title, to_char(m.due_date, 'YYYY-MM-DD') AS due_date,
            m.status, s.organisation_id
       FROM collaboration_tf_decision_milestones dm
       JOIN milestones m ON m.id = dm.milestone_id
       LEFT JOIN collaboration_milestone_shares s ON s.milestone_id = m.id
      WHERE dm.decision_id = ANY($1::uuid[])
      ORDER BY m.due_date, m.id`,
    [decisionIds],
  );
}

export interface ActionItemRow {
  id: string;
  collaboration_id: string;
  decision_id: string;
  meeting_id: string;
  title: string;
  owner_id: string;
  owner_name: string;
  owner_organisation_id: string;
  due_date: string;
  status: ActionItemStatus;
  completed_at: Date | null;
  completed_by: string | null;
  overdue: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  total?: number;
}

const ACTION_ITEM_COLUMNS = `a.id, a.collaboration_id, a.decision_id, x.meeting_id, a.title, a.owner_id,
       u.name AS owner_name, u.organisation_id AS owner_organisation_id,
       to_char(a.due_date, 'YYYY-MM-DD') AS due_date, a.status, a.completed_at, a.completed_by,
       (a.status = 'OPEN' AND a.due_date < $2::date) AS overdue, a.version, a.created_at, a.updated_at`;
const ACTION_ITEM_FROM = `collaboration_tf_action_items a
       JOIN collaboration_tf_decisions x ON x.id = a.decision_id
       JOIN users u ON u.id = a.owner_id`;

export interface ActionItemFilter {
  status?: ActionItemStatus;
  ownerUserId?: string;
  decisionIds?: readonly string[];
}

export async function actionItems(
  db: Db,
  collaborationId: string,
  today: string,
  filter: ActionItemFilter,
  page: { limit: number; offset: number },
): Promise<ActionItemRow[]> {
  return db.query<ActionItemRow[]>(
    `SELECT ${ACTION_ITEM_COLUMNS}, count(*) OVER () AS total
       FROM ${ACTION_ITEM_FROM}
      WHERE a.collaboration_id = $1
        AND ($3::varchar IS NULL OR a.status = $3)
        AND ($4::uuid IS NULL OR a.owner_id = $4)
        AND ($5::uuid[] IS NULL OR a.decision_id = ANY($5::uuid[]))
      ORDER BY a.due_date, a.created_at, a.id LIMIT $6 OFFSET $7`,
    [
      collaborationId,
      today,
      filter.status ?? null,
      filter.ownerUserId ?? null,
      filter.decisionIds ?? null,
      page.limit,
      page.offset,
    ],
  );
}

export async function actionItem(
  db: Db,
  collaborationId: string,
  itemId: string,
  today: string,
): Promise<ActionItemRow | undefined> {
  const [row] = await db.query<ActionItemRow[]>(
    `SELECT ${ACTION_ITEM_COLUMNS} FROM ${ACTION_ITEM_FROM} WHERE a.collaboration_id = $1 AND a.id = $3`,
    [collaborationId, today, itemId],
  );
  return row;
}
