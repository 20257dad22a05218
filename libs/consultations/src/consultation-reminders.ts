import { Injectable } from '@nestjs/common';
import { isBusinessDay } from '@gwaje/calendar';
import {
  DESCRIBED,
  dueRules,
  type OwedNotifications,
  type ReminderRunContext,
  ReminderSourceBase,
  usersWithRole,
} from '@gwaje/notifications';

/** Outbox events of pre-consultations that notify at once. */
export const ConsultationEvent = {
  SUBMITTED: 'consultation.submitted',
  OPINION_ISSUED: 'consultation.opinion-issued',
} as const;

const OPINION_PENDING = `c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')`;
const OPINION_DUE = `(c.opinion_due_date + c.extension_days)`;
const ESCALATED = `(c.state = 'ESCALATED' AND c.escalated_to_organisation_id IS NOT NULL)`;
/** The organisation that must give the opinion: the parent once the request is escalated there. */
const HOLDER = `(CASE WHEN ${ESCALATED} THEN c.escalated_to_organisation_id ELSE c.organisation_id END)`;
/** Requests whose opinion organisation $1 owes (indexed both ways). */
const HELD_BY_RUN = `((c.organisation_id = $1 AND NOT ${ESCALATED})
         OR (c.state = 'ESCALATED' AND c.escalated_to_organisation_id = $1))`;
/**
 * Who is reminded of an opinion: the assigned auditor and the audit unit's head (its DEPT_HEAD,
 * the one fact of a department's head); once escalated,
 * the parent's audit unit head and its auditors, who must answer (the assigned auditor is the
 * requesting organisation's).
 */
const OPINION_RECIPIENTS = `(
      SELECT c.assigned_auditor_id AS id WHERE c.assigned_auditor_id IS NOT NULL AND NOT ${ESCALATED}
      UNION SELECT u.id FROM departments d JOIN users u ON u.department_id = d.id
             WHERE d.organisation_id = ${HOLDER} AND d.is_audit_unit AND u.active
               AND 'DEPT_HEAD' = ANY(u.roles)
      UNION SELECT u.id FROM users u
             WHERE ${ESCALATED} AND u.organisation_id = c.escalated_to_organisation_id AND u.active
               AND 'AUDITOR' = ANY(u.roles)
    )`;

/** Screening due D-n: the organisation's auditors. */
const screeningDue = (rule: string) => `
  SELECT c.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'consultation', c.id, c.screening_due_date, $2::date
    FROM consultations c CROSS JOIN LATERAL (${usersWithRole('AUDITOR', 'c.organisation_id')}) x
   WHERE c.organisation_id = $1 AND c.state IN ('SUBMITTED', 'SCREENING') AND c.screening_due_date = ANY($3::date[])`;

/** Opinion due D-n: the organisation that must answer (OPINION_RECIPIENTS). */
const opinionDue = (rule: string) => `
  SELECT ${HOLDER}, x.id, '${rule}', 'DUE_SOON', false, 'consultation', c.id, ${OPINION_DUE}, $2::date
    FROM consultations c CROSS JOIN LATERAL ${OPINION_RECIPIENTS} x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE ${HELD_BY_RUN} AND ${OPINION_PENDING} AND ${OPINION_DUE} = ANY($3::date[])`;

/** Opinion overdue: every business day, counted in calendar days late. */
const OPINION_OVERDUE = `
  SELECT ${HOLDER}, x.id, 'consultation.opinion-overdue+' || ($2::date - ${OPINION_DUE}), 'OVERDUE', false,
         'consultation', c.id, ${OPINION_DUE}, $2::date
    FROM consultations c CROSS JOIN LATERAL ${OPINION_RECIPIENTS} x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE ${HELD_BY_RUN} AND ${OPINION_PENDING} AND ${OPINION_DUE} < $2::date`;

/** A submitted request, at once: the organisation's auditors ($3: the request). */
const SUBMITTED = `
  SELECT c.organisation_id, u.id, 'consultation.submitted', 'ACTION_REQUIRED', true, 'consultation', c.id,
         c.screening_due_date, $2::date
    FROM consultations c JOIN users u ON u.organisation_id = c.organisation_id AND u.active AND 'AUDITOR' = ANY(u.roles)
   WHERE c.organisation_id = $1 AND c.id = $3::uuid AND c.screening_due_date IS NOT NULL`;

/** An issued opinion, at once: the requester and the drafter ($3: the request). */
const OPINION_ISSUED = `
  SELECT c.organisation_id, x.id, 'consultation.opinion-issued', 'ACTION_REQUIRED', true, 'consultation', c.id,
         (c.opinion_at AT TIME ZONE 'Asia/Seoul')::date, $2::date
    FROM consultations c
    CROSS JOIN LATERAL (SELECT c.requester_id AS id WHERE c.requester_id IS NOT NULL UNION SELECT c.drafter_id) x
    JOIN users u ON u.id = x.id AND u.active
   WHERE c.organisation_id = $1 AND c.id = $3::uuid AND c.opinion_at IS NOT NULL`;

/** Pre-consultations' reminders (DOMAIN.md §6), registered with notifications. */
@Injectable()
export class ConsultationReminders extends ReminderSourceBase {
  readonly order = 20;
  readonly recordTypes = ['consultation'] as const;
  readonly labels = [
    ['consultation.submitted', { ko: '사전컨설팅 신청 접수', en: 'Pre-consultation submitted' }],
    ['consultation.screening', { ko: '사전컨설팅 접수 검토 기한', en: 'Screening due' }],
    ['consultation.opinion-issued', { ko: '사전컨설팅 의견 회신', en: 'Opinion issued' }],
    ['consultation.opinion-overdue', { ko: '사전컨설팅 의견 기한 경과', en: 'Opinion overdue' }],
    ['consultation.opinion', { ko: '사전컨설팅 의견 기한 임박', en: 'Opinion due soon' }],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id, c.subject AS title, '/consultations/' || c.id AS path,
           CASE WHEN n.rule LIKE 'consultation.submitted%' OR n.rule LIKE 'consultation.screening%'
                  THEN c.state IN ('SUBMITTED', 'SCREENING')
                WHEN n.rule LIKE 'consultation.opinion-issued%' THEN true
                ELSE ${OPINION_PENDING} END AS still_open
      FROM ${DESCRIBED} JOIN consultations c ON c.id = n.record_id`;

  daily({ today, settings }: ReminderRunContext): OwedNotifications[] {
    return [
      ...dueRules(
        today,
        settings['notifications.screeningDueDays'],
        'consultation.screening-due',
        screeningDue,
      ),
      ...dueRules(
        today,
        settings['notifications.opinionDueDays'],
        'consultation.opinion-due',
        opinionDue,
      ),
      ...(isBusinessDay(today)
        ? [{ rule: 'consultation.opinion-overdue', select: OPINION_OVERDUE, params: [] }]
        : []),
    ];
  }

  event(event: string, recordId: string) {
    if (event === ConsultationEvent.SUBMITTED)
      return {
        owed: { rule: event, select: SUBMITTED, params: [recordId] },
        rules: ['consultation.submitted'],
      };
    if (event === ConsultationEvent.OPINION_ISSUED)
      return {
        owed: { rule: event, select: OPINION_ISSUED, params: [recordId] },
        rules: ['consultation.opinion-issued'],
      };
    return null;
  }
}
