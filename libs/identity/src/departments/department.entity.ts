import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../organisations/organisation.entity.js';

/** 과 · 담당관 · 동 · 보건소 · 팀 */
export const DepartmentKind = {
  DIVISION: 'DIVISION',
  OFFICER: 'OFFICER',
  DONG: 'DONG',
  HEALTH_CENTER: 'HEALTH_CENTER',
  TEAM: 'TEAM',
} as const;
export type DepartmentKind = (typeof DepartmentKind)[keyof typeof DepartmentKind];

@Entity('departments')
@Index(['organisationId', 'name'], { unique: true })
export class Department {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: DepartmentKind, enumName: 'department_kind' })
  kind: DepartmentKind;

  /** 감사담당관 */
  @Column({ type: 'boolean', default: false })
  isAuditUnit: boolean;

  /** 적극행정 전담부서 */
  @Column({ type: 'boolean', default: false })
  isProactiveOffice: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
