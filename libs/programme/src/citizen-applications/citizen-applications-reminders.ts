import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isBusinessDay } from '@gwaje/calendar';
import {
  DESCRIBED,
  type DirectEmail,
  type DirectEmailSource,
  DirectEmailSources,
  dueRules,
  type OwedNotifications,
  type ReminderRunContext,
  ReminderSourceBase,
  ReminderSources,
} from '@gwaje/notifications';
import { DataSource } from 'typeorm';
import { composeReplyEmail, type ReplyEmailRow } from './citizen-applications-email.js';

export const APPLICATION_RECORD_TYPE = 'citizen_application';

/** Outbox events of 적극행정 국민신청. */
export const ApplicationEvent = {
  /** (Re)assigned: the department's people at once. */
  ASSIGNED: 'citizen-application.assigned',
  /** Replied to an applicant who gave an e-mail address: the reply e-mailed to that address. */
  REPLY_EMAIL: 'citizen-application.reply-email',
} as const;

/** The D-n business days before the 처리기한 on which the department and the office are reminded. */
export const APPLICATION_DUE_DAYS = [3] as const;

/** A reply e-mail is tried at most this often; a claim still SENDING after the lease is retried. */
const MAX_EMAIL_ATTEMPTS = 5;
const EMAIL_LEASE_MINUTES = 10;

/**
 * Who is reminded of application `a` in organisation $1: the proactive office, and the people
 * (STAFF, DEPT_HEAD) of the department it is assigned to.
 */
const RECIPIENTS = `(
      SELECT u.id FROM users u
       WHERE u.organisation_id = $1 AND u.active
         AND ('PROACTIVE_OFFICE' = ANY(u.roles)
              OR (u.department_id = a.department_id AND ('STAFF' = ANY(u.roles) OR 'DEPT_HEAD' = ANY(u.roles))))
    )`;

const OPEN = `a.organisation_id = $1 AND a.status <> 'REPLIED'`;

/** 처리기한 D-n: the office and the department while not replied. */
const dueSoon = (rule: string) => `
  SELECT $1::uuid, x.id, '${rule}', 'DUE_SOON', false, '${APPLICATION_RECORD_TYPE}', a.id, a.due_date, $2::date
    FROM citizen_applications a CROSS JOIN LATERAL ${RECIPIENTS} x
   WHERE ${OPEN} AND a.due_date = ANY($3::date[])`;

/** On the day of the 처리기한. */
const DUE_TODAY = `
  SELECT $1::uuid, x.id, 'citizen-application.due-0', 'DUE_SOON', false, '${APPLICATION_RECORD_TYPE}', a.id, a.due_date, $2::date
    FROM citizen_applications a CROSS JOIN LATERAL ${RECIPIENTS} x
   WHERE ${OPEN} AND a.due_date = $2::date`;

/** Overdue: every business day while not replied, counted in calendar days late. */
const OVERDUE = `
  SELECT $1::uuid, x.id, 'citizen-application.overdue+' || ($2::date - a.due_date), 'OVERDUE', false,
         '${APPLICATION_RECORD_TYPE}', a.id, a.due_date, $2::date
    FROM citizen_applications a CROSS JOIN LATERAL ${RECIPIENTS} x
   WHERE ${OPEN} AND a.due_date < $2::date`;

/** Assigned, at once: the department's people ($3: the application). */
const ASSIGNED = `
  SELECT $1::uuid, u.id, '${ApplicationEvent.ASSIGNED}', 'ACTION_REQUIRED', true,
         '${APPLICATION_RECORD_TYPE}', a.id, a.due_date, $2::date
    FROM citizen_applications a
    JOIN users u ON u.department_id = a.department_id AND u.active
               AND ('STAFF' = ANY(u.roles) OR 'DEPT_HEAD' = ANY(u.roles))
   WHERE a.id = $3::uuid AND a.organisation_id = $1 AND a.status = 'ASSIGNED'`;

/**
 * 적극행정 국민신청 reminders (DOMAIN.md §6, §9): an assigned application goes at once to the
 * department's people; D-3 business days before the 처리기한, on the day and every business day
 * while overdue (until the applicant is replied to) the department and the proactive office are
 * reminded. It is also the direct e-mail source of the reply to an applicant's e-mail address.
 */
@Injectable()
export class CitizenApplicationReminders extends ReminderSourceBase implements DirectEmailSource {
  readonly order = 40;
  readonly recordTypes = [APPLICATION_RECORD_TYPE] as const;
  readonly directEvents = [ApplicationEvent.REPLY_EMAIL] as const;
  readonly labels = [
    [
      'citizen-application.assigned',
      { ko: '적극행정 국민신청 배정', en: 'Citizen application assigned' },
    ],
    [
      'citizen-application.due',
      { ko: '적극행정 국민신청 처리기한 임박', en: 'Citizen application due soon' },
    ],
    [
      'citizen-application.due-0',
      { ko: '적극행정 국민신청 처리기한 오늘', en: 'Citizen application due today' },
    ],
    [
      'citizen-application.overdue',
      { ko: '적극행정 국민신청 처리기한 경과', en: 'Citizen application overdue' },
    ],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id,
           '적극행정 국민신청 [' || a.application_number || '] ' || left(a.challenged_rule, 60) AS title,
           '/citizen-applications/' || a.id AS path,
           CASE WHEN n.rule LIKE 'citizen-application.assigned%' THEN a.status = 'ASSIGNED'
                ELSE a.status <> 'REPLIED' END AS still_open
      FROM ${DESCRIBED} JOIN citizen_applications a ON a.id = n.record_id`;

  constructor(
    registry: ReminderSources,
    @InjectDataSource() dataSource: DataSource,
    private readonly direct: DirectEmailSources,
  ) {
    super(registry, dataSource);
  }

  override onModuleInit(): void {
    super.onModuleInit();
    this.direct.register(this);
  }

  daily({ today }: ReminderRunContext): OwedNotifications[] {
    if (!isBusinessDay(today)) return [];
    return [
      ...dueRules(today, [...APPLICATION_DUE_DAYS], 'citizen-application.due', dueSoon),
      { rule: 'citizen-application.due-0', select: DUE_TODAY, params: [] },
      { rule: 'citizen-application.overdue', select: OVERDUE, params: [] },
    ];
  }

  event(event: string, recordId: string) {
    if (event !== ApplicationEvent.ASSIGNED) return null;
    return {
      owed: { rule: event, select: ASSIGNED, params: [recordId] },
      rules: [event],
    };
  }

  // ── The reply e-mail to the applicant (DirectEmailSource) ─────────────────────────────────

  async claimDirect(
    event: string,
    recordId: string,
  ): Promise<{ key: string; email: DirectEmail } | null> {
    if (event !== ApplicationEvent.REPLY_EMAIL) return null;
    const [rows] = await this.dataSource.query<[ReplyEmailRow[], number]>(
      `UPDATE citizen_applications a
          SET reply_email_status = 'SENDING', reply_email_claimed_at = now(),
              reply_email_attempts = a.reply_email_attempts + 1
         FROM organisations o
        WHERE a.id = $1 AND o.id = a.organisation_id AND a.status = 'REPLIED' AND a.applicant_email IS NOT NULL
          AND a.reply_email_attempts < $2
          AND (a.reply_email_status IN ('PENDING', 'FAILED')
               OR (a.reply_email_status = 'SENDING' AND a.reply_email_claimed_at < now() - $3::int * interval '1 minute'))
    RETURNING a.id, a.application_number, a.applicant_name, a.applicant_email, a.decision, a.decision_reasons,
              to_char(a.received_on, 'YYYY-MM-DD') AS received_on, to_char(a.replied_on, 'YYYY-MM-DD') AS replied_on,
              a.reply_text, o.name AS organisation_name`,
      [recordId, MAX_EMAIL_ATTEMPTS, EMAIL_LEASE_MINUTES],
    );
    const [row] = rows;
    if (!row) return null;
    return { key: row.id, email: composeReplyEmail(row) };
  }

  async settleDirect(
    key: string,
    outcome: { messageId: string } | { error: string },
  ): Promise<void> {
    if ('messageId' in outcome)
      await this.dataSource.query(
        `UPDATE citizen_applications SET reply_email_status = 'SENT', reply_email_sent_at = now(),
                reply_email_message_id = $2, reply_email_error = NULL
          WHERE id = $1 AND reply_email_status = 'SENDING'`,
        [key, outcome.messageId.slice(0, 200)],
      );
    else
      await this.dataSource.query(
        `UPDATE citizen_applications SET reply_email_status = 'FAILED', reply_email_error = $2
          WHERE id = $1 AND reply_email_status = 'SENDING'`,
        [key, outcome.error],
      );
  }
}
