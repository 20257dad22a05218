import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ReportingCadence } from '@gwaje/calendar';

export const ReportState = {
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  ACCEPTED: 'ACCEPTED',
  RETURNED: 'RETURNED',
} as const;
export type ReportState = (typeof ReportState)[keyof typeof ReportState];
export const ALL_REPORT_STATES = Object.values(ReportState);

/** Planned versus actual for one milestone of the task, as the report states it. */
export interface MilestoneResult {
  milestoneId: string;
  planned: string;
  actual: string;
}

/**
 * A milestone report (이행실적, DOMAIN.md §3): one per task and reporting period. Rows are created
 * when the report becomes expected (a DRAFT with empty content), so "missing" is a DRAFT whose due
 * date has passed. Lateness is judged on the first submission; `submittedAt` is the latest one.
 */
@Entity('reports')
@Index(['taskId', 'period'], { unique: true })
@Index(['organisationId', 'year', 'status'])
@Index(['organisationId', 'dueDate'])
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @Column({ type: 'smallint' })
  year: number;

  /** 2026-Q2, 2026-M07 or 2026-H1 */
  @Column({ type: 'varchar', length: 8 })
  period: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'date' })
  dueDate: string;

  /** The lifecycle field, `status` in the API; the column keeps its older name. */
  @Column({
    name: 'state',
    type: 'enum',
    enum: ReportState,
    enumName: 'report_state',
    default: ReportState.DRAFT,
  })
  status: ReportState;

  @Column({ type: 'smallint', nullable: true })
  progress: number | null;

  @Column({ type: 'text', default: '' })
  achievements: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  milestoneResults: MilestoneResult[];

  @Column({ type: 'text', default: '' })
  issuesAndRisks: string;

  @Column({ type: 'text', default: '' })
  nextSteps: string;

  @Column({ type: 'text', default: '' })
  supportNeeded: string;

  /** The pre-consultation the support request refers to (사전컨설팅), when there is one. */
  @Column({ type: 'uuid', nullable: true })
  consultationId: string | null;

  /** Who last edited the content. */
  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstSubmittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewerId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  /** Entered later than it happened (사후 입력, a past period's report recorded afterwards). */
  @Column({ type: 'boolean', default: false })
  enteredLater: boolean;

  /** A pending 결재 요청: staff asked the lead department's head to submit (cleared on submit). */
  @Column({ type: 'uuid', nullable: true })
  approvalRequestedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvalRequestedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  approvalRequestNote: string | null;

  /** Approval requests made so far: each is its own notification (report.approval#n). */
  @Column({ type: 'integer', default: 0 })
  approvalRequestCount: number;

  /** Submissions after a return. */
  @Column({ type: 'integer', default: 0 })
  resubmissionCount: number;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * The reporting calendar of one organisation and year (PROACTIVE_OFFICE manages it). Without a row
 * the organisation's settings reports.defaultCadence and reports.dueBusinessDays apply; the row
 * is written when the year's first reports are generated, so later changes to those defaults do
 * not move a year already under way.
 */
@Entity('reporting_calendars')
@Index(['organisationId', 'year'], { unique: true })
export class ReportingCalendar {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'varchar', length: 12 })
  cadence: ReportingCadence;

  @Column({ type: 'smallint' })
  dueBusinessDays: number;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
