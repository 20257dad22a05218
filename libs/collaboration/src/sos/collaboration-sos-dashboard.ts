import type { CoordinatorFiguresExtension } from '../collaboration-dashboard.js';
import { SOS_RECORD_TYPE } from './collaboration-sos-reminders.js';

/** The coordinator's 협업SOS figures (sections.collaborations.extensions.sos). */
export interface SosFigures {
  /** Filed by the day of the figures, on the coordinator's collaboration tasks of the year. */
  filed: number;
  /** Awaiting an answer (OPEN), and of those past their answer date, and escalated. */
  open: number;
  overdue: number;
  escalated: number;
  answered: number;
  /** RESOLVED or CLOSED. */
  finished: number;
  /** Open ones by age in calendar days since filing: 0–3, 4–7, 8 and more. */
  openByAge: { upTo3: number; from4To7: number; over7: number };
  /** Age of the oldest open one in calendar days (null: none open). */
  oldestOpenDays: number | null;
  /** 협업정원 requests (kind STAFF), and those still waiting for the coordinator's decision. */
  staffRequests: number;
  staffRequestsUndecided: number;
}

/** $1 coordinator, $2 year (of the task), $3 the day of the figures. */
const SOS_FIGURES_SQL = `
  SELECT count(*)::int AS filed,
         count(*) FILTER (WHERE s.status = 'OPEN')::int AS open,
         count(*) FILTER (WHERE s.status = 'OPEN' AND s.due_date < $3::date)::int AS overdue,
         count(*) FILTER (WHERE s.status = 'OPEN' AND s.escalated_at IS NOT NULL)::int AS escalated,
         count(*) FILTER (WHERE s.status = 'ANSWERED')::int AS answered,
         count(*) FILTER (WHERE s.status IN ('RESOLVED', 'CLOSED'))::int AS finished,
         count(*) FILTER (WHERE s.status = 'OPEN' AND $3::date - s.filed_on <= 3)::int AS up_to_3,
         count(*) FILTER (WHERE s.status = 'OPEN' AND $3::date - s.filed_on BETWEEN 4 AND 7)::int AS from_4_to_7,
         count(*) FILTER (WHERE s.status = 'OPEN' AND $3::date - s.filed_on > 7)::int AS over_7,
         max($3::date - s.filed_on) FILTER (WHERE s.status = 'OPEN') AS oldest_open_days,
         count(*) FILTER (WHERE s.need_kind = 'STAFF')::int AS staff_requests,
         count(*) FILTER (WHERE s.need_kind = 'STAFF' AND r.decision IS NULL
                            AND s.status IN ('OPEN', 'ANSWERED'))::int AS staff_undecided
    FROM collaboration_sos s
    JOIN collaboration_tasks c ON c.id = s.collaboration_id
    JOIN tasks t ON t.id = c.task_id
    LEFT JOIN collaboration_staff_requests r ON r.sos_id = s.id
   WHERE c.coordinator_organisation_id = $1 AND t.year = $2 AND s.filed_on <= $3::date`;

interface SosFiguresRow {
  filed: number;
  open: number;
  overdue: number;
  escalated: number;
  answered: number;
  finished: number;
  up_to_3: number;
  from_4_to_7: number;
  over_7: number;
  oldest_open_days: number | null;
  staff_requests: number;
  staff_undecided: number;
}

/**
 * 협업SOS in the coordinator's dashboard section. SOS history is recorded under the lead
 * organisation, so the coordinator's history mark also follows the SOS of the tasks it coordinates.
 */
export const SOS_COORDINATOR_FIGURES: CoordinatorFiguresExtension = {
  async compute(m, { organisationId, year, asOf }): Promise<SosFigures> {
    const [r] = await m.query<SosFiguresRow[]>(SOS_FIGURES_SQL, [organisationId, year, asOf]);
    return {
      filed: r.filed,
      open: r.open,
      overdue: r.overdue,
      escalated: r.escalated,
      answered: r.answered,
      finished: r.finished,
      openByAge: { upTo3: r.up_to_3, from4To7: r.from_4_to_7, over7: r.over_7 },
      oldestOpenDays: r.oldest_open_days,
      staffRequests: r.staff_requests,
      staffRequestsUndecided: r.staff_undecided,
    };
  },
  historyMarkSql: (org) =>
    `SELECT max(h.id) FROM collaboration_tasks xc
       JOIN collaboration_sos xs ON xs.collaboration_id = xc.id
       JOIN history h ON h.record_type = '${SOS_RECORD_TYPE}' AND h.record_id = xs.id::text
      WHERE xc.coordinator_organisation_id = ${org}`,
};
