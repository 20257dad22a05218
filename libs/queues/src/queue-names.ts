/** Queue names and job names shared by producers and processors. */
export const QueueName = {
  SYSTEM: 'system',
  NOTIFICATIONS: 'notifications',
  DASHBOARDS: 'dashboards',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const SystemJob = {
  HEARTBEAT: 'heartbeat',
  /** Daily: create the expected reports (이행실적) of the current year for every organisation. */
  GENERATE_EXPECTED_REPORTS: 'reports.generate-expected',
  /** Every ledger.sealIntervalSeconds, and at once on an auditor's request: seal new ledger entries. */
  LEDGER_SEAL: 'ledger.seal',
  /** Daily: the access log's monthly partitions (next months created, months past retention dropped). */
  ACCESS_LOG_MAINTAIN: 'ledger.access-log-maintain',
} as const;
export type SystemJob = (typeof SystemJob)[keyof typeof SystemJob];

export const NotificationJob = {
  /** A relayed outbox row (an urgent event, or a run the office asked for). */
  OUTBOX: 'outbox',
  /** Hourly: organisations whose reminder hour it is get today's run, on business days. */
  REMINDERS_HOURLY: 'reminders.hourly',
  /** Every minute: emails whose send lease expired (their worker died mid-send) are sent again. */
  RESEND_EXPIRED: 'emails.resend-expired',
} as const;
export type NotificationJob = (typeof NotificationJob)[keyof typeof NotificationJob];

export const DashboardJob = {
  /** Compile one organisation-year (job id carries the history mark: one compile per change burst). */
  COMPILE: 'compile',
  /** A relayed outbox row asking for a compile. */
  OUTBOX: 'outbox',
  /** Every 30 s: which organisation-years changed since their snapshot. */
  DIRTY_CHECK: 'dirty-check',
  /** Nightly: everything, changed or not. */
  NIGHTLY: 'nightly',
} as const;
export type DashboardJob = (typeof DashboardJob)[keyof typeof DashboardJob];

export interface CompileJobPayload {
  organisationId: string;
  year: number;
}

export interface OutboxJobPayload {
  outboxId: string;
}

/** Payloads carry ids and timestamps only, never personal data (SECURITY.md). */
export interface ScheduledPayload {
  scheduledBy: 'worker';
}

/** Default options for every job (ARCHITECTURE.md convention 10). */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 5_000, age: 14 * 24 * 3600 },
} as const;
