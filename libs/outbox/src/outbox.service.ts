import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Tx } from '@gwaje/db';
import { DataSource } from 'typeorm';

export interface OutboxEvent {
  organisationId: string;
  /** Named by the capability that emits it; the worker routes it by name. */
  event: string;
  recordType: string;
  recordId: string;
  /** Ids, dates and counts only: never personal data. */
  payload?: Record<string, string | number | null>;
}

const INSERT = `INSERT INTO outbox (organisation_id, event, record_type, record_id, payload) VALUES ($1, $2, $3, $4, $5)`;

const values = (e: OutboxEvent) => [
  e.organisationId,
  e.event,
  e.recordType,
  e.recordId,
  JSON.stringify(e.payload ?? {}),
];

/**
 * The outbox (ARCHITECTURE.md convention 3): capabilities record events in the transaction of the
 * change that causes them, and the worker relays them to its queues. Its own library, so a
 * capability that emits (dashboards, reports, consultations) depends on it, not on notifications.
 */
@Injectable()
export class OutboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an event in the caller's transaction. */
  async emit(tx: Tx, event: OutboxEvent): Promise<void> {
    await tx.manager.query(INSERT, values(event));
  }

  /** Records an event on its own (no business change to share a transaction with). */
  async emitNow(event: OutboxEvent): Promise<void> {
    await this.dataSource.query(INSERT, values(event));
  }

  /**
   * Hands outbox rows not yet processed to `enqueue` (the worker's BullMQ producer) in id order: new
   * rows, and rows relayed more than `relayAgainAfterMs` ago whose job never completed (Redis
   * restarted without its data). Each relay has its own job id (`outbox-<id>`, then
   * `outbox-<id>-r<n>`), so a lost job is really enqueued again; the handlers are idempotent, so a
   * slow job that still completes does no harm. One relayer at a time (advisory lock). When Redis is
   * down, `enqueue` throws and the rows stay for the next round.
   */
  async relay(
    enqueue: (
      rows: Array<{ id: string; event: string; organisationId: string; jobId: string }>,
    ) => Promise<void>,
    opts: { batch?: number; relayAgainAfterMs?: number } = {},
  ): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const db = runner.manager;
    try {
      const [lock] = await db.query<Array<{ ok: boolean }>>(
        `SELECT pg_try_advisory_lock(hashtextextended('outbox-relay', 0)) AS ok`,
      );
      if (!lock.ok) return 0;
      try {
        const rows = await db.query<
          Array<{ id: string; event: string; organisation_id: string; relays: number }>
        >(
          `SELECT id, event, organisation_id, relays FROM outbox
            WHERE processed_at IS NULL
              AND (relayed_at IS NULL OR relayed_at < now() - $2::int * interval '1 millisecond')
            ORDER BY id LIMIT $1`,
          [opts.batch ?? 200, opts.relayAgainAfterMs ?? 10 * 60_000],
        );
        if (!rows.length) return 0;
        await enqueue(
          rows.map((r) => ({
            id: r.id,
            event: r.event,
            organisationId: r.organisation_id,
            jobId: r.relays ? `outbox-${r.id}-r${r.relays + 1}` : `outbox-${r.id}`,
          })),
        );
        await db.query(
          `UPDATE outbox SET relayed_at = now(), relays = relays + 1 WHERE id = ANY($1::bigint[])`,
          [rows.map((r) => r.id)],
        );
        return rows.length;
      } finally {
        await db.query(`SELECT pg_advisory_unlock(hashtextextended('outbox-relay', 0))`);
      }
    } finally {
      await runner.release();
    }
  }

  /** The row's job was processed: the row is done. */
  async markProcessed(outboxId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`,
      [outboxId],
    );
  }
}
