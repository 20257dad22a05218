import type { EntityManager } from 'typeorm';

/**
 * SQL of 적극행정 education. Who counts for completion: the organisation's active users holding a
 * staff role (STAFF, DEPT_HEAD, AUDITOR, PROACTIVE_OFFICE) in a department; administrators and
 * committee members (often civilians) without such a role are not counted.
 */
export const COUNTED_USER = `u.active AND u.department_id IS NOT NULL
  AND u.roles && ARRAY['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE']::user_role[]`;

type Db = Pick<EntityManager, 'query'>;

export interface SessionRow {
  id: string;
  organisation_id: string;
  title: string;
  kind: string;
  session_date: string;
  hours: number;
  delivery: string;
  place: string;
  notes: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  attendee_count: number;
  attended_hours: number;
}

const SESSION_COLUMNS = `s.id, s.organisation_id, s.title, s.kind, to_char(s.session_date, 'YYYY-MM-DD') AS session_date,
       s.hours::float8 AS hours, s.delivery, s.place, s.notes, s.version, s.created_at, s.updated_at,
       (SELECT count(*)::int FROM education_attendances a WHERE a.session_id = s.id) AS attendee_count,
       (SELECT COALESCE(sum(a.hours), 0)::float8 FROM education_attendances a WHERE a.session_id = s.id) AS attended_hours`;

/** The organisation's sessions of a year, newest first (a year has a few dozen at most). */
export function sessionsOfYear(db: Db, organisationId: string, year: number, limit: number) {
  return db.query<SessionRow[]>(
    `SELECT ${SESSION_COLUMNS} FROM education_sessions s
      WHERE s.organisation_id = $1 AND s.session_date >= make_date($2, 1, 1) AND s.session_date < make_date($2 + 1, 1, 1)
      ORDER BY s.session_date DESC, s.created_at DESC LIMIT $3`,
    [organisationId, year, limit],
  );
}

/** One session of the organisation (none for another organisation's id). */
export async function sessionOf(
  db: Db,
  organisationId: string,
  id: string,
): Promise<SessionRow | undefined> {
  const [row] = await db.query<SessionRow[]>(
    `SELECT ${SESSION_COLUMNS} FROM education_sessions s WHERE s.id = $1 AND s.organisation_id = $2`,
    [id, organisationId],
  );
  return row;
}

export interface AttendeeRow {
  user_id: string;
  name: string;
  email: string;
  department_id: string | null;
  department_name: string | null;
  hours: number;
  source: string;
  recorded_at: Date;
}

/**
 * The attendees of a session, by department and name, as far as the reader sees them: all, or
 * those of one department and the reader.
 */
export function attendeesOf(
  db: Db,
  sessionId: string,
  scope: { all: boolean; departmentId: string | null; userId: string },
) {
  return db.query<AttendeeRow[]>(
    `SELECT a.user_id, u.name, u.email, u.department_id, d.name AS department_name, a.hours::float8 AS hours,
            a.source, a.recorded_at
       FROM education_attendances a JOIN users u ON u.id = a.user_id
       LEFT JOIN departments d ON d.id = u.department_id
      WHERE a.session_id = $1 AND ($2::boolean OR u.department_id = $3::uuid OR u.id = $4::uuid)
      ORDER BY d.name NULLS LAST, u.name, u.id`,
    [sessionId, scope.all, scope.departmentId, scope.userId],
  );
}

/** Users of the organisation by id (any state): whether each is there and active. */
export function usersOf(db: Db, organisationId: string, ids: string[]) {
  return db.query<Array<{ id: string; active: boolean }>>(
    `SELECT id, active FROM users WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
    [organisationId, ids],
  );
}

/** Active users of the organisation by e-mail (lower case). */
export function activeUsersByEmail(db: Db, organisationId: string, emails: string[]) {
  return db.query<Array<{ id: string; email: string }>>(
    `SELECT id, lower(email) AS email FROM users
      WHERE organisation_id = $1 AND active AND lower(email) = ANY($2::text[])`,
    [organisationId, emails],
  );
}

/** Current attendance of a session: user → hours. */
export async function attendanceMap(db: Db, sessionId: string): Promise<Map<string, number>> {
  const rows = await db.query<Array<{ user_id: string; hours: number }>>(
    `SELECT user_id, hours::float8 AS hours FROM education_attendances WHERE session_id = $1`,
    [sessionId],
  );
  return new Map(rows.map((r) => [r.user_id, r.hours]));
}

export interface UserHoursRow {
  user_id: string;
  name: string;
  grade: string | null;
  department_id: string;
  department_name: string;
  hours: number;
  sessions: number;
}

/**
 * Counted users of the organisation with their hours of the year's sessions held by `asOf`
 * ($1 organisation, $2 year, $3 asOf). `scope`: a department, one user, or everyone.
 */
const USER_HOURS = `
  SELECT u.id AS user_id, u.name, u.grade, u.department_id, d.name AS department_name,
         COALESCE(sum(a.hours), 0)::float8 AS hours, count(a.session_id)::int AS sessions
    FROM users u JOIN departments d ON d.id = u.department_id
    LEFT JOIN (education_attendances a JOIN education_sessions s
                 ON s.id = a.session_id AND s.organisation_id = $1
                AND s.session_date >= make_date($2, 1, 1) AND s.session_date <= $3::date)
           ON a.user_id = u.id
   WHERE u.organisation_id = $1 AND ${COUNTED_USER}`;

export function userHours(
  db: Db,
  organisationId: string,
  year: number,
  asOf: string,
  scope: { departmentId?: string; userId?: string },
) {
  return db.query<UserHoursRow[]>(
    `${USER_HOURS} AND ($4::uuid IS NULL OR u.department_id = $4) AND ($5::uuid IS NULL OR u.id = $5)
     GROUP BY u.id, d.id ORDER BY d.name, u.name, u.id`,
    [organisationId, year, asOf, scope.departmentId ?? null, scope.userId ?? null],
  );
}

export interface DepartmentRow {
  department_id: string;
  name: string;
  active_users: number;
  completed_users: number;
  participants: number;
  attendances: number;
  attendance_hours: number;
}

/**
 * Per active department of the organisation: counted users, of them those with at least the
 * required hours ($4), users who attended anything, attendances and hours of the year by `asOf`.
 */
export function departmentFigures(
  db: Db,
  organisationId: string,
  year: number,
  asOf: string,
  required: number,
  departmentId: string | null = null,
) {
  return db.query<DepartmentRow[]>(
    `WITH per_user AS (${USER_HOURS} GROUP BY u.id, d.id)
     SELECT d.id AS department_id, d.name,
            count(p.user_id)::int AS active_users,
            count(p.user_id) FILTER (WHERE p.hours >= $4)::int AS completed_users,
            count(p.user_id) FILTER (WHERE p.sessions > 0)::int AS participants,
            COALESCE(sum(p.sessions), 0)::int AS attendances,
            COALESCE(sum(p.hours), 0)::float8 AS attendance_hours
       FROM departments d LEFT JOIN per_user p ON p.department_id = d.id
      WHERE d.organisation_id = $1 AND d.active AND ($5::uuid IS NULL OR d.id = $5)
      GROUP BY d.id ORDER BY d.name, d.id`,
    [organisationId, year, asOf, required, departmentId],
  );
}

export interface YearTotalsRow {
  sessions: number;
  attendances: number;
  attendance_hours: number;
}

/** Sessions held in the year by `asOf`, their attendances and hours. */
export async function yearTotals(db: Db, organisationId: string, year: number, asOf: string) {
  const [row] = await db.query<YearTotalsRow[]>(
    `SELECT count(DISTINCT s.id)::int AS sessions, count(a.user_id)::int AS attendances,
            COALESCE(sum(a.hours), 0)::float8 AS attendance_hours
       FROM education_sessions s LEFT JOIN education_attendances a ON a.session_id = s.id
      WHERE s.organisation_id = $1 AND s.session_date >= make_date($2, 1, 1) AND s.session_date <= $3::date`,
    [organisationId, year, asOf],
  );
  return row;
}

/** The last day of a year that counts by `asOf`: 31 December, or `asOf` within the year. */
export function yearEnd(year: number, asOf?: string): string {
  const end = `${year}-12-31`;
  return asOf && asOf < end ? asOf : end;
}
