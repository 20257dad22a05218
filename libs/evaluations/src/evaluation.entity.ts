import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Criterion, GradeBand } from '@gwaje/common';

export const RoundKind = {
  ANNUAL: 'ANNUAL',
  FIRST_HALF: 'FIRST_HALF',
  SECOND_HALF: 'SECOND_HALF',
} as const;
export type RoundKind = (typeof RoundKind)[keyof typeof RoundKind];
export const ALL_ROUND_KINDS = Object.values(RoundKind);

/** NOMINATING → SCORING → CONFIRMED (after the committee's resolution). */
export const RoundStatus = {
  NOMINATING: 'NOMINATING',
  SCORING: 'SCORING',
  CONFIRMED: 'CONFIRMED',
} as const;
export type RoundStatus = (typeof RoundStatus)[keyof typeof RoundStatus];

export const NominationType = {
  OFFICIAL: 'OFFICIAL',
  TEAM: 'TEAM',
  DEPARTMENT: 'DEPARTMENT',
  /** 모범 실패사례 "아름다운 도전": ranked on its own, never excluded for a missed target. */
  FAILURE_CASE: 'FAILURE_CASE',
} as const;
export type NominationType = (typeof NominationType)[keyof typeof NominationType];
export const ALL_NOMINATION_TYPES = Object.values(NominationType);

/** 부서추천 · 본인신청 · 국민추천 */
export const NominationSource = {
  DEPARTMENT: 'DEPARTMENT',
  SELF: 'SELF',
  CITIZEN: 'CITIZEN',
} as const;
export type NominationSource = (typeof NominationSource)[keyof typeof NominationSource];
export const ALL_NOMINATION_SOURCES = Object.values(NominationSource);

export const NominationState = {
  SUBMITTED: 'SUBMITTED',
  VERIFIED: 'VERIFIED',
  EXCLUDED: 'EXCLUDED',
  SCORED: 'SCORED',
  GRADED: 'GRADED',
  CONFIRMED: 'CONFIRMED',
} as const;
export type NominationState = (typeof NominationState)[keyof typeof NominationState];
export const ALL_NOMINATION_STATES = Object.values(NominationState);

/** 인사상 우대조치 (DOMAIN.md §5). */
export const IncentiveType = {
  SPECIAL_PROMOTION: 'SPECIAL_PROMOTION',
  SPECIAL_STEP_INCREASE: 'SPECIAL_STEP_INCREASE',
  TOP_PERFORMANCE_BONUS: 'TOP_PERFORMANCE_BONUS',
  REWARD_LEAVE: 'REWARD_LEAVE',
  SENIOR_TREATMENT_SHORTENING: 'SENIOR_TREATMENT_SHORTENING',
  RATING_BONUS_POINTS: 'RATING_BONUS_POINTS',
  SENIORITY_PROMOTION_SHORTENING: 'SENIORITY_PROMOTION_SHORTENING',
  OTHER: 'OTHER',
} as const;
export type IncentiveType = (typeof IncentiveType)[keyof typeof IncentiveType];
export const ALL_INCENTIVE_TYPES = Object.values(IncentiveType);

export const IncentiveStatus = {
  GRANTED: 'GRANTED',
  EXECUTED: 'EXECUTED',
  CANCELLED: 'CANCELLED',
} as const;
export type IncentiveStatus = (typeof IncentiveStatus)[keyof typeof IncentiveStatus];
export const ALL_INCENTIVE_STATUSES = Object.values(IncentiveStatus);

/** A nominee's qualifying priority task, as it stood when the nomination was submitted. */
export interface QualifyingTaskOwner {
  userId: string;
  taskId: string;
  code: string;
  status: string;
}

/** An evaluation round or contest of one organisation; its rules are fixed from the settings when it opens. */
@Entity('evaluation_rounds')
@Index(['organisationId', 'year', 'kind'])
export class EvaluationRound {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'varchar', length: 12 }) kind: RoundKind;
  @Column({ type: 'smallint' }) year: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'date' }) nominationsOpen: string;
  @Column({ type: 'date' }) nominationsClose: string;
  @Column({ type: 'date' }) scoringDue: string;
  @Column({ type: 'date' }) resolutionDate: string;
  @Column({ type: 'jsonb' }) criteria: Criterion[];
  @Column({ type: 'jsonb' }) grades: GradeBand[];
  @Column({ type: 'smallint' }) trimMinMembers: number;
  @Column({ type: 'smallint' }) incentivesMin: number;
  @Column({ type: 'smallint' }) incentivesMax: number;
  @Column({ type: 'smallint' }) incentivesMaxTaskOwner: number;
  @Column({ type: 'varchar', length: 12, default: RoundStatus.NOMINATING }) status: RoundStatus;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('evaluation_members')
export class EvaluationMember {
  @PrimaryColumn({ type: 'uuid' }) roundId: string;
  @PrimaryColumn({ type: 'uuid' }) userId: string;
  @CreateDateColumn({ type: 'timestamptz' }) addedAt: Date;
}

@Entity('nominations')
@Index(['roundId', 'type'])
export class Nomination {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) roundId: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'varchar', length: 14 }) type: NominationType;
  @Column({ type: 'varchar', length: 12 }) source: NominationSource;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) nomineeUserIds: string[];
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) nomineeDepartmentIds: string[];
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) taskIds: string[];
  @Column({ type: 'text', default: '' }) narrative: string;
  /**
   * The nominees who, when the nomination was submitted, owned (주담당자) a priority task of the
   * round's year in SELECTED, IN_PROGRESS or COMPLETED: the owner's incentive allowance follows it.
   */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  qualifyingTaskOwners: QualifyingTaskOwner[];
  @Column({ type: 'uuid' }) nominatedBy: string;
  @Column({ type: 'uuid' }) departmentId: string;
  /** `status` in the API; the column keeps its older name. */
  @Column({ name: 'state', type: 'varchar', length: 10, default: NominationState.SUBMITTED })
  status: NominationState;
  @Column({ type: 'text', nullable: true }) exclusionReason: string | null;
  @Column({ type: 'uuid', nullable: true }) verifiedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) verifiedAt: Date | null;
  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true }) finalScore: string | null;
  @Column({ type: 'smallint', nullable: true }) rank: number | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) grade: string | null;
  @Column({ type: 'timestamptz' }) submittedAt: Date;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A member's declared conflict of interest with a nomination: they neither see its scores nor score it. */
@Entity('evaluation_conflicts')
export class EvaluationConflict {
  @PrimaryColumn({ type: 'uuid' }) nominationId: string;
  @PrimaryColumn({ type: 'uuid' }) memberId: string;
  @Column({ type: 'text' }) reason: string;
  @CreateDateColumn({ type: 'timestamptz' }) declaredAt: Date;
}

/** One member's sheet for one nomination: a score per criterion and their total. */
@Entity('evaluation_scores')
export class EvaluationScore {
  @PrimaryColumn({ type: 'uuid' }) nominationId: string;
  @PrimaryColumn({ type: 'uuid' }) memberId: string;
  @Column({ type: 'jsonb' }) scores: Record<string, number>;
  @Column({ type: 'numeric', precision: 6, scale: 2 }) total: string;
  @Column({ type: 'timestamptz' }) submittedAt: Date;
}

/** The committee resolution that confirms a round (의결). */
@Entity('evaluation_resolutions')
export class EvaluationResolution {
  @PrimaryColumn({ type: 'uuid' }) roundId: string;
  @Column({ type: 'date' }) meetingDate: string;
  @Column({ type: 'uuid', array: true }) presentMemberIds: string[];
  @Column({ type: 'smallint' }) votesFor: number;
  @Column({ type: 'smallint' }) votesAgainst: number;
  @Column({ type: 'uuid' }) recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
}

/** An incentive granted to a selected official, with their preference and HR's execution. */
@Entity('incentive_grants')
@Index(['roundId', 'userId'])
export class IncentiveGrant {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) roundId: string;
  @Column({ type: 'uuid' }) nominationId: string;
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 40 }) incentiveType: IncentiveType;
  @Column({ type: 'text', nullable: true }) detail: string | null;
  @Column({ type: 'varchar', length: 10, default: IncentiveStatus.GRANTED })
  status: IncentiveStatus;
  @Column({ type: 'text', nullable: true }) hrNote: string | null;
  @Column({ type: 'uuid' }) grantedBy: string;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** The official's own preference among the incentives (recorded before the office grants). */
@Entity('incentive_preferences')
export class IncentivePreference {
  @PrimaryColumn({ type: 'uuid' }) nominationId: string;
  @PrimaryColumn({ type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 40, array: true }) preferred: IncentiveType[];
  @Column({ type: 'text', nullable: true }) note: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
}
