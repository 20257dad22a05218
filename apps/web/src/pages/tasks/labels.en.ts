// The English of the task labels (labels.ts), fetched when the user reads English.
import type { Labels } from './labels';

const en: Labels = {
  list: {
    risk: 'Risk',
  },
  flag: {
    delayed: 'Delayed',
    onTime: 'On time',
    overdue: 'Overdue',
  },
  riskLevel: { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' },
  timeliness: {
    PENDING: 'Not yet submitted',
    MISSING: 'Missing ({{days}} days overdue)',
    ON_TIME: 'On time',
    LATE: 'Late ({{days}} days)',
  },
  consultationState: {
    DRAFT: 'Draft',
    SUBMITTED: 'Submitted',
    SCREENING: 'Screening',
    REJECTED: 'Rejected',
    ACCEPTED: 'Accepted',
    UNDER_REVIEW: 'Under review',
    ESCALATED: 'Escalated',
    COMMITTEE_ADVICE: 'Committee advice',
    OPINION_ISSUED: 'Opinion issued',
    CLOSED: 'Closed',
  },
};

export default en;
