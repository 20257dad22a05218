import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A compile the office asked for (`POST /dashboards/compile`): the handle its answer names, moved
 * by the worker through QUEUED → RUNNING → DONE or FAILED (dashboard-compile-states.ts), with the
 * snapshot it produced once DONE. At most one request per organisation-year is QUEUED: asking again
 * meanwhile answers that one (coalesced).
 */
@Entity('dashboard_compile_requests')
@Index('UQ_dashboard_compile_requests_queued', ['organisationId', 'year'], {
  unique: true,
  where: `"state" = 'QUEUED'`,
})
@Index('IDX_dashboard_compile_requests_org', ['organisationId', 'requestedAt'])
@Check('CHK_dashboard_compile_requests_state', `"state" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')`)
export class DashboardCompileRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'smallint' }) year: number;
  @Column({ type: 'uuid', nullable: true }) requestedBy: string | null;
  /** `status` in the API; the column keeps its older name. */
  @Column({ name: 'state', type: 'varchar', length: 10, default: 'QUEUED' }) status: string;
  /** Runs of its job so far (a retry, or a run again after a worker died, counts). */
  @Column({ type: 'integer', default: 0 }) attempts: number;
  /** Why the last attempt failed (FAILED: why it was given up; RUNNING: retried). */
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) requestedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  /** The snapshot it produced (DONE): when it was compiled, as of which day, which history mark. */
  @Column({ type: 'timestamptz', nullable: true }) compiledAt: Date | null;
  @Column({ type: 'date', nullable: true }) asOf: string | null;
  @Column({ type: 'bigint', nullable: true }) highWaterMark: string | null;
  @Column({ type: 'integer', nullable: true }) durationMs: number | null;
  /** Its figures, as compiled (the dashboard's snapshot may since have been compiled again). */
  @Column({ type: 'jsonb', nullable: true }) data: Record<string, unknown> | null;
}
