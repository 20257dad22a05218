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
   * Hands unrelayed outbox rows to `enqueue` (the worker's BullMQ producer) in id order, and marks
   * them relayed once it succeeded. One relayer at a time (advisory lock). When Redis is down,
   * `enqueue` throws and the rows stay for the next round.
   */
  async relay(
    enqueue: (rows: Array<{ id: string; event: string; organisationId: string }>) => Promise<void>,
    batch = 200,
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
        const rows = await db.query<Array<{ id: string; event: string; organisation_id: string }>>(
          `SELECT id, event, organisation_id FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT $1`,
          [batch],
        );
        if (!rows.length) return 0;
        await enqueue(
          rows.map((r) => ({ id: r.id, event: r.event, organisationId: r.organisation_id })),
        );
        await db.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
        return rows.length;
      } finally {
        await db.query(`SELECT pg_advisory_unlock(hashtextextended('outbox-relay', 0))`);
      }
    } finally {
      await runner.release();
    }
  }
}
