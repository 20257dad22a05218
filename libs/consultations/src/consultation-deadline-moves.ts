import { registerBusinessDayDeadline } from '@gwaje/calendar';

/**
 * The screening deadline, the N-th business day after submission (Asia/Seoul), moves with a
 * declared day (@gwaje/calendar) while screening is pending. The opinion's deadline counts
 * calendar days and does not move.
 */
export function registerConsultationDeadlines(): void {
  registerBusinessDayDeadline({
    recordType: 'consultation',
    field: 'screeningDueDate',
    openSql: `SELECT c.id, c.organisation_id, c.organisation_id AS history_organisation_id,
                     (c.submitted_at AT TIME ZONE 'Asia/Seoul')::date::text AS basis,
                     c.screening_due_date::text AS due
                FROM consultations c
               WHERE c.state IN ('SUBMITTED', 'SCREENING') AND c.screening_due_date >= $1::date
                 AND (c.submitted_at AT TIME ZONE 'Asia/Seoul')::date < $1::date
                 AND ($2::uuid IS NULL OR c.organisation_id = $2::uuid)
               ORDER BY c.id FOR UPDATE`,
    updateSql: `UPDATE consultations SET screening_due_date = $2 WHERE id = $1`,
  });
}
