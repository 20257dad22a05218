import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isBusinessDay } from '@gwaje/calendar';
import {
  DESCRIBED,
  dueRules,
  type OwedNotifications,
  type ReminderRunContext,
  ReminderSourceBase,
  ReminderSources,
} from '@gwaje/notifications';
import { DataSource } from 'typeorm';
import { PASSIVE_REPORT_RECORD_TYPE } from './passive-report-query.js';

/** Outbox events of 소극행정 신고 that notify at once. */
export const PassiveReportEvent = {
  /** Received: the audit unit (every AUDITOR of the organisation but who received it). */
  RECEIVED: 'passive-report.received',
  /** An investigator assigned: that auditor (unless they assigned themselves). */
  ASSIGNED: 'passive-report.assigned',
} as const;

/** The D-n business days before the (extended) investigation deadline on which it is reminded. */
export const PASSIVE_REPORT_DUE_DAYS = [3, 1] as const;

const OPEN = `r.status IN ('RECEIVED', 'INVESTIGATING')`;
const DUE = `COALESCE(r.extended_due_date, r.due_date)`;

/**
 * Who answers for an open report, in organisation $1: its investigator, or while none is
 * assigned every AUDITOR of the organisation (the audit unit).
 */
const INVESTIGATORS = `
      SELECT u.id FROM users u
       WHERE u.organisation_id = $1 AND u.active
         AND (u.id = r.investigator_id OR (r.investigator_id IS NULL AND 'AUDITOR' = ANY(u.roles)))`;

/** The head of the audit unit: the DEPT_HEAD of a department flagged isAuditUnit, in $1. */
const AUDIT_HEADS = `
      SELECT u.id FROM departments d JOIN users u ON u.department_id = d.id AND u.active
       WHERE d.organisation_id = $1 AND d.is_audit_unit AND d.active AND 'DEPT_HEAD' = ANY(u.roles)`;

const due = (rule: string) => `
  SELECT $1::uuid, x.id, '${rule}', 'DUE_SOON', false, '${PASSIVE_REPORT_RECORD_TYPE}', r.id, ${DUE}, $2::date
    FROM passive_reports r CROSS JOIN LATERAL (${INVESTIGATORS}) x
   WHERE r.organisation_id = $1 AND ${OPEN} AND ${DUE} = ANY($3::date[])`;

/** Overdue: every business day while open, counted in calendar days late. */
const OVERDUE = `
  SELECT $1::uuid, x.id, 'passive-report.overdue+' || ($2::date - ${DUE}), 'OVERDUE', false,
         '${PASSIVE_REPORT_RECORD_TYPE}', r.id, ${DUE}, $2::date
    FROM passive_reports r CROSS JOIN LATERAL (${INVESTIGATORS} UNION ${AUDIT_HEADS}) x
   WHERE r.organisation_id = $1 AND ${OPEN} AND ${DUE} < $2::date`;

/** Received, at once: the audit unit but who received it ($3: the report). */
const RECEIVED = `
  SELECT $1::uuid, u.id, '${PassiveReportEvent.RECEIVED}', 'ACTION_REQUIRED', true,
         '${PASSIVE_REPORT_RECORD_TYPE}', r.id, ${DUE}, $2::date
    FROM passive_reports r JOIN users u ON u.organisation_id = r.organisation_id AND u.active
         AND 'AUDITOR' = ANY(u.roles)
   WHERE r.id = $3::uuid AND r.organisation_id = $1 AND u.id IS DISTINCT FROM r.received_by
     AND r.status = 'RECEIVED'`;

/** Assigned, at once: the investigator ($3: the report; $4: who assigned). */
const ASSIGNED = `
  SELECT $1::uuid, r.investigator_id, '${PassiveReportEvent.ASSIGNED}', 'ACTION_REQUIRED', true,
         '${PASSIVE_REPORT_RECORD_TYPE}', r.id, ${DUE}, $2::date
    FROM passive_reports r JOIN users u ON u.id = r.investigator_id AND u.active
   WHERE r.id = $3::uuid AND r.organisation_id = $1 AND r.status = 'INVESTIGATING'
     AND r.investigator_id IS DISTINCT FROM $4::uuid`;

/**
 * 소극행정 신고 reminders (DOMAIN.md §6, §9): a received report goes at once to the audit unit and
 * an assignment to its investigator; D-3 and D-1 business days before the (extended)
 * investigation deadline its investigator (or, unassigned, the audit unit) is reminded, and every
 * business day while overdue the same and the head of the audit unit. Titles name the receipt
 * number and the department concerned, never the reporter.
 */
@Injectable()
export class PassiveReportReminders extends ReminderSourceBase {
  readonly order = 42;
  readonly recordTypes = [PASSIVE_REPORT_RECORD_TYPE] as const;
  readonly labels = [
    ['passive-report.received', { ko: '소극행정 신고 접수', en: '소극행정 report received' }],
    [
      'passive-report.assigned',
      { ko: '소극행정 신고 조사 배정', en: '소극행정 report assigned to you' },
    ],
    ['passive-report.due', { ko: '소극행정 신고 조사 기한 임박', en: '소극행정 report due soon' }],
    [
      'passive-report.overdue',
      { ko: '소극행정 신고 조사 기한 경과', en: '소극행정 report investigation overdue' },
    ],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id,
           '소극행정 신고 [' || r.receipt_number || '] ' || d.name AS title,
           '/passive-reports/' || r.id AS path,
           r.status IN ('RECEIVED', 'INVESTIGATING') AS still_open
      FROM ${DESCRIBED} JOIN passive_reports r ON r.id = n.record_id
      JOIN departments d ON d.id = r.department_id`;

  constructor(registry: ReminderSources, @InjectDataSource() dataSource: DataSource) {
    super(registry, dataSource);
  }

  daily({ today }: ReminderRunContext): OwedNotifications[] {
    return [
      ...dueRules(today, [...PASSIVE_REPORT_DUE_DAYS], 'passive-report.due', due),
      ...(isBusinessDay(today)
        ? [{ rule: 'passive-report.overdue', select: OVERDUE, params: [] }]
        : []),
    ];
  }

  event(event: string, recordId: string, payload: Record<string, unknown> = {}) {
    switch (event) {
      case PassiveReportEvent.RECEIVED:
        return { owed: { rule: event, select: RECEIVED, params: [recordId] }, rules: [event] };
      case PassiveReportEvent.ASSIGNED:
        return {
          owed: {
            rule: event,
            select: ASSIGNED,
            params: [recordId, typeof payload.by === 'string' ? payload.by : null],
          },
          rules: [event],
        };
      default:
        return null;
    }
  }
}
