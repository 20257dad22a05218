import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HistoryVerifierService, LedgerSealerService } from '@gwaje/audit';
import { ALL_MIGRATIONS, dataSourceOptions, runMigrations } from '@gwaje/db';
import { createSeedContext } from '../apps/api/src/cli/seed-context.js';
import { databaseEnv, testConfig } from './support/app.js';
import { PrivateDatabase } from './support/private-database.js';

/**
 * An installation from before ledger v2 (one hash chain per organisation, an unpartitioned access
 * log) is upgraded: the migration re-bases the organisation chain into record chains and the access
 * log into monthly partitions with entry hashes; the first seal covers all of it; verify is green.
 */
describe('ledger v2 upgrade of an existing database', () => {
  const db = new PrivateDatabase('upgrade');
  const owner = db.owner;
  afterAll(() => db.drop());

  it('re-bases the old chains, seals them into a first checkpoint and verifies intact', async () => {
    await db.create();
    const before = ALL_MIGRATIONS.findIndex((m) => m.name === 'LedgerV21795400000000');
    expect(before).toBeGreaterThan(0);
    const old = new DataSource({
      ...dataSourceOptions(testConfig(databaseEnv(db.url)), db.url, { admin: true }),
      migrations: ALL_MIGRATIONS.slice(0, before),
    });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    await old.destroy();

    // Data as the old code wrote it: one organisation chain (seq 1…5) over two records.
    await db.connect();
    const { org, user } = await db.organisation('옛 기관', 'old@upgrade.gwaje.kr');
    const records = ['rec-a', 'rec-b', 'rec-a', 'rec-a', 'rec-b'];
    let prev = '0'.repeat(64);
    for (const [i, recordId] of records.entries()) {
      const hash = createHash('sha256').update(`old ${i} ${prev}`).digest('hex');
      await owner.query(
        `INSERT INTO history (organisation_id, seq, record_type, record_id, action, actor_id, occurred_at, changes, reason, prev_hash, hash)
         VALUES ($1, $2, 'thing', $3, 'update', $4, now() - interval '1 day', $5, NULL, $6, $7)`,
        [org, i + 1, recordId, user, JSON.stringify({ n: { from: i, to: i + 1 } }), prev, hash],
      );
      prev = hash;
    }
    await owner.query(
      `INSERT INTO access_log (organisation_id, user_id, action, record_type, record_id, occurred_at)
       VALUES ($1, $2, 'READ', 'thing', 'rec-a', now() - interval '40 days'), ($1, $2, 'LIST', 'thing', NULL, now())`,
      [org, user],
    );

    const config = testConfig(databaseEnv(db.url));
    await runMigrations(config, db.url);

    const { rows } = await owner.query(
      `SELECT record_id, record_seq, prev_hash, hash FROM history WHERE organisation_id = $1 ORDER BY id`,
      [org],
    );
    expect(rows.map((r) => [r.record_id, r.record_seq])).toEqual([
      ['rec-a', 1],
      ['rec-b', 1],
      ['rec-a', 2],
      ['rec-a', 3],
      ['rec-b', 2],
    ]);
    expect(rows[2].prev_hash).toBe(rows[0].hash);
    const access = await owner.query(
      `SELECT tableoid::regclass::text AS part, hash FROM access_log WHERE organisation_id = $1 ORDER BY id`,
      [org],
    );
    expect(access.rows).toHaveLength(2);
    for (const r of access.rows) {
      expect(r.part).toMatch(/^access_log_\d{6}$/);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }

    const context = await createSeedContext(config);
    try {
      // Other databases' transactions on the same server can hold the sealing horizon back a moment.
      let sealed: Awaited<ReturnType<LedgerSealerService['sealAll']>> = [];
      for (const end = Date.now() + 20_000; sealed.length < 2 && Date.now() < end;) {
        sealed = [...sealed, ...(await context.get(LedgerSealerService).sealAll())];
        if (sealed.length < 2) await new Promise((r) => setTimeout(r, 100));
      }
      expect(sealed.filter((s) => s.organisationId === org)).toEqual([
        expect.objectContaining({ ledger: 'history', seq: 1, treeSize: 5 }),
        expect.objectContaining({ ledger: 'access_log', seq: 1, treeSize: 2 }),
      ]);
      const report = await context.get(HistoryVerifierService).verify([org]);
      expect(report).toMatchObject({
        intact: true,
        checkedEntries: 7,
        checkedCheckpoints: 2,
        unsealedEntries: 0,
        problems: [],
      });
    } finally {
      await context.close();
    }
  });
});
