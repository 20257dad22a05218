import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const AccessAction = {
  READ: 'READ',
  LIST: 'LIST',
  EXPORT: 'EXPORT',
  DOWNLOAD: 'DOWNLOAD',
  /** 접속기록: a sign-in, successful or not (a failure says why in `reason`). */
  LOGIN: 'LOGIN',
  LOGOUT: 'LOGOUT',
  /** A used refresh token presented again: the session (token family) was revoked. */
  REFRESH_REUSE: 'REFRESH_REUSE',
  /** A self-service password change, successful or not. */
  PASSWORD_CHANGE: 'PASSWORD_CHANGE',
} as const;
export type AccessAction = (typeof AccessAction)[keyof typeof AccessAction];
export const ACCESS_ACTIONS = Object.values(AccessAction);

export const AccessResult = { SUCCESS: 'SUCCESS', FAILURE: 'FAILURE' } as const;
export type AccessResult = (typeof AccessResult)[keyof typeof AccessResult];
export const ACCESS_RESULTS = Object.values(AccessResult);

/**
 * Who read or exported which business record and when (SECURITY.md), and every sign-in, failed
 * sign-in, sign-out, refresh-token reuse and password change (접속기록, 제8조). The ledger's shape: each
 * entry carries the hash of its content and is sealed into signed checkpoints; the application role
 * may only SELECT and INSERT. Partitioned by month (migration LedgerV2, written by hand: TypeORM
 * cannot declare partitions); whole sealed months past the retention setting (at least 2 years)
 * are dropped by access_log_maintain().
 */
@Entity('access_log')
@Index('IDX_access_log_org_id', ['organisationId', 'id'])
@Index('IDX_access_log_user_time', ['userId', 'occurredAt'])
@Index('IDX_access_log_org_txid', ['organisationId', 'txid'])
@Index('IDX_access_log_org_action', ['organisationId', 'action', 'id'])
export class AccessLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** The partition key, so part of the primary key. */
  @PrimaryColumn({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** null only for a failed sign-in of an unknown account (then `account` says who was tried). */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  /** The account used: the normalised e-mail of the user, or the one tried at a failed sign-in. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  account: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  /** SUCCESS or FAILURE; null only on entries written before issue 18. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  result: AccessResult | null;

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
