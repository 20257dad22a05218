import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { GENESIS_HASH } from '../ledger/ledger-hash.js';
import { diffFields, historyContentHash, historyEntryHash, toJson } from './history-hash.js';

const base = {
  organisationId: '11111111-1111-4111-8111-111111111111',
  recordType: 'user',
  recordId: '22222222-2222-4222-8222-222222222222',
  action: 'update',
  actorId: '33333333-3333-4333-8333-333333333333',
  occurredAt: new Date('2025-03-04T05:06:07.089Z'),
  changes: {
    name: { from: '김민준', to: '김민수' },
    email: { from: 'a@example.kr', to: 'b@example.kr' },
  },
  reason: null,
  recordSeq: 1,
  prevHash: GENESIS_HASH,
};

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('historyContentHash', () => {
  it('is sha256 over the canonical (sorted-key) JSON of what the entry says', () => {
    const expected = sha(
      '{"action":"update","actorId":"33333333-3333-4333-8333-333333333333",' +
        '"changes":{"email":{"from":"a@example.kr","to":"b@example.kr"},"name":{"from":"김민준","to":"김민수"}},' +
        '"occurredAt":"2025-03-04T05:06:07.089Z","organisationId":"11111111-1111-4111-8111-111111111111",' +
        '"reason":null,"recordId":"22222222-2222-4222-8222-222222222222","recordType":"user"}',
    );
    expect(historyContentHash(base)).toBe(expected);
  });

  it('does not depend on the key order of changes (jsonb reorders keys)', () => {
    const reordered = {
      ...base,
      changes: { email: base.changes.email, name: { to: '김민수', from: '김민준' } },
    };
    expect(historyContentHash(reordered)).toBe(historyContentHash(base));
  });

  it('changes with any field', () => {
    const h = historyContentHash(base);
    expect(historyContentHash({ ...base, reason: 'x' })).not.toBe(h);
    expect(historyContentHash({ ...base, actorId: null })).not.toBe(h);
    expect(
      historyContentHash({ ...base, occurredAt: new Date('2025-03-04T05:06:07.090Z') }),
    ).not.toBe(h);
  });
});

describe('historyContentHash of a back-dated entry (사후 입력)', () => {
  it('covers when it happened and why it is entered late; a live entry hashes as before', () => {
    const late = {
      ...base,
      effectiveAt: new Date('2025-02-01T15:00:00.000Z'),
      lateEntryReason: '2025년 종이 대장에서 옮겨 적음',
    };
    const h = historyContentHash(late);
    expect(h).not.toBe(historyContentHash(base));
    expect(historyContentHash({ ...late, lateEntryReason: '다른 사유' })).not.toBe(h);
    expect(
      historyContentHash({ ...late, effectiveAt: new Date('2025-02-02T15:00:00.000Z') }),
    ).not.toBe(h);
    // Entries written before the columns existed (and every live one) carry neither.
    expect(historyContentHash({ ...base, effectiveAt: null, lateEntryReason: null })).toBe(
      historyContentHash(base),
    );
  });
});

describe('historyEntryHash', () => {
  it('links the content hash to the place in the record chain, as the SQL write path does', () => {
    const content = historyContentHash(base);
    expect(historyEntryHash(base)).toBe(sha(`gwaje-history-v2|${content}|1|${GENESIS_HASH}`));
  });

  it('differs with the record seq and the previous hash', () => {
    const h = historyEntryHash(base);
    expect(historyEntryHash({ ...base, recordSeq: 2 })).not.toBe(h);
    expect(historyEntryHash({ ...base, prevHash: 'a'.repeat(64) })).not.toBe(h);
  });

  it('canonicalize is RFC 8785 (sorted keys, no spaces)', () => {
    expect(canonicalize({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
  });
});

describe('diffFields', () => {
  interface Rec {
    name: string;
    email: string;
    active: boolean;
    lockedUntil: Date | null;
    note?: string;
    secret: string;
  }

  const before: Rec = {
    name: '김민준',
    email: 'a@example.kr',
    active: true,
    lockedUntil: null,
    secret: 'x',
  };

  it('returns only the changed fields, as from/to', () => {
    const after: Rec = { ...before, name: '김민수', active: false };
    expect(diffFields(before, after, ['name', 'email', 'active'])).toEqual({
      name: { from: '김민준', to: '김민수' },
      active: { from: true, to: false },
    });
  });

  it('returns an empty object when nothing listed changed', () => {
    expect(diffFields(before, { ...before }, ['name', 'email', 'active', 'lockedUntil'])).toEqual(
      {},
    );
  });

  it('ignores fields that are not listed', () => {
    const after: Rec = { ...before, secret: 'y', name: '김민수' };
    expect(diffFields(before, after, ['name'])).toEqual({
      name: { from: '김민준', to: '김민수' },
    });
  });

  it('stores dates as ISO strings', () => {
    const after: Rec = { ...before, lockedUntil: new Date('2025-01-02T03:04:05.000Z') };
    expect(diffFields(before, after, ['lockedUntil'])).toEqual({
      lockedUntil: { from: null, to: '2025-01-02T03:04:05.000Z' },
    });
  });

  it('sees no change between a Date and the same instant', () => {
    const a: Partial<Rec> = { lockedUntil: new Date('2025-01-02T03:04:05.000Z') };
    const b: Partial<Rec> = { lockedUntil: new Date('2025-01-02T03:04:05.000Z') };
    expect(diffFields(a, b, ['lockedUntil'])).toEqual({});
  });

  it('treats undefined as null', () => {
    const withUndefined: Partial<Rec> = { note: undefined, lockedUntil: undefined };
    expect(diffFields<Rec>(withUndefined, { note: 'memo' }, ['note'])).toEqual({
      note: { from: null, to: 'memo' },
    });
    expect(diffFields<Rec>(withUndefined, { lockedUntil: null }, ['note', 'lockedUntil'])).toEqual(
      {},
    );
  });

  it('on create (before = null) gives from: null for every listed field', () => {
    const after: Rec = {
      name: '김민준',
      email: 'a@example.kr',
      active: true,
      lockedUntil: null,
      secret: 'x',
    };
    expect(diffFields<Rec>(null, after, ['name', 'email', 'active'])).toEqual({
      name: { from: null, to: '김민준' },
      email: { from: null, to: 'a@example.kr' },
      active: { from: null, to: true },
    });
  });
});

describe('toJson', () => {
  it('maps undefined to null', () => {
    expect(toJson(undefined)).toBeNull();
  });

  it('turns a Date into its ISO string', () => {
    expect(toJson(new Date('2025-06-01T00:00:00.000Z'))).toBe('2025-06-01T00:00:00.000Z');
  });

  it('drops undefined properties and keeps the rest as plain JSON', () => {
    expect(toJson({ a: 1, b: undefined, c: [1, 'x'], d: null })).toEqual({
      a: 1,
      c: [1, 'x'],
      d: null,
    });
    expect(Object.keys(toJson({ a: 1, b: undefined }) as object)).toEqual(['a']);
  });
});
