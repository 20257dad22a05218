import canonicalize from 'canonicalize';
import { canonicalHash, historyLinkHash } from '../ledger/ledger-hash.js';
import type { Changes } from './history-entry.entity.js';

export interface HistoryContent {
  organisationId: string;
  recordType: string;
  recordId: string;
  action: string;
  actorId: string | null;
  occurredAt: Date;
  changes: Changes;
  reason: string | null;
  /** When a back-dated entry's event happened (it was entered at occurredAt); null when live. */
  effectiveAt?: Date | null;
  /** Why a back-dated entry is entered late. */
  lateEntryReason?: string | null;
}

/** sha256 over the RFC 8785 canonical JSON of what an entry says (not where it sits in its chain). */
export function historyContentHash(e: HistoryContent): string {
  return canonicalHash({
    organisationId: e.organisationId,
    recordType: e.recordType,
    recordId: e.recordId,
    action: e.action,
    actorId: e.actorId,
    occurredAt: e.occurredAt.toISOString(),
    changes: e.changes,
    reason: e.reason,
    // Only back-dated entries carry it, so the hashes of every other entry stay as they were.
    ...(e.effectiveAt
      ? { effectiveAt: e.effectiveAt.toISOString(), lateEntryReason: e.lateEntryReason ?? null }
      : {}),
  });
}

/** The entry's hash: its content linked to its place in the record's chain. */
export function historyEntryHash(e: HistoryContent & { recordSeq: number; prevHash: string }) {
  return historyLinkHash(historyContentHash(e), e.recordSeq, e.prevHash);
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
