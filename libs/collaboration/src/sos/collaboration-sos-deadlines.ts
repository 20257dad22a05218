import { registerBusinessDayDeadline } from '@gwaje/calendar';
import { SOS_RECORD_TYPE } from './collaboration-sos-reminders.js';

/**
 * An open 협업SOS's answer deadline, counted in business days (the filing organisation's calendar),
 * moves with a declared day (@gwaje/calendar); its history is the collaboration lead's.
 */
export function registerSosDeadlines(): void {
  registerBusinessDayDeadline({
    recordType: SOS_RECORD_TYPE,
    field: 'dueDate',
    openSql: `SELECT s.id, s.filed_by_organisation_id AS organisation_id,
                     c.lead_organisation_id AS history_organisation_id,
                     s.filed_on::text AS basis, s.due_date::text AS due
                FROM collaboration_sos s JOIN collaboration_tasks c ON c.id = s.collaboration_id
               WHERE s.status = 'OPEN' AND s.filed_on < $1::date AND s.due_date >= $1::date
                 AND ($2::uuid IS NULL OR s.filed_by_organisation_id = $2::uuid)
               ORDER BY s.id FOR UPDATE OF s`,
    updateSql: `UPDATE collaboration_sos SET due_date = $2 WHERE id = $1`,
  });
}
