import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@gwaje/config';
import { checkpointHash, checkpointStatement, type CheckpointFields } from './checkpoint.js';
import { GENESIS_HASH, merkleRoot } from './ledger-hash.js';
import { LedgerKeys } from './ledger-keys.js';

/** Demo mode is off in the test profile: it needs a secret of its own. */
const TEST_SECRET = 'a-unit-test-secret-of-at-least-32-chars';

const h = (prefix: number, ...parts: Buffer[]) =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from([prefix]), ...parts]))
    .digest();

/** RFC 9162 §2.1.1 MTH written as the RFC states it: recursive split at the largest power of two < n. */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return h(0, leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return h(1, referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

const leaf = (i: number) => createHash('sha256').update(`entry ${i}`).digest();

describe('merkleRoot (RFC 9162)', () => {
  it('is SHA-256 of the empty string for no leaves', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes one leaf with the 0x00 prefix', () => {
    expect(merkleRoot([leaf(0).toString('hex')])).toBe(h(0, leaf(0)).toString('hex'));
  });

  it('hashes three leaves as node(node(l0, l1), l2)', () => {
    const [a, b, c] = [0, 1, 2].map(leaf);
    const expected = h(1, h(1, h(0, a), h(0, b)), h(0, c));
    expect(merkleRoot([a, b, c].map((x) => x.toString('hex')))).toBe(expected.toString('hex'));
  });

  it.each([2, 5, 6, 7, 8, 9, 13, 31, 64, 100])(
    'matches the recursive definition for %i leaves',
    (n) => {
      const leaves = Array.from({ length: n }, (_, i) => leaf(i));
      expect(merkleRoot(leaves.map((x) => x.toString('hex')))).toBe(
        referenceRoot(leaves).toString('hex'),
      );
    },
  );

  it('changes when a leaf changes, is removed or the order changes', () => {
    const leaves = [0, 1, 2, 3, 4].map((i) => leaf(i).toString('hex'));
    const root = merkleRoot(leaves);
    expect(merkleRoot([...leaves.slice(0, 4), leaf(9).toString('hex')])).not.toBe(root);
    expect(merkleRoot(leaves.slice(0, 4))).not.toBe(root);
    expect(merkleRoot([leaves[1], leaves[0], ...leaves.slice(2)])).not.toBe(root);
  });
});

describe('checkpoint signing', () => {
  const fields: CheckpointFields = {
    ledger: 'history',
    organisationId: '11111111-1111-4111-8111-111111111111',
    seq: 1,
    txidFrom: '0',
    txidTo: '1234',
    firstEntryId: '1',
    lastEntryId: '3',
    firstOccurredAt: '2026-01-01T00:00:00.000Z',
    lastOccurredAt: '2026-01-01T00:00:01.000Z',
    treeSize: 3,
    rootHash: 'ab'.repeat(32),
    prevHash: GENESIS_HASH,
    sealedAt: '2026-01-01T00:01:00.000Z',
    keyId: '',
  };

  function keysIn(dir: string, files: { signing?: string; public?: string }): LedgerKeys {
    const config = loadConfig({ env: { NODE_ENV: 'test', JWT_SECRET: TEST_SECRET } });
    config.ledger.signingKeyFile = files.signing ? join(dir, files.signing) : '';
    config.ledger.publicKeyFile = files.public ? join(dir, files.public) : '';
    return new LedgerKeys(config);
  }

  function keyFiles() {
    const dir = mkdtempSync(join(tmpdir(), 'gwaje-ledger-'));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    const other = generateKeyPairSync('ed25519');
    writeFileSync(join(dir, 'other.pem'), other.publicKey.export({ type: 'spki', format: 'pem' }));
    return dir;
  }

  it('signs the canonical statement; the public key alone verifies it; any change fails', () => {
    const dir = keyFiles();
    const signer = keysIn(dir, { signing: 'key.pem' });
    const verifier = keysIn(dir, { public: 'pub.pem' });
    expect(verifier.canSign()).toBe(false);
    const signed = { ...fields, keyId: signer.signingKeyId() };
    const signature = signer.sign(checkpointStatement(signed));
    expect(verifier.verify(checkpointStatement(signed), signed.keyId, signature)).toBe(true);
    const tampered = { ...signed, treeSize: 4 };
    expect(verifier.verify(checkpointStatement(tampered), signed.keyId, signature)).toBe(false);
    expect(checkpointHash(tampered)).not.toBe(checkpointHash(signed));
  });

  it('refuses a signature by another key', () => {
    const dir = keyFiles();
    const signer = keysIn(dir, { signing: 'key.pem' });
    const stranger = keysIn(dir, { public: 'other.pem' });
    const signed = { ...fields, keyId: signer.signingKeyId() };
    const signature = signer.sign(checkpointStatement(signed));
    expect(stranger.verify(checkpointStatement(signed), signed.keyId, signature)).toBe(false);
  });

  it('refuses to start a production worker without a key, warns elsewhere', () => {
    const dir = keyFiles();
    const keys = keysIn(dir, {});
    const config = loadConfig({ env: { NODE_ENV: 'test', JWT_SECRET: TEST_SECRET } });
    expect(() => keys.requireSigningKey({ ...config, env: 'production' })).toThrow(
      /LEDGER_SIGNING_KEY_FILE/,
    );
    expect(() => keys.requireSigningKey(config)).not.toThrow();
  });
});
