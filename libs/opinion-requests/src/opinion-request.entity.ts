import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * 의견제시 (DOMAIN.md §9): an official asks for the audit office's opinion on a priority task.
 * SUBMITTED → (extend) EXTENDED; SUBMITTED | EXTENDED → (answer) ANSWERED, (refer) REFERRED to the
 * committee, (withdraw) WITHDRAWN; REFERRED → the committee's resolution answers it (ANSWERED) or
 * hands it back to the office (SUBMITTED or EXTENDED, as it was).
 */
export const OpinionRequestStatus = {
  SUBMITTED: 'SUBMITTED',
  EXTENDED: 'EXTENDED',
  REFERRED: 'REFERRED',
  ANSWERED: 'ANSWERED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type OpinionRequestStatus = (typeof OpinionRequestStatus)[keyof typeof OpinionRequestStatus];
export const ALL_OPINION_REQUEST_STATUSES = Object.values(OpinionRequestStatus);

/** Who gave the answer: the audit office (감사담당관) or the committee's resolution. */
export type OpinionAnswerSource = 'AUDIT' | 'COMMITTEE';

@Entity('opinion_requests')
@Index(['organisationId', 'status', 'dueDate'])
@Index(['requesterId'])
@Index(['taskId'])
export class OpinionRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) taskId: string;
  @Column({ type: 'uuid' }) requesterId: string;
  @Column({ type: 'uuid' }) requesterDepartmentId: string;
  @Column({ type: 'text' }) question: string;
  @Column({ type: 'text', default: '' }) background: string;
  @Column({ type: 'varchar', length: 12, default: OpinionRequestStatus.SUBMITTED })
  status: OpinionRequestStatus;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  /** The day of receipt in Asia/Seoul; the period runs from the day after (초일 불산입). */
  @Column({ type: 'date' }) receivedOn: string;
  @Column({ type: 'smallint' }) answerDays: number;
  /** receivedOn + answerDays (+ extensionDays once extended). */
  @Column({ type: 'date' }) dueDate: string;
  @Column({ type: 'smallint', nullable: true }) extensionDays: number | null;
  @Column({ type: 'text', nullable: true }) extensionReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) extendedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) extendedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) referredAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) referredBy: string | null;
  @Column({ type: 'text', nullable: true }) referralNote: string | null;
  @Column({ type: 'jsonb', nullable: true }) committeeOutcome: {
    passed: boolean;
    text: string | null;
    meetingDate: string;
  } | null;
  @Column({ type: 'text', nullable: true }) answer: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) answerSource: OpinionAnswerSource | null;
  @Column({ type: 'timestamptz', nullable: true }) answeredAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) answeredBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @Column({ type: 'text', nullable: true }) withdrawalReason: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
