import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const AccessAction = {
  READ: 'READ',
  LIST: 'LIST',
  EXPORT: 'EXPORT',
  DOWNLOAD: 'DOWNLOAD',
} as const;
export type AccessAction = (typeof AccessAction)[keyof typeof AccessAction];

/**
 * Who read or exported which business record and when (SECURITY.md). The ledger's shape: each
 * entry carries the hash of its content and is sealed into signed checkpoints; the application role
 * may only SELECT and INSERT. Partitioned by month (migration LedgerV2, written by hand: TypeORM
 * cannot declare partitions); whole sealed months past the retention setting (at least 2 years)
 * are dropped by access_log_maintain().
 */
@Entity('access_log')
@Index('IDX_access_log_org_id', ['organisationId', 'id'])
@Index('IDX_access_log_user_time', ['userId', 'occurredAt'])
@Index('IDX_access_log_org_txid', ['organisationId', 'txid'])
export class AccessLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** The partition key, so part of the primary key. */
  @PrimaryColumn({ type: 'timestamptz', default: () => 'now()' })
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

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'bigint', default: () => '(pg_current_xact_id()::text::bigint)' })
  txid: string;
}
