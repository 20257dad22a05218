import { registerBusinessDayDeadline } from '@gwaje/calendar';

/**
 * A report's due date, the N-th business day after its period, moves with a declared day
 * (@gwaje/calendar) until the report is first submitted.
 */
export function registerReportDeadlines(): void {
  registerBusinessDayDeadline({
    recordType: 'report',
    field: 'dueDate',
    openSql: `SELECT r.id, r.organisation_id, r.organisation_id AS history_organisation_id,
                     r.period_end::text AS basis, r.due_date::text AS due
                FROM reports r
               WHERE r.first_submitted_at IS NULL AND r.period_end < $1::date AND r.due_date >= $1::date
                 AND ($2::uuid IS NULL OR r.organisation_id = $2::uuid)
               ORDER BY r.id FOR UPDATE`,
    updateSql: `UPDATE reports SET due_date = $2 WHERE id = $1`,
  });
}
