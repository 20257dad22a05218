import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A stretch of time a task spent SELECTED or IN_PROGRESS, written by its transitions. Reporting
 * asks "was the task active during this period?" (DOMAIN.md §3) with one range query over these
 * rather than replaying history. At most one span per task is open (`activeUntil` null).
 */
@Entity('task_active_spans')
@Index(['taskId', 'activeFrom'])
@Index(['taskId'], { unique: true, where: '"active_until" IS NULL' })
export class TaskActiveSpan {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @Column({ type: 'timestamptz' })
  activeFrom: Date;

  @Column({ type: 'timestamptz', nullable: true })
  activeUntil: Date | null;
}
