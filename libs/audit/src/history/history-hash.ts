import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Changes } from './history-entry.entity.js';

/** prevHash of the first entry of every organisation's chain. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedEntry {
  organisationId: string;
  seq: string;
  recordType: string;
  recordId: string;
  action: string;
  actorId: string | null;
  occurredAt: Date;
  changes: Changes;
  reason: string | null;
  prevHash: string;
}

/**
 * sha256 over the RFC 8785 canonical JSON of every field of the entry, including the previous
 * entry's hash. Canonical JSON matters: Postgres jsonb does not keep key order, so hashing
 * whatever order the driver returns would break the chain on read-back.
 */
export function historyEntryHash(e: HashedEntry): string {
  const canonical = canonicalize({
    organisationId: e.organisationId,
    seq: String(e.seq),
    recordType: e.recordType,
    recordId: e.recordId,
    action: e.action,
    actorId: e.actorId,
    occurredAt: e.occurredAt.toISOString(),
    changes: e.changes,
    reason: e.reason,
    prevHash: e.prevHash,
  });
  if (canonical === undefined) throw new Error('history entry cannot be serialised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * The fields that differ between two snapshots, as before → after. Values go through JSON so that
 * what is hashed is exactly what jsonb stores (dates become ISO strings, undefined is dropped).
 */
export function diffFields<T extends object>(
  before: Partial<T> | null,
  after: Partial<T>,
  fields: Array<keyof T & string>,
): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const from = toJson(before?.[field]);
    const to = toJson(after[field]);
    // Canonical comparison: objects read back from jsonb may list their keys in another order.
    if (canonicalize(from) !== canonicalize(to)) changes[field] = { from, to };
  }
  return changes;
}

export function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}
