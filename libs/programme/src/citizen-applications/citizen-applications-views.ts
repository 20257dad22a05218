import type { ApplicationRow, YearApplicationRow } from './citizen-applications-query.js';
import {
  type ApplicationAction,
  type ApplicationChannel,
  type ApplicationDecision,
  type ApplicationFacts,
  type ApplicationStatus,
  APPLICATION_STATUSES,
  businessDaysBetween,
  type ReplyMethod,
} from './citizen-applications-rules.js';

/** The applicant: null fields for a reader who may not see personal data. */
export interface ApplicantView {
  name: string | null;
  phone: string | null;
  email: string | null;
}

export interface ApplicationView {
  id: string;
  organisationId: string;
  applicationNumber: string;
  channel: ApplicationChannel;
  receivedOn: string;
  /** Whether `applicant` holds the personal data (the office and the assigned department). */
  personalDataVisible: boolean;
  applicant: ApplicantView;
  content: string;
  challengedRule: string;
  status: ApplicationStatus;
  processingBusinessDays: number;
  /** 처리기한 */
  dueDate: string;
  /** Not replied to after its deadline. */
  overdue: boolean;
  department: { id: string; name: string | null } | null;
  assignedAt: Date | null;
  reassignedCount: number;
  review: { startedAt: Date | null; notes: string | null } | null;
  committeeOpinion: {
    requestedOn: string;
    requestNote: string | null;
    opinionOn: string | null;
    opinion: string | null;
  } | null;
  decision: {
    decision: ApplicationDecision;
    reasons: string;
    decidedOn: string;
    decidedBy: string | null;
  } | null;
  reply: {
    repliedOn: string;
    method: ReplyMethod;
    text: string;
    repliedBy: string | null;
    /** The e-mail to the applicant's address: null when none was given. */
    emailStatus: string | null;
    emailSentAt: Date | null;
  } | null;
  allowedActions: ApplicationAction[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function applicationFacts(r: ApplicationRow): ApplicationFacts {
  return { status: r.status, organisationId: r.organisation_id, departmentId: r.department_id };
}

export function applicationView(
  r: ApplicationRow,
  personal: boolean,
  allowedActions: ApplicationAction[],
): ApplicationView {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    applicationNumber: r.application_number,
    channel: r.channel,
    receivedOn: r.received_on,
    personalDataVisible: personal,
    applicant: personal
      ? { name: r.applicant_name, phone: r.applicant_phone, email: r.applicant_email }
      : { name: null, phone: null, email: null },
    content: r.content,
    challengedRule: r.challenged_rule,
    status: r.status,
    processingBusinessDays: r.processing_business_days,
    dueDate: r.due_date,
    overdue: r.overdue,
    department: r.department_id ? { id: r.department_id, name: r.department_name } : null,
    assignedAt: r.assigned_at,
    reassignedCount: r.reassigned_count,
    review: r.review_started_at ? { startedAt: r.review_started_at, notes: r.review_notes } : null,
    committeeOpinion: r.opinion_requested_on
      ? {
          requestedOn: r.opinion_requested_on,
          requestNote: r.opinion_request_note,
          opinionOn: r.opinion_on,
          opinion: r.opinion,
        }
      : null,
    decision:
      r.decision && r.decided_on
        ? {
            decision: r.decision,
            reasons: r.decision_reasons ?? '',
            decidedOn: r.decided_on,
            decidedBy: r.decided_by,
          }
        : null,
    reply:
      r.replied_on && r.reply_method
        ? {
            repliedOn: r.replied_on,
            method: r.reply_method,
            text: r.reply_text ?? '',
            repliedBy: r.replied_by,
            emailStatus: r.reply_email_status,
            emailSentAt: r.reply_email_sent_at,
          }
        : null,
    allowedActions,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The figures of a year of applications (by the day of receipt). */
export interface ApplicationStatistics {
  year: number;
  received: number;
  byStatus: Record<ApplicationStatus, number>;
  accepted: number;
  rejected: number;
  /** Received, not decided yet. */
  pending: number;
  /** Business days from receipt to the reply, averaged over the replied ones (null: none). */
  averageProcessingBusinessDays: number | null;
  /** Replied after the deadline, or not replied and past it on `today`. */
  overdue: number;
}

export function applicationStatistics(
  year: number,
  rows: readonly YearApplicationRow[],
  today: string,
): ApplicationStatistics {
  const byStatus = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<
    ApplicationStatus,
    number
  >;
  let accepted = 0;
  let rejected = 0;
  let overdue = 0;
  const days: number[] = [];
  for (const r of rows) {
    byStatus[r.status]++;
    if (r.decision === 'ACCEPTED') accepted++;
    if (r.decision === 'REJECTED') rejected++;
    if (r.replied_on) {
      days.push(businessDaysBetween(r.received_on, r.replied_on));
      if (r.replied_on > r.due_date) overdue++;
    } else if (r.due_date < today) overdue++;
  }
  return {
    year,
    received: rows.length,
    byStatus,
    accepted,
    rejected,
    pending: rows.length - accepted - rejected,
    averageProcessingBusinessDays: days.length
      ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10
      : null,
    overdue,
  };
}
