/** SQL of the compile requests (DashboardCompiles); `dashboard_compile_requests` is theirs alone. */

/**
 * Records a request for ($1 organisation, $2 year) by $3, unless one of the organisation-year is
 * QUEUED already: then that one (coalesced). The partial unique index on QUEUED requests decides
 * races. Returns nothing when the QUEUED request it collided with was committed after this
 * statement's snapshot (READ COMMITTED): run it again.
 */
export const REQUEST_SQL = `
  WITH queued AS (
    INSERT INTO dashboard_compile_requests (organisation_id, year, requested_by)
    VALUES ($1, $2, $3)
    ON CONFLICT (organisation_id, year) WHERE state = 'QUEUED' DO NOTHING
    RETURNING id)
  SELECT id, false AS coalesced FROM queued
  UNION ALL
  SELECT id, true AS coalesced FROM dashboard_compile_requests
   WHERE organisation_id = $1 AND year = $2 AND state = 'QUEUED' AND NOT EXISTS (SELECT 1 FROM queued)`;

/**
 * A request ($1) of organisation $2 as its handle shows it, with its figures only once DONE and
 * whether its snapshot is still the dashboard's latest (`current`).
 */
export const VIEW_SQL = `
  SELECT r.id, r.organisation_id, r.year, r.state, r.attempts, r.error, r.requested_at,
         r.started_at, r.finished_at, r.compiled_at, to_char(r.as_of, 'YYYY-MM-DD') AS as_of,
         r.high_water_mark::text AS high_water_mark, r.duration_ms,
         CASE WHEN r.state = 'DONE' THEN r.data END AS data,
         COALESCE(s.compiled_at = r.compiled_at, false) AS current
    FROM dashboard_compile_requests r
    LEFT JOIN dashboard_snapshots s ON s.organisation_id = r.organisation_id AND s.year = r.year
   WHERE r.id = $1 AND r.organisation_id = $2`;

/** The request's outbox row ($1): its organisation and payload. */
export const OUTBOX_ROW_SQL = `SELECT organisation_id, payload FROM outbox WHERE id = $1`;

/**
 * The worker takes request $1 (from the states in $2): RUNNING, one more attempt, started (the
 * first time). Returns what to compile; nothing when it is finished or unknown.
 */
export const START_SQL = `
  UPDATE dashboard_compile_requests
     SET state = 'RUNNING', attempts = attempts + 1, started_at = COALESCE(started_at, now())
   WHERE id = $1 AND state = ANY($2::varchar[])
  RETURNING organisation_id, year, attempts`;

/**
 * Request $1 (from the states in $6) is DONE with the snapshot it compiled: run in the
 * transaction that stores the snapshot, so `now()` is the snapshot's `compiled_at`.
 */
export const SUCCEED_SQL = `
  UPDATE dashboard_compile_requests
     SET state = 'DONE', finished_at = now(), compiled_at = now(), as_of = $2,
         high_water_mark = $3, duration_ms = $4, data = $5, error = NULL
   WHERE id = $1 AND state = ANY($6::varchar[])`;

/** An attempt of request $1 (from the states in $3) failed with $2; it runs again. */
export const RETRY_SQL = `
  UPDATE dashboard_compile_requests SET error = $2
   WHERE id = $1 AND state = ANY($3::varchar[])`;

/** Request $1 (from the states in $3) is given up: FAILED with the error $2. */
export const FAIL_SQL = `
  UPDATE dashboard_compile_requests SET state = 'FAILED', error = $2, finished_at = now()
   WHERE id = $1 AND state = ANY($3::varchar[])`;
