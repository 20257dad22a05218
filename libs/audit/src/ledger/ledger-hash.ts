import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** prev_hash of the first entry of every record's chain, and of every ledger's first checkpoint. */
export const GENESIS_HASH = '0'.repeat(64);

/** Domain separator of the history chain link; the write path computes the same text in SQL. */
export const HISTORY_LINK_PREFIX = 'gwaje-history-v2';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * sha256 of the RFC 8785 canonical JSON of a value. Canonical JSON matters: Postgres jsonb does not
 * keep key order, so hashing whatever order the driver returns would not reproduce on read-back.
 */
export function canonicalHash(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new Error('ledger value cannot be serialised');
  return sha256Hex(Buffer.from(canonical, 'utf8'));
}

/**
 * A history entry's hash links its content to the previous entry of the same record:
 * sha256("gwaje-history-v2|<content hash>|<record seq>|<previous hash>"). The write path computes
 * exactly this text in SQL (HistoryService), so the previous hash is read and used in one statement.
 */
export function historyLinkHash(contentHash: string, recordSeq: number, prevHash: string): string {
  return sha256Hex(`${HISTORY_LINK_PREFIX}|${contentHash}|${recordSeq}|${prevHash}`);
}

/**
 * RFC 9162 §2.1.1 Merkle Tree Hash over the leaves in order: leaf = SHA-256(0x00 || data),
 * node = SHA-256(0x01 || left || right), split at the largest power of two below n. The leaves'
 * data are the entries' 32-byte hashes.
 */
export function merkleRoot(leafHashesHex: readonly string[]): string {
  const tree = new MerkleAccumulator();
  for (const hash of leafHashesHex) tree.push(hash);
  return tree.root();
}

const node = (prefix: 0 | 1, ...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256').update(Buffer.from([prefix]));
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/**
 * The same Merkle Tree Hash, leaf by leaf in O(log n) memory, so a seal of any size streams its
 * entries. The stack holds the roots of complete subtrees of decreasing size (the binary digits of
 * the count); the root folds them from the right, which is the split at the largest power of two.
 */
export class MerkleAccumulator {
  private readonly stack: Array<{ size: number; hash: Buffer }> = [];

  push(leafHashHex: string): void {
    let top = { size: 1, hash: node(0, Buffer.from(leafHashHex, 'hex')) };
    while (this.stack.length && this.stack[this.stack.length - 1].size === top.size) {
      const left = this.stack.pop()!;
      top = { size: left.size * 2, hash: node(1, left.hash, top.hash) };
    }
    this.stack.push(top);
  }

  root(): string {
    if (!this.stack.length) return sha256Hex(Buffer.alloc(0));
    let acc = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = node(1, this.stack[i].hash, acc);
    return acc.toString('hex');
  }
}
