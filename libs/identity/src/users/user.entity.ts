import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Department } from '../departments/department.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { ALL_ROLES, type Role } from '../roles.js';

@Entity('users')
@Index(['organisationId', 'departmentId'])
/** A department's head is the active user of it holding DEPT_HEAD (at most one, DepartmentHeads). */
@Index('IDX_users_department_head', ['departmentId'], {
  where: `"active" AND 'DEPT_HEAD' = ANY("roles")`,
})
@Check(
  'CHK_users_system_administrator_is_admin',
  `NOT "system_administrator" OR 'ADMIN' = ANY("roles")`,
)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  organisation?: Organisation;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  department?: Department;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Stored lower-cased; one account per person. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** 직급, e.g. 행정6급 */
  @Column({ type: 'varchar', length: 50, default: '' })
  grade: string;

  @Column({
    type: 'enum',
    enum: ALL_ROLES,
    enumName: 'user_role',
    array: true,
    default: () => "'{}'",
  })
  roles: Role[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * The system administrator administers every organisation and alone creates top-level ones and
   * uses what acts on all of them (the queue board). Only an ADMIN may hold it (a CHECK says so);
   * only a system administrator grants or revokes it.
   */
  @Column({ type: 'boolean', default: false })
  systemAdministrator: boolean;

  @Column({ type: 'varchar', length: 2, default: 'ko' })
  language: 'ko' | 'en';

  /** argon2id; never selected unless asked for, never returned or logged. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  /**
   * Set by an administrator's reset and for the first administrator: until the user changes the
   * password, only /me, the change and sign-out answer (403 PASSWORD_CHANGE_REQUIRED).
   */
  @Column({ type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
