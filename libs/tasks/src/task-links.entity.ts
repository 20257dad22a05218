import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An official working on the task besides its owner. */
@Entity('task_members')
@Index(['userId'])
export class TaskMember {
  @PrimaryColumn({ type: 'uuid' })
  taskId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A partner department (협업부서), possibly of another organisation: it reads the task, never writes. */
@Entity('task_partner_departments')
@Index(['departmentId'])
export class TaskPartnerDepartment {
  @PrimaryColumn({ type: 'uuid' })
  taskId: string;

  @PrimaryColumn({ type: 'uuid' })
  departmentId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
