import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { EscalationHop, ExternalEscalationDestination } from './consultation-immunity.js';

export const ConsultationState = {
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  SCREENING: 'SCREENING',
  REJECTED: 'REJECTED',
  ACCEPTED: 'ACCEPTED',
  UNDER_REVIEW: 'UNDER_REVIEW',
  ESCALATED: 'ESCALATED',
  COMMITTEE_ADVICE: 'COMMITTEE_ADVICE',
  OPINION_ISSUED: 'OPINION_ISSUED',
  CLOSED: 'CLOSED',
} as const;
export type ConsultationState = (typeof ConsultationState)[keyof typeof ConsultationState];
export const ALL_CONSULTATION_STATES = Object.values(ConsultationState);

/** 수용 가능 · 수용 불가 · 조건부 수용 */
export const OpinionType = {
  ACCEPTABLE: 'ACCEPTABLE',
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  CONDITIONAL: 'CONDITIONAL',
} as const;
export type OpinionType = (typeof OpinionType)[keyof typeof OpinionType];
export const ALL_OPINION_TYPES = Object.values(OpinionType);

export const FollowUp = { FOLLOWED: 'FOLLOWED', NOT_FOLLOWED: 'NOT_FOLLOWED' } as const;
export type FollowUp = (typeof FollowUp)[keyof typeof FollowUp];
export const ALL_FOLLOW_UPS = Object.values(FollowUp);

/** The rejection checklist of DOMAIN.md §4: any one item suffices to reject. */
export const RejectionReason = {
  /** 명확한 규정이 있어 책임만 전가하려는 경우 */
  CLEAR_RULE_EXISTS: 'CLEAR_RULE_EXISTS',
  /** 부서 자체 검토를 하지 않은 경우 */
  NO_OWN_REVIEW: 'NO_OWN_REVIEW',
  /** 이미 처분한 사항의 적법성을 묻는 경우 */
  DISPOSITION_ALREADY_MADE: 'DISPOSITION_ALREADY_MADE',
  /** 수사·소송·행정심판·감사원 감사가 진행 중이거나 확정된 경우 */
  PROCEEDINGS_PENDING_OR_FINAL: 'PROCEEDINGS_PENDING_OR_FINAL',
} as const;
export type RejectionReason = (typeof RejectionReason)[keyof typeof RejectionReason];
export const ALL_REJECTION_REASONS = Object.values(RejectionReason);

/** 갑설 · 을설: an option the department weighed. */
export interface ConsultationOption {
  label: string;
  content: string;
}

/** Advice asked of the parent organisation's audit unit or of the committee, and its answer. */
export interface ConsultationAdvice {
  kind: 'ESCALATION' | 'COMMITTEE';
  requestedAt: string;
  requestedBy: string;
  request: string;
  advisedAt: string | null;
  advisedBy: string | null;
  advice: string | null;
}

/**
 * A pre-consultation request (사전컨설팅, DOMAIN.md §4). Deadlines are stored as dates; whether
 * one has passed is computed when read, never stored.
 */
@Entity('consultations')
@Index(['organisationId', 'status'])
@Index(['organisationId', 'year'])
@Index(['requestingDepartmentId'])
@Index(['taskId'])
@Index(['escalatedToOrganisationId'])
export class Consultation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  requestingDepartmentId: string;

  /** STAFF (or DEPT_HEAD) who drafted it. */
  @Column({ type: 'uuid' })
  drafterId: string;

  /** The department head who submitted it: the formal requester. */
  @Column({ type: 'uuid', nullable: true })
  requesterId: string | null;

  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text', default: '' })
  facts: string;

  @Column({ type: 'text', default: '' })
  question: string;

  @Column({ type: 'text', default: '' })
  relevantLaws: string;

  /** The department's own review (자체 검토 의견). */
  @Column({ type: 'text', default: '' })
  ownReview: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  options: ConsultationOption[];

  @Column({ type: 'date', nullable: true })
  desiredAnswerDate: string | null;

  @Column({ type: 'boolean', default: false })
  privateInterest: boolean;

  @Column({ type: 'text', nullable: true })
  privateInterestNote: string | null;

  /** The lifecycle field, `status` in the API; the column keeps its older name. */
  @Column({
    name: 'state',
    type: 'enum',
    enum: ConsultationState,
    enumName: 'consultation_state',
    default: ConsultationState.DRAFT,
  })
  status: ConsultationState;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'date', nullable: true })
  screeningDueDate: string | null;

  @Column({ type: 'uuid', nullable: true })
  screenerId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  screenedAt: Date | null;

  /** Each checklist item and whether it applied, recorded at the screening decision. */
  @Column({ type: 'jsonb', nullable: true })
  screeningChecklist: Record<RejectionReason, boolean> | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  rejectionReason: RejectionReason | null;

  @Column({ type: 'text', nullable: true })
  rejectionNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  assignedAuditorId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  /** Acceptance date + the opinion period; the extension adds `extensionDays`. */
  @Column({ type: 'date', nullable: true })
  opinionDueDate: string | null;

  @Column({ type: 'smallint', default: 0 })
  extensionDays: number;

  @Column({ type: 'text', nullable: true })
  extensionReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  extendedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  escalatedToOrganisationId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  /** Every hop of the escalation with its approval (issue 22 part 6). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  escalationHops: EscalationHop[];

  /** Escalated out of Gwaje: BOARD_OF_AUDIT (감사원) or MINISTRY_AUDIT; null otherwise. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  escalatedExternal: ExternalEscalationDestination | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  escalatedExternalName: string | null;

  /** The auditor recorded with the opinion that the requester withheld needed information. */
  @Column({ type: 'boolean', default: false })
  informationWithheld: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  advice: ConsultationAdvice[];

  @Column({ type: 'text', nullable: true })
  opinion: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  opinionType: OpinionType | null;

  @Column({ type: 'timestamptz', nullable: true })
  opinionAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  opinionBy: string | null;

  /** The organisation whose audit unit issued the opinion (own, or the parent after escalation). */
  @Column({ type: 'uuid', nullable: true })
  opinionOrganisationId: string | null;

  /** Calendar days from submission to opinion (Asia/Seoul), for the dashboards. */
  @Column({ type: 'integer', nullable: true })
  turnaroundDays: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  followUp: FollowUp | null;

  @Column({ type: 'text', nullable: true })
  followUpReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Closed, opinion followed, no private interest, no information withheld: 면책 is presumed. */
  @Column({ type: 'boolean', default: false })
  immunityPresumed: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
