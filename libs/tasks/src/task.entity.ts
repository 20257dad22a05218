import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** 적극행정 · 정부혁신 · 규제혁신 · 협업 */
export const TaskCategory = {
  PROACTIVE: 'PROACTIVE',
  GOV_INNOVATION: 'GOV_INNOVATION',
  REGULATORY: 'REGULATORY',
  COLLABORATION: 'COLLABORATION',
} as const;
export type TaskCategory = (typeof TaskCategory)[keyof typeof TaskCategory];

export const TaskStatus = {
  DRAFT: 'DRAFT',
  PROPOSED: 'PROPOSED',
  SELECTED: 'SELECTED',
  REJECTED: 'REJECTED',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  SUSPENDED: 'SUSPENDED',
  DROPPED: 'DROPPED',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];
export const ALL_TASK_STATUSES = Object.values(TaskStatus);

export const TaskRisk = { LOW: 'LOW', MEDIUM: 'MEDIUM', HIGH: 'HIGH' } as const;
export type TaskRisk = (typeof TaskRisk)[keyof typeof TaskRisk];

/**
 * A priority task (중점과제, DOMAIN.md §2). Other libraries refer to it by id. `delayed` and
 * `progress` are derived when read, never stored; `reportedProgress` is the figure of the latest
 * accepted report (written by the reports capability).
 */
@Entity('tasks')
@Index(['organisationId', 'year', 'code'], { unique: true })
@Index(['organisationId', 'year', 'status'])
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** e.g. 2025-07: year and a sequence number, unique per organisation and year. */
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'enum', enum: TaskCategory, enumName: 'task_category' })
  category: TaskCategory;

  @Index()
  @Column({ type: 'uuid' })
  leadDepartmentId: string;

  /** 주담당자 */
  @Index()
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'text', default: '' })
  goal: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  kpiIndicator: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  kpiUnit: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  kpiBaseline: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  kpiTarget: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  kpiCurrent: string | null;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status', default: TaskStatus.DRAFT })
  status: TaskStatus;

  @Column({ type: 'enum', enum: TaskRisk, enumName: 'task_risk', default: TaskRisk.LOW })
  risk: TaskRisk;

  @Column({ type: 'smallint', nullable: true })
  reportedProgress: number | null;

  /** The day the task was completed (set by `complete`, the stated date or today). */
  @Column({ type: 'date', nullable: true })
  completedOn: string | null;

  /** When the latest transition took effect; a back-dated transition may not go before it. */
  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  /** Holds back-dated entries (사후 입력), shown as such. */
  @Column({ type: 'boolean', default: false })
  enteredLater: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
