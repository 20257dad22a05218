import { HistoryService, LedgerSealerService } from '@gwaje/audit';
import { TransactionService } from '@gwaje/db';
import { startApi, type TestApi } from './support/app.js';
import { Factory, login } from './support/factory.js';
import { sealSettled } from './support/ledger.js';

/**
 * The audit ledger v2 (issue 15): record chains written without an organisation-wide lock, signed
 * checkpoints, and a verify that catches what a database superuser can do behind the API's back.
 */
describe('history: record chains, signed checkpoints, verify that verifies', () => {
  const factory = new Factory();
  let api: TestApi;
  let sealer: LedgerSealerService;

  beforeAll(async () => {
    api = await startApi();
    sealer = api.app.get(LedgerSealerService);
  });
  afterAll(async () => {
    await api?.close();
    await factory.close();
  });

  /** An organisation with three updates of one user (one record chain of three entries), sealed. */
  async function sealedOrg() {
    const world = await factory.world(['ADMIN', 'AUDITOR', 'STAFF']);
    const admin = (await login(api.http, world.users.ADMIN)).accessToken;
    const auditor = (await login(api.http, world.users.AUDITOR)).accessToken;
    for (const grade of ['행정8급', '행정7급', '행정6급']) {
      const current = await api.http.get(`/api/v1/users/${world.users.STAFF.id}`, {
        token: admin,
      });
      await api.http.patch(
        `/api/v1/users/${world.users.STAFF.id}`,
        { version: current.body.version, grade },
        { token: admin },
      );
    }
    await sealUntilDone(world.org.id);
    return { ...world, admin, auditor };
  }

  const sealUntilDone = (orgId: string) => sealSettled(sealer, factory.db, orgId);

  /** What a database superuser can do: turn the append-only triggers off for the session and write. */
  async function asSuperuser(sql: string, params: unknown[] = []) {
    const client = await factory.db.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(sql, params);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }

  async function chain(orgId: string, recordId: string) {
    const { rows } = await factory.db.query(
      `SELECT id::text, record_seq, prev_hash, hash FROM history
        WHERE organisation_id = $1 AND record_id = $2 ORDER BY record_seq`,
      [orgId, recordId],
    );
    return rows as Array<{ id: string; record_seq: number; prev_hash: string; hash: string }>;
  }

  /** Appends an entry in a transaction that commits at once, or with `hold` only once released. */
  async function writeEntry(orgId: string, recordId: string, opts: { hold?: boolean } = {}) {
    const tx = api.app.get(TransactionService);
    const history = api.app.get(HistoryService);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const committed = tx.run(async (t) => {
      await history.record(t, {
        organisationId: orgId,
        recordType: 'test',
        recordId,
        action: 'update',
        actorId: null,
      });
      written();
      if (opts.hold) await held;
    });
    await wrote;
    return { release, committed };
  }

  async function verify(token: string) {
    const report = await api.http.get('/api/v1/history/verify', { token });
    expect(report.status).toBe(200);
    return report.body;
  }

  it('chains a record’s entries, seals them into a signed checkpoint and verifies intact', async () => {
    const { org, users, auditor } = await sealedOrg();
    const entries = await chain(org.id, users.STAFF.id);
    expect(entries.map((e) => e.record_seq)).toEqual([1, 2, 3]);
    expect(entries[1].prev_hash).toBe(entries[0].hash);
    expect(entries[2].prev_hash).toBe(entries[1].hash);

    const report = await verify(auditor);
    expect(report).toMatchObject({
      intact: true,
      signaturesChecked: true,
      unsealedEntries: 0,
      firstBroken: null,
      problems: [],
    });
    expect(report.checkedCheckpoints).toBeGreaterThanOrEqual(1);
    const history = await api.http.get(
      `/api/v1/history?recordType=user&recordId=${users.STAFF.id}`,
      { token: auditor },
    );
    expect(history.body.map((h: any) => [h.recordSeq, h.changes.grade])).toEqual([
      [1, { from: '', to: '행정8급' }],
      [2, { from: '행정8급', to: '행정7급' }],
      [3, { from: '행정7급', to: '행정6급' }],
    ]);

    const checkpoints = await api.http.get('/api/v1/history/checkpoints?ledger=history', {
      token: auditor,
    });
    expect(checkpoints.status).toBe(200);
    expect(checkpoints.body[0]).toMatchObject({ ledger: 'history', organisationId: org.id });
    // The three entries may span checkpoints: a transaction anywhere on the server (suites run in
    // parallel) can hold the sealing horizon back between two seals.
    const sealed = (checkpoints.body as Array<{ treeSize: number }>).reduce(
      (n, c) => n + c.treeSize,
      0,
    );
    expect(sealed).toBeGreaterThanOrEqual(3);
    const key = await api.http.get('/api/v1/history/public-key', { token: auditor });
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: checkpoints.body[0].keyId });

    // The export verifies with nothing but node:crypto and the public key.
    const exported = await api.http.get('/api/v1/history/checkpoints/latest', { token: auditor });
    expect(exported.status).toBe(200);
    const { verify: ed25519Verify, createPublicKey } = await import('node:crypto');
    expect(
      ed25519Verify(
        null,
        Buffer.from(exported.body.statement),
        createPublicKey(exported.body.publicKey.pem),
        Buffer.from(exported.body.checkpoint.signature, 'base64'),
      ),
    ).toBe(true);
    expect(JSON.parse(exported.body.statement).rootHash).toBe(exported.body.checkpoint.rootHash);
  });

  it('catches an entry rewritten behind the API’s back and names it', async () => {
    const { org, users, auditor } = await sealedOrg();
    const [, victim] = await chain(org.id, users.STAFF.id);
    await expect(
      factory.db.query(`UPDATE history SET reason = 'x' WHERE id = $1`, [victim.id]),
    ).rejects.toThrow(/append-only/);
    await asSuperuser(
      `UPDATE history SET changes = '{"grade":{"from":"행정8급","to":"행정1급"}}' WHERE id = $1`,
      [victim.id],
    );
    const report = await verify(auditor);
    expect(report.intact).toBe(false);
    expect(report.firstBroken).toMatchObject({
      problem: 'ENTRY_REWRITTEN',
      ledger: 'history',
      organisationId: org.id,
      entryId: victim.id,
      recordSeq: 2,
    });
  });

  it('catches a rewrite whose tamperer recomputed every later hash (the checkpoint’s root)', async () => {
    const { org, users, auditor } = await sealedOrg();
    const entries = await chain(org.id, users.STAFF.id);
    // Rewrite entry 2 and recompute its hash and entry 3's link and hash, as the verifier would.
    const { historyEntryHash } = await import('@gwaje/audit');
    const { rows } = await factory.db.query(
      `SELECT id::text, record_type, record_id, record_seq, action, actor_id, occurred_at, changes, reason
         FROM history WHERE id = ANY($1::bigint[]) ORDER BY record_seq`,
      [[entries[1].id, entries[2].id]],
    );
    let prev = entries[0].hash;
    for (const r of rows) {
      const changes =
        r.record_seq === 2 ? { grade: { from: '행정8급', to: '행정1급' } } : r.changes;
      const hash = historyEntryHash({
        organisationId: org.id,
        recordType: r.record_type,
        recordId: r.record_id,
        action: r.action,
        actorId: r.actor_id,
        occurredAt: r.occurred_at,
        changes,
        reason: r.reason,
        recordSeq: r.record_seq,
        prevHash: prev,
      });
      await asSuperuser(
        `UPDATE history SET changes = $2, prev_hash = $3, hash = $4 WHERE id = $1`,
        [r.id, JSON.stringify(changes), prev, hash],
      );
      prev = hash;
    }
    const report = await verify(auditor);
    expect(report.intact).toBe(false);
    // Entries 2 and 3 are usually sealed in one checkpoint; a worker of a suite running beside this
    // one may seal the organisation first and split them over two, whose roots then both fail.
    const problems = report.problems.map((p: any) => p.problem);
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(new Set(problems)).toEqual(new Set(['ROOT_MISMATCH']));
    expect(report.firstBroken).toMatchObject({ ledger: 'history', checkpointSeq: 1 });
  });

  it('catches a deleted entry in the middle of a chain, and the newest sealed one', async () => {
    const { org, users, auditor } = await sealedOrg();
    const entries = await chain(org.id, users.STAFF.id);
    await asSuperuser(`DELETE FROM history WHERE id = $1`, [entries[0].id]);
    let report = await verify(auditor);
    expect(report.firstBroken).toMatchObject({ problem: 'ENTRY_DELETED', entryId: entries[1].id });

    const other = await sealedOrg();
    const newest = (await chain(other.org.id, other.users.STAFF.id))[2];
    await asSuperuser(`DELETE FROM history WHERE id = $1`, [newest.id]);
    report = await verify(other.auditor);
    // The record chain alone still looks whole; the checkpoint counted three.
    expect(report.intact).toBe(false);
    expect(report.firstBroken).toMatchObject({
      problem: 'ENTRY_DELETED',
      ledger: 'history',
      checkpointSeq: 1,
    });
  });

  it('catches an entry inserted into a sealed range', async () => {
    const { org, users, auditor } = await sealedOrg();
    const [first] = await chain(org.id, users.STAFF.id);
    await asSuperuser(
      `INSERT INTO history (organisation_id, record_type, record_id, record_seq, action, actor_id,
                            occurred_at, changes, reason, prev_hash, hash, txid)
       SELECT organisation_id, 'user', gen_random_uuid()::text, 1, 'create', actor_id, occurred_at,
              '{}', NULL, prev_hash, hash, txid
         FROM history WHERE id = $1`,
      [first.id],
    );
    const report = await verify(auditor);
    expect(report.intact).toBe(false);
    expect(report.problems.map((p: any) => p.problem)).toEqual(
      expect.arrayContaining(['ENTRY_INSERTED']),
    );
  });

  it('catches a forged checkpoint (fields changed, re-hashed, not re-signable) and a removed one', async () => {
    const { org, auditor, admin, users } = await sealedOrg();
    // A second checkpoint after one more change.
    const current = await api.http.get(`/api/v1/users/${users.STAFF.id}`, { token: admin });
    await api.http.patch(
      `/api/v1/users/${users.STAFF.id}`,
      { version: current.body.version, grade: '행정5급' },
      { token: admin },
    );
    await sealUntilDone(org.id);
    const { checkpointHash } = await import('@gwaje/audit');
    const { rows } = await factory.db.query(
      `SELECT * FROM ledger_checkpoints WHERE organisation_id = $1 AND ledger = 'history' ORDER BY seq`,
      [org.id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const c = rows[1];
    const forgedRoot = 'f'.repeat(64);
    const forgedHash = checkpointHash({
      ledger: 'history',
      organisationId: org.id,
      seq: c.seq,
      txidFrom: String(c.txid_from),
      txidTo: String(c.txid_to),
      firstEntryId: String(c.first_entry_id),
      lastEntryId: String(c.last_entry_id),
      firstOccurredAt: c.first_occurred_at.toISOString(),
      lastOccurredAt: c.last_occurred_at.toISOString(),
      treeSize: c.tree_size,
      rootHash: forgedRoot,
      prevHash: c.prev_hash,
      sealedAt: c.sealed_at.toISOString(),
      keyId: c.key_id,
    });
    await asSuperuser(`UPDATE ledger_checkpoints SET root_hash = $2, hash = $3 WHERE id = $1`, [
      c.id,
      forgedRoot,
      forgedHash,
    ]);
    let report = await verify(auditor);
    expect(report.firstBroken).toMatchObject({ problem: 'CHECKPOINT_FORGED', checkpointSeq: 2 });

    await asSuperuser(`DELETE FROM ledger_checkpoints WHERE id = $1`, [rows[0].id]);
    report = await verify(auditor);
    expect(report.problems.map((p: any) => [p.problem, p.checkpointSeq])).toEqual(
      expect.arrayContaining([['CHECKPOINT_REMOVED', 2]]),
    );
  });

  it('catches a rewritten access record', async () => {
    const { org, auditor, admin, users } = await sealedOrg();
    await api.http.get(`/api/v1/history?recordType=user&recordId=${users.STAFF.id}`, {
      token: admin,
    });
    await sealUntilDone(org.id);
    const { rows } = await factory.db.query(
      `SELECT id FROM access_log WHERE organisation_id = $1 ORDER BY id DESC LIMIT 1`,
      [org.id],
    );
    expect(rows).toHaveLength(1);
    await asSuperuser(`UPDATE access_log SET record_id = 'someone-else' WHERE id = $1`, [
      rows[0].id,
    ]);
    const report = await verify(auditor);
    expect(report.firstBroken).toMatchObject({
      problem: 'ENTRY_REWRITTEN',
      ledger: 'access_log',
      entryId: String(rows[0].id),
    });
  });

  it('never skips an entry whose transaction commits after a seal', async () => {
    const { org, auditor } = await sealedOrg();
    const slow = await writeEntry(org.id, 'slow', { hold: true });
    // A later writer commits first; its id is higher than the slow entry's.
    await (
      await writeEntry(org.id, 'fast')
    ).committed;
    await sealer.seal('history', org.id);
    slow.release();
    await slow.committed;
    await sealUntilDone(org.id);
    const { rows } = await factory.db.query(
      `SELECT h.record_id, c.seq FROM history h JOIN ledger_checkpoints c
          ON c.ledger = 'history' AND c.organisation_id = h.organisation_id
         AND h.txid >= c.txid_from AND h.txid < c.txid_to
        WHERE h.organisation_id = $1 AND h.record_type = 'test'`,
      [org.id],
    );
    expect(rows.map((r) => r.record_id).sort()).toEqual(['fast', 'slow']);
    const report = await verify(auditor);
    expect(report).toMatchObject({ intact: true, unsealedEntries: 0 });
  });

  it('lets two writers of different records of one organisation proceed without waiting for each other', async () => {
    const world = await factory.world(['AUDITOR']);
    const first = await writeEntry(world.org.id, 'a', { hold: true });
    // With an organisation-wide lock this would wait for `first`, which only ends when released.
    const fallback = setTimeout(first.release, 20_000);
    await (
      await writeEntry(world.org.id, 'b')
    ).committed;
    const { rows } = await factory.db.query(
      `SELECT record_id FROM history WHERE organisation_id = $1 AND record_type = 'test'`,
      [world.org.id],
    );
    // The second committed while the first was still open.
    expect(rows.map((r) => r.record_id)).toEqual(['b']);
    first.release();
    clearTimeout(fallback);
    await first.committed;
  });

  it('keeps each record chain gapless under concurrent writers, and writes nothing when the change fails', async () => {
    const world = await factory.world(['ADMIN', 'AUDITOR']);
    const admin = (await login(api.http, world.users.ADMIN)).accessToken;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api.http.post(
          '/api/v1/departments',
          { organisationId: world.org.id, name: `동시부서 ${i}`, kind: 'TEAM' },
          { token: admin },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const count = async () =>
      Number(
        (
          await factory.db.query(`SELECT count(*) FROM history WHERE organisation_id = $1`, [
            world.org.id,
          ])
        ).rows[0].count,
      );
    const before = await count();
    const refused = await api.http.patch(
      `/api/v1/departments/${world.dept.id}`,
      { version: 7, name: '새 이름' },
      { token: admin },
    );
    expect(refused.status).toBe(409);
    expect(await count()).toBe(before);
    await sealUntilDone(world.org.id);
    const auditor = (await login(api.http, world.users.AUDITOR)).accessToken;
    expect((await verify(auditor)).intact).toBe(true);
  });

  it('lets an ADMIN verify the organisations it administers, and an AUDITOR only its own', async () => {
    const parent = await factory.world(['ADMIN', 'AUDITOR']);
    const child = await factory.org({ parentId: parent.org.id });
    const admin = (await login(api.http, parent.users.ADMIN)).accessToken;
    await api.http.post(
      '/api/v1/departments',
      { organisationId: child.id, name: '하위 부서', kind: 'TEAM' },
      { token: admin },
    );
    const orgsOf = (report: any) =>
      [...new Set(report.ledgers.map((l: any) => l.organisationId))].sort();
    expect(orgsOf(await verify(admin))).toEqual([parent.org.id, child.id].sort());
    const auditor = (await login(api.http, parent.users.AUDITOR)).accessToken;
    expect(orgsOf(await verify(auditor))).toEqual([parent.org.id]);
    // Another organisation's checkpoint export is not visible to this auditor.
    const elsewhere = await factory.world(['AUDITOR']);
    const notMine = await api.http.get(
      `/api/v1/history/checkpoints/latest?organisationId=${elsewhere.org.id}`,
      { token: auditor },
    );
    expect(notMine.status).toBe(404);
  });
});
