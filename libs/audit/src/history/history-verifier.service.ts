import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessEntryHash } from '../access-log/access-log.service.js';
import {
  checkpointHash,
  checkpointStatement,
  type Ledger,
  LEDGER_TABLE,
  LEDGERS,
} from '../ledger/checkpoint.js';
import { GENESIS_HASH, merkleRoot } from '../ledger/ledger-hash.js';
import { type CheckpointRecord, checkpointsOf } from '../ledger/ledger-checkpoints.service.js';
import { LedgerKeys } from '../ledger/ledger-keys.js';
import { sealedEntries } from '../ledger/ledger-sealer.service.js';
import type { Changes } from './history-entry.entity.js';
import { historyEntryHash } from './history-hash.js';

export const LEDGER_PROBLEMS = [
  /** An entry's content or hash was changed (its recomputed hash differs). */
  'ENTRY_REWRITTEN',
  /** An entry is missing: a gap in its record's chain, or fewer entries than a checkpoint sealed. */
  'ENTRY_DELETED',
  /** More entries than a checkpoint sealed, or an entry that does not link to its predecessor. */
  'ENTRY_INSERTED',
  /** A checkpoint's entries hash to another root than it signed (re-hashed rewrite). */
  'ROOT_MISMATCH',
  /** A checkpoint's fields or signature do not verify with the trusted public key. */
  'CHECKPOINT_FORGED',
  /** A gap in the checkpoint sequence or a broken link to the previous checkpoint. */
  'CHECKPOINT_REMOVED',
  /** Retention claims a month was dropped that the 2-year floor still protects. */
  'RETENTION_FORGED',
] as const;
export type LedgerProblemKind = (typeof LEDGER_PROBLEMS)[number];

export interface LedgerProblem {
  problem: LedgerProblemKind;
  ledger: Ledger;
  organisationId: string;
  /** The entry concerned (the first one after a gap for deletions), when one can be named. */
  entryId: string | null;
  recordType: string | null;
  recordId: string | null;
  recordSeq: number | null;
  /** The checkpoint concerned, when the problem was found through one. */
  checkpointSeq: number | null;
}

export interface LedgerReport {
  ledger: Ledger;
  organisationId: string;
  entries: number;
  checkpoints: number;
  /** Entries no checkpoint covers yet (written since the last seal). */
  unsealedEntries: number;
  /** Access-log checkpoints whose months were dropped after the retention period. */
  expiredCheckpoints: number;
  intact: boolean;
}

export interface VerificationReport {
  intact: boolean;
  checkedEntries: number;
  checkedCheckpoints: number;
  unsealedEntries: number;
  /** Whether a trusted public key was configured to check signatures with. */
  signaturesChecked: boolean;
  ledgers: LedgerReport[];
  /** The first problem found (record chains first, then checkpoints in order), or null. */
  firstBroken: LedgerProblem | null;
  /** Every problem found, at most 100. */
  problems: LedgerProblem[];
}

interface HistoryRow {
  id: string;
  record_type: string;
  record_id: string;
  record_seq: number;
  action: string;
  actor_id: string | null;
  occurred_at: Date;
  effective_at: Date | null;
  late_entry_reason: string | null;
  changes: Changes;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

const BATCH = 2000;
const MAX_PROBLEMS = 100;
/** The statute's floor for access records (SECURITY.md): retention can never claim less. */
const MIN_RETENTION_MONTHS = 24;

/**
 * Verifies the ledger end to end (issue 15): every record chain of the history, every access
 * record's hash, and every checkpoint's fields, signature (with the trusted key, which the database
 * never holds), link to its predecessor and Merkle root over the entries it sealed.
 */
@Injectable()
export class HistoryVerifierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: LedgerKeys,
  ) {}

  async verify(organisationIds: string[]): Promise<VerificationReport> {
    const problems: LedgerProblem[] = [];
    const ledgers: LedgerReport[] = [];
    for (const organisationId of organisationIds) {
      for (const ledger of LEDGERS) {
        const before = problems.length;
        const entries =
          ledger === 'history'
            ? await this.verifyRecordChains(organisationId, problems)
            : await this.verifyAccessHashes(organisationId, problems);
        const sealing = await this.verifyCheckpoints(ledger, organisationId, problems);
        ledgers.push({
          ledger,
          organisationId,
          entries,
          ...sealing,
          intact: problems.length === before,
        });
      }
    }
    return {
      intact: problems.length === 0,
      checkedEntries: ledgers.reduce((n, l) => n + l.entries, 0),
      checkedCheckpoints: ledgers.reduce((n, l) => n + l.checkpoints, 0),
      unsealedEntries: ledgers.reduce((n, l) => n + l.unsealedEntries, 0),
      signaturesChecked: this.keys.publicKeyInfo() !== null,
      ledgers,
      firstBroken: problems[0] ?? null,
      problems: problems.slice(0, MAX_PROBLEMS),
    };
  }

  /** Walks each record's chain in order, recomputing every hash and link. */
  private async verifyRecordChains(orgId: string, problems: LedgerProblem[]): Promise<number> {
    let entries = 0;
    let after: [string, string, number] = ['', '', 0];
    let prev: HistoryRow | null = null;
    for (;;) {
      const rows: HistoryRow[] = await this.dataSource.query<HistoryRow[]>(
        `SELECT id::text, record_type, record_id, record_seq, action, actor_id, occurred_at, changes,
                reason, effective_at, late_entry_reason, prev_hash, hash
           FROM history WHERE organisation_id = $1 AND (record_type, record_id, record_seq) > ($2, $3, $4)
          ORDER BY record_type, record_id, record_seq LIMIT ${BATCH}`,
        [orgId, ...after],
      );
      for (const row of rows) {
        entries++;
        const sameRecord =
          prev !== null && prev.record_type === row.record_type && prev.record_id === row.record_id;
        const expectedSeq = sameRecord ? prev!.record_seq + 1 : 1;
        const expectedPrev = sameRecord ? prev!.hash : GENESIS_HASH;
        const at = (problem: LedgerProblemKind): LedgerProblem => ({
          problem,
          ledger: 'history',
          organisationId: orgId,
          entryId: row.id,
          recordType: row.record_type,
          recordId: row.record_id,
          recordSeq: row.record_seq,
          checkpointSeq: null,
        });
        const recomputed = historyEntryHash({
          organisationId: orgId,
          recordType: row.record_type,
          recordId: row.record_id,
          action: row.action,
          actorId: row.actor_id,
          occurredAt: row.occurred_at,
          changes: row.changes,
          reason: row.reason,
          effectiveAt: row.effective_at,
          lateEntryReason: row.late_entry_reason,
          recordSeq: row.record_seq,
          prevHash: row.prev_hash,
        });
        if (recomputed !== row.hash) problems.push(at('ENTRY_REWRITTEN'));
        else if (row.record_seq > expectedSeq) problems.push(at('ENTRY_DELETED'));
        else if (row.prev_hash !== expectedPrev) problems.push(at('ENTRY_INSERTED'));
        prev = row;
      }
      if (rows.length < BATCH) return entries;
      const last = rows[rows.length - 1];
      after = [last.record_type, last.record_id, last.record_seq];
    }
  }

  /** Recomputes every access record's hash. */
  private async verifyAccessHashes(orgId: string, problems: LedgerProblem[]): Promise<number> {
    let entries = 0;
    for (let after = '0'; ;) {
      const rows = await this.dataSource.query<
        Array<{
          id: string;
          occurred_at: Date;
          user_id: string | null;
          action: string;
          record_type: string;
          record_id: string | null;
          filter: unknown;
          reason: string | null;
          request_id: string | null;
          ip: string | null;
          account: string | null;
          user_agent: string | null;
          result: string | null;
          hash: string;
        }>
      >(
        `SELECT id::text, occurred_at, user_id, action, record_type, record_id, filter, reason, request_id, ip, account, user_agent, result, hash
           FROM access_log WHERE organisation_id = $1 AND id > $2 ORDER BY id LIMIT ${BATCH}`,
        [orgId, after],
      );
      for (const r of rows) {
        entries++;
        const recomputed = accessEntryHash({
          organisationId: orgId,
          userId: r.user_id,
          action: r.action,
          recordType: r.record_type,
          recordId: r.record_id,
          filter: r.filter,
          reason: r.reason,
          requestId: r.request_id,
          ip: r.ip,
          occurredAt: r.occurred_at,
          account: r.account,
          userAgent: r.user_agent,
          result: r.result,
        });
        if (recomputed !== r.hash)
          problems.push({
            problem: 'ENTRY_REWRITTEN',
            ledger: 'access_log',
            organisationId: orgId,
            entryId: r.id,
            recordType: r.record_type,
            recordId: r.record_id,
            recordSeq: null,
            checkpointSeq: null,
          });
      }
      if (rows.length < BATCH) return entries;
      after = rows[rows.length - 1].id;
    }
  }

  private async verifyCheckpoints(
    ledger: Ledger,
    orgId: string,
    problems: LedgerProblem[],
  ): Promise<{ checkpoints: number; unsealedEntries: number; expiredCheckpoints: number }> {
    const checkpoints = await checkpointsOf(this.dataSource, ledger, orgId);
    const retainedFrom = ledger === 'access_log' ? await this.retainedFrom(orgId, problems) : null;
    const at = (problem: LedgerProblemKind, seq: number, entryId: string | null = null) =>
      problems.push({
        problem,
        ledger,
        organisationId: orgId,
        entryId,
        recordType: null,
        recordId: null,
        recordSeq: null,
        checkpointSeq: seq,
      });
    let prev: CheckpointRecord | null = null;
    let expired = 0;
    for (const c of checkpoints) {
      const { hash, signature, ...fields } = c;
      if (
        c.seq !== (prev?.seq ?? 0) + 1 ||
        c.prevHash !== (prev?.hash ?? GENESIS_HASH) ||
        c.txidFrom !== (prev?.txidTo ?? '0')
      )
        at('CHECKPOINT_REMOVED', c.seq);
      else if (
        checkpointHash(fields) !== hash ||
        !this.keys.verify(checkpointStatement(fields), c.keyId, signature)
      )
        at('CHECKPOINT_FORGED', c.seq);
      prev = c;
      if (retainedFrom && new Date(c.firstOccurredAt) < retainedFrom) {
        expired++;
        continue;
      }
      const entries = await sealedEntries(this.dataSource, ledger, orgId, c.txidFrom, c.txidTo);
      if (entries.length < c.treeSize) at('ENTRY_DELETED', c.seq, firstMissing(entries, c));
      else if (entries.length > c.treeSize) at('ENTRY_INSERTED', c.seq);
      else if (merkleRoot(entries.map((e) => e.hash)) !== c.rootHash) at('ROOT_MISMATCH', c.seq);
    }
    const [{ n }] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM ${LEDGER_TABLE[ledger]} WHERE organisation_id = $1 AND txid >= $2`,
      [orgId, prev?.txidTo ?? '0'],
    );
    return { checkpoints: checkpoints.length, unsealedEntries: n, expiredCheckpoints: expired };
  }

  /** The start of the access records still kept (the end of the last month dropped), if any. */
  private async retainedFrom(orgId: string, problems: LedgerProblem[]): Promise<Date | null> {
    const [row] = await this.dataSource.query<Array<{ range_to: Date | null }>>(
      `SELECT max(range_to) AS range_to FROM ledger_retention WHERE ledger = 'access_log'`,
    );
    if (!row?.range_to) return null;
    const floor = new Date();
    floor.setUTCMonth(floor.getUTCMonth() - MIN_RETENTION_MONTHS);
    if (row.range_to > floor) {
      problems.push({
        problem: 'RETENTION_FORGED',
        ledger: 'access_log',
        organisationId: orgId,
        entryId: null,
        recordType: null,
        recordId: null,
        recordSeq: null,
        checkpointSeq: null,
      });
      return null;
    }
    return row.range_to;
  }
}

/** The first sealed id no longer there (ids are sealed in order: the first gap names it). */
function firstMissing(entries: Array<{ id: string }>, c: CheckpointRecord): string | null {
  if (!entries.length || entries[0].id !== c.firstEntryId) return c.firstEntryId;
  if (entries[entries.length - 1].id !== c.lastEntryId) return c.lastEntryId;
  return null;
}
