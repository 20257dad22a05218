import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const NotificationSection = {
  ACTION_REQUIRED: 'ACTION_REQUIRED',
  DUE_SOON: 'DUE_SOON',
  OVERDUE: 'OVERDUE',
} as const;
export type NotificationSection = (typeof NotificationSection)[keyof typeof NotificationSection];

/**
 * One reminder or event for one recipient. The unique key (rule, record, due date, recipient) is
 * what makes "the same reminder is never sent twice" hold: rules insert with ON CONFLICT DO NOTHING.
 */
@Entity('notifications')
@Index(['rule', 'recordType', 'recordId', 'dueDate', 'recipientId'], { unique: true })
@Index(['recipientId', 'createdAt'])
@Index(['emailId'])
export class Notification {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) recipientId: string;
  @Column({ type: 'varchar', length: 40 }) rule: string;
  @Column({ type: 'varchar', length: 20 }) section: NotificationSection;
  @Column({ type: 'boolean', default: false }) urgent: boolean;
  @Column({ type: 'varchar', length: 30 }) recordType: string;
  @Column({ type: 'uuid' }) recordId: string;
  /** The deadline the reminder is about (or the event's day). */
  @Column({ type: 'date' }) dueDate: string;
  /** The Seoul day whose digest carries it. */
  @Column({ type: 'date' }) sendOn: string;
  @Column({ type: 'bigint', nullable: true }) emailId: string | null;
  /** The run asked for through the API that made it (NotificationRuns), if any. */
  @Column({ type: 'uuid', nullable: true }) runId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  /** When the recipient marked it read in the notification centre (null: unread). */
  @Column({ type: 'timestamptz', nullable: true }) readAt: Date | null;
}

export const EmailStatus = {
  SENDING: 'SENDING',
  SENT: 'SENT',
  /** Refused by the SMTP server (or its claim expired): sent again at `nextAttemptAt`. */
  RETRY: 'RETRY',
  /** Given up after smtp.maxAttempts: listed for administrators, who may resend it. */
  FAILED: 'FAILED',
  SKIPPED: 'SKIPPED',
} as const;
export type EmailStatus = (typeof EmailStatus)[keyof typeof EmailStatus];

/**
 * An email claimed before it is sent: a digest is unique per recipient and day, an immediate email
 * per notification. A RETRY row goes again at `nextAttemptAt`; a SENDING row whose claim outlived
 * smtp.sendLeaseMs goes again with the same Message-ID (EmailDelivery).
 */
@Entity('notification_emails')
@Index(['recipientId', 'digestDate'], { unique: true, where: `"kind" = 'DIGEST'` })
@Index(['notificationId'], { unique: true, where: `"kind" = 'IMMEDIATE'` })
export class NotificationEmail {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ type: 'uuid' }) recipientId: string;
  @Column({ type: 'varchar', length: 10 }) kind: 'DIGEST' | 'IMMEDIATE';
  @Column({ type: 'date', nullable: true }) digestDate: string | null;
  @Column({ type: 'bigint', nullable: true }) notificationId: string | null;
  @Column({ type: 'varchar', length: 10 }) status: EmailStatus;
  @Column({ type: 'smallint', default: 0 }) attempts: number;
  @Column({ type: 'varchar', length: 300, nullable: true }) subject: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) messageId: string | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'timestamptz' }) claimedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) nextAttemptAt: Date | null;
}

/** A user's notification preferences (defaults: daily digest on, the user's language). */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' }) userId: string;
  @Column({ type: 'boolean', default: true }) digest: boolean;
  @Column({ type: 'varchar', length: 2, nullable: true }) language: 'ko' | 'en' | null;
}

/** A day an organisation's scheduled reminder run completed (ReminderRunner.runScheduled). */
@Entity('reminder_run_days')
export class ReminderRunDay {
  @PrimaryColumn({ type: 'uuid' }) organisationId: string;
  @PrimaryColumn({ type: 'date' }) runDate: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) completedAt: Date;
}

/** A reminder run asked for through the API (ReminderRunner.requestRun), or a dry run. */
@Entity('notification_runs')
@Index(['organisationId', 'createdAt'])
export class NotificationRun {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'date' }) runDate: string;
  @Column({ type: 'boolean' }) dryRun: boolean;
  @Column({ type: 'uuid', nullable: true }) requestedBy: string | null;
  /** QUEUED, WOULD_SEND, SENT, NOTHING_DUE, NOT_A_BUSINESS_DAY, FAILED; `status` in the API, column `state`. */
  @Column({ name: 'state', type: 'varchar', length: 30 }) status: string;
  @Column({ type: 'boolean' }) businessDay: boolean;
  /** Notifications made (or that would be made) per rule. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) rules: Record<string, number>;
  @Column({ type: 'integer', default: 0 }) notifications: number;
  @Column({ type: 'integer', default: 0 }) recipients: number;
  @Column({ type: 'integer', default: 0 }) emails: number;
  /** E-mails the SMTP server refused during the run (retried with backoff). */
  @Column({ type: 'integer', default: 0 }) failedEmails: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
