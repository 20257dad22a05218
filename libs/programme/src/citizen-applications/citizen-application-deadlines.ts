import { registerBusinessDayDeadline } from '@gwaje/calendar';
import { APPLICATION_RECORD_TYPE } from './citizen-applications-reminders.js';

/**
 * An undecided 국민신청's deadline, counted in business days from its receipt, moves with a declared
 * day (@gwaje/calendar).
 */
export function registerCitizenApplicationDeadlines(): void {
  registerBusinessDayDeadline({
    recordType: APPLICATION_RECORD_TYPE,
    field: 'dueDate',
    openSql: `SELECT a.id, a.organisation_id, a.organisation_id AS history_organisation_id,
                     a.received_on::text AS basis, a.due_date::text AS due
                FROM citizen_applications a
               WHERE a.status NOT IN ('DECIDED', 'REPLIED') AND a.received_on < $1::date
                 AND a.due_date >= $1::date AND ($2::uuid IS NULL OR a.organisation_id = $2::uuid)
               ORDER BY a.id FOR UPDATE`,
    updateSql: `UPDATE citizen_applications SET due_date = $2 WHERE id = $1`,
  });
}
