import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** before → after of one field. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}
export type Changes = Record<string, FieldChange>;

/**
 * Append-only change history (DOMAIN.md §8). The entries of one record form a hash chain
 * (ARCHITECTURE.md convention 8): hash = sha256("gwaje-history-v2|content hash|record_seq|prev_hash"),
 * prev_hash being the previous entry of the same record. The worker seals entries into signed
 * checkpoints (ledger_checkpoints). The application role may only SELECT and INSERT; a trigger
 * rejects UPDATE and DELETE for the owner too.
 */
@Entity('history')
@Index('UQ_history_record_chain', ['organisationId', 'recordType', 'recordId', 'recordSeq'], {
  unique: true,
})
@Index('IDX_history_org_txid', ['organisationId', 'txid'])
@Index('IDX_history_org_id', ['organisationId', 'id'])
export class HistoryEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 50 })
  recordType: string;

  @Column({ type: 'varchar', length: 100 })
  recordId: string;

  /** Position in the record's chain: 1, 2, 3, … without gaps. */
  @Column({ type: 'integer' })
  recordSeq: number;

  @Column({ type: 'varchar', length: 50 })
  action: string;

  /** null for the system itself (seeding, scheduled jobs). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  /** A back-dated entry (사후 입력): when what it records happened; occurredAt is when it was entered. */
  @Column({ type: 'timestamptz', nullable: true })
  effectiveAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lateEntryReason: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Changes;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  /** The writing transaction (pg_current_xact_id): what the sealer's horizon is compared with. */
  @Column({ type: 'bigint', default: () => '(pg_current_xact_id()::text::bigint)' })
  txid: string;
}
