import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Changes } from './history-entry.entity.js';
import { GENESIS_HASH, historyEntryHash } from './history-hash.js';

export type ChainBreak = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP';

export interface BrokenEntry {
  organisationId: string;
  id: string;
  seq: string;
  problem: ChainBreak;
}

export interface ChainReport {
  organisationId: string;
  entries: number;
  intact: boolean;
  firstBroken: BrokenEntry | null;
}

export interface VerificationReport {
  intact: boolean;
  checkedEntries: number;
  organisations: ChainReport[];
  /** The first broken entry over all checked organisations, or null. */
  firstBroken: BrokenEntry | null;
}

interface Row {
  id: string;
  seq: string;
  record_type: string;
  record_id: string;
  action: string;
  actor_id: string | null;
  occurred_at: Date;
  changes: Changes;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

const BATCH = 2000;

/** Walks each organisation's chain in sequence order, in batches, recomputing every hash. */
@Injectable()
export class HistoryVerifierService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async verify(organisationIds: string[]): Promise<VerificationReport> {
    const organisations: ChainReport[] = [];
    for (const organisationId of organisationIds)
      organisations.push(await this.verifyChain(organisationId));
    const firstBroken = organisations.find((o) => o.firstBroken)?.firstBroken ?? null;
    return {
      intact: firstBroken === null,
      checkedEntries: organisations.reduce((n, o) => n + o.entries, 0),
      organisations,
      firstBroken,
    };
  }

  private async verifyChain(organisationId: string): Promise<ChainReport> {
    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    let entries = 0;
    for (;;) {
      const rows = await this.dataSource.query<Row[]>(
        `SELECT id, seq, record_type, record_id, action, actor_id, occurred_at, changes, reason, prev_hash, hash
           FROM history WHERE organisation_id = $1 AND seq >= $2 ORDER BY seq ASC LIMIT $3`,
        [organisationId, String(expectedSeq), BATCH],
      );
      for (const row of rows) {
        entries++;
        const broken = (problem: ChainBreak): ChainReport => ({
          organisationId,
          entries,
          intact: false,
          firstBroken: { organisationId, id: row.id, seq: row.seq, problem },
        });
        if (BigInt(row.seq) !== expectedSeq) return broken('SEQUENCE_GAP');
        if (row.prev_hash !== prevHash) return broken('PREV_HASH_MISMATCH');
        const recomputed = historyEntryHash({
          organisationId,
          seq: row.seq,
          recordType: row.record_type,
          recordId: row.record_id,
          action: row.action,
          actorId: row.actor_id,
          occurredAt: row.occurred_at,
          changes: row.changes,
          reason: row.reason,
          prevHash: row.prev_hash,
        });
        if (recomputed !== row.hash) return broken('HASH_MISMATCH');
        prevHash = row.hash;
        expectedSeq++;
      }
      if (rows.length < BATCH) return { organisationId, entries, intact: true, firstBroken: null };
    }
  }
}
