import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { daysBetween, isBusinessDay, nthBusinessDayBefore } from '@gwaje/calendar';
import {
  DESCRIBED,
  type OwedNotifications,
  type ReminderRunContext,
  ReminderSourceBase,
  ReminderSources,
} from '@gwaje/notifications';
import { DataSource } from 'typeorm';
import { EXEMPTION_RECORD_TYPE, EXEMPTION_REPORT_RECORD_TYPE } from './exemptions-query.js';
import { lastCompletedQuarter, quarterlyReportDueDate, quarterRange } from './exemptions-rules.js';
import { EXEMPTION_NOTIFIED_EVENT } from './exemptions.service.js';

/** The business days before the quarterly report's due date on which the audit unit is reminded. */
export const QUARTERLY_REPORT_DUE_DAYS = [5, 1] as const;

/**
 * The audit unit (AUDITOR) of organisation $1, while the report of quarter ($4, $5, from $6 to $7)
 * is not submitted, for a due date $3; only for a quarter with decisions to report.
 */
const toAuditUnit = (rule: string, section: 'DUE_SOON' | 'OVERDUE') => `
  SELECT $1::uuid, u.id, '${rule}', '${section}', false, '${EXEMPTION_REPORT_RECORD_TYPE}', $1::uuid, $3::date, $2::date
    FROM users u
   WHERE u.organisation_id = $1 AND u.active AND 'AUDITOR' = ANY(u.roles)
     AND EXISTS (SELECT 1 FROM exemption_cases e
                  WHERE e.organisation_id = $1 AND e.decided_on BETWEEN $6::date AND $7::date)
     AND NOT EXISTS (SELECT 1 FROM exemption_quarter_reports r
                      WHERE r.organisation_id = $1 AND r.year = $4 AND r.quarter = $5)`;

/** Notified of the decision, at once: the applicant, a user of organisation $1 ($3: the case). */
const NOTIFIED = `
  SELECT $1::uuid, e.applicant_id, '${EXEMPTION_NOTIFIED_EVENT}', 'ACTION_REQUIRED', true, '${EXEMPTION_RECORD_TYPE}',
         e.id, e.decided_on, $2::date
    FROM exemption_cases e JOIN users u ON u.id = e.applicant_id AND u.active AND u.organisation_id = $1
   WHERE e.id = $3::uuid AND e.notified_on IS NOT NULL`;

/**
 * Reminders of the 면책 register (issue 22 part 5): the quarterly report to 감사원 reminds the
 * organisation's audit unit from the quarter's end until it is submitted (a quarter with decisions): D-5 and D-1 business
 * days before its due date, on the day, and every business day once overdue (until the next quarter
 * ends); a case's decision is notified at once to its applicant (in the app and by e-mail). A
 * quarter's reminders carry the organisation as record and the due date as their key.
 */
@Injectable()
export class ExemptionReminders extends ReminderSourceBase {
  readonly order = 40;
  readonly recordTypes = [EXEMPTION_REPORT_RECORD_TYPE, EXEMPTION_RECORD_TYPE] as const;
  readonly labels = [
    [
      'exemption-report.due',
      { ko: '감사원 면책 분기 보고 기한 임박', en: '면책 report to 감사원 due soon' },
    ],
    [
      'exemption-report.due-0',
      { ko: '감사원 면책 분기 보고 기한(오늘)', en: '면책 report to 감사원 due today' },
    ],
    [
      'exemption-report.overdue',
      { ko: '감사원 면책 분기 보고 기한 경과', en: '면책 report to 감사원 overdue' },
    ],
    [EXEMPTION_NOTIFIED_EVENT, { ko: '적극행정 면책 결정 통지', en: '면책 decision notified' }],
  ] as const;

  protected readonly describeSql = `
    SELECT n.id,
           CASE WHEN n.record_type = '${EXEMPTION_RECORD_TYPE}' THEN '적극행정 면책 결정 — ' || e.title
                ELSE '감사원 적극행정면책 분기 보고 ' || q.y || '년 ' || q.q || '분기 (기한 ' || n.due_date || ')' END AS title,
           CASE WHEN n.record_type = '${EXEMPTION_RECORD_TYPE}' THEN '/exemptions/' || n.record_id
                ELSE '/exemption-reports/' || q.y || '/' || q.q END AS path,
           CASE WHEN n.record_type = '${EXEMPTION_RECORD_TYPE}' THEN e.id IS NOT NULL
                ELSE NOT EXISTS (SELECT 1 FROM exemption_quarter_reports r
                                  WHERE r.organisation_id = n.record_id AND r.year = q.y AND r.quarter = q.q) END
             AS still_open,
           CASE WHEN n.record_type = '${EXEMPTION_RECORD_TYPE}' THEN e.decision END AS note
      FROM ${DESCRIBED}
      CROSS JOIN LATERAL (
        SELECT EXTRACT(year FROM date_trunc('quarter', n.due_date) - interval '1 day')::int AS y,
               EXTRACT(quarter FROM date_trunc('quarter', n.due_date) - interval '1 day')::int AS q
      ) q
      LEFT JOIN exemption_cases e ON n.record_type = '${EXEMPTION_RECORD_TYPE}' AND e.id = n.record_id`;

  constructor(registry: ReminderSources, @InjectDataSource() dataSource: DataSource) {
    super(registry, dataSource);
  }

  daily({ today }: ReminderRunContext): OwedNotifications[] {
    const q = lastCompletedQuarter(today);
    let due: string;
    try {
      due = quarterlyReportDueDate(q);
    } catch {
      // A year whose holidays are not published yet: no deadline to remind of rather than a guess.
      return [];
    }
    const { start, end } = quarterRange(q);
    const params = [due, q.year, q.quarter, start, end];
    const owed: OwedNotifications[] = [];
    for (const n of QUARTERLY_REPORT_DUE_DAYS) {
      if (nthBusinessDayBefore(due, n) !== today) continue;
      const rule = `exemption-report.due-${n}`;
      owed.push({ rule, select: toAuditUnit(rule, 'DUE_SOON'), params });
    }
    if (today === due) {
      const rule = 'exemption-report.due-0';
      owed.push({ rule, select: toAuditUnit(rule, 'DUE_SOON'), params });
    } else if (today > due && isBusinessDay(today)) {
      const rule = `exemption-report.overdue+${daysBetween(due, today)}`;
      owed.push({ rule: 'exemption-report.overdue', select: toAuditUnit(rule, 'OVERDUE'), params });
    }
    return owed;
  }

  event(event: string, recordId: string) {
    if (event !== EXEMPTION_NOTIFIED_EVENT) return null;
    return { owed: { rule: event, select: NOTIFIED, params: [recordId] }, rules: [event] };
  }
}
