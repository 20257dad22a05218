import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService } from '@gwaje/audit';
import { isBusinessDay } from '@gwaje/calendar';
import { TransactionService } from '@gwaje/db';
import {
  DESCRIBED,
  dueRules,
  type OwedNotifications,
  type ReminderRunContext,
  ReminderSourceBase,
  ReminderSources,
} from '@gwaje/notifications';
import { DataSource } from 'typeorm';

export const SOS_RECORD_TYPE = 'collaboration_sos';

/** Outbox events of 협업SOS that notify at once (each emitted for one recipient organisation). */
export const SosEvent = {
  /** Filed: the coordinator's and the blocking organisation's answerers. */
  FILED: 'collaboration-sos.filed',
  /** Opened again after its answer: the answerers again. */
  REOPENED: 'collaboration-sos.reopened',
  /** Answered: the filer. */
  ANSWERED: 'collaboration-sos.answered',
  /** 협업정원 decided: the filer. */
  DECIDED: 'collaboration-sos.decided',
} as const;

/** The D-n business days before the answer deadline on which the answerers are reminded. */
export const SOS_DUE_DAYS = [1] as const;

const FROM = `collaboration_sos s JOIN collaboration_tasks ct ON ct.id = s.collaboration_id`;
/** SOS that organisation $1 answers: it coordinates the task, or it is named as blocking. */
const ANSWERED_BY_RUN = `(ct.coordinator_organisation_id = $1 OR s.blocking_organisation_id = $1)`;

/**
 * Who answers an SOS, in organisation $1 (notifications are the recipient's organisation's, as
 * runs are per organisation): the PROACTIVE_OFFICE of the coordinator and of the blocking
 * organisation, and the blocking participant's contact.
 */
const ANSWERERS = `(
      SELECT u.id FROM users u
       WHERE u.organisation_id = $1 AND u.active AND 'PROACTIVE_OFFICE' = ANY(u.roles)
         AND (ct.coordinator_organisation_id = $1 OR s.blocking_organisation_id = $1)
      UNION SELECT u.id FROM collaboration_participants p JOIN users u ON u.id = p.contact_user_id AND u.active
       WHERE p.collaboration_id = s.collaboration_id AND p.organisation_id = s.blocking_organisation_id
         AND u.organisation_id = $1
    )`;

/**
 * The head of the coordinator's proactive office (적극행정 전담부서): the DEPT_HEAD of a department
 * flagged isProactiveOffice (a department's head is its DEPT_HEAD), in organisation $1.
 */
const OFFICE_HEADS = `(
      SELECT u.id FROM departments d JOIN users u ON u.department_id = d.id AND u.active
       WHERE d.organisation_id = $1 AND d.is_proactive_office AND d.active AND 'DEPT_HEAD' = ANY(u.roles)
    )`;

/** Answer due D-n: the answerers while it is open. */
const answerDue = (rule: string) => `
  SELECT $1::uuid, x.id, '${rule}', 'DUE_SOON', false, '${SOS_RECORD_TYPE}', s.id, s.due_date, $2::date
    FROM ${FROM} CROSS JOIN LATERAL ${ANSWERERS} x
   WHERE ${ANSWERED_BY_RUN} AND s.status = 'OPEN' AND s.due_date = ANY($3::date[])`;

/** Overdue: every business day while unanswered, counted in calendar days late. */
const OVERDUE = `
  SELECT $1::uuid, x.id, 'collaboration-sos.overdue+' || ($2::date - s.due_date), 'OVERDUE', false,
         '${SOS_RECORD_TYPE}', s.id, s.due_date, $2::date
    FROM ${FROM} CROSS JOIN LATERAL ${ANSWERERS} x
   WHERE ${ANSWERED_BY_RUN} AND s.status = 'OPEN' AND s.due_date < $2::date`;

/** Escalation: every business day while overdue, the coordinator's proactive office head. */
const ESCALATED = `
  SELECT $1::uuid, x.id, 'collaboration-sos.escalated+' || ($2::date - s.due_date), 'OVERDUE', false,
         '${SOS_RECORD_TYPE}', s.id, s.due_date, $2::date
    FROM ${FROM} CROSS JOIN LATERAL ${OFFICE_HEADS} x
   WHERE ct.coordinator_organisation_id = $1 AND s.status = 'OPEN' AND s.due_date < $2::date`;

/** Filed or reopened, at once: the answerers of organisation $1 but the filer ($3: the SOS). */
const toAnswerers = (rule: string) => `
  SELECT $1::uuid, x.id, '${rule}', 'ACTION_REQUIRED', true, '${SOS_RECORD_TYPE}', s.id, s.due_date, $2::date
    FROM ${FROM} CROSS JOIN LATERAL ${ANSWERERS} x
   WHERE s.id = $3::uuid AND s.status = 'OPEN' AND x.id <> s.filed_by`;

/** Answered, at once: the filer, in its organisation $1 ($3: the SOS). */
const ANSWERED = `
  SELECT $1::uuid, s.filed_by, '${SosEvent.ANSWERED}', 'ACTION_REQUIRED', true, '${SOS_RECORD_TYPE}', s.id,
         (s.answered_at AT TIME ZONE 'Asia/Seoul')::date, $2::date
    FROM collaboration_sos s JOIN users u ON u.id = s.filed_by AND u.active AND u.organisation_id = $1
   WHERE s.id = $3::uuid AND s.answered_at IS NOT NULL`;

/** 협업정원 decided, at once: the filer, in its organisation $1 ($3: the SOS). */
const DECIDED = `
  SELECT $1::uuid, s.filed_by, '${SosEvent.DECIDED}', 'ACTION_REQUIRED', true, '${SOS_RECORD_TYPE}', s.id,
         (r.decided_at AT TIME ZONE 'Asia/Seoul')::date, $2::date
    FROM collaboration_sos s JOIN collaboration_staff_requests r ON r.sos_id = s.id
    JOIN users u ON u.id = s.filed_by AND u.active AND u.organisation_id = $1
   WHERE s.id = $3::uuid AND r.decided_at IS NOT NULL`;

/**
 * 협업SOS reminders and events (DOMAIN.md §6, §9), registered with notifications: filed and
 * reopened SOS go at once to whoever answers them; answers and 협업정원 decisions at once to the
 * filer; D-1 business day before the answer deadline the answerers are reminded, and every business
 * day while overdue the answerers again and, escalated, the coordinator's proactive office head.
 * The first run that escalates an SOS marks it (escalated_at, with its history entry).
 */
@Injectable()
export class CollaborationSosReminders extends ReminderSourceBase {
  readonly order = 27;
  readonly recordTypes = [SOS_RECORD_TYPE] as const;
  readonly labels = [
    ['collaboration-sos.filed', { ko: '협업SOS 접수', en: '협업SOS filed' }],
    ['collaboration-sos.reopened', { ko: '협업SOS 재요청', en: '협업SOS reopened' }],
    ['collaboration-sos.answered', { ko: '협업SOS 답변', en: '협업SOS answered' }],
    ['collaboration-sos.decided', { ko: '협업정원 요청 결정', en: '협업정원 request decided' }],
    ['collaboration-sos.due', { ko: '협업SOS 답변 기한 임박', en: '협업SOS answer due soon' }],
    ['collaboration-sos.overdue', { ko: '협업SOS 답변 기한 경과', en: '협업SOS answer overdue' }],
    [
      'collaboration-sos.escalated',
      { ko: '협업SOS 답변 지연(상급 보고)', en: '협업SOS overdue (escalated)' },
    ],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id,
           '협업SOS [' || t.code || '] ' || t.title || ' — ' || left(s.blocked, 60) AS title,
           '/collaborations/' || s.collaboration_id || '?sos=' || s.id AS path,
           CASE WHEN n.rule LIKE 'collaboration-sos.answered%' OR n.rule LIKE 'collaboration-sos.decided%'
                  THEN true
                ELSE s.status = 'OPEN' END AS still_open
      FROM ${DESCRIBED} JOIN collaboration_sos s ON s.id = n.record_id
      JOIN collaboration_tasks ct ON ct.id = s.collaboration_id JOIN tasks t ON t.id = ct.task_id`;

  constructor(
    registry: ReminderSources,
    @InjectDataSource() dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
  ) {
    super(registry, dataSource);
  }

  daily({ today }: ReminderRunContext): OwedNotifications[] {
    return [
      ...dueRules(today, [...SOS_DUE_DAYS], 'collaboration-sos.due', answerDue),
      ...(isBusinessDay(today)
        ? [
            { rule: 'collaboration-sos.overdue', select: OVERDUE, params: [] },
            { rule: 'collaboration-sos.escalated', select: ESCALATED, params: [] },
          ]
        : []),
    ];
  }

  event(event: string, recordId: string) {
    switch (event) {
      case SosEvent.FILED:
      case SosEvent.REOPENED:
        return {
          owed: { rule: event, select: toAnswerers(event), params: [recordId] },
          rules: [event],
        };
      case SosEvent.ANSWERED:
        return { owed: { rule: event, select: ANSWERED, params: [recordId] }, rules: [event] };
      case SosEvent.DECIDED:
        return { owed: { rule: event, select: DECIDED, params: [recordId] }, rules: [event] };
      default:
        return null;
    }
  }

  /**
   * After the coordinator's real run on a business day: the overdue SOS it escalated for the
   * first time are marked (escalated_at), each with a history entry of the system.
   */
  async afterRun({ organisationId, today }: ReminderRunContext): Promise<void> {
    if (!isBusinessDay(today)) return;
    await this.tx.run(async (tx) => {
      const [rows] = await tx.manager.query<
        [Array<{ id: string; lead_organisation_id: string; escalated_at: Date }>, number]
      >(
        `UPDATE collaboration_sos s SET escalated_at = now()
           FROM collaboration_tasks ct
          WHERE ct.id = s.collaboration_id AND ct.coordinator_organisation_id = $1
            AND s.status = 'OPEN' AND s.due_date < $2::date AND s.escalated_at IS NULL
        RETURNING s.id, ct.lead_organisation_id, s.escalated_at`,
        [organisationId, today],
      );
      for (const r of rows) {
        await this.history.record(tx, {
          organisationId: r.lead_organisation_id,
          recordType: SOS_RECORD_TYPE,
          recordId: r.id,
          action: 'escalate',
          actorId: null,
          changes: { escalatedAt: { from: null, to: r.escalated_at } },
          reason: `run ${today}`,
        });
      }
    });
  }
}
