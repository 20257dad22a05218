import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Tx } from '@gwaje/db';
import { DataSource } from 'typeorm';
import type { Changes } from './history-entry.entity.js';
import { GENESIS_HASH, historyEntryHash, toJson } from './history-hash.js';

export interface HistoryInput {
  organisationId: string;
  recordType: string;
  recordId: string;
  action: string;
  /** null when the system acts (seed, scheduled jobs). */
  actorId: string | null;
  changes?: Changes;
  reason?: string | null;
}

export interface HistoryRecord {
  id: string;
  seq: string;
  recordType: string;
  recordId: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  occurredAt: Date;
  changes: Changes;
  reason: string | null;
}

interface HistoryRow {
  id: string;
  seq: string;
  record_type: string;
  record_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  occurred_at: Date;
  changes: Changes;
  reason: string | null;
}

@Injectable()
export class HistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one entry to the organisation's chain inside the caller's transaction, so the entry
   * commits or rolls back with the change it records. The transaction-scoped advisory lock
   * serialises writers of one organisation's chain only (ARCHITECTURE.md convention 8).
   */
  async record(tx: Tx, input: HistoryInput): Promise<void> {
    const m = tx.manager;
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('history:' || $1, 0))`, [
      input.organisationId,
    ]);
    const last = await m.query<Array<{ seq: string; hash: string }>>(
      `SELECT seq, hash FROM history WHERE organisation_id = $1 ORDER BY seq DESC LIMIT 1`,
      [input.organisationId],
    );
    const seq = String(last.length ? BigInt(last[0].seq) + 1n : 1n);
    const prevHash = last.length ? last[0].hash : GENESIS_HASH;
    const entry = {
      organisationId: input.organisationId,
      seq,
      recordType: input.recordType,
      recordId: input.recordId,
      action: input.action,
      actorId: input.actorId,
      // Millisecond precision, so the value read back from timestamptz hashes the same.
      occurredAt: new Date(),
      changes: toJson(input.changes ?? {}) as Changes,
      reason: input.reason ?? null,
      prevHash,
    };
    await m.query(
      `INSERT INTO history (organisation_id, seq, record_type, record_id, action, actor_id, occurred_at, changes, reason, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        entry.organisationId,
        entry.seq,
        entry.recordType,
        entry.recordId,
        entry.action,
        entry.actorId,
        entry.occurredAt,
        JSON.stringify(entry.changes),
        entry.reason,
        entry.prevHash,
        historyEntryHash(entry),
      ],
    );
  }

  /** One record's history, oldest first. The caller has already decided the reader may read the record. */
  async forRecord(
    organisationIds: string[],
    recordType: string,
    recordId: string,
    limit = 500,
  ): Promise<HistoryRecord[]> {
    const rows = await this.dataSource.query<HistoryRow[]>(
      `SELECT h.id, h.seq, h.record_type, h.record_id, h.action, h.actor_id, u.name AS actor_name,
              h.occurred_at, h.changes, h.reason
         FROM history h LEFT JOIN users u ON u.id = h.actor_id
        WHERE h.organisation_id = ANY($1::uuid[]) AND h.record_type = $2 AND h.record_id = $3
        ORDER BY h.occurred_at ASC, h.seq ASC LIMIT $4`,
      [organisationIds, recordType, recordId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      recordType: r.record_type,
      recordId: r.record_id,
      action: r.action,
      actorId: r.actor_id,
      actorName: r.actor_name,
      occurredAt: r.occurred_at,
      changes: r.changes,
      reason: r.reason,
    }));
  }
}
