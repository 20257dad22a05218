import { createHash } from 'node:crypto';
import {
  diffFields,
  GENESIS_HASH,
  historyEntryHash,
  toJson,
  type HashedEntry,
} from './history-hash.js';

const base: HashedEntry = {
  organisationId: '11111111-1111-4111-8111-111111111111',
  seq: '1',
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
  prevHash: GENESIS_HASH,
};

describe('GENESIS_HASH', () => {
  it('is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });
});

describe('historyEntryHash', () => {
  it('is 64 lowercase hex characters', () => {
    expect(historyEntryHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic', () => {
    expect(historyEntryHash({ ...base })).toBe(historyEntryHash(structuredClone(base)));
  });

  it('is sha256 over the canonical (sorted-key) JSON of the entry', () => {
    // Written out by hand in RFC 8785 order, so a change of the hashed representation shows up.
    const canonical =
      '{"action":"update","actorId":"33333333-3333-4333-8333-333333333333",' +
      '"changes":{"email":{"from":"a@example.kr","to":"b@example.kr"},' +
      '"name":{"from":"김민준","to":"김민수"}},' +
      '"occurredAt":"2025-03-04T05:06:07.089Z",' +
      '"organisationId":"11111111-1111-4111-8111-111111111111",' +
      `"prevHash":"${GENESIS_HASH}",` +
      '"reason":null,"recordId":"22222222-2222-4222-8222-222222222222",' +
      '"recordType":"user","seq":"1"}';
    const expected = createHash('sha256').update(canonical, 'utf8').digest('hex');
    expect(historyEntryHash(base)).toBe(expected);
  });

  it('does not depend on the key order of changes (jsonb reorders keys)', () => {
    const reordered: HashedEntry = {
      ...base,
      changes: {
        email: { to: 'b@example.kr', from: 'a@example.kr' },
        name: { to: '김민수', from: '김민준' },
      },
    };
    expect(Object.keys(reordered.changes)).not.toEqual(Object.keys(base.changes));
    expect(historyEntryHash(reordered)).toBe(historyEntryHash(base));
  });

  it('treats a numeric and a string seq alike (bigint comes back as a string)', () => {
    expect(historyEntryHash({ ...base, seq: 1 as unknown as string })).toBe(historyEntryHash(base));
  });

  const mutations: Array<[string, Partial<HashedEntry>]> = [
    ['organisationId', { organisationId: '44444444-4444-4444-8444-444444444444' }],
    ['seq', { seq: '2' }],
    ['recordType', { recordType: 'department' }],
    ['recordId', { recordId: '55555555-5555-4555-8555-555555555555' }],
    ['action', { action: 'create' }],
    ['actorId', { actorId: null }],
    ['occurredAt', { occurredAt: new Date('2025-03-04T05:06:07.090Z') }],
    [
      'a changes value',
      {
        changes: {
          name: { from: '김민준', to: '김민서' },
          email: { from: 'a@example.kr', to: 'b@example.kr' },
        },
      },
    ],
    ['reason', { reason: '인사 이동' }],
    ['prevHash', { prevHash: 'f'.repeat(64) }],
  ];

  it.each(mutations)('changes when %s changes', (_field, change) => {
    expect(historyEntryHash({ ...base, ...change })).not.toBe(historyEntryHash(base));
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
