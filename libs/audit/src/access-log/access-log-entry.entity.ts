import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AccessAction = {
  READ: 'READ',
  LIST: 'LIST',
  EXPORT: 'EXPORT',
  DOWNLOAD: 'DOWNLOAD',
} as const;
export type AccessAction = (typeof AccessAction)[keyof typeof AccessAction];

/**
 * Who read or exported which business record and when (SECURITY.md). Append-only: a trigger in
 * the migration rejects UPDATE and DELETE. Kept at least the retention setting (2 years).
 */
@Entity('access_log')
@Index(['organisationId', 'id'])
@Index(['userId', 'occurredAt'])
export class AccessLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  action: AccessAction;

  @Column({ type: 'varchar', length: 50 })
  recordType: string;

  /** null for list reads, which are one entry with their filter. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  recordId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  filter: Record<string, unknown> | null;

  /** Stated reason, required for exports and downloads of evaluation or personnel data. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
