import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const MilestoneStatus = { PLANNED: 'PLANNED', DONE: 'DONE' } as const;
export type MilestoneStatus = (typeof MilestoneStatus)[keyof typeof MilestoneStatus];

/** 단계별 추진계획: a step of a task with a due date and a weight in the task's progress. */
@Entity('milestones')
@Index(['taskId', 'dueDate'])
export class Milestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'numeric', precision: 8, scale: 2, default: 1 })
  weight: string;

  @Column({
    type: 'enum',
    enum: MilestoneStatus,
    enumName: 'milestone_status',
    default: MilestoneStatus.PLANNED,
  })
  status: MilestoneStatus;

  @Column({ type: 'date', nullable: true })
  doneDate: string | null;

  /** The done date was entered later than it happened (사후 입력). */
  @Column({ type: 'boolean', default: false })
  doneEnteredLater: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
