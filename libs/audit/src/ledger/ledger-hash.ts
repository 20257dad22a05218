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
  if (!leafHashesHex.length) return sha256Hex(Buffer.alloc(0));
  let level: Buffer[] = leafHashesHex.map((h) =>
    createHash('sha256')
      .update(Buffer.from([0]))
      .update(Buffer.from(h, 'hex'))
      .digest(),
  );
  // Bottom-up pairing with the odd node carried up unchanged builds the same tree as the
  // recursive split at the largest power of two (RFC 9162's MTH).
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      if (i + 1 === level.length) next.push(level[i]);
      else
        next.push(
          createHash('sha256')
            .update(Buffer.from([1]))
            .update(level[i])
            .update(level[i + 1])
            .digest(),
        );
    }
    level = next;
  }
  return level[0].toString('hex');
}
