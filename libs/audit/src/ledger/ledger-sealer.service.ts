import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@gwaje/config';
import { DataSource, type EntityManager } from 'typeorm';
import {
  checkpointHash,
  checkpointStatement,
  type CheckpointFields,
  LEDGER_TABLE,
  type Ledger,
  LEDGERS,
} from './checkpoint.js';
import { GENESIS_HASH, MerkleAccumulator } from './ledger-hash.js';
import { LedgerKeys } from './ledger-keys.js';

export interface SealResult {
  ledger: Ledger;
  organisationId: string;
  seq: number;
  treeSize: number;
  rootHash: string;
}

interface LastCheckpoint {
  seq: number;
  txid_to: string;
  hash: string;
}

/**
 * Seals new ledger entries into signed checkpoints (ARCHITECTURE.md convention 8). Runs in the
 * worker, on a schedule and on request; the write path never waits for it.
 *
 * Which entries: those of transactions older than the oldest transaction still running
 * (pg_snapshot_xmin of the sealing transaction's own snapshot), from where the previous checkpoint
 * stopped. Every such transaction has ended and, under REPEATABLE READ, all of its entries are
 * visible to the sealer, so an entry whose id was taken early but whose transaction commits after
 * a seal is never skipped: its txid is above that seal's horizon, and the next seal takes it.
 */
@Injectable()
export class LedgerSealerService {
  private readonly logger = new Logger(LedgerSealerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: LedgerKeys,
    private readonly config: AppConfig,
  ) {}

  /** Seals every organisation's history and access log; returns the checkpoints made. */
  async sealAll(): Promise<SealResult[]> {
    if (!this.keys.canSign()) return [];
    const orgs = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM organisations ORDER BY id`,
    );
    const made: SealResult[] = [];
    for (const { id } of orgs) {
      for (const ledger of LEDGERS) {
        const result = await this.seal(ledger, id);
        if (result) made.push(result);
      }
    }
    return made;
  }

  /** One organisation's new entries of one ledger, or null when there is nothing to seal. */
  async seal(ledger: Ledger, organisationId: string): Promise<SealResult | null> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      // Only sealers take this lock (never a writer): two workers do not seal the same range twice.
      const [{ locked }] = await m.query<Array<{ locked: boolean }>>(
        `SELECT pg_try_advisory_xact_lock(hashtextextended('ledger-seal:' || $1 || ':' || $2, 0)) AS locked`,
        [ledger, organisationId],
      );
      if (!locked) return null;
      const [{ horizon }] = await m.query<Array<{ horizon: string }>>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
      );
      const [last] = await m.query<LastCheckpoint[]>(
        `SELECT seq, txid_to::text, hash FROM ledger_checkpoints
          WHERE ledger = $1 AND organisation_id = $2 ORDER BY seq DESC LIMIT 1`,
        [ledger, organisationId],
      );
      const txidFrom = last?.txid_to ?? '0';
      if (BigInt(horizon) <= BigInt(txidFrom)) return null;
      const entries = await summariseEntries(m, ledger, organisationId, txidFrom, horizon);
      if (!entries) return null;
      const fields: CheckpointFields = {
        ledger,
        organisationId,
        seq: (last?.seq ?? 0) + 1,
        txidFrom,
        txidTo: horizon,
        firstEntryId: entries.firstId,
        lastEntryId: entries.lastId,
        firstOccurredAt: entries.firstOccurredAt.toISOString(),
        lastOccurredAt: entries.lastOccurredAt.toISOString(),
        treeSize: entries.count,
        rootHash: entries.rootHash,
        prevHash: last?.hash ?? GENESIS_HASH,
        sealedAt: new Date().toISOString(),
        keyId: this.keys.signingKeyId(),
      };
      const signature = this.keys.sign(checkpointStatement(fields));
      await m.query(
        `INSERT INTO ledger_checkpoints (ledger, organisation_id, seq, txid_from, txid_to, first_entry_id,
           last_entry_id, first_occurred_at, last_occurred_at, tree_size, root_hash, prev_hash, sealed_at,
           key_id, signature, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          fields.ledger,
          fields.organisationId,
          fields.seq,
          fields.txidFrom,
          fields.txidTo,
          fields.firstEntryId,
          fields.lastEntryId,
          fields.firstOccurredAt,
          fields.lastOccurredAt,
          fields.treeSize,
          fields.rootHash,
          fields.prevHash,
          fields.sealedAt,
          fields.keyId,
          signature,
          checkpointHash(fields),
        ],
      );
      return {
        ledger,
        organisationId,
        seq: fields.seq,
        treeSize: fields.treeSize,
        rootHash: fields.rootHash,
      };
    });
  }

  /**
   * Monthly partitions of the access log: creates the next months' and drops whole months past the
   * longest retention any organisation asks for (security.accessLogRetentionYears, at least 2
   * years; the database function enforces the floor too), and only once sealed.
   */
  async maintainAccessLog(): Promise<{ created: string[]; dropped: string[] }> {
    const fallback = Number(this.config.settings['security.accessLogRetentionYears'] ?? 2);
    const [{ years }] = await this.dataSource.query<Array<{ years: number | null }>>(
      `SELECT max((value #>> '{}')::int) AS years FROM organisation_settings
        WHERE key = 'security.accessLogRetentionYears'`,
    );
    const keepMonths = Math.max(years ?? 0, fallback, 2) * 12;
    const [{ result }] = await this.dataSource.query<
      Array<{ result: { created: string[]; dropped: string[] } }>
    >(`SELECT access_log_maintain($1) AS result`, [keepMonths]);
    if (result.dropped.length)
      this.logger.log({ dropped: result.dropped }, 'access log months past retention dropped');
    return result;
  }
}

interface SealedEntry {
  id: string;
  hash: string;
  occurred_at: Date;
}

/** The entries a checkpoint covers, in the defined order (id). The verifier reads the same set. */
export function sealedEntries(
  m: EntityManager | DataSource,
  ledger: Ledger,
  organisationId: string,
  txidFrom: string,
  txidTo: string,
): Promise<SealedEntry[]> {
  return m.query<SealedEntry[]>(
    `SELECT id::text, hash, occurred_at FROM ${LEDGER_TABLE[ledger]}
      WHERE organisation_id = $1 AND txid >= $2 AND txid < $3 ORDER BY id`,
    [organisationId, txidFrom, txidTo],
  );
}

/** Rows fetched per round trip while a seal streams its entries. */
const SEAL_FETCH_ROWS = 5_000;

/**
 * What a checkpoint records of the entries it covers (the same set and order as `sealedEntries`),
 * streamed through a cursor of the sealing transaction, so memory stays flat however many entries
 * a seal takes (a year of a large organisation's history, an import). Null when there are none.
 */
async function summariseEntries(
  m: EntityManager,
  ledger: Ledger,
  organisationId: string,
  txidFrom: string,
  txidTo: string,
): Promise<{
  count: number;
  firstId: string;
  lastId: string;
  firstOccurredAt: Date;
  lastOccurredAt: Date;
  rootHash: string;
} | null> {
  await m.query(
    `DECLARE ledger_seal NO SCROLL CURSOR FOR
       SELECT id::text, hash, occurred_at FROM ${LEDGER_TABLE[ledger]}
        WHERE organisation_id = $1 AND txid >= $2 AND txid < $3 ORDER BY id`,
    [organisationId, txidFrom, txidTo],
  );
  const tree = new MerkleAccumulator();
  let count = 0;
  let firstId = '';
  let lastId = '';
  let first = new Date(0);
  let last = new Date(0);
  for (;;) {
    const rows = await m.query<SealedEntry[]>(`FETCH ${SEAL_FETCH_ROWS} FROM ledger_seal`);
    for (const row of rows) {
      if (count === 0) [firstId, first, last] = [row.id, row.occurred_at, row.occurred_at];
      tree.push(row.hash);
      lastId = row.id;
      if (row.occurred_at < first) first = row.occurred_at;
      if (row.occurred_at > last) last = row.occurred_at;
      count++;
    }
    if (rows.length < SEAL_FETCH_ROWS) break;
  }
  await m.query(`CLOSE ledger_seal`);
  if (!count) return null;
  return {
    count,
    firstId,
    lastId,
    firstOccurredAt: first,
    lastOccurredAt: last,
    rootHash: tree.root(),
  };
}
