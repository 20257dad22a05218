import { registerBusinessDayDeadline } from '@gwaje/calendar';
import { PASSIVE_REPORT_RECORD_TYPE } from './passive-report-query.js';

/**
 * The running deadline of an open 소극행정 신고 (the extended one once extended), counted in business
 * days from its receipt, moves with a declared day (@gwaje/calendar).
 */
export function registerPassiveReportDeadlines(): void {
  registerBusinessDayDeadline({
    recordType: PASSIVE_REPORT_RECORD_TYPE,
    field: 'dueDate',
    openSql: `SELECT p.id, p.organisation_id, p.organisation_id AS history_organisation_id,
                     p.received_on::text AS basis,
                     COALESCE(p.extended_due_date, p.due_date)::text AS due
                FROM passive_reports p
               WHERE p.status IN ('RECEIVED', 'INVESTIGATING') AND p.received_on < $1::date
                 AND COALESCE(p.extended_due_date, p.due_date) >= $1::date
                 AND ($2::uuid IS NULL OR p.organisation_id = $2::uuid)
               ORDER BY p.id FOR UPDATE`,
    updateSql: `UPDATE passive_reports
                   SET due_date = CASE WHEN extended_due_date IS NULL THEN $2::date ELSE due_date END,
                       extended_due_date = CASE WHEN extended_due_date IS NULL THEN NULL ELSE $2::date END
                 WHERE id = $1`,
  });
}
