import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** before → after of one field. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}
export type Changes = Record<string, FieldChange>;

/**
 * Append-only change history (DOMAIN.md §8). Entries of one organisation form a hash chain:
 * hash = sha256(canonical JSON of the entry including the previous entry's hash). A trigger in the
 * migration rejects UPDATE and DELETE.
 */
@Entity('history')
@Index(['organisationId', 'seq'], { unique: true })
@Index(['recordType', 'recordId'])
export class HistoryEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** Position in the organisation's chain, 1, 2, 3, … without gaps. */
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'varchar', length: 50 })
  recordType: string;

  @Column({ type: 'varchar', length: 100 })
  recordId: string;

  @Column({ type: 'varchar', length: 50 })
  action: string;

  /** null for the system itself (seeding, scheduled jobs). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Changes;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
