import canonicalize from 'canonicalize';
import { sha256Hex } from './ledger-hash.js';

export type Ledger = 'history' | 'access_log';
export const LEDGERS: readonly Ledger[] = ['history', 'access_log'];

/** The table of each ledger (a fixed map, never user input, so safe to name in SQL). */
export const LEDGER_TABLE: Record<Ledger, string> = {
  history: 'history',
  access_log: 'access_log',
};

/** What a checkpoint states and its signature covers. */
export interface CheckpointFields {
  ledger: Ledger;
  organisationId: string;
  /** 1, 2, 3, … per ledger and organisation. */
  seq: number;
  /** The entries of transactions with txidFrom ≤ txid < txidTo. */
  txidFrom: string;
  txidTo: string;
  firstEntryId: string;
  lastEntryId: string;
  firstOccurredAt: string;
  lastOccurredAt: string;
  treeSize: number;
  /** RFC 9162 Merkle tree hash of the entries' hashes in id order. */
  rootHash: string;
  /** The previous checkpoint's hash (genesis for the first). */
  prevHash: string;
  sealedAt: string;
  keyId: string;
}

/** The signed text: RFC 8785 canonical JSON of the fields, versioned. */
export function checkpointStatement(f: CheckpointFields): string {
  const text = canonicalize({ v: 1, ...f });
  if (text === undefined) throw new Error('checkpoint cannot be serialised');
  return text;
}

/** A checkpoint's hash, which the next checkpoint links to. */
export function checkpointHash(f: CheckpointFields): string {
  return sha256Hex(checkpointStatement(f));
}
