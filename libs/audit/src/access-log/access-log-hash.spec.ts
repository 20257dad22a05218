import { canonicalHash } from '../ledger/ledger-hash.js';
import { accessEntryHash, normaliseAccount } from './access-log.service.js';

describe('accessEntryHash', () => {
  const before = {
    organisationId: '00000000-0000-4000-8000-000000000001',
    userId: '00000000-0000-4000-8000-000000000002',
    action: 'READ',
    recordType: 'task',
    recordId: '00000000-0000-4000-8000-000000000003',
    filter: null,
    reason: null,
    requestId: 'req-1',
    ip: '127.0.0.1',
    occurredAt: new Date('2026-01-05T00:00:00Z'),
  };

  it('keeps the hash of an entry written before account, user agent and result existed', () => {
    const legacy = canonicalHash({ ...before, occurredAt: before.occurredAt.toISOString() });
    expect(accessEntryHash(before)).toBe(legacy);
    expect(accessEntryHash({ ...before, account: null, userAgent: null, result: null })).toBe(
      legacy,
    );
  });

  it('covers account, user agent and result when they are present', () => {
    const full = { ...before, account: 'a@b.kr', userAgent: 'UA/1', result: 'SUCCESS' };
    const hash = accessEntryHash(full);
    expect(hash).not.toBe(accessEntryHash(before));
    expect(accessEntryHash({ ...full, account: 'c@b.kr' })).not.toBe(hash);
    expect(accessEntryHash({ ...full, userAgent: 'UA/2' })).not.toBe(hash);
    expect(accessEntryHash({ ...full, result: 'FAILURE' })).not.toBe(hash);
  });

  it('hashes a failed sign-in of an unknown account (no user id)', () => {
    const unknown = { ...before, userId: null, account: 'nobody@b.kr', result: 'FAILURE' };
    expect(accessEntryHash(unknown)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('normaliseAccount', () => {
  it('compares e-mails as sign-in does', () => {
    expect(normaliseAccount('  Staff@Nowon.GO.kr ')).toBe('staff@nowon.go.kr');
  });
});
