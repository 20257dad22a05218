import type { PassiveReportRow } from './passive-report-query.js';
import type {
  PassiveReportAction,
  PassiveReportActor,
  PassiveReportChannel,
  PassiveReportFacts,
  PassiveReportOutcome,
  PassiveReportStatus,
} from './passive-report-rules.js';

/**
 * One 소극행정 report as its reader may see it (passiveReportVisibility): what a reader may not see
 * is null, never left out, so the shape is one. `visibility` says which view it is.
 */
export interface PassiveReportView {
  id: string;
  visibility: PassiveReportActor;
  receiptNumber: string;
  receivedOn: string;
  /** null for the department concerned (the channel tells an internal reporter). */
  channel: PassiveReportChannel | null;
  /** null for the department concerned. */
  anonymous: boolean | null;
  /** The audit unit only (AUDITOR), and only in the detail (each read access-logged). */
  reporter: { name: string | null; contact: string | null } | null;
  content: string;
  department: { id: string; name: string };
  /** The audit unit only, in the detail. */
  officials: Array<{ id: string; name: string }> | null;
  status: PassiveReportStatus;
  investigationBusinessDays: number;
  dueDate: string;
  extension: {
    businessDays: number | null;
    dueDate: string;
    reason: string | null;
    at: Date | null;
    by: string | null;
  } | null;
  /** The deadline now: the extended one, if extended. */
  effectiveDueDate: string;
  overdue: boolean;
  /** The audit unit and the office; null for the department concerned. */
  investigator: { id: string; name: string | null; since: Date | null } | null;
  conclusion: {
    outcome: PassiveReportOutcome;
    findings: string;
    concludedOn: string;
    daysTaken: number | null;
  } | null;
  closing: { at: Date; reason: string | null } | null;
  allowedActions: PassiveReportAction[];
  version: number;
  updatedAt: Date;
}

export function passiveReportFacts(r: PassiveReportRow): PassiveReportFacts {
  return {
    organisationId: r.organisation_id,
    departmentId: r.department_id,
    status: r.status,
    extended: r.extended_due_date !== null,
  };
}

export function passiveReportView(
  r: PassiveReportRow,
  visibility: PassiveReportActor,
  allowedActions: PassiveReportAction[],
  opts: { identities: boolean },
): PassiveReportView {
  const department = visibility === 'DEPARTMENT';
  const identities = opts.identities && visibility === 'AUDIT';
  return {
    id: r.id,
    visibility,
    receiptNumber: r.receipt_number,
    receivedOn: r.received_on,
    channel: department ? null : r.channel,
    anonymous: department ? null : r.anonymous,
    reporter:
      identities && !r.anonymous ? { name: r.reporter_name, contact: r.reporter_contact } : null,
    content: r.content,
    department: { id: r.department_id, name: r.department_name },
    officials: identities ? (r.officials ?? []) : null,
    status: r.status,
    investigationBusinessDays: r.investigation_business_days,
    dueDate: r.due_date,
    extension: r.extended_due_date
      ? {
          businessDays: r.extension_business_days,
          dueDate: r.extended_due_date,
          reason: department ? null : r.extension_reason,
          at: r.extended_at,
          by: department ? null : r.extended_by,
        }
      : null,
    effectiveDueDate: r.effective_due_date,
    overdue: r.overdue,
    investigator:
      !department && r.investigator_id
        ? { id: r.investigator_id, name: r.investigator_name, since: r.investigation_started_at }
        : null,
    conclusion:
      r.status === 'CONCLUDED' && r.outcome && r.concluded_on
        ? {
            outcome: r.outcome,
            findings: r.findings ?? '',
            concludedOn: r.concluded_on,
            daysTaken: r.days_taken,
          }
        : null,
    closing: r.closed_at ? { at: r.closed_at, reason: r.close_reason } : null,
    allowedActions,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** One year's 소극행정 figures (GET /passive-reports/statistics). */
export interface PassiveReportStatistics {
  year: number;
  /** Received in the year. */
  received: number;
  anonymous: number;
  /** anonymous / received (0–1); null without receipts. */
  anonymousShare: number | null;
  /** Received in the year and still open (RECEIVED or INVESTIGATING). */
  open: number;
  /** Of those, past their (extended) deadline today. */
  overdue: number;
  /** Received in the year and closed without conclusion. */
  closed: number;
  /** Concluded in the year. */
  concluded: number;
  /** Concluded in the year after their (extended) deadline. */
  concludedLate: number;
  /** Mean calendar days from receipt to conclusion, of those concluded in the year. */
  averageDays: number | null;
  byOutcome: Record<PassiveReportOutcome, number>;
}
