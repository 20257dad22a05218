import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { checkpointStatement, type CheckpointFields, type Ledger } from './checkpoint.js';
import { LedgerKeys, type PublicKeyInfo } from './ledger-keys.js';

export interface CheckpointRecord extends CheckpointFields {
  hash: string;
  signature: string;
}

/** A checkpoint as exported: the signed statement itself, so it verifies without Gwaje. */
export interface CheckpointExport {
  /** null before the organisation's first checkpoint. */
  checkpoint: CheckpointRecord | null;
  /** The exact text that was signed (RFC 8785 canonical JSON of the fields with v: 1). */
  statement: string | null;
  signatureAlgorithm: 'Ed25519';
  publicKey: PublicKeyInfo | null;
}

interface Row {
  ledger: Ledger;
  organisation_id: string;
  seq: number;
  txid_from: string;
  txid_to: string;
  first_entry_id: string;
  last_entry_id: string;
  first_occurred_at: Date;
  last_occurred_at: Date;
  tree_size: number;
  root_hash: string;
  prev_hash: string;
  sealed_at: Date;
  key_id: string;
  signature: string;
  hash: string;
}

const COLUMNS = `ledger, organisation_id, seq, txid_from::text, txid_to::text, first_entry_id::text,
  last_entry_id::text, first_occurred_at, last_occurred_at, tree_size, root_hash, prev_hash, sealed_at,
  key_id, signature, hash`;

function toRecord(r: Row): CheckpointRecord {
  return {
    ledger: r.ledger,
    organisationId: r.organisation_id,
    seq: r.seq,
    txidFrom: r.txid_from,
    txidTo: r.txid_to,
    firstEntryId: r.first_entry_id,
    lastEntryId: r.last_entry_id,
    firstOccurredAt: r.first_occurred_at.toISOString(),
    lastOccurredAt: r.last_occurred_at.toISOString(),
    treeSize: r.tree_size,
    rootHash: r.root_hash,
    prevHash: r.prev_hash,
    sealedAt: r.sealed_at.toISOString(),
    keyId: r.key_id,
    hash: r.hash,
    signature: r.signature,
  };
}

/** One organisation's checkpoints of one ledger, oldest first (the verifier walks them). */
export async function checkpointsOf(
  db: DataSource,
  ledger: Ledger,
  organisationId: string,
): Promise<CheckpointRecord[]> {
  const rows = await db.query<Row[]>(
    `SELECT ${COLUMNS} FROM ledger_checkpoints WHERE ledger = $1 AND organisation_id = $2 ORDER BY seq`,
    [ledger, organisationId],
  );
  return rows.map(toRecord);
}

/** Reads of the signed checkpoints; the caller has scoped the organisations. */
@Injectable()
export class LedgerCheckpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: LedgerKeys,
  ) {}

  /** Newest first. */
  async list(
    organisationIds: string[],
    opts: { ledger?: Ledger; limit: number },
  ): Promise<CheckpointRecord[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM ledger_checkpoints
        WHERE organisation_id = ANY($1::uuid[]) AND ($2::text IS NULL OR ledger = $2::text)
        ORDER BY sealed_at DESC, id DESC LIMIT $3`,
      [organisationIds, opts.ledger ?? null, opts.limit],
    );
    return rows.map(toRecord);
  }

  /** The newest checkpoint of one organisation's ledger, as a self-verifying export. */
  async latestExport(organisationId: string, ledger: Ledger): Promise<CheckpointExport> {
    const [row] = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM ledger_checkpoints WHERE organisation_id = $1 AND ledger = $2
        ORDER BY seq DESC LIMIT 1`,
      [organisationId, ledger],
    );
    if (!row)
      return {
        checkpoint: null,
        statement: null,
        signatureAlgorithm: 'Ed25519',
        publicKey: this.keys.publicKeyInfo(),
      };
    const checkpoint = toRecord(row);
    const { hash: _hash, signature: _signature, ...fields } = checkpoint;
    return {
      checkpoint,
      statement: checkpointStatement(fields),
      signatureAlgorithm: 'Ed25519',
      publicKey: this.keys.publicKeyInfo(),
    };
  }

  publicKey(): PublicKeyInfo | null {
    return this.keys.publicKeyInfo();
  }
}
