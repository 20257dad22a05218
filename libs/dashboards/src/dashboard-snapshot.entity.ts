import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The latest compiled dashboard of an organisation and year (DOMAIN.md §7): every figure, for the
 * organisation and per department, with when it was compiled and the history high-water mark it
 * saw (the organisation's newest history id), so staleness is measurable.
 */
@Entity('dashboard_snapshots')
export class DashboardSnapshot {
  @PrimaryColumn({ type: 'uuid' }) organisationId: string;
  @PrimaryColumn({ type: 'smallint' }) year: number;
  @Column({ type: 'timestamptz' }) compiledAt: Date;
  @Column({ type: 'bigint' }) highWaterMark: string;
  @Column({ type: 'date' }) asOf: string;
  @Column({ type: 'integer' }) durationMs: number;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
}
