import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Tx } from '@gwaje/db';
import { DataSource } from 'typeorm';
import type { Changes } from './history-entry.entity.js';
import { GENESIS_HASH, HISTORY_LINK_PREFIX } from '../ledger/ledger-hash.js';
import { historyContentHash, toJson } from './history-hash.js';
import { idsInChanges } from './history-names.js';

export interface HistoryInput {
  organisationId: string;
  recordType: string;
  recordId: string;
  action: string;
  /** null when the system acts (seed, scheduled jobs). */
  actorId: string | null;
  changes?: Changes;
  reason?: string | null;
  /**
   * A back-dated entry: when what it records happened (it is entered now). The entry is shown as
   * entered later (`enteredLater`), keeping both times.
   */
  effectiveAt?: Date | null;
  /** Why the back-dated entry is entered late (required with effectiveAt by the capabilities). */
  lateEntryReason?: string | null;
}

export interface HistoryRecord {
  id: string;
  recordSeq: number;
  recordType: string;
  recordId: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  /** When the entry was written. */
  occurredAt: Date;
  /** When what it records happened, for an entry made later (back-dated); else null. */
  effectiveAt: Date | null;
  /** True for a back-dated entry: entered at occurredAt, happened at effectiveAt. */
  enteredLater: boolean;
  lateEntryReason: string | null;
  changes: Changes;
  reason: string | null;
  /**
   * What the ids in `changes` stand for (people, departments, organisations by name; tasks by
   * code), so a reader sees "김민지 → 이서준", not two ids. An id not found is left out.
   */
  names: Record<string, string>;
}

interface HistoryRow {
  id: string;
  record_seq: number;
  record_type: string;
  record_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  occurred_at: Date;
  effective_at: Date | null;
  late_entry_reason: string | null;
  changes: Changes;
  reason: string | null;
}

/**
 * The append: one statement reads the record's newest entry and links to it, computing the chain
 * hash in SQL over the content hash computed here (the same text as historyLinkHash). `source`, a
 * CTE of the caller's statement, makes it append one entry per row the caller's write returned
 * (none when it matched nothing). `param` adds a value and returns its placeholder.
 */
export function historyAppendSql(
  input: HistoryInput,
  param: (value: unknown) => string,
  source?: string,
): string {
  const content = {
    organisationId: input.organisationId,
    recordType: input.recordType,
    recordId: input.recordId,
    action: input.action,
    actorId: input.actorId,
    // Millisecond precision, so the value read back from timestamptz hashes the same.
    occurredAt: new Date(),
    changes: toJson(input.changes ?? {}) as Changes,
    reason: input.reason ?? null,
    effectiveAt: input.effectiveAt ?? null,
    lateEntryReason: input.effectiveAt ? (input.lateEntryReason ?? null) : null,
  };
  const org = `${param(content.organisationId)}::uuid`;
  const type = `${param(content.recordType)}::text`;
  const id = `${param(content.recordId)}::text`;
  const rest = [
    `${param(content.action)}::text`,
    `${param(content.actorId)}::uuid`,
    `${param(content.occurredAt)}::timestamptz`,
    `${param(JSON.stringify(content.changes))}::jsonb`,
    `${param(content.reason)}::text`,
    `${param(content.effectiveAt)}::timestamptz`,
    `${param(content.lateEntryReason)}::text`,
  ];
  const contentHash = `${param(historyContentHash(content))}::text`;
  return `INSERT INTO history (organisation_id, record_type, record_id, record_seq, action, actor_id,
                       occurred_at, changes, reason, effective_at, late_entry_reason, prev_hash, hash)
  SELECT ${org}, ${type}, ${id}, head.seq + 1, ${rest.join(', ')}, head.hash,
         encode(sha256(convert_to('${HISTORY_LINK_PREFIX}|' || ${contentHash} || '|' || (head.seq + 1) || '|' || head.hash, 'UTF8')), 'hex')
    FROM ${source ? `${source}, ` : ''}(SELECT COALESCE(last.record_seq, 0) AS seq, COALESCE(last.hash, '${GENESIS_HASH}') AS hash
            FROM (SELECT 1) one
            LEFT JOIN LATERAL (SELECT record_seq, hash FROM history
                                WHERE organisation_id = ${org} AND record_type = ${type} AND record_id = ${id}
                                ORDER BY record_seq DESC LIMIT 1) last ON true) head`;
}

@Injectable()
export class HistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one entry to the record's chain inside the caller's transaction, so the entry commits
   * or rolls back with the change it records. No organisation-wide lock: entries of one record are
   * ordered by that record's row lock (taken by the versioned update before this); two first
   * writes racing on a record without a row are stopped by UQ_history_record_chain, and the
   * transaction helper runs the loser again (ARCHITECTURE.md convention 8).
   */
  async record(tx: Tx, input: HistoryInput): Promise<void> {
    const values: unknown[] = [];
    const sql = historyAppendSql(input, (v) => `$${values.push(v)}`);
    await tx.manager.query(sql, values);
  }

  /** One record's history, oldest first. The caller has already decided the reader may read the record. */
  async forRecord(
    organisationIds: string[],
    recordType: string,
    recordId: string,
    limit = 500,
  ): Promise<HistoryRecord[]> {
    const rows = await this.dataSource.query<HistoryRow[]>(
      `SELECT h.id, h.record_seq, h.record_type, h.record_id, h.action, h.actor_id, u.name AS actor_name,
              h.occurred_at, h.effective_at, h.late_entry_reason, h.changes, h.reason
         FROM history h LEFT JOIN users u ON u.id = h.actor_id
        WHERE h.organisation_id = ANY($1::uuid[]) AND h.record_type = $2 AND h.record_id = $3
        ORDER BY h.record_seq ASC LIMIT $4`,
      [organisationIds, recordType, recordId, limit],
    );
    const names = await this.namesOf(rows.flatMap((r) => idsInChanges(r.changes)));
    return rows.map((r) => ({
      id: r.id,
      recordSeq: r.record_seq,
      recordType: r.record_type,
      recordId: r.record_id,
      action: r.action,
      actorId: r.actor_id,
      actorName: r.actor_name,
      occurredAt: r.occurred_at,
      effectiveAt: r.effective_at,
      enteredLater: r.effective_at !== null,
      lateEntryReason: r.late_entry_reason,
      changes: r.changes,
      reason: r.reason,
      names: Object.fromEntries(
        idsInChanges(r.changes).flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : [])),
      ),
    }));
  }

  /**
   * Names for ids found in changes. The reader may read the record, and these are what its changes
   * say (who became the owner, which department partners); a task is named by its code only, as
   * its title may belong to a department the reader may not read.
   */
  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.dataSource.query<Array<{ id: string; name: string }>>(
      `SELECT id::text, name FROM users WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, name FROM departments WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, name FROM organisations WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, code FROM tasks WHERE id = ANY($1::uuid[])`,
      [unique],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
