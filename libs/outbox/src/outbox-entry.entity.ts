import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A business event for the worker, written in the same transaction as the change (ARCHITECTURE.md
 * convention 3). The worker relays unrelayed rows to BullMQ; a Redis outage leaves them here until
 * it can, so the work is delayed, never lost.
 */
@Entity('outbox')
@Index(['id'], { where: '"relayed_at" IS NULL' })
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
  @Column({ type: 'timestamptz', nullable: true }) relayedAt: Date | null;
}
