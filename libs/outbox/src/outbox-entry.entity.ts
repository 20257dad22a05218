import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A business event for the worker, written in the same transaction as the change (ARCHITECTURE.md
 * convention 3). The worker relays unrelayed rows to BullMQ; a Redis outage leaves them here until
 * it can, so the work is delayed, never lost. A row is done when its job was processed; one relayed
 * but not processed for a while (its job lost with Redis) is relayed again.
 */
@Entity('outbox')
@Index(['id'], { where: '"relayed_at" IS NULL' })
@Index('IDX_outbox_unprocessed', ['id'], { where: '"processed_at" IS NULL' })
export class OutboxEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  /** Named by the capability that emits it: report.returned, dashboard.compile, … */
  @Column({ type: 'varchar', length: 50 }) event: string;
  @Column({ type: 'varchar', length: 50 }) recordType: string;
  @Column({ type: 'varchar', length: 100 }) recordId: string;
  /** Ids and dates only, never personal data (SECURITY.md). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) payload: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  /** When it was last handed to its queue. */
  @Column({ type: 'timestamptz', nullable: true }) relayedAt: Date | null;
  /** When its job was processed: only then is the row done. */
  @Column({ type: 'timestamptz', nullable: true }) processedAt: Date | null;
  /** How many times it was handed to its queue. */
  @Column({ type: 'integer', default: 0 }) relays: number;
}
